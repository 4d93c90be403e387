"""The analysis pipeline: spaCy parse, then one small stage per job (see docs/architecture.md)."""

from .state import DocState, Stage
from .contracts import GuardedState, check_stages, guarded
from .core import Pipeline, default_stages, freeze, run_stage

__all__ = ["Pipeline", "DocState", "Stage", "default_stages", "freeze", "run_stage", "check_stages", "guarded",
           "GuardedState"]
