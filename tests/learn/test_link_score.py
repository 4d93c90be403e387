"""Linking role spans into attributions, and the role scorer (checked against shared/tools/score.py)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from whosaid.learn.score import score_roles
from whosaid.pipeline.attribution.link import gap, link_spans


def _find(text: str, sub: str, nth: int = 0) -> tuple[int, int, float]:
    i = -1
    for _ in range(nth + 1):
        i = text.index(sub, i + 1)
    return (i, i + len(sub), 0.9)


def _as_text(text, linked):
    return [tuple(text[x[0] : x[1]] if x else None for x in (a.source, a.cue, a.content)) for a in linked]


CASES = [
    # (text, sources, cues, contents, expected (source, cue, content) triples)
    (
        "Trump said that the wall would be built.",
        ["Trump"],
        ["said"],
        ["the wall would be built"],
        [("Trump", "said", "the wall would be built")],
    ),
    (
        '"We will win," Clinton told reporters.',
        ["Clinton"],
        ["told"],
        ["We will win"],
        [("Clinton", "told", "We will win")],
    ),
    (
        '"We will win," she said, "and soon."',
        ["she"],
        ["said"],
        ['We will win," she said, "and soon'],
        [("she", "said", 'We will win," she said, "and soon')],
    ),
    (
        "According to officials, the plant closed.",
        ["officials"],
        ["According to"],
        ["the plant closed"],
        [("officials", "According to", "the plant closed")],
    ),
    # two statements, two cues: each cue keeps its own content and source
    (
        "Smith said taxes rose. Jones argued that costs fell.",
        ["Smith", "Jones"],
        ["said", "argued"],
        ["taxes rose", "costs fell"],
        [("Smith", "said", "taxes rose"), ("Jones", "argued", "costs fell")],
    ),
    # a cue far from any content stays alone; a source in another paragraph is not taken
    (
        "Brown said it.\n\n" + "x " * 150 + "the vote failed.",
        ["Brown"],
        ["said"],
        ["the vote failed"],
        [("Brown", "said", None), (None, None, "the vote failed")],
    ),
]


@pytest.mark.parametrize(("text", "sources", "cues", "contents", "want"), CASES)
def test_link_spans(text, sources, cues, contents, want):
    linked = link_spans(
        text, [_find(text, s) for s in sources], [_find(text, c) for c in cues], [_find(text, c) for c in contents]
    )
    assert sorted(_as_text(text, linked), key=str) == sorted(want, key=str)


def test_every_content_and_cue_is_kept():
    text = "He said A. She said B. They said C."
    cues = [_find(text, "said", i) for i in range(3)]
    contents = [_find(text, x) for x in ("A", "B", "C")]
    linked = link_spans(text, [], cues, contents)
    assert {a.content for a in linked if a.content} == set(contents)
    assert {a.cue for a in linked if a.cue} == set(cues)


def test_gap():
    assert gap((0, 5), (5, 9)) == 0
    assert gap((0, 5), (8, 9)) == 3
    assert gap((8, 9), (0, 5)) == 3
    assert gap((0, 9), (2, 3)) == 0


def _shared_scorer():
    path = Path(__file__).resolve().parents[3] / "shared" / "tools" / "score.py"
    if not path.exists():
        pytest.skip("shared/tools/score.py not found")
    spec = importlib.util.spec_from_file_location("shared_score", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)  # type: ignore[union-attr]
    return mod


TEXT = 'Officials said "the deal, signed Monday, is off." — Reuters, citing aides: no comment.'
spans_st = st.lists(
    st.tuples(st.integers(0, len(TEXT)), st.integers(0, len(TEXT))).map(lambda t: (min(t), max(t))), max_size=6
)


@settings(max_examples=60, deadline=None)
@given(gold=spans_st, pred=spans_st)
def test_role_scores_match_the_shared_scorer(gold, pred):
    shared = _shared_scorer()
    exact, soft_p, soft_g, n_p, n_g = shared.score_spans(set(gold), set(pred), TEXT)
    ours = score_roles([(TEXT, {"cue": gold}, {"cue": pred})])
    assert ours["cue_exact_prf"] == shared.prf(exact, n_p, exact, n_g)
    assert ours["cue_overlap_prf"] == shared.prf(soft_p, n_p, soft_g, n_g)
    assert ours["source_exact_prf"] == (0.0, 0.0, 0.0)


# ---------------------------------------------------------------- min_score: after linking, and its selection
def test_keep_confident_drops_doubtful_spans_after_linking():
    from whosaid.pipeline.attribution.link import Linked, keep_confident

    linked = [
        Linked(content=(0, 5, 0.95), cue=(6, 10, 0.5), source=(11, 15, 0.9)),  # cue too doubtful
        Linked(content=(20, 30, 0.4), cue=(31, 35, 0.4), source=(36, 40, 0.99)),  # only a source left
        Linked(content=None, cue=(50, 54, 0.8), source=None),
    ]
    out = keep_confident(linked, {"source": 0.6, "cue": 0.6, "content": 0.7})
    assert [(a.content, a.cue, a.source) for a in out] == [
        ((0, 5, 0.95), None, (11, 15, 0.9)),
        (None, (50, 54, 0.8), None),
    ]
    assert keep_confident(linked, {}) == linked  # no thresholds: everything stays


def test_a_doubtful_content_still_holds_its_cue():
    """Thresholds apply after linking: the cue of a dropped content must not take the next statement."""
    from whosaid.pipeline.attribution.link import keep_confident

    text = "Many critics attacked her record. According to the Post, she was upset."
    linked = link_spans(
        text,
        [_find(text, "Many critics"), _find(text, "the Post")],
        [_find(text, "attacked"), _find(text, "According to")],
        [(*_find(text, "her record")[:2], 0.5), _find(text, "she was upset")],
    )
    out = keep_confident(linked, {"content": 0.8})
    pairs = {text[a.cue[0] : a.cue[1]]: (text[a.content[0] : a.content[1]] if a.content else None) for a in out}
    assert pairs == {"attacked": None, "According to": "she was upset"}


SELECT_TEXT = "Ann said yes. Bob said no. Cy said maybe."


@pytest.mark.parametrize(
    ("pred", "want"),
    [
        # the doubtful span is wrong: the threshold rises just above its score
        ([("Ann", 0.9), ("Bob", 0.9), ("said", 0.3)], 0.35),
        # every span right: no threshold (ties go to the lowest)
        ([("Ann", 0.9), ("Bob", 0.4)], 0.0),
        # the doubtful span is right and the confident one wrong: dropping the right one never helps
        ([("Ann", 0.4), ("yes", 0.95)], 0.0),
    ],
)
def test_select_min_scores(pred, want):
    from whosaid.learn.score import select_min_scores

    gold = {"source": [_find(SELECT_TEXT, "Ann")[:2], _find(SELECT_TEXT, "Bob")[:2]]}
    spans = {"source": [(*_find(SELECT_TEXT, w)[:2], p) for w, p in pred]}
    got = select_min_scores([(SELECT_TEXT, gold, spans)])
    assert got["source"] == want
    assert got["cue"] == got["content"] == 0.0
