"""Values of seasons, holidays and year ends (DATE rules of the grammar)."""

from __future__ import annotations

import datetime as dt
import re

from . import values as V
from .context import FUTURE, PAST, Context
from .lexicon import HOLIDAYS, SEASONS
from .normalize import Handler, Result, _direction_word, _g, _lower, year_value

__all__ = ["HANDLERS"]


def season(m: re.Match[str], ctx: Context) -> Result:
    code = SEASONS[m["s"].lower()]
    det = _lower(_g(m, "det"))
    edge = _g(m, "edge")
    if code == "FA" and m["s"].lower() == "fall" and not det and not edge and not m["y"]:
        return None  # the verb
    y: int | None = None
    if m["y"]:
        y = year_value(m["y"], ctx)
    elif m["y0"]:
        y = int(m["y0"])
    elif det == "that":
        ref = ctx.last("Y", "M", "D", "Q", "S")
        y = V.year_of(ref) if ref else None
    if y is None:
        if ctx.anchor is None:
            return "DATE", f"XXXX-{code}"
        if det == "this":
            direction: str | None = "this"
        elif det in ("last", "this past", "the past"):
            direction = PAST
        elif det in ("next", "this coming", "the coming"):
            direction = FUTURE
        else:
            direction = None
        y = ctx.season_year(code, direction)
    return "DATE", f"{y:04d}-{code}"


def _easter(year: int) -> dt.date:
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month_ = (h + l_ - 7 * m + 114) // 31
    day_ = (h + l_ - 7 * m + 114) % 31 + 1
    return dt.date(year, month_, day_)


def _nth_weekday(year: int, month_: int, iso_day: int, n: int) -> dt.date:
    if n > 0:
        first = dt.date(year, month_, 1)
        return first + dt.timedelta(days=(iso_day - first.isoweekday()) % 7 + 7 * (n - 1))
    last = dt.date(year + (month_ == 12), month_ % 12 + 1, 1) - dt.timedelta(days=1)
    return last - dt.timedelta(days=(last.isoweekday() - iso_day) % 7)


def _holiday_date(name: str, year: int) -> str:
    n = _lower(name)
    if n.startswith("thanksgiving"):
        return V.day(_nth_weekday(year, 11, 4, 4))
    if n.startswith("easter"):
        e = _easter(year)
        if n.endswith("monday"):
            e += dt.timedelta(days=1)
        if n.endswith("week"):
            return V.week(e)
        return V.day(e)
    if n == "election day":
        return V.day(_nth_weekday(year, 11, 1, 1) + dt.timedelta(days=1))
    if n == "labor day":
        return V.day(_nth_weekday(year, 9, 1, 1))
    if n == "memorial day":
        return V.day(_nth_weekday(year, 5, 1, -1))
    mo, d = HOLIDAYS.get(n.replace("new year's", "new year's day") if n == "new year's" else n, (12, 25))
    return V.day(dt.date(year, mo, d))


def holiday(m: re.Match[str], ctx: Context) -> Result:
    if m["y"]:
        return "DATE", _holiday_date(m["h"], int(m["y"]))
    if ctx.anchor is None:
        return "DATE", "XXXX-XX-XX"
    direction = _direction_word(m["det"]) if m["det"] else None
    a = ctx.anchor
    this = _holiday_date(m["h"], a.year)
    this_date = dt.date.fromisoformat(this[:10]) if "W" not in this else a
    y = ctx.year_for(this_date.month, this_date.day, direction)
    return "DATE", _holiday_date(m["h"], y if y is not None else a.year)


def year_end(m: re.Match[str], ctx: Context) -> Result:
    det = _lower(m["det"])
    return "DATE", ctx.from_now({"last": -1, "next": 1}.get(det, 0), "Y")


HANDLERS: dict[str, Handler] = {"season": season, "holiday": holiday, "year_end": year_end}
