"""Read queries about corpus people (mixed into :class:`whosaid.store.Store` through ``Queries``).

A person's gender is the one at least two thirds of their articles that state one give (``store/gender.py``);
``unknown`` when none states one or when they disagree more than that; ``gender_source`` says whether the text
states it or only the opt-in first-name dictionary does.
"""

from __future__ import annotations

import datetime as _dt
import sqlite3
from collections.abc import Iterable
from typing import Any

from ..model import CATEGORIES
from ..timex.timeline import approx_start
from ..timex.values import REFS, granularity
from .filters import article_conditions
from .gender import PERSON_GENDER_SQL
from .names import person_key

__all__ = ["PeopleQueries", "PERSON_GENDER_SQL"]


def _month_of(value: str | None, anchor: str | None) -> str | None:
    """The timeline row of a TIMEX3 value: ``YYYY-MM`` for a day, week or month; ``YYYY`` for a year, quarter,
    half or season; ``YYYYs`` for a decade or century. Vague references and a missing value take the article
    date (``anchor``); None when there is no date at all."""
    try:
        anchor_date = _dt.date.fromisoformat(anchor) if anchor else None
    except ValueError:
        anchor_date = None
    start = approx_start(value, anchor_date) if value else anchor_date
    if start is None:
        return None
    gran = granularity(value.split("T", 1)[0]) if value and value not in REFS else "D"
    if gran in ("D", "W", "M"):
        return start.isoformat()[:7]
    return f"{start.year:04d}s" if gran in ("E", "C") else f"{start.year:04d}"


