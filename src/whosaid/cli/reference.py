"""The CLI reference (docs/cli.md), generated from the commands' own ``--help`` so the two cannot drift.

Regenerate after changing a command::

    .venv/bin/python -m whosaid.cli.reference docs/cli.md

``--check`` exits 1 (and says how to fix it) when the file differs; ``tests/test_docs.py`` does the same.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

__all__ = ["reference", "main"]

WIDTH = 100
HEADER = """# Command-line reference

Every `whosaid` command with its options, exactly as `--help` prints them. This file is generated: run
`.venv/bin/python -m whosaid.cli.reference docs/cli.md` after changing a command (a test checks it).
Settings that every command shares (`--config`, `--pipeline`, `--mode`, `--db`, `-v`) go before the command
name: `whosaid --db news.db quotes --speaker "Ivanka Trump"`.
"""


def _walk(command: click.Command, path: list[str], parent: click.Context | None, out: list[str]) -> None:
    ctx = command.make_context(
        path[-1], [], parent=parent, resilient_parsing=True, terminal_width=WIDTH, max_content_width=WIDTH
    )
    out.append(f"\n## {' '.join(path)}\n\n```\n{command.get_help(ctx).rstrip()}\n```\n")
    if isinstance(command, click.Group):
        for name in sorted(command.list_commands(ctx)):
            sub = command.get_command(ctx, name)
            if sub is not None and not sub.hidden:
                _walk(sub, [*path, name], ctx, out)


def reference(group: click.Command | None = None) -> str:
    """The Markdown reference of ``group`` (default: the ``whosaid`` command) and all its subcommands."""
    if group is None:
        from . import main

        group = main
    out = [HEADER]
    _walk(group, ["whosaid"], None, out)
    return "".join(out)


def main(argv: list[str] | None = None) -> int:
    """``python -m whosaid.cli.reference [--check] [FILE]``: write (or check) the reference; the exit code."""
    args = list(sys.argv[1:] if argv is None else argv)
    check = "--check" in args
    paths = [a for a in args if a != "--check"]
    text = reference()
    if not paths:
        if check:
            print("--check needs the FILE to compare, e.g. docs/cli.md", file=sys.stderr)
            return 2
        sys.stdout.write(text)
        return 0
    target = Path(paths[0])
    if check:
        if not target.is_file() or target.read_text(encoding="utf-8") != text:
            print(f"{target} is out of date; run: .venv/bin/python -m whosaid.cli.reference {target}", file=sys.stderr)
            return 1
        return 0
    target.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
