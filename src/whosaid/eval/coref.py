"""Coreference metrics MUC, B3 and CEAF-e, as defined for the CoNLL-2012 scorer (Pradhan et al., 2014).

A *clustering* is a list of disjoint sets of mention ids (the key: gold chains; the response: system
chains). Mentions need not be the same on both sides: a mention in only one of them ("twinless") counts as
a singleton of the other, which is how Pradhan et al. (2014) score predicted mentions.

- MUC (Vilain et al., 1995): recall = sum over key chains k of (|k| - |p(k)|) / sum (|k| - 1), where p(k)
  is the partition of k by the response (a mention the response lacks is a part of its own); precision
  swaps key and response.
- B3 (Bagga and Baldwin, 1998): recall = sum over k and r of |k & r|^2 / |k|, divided by the number of key
  mentions; precision swaps key and response.
- CEAF-e (Luo, 2005): phi4(k, r) = 2 |k & r| / (|k| + |r|); the one-to-one alignment of key and response
  chains that maximises the sum of phi4 (Hungarian algorithm, scipy); recall = that sum / |key chains|,
  precision = that sum / |response chains|.

Each metric returns its numerators and denominators (``Counts``), so that a corpus figure is the sum of
the documents' counts (micro average, as the reference scorer reports it). The CoNLL F1 is the mean of
the three F1s.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, field

__all__ = ["Counts", "CorefScore", "muc", "b_cubed", "ceaf_e", "METRICS"]

Cluster = frozenset[Hashable]
Clustering = Sequence[Iterable[Hashable]]


@dataclass
class Counts:
    """Recall numerator/denominator and precision numerator/denominator of one metric."""

    r_num: float = 0.0
    r_den: float = 0.0
    p_num: float = 0.0
    p_den: float = 0.0

    def __add__(self, other: Counts) -> Counts:
        return Counts(
            self.r_num + other.r_num, self.r_den + other.r_den, self.p_num + other.p_num, self.p_den + other.p_den
        )

    @property
    def recall(self) -> float:
        return self.r_num / self.r_den if self.r_den else 0.0

    @property
    def precision(self) -> float:
        return self.p_num / self.p_den if self.p_den else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def prf(self) -> tuple[float, float, float]:
        """(P, R, F1) in percent, rounded to 0.1, as the other whosaid figures."""
        return round(100 * self.precision, 1), round(100 * self.recall, 1), round(100 * self.f1, 1)


def _clusters(clustering: Clustering) -> list[Cluster]:
    out = [frozenset(c) for c in clustering]
    out = [c for c in out if c]
    seen: set[Hashable] = set()
    for c in out:
        if seen & c:
            raise ValueError(f"a mention is in two chains of one clustering: {sorted(map(repr, seen & c))[:3]}")
        seen |= c
    return out


def _muc_side(a: list[Cluster], b: list[Cluster]) -> tuple[int, int]:
    where = {m: i for i, c in enumerate(b) for m in c}
    num = den = 0
    for c in a:
        parts = {where.get(m, ("alone", m)) for m in c}
        num += len(c) - len(parts)
        den += len(c) - 1
    return num, den


def muc(key: Clustering, response: Clustering) -> Counts:
    """MUC link counts of the response against the key (Vilain et al., 1995)."""
    k, r = _clusters(key), _clusters(response)
    rn, rd = _muc_side(k, r)
    pn, pd = _muc_side(r, k)
    return Counts(rn, rd, pn, pd)


def _b3_side(a: list[Cluster], b: list[Cluster]) -> tuple[float, int]:
    num = 0.0
    for c in a:
        num += sum(len(c & d) ** 2 for d in b) / len(c)
    return num, sum(len(c) for c in a)


def b_cubed(key: Clustering, response: Clustering) -> Counts:
    """B3 mention counts of the response against the key (Bagga and Baldwin, 1998)."""
    k, r = _clusters(key), _clusters(response)
    rn, rd = _b3_side(k, r)
    pn, pd = _b3_side(r, k)
    return Counts(rn, rd, pn, pd)


def ceaf_e(key: Clustering, response: Clustering) -> Counts:
    """CEAF-e entity counts: the best one-to-one alignment of chains by phi4 (Luo, 2005)."""
    k, r = _clusters(key), _clusters(response)
    total = 0.0
    if k and r:
        import numpy as np
        from scipy.optimize import linear_sum_assignment

        sim = np.array([[2 * len(a & b) / (len(a) + len(b)) for b in r] for a in k], dtype=float)
        rows, cols = linear_sum_assignment(sim, maximize=True)
        total = float(sim[rows, cols].sum())
    return Counts(total, len(k), total, len(r))


METRICS: dict[str, Callable[[Clustering, Clustering], Counts]] = {"muc": muc, "b3": b_cubed, "ceafe": ceaf_e}


@dataclass
class CorefScore:
    """Corpus totals of the three metrics; ``add`` one document's key and response at a time."""

    counts: dict[str, Counts] = field(default_factory=lambda: {m: Counts() for m in METRICS})
    documents: int = 0
    key_mentions: int = 0
    response_mentions: int = 0
    aligned_mentions: int = 0

    def add(self, key: Clustering, response: Clustering) -> None:
        self.documents += 1
        for name, metric in METRICS.items():
            self.counts[name] = self.counts[name] + metric(key, response)

    @property
    def conll_f1(self) -> float:
        """Mean of the MUC, B3 and CEAF-e F1, in percent."""
        return round(100 * sum(c.f1 for c in self.counts.values()) / len(self.counts), 1)

    def as_dict(self) -> dict[str, object]:
        out: dict[str, object] = {f"{m}_prf": c.prf() for m, c in self.counts.items()}
        out["conll_f1"] = self.conll_f1
        out.update(
            documents=self.documents,
            key_mentions=self.key_mentions,
            response_mentions=self.response_mentions,
            aligned_mentions=self.aligned_mentions,
        )
        return out
