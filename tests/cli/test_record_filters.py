"""--min-confidence and --category on analyze and ingest, the options behind them, and the category column the
store fills (issue 13)."""

from __future__ import annotations

import json
import sqlite3

import pytest
from click.testing import CliRunner
from shared_data import EXAMPLES

from whosaid.cli import main
from whosaid.errors import ConfigError
from whosaid.model import CATEGORIES
from whosaid.options import Options
from whosaid.pipeline.attribution.calibration import Calibrator

SEED = str(EXAMPLES / "seed-article.txt")


def analyze(*args: str) -> list[dict]:
    res = CliRunner().invoke(main, ["analyze", SEED, "-f", "jsonl", *args])
    assert res.exit_code == 0, res.output
    return json.loads(res.stdout.splitlines()[0])["attributions"]


@pytest.fixture(scope="module")
def by_floor() -> dict[str, list[dict]]:
    return {"default": analyze(), "0": analyze("--min-confidence", "0"), "0.9": analyze("--min-confidence", "0.9")}


def test_min_confidence_leaves_out_the_doubtful_records(by_floor):
    floor = Calibrator.load("hybrid").min_probability
    every, default, sure = by_floor["0"], by_floor["default"], by_floor["0.9"]
    assert len(every) > len(default) > len(sure) > 0
    assert all(a["confidence"] >= floor for a in default)
    assert all(a["confidence"] >= 0.9 for a in sure)
    assert {json.dumps(a, sort_keys=True) for a in sure} <= {json.dumps(a, sort_keys=True) for a in every}


def test_every_record_has_a_category_and_a_probability(by_floor):
    assert all(a["category"] in CATEGORIES and 0.0 <= a["confidence"] <= 1.0 for a in by_floor["0"])


@pytest.mark.parametrize("category", ["assertion", "belief"])
def test_category_keeps_only_that_kind(by_floor, category):
    got = analyze("--min-confidence", "0", "--category", category)
    assert [a for a in by_floor["0"] if a["category"] == category] == got
    assert category != "assertion" or len(got) >= 9


def test_two_categories_and_a_bad_one():
    both = analyze("--min-confidence", "0", "--category", "assertion", "--category", "belief")
    assert {a["category"] for a in both} == {"assertion", "belief"}
    res = CliRunner().invoke(main, ["analyze", SEED, "--category", "opinion"])
    assert res.exit_code == 2 and "'opinion' is not one of" in res.output
    res = CliRunner().invoke(main, ["analyze", SEED, "--min-confidence", "1.5"])
    assert res.exit_code == 2 and "1.5" in res.output


def test_ingest_fills_the_category_column_and_honours_min_confidence(tmp_path):
    counts = {}
    for floor in ("0", "0.9"):
        db = tmp_path / f"s{floor}.db"
        res = CliRunner().invoke(main, ["ingest", SEED, "--db", str(db), "-q", "--min-confidence", floor])
        assert res.exit_code == 0, res.output
        with sqlite3.connect(db) as con:
            rows = con.execute("SELECT category, confidence FROM attributions").fetchall()
        assert rows and all(c in CATEGORIES for c, _ in rows)
        assert all(p >= float(floor) for _, p in rows)
        counts[floor] = len(rows)
    assert counts["0"] > counts["0.9"]


@pytest.mark.parametrize(
    "env,want",
    [
        ({"WHOSAID_MIN_CONFIDENCE": "0.5"}, (0.5, ())),
        ({"WHOSAID_CATEGORIES": "assertion, belief"}, (None, ("assertion", "belief"))),
        ({}, (None, ())),
    ],
)
def test_options_from_the_environment(env, want):
    opts = Options.load(environ=env)
    assert (opts.min_confidence, opts.categories) == want


def test_options_from_a_file(tmp_path):
    path = tmp_path / "whosaid.toml"
    path.write_text('min_confidence = 0.25\ncategories = ["fact"]\n')
    opts = Options.load(config=path, environ={})
    assert (opts.min_confidence, opts.categories) == (0.25, ("fact",))


@pytest.mark.parametrize(
    "env,message",
    [
        ({"WHOSAID_MIN_CONFIDENCE": "high"}, "needs a number from 0 to 1"),
        ({"WHOSAID_MIN_CONFIDENCE": "2"}, "between 0 and 1"),
        ({"WHOSAID_CATEGORIES": "assertion,opinion"}, "unknown category 'opinion'"),
    ],
)
def test_bad_option_values_say_what_to_do(env, message):
    with pytest.raises(ConfigError, match=message):
        Options.load(environ=env)
