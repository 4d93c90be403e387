"""Calibrated confidence (issue 13): the record signals, the shipped mapping and its loading."""

from __future__ import annotations

import json
import math

import pytest

from whosaid.errors import ConfigError
from whosaid.model import Span
from whosaid.pipeline.attribution.calibration import (
    FEATURES,
    Calibrator,
    mapping_file,
    mapping_for,
    record_features,
)
from whosaid.pipeline.attribution.cues import CueLexicon
from whosaid.pipeline.state import DraftAttribution

TEXT = 'The mayor said the bridge is safe. "We will win this race," she told reporters.'


@pytest.fixture(scope="module")
def lexicon():
    return CueLexicon.load()


def span(phrase: str) -> Span:
    i = TEXT.index(phrase)
    return Span.of(TEXT, i, i + len(phrase))


def features(lexicon, **kw) -> dict[str, float]:
    d = DraftAttribution(
        **(
            {
                "kind": "indirect",
                "content": span("the bridge is safe"),
                "cue": span("said"),
                "source": span("The mayor"),
                "id": "r1",
            }
            | kw
        )
    )
    values = record_features(TEXT, d, lexicon)
    assert len(values) == len(FEATURES) and all(math.isfinite(v) for v in values)
    return dict(zip(FEATURES, values))


def test_record_features_read_the_draft(lexicon):
    f = features(lexicon)
    assert f["raw_rules"] == 0.0 and f["origin_model"] == 0.0 and f["no_source"] == 0.0
    assert f["cue_share"] > 0.5 and f["cue_unknown"] == 0.0 and f["cue_apart"] == 0.0
    g = features(
        lexicon,
        origin="model",
        confidence=0.9,
        source=None,
        content_from="weak",
        category="belief",
        scores=(0.0, 0.8, 0.6),
        cue=span("bridge"),
    )
    assert g["raw_model"] == pytest.approx(math.log(0.9 / 0.1)) and g["origin_model"] == 1.0
    assert g["no_source"] == 1.0 and g["from_weak"] == 1.0 and g["cat_belief"] == 1.0 and g["cue_unknown"] == 1.0
    assert (g["score_source"], g["score_cue"], g["score_content"]) == (0.0, 0.8, 0.6)
    # a cue in another sentence than its content
    assert features(lexicon, cue=span("told"))["cue_apart"] == 1.0


def test_the_shipped_mapping_loads_for_every_mode_with_its_provenance():
    for mode in ("rules", "model", "hybrid"):
        cal = Calibrator.load(mode)
        assert len(cal.weights) == len(FEATURES) and 0.0 <= cal.min_probability < 1.0
        assert cal.provenance["fitted_on"].endswith("polnear/dev.jsonl")
        assert cal.provenance["cross_validated_ece"] <= 0.05 and cal.provenance["records"] > 500
        assert cal.provenance["command"].startswith("whosaid eval calibration --write")


def test_probability_is_a_logistic_of_the_signals():
    cal = Calibrator(tuple([0.0] * len(FEATURES)), 0.0)
    assert cal.probability([1.0] * len(FEATURES)) == 0.5
    up = Calibrator(tuple([1.0] + [0.0] * (len(FEATURES) - 1)), -1.0)
    assert up.probability([1.0] + [0.0] * (len(FEATURES) - 1)) == 0.5
    assert up.probability([3.0] + [0.0] * (len(FEATURES) - 1)) > 0.8
    assert up.probability([0.0] * len(FEATURES)) < 0.3


def test_mapping_for():
    assert mapping_for("hybrid", "rules") == "rules"
    assert [mapping_for("hybrid", o) for o in ("model", "both")] == ["hybrid", "hybrid"]
    assert mapping_for("model", "model") == "model" and mapping_for("rules", "rules") == "rules"


def test_a_mapping_file_round_trips(tmp_path):
    cal = Calibrator(tuple(float(i) for i in range(len(FEATURES))), 0.5, 0.3, {"records": 10})
    path = tmp_path / "conf.json"
    path.write_text(json.dumps(mapping_file({"rules": cal}, {"fitted_on": "x"})))
    back = Calibrator.load("rules", path)
    assert back.weights == cal.weights and back.bias == 0.5 and back.min_probability == 0.3
    assert back.provenance == {"fitted_on": "x", "records": 10}


@pytest.mark.parametrize(
    "content,message",
    [
        ({"features": ["a", "b"], "modes": {}}, "fitted for the signals"),
        ({"features": list(FEATURES), "modes": {}}, "no mapping for mode 'rules'"),
        ({"features": list(FEATURES), "modes": {"rules": {"weights": [1.0], "bias": 0}}}, "1 weights for"),
        ({"features": list(FEATURES), "modes": {"rules": {"weights": "x", "bias": 0}}}, "numeric"),
    ],
    ids=["other-signals", "missing-mode", "too-few-weights", "not-numbers"],
)
def test_a_bad_mapping_file_says_how_to_fix_it(tmp_path, content, message):
    path = tmp_path / "conf.json"
    path.write_text(json.dumps(content))
    with pytest.raises(ConfigError, match=message) as err:
        Calibrator.load("rules", path)
    assert "whosaid eval calibration --write" in str(err.value)


def test_an_unreadable_mapping_file_is_a_config_error(tmp_path):
    path = tmp_path / "conf.json"
    path.write_text("{not json")
    with pytest.raises(ConfigError, match="cannot read the confidence mapping"):
        Calibrator.load("rules", path)
    with pytest.raises(ConfigError, match="cannot read"):
        Calibrator.load("rules", tmp_path / "missing.json")
