"""The rule grammar and normalizer on single expressions and short texts (no spaCy).

Expected values are written from the TIMEX3 guidelines and the calendar, not copied from the system.
The anchor 2024-10-26 is a Saturday in ISO week 43 of 2024, in the fourth quarter.
"""

from __future__ import annotations

import datetime as dt

import pytest

from whosaid.timex import FUTURE, PAST, extract, normalize_expression

ANCHOR = dt.date(2024, 10, 26)


@pytest.mark.parametrize(
    "expr,type_,value",
    [
        # absolute and partial dates
        ("June 13, 2019", "DATE", "2019-06-13"),
        ("13 June 2019", "DATE", "2019-06-13"),
        ("Sept. 30, 1989", "DATE", "1989-09-30"),
        ("2019-06-13", "DATE", "2019-06-13"),
        ("6/13/2019", "DATE", "2019-06-13"),
        ("2018", "DATE", "2018"),
        ("June 1994", "DATE", "1994-06"),
        ("nineteen ninety-six", "DATE", "1996"),
        ("the year two thousand", "DATE", "2000"),
        ("fiscal 1989", "DATE", "1989"),
        ("mid-1996", "DATE", "1996"),
        ("the 1990s", "DATE", "199"),
        ("the '80s", "DATE", "198"),
        ("the 20th century", "DATE", "19"),
        # relative to the anchor
        ("today", "DATE", "2024-10-26"),
        ("yesterday", "DATE", "2024-10-25"),
        ("tomorrow", "DATE", "2024-10-27"),
        ("last week", "DATE", "2024-W42"),
        ("this week", "DATE", "2024-W43"),
        ("next month", "DATE", "2024-11"),
        ("last year", "DATE", "2023"),
        ("earlier this month", "DATE", "2024-10"),
        ("early next year", "DATE", "2025"),
        ("two years ago", "DATE", "2022"),
        ("a month ago", "DATE", "2024-09"),
        ("10 days ago", "DATE", "2024-10-16"),
        ("last quarter", "DATE", "2024-Q3"),
        ("the third quarter", "DATE", "2024-Q3"),
        ("third-quarter", "DATE", "2024-Q3"),
        ("the fourth quarter of 1990", "DATE", "1990-Q4"),
        ("the first half", "DATE", "2024-H1"),
        ("last March", "DATE", "2024-03"),
        ("this summer", "DATE", "2024-SU"),
        ("last summer", "DATE", "2024-SU"),  # the latest one that has ended
        ("next spring", "DATE", "2025-SP"),
        ("Thanksgiving Day", "DATE", "2024-11-28"),
        ("the weekend", "DATE", "2024-W43-WE"),
        # vague references
        ("recently", "DATE", "PAST_REF"),
        ("someday", "DATE", "FUTURE_REF"),
        ("now", "DATE", "PRESENT_REF"),
        ("currently", "DATE", "PRESENT_REF"),
        ("the future", "DATE", "FUTURE_REF"),
        ("the past", "DATE", "PAST_REF"),
        # times of day
        ("10:35 a.m.", "TIME", "2024-10-26T10:35"),
        ("10 p.m. yesterday", "TIME", "2024-10-25T22:00"),
        ("this morning", "TIME", "2024-10-26TMO"),
        ("last night", "TIME", "2024-10-25TNI"),
        ("tonight", "TIME", "2024-10-26TNI"),
        ("yesterday afternoon", "TIME", "2024-10-25TAF"),
        # durations
        ("a decade", "DURATION", "P10Y"),
        ("three months", "DURATION", "P3M"),
        ("the past two months", "DURATION", "P2M"),
        ("10-year", "DURATION", "P10Y"),
        ("16-hour", "DURATION", "PT16H"),
        ("2 1/2 years", "DURATION", "P2Y6M"),
        ("a minute and a half", "DURATION", "PT1M30S"),
        ("several years", "DURATION", "PXY"),
        ("the first nine months", "DURATION", "P9M"),
        ("nearly forty years", "DURATION", "P40Y"),
        ("24 hours", "DURATION", "PT24H"),
        # sets
        ("every week", "SET", "P1W"),
        ("each Thursday", "SET", "XXXX-WXX-4"),
        ("daily", "SET", "P1D"),
        ("twice a month", "SET", "P1M"),
        ("Tuesday nights", "SET", "XXXX-WXX-2TNI"),
    ],
)
def test_expression_values(expr, type_, value):
    assert normalize_expression(expr, ANCHOR) == (type_, value)


@pytest.mark.parametrize(
    "expr,tense,value",
    [
        ("Monday", PAST, "2024-10-21"),  # the Monday before a Saturday anchor
        ("Monday", FUTURE, "2024-10-28"),  # the Monday after it
        ("Saturday", PAST, "2024-10-26"),  # the anchor's own weekday, said in the past tense: that day
        ("Nov. 6", PAST, "2024-11-06"),  # a few days ahead stays this year even in the past tense
        ("December", PAST, "2024-12"),
        ("March", FUTURE, "2025-03"),
        ("March", PAST, "2024-03"),
        ("the fourth quarter", PAST, "2024-Q4"),
    ],
)
def test_tense_decides_direction(expr, tense, value):
    assert normalize_expression(expr, ANCHOR, tense=tense)[1] == value


def test_quarter_of_the_previous_year_in_a_january_report():
    assert normalize_expression("the fourth quarter", dt.date(1998, 1, 26), tense=PAST) == ("DATE", "1997-Q4")


def test_comparisons_count_from_the_last_mentioned_time():
    text = "Net income rose in the third quarter from a year earlier, and the quarter was strong."
    got = {t.text: t.value for t in extract(text, dt.date(1989, 11, 2))}
    assert got == {"the third quarter": "1989-Q3", "a year earlier": "1988-Q3", "the quarter": "1989-Q3"}


def test_no_anchor_gives_underspecified_values():
    assert normalize_expression("yesterday", None) == ("DATE", "XXXX-XX-XX")
    assert normalize_expression("last year", None) == ("DATE", "XXXX")
    assert normalize_expression("June 13, 2019", None) == ("DATE", "2019-06-13")


@pytest.mark.parametrize(
    "text",
    [
        "May I ask a question?",  # the modal, not the month
        "Prices fall as traders sell.",  # the verb, not the season
        "He paid $1,990 for 2082.1 shares.",  # numbers, not years
        "Iraq imports about three-quarters of its food.",  # a fraction, not quarters
        "A second group of directors joined.",  # an ordinal, not a duration
        "the quarterly dividend was cut",  # an adjective, not a set
        "a 44-year-old protester",  # an age, not a duration
        "He earns $2 million a year.",  # a rate
        "She read US Weekly.",  # a name
    ],
)
def test_not_time_expressions(text):
    assert extract(text, ANCHOR) == []


def test_a_year_number_is_not_a_count_of_years():
    assert [(t.text, t.type, t.value) for t in extract("in the 1986 year", ANCHOR)] == [("1986", "DATE", "1986")]


def test_extents_follow_timeml():
    text = "Sales rose over the past two months and about five hours later in 2018, back in 2022."
    spans = [t.text for t in extract(text, ANCHOR)]
    assert spans == ["the past two months", "five hours", "2018", "2022"]


def test_back_in_2022_and_dates_back_a_decade():
    text = "According to CNN, back in 2022, she had stated it. The friendship dates back a decade."
    got = [(t.text, t.type, t.value) for t in extract(text, ANCHOR)]
    assert got == [("2022", "DATE", "2022"), ("a decade", "DURATION", "P10Y")]
