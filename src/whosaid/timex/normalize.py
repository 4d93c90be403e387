"""Values of calendar expressions (DATE and TIME rules of the grammar).

Each handler takes the rule's match and the resolution :class:`Context` and returns ``(type, value)``,
or None when the match is not a time expression after all (then the extractor tries the other
readings). Durations, sets and vague references live in ``periods.py``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from . import values as V
from .context import FUTURE, PAST, Context
from .lexicon import month_number, parse_ordinal, parse_year_words, weekday_number

__all__ = ["HANDLERS", "Result", "day_phrase", "year_value"]

Result = tuple[str, str] | None
Handler = Callable[[re.Match[str], Context], Result]

_POD = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "tonight": "NI"}


def _g(m: re.Match[str], name: str) -> str | None:
    try:
        return m.group(name)
    except IndexError:
        return None


_SPACES = re.compile(r"\s+")


def _lower(s: str | None) -> str:
    return _SPACES.sub(" ", s or "").strip().lower()


def year_value(text: str, ctx: Context) -> int | None:
    """``"1989"`` -> 1989, ``"'89"`` -> 1989 (the century nearest the anchor), spelled-out years too."""
    t = text.strip()
    if re.fullmatch(r"\d{4}", t):
        return int(t)
    m = re.fullmatch(r"'?(\d\d)", t)
    if m:
        yy = int(m.group(1))
        base = ctx.anchor.year if ctx.anchor else 2000
        cand = (base // 100) * 100 + yy
        if cand > base + 20:
            cand -= 100
        return cand
    return parse_year_words(t)


def _day(text: str) -> int | None:
    n = parse_ordinal(text)
    return n if n is not None and 1 <= n <= 31 else None


def _date(y: int, mo: int, d: int) -> str | None:
    try:
        return V.day(dt.date(y, mo, d))
    except ValueError:
        return None


def _direction_word(det: str) -> str | None:
    det = _lower(det)
    if any(w in det for w in ("last", "past", "previous", "preceding", "prior")):
        return PAST
    if any(w in det for w in ("next", "coming", "following")):
        return FUTURE
    return None


# ---------------------------------------------------------------- calendar dates
def iso_date(m: re.Match[str], ctx: Context) -> Result:
    value = _date(int(m["y"]), int(m["m"]), int(m["d"]))
    if value is None:
        return None
    if m["hh"]:
        return "TIME", f"{value}T{m['hh']}:{m['mm']}"
    return "DATE", value


def numeric_date(m: re.Match[str], ctx: Context) -> Result:
    y = int(m["y"])
    if y < 100:
        y = year_value(f"{y:02d}", ctx) or (1900 + y)
    value = _date(y, int(m["m"]), int(m["d"]))
    return ("DATE", value) if value else None


def month_day_year(m: re.Match[str], ctx: Context) -> Result:
    mo, d, y = month_number(m["mon"]), _day(m["d"]), year_value(m["y"], ctx)
    if mo is None or d is None or y is None:
        return None
    value = _date(y, mo, d)
    return ("DATE", value) if value else None


day_month_year = month_day_year


def month_day(m: re.Match[str], ctx: Context) -> Result:
    mo, d = month_number(m["mon"]), _day(m["d"])
    if mo is None or d is None:
        return None
    wd = weekday_number(m["wd"]) if _g(m, "wd") else None
    if ctx.anchor is None:
        return "DATE", f"XXXX-{mo:02d}-{d:02d}"
    y = ctx.year_for(mo, d)
    if wd is not None:  # a weekday pins the year
        for cand in (y, (y or 0) - 1, (y or 0) + 1):
            if cand and _date(cand, mo, d) and dt.date(cand, mo, d).isoweekday() == wd:
                y = cand
                break
    value = _date(y or ctx.anchor.year, mo, d)
    return ("DATE", value) if value else None


day_month = month_day


def month_year(m: re.Match[str], ctx: Context) -> Result:
    mo, y = month_number(m["mon"]), year_value(m["y"], ctx)
    if mo is None or y is None:
        return None
    return "DATE", V.month(y, mo)


def month_rel_year(m: re.Match[str], ctx: Context) -> Result:
    mo = month_number(m["mon"])
    if mo is None:
        return None
    base = ctx.from_now({"this": 0, "last": -1, "next": 1}[_lower(m["det"])], "Y")
    return "DATE", f"{base}-{mo:02d}" if base.isdigit() else f"XXXX-{mo:02d}"


_MAY_BEFORE = re.compile(
    r"(?:\b(?:in|since|until|till|by|of|during|through|from|to|before|after|early|late|mid|last|next|this|"
    r"that|until|between|and|or|for|on)|[,(])\s*$",
    re.I,
)


def month(m: re.Match[str], ctx: Context) -> Result:
    mo = month_number(m["mon"])
    if mo is None:
        return None
    det, edge = _lower(_g(m, "det")), _lower(_g(m, "edge"))
    if mo == 5 and m["mon"].lower() == "may" and not det and not edge:
        before = m.string[max(0, m.start() - 20) : m.start()]
        after = m.string[m.end() : m.end() + 3]
        if not _MAY_BEFORE.search(before) and not re.match(r"\s*[.,;)]", after):
            return None  # the modal verb
    if m["mon"].endswith(".") is False and len(m["mon"]) <= 4 and m["mon"].lower() not in ("may", "june", "july"):
        # a bare abbreviation such as "Jan" or "Dec" is too ambiguous alone
        if not det and not edge:
            return None
    if ctx.anchor is None:
        return "DATE", f"XXXX-{mo:02d}"
    if det == "that":
        ref = ctx.last("Y", "M", "D", "W", "Q", "H", "S")
        y = V.year_of(ref) if ref else ctx.year_for(mo)
        return "DATE", V.month(y or ctx.anchor.year, mo)
    direction = _direction_word(det) if det else None
    y = ctx.year_for(mo, direction=direction)
    if det in ("last", "the previous", "this past") and y == ctx.anchor.year and mo >= ctx.anchor.month:
        y -= 1
    if det in ("next", "the following", "this coming") and y == ctx.anchor.year and mo <= ctx.anchor.month:
        y += 1
    if det == "this":
        y = ctx.anchor.year
    return "DATE", V.month(y or ctx.anchor.year, mo)


def year(m: re.Match[str], ctx: Context) -> Result:
    y = year_value(m["y"], ctx)
    if y is None or not 1000 <= y <= 2100:
        return None
    s = m.string
    before = s[max(0, m.start() - 12) : m.start()]
    after = s[m.end() : m.end() + 14]
    if re.match(r"\s*(?:to|and|-|–)\s*\d", after) and re.search(r"\b(?:between|from)\s+$", before):
        pass  # a range "from 1990 to 1995": still two years
    if re.search(r"(?:No\.|#|number|page|pages|flight|route|model|version|room|\$)\s*$", before, re.I):
        return None
    if re.match(
        r"\s*(?:shares|people|points|miles|feet|meters|tons|dollars|yen|marks|units|cars|jobs|"
        r"employees|workers|troops|soldiers|acres|barrels)\b",
        after,
        re.I,
    ):
        return None
    if m.group(0)[:1].isdigit() and ctx.anchor is not None and y > ctx.anchor.year + 30:
        return None  # a plain number such as 2082 in a 1989 text
    return "DATE", f"{y:04d}"


def year_words(m: re.Match[str], ctx: Context) -> Result:
    y = parse_year_words(m["y"])
    return ("DATE", f"{y:04d}") if y else None


def fiscal_year(m: re.Match[str], ctx: Context) -> Result:
    y = year_value(m["y"], ctx)
    return ("DATE", f"{y:04d}") if y else None


def decade(m: re.Match[str], ctx: Context) -> Result:
    if m["c"]:
        return "DATE", f"{m['c']}{m['d']}"
    base = ctx.anchor.year if ctx.anchor else 1999
    century = base // 100
    d = int(m["d2"])
    if century * 100 + d * 10 > base:
        century -= 1
    return "DATE", f"{century:02d}{d}"


_DECADE_WORDS = {
    "twenties": 2,
    "thirties": 3,
    "forties": 4,
    "fifties": 5,
    "sixties": 6,
    "seventies": 7,
    "eighties": 8,
    "nineties": 9,
}


def decade_words(m: re.Match[str], ctx: Context) -> Result:
    return "DATE", f"19{_DECADE_WORDS[m['w'].lower()]}"


def century(m: re.Match[str], ctx: Context) -> Result:
    n = parse_ordinal(m["n"])
    if n is None or not 1 <= n <= 30:
        return None
    return "DATE", f"{n - 1:02d}"


# ---------------------------------------------------------------- quarters and halves
def _poss_year(text: str | None, ctx: Context) -> int | None:
    t = _lower(text)
    if not t:
        return None
    if t.startswith("this year"):
        return ctx.anchor.year if ctx.anchor else None
    if t.startswith("last year"):
        return ctx.anchor.year - 1 if ctx.anchor else None
    if t.startswith("next year"):
        return ctx.anchor.year + 1 if ctx.anchor else None
    found = re.search(r"(\d{4})", t)
    return int(found.group(1)) if found else None


def quarter(m: re.Match[str], ctx: Context) -> Result:
    word = _lower(m["ord"])
    half = _lower(m["qh"]) == "half"
    if word in ("last", "latter") and not (m["y2"] or m["y2r"] or re.search(r"\bof\b", m.group(0), re.I)):
        return None  # "last quarter" is the previous quarter (rel_unit), not the fourth
    if word in ("final", "last", "latter"):
        n: int | None = 2 if half else 4
    else:
        n = parse_ordinal(word)
    if n is None or not 1 <= n <= (2 if half else 4):
        return None
    y = _poss_year(m["yp"], ctx)
    if y is None and m["y2"]:
        y = int(m["y2"])
    if y is None and m["y3"]:
        y = int(m["y3"])
    if y is None and m["y2r"]:
        y = int(ctx.from_now({"this": 0, "last": -1, "next": 1}[_lower(m["y2r"])], "Y")) if ctx.anchor else None
    letter = "H" if half else "Q"
    if m["pl"] and y is None:
        return "SET", f"XXXX-{letter}{n}"
    if y is None:
        if ctx.anchor is None:
            return "DATE", f"XXXX-{letter}{n}"
        ref = ctx.last("Q", "H", "Y")
        if ref and V.year_of(ref) is not None and re.search(r"\bof\s+the\s+year\b", m.group(0), re.I):
            y = V.year_of(ref)
        else:
            y = ctx.quarter_year(n if not half else 2 * n)
    return "DATE", f"{y:04d}-{letter}{n}"


def quarter_rel(m: re.Match[str], ctx: Context) -> Result:
    det = _lower(_g(m, "det"))
    unit = _lower(m["u"])
    if not det and not m["the"]:
        return None
    if unit == "period" and not det:
        return None  # "the period" alone is too vague
    if det in ("past", "previous", "last", "prior") and unit == "quarter":
        return "DATE", ctx.from_now(-1, "Q")
    if det in ("next", "coming", "following"):
        return "DATE", ctx.from_now(1, "Q")
    if det in ("current", "this") and unit == "quarter":
        return "DATE", ctx.now("Q")
    if det in ("latest", "most recent"):
        return "DATE", ctx.from_now(-1, "Q")  # the last reported quarter
    ref = ctx.last("Q")
    if det in ("same", "comparable") and ref:
        return "DATE", ref
    if ref and det not in ("current", "this"):
        return "DATE", ref
    if ctx.anchor is None:
        return "DATE", "XXXX-QX"
    # "the quarter" / "the latest quarter" in a report: the last completed quarter
    return "DATE", ctx.from_now(-1, "Q") if det in (
        "latest",
        "most recent",
        "recent",
    ) or ctx.tense == PAST else ctx.now("Q")


def year_period(m: re.Match[str], ctx: Context) -> Result:
    y = int(m["y"])
    unit = _lower(m["u"])
    if unit == "fiscal year":
        return "DATE", f"{y:04d}"
    if m["ord"]:
        n = 4 if _lower(m["ord"]) == "final" else parse_ordinal(m["ord"])
        letter = "H" if unit == "half" else "Q"
        return "DATE", f"{y:04d}-{letter}{n}"
    ref = ctx.last("Q")
    if unit == "quarter" or (unit == "period" and ref):
        q = ref[-1] if ref else "X"
        return "DATE", f"{y:04d}-Q{q}"
    return "DATE", f"{y:04d}"


def _ref_for_year_ago(ctx: Context, unit: str) -> str:
    if unit.endswith("months"):
        return ""
    if unit == "quarter":
        ref = ctx.last("Q") or ctx.from_now(-1, "Q")
    elif unit == "month":
        ref = ctx.last("M") or ctx.now("M")
    elif unit == "week":
        ref = ctx.last("W") or ctx.now("W")
    elif unit == "half":
        ref = ctx.last("H") or ctx.now("H")
    elif unit == "year":
        ref = ctx.last("Y") or ctx.now("Y")
    else:
        ref = ctx.last("Q", "M", "H", "Y", "D", "W") or ctx.now("Y")
    return ref


def year_ago(m: re.Match[str], ctx: Context) -> Result:
    unit = _lower(_g(m, "u"))
    if unit.endswith("months"):
        n = {"nine": 9, "six": 6, "three": 3}[unit.split()[0]]
        return "DURATION", f"P{n}M"
    if m["ord"]:
        ref_year = V.year_of(ctx.last("Q", "Y") or ctx.now("Y"))
        q = parse_ordinal(m["ord"])
        if ref_year is None:
            return "DATE", f"XXXX-Q{q}"
        return "DATE", f"{ref_year - 1:04d}-Q{q}"
    ref = _ref_for_year_ago(ctx, unit)
    moved = V.shift(ref, -1, "Y") if ref else None
    return ("DATE", moved) if moved else ("DATE", "XXXX")


def year_ago_adj(m: re.Match[str], ctx: Context) -> Result:
    ref = ctx.last("Q", "M", "H", "Y", "W", "D") or ctx.now("Y")
    moved = V.shift(ref, -1, "Y")
    return "DATE", moved or "XXXX"


def same_period_last_year(m: re.Match[str], ctx: Context) -> Result:
    unit = _lower(m["u"])
    ref = _ref_for_year_ago(ctx, "quarter" if unit in ("period", "quarter") else unit)
    if m["y"]:
        q = ref[-2:] if ref and V.granularity(ref) == "Q" else None
        return "DATE", f"{m['y']}-{q}" if q else m["y"]
    moved = V.shift(ref, -1, "Y") if ref else None
    return "DATE", moved or "XXXX"


def quarter_year_ago(m: re.Match[str], ctx: Context) -> Result:
    ref = ctx.last("Q") or ctx.from_now(-1, "Q")
    moved = V.shift(ref, -1, "Y")
    return "DATE", moved or "XXXX-QX"


# ---------------------------------------------------------------- days and times of day
def day_phrase(text: str, ctx: Context) -> str | None:
    """The date of a day phrase: a weekday, today/yesterday/tomorrow, or a month and day."""
    t = _lower(text)
    if t in ("today", "tonight"):
        return ctx.now("D")
    if t == "yesterday":
        return ctx.from_now(-1, "D")
    if t == "tomorrow":
        return ctx.from_now(1, "D")
    found = re.search(r"([a-z]+\.?)\s+(\d{1,2})(?:st|nd|rd|th)?(?:,\s*(\d{4}))?$", t)
    mo = month_number(found.group(1)) if found else None
    if found and mo:
        d = int(found.group(2))
        y = int(found.group(3)) if found.group(3) else (ctx.year_for(mo, d) if ctx.anchor else None)
        if y:
            return _date(y, mo, d)
        return f"XXXX-{mo:02d}-{d:02d}" if 1 <= d <= 31 else None
    wd = weekday_number(t.split()[0].rstrip(","))
    if wd is not None:
        return ctx.weekday(wd)
    return None


def _with_pod(date_value: str, pod: str | None) -> Result:
    if pod:
        return "TIME", f"{date_value}T{_POD[_lower(pod).split()[-1].replace('mid-', '')]}"
    return "DATE", date_value


def day_rel(m: re.Match[str], ctx: Context) -> Result:
    w = _lower(m["w"])
    base = {
        "today": 0,
        "tonight": 0,
        "yesterday": -1,
        "tomorrow": 1,
        "the day before yesterday": -2,
        "the day after tomorrow": 2,
    }[w]
    value = ctx.from_now(base, "D")
    pod = m["pod"] or m["pod0"]
    if w == "tonight":
        pod = "night"
    if pod:
        pod = re.sub(r"^mid[\s-]?", "", _lower(pod))
    return _with_pod(value, pod)


def this_pod(m: re.Match[str], ctx: Context) -> Result:
    det = _lower(m["det"])
    pod = _lower(m["pod"])
    if det == "last":
        if pod not in ("night", "evening"):
            return None
        return "TIME", f"{ctx.from_now(-1, 'D')}T{_POD[pod]}"
    return "TIME", f"{ctx.now('D')}T{_POD[pod]}"


def weekday(m: re.Match[str], ctx: Context) -> Result:
    wd = weekday_number(m["wd"])
    if wd is None:
        return None
    det = _lower(m["det"])
    if det in ("the previous", "previous", "the following", "following"):
        ref = ctx.last("D")
        if ref and ctx.anchor is not None:
            base = dt.date.fromisoformat(ref[:10])
            sub = Context(anchor=base, tense=PAST if "previous" in det else FUTURE)
            value = sub.weekday(wd, strict=True)
            return _with_pod(value, m["pod"])
    if det in ("last", "this past", "past"):
        value = ctx.weekday(wd, PAST, strict=True)
    elif det in ("next", "this coming", "coming"):
        value = ctx.weekday(wd, FUTURE, strict=True)
    else:
        value = ctx.weekday(wd)
    return _with_pod(value, m["pod"])


def clock(m: re.Match[str], ctx: Context) -> Result:
    if m["named"]:
        named = _lower(m["named"])
        hh, mi = (24, 0) if named == "midnight" else (12, 0)
    elif m["h24"] is not None:
        hh, mi = int(m["h24"]), int(m["mi2"])
    elif m["hw"] is not None:
        from .lexicon import parse_number

        num = parse_number(m["hw"])
        if num is None or not 1 <= num <= 12:
            return None
        hh, mi = int(num), 0
        if m["pod"] and _lower(m["pod"]) in ("afternoon", "evening") and hh < 12:
            hh += 12
        elif "night" in _lower(m.group(0)) and hh < 12 and hh > 5:
            hh += 12
    else:
        hh, mi = int(m["h"]), int(m["mi"] or 0)
        ap = _lower(m["ap"]).replace(".", "").replace(" ", "")
        if hh > 12 or hh == 0:
            return None
        if ap.startswith("p") and hh < 12:
            hh += 12
        if ap.startswith("a") and hh == 12:
            hh = 0
    day_text = _g(m, "day")
    date_value = day_phrase(day_text, ctx) if day_text else ctx.now("D")
    if date_value is None:
        return None
    if day_text and _lower(day_text) == "tonight" and hh < 12:
        hh += 12
    return "TIME", f"{date_value}T{hh:02d}:{mi:02d}"


HANDLERS: dict[str, Handler] = {
    "iso_date": iso_date,
    "numeric_date": numeric_date,
    "month_day_year": month_day_year,
    "day_month_year": day_month_year,
    "month_day": month_day,
    "day_month": day_month,
    "month_year": month_year,
    "month_rel_year": month_rel_year,
    "month": month,
    "year": year,
    "year_words": year_words,
    "fiscal_year": fiscal_year,
    "decade": decade,
    "decade_words": decade_words,
    "century": century,
    "quarter": quarter,
    "quarter_rel": quarter_rel,
    "year_period": year_period,
    "year_ago": year_ago,
    "year_ago_adj": year_ago_adj,
    "same_period_last_year": same_period_last_year,
    "quarter_year_ago": quarter_year_ago,
    "day_rel": day_rel,
    "this_pod": this_pod,
    "weekday": weekday,
    "clock": clock,
}
