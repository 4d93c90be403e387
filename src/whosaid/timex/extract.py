"""Find and normalize the time expressions of a text (no spaCy needed; the tense comes as a callback).

``extract(text, anchor)`` runs every grammar rule over the text (only around the words each rule
needs, see :mod:`whosaid.timex.scan`), keeps the longest non-overlapping matches, and resolves them in
text order so that "a year earlier" can count from the date mentioned just before it. A match whose
handler rejects it (the modal "May", an adjective "quarterly") gives its place back to the other
readings.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from bisect import bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial

from . import normalize, periods, seasons
from .context import Context
from .grammar import PRIORITY, compiled
from .scan import matches
from .values import is_valid_value

__all__ = ["Timex", "TenseFn", "extract", "normalize_expression"]

log = logging.getLogger(__name__)

TenseFn = Callable[[int, int], "str | None"]
"""``tense(start, end)`` -> ``"past"``, ``"present"``, ``"future"`` or None for the expression there."""

_HANDLERS = {**normalize.HANDLERS, **periods.HANDLERS, **seasons.HANDLERS}
_MAX_ROUNDS = 8
# comparisons ("a year earlier", "the year-ago quarter", "a year ago") do not move the discourse focus
_NO_FOCUS = frozenset({"year_ago", "year_ago_adj", "same_period_last_year", "quarter_year_ago", "ago"})


@dataclass(frozen=True, slots=True)
class Timex:
    """One time expression: offsets into the text, TIMEX3 type and value, and the rule that found it."""

    start: int
    end: int
    text: str
    type: str
    value: str
    rule: str


@dataclass(frozen=True, slots=True)
class _Cand:
    start: int
    end: int
    rule: str
    match: re.Match[str]


def _candidates(text: str) -> list[_Cand]:
    """Every rule's matches (``finditer`` over the text, found only around each rule's trigger words)."""
    out: list[_Cand] = []
    for name, found in matches(compiled(), text):
        for m in found:
            s, e = m.start(), m.end()
            while s < e and text[s].isspace():
                s += 1
            while e > s and text[e - 1].isspace():
                e -= 1
            if e > s:
                out.append(_Cand(s, e, name, m))
    return out


def _select(cands: Iterable[_Cand]) -> list[_Cand]:
    """Longest first (then rule priority, then leftmost); no two chosen matches overlap."""
    chosen: list[_Cand] = []  # disjoint, in text order
    starts: list[int] = []
    for c in sorted(cands, key=lambda c: (-(c.end - c.start), PRIORITY[c.rule], c.start)):
        i = bisect_right(starts, c.start)  # only the chosen neighbours on either side can overlap
        if (i and chosen[i - 1].end > c.start) or (i < len(chosen) and chosen[i].start < c.end):
            continue
        chosen.insert(i, c)
        starts.insert(i, c.start)
    return chosen


def _resolve(c: _Cand, ctx: Context) -> tuple[str, str] | None:
    try:
        result = _HANDLERS[c.rule](c.match, ctx)
    except (ValueError, KeyError, IndexError, OverflowError, ZeroDivisionError, TypeError) as exc:
        log.debug("rule %s failed on %r: %s", c.rule, c.match.group(0), exc)
        return None
    if result is None:
        return None
    type_, value = result
    if not is_valid_value(value, type_):
        log.debug("rule %s gave the invalid value %r for %r", c.rule, value, c.match.group(0))
        return None
    return type_, value


def extract(text: str, anchor: dt.date | None = None, tense: TenseFn | None = None) -> list[Timex]:
    """The time expressions of ``text``, normalized against ``anchor`` (the article date).

    ``tense(start, end)`` gives the tense of the verb governing the expression at ``[start, end)``;
    without it, partial dates ("Friday", "in March") resolve to the nearest such date.
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be str, not {type(text).__name__}")
    pool = _candidates(text)
    rejected: set[tuple[int, int, str]] = set()
    for _ in range(_MAX_ROUNDS):
        ctx = Context(anchor=anchor)
        found: list[Timex] = []
        failed = False
        for c in _select(x for x in pool if (x.start, x.end, x.rule) not in rejected):
            ctx.tense_from(partial(tense, c.start, c.end) if tense is not None else None)
            result = _resolve(c, ctx)
            if result is None:
                rejected.add((c.start, c.end, c.rule))
                failed = True
                continue
            type_, value = result
            if c.rule not in _NO_FOCUS:
                ctx.remember(type_, value)
            found.append(Timex(c.start, c.end, text[c.start : c.end], type_, value, c.rule))
        if not failed:
            return found
    return found


def normalize_expression(
    expression: str, anchor: dt.date | None = None, tense: str | None = None
) -> tuple[str, str] | None:
    """``(type, value)`` of one whole expression (``"last week"``), or None when it is not one."""
    if not isinstance(expression, str):
        raise TypeError(f"expression must be str, not {type(expression).__name__}")
    stripped = expression.strip()
    if not stripped:
        return None
    offset = expression.index(stripped)
    found = extract(expression, anchor, (lambda s, e: tense) if tense else None)
    for t in found:
        if t.start == offset and t.end == offset + len(stripped):
            return t.type, t.value
    return None
