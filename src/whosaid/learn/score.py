"""Exact and overlap span F1 per role, computed the way shared/tools/score.py does (torch-free)."""

from __future__ import annotations

import re
from typing import Iterable, Mapping

from .data import ROLES, trim_span

__all__ = ["RoleCounts", "score_roles"]

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

    @staticmethod
    def _prf(tp_p: int, n_p: int, tp_g: int, n_g: int) -> tuple[float, float, float]:
        p = tp_p / n_p if n_p else 0.0
        r = tp_g / n_g if n_g else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return round(100 * p, 1), round(100 * r, 1), round(100 * f, 1)

    def exact_prf(self) -> tuple[float, float, float]:
        return self._prf(self.exact, self.n_pred, self.exact, self.n_gold)

    def overlap_prf(self) -> tuple[float, float, float]:
        return self._prf(self.soft_p, self.n_pred, self.soft_g, self.n_gold)


def _tokens(text: str, start: int, end: int) -> set[int]:
    return {m.start() + start for m in _TOKEN.finditer(text[start:end])}


def _hit(a: set[int], others: list[set[int]]) -> bool:
    return any(a and b and len(a & b) / len(a | b) >= 0.5 for b in others)


def score_roles(docs: Iterable[tuple[str, Mapping[str, Iterable[tuple[int, int]]],
                                     Mapping[str, Iterable[tuple[int, int]]]]]) -> dict[str, object]:
    """``{role_exact_prf, role_overlap_prf}`` over ``(text, gold_by_role, pred_by_role)`` triples."""
    counts = {r: RoleCounts() for r in ROLES}
    for text, gold, pred in docs:
        for r in ROLES:
            counts[r].add(text, gold.get(r, ()), pred.get(r, ()))
    out: dict[str, object] = {}
    for r in ROLES:
        out[f"{r}_exact_prf"] = counts[r].exact_prf()
        out[f"{r}_overlap_prf"] = counts[r].overlap_prf()
    return out
