"""Hybrid merge of rule attributions with tagger proposals (no model needed)."""

from __future__ import annotations

import pytest

from whosaid.model import Span
from whosaid.pipeline.base import DraftAttribution
from whosaid.pipeline.merge import merge_proposals, same_statement

TEXT = ('Mayor Ann Lee said on Monday that the bridge will reopen in May. '
        '"It is safe," she told reporters. Critics disagree.')


def sp(sub: str, nth: int = 0) -> Span:
    i = -1
    for _ in range(nth + 1):
        i = TEXT.index(sub, i + 1)
    return Span.of(TEXT, i, i + len(sub))


def att(content, cue=None, source=None, origin="rules", kind="direct", **kw):
    return DraftAttribution(kind=kind, content=content, cue=cue, source=source, origin=origin, **kw)


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("the bridge will reopen in May", "the bridge will reopen in May", True),
        ("that the bridge will reopen in May", "the bridge will reopen in May", True),
        ("the bridge will reopen in May", "in May", False),
        ("It is safe", "the bridge will reopen in May", False),
    ],
)
def test_same_statement(a, b, same):
    assert same_statement(sp(a), sp(b)) is same


def test_same_statement_none():
    assert not same_statement(None, sp("It is safe"))


def test_matched_statement_takes_model_spans_and_rule_resolution():
    rule = att(sp("that the bridge will reopen in May"), sp("said"), sp("Ann Lee"), speaker="Ann Lee",
               speaker_id="e1", source_type="person", confidence=0.6)
    prop = att(sp("the bridge will reopen in May"), sp("said"), sp("Mayor Ann Lee"), origin="model",
               confidence=0.9)
    (out,) = merge_proposals([rule], [prop], state=None)  # type: ignore[arg-type]
    assert out.origin == "both"
    assert out.content == prop.content and out.cue == prop.cue
    assert out.source == rule.source  # overlapping sources: the parse's noun phrase wins
    assert (out.speaker, out.speaker_id, out.source_type) == ("Ann Lee", "e1", "person")
    assert out.confidence == 0.9


def test_rule_only_statement_is_added_and_overlapping_rule_is_dropped():
    prop = att(sp("the bridge will reopen in May"), sp("said"), sp("Mayor Ann Lee"), origin="model")
    rule_missed = att(sp("It is safe"), sp("told"), sp("she"))
    # overlaps the proposal but is not the same statement
    rule_partial = att(sp("in May"), sp("said"), kind="indirect")
    out = merge_proposals([rule_missed, rule_partial], [prop], state=None)  # type: ignore[arg-type]
    assert [o.content.text for o in out] == ["the bridge will reopen in May", "It is safe"]
    assert [o.origin for o in out] == ["model", "rules"]


def test_proposal_cutting_across_a_rule_quote_is_dropped():
    rule_quote = att(sp("It is safe"), sp("told"), sp("she"), kind="direct")
    prop = att(sp("safe,\" she told reporters. Critics"), None, None, origin="model")
    out = merge_proposals([rule_quote], [prop], state=None)  # type: ignore[arg-type]
    assert [(o.content.text, o.origin) for o in out] == [("It is safe", "rules")]


def test_proposal_without_source_borrows_the_rule_source():
    rule = att(sp("It is safe"), sp("told"), sp("she"), speaker="Ann Lee")
    prop = att(sp("It is safe"), sp("told"), None, origin="model")
    (out,) = merge_proposals([rule], [prop], state=None)  # type: ignore[arg-type]
    assert out.source == sp("she") and out.speaker == "Ann Lee"


def test_continues_links_are_remapped():
    first = att(sp("the bridge will reopen in May"), sp("said"), sp("Mayor Ann Lee"))
    second = att(sp("It is safe"), sp("told"), sp("she"), continues=0)
    prop = att(sp("Critics disagree"), None, None, origin="model")
    out = merge_proposals([first, second], [prop], state=None)  # type: ignore[arg-type]
    assert out[0].origin == "model"
    i_first = next(i for i, o in enumerate(out) if o.content == first.content)
    i_second = next(i for i, o in enumerate(out) if o.content == second.content)
    assert i_first != 0 and out[i_second].continues == i_first
    assert second.continues == 0  # the input drafts are not changed


def test_no_proposals_keeps_rules_unchanged():
    rules = [att(sp("It is safe"), sp("told"), sp("she"))]
    assert merge_proposals(rules, [], state=None) == rules  # type: ignore[arg-type]


def test_continues_given_as_an_attribution_is_remapped():
    first = att(sp("the bridge will reopen in May"), sp("said"), sp("Mayor Ann Lee"))
    second = att(sp("It is safe"), sp("told"), sp("she"), kind="direct")
    second.continues = first  # type: ignore[assignment]
    prop = att(sp("the bridge will reopen in May"), sp("said"), sp("Mayor Ann Lee"), origin="model")
    out = merge_proposals([first, second], [prop], state=None)  # type: ignore[arg-type]
    merged = next(o for o in out if o.origin == "both")
    copy = next(o for o in out if o.content == second.content)
    assert copy.continues is merged


def test_a_different_rule_source_does_not_replace_the_model_source():
    rule = att(sp("It is safe"), sp("told"), sp("reporters"), speaker="reporters", kind="indirect")
    prop = att(sp("It is safe"), sp("told"), sp("she"), origin="model")
    (out,) = merge_proposals([rule], [prop], state=None)  # type: ignore[arg-type]
    assert out.source == sp("she") and out.source_head is None


def test_a_quoted_statement_keeps_the_rules_source_and_cue():
    # quote pairing gives the exact source ("the insider"), even where the model tags a name inside the quote
    rule = att(sp("It is safe"), sp("told"), sp("reporters"), speaker="reporters", kind="direct")
    prop = att(sp("It is safe"), sp("said"), sp("she"), origin="model")
    (out,) = merge_proposals([rule], [prop], state=None)  # type: ignore[arg-type]
    assert out.source == sp("reporters") and out.cue == sp("told") and out.origin == "both"


def test_unquoted_rule_only_statement_is_left_out():
    prop = att(sp("the bridge will reopen in May"), sp("said"), sp("Mayor Ann Lee"), origin="model")
    rule = att(sp("It is safe"), sp("told"), sp("she"), kind="indirect")
    out = merge_proposals([rule], [prop], state=None)  # type: ignore[arg-type]
    assert [o.origin for o in out] == ["model"]
