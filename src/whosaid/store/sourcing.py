"""Sourcing statistics (mixed into :class:`whosaid.store.Store` through ``Queries``): the mix of sources by
outlet and over time, one outlet's profile, rankings of organizations and anonymous-source descriptions, and
the most-quoted people per period.

Every mix row has the same keys: the group keys (``outlet``, ``month`` as ``YYYY-MM``, ``week`` as ISO
``YYYY-Www``; ``(none)`` for articles without outlet, ``(undated)`` without date), ``articles``,
``statements``, the disjoint source types (``named``, ``anonymous``, ``media`` for news outlets,
``social_media``, ``organization``, ``document``, ``unknown``), ``relayed`` (passed on ``via`` another outlet),
the gender of the named people quoted (``gender_female``, ``gender_male``, ``gender_unknown``; they add up to
``named``), the PARC category (``category_assertion`` ... ``category_none`` when not set), and shares.
"""

from __future__ import annotations

import datetime as _dt
import sqlite3
from collections.abc import Iterable, Sequence
from typing import Any

from ..errors import WhosaidError
from ..model import CATEGORIES, SOURCE_TYPES
from .filters import SOURCE_NAME_SQL, article_conditions
from .people import PERSON_GENDER_SQL

__all__ = ["SourcingQueries", "GROUPS", "MIX_KEYS", "period_of"]

GROUPS: tuple[str, ...] = ("outlet", "month", "week")
# source type -> mix column (the overview chart's categories, in its order)
_MIX_COLUMN = {
    "person": "named",
    "anonymous": "anonymous",
    "outlet": "media",
    "social_media": "social_media",
    "organization": "organization",
    "document": "document",
    "unknown": "unknown",
}
MIX_KEYS: tuple[str, ...] = (
    "articles",
    "statements",
    *_MIX_COLUMN.values(),
    "relayed",
    "gender_female",
    "gender_male",
    "gender_unknown",
    *(f"category_{c}" for c in (*CATEGORIES, "none")),
)
_SHARES = (
    ("share_named", "named", "statements"),
    ("share_anonymous", "anonymous", "statements"),
    ("share_relayed", "relayed", "statements"),
    ("share_female", "gender_female", "named"),
    ("share_male", "gender_male", "named"),
    ("share_gender_unknown", "gender_unknown", "named"),
)
NONE_OUTLET = "(none)"
UNDATED = "(undated)"


def period_of(date: str | None, period: str) -> str:
    """The ``month`` (``2016-09``) or ISO ``week`` (``2016-W36``) of an ISO date; ``(undated)`` without one."""
    if not date:
        return UNDATED
    if period == "month":
        return date[:7]
    try:
        iso = _dt.date.fromisoformat(date[:10]).isocalendar()
    except ValueError:
        return UNDATED
    return f"{iso[0]:04d}-W{iso[1]:02d}"


def _group_key(by: Sequence[str], outlet: str, date: str | None) -> tuple[str, ...]:
    return tuple(outlet if g == "outlet" else period_of(date, g) for g in by)


