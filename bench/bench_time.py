"""Time-stage benchmark and identity check: an older revision of the time code against the working tree.

The spaCy parse is done once (``prepare``) and cached as a DocBin, so the runs time only the time stage
(``whosaid.pipeline.temporal.time.TimeStage``) on the same parsed Docs. The older code is read from git
(``--old-rev``, default the commit that added the time stage) into a temporary package, so both versions
run side by side in one process, alternating per round.

    nice -n 19 .venv/bin/python bench/bench_time.py prepare reuters ../shared/data/news/reuters-sample-1000.jsonl
    nice -n 19 .venv/bin/python bench/bench_time.py prepare timebank ../shared/data/timebank/train.jsonl
    nice -n 19 .venv/bin/python bench/bench_time.py bench reuters --limit 200 --rounds 5
    nice -n 19 .venv/bin/python bench/bench_time.py same reuters timebank      # outputs old == new
    nice -n 19 .venv/bin/python bench/bench_time.py candidates ../shared/data/news/reuters21578.jsonl
    nice -n 19 .venv/bin/python bench/bench_time.py live ../shared/data/news/reuters-sample-1000.jsonl --limit 200
"""

from __future__ import annotations

import argparse
import importlib
import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CACHE = Path(tempfile.gettempdir()) / "whosaid-bench-time"
OLD_REV = "989f772"  # "Time expressions, said_at, events, timeline, TimeBank eval" (issue 4)
TIMEX_FILES = (
    "__init__",
    "context",
    "extract",
    "grammar",
    "lexicon",
    "normalize",
    "periods",
    "seasons",
    "timeline",
    "values",
)


def load_old(rev: str) -> tuple[Any, Any]:
    """(old TimeStage class, old timex package) read from git revision ``rev``."""
    base = Path(tempfile.mkdtemp(prefix="whosaid-old-time-"))
    pkg = base / "whosaid_old_time"
    (pkg / "timex").mkdir(parents=True)

    def show(rel: str) -> str:
        return subprocess.run(
            ["git", "show", f"{rev}:{rel}"], cwd=ROOT, check=True, capture_output=True, text=True
        ).stdout

    for name in TIMEX_FILES:
        (pkg / "timex" / f"{name}.py").write_text(show(f"src/whosaid/timex/{name}.py"))
    stage = show("src/whosaid/pipeline/time.py")
    stage = stage.replace("from ..model import", "from whosaid.model import")
    stage = stage.replace("from ..timex import", "from whosaid_old_time.timex import")
    stage = stage.replace("from .base import", "from whosaid.pipeline.state import")
    (pkg / "stage.py").write_text(stage)
    (pkg / "__init__.py").write_text("")
    sys.path.insert(0, str(base))
    mod = importlib.import_module("whosaid_old_time.stage")
    return mod.TimeStage, importlib.import_module("whosaid_old_time.timex.extract")


def _articles(path: str) -> list[Any]:
    from whosaid.eval.timebank import read_timebank, timebank_articles
    from whosaid.readers import read_articles

    if "timebank" in path:
        return timebank_articles(read_timebank(path))
    return [a for a in read_articles([path]) if not isinstance(a, Exception)]


def prepare(name: str, path: str) -> None:
    """Parse the articles once (whosaid's spaCy pipeline, max_chars cut) and cache Docs + articles."""
    from spacy.tokens import DocBin

    from whosaid.options import Options
    from whosaid.pipeline.nlp import load_nlp

    opts = Options()
    nlp = load_nlp(opts.pipeline)
    arts = _articles(path)
    t0 = time.perf_counter()
    db = DocBin(store_user_data=False)
    for doc in nlp.pipe((a.text[: opts.max_chars] for a in arts), batch_size=64):
        db.add(doc)
    CACHE.mkdir(exist_ok=True)
    (CACHE / f"{name}.spacy").write_bytes(db.to_bytes())
    (CACHE / f"{name}.json").write_text(json.dumps({"path": path}))
    print(f"{name}: {len(arts)} articles parsed in {time.perf_counter() - t0:.1f} s -> {CACHE}")


