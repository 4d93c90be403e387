"""TimeBank+AQUAINT (TempEval-3 TBAQ) evaluation of the time stage, TempEval-3 style.

Same definitions as ``../shared/tools/score.py timejsonl``:

- *strict*: a gold TIMEX3 counts when a prediction has exactly its offsets;
- *relaxed*: when some prediction overlaps it;
- *value*: when an overlapping prediction carries the gold value.

Precision divides the matched gold count by the number of predictions, recall by the number of gold
expressions (the scorer's convention), F1 is their harmonic mean; figures are percentages rounded to 0.1.
Each document's ``dct`` is its creation time; its date part is the anchor (a ``1990-08-15T13:37`` dct
anchors at 1990-08-15, so a bare clock time "10 a.m." gets that day).
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import InputError
from ..model import Article
from .jsonl import jsonl_rows
from .metrics import prf

if TYPE_CHECKING:  # pragma: no cover
    from ..options import Options
    from ..pipeline import Pipeline

__all__ = [
    "TIMEBANK_FLOORS",
    "TimeScore",
    "read_timebank",
    "timebank_articles",
    "score_times",
    "evaluate_timebank",
]

# Pinned floors (F1, percent) on ../shared/data/timebank/train.jsonl; lowering one is a visible change.
TIMEBANK_FLOORS: dict[str, float] = {"strict_f1": 87.5, "relaxed_f1": 92.5, "value_f1": 78.5}


@dataclass
class TimeScore:
    """Counts in the scorer's terms; ``as_dict()`` gives its figures."""

    strict: int = 0
    relaxed: int = 0
    value: int = 0
    gold: int = 0
    pred: int = 0
    documents: int = 0
    seconds: float = 0.0
    by_type: dict[str, list[int]] = field(default_factory=dict)  # gold type -> [gold, relaxed, value]

    def add(self, gold: Sequence[dict[str, Any]], pred: Sequence[dict[str, Any]]) -> None:
        """Add one document's gold timexes and predicted times (dicts with start, end, value)."""
        self.documents += 1
        spans = [(int(p["start"]), int(p["end"]), p.get("value")) for p in pred]
        self.gold += len(gold)
        self.pred += len(spans)
        for g in gold:
            gs, ge, gv = int(g["start"]), int(g["end"]), g.get("value")
            row = self.by_type.setdefault(str(g.get("type") or "?"), [0, 0, 0])
            row[0] += 1
            if any(ps == gs and pe == ge for ps, pe, _ in spans):
                self.strict += 1
            over = [pv for ps, pe, pv in spans if min(ge, pe) > max(gs, ps)]
            if over:
                self.relaxed += 1
                row[1] += 1
                if any(pv == gv for pv in over):
                    self.value += 1
                    row[2] += 1

    def as_dict(self) -> dict[str, Any]:
        strict = prf(self.strict, self.pred, self.strict, self.gold)
        relaxed = prf(self.relaxed, self.pred, self.relaxed, self.gold)
        value = prf(self.value, self.pred, self.value, self.gold)
        return {
            "strict_prf": strict,
            "relaxed_prf": relaxed,
            "value_prf": value,
            "gold": self.gold,
            "pred": self.pred,
            "strict_f1": strict[2],
            "relaxed_f1": relaxed[2],
            "value_f1": value[2],
            "documents": self.documents,
            "seconds": round(self.seconds, 1),
            "by_type": {k: {"gold": v[0], "relaxed": v[1], "value": v[2]} for k, v in sorted(self.by_type.items())},
        }


def read_timebank(path: str | Path) -> list[dict[str, Any]]:
    """The JSONL rows (``id``, ``dct``, ``text``, ``timexes``), or InputError naming the bad line."""
    rows: list[dict[str, Any]] = []
    for n, row in jsonl_rows(
        path, what="TimeBank", hint="each line needs id, text, timexes (e.g. ../shared/data/timebank/train.jsonl)"
    ):
        try:
            _ = row["id"], row["text"], row["timexes"]
        except (KeyError, TypeError) as exc:
            raise InputError(
                f"not a TimeBank row ({exc}); each line needs id, text, timexes", source=str(path), line=n
            ) from None
        rows.append(row)
    return rows


def timebank_articles(rows: Iterable[dict[str, Any]]) -> list[Article]:
    """One Article per row, dated by the date part of its ``dct``."""
    return [Article(id=str(r["id"]), text=str(r["text"]), date=Article.parse_date(r.get("dct"))) for r in rows]


def score_times(rows: Sequence[dict[str, Any]], predictions: Mapping[str, Sequence[dict[str, Any]]]) -> TimeScore:
    """Score predicted times (article id -> list of time dicts) against the gold rows."""
    score = TimeScore()
    for r in rows:
        score.add(r["timexes"], predictions.get(str(r["id"]), []))
    return score


def evaluate_timebank(
    path: str | Path,
    *,
    options: Options | None = None,
    pipeline: Pipeline | None = None,
    limit: int | None = None,
    pred_out: str | Path | None = None,
) -> TimeScore:
    """Run spaCy + the time stage over the TimeBank rows and score the result.

    ``pipeline`` defaults to ``Pipeline(options, stages=[TimeStage()])`` (the other stages do not
    change times). ``pred_out`` writes the predictions as JSONL that ``score.py timejsonl`` reads.
    """
    from ..options import Options
    from ..pipeline import Pipeline
    from ..pipeline.temporal.time import TimeStage

    rows = read_timebank(path)
    if limit is not None:
        rows = rows[:limit]
    if pipeline is None:
        pipeline = Pipeline(options or Options(mode="rules"), stages=[TimeStage()])
    started = time.perf_counter()
    predictions: dict[str, list[dict[str, Any]]] = {}
    for analysis in pipeline.pipe(timebank_articles(rows)):
        predictions[analysis.article.id] = [t.to_dict() for t in analysis.times]
    score = score_times(rows, predictions)
    score.seconds = time.perf_counter() - started
    if pred_out is not None:
        with Path(pred_out).open("w", encoding="utf-8") as fh:
            for r in rows:
                fh.write(json.dumps({"id": r["id"], "times": predictions.get(str(r["id"]), [])}) + "\n")
    return score
