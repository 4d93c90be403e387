"""Measure pronoun-source resolution on PolNeAR: ``python -m whosaid.eval.pronouns DEV.jsonl``.

For every gold attribution whose source is a personal pronoun, the entity stage's clusters are asked
(``DocState.entity_at`` on the gold source span, as the speaker stage does) whether the pronoun resolves
to a named entity of the article. Prints the share per pronoun and overall; ``--sample N --out FILE``
writes N cases (seeded) with context for checking by hand.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import Counter
from collections.abc import Iterator
from typing import Any

__all__ = ["pronoun_cases", "main"]

THIRD = frozenset({"he", "she", "they", "it", "his", "her", "its", "them", "him", "their"})
FIRST = frozenset({"i", "we", "me", "my", "our", "us"})


def pronoun_cases(path: str, limit: int | None = None) -> Iterator[dict[str, Any]]:
    """Yield one dict per pronoun-source attribution: article id, pronoun, resolved entity (or None)."""
    from ..model import Article
    from ..options import Options
    from ..pipeline.attribution.quotes import QuoteStage
    from ..pipeline.core import run_stage
    from ..pipeline.entities import EntityStage
    from ..pipeline.nlp import load_nlp
    from ..pipeline.state import DocState

    opts = Options(mode="rules", n_process=1)
    nlp = load_nlp(opts.pipeline)
    stage = EntityStage()
    rows = [json.loads(line) for line in open(path, encoding="utf-8") if line.strip()]
    if limit:
        rows = rows[:limit]
    for row in rows:
        cases = [
            a for a in row["attributions"] if a.get("source") and a["source"]["text"].lower() in THIRD | FIRST | {"you"}
        ]
        if not cases:
            continue
        art = Article(id=row["id"], text=row["text"], date=Article.parse_date(row.get("date")))
        state = DocState(article=art, doc=nlp(row["text"]))
        run_stage(QuoteStage(), state)  # the quotes the entity stage reads
        run_stage(stage, state)
        for a in cases:
            s = a["source"]
            ent = state.entity_at(s["start"], s["end"])
            yield {
                "id": row["id"],
                "start": s["start"],
                "end": s["end"],
                "pronoun": s["text"],
                "entity": ent.name if ent else None,
                "type": ent.type if ent else None,
                "context": row["text"][max(0, s["start"] - 400) : s["end"] + 120],
            }


def main(argv: list[str] | None = None) -> int:
    """``python -m whosaid.eval.pronouns DEV.jsonl [--sample N --out FILE]``: print how often pronoun sources
    resolve to a named entity; returns the exit code."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("path")
    ap.add_argument("--sample", type=int, default=0)
    ap.add_argument("--seed", type=int, default=5)
    ap.add_argument("--out", default=None)
    ap.add_argument("--limit", type=int, default=None)
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    cases = list(pronoun_cases(args.path, args.limit))
    took = time.perf_counter() - t0
    per: Counter[str] = Counter()
    ok: Counter[str] = Counter()
    for c in cases:
        p = c["pronoun"].lower()
        per[p] += 1
        ok[p] += c["entity"] is not None
    third = [c for c in cases if c["pronoun"].lower() in THIRD]
    report = {
        "pronoun_sources": len(cases),
        "resolved_to_named": sum(ok.values()),
        "share": round(sum(ok.values()) / max(1, len(cases)), 3),
        "third_person": len(third),
        "third_person_resolved": sum(c["entity"] is not None for c in third),
        "third_person_share": round(sum(c["entity"] is not None for c in third) / max(1, len(third)), 3),
        "per_pronoun": {p: [ok[p], n] for p, n in per.most_common()},
        "seconds": round(took, 1),
    }
    print(json.dumps(report, indent=1))
    if args.sample and args.out:
        rnd = random.Random(args.seed)
        sample = rnd.sample(third, min(args.sample, len(third)))
        with open(args.out, "w", encoding="utf-8") as fh:
            for c in sample:
                fh.write(json.dumps(c, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
