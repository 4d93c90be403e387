"""The highlighted text is built from offsets, escapes every piece, and gives back each statement exactly."""

from __future__ import annotations

import re

import pytest
from htmlcheck import event_handler_attributes, parse
from hypothesis import given, settings
from hypothesis import strategies as st

from whosaid.model import SOURCE_TYPES, Attribution, Span
from whosaid.web.charts import relation_graph, sourcing_chart, timeline_chart, when_sort_key
from whosaid.web.render import highlight_text, segments, speaker_label, statement_tooltip


def wrap(markup: str) -> str:
    return f'<div id="article-text">{markup}</div>'


def att(
    text: str,
    content: tuple[int, int] | list[tuple[int, int]] | None,
    *,
    cue=None,
    source=None,
    source_type: str = "person",
    speaker: str | None = None,
) -> Attribution:
    def sp(v):
        if v is None:
            return None
        return Span.of_fragments(text, v) if isinstance(v, list) else Span.of(text, *v)

    return Attribution(
        kind="direct", content=sp(content), cue=sp(cue), source=sp(source), source_type=source_type, speaker=speaker
    )


TEXT = 'Ann said "a <b>bold</b> & plain claim", and Bob, per Carl, said that it was "wrong".'


@pytest.mark.parametrize(
    "name, spans",
    [
        ("no statements", []),
        ("one statement", [dict(content=(10, 37), cue=(4, 8), source=(0, 3))]),
        ("nested content", [dict(content=(10, 37)), dict(content=(12, 23), source_type="anonymous")]),
        ("overlapping contents", [dict(content=(10, 30)), dict(content=(20, 40), source_type="outlet")]),
        ("cue inside content", [dict(content=(0, 40), cue=(4, 8))]),
        ("split quote", [dict(content=[(10, 20), (25, 37)], cue=(4, 8))]),
        ("touching spans", [dict(content=(0, 3)), dict(content=(3, 8), source_type="unknown")]),
        ("whole text", [dict(content=(0, len(TEXT)))]),
    ],
)
def test_statement_pieces_join_to_content(name, spans):
    atts = [att(TEXT, **s) for s in spans]
    page = parse(wrap(highlight_text(TEXT, atts)))
    assert page.article_text() == TEXT, name
    for i, a in enumerate(atts):
        assert page.statement_text(i) == "".join(a.content.fragment_texts(TEXT)), (name, i)
        if a.cue:
            assert page.statement_text(i, "data-q") == a.cue.text
        if a.source:
            assert page.statement_text(i, "data-s") == a.source.text
    # the markup that is in the text stays text
    assert not page.find("b")


def test_innermost_content_gives_the_colour():
    outer = att(TEXT, (10, 37), source_type="person")
    inner = att(TEXT, (12, 23), source_type="anonymous")
    segs = [s for s in segments(TEXT, [outer, inner]) if s.content]
    inside = [s for s in segs if s.start >= 12 and s.end <= 23]
    assert inside and all(s.primary == 1 for s in inside)
    outside = [s for s in segs if s.end <= 12 or s.start >= 23]
    assert outside and all(s.primary == 0 for s in outside)
    markup = str(highlight_text(TEXT, [outer, inner]))
    assert "st-anonymous" in markup and "st-person" in markup


def test_spans_beyond_the_text_are_clipped_not_fatal():
    short = "Ann said hi."
    a = Attribution(kind="direct", content=Span(9, 40, "x" * 31), source_type="person")
    page = parse(wrap(highlight_text(short, [a])))
    assert page.article_text() == short
    assert page.statement_text(0) == short[9:]


def test_titles_and_names_are_escaped():
    text = "Ann said it."
    a = Attribution(
        kind="direct",
        content=Span.of(text, 9, 11),
        cue=Span.of(text, 4, 8),
        source_type="person",
        speaker='Ann" onmouseover="alert(1)',
        via="<script>x</script>",
        said_at="<i>now</i>",
    )
    markup = str(highlight_text(text, [a]))
    page = parse(wrap(markup))
    assert event_handler_attributes(page) == []
    assert "<script>" not in markup and "<i>" not in markup
    titles = [a["title"] for _, a in page.with_class("hl")]
    assert titles and all(t == statement_tooltip(a) for t in titles)
    assert 'onmouseover="alert(1)' in titles[0] and "via <script>x</script>" in titles[0]


