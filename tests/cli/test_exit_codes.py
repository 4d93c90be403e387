"""Exit codes of ingest and analyze: 0 all done, 3 some inputs rejected (the rest done), 1 nothing readable
(and then no store file is created), 2 bad command line; documented in --help."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from whosaid.cli import main
from whosaid.store import Store


def invoke(*args: str, input: bytes | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["--mode", "rules", *args], input=input, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def latin1_jsonl() -> bytes:
    """Five good lines and, as line 4, one with a Latin-1 byte."""
    good = [json.dumps({"id": f"g{i}", "text": f"Mayor Ann Lee said bridge {i} is safe."}).encode() for i in range(5)]
    bad = '{"id": "bad", "text": "The caf\u00e9 owner said no."}'.encode("latin-1")
    return b"\n".join(good[:3] + [bad] + good[3:]) + b"\n"


NOTHING = {
    "missing path": lambda d: [str(d / "nope.jsonl")],
    "empty file": lambda d: [str(_write(d / "empty.txt", b""))],
    "blank jsonl": lambda d: [str(_write(d / "blank.jsonl", b"\n  \n"))],
    "glob without match": lambda d: [str(d / "*.none")],
    "empty folder": lambda d: [str(_mkdir(d / "nothing"))],
    "only bad lines": lambda d: [str(_write(d / "bad.jsonl", b"{oops\n[1]\n"))],
    "two bad inputs": lambda d: [str(d / "a.txt"), str(d / "b.txt")],
}


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _mkdir(path: Path) -> Path:
    path.mkdir()
    return path


@pytest.mark.parametrize("case", sorted(NOTHING))
def test_ingest_of_nothing_readable_exits_1_and_creates_no_store(tmp_path, case):
    db = tmp_path / "new.db"
    code, _, err = invoke("ingest", *NOTHING[case](tmp_path), "--db", str(db))
    assert code == 1 and "nothing to ingest" in err and "no store was created" in err
    assert not db.exists() and not list(tmp_path.glob("new.db*"))


def test_ingest_of_nothing_readable_leaves_an_existing_store_as_it_was(tmp_path):
    db = tmp_path / "old.db"
    Store(db).close()
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    code, _, err = invoke("ingest", str(tmp_path / "missing.txt"), "--db", str(db))
    assert code == 1 and "was not changed" in err and "missing.txt" in err
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before


@pytest.mark.parametrize("via", ["file", "stdin"])
def test_one_latin1_line_of_six_stores_five_and_exits_3(tmp_path, via):
    db = tmp_path / "s.db"
    src = _write(tmp_path / "mixed.jsonl", latin1_jsonl())
    args = [str(src)] if via == "file" else ["-"]
    code, out, err = invoke(
        "ingest", *args, "--db", str(db), "-j", "1", "--summary-json", input=latin1_jsonl() if via == "stdin" else None
    )
    assert code == 3, err
    summary = json.loads(out)
    assert (summary["added"], summary["failed"], summary["rejected"]) == (5, 1, 1)
    where = f"{src}:4" if via == "file" else "<stdin>:4"
    assert f"error: {where}: not valid UTF-8" in err
    with Store(db, readonly=True) as store:
        assert sorted(a["id"] for a in store.articles()) == ["g0", "g1", "g2", "g3", "g4"]
        (row,) = store.errors()
        assert row["source"] == where and "UTF-8" in row["message"]


def test_ingest_of_good_input_exits_0(tmp_path):
    src = _write(tmp_path / "ok.jsonl", b'{"id": "a", "text": "Ann Lee said the bridge is safe."}\n')
    code, _, err = invoke("ingest", str(src), "--db", str(tmp_path / "s.db"), "-j", "1")
    assert code == 0, err
    code, _, err = invoke("ingest", str(src), "--db", str(tmp_path / "s.db"), "-j", "1")
    assert code == 0 and "1 already stored" in err  # nothing new is no error


@pytest.mark.parametrize("case", sorted(NOTHING))
def test_analyze_of_nothing_readable_exits_1_with_empty_output(tmp_path, case):
    code, out, err = invoke("analyze", *NOTHING[case](tmp_path), "-f", "jsonl")
    assert code == 1 and out == "" and "nothing to analyze" in err


@pytest.mark.parametrize("via", ["file", "stdin"])
def test_analyze_partly_readable_exits_3(tmp_path, via):
    src = _write(tmp_path / "mixed.jsonl", latin1_jsonl())
    code, out, err = invoke(
        "analyze", str(src) if via == "file" else "-", "-f", "jsonl", input=latin1_jsonl() if via == "stdin" else None
    )
    assert code == 3 and "1 input(s) rejected" in err
    assert [json.loads(line)["id"] for line in out.splitlines()] == ["g0", "g1", "g2", "g3", "g4"]


def test_analyze_of_good_input_exits_0(tmp_path):
    src = _write(tmp_path / "ok.txt", b"Ann Lee said the bridge is safe.")
    code, out, _ = invoke("analyze", str(src), "-f", "jsonl")
    assert code == 0 and json.loads(out)["id"] == "ok"


@pytest.mark.parametrize("command", ["ingest", "analyze"])
def test_exit_codes_are_documented_in_help(command):
    result = CliRunner().invoke(main, [command, "--help"])
    assert result.exit_code == 0
    text = " ".join(result.output.split())
    for phrase in ("Exit codes: 0", "3 some inputs rejected", "1 nothing", "2 bad command line", "143"):
        assert phrase in text, phrase


def test_a_bad_option_is_exit_2(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "x.txt").write_text("Ann Lee said so.", encoding="utf-8")
    code = CliRunner().invoke(main, ["ingest", "x.txt", "--on-duplicate", "newest"]).exit_code
    assert code == 2 and not (tmp_path / "whosaid.db").exists()
