"""Hybrid merge of rule attributions with tagger proposals (no model needed)."""

from __future__ import annotations

import pytest

from whosaid.model import Span
from whosaid.pipeline.attribution.merge import MergePolicy, merge_proposals, same_statement
from whosaid.pipeline.state import DraftAttribution

TEXT = (
    "Mayor Ann Lee said on Monday that the bridge will reopen in May. "
    '"It is safe," she told reporters. Critics disagree.'
)


def sp(sub: str, nth: int = 0) -> Span:
    i = -1
    for _ in range(nth + 1):
        i = TEXT.index(sub, i + 1)
    return Span.of(TEXT, i, i + len(sub))


def att(content, cue=None, source=None, origin="rules", kind="direct", **kw):
    """A draft; its id (unless given) says who proposed it and where its content starts (``r12``, ``p40``)."""
    kw.setdefault("id", f"{'p' if origin == 'model' else 'r'}{content.start if content is not None else 'x'}")
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
    rule = att(
        sp("that the bridge will reopen in May"), sp("said"), sp("Ann Lee"), cue_head=3, source_head=2, confidence=0.6
    )
    prop = att(sp("the bridge will reopen in May"), sp("said"), sp("Mayor Ann Lee"), origin="model", confidence=0.9)
    (out,) = merge_proposals([rule], [prop])
    assert out.origin == "both"
    assert out.content == prop.content and out.cue == prop.cue
    assert out.source == prop.source  # the model's boundaries, the rules' resolution
    assert (out.id, out.cue_head, out.source_head) == (rule.id, 3, 2)  # the rules' statement, resolved later
    assert out.confidence == 0.9
    (out,) = merge_proposals(
        [rule],
        [prop],  # type: ignore[arg-type]
        policy=MergePolicy(rule_source_on_overlap=True),
    )
    assert out.source == rule.source  # the switch: an overlapping rule source (the parse's noun phrase) wins


def test_rule_only_statement_is_added_and_overlapping_rule_is_dropped():
    prop = att(sp("the bridge will reopen in May"), sp("said"), sp("Mayor Ann Lee"), origin="model")
    rule_missed = att(sp("It is safe"), sp("told"), sp("she"))
    # overlaps the proposal but is not the same statement
    rule_partial = att(sp("in May"), sp("said"), kind="indirect")
    out = merge_proposals([rule_missed, rule_partial], [prop])
    assert [o.content.text for o in out] == ["the bridge will reopen in May", "It is safe"]
    assert [o.origin for o in out] == ["model", "rules"]


PARA = 'Critics said "it is not safe at all." Lee said.\n\n"We checked it twice," Lee said.'


def psp(sub: str) -> Span:
    i = PARA.index(sub)
    return Span.of(PARA, i, i + len(sub))


@pytest.mark.parametrize(
    ("policy", "content", "kept"),
    [
        # a proposal that cuts across the quote's edge within one paragraph
        ("paragraph", 'safe at all." Lee', True),
        ("always", 'safe at all." Lee', False),
        ("never", 'safe at all." Lee', True),
        # ... and one that also runs over the paragraph break into the next quote
        ("paragraph", 'safe at all." Lee said.\n\n"We checked', False),
        ("never", 'safe at all." Lee said.\n\n"We checked', True),
        # a content that holds the whole quote does not cut it
        ("paragraph", 'Critics said "it is not safe at all." Lee said.\n\n"We checked it twice', True),
        # "matched": dropped only when another proposal matched the quote
        ("matched", 'safe at all." Lee', True),
    ],
)
def test_proposals_crossing_a_rule_quote(policy, content, kept):
    quote = DraftAttribution(
        kind="direct", content=psp("it is not safe at all"), cue=psp("said"), source=psp("Critics"), origin="rules"
    )
    prop = DraftAttribution(kind="indirect", content=psp(content), cue=None, source=None, origin="model")
    out = merge_proposals([quote], [prop], policy=MergePolicy(drop_crossing=policy))
    assert any(o.origin == "model" for o in out) is kept
    # the rule quote comes back only where nothing overlaps it
    assert any(o.origin == "rules" for o in out) is (not kept)


def test_matched_quote_drops_a_second_crossing_proposal():
    quote = DraftAttribution(
        kind="direct", content=psp("it is not safe at all"), cue=psp("said"), source=psp("Critics"), origin="rules"
    )
    same = DraftAttribution(
        kind="direct", content=psp("it is not safe at all"), cue=psp("said"), source=psp("Critics"), origin="model"
    )
    cross = DraftAttribution(kind="indirect", content=psp('safe at all." Lee'), cue=None, source=None, origin="model")
    out = merge_proposals(
        [quote],
        [same, cross],  # type: ignore[arg-type]
        policy=MergePolicy(drop_crossing="matched"),
    )
    assert [o.origin for o in out] == ["both"]


def test_unknown_crossing_policy_is_an_error():
    with pytest.raises(ValueError, match="drop_crossing"):
        MergePolicy(drop_crossing="sometimes")
    with pytest.raises(ValueError, match="rule_cue_when_missing"):
        MergePolicy(rule_cue_when_missing="often")


