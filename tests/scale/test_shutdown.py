"""Worker processes end with the ingest that started them: kill -9 of the parent leaves no process behind,
SIGTERM stops the run cleanly (exit 143) with whole batches stored."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from scale_data import count_articles, shared_file

pytestmark = [pytest.mark.slow, pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux /proc")]


def session_processes(sid: int) -> list[tuple[int, str]]:
    """(pid, command line) of every live process in session ``sid`` (zombies left out: they are gone)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            fields = stat[stat.rindex(")") + 2 :].split()
            state, session = fields[0], int(fields[3])
            cmd = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except (OSError, ValueError, IndexError):
            continue
        if session == sid and state != "Z":
            found.append((int(entry.name), cmd))
    return found


@pytest.fixture(scope="module")
def big_input(tmp_path_factory) -> Path:
    """284 long news articles (PolNeAR dev and part of train): far more than the workers' threshold, and
    chunks of results larger than a pipe's buffer (workers used to block sending them once the parent died)."""
    path = tmp_path_factory.mktemp("shutdown") / "news.jsonl"
    lines = shared_file("polnear/dev.jsonl").read_text(encoding="utf-8").splitlines(keepends=True)
    with shared_file("polnear/train.jsonl").open(encoding="utf-8") as src:
        lines += [next(src) for _ in range(200)]
    path.write_text("".join(lines), encoding="utf-8")
    return path


def start_ingest(src: Path, db: Path) -> subprocess.Popen:
    cmd = [
        sys.executable,
        "-c",
        "from whosaid.cli import main; main()",
        "--mode",
        "rules",
        "ingest",
        str(src),
        "--db",
        str(db),
        "-j",
        "2",
        "-q",
        "--summary-json",
    ]
    return subprocess.Popen(
        cmd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
        env=dict(os.environ, PYTHONUNBUFFERED="1"),
    )


def wait_for_workers(proc: subprocess.Popen, db: Path) -> None:
    """Until the workers are busy: two or more child processes, and results are being stored."""
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline and proc.poll() is None:
        if len(session_processes(proc.pid)) >= 4 and count_articles(db) >= 1:  # main, fork server, 2 workers
            return
        time.sleep(0.2)
    out = proc.stderr.read().decode() if proc.poll() is not None else ""
    pytest.fail(f"the ingest did not get going with workers (exit {proc.poll()}): {out[-2000:]}")


def assert_none_left(sid: int, within: float = 5.0) -> None:
    time.sleep(within)
    left = session_processes(sid)
    for pid, _ in left:  # clean up before failing, so a failure does not leak processes into the test run
        try:
            os.kill(pid, signal.SIGKILL)
        except OSError:
            pass
    assert left == [], f"processes left {within:g} s after the ingest ended: {left}"


def test_kill_9_of_the_ingest_parent_leaves_no_process(big_input, tmp_path):
    db = tmp_path / "killed.db"
    proc = start_ingest(big_input, db)
    try:
        wait_for_workers(proc, db)
        assert len(session_processes(proc.pid)) >= 4
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert_none_left(proc.pid)
    # what was stored is whole batches of a consistent store
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()


def test_sigterm_stops_the_ingest_and_its_workers(big_input, tmp_path):
    db = tmp_path / "term.db"
    proc = start_ingest(big_input, db)
    try:
        wait_for_workers(proc, db)
        os.kill(proc.pid, signal.SIGTERM)
        _, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 143, err.decode()[-2000:]
    assert "interrupted (SIGTERM)" in err.decode()
    assert_none_left(proc.pid)
    assert (
        count_articles(db) % 64 == 0 and 64 <= count_articles(db) < 284
    )  # whole batches: a rerun resumes (test_scale_ingest)
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
