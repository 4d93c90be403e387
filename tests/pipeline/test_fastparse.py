"""The drop-ins for spaCy's attribute ruler and rule lemmatizer give spaCy's own output, token for token."""

from __future__ import annotations

import json

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from shared_data import EXAMPLES, shared_file

from whosaid.pipeline.fastparse import RULER_FACTORY, speed_up

COLUMNS = ("TAG", "POS", "MORPH", "LEMMA", "DEP", "HEAD", "ENT_IOB", "ENT_TYPE", "SENT_START")

# every kind of pattern: single tokens (==, IN, NOT_IN, flags), several tokens, a regex, indices 0 / 1 / -1, and
# rules that overlap (the later one wins)
PATTERNS = [
    {"patterns": [[{"IS_ALPHA": True, "LOWER": {"NOT_IN": ["the", "a", "an"]}}]], "attrs": {"POS": "NOUN"}},
    {"patterns": [[{"LOWER": "the"}]], "attrs": {"POS": "DET", "MORPH": "Definite=Def|PronType=Art"}},
    {"patterns": [[{"LOWER": {"IN": ["a", "an"]}}]], "attrs": {"POS": "DET", "MORPH": "Definite=Ind"}},
    {"patterns": [[{"IS_PUNCT": True}]], "attrs": {"POS": "PUNCT", "MORPH": "PunctType=Peri"}},
    {"patterns": [[{"ORTH": "said"}], [{"ORTH": "Said"}]], "attrs": {"POS": "VERB", "LEMMA": "say"}},
    {"patterns": [[{"LOWER": "gon"}, {"LOWER": "na"}]], "attrs": {"LEMMA": "go"}, "index": 0},
    {"patterns": [[{"LOWER": "gon"}, {"LOWER": "na"}]], "attrs": {"LEMMA": "to", "POS": "PART"}, "index": 1},
    {"patterns": [[{"LOWER": {"REGEX": "^n'?t$"}}]], "attrs": {"POS": "PART", "LEMMA": "not"}},
    {"patterns": [[{"LOWER": "let"}, {"LOWER": "'s"}]], "attrs": {"POS": "PRON", "LEMMA": "us"}, "index": -1},
    {"patterns": [[{"LOWER": "said", "IS_TITLE": True}]], "attrs": {"MORPH": "Tense=Past"}},
]
WORDS = ["the", "The", "a", "An", "said", "Said", "gon", "na", "let", "'s", "n't", "nt", ",", ".", "Word", "x", "42"]


def _rulers(patterns):
    import spacy

    stock, fast = spacy.blank("en"), spacy.blank("en")
    stock.add_pipe("attribute_ruler").add_patterns(patterns)
    fast.add_pipe("attribute_ruler").add_patterns(patterns)
    assert speed_up(fast) == ["attribute_ruler"]
    return stock, fast


def _arrays(doc):
    from spacy.attrs import IDS

    return doc.to_array([IDS[c] for c in COLUMNS]), [str(t.morph) for t in doc]


def _same(a, b) -> None:
    xa, ma = _arrays(a)
    xb, mb = _arrays(b)
    assert np.array_equal(xa, xb), [(t.text, t.pos_, u.pos_, t.lemma_, u.lemma_) for t, u in zip(a, b)]
    assert ma == mb


@pytest.fixture(scope="module")
def rulers():
    return _rulers(PATTERNS)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=30))
def test_the_fast_ruler_sets_what_spacys_sets(rulers, words):
    from spacy.tokens import Doc

    stock, fast = rulers
    _same(stock(Doc(stock.vocab, words=words)), fast(Doc(fast.vocab, words=words)))


def test_the_fast_ruler_still_matches_when_its_memo_starts_again(monkeypatch):
    from spacy.tokens import Doc

    from whosaid.pipeline import fastparse

    monkeypatch.setattr(fastparse, "MEMO_LIMIT", 2)
    stock, fast = _rulers(PATTERNS)
    for words in (WORDS, WORDS[::-1], WORDS * 3):
        _same(stock(Doc(stock.vocab, words=words)), fast(Doc(fast.vocab, words=words)))