def _load(name: str) -> list[tuple[Any, Any]]:
    from spacy.tokens import DocBin

    from whosaid.options import Options
    from whosaid.pipeline.nlp import load_nlp

    meta = json.loads((CACHE / f"{name}.json").read_text())
    arts = _articles(meta["path"])
    nlp = load_nlp(Options().pipeline)
    docs = list(DocBin().from_bytes((CACHE / f"{name}.spacy").read_bytes()).get_docs(nlp.vocab))
    assert len(docs) == len(arts)
    return list(zip(arts, docs))


def _times(stage: Any, state: Any) -> list[Any]:
    """The stage's times: a current stage returns them, the older one (from git) wrote them on the state."""
    out = stage(state)
    return out["times"] if isinstance(out, dict) else state.times


def _run(stage: Any, pairs: list[tuple[Any, Any]]) -> tuple[float, list[list[dict[str, Any]]], float]:
    """(wall seconds, the times of each article, CPU seconds) of one stage over the parsed articles."""
    from whosaid.pipeline.state import DocState

    states = [DocState(article=a, doc=d, warnings=[]) for a, d in pairs]
    t0, c0 = time.perf_counter(), time.process_time()
    found = [_times(stage, st) for st in states]
    secs, cpu = time.perf_counter() - t0, time.process_time() - c0
    return secs, [[t.to_dict() for t in times] for times in found], cpu


def bench(names: list[str], limit: int | None, rounds: int, rev: str) -> None:
    from whosaid.pipeline.temporal.time import TimeStage as NewStage

    OldStage, _ = load_old(rev)
    for name in names:
        pairs = _load(name)[:limit]
        chars = sum(len(d.text) for _, d in pairs)
        best: dict[str, float] = {"old": float("inf"), "new": float("inf")}
        cpu: dict[str, float] = {"old": float("inf"), "new": float("inf")}
        outs: dict[str, Any] = {}
        _run(OldStage(), pairs[:5]), _run(NewStage(), pairs[:5])  # warm caches (regex compilation)
        for _ in range(rounds):
            for label, cls in (("old", OldStage), ("new", NewStage)):
                secs, out, used = _run(cls(), pairs)
                best[label] = min(best[label], secs)
                cpu[label] = min(cpu[label], used)
                outs[label] = out
        same = outs["old"] == outs["new"]
        print(
            f"{name}: {len(pairs)} docs, {chars} chars; time stage best of {rounds} (wall / CPU): "
            f"old {best['old']:.3f} / {cpu['old']:.3f} s, new {best['new']:.3f} / {cpu['new']:.3f} s, "
            f"x{best['old'] / best['new']:.1f} / x{cpu['old'] / cpu['new']:.1f}; outputs identical: {same}"
        )


def live(path: str, limit: int | None, rev: str) -> None:
    """Both stages inside a live parse (spaCy runs between them, as in ``whosaid analyze``): each doc
    goes through the old and the new stage, in alternating order, each timed on its own."""
    from whosaid.options import Options
    from whosaid.pipeline.nlp import load_nlp
    from whosaid.pipeline.state import DocState
    from whosaid.pipeline.temporal.time import TimeStage as NewStage

    OldStage, _ = load_old(rev)
    opts = Options(mode="rules")
    nlp = load_nlp(opts.pipeline)
    arts = _articles(path)[:limit]
    stages = {"old": OldStage(), "new": NewStage()}
    first: dict[str, float] = {}
    warm = nlp("On Friday, March 5, 1990, two years ago.")
    for label, stage in stages.items():  # the one-time cost: compiling (and analyzing) the grammar
        t0 = time.perf_counter()
        _times(stage, DocState(article=arts[0], doc=warm, warnings=[]))
        first[label] = time.perf_counter() - t0
    spent = {"old": 0.0, "new": 0.0}
    parse = 0.0
    same = True
    texts = (a.text[: opts.max_chars] for a in arts)
    t_parse = time.perf_counter()
    for i, (art, doc) in enumerate(zip(arts, nlp.pipe(texts, batch_size=64))):
        parse += time.perf_counter() - t_parse
        outs = {}
        for label in ("old", "new") if i % 2 == 0 else ("new", "old"):
            st = DocState(article=art, doc=doc, warnings=[])
            t0 = time.perf_counter()
            times = _times(stages[label], st)
            spent[label] += time.perf_counter() - t0
            outs[label] = [t.to_dict() for t in times]
        same = same and outs["old"] == outs["new"]
        t_parse = time.perf_counter()
    print(
        f"live {len(arts)} docs: parse {parse:.2f} s (nlp.pipe, batch 64); time stage old {spent['old']:.3f} s, "
        f"new {spent['new']:.3f} s, x{spent['old'] / spent['new']:.1f}; first use (grammar compile / analysis, "
        f"once per process) old {first['old']:.3f} s, new {first['new']:.3f} s; outputs identical: {same}"
    )


