"""CLI commands for corpus (filled by its issue)."""

from __future__ import annotations

import click

COMMANDS: list[click.Command] = []
EVAL_COMMANDS: list[click.Command] = []
