"""Words of English time expressions: months, weekdays, seasons, units, numbers (no spaCy, no state).

Everything here is a constant table or a pure function; the grammar (grammar.py) builds its regular
expressions from these tables and the normalizer reads the same tables, so a word added here is both
found and normalized.
"""

from __future__ import annotations

import re

__all__ = [
    "MONTHS",
    "WEEKDAYS",
    "SEASONS",
    "PARTS_OF_DAY",
    "UNITS",
    "ORDINALS",
    "NUMBER_WORDS",
    "VAGUE_QUANTITIES",
    "HOLIDAYS",
    "month_number",
    "weekday_number",
    "unit_code",
    "parse_number",
    "parse_ordinal",
    "parse_year_words",
]

# month name (and abbreviation) -> number; "may" and "march" are matched case-sensitively in the grammar
MONTHS: dict[str, int] = {
    "january": 1,
    "jan": 1,
    "february": 2,
    "feb": 2,
    "march": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "may": 5,
    "june": 6,
    "jun": 6,
    "july": 7,
    "jul": 7,
    "august": 8,
    "aug": 8,
    "september": 9,
    "sept": 9,
    "sep": 9,
    "october": 10,
    "oct": 10,
    "november": 11,
    "nov": 11,
    "december": 12,
    "dec": 12,
}

WEEKDAYS: dict[str, int] = {  # ISO weekday numbers (Monday = 1)
    "monday": 1,
    "mon": 1,
    "tuesday": 2,
    "tue": 2,
    "tues": 2,
    "wednesday": 3,
    "wed": 3,
    "thursday": 4,
    "thu": 4,
    "thur": 4,
    "thurs": 4,
    "friday": 5,
    "fri": 5,
    "saturday": 6,
    "sat": 6,
    "sunday": 7,
    "sun": 7,
}

SEASONS: dict[str, str] = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}

PARTS_OF_DAY: dict[str, str] = {
    "morning": "MO",
    "afternoon": "AF",
    "evening": "EV",
    "night": "NI",
    "tonight": "NI",
    "overnight": "NI",
    "daytime": "DT",
    "midday": "MI",
    "noon": "MI",
    "midnight": "NI",
}

# unit word (singular, lower case) -> TIMEX3 duration letter; H, M(in), S are time units (after "T")
UNITS: dict[str, str] = {
    "second": "S",
    "minute": "MIN",
    "hour": "H",
    "day": "D",
    "night": "D",
    "week": "W",
    "weekend": "WE",
    "fortnight": "FN",
    "month": "M",
    "quarter": "Q",
    "year": "Y",
    "decade": "E",
    "century": "C",
    "millennium": "L",
}

ORDINALS: dict[str, int] = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "sixteenth": 16,
    "seventeenth": 17,
    "eighteenth": 18,
    "nineteenth": 19,
    "twentieth": 20,
    "thirtieth": 30,
    "last": -1,
    "final": -1,
}

_SMALL = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fourty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
NUMBER_WORDS: dict[str, int] = {
    **_SMALL,
    **_TENS,
    "a": 1,
    "an": 1,
    "single": 1,
    "dozen": 12,
    "hundred": 100,
    "thousand": 1000,
    "couple": 2,
    "half": 0,
}

# quantities that give an unspecified count ("several years" -> PXY)
VAGUE_QUANTITIES: tuple[str, ...] = ("a few", "few", "several", "many", "some", "a number of", "numerous")

# fixed-date holidays: name -> (month, day); movable ones are computed in normalize.py
HOLIDAYS: dict[str, tuple[int, int]] = {
    "new year's day": (1, 1),
    "new year's eve": (12, 31),
    "christmas day": (12, 25),
    "christmas": (12, 25),
    "christmas eve": (12, 24),
    "independence day": (7, 4),
    "valentine's day": (2, 14),
    "halloween": (10, 31),
    "veterans day": (11, 11),
    "boxing day": (12, 26),
    "may day": (5, 1),
}


def month_number(word: str) -> int | None:
    """``"Sept."`` -> 9; None when the word is not a month name."""
    return MONTHS.get(word.lower().rstrip("."))


