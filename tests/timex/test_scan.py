"""The windowed scan gives exactly what ``finditer`` over the whole text gives, rule by rule.

``whosaid.timex.scan`` runs each rule only around its trigger strings; the reference is the plain
``rx.finditer(text)`` of every rule, so these tests need no older copy of the code.
"""

from __future__ import annotations

import re
import warnings

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from whosaid.timex import scan
from whosaid.timex.grammar import compiled
from whosaid.timex.triggers import analyze, digits, digits_needed

RULES = compiled()


def _key(found):
    return [(m.span(), m.regs, m.string is not None) for m in found]


def _check(text: str) -> None:
    got = dict(scan.matches(RULES, text))
    assert list(got) == [name for name, _ in RULES]
    for name, rx in RULES:
        assert _key(got[name]) == _key(rx.finditer(text)), (name, text)
        assert all(m.string is text for m in got[name])  # handlers read the context around a match


# Texts at the edges of the windows: long chains, odd spacing, hyphens, other scripts, case folding.
EDGE_CASES = [
    "",
    "   ",
    " - -- - ",
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen years ago",
    "no more than each of the past twenty one hundred and fifty to thirty and a half trading days or so ago",
    "twenty-one-hundred-and-five-thousand-and-six years ago, said the agency",
    "He left  \n\n  three \t years \u3000\u2009 ago.",
    "in the mid - - - 1990s and early -- 2001",
    "in mid-1990s, mid- 1990s and the late\u00a0-\u00a01980s",
    "On Nov. 6, nineteen eighty-four, at 10:35 a.m. EST on Friday, June 13, 2019, the 1990s ended.",
    "The offer expires Nov.\n6 , 1990 ; see 6/13/2019 and 2019-06-13T10:35.",
    "Profit rose 5 % in 1990 and 2082.1 percent in 1,990 and $1,990 in fiscal 1989's third quarter.",
    "\u0661\u0669\u0669\u0660 and \u0663 years ago; \u0968\u0966\u0967\u096f",
    "the \u017fummer of 1990 and the \u0130ndependence Day",  # long s, dotted capital I: whole-text scan
    "a thing LA\u0131T year and the wee\u212a before",
    "every other Tuesday night, twice a week, 3 times per month, each Thursday, daily",
    "the year-earlier quarter, the year-ago period, a year earlier, the same period last year",
    "Marché Decembre 1990 is not December 1990; May may come.",
    "(1990) [March 5] {next week} 'last year' \"two years ago\"",
    "x" * 50 + " 1990 " + "y" * 50,
    "1990",
    "ago",
    "years ago",
]


@pytest.mark.parametrize("text", EDGE_CASES)
def test_windows_give_the_same_matches_as_the_whole_text(text):
    _check(text)


def test_a_long_number_chain_is_found_whole():
    text = "It began one two three four five six seven eight nine ten eleven twelve years ago."
    (m,) = dict(scan.matches(RULES, text))["ago"]
    assert m.group(0) == "one two three four five six seven eight nine ten eleven twelve years ago"


def test_a_text_without_triggers_gives_no_matches_and_no_windows():
    text = "The company said nothing about it, and nobody asked."
    assert all(found == [] for _, found in scan.matches(RULES, text))


# ---------------------------------------------------------------------------------------------- plans
def test_every_rule_is_scanned_in_windows():
    plans = scan.plans(RULES)
    assert [p.name for p in plans] == [name for name, _ in RULES]
    assert [p.name for p in plans if p.full] == []  # a rule the analysis cannot bound scans the whole text
    for p in plans:
        assert p.triggers or p.digits[0], p.name
        for s, left, right in p.triggers:
            assert s and s == s.lower() and s.isascii(), (p.name, s)
            assert left >= 0 and right >= 0


