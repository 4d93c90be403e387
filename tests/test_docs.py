"""Documentation that cannot drift: the CLI reference is the commands' --help, every public object has a
docstring, and the README's commands are the ones `make demo` installs."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re

import click
from shared_data import ROOT

import whosaid
from whosaid.cli import main
from whosaid.cli.reference import main as reference_main
from whosaid.cli.reference import reference

CLI_DOC = ROOT / "docs" / "cli.md"
# Objects of the pipeline package, which another change owns while it is reorganised (issue 12): each gets
# its docstring there, then leaves this list.
PENDING_PIPELINE = {"RelationStage", "TaggerStage", "word_start_mask"}


def test_cli_reference_is_the_help_of_every_command():
    assert CLI_DOC.read_text(encoding="utf-8") == reference(), (
        "docs/cli.md is out of date: run .venv/bin/python -m whosaid.cli.reference docs/cli.md"
    )


def test_cli_reference_covers_every_command_and_option():
    text = reference()
    seen = 0

    def walk(cmd: click.Command, path: list[str]) -> None:
        nonlocal seen
        assert f"\n## {' '.join(path)}\n" in text, path
        seen += 1
        for param in cmd.params:
            if getattr(param, "hidden", False):
                continue
            for opt in getattr(param, "opts", []):
                if opt.startswith("-"):
                    assert opt in text, (path, opt)
        if isinstance(cmd, click.Group):
            for name, sub in cmd.commands.items():
                walk(sub, [*path, name])

    walk(main, ["whosaid"])
    assert seen >= 15
    for needle in ("--said-since", "--via", "--min-confidence", "outlet,month", "people", "--outlet"):
        assert needle in text


def test_reference_check_mode(tmp_path, capsys):
    stale = tmp_path / "cli.md"
    stale.write_text("# old\n", encoding="utf-8")
    assert reference_main(["--check", str(stale)]) == 1
    assert "whosaid.cli.reference" in capsys.readouterr().err
    assert reference_main([str(stale)]) == 0
    assert reference_main(["--check", str(stale)]) == 0
    assert reference_main(["--check"]) == 2


def _public_objects():
    names = ["whosaid"] + [m.name for m in pkgutil.walk_packages(whosaid.__path__, "whosaid.")]
    for name in names:
        try:
            module = importlib.import_module(name)
        except ImportError:  # a module of an optional extra (torch, dask) that is not installed
            continue
        for attr in getattr(module, "__all__", ()):
            obj = getattr(module, attr)
            if (inspect.isclass(obj) or inspect.isfunction(obj)) and obj.__module__.startswith("whosaid"):
                yield f"{name}.{attr}", obj


def test_every_public_object_has_a_docstring():
    objects = dict(_public_objects())
    assert len(objects) > 100
    missing = [
        name
        for name, obj in objects.items()
        if not (obj.__doc__ or "").strip()
        and not (obj.__module__.startswith("whosaid.pipeline") and obj.__name__ in PENDING_PIPELINE)
    ]
    assert missing == [], f"public objects without a docstring: {missing}"


def test_readme_set_up_and_use():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    setup = readme.split("## Set-up", 1)[1].split("\n## ", 1)[0]
    assert re.findall(r"```\n(.+?)\n```", setup) == ["make demo", "make test"]
    use = readme.split("## Use", 1)[1].split("\n## ", 1)[0]
    shell = re.findall(r"```\n(.+?)\n```", use, re.S)[0]
    commands = [line for line in shell.splitlines() if line.strip()]
    assert len(commands) >= 5
    for cmd in commands:
        assert cmd.startswith(".venv/bin/whosaid "), cmd  # make demo installs into .venv, with no activate step
    assert "InputError" in use, "the library example shows how an unreadable file is reported"
    assert "pip install 'whosaid[" not in readme  # the PyPI name is another project's
