"""Source and cue edge conventions (pipeline/edges.py) and the speaker label as a frame (R5); no model, no spaCy."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_boundaries import ALL, find  # the same span helpers

from whosaid.model import Span
from whosaid.pipeline.attribution.boundaries import refine
from whosaid.pipeline.attribution.edges import EDGE_RULES
from whosaid.pipeline.state import DraftAttribution

# (rule, text, content, cue, source, expected source or None = unchanged, expected cue or None = unchanged)
CASES = [
    (
        "S1",
        "BRUSSELS - European leaders said they would meet.",
        "they would meet",
        "said",
        "BRUSSELS - European leaders",
        "European leaders",
        None,
    ),
    (
        "S1",
        "The EU - European leaders said they would meet.",
        "they would meet",
        "said",
        "The EU - European leaders",
        None,
        None,
    ),
    (
        "S2",
        "He voted no, Rep. Elijah E. Cummings (D-Md.) said in a call.",
        "He voted no",
        "said",
        "Rep. Elijah E. Cummings (D-Md",
        "Rep. Elijah E. Cummings (D-Md.)",
        None,
    ),
    ("S2", "Rep. Elijah E. Cummings (D-Md.) said no.", "no", "said", "Rep. Elijah E. Cummings (D-Md.)", None, None),
    (
        "S3",
        "It fell to Mr. Obama, who said the plan was dead.",
        "the plan was dead",
        "said",
        "Mr. Obama, who",
        "who",
        None,
    ),
    ("S3", "The man who knew said the plan was dead.", "the plan was dead", "said", "The man who knew", None, None),
    ("S3", "Aides said who would go.", "who would go", "said", "Aides", None, None),
    (
        "S4",
        "Hillary Clinton, at a press gaggle, said she was fine.",
        "she was fine",
        "said",
        "Hillary Clinton, at",
        "Hillary Clinton",
        None,
    ),
    (
        "S4",
        "Then the Supreme Court this month rejected the request.",
        "the request",
        "rejected",
        "the Supreme Court this",
        "the Supreme Court",
        None,
    ),
    ("S4", "The Department of State said no.", "no", "said", "The Department of State", None, None),
    (
        "S5",
        "American Express Co <AXP> said it sold.",
        "it sold",
        "said",
        "American Express Co <AXP",
        "American Express Co",
        None,
    ),
    (
        "S5",
        "American Express Co <AXP> said it sold.",
        "it sold",
        "said",
        "American Express Co <AXP>",
        "American Express Co",
        None,
    ),
    ("S5", "Talks ended. <Sedio N.V.> said it agreed.", "it agreed", "said", "Sedio N.V.>", "Sedio N.V.", None),
    ("S5", "Talks ended. <Sedio N.V.> said it agreed.", "it agreed", "said", "<Sedio N.V.>", "Sedio N.V.", None),
    ("S5", "Talks ended. <IBM> said it agreed.", "it agreed", "said", "<IBM", "IBM", None),
    ("S5", "The firm's CEO said it agreed.", "it agreed", "said", "The firm's CEO", None, None),
    # a company's name in brackets is no ticker: the source keeps it ("<Siemens A.G." cut at the period)
    (
        "S5",
        "Varian Associates Inc and <Siemens A.G.> said they agreed.",
        "they agreed",
        "said",
        "Varian Associates Inc and <Siemens A.G",
        None,
        None,
    ),
    ("C1", '"It\'s finished," she said of the election.', "It's finished", "said of", "she", None, "said"),
    ("C1", "Trump said on Twitter that he won.", "he won", "said on", "Trump", None, "said"),
    ("C1", "Trump relied on aides to win.", "aides", "relied on", "Trump", None, None),
    ("C1", "Trump said on Twitter that he won.", "he won", "said on Twitter", "Trump", None, None),
    (
        "C2",
        "DuVernay explained in an interview that it matters.",
        "it matters",
        "explained in an",
        "DuVernay",
        None,
        "explained in an interview",
    ),
    ("C2", "The two countries signed an agreement.", "an agreement", "signed", "The two countries", None, None),
]


@pytest.mark.parametrize(
    ("rule", "text", "content", "cue", "source", "want_source", "want_cue"),
    CASES,
    ids=[f"{c[0]}-{'pos' if c[5] or c[6] else 'neg'}-{i}" for i, c in enumerate(CASES)],
)
def test_edge_rule(rule, text, content, cue, source, want_source, want_cue):
    d = DraftAttribution(
        kind="indirect", content=find(text, content), cue=find(text, cue), source=find(text, source), origin="model"
    )
    (out,) = refine(text, [d], skip=ALL - {rule})
    assert (out.source.text if out.source else None) == (want_source or source)
    assert (out.cue.text if out.cue else None) == (want_cue or cue)
    assert out.content == d.content
    for s in (out.source, out.cue):
        assert s is None or text[s.start : s.end] == s.text
    assert d.source == find(text, source) and d.cue == find(text, cue)  # the input is left as it was


def test_every_edge_rule_has_cases():
    assert {name for name, _ in EDGE_RULES} <= {c[0] for c in CASES}


@pytest.mark.parametrize(
    ("text", "source", "want"),
    [
        ("WALLACE: If I may, sir, we have limited time.", None, ("WALLACE", ":")),
        ("WALLACE: If I may, sir, we have limited time.", "sir", ("sir", None)),  # a source of its own stays
        ("Wallace: If I may, sir, we have limited time.", None, None),  # not a transcript label
    ],
)
def test_speaker_label_becomes_the_frame(text, source, want):
    content = text[:-1]
    d = DraftAttribution(
        kind="direct", content=find(text, content), cue=None, source=find(text, source), origin="model"
    )
    (out,) = refine(text, [d], skip=ALL - {"R5"})
    got = (out.source.text if out.source else None, out.cue.text if out.cue else None)
    assert got == (want or (None, None))
    if want and want[0] == "WALLACE":
        assert out.content.text == "If I may, sir, we have limited time"


words = st.sampled_from(
    [
        "said",
        "of",
        "on",
        "the",
        "an",
        "who",
        "which",
        "(D-Md",
        ")",
        ",",
        "BRUSSELS",
        "-",
        "Mr.",
        "Obama",
        "in",
        "at",
        "this",
        "\n",
        "“",
        "”",
        "<AXP>",
        "<",
        ">",
    ]
)


@settings(max_examples=150, deadline=None)
@given(st.lists(words, min_size=3, max_size=16), st.data())
def test_edges_keep_offsets_valid(tokens, data):
    text = " ".join(tokens)
    n = len(text)
    spans = []
    for _ in range(3):
        a = data.draw(st.integers(0, n))
        b = data.draw(st.integers(a, n))
        spans.append(Span.of(text, a, b) if b > a else None)
    d = DraftAttribution(kind="indirect", content=spans[0], cue=spans[1], source=spans[2], origin="model")
    for out in refine(text, [d]):
        for s in (out.content, out.cue, out.source):
            assert s is None or (text[s.start : s.end] == s.text and s.end > s.start)
