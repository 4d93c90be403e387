"""Corpus commands: ``ingest`` into the store, and the queries ``quotes``, ``people``, ``sources``, ``article``,
plus ``load-parquet`` (merge a Dask run's Parquet partitions). Query output: ``--format table|json|csv``.
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path
from typing import Any, Callable, Sequence

import click

from ..errors import WhosaidError
from ..options import MODES
from .analyze import field_options, make_field_map, min_confidence_option
from .common import options_from

__all__ = ["COMMANDS", "EVAL_COMMANDS"]

COMMANDS: list[click.Command] = []
EVAL_COMMANDS: list[click.Command] = []

QUERY_FORMATS = ("table", "json", "csv")


def _db_option(fn: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--db", default=None, help="Store file (default: the global --db, else whosaid.db).")(fn)


def _format_option(fn: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("-f", "--format", "fmt", type=click.Choice(QUERY_FORMATS), default="table",
                        show_default=True, help="table for people, json or csv for programs.")(fn)


def _open_store(ctx: click.Context, db: str | None) -> Any:
    from ..store import Store

    opts = options_from(ctx, db=db)
    if opts.db != ":memory:" and not Path(opts.db).is_file():
        raise click.ClickException(f"no store at {opts.db}; fill one with `whosaid ingest PATH --db {opts.db}` "
                                   "or point --db at an existing store")
    try:
        return Store(opts.db)
    except WhosaidError as exc:
        raise click.ClickException(str(exc)) from None


def _date(value: str | None, name: str) -> str | None:
    from ..model import Article

    if not value:
        return None
    try:
        parsed = Article.parse_date(value)
    except WhosaidError:
        raise click.ClickException(f"{name} {value!r} is not a date; write it as YYYY-MM-DD (e.g. 2016-09-30)") \
            from None
    return parsed.isoformat() if parsed else None


def _flat(row: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in row.items():
        if isinstance(value, dict):
            for k, v in value.items():
                out[f"{key}.{k}"] = v
        elif isinstance(value, (list, tuple)):
            out[key] = json.dumps(value, ensure_ascii=False)
        else:
            out[key] = value
    return out


def _short(value: Any, width: int) -> str:
    text = "" if value is None else " ".join(str(value).split())
    return text if len(text) <= width else text[: width - 1] + "…"


def emit(rows: Sequence[dict[str, Any]], fmt: str, columns: Sequence[tuple[str, str, int]], *,
         title: str | None = None) -> None:
    """Print rows as a rich table (``columns``: key, header, max width), JSON or CSV on standard output."""
    if fmt == "json":
        json.dump(list(rows), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return
    if fmt == "csv":
        flat = [_flat(r) for r in rows]
        keys: list[str] = []
        for r in flat:
            keys += [k for k in r if k not in keys]
        writer = csv.DictWriter(sys.stdout, fieldnames=keys, lineterminator="\n")
        writer.writeheader()
        writer.writerows(flat)
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title, show_lines=False, header_style="bold")
    for key, header, width in columns:
        numeric = bool(rows) and all(isinstance(r.get(key), (int, float)) for r in rows)
        table.add_column(header, justify="right" if numeric else "left", overflow="fold", max_width=width)
    for r in rows:
        table.add_row(*(_cell(r.get(key), width) for key, _, width in columns))
    console = Console(file=sys.stdout, width=None if sys.stdout.isatty() else 160)
    console.print(table)
    if not rows:
        click.echo("(no rows)", err=True)


def _cell(value: Any, width: int) -> str:
    if isinstance(value, float):
        return f"{value:.0%}" if 0 <= value <= 1 else f"{value:.2f}"
    if isinstance(value, dict):
        return ", ".join(f"{k} {v}" for k, v in sorted(value.items(), key=lambda kv: -kv[1]))
    return _short(value, width * 3)


# -- ingest -------------------------------------------------------------------------------------------------------
@click.command("ingest")
@click.argument("paths", nargs=-1, required=True)
@_db_option
@click.option("--mode", type=click.Choice(MODES), default=None, help="Attribution proposers.")
@click.option("--batch-size", type=click.IntRange(1, 100_000), default=None,
              help="Articles per parse batch and per store transaction (default 64).")
@click.option("-j", "--processes", "n_process", type=click.IntRange(1, 256), default=None,
              help="Worker processes for the local engine (default: 2, or the cores there are).")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="local processes, or a Dask cluster (needs whosaid[dask]).")
@click.option("--scheduler", default=None, help="Dask: address of an existing scheduler (tcp://HOST:8786).")
@click.option("--workers", type=click.IntRange(1, 1024), default=None,
              help="Dask: start a local cluster with this many worker processes (default: --processes).")
@click.option("--parquet", "parquet_dir", type=click.Path(file_okay=False), default=None,
              help="Dask: also keep the result partitions as Parquet files in this folder.")
@click.option("--force", is_flag=True, help="Analyze again even articles stored with the same content.")
@click.option("--as", "kind", type=click.Choice(["text", "jsonl", "html"]), default=None,
              help="Read every input as this format (default: by file suffix).")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
@click.option("--summary-json", is_flag=True, help="Print the summary as JSON on standard output.")
@min_confidence_option
@field_options
@click.pass_context
def ingest_cmd(ctx: click.Context, paths: tuple[str, ...], db: str | None, mode: str | None,
               batch_size: int | None, n_process: int | None, engine: str, scheduler: str | None,
               workers: int | None, parquet_dir: str | None, force: bool, kind: str | None, quiet: bool,
               summary_json: bool, min_confidence: float | None, **fields: str) -> None:
    """Analyze articles (files, folders, globs, - for stdin) into the store, resumably.

    Articles already stored with the same content are skipped, so an interrupted ingest (even kill -9) is
    finished by running the same command again. Unreadable articles are recorded and skipped.
    """
    from ..scale.progress import estimate_total, progress_bar
    from ..store import Store

    if engine == "local" and (scheduler or workers or parquet_dir):
        raise click.ClickException("--scheduler, --workers and --parquet need --engine dask")
    opts = options_from(ctx, db=db, mode=mode, batch_size=batch_size, n_process=n_process,
                        min_confidence=min_confidence)
    field_map = make_field_map(fields)
    try:
        store = Store(opts.db)
    except WhosaidError as exc:
        raise click.ClickException(str(exc)) from None
    show = not quiet and sys.stderr.isatty()
    try:
        with store, progress_bar(None if not show else estimate_total(paths), enabled=show) as advance:
            from ..readers import read_articles

            items = read_articles(paths, fields=field_map, kind=kind)  # type: ignore[arg-type]
            if engine == "dask":
                try:
                    from ..scale.cluster import ingest_dask
                except ImportError as exc:
                    raise click.ClickException(f"the Dask engine needs the extra: pip install 'whosaid[dask]' "
                                               f"({exc})") from None
                summary = ingest_dask(items, store, opts, scheduler=scheduler, workers=workers,
                                      parquet_dir=parquet_dir, force=force, progress=advance)
            else:
                from ..scale.ingest import ingest_items

                summary = ingest_items(items, store, opts, force=force, progress=advance)
    except WhosaidError as exc:
        raise click.ClickException(str(exc)) from None
    for err in summary.errors[:10]:
        click.echo(f"error: {err}", err=True)
    if len(summary.errors) > 10:
        click.echo(f"... and {len(summary.errors) - 10} more errors (see `whosaid errors`)", err=True)
    click.echo(summary.line() + f"; store: {opts.db}", err=True)
    if summary_json:
        click.echo(json.dumps(summary.as_dict(), ensure_ascii=False))


@click.command("load-parquet")
@click.argument("paths", nargs=-1, required=True)
@_db_option
@click.pass_context
def load_parquet_cmd(ctx: click.Context, paths: tuple[str, ...], db: str | None) -> None:
    """Merge Parquet partitions written by `whosaid ingest --engine dask --parquet DIR` into the store."""
    from ..store import Store

    opts = options_from(ctx, db=db)
    try:
        from ..scale.cluster import load_parquet
    except ImportError as exc:
        raise click.ClickException(f"reading Parquet needs the extra: pip install 'whosaid[dask]' ({exc})") from None
    try:
        with Store(opts.db) as store:
            counts = load_parquet(paths, store)
    except WhosaidError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"load-parquet: {counts['files']} file(s): {counts['added']} added, {counts['replaced']} replaced, "
               f"{counts['unchanged']} unchanged, {counts['failed']} failed; store: {opts.db}", err=True)


# -- queries ------------------------------------------------------------------------------------------------------
_QUOTE_COLUMNS = [("date", "date", 10), ("outlet", "outlet", 12), ("speaker", "speaker", 22),
                  ("source_type", "type", 10), ("kind", "kind", 9), ("cue", "cue", 14),
                  ("content", "content", 70), ("article_id", "article", 24)]


@click.command("quotes")
@click.option("--speaker", default=None, help="Who said it: a person id, full name or alias.")
@click.option("--about", default=None, help="Statements whose content mentions this person.")
@click.option("--outlet", default=None, help="Only articles of this outlet.")
@click.option("--since", default=None, help="Articles dated on or after YYYY-MM-DD.")
@click.option("--until", default=None, help="Articles dated on or before YYYY-MM-DD.")
@click.option("--search", default=None, help="Full-text search in the quoted content (every word, stemmed).")
@click.option("--source-type", type=click.Choice(["person", "anonymous", "outlet", "organization", "social_media",
                                                  "document", "unknown"]), default=None)
@click.option("--kind", type=click.Choice(["direct", "indirect", "mixed", "according_to"]), default=None)
@click.option("--article", "article_id", default=None, help="Only this article id.")
@click.option("-n", "--limit", type=click.IntRange(1, 1_000_000), default=50, show_default=True)
@click.option("--offset", type=click.IntRange(0), default=0, show_default=True)
@_format_option
@_db_option
@click.pass_context
def quotes_cmd(ctx: click.Context, speaker: str | None, about: str | None, outlet: str | None, since: str | None,
               until: str | None, search: str | None, source_type: str | None, kind: str | None,
               article_id: str | None, limit: int, offset: int, fmt: str, db: str | None) -> None:
    """Attributed statements, newest first, filtered by speaker, subject, outlet, date or words."""
    with _open_store(ctx, db) as store:
        try:
            rows = store.quotes(speaker=speaker, about=about, outlet=outlet, since=_date(since, "--since"),
                                until=_date(until, "--until"), search=search, source_type=source_type,
                                kind=kind, article_id=article_id, limit=limit, offset=offset)
        except WhosaidError as exc:
            raise click.ClickException(str(exc)) from None
    emit(rows, fmt, _QUOTE_COLUMNS)


@click.command("people")
@click.argument("name", required=False)
@click.option("--search", default=None, help="Only people whose name or alias contains this.")
@click.option("-n", "--limit", type=click.IntRange(1, 1_000_000), default=30, show_default=True)
@click.option("--offset", type=click.IntRange(0), default=0, show_default=True)
@_format_option
@_db_option
@click.pass_context
def people_cmd(ctx: click.Context, name: str | None, search: str | None, limit: int, offset: int, fmt: str,
               db: str | None) -> None:
    """The most quoted people with counts by source type; with NAME, one person's statements and relations."""
    with _open_store(ctx, db) as store:
        if name is None:
            emit(store.people(limit=limit, offset=offset, search=search), fmt,
                 [("name", "person", 28), ("person_id", "id", 24), ("n_quotes", "quotes", 7),
                  ("n_articles", "articles", 8), ("by_kind", "by kind", 36)])
            return
        person = store.person(name)
    if person is None:
        raise click.ClickException(f"no person {name!r} in the store; list them with `whosaid people` "
                                   "or search with `whosaid people --search WORD`")
    if fmt == "json":
        emit([person], fmt, [])
        return
    if fmt == "table":
        aliases = ", ".join(person["aliases"]) or "-"
        click.echo(f"{person['name']} ({person['person_id']}), {person['n_quotes']} statement(s); "
                   f"also written: {aliases}")
        emit(person["quotes_by"][:limit], fmt, _QUOTE_COLUMNS, title="said")
        emit(person["quotes_about"][:limit], fmt, _QUOTE_COLUMNS, title="said about them")
        if person["relations"]:
            emit(person["relations"][:limit], fmt, [("relation", "relation", 14), ("other", "other", 24),
                                                    ("when", "when", 10), ("evidence", "evidence", 70)],
                 title="relations")
        return
    emit([dict(q, role="by") for q in person["quotes_by"]] + [dict(q, role="about") for q in person["quotes_about"]],
         fmt, [])


