"""Helpers on the spaCy parse that several stages share: phrase extents, subjects, governing verbs, tense.

Everything here reads a parsed ``Doc`` and returns tokens or character offsets; nothing writes.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..timex import FUTURE, PAST, PRESENT
from .lexicon import FUTURE_VERBS

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token

__all__ = [
    "SUBJECT_DEPS",
    "subtree_range",
    "trim",
    "subjects",
    "governing_verb",
    "verb_tense",
    "tense_at",
    "parsed_length",
]

SUBJECT_DEPS: tuple[str, ...] = ("nsubj", "nsubjpass", "csubj")
"""Dependency labels of a clause's subject (spaCy's English scheme)."""

_CLIMB_DEPS = frozenset(
    {
        "pobj",
        "prep",
        "npadvmod",
        "tmod",
        "advmod",
        "nummod",
        "compound",
        "amod",
        "det",
        "appos",
        "nmod",
        "quantmod",
        "pcomp",
        "obl",
        "dobj",
        "attr",
        "punct",
        "poss",
        "case",
    }
)
_FUTURE_AUX = frozenset({"will", "'ll", "shall", "wo", "would", "'d"})
_MODALS = frozenset({"may", "might", "could", "should", "must", "can", "ca", "ought"})


def subtree_range(tok: Token) -> tuple[int, int]:
    """Character offsets ``[start, end)`` of the phrase ``tok`` heads."""
    return tok.left_edge.idx, tok.right_edge.idx + len(tok.right_edge)


def trim(text: str, start: int, end: int, chars: str) -> tuple[int, int]:
    """``[start, end)`` shrunk past any of ``chars`` at either edge."""
    while start < end and text[start] in chars:
        start += 1
    while end > start and text[end - 1] in chars:
        end -= 1
    return start, end


def subjects(
    verb: Token,
    *,
    deps: Iterable[str] = SUBJECT_DEPS,
    up_deps: Iterable[str] | None = None,
    climb: Iterable[str] = ("conj", "xcomp"),
    max_up: int = 3,
    verbal_heads: bool = False,
) -> list[Token]:
    """The subjects of ``verb``: its own children labelled ``deps``, or else (a verb without a subject of its own,
    "she was required to assist and advocate") those of the verb it hangs from through a ``climb`` relation,
    up to ``max_up`` steps, labelled ``up_deps`` (default: ``deps``). With ``verbal_heads`` the climb stops at a
    head that is not a verb."""
    deps, climb = frozenset(deps), frozenset(climb)
    above = frozenset(up_deps) if up_deps is not None else deps
    found = [c for c in verb.children if c.dep_ in deps]
    up = verb
    for _ in range(max_up):
        if found or up.dep_ not in climb or up.head.i == up.i:
            break
        if verbal_heads and up.head.pos_ not in ("VERB", "AUX"):
            break
        up = up.head
        found = [c for c in up.children if c.dep_ in above]
    return found


def governing_verb(token: Token, max_steps: int = 6) -> Token | None:
    """The first verb above ``token`` reached through modifier links only (not through another clause)."""
    tok = token
    for _ in range(max_steps):
        if tok.pos_ in ("VERB", "AUX") and tok.i != token.i:
            return tok
        if tok.head.i == tok.i or tok.dep_ not in _CLIMB_DEPS:
            return None
        tok = tok.head
    return tok if tok.pos_ in ("VERB", "AUX") else None


def verb_tense(verb: Token, _depth: int = 0) -> str | None:
    """``past``, ``present``, ``future`` or None for a verb token, from its tag and auxiliaries."""
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    words = {a.lower_ for a in auxes}
    if words & _FUTURE_AUX:
        return FUTURE
    if any(a.lower_ == "going" for a in auxes) and any(c.lower_ == "to" for c in verb.children):
        return FUTURE
    if words & _MODALS:
        return FUTURE
    tags = [verb.tag_] + [a.tag_ for a in auxes]
    if "VBD" in tags:
        return PAST
    if verb.tag_ == "VBN" and words & {"has", "have", "'ve", "'s"}:
        return PAST
    if verb.tag_ == "VB" and "to" in words:  # "expects to complete ... Friday"
        head = verb.head
        if head.i != verb.i and head.pos_ in ("VERB", "AUX") and _depth < 4:
            head_tense = verb_tense(head, _depth + 1)
            if head_tense == PAST and any(c.lower_ == "had" for c in head.children if c.dep_ in ("aux", "auxpass")):
                return PAST  # "had been scheduled to expire Friday": the plan is over
            if head.lemma_ in FUTURE_VERBS:
                return FUTURE
            return head_tense
        return FUTURE
    if verb.tag_ in ("VBP", "VBZ") or any(a.tag_ in ("VBP", "VBZ") for a in auxes):
        return PRESENT  # "says", "is being deemed", "is meeting"
    if verb.tag_ == "VBN":  # a reduced passive ("the plan, approved Friday,") reports the past
        return PAST
    return None


def tense_at(doc: Doc, start: int, end: int) -> str | None:
    """The tense of the verb governing the text at ``[start, end)`` of ``doc``."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    tok = span.root
    for _ in range(8):
        if tok.pos_ in ("VERB", "AUX") and tok.dep_ not in ("amod", "compound"):
            return verb_tense(tok)
        if tok.head.i == tok.i:
            break
        tok = tok.head
    root = span.sent.root
    return verb_tense(root) if root.pos_ in ("VERB", "AUX") else None


def parsed_length(doc: Doc) -> int:
    """``len(doc.text)`` without building the text (``Doc.text`` joins every token)."""
    if len(doc) == 0:
        return 0
    last = doc[-1]
    return last.idx + len(last.text_with_ws)
