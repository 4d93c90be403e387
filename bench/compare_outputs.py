"""Did a change alter the output? ``whosaid analyze`` JSONL of the seed, PolNeAR dev and the Reuters sample, before
and after, compared record by record.

    # the outputs of a checkout (``--src`` runs another copy of the code, e.g. ``git archive main src | tar -x``)
    .venv/bin/python bench/compare_outputs.py run /tmp/after
    .venv/bin/python bench/compare_outputs.py run /tmp/before --src /tmp/main/src
    # then: which articles differ, and in what
    .venv/bin/python bench/compare_outputs.py diff /tmp/before /tmp/after

``run`` writes ``NAME-MODE.jsonl`` for each corpus and mode (default: hybrid and rules). ``diff`` compares the files
the two folders share: per file, the articles whose records differ, and how many differ in each top-level field
(attributions, entities, times, relations, events, warnings); ``--show N`` prints the first N differing records.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
CORPORA = {
    "seed": SHARED / "seed" / "seed-article.txt",
    "polnear-dev": SHARED / "polnear" / "dev.jsonl",
    "reuters-1000": SHARED / "news" / "reuters-sample-1000.jsonl",
}


def run(out: Path, modes: list[str], src: Path | None) -> None:
    out.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ)
    if src is not None:
        env["PYTHONPATH"] = str(src.resolve()) + os.pathsep + env.get("PYTHONPATH", "")
    for name, path in CORPORA.items():
        if not path.exists():
            raise SystemExit(f"{path}: not found (the development data lives in ../shared/data)")
        for mode in modes:
            target = out / f"{name}-{mode}.jsonl"
            cmd = [
                sys.executable,
                "-c",
                "from whosaid.cli import main; main()",
                "--mode",
                mode,
                "analyze",
                str(path),
                "-f",
                "jsonl",
            ]
            with target.open("w", encoding="utf-8") as fh:
                done = subprocess.run(cmd, stdout=fh, stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT, check=False)
            if done.returncode != 0:
                raise SystemExit(f"failed ({done.returncode}): {' '.join(cmd)}\n{done.stderr[-2000:]}")
            print(f"{target}: {done.stderr.strip().splitlines()[-1]}", file=sys.stderr)


def _records(path: Path) -> dict[str, dict]:
    out: dict[str, dict] = {}
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                rec = json.loads(line)
                out[str(rec.get("id") or rec.get("article", {}).get("id"))] = rec
    return out


def compare(before: Path, after: Path) -> tuple[int, int, Counter[str], list[tuple[str, str]]]:
    """(articles, articles that differ, differing fields, (id, field) of each difference)."""
    a, b = _records(before), _records(after)
    fields: Counter[str] = Counter()
    diffs: list[tuple[str, str]] = []
    differ = 0
    for key in sorted(set(a) | set(b)):
        ra, rb = a.get(key), b.get(key)
        if ra == rb:
            continue
        differ += 1
        if ra is None or rb is None:
            fields["missing"] += 1
            diffs.append((key, "missing"))
            continue
        for f in sorted(set(ra) | set(rb)):
            if ra.get(f) != rb.get(f):
                fields[f] += 1
                diffs.append((key, f))
    return len(set(a) | set(b)), differ, fields, diffs


def diff(before: Path, after: Path, show: int) -> int:
    names = sorted({p.name for p in before.glob("*.jsonl")} & {p.name for p in after.glob("*.jsonl")})
    if not names:
        raise SystemExit(f"no JSONL file in both {before} and {after}")
    changed = 0
    for name in names:
        n, differ, fields, diffs = compare(before / name, after / name)
        changed += differ
        detail = ", ".join(f"{f} {c}" for f, c in fields.most_common()) or "identical"
        print(f"{name}: {differ} of {n} articles differ ({detail})")
        if show and diffs:
            a, b = _records(before / name), _records(after / name)
            for key, field in diffs[:show]:
                print(
                    f"  {key} {field}:\n    before {json.dumps((a.get(key) or {}).get(field))[:600]}\n"
                    f"    after  {json.dumps((b.get(key) or {}).get(field))[:600]}"
                )
    return 1 if changed else 0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    r = sub.add_parser("run", help="write the outputs of this checkout (or of --src) into a folder")
    r.add_argument("out", type=Path)
    r.add_argument("--modes", default="hybrid,rules")
    r.add_argument("--src", type=Path, default=None, help="run the whosaid package found in this folder instead")
    d = sub.add_parser("diff", help="compare two folders written by run (exit 1 when anything differs)")
    d.add_argument("before", type=Path)
    d.add_argument("after", type=Path)
    d.add_argument("--show", type=int, default=0, help="print the first N differences")
    args = ap.parse_args()
    if args.cmd == "run":
        run(args.out, [m for m in args.modes.split(",") if m], args.src)
    else:
        sys.exit(diff(args.before, args.after, args.show))


if __name__ == "__main__":
    main()
