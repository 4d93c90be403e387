"""The attribution stage: the rule engine, the tagger's proposals, or both (hybrid), as drafts."""

from __future__ import annotations

from typing import ClassVar

from ...options import Options
from ..state import DocState
from .boundaries import refine
from .merge import merge_proposals
from .rules import RuleAttributor

__all__ = ["AttributionStage"]


class AttributionStage:
    """Assigns ``state.attributions`` from the rule engine, the tagger's proposals, or both."""

    name: ClassVar[str] = "attribution"
    requires: ClassVar[tuple[str, ...]] = ("doc", "quotes", "cues", "proposals")
    assigns: ClassVar[tuple[str, ...]] = ("attributions",)

    def __init__(self, options: Options | None = None) -> None:
        self.mode = (options or Options()).mode

    def __call__(self, state: DocState) -> None:
        if self.mode == "model":
            state.attributions = refine(state.text, list(state.proposals))
            return
        rules = RuleAttributor(state).run()
        merged = merge_proposals(rules, state.proposals, state) if state.proposals else rules
        # boundary conventions for the learned modes only; rules mode stays as pinned
        state.attributions = refine(state.text, merged) if self.mode == "hybrid" else merged
