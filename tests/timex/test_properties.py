"""Hypothesis: extraction and normalization never crash and never give an invalid TIMEX3 value."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from whosaid.model import TIME_TYPES
from whosaid.timex import FUTURE, PAST, PRESENT, extract, is_valid_value, normalize_expression

# Words the grammar reacts to, so that generated texts hit many rules and their combinations.
VOCAB = [
    "the",
    "a",
    "an",
    "last",
    "next",
    "this",
    "past",
    "coming",
    "early",
    "late",
    "mid-",
    "earlier",
    "later",
    "ago",
    "from",
    "now",
    "year",
    "years",
    "month",
    "months",
    "week",
    "weekend",
    "day",
    "days",
    "quarter",
    "quarters",
    "half",
    "decade",
    "century",
    "hour",
    "hours",
    "minute",
    "second",
    "fiscal",
    "third",
    "fourth",
    "first",
    "final",
    "year-earlier",
    "year-ago",
    "period",
    "Monday",
    "Friday",
    "Sunday",
    "morning",
    "night",
    "today",
    "yesterday",
    "tomorrow",
    "tonight",
    "January",
    "May",
    "March",
    "Sept.",
    "Dec.",
    "summer",
    "fall",
    "winter",
    "spring",
    "1989",
    "2019",
    "'80s",
    "1990s",
    "20th",
    "13",
    "31",
    "2",
    "0",
    "99",
    "12:30",
    "10",
    "a.m.",
    "p.m.",
    "EST",
    "noon",
    "midnight",
    "every",
    "each",
    "daily",
    "quarterly",
    "twice",
    "times",
    "of",
    "and",
    "a half",
    "1/2",
    "nineteen",
    "ninety-six",
    "two",
    "thousand",
    "twenty",
    "several",
    "few",
    "some",
    "recently",
    "someday",
    "currently",
    "future",
    "Thanksgiving",
    "Easter",
    "year-end",
    "-",
    ",",
    ".",
    "$",
    "%",
    "'s",
    "in",
    "on",
    "by",
    "about",
    "nearly",
    "more than",
    "at least",
    "over",
    "2/30/2019",
    "2019-02-30",
]

texts = st.one_of(
    st.text(max_size=80),
    st.lists(st.one_of(st.sampled_from(VOCAB), st.text(max_size=4)), max_size=14).map(" ".join),
)
anchors = st.one_of(st.none(), st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)))
tenses = st.sampled_from([None, PAST, PRESENT, FUTURE])


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=texts, anchor=anchors, tense=tenses)
def test_extract_never_crashes_and_values_are_valid(text, anchor, tense):
    found = extract(text, anchor, (lambda s, e: tense))
    last_end = 0
    for t in found:
        assert 0 <= t.start < t.end <= len(text)
        assert text[t.start : t.end] == t.text
        assert t.start >= last_end  # sorted, never overlapping
        last_end = t.end
        assert t.type in TIME_TYPES
        assert is_valid_value(t.value, t.type), (t, text, anchor)


@settings(max_examples=300, deadline=None)
@given(expr=texts, anchor=anchors, tense=tenses)
def test_normalize_expression_never_crashes(expr, anchor, tense):
    result = normalize_expression(expr, anchor, tense=tense)
    if result is not None:
        type_, value = result
        assert type_ in TIME_TYPES
        assert is_valid_value(value, type_)


@settings(max_examples=200, deadline=None)
@given(prefix=st.text(max_size=30), suffix=st.text(max_size=30))
def test_a_full_date_is_found_wherever_it_sits(prefix, suffix):
    text = f"{prefix} on June 13, 2019, {suffix}"
    found = [t for t in extract(text, dt.date(2024, 10, 26)) if t.value == "2019-06-13"]
    assert [t.text for t in found] == ["June 13, 2019"]
