"""The Pipeline's batches: a stage may offer ``pipe(states)`` (contracts and on_error stay per article); long
texts are parsed in bounded pieces."""

from __future__ import annotations

from typing import Any, ClassVar

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from whosaid.errors import StageError
from whosaid.model import Article
from whosaid.pipeline import DocState, Pipeline
from whosaid.pipeline.core import parse_pieces
from whosaid.pipeline.state import QuoteSpan


class BatchQuotes:
    """Assigns one made-up quote per article, the same alone or in a batch; records how it was called."""

    name: ClassVar[str] = "quotes"
    requires: ClassVar[tuple[str, ...]] = ("parsed_text",)
    assigns: ClassVar[tuple[str, ...]] = ("quotes",)

    def __init__(self, *, fail_on: str | None = None, pipe_fails: bool = False, short: bool = False) -> None:
        self.fail_on, self.pipe_fails, self.short = fail_on, pipe_fails, short
        self.calls: list[tuple[str, int]] = []

    def _one(self, state: DocState) -> dict[str, Any]:
        if state.article.id == self.fail_on:
            raise RuntimeError(f"cannot read {state.article.id}")
        n = len(state.parsed_text)
        return {"quotes": [QuoteSpan(0, n, 0, n, 0)]}

    def __call__(self, state: DocState) -> dict[str, Any]:
        self.calls.append(("call", 1))
        return self._one(state)

    def pipe(self, states: list[DocState]) -> list[dict[str, Any]]:
        self.calls.append(("pipe", len(states)))
        if self.pipe_fails:
            raise RuntimeError("the batch failed")
        out = [self._one(s) for s in states]
        return out[:-1] if self.short else out


class Lengths:
    """A later stage without ``pipe``: reads what the batch stage wrote."""

    name: ClassVar[str] = "cues"
    requires: ClassVar[tuple[str, ...]] = ("quotes",)
    assigns: ClassVar[tuple[str, ...]] = ("cues",)

    def __init__(self) -> None:
        self.seen: list[int] = []

    def __call__(self, state: DocState) -> dict[str, Any]:
        self.seen.append(sum(q.inner_len for q in state.quotes))
        return {"cues": []}


ARTICLES = [Article(id=f"a{i}", text="Word. " * (i + 1)) for i in range(5)]


def run(nlp: Any, stage: BatchQuotes, *, batch_size: int, on_error: str = "raise") -> tuple[list[Any], Lengths]:
    later = Lengths()
    pipe = Pipeline(stages=[stage, later], nlp=nlp, on_error=on_error)
    return list(pipe.pipe(ARTICLES, batch_size=batch_size)), later


@pytest.mark.parametrize(
    ("batch_size", "calls"),
    [
        (1, [("call", 1)] * 5),  # a batch of one needs no pipe
        (2, [("pipe", 2), ("pipe", 2), ("call", 1)]),
        (5, [("pipe", 5)]),
        (64, [("pipe", 5)]),
    ],
)
def test_a_stage_with_pipe_gets_each_batch_and_its_outputs_are_written_per_article(nlp, batch_size, calls):
    stage = BatchQuotes()
    analyses, later = run(nlp, stage, batch_size=batch_size)
    assert stage.calls == calls
    assert [a.article.id for a in analyses] == [a.id for a in ARTICLES]  # input order
    assert later.seen == [len(a.text) for a in ARTICLES]  # each article got its own output


@pytest.mark.parametrize("broken", [{"pipe_fails": True}, {"short": True}])
def test_a_failing_or_short_pipe_is_redone_article_by_article(nlp, broken):
    stage = BatchQuotes(**broken)
    analyses, later = run(nlp, stage, batch_size=5)
    assert stage.calls == [("pipe", 5)] + [("call", 1)] * 5
    assert later.seen == [len(a.text) for a in ARTICLES]
    assert all(not a.warnings for a in analyses)


