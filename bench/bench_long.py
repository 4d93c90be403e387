"""Long-article benchmark: analyze time, peak memory and the time per stage as one article grows.

Articles of 20k, 40k, 80k, 160k and 320k characters are built by concatenating PolNeAR dev article texts
(whole paragraphs, in file order, cycling when needed), plus a 5 MB text file read through the readers. Each
size runs in a fresh process (so its peak RSS is its own): the pipeline is loaded and warmed up on a short
article first, then the one long article is parsed (spaCy) and run through whosaid's stages; the process
reports wall and CPU seconds of the analysis and of the parse, ``Pipeline.stage_seconds`` and its peak RSS
(``ru_maxrss``) with the RSS after loading for reference. ``--repeats N`` runs every size N times, by round;
the summary gives per size the median seconds (wall, CPU, parse, each stage) and the ratio to the 20k article
per round and of the medians. On a shared machine the CPU seconds are the steadier figure. ``--profile SIZE``
also runs that size under cProfile and prints the functions with the largest own and cumulative time.

    nice -n 0 .venv/bin/python bench/bench_long.py --mode hybrid --repeats 3 --out /tmp/bench-long.json
    .venv/bin/python bench/bench_long.py --sizes 20000,80000 --no-big --profile 80000

``max_chars`` is raised above the largest size so no article is cut, except for the 5 MB text, which runs
with the default options (the pipeline cuts it to ``max_chars``, 200,000 characters, and says so in a
warning), as a user's ``whosaid analyze big.txt`` would.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT.parent / "shared" / "data" / "polnear" / "dev.jsonl"
SIZES = (20_000, 40_000, 80_000, 160_000, 320_000)
BIG_BYTES = 5 * 1024 * 1024


def build_text(n_chars: int, source: Path = DEV) -> str:
    """About ``n_chars`` characters of real news text: whole PolNeAR dev paragraphs, cycling through them."""
    paragraphs: list[str] = []
    with source.open(encoding="utf-8") as fh:
        for line in fh:
            paragraphs += [p.strip() for p in json.loads(line)["text"].split("\n\n") if p.strip()]
    if not paragraphs:
        raise SystemExit(f"{source}: no article text")
    out: list[str] = []
    total = 0
    i = 0
    while total < n_chars:
        para = paragraphs[i % len(paragraphs)]
        out.append(para)
        total += len(para) + 2
        i += 1
    return "\n\n".join(out)[: n_chars - 1].rstrip() + "\n"


def _rss_kib() -> int:
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def run_one(size: int, mode: str, *, big: bool, profile: str | None) -> dict[str, Any]:
    """In this process: load, warm up, then time one article of ``size`` characters (or the 5 MB file)."""
    from whosaid import Options, Pipeline
    from whosaid.model import Article

    text = build_text(size)
    tmp = None
    if big:  # through the readers, as `whosaid analyze big.txt` reads it
        from whosaid.readers import read_articles

        tmp = Path(tempfile.mkdtemp(prefix="whosaid-bench-long-")) / "big.txt"
        tmp.write_text("date 2016-09-20\n" + text, encoding="utf-8")
        options = Options(mode=mode, n_process=1)
    else:
        options = Options(mode=mode, n_process=1, max_chars=max(size + 1000, Options().max_chars))
    t_load = time.perf_counter()
    pipeline = Pipeline(options)
    load_s = time.perf_counter() - t_load
    pipeline.analyze(
        Article(
            id="warm",
            text='Officials said the bridge would open on Monday. "It is safe," Mayor Ann Lee told reporters.',
        )
    )
    for name in pipeline.stage_seconds:
        pipeline.stage_seconds[name] = 0.0
    rss_loaded = _rss_kib()
    prof = cProfile.Profile() if profile else None
    t0, c0 = time.perf_counter(), time.process_time()
    if tmp is not None:
        (read,) = list(read_articles([str(tmp)]))
        if not isinstance(read, Article):
            raise SystemExit(f"{tmp}: {read}")
        article = read
        read_s = time.perf_counter() - t0
    else:
        article = Article(id=f"long-{size}", text=text)
        read_s = 0.0
    if prof:
        prof.enable()
    (parse_s, parse_cpu_s), analysis = _analyze(pipeline, article)
    if prof and profile:
        prof.disable()
        prof.dump_stats(profile)
    total_s, total_cpu_s = time.perf_counter() - t0, time.process_time() - c0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    return {
        "size": size if not big else len(article.text),
        "chars_analyzed": min(len(article.text), options.max_chars),
        "big_file_bytes": tmp.stat().st_size if tmp else None,
        "mode": mode,
        "load_s": round(load_s, 2),
        "read_s": round(read_s, 3),
        "total_s": round(total_s, 2),
        "parse_s": round(parse_s, 2) if parse_s else None,
        "cpu_s": round(total_cpu_s, 2),
        "parse_cpu_s": round(parse_cpu_s, 2) if parse_cpu_s else None,
        "stages": {k: round(v, 3) for k, v in pipeline.stage_seconds.items()},
        "rss_loaded_mib": round(rss_loaded / 1024),
        "peak_rss_mib": round(peak / 1024),
        "attributions": len(analysis.attributions),
        "warnings": list(analysis.warnings)[:3],
    }


def _analyze(pipeline: Any, article: Any) -> tuple[tuple[float | None, float | None], Any]:
    """((parse seconds, parse CPU seconds), analysis): the spaCy parse timed apart from the stages where the
    Pipeline allows it."""
    run_stages = getattr(pipeline, "run_stages", None)
    if run_stages is None or not hasattr(pipeline, "nlp"):
        return (None, None), pipeline.analyze(article)
    text, warnings = article.text, []
    if len(text) > pipeline.options.max_chars:
        warnings.append(f"text cut to {pipeline.options.max_chars} characters for parsing (max_chars)")
        text = text[: pipeline.options.max_chars]
    t0, c0 = time.perf_counter(), time.process_time()
    parse = getattr(pipeline, "parse", None)  # the Pipeline's own parse: long texts in bounded pieces
    doc = parse([text])[0] if parse is not None else pipeline.nlp(text)
    parse_s, parse_cpu_s = time.perf_counter() - t0, time.process_time() - c0
    return (parse_s, parse_cpu_s), run_stages(article, doc, warnings)


def top_functions(profile: str, n: int = 25) -> str:
    out = io.StringIO()
    stats = pstats.Stats(profile, stream=out)
    stats.sort_stats("tottime").print_stats(n)
    stats.sort_stats("cumulative").print_stats(n)
    return out.getvalue()


def medians(results: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Per size (runs without a profiler): the median analysis seconds, parse seconds and seconds per stage,
    every run's analysis seconds, and the ratio to the 20k article per run (by round) and of the medians."""
    groups: dict[tuple[int, bool], list[dict[str, Any]]] = {}
    for r in results:
        if "total_s" in r and not r["profiled"]:
            groups.setdefault(
                (r["size"] if not r.get("big_file_bytes") else -1, bool(r.get("big_file_bytes"))), []
            ).append(r)
    base = groups.get((20_000, False), [])
    out: list[dict[str, Any]] = []
    for (_size, big), rows in groups.items():
        stages = sorted({k for r in rows for k in r["stages"]})
        row: dict[str, Any] = {
            "size": rows[0]["size"],
            "big": big,
            "runs": len(rows),
            "total_s": [r["total_s"] for r in rows],
            "median_total_s": round(statistics.median(r["total_s"] for r in rows), 2),
            "median_parse_s": round(statistics.median(r["parse_s"] or 0.0 for r in rows), 2),
            "cpu_s": [r["cpu_s"] for r in rows],
            "median_cpu_s": round(statistics.median(r["cpu_s"] for r in rows), 2),
            "median_parse_cpu_s": round(statistics.median(r["parse_cpu_s"] or 0.0 for r in rows), 2),
            "median_stages": {k: round(statistics.median(r["stages"].get(k, 0.0) for r in rows), 3) for k in stages},
            "max_peak_rss_mib": max(r["peak_rss_mib"] for r in rows),
            "loadavg": [r["loadavg"] for r in rows],
        }
        if base and not big:
            row["x_vs_20k_per_run"] = [round(r["total_s"] / b["total_s"], 1) for r, b in zip(rows, base)]
            row["x_vs_20k_median"] = round(row["median_total_s"] / statistics.median(b["total_s"] for b in base), 1)
            row["x_cpu_vs_20k_per_run"] = [round(r["cpu_s"] / b["cpu_s"], 1) for r, b in zip(rows, base)]
            row["x_cpu_vs_20k_median"] = round(row["median_cpu_s"] / statistics.median(b["cpu_s"] for b in base), 1)
        out.append(row)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default=",".join(map(str, SIZES)), help="comma-separated article sizes (chars)")
    ap.add_argument("--mode", default="hybrid", choices=("rules", "model", "hybrid"))
    ap.add_argument("--no-big", action="store_true", help="skip the 5 MB text")
    ap.add_argument("--timeout", type=float, default=1200.0, help="seconds allowed per size")
    ap.add_argument("--profile", type=int, default=None, help="also profile this size (cProfile)")
    ap.add_argument("--out", default=None, help="write the results as JSON here")
    ap.add_argument("--repeats", type=int, default=1, help="runs per size (each a fresh process); medians")
    ap.add_argument("--one", type=int, default=None, help=argparse.SUPPRESS)
    ap.add_argument("--big", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--prof-file", default=None, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.one is not None:
        print(json.dumps(run_one(args.one, args.mode, big=args.big, profile=args.prof_file)))
        return 0
    if not DEV.is_file():
        print(f"PolNeAR dev not found at {DEV} (the development data lives in ../shared/data)", file=sys.stderr)
        return 2
    sizes = [int(s) for s in args.sizes.split(",") if s]
    runs: list[tuple[int, bool, str | None]] = [
        (size, False, None) for _ in range(max(1, args.repeats)) for size in sizes
    ]  # repeat by round, so a burst of load on the shared machine hits every size alike
    if not args.no_big:
        runs += [(BIG_BYTES, True, None)] * max(1, args.repeats)
    if args.profile:
        runs.append((args.profile, False, str(Path(tempfile.gettempdir()) / f"bench-long-{args.profile}.prof")))
    results: list[dict[str, Any]] = []
    started = time.strftime("%Y-%m-%d %H:%M:%S")
    for size, big, prof in runs:
        cmd = (
            [sys.executable, __file__, "--one", str(size), "--mode", args.mode]
            + (["--big"] if big else [])
            + (["--prof-file", prof] if prof else [])
        )
        t0 = time.perf_counter()
        try:
            done = subprocess.run(cmd, capture_output=True, text=True, timeout=args.timeout)
        except subprocess.TimeoutExpired:
            row: dict[str, Any] = {"size": size, "big": big, "timeout_s": args.timeout}
        else:
            if done.returncode != 0:
                print(done.stderr[-3000:], file=sys.stderr)
                row = {"size": size, "big": big, "error": done.returncode}
            else:
                row = json.loads(done.stdout.strip().splitlines()[-1])
        row["wall_s"] = round(time.perf_counter() - t0, 1)
        row["profiled"] = bool(prof)
        row["loadavg"] = os.getloadavg()[0]
        results.append(row)
        print(json.dumps(row), flush=True)
        if prof and Path(prof).is_file():
            print(top_functions(prof), flush=True)
    summary = {
        "started": started,
        "cores": os.cpu_count(),
        "mode": args.mode,
        "repeats": args.repeats,
        "results": results,
        "medians": medians(results),
    }
    if args.out:
        Path(args.out).write_text(json.dumps(summary, indent=2), encoding="utf-8")
    print(json.dumps(summary, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
