"""``whosaid conflicts``: claims about a person that cannot all be true (ages, birth years), with evidence."""

from __future__ import annotations

import json
import sys

import click

from ..output import visible
from .common import options_from, say

__all__ = ["COMMANDS", "EVAL_COMMANDS"]


@click.command("conflicts")
@click.argument("paths", nargs=-1)
@click.option("--db", default=None, help="Read the analyses from this store (default: the configured store).")
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(["text", "jsonl", "json"]),
    default=None,
    help="Output format (default: text on a terminal, jsonl otherwise).",
)
@click.option("--person", default=None, help="Only conflicts about this person (name as shown).")
@click.pass_context
def conflicts_cmd(
    ctx: click.Context, paths: tuple[str, ...], db: str | None, fmt: str | None, person: str | None
) -> None:
    """List conflicting claims in articles (PATHS, analysed now) or in the corpus store.

    Within one article ("42nd birthday" and "born in 1980" in a 2024 article) and across articles
    ("her 42nd birthday" in one, "turned 44" in another of the same month).
    """
    from ..conflicts import corpus_conflicts
    from ..errors import WhosaidError

    opts = options_from(ctx, **({"db": db} if db else {}))
    fmt = fmt or ("text" if sys.stdout.isatty() else "jsonl")
    try:
        if paths:
            from ..pipeline import Pipeline
            from ..readers import read_articles

            def good():  # type: ignore[no-untyped-def]
                for item in read_articles(paths):
                    if isinstance(item, Exception):
                        say(f"error: {item}")
                    else:
                        yield item

            found = corpus_conflicts(Pipeline(opts).pipe(good()))
        else:
            from ..store import Store

            with Store(opts.db, readonly=True) as store:
                found = corpus_conflicts(store.iter_analyses())
    except WhosaidError as exc:
        raise click.ClickException(str(exc)) from None
    if person:
        found = [c for c in found if c.person.lower() == person.lower()]
    if fmt == "json":
        click.echo(json.dumps([c.to_dict() for c in found], ensure_ascii=False, indent=2))
    elif fmt == "jsonl":
        for c in found:
            click.echo(json.dumps(c.to_dict(), ensure_ascii=False))
    else:
        for c in found:
            click.echo("\n".join(visible(line) for line in c.describe().split("\n")))
        click.echo(f"{len(found)} conflict(s)", err=True)


COMMANDS: list[click.Command] = [conflicts_cmd]
EVAL_COMMANDS: list[click.Command] = []
