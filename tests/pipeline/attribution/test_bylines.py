"""Quote bylines (pipeline/bylines.py): '"..." ― Name' attributes the quote to Name."""

from __future__ import annotations

import pytest

from whosaid.pipeline import run_stage
from whosaid.pipeline.attribution.bylines import find_bylines
from whosaid.pipeline.attribution.quotes import find_quotes


def _bylines(text: str) -> list[tuple[str, str, str]]:
    quotes = find_quotes(text)
    found = find_bylines(text, quotes, min_words=3)
    return [(text[q.inner_start : q.inner_end], text[d[0] : d[1]], text[n[0] : n[1]]) for q, d, n in found.values()]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        (
            "“He is someone no sane person would want.” ― Christina Luis\n",
            [("He is someone no sane person would want.", "―", "Christina Luis")],
        ),
        (
            '"We need law and order, and he will bring it." - Steve Quinlan.',
            [("We need law and order, and he will bring it.", "-", "Steve Quinlan")],
        ),
        (
            '"It is not accurate at all, I helped write that bill."\n\n-Bernie Sanders, in Iowa.',
            [("It is not accurate at all, I helped write that bill.", "-", "Bernie Sanders")],
        ),
        (
            "“I would rather live in hell than under him.” — Ana de la Cruz “Another quote of five words.” — Jo Li",
            [
                ("I would rather live in hell than under him.", "—", "Ana de la Cruz"),
                ("Another quote of five words.", "—", "Jo Li"),
            ],
        ),
        # negatives: no dash, a lower-case continuation, a dashed section title, too short a quote
        ('"We need law and order in this land," Steve Quinlan said.', []),
        ('"does she have to keep giving them ammunition?" - Democrats in Iowa who watched the debate', []),
        ("“Take sides in the news.”\n\n– An immigrant himself –.", []),
        ('"Yes sir." - Steve Quinlan.', []),
    ],
)
def test_find_bylines(text, want):
    assert _bylines(text) == want


def test_byline_attribution_in_the_rules(nlp):
    from whosaid.model import Article
    from whosaid.pipeline.attribution.cues import CueStage
    from whosaid.pipeline.attribution.quotes import QuoteStage
    from whosaid.pipeline.attribution.rules import RuleAttributor
    from whosaid.pipeline.state import DocState

    text = (
        "Readers wrote in.\n\n“He is someone that no sane person would want as president.” ― Christina Luis\n\n"
        "The mayor said the plan was dead."
    )
    state = DocState(article=Article(id="t", text=text), doc=nlp(text))
    run_stage(QuoteStage(), state)
    run_stage(CueStage(), state)
    atts = RuleAttributor(state).run()
    by_source = {a.source.text: a for a in atts if a.source is not None}
    byline = by_source["Christina Luis"]
    assert (byline.kind, byline.cue.text) == ("direct", "―")
    assert byline.content.text == "He is someone that no sane person would want as president."
    assert text[byline.source.start : byline.source.end] == "Christina Luis"
    assert by_source["The mayor"].cue.text == "said"  # the verb rules still work beside it


def test_a_mispaired_quote_gets_no_byline():
    """Mixed marks can pair the wrong marks: a "quote" that runs over another quote's byline is not attributed."""
    from whosaid.pipeline.state import QuoteSpan

    text = "“One quote here, in words.” ― Ana Ruiz ”Two quote here, in words.” ― Jo Li"
    second_close = text.rindex("”")
    right = QuoteSpan(
        start=text.index("”Two"),
        end=second_close + 1,
        inner_start=text.index("Two"),
        inner_end=second_close,
        paragraph=0,
    )
    wrong = QuoteSpan(start=0, end=second_close + 1, inner_start=1, inner_end=second_close, paragraph=0)
    assert [text[n[0] : n[1]] for _, _, n in find_bylines(text, [right], min_words=3).values()] == ["Jo Li"]
    assert find_bylines(text, [wrong], min_words=3) == {}


def test_a_name_may_run_into_the_next_quote_whatever_its_mark():
    text = "“Trump scares me, he really does.” ― Ana Ruiz ”Another quote of several words here.” ― Jo Li"
    assert [name for _, _, name in _bylines(text)][:1] == ["Ana Ruiz"]
