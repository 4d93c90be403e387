"""The reference frame a time expression is normalized in: anchor date, tense, earlier mentions.

Resolution rules (HeidelTime's news strategy, written as small functions):

- expressions relative to *now* ("yesterday", "last week", "two years ago") count from the anchor date
  (the article date);
- expressions relative to *another time* ("a year earlier", "the year-ago quarter", "that year", "the
  next day") count from the last DATE mentioned before them, or from the anchor when there is none;
- partial dates ("Friday", "March 5", "the third quarter", "last summer") take the year/week that the
  tense of their governing verb points to: past tense the latest one not after the anchor, future tense
  the next one not before it, no tense the nearest one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from . import values as V

__all__ = ["Context", "PAST", "PRESENT", "FUTURE"]

PAST, PRESENT, FUTURE = "past", "present", "future"
WRONG_SIDE_DAYS = 120


class Context:
    """Per-document resolution state; ``refs`` grows as expressions are resolved in text order.

    ``tense`` may be given as a callable (:meth:`tense_from`) that is only called when a handler reads
    the tense: most expressions ("2019", "two years ago") never need it, and reading it from the parse
    is the costly part.
    """

    __slots__ = ("anchor", "refs", "_tense", "_tense_of")

    def __init__(self, anchor: dt.date | None, tense: str | None = None, refs: list[str] | None = None) -> None:
        self.anchor = anchor
        self.refs: list[str] = refs if refs is not None else []
        self._tense = tense
        self._tense_of: Callable[[], str | None] | None = None

    def __repr__(self) -> str:
        return f"Context(anchor={self.anchor!r}, tense={self.tense!r}, refs={self.refs!r})"

    @property
    def tense(self) -> str | None:
        """``past``, ``present``, ``future`` or None: the tense of the verb governing the expression."""
        if self._tense_of is not None:
            self._tense, self._tense_of = self._tense_of(), None
        return self._tense

    @tense.setter
    def tense(self, value: str | None) -> None:
        self._tense, self._tense_of = value, None

    def tense_from(self, read: Callable[[], str | None] | None) -> None:
        """Take the tense from ``read()``, called at the first read of :attr:`tense` (None: no tense)."""
        self._tense, self._tense_of = None, read

    # ------------------------------------------------------------------ anchor-relative values
    def now(self, gran: str) -> str:
        """The anchor date at granularity ``gran`` (Y, M, D, W, Q, H), or an ``X`` value without one."""
        a = self.anchor
        if a is None:
            return V.unknown(gran)
        if gran == "Y":
            return f"{a.year:04d}"
        if gran == "M":
            return V.month(a.year, a.month)
        if gran == "W":
            return V.week(a)
        if gran == "Q":
            return f"{a.year:04d}-Q{V.quarter_of(a)}"
        if gran == "H":
            return f"{a.year:04d}-H{1 if a.month <= 6 else 2}"
        if gran == "E":
            return f"{a.year // 10:03d}"
        if gran == "C":
            return f"{a.year // 100:02d}"
        return V.day(a)

    def from_now(self, n: int, unit: str, gran: str | None = None) -> str:
        """The anchor moved by ``n`` ``unit``s, at granularity ``gran`` (default: the unit's)."""
        g = gran or {"WE": "W"}.get(unit, unit)
        if self.anchor is None:
            return V.unknown(g)
        base = self.now(g)
        moved = V.shift(base, n, {"WE": "W"}.get(unit, unit))
        return moved if moved is not None else V.unknown(g)

    # ------------------------------------------------------------------ discourse references
    def last(self, *grans: str) -> str | None:
        """The latest resolved DATE value (of one of ``grans`` when given) with a known year."""
        for value in reversed(self.refs):
            g = V.granularity(value)
            if g is None or V.year_of(value) is None and g not in ("E", "C"):
                continue
            if not grans or g in grans:
                return value
        return None

    def remember(self, type_: str, value: str | None) -> None:
        if value and type_ in ("DATE", "TIME") and V.granularity(value) in ("Y", "M", "D", "W", "Q", "H", "S"):
            self.refs.append(value)

    # ------------------------------------------------------------------ partial dates
    def direction(self, explicit: str | None = None) -> str | None:
        """``past``/``future`` from an explicit word ("last", "next") or the tense; None when neither."""
        if explicit in (PAST, FUTURE):
            return explicit
        if self.tense in (PAST, FUTURE):
            return self.tense
        return None

    def year_for(self, month: int, day: int | None = None, direction: str | None = None) -> int | None:
        """The year of ``month``(/``day``) seen from the anchor.

        An explicit direction ("last March", "next May") picks the latest one before / the first one
        after the anchor. A tense only leans: the nearest candidate wins, and one on the wrong side of the
        anchor counts as ``WRONG_SIDE_DAYS`` farther away (a date a few days ahead in a past-tense
        sentence is still this year's: "the offer was set to expire Nov. 6").
        """
        a = self.anchor
        if a is None:
            return None
        key = (month, day or 0)
        now = (a.month, a.day if day else 0)
        if direction == PAST:
            return a.year if key <= now else a.year - 1
        if direction == FUTURE:
            return a.year if key >= now else a.year + 1
        lean = self.tense if self.tense in (PAST, FUTURE) else None
        best: tuple[int, int] | None = None
        for year in (a.year - 1, a.year, a.year + 1):
            try:
                when = dt.date(year, month, min(day or 15, 28))
            except ValueError:
                continue
            if day is None and year == a.year and month == a.month:
                when = a
            dist = abs((when - a).days)
            if (lean == PAST and when > a) or (lean == FUTURE and when < a):
                dist += WRONG_SIDE_DAYS
            if best is None or dist < best[0]:
                best = (dist, year)
        return best[1] if best else a.year

    def weekday(self, iso_day: int, direction: str | None = None, strict: bool = False) -> str:
        """The date of weekday ``iso_day`` nearest the anchor in the given direction."""
        a = self.anchor
        if a is None:
            return "XXXX-XX-XX"
        d = self.direction(direction)
        back = (a.isoweekday() - iso_day) % 7
        ahead = (iso_day - a.isoweekday()) % 7
        if strict:
            back = back or 7
            ahead = ahead or 7
        if d == FUTURE:
            return V.day(a + dt.timedelta(days=ahead))
        if d == PAST or back <= 4:
            return V.day(a - dt.timedelta(days=back))
        return V.day(a + dt.timedelta(days=ahead))

    def quarter_year(self, q: int, direction: str | None = None) -> int | None:
        """The year of quarter ``q``: this year's, or last year's for a later quarter in the past tense
        (a January report on "the fourth quarter"). Never next year's without a year written."""
        a = self.anchor
        if a is None:
            return None
        if q > V.quarter_of(a) and self.direction(direction) == PAST:
            return a.year - 1
        return a.year

    def season_year(self, season: str, direction: str | None = None) -> int | None:
        """The year of ``season`` (a winter belongs to the year it starts in).

        ``direction`` "past" is the latest season that has started before the anchor and is not the
        current one ("last summer"); "future" the next one to start ("next spring"); "this" the one of
        the anchor's year (the winter that contains or follows it); None the nearest.
        """
        a = self.anchor
        if a is None:
            return None
        start_md = {"SP": (3, 20), "SU": (6, 21), "FA": (9, 22), "WI": (12, 21)}[season]
        length = {"SP": 93, "SU": 93, "FA": 90, "WI": 89}[season]

        def start(year: int) -> dt.date:
            return dt.date(year, *start_md)

        years = (a.year - 2, a.year - 1, a.year, a.year + 1)
        if direction == PAST:
            return max(y for y in years if start(y) + dt.timedelta(days=length) <= a)
        if direction == FUTURE:
            return min(y for y in years if start(y) > a)
        if direction == "this":
            if season == "WI" and a.month <= 3:
                return a.year - 1
            return a.year
        lean = self.tense if self.tense in (PAST, FUTURE) else None

        def dist(y: int) -> int:
            s0 = start(y)
            e0 = s0 + dt.timedelta(days=length)
            if s0 <= a <= e0:
                return 0
            d = (s0 - a).days if s0 > a else (a - e0).days
            if (lean == PAST and s0 > a) or (lean == FUTURE and e0 < a):
                d += WRONG_SIDE_DAYS
            return d

        return min(years, key=dist)
