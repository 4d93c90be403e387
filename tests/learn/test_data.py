"""Data preparation: trimming, BIO labels per role, windows, PolNeAR reading."""

from __future__ import annotations

import json

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from whosaid.errors import InputError
from whosaid.learn.data import ROLES, load_polnear, token_labels, trim_span, windows


@pytest.mark.parametrize(
    ("text", "span", "want"),
    [
        ('He said "we will win."', (8, 22), "we will win"),
        ("“Yes,” she said", (0, 6), "Yes"),
        ("plain words", (0, 11), "plain words"),
        ("  -- ", (0, 5), ""),
        ("Trump's plan", (0, 7), "Trump's"),  # an inner apostrophe stays
    ],
)
def test_trim_span(text, span, want):
    s, e = trim_span(text, *span)
    assert text[s:e] == want


def test_token_labels_per_role_and_nesting():
    # tokens:      0      1       2       3      4      5
    offsets = [(0, 3), (4, 8), (9, 13), (14, 18), (19, 22), (23, 26)]
    spans = {
        "source": [(0, 3)],
        "cue": [(4, 8)],
        "content": [(9, 26), (14, 22)],  # the inner content is nested in the outer one
    }
    lab = token_labels(offsets, spans)
    assert lab.shape == (6, 3)
    src, cue, con = (lab[:, ROLES.index(r)].tolist() for r in ("source", "cue", "content"))
    assert src == [1, 0, 0, 0, 0, 0]
    assert cue == [0, 1, 0, 0, 0, 0]
    assert con == [0, 0, 1, 2, 2, 2]  # outer span wins; no B inside it


def test_token_labels_span_inside_a_token_marks_that_token():
    lab = token_labels([(0, 10)], {"cue": [(2, 4)]})
    assert lab[:, ROLES.index("cue")].tolist() == [1]
    assert lab[:, ROLES.index("source")].tolist() == [0]


@given(n=st.integers(0, 2000), size=st.integers(3, 600), data=st.data())
def test_windows_cover_every_token(n, size, data):
    stride = data.draw(st.integers(1, size - 2))
    wins = windows(n, size, stride)
    covered = np.zeros(n, dtype=bool)
    for lo, hi in wins:
        assert 0 <= lo < hi <= n or (n == 0 and (lo, hi) == (0, 0))
        assert hi - lo <= size - 2
        covered[lo:hi] = True
    assert covered.all()
    assert [w[0] for w in wins] == sorted({w[0] for w in wins})
    assert wins[-1][1] == n


def test_windows_start_on_word_starts():
    starts = np.array([i % 3 == 0 for i in range(50)])  # words of three pieces
    for lo, _ in windows(50, 12, 7, starts):
        assert starts[lo]


def test_windows_reject_bad_settings():
    with pytest.raises(ValueError):
        windows(10, 2, 1)
    with pytest.raises(ValueError):
        windows(10, 10, 0)


def test_load_polnear_fragments_and_trimming(tmp_path):
    text = '"We won," she said, "and we will win again."'
    row = {
        "id": "a1",
        "text": text,
        "attributions": [
            {
                "id": "E1",
                "source": {"start": 10, "end": 13, "text": "she"},
                "cue": {"start": 14, "end": 18, "text": "said"},
                "content": {"start": 1, "end": len(text) - 1, "text": "x", "fragments": [[1, 7], [21, len(text) - 1]]},
            },
            {"id": "E2", "source": None, "cue": {"start": 14, "end": 18, "text": "said"}, "content": None},
        ],
    }
    p = tmp_path / "d.jsonl"
    p.write_text(json.dumps(row) + "\n\n", encoding="utf-8")
    (ex,) = load_polnear(p)
    assert ex.id == "a1"
    assert ex.spans["source"] == [(10, 13)]
    assert ex.spans["cue"] == [(14, 18)]  # the same cue twice is one span
    ((s, e),) = ex.spans["content"]
    assert text[s:e] == 'We won," she said, "and we will win again'


def test_load_polnear_errors(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": 1, "text": "x"}\n{not json\n', encoding="utf-8")
    with pytest.raises(InputError, match=":2"):
        load_polnear(bad)
    with pytest.raises(InputError, match="cannot read"):
        load_polnear(tmp_path / "missing.jsonl")
