"""Store tables of statement clusters (quote provenance): the SQL behind :mod:`whosaid.provenance`.

Three tables (schema v4): ``cluster_members`` (one row per statement once it has been looked at: its
normalised words, speaker key and cluster, NULL for statements too short to cluster), ``cluster_bands``
(the LSH index: band key -> member) and ``statement_clusters`` (one row per cluster with the summary the
listing filters on). A trigger on ``attributions`` drops the member row of a deleted statement and marks
its cluster ``dirty``, so a replaced article is re-checked on the next update. Member ids (``mid``) are
never reused, so band rows of a deleted member simply stop joining.

:class:`ProvenanceQueries` is mixed into :class:`~whosaid.store.Store` (reads);
:class:`ProvenanceWriter` is the write side, used by :func:`whosaid.provenance.update_clusters` inside
one transaction per chunk (``with store.provenance_writer() as w``).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from .core import Store

__all__ = ["ProvenanceQueries", "ProvenanceWriter", "MEMBER_COLS"]

# a statement as the clustering and the reports need it (articles ar, attributions a, people p)
MEMBER_COLS = (
    "a.id AS statement_id, a.article_id, a.idx, a.kind, a.speaker, a.person_id AS speaker_id, a.source_type, "
    "a.source_description, a.via, a.said_at, a.cue, a.content, a.content_start, a.content_end, a.confidence, "
    "ar.date, ar.outlet, ar.title, ar.duplicate_of, p.key AS person_key, "
    "json_extract(ar.analysis, '$.attributions[' || a.idx || '].content.fragments') AS fragments"
)
_FROM = "FROM attributions a JOIN articles ar ON ar.id = a.article_id LEFT JOIN people p ON p.person_id = a.person_id"
_CLUSTER_COLS = (
    "c.id AS cluster_id, c.size, c.n_articles, c.n_outlets, c.n_variants, c.n_relayed, "
    "c.speaker_conflict, c.first_statement, c.first_date, c.last_date, c.outlets"
)


def _member(row: sqlite3.Row) -> dict[str, Any]:
    out = dict(row)
    frags = out.get("fragments")
    out["fragments"] = json.loads(frags) if isinstance(frags, str) else None
    return out


def _cluster(row: sqlite3.Row) -> dict[str, Any]:
    out = dict(row)
    out["outlets"] = json.loads(out["outlets"] or "[]")
    out["speaker_conflict"] = bool(out["speaker_conflict"])
    return out


class ProvenanceQueries:
    """Read methods over statement clusters (mixed into the Store)."""

    path: str

    def _rows(self, sql: str, params: Iterable[Any] = ()) -> list[sqlite3.Row]:  # pragma: no cover - Store's
        raise NotImplementedError

    def statement(self, statement_id: int) -> dict[str, Any] | None:
        """One statement (``statement_id`` is ``quotes()[i]["statement_id"]``) with its cluster id (None when
        it is not clustered: too short, or not looked at yet - see ``clustered``)."""
        rows = self._rows(
            f"SELECT {MEMBER_COLS}, m.cluster_id, m.mid IS NOT NULL AS clustered, m.words, "
            "m.speaker_key, m.is_variant, m.speaker_conflict "
            f"{_FROM} LEFT JOIN cluster_members m ON m.attribution_id = a.id WHERE a.id = ?",
            (int(statement_id),),
        )
        if not rows:
            return None
        out = _member(rows[0])
        out["clustered"] = bool(out["clustered"])
        return out

    def cluster_members(self, cluster_id: int) -> list[dict[str, Any]]:
        """Every statement of a cluster (unordered: :func:`whosaid.provenance.cluster_report` orders them)."""
        return [
            _member(r)
            for r in self._rows(
                f"SELECT {MEMBER_COLS}, m.cluster_id, m.words, m.speaker_key FROM cluster_members m "
                "JOIN attributions a ON a.id = m.attribution_id JOIN articles ar ON ar.id = a.article_id "
                "LEFT JOIN people p ON p.person_id = a.person_id WHERE m.cluster_id = ? ORDER BY a.id",
                (int(cluster_id),),
            )
        ]

    def cluster_spread(self, statement_ids: Sequence[int]) -> dict[int, dict[str, Any]]:
        """``{statement id: {"cluster_id", "size", "n_outlets"}}`` for the given statements that are clustered."""
        out: dict[int, dict[str, Any]] = {}
        ids = [int(i) for i in statement_ids]
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            marks = ",".join("?" * len(chunk))
            for r in self._rows(
                "SELECT m.attribution_id, c.id, c.size, c.n_outlets FROM cluster_members m "
                f"JOIN statement_clusters c ON c.id = m.cluster_id WHERE m.attribution_id IN ({marks})",
                chunk,
            ):
                out[r[0]] = {"cluster_id": r[1], "size": r[2], "n_outlets": r[3]}
        return out

    def cluster(self, cluster_id: int) -> dict[str, Any] | None:
        """The stored summary of one cluster, or None."""
        rows = self._rows(f"SELECT {_CLUSTER_COLS} FROM statement_clusters c WHERE c.id = ?", (int(cluster_id),))
        return _cluster(rows[0]) if rows else None

    def clusters(
        self,
        *,
        min_outlets: int = 1,
        min_size: int = 2,
        variants_only: bool = False,
        conflicts_only: bool = False,
        speaker: str | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> list[dict[str, Any]]:
        """Clusters with at least ``min_size`` statements in ``min_outlets`` outlets, the widest spread first,
        each with its earliest statement (``speaker``, ``content``, ``outlet``, ``article_id``)."""
        where, params = _cluster_filters(min_outlets, min_size, variants_only, conflicts_only, speaker)
        rows = self._rows(
            f"SELECT {_CLUSTER_COLS}, a.speaker, a.person_id AS speaker_id, a.content, a.article_id, ar.outlet, "
            "ar.title FROM statement_clusters c JOIN attributions a ON a.id = c.first_statement "
            "JOIN articles ar ON ar.id = a.article_id WHERE "
            + where
            + " ORDER BY c.n_outlets DESC, c.size DESC, c.first_date, c.id LIMIT ? OFFSET ?",
            [*params, int(limit), int(offset)],
        )
        return [_cluster(r) for r in rows]

    def count_clusters(
        self,
        *,
        min_outlets: int = 1,
        min_size: int = 2,
        variants_only: bool = False,
        conflicts_only: bool = False,
        speaker: str | None = None,
    ) -> int:
        """How many clusters :meth:`clusters` lists with the same filters (all pages)."""
        where, params = _cluster_filters(min_outlets, min_size, variants_only, conflicts_only, speaker)
        return int(
            self._rows(
                "SELECT count(*) AS n FROM statement_clusters c JOIN attributions a ON a.id = c.first_statement "
                "WHERE " + where,
                params,
            )[0]["n"]
        )

    def provenance_stats(self) -> dict[str, Any]:
        """How far clustering got: statements looked at / pending, clusters by spread."""
        one = self._rows(
            "SELECT (SELECT count(*) FROM attributions) AS statements,"
            " (SELECT count(*) FROM cluster_members) AS looked_at,"
            " (SELECT count(*) FROM cluster_members WHERE cluster_id IS NOT NULL) AS indexed,"
            " (SELECT count(*) FROM statement_clusters WHERE size >= 2) AS clusters,"
            " (SELECT count(*) FROM statement_clusters WHERE size >= 2 AND n_outlets >= 2) AS multi_outlet,"
            " (SELECT coalesce(sum(size), 0) FROM statement_clusters WHERE size >= 2) AS clustered_statements,"
            " (SELECT count(*) FROM statement_clusters WHERE size >= 2 AND n_variants > 0) AS with_variants,"
            " (SELECT count(*) FROM statement_clusters WHERE speaker_conflict = 1) AS speaker_conflicts,"
            " (SELECT count(*) FROM statement_clusters WHERE dirty = 1) AS dirty"
        )[0]
        out = dict(one)
        out["pending"] = out["statements"] - out["looked_at"]
        out["by_outlets"] = {
            r["n"]: r["k"]
            for r in self._rows(
                "SELECT n_outlets AS n, count(*) AS k FROM statement_clusters WHERE size >= 2 GROUP BY n_outlets "
                "ORDER BY n_outlets"
            )
        }
        return out

    def pending_statements(self, after: int = 0, limit: int = 500) -> list[dict[str, Any]]:
        """Statements not yet looked at by the clustering, in id order, after the id ``after``."""
        return [
            _member(r)
            for r in self._rows(
                f"SELECT {MEMBER_COLS} {_FROM} WHERE a.id > ? AND NOT EXISTS "
                "(SELECT 1 FROM cluster_members m WHERE m.attribution_id = a.id) ORDER BY a.id LIMIT ?",
                (int(after), int(limit)),
            )
        ]

    def cluster_candidates(self, bands: Sequence[int], limit: int = 100) -> list[dict[str, Any]]:
        """Clustered statements sharing LSH bands with ``bands``, most shared first:
        ``[{"mid","statement_id","article_id","cluster_id","words","speaker_key","content_start",
        "content_end","hits"}]``."""
        hits: dict[int, int] = {}
        for i in range(0, len(bands), 900):
            chunk = list(bands[i : i + 900])
            marks = ",".join("?" * len(chunk))
            for r in self._rows(
                f"SELECT mid, count(*) AS n FROM cluster_bands WHERE band IN ({marks}) GROUP BY mid", chunk
            ):
                hits[r["mid"]] = hits.get(r["mid"], 0) + r["n"]
        best = sorted(hits, key=lambda m: (-hits[m], m))[:limit]
        if not best:
            return []
        marks = ",".join("?" * len(best))
        rows = [
            dict(r, hits=hits[r["mid"]])
            for r in self._rows(
                "SELECT m.mid, m.attribution_id AS statement_id, m.article_id, m.cluster_id, m.words, m.speaker_key, "
                "a.content_start, a.content_end, a.kind FROM cluster_members m "
                "JOIN attributions a ON a.id = m.attribution_id "
                f"WHERE m.mid IN ({marks}) AND m.cluster_id IS NOT NULL",
                best,
            )
        ]
        return sorted(rows, key=lambda r: (-r["hits"], r["mid"]))

    def provenance_writer(self) -> ProvenanceWriter:
        """The write side, as a context manager holding one transaction."""
        return ProvenanceWriter(self)  # type: ignore[arg-type]


class ProvenanceWriter:
    """Writes of the clustering, inside one ``BEGIN IMMEDIATE`` ... ``COMMIT`` (rolled back on error)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._tx: Any = None

    def __enter__(self) -> ProvenanceWriter:
        self._tx = self.store._transaction()
        self._tx.__enter__()
        return self

    def __exit__(self, *exc: Any) -> None:
        self._tx.__exit__(*exc)

    @property
    def conn(self) -> sqlite3.Connection:
        return self.store._conn

    def _all(self, sql: str, params: Sequence[Any] = ()) -> list[sqlite3.Row]:
        return self.conn.execute(sql, tuple(params)).fetchall()

    def add_member(
        self,
        statement_id: int,
        article_id: str,
        cluster_id: int | None,
        words: str,
        speaker_key: str | None,
        bands: Sequence[int],
    ) -> int:
        cur = self.conn.execute(
            "INSERT INTO cluster_members(attribution_id, article_id, cluster_id, words, speaker_key) "
            "VALUES (?, ?, ?, ?, ?)",
            (statement_id, article_id, cluster_id, words, speaker_key),
        )
        mid = int(cur.lastrowid or 0)
        if bands:
            self.conn.executemany(
                "INSERT OR IGNORE INTO cluster_bands(band, mid) VALUES (?, ?)", [(b, mid) for b in bands]
            )
        return mid

    # -- clusters -------------------------------------------------------------------------------------------
    def new_cluster(self) -> int:
        return int(self.conn.execute("INSERT INTO statement_clusters(size) VALUES (0)").lastrowid or 0)

    def merge(self, target: int, others: Iterable[int]) -> None:
        """Move the members of ``others`` into ``target`` and drop ``others``."""
        for other in others:
            self.conn.execute("UPDATE cluster_members SET cluster_id = ? WHERE cluster_id = ?", (target, other))
            self.conn.execute("DELETE FROM statement_clusters WHERE id = ?", (other,))

    def move(self, statement_ids: Sequence[int], cluster_id: int) -> None:
        self.conn.executemany(
            "UPDATE cluster_members SET cluster_id = ? WHERE attribution_id = ?",
            [(cluster_id, s) for s in statement_ids],
        )

    def members(self, cluster_id: int) -> list[dict[str, Any]]:
        """The cluster's statements with what a summary needs (no fragments)."""
        return [
            dict(r)
            for r in self._all(
                "SELECT m.attribution_id AS statement_id, m.words, m.speaker_key, a.kind, a.via, a.said_at, a.idx, "
                "a.article_id, a.content_start, a.content_end, ar.date, ar.outlet FROM cluster_members m "
                "JOIN attributions a ON a.id = m.attribution_id "
                "JOIN articles ar ON ar.id = a.article_id WHERE m.cluster_id = ? ORDER BY a.id",
                (cluster_id,),
            )
        ]

    def dirty(self) -> list[int]:
        return [r["id"] for r in self._all("SELECT id FROM statement_clusters WHERE dirty = 1 ORDER BY id")]

    def drop(self, cluster_id: int) -> None:
        self.conn.execute("UPDATE cluster_members SET cluster_id = NULL WHERE cluster_id = ?", (cluster_id,))
        self.conn.execute("DELETE FROM statement_clusters WHERE id = ?", (cluster_id,))

    def drop_stale_bands(self) -> int:
        """Remove band rows of deleted statements (run after deletions; a full pass over the band index)."""
        return self.conn.execute(
            "DELETE FROM cluster_bands WHERE mid NOT IN (SELECT mid FROM cluster_members)"
        ).rowcount

    def summarize(self, cluster_id: int, summary: dict[str, Any], flags: Sequence[tuple[int, bool, bool]]) -> None:
        """Store a cluster's summary and each member's ``(statement_id, is_variant, speaker_conflict)``."""
        self.conn.execute(
            "UPDATE statement_clusters SET size = ?, n_articles = ?, n_outlets = ?, n_variants = ?, n_relayed = ?,"
            " speaker_conflict = ?, first_statement = ?, first_date = ?, last_date = ?, outlets = ?, dirty = 0"
            " WHERE id = ?",
            (
                summary["size"],
                summary["n_articles"],
                summary["n_outlets"],
                summary["n_variants"],
                summary["n_relayed"],
                int(summary["speaker_conflict"]),
                summary["first_statement"],
                summary["first_date"],
                summary["last_date"],
                json.dumps(summary["outlets"], ensure_ascii=False),
                cluster_id,
            ),
        )
        self.conn.executemany(
            "UPDATE cluster_members SET is_variant = ?, speaker_conflict = ? WHERE attribution_id = ?",
            [(int(v), int(c), s) for s, v, c in flags],
        )

    def reset(self) -> None:
        """Forget every cluster (a rebuild looks at all statements again)."""
        for table in ("cluster_bands", "cluster_members", "statement_clusters"):
            self.conn.execute(f"DELETE FROM {table}")


def _cluster_filters(
    min_outlets: int, min_size: int, variants_only: bool, conflicts_only: bool, speaker: str | None
) -> tuple[str, list[Any]]:
    """The WHERE clause (over ``statement_clusters c`` joined to its first statement ``a``) and its parameters."""
    where = ["c.size >= ?", "c.n_outlets >= ?"]
    params: list[Any] = [int(min_size), int(min_outlets)]
    if variants_only:
        where.append("c.n_variants > 0")
    if conflicts_only:
        where.append("c.speaker_conflict = 1")
    if speaker:
        where.append("(a.speaker = ? COLLATE NOCASE OR a.person_id = ?)")
        params += [speaker.strip(), speaker.strip()]
    return " AND ".join(where), params
