"""`whosaid provenance`, `whosaid clusters` and `whosaid eval provenance`: formats, filters and user errors."""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner
from prov_data import acceptance_set

from whosaid.cli import main
from whosaid.store import Store


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture()
def db(tmp_path) -> str:
    path = tmp_path / "p.db"
    with Store(path) as store:
        store.upsert_many(acceptance_set())  # not clustered yet: the commands say so
    return str(path)


def test_clusters_update_then_list_in_three_formats(db):
    code, out, err = invoke("clusters", "--db", db)
    assert code == 0 and "not clustered yet" in err
    code, out, err = invoke("clusters", "--db", db, "--update", "-f", "json")
    assert code == 0 and "5 statement(s) looked at" in err
    (row,) = json.loads(out)
    assert row["size"] == 4 and row["n_outlets"] == 4 and row["speaker_conflict"] is True
    assert row["outlets"][0] == "Springfield Gazette" and row["speaker"] == "Ann Lee"
    code, out, _ = invoke("clusters", "--db", db, "-f", "csv")
    (rec,) = list(csv.DictReader(io.StringIO(out)))
    assert rec["n_variants"] == "1" and rec["first_date"] == "2024-03-01"
    code, out, _ = invoke("clusters", "--db", db)
    assert "Springfield" in out and "Ann Lee" in out


@pytest.mark.parametrize(
    "args, n",
    [
        (["--min-outlets", "4"], 1),
        (["--min-outlets", "5"], 0),
        (["--variants-only"], 1),
        (["--conflicts-only"], 1),
        (["--min-size", "1"], 2),
        (["--speaker", "Bo Chan"], 0),
        (["--min-size", "1", "-n", "1", "--offset", "1"], 1),
    ],
)
def test_cluster_filters(db, args, n):
    invoke("clusters", "--db", db, "--update")
    code, out, _ = invoke("clusters", "--db", db, *args, "-f", "json")
    assert code == 0 and len(json.loads(out)) == n


def test_stats(db):
    invoke("clusters", "--db", db, "--update")
    code, out, _ = invoke("clusters", "--db", db, "--stats", "-f", "json")
    (stats,) = json.loads(out)
    assert stats["clusters"] == 1 and stats["multi_outlet"] == 1 and stats["pending"] == 0
    assert stats["by_outlets"] == {"4": 1}


def test_provenance_by_words_cluster_and_statement(db):
    invoke("clusters", "--db", db, "--update")
    code, out, _ = invoke("provenance", "bridge on Main Street is unsafe and it must close", "--db", db, "-f", "json")
    assert code == 0
    (report,) = json.loads(out)
    assert [m["outlet"] for m in report["members"]] == [
        "Springfield Gazette",
        "Daily Planet",
        "Evening Post",
        "Morning Star",
    ]
    assert [m["variant"] for m in report["members"]] == [False, False, True, False]
    assert [m["speaker_conflict"] for m in report["members"]] == [False, False, False, True]
    cid, sid = report["cluster_id"], report["members"][2]["statement_id"]
    for args in (["--cluster", str(cid)], ["--statement", str(sid)]):
        code, out, _ = invoke("provenance", *args, "--db", db, "-f", "json")
        assert code == 0 and json.loads(out)[0]["cluster_id"] == cid
    code, out, _ = invoke("provenance", "--cluster", str(cid), "--db", db, "-f", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["rank"] for r in rows] == ["1", "2", "3", "4"] and rows[2]["changes"] == "unsafe → dangerous"
    code, out, _ = invoke("provenance", "--cluster", str(cid), "--db", db)
    assert "first 2024-03-01 in Springfield Gazette" in out and "SPEAKER CONFLICT" in out
    assert "possible misquote" in out and "unsafe → dangerous" in out and "Evening Post via Springfield" in out


@pytest.mark.parametrize(
    "args, message",
    [
        ([], "give exactly one of"),
        (["some words", "--cluster", "1"], "give exactly one of"),
        (["too short"], "at least five words"),
        (["the new school on Elm Street is closed"], "no statement cluster holds"),
        (["--cluster", "999"], "no cluster 999"),
        (["--statement", "999"], "no statement 999"),
    ],
)
def test_provenance_errors_say_what_to_do(db, args, message):
    invoke("clusters", "--db", db, "--update")
    result = CliRunner().invoke(main, ["provenance", *args, "--db", db])
    assert result.exit_code == 1 and message in result.output


def test_unclustered_store_is_pointed_at_update(db):
    result = CliRunner().invoke(main, ["provenance", "bridge on Main Street is unsafe and it must close", "--db", db])
    assert result.exit_code == 1 and "whosaid clusters --update" in result.output
    sid = json.loads(invoke("quotes", "--db", db, "-f", "json")[1])[0]["statement_id"]
    result = CliRunner().invoke(main, ["provenance", "--statement", str(sid), "--db", db])
    assert result.exit_code == 1 and "not clustered yet" in result.output


def test_missing_store(tmp_path):
    result = CliRunner().invoke(main, ["clusters", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 1 and "whosaid ingest" in result.output


def test_rebuild(db):
    invoke("clusters", "--db", db, "--update")
    before = json.loads(invoke("clusters", "--db", db, "-f", "json")[1])
    code, out, err = invoke("clusters", "--db", db, "--rebuild", "-f", "json")
    assert code == 0 and "5 statement(s) looked at" in err
    after = json.loads(out)
    assert [(r["size"], r["outlets"]) for r in after] == [(r["size"], r["outlets"]) for r in before]


def test_eval_provenance_reports_bad_pairs_file(tmp_path):
    bad = tmp_path / "pairs.jsonl"
    bad.write_text('{"a": {"article": "x"}}\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["eval", "provenance", "--pairs", str(bad)])
    assert result.exit_code == 1 and "pairs.jsonl:1" in result.output
    result = CliRunner().invoke(main, ["eval", "provenance", "--data", str(tmp_path)])
    assert result.exit_code == 1 and "PolNeAR file not found" in result.output
