"""HEAD on every kind of page, the Host allow-list against DNS rebinding, and the docs CSP on exactly two paths."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from whosaid.cli import main
from whosaid.options import Options
from whosaid.web import WebSettings, create_app
from whosaid.web.app import HostCheck


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/articles",
        "/people",
        "/api/stats",
        "/api/articles?limit=2",
        "/static/style.css",
        "/openapi.json",
        "/docs",
        "/nothing-here",
    ],
)
def test_head_answers_like_get_without_a_body(client, path):
    get = client.get(path)
    head = client.head(path)
    assert head.status_code == get.status_code and head.status_code != 405
    assert head.content == b""
    for name in ("content-type", "content-length", "content-security-policy", "x-content-type-options"):
        assert head.headers.get(name) == get.headers.get(name), name


def test_other_methods_are_still_refused(client):
    assert client.delete("/").status_code == 405
    assert client.put("/api/stats").status_code == 405


@pytest.mark.parametrize(
    "host,ok",
    [
        ("localhost", True),
        ("localhost:8000", True),
        ("LOCALHOST.", True),
        ("127.0.0.1:51234", True),
        ("[::1]:8000", True),
        ("[::1]", True),
        ("evil.example", False),
        ("localhost.evil.example", False),
        ("127.0.0.1.nip.io", False),
        ("evil.example:80", False),
        ("", False),
        ("testserver", False),
        ("[::2]:8000", False),
    ],
)
def test_host_header_allow_list_by_default(web_app, host, ok):
    with TestClient(web_app, base_url="http://localhost") as c:
        r = c.get("/api/stats", headers={"host": host})
    assert (r.status_code == 200) == ok, (host, r.status_code)
    if not ok:
        assert r.status_code == 400 and "--allow-host" in r.json()["detail"]
        assert r.headers["content-security-policy"].startswith("default-src 'self'")  # headers on refusals too


@pytest.mark.parametrize(
    "allowed,host,ok",
    [
        (("news.example",), "news.example:8000", True),
        (("news.example",), "localhost", False),
        (("*.news.example",), "a.b.news.example", True),
        (("*.news.example",), "news.example", True),
        (("*.news.example",), "evilnews.example", False),
        (("*",), "anything.at.all", True),
    ],
)
def test_configured_hosts(allowed, host, ok):
    check = HostCheck(app=None, allowed=allowed)  # type: ignore[arg-type]
    assert check.allows(host) == ok


def test_serve_allows_the_bound_address_and_the_names_given(monkeypatch, tmp_path):
    import uvicorn

    calls = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append(app))
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(
        main, ["serve", "--host", "192.0.2.7", "--allow-host", "news.example", "--allow-host", "*.corp.example"]
    )
    assert result.exit_code == 0, result.output
    hosts = calls[0].state.whosaid.settings.allowed_hosts
    assert hosts == ("localhost", "127.0.0.1", "::1", "192.0.2.7", "news.example", "*.corp.example")
    result = CliRunner().invoke(main, ["serve", "--host", "0.0.0.0"])
    assert "--allow-host" in result.output and "0.0.0.0" not in calls[1].state.whosaid.settings.allowed_hosts


def test_bad_allowed_hosts_setting():
    from whosaid.errors import ConfigError

    with pytest.raises(ConfigError):
        WebSettings(allowed_hosts="localhost")  # type: ignore[arg-type]
    with pytest.raises(ConfigError):
        WebSettings(allowed_hosts=())


@pytest.mark.parametrize(
    "path,docs",
    [
        ("/docs", True),
        ("/redoc", True),
        ("/docs/", False),
        ("/docs/oauth2-redirect", False),
        ("/docsx", False),
        ("/redoc/x", False),
        ("/redocs", False),
        ("/", False),
        ("/api/stats", False),
        ("/openapi.json", False),
    ],
)
def test_the_looser_docs_csp_applies_to_exactly_two_paths(client, path, docs):
    csp = client.get(path).headers["content-security-policy"]
    assert ("'unsafe-inline'" in csp) == docs, (path, csp)


def test_an_app_built_for_a_public_name_answers_it(tmp_path):
    app = create_app(Options(db=str(tmp_path / "none.db")), settings=WebSettings(allowed_hosts=("news.example",)))
    with TestClient(app, base_url="http://news.example") as c:
        assert c.get("/api/stats").status_code in (200, 503)  # answered (no store yet: 503), not refused
        assert c.get("/api/stats", headers={"host": "localhost"}).status_code == 400
