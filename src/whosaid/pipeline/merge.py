"""Hybrid mode: combine the rule engine's attributions with the learned tagger's proposals.

(First version: keeps every rule attribution and adds proposals whose content overlaps none of them. The
learned-model work, issue 3, owns and improves this.)
"""

from __future__ import annotations

from .base import DocState, DraftAttribution

__all__ = ["merge_proposals"]


def merge_proposals(rules: list[DraftAttribution], proposals: list[DraftAttribution],
                    state: DocState) -> list[DraftAttribution]:
    out = list(rules)
    for p in proposals:
        if p.content is None or not any(r.content is not None and r.content.overlaps(p.content) for r in rules):
            out.append(p)
    return out
