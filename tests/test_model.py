"""The result model: span invariants, JSON round trips (Hypothesis), validation errors."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from whosaid.model import Analysis, Article, Attribution, Entity, Relation, Span, TimeExpression


@st.composite
def text_and_span(draw):
    text = draw(st.text(min_size=1, max_size=200))
    a = draw(st.integers(0, len(text)))
    b = draw(st.integers(a, len(text)))
    return text, a, b


@given(text_and_span())
def test_span_of_keeps_the_offset_invariant(tsp):
    text, a, b = tsp
    span = Span.of(text, a, b)
    assert text[span.start : span.end] == span.text
    assert Span.from_dict(span.to_dict()) == span


@given(
    st.text(min_size=5, max_size=200),
    st.lists(st.tuples(st.integers(0, 200), st.integers(0, 200)), min_size=1, max_size=6),
)
def test_fragments_are_ordered_disjoint_and_inside_the_outer_span(text, pairs):
    frags = [(min(a, b) % len(text), max(a, b) % (len(text) + 1)) for a, b in pairs]
    frags = [(s, e) for s, e in frags if e > s]
    if not frags:
        with pytest.raises(ValueError):
            Span.of_fragments(text, frags)
        return
    span = Span.of_fragments(text, frags)
    assert text[span.start : span.end] == span.text
    for s, e in span.parts:
        assert span.start <= s < e <= span.end
    assert all(e1 < s2 for (_, e1), (s2, _) in zip(span.parts, span.parts[1:]))
    assert Span.from_dict(span.to_dict()) == span


@pytest.mark.parametrize(
    "start,end,text",
    [(-1, 2, "abc"), (3, 2, ""), (0, 2, "abc"), (0, 3, "ab")],
)
def test_bad_spans_are_refused(start, end, text):
    with pytest.raises(ValueError):
        Span(start, end, text)


def test_span_outside_text_is_refused():
    with pytest.raises(ValueError):
        Span.of("abc", 1, 9)


@pytest.mark.parametrize("kind,stype", [("quoted", "person"), ("direct", "celebrity")])
def test_attribution_validates_kind_and_source_type(kind, stype):
    with pytest.raises(ValueError):
        Attribution(kind=kind, content=None, source_type=stype)


def test_analysis_round_trips_through_json():
    text = "Ivanka Trump said on Monday that she was happy."
    art = Article(id="a1", text=text, date=dt.date(2024, 10, 26), outlet="X")
    att = Attribution(
        kind="indirect",
        content=Span.of(text, 30, 47),
        cue=Span.of(text, 13, 17),
        source=Span.of(text, 0, 12),
        speaker="Ivanka Trump",
        source_type="person",
        said_at="2024-10-21",
    )
    ent = Entity(id="e1", name="Ivanka Trump", type="PERSON", mentions=(Span.of(text, 0, 12), Span.of(text, 35, 38)))
    tx = TimeExpression(start=21, end=30, text=text[21:30], type="DATE", value="2024-10-21", anchor="2024-10-26")
    rel = Relation("Ivanka Trump", "friend_of", "Kim Kardashian", Span.of(text, 0, 12))
    an = Analysis(article=art, attributions=(att,), entities=(ent,), times=(tx,), relations=(rel,))
    back = Analysis.from_dict(an.to_dict(), text=text)
    assert back == an
    assert all(text[s.start : s.end] == s.text for s in back.spans())


@pytest.mark.parametrize("value", ["2024-13-01", "yesterday", "26/10/2024"])
def test_bad_article_dates_raise_input_errors(value):
    from whosaid.errors import InputError

    with pytest.raises(InputError, match="YYYY-MM-DD"):
        Article.parse_date(value, source="f.txt", line=3)


@pytest.mark.parametrize(
    ("value", "expect"),
    [
        ("2024-10-26", dt.date(2024, 10, 26)),
        ("2024-10-26T09:30:00Z", dt.date(2024, 10, 26)),
        (dt.datetime(2024, 10, 26, 23, 59), dt.date(2024, 10, 26)),
        (dt.date(2024, 10, 26), dt.date(2024, 10, 26)),
        (None, None),
    ],
)
def test_article_dates_given_as_text_or_datetime_become_dates(value, expect):
    """Article(date="2024-10-26") from the library API: a date, not a string that fails deep in a stage."""
    art = Article(id="a", text="Smith said so.", date=value)
    assert art.date == expect and (expect is None or type(art.date) is dt.date)


def test_an_article_with_a_bad_date_names_the_article():
    from whosaid.errors import InputError

    with pytest.raises(InputError, match="article 'a7'.*YYYY-MM-DD"):
        Article(id="a7", text="Smith said so.", date="26/10/2024")


def test_an_article_dated_by_a_string_is_analyzed_against_that_date(hybrid_pipeline):
    result = hybrid_pipeline.analyze(
        Article(id="a", text="Smith said on Tuesday that the plan failed.", date="2024-10-26")
    )
    assert [t.value for t in result.times if t.text == "Tuesday"] == ["2024-10-22"]
