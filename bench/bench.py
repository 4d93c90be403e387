"""Throughput benchmark: bare spaCy vs whosaid analyze / ingest / Dask, side by side in one run.

Every scenario runs as its own command (model loading included), on the same texts, one after the other:

  spacy       bare ``nlp.pipe(texts, batch_size=64, n_process=2)`` of whosaid's spaCy pipeline as ``spacy.load`` gives it
  analyze     ``whosaid --mode MODE analyze FILE -f jsonl`` (no store; 2 processes by default)
  ingest      ``whosaid --mode MODE ingest FILE --db NEW.db`` (2 processes by default)
  dask-1/2    ``whosaid --mode rules ingest FILE --engine dask --workers 1|2``

For each: wall seconds, articles/s, words/s (whitespace words of the input texts), CPU seconds of the whole
process tree and CPU-hours per million 600-word articles (at the measured CPU seconds per word), and the peak
resident memory of the largest process (a worker) and of the whole process tree (sampled every 0.1 s with psutil).
``spacy`` is the pipeline as ``spacy.load`` gives it: whosaid's own loader swaps two components for faster drop-ins
with the same output, which is part of what is measured.

    # default (hybrid) mode, rules mode and bare spaCy on the Reuters sample, interleaved, every round reported
    nice -n 19 .venv/bin/python bench/bench.py --sets sample --sample-scenarios spacy,analyze --repeat 3
    # the same with main's code in the same rounds (analyze-before): before/after ratios
    git archive main src | tar -x -C /tmp/main-src
    nice -n 19 .venv/bin/python bench/bench.py --sets sample --sample-scenarios spacy,analyze --repeat 3 \
        --before-src /tmp/main-src/src

    nice -n 19 .venv/bin/python bench/bench.py --json bench/results.json   # the full run (30-40 min, 2 cores)
    nice -n 19 .venv/bin/python bench/bench.py --sets sample --modes rules --scenarios spacy,analyze
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data" / "news"
WHOSAID = [sys.executable, "-c", "from whosaid.cli import main; main()"]
SCENARIOS = ("spacy", "analyze", "ingest", "dask-1", "dask-2")


def _spacy_child(path: str) -> None:
    """Bare spaCy over the texts, prepared as whosaid prepares them (same max_chars cut): the pipeline as spaCy
    loads it (``spacy.load``), not through whosaid's loader, which swaps two components for faster drop-ins."""
    import spacy

    from whosaid.options import Options
    from whosaid.readers import read_articles

    opts = Options()
    nlp = spacy.load(opts.pipeline)
    texts = (a.text[: opts.max_chars] for a in read_articles([path]) if not isinstance(a, Exception))
    n = tokens = 0
    for doc in nlp.pipe(texts, batch_size=64, n_process=2):
        n += 1
        tokens += len(doc)
    print(json.dumps({"docs": n, "tokens": tokens}))


def _sample(proc: object, cpu: dict[int, float]) -> tuple[int, int]:
    """RSS of the largest process and of the whole tree; records each process's CPU seconds in ``cpu``."""
    import psutil

    try:
        procs = [proc, *proc.children(recursive=True)]  # type: ignore[attr-defined]
    except psutil.Error:
        return 0, 0
    sizes = []
    for p in procs:
        try:
            with p.oneshot():
                sizes.append(p.memory_info().rss)
                t = p.cpu_times()
                cpu[p.pid] = t.user + t.system
        except psutil.Error:
            pass
    return (max(sizes) if sizes else 0), sum(sizes)


def measure(cmd: list[str], *, stdout: int | None = subprocess.DEVNULL) -> dict[str, float]:
    """Run ``cmd``: wall time, CPU seconds of the process tree, peak RSS (largest process, whole tree) in MiB.

    The tree is sampled every 0.1 s (worker processes forked by a fork server are not children the
    operating system reports back, so sampling is the one way to see them)."""
    import psutil

    with tempfile.TemporaryFile(mode="w+") as errfile:  # a file, not a pipe: a chatty child never blocks
        started = time.perf_counter()
        popen = subprocess.Popen(cmd, stdout=stdout, stderr=errfile, cwd=ROOT, text=True)
        proc = psutil.Process(popen.pid)
        peak_one = peak_all = 0
        cpu: dict[int, float] = {}
        while popen.poll() is None:
            one, total = _sample(proc, cpu)
            peak_one, peak_all = max(peak_one, one), max(peak_all, total)
            time.sleep(0.1)
        wall = time.perf_counter() - started
        errfile.seek(0)
        err = errfile.read()
    if popen.returncode != 0:
        raise SystemExit(f"command failed ({popen.returncode}): {' '.join(cmd)}\n{err[-3000:]}")
    return {
        "seconds": round(wall, 2),
        "cpu_seconds": round(sum(cpu.values()), 1),
        "peak_process_mib": round(peak_one / 2**20),
        "peak_total_mib": round(peak_all / 2**20),
    }


