"""SaidAtStage: when was each statement made?

1. A time expression that the cue verb governs ("back in 2022, Ivanka had stated ...", "the company said
   Friday", "told a news conference on Tuesday") gives its value; the time must lie outside the
   statement's content (a date inside the quote is what the speaker talks about, not when).
2. Else present-tense reporting ("says", "tells", "according to") gives the article date.
3. Else None: a past-tense "said" with no date is not dated by the article.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from ...model import TimeExpression
from ..state import DocState, DraftAttribution
from ..syntax import governing_verb, verb_tense

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token

__all__ = ["SaidAtStage", "cue_token"]


def cue_token(doc: Doc, att: DraftAttribution) -> Token | None:
    """The cue's head token: ``cue_head`` when known, else the syntactic root of the cue span."""
    if att.cue_head is not None and 0 <= att.cue_head < len(doc):
        return doc[att.cue_head]
    if att.cue is None:
        return None
    span = doc.char_span(att.cue.start, att.cue.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    verbs = [t for t in span if t.pos_ in ("VERB", "AUX") and t.dep_ not in ("aux", "auxpass")]
    return verbs[0] if verbs else span.root


def _inside(t: TimeExpression, att: DraftAttribution) -> bool:
    if att.content is None:
        return False
    return any(s <= t.start and t.end <= e for s, e in att.content.parts)


def _statement_verbs(cue: Token) -> list[Token]:
    """The cue verb, and for "according to X, ... stated" style cues the verb they attach to."""
    out = [cue]
    if cue.pos_ not in ("VERB", "AUX") or cue.lower_ in ("according", "per"):
        head = cue.head
        for _ in range(3):
            if head.pos_ in ("VERB", "AUX"):
                out.append(head)
                break
            if head.head.i == head.i:
                break
            head = head.head
    return out


class SaidAtStage:
    """Assigns ``state.said_at``: for each attribution id, when it was said (a TIMEX3 value or None). A quote
    that continues another statement without a time of its own was said when that one was."""

    name: ClassVar[str] = "said_at"
    requires: ClassVar[tuple[str, ...]] = ("article", "doc", "parsed_text", "attributions", "times")
    assigns: ClassVar[tuple[str, ...]] = ("said_at",)

    def __call__(self, state: DocState) -> dict[str, Any]:
        doc = state.doc
        dated = [t for t in state.times if t.type in ("DATE", "TIME") and t.end <= len(state.parsed_text)]
        governed: dict[int, list[TimeExpression]] = {}
        for t in dated:
            span = doc.char_span(t.start, t.end, alignment_mode="expand")
            if span is None or len(span) == 0:
                continue
            verb = governing_verb(span.root)
            if verb is not None:
                governed.setdefault(verb.i, []).append(t)
        article_date = state.article.date.isoformat() if state.article.date else None
        said = {att.id: self._said_at(doc, att, governed, article_date) for att in state.attributions}
        for att in state.attributions:
            if att.continues is not None and said[att.id] is None:
                said[att.id] = said.get(att.continues)
        return {"said_at": said}

    @staticmethod
    def _said_at(
        doc: Doc, att: DraftAttribution, governed: dict[int, list[TimeExpression]], article_date: str | None
    ) -> str | None:
        cue = cue_token(doc, att)
        if cue is None:
            return None
        verbs = _statement_verbs(cue)
        for verb in verbs:
            times = [t for t in governed.get(verb.i, []) if not _inside(t, att)]
            if times:
                best = min(times, key=lambda t: abs(t.start - doc[verb.i].idx))
                if best.value == "PRESENT_REF":
                    return article_date
                return best.value
        tense = verb_tense(verbs[-1]) if verbs[-1].pos_ in ("VERB", "AUX") else None
        if tense == "present" or (cue.lower_ == "according" and tense is None):
            return article_date
        return None
