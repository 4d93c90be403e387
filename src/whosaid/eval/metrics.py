"""Span metrics with the same definitions as the independent scorer (../shared/tools/score.py).

Spans are compared after trimming quote marks, spaces and edge punctuation. *Exact*: equal trimmed
offsets. *Overlap*: token Jaccard >= 0.5. *End to end*: content overlaps (Jaccard >= 0.5) and the source
shares a token, or both have no source.

*Records* (``records_prf`` in score.py): what a user of the output sees. Every predicted record counts,
content-less ones and duplicates too; gold attributions (those with a content, in order) each claim the
first still-free record that matches them end to end, so a record matches at most one gold attribution.
Beside it: records without content, records whose content span equals an earlier record's, and records
claimed by no gold attribution.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

__all__ = [
    "QUOTES",
    "TRIM",
    "norm_span",
    "prf",
    "RoleCounts",
    "RecordCounts",
    "AttributionScore",
    "score_document",
    "matched_records",
]

QUOTES = "\"'“”‘’«»„"
TRIM = QUOTES + " \t\n\r,.;:—–-"
ROLES = ("source", "cue", "content")
_WORD = re.compile(r"\w+")

Pair = tuple[int, int]


def norm_span(start: int, end: int, text: str, trim: str = TRIM) -> Pair:
    """``(start, end)`` with the characters of ``trim`` (spaces, punctuation) cut from both ends."""
    while start < end and text[start] in trim:
        start += 1
    while end > start and text[end - 1] in trim:
        end -= 1
    return start, end


def _tokens(start: int, end: int, text: str) -> frozenset[int]:
    return frozenset(m.start() for m in _WORD.finditer(text, start, end))


def prf(tp_p: int, n_pred: int, tp_g: int, n_gold: int) -> tuple[float, float, float]:
    """Precision, recall and F1 in percent (one decimal) from matched and total counts."""
    p = tp_p / n_pred if n_pred else 0.0
    r = tp_g / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return round(100 * p, 1), round(100 * r, 1), round(100 * f, 1)


@dataclass
class RoleCounts:
    exact: int = 0
    soft_pred: int = 0
    soft_gold: int = 0
    n_pred: int = 0
    n_gold: int = 0

    def add(self, gold: Iterable[Pair], pred: Iterable[Pair], text: str) -> None:
        g = {norm_span(s, e, text) for s, e in gold}
        p = {norm_span(s, e, text) for s, e in pred}
        g = {x for x in g if x[1] > x[0]}
        p = {x for x in p if x[1] > x[0]}
        self.exact += len(g & p)
        gt = [_tokens(*x, text) for x in g]
        pt = [_tokens(*x, text) for x in p]

        def hit(a: frozenset[int], pool: Sequence[frozenset[int]]) -> bool:
            return any(a and b and len(a & b) / len(a | b) >= 0.5 for b in pool)

        self.soft_pred += sum(hit(x, gt) for x in pt)
        self.soft_gold += sum(hit(x, pt) for x in gt)
        self.n_pred += len(p)
        self.n_gold += len(g)

    @property
    def exact_prf(self) -> tuple[float, float, float]:
        return prf(self.exact, self.n_pred, self.exact, self.n_gold)

    @property
    def overlap_prf(self) -> tuple[float, float, float]:
        return prf(self.soft_pred, self.n_pred, self.soft_gold, self.n_gold)


@dataclass
class RecordCounts:
    """Record-level counts: every output record against the gold attributions, one to one."""

    matched: int = 0
    n_pred: int = 0
    n_gold: int = 0
    without_content: int = 0
    duplicate_contents: int = 0

    @property
    def unmatched(self) -> int:
        return self.n_pred - self.matched

    @property
    def prf(self) -> tuple[float, float, float]:
        return prf(self.matched, self.n_pred, self.matched, self.n_gold)


@dataclass
class AttributionScore:
    roles: dict[str, RoleCounts] = field(default_factory=lambda: {r: RoleCounts() for r in ROLES})
    e2e: list[int] = field(default_factory=lambda: [0, 0, 0, 0])
    records: RecordCounts = field(default_factory=RecordCounts)
    articles: int = 0

    def as_dict(self) -> dict[str, object]:
        out: dict[str, object] = {"articles": self.articles}
        for role, c in self.roles.items():
            out[f"{role}_exact_prf"] = c.exact_prf
            out[f"{role}_overlap_prf"] = c.overlap_prf
        out["attribution_e2e_prf"] = prf(*self.e2e)
        out["records_prf"] = self.records.prf
        out["records"] = self.records.n_pred
        out["records_without_content"] = self.records.without_content
        out["duplicate_contents"] = self.records.duplicate_contents
        out["unmatched_records"] = self.records.unmatched
        return out

    def f1(self, role: str, how: str = "exact") -> float:
        c = self.roles[role]
        return (c.exact_prf if how == "exact" else c.overlap_prf)[2]


Triple = dict[str, Pair | None]


def _record_keys(text: str, gold: Sequence[Triple], pred: Sequence[Triple]) -> tuple[list[_Key], list[_Key]]:
    def key(c: Pair | None, s: Pair | None) -> _Key:
        return (_tokens(*norm_span(*c, text), text) if c else frozenset(), _tokens(*s, text) if s else frozenset())

    return [key(g["content"], g["source"]) for g in gold if g["content"]], [
        key(p["content"], p["source"]) for p in pred
    ]


def _one_to_one(G: Sequence[_Key], R: Sequence[_Key]) -> list[bool]:
    """Which records are matched: gold attributions, in order, each claim the first free record they match."""
    free = list(range(len(R)))
    for g in G:
        k = next((k for k in free if _e2e_match(R[k], g)), None)
        if k is not None:
            free.remove(k)
    return [k not in free for k in range(len(R))]


def matched_records(text: str, gold: Sequence[Triple], pred: Sequence[Triple]) -> list[bool]:
    """For each predicted record (in order), whether it is right by the record-level match (one to one)."""
    G, R = _record_keys(text, gold, pred)
    return _one_to_one(G, R)


def score_document(score: AttributionScore, text: str, gold: Sequence[Triple], pred: Sequence[Triple]) -> None:
    """Add one article's gold and predicted (source, cue, content) outer spans to ``score``."""
    score.articles += 1
    for role in ROLES:
        score.roles[role].add([g[role] for g in gold if g[role]], [p[role] for p in pred if p[role]], text)  # type: ignore[misc]

    G, R = _record_keys(text, gold, pred)  # every record, content-less ones too
    P = [k for k, p in zip(R, pred) if p["content"]]

    score.e2e[0] += sum(any(_e2e_match(p, g) for g in G) for p in P)
    score.e2e[1] += len(P)
    score.e2e[2] += sum(any(_e2e_match(g, p) for p in P) for g in G)
    score.e2e[3] += len(G)

    rec = score.records
    rec.matched += sum(_one_to_one(G, R))
    rec.n_pred += len(R)
    rec.n_gold += len(G)
    contents = [p["content"] for p in pred if p["content"]]
    rec.without_content += len(pred) - len(contents)
    rec.duplicate_contents += len(contents) - len(set(contents))


_Key = tuple[frozenset[int], frozenset[int]]


def _e2e_match(x: _Key, y: _Key) -> bool:
    """Content token-Jaccard >= 0.5 and a shared source token, or neither has a source."""
    (xc, xs), (yc, ys) = x, y
    if not xc or not yc or len(xc & yc) / len(xc | yc) < 0.5:
        return False
    return (not xs and not ys) or bool(xs & ys)
