"""Values of relative dates, durations, sets and vague references (the other half of the handlers)."""

from __future__ import annotations

import re

from . import values as V
from .context import FUTURE, PAST, Context
from .lexicon import month_number, parse_number, unit_code, weekday_number
from .normalize import Handler, Result

__all__ = ["HANDLERS"]

_UNIT_GRAN = {
    "Y": "Y",
    "M": "M",
    "W": "W",
    "D": "D",
    "Q": "Q",
    "H": "H",
    "E": "E",
    "C": "C",
    "WE": "W",
    "MIN": "D",
    "S": "D",
    "FN": "W",
    "L": "C",
}


_SPACES = re.compile(r"\s+")


def _lower(s: str | None) -> str:
    return _SPACES.sub(" ", s or "").strip().lower()


def _unit(word: str) -> str | None:
    w = _lower(word)
    if w == "fiscal year":
        return "Y"
    if w == "half":
        return "H"
    return unit_code(w)


# ---------------------------------------------------------------- relative to the anchor
def rel_unit(m: re.Match[str], ctx: Context) -> Result:
    det, unit = _lower(m["det"]), _unit(m["u"])
    if unit is None or unit in ("L",):
        return None
    if det in ("that", "the same"):
        gran = _UNIT_GRAN[unit]
        ref = ctx.last(gran) or ctx.last()
        if ref is None:
            return "DATE", ctx.now(gran) if ctx.anchor else V.unknown(gran)
        return "DATE", _coarsen(ref, gran)
    if det in ("this", "current", "the current"):
        n = 0
    elif det in ("last", "past", "previous", "the past", "the last", "the previous", "this past"):
        n = -1
    else:
        n = 1
    if det == "the following" and ctx.last():
        ref = _coarsen(ctx.last() or "", _UNIT_GRAN[unit])
        moved = V.shift(ref, 1, "W" if unit == "WE" else unit)
        if moved:
            return "DATE", moved + ("-WE" if unit == "WE" and not moved.endswith("-WE") else "")
    if unit == "WE":
        base = ctx.from_now(n, "W")
        return "DATE", base if "X" in base else base + "-WE"
    if unit in ("E", "C"):
        if n == 0 or not det.startswith("the"):
            return "DATE", ctx.from_now(n, unit)
        return "DURATION", V.duration(1, unit)  # "the past decade": the ten years up to now
    return "DATE", ctx.from_now(n, unit)


def _coarsen(value: str, gran: str) -> str:
    """``value`` at a coarser granularity: ``_coarsen("1989-10-26", "M") == "1989-10"``."""
    g = V.granularity(value)
    if g == gran or g is None:
        return value
    y = V.year_of(value)
    if y is None:
        return value
    if gran == "Y":
        return f"{y:04d}"
    if gran == "M" and g == "D":
        return value[:7]
    if gran == "W" and g == "D":
        import datetime as dt

        return V.week(dt.date.fromisoformat(value[:10]))
    if gran == "Q" and g in ("D", "M"):
        return f"{y:04d}-Q{(int(value[5:7]) - 1) // 3 + 1}"
    return value


def the_unit(m: re.Match[str], ctx: Context) -> Result:
    det, word = _lower(m["det"]), _lower(m["u"])
    if word in ("morning", "afternoon", "evening", "night"):
        ref = ctx.last("D")
        if ref is None or det == "the":
            return None
        return "TIME", f"{ref[:10]}T{ {'morning': 'MO', 'afternoon': 'AF', 'evening': 'EV', 'night': 'NI'}[word] }"
    unit = _unit(word)
    if unit is None:
        return None
    gran = _UNIT_GRAN[unit]
    edge = _lower(m["edge"])
    if det.startswith("the ") and det.split()[1] in ("full", "whole", "entire") or (edge and det == "the"):
        if word in ("day", "night"):
            return None
        return "DATE", ctx.now(gran)  # "the full year", "the end of the month"
    if det == "the" and word not in ("year", "fiscal year", "weekend"):
        return None  # "the week"/"the month"/"the day" alone: too often generic
    ref = ctx.last(gran) if det != "the" else None
    if word in ("year", "fiscal year") and det == "the":
        return "DATE", ctx.now("Y")
    if word == "weekend" and det == "the":
        direction = ctx.direction()
        base = ctx.from_now(1 if direction == FUTURE else (-1 if _after_weekend(ctx) is False else 0), "W")
        return "DATE", base if "X" in base else base + "-WE"
    if ref is None:
        any_ref = ctx.last()
        ref = _coarsen(any_ref, gran) if any_ref else None
    if ref is None:
        return None
    return "DATE", ref


