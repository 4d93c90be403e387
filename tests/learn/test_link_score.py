"""Linking role spans into attributions, and the role scorer (checked against shared/tools/score.py)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from whosaid.learn.link import gap, link_spans
from whosaid.learn.score import score_roles


def _find(text: str, sub: str, nth: int = 0) -> tuple[int, int, float]:
    i = -1
    for _ in range(nth + 1):
        i = text.index(sub, i + 1)
    return (i, i + len(sub), 0.9)


def _as_text(text, linked):
    return [tuple(text[x[0]:x[1]] if x else None for x in (a.source, a.cue, a.content)) for a in linked]


CASES = [
    # (text, sources, cues, contents, expected (source, cue, content) triples)
    ("Trump said that the wall would be built.", ["Trump"], ["said"], ["the wall would be built"],
     [("Trump", "said", "the wall would be built")]),
    ('"We will win," Clinton told reporters.', ["Clinton"], ["told"], ["We will win"],
     [("Clinton", "told", "We will win")]),
    ('"We will win," she said, "and soon."', ["she"], ["said"], ['We will win," she said, "and soon'],
     [("she", "said", 'We will win," she said, "and soon')]),
    ("According to officials, the plant closed.", ["officials"], ["According to"], ["the plant closed"],
     [("officials", "According to", "the plant closed")]),
    # two statements, two cues: each cue keeps its own content and source
    ("Smith said taxes rose. Jones argued that costs fell.", ["Smith", "Jones"], ["said", "argued"],
     ["taxes rose", "costs fell"], [("Smith", "said", "taxes rose"), ("Jones", "argued", "costs fell")]),
    # a cue far from any content stays alone; a source in another paragraph is not taken
    ("Brown said it.\n\n" + "x " * 150 + "the vote failed.", ["Brown"], ["said"], ["the vote failed"],
     [("Brown", "said", None), (None, None, "the vote failed")]),
]


@pytest.mark.parametrize(("text", "sources", "cues", "contents", "want"), CASES)
def test_link_spans(text, sources, cues, contents, want):
    linked = link_spans(text, [_find(text, s) for s in sources], [_find(text, c) for c in cues],
                        [_find(text, c) for c in contents])
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
spans_st = st.lists(st.tuples(st.integers(0, len(TEXT)), st.integers(0, len(TEXT)))
                    .map(lambda t: (min(t), max(t))), max_size=6)


@settings(max_examples=60, deadline=None)
@given(gold=spans_st, pred=spans_st)
def test_role_scores_match_the_shared_scorer(gold, pred):
    shared = _shared_scorer()
    exact, soft_p, soft_g, n_p, n_g = shared.score_spans(set(gold), set(pred), TEXT)
    ours = score_roles([(TEXT, {"cue": gold}, {"cue": pred})])
    assert ours["cue_exact_prf"] == shared.prf(exact, n_p, exact, n_g)
    assert ours["cue_overlap_prf"] == shared.prf(soft_p, n_p, soft_g, n_g)
    assert ours["source_exact_prf"] == (0.0, 0.0, 0.0)
