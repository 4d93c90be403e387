"""``whosaid timeline`` and ``whosaid eval timebank`` through Click (small inputs only)."""

from __future__ import annotations

import json

from click.testing import CliRunner

from whosaid.cli import main

EXAMPLE = "examples/seed-article.txt"


def test_timeline_of_an_article_is_in_date_order():
    res = CliRunner().invoke(main, ["--mode", "rules", "timeline", "-f", "json", EXAMPLE])
    assert res.exit_code == 0, res.output
    tl = json.loads(res.output.strip().splitlines()[-1])
    whens = [e["when"] for e in tl["events"]]
    assert whens[:5] == ["2014", "2018", "2019-06-13", "2020", "2022"]
    assert tl["date"] == "2024-10-26"


def test_timeline_needs_paths_or_a_person():
    res = CliRunner().invoke(main, ["timeline"])
    assert res.exit_code == 2 and "PATHS or --person" in res.output


def test_timeline_person_without_a_store_says_how_to_make_one(tmp_path):
    res = CliRunner().invoke(main, ["--db", str(tmp_path / "none.db"), "timeline", "--person", "Ivanka Trump"])
    assert res.exit_code == 1 and "ingest" in res.output


def test_eval_timebank_prints_scorer_figures(tmp_path):
    gold = tmp_path / "tb.jsonl"
    gold.write_text(
        json.dumps(
            {
                "id": "d",
                "dct": "1998-02-06T22:19:00",
                "text": "Stocks fell yesterday.",
                "timexes": [{"start": 12, "end": 21, "text": "yesterday", "type": "DATE", "value": "1998-02-05"}],
            }
        )
        + "\n"
    )
    res = CliRunner().invoke(main, ["--mode", "rules", "eval", "timebank", str(gold)])
    assert res.exit_code == 0, res.output
    fig = json.loads(res.output.strip().splitlines()[-1])
    assert fig["value_prf"] == [100.0, 100.0, 100.0] and fig["gold"] == 1


def test_eval_timebank_missing_file():
    res = CliRunner().invoke(main, ["eval", "timebank", "/nonexistent/tb.jsonl"])
    assert res.exit_code == 1 and "no such file" in res.output
