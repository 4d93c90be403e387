"""``whosaid analyze``: run the pipeline over articles and print the results (no store)."""

from __future__ import annotations

import sys
from typing import Iterator

import click

from ..errors import InputError, WhosaidError
from ..model import CATEGORIES, Analysis, Article
from ..options import MODES
from ..output import FORMATS, write_analyses
from .common import options_from

COMMANDS: list[click.Command] = []


def field_options(fn):  # type: ignore[no-untyped-def]
    """--text-field and friends, for JSONL inputs whose field names differ."""
    for name in ("url", "outlet", "title", "date", "text", "id"):
        fn = click.option(f"--{name}-field", default=name, show_default=True,
                          help=f"JSONL field holding the article {name}.")(fn)
    return fn


def min_confidence_option(fn):  # type: ignore[no-untyped-def]
    """--min-confidence: leave out statements less likely right than this (docs/output.md)."""
    return click.option(
        "--min-confidence", type=click.FloatRange(0, 1), default=None,
        help="Leave out statements whose confidence (the calibrated probability that the record is right) is "
             "below this. Default: the floor shipped with the calibration; 0 keeps every statement.")(fn)


def make_field_map(kw: dict) -> "object":
    from ..readers import FieldMap

    return FieldMap(**{k[: -len("_field")]: kw.pop(k) for k in list(kw) if k.endswith("_field")})


@click.command("analyze")
@click.argument("paths", nargs=-1, required=True)
@click.option("-f", "--format", "fmt", type=click.Choice(FORMATS), default=None,
              help="Output format (default: text on a terminal, jsonl otherwise).")
@click.option("--mode", type=click.Choice(MODES), default=None, help="Attribution proposers.")
@click.option("--include-text", is_flag=True, help="Also write each article's text in json/jsonl output.")
@click.option("--as", "kind", type=click.Choice(["text", "jsonl", "html"]), default=None,
              help="Read every input as this format (default: by file suffix).")
@click.option("-j", "--processes", "n_process", type=click.IntRange(1, 256), default=None,
              help="Worker processes for large inputs (default: 2, or the cores there are).")
@min_confidence_option
@click.option("--category", "categories", multiple=True, type=click.Choice(CATEGORIES),
              help="Only statements of this kind (repeat for several): assertion (said, wrote), belief (thinks), "
                   "fact (found, showed), eventuality (promised, wants). Default: all.")
@field_options
@click.pass_context
def analyze_cmd(ctx: click.Context, paths: tuple[str, ...], fmt: str | None, mode: str | None,
                include_text: bool, kind: str | None, n_process: int | None, min_confidence: float | None,
                categories: tuple[str, ...], **fields: str) -> None:
    """Analyze articles (files, folders, globs, or - for stdin) and print who said what.

    Standard output holds only the results; progress, warnings and errors go to standard error.
    The exit code is 1 when some inputs could not be read.
    """
    from ..readers import read_articles
    from ..scale.local import Failure, analyze_stream

    opts = options_from(ctx, mode=mode, n_process=n_process, min_confidence=min_confidence,
                        categories=categories or None)
    fmt = fmt or ("text" if sys.stdout.isatty() else "jsonl")
    field_map = make_field_map(fields)
    failed = 0

    def good() -> Iterator[Article]:
        nonlocal failed
        for item in read_articles(paths, fields=field_map, kind=kind):  # type: ignore[arg-type]
            if isinstance(item, InputError):
                failed += 1
                click.echo(f"error: {item}", err=True)
            else:
                yield item

    def analyses() -> Iterator[Analysis]:  # worker processes when n_process > 1 and the input is large
        nonlocal failed
        for item in analyze_stream(good(), opts, keep_failures=True):
            if isinstance(item, Failure):
                failed += 1
                click.echo(f"error: {item.article.id}: {item.message}", err=True)
            else:
                yield item

    try:
        n = write_analyses(analyses(), sys.stdout, fmt, include_text=include_text)
    except WhosaidError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"{n} article(s) analyzed" + (f", {failed} input(s) failed" if failed else ""), err=True)
    if failed:
        ctx.exit(1)


COMMANDS.append(analyze_cmd)
