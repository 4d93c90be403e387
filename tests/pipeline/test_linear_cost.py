"""The lookups that keep a long article's analysis linear in its length (issue 15 item 7): each finds by position
or by word what a scan of every quote, verb, record or cluster found, and gives the same answers."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from whosaid.model import Article, Span
from whosaid.pipeline.attribution.merge import _overlapping, _pair, content_index
from whosaid.pipeline.attribution.rules import _VerbsNear
from whosaid.pipeline.attribution.whole import _reach
from whosaid.pipeline.entities.name_links import clusters_by_word, initials
from whosaid.pipeline.entities.turns import _outside
from whosaid.pipeline.spanindex import SpanIndex
from whosaid.pipeline.state import DraftAttribution, QuoteSpan

ranges_st = st.lists(st.tuples(st.integers(0, 80), st.integers(0, 20)).map(lambda t: (t[0], t[0] + t[1])), max_size=12)


@given(ranges_st, st.integers(-2, 110))
def test_covers_is_whether_any_span_holds_the_position(spans, pos):
    assert SpanIndex(spans).covers(pos) == any(s <= pos < e for s, e in spans)


@pytest.mark.parametrize(
    ("spans", "pos", "covered"),
    [
        ([], 3, False),
        ([(2, 5)], 2, True),
        ([(2, 5)], 5, False),  # the end is outside
        ([(0, 50), (10, 12)], 30, True),  # held by a long span that starts first
        ([(10, 12), (0, 3)], 5, False),
    ],
)
def test_covers_table(spans, pos, covered):
    assert SpanIndex(spans).covers(pos) is covered


@pytest.mark.parametrize(
    ("parts", "expected"),
    [
        (("barack", "obama"), "bo"),
        (("university", "of", "southern", "indiana"), "usi"),
        (("the", "new", "york", "times"), "nyt"),
        (("of",), ""),
    ],
)
def test_initials(parts, expected):
    assert initials(parts) == expected


def test_clusters_by_word_lists_each_cluster_under_first_last_word_and_initials_in_order():
    fulls_of = {
        7: [("donald", "trump"), ("donald", "j", "trump")],
        3: [("ivanka", "trump")],
        9: [("new", "york", "times")],
    }
    by_word = clusters_by_word(fulls_of)
    assert by_word["trump"] == [7, 3]
    assert by_word["donald"] == [7]
    assert by_word["ivanka"] == [3]
    assert by_word["nyt"] == [9] and by_word["times"] == [9] and by_word["new"] == [9]
    assert by_word["djt"] == [7] and by_word["dt"] == [7]
    assert "j" not in by_word and "york" not in by_word  # a middle word links no one-word name
    assert clusters_by_word({}) == {}


@pytest.mark.parametrize(
    ("text", "start", "end", "expected"),
    [
        ("abc, and def", 0, 3, (0, 10)),  # ", and " and the "d" of "def" could lie in a joining gap
        ("xyz; but qq", 0, 3, (0, 9)),
        ("qq, xyz", 4, 7, (2, 7)),  # before: ", " and nothing further ("q" cannot be in a gap)
        ("one. two", 5, 8, (4, 8)),  # a full stop ends the reach
        ("hi\nthere", 3, 8, (3, 8)),  # so does a line break
    ],
)
def test_reach(text, start, end, expected):
    assert _reach(text, start, end) == expected


def _draft(text: str, start: int, end: int, i: int) -> DraftAttribution:
    return DraftAttribution(kind="indirect", content=Span.of(text, start, end), id=f"r{i}")


def test_overlapping_finds_every_draft_whose_content_overlaps_in_order():
    text = "x" * 100
    drafts = [
        _draft(text, 50, 60, 1),
        _draft(text, 0, 10, 2),
        DraftAttribution(kind="direct", content=None),
        _draft(text, 5, 55, 4),
    ]
    index = content_index(drafts)
    assert _overlapping(index, Span.of(text, 8, 9)) == [1, 3]
    assert _overlapping(index, Span.of(text, 70, 80)) == []
    assert _overlapping(index, None) == []
    found = _overlapping(index, Span.of(text, 52, 53))
    assert [k for k in found if drafts[k].content and drafts[k].content.overlaps(Span.of(text, 52, 53))] == [0, 3]


def test_pair_takes_the_first_unmatched_rule_of_the_same_statement():
    text = "alpha beta gamma delta. " * 4
    rules = [_draft(text, 24, 46, 1), _draft(text, 0, 22, 2), _draft(text, 0, 22, 3), _draft(text, 72, 94, 4)]
    proposals = [_draft(text, 0, 22, 5), _draft(text, 0, 22, 6), _draft(text, 0, 22, 7), _draft(text, 48, 70, 8)]
    assert _pair(rules, proposals, content_index(rules)) == {
        0: 1,
        1: 2,
    }  # the third finds both rules taken; the fourth matches none


def _quote(start: int, end: int) -> QuoteSpan:
    return QuoteSpan(start=start, end=end, inner_start=start + 1, inner_end=end - 1, paragraph=0)


# verbs: (att index, char offset, sentence start token, sentence end token); heads: their token indexes
VERBS = [(0, 5, 0, 4), (1, 40, 10, 16), (2, 60, 10, 16), (3, 120, 20, 30), (4, 200, 30, 40), (5, 200, 30, 40)]
HEADS = [1, 12, 14, 22, 33, 33]


@pytest.mark.parametrize(
    ("quote", "first", "last", "last_end", "colon", "expected"),
    [
        (_quote(70, 110), 16, 20, 20, False, [3]),  # the sentence right after the quote
        (_quote(30, 100), 10, 16, 20, False, [1, 2, 3]),  # the quote's own sentence and the next one
        (_quote(300, 340), 50, 50, 60, False, []),
        (_quote(300, 340), 50, 50, 60, True, [4, 5]),  # after a colon: the nearest verb before (two on its token)
        (_quote(130, 190), 30, 30, 40, True, [3, 4, 5]),  # and the verbs of the quote's sentence
        (_quote(100, 130), 25, 25, 28, True, [2]),  # the verb inside the quote is passed over: the one before wins
    ],
)
def test_verbs_near_a_quote(quote, first, last, last_end, colon, expected):
    found = _VerbsNear(VERBS, HEADS).candidates(quote, first, last, last_end, colon)
    assert [v[0] for v in found] == expected


@given(
    st.lists(st.tuples(st.integers(0, 60), st.integers(1, 15)).map(lambda t: (t[0], t[0] + t[1])), max_size=8),
    st.integers(0, 50),
    st.integers(0, 30),
)
def test_outside_with_the_index_blanks_what_the_scan_blanks(quotes, s, n):
    text = "".join(chr(97 + k % 26) for k in range(90))
    quotes = sorted(quotes)
    e = min(len(text), s + n)
    blanked = _outside(text, s, e, quotes, SpanIndex(quotes))
    assert blanked == _outside(text, s, e, quotes)
    assert blanked == "".join(" " if any(qs <= k < qe for qs, qe in quotes) else text[k] for k in range(s, e))


@pytest.mark.parametrize(
    ("text", "source", "content"),
    [
        # a quote the subject's subtree swallowed before its head is cut off (found among the quotes near it)
        (
            '"We will win this race in the fall," Sarandon said on Monday.',
            "Sarandon",
            "We will win this race in the fall,",
        ),
        # a quote inside the subject after its head ends the source there
        (
            'The mayor, "tired of the whole affair and its endless delays," said the plan had failed.',
            "The mayor",
            "tired of the whole affair and its endless delays,",
        ),
        ("Sarandon said on Monday that the plan had failed.", "Sarandon", "that the plan had failed"),
    ],
)
def test_source_span_leaves_out_the_quotes_near_it(pipeline, text, source, content):
    found = pipeline.analyze(Article(id="a", text=text)).attributions
    assert [(a.source.text if a.source else None, a.content.text if a.content else None) for a in found] == [
        (source, content)
    ]
