"""The analysis pipeline: spaCy parse, then one small stage per job (see docs/architecture.md)."""

from .contracts import GuardedState, check_stages, guarded
from .core import Pipeline, default_stages, freeze, run_stage
from .state import DocState, Stage

__all__ = [
    "Pipeline",
    "DocState",
    "Stage",
    "default_stages",
    "freeze",
    "run_stage",
    "check_stages",
    "guarded",
    "GuardedState",
]