WORDS_PER_ARTICLE = 600


def cpu_hours_per_million(cpu_seconds: float, words: int) -> float:
    """CPU-hours (all processes, model loading included) per million articles of 600 words."""
    return round(cpu_seconds / max(1, words) * WORDS_PER_ARTICLE * 1e6 / 3600, 1)


def subset(src: Path, n: int, out: Path) -> Path:
    with src.open(encoding="utf-8") as fh, out.open("w", encoding="utf-8") as dst:
        for i, line in enumerate(fh):
            if i >= n:
                break
            dst.write(line)
    return out


def words_of(path: Path) -> tuple[int, int]:
    n = words = 0
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                n += 1
                words += len(str(json.loads(line).get("text", "")).split())
    return n, words


def run_set(
    name: str,
    path: Path,
    modes: list[str],
    scenarios: list[str],
    tmp: Path,
    repeat: int = 1,
    before_src: Path | None = None,
) -> tuple[list[dict], list[dict]]:
    """Every scenario on one input: (the fastest run of each, every run in the order run). With ``repeat`` > 1 the
    rounds are interleaved (the machine is shared: the minimum is the least disturbed measurement). With
    ``before_src`` (the ``src`` folder of another checkout) ``analyze-before`` runs that code's analyze too."""
    n, words = words_of(path)
    jobs: list[tuple[str, str, list[str], Path | None]] = []
    if "spacy" in scenarios:
        jobs.append(("spacy", "-", [sys.executable, __file__, "_spacy", str(path)], None))
    for mode in modes:
        if "analyze" in scenarios:
            jobs.append(("analyze", mode, [*WHOSAID, "--mode", mode, "analyze", str(path), "-f", "jsonl"], None))
        if "analyze" in scenarios and before_src is not None:
            jobs.append(
                (
                    "analyze-before",
                    mode,
                    [
                        "env",
                        f"PYTHONPATH={before_src.resolve()}",
                        *WHOSAID,
                        "--mode",
                        mode,
                        "analyze",
                        str(path),
                        "-f",
                        "jsonl",
                    ],
                    None,
                )
            )
        if "ingest" in scenarios:
            db = tmp / f"{name}-{mode}.db"
            jobs.append(("ingest", mode, [*WHOSAID, "--mode", mode, "ingest", str(path), "--db", str(db), "-q"], db))
    for workers in (1, 2):
        if f"dask-{workers}" in scenarios:
            db = tmp / f"{name}-dask{workers}.db"
            jobs.append(
                (
                    f"dask-{workers}",
                    "rules",
                    [
                        *WHOSAID,
                        "--mode",
                        "rules",
                        "ingest",
                        str(path),
                        "--db",
                        str(db),
                        "-q",
                        "--engine",
                        "dask",
                        "--workers",
                        str(workers),
                    ],
                    db,
                )
            )
    best: dict[tuple[str, str], dict] = {}
    every: list[dict] = []
    for round_no in range(1, max(1, repeat) + 1):
        for scenario, mode, cmd, store in jobs:
            if store is not None:
                for f in store.parent.glob(store.name + "*"):
                    f.unlink()
            load = os.getloadavg()[0]  # of the minute before: what else ran on the cores
            result = measure(cmd)
            secs = result["seconds"]
            row = {
                "set": name,
                "scenario": scenario,
                "mode": mode,
                "articles": n,
                "words": words,
                **result,
                "articles_per_s": round(n / secs, 2),
                "words_per_s": round(words / secs),
                "words_per_cpu_s": round(words / result["cpu_seconds"]) if result["cpu_seconds"] else None,
                "cpu_hours_per_million": cpu_hours_per_million(result["cpu_seconds"], words),
                "round": round_no,
                "load_before": round(load, 1),
            }
            every.append(row)
            print(json.dumps(row), file=sys.stderr, flush=True)
            key = (scenario, mode)
            if key not in best or secs < best[key]["seconds"]:
                best[key] = row
    return [best[(scenario, mode)] for scenario, mode, _, _ in jobs], every


