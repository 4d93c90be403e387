"""Issue 16's acceptance on PolNeAR dev + Reuters 1,000 (+ the examples): every list reachable to its last page
in a real browser, totals equal to the API's, Ivanka Trump's relations read from her side, Donald Trump's page
short and paged, outlet pages and monthly trends on the 7 PolNeAR outlets, a 400 px layout that fits, the
downloads, and the CLI's `sources --by outlet,month` and `people --outlet nyt` on the same store."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from browserkit import serve, watched_page
from click.testing import CliRunner

from whosaid.cli import main
from whosaid.web.render import person_href

POLNEAR_OUTLETS = {"breitbart", "huff-post", "nyt", "politico", "usa-today", "wash-post", "west-journal"}
ROWS = "main table tbody tr[data-{}]"


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


# -- without a browser -----------------------------------------------------------------------------------------
def test_the_store_is_the_issues_corpus(acceptance_store):
    stats = acceptance_store.stats()
    assert stats["articles"] >= 1084  # 84 PolNeAR dev + 1,000 Reuters (+ the examples)
    outlets = {o["outlet"] for o in acceptance_store.outlets()}
    assert POLNEAR_OUTLETS <= outlets


def test_outlet_profiles_on_polnear_dev(acceptance_client, acceptance_store):
    listing = acceptance_client.get("/outlets").text
    for outlet in POLNEAR_OUTLETS:
        assert f'href="/outlets/{outlet}"' in listing
        profile = acceptance_client.get(f"/api/outlets/{outlet}").json()
        assert profile["articles"] == 12  # PolNeAR dev: 12 articles per outlet
        assert [m["month"] for m in profile["months"]] == ["2016-09", "2016-10"]
        assert (
            sum(m["statements"] for m in profile["months"])
            == profile["statements"]
            == acceptance_store.count_quotes(outlet=outlet)
        )
        mix = sum(
            profile[k] for k in ("named", "anonymous", "media", "social_media", "organization", "document", "unknown")
        )
        assert mix == profile["statements"]
        assert profile["people"][0]["n_quotes"] == acceptance_store.people(outlet=outlet, limit=1)[0]["n_quotes"]
    page = acceptance_client.get("/outlets/nyt").text
    assert 'data-stat="articles">12<' in page
    top = acceptance_store.people(outlet="nyt", limit=1)[0]
    assert f'href="{person_href(top["person_id"])}"' in page
    assert 'class="chart trend mix"' in page and 'id="outlet-months"' in page


def test_monthly_trend_chart_and_its_table(acceptance_client, acceptance_store):
    rows = {r["month"]: r for r in acceptance_store.sourcing(("month",), since="2016-09-01", until="2016-10-31")}
    assert set(rows) == {"2016-09", "2016-10"}
    html = acceptance_client.get("/trends", params={"by": "month", "since": "2016-09-01", "until": "2016-10-31"}).text
    assert 'aria-describedby="trend-table"' in html and 'id="trend-table"' in html
    for month, row in rows.items():
        cells = re.search(rf'<tr data-month="{month}">(.*?)</tr>', html, re.S).group(1)
        numbers = [int(n) for n in re.findall(r"<td>(\d+)</td>", cells)]
        assert numbers[:3] == [row["articles"], row["statements"], row["named"]]
        titles = re.findall(rf"<title>{month}: (\d+) statements from", html)
        assert sum(int(n) for n in titles) == row["statements"]  # the chart draws the table's numbers
    assert re.search(r'<table id="people-trend-table"', html)


def test_cli_sources_by_outlet_and_month_as_csv(acceptance_db, acceptance_store):
    code, out, err = invoke("sources", "--by", "outlet,month", "--format", "csv", "--db", str(acceptance_db))
    assert code == 0, err
    rows = list(csv.DictReader(io.StringIO(out)))
    polnear = {(r["outlet"], r["month"]): r for r in rows if r["outlet"] in POLNEAR_OUTLETS}
    assert set(polnear) == {(o, m) for o in POLNEAR_OUTLETS for m in ("2016-09", "2016-10")}
    for (outlet, month), r in polnear.items():
        assert int(r["statements"]) == acceptance_store.count_quotes(
            outlet=outlet, since=f"{month}-01", until=f"{month}-31"
        )
        assert int(r["gender_female"]) + int(r["gender_male"]) + int(r["gender_unknown"]) == int(r["named"])
    stats = acceptance_store.stats()  # aggregates leave out articles flagged as duplicates of another
    assert sum(int(r["articles"]) for r in rows) == stats["articles"] - stats["duplicates"]


def test_cli_people_of_an_outlet(acceptance_db, acceptance_store):
    code, out, err = invoke("people", "--outlet", "nyt", "--db", str(acceptance_db), "-f", "json", "-n", "5")
    assert code == 0, err
    people = json.loads(out)
    assert people == acceptance_store.people(outlet="nyt", limit=5)
    assert people[0]["n_quotes"] >= people[-1]["n_quotes"] > 0
    code, out, _ = invoke("people", "--outlet", "nyt", "--db", str(acceptance_db))
    assert code == 0 and people[0]["name"] in out and "people quoted by nyt" in out


def test_cli_quote_filters_agree_with_the_api(acceptance_db, acceptance_client):
    filters = {"outlet": "nyt", "said_since": "2016-09-15", "said_until": "2016-09-30"}
    api = acceptance_client.get("/api/attributions", params={**filters, "limit": 1}).json()["total"]
    code, out, _ = invoke(
        "quotes",
        "--db",
        str(acceptance_db),
        "--outlet",
        "nyt",
        "--said-since",
        "2016-09-15",
        "--said-until",
        "2016-09-30",
        "--count",
    )
    assert code == 0 and int(out) == api > 0
    code, out, _ = invoke(
        "quotes",
        "--db",
        str(acceptance_db),
        "--outlet",
        "nyt",
        "--said-since",
        "2016-09-15",
        "--said-until",
        "2016-09-30",
        "--all",
        "-f",
        "csv",
    )
    assert len(list(csv.DictReader(io.StringIO(out)))) == api


# -- in Chromium -----------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def acceptance_server(acceptance_db, options):
    from whosaid.web import create_app

    with serve(create_app(options.merged(db=str(acceptance_db)))) as base:
        yield base


def _walk_pages(page, path: str, row_attr: str) -> tuple[list[str], str]:
    """Click "next" from the first page to the last; the rows' keys in order and the last page's pager text."""
    page.goto(page.base + path)
    keys: list[str] = []
    visited = 0
    while True:
        keys += page.locator(ROWS.format(row_attr)).evaluate_all(
            f"els => els.map(e => e.getAttribute('data-{row_attr}'))"
        )
        visited += 1
        nxt = page.locator("nav.pager a[rel=next]").first
        if nxt.count() == 0:
            return keys, page.locator("nav.pager .pos").first.text_content() or ""
        nxt.click()
        page.wait_for_load_state()
        assert visited < 200


@pytest.mark.browser
def test_articles_and_people_walk_to_their_last_page(browser, acceptance_server, acceptance_store):
    with watched_page(browser, acceptance_server) as page:
        ids, last = _walk_pages(page, "/articles", "id")
        assert len(ids) == len(set(ids)) == acceptance_store.count_articles()
        assert ids == [a["id"] for a in acceptance_store.articles(limit=100_000)]
        assert f"of {len(ids)} articles" in last and page.locator("nav.pager a[rel=next]").count() == 0
        people, last = _walk_pages(page, "/people", "person")
        assert len(people) == len(set(people)) == acceptance_store.count_people()
        assert f"of {len(people)} people" in last
        # the "last" link of the first page lands on the same last page
        page.goto(page.base + "/people")
        page.locator("nav.pager a[rel=last]").first.click()
        page.wait_for_url("**page=*")
        assert (
            page.locator(ROWS.format("person")).evaluate_all("els => els.map(e => e.getAttribute('data-person'))")
            == people[-(len(people) % 50 or 50) :]
        )


@pytest.mark.browser
def test_search_walks_to_its_last_page_with_the_apis_total(browser, acceptance_server, acceptance_client):
    api = acceptance_client.get("/api/search", params={"q": "tax", "limit": 500}).json()
    assert api["total"] > 50, "enough results for several pages"
    with watched_page(browser, acceptance_server) as page:
        page.goto(page.base + "/")
        page.fill("header .quick input[name=q]", "tax")
        page.press("header .quick input[name=q]", "Enter")
        page.wait_for_url("**/search?q=tax")
        assert page.locator("p.result-count").get_attribute("data-total") == str(api["total"])
        assert page.locator("p.result-count").text_content().startswith(f"{api['total']} statements found")
        shown = 0
        while True:
            shown += page.locator("ul.results li.quote").count()
            nxt = page.locator("nav.pager a[rel=next]").first
            if nxt.count() == 0:
                break
            nxt.click()
            page.wait_for_load_state()
        assert shown == api["total"]
        # the download button exports the whole filtered list
        page.goto(page.base + "/search?q=tax&outlet=nyt")
        total = int(page.locator("p.result-count").get_attribute("data-total"))
        with page.expect_download() as info:
            page.locator("a.download[data-format=csv]").click()
        rows = list(csv.DictReader(io.StringIO(open(info.value.path(), encoding="utf-8").read())))
        assert len(rows) == total and {r["outlet"] for r in rows} == {"nyt"}


@pytest.mark.browser
def test_ivanka_trump_is_the_child_of_donald_trump(browser, acceptance_server, acceptance_store):
    ivanka = acceptance_store.person_profile("Ivanka Trump")
    assert ivanka is not None
    with watched_page(browser, acceptance_server) as page:
        page.goto(page.base + person_href(ivanka["person_id"]))
        rows = [" ".join(t.split()) for t in page.locator("ul.relations li").all_text_contents()]
        assert any(r.startswith("child of Donald Trump") for r in rows), rows
        assert not any(r.startswith("parent of Donald Trump") for r in rows), rows
        graph_labels = page.locator("svg.graph text").all_text_contents()
        assert "child of" in " ".join(graph_labels)


@pytest.mark.browser
def test_donald_trumps_page_is_short_and_paged(browser, acceptance_server, acceptance_store):
    trump = acceptance_store.person_profile("Donald Trump")
    assert trump["n_quotes"] > 100
    with watched_page(browser, acceptance_server) as page:
        page.goto(page.base + person_href(trump["person_id"]))
        height = page.evaluate("document.documentElement.scrollHeight")
        assert height < 8000, height
        assert page.locator("ul.quotes-by li.quote").count() == 20
        assert page.locator("#statements nav.pager a[rel=next]").count() >= 1
        assert page.locator("svg.months rect").count() >= 2
        # filter by outlet: the list and its total follow
        page.locator("details.filter-box summary").click()
        page.select_option("details.filter-box select[name=outlet]", "nyt")
        page.locator("details.filter-box button[type=submit]").click()
        page.wait_for_url("**outlet=nyt*")
        total = int(page.locator("#statements nav.pager").first.get_attribute("data-total"))
        assert total == acceptance_store.count_quotes(speaker=trump["person_id"], outlet="nyt")
        # the last page of his statements
        page.goto(page.base + person_href(trump["person_id"]))
        pages = -(-trump["n_quotes"] // 20)
        page.locator("#statements nav.pager a[rel=last]").first.click()
        page.wait_for_url(f"**page={pages}*")
        assert page.locator("#statements nav.pager a[rel=next]").count() == 0
        assert page.locator("ul.quotes-by li.quote").count() == (trump["n_quotes"] % 20 or 20)


@pytest.mark.browser
@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/articles",
        "/article/seed-article",
        "/person/donald-trump",
        "/people",
        "/outlets",
        "/outlets/nyt",
        "/trends",
        "/search?q=tax",
        "/rankings/anonymous",
    ],
)
def test_400_px_layout_fits(browser, acceptance_server, path):
    with watched_page(browser, acceptance_server, width=400, height=800) as page:
        page.goto(page.base + path)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 400, (path, width)
