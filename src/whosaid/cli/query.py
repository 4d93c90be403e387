"""Query commands over the store: ``quotes``, ``people``, ``sources`` and ``article``.

Output is a table for people (``-f table``), or JSON or CSV for programs; the filters are those of the web
search and the JSON API (docs/store-api.md), so a count here is the count there.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import click

from ..errors import WhosaidError
from ..model import ATTRIBUTION_KINDS, CATEGORIES, SOURCE_TYPES
from ..output import visible
from .corpus import _date, _db_option, _format_option, _open_store, emit

__all__ = ["COMMANDS", "EVAL_COMMANDS", "quotes_cmd", "people_cmd", "sources_cmd", "article_cmd", "SOURCES_BY"]

COMMANDS: list[click.Command] = []
EVAL_COMMANDS: list[click.Command] = []

QUOTE_COLUMNS = [
    ("date", "date", 10),
    ("outlet", "outlet", 12),
    ("speaker", "speaker", 22),
    ("source_type", "type", 10),
    ("kind", "kind", 9),
    ("cue", "cue", 14),
    ("content", "content", 70),
    ("article_id", "article", 24),
]
SOURCES_BY = ("outlet", "month", "week", "outlet,month", "outlet,week")
RANKED = tuple(t for t in SOURCE_TYPES if t != "person")
# The table shows the main columns; CSV and JSON have every count (social media, documents, news outlets,
# categories...) and share.
_MIX_COLUMNS = [
    ("articles", "articles", 8),
    ("statements", "statements", 10),
    ("named", "named", 6),
    ("anonymous", "anon.", 6),
    ("organization", "org.", 6),
    ("unknown", "unknown", 7),
    ("relayed", "relayed", 7),
    ("share_named", "% named", 7),
    ("share_anonymous", "% anon.", 7),
    ("share_relayed", "% relayed", 9),
    ("share_female", "% female", 8),
    ("share_male", "% male", 6),
    ("share_gender_unknown", "% gender unknown", 8),
]


def _range_options(fn: Callable[..., Any]) -> Callable[..., Any]:
    fn = click.option("--until", default=None, help="Articles dated on or before YYYY-MM-DD.")(fn)
    return click.option("--since", default=None, help="Articles dated on or after YYYY-MM-DD.")(fn)


@click.command("quotes")
@click.option("--speaker", default=None, help="Who said it: a person id, full name or alias.")
@click.option("--about", default=None, help="Statements whose content mentions this person.")
@click.option("--outlet", default=None, help="Only articles of this outlet.")
@_range_options
@click.option(
    "--said-since",
    default=None,
    help="Said on or after YYYY-MM-DD (the first day of said_at; undated statements are left out).",
)
@click.option("--said-until", default=None, help="Said on or before YYYY-MM-DD.")
@click.option("--search", default=None, help="Full-text search in the quoted content (every word, stemmed).")
@click.option("--source-type", type=click.Choice(SOURCE_TYPES), default=None)
@click.option("--kind", type=click.Choice(ATTRIBUTION_KINDS), default=None)
@click.option("--category", type=click.Choice(CATEGORIES), default=None, help="PARC category of the statement.")
@click.option("--via", default=None, help='Only statements relayed via this outlet ("according to the Post").')
@click.option(
    "--source", default=None, help="An organization or anonymous-source description, as `sources --rank` groups it."
)
@click.option(
    "--min-confidence",
    type=click.FloatRange(0, 1),
    default=None,
    help="Only statements with at least this confidence (0-1).",
)
@click.option("--article", "article_id", default=None, help="Only this article id.")
@click.option("-n", "--limit", type=click.IntRange(1, 1_000_000), default=50, show_default=True)
@click.option("--offset", type=click.IntRange(0), default=0, show_default=True)
@click.option("--all", "everything", is_flag=True, help="Every matching statement (ignores --limit/--offset).")
@click.option("--count", is_flag=True, help="Print only how many statements match.")
@_format_option
@_db_option
@click.pass_context
def quotes_cmd(
    ctx: click.Context,
    limit: int,
    offset: int,
    everything: bool,
    count: bool,
    fmt: str,
    db: str | None,
    since: str | None,
    until: str | None,
    said_since: str | None,
    said_until: str | None,
    **filters: Any,
) -> None:
    """Attributed statements, newest first, filtered by speaker, subject, outlet, dates, words, relay..."""
    filters.update(
        since=_date(since, "--since"),
        until=_date(until, "--until"),
        said_since=_date(said_since, "--said-since"),
        said_until=_date(said_until, "--said-until"),
    )
    for a, b in (("since", "until"), ("said_since", "said_until")):
        if filters[a] and filters[b] and filters[a] > filters[b]:
            raise click.ClickException(
                f"--{a.replace('_', '-')} {filters[a]} is after --{b.replace('_', '-')} {filters[b]}; swap the dates"
            )
    with _open_store(ctx, db) as store:
        try:
            if count:
                click.echo(store.count_quotes(**filters))
                return
            rows = (
                list(store.iter_quotes(**filters))
                if everything
                else store.quotes(**filters, limit=limit, offset=offset)
            )
        except WhosaidError as exc:
            raise click.ClickException(str(exc)) from None
    emit(rows, fmt, QUOTE_COLUMNS)


@click.command("people")
@click.argument("name", required=False)
@click.option("--search", default=None, help="Only people whose name or alias contains this.")
@click.option("--outlet", default=None, help="Count only this outlet's articles: who it quotes most.")
@_range_options
@click.option("-n", "--limit", type=click.IntRange(1, 1_000_000), default=30, show_default=True)
@click.option("--offset", type=click.IntRange(0), default=0, show_default=True)
@_format_option
@_db_option
@click.pass_context
def people_cmd(
    ctx: click.Context,
    name: str | None,
    search: str | None,
    outlet: str | None,
    since: str | None,
    until: str | None,
    limit: int,
    offset: int,
    fmt: str,
    db: str | None,
) -> None:
    """The most quoted people with counts by kind (--outlet: by that outlet); with NAME, one person's
    statements and relations."""
    with _open_store(ctx, db) as store:
        if name is None:
            rows = store.people(
                limit=limit,
                offset=offset,
                search=search,
                outlet=outlet,
                since=_date(since, "--since"),
                until=_date(until, "--until"),
            )
            if fmt == "table":  # a gender from the opt-in first-name dictionary is labelled as one
                rows = [dict(r, gender=_gender_label(r)) for r in rows]
            emit(
                rows,
                fmt,
                [
                    ("name", "person", 28),
                    ("person_id", "id", 24),
                    ("n_quotes", "quotes", 7),
                    ("n_articles", "articles", 8),
                    ("gender", "gender", 20),
                    ("by_kind", "by kind", 36),
                ],
                title=f"people quoted by {outlet}" if outlet else None,
            )
            return
        person = store.person(name)
    if person is None:
        raise click.ClickException(
            f"no person {name!r} in the store; list them with `whosaid people` "
            "or search with `whosaid people --search WORD`"
        )
    if fmt == "json":
        emit([person], fmt, [])
        return
    if fmt == "table":
        aliases = ", ".join(person["aliases"]) or "-"
        click.echo(
            visible(
                f"{person['name']} ({person['person_id']}), {person['n_quotes']} statement(s); also written: {aliases}"
            )
        )
        click.echo(f"gender: {_gender_label(person)}")
        emit(person["quotes_by"][:limit], fmt, QUOTE_COLUMNS, title="said")
        emit(person["quotes_about"][:limit], fmt, QUOTE_COLUMNS, title="said about them")
        if person["relations"]:
            from ..web.render import relation_phrase

            rels = [dict(r, relation=relation_phrase(r["relation"], r["role"])) for r in person["relations"]]
            emit(
                rels[:limit],
                fmt,
                [
                    ("relation", "relation", 16),
                    ("other", "other", 24),
                    ("when", "when", 10),
                    ("evidence", "evidence", 70),
                ],
                title="relations (read from their side)",
            )
        return
    emit(
        [dict(q, role="by") for q in person["quotes_by"]] + [dict(q, role="about") for q in person["quotes_about"]],
        fmt,
        [],
    )


@click.command("sources")
@click.option(
    "--by",
    "by",
    type=click.Choice(SOURCES_BY),
    default="outlet",
    show_default=True,
    help="Group statements by outlet, by month or ISO week of publication, or both.",
)
@click.option("--outlet", default=None, help="Only this outlet's articles.")
@_range_options
@click.option(
    "--rank",
    type=click.Choice(RANKED),
    default=None,
    help="Instead: rank the sources of this type, e.g. organization, or anonymous (their descriptions).",
)
@click.option(
    "-n", "--limit", type=click.IntRange(1, 1_000_000), default=30, show_default=True, help="Rows of a --rank list."
)
@_format_option
@_db_option
@click.pass_context
def sources_cmd(
    ctx: click.Context,
    by: str,
    outlet: str | None,
    since: str | None,
    until: str | None,
    rank: str | None,
    limit: int,
    fmt: str,
    db: str | None,
) -> None:
    """Who the statements come from, per outlet and/or period: named, anonymous, relayed, organizations,
    documents, the gender of named people... With --rank, the most-quoted organizations or anonymous-source
    descriptions."""
    span = {"outlet": outlet, "since": _date(since, "--since"), "until": _date(until, "--until")}
    with _open_store(ctx, db) as store:
        try:
            if rank:
                rows = store.rank_sources(rank, limit=limit, **span)
                emit(
                    rows,
                    fmt,
                    [
                        ("name", "source", 40),
                        ("n", "statements", 10),
                        ("n_articles", "articles", 8),
                        ("n_outlets", "outlets", 7),
                        ("resolved", "resolved", 8),
                        ("variants", "spellings", 9),
                    ],
                    title=f"most-quoted {rank} sources",
                )
                return
            groups = tuple(by.split(","))
            rows = store.sourcing(groups, **span)
        except WhosaidError as exc:
            raise click.ClickException(str(exc)) from None
    emit(rows, fmt, [(g, g, 16 if g == "outlet" else 9) for g in groups] + _MIX_COLUMNS, title=f"sources by {by}")


@click.command("article")
@click.argument("article_id")
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(("text", "json", "csv", "table")),
    default="text",
    show_default=True,
    help="text: readable; json: the full analysis; csv/table: its statements.",
)
@click.option("--include-text", is_flag=True, help="With json: include the article text.")
@_db_option
@click.pass_context
def article_cmd(ctx: click.Context, article_id: str, fmt: str, include_text: bool, db: str | None) -> None:
    """The stored analysis of one article."""
    from ..output import render_text

    with _open_store(ctx, db) as store:
        analysis = store.article(article_id)
        if analysis is None:
            near = [a["id"] for a in store.articles(limit=3)]
            raise click.ClickException(
                visible(
                    f"no article {article_id!r} in the store"
                    + (f"; ids look like: {', '.join(near)}" if near else "; the store is empty")
                )
            )
        quotes = store.quotes(article_id=article_id, limit=100_000) if fmt in ("csv", "table") else []
    if fmt == "text":
        click.echo(render_text(analysis))
    elif fmt == "json":
        click.echo(json.dumps(analysis.to_dict(include_text=include_text), ensure_ascii=False, indent=2))
    else:
        emit(quotes, fmt, QUOTE_COLUMNS[2:-1], title=article_id)


COMMANDS += [quotes_cmd, people_cmd, sources_cmd, article_cmd]


def _gender_label(row: dict[str, Any]) -> str:
    """ "female", "unknown", or "male (first name)" for a gender from the opt-in name dictionary."""
    gender = str(row.get("gender") or "unknown")
    return f"{gender} (first name)" if row.get("gender_source") == "first_name" else gender
