"""Read queries over the store (mixed into :class:`whosaid.store.Store`); every result is plain JSON-ready data.

Aggregates over statements (``people``, ``person``, ``quotes``, ``sourcing``...) leave out articles flagged as
duplicates of another article (same body, other id) unless ``include_duplicates=True``, so a story syndicated
under two ids is not counted twice. Every list has a ``count_*`` twin with the same filters, so a page can say
"51-100 of 191", and statements can be streamed with :meth:`Queries.iter_quotes` (exports).
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterable, Iterator
from typing import Any

from ..model import SOURCE_TYPES, Analysis
from .filters import SOURCE_NAME_SQL, article_conditions, check_filters, headline, register_functions, source_key
from .people import PeopleQueries
from .sourcing import SourcingQueries

__all__ = ["Queries", "fts_query", "headline"]

_QUOTE_COLS = (
    "a.article_id, ar.date, ar.outlet, ar.title, ar.url, a.kind, a.speaker, a.person_id AS speaker_id, a.entity_id, "
    "a.source_type, a.source_description, a.via, a.said_at, a.category, a.source, a.cue, a.content, "
    "a.content_start, a.content_end, a.confidence, a.idx, substr(ar.text, 1, 400) AS lead, a.id AS statement_id"
)
_FTS_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)


def fts_query(text: str) -> str:
    """A safe FTS5 query: every word must occur (quoted, so punctuation and operators cannot break it)."""
    words = _FTS_WORD.findall(text)
    return " ".join('"' + w.replace('"', '""') + '"' for w in words)


def quote_dict(row: sqlite3.Row) -> dict[str, Any]:
    """A statement row as the API returns it: ``person_id`` repeats ``speaker_id``; ``headline`` names the
    article (its title, else the first line of its text)."""
    out = dict(row)
    out["person_id"] = out["speaker_id"]
    out["headline"] = headline(out["title"], out.pop("lead", None))
    return out


class Queries(PeopleQueries, SourcingQueries):
    """Read methods of the store (see docs/store-api.md)."""

    path: str
    _conn: sqlite3.Connection

    def _rows(self, sql: str, params: Iterable[Any] = ()) -> list[sqlite3.Row]:  # pragma: no cover - Store's
        raise NotImplementedError

    def _functions(self) -> None:
        """Register the SQL functions of the filters on this store's connection (once)."""
        if not getattr(self, "_functions_ready", False):
            register_functions(self._conn)
            self._functions_ready = True

    # -- overview ---------------------------------------------------------------------------------------------
    def stats(self) -> dict[str, Any]:
        """Counts of articles, statements, people, outlets, errors and duplicates, and statements by source type."""
        one = self._rows(
            "SELECT (SELECT count(*) FROM articles) AS articles, (SELECT count(*) FROM attributions) AS attributions,"
            " (SELECT count(*) FROM people) AS people, (SELECT count(DISTINCT outlet) FROM articles) AS outlets,"
            " (SELECT count(*) FROM errors) AS errors,"
            " (SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL) AS duplicates"
        )[0]
        out: dict[str, Any] = dict(one)
        by_type = {t: 0 for t in SOURCE_TYPES}
        for row in self._rows("SELECT source_type, count(*) AS n FROM attributions GROUP BY source_type"):
            by_type[row["source_type"]] = row["n"]
        out["by_source_type"] = by_type
        out["by_kind"] = {
            r["kind"]: r["n"]
            for r in self._rows("SELECT kind, count(*) AS n FROM attributions GROUP BY kind ORDER BY kind")
        }
        return out

    def errors(self, *, limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
        """Recorded input/analysis errors, newest first: ``[{"article_id","source","message","at"}]``."""
        return [
            dict(r)
            for r in self._rows(
                "SELECT article_id, source, message, at FROM errors ORDER BY at DESC, id DESC LIMIT ? OFFSET ?",
                (limit, offset),
            )
        ]

    # -- articles ---------------------------------------------------------------------------------------------
    def article(self, article_id: str) -> Analysis | None:
        """The full stored analysis of one article (its text included), or None."""
        rows = self._rows("SELECT text, analysis FROM articles WHERE id = ?", (article_id,))
        if not rows:
            return None
        return Analysis.from_dict(json.loads(rows[0]["analysis"]), text=rows[0]["text"])

    def articles(
        self,
        *,
        outlet: str | None = None,
        since: str | None = None,
        until: str | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> list[dict[str, Any]]:
        """Articles newest first: ``[{"id","date","title","headline","outlet","url","n_attributions",
        "duplicate_of"}]``; ``headline`` is the title, else the first line of the text."""
        where, params = article_conditions(outlet, since, until)
        sql = (
            "SELECT ar.id, ar.date, ar.title, ar.outlet, ar.url, ar.n_attributions, ar.duplicate_of,"
            " substr(ar.text, 1, 400) AS lead FROM articles ar"
            + (" WHERE " + " AND ".join(where) if where else "")
            + " ORDER BY ar.date DESC, ar.id LIMIT ? OFFSET ?"
        )
        out = []
        for r in self._rows(sql, [*params, limit, offset]):
            d = dict(r)
            d["headline"] = headline(d["title"], d.pop("lead"))
            out.append(d)
        return out

    def count_articles(self, *, outlet: str | None = None, since: str | None = None, until: str | None = None) -> int:
        """How many articles :meth:`articles` lists with these filters (over all pages)."""
        where, params = article_conditions(outlet, since, until)
        return int(
            self._rows(
                "SELECT count(*) AS n FROM articles ar" + (" WHERE " + " AND ".join(where) if where else ""), params
            )[0]["n"]
        )

    def entity_people(self, article_id: str) -> dict[str, str]:
        """``{entity id inside the article: corpus person id}`` for the article's linked PERSON entities."""
        return {
            r["entity_id"]: r["person_id"]
            for r in self._rows(
                "SELECT entity_id, person_id FROM entities WHERE article_id = ? AND person_id IS NOT NULL "
                "ORDER BY entity_id",
                (article_id,),
            )
        }

    # -- statements -------------------------------------------------------------------------------------------
    def _quote_where(
        self,
        *,
        speaker: str | None = None,
        about: str | None = None,
        outlet: str | None = None,
        since: str | None = None,
        until: str | None = None,
        search: str | None = None,
        source_type: str | None = None,
        article_id: str | None = None,
        kind: str | None = None,
        via: str | None = None,
        said_since: str | None = None,
        said_until: str | None = None,
        category: str | None = None,
        min_confidence: float | None = None,
        source: str | None = None,
        include_duplicates: bool = False,
    ) -> tuple[list[str], list[Any]] | None:
        """The WHERE clauses and parameters of a statement query; None when nothing can match (an empty
        full-text query)."""
        where, params = article_conditions(
            outlet, since, until, include_duplicates=include_duplicates or bool(article_id)
        )
        for column, value in (
            ("a.article_id", article_id),
            ("a.source_type", source_type),
            ("a.kind", kind),
            ("a.category", category),
        ):
            if value:
                where.append(f"{column} = ?")
                params.append(value)
        if via:
            where.append("a.via = ? COLLATE NOCASE")
            params.append(via.strip())
        if min_confidence is not None:
            where.append("a.confidence >= ?")
            params.append(float(min_confidence))
        if source:
            self._functions()
            where.append(f"whosaid_key({SOURCE_NAME_SQL}) = ?")
            params.append(source_key(source))
        if said_since or said_until:
            self._functions()
            where.append("whosaid_said_day(a.said_at) IS NOT NULL")
            if said_since:
                where.append("whosaid_said_day(a.said_at) >= ?")
                params.append(str(said_since)[:10])
            if said_until:
                where.append("whosaid_said_day(a.said_at) <= ?")
                params.append(str(said_until)[:10])
        if speaker:
            pids = self._resolve_people(speaker)
            cond = "a.speaker = ? COLLATE NOCASE"
            params_s: list[Any] = [speaker.strip()]
            if pids:
                cond = f"(a.person_id IN ({','.join('?' * len(pids))}) OR {cond})"
                params_s = [*pids, *params_s]
            where.append(cond)
            params += params_s
        if about:
            pids = self._resolve_people(about)
            if pids:
                marks = ",".join("?" * len(pids))
                where.append(f"a.id IN (SELECT attribution_id FROM attribution_about WHERE person_id IN ({marks}))")
                params += pids
            else:
                search = f"{search or ''} {about}".strip()
        if search:
            query = fts_query(search)
            if not query:
                return None
            where.append("a.id IN (SELECT rowid FROM attributions_fts WHERE attributions_fts MATCH ?)")
            params.append(query)
        return where, params

    def quotes(self, *, limit: int = 100, offset: int = 0, **filters: Any) -> list[dict[str, Any]]:
        """Attributed statements, newest article first, in text order inside an article.

        Filters (all optional, combined with AND): ``speaker`` (a corpus person: id, full name or alias; or the
        speaker as written), ``about`` (statements whose content mentions the person, by entity mention, or
        else the name's words), ``outlet``, ``since``/``until`` (article date, YYYY-MM-DD), ``search`` (FTS5
        over the content: every word, stemmed), ``source_type``, ``kind``, ``article_id``, ``via`` (relayed
        from this outlet), ``said_since``/``said_until`` (the first day of ``said_at``), ``category`` (PARC),
        ``min_confidence``, ``source`` (the source's name or description as :meth:`rank_sources` groups it:
        "the officials" finds "Officials"), ``include_duplicates``.

        ``speaker_id`` in the result is the corpus person id (``entity_id`` is the id inside the article);
        ``idx`` is the statement's position in ``article(article_id).attributions``.
        """
        check_filters(filters)
        built = self._quote_where(**filters)
        if built is None:
            return []
        where, params = built
        sql = (
            f"SELECT {_QUOTE_COLS} FROM attributions a JOIN articles ar ON ar.id = a.article_id"
            + (" WHERE " + " AND ".join(where) if where else "")
            + " ORDER BY ar.date DESC, a.article_id, a.idx LIMIT ? OFFSET ?"
        )
        return [quote_dict(r) for r in self._rows(sql, [*params, limit, offset])]

    def count_quotes(self, **filters: Any) -> int:
        """How many statements :meth:`quotes` lists with these filters (over all pages)."""
        check_filters(filters)
        built = self._quote_where(**filters)
        if built is None:
            return 0
        where, params = built
        sql = "SELECT count(*) AS n FROM attributions a JOIN articles ar ON ar.id = a.article_id" + (
            " WHERE " + " AND ".join(where) if where else ""
        )
        return int(self._rows(sql, params)[0]["n"])

    def iter_quotes(self, *, batch: int = 1000, **filters: Any) -> Iterator[dict[str, Any]]:
        """Every statement :meth:`quotes` would list with these filters, in the same order, a batch at a time
        (for exports: memory stays flat however many there are)."""
        offset = 0
        while True:
            rows = self.quotes(limit=batch, offset=offset, **filters)
            yield from rows
            if len(rows) < batch:
                return
            offset += batch
