"""What kind of act a statement reports (PARC: assertion, belief, fact, eventuality), from its cue.

The cue word decides, through ``CUE_CATEGORIES`` of ``pipeline/lexicon.py`` (its source and marks are
documented there): "said" an assertion, "believes" a belief, "found" a fact, "promised" an eventuality. Of the
words of a cue, the syntactic head counts first ("refused to endorse" is a refusal), then the others from the
left ("unleashed a series of tweets criticizing"); a phrasal cue counts as a whole ("called for" wants,
"called" says). Evidence words ("reveal", "indicate", "suggest", "confirm", "conclude") report a fact when the
source is a document ("records indicate") and an assertion otherwise. Punctuation cues (a transcript label's
colon, a byline's dash) and "according to" / "per" are assertions ("per" after a word or number is a unit:
no record). A cue none of whose words is known is an
eventuality when its content is a ``to`` clause ("is ready to move on") and an assertion otherwise.

A cue whose deciding word is in ``NOT_SAYING`` ("was named", "approved", "voted", "decided to") reports no act of
saying or thinking: :func:`categorized` leaves such drafts out. A quotation that continues another statement
takes that statement's category (:func:`inherit_categories`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from ...model import Span
from ..lexicon import CUE_CATEGORIES, DOCUMENT_NOUNS, EVIDENCE_WORDS, NOT_SAYING
from ..state import DraftAttribution
from ..syntax import parsed_length

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

__all__ = ["cue_category", "categorized", "inherit_categories", "word_lemmas", "FALLBACK"]

_WORD = re.compile(r"[A-Za-z]+(?:[’'][a-z]+)?")
_NEXT_WORDS = re.compile(r"[ \t]+([A-Za-z]+)(?:[ \t]+([A-Za-z]+))?")
# Irregular forms of the cue words (the regular ones are found by stripping -s, -ed, -ing).
_IRREGULAR = {
    "said": "say",
    "says": "say",
    "told": "tell",
    "wrote": "write",
    "written": "write",
    "thought": "think",
    "knew": "know",
    "known": "know",
    "found": "find",
    "saw": "see",
    "seen": "see",
    "sought": "seek",
    "felt": "feel",
    "spoke": "speak",
    "spoken": "speak",
    "understood": "understand",
    "forgot": "forget",
    "forgotten": "forget",
    "chose": "choose",
    "chosen": "choose",
    "won": "win",
    "lost": "lose",
    "met": "meet",
    "fought": "fight",
    "led": "lead",
    "ran": "run",
    "made": "make",
    "gave": "give",
    "given": "give",
    "put": "put",
    "bet": "bet",
    "taught": "teach",
    "swore": "swear",
    "sworn": "swear",
    "foresaw": "foresee",
    "underscored": "underscore",
    "overridden": "override",
    "overrode": "override",
    "did": "do",
    "does": "do",
    "has": "have",
    "had": "have",
    "is": "be",
    "was": "be",
    "were": "be",
    "are": "be",
    "been": "be",
}
# Words that never decide a cue's category: auxiliaries, and light verbs whose complement does ("tried to make
# the case", "was able to tout", "made little secret of").
_LIGHT = frozenset(
    """be have do will would shall should can could may might must not never also just try attempt
    able go get make take keep begin start""".split()
)
_PARTICLES = frozenset("for on out to about of in with against up".split())
_DETERMINERS = frozenset("the a an his her their its our my your this that these those some all".split())
FALLBACK = "assertion"
"""The category of a cue none of whose words is in the lexicon (and whose content is not a ``to`` clause)."""


def word_lemmas(word: str) -> list[str]:
    """Candidate lemmas of an English word form, most likely first (no parse needed): the form itself, its
    irregular lemma, and the forms without -s / -es / -ies / -ed / -d / -ing (with a final e or a single
    consonant restored)."""
    w = word.lower().replace("’", "'")
    out = [w]
    if w in _IRREGULAR:
        out.insert(0, _IRREGULAR[w])
    for suffix, repl in (
        ("ies", "y"),
        ("ied", "y"),
        ("es", ""),
        ("s", ""),
        ("ed", ""),
        ("ed", "e"),
        ("d", ""),
        ("ing", ""),
        ("ing", "e"),
    ):
        if w.endswith(suffix) and len(w) - len(suffix) >= 2:
            stem = w[: len(w) - len(suffix)] + repl
            out.append(stem)
            if repl == "" and len(stem) > 2 and stem[-1] == stem[-2] and suffix in ("ed", "ing"):
                out.append(stem[:-1])  # admitted -> admit, slamming -> slam
    return out


def _known(lemmas: Sequence[str]) -> str | None:
    return next((lemma for lemma in lemmas if lemma in CUE_CATEGORIES or lemma in NOT_SAYING), None)


def _unit_per(text: str, start: int) -> bool:
    """Whether "per" at ``start`` follows a word or number ("tons per year", "$30 per megawatt-hour"): a unit,
    not a source ("..., per the report")."""
    before = text[:start].rstrip()
    return bool(before) and (before[-1].isalnum() or before[-1] == "%")


def _documentary(text: str, source: Span | None, doc: Doc | None) -> bool:
    """Whether the source is a document ("a review of records", "the poll", "federal data")."""
    if source is None:
        return False
    head = None
    if doc is not None and source.end <= parsed_length(doc):
        span = doc.char_span(source.start, source.end, alignment_mode="expand")
        head = span.root.lemma_.lower() if span is not None and len(span) else None
    words = _WORD.findall(text[source.start : source.end].split(" of ")[0])
    candidates = ([head] if head else []) + (word_lemmas(words[-1]) if words else [])
    return any(c in DOCUMENT_NOUNS for c in candidates)


def cue_category(
    text: str, cue: Span | None, *, source: Span | None = None, content: Span | None = None, doc: Doc | None = None
) -> str | None:
    """The PARC category of the act the cue ``cue`` reports, or None when its deciding word is no act of saying
    or thinking (``NOT_SAYING``). ``doc`` (the article's parse, optional) gives the cue's syntactic head and
    better lemmas; without it the word forms decide."""
    if cue is None:
        return FALLBACK
    words = [(m.group(), m.start()) for s, e in cue.parts for m in _WORD.finditer(text, s, e)]
    words = [(w, i) for w, i in words if i < cue.end]
    if not words:  # a transcript label's colon, a byline's dash
        return "assertion"
    lemmas: list[list[str]] = []
    root = None
    span = (
        doc.char_span(cue.start, cue.end, alignment_mode="expand")
        if doc is not None and cue.end <= parsed_length(doc)
        else None
    )
    for w, i in words:
        cands = word_lemmas(w)
        if span is not None:
            tok = next((t for t in span if t.idx == i), None)
            if tok is not None:
                cands.insert(0, tok.lemma_.lower())
                if root is None and tok.i == span.root.i:
                    root = len(lemmas)
        lemmas.append(cands)
    # what follows the cue completes a phrasal cue ("called" + "for")
    after = _NEXT_WORDS.match(text, cue.end)
    tail = [x.lower() for x in after.groups() if x] if after else []
    order = ([root] if root is not None else []) + [k for k in range(len(words)) if k != root]
    for k in order:
        for lemma in lemmas[k]:
            rest = [w.lower() for w, _ in words[k + 1 :]] + tail
            inner = [w.lower() for w, _ in words[k + 1 :]]
            # the longest phrase first ("leave little doubt", "call for"); a cue's closing particle counts across
            # the words between ("called Friday for")
            phrases = [" ".join([lemma, *rest[:n]]) for n in (2, 1) if len(rest) >= n]
            if inner and inner[-1] in _PARTICLES:
                phrases.append(f"{lemma} {inner[-1]}")
            for phrase in phrases:
                if phrase in CUE_CATEGORIES:
                    return CUE_CATEGORIES[phrase]
        if lemmas[k][0] in _LIGHT:
            continue
        found = _known(lemmas[k])
        if found is None:
            continue
        if found in NOT_SAYING or (found == "per" and k == 0 and _unit_per(text, cue.start)):
            return None
        category = CUE_CATEGORIES[found]
        if found in EVIDENCE_WORDS and _documentary(text, source, doc):
            return "fact"
        return category
    if content is not None and _infinitive(text, content, doc):
        return "eventuality"
    return FALLBACK


def _infinitive(text: str, content: Span, doc: Doc | None) -> bool:
    """Whether the content is a ``to`` clause ("to move on"), not a ``to`` phrase ("to events like flooding")."""
    m = re.match(r"to\s+([A-Za-z]+)", text[content.start : content.end])
    if m is None:
        return False
    if doc is not None and content.end <= parsed_length(doc):
        span = doc.char_span(content.start + m.start(1), content.start + m.end(1))
        if span is not None and len(span) == 1:
            return span[0].pos_ in ("VERB", "AUX")
    return m.group(1).lower() not in _DETERMINERS


def categorized(text: str, drafts: Sequence[DraftAttribution], doc: Doc | None = None) -> list[DraftAttribution]:
    """``drafts`` with their ``category``; those whose cue reports no act of saying or thinking are left out.
    A draft without a cue keeps its category for :func:`inherit_categories`."""
    out = []
    for d in drafts:
        if d.cue is None:
            out.append(d)
            continue
        category = cue_category(text, d.cue, source=d.source, content=d.content, doc=doc)
        if category is not None:
            out.append(replace(d, category=category))
    return out


def inherit_categories(drafts: Sequence[DraftAttribution]) -> list[DraftAttribution]:
    """Every draft with a category: a quotation that continues another statement takes its category, any
    other draft without a cue the fallback."""
    by_id = {d.id: d for d in drafts}
    out = []
    for d in drafts:
        if d.category is None:
            parent, seen = by_id.get(d.continues or ""), {d.id}
            while parent is not None and parent.category is None and parent.continues and parent.id not in seen:
                seen.add(parent.id)
                parent = by_id.get(parent.continues)
            d = replace(d, category=parent.category if parent is not None and parent.category else FALLBACK)
        out.append(d)
    return out
