"""Quotation marks paired into quotes, including quotes that run over several paragraphs.

Straight (") and curly (“ ”) double quotes and doubled apostrophes ('' ... '') are paired within a
paragraph. A quote still open at the end of its paragraph is closed there and marked ``open_ended``: by news
convention the next paragraph then re-opens the quote without a closing mark on the first one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, ClassVar

from ..state import DocState, QuoteSpan

__all__ = ["QuoteStage", "find_quotes", "paragraphs"]

_PARA = re.compile(r"\n[ \t]*\n|\n(?=[ \t]{2,}\S)")
_MARK = re.compile(r"''|``|[\"“”„«»]")
_OPENERS = {"“", "„", "«", "``"}
_CLOSERS = {"”", "»"}


def paragraphs(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each paragraph: blank-line separated, or indented lines (newswire style)."""
    pos = 0
    for m in _PARA.finditer(text):
        if m.start() > pos:
            yield pos, m.start()
        pos = m.end()
    if pos < len(text):
        yield pos, len(text)


def _opens(text: str, i: int, mark: str) -> bool:
    """Does the straight mark at ``i`` look like an opening mark (space or start before, text after)?"""
    if mark in _OPENERS:
        return True
    if mark in _CLOSERS:
        return False
    before = text[i - 1] if i > 0 else " "
    after = text[i + len(mark)] if i + len(mark) < len(text) else " "
    if before.isspace() or before in "([{—–-:;/":
        return not after.isspace()
    return False


def _strip(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def find_quotes(text: str) -> list[QuoteSpan]:
    """Every paired quote in ``text``, in order. Offsets of the marks are included in start/end."""
    out: list[QuoteSpan] = []
    for pno, (ps, pe) in enumerate(paragraphs(text)):
        open_at: int | None = None
        open_len = 0
        for m in _MARK.finditer(text, ps, pe):
            mark, i = m.group(), m.start()
            if open_at is None:
                if mark in _CLOSERS and not out:
                    continue
                if _opens(text, i, mark) or mark in ('"', "''"):
                    open_at, open_len = i, len(mark)
                continue
            if mark in _OPENERS and mark not in ('"', "''"):
                open_at, open_len = i, len(mark)  # a new opening mark: the previous one was never closed
                continue
            if mark == '"' and _opens(text, i, mark) and not text[i - 1].isalnum() and text[i - 1] not in ".,!?;:…'’":
                # a straight mark with a space before it re-opens rather than closes
                if i - open_at > 1 and text[i - 1].isspace() and not text[open_at + open_len : i].strip():
                    open_at, open_len = i, len(mark)
                    continue
            s, e = _strip(text, open_at + open_len, i)
            if e > s:
                out.append(QuoteSpan(open_at, i + len(mark), s, e, pno))
            open_at = None
        if open_at is not None:
            s, e = _strip(text, open_at + open_len, pe)
            if e > s:
                out.append(QuoteSpan(open_at, e, s, e, pno, open_ended=True))
    return out


class QuoteStage:
    """Assigns ``state.quotes``."""

    name: ClassVar[str] = "quotes"
    requires: ClassVar[tuple[str, ...]] = ("parsed_text",)
    assigns: ClassVar[tuple[str, ...]] = ("quotes",)

    def __call__(self, state: DocState) -> dict[str, Any]:
        return {"quotes": find_quotes(state.parsed_text)}
