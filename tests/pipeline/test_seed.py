"""The seed article: the acceptance case that must always pass (the same definitions as score.py)."""

from __future__ import annotations

import pytest

from whosaid.eval import SEED_FLOORS, check_floors, score_seed


def test_seed_attributions_meet_the_floors(seed_gold, seed_any):
    res = score_seed(seed_gold, seed_any)
    assert res["missed"] == []
    assert check_floors(res, SEED_FLOORS) == [], res["wrong"]


def test_seed_cnn_statement_is_relayed_via_cnn(seed_any, request):
    if "hybrid" in request.node.name:  # the model's content swallows "Ivanka had stated clearly," (issue 13)
        request.applymarker(pytest.mark.xfail(strict=True, reason="issue 13: content holds its own source and cue"))
    (a,) = [a for a in seed_any.attributions if a.content and a.content.text.startswith("This time around")]
    assert a.via == "CNN" and a.kind == "direct"


def test_seed_unnamed_sources_are_anonymous_with_their_description(seed_any):
    anon = {a.source_description for a in seed_any.attributions if a.source_type == "anonymous"}
    assert {"sources", "A source close to Trump's eldest daughter", "the insider", "a close aide of Ivanka"} <= anon