@pytest.mark.parametrize(
    "pattern,expected",
    [
        (r"(?<!\w)year\s+ago", {"year"}),
        (r"(?:January|February)\s+\d", {"january", "february"}),
        (r"(?:1\d|20)\d\d", {digits(4)}),
        (r"'\d\d", {"'"}),  # an apostrophe is rarer than two digits
        (r"\d\d/\d\d", {"/"}),
        (r"(?:19|20)\d\d", {digits(4)}),
        (r"(?:early|late)?\s*(?:spring|summer)", {"spring", "summer"}),
        (r"every\s+(?:day|week)", {"every"}),
        (r"(?:\d+|one)\s+quarters?", {"quarter"}),
    ],
)
def test_the_cover_is_what_every_match_must_contain(pattern, expected):
    plan = analyze("t", re.compile(pattern, re.IGNORECASE))
    found = {s for s, _, _ in plan.triggers} | ({digits(plan.digits[0])} if plan.digits[0] else set())
    assert found == expected


@pytest.mark.parametrize(
    "pattern",
    [r"(?:\S+\s+)*year", r".*year", r"(?:year)?\s*\d*", r"(?:\w+|year)"],
)
def test_unbounded_or_uncovered_rules_scan_the_whole_text(pattern):
    assert analyze("t", re.compile(pattern, re.IGNORECASE)).full


def test_reach_counts_gaps_on_each_side_of_the_trigger():
    plan = analyze("t", re.compile(r"(?:the\s+)?(?:last|next)\s+year(?:\s+or\s+so)?(?!\s+old)", re.I))
    ((s, left, right),) = [t for t in plan.triggers if t[0] == "year"] or [(None, 0, 0)]
    assert s == "year" and left == 2 and right == 3  # "the last ", " or so" and the look-ahead's gap


def test_digit_elements_round_trip():
    assert digits_needed(digits(4)) == 4
    assert digits_needed("year") == 0


# ------------------------------------------------------------------------------ facts the scan relies on
def test_whitespace_stops_below_u3001():
    from whosaid.timex.triggers import _ws_codes

    codes = set(_ws_codes())
    assert all(chr(c).isspace() == (c in codes) for c in range(0x110000))
    assert all(bool(re.match(r"\s", chr(c))) == chr(c).isspace() for c in range(0x3001))


def test_the_case_folding_guard_lists_every_odd_character():
    letter = re.compile("[a-z]", re.IGNORECASE)
    odd = {
        chr(c)
        for c in range(128, 0x110000)
        if letter.match(chr(c)) and not (len(chr(c).lower()) == 1 and chr(c).lower().isascii())
    }
    assert odd <= set(scan._ODD_CASE)


# ---------------------------------------------------------------------------------------------- property
def _rule_strings():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return st.one_of(*[st.from_regex(rx, fullmatch=True) for _, rx in RULES])


GLUE = st.sampled_from(
    [
        " ",
        "  ",
        "\n",
        "-",
        " - ",
        "",
        ", ",
        ". ",
        "(",
        "$",
        " the ",
        " and ",
        "a ",
        "\xa0",
        "--",
        " 2 ",
        "1,990 ",
        "'",
        " percent",
        " old",
    ]
)
TEXTS = st.lists(st.tuples(GLUE, _rule_strings()), min_size=1, max_size=4).map(lambda xs: "".join(a + b for a, b in xs))


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(text=TEXTS)
def test_any_text_built_from_rule_matches_scans_the_same(text):
    _check(text)


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(text=_rule_strings())
def test_every_match_of_a_rule_contains_one_of_its_triggers(text):
    lower = text.lower()
    for plan, (name, rx) in zip(scan.plans(RULES), RULES):
        if rx.fullmatch(text) is None or any(ch in text for ch in scan._ODD_CASE):
            continue
        hits = [s for s, _, _ in plan.triggers if s in lower]
        runs = [len(r) for r in re.findall(r"\d+", text)]
        assert hits or (plan.digits[0] and any(n >= plan.digits[0] for n in runs)), (name, text)