def weekday_number(word: str) -> int | None:
    """``"Friday"`` -> 5 (ISO); None when the word is not a weekday."""
    return WEEKDAYS.get(
        word.lower().rstrip(".").removesuffix("s") if word.lower().endswith("days") else word.lower().rstrip(".")
    )


def unit_code(word: str) -> str | None:
    """``"years"`` -> ``"Y"``, ``"hours"`` -> ``"H"``, ``"centuries"`` -> ``"C"``; None if not a unit."""
    w = word.lower().strip()
    if w in ("centuries",):
        return "C"
    if w in ("millennia",):
        return "L"
    if w.endswith("s") and w[:-1] in UNITS:
        w = w[:-1]
    return UNITS.get(w)


_NUM_TOKEN = re.compile(r"[a-z]+|\d+(?:\.\d+)?|\d+/\d+")


def _words_value(words: list[str]) -> float | None:
    """Value of number words such as ``twenty four``, ``two hundred and ten``, ``a hundred``."""
    total = 0.0
    current = 0.0
    seen = False
    for w in words:
        if w == "and":
            continue
        if w in ("a", "an") and not seen:
            current = 1
            seen = True
        elif w in _SMALL or w in _TENS:
            current += _SMALL.get(w, _TENS.get(w, 0))
            seen = True
        elif w == "hundred":
            current = (current or 1) * 100
            seen = True
        elif w == "thousand":
            total += (current or 1) * 1000
            current = 0
            seen = True
        elif w == "dozen":
            current = (current or 1) * 12
            seen = True
        else:
            return None
    return total + current if seen else None


def parse_number(text: str) -> float | None:
    """A count written in digits or words: ``"3"``, ``"2 1/2"``, ``"twenty-four"``, ``"a couple of"``.

    Returns None for vague quantities (``several``, ``a few``) and for anything that is not a number.
    """
    t = text.lower().replace("-", " ").replace(",", "").strip()
    if not t:
        return None
    if re.fullmatch(r"a couple(?: of)?|couple(?: of)?", t):
        return 2.0
    if t in VAGUE_QUANTITIES:
        return None
    if t in ("half a", "half an", "a half"):
        return 0.5
    m = re.fullmatch(r"(\d+(?:\.\d+)?)(?:\s+(\d+)/(\d+))?", t)
    if m:
        value = float(m.group(1))
        if m.group(2):
            den = int(m.group(3))
            if den == 0:
                return None
            value += int(m.group(2)) / den
        return value
    m = re.fullmatch(r"(\d+)/(\d+)", t)
    if m:
        den = int(m.group(2))
        return int(m.group(1)) / den if den else None
    words = _NUM_TOKEN.findall(t)
    if words and words[-1] == "half" and len(words) >= 3 and words[-2] == "a" and words[-3] == "and":
        base = _words_value(words[:-3])
        return None if base is None else base + 0.5
    return _words_value(words)


def parse_ordinal(text: str) -> int | None:
    """``"third"``, ``"3rd"``, ``"twenty-first"`` -> the number; ``"last"`` -> -1; else None."""
    t = text.lower().replace("-", " ").strip()
    m = re.fullmatch(r"(\d+)(?:st|nd|rd|th)?", t)
    if m:
        return int(m.group(1))
    if t in ORDINALS:
        return ORDINALS[t]
    parts = t.split()
    if len(parts) == 2 and parts[0] in _TENS and parts[1] in ORDINALS and 0 < ORDINALS[parts[1]] < 10:
        return _TENS[parts[0]] + ORDINALS[parts[1]]
    return None


def parse_year_words(text: str) -> int | None:
    """A year spelled out: ``"nineteen ninety-six"`` -> 1996, ``"two thousand"`` -> 2000; else None."""
    words = _NUM_TOKEN.findall(text.lower().replace("-", " "))
    if not words:
        return None
    if words[0] in ("nineteen", "eighteen", "seventeen") and len(words) >= 2 and "hundred" not in words:
        century = _SMALL[words[0]]
        rest = _words_value(words[1:])
        if rest is None or not 0 < rest < 100:
            return None
        return century * 100 + int(rest)
    value = _words_value(words)
    if value is None or not 1000 <= value <= 2099 or value != int(value):
        return None
    return int(value)
