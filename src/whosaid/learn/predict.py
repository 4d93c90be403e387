"""Tagger-only predictions for a JSONL of articles (no spaCy, no rules; the model's ``min_score`` applied after
linking), in the scorer's format.

    python -m whosaid.learn.predict ARTICLES.jsonl PRED.jsonl [--model DIR] [--batch-articles N]

Each output line is ``{"id", "attributions": [{"source", "cue", "content", "kind", "confidence"}]}`` with
spans as ``{"start", "end", "text"}``; score it with ``shared/tools/score.py polnearjsonl``.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Iterable, Iterator
from typing import Any

from ..pipeline.attribution.link import Linked, keep_confident, link_spans
from ..pipeline.attribution.onnx import OnnxTagger

__all__ = ["predict_rows", "main"]


def _span(text: str, x: tuple[int, int, float] | None) -> dict[str, Any] | None:
    return None if x is None else {"start": x[0], "end": x[1], "text": text[x[0] : x[1]]}


def _row(text: str, linked: list[Linked]) -> list[dict[str, Any]]:
    from ..pipeline.attribution.tagger import attribution_kind

    out = []
    for a in linked:
        parts = [x for x in (a.source, a.cue, a.content) if x is not None]
        out.append(
            {
                "source": _span(text, a.source),
                "cue": _span(text, a.cue),
                "content": _span(text, a.content),
                "kind": attribution_kind(text, a.content[:2] if a.content else None, a.cue[:2] if a.cue else None),
                "confidence": round(sum(x[2] for x in parts) / len(parts), 4) if parts else 0.0,
            }
        )
    return out


def predict_rows(
    tagger: OnnxTagger,
    rows: Iterable[dict[str, Any]],
    batch_articles: int = 8,
) -> Iterator[dict[str, Any]]:
    """``{"id", "attributions"}`` per input row (``id``/``text`` fields), in input order."""
    buf: list[dict[str, Any]] = []

    def flush() -> Iterator[dict[str, Any]]:
        preds = tagger.predict([r["text"] for r in buf])
        for r, p in zip(buf, preds):
            linked = keep_confident(link_spans(r["text"], p["source"], p["cue"], p["content"]), tagger.min_score)
            yield {"id": r.get("id"), "attributions": _row(r["text"], linked)}
        buf.clear()

    for row in rows:
        buf.append(row)
        if len(buf) >= batch_articles:
            yield from flush()
    if buf:
        yield from flush()


def main(argv: list[str] | None = None) -> int:
    """``python -m whosaid.learn.predict ARTICLES OUT``: tag articles with the model; returns the exit code."""
    ap = argparse.ArgumentParser(prog="python -m whosaid.learn.predict", description=__doc__.split("\n")[0])
    ap.add_argument("articles")
    ap.add_argument("out")
    ap.add_argument("--model", default=None, help="model folder (default: the shipped one)")
    ap.add_argument("--batch-articles", type=int, default=8)
    args = ap.parse_args(argv)
    tagger = OnnxTagger(args.model)
    with open(args.articles, encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    t0 = time.time()
    with open(args.out, "w", encoding="utf-8") as out:
        for rec in predict_rows(tagger, rows, args.batch_articles):
            out.write(json.dumps(rec, ensure_ascii=False) + "\n")
    secs = time.time() - t0
    words = sum(len(r["text"].split()) for r in rows)
    print(
        json.dumps({"articles": len(rows), "seconds": round(secs, 1), "words_per_s": round(words / secs)}),
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