class SourcingQueries:
    """Who the statements come from, grouped by outlet and/or period; rankings of sources."""

    def _rows(self, sql: str, params: Iterable[Any] = ()) -> list[sqlite3.Row]:  # pragma: no cover - Store's
        raise NotImplementedError

    def _functions(self) -> None:  # pragma: no cover - Queries'
        raise NotImplementedError

    @staticmethod
    def _where(
        outlet: str | None, since: str | None, until: str | None, include_duplicates: bool
    ) -> tuple[str, list[Any]]:
        where, params = article_conditions(outlet, since, until, include_duplicates=include_duplicates)
        return (" WHERE " + " AND ".join(where) if where else ""), params

    def sourcing(
        self,
        by: Sequence[str] = ("outlet",),
        *,
        outlet: str | None = None,
        since: str | None = None,
        until: str | None = None,
        include_duplicates: bool = False,
    ) -> list[dict[str, Any]]:
        """The sourcing mix per group: ``by`` is one or more of ``outlet``, ``month``, ``week`` (e.g.
        ``("outlet", "month")``). Outlets come most statements first, periods in time order."""
        by = tuple(by)
        if not by or any(g not in GROUPS for g in by) or len(set(by)) != len(by) or {"month", "week"} <= set(by):
            raise WhosaidError(f"group by one or more of {', '.join(GROUPS)} (at most one period), not {by!r}")
        where, params = self._where(outlet, since, until, include_duplicates)
        rows: dict[tuple[str, ...], dict[str, Any]] = {}

        def slot(key: tuple[str, ...]) -> dict[str, Any]:
            if key not in rows:
                rows[key] = {**dict(zip(by, key)), **{k: 0 for k in MIX_KEYS}}
            return rows[key]

        for r in self._rows(
            f"SELECT coalesce(ar.outlet, '{NONE_OUTLET}') AS outlet, ar.date, count(*) AS n"
            f" FROM articles ar{where} GROUP BY 1, 2",
            params,
        ):
            slot(_group_key(by, r["outlet"], r["date"]))["articles"] += r["n"]
        for r in self._rows(
            f"SELECT coalesce(ar.outlet, '{NONE_OUTLET}') AS outlet, ar.date, a.source_type,"
            " a.via IS NOT NULL AS relayed, coalesce(a.category, 'none') AS category,"
            " coalesce(g.gender, 'unknown') AS gender, count(*) AS n"
            " FROM attributions a JOIN articles ar ON ar.id = a.article_id"
            f" LEFT JOIN ({PERSON_GENDER_SQL}) g ON g.person_id = a.person_id{where}"
            " GROUP BY 1, 2, 3, 4, 5, 6",
            params,
        ):
            row = slot(_group_key(by, r["outlet"], r["date"]))
            n = r["n"]
            row["statements"] += n
            row[_MIX_COLUMN.get(r["source_type"], "unknown")] += n
            row["relayed"] += n if r["relayed"] else 0
            category = r["category"] if r["category"] in CATEGORIES else "none"
            row[f"category_{category}"] += n
            if r["source_type"] == "person":
                gender = r["gender"] if r["gender"] in ("female", "male") else "unknown"
                row[f"gender_{gender}"] += n
        out = list(rows.values())
        for row in out:
            for name, part, whole in _SHARES:
                row[name] = round(row[part] / row[whole], 3) if row[whole] else 0.0
        totals: dict[str, int] = {}
        for row in out:
            if "outlet" in row:
                totals[row["outlet"]] = totals.get(row["outlet"], 0) + row["statements"]

        def order(row: dict[str, Any]) -> tuple[Any, ...]:
            key: list[Any] = []
            for g in by:
                if g == "outlet":
                    key += [-totals[row["outlet"]], row["outlet"] == NONE_OUTLET, row["outlet"]]
                else:
                    key += [row[g] == UNDATED, row[g]]
            return tuple(key)

        return sorted(out, key=order)

    def outlets(self) -> list[dict[str, Any]]:
        """The outlets of the store's articles, by name: ``[{"outlet","articles"}]`` (no sourcing counted)."""
        return [
            dict(r)
            for r in self._rows(
                "SELECT outlet, count(*) AS articles FROM articles WHERE outlet IS NOT NULL AND outlet != ''"
                " GROUP BY outlet COLLATE NOCASE ORDER BY outlet COLLATE NOCASE"
            )
        ]

    def sources_by_outlet(self, *, include_duplicates: bool = False) -> list[dict[str, Any]]:
        """Per outlet: statements by source type, relayed ones (``via``), gender and category, and shares
        (``sourcing(("outlet",))``)."""
        return self.sourcing(("outlet",), include_duplicates=include_duplicates)

    def outlet_profile(
        self, outlet: str, *, since: str | None = None, until: str | None = None, include_duplicates: bool = False
    ) -> dict[str, Any] | None:
        """One outlet: its mix row, date range, statements by kind, the outlets it relays (``via``) and its
        mix per month; None when the store has no article of that outlet."""
        found = self._rows(
            "SELECT outlet, count(*) AS n, min(date) AS first, max(date) AS last FROM articles"
            " WHERE outlet = ? COLLATE NOCASE GROUP BY outlet ORDER BY n DESC",
            (outlet,),
        )
        if not found:
            return None
        name = found[0]["outlet"]
        mix = self.sourcing(("outlet",), outlet=name, since=since, until=until, include_duplicates=include_duplicates)
        where, params = self._where(name, since, until, include_duplicates)
        base = f" FROM attributions a JOIN articles ar ON ar.id = a.article_id{where}"
        relays = [
            dict(r)
            for r in self._rows(
                f"SELECT a.via, count(*) AS n{base} AND a.via IS NOT NULL GROUP BY a.via COLLATE NOCASE"
                " ORDER BY n DESC, a.via",
                params,
            )
        ]
        by_kind = {
            r["kind"]: r["n"]
            for r in self._rows(f"SELECT a.kind, count(*) AS n{base} GROUP BY a.kind ORDER BY a.kind", params)
        }
        row = mix[0] if mix else {"outlet": name, **{k: 0 for k in MIX_KEYS}}
        return {
            **row,
            "outlet": name,
            "first_date": found[0]["first"],
            "last_date": found[0]["last"],
            "by_kind": by_kind,
            "relays": relays,
            "months": self.sourcing(
                ("month",), outlet=name, since=since, until=until, include_duplicates=include_duplicates
            ),
        }

    # -- rankings ----------------------------------------------------------------------------------------------
    def _rank_base(
        self, source_type: str, outlet: str | None, since: str | None, until: str | None, include_duplicates: bool
    ) -> tuple[str, list[Any]]:
        if source_type not in SOURCE_TYPES or source_type == "person":
            raise WhosaidError(
                f"rank one of {', '.join(t for t in SOURCE_TYPES if t != 'person')}, not "
                f"{source_type!r} (people are ranked by `people`)"
            )
        self._functions()
        where, params = self._where(outlet, since, until, include_duplicates)
        where = (where + " AND " if where else " WHERE ") + "a.source_type = ?"
        return (
            f"SELECT whosaid_key({SOURCE_NAME_SQL}) AS key, {SOURCE_NAME_SQL} AS name, a.article_id,"
            f" a.speaker IS NOT NULL AS resolved, coalesce(ar.outlet, '{NONE_OUTLET}') AS outlet"
            f" FROM attributions a JOIN articles ar ON ar.id = a.article_id{where}"
        ), [*params, source_type]

    def rank_sources(
        self,
        source_type: str,
        *,
        outlet: str | None = None,
        since: str | None = None,
        until: str | None = None,
        limit: int = 50,
        offset: int = 0,
        include_duplicates: bool = False,
    ) -> list[dict[str, Any]]:
        """The most-quoted sources of one type, e.g. ``"organization"`` or ``"anonymous"`` (descriptions such
        as "a senior official"): ``[{"key","name","variants","n","n_articles","n_outlets","resolved"}]``.

        Names are grouped by :func:`whosaid.store.filters.source_key` ("The officials" = "officials");
        ``name`` is the most frequent spelling, ``resolved`` how many statements have a resolved speaker
        (an organization's name rather than words such as "the company"). ``quotes(source=key,
        source_type=...)`` lists the statements of one row.
        """
        base, params = self._rank_base(source_type, outlet, since, until, include_duplicates)
        rows = [
            dict(r)
            for r in self._rows(
                f"SELECT key, count(*) AS n, count(DISTINCT article_id) AS n_articles, count(DISTINCT outlet) AS"
                f" n_outlets, sum(resolved) AS resolved FROM ({base}) WHERE key != '' GROUP BY key"
                " ORDER BY n DESC, key LIMIT ? OFFSET ?",
                [*params, limit, offset],
            )
        ]
        if not rows:
            return rows
        keys = [r["key"] for r in rows]
        spellings: dict[str, dict[str, int]] = {k: {} for k in keys}
        for r in self._rows(
            f"SELECT key, name, count(*) AS n FROM ({base}) WHERE key IN"
            f" ({','.join('?' * len(keys))}) GROUP BY key, name",
            [*params, *keys],
        ):
            spellings[r["key"]][r["name"]] = r["n"]
        for row in rows:
            names = spellings[row["key"]]
            row["name"] = min(names, key=lambda s: (-names[s], s))
            row["variants"] = len(names)
        return rows

    def count_rank_sources(
        self,
        source_type: str,
        *,
        outlet: str | None = None,
        since: str | None = None,
        until: str | None = None,
        include_duplicates: bool = False,
    ) -> int:
        """How many rows :meth:`rank_sources` has with these filters (over all pages)."""
        base, params = self._rank_base(source_type, outlet, since, until, include_duplicates)
        return int(self._rows(f"SELECT count(DISTINCT key) AS n FROM ({base}) WHERE key != ''", params)[0]["n"])

    # -- people over time --------------------------------------------------------------------------------------
    def people_by_period(
        self,
        period: str = "month",
        *,
        outlet: str | None = None,
        since: str | None = None,
        until: str | None = None,
        top: int = 5,
        per_period: int = 3,
        include_duplicates: bool = False,
    ) -> dict[str, Any]:
        """The most-quoted people over time: ``{"periods": [...], "series": [{"person_id","name","total",
        "counts": {period: n}}], "leaders": {period: [{"person_id","name","n"}]}}``: ``series`` follows the
        ``top`` people of the whole range, ``leaders`` the ``per_period`` most quoted of each period."""
        if period not in ("month", "week"):
            raise WhosaidError(f"period is month or week, not {period!r}")
        where, params = self._where(outlet, since, until, include_duplicates)
        where = (where + " AND " if where else " WHERE ") + "a.person_id IS NOT NULL"
        counts: dict[str, dict[str, int]] = {}
        for r in self._rows(
            "SELECT a.person_id, ar.date, count(*) AS n FROM attributions a JOIN articles ar"
            f" ON ar.id = a.article_id{where} GROUP BY a.person_id, ar.date",
            params,
        ):
            per = counts.setdefault(r["person_id"], {})
            p = period_of(r["date"], period)
            per[p] = per.get(p, 0) + r["n"]
        names = (
            {
                r["person_id"]: r["name"]
                for r in self._rows(
                    f"SELECT person_id, name FROM people WHERE person_id IN ({','.join('?' * len(counts))})",
                    list(counts),
                )
            }
            if counts
            else {}
        )
        totals = {pid: sum(c.values()) for pid, c in counts.items()}
        ranked = sorted(totals, key=lambda pid: (-totals[pid], names.get(pid, pid), pid))
        periods = sorted({p for c in counts.values() for p in c}, key=lambda p: (p == UNDATED, p))
        leaders: dict[str, list[dict[str, Any]]] = {}
        for p in periods:
            best = sorted(
                (pid for pid in counts if counts[pid].get(p)),
                key=lambda pid: (-counts[pid][p], names.get(pid, pid), pid),
            )[:per_period]
            leaders[p] = [{"person_id": pid, "name": names.get(pid, pid), "n": counts[pid][p]} for pid in best]
        series = [
            {
                "person_id": pid,
                "name": names.get(pid, pid),
                "total": totals[pid],
                "counts": {p: counts[pid].get(p, 0) for p in periods},
            }
            for pid in ranked[:top]
        ]
        return {"periods": periods, "series": series, "leaders": leaders}
