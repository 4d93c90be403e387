"""The analysis pipeline: spaCy parse, then one small stage per job (see docs/architecture.md)."""

from .state import DocState, Stage
from .core import Pipeline, default_stages, freeze

__all__ = ["Pipeline", "DocState", "Stage", "default_stages", "freeze"]