@pytest.mark.parametrize(
    ("kind", "policy", "want_cue"),
    [
        ("direct", "quotes", "told"),  # a quote's cue (a byline's dash) fills the proposal's gap
        ("direct", "never", None),
        ("indirect", "quotes", None),  # reported speech: the model's missing cue stays missing
        ("indirect", "always", "told"),
    ],
)
def test_rule_cue_where_the_proposal_has_none(kind, policy, want_cue):
    rule = att(sp("It is safe"), sp("told"), sp("she"), kind=kind)
    prop = att(sp("It is safe"), None, sp("she"), origin="model")
    (out,) = merge_proposals(
        [rule],
        [prop],  # type: ignore[arg-type]
        policy=MergePolicy(rule_cue_when_missing=policy),
    )
    assert (out.cue.text if out.cue else None) == want_cue


def test_proposal_without_source_borrows_the_rule_source():
    rule = att(sp("It is safe"), sp("told"), sp("she"))
    prop = att(sp("It is safe"), sp("told"), None, origin="model")
    (out,) = merge_proposals([rule], [prop])
    assert out.source == sp("she") and out.id == rule.id


def test_continues_links_survive_the_merge():
    first = att(sp("the bridge will reopen in May"), sp("said"), sp("Mayor Ann Lee"), id="r1")
    second = att(sp("It is safe"), sp("told"), sp("she"), id="r2", continues="r1")
    prop = att(sp("the bridge will reopen in May"), sp("said"), sp("Mayor Ann Lee"), origin="model", id="p1")
    out = merge_proposals([first, second], [prop])
    merged = next(o for o in out if o.origin == "both")
    copy = next(o for o in out if o.content == second.content)
    assert merged.id == "r1" and copy.continues == "r1"  # the merged statement keeps the rule's id
    assert second.continues == "r1" and first.id == "r1"  # the input drafts are not changed


def test_a_continuation_of_a_statement_left_out_is_cleared():
    first = att(sp("the bridge will reopen in May"), sp("said"), sp("Mayor Ann Lee"), kind="indirect", id="r1")
    second = att(sp("It is safe"), sp("told"), sp("she"), id="r2", continues="r1")
    prop = att(sp("Critics disagree"), None, None, origin="model", id="p1")
    out = merge_proposals([first, second], [prop])
    assert [o.id for o in out] == ["p1", "r2"]  # the unquoted rule statement is left out (the model's call)
    assert out[1].continues is None


def test_no_proposals_keeps_rules_unchanged():
    rules = [att(sp("It is safe"), sp("told"), sp("she"))]
    assert merge_proposals(rules, []) == rules


def test_a_different_rule_source_does_not_replace_the_model_source():
    rule = att(sp("It is safe"), sp("told"), sp("reporters"), kind="indirect")
    prop = att(sp("It is safe"), sp("told"), sp("she"), origin="model")
    (out,) = merge_proposals([rule], [prop])
    assert out.source == sp("she") and out.source_head is None


@pytest.mark.parametrize(
    ("model_source", "rule_spans_on_quotes", "expected"),
    [
        ("she", False, "she"),  # the model's source wins by default
        ("she", True, "reporters"),  # the switch: quote pairing's source and cue win
        ("It", False, "reporters"),  # a model source inside the quote is never its speaker
    ],
)
def test_quoted_statement_source(model_source, rule_spans_on_quotes, expected):
    rule = att(sp("It is safe"), sp("told"), sp("reporters"), kind="direct")
    prop = att(sp("It is safe"), sp("said"), sp(model_source), origin="model")
    (out,) = merge_proposals(
        [rule],
        [prop],  # type: ignore[arg-type]
        policy=MergePolicy(rule_spans_on_quotes=rule_spans_on_quotes),
    )
    assert out.source == sp(expected) and out.origin == "both"
    assert out.cue == (sp("told") if expected == "reporters" else sp("said"))


def test_unquoted_rule_only_statement_is_left_out():
    prop = att(sp("the bridge will reopen in May"), sp("said"), sp("Mayor Ann Lee"), origin="model")
    rule = att(sp("It is safe"), sp("told"), sp("she"), kind="indirect")
    out = merge_proposals([rule], [prop])
    assert [o.origin for o in out] == ["model"]


def test_model_source_between_the_fragments_of_a_split_quote_is_kept():
    # '"A," she said, "B."': the source sits between the fragments, not inside the quoted words
    text = '"We will win," Lee said, "and soon."'
    frag = Span(
        start=1,
        end=text.index("and soon") + 8,
        text=text[1 : text.index("and soon") + 8],
        fragments=((1, 12), (text.index("and soon"), text.index("and soon") + 8)),
    )
    lee = Span.of(text, text.index("Lee"), text.index("Lee") + 3)
    said = Span.of(text, text.index("said"), text.index("said") + 4)
    rule = DraftAttribution(kind="direct", content=frag, cue=said, source=lee, origin="rules")
    prop = DraftAttribution(kind="direct", content=Span.of(text, 1, 12), cue=said, source=lee, origin="model")
    (out,) = merge_proposals([rule], [prop])
    assert out.content == frag and out.source == lee
