"""Build the cue lexicon from PolNeAR train: for each word form, how often it is part of a gold cue.

    python -m whosaid.eval.lexicon ../shared/data/polnear/train.jsonl > src/whosaid/resources/cue_lexicon.tsv

Only the training split is read. The lexicon ships with the package (resources/cue_lexicon.tsv); the
attribution rules read it through ``whosaid.pipeline.attribution.cues.CueLexicon``.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

__all__ = ["count_cue_words", "main"]

_WORD = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*")


def count_cue_words(rows: Iterable[dict]) -> tuple[Counter[str], Counter[str]]:
    """(times inside a gold cue, times in all text) per lower-cased word form."""
    total: Counter[str] = Counter()
    in_cue: Counter[str] = Counter()
    for row in rows:
        text = row["text"]
        mask = bytearray(len(text))
        for att in row.get("attributions", []):
            cue = att.get("cue")
            if not cue:
                continue
            for s, e in cue.get("fragments") or [[cue["start"], cue["end"]]]:
                mask[s:e] = b"\x01" * (e - s)
        for m in _WORD.finditer(text):
            w = m.group().lower()
            total[w] += 1
            if mask[m.start()]:
                in_cue[w] += 1
    return in_cue, total


def main(argv: list[str] | None = None) -> int:
    """``python -m whosaid.eval.lexicon TRAIN.jsonl``: rebuild the cue lexicon; returns the exit code."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    with Path(args[0]).open(encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    in_cue, total = count_cue_words(rows)
    print("# word\tin_cue\ttotal  (from PolNeAR train; see whosaid.eval.lexicon)")
    for w, c in sorted(in_cue.items(), key=lambda kv: (-kv[1], kv[0])):
        if c >= 2:
            print(f"{w}\t{c}\t{total[w]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
