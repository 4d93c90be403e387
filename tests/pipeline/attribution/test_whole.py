"""Whole records (issue 13): every record has a content of its own, no two share one, no content holds its own
frame, one cue is one statement; and the drafts that break these are repaired or left out (whole.py)."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from whosaid.model import Span
from whosaid.pipeline.attribution.quotes import find_quotes
from whosaid.pipeline.attribution.whole import (
    content_holds_frame,
    frame_out,
    selected,
    whole_records,
)
from whosaid.pipeline.state import DraftAttribution


def at(text: str, phrase: str, nth: int = 0) -> Span:
    start = -1
    for _ in range(nth + 1):
        start = text.index(phrase, start + 1)
    return Span.of(text, start, start + len(phrase))


def draft(
    text: str, id: str, content: str | None, cue: str | None = None, source: str | None = None, *, nth: int = 0, **kw
) -> DraftAttribution:
    """A draft whose spans are the first occurrences of the phrases (the ``nth`` one for the cue)."""
    return DraftAttribution(
        kind=kw.pop("kind", "indirect"),
        content=at(text, content) if content else None,
        cue=at(text, cue, nth) if cue else None,
        source=at(text, source) if source else None,
        id=id,
        **kw,
    )


SPLIT = '"The bridge is safe," Chen added. "But the tunnel is not."'
FRONT = 'Ivanka had stated clearly, "This time around I am choosing my children."'
TWO_CUES = "The mayor said that the bridge will open in May. According to the council, taxes rise."
VOX = '"We need jobs now," said Ana Ruiz. "Prices keep going up," said Tom Berg.'


def test_a_quote_split_around_its_cue_becomes_fragments():
    d = draft(SPLIT, "p1", SPLIT, "added", "Chen")
    out = frame_out(SPLIT, d)
    assert [SPLIT[s:e] for s, e in out.content.parts] == ["The bridge is safe", "But the tunnel is not."]
    assert not content_holds_frame(out)
    assert out.content.text == SPLIT[out.content.start : out.content.end]


def test_a_frame_at_the_head_of_the_content_is_cut_off():
    d = draft(FRONT, "p1", FRONT, "had stated clearly", "Ivanka")
    out = frame_out(FRONT, d)
    assert out.content.text == "This time around I am choosing my children." and out.content.fragments is None
    assert out.kind == "direct"


def test_a_name_inside_the_quote_is_not_its_source():
    text = 'She said, "Tom Berg will win the race easily."'
    d = draft(text, "p1", "Tom Berg will win the race easily.", "said", "Tom Berg")
    out = frame_out(text, d)
    assert out.source is None and out.content == d.content  # the source goes, not the statement


def test_a_content_that_is_all_frame_is_none():
    text = "Chen added that."
    assert frame_out(text, draft(text, "p1", "Chen added", "added", "Chen")).content is None


@pytest.mark.parametrize(
    "drafts,kept",
    [
        # the same content under two cues: the cue in the content's own sentence wins ("According to" is the next
        # sentence's)
        (
            [
                ("p1", "the bridge will open in May", "According to", None),
                ("r1", "the bridge will open in May", "said", "The mayor"),
            ],
            ["r1"],
        ),
        (
            [
                ("r1", "the bridge will open in May", "said", "The mayor"),
                ("p1", "the bridge will open in May", "According to", None),
            ],
            ["r1"],
        ),
        # different contents under different cues: both stay
        (
            [
                ("r1", "the bridge will open in May", "said", "The mayor"),
                ("r2", "taxes rise", "According to", "the council"),
            ],
            ["r1", "r2"],
        ),
        # one cue, two contents: one statement, the proposer's content beats a doubtful one
        (
            [
                ("p1", "the bridge will open", "said", "The mayor", "weak"),
                ("p2", "the bridge will open in May", "said", "The mayor"),
            ],
            ["p2"],
        ),
    ],
    ids=["second-cue-first", "second-cue-last", "distinct", "one-cue"],
)
def test_distinct_records(drafts, kept):
    ds = [draft(TWO_CUES, i, c, q, s, content_from=rest[0] if rest else "proposer") for i, c, q, s, *rest in drafts]
    out = whole_records(TWO_CUES, ds)
    assert [d.id for d in out] == kept
    assert len({(d.content.start, d.content.end) for d in out}) == len(out)


def test_a_record_without_content_takes_the_quotation_it_introduces():
    text = 'Posting pictures, she wrote, "Happy birthday to my dear old friend." Then she left.'
    d = draft(text, "p1", None, "wrote", "she")
    (out,) = whole_records(text, [d], quotes=find_quotes(text))
    assert out.content.text == "Happy birthday to my dear old friend." and out.content_from == "quote"
    assert out.kind == "direct"


def test_a_quotation_before_its_frame_counts_too():
    text = '"We will win this race in the end," she told reporters.'
    (out,) = whole_records(text, [draft(text, "p1", None, "told", "she")], quotes=find_quotes(text))
    assert out.content.text == "We will win this race in the end"


@pytest.mark.parametrize(
    "text,cue,source",
    [
        ("She wrote a letter to the editor.", "wrote", "She"),  # no quotation, no parse
        ('She wrote, "Yes."', "wrote", "She"),  # a quote too short to be a statement
        ('"We will win this race in the end," he said. She wrote.', "wrote", "She"),  # the quote is not hers
    ],
    ids=["nothing", "short-quote", "quote-elsewhere"],
)
def test_a_record_that_finds_no_content_is_not_output(text, cue, source):
    assert whole_records(text, [draft(text, "p1", None, cue, source)], quotes=find_quotes(text)) == []


def test_a_content_nobody_said_is_left_out_but_a_continuation_stays():
    text = '"We will win," she said. "We always win in the end."\n\n"And we will win again next year for sure."'
    first = draft(text, "r1", "We will win", "said", "she", kind="direct")
    cont = draft(text, "r2", "And we will win again next year for sure.", kind="direct", continues="r1")
    orphan = draft(text, "p9", "We always win in the end.")
    out = whole_records(text, [first, cont, orphan])
    assert [d.id for d in out] == ["r1", "r2"] and out[1].continues == "r1"


def test_continues_follows_the_record_that_won_the_content():
    text = "The mayor said the bridge is safe. According to him, it is safe."
    a = draft(text, "p1", "the bridge is safe", "According to")
    b = draft(text, "r1", "the bridge is safe", "said", "The mayor")
    cont = draft(text, "r2", "it is safe", source="him", continues="p1")
    out = whole_records(text, [a, b, cont])
    assert {d.id: d.continues for d in out} == {"r1": None, "r2": "r1"}


def test_one_sentence_split_at_a_comma_is_one_statement():
    text = "The mayor said the bridge is safe, and the tunnel will open soon."
    a = draft(text, "p1", "the bridge is safe", "said", "The mayor")
    b = draft(text, "p2", "the tunnel will open soon", "said", "The mayor")
    (out,) = whole_records(text, [a, b])
    assert out.content.text == "the bridge is safe, and the tunnel will open soon"


def test_separate_quotes_of_separate_speakers_stay_separate():
    a = draft(VOX, "r1", "We need jobs now", "said", "Ana Ruiz")
    b = draft(VOX, "r2", "Prices keep going up", "said", "Tom Berg", nth=1)
    out = whole_records(VOX, [a, b])
    assert [(d.source.text, d.content.text) for d in out] == [
        ("Ana Ruiz", "We need jobs now"),
        ("Tom Berg", "Prices keep going up"),
    ]


def test_nested_statements_of_two_sources_stay_two():
    """ "A said B claimed X": B's statement lies inside A's content; both are records (PolNeAR marks both)."""
    text = "The senator said the mayor claimed the bridge was safe."
    outer = draft(text, "r1", "the mayor claimed the bridge was safe", "said", "The senator")
    inner = draft(text, "r2", "the bridge was safe", "claimed", "the mayor")
    assert [d.id for d in whole_records(text, [outer, inner])] == ["r1", "r2"]


def test_selected_drops_the_continuations_of_a_dropped_statement():
    text = '"We will win," she said.\n\n"And we will win again next year for sure."'
    first = draft(text, "r1", "We will win", "said", "she", confidence=0.2)
    cont = draft(text, "r2", "And we will win again next year for sure.", continues="r1", confidence=0.9)
    assert selected([first, cont], lambda d: d.confidence > 0.5) == []
    assert [d.id for d in selected([first, cont], lambda d: True)] == ["r1", "r2"]


def test_inputs_are_not_changed():
    d = draft(SPLIT, "p1", SPLIT, "added", "Chen")
    before = replace(d)
    whole_records(SPLIT, [d])
    assert d == before


# ---------------------------------------------------------------- property: the guarantees on random drafts
WORDS = (
    'The mayor said , " the bridge is safe , " Chen added . " But the tunnel is not . " According to '
    "officials , taxes will rise , she wrote ."
).split()
TEXT = " ".join(WORDS)
EDGES = [0] + [i + 1 for i, c in enumerate(TEXT) if c == " "] + [len(TEXT) + 1]


@st.composite
def spans(draw):
    i = draw(st.integers(0, len(EDGES) - 2))
    j = draw(st.integers(i + 1, min(i + 8, len(EDGES) - 1)))
    return Span.of(TEXT, EDGES[i], EDGES[j] - 1)


@st.composite
def drafts(draw):
    n = draw(st.integers(0, 6))
    out = []
    for k in range(n):
        out.append(
            DraftAttribution(
                kind=draw(st.sampled_from(["direct", "indirect", "mixed", "according_to"])),
                content=draw(st.none() | spans()),
                cue=draw(st.none() | spans()),
                source=draw(st.none() | spans()),
                id=f"d{k}",
                confidence=draw(st.floats(0, 1)),
                continues=draw(st.none() | st.sampled_from([f"d{j}" for j in range(k)] or [None])),
            )
        )
    return out


@settings(max_examples=200, deadline=None)
@given(drafts())
def test_whatever_the_drafts_the_records_are_whole_and_distinct(ds):
    out = whole_records(TEXT, ds, quotes=find_quotes(TEXT))
    ids = [d.id for d in out]
    assert len(set(ids)) == len(ids) and set(ids) <= {d.id for d in ds}
    contents = [(d.content.start, d.content.end) for d in out]
    cues = [(d.cue.start, d.cue.end) for d in out if d.cue is not None]
    assert all(d.content is not None for d in out)
    assert len(set(contents)) == len(contents) and len(set(cues)) == len(cues)
    for d in out:
        assert not content_holds_frame(d)
        assert d.cue is not None or d.source is not None or d.continues is not None
        assert d.continues is None or d.continues in ids
        for s, e in d.content.parts:
            assert TEXT[s:e].strip() and d.content.start <= s < e <= d.content.end
        assert d.content.text == TEXT[d.content.start : d.content.end]
