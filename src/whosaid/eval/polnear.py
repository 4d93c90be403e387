"""PolNeAR evaluation: run the pipeline over the gold articles and score source/cue/content spans."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

import numpy as np

from ..model import Analysis, Article, Span
from ..options import Options
from ..readers.layout import unwrap_lines
from .jsonl import jsonl_rows
from .metrics import AttributionScore, Pair, matched_records, score_document

__all__ = ["GoldDoc", "read_polnear", "evaluate_polnear", "PolnearResult"]

# An article covered by one "Discuss" span and left unannotated (see ../shared/data/README.md).
UNANNOTATED = frozenset({"breitbart_2016-06-29_donald-trump-denies-mike-tyson-i"})


@dataclass(frozen=True)
class GoldDoc:
    article: Article
    attributions: list[dict[str, Pair | None]]


def _outer(span: dict | None) -> Pair | None:
    if not span:
        return None
    frags = span.get("fragments")
    if frags:
        return min(f[0] for f in frags), max(f[1] for f in frags)
    return int(span["start"]), int(span["end"])


def read_polnear(path: str | Path, *, limit: int | None = None) -> list[GoldDoc]:
    """Gold articles from PolNeAR JSONL (shared/data/polnear), skipping the unannotated article."""
    docs: list[GoldDoc] = []
    for _, row in jsonl_rows(
        path, what="PolNeAR gold", hint="pass --gold PATH (e.g. ../shared/data/polnear/dev.jsonl)"
    ):
        if row["id"] in UNANNOTATED:
            continue
        art = Article(  # as the readers give it: wrapped lines joined (same offsets; one HuffPost note in dev)
            id=row["id"],
            text=unwrap_lines(row["text"]),
            date=Article.parse_date(row.get("date")),
            outlet=row.get("outlet"),
        )
        atts = [{r: _outer(a.get(r)) for r in ("source", "cue", "content")} for a in row["attributions"]]
        docs.append(GoldDoc(art, atts))
        if limit and len(docs) >= limit:
            break
    return docs


def _pred_triples(an: Analysis) -> list[dict[str, Pair | None]]:
    def outer(s: Span | None) -> Pair | None:
        return (s.start, s.end) if s else None

    return [{"source": outer(a.source), "cue": outer(a.cue), "content": outer(a.content)} for a in an.attributions]


@dataclass
class PolnearResult:
    mode: str
    score: AttributionScore
    seconds: float
    words: int
    confidences: list[float] = field(default_factory=list)
    """Every output record's confidence, beside ``right`` (whether it matches one to one): the calibration."""
    right: list[bool] = field(default_factory=list)

    @property
    def confidence_ece(self) -> float:
        """Expected calibration error of the records' confidence (10 bins) against the record-level match.

        On the data the shipped mapping was fitted on (PolNeAR dev) this is in-sample; the cross-validated
        figure is ``whosaid eval calibration``'s."""
        from .calibration import ece

        return round(ece(np.asarray(self.confidences, dtype=float), np.asarray(self.right, dtype=float)), 4)

    def figures(self) -> dict[str, float]:
        """The F1 figures that eval/floors.py pins: exact source / cue / content, and records."""
        out = {f"{role}_exact_f1": self.score.f1(role) for role in ("source", "cue", "content")}
        out["records_f1"] = self.score.records.prf[2]
        return out

    def as_dict(self) -> dict[str, object]:
        out: dict[str, object] = {"mode": self.mode}
        out.update(self.score.as_dict())
        out["confidence_ece"] = self.confidence_ece
        out["seconds"] = round(self.seconds, 1)
        out["words_per_second"] = round(self.words / self.seconds) if self.seconds else None
        return out


def evaluate_polnear(
    docs: list[GoldDoc], options: Options, *, pred_out: IO[str] | None = None, pipeline: object | None = None
) -> PolnearResult:
    """Score ``options.mode`` on ``docs``; optionally write the predictions as JSONL."""
    from ..pipeline import Pipeline

    pipe = pipeline if pipeline is not None else Pipeline(options)
    score = AttributionScore()
    t0 = time.perf_counter()
    words = 0
    by_id = {d.article.id: d for d in docs}

    def articles() -> Iterator[Article]:
        yield from (d.article for d in docs)

    confidences: list[float] = []
    right: list[bool] = []
    for an in pipe.pipe(articles()):  # type: ignore[attr-defined]
        gold = by_id[an.article.id]
        words += len(an.article.text.split())
        pred = _pred_triples(an)
        score_document(score, an.article.text, gold.attributions, pred)
        confidences.extend(a.confidence for a in an.attributions)
        right.extend(matched_records(an.article.text, gold.attributions, pred))
        if pred_out is not None:
            pred_out.write(json.dumps(an.to_dict(), ensure_ascii=False) + "\n")
    return PolnearResult(options.mode, score, time.perf_counter() - t0, words, confidences, right)
