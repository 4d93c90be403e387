"""EventStage: dated happenings, their participants and the sentence that states them.

Every DATE/TIME expression outside a direct quotation anchors an event (future and present references
do not: a wish "someday" is not a happening). The event is the clause the time belongs to:

- the verb that governs the time through modifier links ("was granted clemency in 2018", "pardoned in
  2020" - a conjoined verb borrows its subject and auxiliary), or
- a noun the time modifies ("an East Room event ... on June 13, 2019", "the Oct. 23 slaying"), or
- a "when" clause hanging off the time ("a decade ago, when they first bonded").

A duration reaching back from the article date ("dates back a decade", "two years ago") is dated to its
start (about 2014). Participants are the named people and organizations mentioned in the event's clause,
by canonical name; a pronoun subject is replaced by its entity's name in ``what``.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, ClassVar

from ...model import TimeExpression
from ...timex.timeline import anchored_start
from ..state import DocState, DraftEvent
from ..syntax import SUBJECT_DEPS, governing_verb, subjects

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span, Token

__all__ = ["EventStage"]

PARTICIPANT_TYPES = ("PERSON", "ORG", "OUTLET")
_SKIP_VALUES = ("FUTURE_REF", "PRESENT_REF")
_CORE_DEPS = {"dobj", "attr", "acomp", "prt", "oprd", "dative", "xcomp", "neg", "agent", "ccomp"}
_MAX_WHAT_TOKENS = 14
_MAX_PREP_TOKENS = 6
_BACK = re.compile(r"\b(?:back|dates?\s+back|dating\s+back)\s*$", re.I)


def _tokens(doc: Doc, start: int, end: int) -> Span | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    return span if span is not None and len(span) else None


def _when_clause(root: Token) -> Token | None:
    """A clause introduced by "when" that modifies the time ("a decade ago, when they first met")."""
    for child in list(root.children) + list(root.head.children):
        if child.dep_ in ("relcl", "advcl", "acl") and any(c.lower_ == "when" for c in child.children):
            return child
    return None


def _noun_head(root: Token) -> Token | None:
    """The noun a time modifies ("the Oct. 23 slaying", "an event on June 13")."""
    tok = root
    for _ in range(4):
        if tok.dep_ in ("compound", "nmod", "amod", "poss", "npadvmod") and tok.head.pos_ in ("NOUN", "PROPN"):
            return tok.head
        if tok.dep_ == "pobj" and tok.head.dep_ == "prep" and tok.head.head.pos_ in ("NOUN",):
            return tok.head.head
        if tok.head.i == tok.i or tok.dep_ not in ("pobj", "prep", "nummod", "compound"):
            return None
        tok = tok.head
    return None


def _subject(verb: Token) -> Token | None:
    """The subject of ``verb``, or of the verb a conjunct / complement / adverbial clause hangs from."""
    found = subjects(
        verb, deps=SUBJECT_DEPS + ("expl",), climb=("conj", "xcomp", "advcl"), max_up=len(verb.doc), verbal_heads=True
    )
    return found[0] if found else None


def _aux(verb: Token) -> list[Token]:
    own = [c for c in verb.children if c.dep_ in ("aux", "auxpass", "neg")]
    if not own and verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX"):
        return [c for c in verb.head.children if c.dep_ in ("auxpass",)]
    return own


def _phrase(tokens: list[Token], skip: set[int]) -> str:
    words = [t for t in sorted(tokens, key=lambda t: t.i) if t.i not in skip and not t.is_punct]
    words = words[:_MAX_WHAT_TOKENS]
    return " ".join(t.text for t in words).strip()


class EventStage:
    """Fills ``state.events`` with :class:`~whosaid.pipeline.state.DraftEvent` objects."""

    name: ClassVar[str] = "events"
    requires: ClassVar[tuple[str, ...]] = (
        "article",
        "doc",
        "parsed_text",
        "quotes",
        "times",
        "entities",
        "mention_index",
    )
    assigns: ClassVar[tuple[str, ...]] = ("events",)

    def __call__(self, state: DocState) -> dict[str, Any]:
        doc = state.doc
        quotes = [(q.inner_start, q.inner_end) for q in state.quotes]
        events: list[DraftEvent] = []
        seen: set[tuple[int, int, str | None]] = set()
        n_chars = len(state.parsed_text)
        for t in state.times:
            if t.end > n_chars or any(s <= t.start and t.end <= e for s, e in quotes):
                continue
            when = self._when(state, t)
            if when is None:
                continue
            span = _tokens(doc, t.start, t.end)
            if span is None:
                continue
            ev = self._event(state, span, t, when)
            if ev is None:
                continue
            key = (ev.evidence[0], ev.evidence[1], ev.when)
            if key in seen:
                continue
            seen.add(key)
            events.append(ev)
        return {"events": events}

    @staticmethod
    def _when(state: DocState, t: TimeExpression) -> str | None:
        if t.type in ("DATE", "TIME"):
            return None if t.value in _SKIP_VALUES else t.value
        if t.type == "DURATION" and state.article.date and t.value:
            before = state.text[max(0, t.start - 20) : t.start]
            after = state.text[t.end : t.end + 6]
            if _BACK.search(before) or re.match(r"\s+ago\b", after):
                return anchored_start(t.value, state.article.date)
        return None

    def _event(self, state: DocState, span: Span, t: TimeExpression, when: str) -> DraftEvent | None:
        root = span.root
        skip = {tok.i for tok in span}
        clause = _when_clause(root)
        verb = clause if clause is not None else governing_verb(root)
        noun = _noun_head(root) if clause is None else None
        sent = span.sent
        evidence = (sent.start_char, sent.end_char)
        while evidence[1] > evidence[0] and state.text[evidence[1] - 1].isspace():
            evidence = (evidence[0], evidence[1] - 1)
        if noun is not None:
            what = self._noun_what(noun, skip)
            scope = governing_verb(noun) or sent.root
        elif verb is not None:
            what = self._verb_what(state, verb, skip)
            scope = verb
        else:
            return None
        if not what:
            return None
        participants = self._participants(state, scope, sent)
        return DraftEvent(
            what=what, when=when, evidence=evidence, participants=tuple(participants), time=(t.start, t.end)
        )

    @staticmethod
    def _noun_what(noun: Token, skip: set[int]) -> str:
        keep = [t for t in noun.subtree if t.i not in skip]
        # stop at the first preposition that introduces another time or place after the head noun
        out: list[Token] = []
        for t in keep:
            if t.i > noun.i and t.dep_ == "prep" and t.head.i == noun.i and any(c.i in skip for c in t.subtree):
                break
            out.append(t)
        text = _phrase(out, skip)
        return re.sub(r"^(?:an?|the)\s+", "", text, flags=re.I)

    @staticmethod
    def _verb_what(state: DocState, verb: Token, skip: set[int]) -> str:
        parts: list[Token] = []
        subj = _subject(verb)
        subject_text = ""
        if subj is not None:
            ent = state.entity_at(subj.idx, subj.idx + len(subj.text)) if subj.pos_ == "PRON" else None
            if ent is not None:
                subject_text = ent.name
            elif subj.pos_ != "PRON" or subj.lower_ not in ("it", "this", "that"):
                subject_text = _phrase(list(subj.subtree)[:6], skip)
        parts.extend(_aux(verb))
        parts.append(verb)
        for c in verb.children:
            sub = [x for x in c.subtree if x.i not in skip]
            if c.dep_ in _CORE_DEPS and c.dep_ != "ccomp":
                parts.extend(sub[:8])
            elif c.dep_ == "advmod" and c.i == verb.i - 1 and len(sub) == 1:
                parts.append(c)  # "first bonded"
            elif (
                c.dep_ == "prep" and c.i > verb.i and len(sub) == len(list(c.subtree)) and len(sub) <= _MAX_PREP_TOKENS
            ):
                parts.extend(sub)  # "during a Met Gala event" (a phrase holding the time is left out)
        body = _phrase(parts, skip)
        return f"{subject_text} {body}".strip() if subject_text else body

    @staticmethod
    def _participants(state: DocState, scope: Token, sent: Span) -> list[str]:
        lo = min(t.idx for t in scope.subtree)
        hi = max(t.idx + len(t.text) for t in scope.subtree)
        subj = _subject(scope)
        if subj is not None:
            lo = min(lo, min(t.idx for t in subj.subtree))
        names: list[tuple[int, str]] = []
        seen: set[str] = set()
        for (ms, _), eid in state.mentions_within(max(lo, sent.start_char), min(hi, sent.end_char)):
            ent = state.entity(eid)
            if ent is None or ent.type not in PARTICIPANT_TYPES or ent.name in seen:
                continue
            seen.add(ent.name)
            names.append((ms, ent.name))
        return [n for _, n in names]
