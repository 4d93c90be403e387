"""Fit and check the confidence calibration on PolNeAR dev (issue 13).

``confidence`` is meant as the probability that a record is right by the record-level match
(``metrics.matched_records``). This module runs the attribution stages over the gold articles in each mode
(the parse and the tagger once, shared by the modes), takes every output record's signals
(``pipeline.attribution.calibration.record_features``) and whether it is right, and fits a logistic model
(L2-regularised, Newton's method). The figure to trust is the **cross-validated** one: the articles are split
into folds, the model is fitted on the other folds and scores the held-out one, and the expected calibration
error (ECE, 10 equal-width bins) and the reliability curve are computed on those held-out probabilities. The
mapping shipped in ``resources/confidence.json`` is then fitted on all of dev.

    whosaid eval calibration                                  # cross-validated ECE and reliability curve
    whosaid eval calibration --write src/whosaid/resources/confidence.json   # refit the shipped mapping
"""

from __future__ import annotations

import datetime as _dt
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..options import Options
from .metrics import matched_records
from .polnear import GoldDoc

__all__ = [
    "CalibrationData",
    "collect",
    "fit_logistic",
    "cross_validated",
    "ece",
    "reliability",
    "best_floor",
    "fitted_mapping",
    "CalibrationReport",
    "calibration_report",
    "floor_scores",
    "folds_of",
    "L2",
]

L2 = 1.0
"""The L2 penalty of the logistic fit (on the weights, not the bias)."""


@dataclass
class CalibrationData:
    """One row per output record: the article it is in, the mode that made it (and whose mapping scores it), its
    signals, and whether it is right."""

    articles: list[str] = field(default_factory=list)
    modes: list[str] = field(default_factory=list)
    mappings: list[str] = field(default_factory=list)  # the mode whose mapping scores the record (mapping_for)
    rows: list[list[float]] = field(default_factory=list)
    labels: list[int] = field(default_factory=list)

    @property
    def X(self) -> np.ndarray:
        return np.asarray(self.rows, dtype=np.float64).reshape(len(self.rows), -1)

    @property
    def y(self) -> np.ndarray:
        return np.asarray(self.labels, dtype=np.float64)


def collect(docs: Sequence[GoldDoc], modes: Sequence[str], options: Options, nlp: Any = None) -> CalibrationData:
    """Every record the attribution stage outputs (before calibration) on ``docs`` in each of ``modes``."""
    from ..pipeline.attribution.calibration import mapping_for, record_features
    from ..pipeline.attribution.cues import CueLexicon, CueStage
    from ..pipeline.attribution.quotes import QuoteStage
    from ..pipeline.attribution.stage import AttributionStage
    from ..pipeline.attribution.tagger import TaggerStage
    from ..pipeline.core import run_stage
    from ..pipeline.nlp import load_nlp
    from ..pipeline.state import DocState

    nlp = nlp if nlp is not None else load_nlp(options.pipeline)
    lexicon = CueLexicon.load()
    tagger = TaggerStage.from_options(options.merged(mode="hybrid")) if set(modes) - {"rules"} else None
    stages = {
        m: AttributionStage(options.merged(mode=m), proposals=m != "rules" and tagger is not None, calibrate=False)
        for m in modes
    }
    data = CalibrationData()
    texts = (d.article.text[: options.max_chars] for d in docs)
    for gold, doc in zip(docs, nlp.pipe(texts, batch_size=options.batch_size)):
        base = DocState(article=gold.article, doc=doc)
        for first in (QuoteStage(), CueStage(lexicon)):
            run_stage(first, base)
        if tagger is not None:
            run_stage(tagger, base)
        for mode, stage in stages.items():
            state = DocState(article=gold.article, doc=doc)
            state.quotes, state.cues, state.proposals = base.quotes, base.cues, base.proposals
            drafts = stage(state)["attributions"]
            pred = [{"source": _pair(a.source), "cue": _pair(a.cue), "content": _pair(a.content)} for a in drafts]
            right = matched_records(gold.article.text, gold.attributions, pred)
            for a, ok in zip(drafts, right):
                data.articles.append(gold.article.id)
                data.modes.append(mode)
                data.mappings.append(mapping_for(mode, a.origin))
                data.rows.append(record_features(gold.article.text, a, lexicon))
                data.labels.append(int(ok))
    return data


