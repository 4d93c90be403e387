"""The attribution stage: the rule engine, the tagger's proposals, or both (hybrid), as drafts."""

from __future__ import annotations

from typing import Any

from ...options import Options
from ..state import DocState
from .boundaries import refine
from .merge import merge_proposals
from .rules import RuleAttributor

__all__ = ["AttributionStage"]


class AttributionStage:
    """Assigns ``state.attributions`` from the rule engine, the tagger's proposals, or both.

    ``mode`` is ``rules``, ``model`` or ``hybrid`` (default: ``options.mode``); ``proposals`` says whether a
    tagger stage runs before this one (default: not in rules mode). Hybrid mode without proposals (no model
    shipped or configured) is the rules with the boundary conventions.
    """

    name = "attribution"
    assigns = ("attributions",)

    def __init__(self, options: Options | None = None, *, proposals: bool | None = None) -> None:
        self.mode = (options or Options()).mode
        self.use_proposals = self.mode != "rules" if proposals is None else proposals
        needs = ("article", "proposals") if self.mode == "model" else ("article", "doc", "parsed_text", "quotes", "cues")
        self.requires = needs + (("proposals",) if self.use_proposals and self.mode != "model" else ())

    def __call__(self, state: DocState) -> dict[str, Any]:
        if self.mode == "model":
            drafts = refine(state.text, list(state.proposals))
        else:
            rules = RuleAttributor(state).run()
            proposals = state.proposals if self.use_proposals else []
            merged = merge_proposals(rules, proposals) if proposals else rules
            # boundary conventions for the learned modes only; rules mode stays as pinned
            drafts = refine(state.text, merged) if self.mode == "hybrid" else merged
        ids = [d.id for d in drafts]
        if "" in ids or len(set(ids)) != len(ids):
            raise ValueError(f"attribution drafts need unique ids, got {ids}")
        return {"attributions": drafts}
