"""Opening stores safely: read-only files and media, other programs' files left untouched, stores cut short or
damaged, and a full disk — each a clear message, and the file unchanged."""

from __future__ import annotations

import ctypes
import hashlib
import json
import os
import resource
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

from whosaid.cli import main
from whosaid.errors import StoreError
from whosaid.store import Store

CLI = [sys.executable, "-c", "from whosaid.cli import main; main()"]


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def siblings(path: Path) -> list[str]:
    return sorted(p.name for p in path.parent.iterdir() if p.name.startswith(path.name))


def make_store(path: Path, n: int = 3) -> Path:
    from whosaid.model import Analysis, Article, Attribution, Span

    def build(aid: str, text: str, **_kw: object) -> Analysis:
        i = text.index("the bridge")
        content = Span.of(text, i, text.index(" Bo Chan") - 1)
        return Analysis(
            article=Article(id=aid, text=text),
            attributions=(
                Attribution(
                    kind="indirect",
                    content=content,
                    cue=Span.of(text, 8, 12),
                    source=Span.of(text, 0, 7),
                    speaker="Ann Lee",
                    source_type="person",
                ),
            ),
        )

    with Store(path) as store:
        store.upsert_many(
            [
                build(
                    f"art{i}",
                    f"Ann Lee said the bridge {i} is safe. Bo Chan said it is not.",
                    people={"Ann Lee": ["Ann Lee"], "Bo Chan": ["Bo Chan"]},
                    quotes=[
                        {
                            "content": f"the bridge {i} is safe",
                            "cue": "said",
                            "source": "Ann Lee",
                            "speaker": "Ann Lee",
                            "kind": "indirect",
                        }
                    ],
                )
                for i in range(n)
            ]
        )
    return path


def articles_of(path: Path) -> list[tuple]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return (
            conn.execute("SELECT id, content_hash, n_attributions FROM articles ORDER BY id").fetchall()
            + conn.execute("SELECT article_id, idx, content FROM attributions ORDER BY article_id, idx").fetchall()
        )
    finally:
        conn.close()


def invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


