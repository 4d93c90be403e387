"""``whosaid timeline`` (events and times in date order) and ``whosaid eval timebank``."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from ..errors import WhosaidError
from ..output import visible
from .common import EXIT_ERROR, EXIT_PARTIAL, options_from, say

__all__ = ["COMMANDS", "EVAL_COMMANDS", "timeline_cmd", "timebank_cmd", "DEFAULT_TIMEBANK"]

COMMANDS: list[click.Command] = []
EVAL_COMMANDS: list[click.Command] = []

DEFAULT_TIMEBANK = "../shared/data/timebank/train.jsonl"


def _short(s: str, n: int = 90) -> str:
    s = " ".join(s.split())
    return s if len(s) <= n else s[: n - 1] + "…"


def article_timeline(analysis: Any) -> dict[str, Any]:
    """An analysis's events and times in date order (JSON-ready)."""
    from ..timex.timeline import sort_key

    anchor = analysis.article.date
    events = sorted(analysis.events, key=lambda e: (sort_key(e.when, anchor), e.evidence.start))
    dated = [t for t in analysis.times if t.type in ("DATE", "TIME")]
    other = [t for t in analysis.times if t.type not in ("DATE", "TIME")]
    times = sorted(dated, key=lambda t: (sort_key(t.value, anchor), t.start)) + other
    return {
        "id": analysis.article.id,
        "date": anchor.isoformat() if anchor else None,
        "events": [e.to_dict() for e in events],
        "times": [t.to_dict() for t in times],
    }


def _print_article(tl: dict[str, Any]) -> None:
    click.echo(visible(f"== {tl['id']}" + (f" ({tl['date']})" if tl["date"] else "")))
    if tl["events"]:
        click.echo("events:")
    for e in tl["events"]:
        who = f"  [{', '.join(e['participants'])}]" if e["participants"] else ""
        click.echo(visible(f"  {e['when'] or '?':<12} {e['what']}{who}"))
        click.echo(visible(f"  {'':<12} “{_short(e['evidence']['text'])}”"))
    if tl["times"]:
        click.echo("times:")
    for t in tl["times"]:
        click.echo(visible(f"  {t['value'] or '?':<20} {t['type']:<9} {t['text']!r} @{t['start']}"))


def _person_timeline(db: str, name: str) -> dict[str, Any]:
    try:
        from ..store import Store
    except ImportError:  # the store is optional for this command
        raise click.ClickException("the corpus store is not available in this installation") from None
    from ..timex.timeline import sort_key

    with Store(db, readonly=True) as store:
        person = store.person(name)
    if person is None:
        raise click.ClickException(f"no person {name!r} in {db}; ingest articles first (whosaid ingest PATH)")
    items = sorted(person.get("timeline", []), key=lambda t: (sort_key(t.get("when")), t.get("article_id") or ""))
    return {"person": person.get("name", name), "timeline": items}


@click.command("timeline")
@click.argument("paths", nargs=-1)
@click.option("--person", default=None, help="A person's timeline from the corpus store (--db).")
@click.option("--db", default=None, help="Store file for --person (default: the global --db, else whosaid.db).")
@click.option("-f", "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.pass_context
def timeline_cmd(ctx: click.Context, paths: tuple[str, ...], person: str | None, db: str | None, fmt: str) -> None:
    """Events and time expressions in date order, for article files (PATHS) or a --person in the store."""
    if bool(paths) == bool(person):
        raise click.UsageError("give article PATHS or --person NAME (one of the two)")
    if db and not person:
        raise click.UsageError("--db goes with --person (article PATHS are analyzed, not read from a store)")
    opts = options_from(ctx, db=db)
    try:
        if person:
            tl = _person_timeline(opts.db, person)
            if fmt == "json":
                click.echo(json.dumps(tl, ensure_ascii=False, indent=2))
                return
            click.echo(visible(f"== {tl['person']}"))
            for item in tl["timeline"]:
                click.echo(
                    visible(
                        f"  {item.get('when') or '?':<12} {_short(str(item.get('what') or ''))}"
                        f"  ({item.get('article_id')})"
                    )
                )
            return
        from ..errors import InputError
        from ..pipeline import Pipeline
        from ..readers import read_articles

        pipeline = Pipeline(opts)
        failed = 0
        articles = []
        for item in read_articles(paths):
            if isinstance(item, InputError):
                failed += 1
                say(f"error: {item}")
            else:
                articles.append(item)
        for analysis in pipeline.pipe(articles):
            tl = article_timeline(analysis)
            if fmt == "json":
                click.echo(json.dumps(tl, ensure_ascii=False))
            else:
                _print_article(tl)
    except WhosaidError as exc:
        raise click.ClickException(str(exc)) from None
    if failed:
        ctx.exit(EXIT_PARTIAL if articles else EXIT_ERROR)


@click.command("timebank")
@click.argument("path", required=False, default=DEFAULT_TIMEBANK)
@click.option("--limit", type=int, default=None, help="Only the first N documents.")
@click.option(
    "--pred-out",
    type=click.Path(dir_okay=False),
    default=None,
    help="Also write the predictions as JSONL (score.py timejsonl reads it).",
)
@click.option("--check/--no-check", default=False, help="Exit 1 when a figure is below its pinned floor.")
@click.pass_context
def timebank_cmd(ctx: click.Context, path: str, limit: int | None, pred_out: str | None, check: bool) -> None:
    """TempEval-3 figures on TimeBank+AQUAINT: strict/relaxed extent and value P/R/F1.

    The last line is a JSON object with the same figures as ``score.py timejsonl GOLD PRED``.
    """
    from ..eval.floors import check_floors
    from ..eval.timebank import TIMEBANK_FLOORS, evaluate_timebank

    if not Path(path).is_file():
        raise click.ClickException(
            f"{path}: no such file; give the TimeBank JSONL path "
            f"(default {DEFAULT_TIMEBANK}, run from the repository root)"
        )
    opts = options_from(ctx)
    try:
        score = evaluate_timebank(path, options=opts, limit=limit, pred_out=pred_out)
    except WhosaidError as exc:
        raise click.ClickException(str(exc)) from None
    fig = score.as_dict()
    click.echo(
        f"documents {fig['documents']}, gold {fig['gold']}, predicted {fig['pred']}, {fig['seconds']} s", err=True
    )
    for name in ("strict", "relaxed", "value"):
        p, r, f = fig[f"{name}_prf"]
        click.echo(f"{name:<8} P {p:5.1f}  R {r:5.1f}  F1 {f:5.1f}", err=True)
    for typ, row in fig["by_type"].items():
        click.echo(
            f"  {typ:<9} gold {row['gold']:4d}  found {row['relaxed']:4d}  value right {row['value']:4d}", err=True
        )
    click.echo(json.dumps({k: fig[k] for k in ("strict_prf", "relaxed_prf", "value_prf", "gold", "pred")}))
    if check:
        problems = check_floors(fig, TIMEBANK_FLOORS)
        for msg in problems:
            click.echo(f"below floor: {msg}", err=True)
        if problems:
            sys.exit(1)


COMMANDS.append(timeline_cmd)
EVAL_COMMANDS.append(timebank_cmd)
