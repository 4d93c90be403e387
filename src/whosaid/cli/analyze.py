"""``whosaid analyze``: run the pipeline over articles and print the results (no store)."""

from __future__ import annotations

import sys
from collections.abc import Iterator

import click

from ..errors import InputError, WhosaidError
from ..model import CATEGORIES, Analysis, Article
from ..options import MODES
from ..output import FORMATS, write_analyses
from .common import EXIT_PARTIAL, Interrupted, first_readable, interrupted_exit, options_from, say, stop_on_signals

__all__ = ["COMMANDS", "analyze_cmd", "field_options", "make_field_map", "min_confidence_option", "progress_wanted"]

COMMANDS: list[click.Command] = []


def progress_wanted(quiet: bool, stderr: object, stdout: object) -> bool:
    """Whether ``analyze`` shows its progress bar: on a terminal's standard error, unless ``--quiet`` or the
    results themselves are printed on that terminal (they would be torn by the bar)."""

    def tty(stream: object) -> bool:
        isatty = getattr(stream, "isatty", None)
        return bool(isatty()) if callable(isatty) else False

    return not quiet and tty(stderr) and not tty(stdout)


def field_options(fn):  # type: ignore[no-untyped-def]
    """--text-field and friends, for JSONL inputs whose field names differ."""
    for name in ("url", "outlet", "title", "date", "text", "id"):
        fn = click.option(
            f"--{name}-field", default=name, show_default=True, help=f"JSONL field holding the article {name}."
        )(fn)
    return fn


def min_confidence_option(fn):  # type: ignore[no-untyped-def]
    """--min-confidence: leave out statements less likely right than this (docs/output.md)."""
    return click.option(
        "--min-confidence",
        type=click.FloatRange(0, 1),
        default=None,
        help="Leave out statements whose confidence (the calibrated probability that the record is right) is "
        "below this. Default: the floor shipped with the calibration; 0 keeps every statement.",
    )(fn)


def make_field_map(kw: dict) -> object:
    """The reader's FieldMap from the --*-field options (removed from ``kw``)."""
    from ..readers import FieldMap

    return FieldMap(**{k[: -len("_field")]: kw.pop(k) for k in list(kw) if k.endswith("_field")})


@click.command("analyze")
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default=None,
    help="Output format (default: text on a terminal, jsonl otherwise).",
)
@click.option("--mode", type=click.Choice(MODES), default=None, help="Attribution proposers.")
@click.option("--include-text", is_flag=True, help="Also write each article's text in json/jsonl output.")
@click.option(
    "--as",
    "kind",
    type=click.Choice(["text", "jsonl", "html"]),
    default=None,
    help="Read every input as this format (default: by file suffix).",
)
@click.option(
    "-j",
    "--processes",
    "n_process",
    type=click.IntRange(1, 256),
    default=None,
    help="Worker processes for large inputs (default: 2, or the cores there are).",
)
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
@min_confidence_option
@click.option(
    "--category",
    "categories",
    multiple=True,
    type=click.Choice(CATEGORIES),
    help="Only statements of this kind (repeat for several): assertion (said, wrote), belief (thinks), "
    "fact (found, showed), eventuality (promised, wants). Default: all.",
)
@field_options
@click.pass_context
def analyze_cmd(
    ctx: click.Context,
    paths: tuple[str, ...],
    fmt: str | None,
    mode: str | None,
    include_text: bool,
    kind: str | None,
    n_process: int | None,
    quiet: bool,
    min_confidence: float | None,
    categories: tuple[str, ...],
    **fields: str,
) -> None:
    """Analyze articles (files, folders, globs, or - for stdin) and print who said what.

    Standard output holds only the results; progress, warnings and errors go to standard error. A progress
    bar (articles, articles/s, ETA) is shown when standard error is a terminal and the results go to a file
    or a pipe. Article text is printed literally: control characters in it are shown as escapes (\\x1b) in
    the text format.

    \b
    Exit codes: 0 every input analyzed; 3 some inputs rejected (listed on standard error), the rest
    analyzed; 1 nothing could be read (nothing is printed on standard output); 2 bad command line;
    130 / 143 interrupted by Ctrl-C / SIGTERM.
    """
    from ..readers import read_located
    from ..scale.local import Failure, analyze_stream
    from ..scale.progress import estimate_total, progress_bar

    opts = options_from(
        ctx, mode=mode, n_process=n_process, min_confidence=min_confidence, categories=categories or None
    )
    out = sys.stdout  # taken before the bar, which redirects sys.stdout while it runs
    fmt = fmt or ("text" if out.isatty() else "jsonl")
    field_map = make_field_map(fields)
    failed = 0
    head, items, readable = first_readable(
        read_located(paths, fields=field_map, kind=kind),  # type: ignore[arg-type]
        Article,
    )
    if not readable:
        for item, _where in head:
            say(f"error: {item}")
        raise click.ClickException("nothing to analyze: no input could be read (see the errors above)")
    show = progress_wanted(quiet, sys.stderr, out)
    advance = None

    def good() -> Iterator[Article]:
        nonlocal failed
        for item, _where in items:
            if isinstance(item, InputError):
                failed += 1
                say(f"error: {item}")
                advance(1)  # type: ignore[misc]
            else:
                yield item

    stream = analyze_stream(good(), opts, keep_failures=True)  # worker processes for large inputs

    def analyses() -> Iterator[Analysis]:
        nonlocal failed
        for item in stream:
            advance(1)  # type: ignore[misc]
            if isinstance(item, Failure):
                failed += 1
                say(f"error: {item.article.id}: {item.message}")
            else:
                yield item

    try:
        with (
            stop_on_signals(),
            progress_bar(estimate_total(paths) if show else None, label="analyze", enabled=show) as advance,
        ):
            n = write_analyses(analyses(), out, fmt, include_text=include_text)
    except WhosaidError as exc:
        raise click.ClickException(str(exc)) from None
    except (KeyboardInterrupt, Interrupted) as exc:
        interrupted_exit(ctx, exc, "analyze")
    finally:
        stream.close()  # ends worker processes at once on any error or signal
    click.echo(f"{n} article(s) analyzed" + (f", {failed} input(s) rejected" if failed else ""), err=True)
    if failed:
        ctx.exit(EXIT_PARTIAL)


COMMANDS.append(analyze_cmd)
