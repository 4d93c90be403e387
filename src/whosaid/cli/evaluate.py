"""``whosaid eval``: measure the system against gold data (PolNeAR, the seed article, TimeBank)."""

from __future__ import annotations

import click

COMMANDS: list[click.Command] = []


@click.group("eval")
def eval_group() -> None:
    """Evaluate against gold data and check the pinned floors."""


COMMANDS.append(eval_group)
