"""Edge conventions for the source and cue spans of model / hybrid attributions (PolNeAR annotation style).

The content conventions live in ``boundaries.py``; these rules trim or extend the *frame* (source and cue) of
an attribution at its edges, from the text alone. ``boundaries.refine`` runs them after the content rules.
Each was measured on PolNeAR dev hybrid output (exact matches gained, net, by the rule in the shipped
configuration; no rule adds a predicted span) and run on the train *gold* spans to count the correct spans it
would alter (18,360 gold sources, 19,831 gold cues; docs/bench-model.md). Together: source +0.5, cue +0.4 F1.

=====  ==================================================  ===================  ===================
rule   convention                                          dev effect (alone)   train gold altered
=====  ==================================================  ===================  ===================
S1     no dateline (``BRUSSELS -``) in a source            source +1 exact     0
S2     a source's open parenthesis is closed (``(D-Md.)``)  source +1 exact     3 (truncated gold)
S3     a relative clause's source is its pronoun           source +4 exact     5
S4     a source never ends in a function word              source +4 exact     7
S5     no Reuters angle brackets (``Co <AXP>``) in a source  none in PolNeAR      0
C1     ``said of`` / ``said on``: the preposition is out    cue +6 exact        17
C2     a cue never ends in a determiner                    cue +3 exact        2
=====  ==================================================  ===================  ===================

Input drafts are never changed (``dataclasses.replace``); every span keeps ``text[start:end] == span.text``.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TypeGuard

from ...model import Span
from ..state import DraftAttribution

__all__ = [
    "s1_dateline",
    "s2_close_paren",
    "s3_relative_pronoun",
    "s4_function_word_end",
    "s5_angle_brackets",
    "c1_say_preposition",
    "c2_determiner_end",
    "EDGE_RULES",
]

_DATELINE = re.compile(r"[A-Z]{3,}[A-Z ,.]*\s+[-—–]\s+")
_FUNCTION = "in at on of for with by to this last that the a an and or but from as its his her their our".split()
_FUNCTION_END = re.compile(r"(?:[\s,]+(?:" + "|".join(_FUNCTION) + r"))+$")
_RELATIVE = re.compile(r"(?:,\s*|\s+)(who|which)$")
_SAY = r"(?:said|says|say|saying|told|tells|wrote|writes|added|adds|explained|announced|stated|noted|argued)"
_SAY_PREP = re.compile(r"(.*?\b" + _SAY + r")\s+(?:of|on)$", re.S)
_DETERMINERS = frozenset("a an the his her their its our my your no".split())
_NEXT_WORD = re.compile(r"[ \t]+[\w’'-]+")
_WORDS = re.compile(r"\w+")
_ANGLE_END = re.compile(r"\s*<[A-Z0-9.&-]{1,10}>?$")  # a ticker: "<AXP>", "<RTRS.L>"


def _plain(span: Span | None) -> TypeGuard[Span]:
    """A one-piece span (the rules leave split spans alone)."""
    return span is not None and span.fragments is None


def _with(t: str, d: DraftAttribution, role: str, start: int, end: int) -> DraftAttribution:
    span: Span | None = getattr(d, role)
    if span is None or (start, end) == (span.start, span.end) or end <= start:
        return d
    new = Span.of(t, start, end)
    if role == "source":
        return replace(d, source=new)
    if role == "cue":
        return replace(d, cue=new)
    return replace(d, content=new)


def s1_dateline(t: str, d: DraftAttribution) -> DraftAttribution:
    """S1. A dateline (``BRUSSELS - European leaders``) opens the story, not the source."""
    src = d.source
    m = _DATELINE.match(src.text) if _plain(src) else None
    if src is None or m is None or not _WORDS.search(src.text[m.end() :]):
        return d
    return _with(t, d, "source", src.start + m.end(), src.end)


def s2_close_paren(t: str, d: DraftAttribution) -> DraftAttribution:
    """S2. A source with an unclosed parenthesis (``Rep. Elijah E. Cummings (D-Md``) runs to the ``)``."""
    src = d.source
    if not _plain(src) or src is None or src.text.count("(") <= src.text.count(")"):
        return d
    j = t.find(")", src.end, src.end + 20)
    return d if j < 0 else _with(t, d, "source", src.start, j + 1)


def s3_relative_pronoun(t: str, d: DraftAttribution) -> DraftAttribution:
    """S3. In a relative clause (``Mr. Obama, who understood ...``) PolNeAR marks the pronoun as the source."""
    src = d.source
    m = _RELATIVE.search(src.text) if _plain(src) else None
    if src is None or m is None or m.start() == 0:
        return d
    return _with(t, d, "source", src.start + m.start(1), src.end)


def s4_function_word_end(t: str, d: DraftAttribution) -> DraftAttribution:
    """S4. A source never ends in a preposition, article or conjunction (``Hillary Clinton, at``, ``the Supreme
    Court this``): the dangling words are dropped."""
    src = d.source
    m = _FUNCTION_END.search(src.text) if _plain(src) else None
    if src is None or m is None or not _WORDS.search(src.text[: m.start()]):
        return d
    return _with(t, d, "source", src.start, src.start + m.start())


def s5_angle_brackets(t: str, d: DraftAttribution) -> DraftAttribution:
    """S5. Reuters writes a company's ticker or its name in angle brackets (``American Express Co <AXP> said``,
    ``<Sedio N.V.> said``): a trailing ticker and unpaired or enclosing brackets are no part of the source."""
    src = d.source
    if not _plain(src) or src is None:
        return d
    start, end, text = src.start, src.end, src.text
    m = _ANGLE_END.search(text)
    if m is not None and _WORDS.search(text[: m.start()]):
        end = start + m.start()
    elif text.startswith("<") and text.endswith(">") and text.count("<") == text.count(">") == 1:
        start, end = start + 1, end - 1
    elif text.endswith(">") and "<" not in text:
        end -= 1
    elif text.startswith("<") and ">" not in text:
        start += 1
    return _with(t, d, "source", start, end)


def c1_say_preposition(t: str, d: DraftAttribution) -> DraftAttribution:
    """C1. ``said of Clinton, "..."`` / ``said on Twitter``: the cue is the speech verb; a dangling ``of`` /
    ``on`` is left out (train gold: verb alone 40 vs 28 with ``of``, 63 vs 27 with ``on``)."""
    cue = d.cue
    m = _SAY_PREP.match(cue.text) if _plain(cue) else None
    if cue is None or m is None:
        return d
    return _with(t, d, "cue", cue.start, cue.start + m.end(1))


def c2_determiner_end(t: str, d: DraftAttribution) -> DraftAttribution:
    """C2. A cue never ends in a determiner (``explained in an``, ``signed an``): it takes the next word."""
    cue = d.cue
    words = _WORDS.findall(cue.text) if _plain(cue) and cue is not None else []
    if cue is None or not words or words[-1].lower() not in _DETERMINERS:
        return d
    m = _NEXT_WORD.match(t, cue.end)
    return d if m is None else _with(t, d, "cue", cue.start, m.end())


EDGE_RULES = (
    ("S1", s1_dateline),
    ("S2", s2_close_paren),
    ("S3", s3_relative_pronoun),
    ("S4", s4_function_word_end),
    ("S5", s5_angle_brackets),
    ("C1", c1_say_preposition),
    ("C2", c2_determiner_end),
)
"""The frame rules in the order ``boundaries.refine`` applies them (after the content rules)."""
