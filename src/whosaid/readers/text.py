"""Plain-text articles with an optional ``date YYYY-MM-DD`` header line or prefix."""

from __future__ import annotations

import re

from ..errors import InputError
from ..model import Article
from .layout import unwrap_lines

__all__ = ["split_date_header", "article_from_text"]

# " date 2024-10-26 Ivanka ..." (prefix on the first line) or "date: 2024-10-26\n..." (a line of its own).
_HEADER = re.compile(r"\A\s*date\s*[:=]?\s*(\S+?)(?:[ \t]+|[ \t]*\r?\n\s*|\Z)", re.IGNORECASE)
_ISO = re.compile(r"\d{4}-\d{2}-\d{2}(?:[T ][\d:.]+Z?)?\Z")


def split_date_header(raw: str, *, source: str | None = None) -> tuple[str | None, str]:
    """Split ``raw`` into (date string or None, text). The header is removed; offsets are into the rest.

    A first line that starts with the word ``date`` followed by something that is not an ISO date is an
    error (a header was meant but cannot be used), reported with the file and line 1.
    """
    m = _HEADER.match(raw)
    if not m:
        return None, raw
    value = m.group(1)
    if not _ISO.match(value):
        # "Date night is back..." is prose, not a header: only treat it as one when it looks like a date.
        if re.match(r"\d", value):
            raise InputError(
                f"bad date header {value!r}: write the first line as 'date YYYY-MM-DD'", source=source, line=1
            )
        return None, raw
    return value, raw[m.end() :]


def article_from_text(
    raw: str, *, id: str, source: str | None = None, title: str | None = None, outlet: str | None = None
) -> Article:
    """An article from plain text, honouring a leading date header."""
    date_str, text = split_date_header(raw, source=source)
    if not text.strip():
        raise InputError("the article is empty: give it some text after the date header", source=source)
    date = Article.parse_date(date_str, source=source, line=1)
    return Article(id=id, text=unwrap_lines(text), date=date, title=title, outlet=outlet)
