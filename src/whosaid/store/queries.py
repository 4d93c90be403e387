"""Read queries over the store (mixed into :class:`whosaid.store.Store`); every result is plain JSON-ready data.

Aggregates over statements (``people``, ``person``, ``quotes``, ``sources_by_outlet``) leave out articles
flagged as duplicates of another article (same body, other id) unless ``include_duplicates=True``, so a
story syndicated under two ids is not counted twice.
"""

from __future__ import annotations

import json
import re
import sqlite3
from typing import Any, Iterable

from ..model import SOURCE_TYPES, Analysis
from .gender import corpus_gender
from .names import person_key

__all__ = ["Queries", "fts_query"]

_QUOTE_COLS = (
    "a.article_id, ar.date, ar.outlet, ar.title, a.kind, a.speaker, a.person_id AS speaker_id, a.entity_id, "
    "a.source_type, a.source_description, a.via, a.said_at, a.source, a.cue, a.content, a.content_start, "
    "a.content_end, a.confidence, a.idx"
)
_FTS_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)


def fts_query(text: str) -> str:
    """A safe FTS5 query: every word must occur (quoted, so punctuation and operators cannot break it)."""
    words = _FTS_WORD.findall(text)
    return " ".join('"' + w.replace('"', '""') + '"' for w in words)


def _quote_dict(row: sqlite3.Row) -> dict[str, Any]:
    out = dict(row)
    out["person_id"] = out["speaker_id"]
    return out


