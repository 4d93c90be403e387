"""Measure the gender the entity stage states for people: ``python -m whosaid.eval.gender FILE.jsonl ...``.

Reads articles (PolNeAR or GUM JSONL: ``id``, ``text``, ``date``), runs the default pipeline and prints, per file
and in all, how many PERSON entities get female / male / unknown and by which evidence (honorific, noun,
pronoun). ``--sample N --seed S --out FILE`` writes N people with a stated gender (seeded) with their context,
for checking by hand; the checked sample is a regression table in tests/pipeline/entities/test_gender.py.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter
from collections.abc import Iterator
from typing import Any

__all__ = ["people_genders", "gender_line", "main"]


def people_genders(paths: list[str], options: Any = None) -> Iterator[dict[str, Any]]:
    """One dict per PERSON entity: file, article id, name, its first name mention, whether it is a group of people
    (``plural``), gender, evidence, source."""
    from ..model import Article
    from ..options import Options
    from ..pipeline import Pipeline
    from .jsonl import jsonl_rows

    pipe = Pipeline(options or Options())
    for path in paths:
        rows = [row for _, row in jsonl_rows(path, what="articles", hint="pass JSONL files with id, text, date")]
        arts = [Article(id=str(r["id"]), text=str(r["text"]), date=Article.parse_date(r.get("date"))) for r in rows]
        for analysis in pipe.pipe(arts):
            text = analysis.article.text
            for e in analysis.entities:
                if e.type != "PERSON":
                    continue
                first = min(e.mentions, key=lambda m: m.start)
                ev = e.gender_evidence
                yield {
                    "file": path,
                    "id": analysis.article.id,
                    "entity": e.id,
                    "name": e.name,
                    "start": first.start,
                    "end": first.end,
                    "plural": e.plural,
                    "gender": e.gender or "unknown",
                    "source": e.gender_source,
                    "evidence": ev.to_dict() if ev else None,
                    "context": text[max(0, (ev or first).start - 150) : (ev or first).end + 150] if ev else None,
                }


def gender_line(people: list[dict[str, Any]]) -> str:
    """Counts of one group of PERSON entities: individuals by gender (the unknown share is over individuals only)
    and groups of people apart, which have no gender."""
    single = [p for p in people if not p["plural"]]
    genders = Counter(p["gender"] for p in single)
    sources = Counter(p["source"] for p in single if p["source"])
    n = len(single) or 1
    return (
        f"{len(single)} people and {len(people) - len(single)} groups of people; female {genders['female']}, "
        f"male {genders['male']}, unknown {genders['unknown']} ({100 * genders['unknown'] / n:.1f}% of the people); "
        f"evidence {dict(sources)}"
    )


def main(argv: list[str] | None = None) -> int:
    """Command line: the gender counts per file (and a seeded sample with --sample); returns the exit status."""
    ap = argparse.ArgumentParser(prog="python -m whosaid.eval.gender", description=__doc__.split("\n\n")[0])
    ap.add_argument("files", nargs="+")
    ap.add_argument("--sample", type=int, default=0)
    ap.add_argument("--seed", type=int, default=14)
    ap.add_argument("--out", default=None)
    args = ap.parse_args(argv)
    people = list(people_genders(args.files))
    for label, group in [(f, [p for p in people if p["file"] == f]) for f in args.files] + [("all", people)]:
        print(f"{label}: {gender_line(group)}")
    if args.sample:
        stated = [p for p in people if p["gender"] != "unknown"]  # groups have none
        chosen = random.Random(args.seed).sample(stated, min(args.sample, len(stated)))
        out = open(args.out, "w", encoding="utf-8") if args.out else sys.stdout
        for p in chosen:
            out.write(json.dumps(p, ensure_ascii=False) + "\n")
        if args.out:
            out.close()
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
