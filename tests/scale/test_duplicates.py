"""Duplicate article ids in one ingest run: a documented rule (--on-duplicate), every duplicate reported in the
summary and the errors table, the same article kept on every rerun; same-named files in different folders
are different articles."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from scale_fakes import FakePipeline

from whosaid.cli import main
from whosaid.errors import InputError
from whosaid.model import Analysis, Article
from whosaid.options import Options
from whosaid.readers import read_located
from whosaid.scale.ingest import DuplicateIdError, ingest_items
from whosaid.store import Store

OPTS = Options(mode="rules", n_process=1, batch_size=2)


def fake_analyze(articles: Iterable[Article]) -> Iterator[Analysis]:
    return FakePipeline(OPTS).pipe(articles)


def write_jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


ROWS = [
    {"id": "a", "text": "Alpha one said so."},
    {"id": "b", "text": "Bravo said so."},
    {"id": "a", "text": "Alpha two said otherwise."},
    {"id": "c", "text": "Charlie said so."},
    {"id": "a", "text": "Alpha three said something else."},
]


def run(path: Path, store: Store, rule: str, **kw):
    return ingest_items(read_located([str(path)]), store, OPTS, analyze=fake_analyze, on_duplicate=rule, **kw)


@pytest.mark.parametrize("rule,kept", [("skip", "Alpha one said so."), ("replace", "Alpha three said something else.")])
def test_duplicates_follow_the_rule_are_reported_and_reruns_keep_the_same(tmp_path, rule, kept):
    src = write_jsonl(tmp_path / "news.jsonl", ROWS)
    with Store(tmp_path / "s.db") as store:
        first = run(src, store, rule)
        assert (first.read, first.duplicates, first.failed, first.rejected) == (5, 2, 0, 2)
        assert store.article("a").article.text == kept
        assert sorted(a["id"] for a in store.articles()) == ["a", "b", "c"]
        errors = store.errors()
        assert sorted(e["source"] for e in errors) == [f"{src}:3", f"{src}:5"]
        assert all("duplicate id 'a'" in e["message"] for e in errors)
        assert all(f"{src}:1" in e["message"] or f"{src}:3" in e["message"] for e in errors)
        assert "2 duplicate ids" in first.line()
        snapshot = (store.article("a"), store.errors(), store.stats()["articles"])
        for _ in range(2):  # reruns: the same article kept, the same error rows (no new ones)
            again = run(src, store, rule)
            assert again.duplicates == 2
            now = (store.article("a"), store.errors(), store.stats()["articles"])
            assert (now[0], [(e["source"], e["message"]) for e in now[1]], now[2]) == (
                snapshot[0],
                [(e["source"], e["message"]) for e in snapshot[1]],
                snapshot[2],
            )


def test_skip_rerun_analyzes_nothing_again(tmp_path):
    src = write_jsonl(tmp_path / "news.jsonl", ROWS)
    with Store(tmp_path / "s.db") as store:
        run(src, store, "skip")
        again = run(src, store, "skip")
        assert (again.skipped, again.analyzed, again.duplicates) == (3, 0, 2)


def test_error_rule_stops_at_the_first_duplicate_naming_both_places(tmp_path):
    src = write_jsonl(tmp_path / "news.jsonl", ROWS)
    with Store(tmp_path / "s.db") as store:
        with pytest.raises(DuplicateIdError) as info:
            run(src, store, "error")
        assert f"{src}:3" in str(info.value) and f"{src}:1" in str(info.value)
        assert isinstance(info.value, InputError)
        assert store.article("c") is None  # nothing after the duplicate was stored


def test_identical_duplicates_are_still_reported(tmp_path):
    src = write_jsonl(tmp_path / "news.jsonl", [ROWS[0], ROWS[0]])
    with Store(":memory:") as store:
        summary = ingest_items(read_located([str(src)]), store, OPTS, analyze=fake_analyze, on_duplicate="replace")
        assert (summary.added, summary.replaced, summary.duplicates) == (1, 0, 1)


def test_bad_rule_is_refused():
    with Store(":memory:") as store, pytest.raises(ValueError, match="on_duplicate"):
        ingest_items([], store, OPTS, analyze=fake_analyze, on_duplicate="newest")


# -- through the CLI, with the real pipeline ---------------------------------------------------------------------
def invoke(*args: str, input: bytes | None = None):
    result = CliRunner().invoke(main, ["--mode", "rules", *args], input=input, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_same_named_files_in_different_folders_are_both_stored(tmp_path):
    corpus = tmp_path / "corpus"
    for folder, who in (("a", "Ann Lee"), ("b", "Bo Chan")):
        (corpus / folder).mkdir(parents=True)
        (corpus / folder / "story.txt").write_text(f"date 2024-05-01\n{who} said the bridge is safe.", encoding="utf-8")
    db = str(tmp_path / "c.db")
    code, out, err = invoke("ingest", str(corpus), "--db", db, "-j", "1", "--summary-json")
    assert code == 0, err
    assert json.loads(out)["added"] == 2
    with Store(db, readonly=True) as store:
        assert sorted(a["id"] for a in store.articles()) == ["a/story", "b/story"]
        assert "Bo Chan" in store.article("b/story").article.text
    code, out, err = invoke("ingest", str(corpus / "*" / "story.txt"), "--db", db, "-j", "1", "--summary-json")
    assert code == 0 and json.loads(out)["skipped"] == 2  # a glob gives the same ids


@pytest.mark.parametrize("rule,code,kept", [("skip", 3, "first"), ("replace", 3, "second"), ("error", 1, None)])
def test_duplicate_ids_through_the_cli(tmp_path, rule, code, kept):
    src = write_jsonl(
        tmp_path / "dup.jsonl",
        [
            {"id": "x", "text": "The first mayor said the bridge is safe."},
            {"id": "x", "text": "The second mayor said the bridge is unsafe."},
        ],
    )
    db = str(tmp_path / "d.db")
    got, out, err = invoke("ingest", str(src), "--db", db, "-j", "1", "--summary-json", "--on-duplicate", rule)
    assert got == code, err
    if kept is None:
        assert "duplicate article id 'x'" in err and "--on-duplicate" in err
        return
    assert json.loads(out)["duplicates"] == 1 and "1 duplicate id" in err
    with Store(db, readonly=True) as store:
        assert store.article("x").article.text.startswith(f"The {kept} mayor")
    got, out, _ = invoke("errors", "--db", db, "-f", "json")
    (row,) = json.loads(out)
    assert row["source"] == f"{src}:2" and f"{src}:1" in row["message"]