class Queries:
    """Read methods of the store (see docs/store-api.md)."""

    path: str

    def _rows(self, sql: str, params: Iterable[Any] = ()) -> list[sqlite3.Row]:  # pragma: no cover - Store's
        raise NotImplementedError

    # -- overview ---------------------------------------------------------------------------------------------
    def stats(self) -> dict[str, Any]:
        """Counts of articles, statements, people, outlets, errors and duplicates, and statements by source type."""
        one = self._rows(
            "SELECT (SELECT count(*) FROM articles) AS articles, (SELECT count(*) FROM attributions) AS attributions,"
            " (SELECT count(*) FROM people) AS people, (SELECT count(DISTINCT outlet) FROM articles) AS outlets,"
            " (SELECT count(*) FROM errors) AS errors,"
            " (SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL) AS duplicates")[0]
        out: dict[str, Any] = dict(one)
        by_type = {t: 0 for t in SOURCE_TYPES}
        for row in self._rows("SELECT source_type, count(*) AS n FROM attributions GROUP BY source_type"):
            by_type[row["source_type"]] = row["n"]
        out["by_source_type"] = by_type
        out["by_kind"] = {r["kind"]: r["n"] for r in
                          self._rows("SELECT kind, count(*) AS n FROM attributions GROUP BY kind ORDER BY kind")}
        return out

    def errors(self, *, limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
        """Recorded input/analysis errors, newest first: ``[{"article_id","source","message","at"}]``."""
        return [dict(r) for r in self._rows(
            "SELECT article_id, source, message, at FROM errors ORDER BY at DESC, id DESC LIMIT ? OFFSET ?",
            (limit, offset))]

    # -- articles ---------------------------------------------------------------------------------------------
    def article(self, article_id: str) -> Analysis | None:
        """The full stored analysis of one article (its text included), or None."""
        rows = self._rows("SELECT text, analysis FROM articles WHERE id = ?", (article_id,))
        if not rows:
            return None
        return Analysis.from_dict(json.loads(rows[0]["analysis"]), text=rows[0]["text"])

    def articles(self, *, outlet: str | None = None, since: str | None = None, until: str | None = None,
                 limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
        """Articles newest first: ``[{"id","date","title","outlet","n_attributions","duplicate_of"}]``."""
        where, params = self._article_filters("ar", outlet, since, until)
        sql = ("SELECT ar.id, ar.date, ar.title, ar.outlet, ar.n_attributions, ar.duplicate_of FROM articles ar"
               + (" WHERE " + " AND ".join(where) if where else "")
               + " ORDER BY ar.date DESC, ar.id LIMIT ? OFFSET ?")
        return [dict(r) for r in self._rows(sql, [*params, limit, offset])]

    @staticmethod
    def _article_filters(alias: str, outlet: str | None, since: str | None,
                         until: str | None) -> tuple[list[str], list[Any]]:
        where: list[str] = []
        params: list[Any] = []
        if outlet:
            where.append(f"{alias}.outlet = ? COLLATE NOCASE")
            params.append(outlet)
        if since:
            where.append(f"{alias}.date >= ?")
            params.append(str(since)[:10])
        if until:
            where.append(f"{alias}.date <= ?")
            params.append(str(until)[:10])
        return where, params

    def entity_people(self, article_id: str) -> dict[str, str]:
        """``{entity id inside the article: corpus person id}`` for the article's linked PERSON entities."""
        return {r["entity_id"]: r["person_id"] for r in self._rows(
            "SELECT entity_id, person_id FROM entities WHERE article_id = ? AND person_id IS NOT NULL "
            "ORDER BY entity_id", (article_id,))}

    # -- statements -------------------------------------------------------------------------------------------
    def quotes(self, *, speaker: str | None = None, about: str | None = None, outlet: str | None = None,
               since: str | None = None, until: str | None = None, search: str | None = None,
               source_type: str | None = None, article_id: str | None = None, kind: str | None = None,
               include_duplicates: bool = False, limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
        """Attributed statements, newest article first, in text order inside an article.

        ``speaker`` matches a corpus person (id, full name or alias) or the speaker as written; ``about`` keeps
        statements whose content mentions the person (by entity mention, or else the name's words in the
        content); ``search`` is FTS5 full text over the content (every word must occur, stemmed).
        ``speaker_id`` in the result is the corpus person id (``entity_id`` is the id inside the article);
        ``idx`` is the statement's position in ``article(article_id).attributions``.
        """
        where, params = self._article_filters("ar", outlet, since, until)
        if not include_duplicates and not article_id:
            where.append("ar.duplicate_of IS NULL")
        if article_id:
            where.append("a.article_id = ?")
            params.append(article_id)
        if source_type:
            where.append("a.source_type = ?")
            params.append(source_type)
        if kind:
            where.append("a.kind = ?")
            params.append(kind)
        if speaker:
            pids = self._resolve_people(speaker)
            marks = ",".join("?" * len(pids))
            cond = "a.speaker = ? COLLATE NOCASE"
            params_s: list[Any] = [speaker.strip()]
            if pids:
                cond = f"(a.person_id IN ({marks}) OR {cond})"
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
                return []
            where.append("a.id IN (SELECT rowid FROM attributions_fts WHERE attributions_fts MATCH ?)")
            params.append(query)
        sql = (f"SELECT {_QUOTE_COLS} FROM attributions a JOIN articles ar ON ar.id = a.article_id"
               + (" WHERE " + " AND ".join(where) if where else "")
               + " ORDER BY ar.date DESC, a.article_id, a.idx LIMIT ? OFFSET ?")
        return [_quote_dict(r) for r in self._rows(sql, [*params, limit, offset])]

    # -- people -----------------------------------------------------------------------------------------------
    def _resolve_people(self, name_or_id: str) -> list[str]:
        """Corpus person ids for an id, a full name or an alias (most quoted first)."""
        value = name_or_id.strip()
        if not value:
            return []
        if self._rows("SELECT 1 FROM people WHERE person_id = ?", (value,)):
            return [value]
        key = person_key(value)
        if not key:
            return []
        rows = self._rows(
            "SELECT p.person_id FROM people p WHERE p.key = ? OR p.person_id IN "
            "(SELECT person_id FROM person_aliases WHERE norm = ?) "
            "ORDER BY (p.key = ?) DESC, (SELECT count(*) FROM attributions a WHERE a.person_id = p.person_id) DESC,"
            " p.person_id", (key, key, key))
        return [r["person_id"] for r in rows]

    def people(self, *, limit: int = 50, offset: int = 0, search: str | None = None,
               include_duplicates: bool = False) -> list[dict[str, Any]]:
        """People, most quoted first: ``[{"person_id","name","n_quotes","n_articles","by_source_type","by_kind",
        "gender","gender_source"}]`` (``gender``: the corpus gender of store/gender.py).

        ``n_articles`` counts the articles that mention the person; ``search`` filters by name or alias.
        """
        dup = "" if include_duplicates else " AND ar.duplicate_of IS NULL"
        where, params = "", []
        if search:
            like = f"%{person_key(search) or search.strip().casefold()}%"
            where = (" WHERE p.key LIKE ? OR p.person_id IN (SELECT person_id FROM person_aliases WHERE norm LIKE ?)")
            params = [like, like]
        rows = self._rows(
            "WITH q AS (SELECT a.person_id, count(*) AS n FROM attributions a JOIN articles ar ON ar.id = a.article_id"
            f" WHERE a.person_id IS NOT NULL{dup} GROUP BY a.person_id),"
            " m AS (SELECT e.person_id, count(DISTINCT e.article_id) AS n FROM entities e JOIN articles ar"
            f" ON ar.id = e.article_id WHERE e.person_id IS NOT NULL{dup} GROUP BY e.person_id)"
            " SELECT p.person_id, p.name, coalesce(q.n, 0) AS n_quotes, coalesce(m.n, 0) AS n_articles"
            " FROM people p LEFT JOIN q ON q.person_id = p.person_id LEFT JOIN m ON m.person_id = p.person_id"
            f"{where} ORDER BY n_quotes DESC, n_articles DESC, p.name, p.person_id LIMIT ? OFFSET ?",
            [*params, limit, offset])
        out = [dict(r) for r in rows]
        if not out:
            return out
        ids = [o["person_id"] for o in out]
        marks = ",".join("?" * len(ids))
        types: dict[str, dict[str, int]] = {i: {} for i in ids}
        kinds: dict[str, dict[str, int]] = {i: {} for i in ids}
        for r in self._rows(
                "SELECT a.person_id, a.source_type, a.kind, count(*) AS n FROM attributions a JOIN articles ar"
                f" ON ar.id = a.article_id WHERE a.person_id IN ({marks}){dup}"
                " GROUP BY a.person_id, a.source_type, a.kind", ids):
            t = types[r["person_id"]]
            t[r["source_type"]] = t.get(r["source_type"], 0) + r["n"]
            k = kinds[r["person_id"]]
            k[r["kind"]] = k.get(r["kind"], 0) + r["n"]
        genders = self._people_genders(ids, dup)
        for o in out:
            o["by_source_type"] = types[o["person_id"]]
            o["by_kind"] = kinds[o["person_id"]]
            o["gender"] = genders[o["person_id"]]["gender"]
            o["gender_source"] = genders[o["person_id"]]["source"]
        return out

    def _people_genders(self, ids: list[str], dup: str) -> dict[str, dict[str, Any]]:
        """Each person's corpus gender (store/gender.py) from the genders their articles state."""
        stated: dict[str, dict[str, int]] = {i: {} for i in ids}
        guessed: dict[str, dict[str, int]] = {i: {} for i in ids}
        marks = ",".join("?" * len(ids))
        for r in self._rows(
                "SELECT e.person_id, e.gender, e.gender_source = 'first_name' AS guess,"
                " count(DISTINCT e.article_id) AS n FROM entities e JOIN articles ar ON ar.id = e.article_id"
                f" WHERE e.person_id IN ({marks}) AND e.gender IS NOT NULL"
                f"{dup} GROUP BY 1, 2, 3", ids):
            table = guessed if r["guess"] else stated
            table[r["person_id"]][r["gender"]] = r["n"]
        return {i: corpus_gender(stated[i], guessed[i]) for i in ids}

    def person(self, person_id_or_name: str, *, limit: int = 500,
               include_duplicates: bool = False) -> dict[str, Any] | None:
        """One person: aliases, statements by and about them, relations and a dated timeline; None if unknown."""
        pids = self._resolve_people(person_id_or_name)
        if not pids:
            return None
        pid = pids[0]
        head = self._rows("SELECT person_id, name FROM people WHERE person_id = ?", (pid,))[0]
        aliases = [r["alias"] for r in self._rows(
            "SELECT alias FROM person_aliases WHERE person_id = ? ORDER BY alias", (pid,)) if r["alias"] != head["name"]]
        dup = "" if include_duplicates else " AND ar.duplicate_of IS NULL"
        by = [_quote_dict(r) for r in self._rows(
            f"SELECT {_QUOTE_COLS} FROM attributions a JOIN articles ar ON ar.id = a.article_id"
            f" WHERE a.person_id = ?{dup} ORDER BY ar.date, a.article_id, a.idx LIMIT ?", (pid, limit))]
        about = [_quote_dict(r) for r in self._rows(
            f"SELECT {_QUOTE_COLS} FROM attributions a JOIN articles ar ON ar.id = a.article_id"
            " WHERE a.id IN (SELECT attribution_id FROM attribution_about WHERE person_id = ?)"
            f"{dup} ORDER BY ar.date, a.article_id, a.idx LIMIT ?", (pid, limit))]
        relations = []
        for r in self._rows(
                "SELECT r.*, ar.date FROM relations r JOIN articles ar ON ar.id = r.article_id"
                f" WHERE (r.subject_person = ? OR r.object_person = ?){dup}"
                " ORDER BY ar.date, r.article_id, r.idx LIMIT ?", (pid, pid, limit)):
            mine = r["subject_person"] == pid
            relations.append({
                "relation": r["relation"],
                "role": "subject" if mine else "object",
                "other": r["object"] if mine else r["subject"],
                "other_id": r["object_person"] if mine else r["subject_person"],
                "evidence": r["evidence"],
                "article_id": r["article_id"],
                "when": r["when"] or r["date"],
            })
        timeline = [{"when": r["when"], "what": r["what"], "article_id": r["article_id"], "evidence": r["evidence"],
                     "type": "event"}
                    for r in self._rows(
                        "SELECT ev.\"when\", ev.what, ev.article_id, ev.evidence FROM events ev"
                        " JOIN event_people ep ON ep.article_id = ev.article_id AND ep.event_idx = ev.idx"
                        f" JOIN articles ar ON ar.id = ev.article_id WHERE ep.person_id = ?{dup} LIMIT ?",
                        (pid, limit))]
        for q in by:
            timeline.append({"when": q["said_at"] or q["date"], "what": f"{q['cue'] or 'said'}: {q['content'] or ''}",
                             "article_id": q["article_id"], "evidence": q["content"], "type": "statement"})
        timeline.sort(key=lambda t: (t["when"] is None, t["when"] or "", t["article_id"]))
        gender = self._people_genders([pid], dup)[pid]
        return {
            "person_id": pid,
            "name": head["name"],
            "gender": gender["gender"],
            "gender_source": gender["source"],
            "gender_articles": {"female": gender["female"], "male": gender["male"]},
            "aliases": aliases,
            "n_quotes": len(by),
            "quotes_by": by,
            "quotes_about": about,
            "relations": relations,
            "timeline": timeline,
        }

    # -- sources ----------------------------------------------------------------------------------------------
    def sources_by_outlet(self, *, include_duplicates: bool = False) -> list[dict[str, Any]]:
        """Per outlet: statements by source type, relayed ones (``via``), and the shares of each."""
        dup = "" if include_duplicates else " WHERE ar.duplicate_of IS NULL"
        rows = self._rows(
            "SELECT coalesce(ar.outlet, '(none)') AS outlet, count(DISTINCT ar.id) AS articles,"
            " count(a.id) AS statements,"
            " coalesce(sum(a.source_type = 'person'), 0) AS named,"
            " coalesce(sum(a.source_type = 'anonymous'), 0) AS anonymous,"
            " coalesce(sum(a.via IS NOT NULL), 0) AS relayed,"
            " coalesce(sum(a.source_type = 'social_media'), 0) AS social_media,"
            " coalesce(sum(a.source_type = 'organization'), 0) AS organization,"
            " coalesce(sum(a.source_type = 'outlet'), 0) AS media,"
            " coalesce(sum(a.source_type = 'document'), 0) AS document,"
            " coalesce(sum(a.source_type = 'unknown'), 0) AS unknown"
            f" FROM articles ar LEFT JOIN attributions a ON a.article_id = ar.id{dup}"
            " GROUP BY 1 ORDER BY statements DESC, outlet")
        out = []
        for r in rows:
            d = dict(r)
            n = d["statements"]
            for key in ("anonymous", "named", "relayed"):
                d[f"share_{key}"] = round(d[key] / n, 3) if n else 0.0
            out.append(d)
        return out