# -- other programs' files ---------------------------------------------------------------------------------------
def foreign_rollback(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes(id INTEGER PRIMARY KEY, body TEXT)")
    conn.execute("INSERT INTO notes(body) VALUES ('mine')")
    conn.commit()
    conn.close()


def foreign_wal(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("CREATE TABLE articles(id TEXT)")  # even a table of the same name does not make it a store
    conn.commit()
    conn.close()


FOREIGN = {
    "sqlite": foreign_rollback,
    "sqlite-wal": foreign_wal,
    "text": lambda p: p.write_text("just some notes\n", encoding="utf-8"),
    "binary": lambda p: p.write_bytes(bytes(range(256)) * 8),
}
COMMANDS = [["quotes"], ["people"], ["sources"], ["errors"], ["article", "x"], ["ingest", "{article}"]]


@pytest.mark.parametrize("kind", sorted(FOREIGN))
@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_every_command_refuses_a_file_that_is_not_a_store_and_leaves_it_as_it_was(tmp_path, kind, command):
    db = tmp_path / "other.sqlite"
    FOREIGN[kind](db)
    before, files = sha(db), siblings(db)
    article = tmp_path / "a.txt"
    article.write_text("The mayor said the bridge is safe.", encoding="utf-8")
    code, out = invoke("--mode", "rules", *[a.format(article=article) for a in command], "--db", str(db))
    assert code == 1 and "not a whosaid store" in out and "untouched" in out
    assert sha(db) == before and siblings(db) == files  # not a byte changed, no -wal/-shm/-journal left


@pytest.mark.parametrize("kind", sorted(FOREIGN))
@pytest.mark.parametrize("readonly", [False, True])
def test_the_library_refuses_it_too(tmp_path, kind, readonly):
    db = tmp_path / "other.db"
    FOREIGN[kind](db)
    before = sha(db)
    with pytest.raises(StoreError, match="not a whosaid store"):
        Store(db, readonly=readonly)
    assert sha(db) == before and siblings(db) == ["other.db"]


def test_an_empty_file_becomes_a_store(tmp_path):
    empty = tmp_path / "empty.db"
    empty.write_bytes(b"")
    with pytest.raises(StoreError, match="no whosaid store yet"):
        Store(empty, readonly=True)
    with Store(empty) as store:
        assert store.stats()["articles"] == 0


def test_read_commands_upgrade_an_older_writable_store_once(tmp_path, old_store):
    from whosaid.store import SCHEMA_VERSION

    db = old_store(tmp_path / "old.db")
    code, out = invoke("quotes", "--db", str(db), "-f", "json")
    assert code == 0 and json.loads(out) == []
    with Store(db, readonly=True) as store:
        assert store.schema_version == SCHEMA_VERSION


def test_the_web_app_refuses_it(tmp_path):
    from fastapi.testclient import TestClient

    from whosaid.options import Options
    from whosaid.web import create_app

    db = tmp_path / "other.sqlite"
    foreign_rollback(db)
    before = sha(db)
    with TestClient(create_app(Options(db=str(db))), base_url="http://localhost") as client:
        r = client.get("/api/stats")
    assert r.status_code == 503 and "not a whosaid store" in r.json()["detail"]
    assert sha(db) == before and siblings(db) == ["other.sqlite"]


# -- stores cut short or damaged ---------------------------------------------------------------------------------
def test_a_store_cut_short_is_refused_untouched(tmp_path):
    db = make_store(tmp_path / "full.db", n=12)
    cut = tmp_path / "cut.db"
    cut.write_bytes(db.read_bytes()[: db.stat().st_size // 2])
    before = sha(cut)
    for command in (["quotes"], ["ingest", str(tmp_path / "x.txt")]):
        (tmp_path / "x.txt").write_text("The mayor said so.", encoding="utf-8")
        code, out = invoke("--mode", "rules", *command, "--db", str(cut))
        assert code == 1 and "cut short" in out, out
    assert sha(cut) == before and siblings(cut) == ["cut.db"]


def damage(db: Path, *names: str) -> None:
    """Overwrite the first page of these tables/indexes with garbage."""
    conn = sqlite3.connect(db)
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    roots = [conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (n,)).fetchone()[0] for n in names]
    conn.close()
    with db.open("r+b") as fh:
        for root in roots:
            fh.seek((root - 1) * page_size)
            fh.write(b"\xa5" * page_size)


def test_a_damaged_store_gives_a_clear_message_and_stays_as_it_was(tmp_path):
    db = make_store(tmp_path / "bad.db")
    damage(db, "articles", "sqlite_autoindex_articles_1", "attributions")
    before = sha(db)
    (tmp_path / "x.txt").write_text("The mayor said the bridge is safe.", encoding="utf-8")
    for command in (["quotes"], ["article", "art1"], ["ingest", str(tmp_path / "x.txt")]):
        code, out = invoke("--mode", "rules", *command, "--db", str(db))
        assert code == 1 and "damaged" in out and "Traceback" not in out, out
        assert sha(db) == before


# -- a full disk -----------------------------------------------------------------------------------------------
def test_a_full_disk_rolls_the_batch_back_with_a_clear_message(tmp_path, make_analysis):
    db = make_store(tmp_path / "s.db")
    before = articles_of(db)
    big = [
        make_analysis(
            f"big{i}",
            ("Ann Lee said the bridge is safe. " * 400),
            people={"Ann Lee": ["Ann Lee"]},
            quotes=[{"content": "the bridge is safe", "cue": "said", "source": "Ann Lee", "speaker": "Ann Lee"}],
        )
        for i in range(5)
    ]
    with Store(db) as store:
        pages = store._conn.execute("PRAGMA page_count").fetchone()[0]
        store._conn.execute(f"PRAGMA max_page_count = {pages + 2}")  # the disk is "full" two pages on
        with pytest.raises(StoreError) as info:
            store.upsert_many(big, errors=[(None, "x.jsonl:1", "bad line")])
        message = str(info.value)
        assert "full" in message and "rolled back" in message and "cannot rollback" not in message
        assert store.stats()["articles"] == 3  # the store still works, without a trace of the failed batch
        store._conn.execute(f"PRAGMA max_page_count = {2**30}")
        assert store.upsert_many(big[:1])["added"] == 1  # space again: writing works again
    after = [r for r in articles_of(db) if not str(r[0]).startswith("big")]
    assert after == before


def _limit_file_size(limit: int):
    def apply() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails (EFBIG) instead of killing
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


@pytest.mark.slow
def test_ingest_on_a_full_disk_exits_1_and_leaves_the_stored_articles(tmp_path):
    db = make_store(tmp_path / "s.db")
    before = articles_of(db)
    src = tmp_path / "news.jsonl"
    text = "The mayor said the new bridge is safe. “It will open in May,” she told reporters. " * 60
    src.write_text("".join(json.dumps({"id": f"n{i}", "text": text}) + "\n" for i in range(6)), encoding="utf-8")
    done = subprocess.run(
        CLI + ["--mode", "rules", "ingest", str(src), "--db", str(db), "-j", "1", "-q"],
        capture_output=True,
        text=True,
        timeout=300,
        preexec_fn=_limit_file_size(48 * 1024),
    )
    assert done.returncode == 1, done.stderr
    assert "writing the store failed" in done.stderr and "rolled back" in done.stderr
    assert "Traceback" not in done.stderr
    assert articles_of(db) == before


# -- read-only files, folders and media -----------------------------------------------------------------------------
def _drop_file_capabilities() -> None:
    """In the child, before exec: as root, drop the capabilities that bypass file permissions (DAC override,
    DAC read search, fowner), so 0444 / 0555 hold as they would for any user."""
    libc = ctypes.CDLL(None, use_errno=True)
    for cap in (1, 2, 3):  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, CAP_FOWNER
        if libc.prctl(24, cap, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP) failed")


def unprivileged() -> dict:
    """subprocess keyword arguments that make file permissions apply (also to root), or skip."""
    if os.geteuid() != 0:
        return {}
    if not sys.platform.startswith("linux"):
        pytest.skip("running as root without Linux capabilities: cannot make files read-only for the test")
    probe = subprocess.run(
        [sys.executable, "-c", "open('/proc/self/status').read()"],
        preexec_fn=_drop_file_capabilities,
        capture_output=True,
    )
    if probe.returncode != 0:
        pytest.skip("cannot drop CAP_DAC_OVERRIDE here (no CAP_SETPCAP): read-only files cannot be tested as root")
    return {"preexec_fn": _drop_file_capabilities}


@pytest.fixture()
def readonly_copy(tmp_path):
    """A store copied into a 0555 folder as a 0444 file (as on a read-only medium); permissions restored after."""
    src = make_store(tmp_path / "src.db")
    folder = tmp_path / "media"
    folder.mkdir()
    db = folder / "news.db"
    shutil.copyfile(src, db)
    db.chmod(0o444)
    folder.chmod(0o555)
    yield db
    folder.chmod(0o755)
    db.chmod(0o644)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_a_read_only_store_answers_quotes_and_serves(readonly_copy):
    kw = unprivileged()
    db = readonly_copy
    before = sha(db)
    done = subprocess.run(
        CLI + ["quotes", "--db", str(db), "-f", "json"], capture_output=True, text=True, timeout=120, **kw
    )
    assert done.returncode == 0, done.stderr
    assert {q["content"] for q in json.loads(done.stdout)} == {f"the bridge {i} is safe" for i in range(3)}
    for command in (["people", "-f", "json"], ["sources", "-f", "csv"], ["errors"], ["article", "art1"]):
        again = subprocess.run(CLI + [*command, "--db", str(db)], capture_output=True, text=True, timeout=120, **kw)
        assert again.returncode == 0, (command, again.stderr)
    # ingest into it: refused with the reason, nothing changed
    article = db.parent.parent / "new.txt"
    article.write_text("The mayor said the bridge is safe.", encoding="utf-8")
    refused = subprocess.run(
        CLI + ["--mode", "rules", "ingest", str(article), "--db", str(db)],
        capture_output=True,
        text=True,
        timeout=120,
        **kw,
    )
    assert refused.returncode == 1 and "read-only" in refused.stderr, refused.stderr
    # serve: the overview page and the API answer
    port = free_port()
    server = subprocess.Popen(
        CLI + ["serve", "--db", str(db), "--port", str(port), "--log-level", "warning"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        **kw,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/stats", timeout=5) as r:
                    stats = json.loads(r.read())
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    server.kill()
                    pytest.fail(f"serve did not answer: {server.stderr.read().decode()[-2000:]}")
                time.sleep(0.3)
        assert stats["articles"] == 3
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=10) as r:
            assert r.status == 200
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert sha(db) == before and siblings(db) == ["news.db"]