def _after_weekend(ctx: Context) -> bool | None:
    """Whether the anchor falls on or after this week's weekend (Saturday/Sunday)."""
    if ctx.anchor is None:
        return None
    return ctx.anchor.isoweekday() >= 6


def unit_after(m: re.Match[str], ctx: Context) -> Result:
    d, word = _lower(m["dir"]), _lower(m["u"])
    n = 1 if d in ("next", "following") else -1
    ref = ctx.last("D") if word in ("day", "morning", "afternoon", "evening", "night") else ctx.last()
    if word in ("morning", "afternoon", "evening", "night"):
        if ref is None:
            return None
        return "DATE", V.shift(ref[:10], n, "D") or "XXXX-XX-XX"
    unit = _unit(word) or "D"
    gran = _UNIT_GRAN[unit]
    base = _coarsen(ref, gran) if ref else ctx.now(gran)
    moved = V.shift(base, n, "W" if unit == "WE" else unit)
    return "DATE", moved or V.unknown(gran)


def ago(m: re.Match[str], ctx: Context) -> Result:
    unit = _unit(m["u"])
    if unit is None:
        return None
    num = parse_number(m["num"])
    d = _lower(m["dir"])
    if num is None:
        return "DATE", "PAST_REF" if d in ("ago", "earlier", "back") else "FUTURE_REF"
    if m["half"]:
        num += 0.5
    sign = -1 if d in ("ago", "earlier", "back") else 1
    n = int(round(num))
    if n == 1 and unit == "Y" and sign < 0:
        ref = ctx.last()
        if ref and V.granularity(ref) in ("Q", "H"):  # "a year ago" in a quarterly report
            return "DATE", V.shift(ref, -1, "Y") or ctx.from_now(-1, "Y")
    if unit in ("H", "MIN", "S"):
        return "DATE", ctx.now("D") if d == "ago" else (ctx.last("D") or ctx.now("D"))
    if unit == "E":
        unit, n = "Y", n * 10
    if unit == "C":
        unit, n = "Y", n * 100
    if unit == "FN":
        unit, n = "W", n * 2
    gran = _UNIT_GRAN.get(unit, unit)
    if d in ("ago", "from now", "hence", "back"):
        return "DATE", ctx.from_now(sign * n, unit, gran)
    ref = ctx.last()
    if ref is None:
        return "DATE", ctx.from_now(sign * n, unit, gran)
    moved = V.shift(ref, sign * n, unit) if V.granularity(ref) != "D" or unit in ("D", "W") else None
    if moved is None:
        moved = V.shift(_coarsen(ref, gran), sign * n, unit)
    return "DATE", moved or ctx.from_now(sign * n, unit, gran)


def vague_ago(m: re.Match[str], ctx: Context) -> Result:
    d = _lower(m["dir"])
    if not m["q"] and re.search(
        r"(?:\d|\b(?:[a-z]+teen|[a-z]+ty|one|two|three|four|five|six|seven|eight|nine|ten|"
        r"eleven|twelve|a|an|few|several))[\s-]*$",
        m.string[max(0, m.start() - 12) : m.start()],
        re.I,
    ):
        return None  # "five hours later": the duration rule takes "five hours"
    return "DATE", "FUTURE_REF" if d in ("later", "from now") else "PAST_REF"


