"""The batch decoder for spaCy's entity recognizer finds spaCy's own entities, token for token."""

from __future__ import annotations

import json

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from shared_data import shared_file

from whosaid.pipeline.fastner import NER_FACTORY, FastEntityRecognizer

COLUMNS = ("ENT_IOB", "ENT_TYPE", "ENT_KB_ID", "ENT_ID")

# what the recognizer's moves depend on: names at the start and end of a doc and of sentences, one-token docs,
# space tokens inside and around names, line breaks, numbers, dates and money, a name running into a sentence end
TEXTS = [
    "",
    "Obama",
    "Obama said.",
    "  Barack  Obama  met Angela Merkel in Berlin on Monday.  ",
    "He said Apple Inc. paid $3.5 billion.\nThe Bank of England declined to comment.",
    "Reuters reported that Donald Trump Jr. and Ivanka Trump visited New York City last week",
    "\n\nGeneral Motors Corp\n\nsaid on March 3, 1987 it would cut 10 pct of jobs. Ford did not.",
    "A. B. C. D. E. F. G. said the United Nations.",
    'Sen. Elizabeth Warren (D-Mass.) told CNN: "Wall Street" isn\'t the problem. Warren spoke in Boston.',
    "the end of Microsoft",
]


def _stock_ner_and_fast(nlp):
    """spaCy's recognizer (the one the whosaid pipeline wraps) and the wrapper itself."""
    fast = nlp.get_pipe("ner")
    assert isinstance(fast, FastEntityRecognizer)
    return fast.inner, fast


def _parsed(nlp, texts):
    """Docs run through every component before the recognizer, ready for both decoders."""
    docs = [nlp.make_doc(t) for t in texts]
    for name, proc in nlp.pipeline:
        if name == "ner":
            break
        docs = [proc(d) for d in docs]
    return docs


def _arrays(doc):
    from spacy.attrs import IDS

    return doc.to_array([IDS[c] for c in COLUMNS])


def _same_entities(nlp, texts, batch_size=16) -> int:
    stock, fast = _stock_ner_and_fast(nlp)
    docs = _parsed(nlp, texts)
    a = list(stock.pipe([d.copy() for d in docs], batch_size=batch_size))
    b = list(fast.pipe([d.copy() for d in docs], batch_size=batch_size))
    n = 0
    for x, y in zip(a, b, strict=True):
        assert np.array_equal(_arrays(x), _arrays(y)), (
            [(e.text, e.label_, e.start) for e in x.ents],
            [(e.text, e.label_, e.start) for e in y.ents],
        )
        assert [t.ent_iob_ for t in x] == [t.ent_iob_ for t in y]
        n += len(x.ents)
    return n


@pytest.mark.parametrize("batch_size", [1, 3, 64])
def test_the_batch_decoder_finds_spacys_entities(nlp, batch_size):
    assert _same_entities(nlp, TEXTS, batch_size) > 20


def test_every_token_is_inside_or_outside_an_entity_afterwards(nlp):
    _, fast = _stock_ner_and_fast(nlp)
    (doc,) = fast.pipe(_parsed(nlp, [TEXTS[3]]))
    assert {t.ent_iob_ for t in doc} <= {"B", "I", "O"} and "" not in {t.ent_iob_ for t in doc}
    assert "Angela Merkel" in [e.text for e in doc.ents if e.label_ == "PERSON"]
    assert all(not e[0].is_space for e in doc.ents)  # spaCy's moves never start an entity on a space


def test_entities_set_before_the_recognizer_go_to_spacys_decoder(nlp):
    """A preset entity constrains spaCy's moves; such a batch is left to spaCy, with the same result."""
    from spacy.tokens import Span

    stock, fast = _stock_ner_and_fast(nlp)
    docs = _parsed(nlp, ["Paris Hilton met John Smith in Paris."] * 2)
    for doc in docs:
        doc.set_ents([Span(doc, 0, 2, label="ORG")], default="unmodified")
    a, b = stock(docs[0]), fast(docs[1])
    assert np.array_equal(_arrays(a), _arrays(b))
    assert (b.ents[0].text, b.ents[0].label_) == ("Paris Hilton", "ORG")


def test_a_failing_batch_goes_to_the_error_handler(nlp, monkeypatch):
    _, fast = _stock_ner_and_fast(nlp)
    seen = []
    monkeypatch.setattr(fast, "decode", lambda docs: 1 / 0)
    try:
        fast.set_error_handler(lambda name, comp, docs, exc: seen.append((name, len(docs), type(exc).__name__)))
        docs = list(fast.pipe(_parsed(nlp, ["Obama spoke.", "Merkel too."]), batch_size=8))
    finally:
        fast.set_error_handler(None)
    assert len(docs) == 2 and seen == [("ner", 2, "ZeroDivisionError")]
    with pytest.raises(ZeroDivisionError):
        list(fast.pipe(_parsed(nlp, ["Obama spoke."])))


def test_the_pipeline_wraps_the_recognizer_only_when_fast(nlp):
    from spacy.pipeline import EntityRecognizer

    from whosaid.options import Options
    from whosaid.pipeline.nlp import load_nlp

    assert nlp.get_pipe_meta("ner").factory == NER_FACTORY
    assert "doc.ents" in nlp.analyze_pipes(pretty=False)["summary"]["ner"]["assigns"]
    assert nlp.pipe_names[-1] == "ner"
    assert set(nlp.get_pipe("ner").labels) >= {"PERSON", "ORG", "GPE"}
    stock = load_nlp(Options().pipeline, fast=False)
    assert type(stock.get_pipe("ner")) is EntityRecognizer


def test_a_recognizer_it_cannot_decode_is_left_to_spacy(nlp, monkeypatch):
    stock, fast = _stock_ner_and_fast(nlp)
    assert fast._supported()
    monkeypatch.setitem(stock.cfg, "beam_width", 4)  # beam search: spaCy's beam decoder, not the greedy one
    assert not fast._supported()
    called = []
    monkeypatch.setattr(fast, "decode", lambda docs: called.append(docs))
    (doc,) = fast.pipe(_parsed(nlp, ["Obama spoke in Paris."]))
    assert called == [] and [e.text for e in doc.ents] == ["Obama", "Paris"]


WORDS = ["Obama", "Paris", "said", "the", "Bank", "of", "England", "Inc.", "$", "5", "million", ",", ".", " ", "\n"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=40), st.integers(1, 5))
def test_random_word_soups_give_spacys_entities(nlp, words, batch_size):
    text = " ".join(words)
    _same_entities(nlp, [text, text.upper(), text.lower()], batch_size)


@pytest.mark.slow
def test_the_batch_decoder_finds_spacys_entities_on_shared_news(nlp):
    texts = []
    for rel, n in (("polnear/dev.jsonl", 10), ("news/reuters-sample-1000.jsonl", 300), ("gum/news.jsonl", 5)):
        with shared_file(rel).open(encoding="utf-8") as fh:
            texts += [json.loads(line)["text"] for line, _ in zip(fh, range(n))]
    assert _same_entities(nlp, texts, batch_size=64) > 5_000
