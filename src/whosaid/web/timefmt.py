"""TIMEX3 values in words for readers: ``2016-W36`` -> "week 36 of 2016 (5-11 Sep)", ``2016-09-30TAF`` ->
"30 Sep 2016, afternoon". Pages show these words and keep the value itself in a ``data-timex`` attribute and
a tooltip; anything not understood is shown as it is.
"""

from __future__ import annotations

import datetime as _dt
import re

from markupsafe import Markup, escape

__all__ = ["readable_time", "time_tag"]

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_PARTS = {"MO": "morning", "MI": "midday", "AF": "afternoon", "EV": "evening", "NI": "night", "DT": "daytime"}
_SEASONS = {"SP": "spring", "SU": "summer", "FA": "autumn", "WI": "winter"}
_REFS = {"PRESENT_REF": "now", "PAST_REF": "in the past", "FUTURE_REF": "in the future"}
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_UNITS = {
    "Y": "year",
    "M": "month",
    "W": "week",
    "D": "day",
    "Q": "quarter",
    "E": "decade",
    "C": "century",
    "H": "hour",
    "S": "second",
    "WE": "weekend",
    "L": "millennium",
    "FN": "fortnight",
}
_TIME_UNITS = {"H": "hour", "M": "minute", "S": "second"}
_DURATION_PART = re.compile(r"(\d+(?:\.\d+)?|X)(WE|FN|[YMWDQECLHS])")


def _day(d: _dt.date) -> str:
    return f"{d.day} {_MONTHS[d.month - 1]} {d.year}"


def _time_of_day(part: str) -> str | None:
    if part in _PARTS:
        return _PARTS[part]
    m = re.fullmatch(r"(\d{2})(?::(\d{2}))?(?::\d{2})?", part)
    return f"{m.group(1)}:{m.group(2) or '00'}" if m else None


def _amount(n: str, unit: str) -> str:
    if n == "X":
        return f"some {unit}s"
    number = float(n)
    shown = f"{number:g}"
    return f"{shown} {unit}" + ("" if number == 1 else "s")


def _duration(value: str) -> str | None:
    date_part, _, time_part = value[1:].partition("T")
    words: list[str] = []
    for text, units in ((date_part, _UNITS), (time_part, _TIME_UNITS)):
        pos = 0
        for m in _DURATION_PART.finditer(text):
            if m.start() != pos or m.group(2) not in units:
                return None
            words.append(_amount(m.group(1), units[m.group(2)]))
            pos = m.end()
        if pos != len(text):
            return None
    return ", ".join(words) if words else None


def _date(value: str) -> str | None:
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", value)
    if m:
        try:
            return _day(_dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3))))
        except ValueError:
            return None
    m = re.fullmatch(r"(\d{4})-(\d{2})", value)
    if m and 1 <= int(m.group(2)) <= 12:
        return f"{_MONTHS[int(m.group(2)) - 1]} {m.group(1)}"
    if re.fullmatch(r"\d{4}", value):
        return value
    m = re.fullmatch(r"(\d{4})-W(\d{2})(?:-(WE|[1-7]))?", value)
    if m:
        year, week = int(m.group(1)), int(m.group(2))
        try:
            monday = _dt.date.fromisocalendar(year, week, 1)
        except ValueError:
            return None
        sunday = monday + _dt.timedelta(days=6)
        if m.group(3) == "WE":
            return f"the weekend of {_day(monday + _dt.timedelta(days=5))}"
        if m.group(3):
            return _day(monday + _dt.timedelta(days=int(m.group(3)) - 1))
        first = f"{monday.day} {_MONTHS[monday.month - 1]}" if monday.month != sunday.month else str(monday.day)
        return f"week {week} of {year} ({first}–{sunday.day} {_MONTHS[sunday.month - 1]})"
    m = re.fullmatch(r"(\d{4})-Q([1-4])", value)
    if m:
        return f"Q{m.group(2)} {m.group(1)}"
    m = re.fullmatch(r"(\d{4})-H([12])", value)
    if m:
        return f"{'first' if m.group(2) == '1' else 'second'} half of {m.group(1)}"
    m = re.fullmatch(r"(\d{4})-(SP|SU|FA|WI)", value)
    if m:
        return f"{_SEASONS[m.group(2)]} {m.group(1)}"
    if re.fullmatch(r"\d{3}", value):
        return f"the {value}0s"
    if re.fullmatch(r"\d{2}", value):
        return f"the {value}00s"
    m = re.fullmatch(r"XXXX-WXX-([1-7])", value)
    if m:
        return f"every {_WEEKDAYS[int(m.group(1)) - 1]}"
    return None


def readable_time(value: str | None) -> str:
    """A TIMEX3 value (DATE, TIME, DURATION, SET or a vague reference) in words; the value itself when it is
    not understood, and "" for none."""
    if not value:
        return ""
    if value in _REFS:
        return _REFS[value]
    if value.startswith("P"):
        return _duration(value) or value
    date_part, sep, time_part = value.partition("T")
    words = _date(date_part) if date_part else None
    if not sep:
        return words or value
    part = _time_of_day(time_part)
    if words and part:
        return f"{words}, {part}"
    return value


def time_tag(value: str | None, *, css: str = "when") -> Markup:
    """``<span class="when" data-timex="VALUE" title="TIMEX3 VALUE">words</span>`` (escaped); "" for none."""
    if not value:
        return Markup("")
    return Markup(
        f'<span class="{escape(css)}" data-timex="{escape(value)}" title="TIMEX3 {escape(value)}">'
        f"{escape(readable_time(value))}</span>"
    )
