"""``whosaid eval``: measure the system against gold data (PolNeAR, the seed article, TimeBank, GUM)."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..errors import WhosaidError
from ..options import MODES
from .common import options_from

if TYPE_CHECKING:  # pragma: no cover
    from ..eval.gum import GumDoc, GumResult

COMMANDS: list[click.Command] = []


def shared_data(rel: str) -> str:
    """Default location of development data: $WHOSAID_SHARED_DATA or ../shared/data."""
    base = os.environ.get("WHOSAID_SHARED_DATA") or str(Path("..") / "shared" / "data")
    return str(Path(base) / rel)


@click.group("eval")
def eval_group() -> None:
    """Evaluate against gold data and check the pinned floors."""


def _fmt(prf: tuple[float, float, float]) -> str:
    return f"P {prf[0]:5.1f}  R {prf[1]:5.1f}  F1 {prf[2]:5.1f}"


@eval_group.command("polnear")
@click.option("--gold", default=None, help="PolNeAR JSONL gold (default ../shared/data/polnear/dev.jsonl).")
@click.option(
    "--mode",
    "modes",
    multiple=True,
    type=click.Choice(MODES),
    help="Mode(s) to evaluate side by side (default: the configured mode).",
)
@click.option("--limit", type=int, default=None, help="Only the first N articles.")
@click.option(
    "--pred-out",
    type=click.Path(dir_okay=False, writable=True),
    default=None,
    help="Write the predictions (JSONL) here (the last mode's).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@click.option(
    "--check", is_flag=True, help="Exit 1 when a rules or hybrid figure is below its pinned floor (eval/floors.py)."
)
@click.pass_context
def eval_polnear(
    ctx: click.Context,
    gold: str | None,
    modes: tuple[str, ...],
    limit: int | None,
    pred_out: str | None,
    as_json: bool,
    check: bool,
) -> None:
    """Exact and overlap P/R/F1 of source, cue and content spans on PolNeAR, end to end, and whole records."""
    from ..eval import POLNEAR_FLOORS, check_floors, evaluate_polnear, read_polnear
    from ..pipeline.nlp import load_nlp

    base = options_from(ctx)
    try:
        docs = read_polnear(gold or shared_data("polnear/dev.jsonl"), limit=limit)
        nlp = load_nlp(base.pipeline)
        results = []
        for mode in modes or (base.mode,):
            from ..pipeline import Pipeline

            opts = base.merged(mode=mode)
            out = open(pred_out, "w", encoding="utf-8") if pred_out else None
            try:
                results.append(evaluate_polnear(docs, opts, pred_out=out, pipeline=Pipeline(opts, nlp=nlp)))
            finally:
                if out:
                    out.close()
    except WhosaidError as exc:
        raise click.ClickException(str(exc)) from None
    if as_json:
        click.echo(json.dumps([r.as_dict() for r in results]))
    else:
        click.echo(f"PolNeAR: {len(docs)} articles")
        for r in results:
            s = r.score
            click.echo(f"\n[{r.mode}]  {r.seconds:.1f} s, {r.words / max(r.seconds, 1e-9):,.0f} words/s")
            for role in ("source", "cue", "content"):
                c = s.roles[role]
                click.echo(f"  {role:<8} exact {_fmt(c.exact_prf)}   overlap {_fmt(c.overlap_prf)}")
            from ..eval.metrics import prf

            click.echo(f"  end-to-end (content overlap + source)  {_fmt(prf(*s.e2e))}")
            rec = s.records
            click.echo(f"  records (every output record, one to one)  {_fmt(rec.prf)}")
            click.echo(
                f"    {rec.n_pred} records: {rec.without_content} without content, {rec.duplicate_contents} "
                f"repeating another's content, {rec.unmatched} matching no gold attribution "
                f"({rec.n_gold} gold)"
            )
            click.echo(
                f"  confidence: expected calibration error {r.confidence_ece:.4f} (in-sample where the "
                "mapping was fitted; `whosaid eval calibration` cross-validates)"
            )
    if check:
        for r in results:
            if r.mode not in POLNEAR_FLOORS:
                continue
            problems = check_floors(r.figures(), POLNEAR_FLOORS[r.mode])
            if problems:
                raise click.ClickException(f"PolNeAR {r.mode} floors not met: " + "; ".join(problems))
        click.echo("floors: ok", err=True)


@eval_group.command("seed")
@click.option("--article", default="examples/seed-article.txt", show_default=True, help="The seed article.")
@click.option("--gold", default=None, help="Seed gold (default ../shared/data/seed/seed-gold.json).")
@click.option("--check", is_flag=True, help="Exit 1 when a figure is below its pinned floor.")
@click.pass_context
def eval_seed(ctx: click.Context, article: str, gold: str | None, check: bool) -> None:
    """Statements found, speakers, source types, via and said_at on the seed article."""
    from ..errors import InputError
    from ..eval import SEED_FLOORS, check_floors, load_seed_gold, score_seed
    from ..pipeline import Pipeline
    from ..readers import read_articles

    opts = options_from(ctx)
    try:
        gold_data = load_seed_gold(gold or shared_data("seed/seed-gold.json"))
        (item,) = list(read_articles([article]))
        if isinstance(item, InputError):
            raise item
        res = score_seed(gold_data, Pipeline(opts).analyze(item))
    except WhosaidError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(json.dumps(res, ensure_ascii=False, indent=2))
    if check:
        problems = check_floors(res, SEED_FLOORS)
        if problems:
            raise click.ClickException("seed floors not met: " + "; ".join(problems))


@eval_group.command("calibration")
@click.option("--gold", default=None, help="PolNeAR JSONL gold (default ../shared/data/polnear/dev.jsonl).")
@click.option(
    "--mode",
    "modes",
    multiple=True,
    type=click.Choice(MODES),
    help="Mode(s) whose records are pooled (default: rules, model and hybrid).",
)
@click.option(
    "--folds", type=click.IntRange(2, 50), default=5, show_default=True, help="Cross-validation folds (by article)."
)
@click.option("--limit", type=int, default=None, help="Only the first N articles.")
@click.option(
    "--write",
    "write_to",
    type=click.Path(dir_okay=False, writable=True),
    default=None,
    help="Fit the mapping on all the articles and write it here (the shipped one is "
    "src/whosaid/resources/confidence.json).",
)
@click.option(
    "--min-probability",
    type=click.FloatRange(0, 1),
    default=None,
    help="With --write: the floor to ship for every mode (records less likely right are not output by "
    "default); default: per mode, the one with the best cross-validated records F1.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@click.pass_context
def eval_calibration(
    ctx: click.Context,
    gold: str | None,
    modes: tuple[str, ...],
    folds: int,
    limit: int | None,
    write_to: str | None,
    min_probability: float | None,
    as_json: bool,
) -> None:
    """Calibration of `confidence` on PolNeAR: cross-validated expected calibration error and reliability curve,
    and the records F1 each confidence floor would give; --write fits and writes the mapping."""
    from ..eval import read_polnear
    from ..eval.calibration import best_floor, calibration_report, collect, fitted_mapping, floor_scores

    base = options_from(ctx)
    gold_path = gold or shared_data("polnear/dev.jsonl")
    try:
        docs = read_polnear(gold_path, limit=limit)
        data = collect(docs, modes or ("rules", "model", "hybrid"), base)
    except WhosaidError as exc:
        raise click.ClickException(str(exc)) from None
    report = calibration_report(data, folds)
    n_gold = sum(1 for d in docs for g in d.attributions if g["content"])
    floors = floor_scores(data, report, n_gold)
    if as_json:
        click.echo(json.dumps(dict(report.as_dict(), floors=floors)))
    else:
        click.echo(
            f"PolNeAR: {report.articles} articles, {report.records} records; cross-validated over "
            f"{report.folds} folds of articles"
        )
        for group, curve in report.reliability.items():
            click.echo(f"\n[{group}]  ECE {report.ece[group]:.4f}, {report.right[group]:.1%} of the records right")
            click.echo("  predicted      records  mean predicted  observed")
            for r in curve:
                click.echo(
                    f"  {r['low']:.1f}-{r['high']:.1f}  {r['records']:>12}  {r['predicted']:>14.3f}  "
                    f"{r['observed']:>8.3f}"
                )
        for mode, rows in floors.items():
            click.echo(f"\nrecords P / R / F1 ({mode}) with the records under a floor left out (held-out folds):")
            for row in rows:
                p, r_, f = row["prf"]
                click.echo(f"  floor {row['floor']:.2f}: {row['records']:>5} records  {_fmt((p, r_, f))}")
    if write_to:
        chosen = {m: min_probability if min_probability is not None else best_floor(rows) for m, rows in floors.items()}
        command = "whosaid eval calibration --write " + write_to + "".join(f" --mode {m}" for m in modes)
        mapping = fitted_mapping(data, report, chosen, gold=gold_path, command=command)
        Path(write_to).write_text(json.dumps(mapping, indent=1) + "\n", encoding="utf-8")
        click.echo(f"wrote {write_to} (floors: {', '.join(f'{m} {f:.2f}' for m, f in chosen.items())})", err=True)


@eval_group.command("gum")
@click.option(
    "--gold",
    "golds",
    multiple=True,
    help="GUM JSONL file(s) (default ../shared/data/gum/news.jsonl and interview.jsonl).",
)
@click.option("--limit", type=int, default=None, help="Only the first N documents.")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@click.option(
    "--check",
    is_flag=True,
    help="Exit 1 when a figure is below its pinned floor (eval/floors.py, pinned for the default hybrid mode).",
)
@click.option(
    "--head",
    "head",
    type=click.Choice(["syntactic", "last"]),
    default="syntactic",
    show_default=True,
    help="How a mention's head token is found: GUM's rule on the parse, or the span's last token "
    "(the definition of the first figures).",
)
@click.pass_context
def eval_gum(
    ctx: click.Context, golds: tuple[str, ...], limit: int | None, as_json: bool, check: bool, head: str
) -> None:
    """Entities on GUM news + interviews: named mentions by type beside bare spaCy NER, person coreference
    (MUC, B3, CEAF-e) and cross-document person identity."""
    from ..eval import GUM_FLOORS, check_floors, evaluate_gum, gum_below_spacy, read_gum

    opts = options_from(ctx)
    if check and opts.mode != "hybrid":
        raise click.ClickException(
            f"the GUM floors are pinned for the hybrid mode; drop --mode {opts.mode} (or WHOSAID_MODE) to check them"
        )
    if check and head != "syntactic":
        raise click.ClickException("the GUM floors are pinned for the syntactic head rule; drop --head to check them")
    try:
        docs = read_gum(golds or [shared_data("gum/news.jsonl"), shared_data("gum/interview.jsonl")], limit=limit)
        result = evaluate_gum(docs, opts, head=head)
    except WhosaidError as exc:
        raise click.ClickException(str(exc)) from None
    if as_json:
        click.echo(json.dumps(dict(result.as_dict(), mode=opts.mode)))
    else:
        _print_gum(result, docs, opts.mode)
    if check:
        problems = check_floors(result.figures(), GUM_FLOORS) + gum_below_spacy(result.figures())
        if problems:
            raise click.ClickException("GUM floors not met: " + "; ".join(problems))
        click.echo("floors: ok", err=True)


def _print_gum(result: GumResult, docs: list[GumDoc], mode: str) -> None:
    from collections import Counter

    from ..eval.gum import TYPES

    genres = ", ".join(f"{g} {n}" for g, n in Counter(d.genre for d in docs).items())
    click.echo(f"GUM: {result.documents} documents ({genres}), mode {mode}, {result.seconds:.1f} s")
    ours, spacy, every = (result.ner[s] for s in ("whosaid", "spacy", "whosaid_all_mentions"))
    click.echo(f"\nnamed mentions, head-matched ({result.head} head; {sum(ours.gold.values())} gold PER/ORG/LOC)")
    click.echo(f"{'':11}{'whosaid':<30}bare spaCy NER (same parse)")
    for kind in (*TYPES, "typed", "untyped"):
        click.echo(f"  {kind:<8} {_fmt(ours.prf(kind))}    {_fmt(spacy.prf(kind))}")
    click.echo(f"  (every whosaid mention, named or not: typed {_fmt(every.prf('typed'))})")
    c = result.coref
    click.echo(
        f"\nperson coreference ({c.key_mentions} gold person mentions, {c.response_mentions} whosaid, "
        f"{c.aligned_mentions} aligned by head)"
    )
    for name, label in (("muc", "MUC"), ("b3", "B3"), ("ceafe", "CEAF-e")):
        click.echo(f"  {label:<8} {_fmt(c.counts[name].prf())}")
    click.echo(f"  CoNLL F1 (mean) {c.conll_f1:5.1f}")
    ident = result.identity.as_dict()
    click.echo("\ncross-document identity (pairs of people in different documents vs Wikipedia identities)")
    click.echo(
        f"  {_fmt(ident['pairwise_prf'])}   {ident['gold_pairs']} gold pairs, {ident['predicted_pairs']} "
        f"predicted, {ident['correct_pairs']} right; {ident['people_with_person_id']} of "
        f"{ident['people']} gold people have a corpus person id"
    )


COMMANDS.append(eval_group)
