"""Evaluation against gold data: PolNeAR attribution spans, the seed article, TimeBank times, GUM entities."""

from .floors import (
    GUM_FLOORS,
    POLNEAR_FLOORS,
    POLNEAR_HYBRID_FLOORS,
    POLNEAR_RULES_FLOORS,
    SEED_FLOORS,
    check_floors,
    gum_below_spacy,
)
from .gum import evaluate_gum, read_gum
from .metrics import AttributionScore, RecordCounts, norm_span, prf, score_document
from .polnear import evaluate_polnear, read_polnear
from .seed import load_seed_gold, score_seed
from .timebank import TIMEBANK_FLOORS, evaluate_timebank, read_timebank

__all__ = [
    "AttributionScore",
    "GUM_FLOORS",
    "RecordCounts",
    "evaluate_gum",
    "read_gum",
    "POLNEAR_RULES_FLOORS",
    "POLNEAR_HYBRID_FLOORS",
    "POLNEAR_FLOORS",
    "SEED_FLOORS",
    "TIMEBANK_FLOORS",
    "check_floors",
    "gum_below_spacy",
    "evaluate_polnear",
    "evaluate_timebank",
    "load_seed_gold",
    "norm_span",
    "prf",
    "read_polnear",
    "read_timebank",
    "score_document",
    "score_seed",
]