def test_on_error_warn_applies_to_the_one_bad_article_of_a_batch(nlp):
    stage = BatchQuotes(fail_on="a2")
    analyses, later = run(nlp, stage, batch_size=5, on_error="warn")
    assert [bool(a.warnings) for a in analyses] == [False, False, True, False, False]
    assert analyses[2].warnings == ("stage quotes failed: RuntimeError: cannot read a2",)
    assert later.seen == [6, 12, 0, 24, 30]  # the bad article's later stage ran on the empty default


def test_on_error_raise_names_the_bad_article_of_a_batch(nlp):
    with pytest.raises(StageError) as err:
        run(nlp, BatchQuotes(fail_on="a3"), batch_size=5)
    assert (err.value.stage, err.value.article_id) == ("quotes", "a3")


@settings(max_examples=200)
@given(st.text(alphabet="ab .\n", max_size=400), st.integers(1, 60))
def test_parse_pieces_join_back_and_keep_to_the_limit(text, limit):
    pieces = parse_pieces(text, limit)
    assert "".join(pieces) == text
    assert all(len(p) <= limit for p in pieces)
    assert all(pieces[:-1])  # no empty piece before the end


def test_parse_pieces_cut_at_paragraph_breaks_first():
    text = "One two. Three four.\n\nFive six. Seven.\nEight nine ten."
    assert parse_pieces(text, 30) == ["One two. Three four.\n\n", "Five six. Seven.\n", "Eight nine ten."]
    assert parse_pieces(text, 1000) == [text]


def test_a_long_article_is_parsed_in_pieces_and_analysed_as_one(nlp, monkeypatch):
    from whosaid.options import Options
    from whosaid.pipeline import core

    para = 'Officials said on Monday that the plan would work. "It is done," Mayor Ann Lee told reporters.\n\n'
    text = para * 12
    whole = Pipeline(Options(mode="rules"), nlp=nlp).analyze(Article(id="long", text=text))
    monkeypatch.setattr(core, "PARSE_CHARS", 3 * len(para) + 5)
    pipe = Pipeline(Options(mode="rules"), nlp=nlp)
    (doc,) = pipe.parse([text])
    assert doc.text == text and doc.has_annotation("DEP") and doc.has_annotation("ENT_IOB")
    assert [s.start_char for s in doc.sents][::2][:4] == [0, len(para), 2 * len(para), 3 * len(para)]
    pieces = pipe.analyze(Article(id="long", text=text))
    assert pieces.attributions == whole.attributions  # cut at paragraph breaks: nothing changes
    assert len(pieces.attributions) == 24


def test_a_batch_holds_at_most_batch_chars_of_text(nlp, monkeypatch):
    from whosaid.pipeline import core

    monkeypatch.setattr(core, "BATCH_CHARS", 40)  # texts of 6, 12, 18, 24, 30 characters
    stage = BatchQuotes()
    analyses, _ = run(nlp, stage, batch_size=64)
    assert stage.calls == [("pipe", 3), ("call", 1), ("call", 1)]  # 6+12+18 | 24 | 30: a long text goes alone
    assert [a.article.id for a in analyses] == [a.id for a in ARTICLES]


def test_a_batch_parses_each_text_as_it_parses_alone(nlp):
    """The parser decodes a batch in one sub-batch (core.parse sets its batch size): every doc's heads, labels,
    sentences, tags and entities are those it gets alone, whatever else is in the batch."""
    import numpy as np
    from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, POS, SENT_START, TAG

    texts = [
        "The mayor said on Tuesday that the bridge would reopen in May.",
        '"We are nearly done," she told reporters in Boston, according to a statement.',
        "Short.",
        "General Motors Corp said it would cut 10 pct of jobs. Ford did not comment. Analysts expect more cuts.",
        "",
    ] * 4
    cols = [HEAD, DEP, SENT_START, TAG, POS, ENT_IOB, ENT_TYPE]
    pipeline = Pipeline(nlp=nlp)
    together = pipeline.parse(texts)
    for text, doc in zip(texts, together, strict=True):
        (alone,) = pipeline.parse([text])
        assert np.array_equal(doc.to_array(cols), alone.to_array(cols)), text
