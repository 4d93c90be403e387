"""Calibrated confidence: the probability that a record is right, from the model and rule signals (issue 13).

A record is *right* when it matches a gold attribution one to one by the record-level definition of
``eval/metrics.py`` (content token-Jaccard >= 0.5 and a shared source token, or neither has a source). The
signals of each record (:func:`record_features`: the proposer's own score, who proposed it and where its
content came from, its kind, category and frame, how often PolNeAR train marks its cue words as cues, the
length of its content and source) go through a logistic model (multi-feature Platt scaling) fitted on PolNeAR
dev by ``whosaid eval calibration --write`` (eval/calibration.py), shipped as ``resources/confidence.json``
with its provenance and its cross-validated expected calibration error (docs/benchmarks.md).

:class:`Calibrator` is loaded once per attribution stage (no global state); ``record_features`` is also what
the fitting reads, so the shipped mapping and the pipeline cannot drift apart silently: the file names its
features and loading refuses a file whose features differ from this module's.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from ...errors import ConfigError
from ..lexicon import CUE_CATEGORIES, PRONOUNS
from ..state import DraftAttribution
from .category import word_lemmas
from .cues import CueLexicon

__all__ = ["FEATURES", "record_features", "Calibrator", "CONFIDENCE_FILE", "mapping_file", "mapping_for"]

CONFIDENCE_FILE = "confidence.json"
_WORD = re.compile(r"\w+")
_SENT_END = re.compile(r"[.?!][\"'”’)]*\s+[\"“‘]?[A-Z]|\n")

FEATURES: tuple[str, ...] = (
    "raw_rules",
    "raw_model",
    "raw_both",
    "origin_model",
    "origin_both",
    "from_weak",
    "from_parse",
    "from_quote",
    "kind_direct",
    "kind_mixed",
    "kind_according_to",
    "no_source",
    "no_cue",
    "continues",
    "cat_belief",
    "cat_fact",
    "cat_eventuality",
    "cue_share",
    "cue_unknown",
    "cue_apart",
    "log_words",
    "fragments",
    "pronoun_source",
    "log_source_words",
    "score_source",
    "score_cue",
    "score_content",
)
"""The signals, in the order of the fitted weights."""


def _logit(p: float) -> float:
    p = min(max(p, 0.02), 0.98)
    return math.log(p / (1 - p))


def record_features(text: str, d: DraftAttribution, lexicon: CueLexicon) -> list[float]:
    """The signals of one record (see :data:`FEATURES`), from its draft before calibration."""
    raw = _logit(d.confidence)
    cue_words = [m.group() for s, e in (d.cue.parts if d.cue else ()) for m in _WORD.finditer(text, s, e)]
    known = any(lemma in CUE_CATEGORIES for w in cue_words for lemma in word_lemmas(w))
    share = max((lexicon.share(w) for w in cue_words), default=0.0)
    content = d.content
    words = len(_WORD.findall(content.text)) if content is not None else 0
    apart = 0.0
    if content is not None and d.cue is not None:
        lo, hi = (d.cue.end, content.start) if d.cue.end <= content.start else (content.end, d.cue.start)
        apart = float(hi > lo and _SENT_END.search(text, lo, hi) is not None)
    src_words = _WORD.findall(d.source.text) if d.source is not None else []
    values = {
        "raw_rules": raw if d.origin == "rules" else 0.0,
        "raw_model": raw if d.origin == "model" else 0.0,
        "raw_both": raw if d.origin == "both" else 0.0,
        "origin_model": float(d.origin == "model"),
        "origin_both": float(d.origin == "both"),
        "from_weak": float(d.content_from == "weak"),
        "from_parse": float(d.content_from == "parse"),
        "from_quote": float(d.content_from == "quote"),
        "kind_direct": float(d.kind == "direct"),
        "kind_mixed": float(d.kind == "mixed"),
        "kind_according_to": float(d.kind == "according_to"),
        "no_source": float(d.source is None),
        "no_cue": float(d.cue is None),
        "continues": float(d.continues is not None),
        "cat_belief": float(d.category == "belief"),
        "cat_fact": float(d.category == "fact"),
        "cat_eventuality": float(d.category == "eventuality"),
        "cue_share": share,
        "cue_unknown": float(d.cue is not None and bool(cue_words) and not known),
        "cue_apart": apart,
        "log_words": math.log1p(words),
        "fragments": float(content is not None and content.fragments is not None),
        "pronoun_source": float(len(src_words) == 1 and src_words[0].lower() in PRONOUNS),
        "log_source_words": math.log1p(len(src_words)),
        "score_source": d.scores[0] if d.scores else 0.0,
        "score_cue": d.scores[1] if d.scores else 0.0,
        "score_content": d.scores[2] if d.scores else 0.0,
    }
    return [values[name] for name in FEATURES]


@dataclass(frozen=True)
class Calibrator:
    """A fitted logistic mapping from :func:`record_features` to the probability that a record is right, for the
    records of one mode (each mode's records have their own mix of signals, so each has its own mapping)."""

    weights: tuple[float, ...]
    bias: float
    min_probability: float = 0.0
    """Records less likely right than this are not output unless the user asks (``min_confidence``)."""
    provenance: Mapping[str, Any] = field(default_factory=dict)

    def probability(self, features: Sequence[float]) -> float:
        z = self.bias + sum(w * x for w, x in zip(self.weights, features))
        return 1.0 / (1.0 + math.exp(-z)) if z > -700 else 0.0

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], mode: str, *, origin: str = "confidence mapping") -> Calibrator:
        names = tuple(data.get("features", ()))
        if names != FEATURES:
            raise ConfigError(
                f"{origin}: fitted for the signals {list(names)}, but this whosaid computes "
                f"{list(FEATURES)}; refit it with `whosaid eval calibration --write PATH`"
            )
        fitted = data.get("modes", {}).get(mode)
        if not isinstance(fitted, Mapping):
            raise ConfigError(
                f"{origin}: no mapping for mode {mode!r}; refit it with `whosaid eval calibration --write PATH`"
            )
        try:
            weights = tuple(float(w) for w in fitted["weights"])
            bias = float(fitted["bias"])
            floor = float(fitted.get("min_probability", 0.0))
        except (KeyError, TypeError, ValueError) as exc:
            raise ConfigError(
                f"{origin}: mode {mode!r} needs numeric 'weights' and 'bias' ({exc}); refit it with "
                "`whosaid eval calibration --write PATH`"
            ) from None
        if len(weights) != len(FEATURES):
            raise ConfigError(
                f"{origin}: {len(weights)} weights for {len(FEATURES)} signals; refit it with "
                "`whosaid eval calibration --write PATH`"
            )
        return cls(weights, bias, floor, dict(data.get("provenance", {})) | dict(fitted.get("provenance", {})))

    @classmethod
    def load(cls, mode: str, path: str | Path | None = None) -> Calibrator:
        """The mapping for ``mode`` in ``path``, or in the one shipped in ``whosaid/resources/confidence.json``."""
        where = str(path) if path else f"whosaid/resources/{CONFIDENCE_FILE}"
        try:
            raw = (
                Path(path).read_text(encoding="utf-8")
                if path
                else resources.files("whosaid.resources").joinpath(CONFIDENCE_FILE).read_text(encoding="utf-8")
            )
            data = json.loads(raw)
        except (OSError, ValueError) as exc:
            raise ConfigError(
                f"{where}: cannot read the confidence mapping ({exc}); reinstall whosaid, or refit "
                "it with `whosaid eval calibration --write PATH`"
            ) from None
        return cls.from_dict(data, mode, origin=where)

    def to_dict(self) -> dict[str, Any]:
        """This mode's entry of the mapping file."""
        return {
            "weights": [round(w, 6) for w in self.weights],
            "bias": round(self.bias, 6),
            "min_probability": self.min_probability,
            "provenance": dict(self.provenance),
        }


def mapping_for(mode: str, origin: str) -> str:
    """Which mode's mapping scores a record of ``origin`` made in ``mode``: a statement only the rules found in
    hybrid mode is the rule engine's and is scored by the rules' mapping (hybrid output holds too few of them,
    about ten on PolNeAR dev, to fit their own)."""
    return "rules" if mode == "hybrid" and origin == "rules" else mode


def mapping_file(calibrators: Mapping[str, Calibrator], provenance: Mapping[str, Any]) -> dict[str, Any]:
    """The content of a mapping file: the signals, one mapping per mode, and where they come from."""
    return {
        "features": list(FEATURES),
        "modes": {m: c.to_dict() for m, c in calibrators.items()},
        "provenance": dict(provenance),
    }
