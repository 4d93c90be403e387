"""TimeStage: time expressions normalized against the article date (TIMEX3 values).

The grammar and normalizer live in :mod:`whosaid.timex` (no spaCy needed there); this stage gives them
the tense of the verb that governs each expression, read from the already-parsed spaCy Doc, so that
"on Monday" in a past-tense sentence resolves to the Monday before the article date and in a future-tense
sentence to the Monday after it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from ...model import TimeExpression
from ...timex import extract
from ..state import DocState
from ..syntax import tense_at

if TYPE_CHECKING:  # pragma: no cover
    pass

__all__ = ["TimeStage"]


class TimeStage:
    """Fills ``state.times`` with :class:`~whosaid.model.TimeExpression` objects."""

    name: ClassVar[str] = "time"
    requires: ClassVar[tuple[str, ...]] = ("article", "doc", "parsed_text")
    assigns: ClassVar[tuple[str, ...]] = ("times",)

    def __call__(self, state: DocState) -> dict[str, Any]:
        doc = state.doc
        text = state.parsed_text  # the parsed text (it may have been cut to max_chars)
        anchor = state.article.date
        anchor_text = anchor.isoformat() if anchor else None
        tenses: dict[tuple[int, int], str | None] = {}  # extract() may ask again in a later round

        def tense(start: int, end: int) -> str | None:
            key = (start, end)
            if key not in tenses:
                tenses[key] = tense_at(doc, start, end)
            return tenses[key]

        found = extract(text, anchor, tense)
        return {
            "times": [
                TimeExpression(start=t.start, end=t.end, text=t.text, type=t.type, value=t.value, anchor=anchor_text)
                for t in found
            ]
        }
