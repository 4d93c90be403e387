"""Dask engine on a LocalCluster: the database equals a single-process ingest; Parquet partitions reload."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from scale_data import shared_file

pytest.importorskip("distributed")
pytest.importorskip("pyarrow")

from test_scale_ingest import snapshot  # noqa: E402

pytestmark = pytest.mark.slow

CLI = [sys.executable, "-c", "from whosaid.cli import main; main()", "--mode", "rules"]


@pytest.fixture(scope="module")
def small_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("dask") / "news.jsonl"
    with shared_file("news/reuters-sample-1000.jsonl").open(encoding="utf-8") as fh:
        lines = [next(fh).rstrip("\n") for _ in range(16)]
    lines.insert(5, "not json")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def run(*args: str, code: int = 0) -> dict:
    done = subprocess.run([*CLI, *args], capture_output=True, text=True, timeout=400)
    assert done.returncode == code, done.stderr[-3000:]
    return json.loads(done.stdout) if done.stdout.strip() else {}


def test_dask_equals_single_process_and_parquet_reloads(small_file, tmp_path):
    local_db, dask_db, loaded_db = tmp_path / "local.db", tmp_path / "dask.db", tmp_path / "loaded.db"
    parts = tmp_path / "parts"
    s_dask = run(
        "ingest",
        str(small_file),
        "--db",
        str(dask_db),
        "--engine",
        "dask",
        "--workers",
        "2",
        "--batch-size",
        "3",
        "--parquet",
        str(parts),
        "--summary-json",
        code=3,
    )  # the bad line: exit 3
    s_local = run(
        "ingest", str(small_file), "--db", str(local_db), "-j", "1", "--batch-size", "5", "--summary-json", code=3
    )
    assert s_dask["engine"] == "dask" and s_dask["added"] == s_local["added"] == 16
    assert s_dask["failed"] == s_local["failed"] == 1
    assert snapshot(dask_db) == snapshot(local_db)
    files = sorted(parts.glob("part-*.parquet"))
    assert len(files) == 6  # 16 articles in partitions of 3
    run("load-parquet", str(parts), "--db", str(loaded_db))
    got, want = snapshot(loaded_db), snapshot(local_db)
    assert got["articles"] == want["articles"] and got["attributions"] == want["attributions"]
    assert got["people"] == want["people"]
    # loading again is a no-op; a second Dask run skips everything
    run("load-parquet", str(parts), "--db", str(loaded_db))
    assert snapshot(loaded_db)["articles"] == want["articles"]
    again = run(
        "ingest", str(small_file), "--db", str(dask_db), "--engine", "dask", "--workers", "1", "--summary-json", code=3
    )
    assert again["skipped"] == 16 and again["added"] == 0


def test_dask_options_are_checked(small_file, tmp_path):
    done = subprocess.run(
        [*CLI, "ingest", str(small_file), "--db", str(tmp_path / "x.db"), "--workers", "2"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode != 0 and "--engine dask" in done.stderr
    done = subprocess.run(
        [
            *CLI,
            "ingest",
            str(small_file),
            "--db",
            str(tmp_path / "x.db"),
            "--engine",
            "dask",
            "--workers",
            "2",
            "--scheduler",
            "tcp://127.0.0.1:1",
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode != 0 and "not both" in done.stderr
    done = subprocess.run(
        [*CLI, "load-parquet", str(tmp_path / "nothing-here"), "--db", str(tmp_path / "y.db")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode != 0 and "no such Parquet" in done.stderr
