"""The attribution stage: the rule engine, the tagger's proposals, or both (hybrid), as drafts."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from ...options import Options
from ..state import DocState, DraftAttribution
from .boundaries import refine
from .calibration import Calibrator, mapping_for, record_features
from .category import categorized, inherit_categories
from .cues import CueLexicon
from .merge import merge_proposals
from .rules import RuleAttributor
from .whole import selected, whole_records

__all__ = ["AttributionStage"]


class AttributionStage:
    """Assigns ``state.attributions`` from the rule engine, the tagger's proposals, or both.

    ``mode`` is ``rules``, ``model`` or ``hybrid`` (default: ``options.mode``); ``proposals`` says whether a
    tagger stage runs before this one (default: not in rules mode). Hybrid mode without proposals (no model
    shipped or configured) is the rules with the boundary conventions.
    """

    name = "attribution"
    assigns = ("attributions",)

    def __init__(
        self,
        options: Options | None = None,
        *,
        proposals: bool | None = None,
        calibrate: bool = True,
        calibrator: Calibrator | None = None,
    ) -> None:
        options = options or Options()
        self.mode = options.mode
        self.use_proposals = self.mode != "rules" if proposals is None else proposals
        self.lexicon = CueLexicon.load()
        # the confidence mapping (calibration.py): the shipped one unless given; none with calibrate=False (the
        # proposers' own scores, what the fitting reads)
        self.calibrator = (calibrator or Calibrator.load(self.mode)) if calibrate else None
        # in hybrid mode a statement only the rules found is scored by the rules' mapping (mapping_for)
        self.rules_calibrator = (
            Calibrator.load("rules") if calibrate and self.mode == "hybrid" and calibrator is None else self.calibrator
        )
        # the floor: the user's, or the one that comes with the mapping (which spares a quotation continuing a
        # kept statement: the scorer's record match cannot credit its null source, so its measured probability
        # says little; docs/output.md)
        self.explicit_floor = options.min_confidence is not None
        self.min_confidence = (
            options.min_confidence
            if options.min_confidence is not None
            else self.calibrator.min_probability
            if self.calibrator is not None
            else 0.0
        )
        self.categories = frozenset(options.categories)
        needs = (
            ("article", "doc", "proposals")
            if self.mode == "model"
            else ("article", "doc", "parsed_text", "quotes", "cues")
        )
        self.requires = needs + (("proposals",) if self.use_proposals and self.mode != "model" else ())

    def _calibrator_for(self, d: DraftAttribution) -> Calibrator:
        return self.rules_calibrator if mapping_for(self.mode, d.origin) == "rules" else self.calibrator  # type: ignore[return-value]

    def __call__(self, state: DocState) -> dict[str, Any]:
        parse = None
        if self.mode == "model":
            drafts = refine(state.text, list(state.proposals))
        else:
            parse = RuleAttributor(state)
            rules = parse.run()
            proposals = state.proposals if self.use_proposals else []
            merged = merge_proposals(rules, proposals) if proposals else rules
            # boundary conventions for the learned modes only; rules mode stays as pinned
            drafts = refine(state.text, merged) if self.mode == "hybrid" else merged
        # every mode: statements only (category.py), whole and distinct (whole.py), each with its category
        drafts = categorized(state.text, drafts, state.doc)
        quotes = state.quotes if self.mode != "model" else ()
        drafts = inherit_categories(whole_records(state.text, drafts, quotes=quotes, parse=parse))
        if self.calibrator is not None:
            drafts = [
                replace(
                    d,
                    confidence=round(
                        self._calibrator_for(d).probability(record_features(state.text, d, self.lexicon)), 4
                    ),
                )
                for d in drafts
            ]
        if self.min_confidence > 0 or self.categories:
            drafts = selected(
                drafts,
                lambda d: (
                    (d.confidence >= self.min_confidence or (d.continues is not None and not self.explicit_floor))
                    and (not self.categories or d.category in self.categories)
                ),
            )
        ids = [d.id for d in drafts]
        if "" in ids or len(set(ids)) != len(ids):
            raise ValueError(f"attribution drafts need unique ids, got {ids}")
        return {"attributions": drafts}