def same(names: list[str], rev: str, out_dir: str | None) -> int:
    from whosaid.pipeline.temporal.time import TimeStage as NewStage

    OldStage, _ = load_old(rev)
    bad = 0
    for name in names:
        pairs = _load(name)
        old = _run(OldStage(), pairs)[1]
        new = _run(NewStage(), pairs)[1]
        if out_dir:
            for label, out in (("old", old), ("new", new)):
                with open(Path(out_dir) / f"{name}-{label}.jsonl", "w") as fh:
                    for (a, _d), times in zip(pairs, out):
                        fh.write(json.dumps({"id": a.id, "times": times}, sort_keys=True) + "\n")
        diff = [(a.id, o, n) for (a, _d), o, n in zip(pairs, old, new) if o != n]
        print(f"{name}: {len(pairs)} docs, {sum(map(len, old))} times; differing docs: {len(diff)}")
        for aid, o, n in diff[:10]:
            print("  ", aid, [x for x in o if x not in n], "->", [x for x in n if x not in o])
        bad += len(diff)
    return 1 if bad else 0


def candidates(path: str, rev: str, limit: int | None) -> int:
    """The raw grammar matches (rule, offsets, groups) of old and new code on every text: no parse."""
    new_extract = importlib.import_module("whosaid.timex.extract")

    _, old_extract = load_old(rev)
    arts = _articles(path)[:limit]

    def key(fn: Callable[[str], Any], text: str) -> list[tuple[Any, ...]]:
        return sorted((c.start, c.end, c.rule, c.match.span(), c.match.groups()) for c in fn(text))

    bad = 0
    t_old = t_new = 0.0
    for a in arts:
        t0 = time.perf_counter()
        o = key(old_extract._candidates, a.text)
        t1 = time.perf_counter()
        n = key(new_extract._candidates, a.text)
        t2 = time.perf_counter()
        t_old += t1 - t0
        t_new += t2 - t1
        if o != n:
            bad += 1
            if bad <= 10:
                print(a.id, "missing:", [x for x in o if x not in n][:5], "extra:", [x for x in n if x not in o][:5])
    print(f"{len(arts)} texts: candidates differ in {bad}; _candidates old {t_old:.2f} s, new {t_new:.2f} s")
    return 1 if bad else 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("prepare")
    p.add_argument("name")
    p.add_argument("path")
    b = sub.add_parser("bench")
    b.add_argument("names", nargs="+")
    b.add_argument("--limit", type=int)
    b.add_argument("--rounds", type=int, default=5)
    s = sub.add_parser("same")
    s.add_argument("names", nargs="+")
    s.add_argument("--out-dir")
    lv = sub.add_parser("live")
    lv.add_argument("path")
    lv.add_argument("--limit", type=int)
    c = sub.add_parser("candidates")
    c.add_argument("path")
    c.add_argument("--limit", type=int)
    for x in (b, s, c, lv):
        x.add_argument("--old-rev", default=OLD_REV)
    args = ap.parse_args()
    if args.cmd == "prepare":
        prepare(args.name, args.path)
        return 0
    if args.cmd == "bench":
        bench(args.names, args.limit, args.rounds, args.old_rev)
        return 0
    if args.cmd == "live":
        live(args.path, args.limit, args.old_rev)
        return 0
    if args.cmd == "same":
        return same(args.names, args.old_rev, args.out_dir)
    return candidates(args.path, args.old_rev, args.limit)


if __name__ == "__main__":
    sys.exit(main())