class PeopleQueries:
    """People: listing (optionally by outlet), one person's profile, relations and monthly timeline."""

    def _rows(self, sql: str, params: Iterable[Any] = ()) -> list[sqlite3.Row]:  # pragma: no cover - Store's
        raise NotImplementedError

    def quotes(self, *, limit: int = 100, offset: int = 0, **filters: Any) -> list[dict[str, Any]]:  # pragma: no cover
        raise NotImplementedError

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
            " p.person_id",
            (key, key, key),
        )
        return [r["person_id"] for r in rows]

    @staticmethod
    def _people_filters(
        search: str | None, outlet: str | None, since: str | None, until: str | None, include_duplicates: bool
    ) -> tuple[str, list[Any], str, list[Any]]:
        """(article condition, its params, person condition, its params) of a people query."""
        art, art_params = article_conditions(outlet, since, until, include_duplicates=include_duplicates)
        person: list[str] = []
        person_params: list[Any] = []
        if search:
            like = f"%{person_key(search) or search.strip().casefold()}%"
            person.append("(p.key LIKE ? OR p.person_id IN (SELECT person_id FROM person_aliases WHERE norm LIKE ?))")
            person_params += [like, like]
        if outlet or since or until:
            person.append("(coalesce(q.n, 0) > 0 OR coalesce(m.n, 0) > 0)")
        art_sql = "".join(" AND " + c for c in art)
        return art_sql, art_params, (" WHERE " + " AND ".join(person) if person else ""), person_params

    def _people_sql(
        self,
        select: str,
        search: str | None,
        outlet: str | None,
        since: str | None,
        until: str | None,
        include_duplicates: bool,
    ) -> tuple[str, list[Any]]:
        art, art_params, where, person_params = self._people_filters(search, outlet, since, until, include_duplicates)
        sql = (
            "WITH q AS (SELECT a.person_id, count(*) AS n FROM attributions a JOIN articles ar ON ar.id = a.article_id"
            f" WHERE a.person_id IS NOT NULL{art} GROUP BY a.person_id),"
            " m AS (SELECT e.person_id, count(DISTINCT e.article_id) AS n FROM entities e JOIN articles ar"
            f" ON ar.id = e.article_id WHERE e.person_id IS NOT NULL{art} GROUP BY e.person_id),"
            f" g AS ({PERSON_GENDER_SQL})"
            f" SELECT {select} FROM people p LEFT JOIN q ON q.person_id = p.person_id"
            " LEFT JOIN m ON m.person_id = p.person_id LEFT JOIN g ON g.person_id = p.person_id" + where
        )
        return sql, [*art_params, *art_params, *person_params]

    def people(
        self,
        *,
        limit: int = 50,
        offset: int = 0,
        search: str | None = None,
        outlet: str | None = None,
        since: str | None = None,
        until: str | None = None,
        include_duplicates: bool = False,
    ) -> list[dict[str, Any]]:
        """People, most quoted first: ``[{"person_id","name","gender","gender_source","n_quotes","n_articles",
        "by_source_type","by_kind"}]``.

        ``n_articles`` counts the articles that mention the person; ``search`` filters by name or alias. With
        ``outlet`` (or ``since``/``until``) the counts are of that outlet's articles (of those dates) only, and
        only people quoted or mentioned there are listed: who outlet X quotes most.
        """
        sql, params = self._people_sql(
            "p.person_id, p.name, coalesce(g.gender, 'unknown') AS gender, g.gender_source,"
            " coalesce(q.n, 0) AS n_quotes,"
            " coalesce(m.n, 0) AS n_articles",
            search,
            outlet,
            since,
            until,
            include_duplicates,
        )
        rows = self._rows(
            sql + " ORDER BY n_quotes DESC, n_articles DESC, p.name, p.person_id LIMIT ? OFFSET ?",
            [*params, limit, offset],
        )
        out = [dict(r) for r in rows]
        if not out:
            return out
        art, art_params, _, _ = self._people_filters(None, outlet, since, until, include_duplicates)
        ids = [o["person_id"] for o in out]
        marks = ",".join("?" * len(ids))
        types: dict[str, dict[str, int]] = {i: {} for i in ids}
        kinds: dict[str, dict[str, int]] = {i: {} for i in ids}
        for r in self._rows(
            "SELECT a.person_id, a.source_type, a.kind, count(*) AS n FROM attributions a JOIN articles ar"
            f" ON ar.id = a.article_id WHERE a.person_id IN ({marks}){art}"
            " GROUP BY a.person_id, a.source_type, a.kind",
            [*ids, *art_params],
        ):
            t = types[r["person_id"]]
            t[r["source_type"]] = t.get(r["source_type"], 0) + r["n"]
            k = kinds[r["person_id"]]
            k[r["kind"]] = k.get(r["kind"], 0) + r["n"]
        for o in out:
            o["by_source_type"] = types[o["person_id"]]
            o["by_kind"] = kinds[o["person_id"]]
        return out

    def count_people(
        self,
        *,
        search: str | None = None,
        outlet: str | None = None,
        since: str | None = None,
        until: str | None = None,
        include_duplicates: bool = False,
    ) -> int:
        """How many people :meth:`people` lists with these filters (over all pages)."""
        sql, params = self._people_sql("count(*) AS n", search, outlet, since, until, include_duplicates)
        return int(self._rows(sql, params)[0]["n"])

    def person(
        self, person_id_or_name: str, *, limit: int = 500, include_duplicates: bool = False
    ) -> dict[str, Any] | None:
        """One person: aliases, statements by and about them, relations and a dated timeline; None if unknown.

        Each list holds at most ``limit`` items (the latest), oldest first; for paged, filtered statements use
        ``quotes(speaker=id)`` and ``quotes(about=id)``, and :meth:`person_profile` for counts, grouped relations and a monthly timeline.
        """
        pids = self._resolve_people(person_id_or_name)
        if not pids:
            return None
        pid = pids[0]
        head = self._person_head(pid)

        def oldest_first(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
            return sorted(rows, key=lambda q: (q["date"] or "", q["article_id"], q["idx"]))

        by = oldest_first(self.quotes(speaker=pid, include_duplicates=include_duplicates, limit=limit))
        about = oldest_first(self.quotes(about=pid, include_duplicates=include_duplicates, limit=limit))
        relations = self._relations(pid, include_duplicates, limit)
        timeline = [
            {
                "when": r["when"],
                "what": r["what"],
                "article_id": r["article_id"],
                "evidence": r["evidence"],
                "type": "event",
            }
            for r in self._events(pid, include_duplicates, limit)
        ]
        for q in by:
            timeline.append(
                {
                    "when": q["said_at"] or q["date"],
                    "what": f"{q['cue'] or 'said'}: {q['content'] or ''}",
                    "article_id": q["article_id"],
                    "evidence": q["content"],
                    "type": "statement",
                }
            )
        timeline.sort(key=lambda t: (t["when"] is None, t["when"] or "", t["article_id"]))
        return {
            **head,
            "n_quotes": len(by),
            "quotes_by": by,
            "quotes_about": about,
            "relations": relations,
            "timeline": timeline,
        }

    def _person_head(self, pid: str) -> dict[str, Any]:
        head = self._rows("SELECT person_id, name FROM people WHERE person_id = ?", (pid,))[0]
        aliases = [
            r["alias"]
            for r in self._rows("SELECT alias FROM person_aliases WHERE person_id = ? ORDER BY alias", (pid,))
            if r["alias"] != head["name"]
        ]
        gender = self._rows(f"SELECT * FROM ({PERSON_GENDER_SQL}) WHERE person_id = ?", (pid,))
        g = dict(gender[0]) if gender else {"gender": "unknown", "gender_source": None, "female": 0, "male": 0}
        return {
            "person_id": pid,
            "name": head["name"],
            "aliases": aliases,
            "gender": g["gender"],
            "gender_source": g["gender_source"],
            "gender_articles": {"female": g["female"], "male": g["male"]},
        }

    def _relations(self, pid: str, include_duplicates: bool, limit: int | None = None) -> list[dict[str, Any]]:
        """The person's relations, each seen from their side: ``role`` says whether they are its subject."""
        dup = "" if include_duplicates else " AND ar.duplicate_of IS NULL"
        out = []
        for r in self._rows(
            "SELECT r.*, ar.date FROM relations r JOIN articles ar ON ar.id = r.article_id"
            f" WHERE (r.subject_person = ? OR r.object_person = ?){dup}"
            " ORDER BY ar.date, r.article_id, r.idx LIMIT ?",
            (pid, pid, -1 if limit is None else limit),
        ):
            mine = r["subject_person"] == pid
            out.append(
                {
                    "relation": r["relation"],
                    "role": "subject" if mine else "object",
                    "other": r["object"] if mine else r["subject"],
                    "other_id": r["object_person"] if mine else r["subject_person"],
                    "evidence": r["evidence"],
                    "article_id": r["article_id"],
                    "when": r["when"] or r["date"],
                }
            )
        return out

    def _events(self, pid: str, include_duplicates: bool, limit: int | None = None) -> list[sqlite3.Row]:
        dup = "" if include_duplicates else " AND ar.duplicate_of IS NULL"
        return self._rows(
            'SELECT ev."when", ev.what, ev.article_id, ev.evidence, ar.date FROM events ev'
            " JOIN event_people ep ON ep.article_id = ev.article_id AND ep.event_idx = ev.idx"
            f" JOIN articles ar ON ar.id = ev.article_id WHERE ep.person_id = ?{dup}"
            " ORDER BY ar.date, ev.article_id, ev.idx LIMIT ?",
            (pid, -1 if limit is None else limit),
        )

    def person_profile(self, person_id_or_name: str, *, include_duplicates: bool = False) -> dict[str, Any] | None:
        """One person at a glance, sized for a page however much they are quoted; None if unknown.

        ``{"person_id","name","aliases","gender","n_quotes","n_about","n_articles","by_source_type","by_kind",
        "by_category","outlets":[{"outlet","n"}],"relations":[...],"months":[...],"undated":{...}}``:
        ``relations`` are grouped by (relation, role, other person) with how often they were found (``n``) and
        the first evidence; ``months`` count their statements (by ``said_at``, else the article date) and the
        events they take part in, per ``YYYY-MM`` (values that name only a year, quarter or season count in
        a ``YYYY`` row, decades in ``YYYYs``), in time order, with the first events' descriptions.
        """
        pids = self._resolve_people(person_id_or_name)
        if not pids:
            return None
        pid = pids[0]
        dup = "" if include_duplicates else " AND ar.duplicate_of IS NULL"
        out = self._person_head(pid)
        counts = {"by_source_type": {}, "by_kind": {}, "by_category": {c: 0 for c in (*CATEGORIES, "none")}}
        stmts = self._rows(
            "SELECT a.source_type, a.kind, coalesce(a.category, 'none') AS category, a.said_at,"
            " ar.date, ar.outlet FROM attributions a JOIN articles ar ON ar.id = a.article_id"
            f" WHERE a.person_id = ?{dup}",
            (pid,),
        )
        outlets: dict[str, int] = {}
        months: dict[str, dict[str, Any]] = {}
        undated = {"statements": 0, "events": 0}
        for r in stmts:
            for key, value in (
                ("by_source_type", r["source_type"]),
                ("by_kind", r["kind"]),
                ("by_category", r["category"]),
            ):
                counts[key][value] = counts[key].get(value, 0) + 1
            outlet = r["outlet"] or "(none)"
            outlets[outlet] = outlets.get(outlet, 0) + 1
            month = _month_of(r["said_at"], r["date"])
            if month is None:
                undated["statements"] += 1
            else:
                months.setdefault(month, {"month": month, "statements": 0, "events": 0, "what": []})["statements"] += 1
        for ev in self._events(pid, include_duplicates):
            month = _month_of(ev["when"], ev["date"]) if ev["when"] else None
            if month is None:
                undated["events"] += 1
                continue
            slot = months.setdefault(month, {"month": month, "statements": 0, "events": 0, "what": []})
            slot["events"] += 1
            if len(slot["what"]) < 3:
                slot["what"].append({"what": ev["what"], "when": ev["when"], "article_id": ev["article_id"]})
        n_about = self._rows(
            "SELECT count(DISTINCT ab.attribution_id) AS n FROM attribution_about ab JOIN articles ar"
            f" ON ar.id = ab.article_id WHERE ab.person_id = ?{dup}",
            (pid,),
        )[0]["n"]
        n_articles = self._rows(
            "SELECT count(DISTINCT e.article_id) AS n FROM entities e JOIN articles ar"
            f" ON ar.id = e.article_id WHERE e.person_id = ?{dup}",
            (pid,),
        )[0]["n"]
        out.update(counts)
        out.update(
            {
                "n_quotes": len(stmts),
                "n_about": n_about,
                "n_articles": n_articles,
                "outlets": [{"outlet": k, "n": v} for k, v in sorted(outlets.items(), key=lambda kv: (-kv[1], kv[0]))],
                "relations": self.person_relations(pid, include_duplicates=include_duplicates),
                "months": [months[k] for k in sorted(months)],
                "undated": undated,
            }
        )
        return out

    def person_relations(self, person_id: str, *, include_duplicates: bool = False) -> list[dict[str, Any]]:
        """The person's relations grouped by (relation, role, other): ``[{"relation","role","other","other_id",
        "n","n_articles","evidence","article_id","when"}]``, most often found first (the first evidence kept)."""
        groups: dict[tuple[str, str, str], dict[str, Any]] = {}
        for rel in self._relations(person_id, include_duplicates):
            key = (rel["relation"], rel["role"], rel["other_id"] or (rel["other"] or "").casefold())
            slot = groups.get(key)
            if slot is None:
                groups[key] = slot = {**rel, "n": 0, "articles": set()}
            slot["n"] += 1
            slot["articles"].add(rel["article_id"])
        out = []
        for slot in groups.values():
            slot["n_articles"] = len(slot.pop("articles"))
            out.append(slot)
        out.sort(key=lambda r: (-r["n"], (r["other"] or "").casefold(), r["relation"], r["role"]))
        return out
