"""The rule attribution engine on hand-written sentences: table-driven, with negative cases."""

from __future__ import annotations

import pytest

from whosaid.model import Article


def run(pipeline, text):
    return pipeline.analyze(Article(id="t", text=text)).attributions


def only(pipeline, text):
    atts = run(pipeline, text)
    assert len(atts) == 1, [a.to_dict() for a in atts]
    return atts[0]


@pytest.mark.parametrize(
    "text,kind,source,cue,content",
    [
        ("The senator said that the bill would pass.", "indirect", "The senator", "said", "that the bill would pass"),
        (
            "Officials have repeatedly warned that the dam could fail.",
            "indirect",
            "Officials",
            "have repeatedly warned",
            "that the dam could fail",
        ),
        (
            'The mayor said, "We will rebuild the bridge by spring."',
            "direct",
            "The mayor",
            "said",
            "We will rebuild the bridge by spring.",
        ),
        (
            '"We will rebuild the bridge by spring," the mayor said.',
            "direct",
            "the mayor",
            "said",
            "We will rebuild the bridge by spring,",
        ),
        (
            "According to the report, unemployment rose sharply last year.",
            "according_to",
            "the report",
            "According to",
            "unemployment rose sharply last year",
        ),
        (
            "Unemployment rose sharply last year, according to the ministry.",
            "according_to",
            "the ministry",
            "according to",
            "Unemployment rose sharply last year",
        ),
        (
            "As per sources, the deal collapsed on Friday night.",
            "according_to",
            "sources",
            "As per",
            "the deal collapsed on Friday night",
        ),
        (
            'She told reporters she was "very happy" with the outcome of the vote.',
            "mixed",
            "She",
            "told",
            'she was "very happy" with the outcome of the vote',
        ),
    ],
)
def test_finds_the_three_roles(pipeline, text, kind, source, cue, content):
    a = only(pipeline, text)
    assert (a.kind, a.source.text, a.cue.text) == (kind, source, cue)
    assert a.content.text == content or " ".join(a.content.fragment_texts(text)) == content


def test_quote_split_around_the_cue_gives_fragments(pipeline):
    text = '"The plan is dead," he said. "We will start again next year with a new team."'
    a = only(pipeline, text)
    assert a.kind == "direct" and a.content.fragments is not None
    assert [text[s:e] for s, e in a.content.fragments] == [
        "The plan is dead,",
        "We will start again next year with a new team.",
    ]


def test_paragraph_opening_quote_continues_the_last_speaker(pipeline):
    text = (
        'The coach said, "We played badly in the first half of the game."\n\n'
        '"But the second half showed what this team can really do."'
    )
    atts = run(pipeline, text)
    assert len(atts) == 2
    assert (atts[0].source.text, atts[0].cue.text) == ("The coach", "said")
    assert atts[1].cue is None and atts[1].source is None
    assert atts[1].content.text == "But the second half showed what this team can really do."
    # the continuation is the coach's, as the first statement is: an unnamed person, typed by its description
    for a in atts:
        assert (a.speaker, a.source_type, a.source_description) == (None, "unknown", "The coach")


@pytest.mark.parametrize(
    "text",
    [
        "The bridge reopened on Monday after two years of repairs.",
        "He walked to the store and bought some bread.",
        'The so-called "reform" was never passed by the assembly.',
        "She has a house in Maine and a boat.",
    ],
)
def test_no_attribution_without_a_statement(pipeline, text):
    assert run(pipeline, text) == ()


@pytest.mark.parametrize(
    "text,source_type,description",
    [
        ("A source close to the minister said that he would resign.", "anonymous", "A source close to the minister"),
        ("Officials familiar with the plan said it would be delayed.", "anonymous", "Officials familiar with the plan"),
        ("The insider revealed that the talks had failed.", "anonymous", "The insider"),
        ("A new report found that sea levels are rising faster.", "document", "A new report"),
        ("The company said that profits fell in the third quarter.", "organization", "The company"),
    ],
)
def test_source_types_of_unnamed_sources(pipeline, text, source_type, description):
    a = only(pipeline, text)
    assert a.source_type == source_type
    assert a.source_description == description
    if source_type == "anonymous":
        assert a.speaker is None


def test_every_span_matches_the_text(pipeline, seed_article):
    an = pipeline.analyze(seed_article)
    text = seed_article.text
    for span in an.spans():
        assert text[span.start : span.end] == span.text
