"""The extraction grammar: one regular expression per rule, built from the lexicon's word classes.

Each rule's match is exactly the expression's extent (TimeML conventions: determiners and modifiers such
as "the", "early", "about", "ago" belong to the expression; prepositions such as "in", "on", "since" do
not). Context that decides *whether* something is a time expression, but is not part of it, is written as
look-behind/look-ahead. The value of each rule's match is computed by the handler of the same name in
``normalize.py`` / ``periods.py``.
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["PATTERNS", "PRIORITY", "compiled", "cased"]


def cased(*words: str) -> str:
    """An alternation matching each word capitalized or in capitals (never in lower case)."""
    alts: list[str] = []
    for w in words:
        head, dot = (w[:-1], r"\.") if w.endswith(".") else (w, "")
        alts.append(re.escape(head[:1].upper() + head[1:]) + dot)
        alts.append(re.escape(head.upper()) + dot)
    return "(?-i:" + "|".join(sorted(alts, key=len, reverse=True)) + ")"


# ---------------------------------------------------------------- boundaries
LB = r"(?<![\w$£€#@&])"  # left word boundary (not inside a word, a price or a handle)
RB = r"(?![\w@]|'\w\w)"  # right boundary ("Friday's" is allowed: 's is one letter)
NLB = r"(?<![\w$£€#@.,/-])"  # before a number: not inside 1,990 / 1.990 / 3/1990
NRB = r"(?!\w|%|[.,/-]\d|\s*(?:%|percent\b|per\s*cent\b))"

# ---------------------------------------------------------------- word classes
MONTH = cased(
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Jan.",
    "Feb.",
    "Mar.",
    "Apr.",
    "Jun.",
    "Jul.",
    "Aug.",
    "Sept.",
    "Sep.",
    "Oct.",
    "Nov.",
    "Dec.",
    "Jan",
    "Feb",
    "Apr",
    "Aug",
    "Sept",
    "Oct",
    "Nov",
    "Dec",
)
WEEKDAY = cased(
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "Mon.",
    "Tue.",
    "Tues.",
    "Wed.",
    "Thu.",
    "Thur.",
    "Thurs.",
    "Fri.",
    "Sat.",
    "Sun.",
)
WEEKDAYS = cased("Mondays", "Tuesdays", "Wednesdays", "Thursdays", "Fridays", "Saturdays", "Sundays")
SEASON = r"(?:spring|summer|fall|autumn|winter)"
POD = r"(?:morning|afternoon|evening|night)"
UNITS_W = r"(?:one|two|three|four|five|six|seven|eight|nine)"
TEENS_W = r"(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)"
TENS_W = r"(?:twenty|thirty|forty|fourty|fifty|sixty|seventy|eighty|ninety)"
BASIC_W = rf"(?:{TENS_W}(?:[\s-]{UNITS_W})?|{TEENS_W}|{UNITS_W})"
NUM_W = rf"(?:{BASIC_W}(?:[\s-](?:and[\s-])?(?:hundred|thousand|{BASIC_W}))*|a\s+(?:hundred|thousand|dozen))"
NUM_D = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:\s+\d/\d)?"
VAGUE = r"(?:a\s+few|few|several|many|some|a\s+couple\s+of|a\s+couple|couple\s+of|a\s+number\s+of|numerous)"
NUM = rf"(?:{NLB}{NUM_D}|(?:{NUM_W}|a|an)\s+and\s+a\s+half|{NUM_W}|half\s+an?|a\s+half|{VAGUE}|an?|one)"
UNIT_S = r"(?:second|minute|hour|day|night|week|weekend|fortnight|month|quarter|year|decade|century|millennium)"
UNIT = (
    r"(?:seconds?|minutes?|hours?|days?|nights?|weeks?|weekends?|fortnights?|months?|quarters?|years?|"
    r"decades?|century|centuries|millenni(?:um|a))"
)
UNIT_P = r"(?:seconds|minutes|hours|days|weeks|months|quarters|years|decades|centuries)"
UNIT_ADJ = r"(?:trading|business|working|calendar|school|fiscal|straight|consecutive|full|more|additional|extra)"
ORD_W = (
    r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|"
    r"fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|thirtieth|"
    r"(?:twenty|thirty)[\s-](?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth))"
)
DAY_N = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?!\d)"
DAY = rf"(?:{DAY_N}|{ORD_W})"
YEAR4 = r"(?:(?<![\w$£€#@.,/])(?<!\d-)(?:1[0-9]\d\d|20\d\d)(?![\d,.]\d|\w))"
YEAR2 = r"(?:'\d\d)(?!\w)"
YEAR_W = (
    rf"(?:(?:nineteen|eighteen)[\s-]{BASIC_W}(?:[\s-]{UNITS_W})?|two\s+thousand(?:\s+and\s+{BASIC_W}|[\s-]{BASIC_W})?)"
)
EDGE = (
    r"(?:early|late|mid|earlier|later|sometime|the\s+(?:end|beginning|start|middle|rest|remainder|balance|close)\s+of|"
    r"(?:end|beginning|start|middle)\s+of)"
)
# Modifiers kept inside the extent (TimeBank leaves "about", "over", "just", "only", "within" outside)
MODS = (
    r"(?:around|approximately|roughly|nearly|some|more\s+than|less\s+than|fewer\s+than|"
    r"at\s+least|at\s+most|up\s+to|no\s+more\s+than|no\s+less\s+than|close\s+to|upwards\s+of|"
    r"over(?=\s+an?\s))"
)
POS = (
    r"(?:first|last|past|next|coming|previous|following|latest|remaining|final|preceding|ensuing|initial|"
    r"same|other|recent)"
)
TZ = r"(?-i:[ECMP][SD]T|GMT|UTC|BST|CET|CEST)"
CLOCK_AP = r"(?:a\.\s?m\.?|p\.\s?m\.?|a\.m\b|p\.m\b|(?-i:am|pm|AM|PM)\b)"
DAY_PHRASE = (
    rf"(?:{WEEKDAY}(?:,?\s+{MONTH}\s+{DAY_N}(?:,\s*{YEAR4})?)?|today|yesterday|tomorrow|tonight|"
    rf"{MONTH}\s+{DAY_N}(?:,\s*{YEAR4})?)"
)
REL_DET = (
    r"(?:this\s+past|this\s+coming|the\s+past|the\s+last|the\s+previous|the\s+coming|the\s+next|"
    r"the\s+following|the\s+current|the\s+same|this|last|next|past|previous|coming|current|that)"
)

PATTERNS: dict[str, str] = {
    # ---------------------------------------------------------- calendar dates
    "iso_date": rf"{NLB}(?P<y>1\d\d\d|20\d\d)-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])(?:T(?P<hh>[01]\d|2[0-3]):(?P<mm>[0-5]\d))?(?![\w-]|[.,]\d)",
    "numeric_date": rf"{NLB}(?P<m>1[0-2]|0?[1-9])/(?P<d>[12]\d|3[01]|0?[1-9])/(?P<y>\d\d\d\d|\d\d)(?![\w/]|[.,]\d)",
    "month_day_year": rf"{LB}(?:(?P<wd>{WEEKDAY}),?\s+)?(?P<mon>{MONTH})\s+(?P<d>{DAY})(?:,\s*|\s+)(?P<y>{YEAR4}|{YEAR_W}){RB}",
    "day_month_year": rf"{LB}(?:(?P<wd>{WEEKDAY}),?\s+)?(?:the\s+)?(?P<d>{DAY_N}|{ORD_W})(?:\s+of)?\s+(?P<mon>{MONTH}),?\s+(?P<y>{YEAR4}){RB}",
    "month_day": rf"{LB}(?:(?P<wd>{WEEKDAY}),?\s+(?:the\s+)?)?(?:(?P<edge>early|late|mid)[\s-]+)?(?P<mon>{MONTH})\s+(?P<d>{DAY})(?!\s*,?\s*(?:\d|{YEAR_W})){RB}",
    "day_month": rf"{LB}(?:(?P<wd>{WEEKDAY}),?\s+)?(?:the\s+)?(?P<d>{DAY_N}|{ORD_W})(?:\s+of)?\s+(?P<mon>{MONTH})(?!\s*,?\s*\d){RB}",
    "month_year": rf"{LB}(?:(?P<edge>{EDGE})[\s-]+)?(?P<mon>{MONTH})(?:\s+of)?,?\s+(?P<y>{YEAR4}|{YEAR_W}|{YEAR2}){RB}",
    "month_rel_year": rf"{LB}(?P<mon>{MONTH})\s+(?:of\s+)?(?P<det>this|last|next)\s+year{RB}",
    "month": rf"{LB}(?:(?P<edge>{EDGE})[\s-]*)?(?:(?P<det>this\s+past|this\s+coming|the\s+following|the\s+previous|this|last|next|that)\s+)?(?P<mon>{MONTH})(?!\s*\d){RB}",
    "year": rf"{LB}(?:(?P<edge>{EDGE}|pre|post)[\s-]+)?(?:(?:the\s+)?year\s+)?(?P<y>{YEAR4}){NRB}",
    "year_words": rf"{LB}(?:(?P<edge>{EDGE})[\s-]+)?(?:(?:the\s+)?year\s+)?(?P<y>{YEAR_W}){RB}",
    "fiscal_year": rf"{LB}(?:the\s+)?(?:fiscal|FY)[\s-]*(?:year\s+)?(?P<y>{YEAR4}|{YEAR2}|\d\d(?=\W)){RB}",
    "decade": rf"{LB}(?:the\s+)?(?:(?P<edge>early|late|mid)[\s-]+)?(?:(?P<c>1\d|20)(?P<d>\d)0|'(?P<d2>\d)0)'?s{RB}",
    "decade_words": rf"{LB}(?:the\s+)?(?:(?P<edge>early|late|mid)[\s-]+)?(?:nineteen[\s-]+)?(?P<w>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties){RB}",
    "century": rf"{LB}(?:the\s+)?(?:(?P<edge>early|late|mid)[\s-]+)?(?P<n>{ORD_W}|\d{{1,2}}(?:st|nd|rd|th))[\s-]+century{RB}",
    "quarter": (
        rf"{LB}(?:the\s+(?!(?:first|second|third|fourth|final|last)-quarter))?(?:(?P<yp>this\s+year's|last\s+year's|next\s+year's|{YEAR4}|fiscal\s+{YEAR4}(?:'s)?)\s+)?"
        rf"(?:(?:fiscal|calendar)\s+)?(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th|final|last|latter)[\s-]+"
        rf"(?:(?:fiscal|calendar)[\s-]+)?(?P<qh>quarter|half)(?P<pl>s)?"
        rf"(?:\s+of\s+(?:(?:fiscal|calendar)\s+)?(?:(?P<y2>{YEAR4})|(?P<y2r>this|last|next)\s+year|the\s+year)|\s+(?P<y3>{YEAR4}))?{RB}"
    ),
    "quarter_rel": rf"{LB}(?:(?P<the>the)\s+)?(?P<det>latest|current|past|previous|last|prior|same|comparable|most\s+recent|recent|following|next|coming|this|that)?\s*(?:fiscal\s+)?(?P<u>quarter|period)(?!-){RB}",
    "year_period": rf"{LB}(?:the\s+)?(?P<y>{YEAR4})\s+(?:(?P<ord>first|second|third|fourth|final)\s+)?(?:fiscal\s+)?(?P<u>quarter|period|half|fiscal\s+year){RB}",
    "year_ago": (
        rf"{LB}(?:(?:the|a)\s+)?(?:(?:comparable|corresponding|same)\s+)?year[\s-](?:earlier|ago)"
        rf"\s+(?:(?P<ord>first|second|third|fourth)\s+)?(?P<u>quarter|period|month|week|year|half|nine\s+months|six\s+months|three\s+months){RB}"
    ),
    "year_ago_adj": rf"{LB}year-(?:earlier|ago){RB}",
    "same_period_last_year": rf"{LB}(?:the\s+)?(?:same|corresponding|comparable|year-ago|year-earlier)\s+(?P<u>period|quarter|month|week|time)\s+(?:a\s+year\s+(?:ago|earlier)|last\s+year|(?:of|in)\s+(?P<y>{YEAR4})){RB}",
    "quarter_year_ago": rf"{LB}the\s+(?P<u>quarter|period)\s+a\s+year\s+(?:ago|earlier){RB}",
    "season": rf"{LB}(?:(?P<edge>{EDGE})[\s-]+)?(?:(?P<det>this\s+past|this\s+coming|the\s+past|the\s+coming|last|next|this|that|the|(?P<y0>{YEAR4})))?\s*(?P<s>{SEASON})(?:\s+(?:of\s+)?(?P<y>{YEAR4}|{YEAR_W}))?{RB}",
    "holiday": rf"{LB}(?:(?P<det>last|next|this)\s+)?(?P<h>(?-i:Thanksgiving(?:\s+Day)?|Christmas(?:\s+(?:Day|Eve))?|New\s+Year's(?:\s+(?:Day|Eve))?|Easter(?:\s+(?:Sunday|Monday|week))?|Election\s+Day|Labor\s+Day|Memorial\s+Day|Independence\s+Day|Veterans\s+Day|Halloween|Valentine's\s+Day|Boxing\s+Day))(?:\s+(?P<y>{YEAR4}))?{RB}",
    "year_end": rf"{LB}(?:(?P<det>this|last|next)\s+)?(?:fiscal\s+)?year[\s-]end{RB}",
    # ---------------------------------------------------------- relative to the article date
    "rel_unit": (
        rf"{LB}(?:(?P<edge>{EDGE})[\s-]+(?:in\s+)?)?(?P<det>{REL_DET})\s+"
        rf"(?P<u>week|weekend|month|year|quarter|decade|century|fiscal\s+year|half|millennium)(?![\w-])(?:\s+or\s+so)?{RB}"
    ),
    "duration_the_year": rf"{LB}the\s+(?:(?:full|whole|entire|fiscal|calendar)\s+)?(?P<u>year|quarter|month|week)(?=\s+(?:ended|ending|ends|to\s+date|through)\b)",
    "the_unit": rf"{LB}(?:(?P<edge>{EDGE}|around)[\s-]+(?:in\s+)?)?(?P<det>the\s+(?:full|whole|entire)|the|that|the\s+same|that\s+same|the\s+very)\s+(?P<u>day|week|month|year|fiscal\s+year|weekend|morning|afternoon|evening|night)(?![\w-]){RB}",
    "unit_after": rf"{LB}the\s+(?P<dir>next|following|previous|preceding|prior)\s+(?P<u>day|morning|afternoon|evening|night|week|weekend|month|year){RB}",
    "day_rel": rf"{LB}(?:(?P<edge>early|late|mid)[\s-]+)?(?:(?P<pod0>{POD}|mid[\s-]?{POD})\s+)?(?P<w>today|yesterday|tomorrow|tonight|the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow)(?:\s+(?P<pod>{POD}))?{RB}",
    "this_pod": rf"{LB}(?:(?P<edge>early|late|earlier|later|mid)[\s-]+)?(?P<det>this|last|later\s+this|earlier\s+this)\s+(?P<pod>{POD}){RB}",
    "weekday": (
        rf"{LB}(?:(?P<det>last|next|this\s+coming|this\s+past|this|coming|past|the\s+previous|the\s+following|previous|following)\s+)?"
        rf"(?P<wd>{WEEKDAY})(?:\s+(?P<pod>{POD}))?{RB}"
    ),
    "ago": (
        rf"{LB}(?:(?P<mod>{MODS})\s+)?(?P<num>{NUM})[\s-]+(?:{UNIT_ADJ}\s+)?(?P<u>{UNIT})(?P<half>\s+and\s+a\s+half)?"
        rf"(?:\s+or\s+(?:so|more|less))?\s+(?P<dir>ago|earlier|from\s+now|back){RB}"
    ),
    "vague_ago": rf"{LB}(?:(?P<q>{VAGUE})\s+)?(?P<u>{UNIT_P})\s+(?P<dir>ago|earlier|from\s+now){RB}",
    # ---------------------------------------------------------- clock times
    "clock": (
        rf"{LB}(?:(?P<mod>around|about|approximately|roughly|shortly\s+(?:before|after)|just\s+(?:before|after))\s+)?"
        rf"(?:(?P<h>[01]?\d|2[0-3])(?:[:.](?P<mi>[0-5]\d))?\s*(?P<ap>{CLOCK_AP})"
        rf"|(?P<h24>[01]?\d|2[0-3]):(?P<mi2>[0-5]\d)(?=\s*(?:{TZ}|local\s+time|hours?\b|h\b))"
        rf"|(?P<named>noon|midnight|midday)"
        rf"|(?P<hw>{NUM_W}|\d{{1,2}})\s+(?:o'clock|in\s+the\s+(?P<pod>morning|afternoon|evening)|at\s+night))"
        rf"(?:\s+(?P<tz>{TZ})|\s+local\s+time)?(?:,?\s+(?P<day>{DAY_PHRASE}))?(?!\w)"
    ),
    # ---------------------------------------------------------- durations
    "duration": (
        rf"{LB}(?:(?P<mod>{MODS})\s+)?(?:(?P<the>the|another|each\s+of\s+the)\s+)?(?:(?P<pos>{POS})\s+)?"
        rf"(?P<num>{NUM})(?:\s+(?:to|or)\s+(?P<num2>{NUM}))?(?(the)\s+|[\s-]+)(?:(?:{UNIT_ADJ})\s+)?(?P<u>{UNIT})"
        rf"(?P<half>\s+and\s+a\s+half)?(?:\s+or\s+so)?(?![\s-]+old\b|-\w){RB}"
    ),
    "duration_adj": (
        rf"{LB}(?:(?P<det>a|an|the)\s+(?=\S+\s+(?:period|span|stretch|term|interval|window|run|stint)\b))?(?P<num>\d+(?:\.\d+)?|{NUM_W}|half|one|multi|several)-(?P<u>{UNIT_S})"
        rf"(?:\s+(?P<noun>period|span|stretch|term|interval|window|run|stint))?(?!-old|-\w|\s+old\b){RB}"
    ),
    "duration_long": rf"{LB}(?P<u>{UNIT}|{UNIT_P})-long{RB}",
    "duration_vague": (
        rf"{LB}(?:(?P<the>the)\s+)?(?:(?P<pos>past|last|next|coming|first|recent|following|previous)\s+)?"
        rf"(?P<u>{UNIT_P})(?:\s+(?:or|and)\s+(?P<u2>{UNIT_P}))?(?:\s+ahead)?{RB}"
    ),
    # ---------------------------------------------------------- sets
    "set_every": rf"{LB}(?:every|each|per)\s+(?:(?P<other>other|single)\s+)?(?:(?P<num>{NUM_W}|\d+)\s+)?(?P<u>{UNIT}|{WEEKDAY}|{MONTH}|{POD}){RB}",
    "set_adverb": rf"{LB}(?P<a>daily|weekly|monthly|annually|yearly|quarterly|hourly|nightly|biweekly|bimonthly|semiannually|semi-annually|biannually){RB}",
    "set_times": rf"{LB}(?P<n>once|twice|thrice|(?:{NUM_W}|\d+)\s+times)\s+(?:a|an|per|every|each)\s+(?P<u>{UNIT_S}){RB}",
    "set_weekdays": rf"{LB}(?:(?P<wds>{WEEKDAYS})(?:\s+(?P<pod>mornings|afternoons|evenings|nights))?|(?P<wd>{WEEKDAY})\s+(?P<pod2>mornings|afternoons|evenings|nights)){RB}",
    # ---------------------------------------------------------- vague references
    "ref": (
        rf"{LB}(?P<w>right\s+now|just\s+now|now|currently|at\s+present|presently|these\s+days|nowadays|"
        rf"(?:more\s+|most\s+)?recently|lately|the\s+past|someday|some\s+day|one\s+day|one\s+of\s+these\s+days|"
        rf"the\s+(?:near\s+|foreseeable\s+|distant\s+|immediate\s+)?future(?!\s+of\b)|the\s+(?:near|short)\s+term|"
        rf"the\s+(?:recent\s+|distant\s+)?past|in\s+recent\s+times){RB}"
    ),
}

# Tie-break between overlapping matches of equal length (lower wins); longer matches always win.
PRIORITY: dict[str, int] = {name: i for i, name in enumerate(PATTERNS)}


@lru_cache(maxsize=1)
def compiled() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """The rules compiled once (case-insensitive; month and weekday names stay case-sensitive)."""
    return tuple((name, re.compile(p, re.IGNORECASE)) for name, p in PATTERNS.items())
