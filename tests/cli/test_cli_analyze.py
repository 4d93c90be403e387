"""End to end through the CLI (Click's CliRunner): analyze and eval, output contract, exit codes."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from shared_data import EXAMPLES, shared_file

from whosaid.cli import main


@pytest.fixture
def runner():
    return CliRunner()


def test_analyze_jsonl_writes_the_contract(runner, tmp_path):
    res = runner.invoke(main, ["--mode", "rules", "analyze", str(EXAMPLES / "seed-article.txt"), "--format", "jsonl"])
    assert res.exit_code == 0, res.output
    lines = [ln for ln in res.stdout.splitlines() if ln.strip()]
    assert len(lines) == 1
    row = json.loads(lines[0])
    assert {"id", "date", "title", "outlet", "attributions", "entities", "times", "relations"} <= set(row)
    assert row["id"] == "seed-article" and row["date"] == "2024-10-26"
    a = row["attributions"][0]
    assert {
        "kind",
        "source",
        "cue",
        "content",
        "speaker",
        "source_type",
        "source_description",
        "via",
        "said_at",
        "confidence",
    } <= set(a)
    text = (EXAMPLES / "seed-article.txt").read_text(encoding="utf-8")[len(" date 2024-10-26 ") :]
    for att in row["attributions"]:
        for role in ("source", "cue", "content"):
            if att[role]:
                assert text[att[role]["start"] : att[role]["end"]] == att[role]["text"]


def test_analyze_goes_on_after_a_bad_file_and_exits_3(runner, tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01\x02garbage")
    good = tmp_path / "good.txt"
    good.write_text("date 2024-01-02\nThe minister said that taxes would fall next year.", encoding="utf-8")
    res = runner.invoke(main, ["--mode", "rules", "analyze", str(bad), str(good), "--format", "jsonl"])
    assert res.exit_code == 3  # some inputs rejected, the rest analyzed (EXIT_PARTIAL)
    assert "bad.txt" in res.stderr and "binary" in res.stderr
    rows = [json.loads(x) for x in res.stdout.splitlines() if x.strip()]
    assert [r["id"] for r in rows] == ["good"]
    assert rows[0]["attributions"][0]["source"]["text"] == "The minister"


def test_analyze_text_view(runner):
    res = runner.invoke(main, ["--mode", "rules", "analyze", str(EXAMPLES / "seed-article.txt"), "--format", "text"])
    assert res.exit_code == 0
    assert "<anonymous>" in res.stdout and "cue: 'revealed'" in res.stdout


def test_bad_mode_is_a_usage_error(runner):
    res = runner.invoke(main, ["--mode", "magic", "analyze", "x.txt"])
    assert res.exit_code == 2 and "magic" in res.output


def test_eval_seed_check(runner):
    gold = shared_file("seed/seed-gold.json")
    res = runner.invoke(
        main,
        [
            "--mode",
            "rules",
            "eval",
            "seed",
            "--article",
            str(EXAMPLES / "seed-article.txt"),
            "--gold",
            str(gold),
            "--check",
        ],
    )
    assert res.exit_code == 0, res.output
    assert json.loads(res.stdout)["found"] == 9


def test_eval_polnear_small(runner):
    gold = shared_file("polnear/dev.jsonl")
    res = runner.invoke(main, ["--mode", "rules", "eval", "polnear", "--gold", str(gold), "--limit", "2", "--json"])
    assert res.exit_code == 0, res.output
    (fig,) = json.loads(res.stdout)
    assert fig["articles"] == 2 and 0 < fig["cue_exact_prf"][2] <= 100


def test_eval_polnear_missing_gold_says_what_to_do(runner, tmp_path):
    res = runner.invoke(main, ["eval", "polnear", "--gold", str(tmp_path / "none.jsonl")])
    assert res.exit_code == 1 and "--gold" in res.output
