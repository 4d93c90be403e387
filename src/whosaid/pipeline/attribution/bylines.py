"""Quote bylines: a quotation followed by a dash and a name (``"We need law and order." ― Maria Lopez``).

Listicles, reader-reaction pieces and fact-check round-ups attribute quotes this way, without a speech verb,
so the parse-based rules never see a cue. A byline is a dash (``―``, ``—``, ``–``, ``-`` or ``--``) right after
a closing quote mark (or at the start of the next line), then one to six capitalized words (particles such as
``de`` or ``van`` allowed), ending the line, a sentence (``.``), a clause (``, a teacher in Ohio``) or running
into the next quotation (whatever its opening mark: mixed-up marks are common in such lists). The dash is the
cue, the name the source.

On PolNeAR the pattern occurs 13 times in train, 7 of them annotated this way (the rest: section titles set
between dashes — excluded by the capitalized-name rule — and reporter sign-offs) and 24 times in dev, all
annotated (docs/bench-model.md).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..state import QuoteSpan

__all__ = ["Byline", "find_bylines"]

_NAME_WORD = r"[A-Z][\w.’'-]*"
_PARTICLE = r"(?:de|del|della|der|di|da|van|von|la|le|bin|al|y)"
_BYLINE = re.compile(
    r"[ \t\xa0]*(?:\n[ \t]*){0,2}(?P<dash>―|—|–|--?)[ \t\xa0]*"
    rf"(?P<name>{_NAME_WORD}(?:[ \t]+(?:{_NAME_WORD}|{_PARTICLE})){{0,5}})"
    r"(?=[ \t]*(?:[.,]|\n|$|[“”\"]))"
)

_INNER_BYLINE = re.compile(r"[”\"][ \t\xa0]*(?:―|—|–|--?)[ \t\xa0]*[A-Z]")

Byline = tuple[QuoteSpan, tuple[int, int], tuple[int, int]]
"""(the quote, the dash's offsets, the name's offsets)."""


def find_bylines(text: str, quotes: Sequence[QuoteSpan], *, min_words: int) -> dict[int, Byline]:
    """Quote index -> its byline, for quotes of at least ``min_words`` words followed by a dash and a name."""
    out: dict[int, Byline] = {}
    for qi, q in enumerate(quotes):
        inner = text[q.inner_start : q.inner_end]
        if q.open_ended or len(inner.split()) < min_words or _INNER_BYLINE.search(inner):
            continue  # too short, or mispaired marks: the "quote" runs over another quote's byline
        m = _BYLINE.match(text, q.end)
        if m is None or m.group("name").endswith(("-", "–", "—")):
            continue
        name_end = m.end("name")
        while name_end > m.start("name") and text[name_end - 1] == ".":
            name_end -= 1  # "― Steve Quinlan." ends a sentence (a final "Jr." loses its period too)
        out[qi] = (q, m.span("dash"), (m.start("name"), name_end))
    return out
