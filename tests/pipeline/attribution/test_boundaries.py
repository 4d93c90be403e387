"""Boundary conventions applied to model/hybrid attributions (pipeline/boundaries.py); no model, no spaCy."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from whosaid.model import Article, Span
from whosaid.options import Options
from whosaid.pipeline import run_stage
from whosaid.pipeline.attribution import AttributionStage
from whosaid.pipeline.attribution.boundaries import RULES, refine
from whosaid.pipeline.state import DocState, DraftAttribution

ALL = frozenset(name for name, _ in RULES)


def find(text: str, sub: str | None) -> Span | None:
    if sub is None:
        return None
    i = text.index(sub)
    return Span.of(text, i, i + len(sub))


def draft(
    text: str, content: str | None, cue: str | None = None, source: str | None = None, id: str = "p1"
) -> DraftAttribution:
    return DraftAttribution(
        kind="direct",
        content=find(text, content),
        cue=find(text, cue),
        source=find(text, source),
        id=id,
        origin="model",
    )


# (rule, text, content, cue, source, expected content parts or None = unchanged, expected cue or None = unchanged)
CASES = [
    ("R1", 'Then "I love you," he said to them.', 'I love you," he said', "said", "he", ["I love you,"], None),
    (
        "R1",
        'He called it "the gold standard" of trade deals.',
        'it "the gold standard" of trade deals',
        "called",
        "He",
        None,
        None,
    ),
    (
        "R1",
        '"We will win," said the senator from the great state of Ohio.',
        'We will win," said the senator from the great state of Ohio',
        "said",
        "the senator",
        None,
        None,
    ),
    (
        "R7",
        '"This country needs a leader," he said. "We need a leader with integrity."',
        "This country needs a leader",
        "said",
        "he",
        ["This country needs a leader", "We need a leader with integrity."],
        None,
    ),
    ("R7", '"It is safe," she said. "Trust us."', "Trust us.", "said", "she", ["It is safe,", "Trust us."], None),
    (
        "R7",
        '"It is safe," she said in a statement that was released. "Trust us."',
        "It is safe",
        "said",
        "she",
        None,
        None,
    ),
    (
        "R4",
        "Too often, Mr. Clarke said, the debate is infected with tribalism.",
        "the debate is infected with tribalism",
        "said",
        "Mr. Clarke",
        ["Too often", "the debate is infected with tribalism"],
        None,
    ),
    ("R4", "Often, Mr. Clarke said, the debate is bad.", "the debate is bad", "said", "Mr. Clarke", None, None),
    (
        "R4b",
        "All of this, he acknowledges, could be undone at the ballot box.",
        "All of this",
        "acknowledges",
        "he",
        ["All of this", "could be undone at the ballot box"],
        None,
    ),
    ("R4b", "Prices rose, he said, adding that more was coming.", "Prices rose", "said", "he", None, None),
    (
        "R5",
        "PENCE: And that is why we win, he said.",
        "PENCE: And that is why we win",
        "said",
        "he",
        ["And that is why we win"],
        None,
    ),
    ("R5", "Pence: And that is why we win.", "Pence: And that is why we win", None, None, None, None),
    ("R6", "The mayor also blasted the plan.", "the plan", "blasted", "The mayor", None, "also blasted"),
    ("R6", "The mayor then blasted the plan.", "the plan", "blasted", "The mayor", None, None),
    (
        "R8",
        "Climate change, Mr. Obama often says, is the greatest threat.",
        "Climate",
        "says",
        "Mr. Obama",
        ["Climate change", "is the greatest threat"],
        None,
    ),
    (
        "R8",
        "Climate change policy, Mr. Obama often says, is the greatest threat.",
        "Climate",
        "says",
        "Mr. Obama",
        None,
        None,
    ),
    (
        "R9",
        "He said it would hit the U.S. mainland soon. Then more.",
        "it would hit the U.S",
        "said",
        "He",
        ["it would hit the U.S. mainland soon"],
        None,
    ),
    ("R9", "He said it would hit the coast. Then more.", "it would hit the coast", "said", "He", None, None),
]


@pytest.mark.parametrize(
    ("rule", "text", "content", "cue", "source", "want", "want_cue"),
    CASES,
    ids=[f"{c[0]}-{'pos' if c[5] or c[6] else 'neg'}-{i}" for i, c in enumerate(CASES)],
)
def test_rule(rule, text, content, cue, source, want, want_cue):
    d = draft(text, content, cue, source)
    (out,) = refine(text, [d], skip=ALL - {rule})
    assert out.content is not None and out.content.fragment_texts(text) == (want or d.content.fragment_texts(text))
    assert (out.cue.text if out.cue else None) == (want_cue or cue)
    assert out.source == d.source


@pytest.mark.parametrize(("rule", "text", "content", "cue", "source", "want", "want_cue"), CASES)
def test_rule_alone_in_full_refine(rule, text, content, cue, source, want, want_cue):
    """Every case also passes through the whole rule set with valid offsets."""
    for out in refine(text, [draft(text, content, cue, source)]):
        for s in (out.content, out.cue, out.source):
            assert s is None or text[s.start : s.end] == s.text


def test_r7_drops_absorbed_half_and_relinks_continuations():
    text = '"This country needs a leader," he said. "We need a leader with integrity."\n\n"And a wall."'
    first = draft(text, "This country needs a leader", "said", "he", id="r1")
    second = draft(text, "We need a leader with integrity.", "said", "he", id="r2")
    third = DraftAttribution(kind="direct", content=find(text, "And a wall."), id="r3", continues="r2")
    before = [first, second, third]
    out = refine(text, [first, second, third])
    assert [d.id for d in out] == ["r1", "r3"]
    assert out[0].content is not None and out[0].content.parts == (
        find(text, "This country needs a leader").parts + find(text, "We need a leader with integrity.").parts
    )
    assert out[1].continues == "r1"  # the dropped half's continuation now points at the merged quote
    assert [first, second, third] == before and third.continues == "r2"  # the input drafts are not changed


def test_model_mode_applies_refine_without_a_parse():
    """(min_confidence 0: this hand-made proposal carries none of the tagger's scores, so the calibrated
    confidence would leave it under the shipped floor; the boundary refinement is what is tested.)"""
    text = "Too often, Mr. Clarke said, the debate is infected with tribalism."
    state = DocState(article=Article(id="a", text=text), doc=None)  # type: ignore[arg-type]
    state.proposals = [draft(text, "the debate is infected with tribalism", "said", "Mr. Clarke")]
    run_stage(AttributionStage(Options(mode="model", min_confidence=0.0)), state)
    assert state.attributions[0].content is not None and state.attributions[0].content.start == 0
    assert state.proposals[0].content is not None and state.proposals[0].content.start > 0


# ---------------------------------------------------------------- offsets stay valid on arbitrary text
PIECES = [
    '"',
    "“",
    "”",
    "''",
    "'",
    "’",
    ",",
    ".",
    "?",
    "(",
    ")",
    ":",
    " ",
    " ",
    " ",
    "\n",
    "said",
    "he",
    "Mr.",
    "also",
    "PENCE:",
    "U.S.",
    "the",
    "and",
    "that",
    "going",
    "Too often",
    "quickly",
    "A",
    "b",
]


@st.composite
def documents(draw: st.DrawFn) -> tuple[str, list[DraftAttribution]]:
    text = "".join(draw(st.lists(st.sampled_from(PIECES), min_size=1, max_size=40)))
    n = len(text)

    def span(nullable: bool = True) -> Span | None:
        if nullable and draw(st.booleans()):
            return None
        cuts = sorted(set(draw(st.lists(st.integers(0, n), min_size=2, max_size=6))))
        pieces = [(a, b) for a, b in zip(cuts[::2], cuts[1::2]) if b > a]
        return Span.of_fragments(text, pieces) if pieces else None

    drafts = [
        DraftAttribution(kind="direct", content=span(False), cue=span(), source=span())
        for _ in range(draw(st.integers(1, 4)))
    ]
    return text, drafts


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_refine_keeps_offsets_valid(doc):
    text, drafts = doc
    before = [(d.content, d.cue, d.source) for d in drafts]
    out = refine(text, drafts)
    assert len(out) <= len(drafts)
    for d in out:
        for s in (d.content, d.cue, d.source):
            if s is not None:
                assert 0 <= s.start <= s.end <= len(text)
                assert text[s.start : s.end] == s.text
                assert all(s.start <= a < b <= s.end for a, b in s.parts)
    assert [(d.content, d.cue, d.source) for d in drafts] == before
