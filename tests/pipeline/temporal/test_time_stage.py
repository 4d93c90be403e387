"""The time stage on parsed text: tense decides direction; said_at; events (spaCy needed, no shared data)."""

from __future__ import annotations

import datetime as dt

import pytest

from whosaid.model import Article, Span
from whosaid.pipeline import Pipeline, run_stage
from whosaid.pipeline.state import DocState, DraftAttribution
from whosaid.pipeline.syntax import parsed_length, tense_at
from whosaid.pipeline.temporal.said_at import SaidAtStage
from whosaid.pipeline.temporal.time import TimeStage

ANCHOR = dt.date(2024, 10, 23)  # a Wednesday


@pytest.fixture(scope="module")
def time_only(options, nlp):
    return Pipeline(options, nlp=nlp, stages=[TimeStage()])


def _times(pipe, text, anchor=ANCHOR):
    an = pipe.analyze(Article(id="t", text=text, date=anchor))
    for t in an.times:
        assert text[t.start : t.end] == t.text
        assert t.anchor == anchor.isoformat()
    return {t.text: t.value for t in an.times}


@pytest.mark.parametrize(
    "text,expected",
    [
        ("The minister resigned on Monday.", {"Monday": "2024-10-21"}),
        ("The minister will resign on Monday.", {"Monday": "2024-10-28"}),
        ("The talks are expected to resume on Monday.", {"Monday": "2024-10-28"}),
        ("The company said Friday it had sold the unit.", {"Friday": "2024-10-18"}),
        ("The offer was set to expire Nov. 6, the company said.", {"Nov. 6": "2024-11-06"}),
        ("The vote took place in March.", {"March": "2024-03"}),
        ("The vote will take place in March.", {"March": "2025-03"}),
    ],
)
def test_tense_of_the_governing_verb(time_only, text, expected):
    assert _times(time_only, text) == expected


def test_tense_at_reads_the_verb(nlp):
    doc = nlp("She will arrive on Friday. He left on Monday. He says today is fine.")
    assert tense_at(doc, doc.text.index("Friday"), doc.text.index("Friday") + 6) == "future"
    assert tense_at(doc, doc.text.index("Monday"), doc.text.index("Monday") + 6) == "past"
    assert tense_at(doc, doc.text.index("today"), doc.text.index("today") + 5) == "present"


def test_stage_without_article_date_gives_underspecified_values(time_only):
    an = time_only.analyze(Article(id="t", text="He left yesterday, in 2019.", date=None))
    assert [(t.text, t.value, t.anchor) for t in an.times] == [
        ("yesterday", "XXXX-XX-XX", None),
        ("2019", "2019", None),
    ]


def _state(nlp, options, text, cue_text, content_text, anchor=ANCHOR):
    art = Article(id="t", text=text, date=anchor)
    state = DocState(article=art, doc=nlp(text))
    run_stage(TimeStage(), state)
    c0 = text.index(cue_text)
    k0 = text.index(content_text)
    state.attributions = [
        DraftAttribution(
            kind="indirect",
            content=Span.of(text, k0, k0 + len(content_text)),
            cue=Span.of(text, c0, c0 + len(cue_text)),
            id="r1",
        )
    ]
    return state


@pytest.mark.parametrize(
    "text,cue,content,said_at",
    [
        (
            "Back in 2022, Ivanka had stated that she would leave politics.",
            "stated",
            "she would leave politics",
            "2022",
        ),
        ("The company said Friday that sales fell in 2019.", "said", "sales fell in 2019", "2024-10-18"),
        ("The minister says the talks failed in 2019.", "says", "the talks failed in 2019", "2024-10-23"),
        ("The minister said the talks failed in 2019.", "said", "the talks failed in 2019", None),
    ],
)
def test_said_at(nlp, options, text, cue, content, said_at):
    state = _state(nlp, options, text, cue, content)
    run_stage(SaidAtStage(), state)
    assert state.said_at == {"r1": said_at}


def test_events_are_dated_clauses_with_participants(pipeline):
    text = (
        "Alice Johnson was granted clemency in 2018 and pardoned in 2020. "
        "The two friends met a decade ago, when they first worked at Acme Corp."
    )
    an = pipeline.analyze(Article(id="t", text=text, date=dt.date(2024, 10, 26)))
    by_when = {e.when: e for e in an.events}
    assert "granted clemency" in by_when["2018"].what
    assert "pardoned" in by_when["2020"].what
    assert "Alice Johnson" in by_when["2018"].participants
    assert "worked" in by_when["2014"].what
    for e in an.events:
        assert text[e.evidence.start : e.evidence.end] == e.evidence.text
        assert e.time is not None and text[e.time.start : e.time.end] == e.time.text


def test_no_event_for_future_or_quoted_times(pipeline):
    text = 'She hopes to leave politics someday. "We met in 2010," he said.'
    an = pipeline.analyze(Article(id="t", text=text, date=dt.date(2024, 10, 26)))
    assert an.events == ()


@pytest.mark.parametrize(
    "text", ["", "  ", "Plain text.", "Ends with spaces   ", "\n\nTwo paragraphs.\n\nSecond one here.\n", "a  b\t c"]
)
def test_parsed_length_is_the_length_of_the_doc_text(nlp, text):
    doc = nlp(text)
    assert parsed_length(doc) == len(doc.text) == len(text)


def test_the_stage_asks_for_each_tense_once(nlp, options, monkeypatch):
    import whosaid.pipeline.temporal.time as time_stage

    calls: list[tuple[int, int]] = []
    real = time_stage.tense_at
    monkeypatch.setattr(time_stage, "tense_at", lambda doc, s, e: calls.append((s, e)) or real(doc, s, e))
    # "quarterly" (an adjective) is rejected, so extract() resolves the other expressions again
    text = "The vote in May was held on Monday, and the quarterly report came in March."
    state = DocState(article=Article(id="t", text=text, date=ANCHOR), doc=nlp(text), warnings=[])
    run_stage(TimeStage(), state)
    assert state.times and len(calls) == len(set(calls))
