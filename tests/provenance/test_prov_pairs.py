"""The labelled PolNeAR train+dev pairs: the file holds references only, and the clustering meets the targets
(pairwise precision >= 95 %, recall >= 85 %) on them. Texts come from ../shared/data (skipped when absent)."""

from __future__ import annotations

import json
from collections import Counter

import pytest
from click.testing import CliRunner
from shared_data import shared_file

from whosaid.cli import main
from whosaid.eval.provenance import PROVENANCE_FLOORS, evaluate_provenance, load_pairs, load_texts


def test_pairs_file_holds_references_not_text():
    pairs = load_pairs()
    assert len(pairs) >= 200
    strata = Counter(p["stratum"] for p in pairs)
    assert strata["samesp"] >= 30 and strata["diffsp"] >= 30  # hard negatives of both kinds
    labels = Counter(p["same"] for p in pairs)
    assert labels[True] >= 60 and labels[False] >= 100
    keys = set()
    for p in pairs:
        assert set(p) == {"a", "b", "same", "reason", "stratum"} and p["reason"]
        for side in (p["a"], p["b"]):
            assert set(side) <= {"article", "content", "kind", "source_type", "speaker", "sha1"}
            assert all(0 <= s < e for s, e in side["content"]) and len(side["sha1"]) == 12
            assert side["article"].split("_")[0] in {
                "breitbart",
                "huff-post",
                "nyt",
                "politico",
                "usa-today",
                "wash-post",
                "west-journal",
            }
        key = frozenset(json.dumps(p[s], sort_keys=True) for s in ("a", "b"))
        assert key not in keys, "a pair is labelled twice"
        keys.add(key)


@pytest.fixture(scope="module")
def texts():
    pairs = load_pairs()
    files = [shared_file("polnear/train.jsonl"), shared_file("polnear/dev.jsonl")]
    return load_texts(files, {p[s]["article"] for p in pairs for s in ("a", "b")})


def test_targets_are_met(texts):
    score = evaluate_provenance(load_pairs(), texts)
    assert score.precision >= PROVENANCE_FLOORS["precision"], score.errors
    assert score.recall >= PROVENANCE_FLOORS["recall"], score.errors
    assert score.tp + score.fp + score.fn + score.tn == len(load_pairs())


def test_a_changed_text_is_refused(texts):
    pairs = load_pairs()[:1]
    broken = {k: dict(v, text=v["text"].replace("e", "a")) for k, v in texts.items()}
    from whosaid.errors import InputError

    with pytest.raises(InputError, match="differs from the one the pairs were labelled on"):
        evaluate_provenance(pairs, broken)


def test_eval_command_checks_the_targets(texts):
    shared_file("polnear/train.jsonl")
    result = CliRunner().invoke(main, ["eval", "provenance", "--json", "--check"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.stdout)
    assert figures["pairs"] == len(load_pairs()) and figures["precision"] >= 95 and figures["recall"] >= 85
