"""Confirming candidates by word alignment, and the word-level diff that shows a variant."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from whosaid.provenance import MatchParams, align, diff_ops, same_text
from whosaid.provenance.text import compared_tokens, match_words, parse_words, tokenize, words_text

LONG = (
    "Well let me tell you something folks, when I look at the numbers and I see what is happening, we will build "
    "a great wall and Mexico will pay for it, and we will make this country safe again, believe me"
)


def W(text: str) -> list[str]:
    return match_words(tokenize(text))


@pytest.mark.parametrize(
    "a, b, quoted, same",
    [
        # the same quote: identical, trimmed, extended, one word changed, punctuation only
        (
            "The bridge is unsafe and must close before winter",
            "The bridge is unsafe and must close before winter",
            True,
            True,
        ),
        ("The bridge is unsafe and must close before winter", "the bridge is unsafe and must close", True, True),
        (LONG, "we will build a great wall and Mexico will pay for it", True, True),
        (
            "The bridge is unsafe and must close before the winter storms",
            "The bridge is dangerous and must close before the winter storms",
            True,
            True,
        ),
        # two excerpts of one long passage that overlap by many words
        (
            "one two three four five six seven eight nine ten eleven twelve thirteen",
            "five six seven eight nine ten eleven twelve thirteen fourteen fifteen",
            True,
            True,
        ),
        # different statements that share a phrase or common words
        ("we will make this country great again and win", "they say we will make this country a mess", True, False),
        (
            "a hell of a lot worse",
            "working that microphone was a hell of a lot more difficult than working",
            True,
            False,
        ),
        ("The bridge is unsafe and must close", "The school is unsafe and must open", True, False),
        # too short to tell
        ("we will win", "we will win", True, False),
        # reported speech: a shared noun phrase is not a shared statement ...
        (
            "the former secretary of state",
            "Sanders says the former secretary of state is a captive of the establishment",
            False,
            False,
        ),
        # ... but a long identical stretch is (wire copy)
        (
            "that the council will vote on the new budget for the schools next week after the hearing",
            "officials said that the council will vote on the new budget for the schools next week after the hearing",
            False,
            True,
        ),
    ],
)
def test_same_text(a, b, quoted, same):
    assert same_text(W(a), W(b), quoted=quoted) is same
    assert same_text(W(b), W(a), quoted=quoted) is same  # symmetric


def test_a_direct_quote_is_compared_on_its_quoted_words():
    row = {"kind": "direct", "content": "I love Oreos,” he said, “I will never eat them again", "content_start": 0}
    assert W(row["content"]) != W("I love Oreos. I will never eat them again")
    assert same_text(match_words(compared_tokens(row)), W("I love Oreos. I will never eat them again"))


def test_thresholds_come_from_params():
    a, b = W("the bridge is unsafe and closed"), W("the bridge is unsafe and open")
    assert not same_text(a, b)
    assert same_text(a, b, MatchParams(min_identity=0.8, min_coverage=0.8))


def _ops(a: str, b: str):
    (aw, am), (bw, bm) = parse_words(words_text(tokenize(a))), parse_words(words_text(tokenize(b)))
    return [
        (o.op, " ".join(aw[o.a_start : o.a_end]), " ".join(bw[o.b_start : o.b_end]))
        for o in diff_ops(aw, bw, a_marks=am, b_marks=bm)
        if o.op != "equal"
    ]


@pytest.mark.parametrize(
    "ref, other, ops",
    [
        (
            "the bridge is unsafe and must close",
            "the bridge is dangerous and must close",
            [("replace", "unsafe", "dangerous")],
        ),
        ("the bridge is unsafe and must close now", "the bridge is unsafe and must close", []),  # trimmed
        ("the bridge is unsafe", "Lee said the bridge is unsafe and must close now", []),  # extended
        ("we will certainly win the whole state", "we will ... win the whole state", [("elided", "certainly", "")]),
        (
            "we think he will win the whole state easily",
            "we think [Trump] will win the whole state easily",
            [("editorial", "he", "")],
        ),
        ("he will win the whole state easily", "[Trump] will win the whole state easily", []),  # a trimmed start
        ("and I have said it before we will build a wall", "we will build a great wall", [("insert", "", "great")]),
    ],
)
def test_word_diff(ref, other, ops):
    assert _ops(ref, other) == ops


def test_alignment_prefers_contiguous_matches():
    a = W("A lot will have to do with Israel and whether or not Israel wants to make the deal")
    b = W(
        "I have a real question as to whether or not both sides want to make it. A lot will have to do with "
        "Israel and whether or not Israel wants to make the deal"
    )
    al = align(a, b)
    assert al.matched == len(a) and al.changed == 0 and al.divergent == 0
    assert [o.op for o in al.ops] == ["equal"]


WORDS = st.lists(
    st.sampled_from("we will build a great wall and they pay for it now the".split()), min_size=1, max_size=30
)


@given(WORDS)
def test_a_statement_aligns_with_itself(words):
    al = align(words, words)
    assert al.matched == len(words) and al.changed == 0 and al.divergent == 0
    assert not any(o.change for o in diff_ops(words, words))


@given(WORDS, st.integers(0, 29), st.integers(0, 29))
def test_a_long_enough_excerpt_is_the_same_text(words, i, j):
    lo, hi = sorted((i % (len(words) + 1), j % (len(words) + 1)))
    part = words[lo:hi]
    assert same_text(words, part) is (len(part) >= MatchParams().min_words) or len(part) < 5


@given(WORDS, WORDS)
def test_ops_cover_both_sides_in_order(a, b):
    ops = align(a, b).ops
    for prev, nxt in zip(ops, ops[1:]):
        assert prev.a_end == nxt.a_start and prev.b_end == nxt.b_start
    for o in ops:
        assert 0 <= o.a_start <= o.a_end <= len(a) and 0 <= o.b_start <= o.b_end <= len(b)
        if o.op == "equal":
            assert a[o.a_start : o.a_end] == b[o.b_start : o.b_end]
