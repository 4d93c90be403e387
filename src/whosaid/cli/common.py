"""Helpers shared by the CLI modules: options, exit codes, signals, and printing text from articles."""

from __future__ import annotations

import contextlib
import itertools
import signal
import threading
from collections.abc import Iterable, Iterator
from typing import TypeVar

import click

from ..errors import WhosaidError
from ..options import Options

__all__ = [
    "options_from",
    "pass_options",
    "fail",
    "WhosaidGroup",
    "EXIT_OK",
    "EXIT_ERROR",
    "EXIT_USAGE",
    "EXIT_PARTIAL",
    "Interrupted",
    "stop_on_signals",
    "interrupted_exit",
    "first_readable",
    "say",
]

pass_options = click.make_pass_decorator(Options, ensure=True)

EXIT_OK = 0
"""Every input was read and analyzed (and stored)."""
EXIT_ERROR = 1
"""Nothing was done: no input could be read, or the store cannot be used (the message says why)."""
EXIT_USAGE = 2
"""The command line itself is wrong (Click's usage errors)."""
EXIT_PARTIAL = 3
"""Some inputs were rejected (each is listed on standard error and, for ingest, in the errors table); the
others were analyzed (and stored)."""

T = TypeVar("T")


def options_from(ctx: click.Context, **overrides: object) -> Options:
    """The command's Options: the group's (config, environment, global flags) with ``overrides``."""
    opts = ctx.find_object(Options) or Options()
    return opts.merged(**overrides)


def fail(message: str) -> click.ClickException:
    """A user error for Click: the message says what went wrong and how to fix it."""
    return click.ClickException(message)


class WhosaidGroup(click.Group):
    """The command group: a WhosaidError that a command lets through (a damaged store met in the middle of a
    query, say) is a one-line ``Error:`` message and exit code 1, never a traceback."""

    def invoke(self, ctx: click.Context) -> object:
        from ..output import visible

        try:
            return super().invoke(ctx)
        except WhosaidError as exc:
            raise click.ClickException(visible(str(exc))) from None


def say(message: str) -> None:
    """A line on standard error, with any control characters from article data made visible."""
    from ..output import visible

    click.echo(visible(message), err=True)


class Interrupted(BaseException):
    """SIGTERM (or SIGINT) arrived: unwind, so that worker processes are stopped and the store is closed."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


@contextlib.contextmanager
def stop_on_signals() -> Iterator[None]:
    """Turn SIGTERM into :class:`Interrupted` for the duration (Ctrl-C already raises KeyboardInterrupt), so
    that ``finally`` blocks run: worker processes are ended and the open transaction is rolled back."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handler(signum: int, _frame: object) -> None:
        raise Interrupted(signum)

    previous = signal.signal(signal.SIGTERM, handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def interrupted_exit(ctx: click.Context, exc: BaseException, what: str) -> None:
    """Report an interruption and exit 128 + the signal number (130 for Ctrl-C, 143 for SIGTERM)."""
    signum = exc.signum if isinstance(exc, Interrupted) else signal.SIGINT
    click.echo(f"{what} interrupted ({signal.Signals(signum).name}); what was written before stays", err=True)
    ctx.exit(128 + int(signum))


def first_readable(items: Iterable[T], is_good: type) -> tuple[list[T], Iterator[T], bool]:
    """Read ahead to the first good item: (the items read so far, all items, whether one was good).

    ``items`` may be reader results or ``(result, where)`` pairs. Used to refuse a run in which nothing can be
    read *before* creating anything (a store file, a header of output).
    """
    it = iter(items)
    head: list[T] = []
    for item in it:
        head.append(item)
        value = item[0] if isinstance(item, tuple) else item
        if isinstance(value, is_good):
            return head, itertools.chain(head, it), True
    return head, iter(head), False
