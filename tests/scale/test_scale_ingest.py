"""Ingest with the real pipeline: resumable after SIGKILL, skips stored articles, records bad input; parallel
analysis equals single-process analysis."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from scale_data import count_articles, shared_file

from whosaid.errors import InputError
from whosaid.model import Article
from whosaid.options import Options
from whosaid.scale.ingest import ingest_items
from whosaid.scale.local import analyze_parallel, analyze_stream
from whosaid.store import Store

pytestmark = pytest.mark.slow


def reuters(n: int) -> list[dict]:
    with shared_file("news/reuters-sample-1000.jsonl").open(encoding="utf-8") as fh:
        return [json.loads(next(fh)) for _ in range(n)]


@pytest.fixture(scope="module")
def corpus_file(tmp_path_factory) -> Path:
    """40 stories, one malformed line and one story without text, as JSONL."""
    path = tmp_path_factory.mktemp("ingest") / "news.jsonl"
    lines = [json.dumps(r) for r in reuters(40)]
    lines.insert(7, '{"id": "broken", "text": ')
    lines.insert(20, json.dumps({"id": "empty", "text": "   "}))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def snapshot(db: Path) -> dict:
    """What must be equal between two ingests: articles, statement rows, people, errors (not row ids/times)."""
    conn = sqlite3.connect(db)
    try:
        return {
            "articles": conn.execute(
                "SELECT id, content_hash, n_attributions, duplicate_of, analysis FROM articles ORDER BY id"
            ).fetchall(),
            "attributions": conn.execute(
                "SELECT article_id, idx, kind, speaker, person_id, source_type, content_start, content_end, "
                "cue_start, cue_end, source_start, source_end, via, said_at FROM attributions "
                "ORDER BY article_id, idx"
            ).fetchall(),
            "people": conn.execute("SELECT person_id, name FROM people ORDER BY person_id").fetchall(),
            "entities": conn.execute(
                "SELECT article_id, entity_id, person_id FROM entities ORDER BY article_id, entity_id"
            ).fetchall(),
            "errors": conn.execute("SELECT source, message FROM errors ORDER BY source").fetchall(),
            "fts": conn.execute("SELECT count(*) FROM attributions_fts WHERE attributions_fts MATCH 'said'").fetchone(),
        }
    finally:
        conn.close()


@pytest.fixture()
def reference_db(corpus_file, tmp_path) -> Path:
    """An uninterrupted ingest by the same command (run just before, so both see the same code)."""
    db = tmp_path / "ref.db"
    done = subprocess.run(_ingest_cmd(corpus_file, db), capture_output=True, text=True, timeout=300)
    assert done.returncode == 3, done.stderr  # two bad lines rejected, the rest stored
    summary = json.loads(done.stdout)
    assert summary["added"] == 40 and summary["failed"] == 2 and summary["read"] == 40
    return db


def _ingest_cmd(corpus_file: Path, db: Path) -> list[str]:
    return [
        sys.executable,
        "-c",
        "from whosaid.cli import main; main()",
        "--mode",
        "rules",
        "ingest",
        str(corpus_file),
        "--db",
        str(db),
        "--batch-size",
        "4",
        "-j",
        "1",
        "--summary-json",
    ]


def test_sigkill_mid_ingest_then_resume_equals_uninterrupted(corpus_file, reference_db, tmp_path):
    db = tmp_path / "killed.db"
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    proc = subprocess.Popen(_ingest_cmd(corpus_file, db), env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 240
        while count_articles(db) < 8 and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert proc.poll() is None, "the ingest finished before it could be killed"
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.wait()
    stored = count_articles(db)
    assert 8 <= stored < 40
    done = subprocess.run(_ingest_cmd(corpus_file, db), env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 3, done.stderr  # the two bad lines again
    summary = json.loads(done.stdout)
    assert summary["skipped"] == stored and summary["added"] == 40 - stored and summary["failed"] == 2
    assert snapshot(db) == snapshot(reference_db)
    # a third run has nothing left to do
    again = subprocess.run(_ingest_cmd(corpus_file, db), env=env, capture_output=True, text=True, timeout=300)
    assert json.loads(again.stdout)["skipped"] == 40
    assert snapshot(db) == snapshot(reference_db)


def test_parallel_analysis_equals_single_process(pipeline):
    articles = [Article.from_dict(r) for r in reuters(14)]
    opts = Options(mode="rules", n_process=2, batch_size=4)
    parallel = list(analyze_parallel(articles, opts, chunk_size=3))
    assert parallel == list(pipeline.pipe(articles))


def test_ingest_skips_stored_records_errors_and_force_reanalyzes(pipeline):
    opts = Options(mode="rules", n_process=1, batch_size=2)
    items = [Article.from_dict(r) for r in reuters(3)] + [InputError("bad line", source="x.jsonl", line=9)]

    def run(store: Store, **kw):
        return ingest_items(
            iter(items), store, opts, analyze=lambda a: analyze_stream(a, opts, pipeline=pipeline), **kw
        )

    with Store(":memory:") as store:
        first = run(store)
        assert (first.added, first.failed, first.skipped) == (3, 1, 0)
        assert store.errors()[0]["source"] == "x.jsonl:9"
        second = run(store)
        assert (second.added, second.skipped, second.analyzed) == (0, 3, 0)
        forced = run(store, force=True)
        assert (forced.replaced, forced.skipped) == (3, 0)
        assert store.stats()["errors"] == 1 and store.stats()["articles"] == 3
