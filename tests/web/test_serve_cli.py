"""`whosaid serve`: binds 127.0.0.1:8000 by default, passes --db/--host/--port, warns about a missing store."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from whosaid.cli import main


@pytest.fixture
def runs(monkeypatch):
    import uvicorn

    calls = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append((app, kw)))
    return calls


def test_serve_defaults_to_localhost(runs, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["serve"])
    assert result.exit_code == 0, result.output
    ((app, kw),) = runs
    assert kw["host"] == "127.0.0.1" and kw["port"] == 8000
    assert app.state.whosaid.options.db == "whosaid.db"
    assert "no store at whosaid.db" in result.output
    assert "http://127.0.0.1:8000" in result.output


@pytest.mark.parametrize(
    "args, host, port, db",
    [
        (["serve", "--db", "x.db", "--port", "8123"], "127.0.0.1", 8123, "x.db"),
        (["--db", "g.db", "serve"], "127.0.0.1", 8000, "g.db"),
        (["--db", "g.db", "serve", "--db", "s.db", "--host", "::1"], "::1", 8000, "s.db"),
    ],
)
def test_serve_options(runs, tmp_path, monkeypatch, args, host, port, db):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    ((app, kw),) = runs
    assert (kw["host"], kw["port"], app.state.whosaid.options.db) == (host, port, db)


def test_serve_warns_when_exposed(runs, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["serve", "--host", "0.0.0.0"])
    assert result.exit_code == 0 and "anyone who can reach this machine" in result.output


@pytest.mark.parametrize(
    "args", [["serve", "--port", "0"], ["serve", "--port", "70000"], ["serve", "--max-chars", "5"]]
)
def test_serve_rejects_bad_values(runs, args):
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2 and not runs
