"""TimeBank evaluation: the scorer's definitions, and the CI gate with pinned floors."""

from __future__ import annotations

import json

import pytest
from shared_data import independent_scorer, shared_file

from whosaid.errors import InputError
from whosaid.eval.floors import check_floors
from whosaid.eval.timebank import TIMEBANK_FLOORS, evaluate_timebank, read_timebank, score_times

GOLD = [
    {
        "id": "d1",
        "dct": "1990-08-15T13:37",
        "text": "x" * 60,
        "timexes": [
            {"start": 0, "end": 6, "value": "1990", "type": "DATE"},
            {"start": 10, "end": 20, "value": "P1D", "type": "DURATION"},
            {"start": 30, "end": 35, "value": "PRESENT_REF", "type": "DATE"},
        ],
    },
    {"id": "d2", "dct": "1989-11-02", "text": "y" * 20, "timexes": [{"start": 0, "end": 4, "value": "1989"}]},
]
PRED = {
    "d1": [
        {"start": 0, "end": 6, "value": "1990"},  # strict, value right
        {"start": 12, "end": 25, "value": "P2D"},  # relaxed only, value wrong
        {"start": 40, "end": 45, "value": "1990"},
    ],  # spurious
    "d2": [],  # missed
}


def test_score_definitions_by_hand():
    fig = score_times(GOLD, PRED).as_dict()
    # 4 gold, 3 predicted: strict 1, relaxed 2, value 1
    assert fig["strict_prf"] == (33.3, 25.0, 28.6)
    assert fig["relaxed_prf"] == (66.7, 50.0, 57.1)
    assert fig["value_prf"] == (33.3, 25.0, 28.6)
    assert (fig["gold"], fig["pred"]) == (4, 3)


def test_score_agrees_with_the_independent_scorer(tmp_path):
    mod = independent_scorer()
    gold, pred = tmp_path / "gold.jsonl", tmp_path / "pred.jsonl"
    gold.write_text("".join(json.dumps(r) + "\n" for r in GOLD))
    pred.write_text("".join(json.dumps({"id": k, "times": v}) + "\n" for k, v in PRED.items()))
    theirs = mod.timejsonl(str(gold), str(pred))
    ours = score_times(GOLD, PRED).as_dict()
    for key in ("strict_prf", "relaxed_prf", "value_prf", "gold", "pred"):
        expected = tuple(theirs[key]) if isinstance(theirs[key], list) else theirs[key]
        assert expected == ours[key], key


def test_read_timebank_errors(tmp_path):
    with pytest.raises(InputError, match="not found"):
        read_timebank(tmp_path / "missing.jsonl")
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "a", "text": "t", "timexes": []}\n{"id": "b"}\n')
    with pytest.raises(InputError, match=":2"):
        read_timebank(bad)


@pytest.mark.slow
def test_timebank_meets_the_floors(options, nlp):
    """CI gate: TempEval-3 figures on TimeBank+AQUAINT train must not drop below TIMEBANK_FLOORS."""
    from whosaid.pipeline import Pipeline
    from whosaid.pipeline.temporal.time import TimeStage

    path = shared_file("timebank/train.jsonl")
    score = evaluate_timebank(path, pipeline=Pipeline(options, nlp=nlp, stages=[TimeStage()]))
    fig = score.as_dict()
    assert fig["documents"] == 256 and fig["gold"] == 1822
    assert check_floors(fig, TIMEBANK_FLOORS) == [], fig