def test_a_pattern_index_outside_its_match_fails_as_in_spacy():
    from spacy.tokens import Doc

    bad = [{"patterns": [[{"LOWER": "gon"}, {"LOWER": "na"}]], "attrs": {"LEMMA": "go"}, "index": 2}]
    stock, fast = _rulers(bad)
    for nlp in (stock, fast):
        with pytest.raises(ValueError, match="E1001"):
            nlp(Doc(nlp.vocab, words=["gon", "na"]))


def test_the_fast_ruler_follows_its_patterns_when_they_are_cleared_and_replaced():
    from spacy.tokens import Doc

    stock, fast = _rulers(PATTERNS)
    words = ["the", "said", "x"]
    _same(stock(Doc(stock.vocab, words=words)), fast(Doc(fast.vocab, words=words)))
    # the same pattern numbers now mean other attributes: nothing of the old rules may stay
    swapped = [{**p, "attrs": {"POS": "X"}} for p in PATTERNS[:2]]
    for nlp in (stock, fast):
        ruler = nlp.get_pipe("attribute_ruler")
        ruler.clear()
        ruler.add_patterns(swapped)
    a, b = stock(Doc(stock.vocab, words=words)), fast(Doc(fast.vocab, words=words))
    _same(a, b)
    assert [t.pos_ for t in b] == ["X", "X", "X"]


def test_a_ruler_that_sets_lexeme_attributes_keeps_spacys_matching():
    from spacy.tokens import Doc

    norm = [{"patterns": [[{"LOWER": "gon"}]], "attrs": {"NORM": "going"}}, *PATTERNS]
    stock, fast = _rulers(norm)
    words = ["gon", "na", "said", "the", "x"]
    a, b = stock(Doc(stock.vocab, words=words)), fast(Doc(fast.vocab, words=words))
    _same(a, b)
    assert [t.norm_ for t in a] == [t.norm_ for t in b]


def test_the_whosaid_pipeline_swaps_exactly_three_components(nlp):
    from spacy.pipeline import AttributeRuler

    from whosaid.pipeline.fastparse import FastLemmatizer

    assert nlp.pipe_names == [
        "tok2vec",
        "tagger",
        "whosaid_paragraph_breaks",
        "parser",
        "attribute_ruler",
        "lemmatizer",
        "ner",
    ]
    ruler, lemmatizer = nlp.get_pipe("attribute_ruler"), nlp.get_pipe("lemmatizer")
    assert isinstance(ruler, AttributeRuler) and type(ruler) is not AttributeRuler
    assert nlp.get_pipe_meta("attribute_ruler").factory == RULER_FACTORY
    assert isinstance(lemmatizer, FastLemmatizer) and lemmatizer.inner.mode == "rule"
    assert type(nlp.get_pipe("ner")).__name__ == "FastEntityRecognizer"  # tests/pipeline/test_fastner.py


def _texts() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*.txt"))]
    texts += [
        (
            "He ain't gonna say it. Y'all know there's a reason. Let's go; c'mon. I'd've said no, "
            "wouldn't you? \"We won't,\" they said. It gets better; it got worse."
        )
    ]
    return texts


def _compare(texts: list[str]) -> int:
    from whosaid.options import Options
    from whosaid.pipeline.nlp import load_nlp

    stock, fast = load_nlp(Options().pipeline, fast=False), load_nlp(Options().pipeline)
    assert "attribute_ruler" in stock.pipe_names and type(stock.get_pipe("lemmatizer")).__name__ != "FastLemmatizer"
    n = 0
    for a, b in zip(stock.pipe(texts, batch_size=32), fast.pipe(texts, batch_size=32)):
        _same(a, b)
        n += len(a)
    return n


def test_the_fast_parse_equals_spacys_on_the_examples():
    assert _compare(_texts()) > 500


@pytest.mark.slow
def test_the_fast_parse_equals_spacys_on_shared_news():
    texts = []
    for rel, n in (("polnear/dev.jsonl", 5), ("news/reuters-sample-1000.jsonl", 100)):
        with shared_file(rel).open(encoding="utf-8") as fh:
            texts += [json.loads(line)["text"] for line, _ in zip(fh, range(n))]
    assert _compare(texts) > 10_000