# ---------------------------------------------------------------- durations
def _duration(num_text: str | None, unit_word: str, half: bool = False) -> str | None:
    unit = _unit(unit_word)
    if unit is None:
        return None
    num = parse_number(num_text) if num_text else 1.0
    if num is not None and half:
        num += 0.5
    if num is not None and num <= 0:
        return None
    if num is not None and num != int(num) and abs(num * 2 - round(num * 2)) > 1e-9:
        num = round(num, 2)
    return V.duration(num, unit)


_YEARISH_AFTER = re.compile(r"\s+of\s+(?:the\s+)?(?:\d{4}|fiscal|calendar|this|last|next|the\s+year)", re.I)


def _not_a_period(m: re.Match[str]) -> bool:
    """A fraction ("three-quarters of its food") or an ordinal ("a second group")."""
    unit = _lower(m["u"])
    after = m.string[m.end() : m.end() + 30]
    if re.fullmatch(r"(?:1[5-9]|20)\d\d", m["num"] or ""):
        return True  # "the 1986 year": a year, not 1986 of them
    if unit.startswith("quarter"):
        if "-" in m.group(0) and unit.endswith("s"):
            return True
        if re.match(r"\s+of\b", after, re.I) and not _YEARISH_AFTER.match(after):
            return True
    if unit == "second" and _lower(m["num"]) in ("a", "an", "one") and _NOUN_AFTER.match(after):
        return True
    return False


def duration(m: re.Match[str], ctx: Context) -> Result:
    if _not_a_period(m):
        return None
    pos = _lower(m["pos"])
    num_text = m["num"]
    if re.fullmatch(r"an?|one", _lower(num_text)) and not (m["mod"] or m["the"] or pos):
        before = m.string[max(0, m.start() - 25) : m.start()]
        if re.search(
            r"(?:\d|\$|\b(?:dollars|shares|cents|flights|seats|times|percent|people|jobs|"
            r"million|billion|trillion|thousand|hundred|[a-z]+s))\s*$",
            before,
            re.I,
        ):
            return None  # a rate ("$2 million a year", "four flights a week"): not a time of its own
    if _lower(m["the"]) == "each of the":
        pass
    value = _duration(num_text, m["u"], bool(m["half"]))
    if value is None:
        return None
    if pos == "recent" and "X" in value:
        return "DATE", "PAST_REF"
    if pos == "coming" and "X" in value:
        return "DATE", "FUTURE_REF"
    return "DURATION", value


def duration_adj(m: re.Match[str], ctx: Context) -> Result:
    word = _lower(m["num"])
    if word == "multi" or word == "several":
        value = _duration(None, m["u"])
    elif word == "half":
        value = _duration("a half", m["u"])
    else:
        value = _duration(word, m["u"])
    return ("DURATION", value) if value else None


def duration_long(m: re.Match[str], ctx: Context) -> Result:
    word = _lower(m["u"])
    plural = word.endswith("s") and not word.endswith("ss")
    value = _duration(None if plural else "1", word)
    return ("DURATION", value) if value else None


def duration_vague(m: re.Match[str], ctx: Context) -> Result:
    pos = _lower(m["pos"])
    the = bool(m["the"])
    if not pos:
        return None  # bare "years": too often part of something else
    if pos == "recent":
        return "DATE", "PAST_REF"
    if pos in ("coming", "next", "following") and not the and pos == "coming":
        return "DATE", "FUTURE_REF"
    if pos in ("past", "last", "previous") and not the:
        return "DATE", "PAST_REF"
    value = _duration(None, m["u"])
    return ("DURATION", value) if value else None


def duration_the_year(m: re.Match[str], ctx: Context) -> Result:
    value = _duration("1", m["u"])
    return ("DURATION", value) if value else None


