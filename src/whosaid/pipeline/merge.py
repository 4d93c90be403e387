"""Hybrid mode: combine the rule engine's attributions with the learned tagger's proposals.

The tagger's spans follow PolNeAR's boundaries, so where both found the same statement (contents that share
at least half their words) the proposal's spans win and the rule attribution's resolution (speaker, entity
id, source type, via, said-at) is kept; the result has ``origin="both"``. The rule attribution's source
replaces the proposal's when the two overlap or the proposal has none (the parse gives whole noun phrases).
Quoted and "according to" rule attributions keep their own source, cue and fragments; a proposal that cuts
across one of them without matching it is a boundary error and is dropped. A quoted or "according to" rule
attribution whose content overlaps no proposal is something the model missed and is added as it is; unquoted rule-only statements are left out (on PolNeAR dev they cost precision more
than they add recall). Proposals the rules did not find are added as they are.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..model import Span
from .base import DocState, DraftAttribution

__all__ = ["merge_proposals", "same_statement", "QUOTED"]

_WORD = re.compile(r"\w+")
QUOTED = ("direct", "mixed")
_CARRY = ("speaker", "speaker_id", "source_type", "source_description", "via", "via_span", "said_at",
          "cue_head", "source_head")


def _words(span: Span) -> set[int]:
    return {m.start() + span.start for m in _WORD.finditer(span.text)}


def same_statement(a: Span | None, b: Span | None, threshold: float = 0.5) -> bool:
    """Whether two contents share at least ``threshold`` of their words (Jaccard over word offsets)."""
    if a is None or b is None or not a.overlaps(b):
        return False
    wa, wb = _words(a), _words(b)
    if not wa or not wb:
        return False
    return len(wa & wb) / len(wa | wb) >= threshold


def merge_proposals(rules: list[DraftAttribution], proposals: list[DraftAttribution],
                    state: DocState) -> list[DraftAttribution]:
    """One list of attributions from both proposers (see the module doc for the policy)."""
    out: list[DraftAttribution] = []
    matched: dict[int, int] = {}  # rule index -> output index
    for p in proposals:
        best: int | None = None
        for i, r in enumerate(rules):
            if i in matched or not same_statement(p.content, r.content):
                continue
            best = i
            break
        if best is None:
            # the rules are authoritative on quotes and "according to": a proposal that cuts across one of
            # their statements without matching it is a boundary error, not a new statement
            if not any(r.kind in QUOTED + ("according_to",) and r.content is not None and p.content is not None
                       and r.content.overlaps(p.content) for r in rules):
                out.append(p)
            continue
        r = rules[best]
        merged = replace(p, origin="both", confidence=max(p.confidence, r.confidence), continues=None,
                         **{k: getattr(r, k) for k in _CARRY})
        if r.kind in QUOTED + ("according_to",) and r.source is not None:
            # quote pairing and "according to X" give exact sources; a quote split around its cue (or joined
            # with its continuation) keeps the rules' fragments
            merged.source = r.source
            merged.cue = r.cue or merged.cue
            if r.content is not None and r.content.fragments:
                merged.content = r.content
        elif r.source is not None and (merged.source is None or merged.source.overlaps(r.source)):
            # the rules' source follows the parse (the whole noun phrase): on PolNeAR dev it is exact more often
            merged.source = r.source
        elif merged.source is not None and r.source is not None:
            # the rules resolved a different source: their speaker fields would describe the wrong span
            merged = replace(merged, source_head=None)
        matched[best] = len(out)
        out.append(merged)
    for i, r in enumerate(rules):
        if i in matched:
            continue
        if r.content is not None and any(o.content is not None and o.content.overlaps(r.content) for o in out):
            continue
        if r.kind not in QUOTED + ("according_to",):  # the model's recall on reported speech is higher
            continue
        matched[i] = len(out)
        out.append(replace(r))  # a copy: the caller's rule drafts stay as they were
    # keep "continues" links pointing at the right place: an index into the list, or the attribution itself
    by_id = {id(r): out[j] for i, j in matched.items() for r in (rules[i],)}
    for i, r in enumerate(rules):
        if i not in matched or r.continues is None:
            continue
        target = r.continues
        if isinstance(target, int):
            out[matched[i]].continues = matched.get(target)
        else:
            out[matched[i]].continues = by_id.get(id(target))  # type: ignore[assignment]
    return out
