"""Candidate search (MinHash LSH over windows of word bigrams) and speaker keys."""

from __future__ import annotations

import numpy as np
import pytest
from datasketch import MinHash
from hypothesis import given
from hypothesis import strategies as st

from whosaid.provenance import Sketcher, SketchParams, compatible, speaker_key
from whosaid.provenance.sketch import window_starts
from whosaid.provenance.text import match_words, tokenize

LONG = match_words(
    tokenize(
        "Well let me tell you something folks, when I look at the numbers and what is happening "
        "in this country, we will build a great wall and Mexico will pay for it, believe me"
    )
)


@pytest.mark.parametrize("n, starts", [(0, []), (1, [0]), (8, [0]), (9, [0, 1]), (12, [0, 2, 4]), (13, [0, 2, 4, 5])])
def test_windows_cover_every_word(n, starts):
    assert window_starts(n, SketchParams()) == starts


def test_a_word_signature_is_datasketchs():
    sk = Sketcher()
    m = MinHash(num_perm=sk.params.num_perm, seed=sk.params.seed)
    m.update(b"bridge")
    assert np.array_equal(sk.signatures(["bridge"])[0], m.hashvalues)


def test_keys_are_deterministic_and_shared_by_excerpts():
    a, b = Sketcher(), Sketcher()
    assert a.band_keys(LONG) == b.band_keys(LONG)
    excerpt = LONG[LONG.index("we") :]  # "we will build a great wall ..."
    assert set(a.band_keys(excerpt)) & set(a.band_keys(LONG))
    changed = [("strong" if w == "great" else w) for w in excerpt]
    assert set(a.band_keys(changed)) & set(a.band_keys(LONG))
    other = match_words(tokenize("Taxes will not rise next year whatever the council decides about the budget"))
    assert not set(a.band_keys(other)) & set(a.band_keys(LONG))


@given(st.lists(st.sampled_from("we will build a great wall and they pay for it now".split()), min_size=1, max_size=40))
def test_every_statement_gets_keys(words):
    sk = Sketcher()
    keys = sk.band_keys(words)
    assert keys == sorted(set(keys)) and len(keys) <= len(window_starts(len(words), sk.params)) * sk.params.bands
    assert all(-(2**63) <= k < 2**63 for k in keys)


@pytest.mark.parametrize(
    "row, key",
    [
        ({"source_type": "person", "speaker": "Sen. Ann Lee", "person_key": None}, "ann lee"),
        ({"source_type": "person", "speaker": "Lee", "person_key": "ann lee"}, "ann lee"),  # linked in its article
        ({"source_type": "person", "speaker": "he", "person_key": None}, None),
        ({"source_type": "social_media", "speaker": "Donald Trump", "person_key": None}, "donald trump"),
        ({"source_type": "organization", "speaker": "The  White House", "person_key": None}, "org:the white house"),
        ({"source_type": "anonymous", "speaker": None, "person_key": None}, None),
        ({"source_type": "document", "speaker": "the report", "person_key": None}, None),
    ],
)
def test_speaker_key(row, key):
    assert speaker_key(row) == key


@pytest.mark.parametrize(
    "a, b, ok",
    [
        ("donald trump", "donald trump", True),
        ("trump", "donald trump", True),  # a surname alone
        ("hillary clinton", "hillary rodham clinton", True),
        ("hillary clinton", "bill clinton", False),
        ("ann lee", "bo chan", False),
        ("ann lee", None, True),  # unknown agrees with everyone
        ("ann lee", "org:city hall", True),  # person vs organization: not a conflict
        ("org:city hall", "org:the council", False),
        ("org:tax policy center", "org:the tax policy center", True),
    ],
)
def test_compatible(a, b, ok):
    assert compatible(a, b) is ok and compatible(b, a) is ok
