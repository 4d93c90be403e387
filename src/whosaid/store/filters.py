"""The filters of statement queries, as one SQL ``WHERE`` builder shared by listing, counting and exporting.

``QUOTE_FILTERS`` names every filter :meth:`whosaid.store.Store.quotes` accepts; the same names are used by the
CLI (``whosaid quotes --said-since ...``), the JSON API and the web search, so a filtered list, its total and
its CSV/JSON export always agree.

``said_since``/``said_until`` compare the first day of a statement's ``said_at`` (a TIMEX3 value:
``2016-09-30`` is that day, ``2016-09`` starts on ``2016-09-01``, ``2016-W36`` on the Monday of ISO week 36,
``2016-09-30TAF`` on ``2016-09-30``); statements whose ``said_at`` names no date (none, ``PRESENT_REF``) are
left out by those two filters.
"""

from __future__ import annotations

import datetime as _dt
import re
import sqlite3
from typing import Any

from ..timex.timeline import approx_start

__all__ = [
    "QUOTE_FILTERS",
    "SOURCE_NAME_SQL",
    "said_day",
    "source_key",
    "headline",
    "register_functions",
    "check_filters",
    "article_conditions",
]

QUOTE_FILTERS: tuple[str, ...] = (
    "speaker",
    "about",
    "outlet",
    "since",
    "until",
    "search",
    "source_type",
    "article_id",
    "kind",
    "via",
    "said_since",
    "said_until",
    "category",
    "min_confidence",
    "source",
    "include_duplicates",
)

# How a statement names its source in rankings (alias ``a`` for attributions): an anonymous source by its
# description ("a senior official"), any other by the resolved speaker, else the description or the words.
SOURCE_NAME_SQL = (
    "CASE WHEN a.source_type = 'anonymous' THEN coalesce(a.source_description, a.source)"
    " ELSE coalesce(a.speaker, a.source_description, a.source) END"
)

_DETERMINER = re.compile(r"^(?:the|a|an|one|some)\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"['’]s?$")


def said_day(value: str | None) -> str | None:
    """The first day (``YYYY-MM-DD``) a TIMEX3 ``said_at`` value covers, or None when it names no date."""
    if not value:
        return None
    start: _dt.date | None = approx_start(value)
    return start.isoformat() if start else None


def source_key(text: str | None) -> str:
    """The grouping key of an organization name or an anonymous-source description.

    Case, spacing, a leading determiner ("the", "a", "one") and a trailing possessive do not matter:
    "The officials", "officials" and "Officials'" are one description.
    """
    words = " ".join(str(text or "").split()).casefold()
    words = _POSSESSIVE.sub("", _DETERMINER.sub("", words)).strip()
    return words


def headline(title: str | None, text: str | None, width: int = 140) -> str:
    """What to call an article: its title, else the first non-empty line of its text (cut to ``width``)."""
    for candidate in ((title or "").strip(), *(line.strip() for line in (text or "").splitlines())):
        if candidate:
            flat = " ".join(candidate.split())
            return flat if len(flat) <= width else flat[: width - 1].rstrip() + "…"
    return ""


def register_functions(conn: sqlite3.Connection) -> None:
    """Give ``conn`` the SQL functions the filters use: ``whosaid_said_day(said_at)``, ``whosaid_key(text)``."""
    conn.create_function("whosaid_said_day", 1, said_day, deterministic=True)
    conn.create_function("whosaid_key", 1, source_key, deterministic=True)


def check_filters(filters: dict[str, Any]) -> None:
    """Raise TypeError for a filter name the statement queries do not know (a typo must not filter nothing)."""
    unknown = sorted(set(filters) - set(QUOTE_FILTERS))
    if unknown:
        raise TypeError(f"unknown statement filter(s) {', '.join(unknown)}; known: {', '.join(QUOTE_FILTERS)}")


def article_conditions(
    outlet: str | None = None,
    since: str | None = None,
    until: str | None = None,
    *,
    include_duplicates: bool = True,
    alias: str = "ar",
) -> tuple[list[str], list[Any]]:
    """SQL conditions (and their parameters) on the articles table ``alias``: the outlet (any case), the
    publication date range, and, unless ``include_duplicates``, no article flagged as a duplicate."""
    where: list[str] = [] if include_duplicates else [f"{alias}.duplicate_of IS NULL"]
    params: list[Any] = []
    if outlet:
        where.append(f"{alias}.outlet = ? COLLATE NOCASE")
        params.append(outlet)
    if since:
        where.append(f"{alias}.date >= ?")
        params.append(str(since)[:10])
    if until:
        where.append(f"{alias}.date <= ?")
        params.append(str(until)[:10])
    return where, params
