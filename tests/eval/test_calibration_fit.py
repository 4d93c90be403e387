"""Fitting and checking the confidence calibration (issue 13): the logistic fit, ECE, the reliability curve,
cross-validation by article, and `whosaid eval calibration` end to end."""

from __future__ import annotations

import json

import numpy as np
import pytest
from click.testing import CliRunner

from whosaid.cli import main
from whosaid.eval.calibration import (
    CalibrationData,
    best_floor,
    cross_validated,
    ece,
    fit_logistic,
    folds_of,
    reliability,
)
from whosaid.pipeline.attribution.calibration import FEATURES, Calibrator


def synthetic(n: int = 4000, seed: int = 0) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, 3))
    w = np.array([1.5, -2.0, 0.0])
    p = 1 / (1 + np.exp(-(X @ w + 0.5)))
    return X, (rng.random(n) < p).astype(float), p


def test_fit_logistic_recovers_the_weights():
    X, y, _ = synthetic()
    w, b = fit_logistic(X, y, l2=0.1)
    assert np.allclose(w, [1.5, -2.0, 0.0], atol=0.2) and abs(b - 0.5) < 0.15


def test_ece_is_small_for_true_probabilities_and_large_for_wrong_ones():
    _, y, p = synthetic()
    assert ece(p, y) < 0.03
    assert ece(np.clip(p + 0.3, 0, 1), y) > 0.2
    assert ece(np.zeros(0), np.zeros(0)) == 0.0


def test_reliability_bins():
    p = np.array([0.05, 0.05, 0.55, 0.95, 1.0])
    y = np.array([0, 1, 1, 1, 1])
    rows = reliability(p, y)
    assert [(r["low"], r["records"], r["observed"]) for r in rows] == [(0.0, 2, 0.5), (0.5, 1, 1.0), (0.9, 2, 1.0)]
    assert ece(p, y) == pytest.approx((2 * 0.45 + 1 * 0.45 + 2 * abs(0.975 - 1.0)) / 5, abs=1e-3)


def test_folds_keep_an_article_together():
    arts = ["a", "b", "a", "c", "b", "d", "e", "f"]
    folds = folds_of(arts, 3)
    assert folds[0] == folds[2] and folds[1] == folds[4] and set(folds) == {0, 1, 2}


def test_cross_validated_probabilities_are_held_out():
    X, y, _ = synthetic(600)
    data = CalibrationData(
        articles=[f"a{i // 10}" for i in range(600)],
        modes=["hybrid"] * 600,
        mappings=["hybrid"] * 600,
        rows=X.tolist(),
        labels=y.astype(int).tolist(),
    )
    held = cross_validated(data, 5)
    w, b = fit_logistic(X, y)
    in_sample = 1 / (1 + np.exp(-(X @ w + b)))
    assert held.shape == y.shape and not np.allclose(held, in_sample)
    assert ece(held, y) < 0.08


def test_best_floor_takes_the_lowest_of_the_best():
    rows = [
        {"floor": 0.0, "prf": (70, 70, 70.0)},
        {"floor": 0.2, "prf": (75, 70, 71.9)},
        {"floor": 0.3, "prf": (76, 69, 72.0)},
        {"floor": 0.4, "prf": (80, 60, 68.6)},
    ]
    assert best_floor(rows) == 0.2
    assert best_floor(rows, tolerance=0.0) == 0.3


TEXT = (
    "Anna Berg said the bridge will open in May. Critics argued that the cost doubled. "
    '"It is safe for everyone who drives," Berg added. The mayor was named chair of the board.'
)


def _gold(tmp_path, n: int = 6):
    def sp(phrase):
        i = TEXT.index(phrase)
        return {"start": i, "end": i + len(phrase), "text": phrase}

    atts = [
        {"source": sp("Anna Berg"), "cue": sp("said"), "content": sp("the bridge will open in May")},
        {"source": sp("Critics"), "cue": sp("argued"), "content": sp("that the cost doubled")},
        {"source": sp("Berg"), "cue": sp("added"), "content": sp("It is safe for everyone who drives,")},
    ]
    path = tmp_path / "gold.jsonl"
    path.write_text(
        "".join(
            json.dumps({"id": f"a{i}", "date": "2024-05-02", "text": TEXT, "attributions": atts}) + "\n"
            for i in range(n)
        )
    )
    return path


def test_eval_calibration_cli_reports_and_writes_a_loadable_mapping(tmp_path):
    gold = _gold(tmp_path)
    out = tmp_path / "confidence.json"
    runner = CliRunner()
    res = runner.invoke(
        main, ["eval", "calibration", "--gold", str(gold), "--mode", "rules", "--folds", "3", "--write", str(out)]
    )
    assert res.exit_code == 0, res.output
    assert "[rules]  ECE" in res.output and "floor 0.00" in res.output
    data = json.loads(out.read_text())
    assert data["features"] == list(FEATURES) and set(data["modes"]) == {"rules"}
    assert data["provenance"]["fitted_on"] == str(gold) and data["provenance"]["folds"] == 3
    cal = Calibrator.load("rules", out)
    assert 0.0 <= cal.min_probability <= 0.5
    res = runner.invoke(main, ["eval", "calibration", "--gold", str(gold), "--mode", "rules", "--folds", "2", "--json"])
    fig = json.loads(res.stdout)
    assert fig["records"] > 0 and 0.0 <= fig["ece"]["rules"] <= 1.0 and fig["floors"]["rules"][0]["floor"] == 0.0


def test_eval_calibration_cli_names_a_missing_gold_file(tmp_path):
    res = CliRunner().invoke(main, ["eval", "calibration", "--gold", str(tmp_path / "none.jsonl"), "--mode", "rules"])
    assert res.exit_code != 0 and "none.jsonl" in res.output
