"""Quote provenance benchmarks (docs/bench-provenance.md).

cluster DB          cluster a whole store from scratch in a child process (on a copy): wall and CPU
                    seconds, per 1,000 articles, peak memory, clusters found and their spread, index size
ingest FILE         ingest FILE into fresh stores with clustering off and on, alternating, in one run:
                    the summary's seconds and articles/s of each, the on/off ratio, and within each
                    clustering-on run the clustering's seconds against the rest of that same run
pairs DB            the labelled pairs scored against the clusters of a full store (statements matched by
                    article and content offsets), next to the throw-away store of `whosaid eval provenance`

  nice -n 19 .venv/bin/python bench/bench_provenance.py cluster /tmp/polnear.db
  nice -n 19 .venv/bin/python bench/bench_provenance.py ingest ../shared/data/news/reuters-sample-1000.jsonl --rounds 2
  nice -n 19 .venv/bin/python bench/bench_provenance.py pairs /tmp/polnear-clustered.db
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

WHOSAID = [sys.executable, "-c", "from whosaid.cli import main; main()"]


def _child_cluster(db: str) -> None:
    """Runs in the child: rebuild every cluster of ``db`` and print what it found."""
    from whosaid.provenance import rebuild_clusters
    from whosaid.store import Store

    with Store(db) as store:
        done = rebuild_clusters(store)
        stats = store.provenance_stats()
        bands = store._rows("SELECT count(*) FROM cluster_bands")[0][0]
        articles = store.stats()["articles"]
        multi_article = store._rows("SELECT count(*) FROM statement_clusters WHERE size >= 2 AND n_articles >= 2")[0][0]
    print(
        json.dumps(
            {
                "update": done.__dict__,
                "stats": stats,
                "band_rows": bands,
                "articles": articles,
                "clusters_2_articles": multi_article,
            }
        )
    )


def cluster(db: str, keep: str | None) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        work = keep or str(Path(tmp) / "work.db")
        shutil.copyfile(db, work)
        conn_size = Path(work).stat().st_size
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        out = subprocess.run([sys.executable, __file__, "_child", work], capture_output=True, text=True, check=True)
        wall = time.perf_counter() - started
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        res = json.loads(out.stdout)
        subprocess.run(["sqlite3", work, "VACUUM"], check=False, capture_output=True)
        res.update(
            {
                "db": db,
                "wall_s": round(wall, 1),
                "cpu_s": round(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime, 1),
                "peak_rss_mb": round(after.ru_maxrss / 1024, 1),
                "db_growth_mb": round((Path(work).stat().st_size - conn_size) / 2**20, 1),
            }
        )
        n = max(1, res["articles"])
        res["cpu_s_per_1000_articles"] = round(1000 * res["cpu_s"] / n, 1)
        res["wall_s_per_1000_articles"] = round(1000 * res["wall_s"] / n, 1)
        return res


def ingest(path: str, mode: str, rounds: int, processes: int) -> dict:
    runs = []
    with tempfile.TemporaryDirectory() as tmp:
        for r in range(rounds):
            for flag in ("--no-provenance", "--provenance"):
                db = Path(tmp) / f"{r}{flag}.db"
                before = resource.getrusage(resource.RUSAGE_CHILDREN)
                started = time.perf_counter()
                out = subprocess.run(
                    [
                        *WHOSAID,
                        "--mode",
                        mode,
                        "ingest",
                        path,
                        "--db",
                        str(db),
                        "-q",
                        "-j",
                        str(processes),
                        "--summary-json",
                        flag,
                    ],
                    capture_output=True,
                    text=True,
                    check=True,
                )
                wall = time.perf_counter() - started
                after = resource.getrusage(resource.RUSAGE_CHILDREN)
                # the main process only: the workers' CPU time does not come back through RUSAGE_CHILDREN
                cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
                summary = json.loads(out.stdout)
                runs.append(
                    {
                        "round": r,
                        "provenance": flag == "--provenance",
                        "wall_s": round(wall, 1),
                        "cpu_s": round(cpu, 1),
                        "ingest_s": summary["seconds"],
                        "articles_per_s": summary["articles_per_s"],
                        "clustered": summary.get("clustered", 0),
                        "clustering_s": summary.get("clustering_seconds", 0.0),
                    }
                )

    def ratio(key: str) -> float | None:
        off = sum(x[key] for x in runs if not x["provenance"])
        on = sum(x[key] for x in runs if x["provenance"])
        return round(on / off - 1, 3) if off else None

    on_runs = [x for x in runs if x["provenance"]]
    cl = sum(x["clustering_s"] for x in on_runs)
    rest = sum(x["ingest_s"] for x in on_runs) - cl
    return {
        "file": path,
        "mode": mode,
        "runs": runs,
        "slowdown_wall": ratio("ingest_s"),
        "slowdown_main_process_cpu": ratio("cpu_s"),
        "clustering_share_same_run": round(cl / rest, 3) if rest > 0 else None,
    }


def pairs(db: str) -> dict:
    from whosaid.eval.provenance import load_pairs
    from whosaid.provenance import compatible
    from whosaid.store import Store

    labelled = load_pairs()
    with Store(db, readonly=True) as store:
        where = {}
        for row in store._rows(
            "SELECT a.id, a.article_id, m.cluster_id, m.speaker_key, json_extract(ar.analysis, "
            "'$.attributions[' || a.idx || '].content') AS c FROM attributions a JOIN articles ar "
            "ON ar.id = a.article_id LEFT JOIN cluster_members m ON m.attribution_id = a.id"
        ):
            c = json.loads(row["c"]) if row["c"] else None
            if c:
                frags = tuple(map(tuple, c.get("fragments") or [[c["start"], c["end"]]]))
                where[(row["article_id"], frags)] = (row["cluster_id"], row["speaker_key"])
    counts: dict[str, float] = {"tp": 0, "fp": 0, "fn": 0, "tn": 0, "unmatched": 0}
    for p in labelled:
        found = [where.get((p[s]["article"], tuple(map(tuple, p[s]["content"])))) for s in ("a", "b")]
        fa, fb = found
        if fa is None or fb is None:
            counts["unmatched"] += 1
            continue
        (ca, _), (cb, _) = fa, fb
        # the speakers as judged by the labeller (the pairs' offsets), as `whosaid eval provenance` does
        ka, kb = (
            _KEYS.get((p[s]["article"], tuple(p[s]["speaker"]))) if p[s].get("speaker") else None for s in ("a", "b")
        )
        predicted = ca is not None and ca == cb and compatible(ka, kb)
        counts[("tp" if predicted else "fn") if p["same"] else ("fp" if predicted else "tn")] += 1
    tp, fp, fn = counts["tp"], counts["fp"], counts["fn"]
    counts["precision"] = round(100 * tp / (tp + fp), 1) if tp + fp else 0.0
    counts["recall"] = round(100 * tp / (tp + fn), 1) if tp + fn else 0.0
    return counts


_KEYS: dict = {}  # (article, speaker offsets) -> speaker key of the judged speaker


def main() -> None:
    if len(sys.argv) > 2 and sys.argv[1] == "_child":
        _child_cluster(sys.argv[2])
        return
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    c = sub.add_parser("cluster")
    c.add_argument("db")
    c.add_argument("--keep", default=None, help="Keep the clustered copy at this path.")
    i = sub.add_parser("ingest")
    i.add_argument("file")
    i.add_argument("--mode", default="hybrid")
    i.add_argument("--rounds", type=int, default=2)
    i.add_argument("-j", "--processes", type=int, default=min(2, os.cpu_count() or 1))
    p = sub.add_parser("pairs")
    p.add_argument("db")
    p.add_argument("--data", default=str(Path(__file__).resolve().parents[2] / "shared" / "data" / "polnear"))
    args = ap.parse_args()
    if args.cmd == "cluster":
        out = cluster(args.db, args.keep)
    elif args.cmd == "ingest":
        out = ingest(args.file, args.mode, args.rounds, args.processes)
    else:
        _fill_keys(args.data)
        out = pairs(args.db)
    print(json.dumps(out, indent=2))


def _fill_keys(data: str) -> None:
    """Speaker keys of the pairs' judged speakers, from the article texts."""
    from whosaid.eval.provenance import load_pairs, load_texts
    from whosaid.provenance import speaker_key

    labelled = load_pairs()
    texts = load_texts(
        [Path(data) / "train.jsonl", Path(data) / "dev.jsonl"], {p[s]["article"] for p in labelled for s in ("a", "b")}
    )
    for p in labelled:
        for s in ("a", "b"):
            side = p[s]
            if side.get("speaker"):
                a, b = side["speaker"]
                name = texts[side["article"]]["text"][a:b]
                _KEYS[(side["article"], (a, b))] = speaker_key(
                    {"source_type": side.get("source_type"), "speaker": name}
                )


if __name__ == "__main__":
    main()
