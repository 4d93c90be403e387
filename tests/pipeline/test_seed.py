"""The seed article: the acceptance case that must always pass (the same definitions as score.py)."""

from __future__ import annotations

from whosaid.eval import SEED_FLOORS, check_floors, score_seed
from whosaid.model import CATEGORIES


def test_seed_attributions_meet_the_floors(seed_gold, seed_any):
    res = score_seed(seed_gold, seed_any)
    assert res["missed"] == []
    assert check_floors(res, SEED_FLOORS) == [], res["wrong"]


def test_seed_cnn_statement_is_relayed_via_cnn(seed_any):
    """The quotation is Ivanka's, relayed by CNN: its content holds neither "Ivanka had stated clearly," nor
    "According to CNN" (in hybrid mode the tagger's content swallowed the frame until issue 13)."""
    (a,) = [a for a in seed_any.attributions if a.content and a.content.text.startswith("This time around")]
    assert a.via == "CNN" and a.kind == "direct" and a.said_at == "2022"
    assert a.source is not None and a.source.text == "Ivanka" and a.cue is not None and "stated" in a.cue.text


def test_seed_records_are_whole_and_distinct(seed_gold, seed_any):
    """Issue 13: no record without content, no content twice, at most 2 records that match no gold statement.

    (Between the merge of issue 17 and the calibration refit on merged main the bound was 3: a cue-less tagger
    record, "US Weekly and working with the Trump administration" -> "a pardon for Alice Marie Johnson", sat at
    probability 0.31, over the 0.30 floor; refitted on merged main's output it is 0.26 and left out.)
    """
    res = score_seed(seed_gold, seed_any)
    assert res["records_without_content"] == 0
    assert res["duplicate_contents"] == 0
    assert res["unmatched_records"] <= 2, [a.content.text[:40] for a in seed_any.attributions]


def test_seed_required_statements_are_assertions(seed_gold, seed_any):
    """Every record has a category; the 9 required statements are assertions (said, wrote, revealed, according
    to, as per)."""
    assert all(a.category in CATEGORIES for a in seed_any.attributions)
    for g in (g for g in seed_gold["attributions"] if g["required"]):
        gs, ge = g["content"]["start"], g["content"]["end"]
        (a,) = [
            a
            for a in seed_any.attributions
            if any(min(ge, e) - max(gs, s) > 0.5 * (ge - gs) for s, e in a.content.parts)
        ]
        assert a.category == "assertion", (g["content"]["text"][:40], a.category)


def test_seed_unnamed_sources_are_anonymous_with_their_description(seed_any):
    anon = {a.source_description for a in seed_any.attributions if a.source_type == "anonymous"}
    assert {"sources", "A source close to Trump's eldest daughter", "the insider", "a close aide of Ivanka"} <= anon