def _pair(span: Any) -> tuple[int, int] | None:
    return (span.start, span.end) if span is not None else None


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(z, -500, 500)))


def fit_logistic(X: np.ndarray, y: np.ndarray, *, l2: float = L2, iterations: int = 100) -> tuple[np.ndarray, float]:
    """Weights and bias of an L2-regularised logistic regression (Newton's method; the bias is not penalised)."""
    n, k = X.shape
    A = np.hstack([X, np.ones((n, 1))])
    w = np.zeros(k + 1)
    penalty = np.full(k + 1, l2)
    penalty[-1] = 0.0
    for _ in range(iterations):
        p = _sigmoid(A @ w)
        grad = A.T @ (p - y) + penalty * w
        hess = (A * (p * (1 - p))[:, None]).T @ A + np.diag(penalty) + 1e-9 * np.eye(k + 1)
        step = np.linalg.solve(hess, grad)
        w -= step
        if float(np.max(np.abs(step))) < 1e-8:
            break
    return w[:-1], float(w[-1])


def folds_of(articles: Sequence[str], k: int) -> np.ndarray:
    """The fold of each row: articles (in order of first appearance) are dealt to ``k`` folds in turn, so all
    records of one article, in every mode, are in the same fold."""
    order: dict[str, int] = {}
    for a in articles:
        order.setdefault(a, len(order) % k)
    return np.asarray([order[a] for a in articles])


def cross_validated(data: CalibrationData, k: int = 5, *, l2: float = L2) -> np.ndarray:
    """Held-out probabilities: each mapping (one per mode, ``mapping_for``) is fitted on its own records, as in
    the pipeline, and each fold is scored by the mapping fitted on the other folds."""
    X, y = data.X, data.y
    fold = folds_of(data.articles, k)
    groups = np.asarray(data.mappings)
    out = np.zeros(len(y))
    for group in dict.fromkeys(data.mappings):
        for f in range(k):
            train, test = (fold != f) & (groups == group), (fold == f) & (groups == group)
            if not test.any():
                continue
            w, b = fit_logistic(X[train], y[train], l2=l2)
            out[test] = _sigmoid(X[test] @ w + b)
    return out


def reliability(p: np.ndarray, y: np.ndarray, bins: int = 10) -> list[dict[str, float]]:
    """Per equal-width bin of predicted probability: its bounds, the number of records, the mean predicted
    probability and the share of records that are right (empty bins are left out)."""
    out = []
    idx = np.minimum((p * bins).astype(int), bins - 1)
    for b in range(bins):
        sel = idx == b
        if sel.any():
            out.append(
                {
                    "low": b / bins,
                    "high": (b + 1) / bins,
                    "records": int(sel.sum()),
                    "predicted": round(float(p[sel].mean()), 3),
                    "observed": round(float(y[sel].mean()), 3),
                }
            )
    return out


def ece(p: np.ndarray, y: np.ndarray, bins: int = 10) -> float:
    """Expected calibration error: the record-weighted mean gap between predicted and observed per bin."""
    if len(p) == 0:
        return 0.0
    return float(sum(r["records"] * abs(r["predicted"] - r["observed"]) for r in reliability(p, y, bins)) / len(p))