@pytest.mark.parametrize(
    "a, expected",
    [
        (Attribution(kind="direct", content=None, speaker="Ann Lee", source_description="a friend"), "Ann Lee"),
        (Attribution(kind="direct", content=None, source_description="a friend"), "a friend"),
        (Attribution(kind="direct", content=None, source=Span(0, 3, "Ann")), "Ann"),
        (Attribution(kind="direct", content=None), "(no source)"),
    ],
)
def test_speaker_label(a, expected):
    assert speaker_label(a) == expected


_alphabet = st.sampled_from(list("ab <>&\"'\n\u00e9\u201c\u201d") + ["</span>", "<script>", "&amp;"])


@st.composite
def texts_and_statements(draw):
    text = "".join(draw(st.lists(_alphabet, min_size=1, max_size=60)))
    n = len(text)
    atts = []
    for _ in range(draw(st.integers(0, 5))):
        s = draw(st.integers(0, n - 1))
        e = draw(st.integers(s + 1, n))
        cue = None
        if draw(st.booleans()):
            cs = draw(st.integers(0, n - 1))
            cue = Span.of(text, cs, draw(st.integers(cs + 1, n)))
        atts.append(
            Attribution(
                kind="direct", content=Span.of(text, s, e), cue=cue, source_type=draw(st.sampled_from(SOURCE_TYPES))
            )
        )
    return text, atts


@settings(max_examples=200, deadline=None)
@given(texts_and_statements())
def test_highlight_round_trips_any_text(case):
    text, atts = case
    markup = str(highlight_text(text, atts))
    page = parse(wrap(markup))
    assert page.article_text() == text
    for i, a in enumerate(atts):
        assert page.statement_text(i) == a.content.text
        if a.cue:
            assert page.statement_text(i, "data-q") == a.cue.text
    # every '<' of the output opens or closes one of our spans: the text's own markup is escaped
    tags = [tag for tag, _ in page.elements]
    assert set(tags) <= {"div", "span"}
    segs = segments(text, atts)
    assert sum(1 for s in segs if s.marked) == tags.count("span")


def test_sourcing_chart_escapes_outlets_and_draws_each_category():
    rows = [
        {
            "outlet": "<script>alert(1)</script>",
            "statements": 10,
            "named": 5,
            "anonymous": 3,
            "media": 2,
            "social_media": 0,
            "organization": 0,
            "document": 0,
            "unknown": 0,
            "relayed": 4,
        },
        {"outlet": "(none)", "statements": 0},
    ]
    svg = str(sourcing_chart(rows))
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    page = parse(svg)
    cats = [a["data-cat"] for t, a in page.elements if t == "rect" and "data-cat" in a]
    assert cats == ["named", "anonymous", "media", "relayed"]
    widths = {a["data-cat"]: float(a["width"]) for t, a in page.elements if t == "rect" and "data-cat" in a}
    assert widths["named"] == pytest.approx(2.5 * widths["media"], rel=0.01)
    full = widths["named"] + widths["anonymous"] + widths["media"]  # the stacked bar is 100 %
    assert widths["relayed"] == pytest.approx(0.4 * full, rel=0.01)
    assert str(sourcing_chart([])).startswith("<p")


def test_relation_graph_links_people_and_escapes_names():
    rels = [
        {"relation": "sibling", "other": "<b>Bo</b>", "other_id": "bo"},
        {"relation": "spouse", "other": "Cy", "other_id": None},
        {"relation": "colleague", "other": "<b>Bo</b>", "other_id": "bo"},
    ]
    svg = str(relation_graph("Ann <i>", rels, href_for=lambda n: f"/person/{n['id']}" if n["id"] else None))
    page = parse(svg)
    assert not page.find("b") and not page.find("i")
    assert [a["href"] for t, a in page.elements if t == "a"] == ["/person/bo"]
    assert len([1 for t, a in page.elements if t == "circle"]) == 3  # the person and two others
    assert "sibling, colleague" in svg
    assert "No relations" in str(relation_graph("Ann", []))


def test_timeline_places_dated_items_in_order():
    items = [
        {"when": "2024-10-26", "what": "<b>x</b>"},
        {"when": "PRESENT_REF", "what": "now"},
        {"when": "2022", "what": "a"},
    ]
    svg = str(timeline_chart(items))
    xs = {m.group(2): float(m.group(1)) for m in re.finditer(r'cx="([\d.]+)"[^>]*><title>([^:]+):', svg)}
    assert set(xs) == {"2024-10-26", "2022"}  # the undated item is left off
    assert xs["2022"] < xs["2024-10-26"]
    assert "<b>" not in svg
    assert str(timeline_chart([{"when": None}])) == ""
    assert sorted(["2024", None, "2022-05"], key=when_sort_key) == ["2022-05", "2024", None]
