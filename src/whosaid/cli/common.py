"""Helpers shared by the CLI modules."""

from __future__ import annotations

import click

from ..options import Options

__all__ = ["options_from", "pass_options", "fail"]

pass_options = click.make_pass_decorator(Options, ensure=True)


def options_from(ctx: click.Context, **overrides: object) -> Options:
    """The command's Options: the group's (config, environment, global flags) with ``overrides``."""
    opts = ctx.find_object(Options) or Options()
    return opts.merged(**overrides)


def fail(message: str) -> click.ClickException:
    """A user error for Click: the message says what went wrong and how to fix it."""
    return click.ClickException(message)
