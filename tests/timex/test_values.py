"""TIMEX3 value validation and calendar arithmetic (no spaCy)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from whosaid.timex.timeline import anchored_start, approx_start, sort_key
from whosaid.timex.values import duration, granularity, is_valid_value, shift


@pytest.mark.parametrize(
    "value,type_",
    [
        ("2019-06-13", "DATE"),
        ("2019", "DATE"),
        ("2019-06", "DATE"),
        ("2024-W42", "DATE"),
        ("1989-Q3", "DATE"),
        ("1989-H2", "DATE"),
        ("1998-SU", "DATE"),
        ("199", "DATE"),
        ("19", "DATE"),
        ("XXXX-XX-XX", "DATE"),
        ("1989-W43-WE", "DATE"),
        ("PAST_REF", "DATE"),
        ("2019-06-13T10:35", "TIME"),
        ("2019-06-13TMO", "TIME"),
        ("P10Y", "DURATION"),
        ("PT1M30S", "DURATION"),
        ("P2Y6M", "DURATION"),
        ("PXD", "DURATION"),
        ("PT16H", "DURATION"),
        ("P1W", "SET"),
        ("XXXX-WXX-2", "SET"),
        ("XXXX-WXX-2TNI", "SET"),
    ],
)
def test_valid_values(value, type_):
    assert is_valid_value(value, type_)


@pytest.mark.parametrize(
    "value,type_",
    [
        ("", None),
        ("2019-13-01", None),
        ("2019-06-32", None),
        ("P", None),
        ("PT", None),
        ("P1", None),
        ("2019-W54", None),
        ("hello", None),
        ("2019-06-13T25:00", None),
        ("P10Y", "DATE"),
        ("2019-06-13", "TIME"),
        ("PRESENT_REF", "DURATION"),
        ("T10:00", None),
        (None, None),
        (2019, None),
    ],
)
def test_invalid_values(value, type_):
    assert not is_valid_value(value, type_)


@pytest.mark.parametrize(
    "value,n,unit,expected",
    [
        ("1989-Q3", -1, "Y", "1988-Q3"),
        ("1989-Q1", -1, "Q", "1988-Q4"),
        ("1989-10-26", -1, "W", "1989-10-19"),
        ("2024-03-31", -1, "M", "2024-02-29"),
        ("2024", 2, "Y", "2026"),
        ("2024-W01", -1, "W", "2023-W52"),
        ("1998-SU", -1, "Y", "1997-SU"),
        ("2024-01", -1, "M", "2023-12"),
        ("199", 1, "E", "200"),
        ("2024", 1, "M", None),
        ("PAST_REF", 1, "Y", None),
    ],
)
def test_shift_keeps_granularity(value, n, unit, expected):
    assert shift(value, n, unit) == expected


@pytest.mark.parametrize(
    "amount,unit,expected",
    [
        (3, "M", "P3M"),
        (2.5, "Y", "P2Y6M"),
        (None, "D", "PXD"),
        (16, "H", "PT16H"),
        (1.5, "MIN", "PT1M30S"),
        (1, "E", "P10Y"),
        (2, "C", "P200Y"),
        (1, "WE", "P2D"),
        (None, "H", "PTXH"),
        (0.5, "H", "PT30M"),
    ],
)
def test_duration_values(amount, unit, expected):
    assert duration(amount, unit) == expected
    assert is_valid_value(expected, "DURATION")


def test_granularity_and_timeline_order():
    assert [granularity(v) for v in ("2019", "2019-06", "2019-06-13", "2019-W24", "2019-Q2")] == list("YMDWQ")
    anchor = dt.date(2024, 10, 26)
    values = ["FUTURE_REF", "2019-06-13", "PAST_REF", "2018", "P10Y", "2024-10-26", "2019-Q2"]
    ordered = sorted(values, key=lambda v: sort_key(v, anchor))
    assert ordered == ["2018", "2019-Q2", "2019-06-13", "PAST_REF", "2024-10-26", "FUTURE_REF", "P10Y"]
    assert approx_start("1998-SU") == dt.date(1998, 6, 1)
    assert approx_start("nonsense") is None
    assert anchored_start("P10Y", anchor) == "2014"
    assert anchored_start("P3M", anchor) == "2024-07"
    assert anchored_start("PXY", anchor) is None


def _granularity_one_by_one(value: str) -> str | None:
    """The reference: each granularity's pattern tried in turn (what ``granularity`` folds into one)."""
    import re

    for pattern, gran in [
        (r"\d{4}", "Y"),
        (r"\d{4}-\d{2}", "M"),
        (r"\d{4}-\d{2}-\d{2}(?:T.*)?", "D"),
        (r"\d{4}-W\d{2}(?:-WE)?", "W"),
        (r"\d{4}-Q[1-4]", "Q"),
        (r"\d{4}-H[12]", "H"),
        (r"\d{4}-(?:SP|SU|FA|WI)", "S"),
        (r"\d{3}", "E"),
        (r"\d{2}", "C"),
    ]:
        if re.fullmatch(pattern, value):
            return gran
    return None


@settings(max_examples=500, deadline=None)
@given(
    st.one_of(
        st.text(alphabet="0123456789-WQHSPUFAIETX:\n\u0661", max_size=14),
        st.sampled_from(
            [
                "1990",
                "1990-05",
                "1990-05-06",
                "1990-W07-WE",
                "1990-Q3",
                "1990-H1",
                "1990-SU",
                "199",
                "19",
                "1990-05-06T10:35",
                "1990-05-06T\n",
            ]
        ),
    )
)
def test_granularity_tries_the_patterns_in_order(value):
    assert granularity(value) == _granularity_one_by_one(value)
