"""TIMEX3 values: formatting, validation and calendar arithmetic at a granularity (pure functions).

A DATE value names a calendar unit: ``2019`` (year), ``2019-06`` (month), ``2019-06-13`` (day),
``2019-W24`` (ISO week), ``2019-Q2`` (quarter), ``2019-H1`` (half), ``2019-SU`` (season), ``201``
(decade), ``20`` (century), with ``X`` for unknown digits; TIME adds ``THH:MM`` or a part of day
(``TMO``, ``TAF``, ``TEV``, ``TNI``, ``TDT``); DURATION and SET values are ``P..``/``PT..`` periods; the
vague references are ``PRESENT_REF``, ``PAST_REF`` and ``FUTURE_REF``.
"""

from __future__ import annotations

import datetime as dt
import re

__all__ = [
    "REFS",
    "is_valid_value",
    "day",
    "month",
    "week",
    "quarter_of",
    "shift",
    "granularity",
    "year_of",
    "duration",
    "unknown",
]

REFS = ("PRESENT_REF", "PAST_REF", "FUTURE_REF")

_Y = r"(?:\d{4}|\d{3}X|\d{2}XX|XXXX)"
_DATE = re.compile(
    rf"""^(?:
        \d{{1,3}}X{{0,2}}                                  # century 19 / decade 199 / 19XX-like
      | {_Y}(?:
            -(?:0[1-9]|1[0-2]|XX)(?:-(?:0[1-9]|[12]\d|3[01]|XX))?   # month, day
          | -W(?:0?[1-9]|[1-4]\d|5[0-3]|XX)(?:-(?:[1-7]|WE|X))?     # ISO week, weekday or weekend
          | -Q[1-4X] | -H[12X] | -(?:SP|SU|FA|WI)
        )?
      | XXXX-WXX-[1-7]                                      # a weekday in general (SETs)
    )$""",
    re.X,
)
_TIME = re.compile(r"^T(?:(?:[01]\d|2[0-4])(?::[0-5]\d(?::[0-5]\d)?)?|MO|AF|EV|NI|DT|MI)$")
_DURATION = re.compile(
    r"^P(?=.)(?:(?:\d+(?:\.\d+)?|X)(?:Y|M|W|D|Q|E|C|L|WE|H|FN))*"
    r"(?:T(?=.)(?:(?:\d+(?:\.\d+)?|X)(?:H|M|S))*)?$"
)


def is_valid_value(value: object, type_: str | None = None) -> bool:
    """Whether ``value`` is a well-formed TIMEX3 value (for ``type_`` when given)."""
    if not isinstance(value, str) or not value:
        return False
    if value in REFS:
        return type_ in (None, "DATE", "TIME")
    if value.startswith("P"):
        ok = bool(_DURATION.match(value)) and value not in ("P", "PT") and not value.endswith("T")
        return ok and type_ in (None, "DURATION", "SET")
    date_part, sep, time_part = value.partition("T")
    if sep and not date_part:
        return False
    if not _DATE.match(date_part):
        return False
    if sep:
        if not _TIME.match("T" + time_part):
            return False
        return type_ in (None, "TIME", "SET")
    if type_ == "TIME":
        return False
    if type_ == "DURATION":
        # an anchored duration ("the fourth quarter") keeps its date value in TimeBank; allow it
        return True
    return True


def day(d: dt.date) -> str:
    """The TIMEX3 value of a day: ``2024-10-26``."""
    return d.isoformat()


def month(year: int, m: int) -> str:
    """The TIMEX3 value of a month: ``2024-10``."""
    return f"{year:04d}-{m:02d}"


def week(d: dt.date) -> str:
    """The TIMEX3 value of the ISO week holding a day: ``2024-W43``."""
    iso = d.isocalendar()
    return f"{iso[0]:04d}-W{iso[1]:02d}"


def quarter_of(d: dt.date) -> int:
    """The quarter (1-4) a day falls in."""
    return (d.month - 1) // 3 + 1


_YEAR_PREFIX = re.compile(r"^(\d{4})")
# One alternative per granularity, in the order they are tried: the first that matches the whole value wins.
_GRANULARITY = re.compile(
    r"(?P<Y>\d{4})|(?P<M>\d{4}-\d{2})|(?P<D>\d{4}-\d{2}-\d{2}(?:T.*)?)|(?P<W>\d{4}-W\d{2}(?:-WE)?)"
    r"|(?P<Q>\d{4}-Q[1-4])|(?P<H>\d{4}-H[12])|(?P<S>\d{4}-(?:SP|SU|FA|WI))|(?P<E>\d{3})|(?P<C>\d{2})"
)


def year_of(value: str | None) -> int | None:
    """The year a DATE value names, or None when it has none (``XXXX``, a REF, a duration)."""
    if not value:
        return None
    m = _YEAR_PREFIX.match(value)
    return int(m.group(1)) if m else None


def granularity(value: str) -> str | None:
    """``Y``, ``M``, ``D``, ``W``, ``Q``, ``H``, ``S`` (season), ``E`` (decade), ``C`` (century) or None."""
    m = _GRANULARITY.fullmatch(value)
    return m.lastgroup if m else None


def _add_months(year: int, m: int, n: int) -> tuple[int, int]:
    idx = year * 12 + (m - 1) + n
    return idx // 12, idx % 12 + 1


