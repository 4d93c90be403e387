"""Helpers shared by the CLI modules."""

from __future__ import annotations

import click

from ..options import Options

__all__ = ["options_from", "pass_options", "fail"]

pass_options = click.make_pass_decorator(Options, ensure=True)


def options_from(ctx: click.Context, **overrides: object) -> Options:
    opts = ctx.find_object(Options) or Options()
    return opts.merged(**overrides)


def fail(message: str) -> click.ClickException:
    return click.ClickException(message)
