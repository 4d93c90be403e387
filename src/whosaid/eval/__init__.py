"""Evaluation against gold data: PolNeAR attribution spans, the seed article, TimeBank times."""

from .floors import POLNEAR_RULES_FLOORS, SEED_FLOORS, check_floors
from .metrics import AttributionScore, norm_span, prf, score_document
from .polnear import evaluate_polnear, read_polnear
from .seed import load_seed_gold, score_seed

__all__ = [
    "AttributionScore",
    "POLNEAR_RULES_FLOORS",
    "SEED_FLOORS",
    "check_floors",
    "evaluate_polnear",
    "load_seed_gold",
    "norm_span",
    "prf",
    "read_polnear",
    "score_document",
    "score_seed",
]
