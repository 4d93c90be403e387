"""Decoding: BIO Viterbi, window merging, spans widened to words and trimmed."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from whosaid.learn.data import ROLES
from whosaid.pipeline.attribution.decode import (
    decode_spans,
    join_adjacent,
    log_softmax,
    merge_windows,
    tags_to_spans,
    viterbi_bio,
    viterbi_loop,
    viterbi_scan,
)


@given(arrays(np.float64, st.tuples(st.integers(1, 40), st.just(3)), elements=st.floats(-20, 20)))
def test_viterbi_never_puts_i_after_o(scores):
    tags = viterbi_bio(log_softmax(scores))
    assert tags[0] != 2
    for a, b in zip(tags[:-1], tags[1:]):
        assert not (a == 0 and b == 2)


def test_viterbi_repairs_a_lone_inside_tag():
    lp = np.log(np.array([[0.9, 0.05, 0.05], [0.3, 0.3, 0.4], [0.9, 0.05, 0.05]]))
    assert viterbi_bio(lp).tolist() in ([0, 1, 0], [0, 0, 0])


@pytest.mark.parametrize(
    ("tags", "spans"),
    [
        ([0, 1, 2, 0, 1, 1, 2], [(1, 3), (4, 5), (5, 7)]),
        ([2, 2, 0], [(0, 2)]),
        ([0, 0], []),
        ([1], [(0, 1)]),
    ],
)
def test_tags_to_spans(tags, spans):
    assert tags_to_spans(np.array(tags)) == spans


def test_merge_windows_prefers_the_window_centre():
    n = 10
    sure_b = np.tile(np.array([0.0, 5.0, 0.0] * len(ROLES)), (6, 1))
    sure_o = np.tile(np.array([5.0, 0.0, 0.0] * len(ROLES)), (6, 1))
    probs = merge_windows(n, [(0, 6, sure_b), (4, 10, sure_o)])
    assert probs.shape == (n, len(ROLES), 3)
    np.testing.assert_allclose(probs.sum(axis=2), 1.0)
    assert probs[0, 0].argmax() == 1 and probs[9, 0].argmax() == 0
    # piece 4 is at the right edge of window 1 and the left edge of window 2: a tie, both counted
    assert 0.3 < probs[4, 0, 1] < 0.7


def test_decode_spans_widen_and_trim():
    text = 'She said "unbelievable results."'
    offsets = [(0, 3), (4, 8), (9, 10), (10, 16), (16, 22), (23, 30), (30, 31), (31, 32)]
    probs = np.zeros((len(offsets), len(ROLES), 3))
    probs[:, :, 0] = 1.0
    con = ROLES.index("content")
    # content tagged from the quote mark to the middle of "unbelievable" (pieces 2-4) then again 5-7
    probs[2:8, con] = [0, 0, 1]
    probs[2, con] = [0, 1, 0]
    probs[4, con] = [0, 1, 0]  # a B in the middle of a word starts a new span there
    spans = decode_spans(text, offsets, probs)
    got = {text[s:e] for s, e, _ in spans["content"]}
    for s, e, score in spans["content"]:
        assert 0 <= s < e <= len(text) and 0 <= score <= 1
        assert text[s].isalnum() and text[e - 1].isalnum()
    # the B in the middle of the word touches the first span: one span, widened to whole words, quote trimmed
    assert got == {"unbelievable results"}
    assert spans["source"] == [] and spans["cue"] == []


@pytest.mark.parametrize(
    ("text", "offsets", "spans", "want"),
    [
        ("has said it", [(0, 3), (4, 8), (9, 11)], [(0, 1), (1, 2)], [(0, 2)]),  # touching: joined
        ("has said it", [(0, 3), (4, 8), (9, 11)], [(0, 1), (2, 3)], [(0, 1), (2, 3)]),  # a gap: kept apart
        ("end\nnew", [(0, 3), (4, 7)], [(0, 1), (1, 2)], [(0, 1), (1, 2)]),  # a line break: kept apart
    ],
)
def test_join_adjacent(text, offsets, spans, want):
    assert join_adjacent(text, offsets, spans) == want


def _score(logp, tags):
    return float(logp[np.arange(len(tags)), tags].sum())


@given(
    arrays(np.float64, st.tuples(st.integers(0, 60), st.just(3)), elements=st.floats(-8, 8)),
    st.sampled_from([0.0, 2.0, 5.0]),
)
def test_the_fast_viterbi_finds_the_exact_best_sequence(scores, o_bias):
    """Without a step per piece where the best tags break no rule; the same best sequence as the exact loop."""
    scores = scores.copy()
    scores[:, 0] += o_bias  # mostly O, as in news text
    lp = log_softmax(scores)
    fast, exact = viterbi_bio(lp), viterbi_loop(lp)
    assert _score(lp, fast) == pytest.approx(_score(lp, exact), abs=1e-9)
    assert len(fast) == len(exact)
    if len(fast):
        assert fast[0] != 2 and not np.any((fast[:-1] == 0) & (fast[1:] == 2))


def test_the_fast_viterbi_repairs_only_the_stretch_that_needs_it():
    lp = np.log(
        np.array(
            [[0.1, 0.8, 0.1], [0.6, 0.1, 0.3], [0.3, 0.3, 0.4], [0.9, 0.05, 0.05], [0.1, 0.8, 0.1], [0.1, 0.1, 0.8]]
        )
    )
    # piece 2's own best (I after O) is not allowed; the B at 0 and 4 keep theirs, as does the I after 4
    assert viterbi_bio(lp).tolist() == viterbi_loop(lp).tolist()
    assert viterbi_bio(lp).tolist()[4:] == [1, 2]


def _spans_by_loop(tags):
    out, start = [], -1
    for i, t in enumerate(tags):
        if t == 1 or (t == 2 and start < 0):
            if start >= 0:
                out.append((start, i))
            start = i
        elif t == 0 and start >= 0:
            out.append((start, i))
            start = -1
    if start >= 0:
        out.append((start, len(tags)))
    return out


@given(st.lists(st.integers(0, 2), max_size=50))
def test_tags_to_spans_reads_every_sequence_like_a_scan(tags):
    assert tags_to_spans(np.array(tags, dtype=np.int64)) == _spans_by_loop(tags)


@given(arrays(np.float64, st.tuples(st.integers(0, 80), st.just(3)), elements=st.floats(-8, 8)), st.booleans())
def test_the_scan_viterbi_equals_the_loop(scores, first_may_be_inside):
    lp = log_softmax(scores)
    scan = viterbi_scan(lp, first_may_be_inside=first_may_be_inside)
    loop = viterbi_loop(lp, first_may_be_inside=first_may_be_inside)
    assert _score(lp, scan) == pytest.approx(_score(lp, loop), abs=1e-9)
    if len(scan) and not first_may_be_inside:
        assert scan[0] != 2
