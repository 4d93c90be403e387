"""Corpus commands: ``ingest`` into the store, ``errors``, and ``load-parquet`` (merge a Dask run's Parquet
partitions), with the helpers the query commands of ``cli/query.py`` share (``emit``: ``--format
table|json|csv``). Query output: ``--format table|json|csv``.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import click

from ..errors import WhosaidError
from ..options import MODES
from .analyze import field_options, make_field_map, min_confidence_option
from .common import EXIT_PARTIAL, Interrupted, first_readable, interrupted_exit, options_from, say, stop_on_signals

__all__ = ["COMMANDS", "EVAL_COMMANDS"]

COMMANDS: list[click.Command] = []
EVAL_COMMANDS: list[click.Command] = []

QUERY_FORMATS = ("table", "json", "csv")
# How to get the optional Dask extra from a checkout (the PyPI name "whosaid" is another project's).
DASK_HINT = "the dask extra: run `.venv/bin/pip install -e '.[dask]'` in the whosaid checkout"


def _db_option(fn: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--db", default=None, help="Store file (default: the global --db, else whosaid.db).")(fn)


def _format_option(fn: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "-f",
        "--format",
        "fmt",
        type=click.Choice(QUERY_FORMATS),
        default="table",
        show_default=True,
        help="table for people, json or csv for programs.",
    )(fn)


def _open_store(ctx: click.Context, db: str | None, *, write: bool = False) -> Any:
    """The existing store of ``--db``: read-only (SQLite mode=ro: works on read-only files and media, never
    changes the file), or read-write with ``write`` (a command that updates derived tables)."""
    from ..store import Store

    opts = options_from(ctx, db=db)
    if opts.db != ":memory:" and not Path(opts.db).is_file():
        raise click.ClickException(
            f"no store at {opts.db}; fill one with `whosaid ingest PATH --db {opts.db}` "
            "or point --db at an existing store"
        )
    try:
        if opts.db == ":memory:" or write:
            return Store(opts.db)
        return Store.for_reading(opts.db)
    except WhosaidError as exc:
        raise click.ClickException(str(exc)) from None


def _date(value: str | None, name: str) -> str | None:
    from ..model import Article

    if not value:
        return None
    try:
        parsed = Article.parse_date(value)
    except WhosaidError:
        raise click.ClickException(
            f"{name} {value!r} is not a date; write it as YYYY-MM-DD (e.g. 2016-09-30)"
        ) from None
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


def emit(
    rows: Sequence[dict[str, Any]], fmt: str, columns: Sequence[tuple[str, str, int]], *, title: str | None = None
) -> None:
    """Print rows as a rich table (``columns``: key, header, max width), JSON or CSV on standard output."""
    if fmt == "json":
        json.dump(list(rows), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return
    if fmt == "csv":  # cells starting = + - @ tab CR get a leading ' (OWASP CSV injection)
        from ..output import csv_cell

        flat = [{k: csv_cell(v) for k, v in _flat(r).items()} for r in rows]
        keys: list[str] = []
        for r in flat:
            keys += [k for k in r if k not in keys]
        writer = csv.DictWriter(sys.stdout, fieldnames=keys, lineterminator="\n")
        writer.writeheader()
        writer.writerows(flat)
        return
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from ..output import visible

    # Cells are Text objects: article text is printed as it is, never read as rich markup ([/b], [link=...]).
    table = Table(title=Text(visible(title)) if title else None, show_lines=False, header_style="bold")
    for key, header, width in columns:
        numeric = bool(rows) and all(isinstance(r.get(key), (int, float)) for r in rows)
        table.add_column(header, justify="right" if numeric else "left", overflow="fold", max_width=width)
    for r in rows:
        table.add_row(*(Text(visible(_cell(r.get(key), width))) for key, _, width in columns))
    console = Console(
        file=sys.stdout, width=None if sys.stdout.isatty() else 160, markup=False, emoji=False, highlight=False
    )
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
@click.option(
    "--batch-size",
    type=click.IntRange(1, 100_000),
    default=None,
    help="Articles per parse batch and per store transaction (default 64).",
)
@click.option(
    "-j",
    "--processes",
    "n_process",
    type=click.IntRange(1, 256),
    default=None,
    help="Worker processes for the local engine (default: 2, or the cores there are).",
)
@click.option(
    "--engine",
    type=click.Choice(["local", "dask"]),
    default="local",
    show_default=True,
    help="local processes, or a Dask cluster (needs the dask extra).",
)
@click.option("--scheduler", default=None, help="Dask: address of an existing scheduler (tcp://HOST:8786).")
@click.option(
    "--workers",
    type=click.IntRange(1, 1024),
    default=None,
    help="Dask: start a local cluster with this many worker processes (default: --processes).",
)
@click.option(
    "--parquet",
    "parquet_dir",
    type=click.Path(file_okay=False),
    default=None,
    help="Dask: also keep the result partitions as Parquet files in this folder.",
)
@click.option("--force", is_flag=True, help="Analyze again even articles stored with the same content.")
@click.option(
    "--on-duplicate",
    type=click.Choice(["skip", "replace", "error"]),
    default="skip",
    show_default=True,
    help="An article id met twice in this run: skip keeps the first, replace keeps the last (both "
    "report every duplicate), error stops the run at the first one.",
)
@click.option(
    "--as",
    "kind",
    type=click.Choice(["text", "jsonl", "html"]),
    default=None,
    help="Read every input as this format (default: by file suffix).",
)
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
@click.option("--summary-json", is_flag=True, help="Print the summary as JSON on standard output.")
@click.option(
    "--provenance/--no-provenance",
    default=True,
    show_default=True,
    help="Add the new statements to the statement clusters (whosaid clusters / provenance).",
)
@min_confidence_option
@field_options
@click.pass_context
def ingest_cmd(
    ctx: click.Context,
    paths: tuple[str, ...],
    db: str | None,
    mode: str | None,
    batch_size: int | None,
    n_process: int | None,
    engine: str,
    scheduler: str | None,
    workers: int | None,
    parquet_dir: str | None,
    force: bool,
    on_duplicate: str,
    kind: str | None,
    quiet: bool,
    summary_json: bool,
    provenance: bool,
    min_confidence: float | None,
    **fields: str,
) -> None:
    """Analyze articles (files, folders, globs, - for stdin) into the store, resumably.

    Articles already stored with the same content are skipped, so an interrupted ingest (even kill -9) is
    finished by running the same command again. Unreadable articles are recorded and skipped. Ids of
    articles read from files are their paths relative to the argument given (corpus/a/story.txt read as
    corpus/ is a/story); an id met twice in one run is reported (see --on-duplicate).

    \b
    Exit codes: 0 every input stored (or already stored); 3 some inputs rejected (unreadable, failed, or
    duplicate ids: listed on standard error and in `whosaid errors`), the rest stored; 1 nothing done
    (no input could be read: no store file is created; or the store cannot be used); 2 bad command line;
    130 / 143 interrupted by Ctrl-C / SIGTERM (whole batches stay stored: rerun to resume).
    """
    from ..model import Article
    from ..readers import read_located
    from ..scale.progress import estimate_total, progress_bar
    from ..store import Store

    if engine == "local" and (scheduler or workers or parquet_dir):
        raise click.ClickException("--scheduler, --workers and --parquet need --engine dask")
    opts = options_from(
        ctx, db=db, mode=mode, batch_size=batch_size, n_process=n_process, min_confidence=min_confidence
    )
    field_map = make_field_map(fields)
    head, items, readable = first_readable(
        read_located(paths, fields=field_map, kind=kind),  # type: ignore[arg-type]
        Article,
    )
    if not readable:  # refuse before the store file is created or touched
        for item, _where in head:
            say(f"error: {item}")
        existed = Path(opts.db).exists()
        raise click.ClickException(
            "nothing to ingest: no input could be read (see the errors above); "
            + (f"{opts.db} was not changed" if existed else "no store was created")
        )
    try:
        store = Store(opts.db)
    except WhosaidError as exc:
        raise click.ClickException(str(exc)) from None
    show = not quiet and sys.stderr.isatty()
    try:
        with (
            stop_on_signals(),
            store,
            progress_bar(None if not show else estimate_total(paths), enabled=show) as advance,
        ):
            if engine == "dask":
                try:
                    from ..scale.cluster import ingest_dask
                except ImportError as exc:
                    raise click.ClickException(f"the Dask engine needs {DASK_HINT} ({exc})") from None
                summary = ingest_dask(
                    items,
                    store,
                    opts,
                    scheduler=scheduler,
                    workers=workers,
                    parquet_dir=parquet_dir,
                    force=force,
                    progress=advance,
                    on_duplicate=on_duplicate,
                    provenance=provenance,
                )
            else:
                from ..scale.ingest import ingest_items

                summary = ingest_items(
                    items, store, opts, force=force, progress=advance, on_duplicate=on_duplicate, provenance=provenance
                )
    except WhosaidError as exc:
        raise click.ClickException(str(exc)) from None
    except (KeyboardInterrupt, Interrupted) as exc:
        interrupted_exit(ctx, exc, "ingest")
    for err in summary.errors[:10]:
        say(f"error: {err}")
    if len(summary.errors) > 10:
        click.echo(f"... and {len(summary.errors) - 10} more errors (see `whosaid errors`)", err=True)
    click.echo(summary.line() + f"; store: {opts.db}", err=True)
    if summary_json:
        click.echo(json.dumps(summary.as_dict(), ensure_ascii=False))
    if summary.rejected:
        ctx.exit(EXIT_PARTIAL)


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
        raise click.ClickException(f"reading Parquet needs {DASK_HINT} ({exc})") from None
    try:
        with Store(opts.db) as store:
            counts = load_parquet(paths, store)
            from ..provenance import update_clusters

            clustered = update_clusters(store)  # the loaded statements join the statement clusters
    except WhosaidError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(
        f"load-parquet: {counts['files']} file(s): {counts['added']} added, {counts['replaced']} replaced, "
        f"{counts['unchanged']} unchanged, {counts['failed']} failed; store: {opts.db}",
        err=True,
    )
    click.echo(clustered.line(), err=True)


@click.command("errors")
@click.option("-n", "--limit", type=click.IntRange(1, 1_000_000), default=50, show_default=True)
@_format_option
@_db_option
@click.pass_context
def errors_cmd(ctx: click.Context, limit: int, fmt: str, db: str | None) -> None:
    """Inputs that could not be read or analyzed during ingest."""
    with _open_store(ctx, db) as store:
        rows = store.errors(limit=limit)
    emit(
        rows,
        fmt,
        [("at", "when", 20), ("source", "source", 40), ("article_id", "article", 20), ("message", "error", 70)],
    )


COMMANDS += [ingest_cmd, load_parquet_cmd, errors_cmd]  # quotes, people, sources, article: cli/query.py
