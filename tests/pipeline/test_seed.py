"""The seed article: the acceptance case that must always pass (the same definitions as score.py)."""

from __future__ import annotations

from whosaid.eval import SEED_FLOORS, check_floors, score_seed


def test_seed_attributions_meet_the_floors(seed_gold, seed_analysis):
    res = score_seed(seed_gold, seed_analysis)
    assert res["missed"] == []
    assert check_floors(res, SEED_FLOORS) == [], res["wrong"]


def test_seed_cnn_statement_is_relayed_via_cnn(seed_analysis):
    (a,) = [a for a in seed_analysis.attributions if a.content and a.content.text.startswith("This time around")]
    assert a.via == "CNN" and a.kind == "direct"


def test_seed_unnamed_sources_are_anonymous_with_their_description(seed_analysis):
    anon = {a.source_description for a in seed_analysis.attributions if a.source_type == "anonymous"}
    assert {"sources", "A source close to Trump's eldest daughter", "the insider", "a close aide of Ivanka"} <= anon
