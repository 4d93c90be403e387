"""Exact and overlap span F1 per role, computed the way shared/tools/score.py does (torch-free)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

from ..eval.metrics import prf
from .data import ROLES, trim_span

__all__ = ["RoleCounts", "score_roles", "select_min_scores", "MIN_SCORE_GRID"]

_TOKEN = re.compile(r"\w+")


class RoleCounts:
    """Running counts for one role: exact matches and token-Jaccard >= .5 matches."""

    def __init__(self) -> None:
        self.exact = 0
        self.soft_p = 0
        self.soft_g = 0
        self.n_pred = 0
        self.n_gold = 0

    def add(self, text: str, gold: Iterable[tuple[int, int]], pred: Iterable[tuple[int, int]]) -> None:
        g = {x for x in (trim_span(text, s, e) for s, e in gold) if x[1] > x[0]}
        p = {x for x in (trim_span(text, s, e) for s, e in pred) if x[1] > x[0]}
        self.exact += len(g & p)
        gt = [_tokens(text, *x) for x in g]
        pt = [_tokens(text, *x) for x in p]
        self.soft_p += sum(_hit(a, gt) for a in pt)
        self.soft_g += sum(_hit(a, pt) for a in gt)
        self.n_pred += len(p)
        self.n_gold += len(g)

    def exact_prf(self) -> tuple[float, float, float]:
        return prf(self.exact, self.n_pred, self.exact, self.n_gold)

    def overlap_prf(self) -> tuple[float, float, float]:
        return prf(self.soft_p, self.n_pred, self.soft_g, self.n_gold)


def _tokens(text: str, start: int, end: int) -> set[int]:
    return {m.start() + start for m in _TOKEN.finditer(text[start:end])}


def _hit(a: set[int], others: list[set[int]]) -> bool:
    return any(a and b and len(a & b) / len(a | b) >= 0.5 for b in others)


def score_roles(
    docs: Iterable[tuple[str, Mapping[str, Iterable[tuple[int, int]]], Mapping[str, Iterable[tuple[int, int]]]]],
) -> dict[str, tuple[float, float, float]]:
    """``{role_exact_prf, role_overlap_prf}`` over ``(text, gold_by_role, pred_by_role)`` triples."""
    counts = {r: RoleCounts() for r in ROLES}
    for text, gold, pred in docs:
        for r in ROLES:
            counts[r].add(text, gold.get(r, ()), pred.get(r, ()))
    out: dict[str, tuple[float, float, float]] = {}
    for r in ROLES:
        out[f"{r}_exact_prf"] = counts[r].exact_prf()
        out[f"{r}_overlap_prf"] = counts[r].overlap_prf()
    return out


MIN_SCORE_GRID = tuple(round(0.05 * i, 2) for i in range(19))  # 0.0 .. 0.9
"""The span-score thresholds ``select_min_scores`` tries (above 0.9 a tagger keeps too few spans to matter)."""


def select_min_scores(
    docs: Sequence[tuple[str, Mapping[str, Iterable[tuple[int, int]]], Mapping[str, Sequence[tuple[int, int, float]]]]],
    grid: Sequence[float] = MIN_SCORE_GRID,
) -> dict[str, float]:
    """Per role, the least span score to keep: the grid value with the best exact F1 on ``docs``
    (``(text, gold_by_role, scored_pred_by_role)``); ties go to the lower threshold."""
    best: dict[str, float] = {}
    for r in ROLES:
        top = (-1.0, 0.0)
        for tau in grid:
            c = RoleCounts()
            for text, gold, pred in docs:
                c.add(text, gold.get(r, ()), [(s, e) for s, e, score in pred.get(r, ()) if score >= tau])
            f1 = c.exact_prf()[2]
            if f1 > top[0]:
                top = (f1, tau)
        best[r] = top[1]
    return best