def _safe_day(year: int, m: int, d: int) -> dt.date:
    for dd in (d, 30, 29, 28):
        try:
            return dt.date(year, m, dd)
        except ValueError:
            continue
    return dt.date(year, m, 28)


def shift(value: str, n: int, unit: str) -> str | None:
    """``value`` moved by ``n`` ``unit``s (Y, Q, M, W, D, H, E, C), keeping its granularity.

    ``shift("1989-Q3", -1, "Y") == "1988-Q3"``; ``shift("1989-10-26", -1, "W") == "1989-10-19"``.
    Returns None when the value cannot be moved (no year, or a unit finer than the value).
    """
    if not n:
        return value
    if unit not in ("Y", "Q", "M", "W", "D", "H", "E", "C"):
        return None
    months = {"Y": 12, "Q": 3, "M": 1, "H": 6, "E": 120, "C": 1200}.get(unit)
    days = {"W": 7, "D": 1}.get(unit)
    g = granularity(value)
    try:
        if g == "Y":
            if months is None or months % 12:
                return None
            return f"{int(value) + n * months // 12:04d}"
        if g == "M":
            if months is None:
                return None
            y, m = _add_months(int(value[:4]), int(value[5:7]), n * months)
            return month(y, m)
        if g == "D":
            base = dt.date.fromisoformat(value[:10])
            rest = value[10:]
            if days is not None:
                return day(base + dt.timedelta(days=n * days)) + rest
            y, m = _add_months(base.year, base.month, n * (months or 0))
            return day(_safe_day(y, m, base.day)) + rest
        if g == "W":
            suffix = "-WE" if value.endswith("-WE") else ""
            y, w = int(value[:4]), int(value[6:8])
            monday = dt.date.fromisocalendar(y, w, 1)
            if days is not None:
                return week(monday + dt.timedelta(days=n * days)) + suffix
            y2, m2 = _add_months(monday.year, monday.month, n * (months or 0))
            return week(_safe_day(y2, m2, monday.day)) + suffix
        if g == "Q":
            if months is None or months % 3:
                return None
            y, q = int(value[:4]), int(value[6])
            idx = y * 4 + (q - 1) + n * months // 3
            return f"{idx // 4:04d}-Q{idx % 4 + 1}"
        if g == "H":
            if months is None or months % 6:
                return None
            y, h = int(value[:4]), int(value[6])
            idx = y * 2 + (h - 1) + n * months // 6
            return f"{idx // 2:04d}-H{idx % 2 + 1}"
        if g == "S":
            if months is None or months % 12:
                return None
            return f"{int(value[:4]) + n * months // 12:04d}{value[4:]}"
        if g == "E":
            if unit == "E":
                return f"{int(value) + n:03d}"
            if unit == "C":
                return f"{int(value) + 10 * n:03d}"
            return None
        if g == "C":
            return f"{int(value) + n:02d}" if unit == "C" else None
    except (ValueError, OverflowError):
        return None
    return None


def duration(amount: float | None, unit: str) -> str:
    """A TIMEX3 duration: ``duration(3, "M") == "P3M"``, ``duration(2.5, "Y") == "P2Y6M"``,
    ``duration(None, "D") == "PXD"`` (an unspecified count), ``duration(16, "H") == "PT16H"``."""
    time_unit = {"H": "H", "MIN": "M", "S": "S"}.get(unit)
    letter = {"FN": "W", "WE": "D"}.get(unit, unit)
    if amount is None:
        return f"PTX{time_unit}" if time_unit else f"PX{letter}"
    if unit in ("FN", "WE"):  # a fortnight is two weeks, a weekend two days
        amount *= 2
    if unit in ("E", "C", "L"):  # a decade is written P10Y
        amount *= {"E": 10, "C": 100, "L": 1000}[unit]
        unit = letter = "Y"
    whole = int(amount)
    frac = amount - whole
    if frac and abs(frac - 0.5) < 1e-9:
        finer = {
            "Y": (12, "M"),
            "M": None,
            "H": (60, "MIN"),
            "MIN": (60, "S"),
            "D": (24, "H"),
            "W": (7, "D"),
            "E": (10, "Y"),
            "C": (100, "Y"),
        }.get(unit)
        if finer is not None:
            factor, small = finer
            if whole == 0:
                return duration(factor // 2, small)
            head = duration(whole, unit)
            tail = duration(factor // 2, small)
            if tail.startswith("PT") and not head.startswith("PT"):
                return head + tail[1:]
            if tail.startswith("PT") and head.startswith("PT"):
                return head + tail[2:]
            return head + tail[1:]
    num = f"{whole}" if not frac else f"{amount:g}"
    if time_unit:
        return f"PT{num}{time_unit}"
    return f"P{num}{letter}"


def unknown(gran: str) -> str:
    """An underspecified value for a relative expression with no anchor date."""
    return {
        "Y": "XXXX",
        "M": "XXXX-XX",
        "D": "XXXX-XX-XX",
        "W": "XXXX-WXX",
        "Q": "XXXX-QX",
        "H": "XXXX-HX",
        "S": "XXXX",
        "E": "XXXX",
        "C": "XXXX",
    }.get(gran, "XXXX-XX-XX")
