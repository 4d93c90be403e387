"""TimeStage: time expressions normalized against the article date (TIMEX3 values).

The grammar and normalizer live in :mod:`whosaid.timex` (no spaCy needed there); this stage gives them
the tense of the verb that governs each expression, read from the already-parsed spaCy Doc, so that
"on Monday" in a past-tense sentence resolves to the Monday before the article date and in a future-tense
sentence to the Monday after it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from ...model import TimeExpression
from ...timex import FUTURE, PAST, PRESENT, extract
from ..state import DocState

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token

__all__ = ["TimeStage", "parsed_length", "tense_at", "verb_tense"]

_FUTURE_AUX = {"will", "'ll", "shall", "wo", "would", "'d"}
_MODALS = {"may", "might", "could", "should", "must", "can", "ca", "ought"}
_FUTURE_VERBS = {"expect", "plan", "hope", "intend", "aim", "want", "schedule", "seek", "propose", "promise",
                 "agree", "prepare", "vow", "pledge", "threaten", "decide"}


def verb_tense(verb: "Token", _depth: int = 0) -> str | None:
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
            if head.lemma_ in _FUTURE_VERBS:
                return FUTURE
            return head_tense
        return FUTURE
    if verb.tag_ in ("VBP", "VBZ") or any(a.tag_ in ("VBP", "VBZ") for a in auxes):
        return PRESENT  # "says", "is being deemed", "is meeting"
    if verb.tag_ == "VBN":  # a reduced passive ("the plan, approved Friday,") reports the past
        return PAST
    return None


def tense_at(doc: "Doc", start: int, end: int) -> str | None:
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


def parsed_length(doc: "Doc") -> int:
    """``len(doc.text)`` without building the text (``Doc.text`` joins every token)."""
    if len(doc) == 0:
        return 0
    last = doc[-1]
    return last.idx + len(last.text_with_ws)


class TimeStage:
    """Fills ``state.times`` with :class:`~whosaid.model.TimeExpression` objects."""

    name: ClassVar[str] = "time"
    requires: ClassVar[tuple[str, ...]] = ("doc",)
    assigns: ClassVar[tuple[str, ...]] = ("times",)

    def __call__(self, state: DocState) -> None:
        doc = state.doc
        text = state.text[: parsed_length(doc)]  # the parsed text (it may have been cut to max_chars)
        anchor = state.article.date
        anchor_text = anchor.isoformat() if anchor else None
        tenses: dict[tuple[int, int], str | None] = {}  # extract() may ask again in a later round

        def tense(start: int, end: int) -> str | None:
            key = (start, end)
            if key not in tenses:
                tenses[key] = tense_at(doc, start, end)
            return tenses[key]

        found = extract(text, anchor, tense)
        state.times = [
            TimeExpression(start=t.start, end=t.end, text=t.text, type=t.type, value=t.value, anchor=anchor_text)
            for t in found
        ]
