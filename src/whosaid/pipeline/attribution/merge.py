"""Hybrid mode: combine the rule engine's attributions with the learned tagger's proposals.

The tagger's spans follow PolNeAR's boundaries, so where both found the same statement (contents that share
at least half their words) the proposal's content, cue and source win and the rule attribution's resolution
(speaker, entity id, source type, via, said-at) is kept; the result has ``origin="both"``. The rules still
give the spans where the proposal has none (a cue only for quoted and "according to" statements), where the
proposal's source or cue lies inside its own content (a name inside a quote is not its speaker), and a quote split around its cue keeps the rules' fragments. Where the proposal's content holds the quotation's own
frame (its cue), the rules' statement is taken whole.
A proposal that cuts across a quoted or "according to" rule statement and runs over a line break is a
boundary error and is dropped. A quoted or "according to" rule attribution whose content overlaps no proposal
is something the model missed and is added as it is; unquoted rule-only statements are left out (on PolNeAR
dev they cost precision more than they add recall). Proposals the rules did not find are added as they are.

Each choice is a switch of :class:`MergePolicy`; the defaults are the best measured on PolNeAR dev with the
shipped model (docs/bench-model.md).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from ...model import Span
from ..spanindex import SpanIndex
from ..state import DraftAttribution

__all__ = ["merge_proposals", "same_statement", "content_index", "QUOTED", "MergePolicy", "DEFAULT_POLICY"]

_WORD = re.compile(r"\w+")
QUOTED = ("direct", "mixed")
_CARRY = ("id", "via_span", "cue_head", "source_head", "continues")  # what a matched statement keeps of the rules


@dataclass(frozen=True)
class MergePolicy:
    """Which proposer wins where both found something (each switch measured on PolNeAR dev, bench-model.md)."""

    drop_crossing: str = "paragraph"
    """When to drop a proposal that overlaps a quoted / "according to" rule statement without matching it:
    ``"always"``, ``"matched"`` (another proposal matched that statement), ``"paragraph"`` (it cuts across the
    statement's edge and runs over a line break) or ``"never"``."""
    rule_spans_on_quotes: bool = False
    """On a matched quoted / "according to" statement, take the rules' source and cue."""
    rule_source_on_overlap: bool = False
    """On any other matched statement, take the rules' source when it overlaps the proposal's (or it has none)."""
    add_rule_quotes: bool = True
    """Add quoted / "according to" rule statements that no proposal covers."""
    rule_cue_when_missing: str = "quotes"
    """Where the matched proposal has no cue, take the rules' cue: ``"never"``, ``"quotes"`` (quoted /
    "according to" rule statements, e.g. the dash of a quote byline) or ``"always"``."""

    def __post_init__(self) -> None:
        if self.drop_crossing not in ("always", "matched", "paragraph", "never"):
            raise ValueError(f"drop_crossing must be always, matched, paragraph or never, not {self.drop_crossing!r}")
        if self.rule_cue_when_missing not in ("never", "quotes", "always"):
            raise ValueError(
                f"rule_cue_when_missing must be never, quotes or always, not {self.rule_cue_when_missing!r}"
            )


DEFAULT_POLICY = MergePolicy()


def _words(span: Span) -> set[int]:
    """Offsets of the words of ``span`` (of its fragments only, when it has several)."""
    return {
        m.start() + span.start
        for m in _WORD.finditer(span.text)
        if any(fs <= m.start() + span.start < fe for fs, fe in span.parts)
    }


def same_statement(a: Span | None, b: Span | None, threshold: float = 0.5) -> bool:
    """Whether two contents share at least ``threshold`` of their words (Jaccard over word offsets)."""
    if a is None or b is None or not a.overlaps(b):
        return False
    wa, wb = _words(a), _words(b)
    if not wa or not wb:
        return False
    return len(wa & wb) / len(wa | wb) >= threshold


def _pair(rules: list[DraftAttribution], proposals: list[DraftAttribution], index: SpanIndex) -> dict[int, int]:
    """Proposal index -> rule index for the statements both found (first unmatched rule of the same content)."""
    pairs: dict[int, int] = {}
    taken: set[int] = set()
    for j, p in enumerate(proposals):
        for i in _overlapping(index, p.content):  # same_statement needs an overlap; in rule order
            if i not in taken and same_statement(p.content, rules[i].content):
                pairs[j] = i
                taken.add(i)
                break
    return pairs


def content_index(drafts: Sequence[DraftAttribution]) -> SpanIndex:
    """The drafts' contents by position (a draft without content at ``(-1, -1)``, which nothing overlaps)."""
    return SpanIndex([(d.content.start, d.content.end) if d.content is not None else (-1, -1) for d in drafts])


def _overlapping(index: SpanIndex, span: Span | None) -> list[int]:
    """Positions (ascending) of the indexed drafts whose content overlaps or touches ``span``: every draft whose
    content ``Span.overlaps`` it is among them."""
    return [] if span is None else index.near((span.start, span.end))


def _cross(a: Span | None, b: Span | None) -> bool:
    """Whether both spans are there and overlap."""
    return a is not None and b is not None and a.overlaps(b)


def _cuts(a: Span | None, b: Span | None) -> bool:
    """Whether ``a`` and ``b`` overlap with neither inside the other (one cuts across the other's edge)."""
    if a is None or b is None or not a.overlaps(b):
        return False
    return not a.contains(b) and not b.contains(a)


def _within(a: Span | None, b: Span | None) -> bool:
    """Whether ``a`` lies inside the text of ``b`` (inside one of its fragments when it has several)."""
    if a is None or b is None:
        return False
    return any(fs <= a.start and a.end <= fe for fs, fe in b.parts)


def _strong(r: DraftAttribution) -> bool:
    return r.kind in QUOTED + ("according_to",)


def merge_proposals(
    rules: list[DraftAttribution], proposals: list[DraftAttribution], policy: MergePolicy = DEFAULT_POLICY
) -> list[DraftAttribution]:
    """One list of attributions from both proposers (see the module doc for the policy); new drafts, the
    inputs are not changed. A matched statement keeps the rule draft's id, so ``continues`` links still hold;
    a link to a statement that is not in the result is cleared."""
    out: list[DraftAttribution] = []
    matched: set[int] = set()  # rule indexes in the result
    rule_index = content_index(rules)
    pairs = _pair(rules, proposals, rule_index)
    paired_rules = set(pairs.values())
    for j, p in enumerate(proposals):
        best = pairs.get(j)
        if best is None:
            # a proposal overlapping a quoted / "according to" rule statement without matching it: often a
            # boundary error, but on PolNeAR just as often a content wider than the quote (MergePolicy)
            crossing = [
                i
                for i in _overlapping(rule_index, p.content)
                if _strong(rules[i]) and _cross(rules[i].content, p.content)
            ]
            if policy.drop_crossing == "always" and crossing:
                continue
            if policy.drop_crossing == "matched" and any(i in paired_rules for i in crossing):
                continue
            if (
                policy.drop_crossing == "paragraph"
                and p.content is not None
                and "\n" in p.content.text
                and any(_cuts(p.content, rules[i].content) for i in crossing)
            ):
                continue
            out.append(p)
            continue
        out.append(_merged(p, rules[best], policy))
        matched.add(best)
    out_index = content_index(out)  # the result so far by position; the rules added below are checked one by one
    added: list[DraftAttribution] = []
    for i, r in enumerate(rules):
        if i in matched:
            continue
        if not policy.add_rule_quotes or not _strong(r):  # the model's recall on reported speech is higher
            continue
        if any(_cross(o.content, r.content) for o in [*(out[k] for k in _overlapping(out_index, r.content)), *added]):
            continue
        out.append(r)
        added.append(r)
    ids = {o.id for o in out}
    return [replace(o, continues=None) if o.continues is not None and o.continues not in ids else o for o in out]


def _merged(p: DraftAttribution, r: DraftAttribution, policy: MergePolicy) -> DraftAttribution:
    """A proposal ``p`` and the rule statement ``r`` it matched, as one draft (origin ``both``)."""
    content, cue, source = p.content, p.cue, p.source
    source_head = r.source_head
    if (
        _strong(r)
        and r.cue is not None
        and _within(r.cue, p.content)
        and r.content is not None
        and not _within(r.cue, r.content)
    ):
        # the proposal's content swallowed the quotation's own frame ('Ivanka had stated clearly, "This time
        # around ..."'): the statement is the rules' quotation, with its cue and source
        return replace(
            p,
            origin="both",
            confidence=max(p.confidence, r.confidence),
            content=r.content,
            cue=r.cue,
            source=r.source,
            kind=r.kind,
            **{k: getattr(r, k) for k in _CARRY},
        )
    if _strong(r) and r.content is not None and r.content.fragments:
        # a quote split around its cue (or joined with its continuation): the rules' fragments
        content = r.content
    # the model's source or cue inside the quoted words themselves (a name inside a quote) is wrong
    inside = _strong(r) and (_within(source, r.content) or _within(cue, r.content))
    use_rule_source = r.source is not None and (
        ((policy.rule_spans_on_quotes or inside) and _strong(r))
        or (policy.rule_source_on_overlap and (source is None or source.overlaps(r.source)))
    )
    if use_rule_source:
        source = r.source
        if _strong(r) and (policy.rule_spans_on_quotes or inside):
            cue = r.cue or cue
    elif source is None and r.source is not None:
        source = r.source
    if (
        cue is None
        and r.cue is not None
        and (policy.rule_cue_when_missing == "always" or (policy.rule_cue_when_missing == "quotes" and _strong(r)))
    ):
        cue = r.cue
    elif source is not None and r.source is not None and not source.overlaps(r.source):
        # the rules resolved a different source: their head token would describe the wrong span
        source_head = None
    return replace(
        p,
        origin="both",
        confidence=max(p.confidence, r.confidence),
        content=content,
        cue=cue,
        source=source,
        **{k: getattr(r, k) for k in _CARRY if k != "source_head"},
        source_head=source_head,
    )
