"""The seed article against its hand-made gold answer (the acceptance case that must always pass).

Same definitions as ``../shared/tools/score.py seed``: a required statement is found by the best-fitting
prediction whose content overlaps it by more than 50% both ways (a split quote may match by a fragment).

Record figures (every record the product outputs): ``records_without_content``; ``duplicate_contents``,
records whose content span equals an earlier record's; ``unmatched_records``, records claimed by no gold
statement, where each gold statement (required or optional), in order, claims the first free record whose
content (or one of its fragments) covers more than half of it.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..model import Analysis

__all__ = ["load_seed_gold", "score_seed"]


def load_seed_gold(path: str | Path) -> dict[str, Any]:
    """The seed article's gold file (JSON); InputError naming the file when it is missing or bad."""
    p = Path(path)
    try:
        return json.loads(p.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(
            "seed gold not found; pass --gold PATH (../shared/data/seed/seed-gold.json)", source=str(p)
        ) from None


def _canon(name: str | None) -> str:
    return re.sub(r"^the ", "", (name or "").lower().strip())


def score_seed(gold: dict[str, Any], analysis: Analysis) -> dict[str, Any]:
    """How many required seed statements the analysis finds, with the right speaker, type, via and said_at."""
    atts = [a for a in analysis.attributions if a.content is not None]
    required = [g for g in gold["attributions"] if g["required"]]
    res: dict[str, Any] = {
        "required": len(required),
        "found": 0,
        "speaker_correct": 0,
        "source_type_correct": 0,
        "via_correct": 0,
        "via_required": 0,
        "said_at_correct": 0,
        "said_at_required": 0,
        "missed": [],
        "wrong": [],
    }
    for g in required:
        gs, ge = g["content"]["start"], g["content"]["end"]
        best, best_score = None, 0.5
        for a in atts:
            for ps, pe in a.content.parts:  # type: ignore[union-attr]
                inter = max(0, min(ge, pe) - max(gs, ps))
                sc = min(inter / (ge - gs), inter / max(1, pe - ps))
                if sc > best_score:
                    best, best_score = a, sc
        label = g["content"]["text"][:40]
        if best is None:
            res["missed"].append(label)
            continue
        res["found"] += 1
        name = _canon(best.speaker)
        ok_speaker = (
            (not name or best.source_type == "anonymous") if g["speaker"] is None else name == _canon(g["speaker"])
        )
        types = g["source_type"] if isinstance(g["source_type"], list) else [g["source_type"]]
        ok_type = best.source_type in types
        res["speaker_correct"] += ok_speaker
        res["source_type_correct"] += ok_type
        if not (ok_speaker and ok_type):
            res["wrong"].append([label, best.speaker, best.source_type])
        if g.get("via"):
            res["via_required"] += 1
            res["via_correct"] += _canon(best.via) == _canon(g["via"])
        if g.get("said_at"):
            res["said_at_required"] += 1
            res["said_at_correct"] += str(best.said_at or "")[: len(g["said_at"])] == g["said_at"]
    res.update(_record_figures(gold, analysis))
    ok_times = 0
    for t in gold.get("times", []):
        values = t["value"] if isinstance(t["value"], list) else [t["value"]]
        ok_times += any(min(t["end"], p.end) > max(t["start"], p.start) and p.value in values for p in analysis.times)
    res["time_values_correct"] = ok_times
    res["times"] = len(gold.get("times", []))
    return res


def _record_figures(gold: dict[str, Any], analysis: Analysis) -> dict[str, int]:
    records = analysis.attributions
    free = list(range(len(records)))
    for g in gold["attributions"]:
        gs, ge = g["content"]["start"], g["content"]["end"]
        for k in free:
            c = records[k].content
            if c is not None and any(min(ge, pe) - max(gs, ps) > 0.5 * (ge - gs) for ps, pe in c.parts):
                free.remove(k)
                break
    contents = [(a.content.start, a.content.end) for a in records if a.content is not None]
    return {
        "records": len(records),
        "records_without_content": len(records) - len(contents),
        "duplicate_contents": len(contents) - len(set(contents)),
        "unmatched_records": len(free),
        "spurious_beyond_gold": max(0, len(contents) - len(gold["attributions"])),
    }