@click.command("sources")
@click.option("--by", "by", type=click.Choice(["outlet"]), default="outlet", show_default=True,
              help="Group statements by this field.")
@_format_option
@_db_option
@click.pass_context
def sources_cmd(ctx: click.Context, by: str, fmt: str, db: str | None) -> None:
    """Who the statements come from, per outlet: named, anonymous, relayed, organizations, documents..."""
    with _open_store(ctx, db) as store:
        rows = store.sources_by_outlet()
    emit(rows, fmt, [("outlet", "outlet", 16), ("articles", "articles", 8), ("statements", "statements", 10),
                     ("named", "named", 6), ("anonymous", "anon.", 6), ("relayed", "relayed", 7),
                     ("organization", "org.", 6), ("social_media", "social", 6), ("document", "doc.", 5),
                     ("media", "media", 5), ("unknown", "unknown", 7), ("share_named", "% named", 7),
                     ("share_anonymous", "% anon.", 7), ("share_relayed", "% relayed", 9)],
         title=f"sources by {by}")


@click.command("article")
@click.argument("article_id")
@click.option("-f", "--format", "fmt", type=click.Choice(("text", "json", "csv", "table")), default="text",
              show_default=True, help="text: readable; json: the full analysis; csv/table: its statements.")
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
            raise click.ClickException(f"no article {article_id!r} in the store" +
                                       (f"; ids look like: {', '.join(near)}" if near else "; the store is empty"))
        quotes = store.quotes(article_id=article_id, limit=100_000) if fmt in ("csv", "table") else []
    if fmt == "text":
        click.echo(render_text(analysis))
    elif fmt == "json":
        click.echo(json.dumps(analysis.to_dict(include_text=include_text), ensure_ascii=False, indent=2))
    else:
        emit(quotes, fmt, _QUOTE_COLUMNS[2:-1], title=article_id)


@click.command("errors")
@click.option("-n", "--limit", type=click.IntRange(1, 1_000_000), default=50, show_default=True)
@_format_option
@_db_option
@click.pass_context
def errors_cmd(ctx: click.Context, limit: int, fmt: str, db: str | None) -> None:
    """Inputs that could not be read or analyzed during ingest."""
    with _open_store(ctx, db) as store:
        rows = store.errors(limit=limit)
    emit(rows, fmt, [("at", "when", 20), ("source", "source", 40), ("article_id", "article", 20),
                     ("message", "error", 70)])


COMMANDS += [ingest_cmd, load_parquet_cmd, quotes_cmd, people_cmd, sources_cmd, article_cmd, errors_cmd]