def ratios(rows: list[dict]) -> list[str]:
    out = []
    by = {(r["set"], r["scenario"], r["mode"]): r for r in rows}
    for (s, scen, mode), r in sorted(by.items()):
        base = by.get((s, "spacy", "-"))
        if base and scen in ("analyze", "analyze-before", "ingest"):
            out.append(
                f"{s}: {scen} ({mode}) / bare spaCy = {r['words_per_s'] / base['words_per_s']:.2f} "
                f"(words per CPU second: {r['words_per_cpu_s'] / base['words_per_cpu_s']:.2f})"
            )
        if scen == "analyze" and (s, "analyze-before", mode) in by:
            before = by[(s, "analyze-before", mode)]
            out.append(
                f"{s}: analyze ({mode}) / the same before = {r['words_per_s'] / before['words_per_s']:.2f} "
                f"(CPU seconds before / after: {before['cpu_seconds'] / r['cpu_seconds']:.2f})"
            )
        if scen == "dask-2" and (s, "dask-1", mode) in by:
            out.append(
                f"{s}: dask 2 workers / 1 worker = {r['words_per_s'] / by[(s, 'dask-1', mode)]['words_per_s']:.2f}"
            )
    return out


def table(rows: list[dict]) -> str:
    head = (
        "| set | scenario | mode | round | articles | seconds | articles/s | words/s | CPU s "
        f"| CPU-hours per million {WORDS_PER_ARTICLE}-word articles | peak MiB per worker (largest process) "
        "| peak MiB (all processes) | load before |\n|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    )
    lines = [head]
    for r in rows:
        lines.append(
            f"| {r['set']} | {r['scenario']} | {r['mode']} | {r.get('round', 1)} | {r['articles']} | "
            f"{r['seconds']} | {r['articles_per_s']} | {r['words_per_s']} | {r['cpu_seconds']} | "
            f"{r.get('cpu_hours_per_million', '')} | {r['peak_process_mib']} | {r['peak_total_mib']} | "
            f"{r.get('load_before', '')} |"
        )
    return "\n".join(lines)


def main() -> None:
    if len(sys.argv) == 3 and sys.argv[1] == "_spacy":
        _spacy_child(sys.argv[2])
        return
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sample", type=Path, default=SHARED / "reuters-sample-1000.jsonl")
    ap.add_argument("--full", type=Path, default=SHARED / "reuters21578.jsonl")
    ap.add_argument("--n-full", type=int, default=5000, help="stories taken from the start of --full")
    ap.add_argument("--sets", default="sample,full", help="comma list of: sample, full")
    ap.add_argument("--modes", default="rules,hybrid", help="modes for analyze/ingest on the sample set")
    ap.add_argument("--full-modes", default="rules", help="modes for analyze/ingest on the full set")
    ap.add_argument("--scenarios", default=",".join(SCENARIOS), help=f"comma list of: {', '.join(SCENARIOS)}")
    ap.add_argument(
        "--sample-scenarios",
        default="spacy,analyze,ingest",
        help="scenarios on the sample set (Dask is measured on the full set)",
    )
    ap.add_argument("--repeat", type=int, default=1, help="rounds (interleaved); the fastest run of each is kept")
    ap.add_argument("--json", type=Path, default=None, help="also write the rows as JSON here")
    ap.add_argument(
        "--before-src",
        type=Path,
        default=None,
        help="the src folder of another checkout (e.g. git archive main src | tar -x -C /tmp/main): "
        "its analyze runs in the same rounds as analyze-before",
    )
    args = ap.parse_args()
    modes = [m for m in args.modes.split(",") if m]
    rows: list[dict] = []
    every: list[dict] = []
    with tempfile.TemporaryDirectory(prefix="whosaid-bench-") as tmpdir:
        tmp = Path(tmpdir)
        sets = args.sets.split(",")
        scen = [s for s in args.scenarios.split(",") if s]
        if "sample" in sets:
            sample_scen = [s for s in args.sample_scenarios.split(",") if s in scen]
            best, runs = run_set(args.sample.stem, args.sample, modes, sample_scen, tmp, args.repeat, args.before_src)
            rows, every = rows + best, every + runs
        if "full" in sets:
            part = subset(args.full, args.n_full, tmp / f"first-{args.n_full}.jsonl")
            full_modes = [m for m in args.full_modes.split(",") if m]
            best, runs = run_set(f"first-{args.n_full}", part, full_modes, scen, tmp, args.repeat)
            rows, every = rows + best, every + runs
    print(
        f"machine: {os.cpu_count()} cores; python {sys.version.split()[0]}; load average at the end "
        f"{os.getloadavg()[0]:.1f}"
    )
    if len(every) > len(rows):
        print("every round, in the order run:")
        print(table(every))
        for k in sorted({r["round"] for r in every}):
            for line in ratios([r for r in every if r["round"] == k]):
                print(f"- round {k}: {line}")
        print("\nthe fastest run of each:")
    print(table(rows))
    print()
    for line in ratios(rows):
        print("- " + line)
    if args.json:
        args.json.write_text(json.dumps({"fastest": rows, "every": every}, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