# ---------------------------------------------------------------- sets
def set_every(m: re.Match[str], ctx: Context) -> Result:
    word = _lower(m["u"])
    wd = weekday_number(word)
    if wd is not None:
        return "SET", f"XXXX-WXX-{wd}"
    mo = month_number(word)
    if mo is not None:
        return "SET", f"XXXX-{mo:02d}"
    if word in ("morning", "afternoon", "evening", "night"):
        return "SET", f"XXXX-XX-XXT{ {'morning': 'MO', 'afternoon': 'AF', 'evening': 'EV', 'night': 'NI'}[word] }"
    n = parse_number(m["num"]) if m["num"] else 1.0
    if m["other"] and _lower(m["other"]) == "other":
        n = 2.0
    value = _duration(str(int(n or 1)), word)
    return ("SET", value) if value else None


_ADVERBS = {
    "daily": "P1D",
    "weekly": "P1W",
    "monthly": "P1M",
    "annually": "P1Y",
    "yearly": "P1Y",
    "quarterly": "P3M",
    "hourly": "PT1H",
    "nightly": "P1D",
    "biweekly": "P2W",
    "bimonthly": "P2M",
    "semiannually": "P6M",
    "semi-annually": "P6M",
    "biannually": "P6M",
}
_NOUN_AFTER = re.compile(
    r"\s+(?!(?:in|on|at|and|or|to|for|from|by|since|with|until|through|during|after|"
    r"before|the|a|an|this|that|these|those|basis|but|as|than|over|into|per|is|are|was|"
    r"were|will|would|has|have|had)\b)[a-z]",
    re.I,
)


def set_adverb(m: re.Match[str], ctx: Context) -> Result:
    if _NOUN_AFTER.match(m.string, m.end()):
        return None  # an adjective: "a daily newspaper", "its quarterly dividend"
    if m.group(0)[:1].isupper() and re.search(r"[A-Z][\w.]*\s+$", m.string[max(0, m.start() - 30) : m.start()]):
        return None  # part of a name: "US Weekly", "New York Daily"
    return "SET", _ADVERBS[_lower(m["a"])]


def set_times(m: re.Match[str], ctx: Context) -> Result:
    value = _duration("1", m["u"])
    return ("SET", value) if value else None


def set_weekdays(m: re.Match[str], ctx: Context) -> Result:
    word = m["wds"] or m["wd"]
    wd = weekday_number(word.rstrip("s") if word.lower().endswith("days") else word)
    if wd is None:
        return None
    pod = _lower(m["pod"] or m["pod2"]).rstrip("s")
    suffix = {"morning": "TMO", "afternoon": "TAF", "evening": "TEV", "night": "TNI"}.get(pod, "")
    return "SET", f"XXXX-WXX-{wd}{suffix}"


# ---------------------------------------------------------------- vague references
_PRESENT = ("now", "right now", "just now", "currently", "at present", "presently", "these days", "nowadays")
_PAST = ("recently", "lately", "the past", "the recent past", "the distant past", "in recent times")


def ref(m: re.Match[str], ctx: Context) -> Result:
    w = _lower(m["w"])
    if w in _PRESENT:
        if (
            w == "now"
            and re.match(r"\s+(?:that|on)\b", m.string[m.end() : m.end() + 6])
            and re.search(r"\b(?:from|until|till|by|up\s+to)\s+$", m.string[max(0, m.start() - 8) : m.start()])
        ):
            return None
        return "DATE", "PRESENT_REF"
    if w in _PAST:
        return "DATE", "PAST_REF"
    if w in ("one day",):
        if re.search(r"\b(?:in|for|within)\s+$", m.string[max(0, m.start() - 8) : m.start()]):
            return None  # "in one day": a duration, found by the duration rule
        return "DATE", "PAST_REF" if ctx.tense == PAST else "FUTURE_REF"
    return "DATE", "FUTURE_REF"


HANDLERS: dict[str, Handler] = {
    "rel_unit": rel_unit,
    "the_unit": the_unit,
    "unit_after": unit_after,
    "ago": ago,
    "vague_ago": vague_ago,
    "duration": duration,
    "duration_adj": duration_adj,
    "duration_long": duration_long,
    "duration_vague": duration_vague,
    "duration_the_year": duration_the_year,
    "set_every": set_every,
    "set_adverb": set_adverb,
    "set_times": set_times,
    "set_weekdays": set_weekdays,
    "ref": ref,
}
