"""Ordering TIMEX3 values on a timeline (for ``whosaid timeline`` and the store)."""

from __future__ import annotations

import datetime as dt
import re

from .values import granularity

__all__ = ["sort_key", "approx_start", "anchored_start"]

_SEASON_MONTH = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}


def approx_start(value: str | None, anchor: dt.date | None = None) -> dt.date | None:
    """The first day a DATE/TIME value covers (``"2019-Q2"`` -> 2019-04-01), or None.

    ``PAST_REF``/``PRESENT_REF``/``FUTURE_REF`` map to the anchor date when one is given.
    """
    if not value:
        return None
    if value in ("PAST_REF", "PRESENT_REF", "FUTURE_REF"):
        return anchor
    v = value.split("T", 1)[0]
    try:
        g = granularity(v)
        if g == "D":
            return dt.date.fromisoformat(v)
        if g == "M":
            return dt.date(int(v[:4]), int(v[5:7]), 1)
        if g == "Y":
            return dt.date(int(v), 1, 1)
        if g == "W":
            return dt.date.fromisocalendar(int(v[:4]), int(v[6:8]), 1)
        if g == "Q":
            return dt.date(int(v[:4]), 3 * (int(v[6]) - 1) + 1, 1)
        if g == "H":
            return dt.date(int(v[:4]), 1 if v[6] == "1" else 7, 1)
        if g == "S":
            return dt.date(int(v[:4]), _SEASON_MONTH[v[5:7]], 1)
        if g == "E":
            return dt.date(int(v) * 10, 1, 1)
        if g == "C":
            return dt.date(max(1, int(v) * 100), 1, 1)
    except (ValueError, KeyError):
        return None
    return None


def anchored_start(duration: str, anchor: dt.date) -> str | None:
    """The year a duration reaches back to from ``anchor``: ``("P10Y", 2024-10-26) -> "2014"``."""
    m = re.fullmatch(r"P(\d+)([YME])", duration or "")
    if not m:
        return None
    n, unit = int(m.group(1)), m.group(2)
    if unit == "E":
        n, unit = n * 10, "Y"
    if unit == "Y":
        return f"{anchor.year - n:04d}" if anchor.year - n > 0 else None
    months = anchor.year * 12 + anchor.month - 1 - n
    return f"{months // 12:04d}-{months % 12 + 1:02d}" if months > 12 else None


def sort_key(value: str | None, anchor: dt.date | None = None) -> tuple[int, str, str]:
    """A key that orders values by the time they name; unknown values go last, in text order."""
    start = approx_start(value, anchor)
    if start is None:
        return (1, "", value or "")
    bias = {"PAST_REF": "0", "PRESENT_REF": "1", "FUTURE_REF": "2"}.get(value or "", "1")
    return (0, start.isoformat() + bias, value or "")
