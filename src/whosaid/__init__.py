"""whosaid: who said what, about whom, when, and according to whom.

The library is the product; the CLI (``whosaid.cli``) and the web app (``whosaid.web``) are thin faces over it.
"""

from __future__ import annotations

from .errors import (
    ConfigError,
    ContractError,
    InputError,
    ModelError,
    PipelineError,
    StageError,
    StoreError,
    WhosaidError,
)
from .model import Analysis, Article, Attribution, Entity, Event, Relation, Span, TimeExpression
from .options import Options
from .pipeline import Pipeline
from .readers import read_articles

__version__ = "0.1.0"

__all__ = [
    "Analysis",
    "Article",
    "Attribution",
    "ConfigError",
    "ContractError",
    "Entity",
    "Event",
    "InputError",
    "ModelError",
    "Options",
    "Pipeline",
    "PipelineError",
    "Relation",
    "Span",
    "StageError",
    "StoreError",
    "TimeExpression",
    "WhosaidError",
    "__version__",
    "analyze",
    "read_articles",
]


def analyze(article: Article, options: Options | None = None) -> Analysis:
    """Analyze one article with a fresh pipeline (convenient; for many articles build one Pipeline)."""
    return Pipeline(options).analyze(article)
