"""Quote provenance commands: ``whosaid provenance`` (one statement's history across the corpus),
``whosaid clusters`` (list, update or rebuild the statement clusters) and ``whosaid eval provenance``."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from typing import Any

import click

from ..errors import WhosaidError
from .corpus import QUERY_FORMATS, emit

__all__ = ["COMMANDS", "EVAL_COMMANDS"]

_MEMBER_COLUMNS = [
    ("rank", "#", 3),
    ("date", "date", 10),
    ("outlet", "outlet", 12),
    ("speaker", "speaker", 20),
    ("via", "via", 12),
    ("flags", "flags", 18),
    ("content", "words", 60),
    ("diff", "changes", 40),
    ("statement_id", "statement", 9),
]
_CLUSTER_COLUMNS = [
    ("cluster_id", "cluster", 7),
    ("size", "size", 4),
    ("n_outlets", "outlets", 7),
    ("first_date", "first", 10),
    ("outlet", "first outlet", 12),
    ("speaker", "speaker", 20),
    ("n_variants", "variants", 8),
    ("speaker_conflict", "conflict", 8),
    ("content", "words", 70),
]


def _store(ctx: click.Context, db: str | None, *, write: bool = False) -> Any:
    from .corpus import _open_store

    return _open_store(ctx, db, write=write)


def _flags(m: dict[str, Any]) -> str:
    out = []
    if m["first"]:
        out.append("first")
    if m["possible_misquote"]:
        out.append("possible misquote")
    elif m["variant"]:
        out.append("variant")
    if m["speaker_conflict"]:
        out.append("other speaker")
    if m["duplicate_of"]:
        out.append("duplicate")
    return ", ".join(out)


def _diff_text(m: dict[str, Any]) -> str:
    return "; ".join(
        f"{c['was'] or '∅'} → {c['now'] or '∅'}" if c["op"] != "elided" else f"[{c['was']}] left out"
        for c in m["changes"]
        if c["op"] in ("replace", "insert", "delete", "elided")
    )


def _member_rows(report: dict[str, Any]) -> list[dict[str, Any]]:
    return [dict(m, cluster_id=report["cluster_id"], flags=_flags(m), diff=_diff_text(m)) for m in report["members"]]


def _print_reports(reports: Sequence[dict[str, Any]], fmt: str) -> None:
    if fmt == "json":
        json.dump(list(reports), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return
    if fmt == "csv":
        rows = [
            {
                k: r.get(k)
                for k in (
                    "cluster_id",
                    "rank",
                    "statement_id",
                    "article_id",
                    "date",
                    "said_at",
                    "outlet",
                    "via",
                    "speaker",
                    "kind",
                    "first",
                    "variant",
                    "possible_misquote",
                    "speaker_conflict",
                    "content",
                )
            }
            | {"changes": r["diff"]}
            for report in reports
            for r in _member_rows(report)
        ]
        emit(rows, "csv", [])
        return
    for report in reports:
        first = report["first"]
        click.echo(
            f"cluster {report['cluster_id']}: {report['size']} statement(s) in {report['n_articles']} "
            f"article(s), {report['n_outlets']} outlet(s); first {first['date'] or 'undated'} in "
            f"{first['outlet'] or '(no outlet)'} ({first['article_id']})"
        )
        click.echo(f"  outlets in order: {', '.join(report['outlets']) or '-'}")
        if report["relayed"]:
            click.echo(
                "  relayed: " + ", ".join(f"{r['outlet'] or r['article_id']} via {r['via']}" for r in report["relayed"])
            )
        if report["n_variants"]:
            click.echo(f"  {report['n_variants']} wording variant(s) against the earliest version")
        if report["speaker_conflict"]:
            names = sorted({m["speaker"] for m in report["members"] if m["speaker"]})
            click.echo(f"  SPEAKER CONFLICT: the members name {', '.join(names)}")
        emit(_member_rows(report), "table", _MEMBER_COLUMNS)


def _no_match(store: Any, text: str) -> click.ClickException:
    pending = store.provenance_stats()["pending"]
    hint = (
        f"; {pending} statement(s) are not clustered yet: run `whosaid clusters --update --db {store.path}`"
        if pending
        else "; try fewer or other words of the quote, or search with `whosaid quotes --search`"
    )
    return click.ClickException(f"no statement cluster holds the words {text!r}{hint}")


@click.command("provenance")
@click.argument("words", required=False)
@click.option(
    "--cluster", "cluster_id", type=int, default=None, help="Show this cluster (an id from `whosaid clusters`)."
)
@click.option(
    "--statement",
    "statement_id",
    type=int,
    default=None,
    help="Show the cluster of this statement (its id as in `whosaid quotes -f json`).",
)
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(QUERY_FORMATS),
    default="table",
    show_default=True,
    help="table for people, json or csv for programs.",
)
@click.option("--db", default=None, help="Store file (default: the global --db, else whosaid.db).")
@click.pass_context
def provenance_cmd(
    ctx: click.Context, words: str | None, cluster_id: int | None, statement_id: int | None, fmt: str, db: str | None
) -> None:
    """Where a statement appeared first, who relayed it, how its words changed, and who it is credited to.

    Give a few words of the quote (at least five), or --cluster ID, or --statement ID.
    """
    from ..provenance import cluster_report_of, lookup

    if sum(x is not None for x in (words, cluster_id, statement_id)) != 1:
        raise click.ClickException(
            'give exactly one of: WORDS (e.g. whosaid provenance "words of a quote"), --cluster ID or --statement ID'
        )
    with _store(ctx, db) as store:
        try:
            if words is not None:
                from ..provenance import match_words, tokenize

                if len(match_words(tokenize(words))) < 5:
                    raise click.ClickException(
                        f"{words!r} is too short to look up; give at least five words of the quote"
                    )
                reports = lookup(store, words)
                if not reports:
                    raise _no_match(store, words)
            else:
                if statement_id is not None:
                    row = store.statement(statement_id)
                    if row is None:
                        raise click.ClickException(
                            f"no statement {statement_id}; statement ids are listed by "
                            "`whosaid quotes -f json` (statement_id)"
                        )
                    if row["cluster_id"] is None:
                        why = (
                            "it is too short to cluster (fewer than five words)"
                            if row["clustered"]
                            else "it is not clustered yet: run `whosaid clusters --update`"
                        )
                        raise click.ClickException(f"statement {statement_id} has no cluster: {why}")
                    cluster_id = row["cluster_id"]
                report = cluster_report_of(store, int(cluster_id))  # type: ignore[arg-type]
                if report is None:
                    raise click.ClickException(f"no cluster {cluster_id}; list clusters with `whosaid clusters`")
                reports = [report]
        except WhosaidError as exc:
            raise click.ClickException(str(exc)) from None
    _print_reports(reports, fmt)


@click.command("clusters")
@click.option(
    "--min-outlets",
    type=click.IntRange(1),
    default=1,
    show_default=True,
    help="Only clusters seen in at least this many outlets.",
)
@click.option(
    "--min-size",
    type=click.IntRange(1),
    default=2,
    show_default=True,
    help="Only clusters of at least this many statements.",
)
@click.option("--variants-only", is_flag=True, help="Only clusters with wording variants (possible misquotes).")
@click.option("--conflicts-only", is_flag=True, help="Only clusters whose statements name different speakers.")
@click.option("--speaker", default=None, help="Only clusters whose earliest statement is by this speaker.")
@click.option("-n", "--limit", type=click.IntRange(1, 1_000_000), default=50, show_default=True)
@click.option("--offset", type=click.IntRange(0), default=0, show_default=True)
@click.option("--update", is_flag=True, help="First cluster the statements not clustered yet.")
@click.option("--rebuild", is_flag=True, help="First forget all clusters and cluster every statement again.")
@click.option("--stats", "show_stats", is_flag=True, help="Print counts (clusters, spread, pending) instead.")
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(QUERY_FORMATS),
    default="table",
    show_default=True,
    help="table for people, json or csv for programs.",
)
@click.option("--db", default=None, help="Store file (default: the global --db, else whosaid.db).")
@click.pass_context
def clusters_cmd(
    ctx: click.Context,
    min_outlets: int,
    min_size: int,
    variants_only: bool,
    conflicts_only: bool,
    speaker: str | None,
    limit: int,
    offset: int,
    update: bool,
    rebuild: bool,
    show_stats: bool,
    fmt: str,
    db: str | None,
) -> None:
    """Statements found in several articles, the widest spread first (clusters of the same words)."""
    from ..provenance import rebuild_clusters, update_clusters

    with _store(ctx, db, write=rebuild or update) as store:
        try:
            if rebuild or update:
                done = (rebuild_clusters if rebuild else update_clusters)(store)
                click.echo(done.line(), err=True)
            if show_stats:
                stats = store.provenance_stats()
                if fmt == "table":
                    for key, value in stats.items():
                        click.echo(f"{key:>21}: {value}")
                else:
                    emit([stats], fmt, [])
                return
            rows = store.clusters(
                min_outlets=min_outlets,
                min_size=min_size,
                variants_only=variants_only,
                conflicts_only=conflicts_only,
                speaker=speaker,
                limit=limit,
                offset=offset,
            )
            pending = store.provenance_stats()["pending"] if not rows else 0
        except WhosaidError as exc:
            raise click.ClickException(str(exc)) from None
    emit(rows, fmt, _CLUSTER_COLUMNS)
    if pending:
        click.echo(f"{pending} statement(s) are not clustered yet: run `whosaid clusters --update`", err=True)


@click.command("provenance")
@click.option(
    "--pairs",
    default=None,
    type=click.Path(dir_okay=False),
    help="Labelled pairs (JSONL; default: the packaged PolNeAR train+dev set).",
)
@click.option(
    "--data",
    default=None,
    type=click.Path(file_okay=False),
    help="Folder with PolNeAR train.jsonl and dev.jsonl (default ../shared/data/polnear).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@click.option("--errors", "show_errors", is_flag=True, help="List the pairs the clustering gets wrong.")
@click.option("--check", is_flag=True, help="Exit 1 below the targets (precision 95, recall 85).")
def eval_provenance(pairs: str | None, data: str | None, as_json: bool, show_errors: bool, check: bool) -> None:
    """Pairwise precision/recall of the statement clusters on hand-labelled PolNeAR pairs."""
    from pathlib import Path

    from ..eval.provenance import PROVENANCE_FLOORS, evaluate_provenance, load_pairs, load_texts
    from .evaluate import shared_data

    folder = Path(data) if data else Path(shared_data("polnear"))
    try:
        labelled = load_pairs(pairs)
        ids = {p[s]["article"] for p in labelled for s in ("a", "b")}
        texts = load_texts([folder / "train.jsonl", folder / "dev.jsonl"], ids)
        score = evaluate_provenance(labelled, texts)
    except WhosaidError as exc:
        raise click.ClickException(str(exc)) from None
    result = score.as_dict()
    if as_json:
        if not show_errors:
            result.pop("errors")
        click.echo(json.dumps(result, ensure_ascii=False))
    else:
        click.echo(
            f"provenance pairs: {result['pairs']} ({score.tp + score.fn} same, {score.fp + score.tn} "
            f"different)\n  precision {result['precision']:5.1f}  recall {result['recall']:5.1f}  "
            f"F1 {result['f1']:5.1f}  (tp {score.tp}, fp {score.fp}, fn {score.fn}, tn {score.tn})"
        )
        for name, c in sorted(score.by_stratum.items()):
            click.echo(f"  {name:<7} tp {c['tp']:3}  fp {c['fp']:3}  fn {c['fn']:3}  tn {c['tn']:3}")
        if show_errors:
            for e in score.errors:
                click.echo(f"  {e['outcome']}: {e['reason']} ({e['a']} / {e['b']})")
    if check:
        low = [f"{k} {getattr(score, k):.1f} < {v}" for k, v in PROVENANCE_FLOORS.items() if getattr(score, k) < v]
        if low:
            raise click.ClickException("provenance targets not met: " + "; ".join(low))
        click.echo("targets: ok", err=True)


COMMANDS: list[click.Command] = [provenance_cmd, clusters_cmd]
EVAL_COMMANDS: list[click.Command] = [eval_provenance]
