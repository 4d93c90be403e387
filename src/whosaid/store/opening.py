"""Opening a store file safely: look before writing, read-only where asked, and clear messages for SQLite errors.

Before a store is opened for writing, the file is inspected **without changing it**: it must be empty (a new
store), or a whosaid store (a SQLite database whose ``user_version`` is set and which has whosaid's core
tables). Anything else — another program's SQLite database, a file that is no database at all, a store cut
short by an interrupted copy — is refused with a message, and its bytes stay as they were. Read-only opens use
SQLite's ``mode=ro``; on read-only media, where SQLite cannot create the ``-shm`` file a WAL store needs, they
fall back to ``immutable=1`` (nobody can change such a file meanwhile).
"""

from __future__ import annotations

import os
import sqlite3
import struct
from pathlib import Path

from ..errors import StoreError

__all__ = [
    "explain",
    "inspect_file",
    "check_is_store",
    "probe_store",
    "connect_readonly",
    "writable_problem",
    "CORE_TABLES",
]

CORE_TABLES = frozenset({"articles", "attributions", "entities", "mentions", "people"})
"""Tables every whosaid store has had since schema version 1."""

_MAGIC = b"SQLite format 3\x00"

_HINTS = {
    sqlite3.SQLITE_FULL: "the disk is full (or a file size limit was reached); free some space and run the "
    "same command again: the batch being written was rolled back",
    sqlite3.SQLITE_IOERR: "the disk failed to read or write (or is full, or a file size limit was reached); "
    "check the disk and free space, then run the same command again: the batch being "
    "written was rolled back",
    sqlite3.SQLITE_CORRUPT: "the store file is damaged; restore it from a copy, or ingest again into a new --db "
    "file (`sqlite3 FILE .recover` may save what it holds)",
    sqlite3.SQLITE_NOTADB: "this is not a whosaid store (not even a SQLite database); whosaid left it untouched: "
    "give another --db file",
    sqlite3.SQLITE_READONLY: "the store cannot be written (read-only file, folder or medium); copy it somewhere "
    "writable to add to it",
    sqlite3.SQLITE_BUSY: "another program is writing the store; wait for it to finish, or use another --db file",
    sqlite3.SQLITE_LOCKED: "another program is writing the store; wait for it to finish, or use another --db file",
    sqlite3.SQLITE_CANTOPEN: "cannot open the file; check the path and the permissions of the file and its folder",
    sqlite3.SQLITE_PERM: "permission denied; check the permissions of the file and its folder",
}


def explain(exc: sqlite3.Error, path: str, doing: str) -> str:
    """A one-line message for a SQLite error: what failed, SQLite's words, and what to do."""
    code = getattr(exc, "sqlite_errorcode", None)
    hint = _HINTS.get(code & 0xFF) if isinstance(code, int) else None
    if hint is None:
        text = str(exc).lower()
        if "disk is full" in text or "database or disk is full" in text:
            hint = _HINTS[sqlite3.SQLITE_FULL]
        elif "malformed" in text:
            hint = _HINTS[sqlite3.SQLITE_CORRUPT]
        elif "not a database" in text:
            hint = _HINTS[sqlite3.SQLITE_NOTADB]
        elif "readonly" in text or "read-only" in text:
            hint = _HINTS[sqlite3.SQLITE_READONLY]
    return f"{path}: {doing} failed ({exc})" + (f": {hint}" if hint else "")


def inspect_file(path: Path) -> bool:
    """Look at a store file's header without opening it in SQLite: True when it is empty (a new store).

    Raises StoreError when it is no SQLite database, or is shorter than its header says (cut short) while no
    write-ahead log could hold the rest.
    """
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            header = fh.read(100)
    except OSError as exc:
        raise StoreError(f"{path}: cannot read the store file ({exc.strerror}); check its permissions") from None
    if size == 0:
        return True
    if not header.startswith(_MAGIC) or len(header) < 100:
        raise StoreError(
            f"{path}: not a whosaid store (not a SQLite database); whosaid left it untouched: give another --db file"
        )
    page_size = struct.unpack(">H", header[16:18])[0]
    page_size = 65536 if page_size == 1 else page_size
    pages, counter, valid_for = struct.unpack(">I", header[28:32])[0], header[24:28], header[92:96]
    wal = path.with_name(path.name + "-wal")
    if pages and counter == valid_for and size < pages * page_size and not (wal.is_file() and wal.stat().st_size):
        raise StoreError(
            f"{path}: the store file is cut short ({size} of {pages * page_size} bytes: an "
            "interrupted copy?); copy it again from the original, or restore it from a backup"
        )
    return False


def check_is_store(conn: sqlite3.Connection, path: str) -> int:
    """The schema version of a whosaid store, 0 for an empty database; StoreError for anything else."""
    version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if not tables and version == 0:
        return 0
    if version >= 1 and CORE_TABLES <= tables:
        return version
    shown = ", ".join(sorted(tables)[:6]) + (", ..." if len(tables) > 6 else "")
    raise StoreError(
        f"{path}: a SQLite database, but not a whosaid store (its tables: {shown or 'none'}; "
        f"user_version {version}); whosaid left it untouched: give another --db file"
    )


def _has_wal(path: Path) -> bool:
    wal = path.with_name(path.name + "-wal")
    return wal.is_file() and wal.stat().st_size > 0


def probe_store(path: Path) -> int:
    """The schema version of the whosaid store at ``path`` (0: an empty database), read without writing or
    creating anything, not even SQLite's ``-wal``/``-shm`` files beside someone else's database; StoreError
    for any other file."""
    if inspect_file(path):
        return 0
    if _has_wal(path):  # part of the database is in the log: read it the normal (read-only) way
        conn = connect_readonly(path)
    else:  # everything is in the file: look at it as an unchangeable file (no lock or -shm files)
        conn = sqlite3.connect(path.resolve().as_uri() + "?mode=ro&immutable=1", uri=True)
    try:
        return check_is_store(conn, str(path))
    except sqlite3.DatabaseError as exc:
        raise StoreError(explain(exc, str(path), "reading the store")) from None
    finally:
        conn.close()


def connect_readonly(path: Path) -> sqlite3.Connection:
    """A read-only connection (``mode=ro``), or ``immutable=1`` where the medium cannot take a ``-shm`` file."""
    uri = path.resolve().as_uri()
    conn = sqlite3.connect(uri + "?mode=ro", uri=True, isolation_level=None, check_same_thread=False)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return conn
    except sqlite3.OperationalError as exc:
        conn.close()
        code = getattr(exc, "sqlite_errorcode", 0) & 0xFF
        if code not in (sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_READONLY):
            raise
        if _has_wal(path):
            raise StoreError(
                f"{path}: the store's last writes are still in {path.name}-wal, which cannot be read "
                "on this read-only medium; copy the store with its -wal file somewhere writable, "
                "or open it once where it can be written so SQLite folds the log in"
            ) from None
    return sqlite3.connect(uri + "?mode=ro&immutable=1", uri=True, isolation_level=None, check_same_thread=False)


def writable_problem(path: Path) -> str | None:
    """Why ``path`` cannot be written as a store (file or folder read-only), or None."""
    folder = path.resolve().parent
    if path.exists() and not os.access(path, os.W_OK):
        return f"{path}: the store file is read-only; copy it somewhere writable (or chmod u+w) to add to it"
    if not os.access(folder, os.W_OK | os.X_OK):
        return (
            f"{path}: the folder {folder} cannot be written (the store needs its -wal and -shm files "
            "beside it); use a writable folder"
        )
    return None
