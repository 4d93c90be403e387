"""Spans indexed by position: the same answers as a scan of every span, for linking and entity lookups."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from whosaid.model import Article
from whosaid.pipeline.spanindex import SpanIndex
from whosaid.pipeline.state import DocState, DraftEntity

spans_st = st.lists(st.tuples(st.integers(0, 300), st.integers(0, 60)).map(lambda t: (t[0], t[0] + t[1])), max_size=40)
query_st = st.tuples(st.integers(0, 320), st.integers(0, 40)).map(lambda t: (t[0], t[0] + t[1]))


@given(spans_st, query_st, st.integers(0, 250))
def test_near_finds_exactly_the_spans_within_the_distance(spans, query, dist):
    def gap(a, b):
        return max(0, max(a[0], b[0]) - min(a[1], b[1]))

    assert SpanIndex(spans).near(query, dist) == [i for i, s in enumerate(spans) if gap(s, query) <= dist]


def _state(mentions: list[tuple[int, int]]) -> DocState:
    state = DocState(article=Article(id="x", text="x" * 400), doc=None)
    index = {m: f"e{i % 7}" for i, m in enumerate(mentions)}
    state.mention_index = index
    state.entities = [DraftEntity(id=f"e{k}", name=f"E{k}", type="PERSON") for k in range(7)]
    return state


def _entity_by_scan(state: DocState, start: int, end: int) -> str | None:
    """DocState.entity_at as it was: a scan of every mention."""
    eid = state.mention_index.get((start, end))
    if eid is not None:
        return eid
    best = None
    for (ms, me), mid in state.mention_index.items():
        overlap = min(me, end) - max(ms, start)
        if overlap > 0 and (best is None or (overlap, -abs(me - end)) > best[:2]):
            best = (overlap, -abs(me - end), mid)
    return best[2] if best else None


@given(spans_st, query_st)
def test_entity_at_picks_what_a_scan_of_every_mention_picks(mentions, query):
    state = _state(mentions)
    ent = state.entity_at(*query)
    assert (ent.id if ent else None) == _entity_by_scan(state, *query)


@given(spans_st, query_st)
def test_mentions_within_lists_the_mentions_inside_in_text_order(mentions, query):
    state = _state(mentions)
    lo, hi = query
    assert state.mentions_within(lo, hi) == sorted(
        (m, e) for m, e in state.mention_index.items() if lo <= m[0] and m[1] <= hi
    )


def test_lookups_follow_new_values_of_the_fields():
    state = _state([(0, 5), (10, 20)])
    assert state.entity_at(11, 12).id == "e1"
    state.mention_index = {(10, 20): "e3"}  # a stage's new result replaces the field
    assert state.entity_at(11, 12).id == "e3"
    state.entities = [DraftEntity(id="e3", name="Other", type="ORG")]
    assert state.entity_at(11, 12).name == "Other"
    assert state.entity("e1") is None and state.entity(None) is None