@dataclass
class CalibrationReport:
    records: int
    articles: int
    folds: int
    ece: dict[str, float]
    reliability: dict[str, list[dict[str, float]]]
    right: dict[str, float]
    held_out: np.ndarray = field(default_factory=lambda: np.zeros(0), repr=False)

    def as_dict(self) -> dict[str, Any]:
        return {
            "records": self.records,
            "articles": self.articles,
            "folds": self.folds,
            "ece": self.ece,
            "share_right": self.right,
            "reliability": self.reliability,
        }


def calibration_report(data: CalibrationData, k: int = 5, *, l2: float = L2) -> CalibrationReport:
    """Cross-validated ECE and reliability curve, per mode and over all records."""
    p, y = cross_validated(data, k, l2=l2), data.y
    modes = np.asarray(data.modes)
    groups = {m: modes == m for m in dict.fromkeys(data.modes)} | {"all": np.ones(len(y), dtype=bool)}
    return CalibrationReport(
        records=len(y),
        articles=len(set(data.articles)),
        folds=k,
        ece={g: round(ece(p[s], y[s]), 4) for g, s in groups.items()},
        reliability={g: reliability(p[s], y[s]) for g, s in groups.items()},
        right={g: round(float(y[s].mean()), 3) if s.any() else math.nan for g, s in groups.items()},
        held_out=p,
    )


FLOORS = (0.0, 0.1, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5)


def floor_scores(
    data: CalibrationData,
    report: CalibrationReport,
    n_gold: int,
    floors: Sequence[float] = FLOORS,
) -> dict[str, list[dict[str, Any]]]:
    """Per mode and floor: the records P / R / F1 when the records whose held-out probability is under the floor
    are left out (an estimate: the one-to-one labels are those of the full output)."""
    from .metrics import prf

    p, y = report.held_out, data.y
    modes = np.asarray(data.modes)
    out: dict[str, list[dict[str, Any]]] = {}
    for mode in dict.fromkeys(data.modes):
        rows = []
        for f in floors:
            keep = (modes == mode) & (p >= f)
            right = int(y[keep].sum())
            rows.append({"floor": f, "records": int(keep.sum()), "prf": prf(right, int(keep.sum()), right, n_gold)})
        out[mode] = rows
    return out


FLOOR_TOLERANCE = 0.1
"""Floors whose cross-validated records F1 is within this of the best count as equal (the differences are noise
at PolNeAR dev's size); the lowest of them is shipped, hiding the fewest records."""


def best_floor(rows: Sequence[Mapping[str, Any]], tolerance: float = FLOOR_TOLERANCE) -> float:
    """The lowest floor whose records F1 is within ``tolerance`` of the best."""
    best = max(r["prf"][2] for r in rows)
    return float(min(r["floor"] for r in rows if r["prf"][2] >= best - tolerance - 1e-9))


def fitted_mapping(
    data: CalibrationData,
    report: CalibrationReport,
    floors: Mapping[str, float],
    *,
    gold: str,
    command: str,
    l2: float = L2,
) -> dict[str, Any]:
    """The mapping file's content: one mapping per mode fitted on all of its records, with its floor and
    provenance."""
    from ..pipeline.attribution.calibration import Calibrator, mapping_file

    groups = np.asarray(data.mappings)
    X, y = data.X, data.y
    calibrators = {}
    for mode in sorted(set(data.mappings)):
        sel = groups == mode
        w, b = fit_logistic(X[sel], y[sel], l2=l2)
        calibrators[mode] = Calibrator(
            tuple(float(x) for x in w),
            b,
            floors.get(mode, 0.0),
            {
                "records": int(sel.sum()),
                "share_right": round(float(y[sel].mean()), 3),
                "cross_validated_ece": report.ece.get(mode),
            },
        )
    return mapping_file(
        calibrators,
        {
            "fitted_on": gold,
            "articles": report.articles,
            "records": report.records,
            "folds": report.folds,
            "label": "record right by the record-level match (records_prf)",
            "model": f"logistic regression per mode, L2 {l2}, Newton's method",
            "date": _dt.date.today().isoformat(),
            "command": command,
        },
    )
