"""Where the time goes: one mode of whosaid profiled by step: loading, each spaCy component, each stage, and the
steps inside the tagger.

One process with one math thread, as each worker of ``whosaid analyze`` / ``ingest`` runs (``OMP_NUM_THREADS=1``),
counting CPU seconds (``time.process_time``: on a shared machine wall time also counts the neighbours):

  load     the spaCy pipeline; the Pipeline (stages and the ONNX tagger)
  parse    spaCy's tokenizer and each component, over batches of ``--batch-size`` articles (as ``nlp.pipe`` does)
  stages   each whosaid stage on the same batches (``Pipeline.stage_seconds``)
  tagger   inside the tagger stage: regions, tokenize, windows, onnx, decode, link (``TaggerStage.timings``)

    .venv/bin/python bench/profile_speed.py ../shared/data/news/reuters-sample-1000.jsonl
    .venv/bin/python bench/profile_speed.py ../shared/data/polnear/train.jsonl --longest 200
    .venv/bin/python bench/profile_speed.py FILE --stock-parse     # spaCy's own attribute ruler and lemmatizer
"""

from __future__ import annotations

import os

os.environ.setdefault("OMP_NUM_THREADS", "1")  # before numpy / onnxruntime load: one thread, like a worker

import argparse
import json
import sys
import time
from pathlib import Path

WORDS_PER_ARTICLE = 600


def cpu_hours_per_million(cpu_seconds: float, words: int) -> float:
    """CPU-hours per million articles of 600 words, at the measured CPU seconds per word."""
    return cpu_seconds / max(1, words) * WORDS_PER_ARTICLE * 1e6 / 3600


def read(path: Path, limit: int | None, longest: int | None) -> list:
    from whosaid.readers import read_articles

    arts = [a for a in read_articles([str(path)]) if not isinstance(a, Exception)]
    if longest:
        arts = sorted(arts, key=lambda a: -len(a.text))[:longest]
    return arts[:limit] if limit else arts


def profile(arts: list, mode: str, batch_size: int, stock_parse: bool) -> dict:
    from whosaid.options import Options
    from whosaid.pipeline import Pipeline
    from whosaid.pipeline.nlp import load_nlp
    from whosaid.pipeline.state import DocState

    opts = Options(mode=mode)
    c0 = time.process_time()
    nlp = load_nlp(opts.pipeline, fast=not stock_parse)
    c1 = time.process_time()
    pipeline = Pipeline(opts, nlp=nlp)
    c2 = time.process_time()
    parse = {"tokenizer": 0.0, **{name: 0.0 for name in nlp.pipe_names}}
    for b in range(0, len(arts), batch_size):
        chunk = arts[b : b + batch_size]
        prepared = [pipeline._prepare(a) for a in chunk]
        t = time.process_time()
        docs = [nlp.make_doc(text) for text, _ in prepared]
        parse["tokenizer"] += time.process_time() - t
        for name, proc in nlp.pipeline:
            t = time.process_time()
            docs = list(proc.pipe(docs, batch_size=batch_size)) if hasattr(proc, "pipe") else [proc(d) for d in docs]
            parse[name] += time.process_time() - t
        states = [DocState(article=a, doc=d, warnings=w) for a, (_, w), d in zip(chunk, prepared, docs)]
        for _ in pipeline.run_batch(states):
            pass
    tagger = next((s for s in pipeline.stages if s.name == "tagger"), None)
    return {
        "load": {"spacy": c1 - c0, "pipeline": c2 - c1},
        "parse": parse,
        "stages": dict(pipeline.stage_seconds),
        "tagger": dict(getattr(tagger, "timings", {})),
    }


def report(name: str, arts: list, result: dict, mode: str) -> str:
    words = sum(len(a.text.split()) for a in arts)
    chars = sum(len(a.text) for a in arts)
    total = sum(result["load"].values()) + sum(result["parse"].values()) + sum(result["stages"].values())
    work = total - sum(result["load"].values())
    lines = [
        (
            f"{name}: {len(arts)} articles, {words:,} words, {chars:,} characters; mode {mode}; "
            f"{total:.1f} CPU s in all ({work:.1f} without loading): "
            f"{cpu_hours_per_million(work, words):.1f} CPU-hours per million {WORDS_PER_ARTICLE}-word articles"
        ),
        "",
        "| part | step | CPU s | share | ms per article |",
        "|---|---|---:|---:|---:|",
    ]
    for part in ("load", "parse", "stages"):
        for step, secs in result[part].items():
            lines.append(
                f"| {part} | {step} | {secs:.2f} | {100 * secs / total:.1f} % | {1000 * secs / len(arts):.2f} |"
            )
    tagger = {k: v for k, v in result["tagger"].items() if k not in ("pieces", "padding")}
    if tagger:
        for step, secs in tagger.items():
            lines.append(
                f"| tagger | {step} | {secs:.2f} | {100 * secs / total:.1f} % | {1000 * secs / len(arts):.2f} |"
            )
        pieces, pad = result["tagger"].get("pieces", 0), result["tagger"].get("padding", 0)
        onnx = result["tagger"].get("onnx", 0.0)
        lines.append(
            f"\ntagger: {int(pieces):,} word pieces run ({int(pad):,} padding); "
            f"{1e6 * onnx / max(1, pieces):.0f} µs of ONNX per piece"
        )
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("path", type=Path)
    ap.add_argument("--mode", default="hybrid")
    ap.add_argument("--limit", type=int, default=None, help="first N articles")
    ap.add_argument("--longest", type=int, default=None, help="the N longest articles of the file")
    ap.add_argument("--batch-size", type=int, default=64)
    ap.add_argument(
        "--stock-parse",
        action="store_true",
        help="spaCy's own attribute ruler and lemmatizer (whosaid swaps them for faster equivalents)",
    )
    ap.add_argument("--json", type=Path, default=None)
    args = ap.parse_args()
    arts = read(args.path, args.limit, args.longest)
    if not arts:
        raise SystemExit(f"{args.path}: no articles")
    result = profile(arts, args.mode, args.batch_size, args.stock_parse)
    print(f"machine: {os.cpu_count()} cores; python {sys.version.split()[0]}")
    print(report(args.path.name, arts, result, args.mode))
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
