"""Normalising statements: what compares equal, what is kept as a mark, and offsets back into the text."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from whosaid.provenance.text import compared_tokens, match_words, parse_words, statement_tokens, tokenize, words_text


@pytest.mark.parametrize(
    "a, b",
    [
        ("“We will win,” she said.", '"we WILL win" she said'),  # quote marks, case, punctuation
        ("Trump’s plan", "Trump's plan"),  # apostrophe kinds
        ("Trump's plan", "Trump plan"),  # possessive dropped
        ("We’ve got to go", "we have got to go"),  # contractions
        ("I can't and won't", "I can not and will not"),
        ("Café crème", "cafe creme"),  # accents
        ("well-known 50% rise & fall", "well known 50 percent rise and fall"),  # hyphens, symbols
    ],
)
def test_equal_after_normalising(a, b):
    assert match_words(tokenize(a)) == match_words(tokenize(b))


@pytest.mark.parametrize(
    "a, b",
    [
        ("the bridge is unsafe", "the bridge is dangerous"),
        ("we will win", "we will not win"),
        ("it's over", "it is over"),  # "'s" is ambiguous: dropped, so these stay different
    ],
)
def test_different_words_stay_different(a, b):
    assert match_words(tokenize(a)) != match_words(tokenize(b))


@pytest.mark.parametrize(
    "text, words, marks",
    [
        ("We will ... win", ["we", "will", "win"], {2: "gap"}),
        ("We will… win…", ["we", "will", "win"], {2: "gap", 3: "gap"}),
        ("We will . . . win", ["we", "will", "win"], {2: "gap"}),
        ("[Trump] will win", ["will", "win"], {0: "editorial"}),
        ("He [the mayor] will [surely] win", ["he", "will", "win"], {1: "editorial", 2: "editorial"}),
    ],
)
def test_gaps_and_editorial_insertions_are_marks(text, words, marks):
    got_words, got_marks = parse_words(words_text(tokenize(text)))
    assert got_words == words and got_marks == marks


def test_statement_tokens_read_only_the_fragments():
    text = '"We will win," he said, "and soon."'
    parts = [(1, 13), (25, 34)]
    assert match_words(statement_tokens(text, parts)) == ["we", "will", "win", "and", "soon"]


@pytest.mark.parametrize(
    "kind, content, words",
    [
        # a direct quote that ran over the writer's words between two quotations
        (
            "direct",
            'We will win," Lee said on Monday. "And we will do it soon',
            ["we", "will", "win", "and", "we", "will", "do", "it", "soon"],
        ),
        # a mixed quote: only the quoted words are the speaker's
        ("mixed", 'he wants "a total and complete shutdown" of imports', ["a", "total", "and", "complete", "shutdown"]),
        (
            "mixed",
            "he wants ''a total and complete shutdown'' of imports",
            ["a", "total", "and", "complete", "shutdown"],
        ),
        # no quotation marks at all: every word
        ("mixed", "he wants a shutdown", ["he", "wants", "a", "shutdown"]),
        ("indirect", 'that "taxes" will rise', ["that", "taxes", "will", "rise"]),
    ],
)
def test_compared_tokens_of_quotes(kind, content, words):
    row = {"kind": kind, "content": content, "content_start": 100, "fragments": None}
    assert match_words(compared_tokens(row)) == words


@given(st.text(alphabet=st.sampled_from(list("ab cdE’'\".,…[]%-é")), max_size=60), st.integers(0, 500))
def test_token_offsets_point_into_the_text(text, base):
    for t in tokenize(text, base):
        piece = text[t.start - base : t.end - base]
        assert piece, t
        if t.kind != "gap":  # the span alone reads as the same word (a contraction gives two words, one span)
            assert t.word in [x.word for x in tokenize(piece)]


@given(st.lists(st.sampled_from(["we", "will", "…", "[]", "win", "the", "state"]), max_size=12))
def test_stored_words_round_trip(words):
    stored = " ".join(words)
    parsed, marks = parse_words(stored)
    assert parsed == [w for w in words if w not in ("…", "[]")]
    assert all(0 <= i <= len(parsed) for i in marks)
