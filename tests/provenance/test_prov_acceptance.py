"""Issue 18's acceptance case end to end, in the default (hybrid) mode: four articles go through
`whosaid ingest`, then `whosaid provenance` / `whosaid clusters`, the web app and a real Chromium.

Three articles on different dates and outlets quote one statement (one trimmed, one with a changed word and
relayed via another outlet); a fourth has the same words from a different speaker.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from browserkit import chromium, serve
from click.testing import CliRunner

from whosaid.cli import main

pytestmark = pytest.mark.slow

QUOTE = "The old bridge on Main Street is unsafe and it must close before the winter storms arrive"
ARTICLES = [
    {
        "id": "gazette-bridge",
        "date": "2024-03-01",
        "outlet": "Springfield Gazette",
        "title": "Mayor wants the old bridge closed",
        "text": f'Springfield\'s mayor wants the old bridge shut.\n\n"{QUOTE}," Mayor Ann Lee said on Monday at City '
        "Hall.\n\nThe council will vote next week.",
    },
    {
        "id": "planet-bridge",
        "date": "2024-03-03",
        "outlet": "Daily Planet",
        "title": "Bridge closure ahead",
        "text": 'The Main Street bridge may close soon.\n\n"The old bridge on Main Street is unsafe and it must close," '
        "Mayor Ann Lee told reporters on Wednesday.\n\nRepairs would cost millions.",
    },
    {
        "id": "post-bridge",
        "date": "2024-03-05",
        "outlet": "Evening Post",
        "title": "Mayor warns on bridge",
        "text": f'Springfield faces a costly repair.\n\n"{QUOTE.replace("unsafe", "dangerous")}," Mayor Ann Lee said, '
        "according to the Springfield Gazette.\n\nEngineers disagree.",
    },
    {
        "id": "star-bridge",
        "date": "2024-03-06",
        "outlet": "Morning Star",
        "title": "Council member on the bridge",
        "text": f'The bridge debate goes on.\n\n"{QUOTE}," council member Bo Chan said on Thursday.\n\n'
        "The mayor did not comment.",
    },
]


def run(*args: str) -> str:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    folder = tmp_path_factory.mktemp("acceptance")
    src = folder / "bridge.jsonl"
    src.write_text("".join(json.dumps(a) + "\n" for a in ARTICLES), encoding="utf-8")
    path = str(folder / "bridge.db")
    summary = json.loads(run("ingest", str(src), "--db", path, "-j", "1", "-q", "--summary-json"))
    assert summary["added"] == 4 and summary["clustered"] >= 4
    return path


@pytest.fixture(scope="module")
def report(db) -> dict:
    (rep,) = json.loads(
        run("provenance", "bridge on Main Street is unsafe and it must close", "--db", db, "-f", "json")
    )
    return rep


def test_one_cluster_earliest_first(report):
    assert [m["outlet"] for m in report["members"]] == [
        "Springfield Gazette",
        "Daily Planet",
        "Evening Post",
        "Morning Star",
    ]
    assert report["members"][0]["first"] and report["first"]["date"] == "2024-03-01"
    assert report["size"] == 4 and report["n_outlets"] == 4


def test_trimmed_is_not_a_variant_and_the_changed_word_is(report):
    by = {m["article_id"]: m for m in report["members"]}
    assert not by["planet-bridge"]["variant"] and not by["gazette-bridge"]["variant"]
    post = by["post-bridge"]
    assert post["variant"] and post["possible_misquote"]
    assert {"op": "replace", "was": "unsafe", "now": "dangerous"} in post["changes"]
    assert [p["text"] for p in post["marked"] if p["changed"]] == ["dangerous"]
    assert post["via"] == "Springfield Gazette"


def test_the_other_speaker_is_a_speaker_conflict(report, db):
    assert report["speaker_conflict"]
    assert [m["article_id"] for m in report["members"] if m["speaker_conflict"]] == ["star-bridge"]
    (row,) = json.loads(
        run("clusters", "--conflicts-only", "--variants-only", "--min-outlets", "4", "--db", db, "-f", "json")
    )
    assert row["cluster_id"] == report["cluster_id"]


def test_statement_page_and_api(db, report):
    from fastapi.testclient import TestClient

    from whosaid.options import Options
    from whosaid.web import create_app

    post = next(m for m in report["members"] if m["article_id"] == "post-bridge")
    with TestClient(create_app(Options(db=db)), base_url="http://localhost") as client:
        page = client.get(f"/statement/{post['statement_id']}")
        assert page.status_code == 200
        assert '<mark class="changed" title="earliest version: unsafe">dangerous</mark>' in page.text
        assert "Speaker conflict" in page.text and "possible misquote" in page.text
        api = client.get(f"/api/statements/{post['statement_id']}").json()
        assert api["cluster"]["cluster_id"] == report["cluster_id"]
        assert client.get(f"/api/clusters/{report['cluster_id']}").json()["size"] == 4
        assert client.get("/api/clusters?min_outlets=4").json()["items"][0]["cluster_id"] == report["cluster_id"]
        assert client.get("/api/clusters/99999").status_code == 404
        assert client.get("/statement/99999").status_code == 404
        article = client.get("/article/star-bridge").text
        assert f'href="/statement/{report["members"][3]["statement_id"]}"' in article and "4 outlets" in article
        search = client.get("/search?q=bridge").text
        assert search.count('class="provenance-link"') >= 4
        clusters = client.get("/clusters").text
        assert f'href="/statement/{report["first"]["statement_id"]}"' in clusters


# -- a real browser ---------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def live(db):
    from whosaid.options import Options
    from whosaid.web import create_app

    with serve(create_app(Options(db=db))) as base:
        yield base


@pytest.fixture(scope="module")
def browser():
    with chromium() as b:
        yield b


@pytest.mark.browser
def test_browser_from_article_card_to_statement_timeline(live, browser, report, tmp_path):
    shots = Path(os.environ.get("WHOSAID_SCREENSHOTS") or tmp_path)
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{live}/article/star-bridge")
    page.locator(".statement .provenance-link", has_text="4 outlets").click()
    page.wait_for_url("**/statement/*")
    items = page.locator(".provenance-timeline .occurrence")
    assert items.count() == 4
    assert [items.nth(i).get_attribute("data-outlet") for i in range(4)] == [
        "Springfield Gazette",
        "Daily Planet",
        "Evening Post",
        "Morning Star",
    ]
    assert items.nth(0).locator(".flag-first").is_visible()
    mark = items.nth(2).locator("mark.changed")
    assert mark.inner_text() == "dangerous" and mark.get_attribute("title") == "earliest version: unsafe"
    assert items.nth(2).locator(".flag-misquote").is_visible()
    assert items.nth(3).locator(".flag-conflict").is_visible()
    assert "current" in (items.nth(3).get_attribute("class") or "")
    assert page.locator(".conflict-banner").is_visible()
    bg = mark.evaluate("e => getComputedStyle(e).backgroundColor")
    assert bg not in ("rgba(0, 0, 0, 0)", "transparent")  # highlighted
    page.screenshot(path=str(shots / "provenance-statement.png"), full_page=True)
    # the timeline's links lead to the other statements and their articles
    items.nth(0).locator("a", has_text="statement").click()
    page.wait_for_url(f"**/statement/{report['members'][0]['statement_id']}")
    assert page.locator(".provenance-timeline .occurrence.current").get_attribute("data-rank") == "1"
    assert errors == []
    page.close()
