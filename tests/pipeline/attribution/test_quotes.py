"""Quote pairing: straight and curly marks, paragraph continuation, apostrophes, negatives."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from whosaid.pipeline.attribution.quotes import find_quotes


def inner(text):
    return [text[q.inner_start : q.inner_end] for q in find_quotes(text)]


@pytest.mark.parametrize(
    "text,expected",
    [
        ('He said, "We will win." Then he left.', ["We will win."]),
        ("He said, “We will win.” Then he left.", ["We will win."]),
        ('"One," he said, "two."', ["One,", "two."]),
        ("It’s Trump’s plan, isn’t it?", []),
        ("The so-called ''reform'' failed.", ["reform"]),
        ("“Open only\n\n“Second para,” she said.", ["Open only", "Second para,"]),
        ("No quotes at all here.", []),
        ("A closing mark ” alone.", []),
    ],
)
def test_pairs(text, expected):
    assert inner(text) == expected


def test_open_paragraph_is_marked_open_ended():
    qs = find_quotes("“First paragraph of the quote.\n\n“Second paragraph,” he said.")
    assert qs[0].open_ended and not qs[1].open_ended
    assert qs[0].paragraph == 0 and qs[1].paragraph == 1


@given(st.text(alphabet=st.sampled_from(list('ab ."“”\n,')), max_size=120))
def test_quote_offsets_are_consistent(text):
    for q in find_quotes(text):
        assert 0 <= q.start <= q.inner_start < q.inner_end <= q.end <= len(text)
        assert text[q.inner_start : q.inner_end].strip() == text[q.inner_start : q.inner_end]
