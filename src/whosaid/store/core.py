"""The Store: opening (and migrating) the SQLite file, and idempotent writes keyed by article id + content hash.

Reads live in :mod:`whosaid.store.queries` (mixed into :class:`Store`). One connection per Store, guarded by a
lock so a web app may share it between threads; files use WAL so readers never block a running ingest.
"""

from __future__ import annotations

import datetime as _dt
import json
import os
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from ..errors import StoreError
from ..model import Analysis
from ..options import DEFAULT_DB
from .names import best_display_name, person_key
from .opening import check_is_store, connect_readonly, explain, probe_store, writable_problem
from .provenance import ProvenanceQueries
from .queries import Queries
from .rows import ArticleRows, article_rows, content_hash
from .schema import SCHEMA_VERSION, current_version, migrate

__all__ = ["Store", "UpsertResult"]

UpsertResult = str  # "added" | "unchanged" | "replaced"

_CHILD_TABLES = (
    "entities",
    "mentions",
    "attribution_about",
    "attributions",
    "times",
    "relations",
    "events",
    "event_people",
)


def _now() -> str:
    return _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds")


class Store(Queries, ProvenanceQueries):
    """A whosaid corpus in one SQLite file (``":memory:"`` for a throw-away store)."""

    def __init__(self, path: str | os.PathLike[str] = DEFAULT_DB, *, readonly: bool = False) -> None:
        """Open (``readonly``: SQLite ``mode=ro``) or create the store at ``path``.

        A file that is not a whosaid store (another program's database, no database at all, a store cut
        short) is refused with a StoreError and left byte for byte as it was (see :mod:`.opening`).
        """
        self.path = str(path)
        self.readonly = readonly
        self._lock = threading.RLock()
        memory = self.path == ":memory:" or self.path.startswith("file::memory:")
        file = Path(self.path)
        try:
            if memory:
                self._conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
            elif readonly:
                if not file.is_file():
                    raise StoreError(
                        f"{self.path}: no such store; create it with `whosaid ingest PATH --db "
                        f"{self.path}` or pass another --db"
                    )
                probe_store(file)  # another program's file is refused before SQLite opens it for real
                self._conn = connect_readonly(file)
            else:
                self._conn = self._connect_for_writing(file)
        except sqlite3.Error as exc:
            raise StoreError(explain(exc, self.path, "opening the store")) from None
        self._conn.row_factory = sqlite3.Row
        try:
            self._setup(memory)
        except sqlite3.Error as exc:
            self._conn.close()
            raise StoreError(explain(exc, self.path, "opening the store")) from None
        except StoreError:
            self._conn.close()
            raise

    def _connect_for_writing(self, file: Path) -> sqlite3.Connection:
        parent = file.resolve().parent
        if not parent.is_dir():
            raise StoreError(f"{self.path}: the folder {parent} does not exist; create it first")
        if file.is_dir():
            raise StoreError(f"{self.path}: is a folder; give a file name for the store")
        if file.exists():
            probe_store(file)  # look before writing anything
        problem = writable_problem(file)
        if problem:
            raise StoreError(problem)
        return sqlite3.connect(self.path, isolation_level=None, check_same_thread=False, timeout=60.0)

    @classmethod
    def for_reading(cls, path: str | os.PathLike[str] = DEFAULT_DB) -> Store:
        """Open read-only; a store of an older schema is upgraded first where the file can be written
        (read-only media need a store of this whosaid's schema)."""
        file = Path(path)
        if file.is_file() and writable_problem(file) is None:
            try:
                version = probe_store(file)
            except (sqlite3.Error, StoreError):
                version = SCHEMA_VERSION  # let the read-only open below say what is wrong
            if 0 < version < SCHEMA_VERSION:
                cls(path).close()
        return cls(path, readonly=True)

    def _setup(self, memory: bool) -> None:
        conn = self._conn
        conn.execute("PRAGMA busy_timeout = 60000")
        found = check_is_store(conn, self.path)
        if self.readonly:
            if found == 0:
                raise StoreError(
                    f"{self.path}: holds no whosaid store yet; fill it with `whosaid ingest PATH --db {self.path}`"
                )
            if found != SCHEMA_VERSION:
                newer = found > SCHEMA_VERSION
                raise StoreError(
                    f"{self.path}: schema version {found}, this whosaid reads {SCHEMA_VERSION}; "
                    + (
                        "upgrade whosaid"
                        if newer
                        else "open it once read-write (e.g. run `whosaid ingest` "
                        "into it, or `Store(path)` in Python) to upgrade it"
                    )
                )
            return
        if not memory:
            conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
        migrate(conn, where=self.path)

    # -- life cycle -------------------------------------------------------------------------------------------
    @property
    def schema_version(self) -> int:
        with self._lock:
            return current_version(self._conn)

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({self.path!r}{', readonly=True' if self.readonly else ''})"

    def _rows(self, sql: str, params: Iterable[Any] = ()) -> list[sqlite3.Row]:
        with self._lock:
            try:
                return self._conn.execute(sql, tuple(params)).fetchall()
            except sqlite3.Error as exc:
                raise StoreError(explain(exc, self.path, "reading the store")) from None

    # -- writing ----------------------------------------------------------------------------------------------
    def _check_writable(self) -> None:
        if self.readonly:
            raise StoreError(f"{self.path}: this store was opened read-only; open it without readonly=True")

    def has_article(self, article_id: str, text_hash: str | None = None) -> bool:
        """Whether the article is stored (with this content hash, when one is given)."""
        row = self._rows("SELECT content_hash FROM articles WHERE id = ?", (article_id,))
        return bool(row) and (text_hash is None or row[0]["content_hash"] == text_hash)

    def known_hashes(self, article_ids: Iterable[str]) -> dict[str, str]:
        """``{article_id: content_hash}`` for the given ids that are stored (for skipping on resume)."""
        ids = list(dict.fromkeys(article_ids))
        out: dict[str, str] = {}
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            marks = ",".join("?" * len(chunk))
            for row in self._rows(f"SELECT id, content_hash FROM articles WHERE id IN ({marks})", chunk):
                out[row["id"]] = row["content_hash"]
        return out

    def upsert(self, analysis: Analysis, *, text_hash: str | None = None) -> UpsertResult:
        """Store one analysis: "added", "unchanged" (same id and content hash: a no-op) or "replaced"."""
        with self._transaction():
            return self._upsert(analysis, text_hash or content_hash(analysis.article))

    def upsert_many(
        self, analyses: Iterable[Analysis], *, errors: Iterable[tuple[str | None, str, str]] = (), force: bool = False
    ) -> dict[str, int]:
        """Store many analyses (and ``(article_id, source, message)`` errors) in one transaction.

        ``force`` replaces stored analyses even when the content hash is the same (a re-analysis with other
        options); they are then counted as "replaced".
        """
        counts = {"added": 0, "unchanged": 0, "replaced": 0}
        with self._transaction():
            for analysis in analyses:
                counts[self._upsert(analysis, content_hash(analysis.article), force=force)] += 1
            for article_id, source, message in errors:
                self._record_error(article_id, source, message)
        return counts

    def record_error(self, article_id: str | None, source: str, message: str) -> None:
        """Remember an article that could not be read or analyzed (re-recording the same error is a no-op)."""
        with self._transaction():
            self._record_error(article_id, source, message)

    def _record_error(self, article_id: str | None, source: str, message: str) -> None:
        self._conn.execute(
            "INSERT INTO errors(article_id, source, message, at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT(source, message) DO UPDATE SET at = excluded.at, article_id = excluded.article_id",
            (article_id, source, message, _now()),
        )

    def start_run(self, engine: str, options: Mapping[str, Any]) -> int:
        """Record the start of an ingest run; returns its id for :meth:`finish_run`."""
        with self._transaction():
            cur = self._conn.execute(
                "INSERT INTO runs(started_at, engine, options) VALUES (?, ?, ?)",
                (_now(), engine, json.dumps(dict(options), default=str)),
            )
            return int(cur.lastrowid or 0)

    def finish_run(self, run_id: int, counts: Mapping[str, int]) -> None:
        with self._transaction():
            self._conn.execute(
                "UPDATE runs SET finished_at = ?, added = ?, unchanged = ?, replaced = ?, failed = ? WHERE id = ?",
                (
                    _now(),
                    counts.get("added", 0),
                    counts.get("unchanged", 0),
                    counts.get("replaced", 0),
                    counts.get("failed", 0),
                    run_id,
                ),
            )

    def _transaction(self) -> _Transaction:
        self._check_writable()
        return _Transaction(self)

    def _upsert(self, analysis: Analysis, chash: str, *, force: bool = False) -> UpsertResult:
        conn = self._conn
        aid = analysis.article.id
        old = conn.execute("SELECT content_hash, body_hash FROM articles WHERE id = ?", (aid,)).fetchone()
        if old is not None and old["content_hash"] == chash and not force:
            return "unchanged"
        if old is not None:
            self._delete_article(aid)
        rows = article_rows(analysis, chash=chash, now=_now())
        conn.execute(
            "INSERT INTO articles(id, content_hash, body_hash, date, title, outlet, url, text, analysis, "
            "n_attributions, ingested_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            rows.article,
        )
        self._write_people(rows)
        conn.executemany(
            "INSERT INTO entities(article_id, entity_id, name, type, confidence, person_id, "
            "person_confidence, gender, gender_source) VALUES (?,?,?,?,?,?,?,?,?)",
            rows.entities,
        )
        conn.executemany("INSERT OR IGNORE INTO mentions VALUES (?,?,?,?,?)", rows.mentions)
        idx_to_rowid: dict[int, int] = {}
        for row in rows.attributions:
            cur = conn.execute(
                "INSERT INTO attributions(article_id, idx, kind, speaker, entity_id, person_id, source_type, "
                "source_description, via, said_at, source, source_start, source_end, cue, cue_start, cue_end, "
                "content, content_start, content_end, confidence, category) "
                "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                row,
            )
            idx_to_rowid[row[1]] = int(cur.lastrowid or 0)
        conn.executemany(
            "INSERT OR IGNORE INTO attribution_about VALUES (?,?,?)", [(idx_to_rowid[i], p, aid) for i, p in rows.about]
        )
        conn.executemany("INSERT INTO times VALUES (?,?,?,?,?,?,?,?)", rows.times)
        conn.executemany("INSERT INTO relations VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)", rows.relations)
        conn.executemany("INSERT INTO events VALUES (?,?,?,?,?,?,?,?,?,?)", rows.events)
        conn.executemany("INSERT OR IGNORE INTO event_people VALUES (?,?,?)", rows.event_people)
        conn.execute("DELETE FROM errors WHERE article_id = ?", (aid,))
        self._flag_duplicates(rows.article[2], old["body_hash"] if old is not None else None)
        return "added" if old is None else "replaced"

    def _delete_article(self, aid: str) -> None:
        conn = self._conn
        row = conn.execute("SELECT text, analysis FROM articles WHERE id = ?", (aid,)).fetchone()
        old_people: dict[str, tuple[str, set[str]]] = {}
        if row is not None:
            old = Analysis.from_dict(json.loads(row["analysis"]), text=row["text"])
            old_people = article_rows(old, chash="", now="").people
        for table in _CHILD_TABLES:
            conn.execute(f"DELETE FROM {table} WHERE article_id = ?", (aid,))
        conn.execute("DELETE FROM articles WHERE id = ?", (aid,))
        for pid, (key, names) in old_people.items():
            conn.executemany(
                "UPDATE person_aliases SET n = n - 1 WHERE person_id = ? AND alias = ?",
                [(pid, n) for n in sorted(names)],
            )
            conn.execute("DELETE FROM person_aliases WHERE person_id = ? AND n <= 0", (pid,))
            if conn.execute("SELECT 1 FROM entities WHERE person_id = ? LIMIT 1", (pid,)).fetchone() is None:
                conn.execute("DELETE FROM people WHERE person_id = ?", (pid,))  # no other article mentions them
                conn.execute("DELETE FROM person_aliases WHERE person_id = ?", (pid,))
            else:
                self._refresh_name(pid, key)

    def _write_people(self, rows: ArticleRows) -> None:
        conn = self._conn
        for pid, (key, names) in rows.people.items():
            conn.execute(
                "INSERT OR IGNORE INTO people(person_id, key, name) VALUES (?, ?, ?)",
                (pid, key, best_display_name(names)),
            )
            conn.executemany(
                "INSERT INTO person_aliases(person_id, alias, norm, n) VALUES (?, ?, ?, 1) "
                "ON CONFLICT(person_id, alias) DO UPDATE SET n = n + 1",
                [(pid, n, person_key(n)) for n in sorted(names)],
            )
            self._refresh_name(pid, key)

    def _refresh_name(self, pid: str, key: str) -> None:
        """The display name: the most frequent variant of the full name (order-free, so runs agree)."""
        counts = {
            r["alias"]: r["n"]
            for r in self._conn.execute("SELECT alias, n FROM person_aliases WHERE person_id = ? AND n > 0", (pid,))
        }
        full = [a for a in counts if person_key(a) == key] or list(counts)
        if full:
            self._conn.execute("UPDATE people SET name = ? WHERE person_id = ?", (best_display_name(full, counts), pid))

    def _flag_duplicates(self, *body_hashes: str | None) -> None:
        """Within each group of equal bodies, every article but the smallest id points at that id."""
        for bh in {h for h in body_hashes if h}:
            self._conn.execute(
                "UPDATE articles SET duplicate_of = (SELECT CASE WHEN min(b.id) = articles.id THEN NULL "
                "ELSE min(b.id) END FROM articles b WHERE b.body_hash = articles.body_hash) WHERE body_hash = ?",
                (bh,),
            )

    def iter_analyses(self, *, batch: int = 200) -> Iterator[Analysis]:
        """Every stored analysis in id order (for exports and comparisons)."""
        last = ""
        while True:
            rows = self._rows("SELECT id, text, analysis FROM articles WHERE id > ? ORDER BY id LIMIT ?", (last, batch))
            if not rows:
                return
            for row in rows:
                yield Analysis.from_dict(json.loads(row["analysis"]), text=row["text"])
            last = rows[-1]["id"]


class _Transaction:
    """``BEGIN IMMEDIATE`` ... ``COMMIT`` (or ``ROLLBACK`` on error) under the store's lock."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def __enter__(self) -> None:
        self.store._lock.acquire()
        try:
            self.store._conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            self.store._lock.release()
            raise StoreError(explain(exc, self.store.path, "starting a write")) from None

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        conn = self.store._conn
        failed: sqlite3.Error | None = exc if isinstance(exc, sqlite3.Error) else None
        try:
            if exc_type is None:
                try:
                    conn.execute("COMMIT")
                except sqlite3.Error as err:
                    failed = err
            if exc_type is not None or failed is not None:
                self._rollback(conn)
        finally:
            self.store._lock.release()
        if failed is not None:
            raise StoreError(explain(failed, self.store.path, "writing the store")) from None

    @staticmethod
    def _rollback(conn: sqlite3.Connection) -> None:
        """Undo the transaction; SQLite may have done so already (a full disk), which is no second error."""
        if conn.in_transaction:
            try:
                conn.execute("ROLLBACK")
            except sqlite3.Error:
                pass
