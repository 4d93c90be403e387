"""The researcher's workbench in the web app: totals and pages that reach the end, filters, downloads that
export exactly the filtered list, outlet/trend/ranking pages, readable times, relations read from the right
side, the article page's link, title and order. Runs on the examples store and on a small hand-made store."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from htmlcheck import event_handler_attributes, parse

from whosaid.model import Analysis, Article, Attribution, Entity, Relation, Span, TimeExpression
from whosaid.options import Options
from whosaid.store import Store
from whosaid.web import WebSettings, create_app
from whosaid.web.charts import month_chart, relation_graph
from whosaid.web.export import EXPORT_COLUMNS, csv_cell
from whosaid.web.render import relation_phrase, safe_url, statement_order
from whosaid.web.timefmt import readable_time, time_tag
from whosaid.web.trend_charts import mix_trend_chart, people_trend_chart


def walk(client: TestClient, url: str, params: dict) -> tuple[list[dict], int]:
    """Every item of an API list, following ``next`` to the last page; and the total the first page gave."""
    first = client.get(url, params=params)
    assert first.status_code == 200, first.text
    page = first.json()
    total, items, pages = page["total"], list(page["items"]), 1
    while page["next"]:
        page = client.get(page["next"]).json()
        assert page["total"] == total
        items += page["items"]
        pages += 1
        assert pages < 1000
    return items, total


@pytest.mark.parametrize(
    "url, params, key",
    [
        ("/api/articles", {"limit": 3}, "id"),
        ("/api/people", {"limit": 4}, "person_id"),
        ("/api/attributions", {"limit": 7}, None),
        ("/api/attributions", {"limit": 5, "source_type": "person"}, None),
        ("/api/rankings/organization", {"limit": 2}, "key"),
        ("/api/rankings/anonymous", {"limit": 1}, "key"),
    ],
)
def test_api_lists_walk_to_the_last_page_and_match_their_total(client, web_store, url, params, key):
    items, total = walk(client, url, params)
    assert len(items) == total
    keys = [(i[key] if key else (i["article_id"], i["idx"])) for i in items]
    assert len(set(keys)) == len(keys), "no row twice"
    if url == "/api/articles":
        assert total == web_store.stats()["articles"]
    if url == "/api/attributions" and "source_type" not in params:
        assert total == web_store.count_quotes()


def test_search_total_and_pages(client, web_store):
    word = next(w for q in web_store.quotes(limit=500) for w in re.findall(r"[a-z]{4,}", q["content"] or ""))
    items, total = walk(client, "/api/search", {"q": word, "limit": 2})
    assert total == web_store.count_quotes(search=word) == len(items) > 0
    html = client.get("/search", params={"q": word}).text
    assert f'data-total="{total}"' in html


FILTER_SETS = [
    {},
    {"source_type": "person"},
    {"q": "said"},
    {"since": "2024-01-01", "min_confidence": "0.5"},
    {"said_since": "2024-10-01", "said_until": "2024-12-31"},
    {"outlet": "Springfield <Gazette>"},
    {"kind": "direct"},
]


@pytest.mark.parametrize("filters", FILTER_SETS)
def test_downloads_export_exactly_the_filtered_list(client, filters):
    items, total = walk(client, "/api/attributions", {**filters, "limit": 3})
    as_json = client.get("/api/attributions/export", params={**filters, "format": "json"})
    assert as_json.status_code == 200
    assert as_json.headers["content-disposition"].startswith("attachment")
    assert json.loads(as_json.text) == items
    as_csv = client.get("/api/attributions/export", params={**filters, "format": "csv"})
    assert as_csv.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(as_csv.text)))
    assert len(rows) == total
    assert list(rows[0]) == list(EXPORT_COLUMNS) if rows else True
    for row, item in zip(rows, items):
        assert (row["article_id"], int(row["idx"])) == (item["article_id"], item["idx"])
        assert row["content"].lstrip("'") == (item["content"] or "")


def test_search_page_offers_the_downloads_of_its_list(client, web_store):
    word = next(w for q in web_store.quotes(limit=500) for w in re.findall(r"[a-z]{4,}", q["content"] or ""))
    html = client.get("/search", params={"q": word, "source_type": "person"}).text
    links = re.findall(r'class="download" data-format="(\w+)" href="([^"]+)"', html)
    assert [f for f, _ in links] == ["csv", "json"]
    got = client.get(links[1][1].replace("&amp;", "&")).json()
    assert got == web_store.quotes(search=word, source_type="person", limit=10_000)


@pytest.mark.parametrize(
    "value, safe",
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+1", "'+1"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("plain", "plain"),
        (None, ""),
        (3, 3),
        ("a=b", "a=b"),
    ],
)
def test_csv_cells_cannot_be_formulas(value, safe):
    assert csv_cell(value) == safe


@pytest.mark.parametrize(
    "path, params, status, needle",
    [
        ("/api/attributions", {"said_since": "last week"}, 400, "said_since"),
        ("/api/attributions", {"said_since": "2024-02-01", "said_until": "2024-01-01"}, 400, "said_since"),
        ("/api/attributions", {"min_confidence": "2"}, 400, "min_confidence"),
        ("/api/attributions", {"min_confidence": "high"}, 400, "min_confidence"),
        ("/api/attributions", {"category": "opinion"}, 400, "category"),
        ("/api/attributions", {"kind": "shouted"}, 400, "kind"),
        ("/api/attributions/export", {"format": "xml"}, 400, "format"),
        ("/api/sourcing", {"by": "month,week"}, 400, "by"),
        ("/api/sourcing", {"by": "day"}, 400, "by"),
        ("/api/rankings/person", {}, 404, "rank"),
        ("/api/outlets/no-such-outlet", {}, 404, "outlet"),
        ("/api/people/nobody-at-all/profile", {}, 404, "person"),
        ("/articles", {"page": "999"}, 404, "last page"),
        ("/people", {"page": "999"}, 404, "last page"),
        ("/search", {"q": "said", "page": "999"}, 404, "last page"),
        ("/person/nobody-at-all", {}, 404, "no person"),
        ("/outlets/no-such-outlet", {}, 404, "no outlet"),
        ("/rankings/person", {}, 404, "ranking"),
        ("/trends", {"by": "day"}, 400, "by"),
        ("/search", {"said_until": "soon"}, 400, "said_until"),
    ],
)
def test_bad_parameters_say_what_to_fix(client, path, params, status, needle):
    r = client.get(path, params=params)
    assert r.status_code == status, r.text[:300]
    assert needle in (r.json()["detail"] if path.startswith("/api/") else r.text)


def test_overview_links_outlets_and_shows_gender_and_rankings(client, web_store):
    html = client.get("/").text
    for o in web_store.sources_by_outlet():
        if o["outlet"] != "(none)":
            assert f'href="/outlets/{quote(o["outlet"], safe="")}"' in html
    share = parse(html).find("p", **{"class": "gender-share"})[0]
    named = sum(o["named"] for o in web_store.sources_by_outlet())
    assert int(share["data-female"]) + int(share["data-male"]) + int(share["data-unknown"]) == named
    assert 'href="/rankings/anonymous"' in html and 'href="/rankings/organization"' in html


def test_outlet_trend_and_ranking_pages_escape_hostile_names(client, web_store):
    hostile = "Springfield <Gazette>"
    for path in (
        "/outlets",
        f"/outlets/{quote(hostile, safe='')}",
        "/trends",
        f"/trends?outlet={quote(hostile)}",
        "/rankings/organization",
        "/rankings/anonymous",
        f"/people?outlet={quote(hostile)}",
    ):
        r = client.get(path)
        assert r.status_code == 200, path
        assert "<Gazette>" not in r.text, path
        assert event_handler_attributes(parse(r.text)) == [], path
    page = client.get(f"/outlets/{quote(hostile, safe='')}").text
    assert "Springfield &lt;Gazette&gt;" in page


# -- a small hand-made store -----------------------------------------------------------------------------------
def _mini_store() -> Store:
    text = (
        "Headline of the day\nBo Chan, the father of Ann Lee, spoke last week. "
        '"It is late," Ann Lee said on Monday. Officials said it was fine.'
    )

    def sp(sub: str, after: str = "") -> Span:
        start = text.index(sub, text.index(after) if after else 0)
        return Span.of(text, start, start + len(sub))

    atts = (  # stored out of text order on purpose
        Attribution(
            kind="indirect",
            content=sp("it was fine"),
            cue=sp("said", "Officials"),
            source=sp("Officials"),
            source_type="anonymous",
            source_description="Officials",
            said_at="2016-W36",
            confidence=0.5,
        ),
        Attribution(
            kind="direct",
            content=sp("It is late,"),
            cue=sp("said", "It is late"),
            source=sp("Ann Lee", "It is late"),
            speaker="Ann Lee",
            speaker_id="e1",
            source_type="person",
            said_at="2016-09-05TAF",
            confidence=0.9,
        ),
    )
    ents = (
        Entity(id="e1", name="Ann Lee", type="PERSON", mentions=(sp("Ann Lee"), sp("Ann Lee", "It is late"))),
        Entity(id="e2", name="Bo Chan", type="PERSON", mentions=(sp("Bo Chan"),)),
    )
    rels = (
        Relation(
            subject="Bo Chan",
            relation="parent_of",
            object="Ann Lee",
            evidence=sp("Bo Chan, the father of Ann Lee"),
            subject_id="e2",
            object_id="e1",
        ),
    )
    week = sp("last week")
    times = (TimeExpression(start=week.start, end=week.end, text="last week", type="DATE", value="2016-W35"),)
    one = Analysis(
        article=Article(
            id="mini/1", text=text, date=dt.date(2016, 9, 6), outlet="Daily", url="https://example.org/story?a=1&b=2"
        ),
        attributions=atts,
        entities=ents,
        relations=rels,
        times=times,
    )
    bad_url = Analysis(
        article=Article(
            id="mini-2", text="Second story.\nBody.", date=dt.date(2016, 9, 7), url="javascript:alert(1)", title=None
        )
    )
    store = Store(":memory:")
    store.upsert_many([one, bad_url])
    return store


@pytest.fixture(scope="module")
def mini():
    store = _mini_store()
    app = create_app(Options(), store=store, settings=WebSettings(page_size=1, person_page_size=1))
    with TestClient(app, base_url="http://localhost") as c:
        yield c, store
    store.close()


def test_article_page_link_title_order_and_times(mini):
    client, store = mini
    html = client.get("/article/mini/1").text
    page = parse(html)
    assert page.find("h1", **{"class": "article-title"})
    assert ">Headline of the day</h1>" in html  # no title: the first line
    assert '<a class="url" href="https://example.org/story?a=1&amp;b=2"' in html
    cards = [int(a["data-i"]) for t, a in page.elements if t == "li" and "statement" in a.get("class", "").split()]
    assert cards == [1, 0] == statement_order(store.article("mini/1").attributions)  # text order
    assert 'data-timex="2016-09-05TAF"' in html and "5 Sep 2016, afternoon" in html
    assert 'data-timex="2016-W35"' in html and "week 35 of 2016 (29 Aug–4 Sep)" in html
    other = client.get("/article/mini-2").text
    assert ">Second story.</h1>" in other
    assert 'href="javascript' not in other and "javascript:alert(1)" in other  # shown, never a link


def test_pages_of_one_row_reach_the_end(mini):
    client, store = mini
    seen = []
    url = "/articles"
    while url:
        page = parse(client.get(url).text)
        seen += [a["data-id"] for t, a in page.elements if t == "tr" and "data-id" in a]
        nxt = [a["href"] for t, a in page.elements if t == "a" and a.get("rel") == "next"]
        url = nxt[0] if nxt else None
    assert seen == [a["id"] for a in store.articles()]
    last = client.get("/articles?page=2").text
    assert 'rel="next"' not in last and "2–2 of 2 articles" in last


def test_person_page_reads_relations_from_their_side(mini):
    client, _ = mini
    ann = client.get("/person/ann-lee").text
    assert re.search(r'<span class="rel">child of</span>\s*<a class="person-link" href="/person/bo-chan">Bo Chan', ann)
    bo = client.get("/person/bo-chan").text
    assert re.search(r'<span class="rel">parent of</span>\s*<a class="person-link" href="/person/ann-lee">Ann Lee', bo)
    assert "child of</span>" not in bo


@pytest.mark.parametrize(
    "relation, role, phrase",
    [
        ("child_of", "subject", "child of"),
        ("child_of", "object", "parent of"),
        ("parent_of", "object", "child of"),
        ("spouse_of", "object", "spouse of"),
        ("works_for", "object", "employer of"),
        ("criticized", "object", "criticized by"),
        ("advocated_for", "object", "supported by"),
        ("met", "subject", "met"),
        ("met", "object", "object of “met” by"),
    ],
)
def test_relation_phrases(relation, role, phrase):
    assert relation_phrase(relation, role) == phrase


@pytest.mark.parametrize(
    "url, safe",
    [
        ("https://a.org/x", "https://a.org/x"),
        ("http://a.org", "http://a.org"),
        ("javascript:alert(1)", None),
        ("data:text/html,x", None),
        ("//evil.org", None),
        ("", None),
        (None, None),
        ("ftp://a.org/f", None),
    ],
)
def test_only_web_addresses_become_links(url, safe):
    assert safe_url(url) == safe


@pytest.mark.parametrize(
    "value, words",
    [
        ("2016-09-30", "30 Sep 2016"),
        ("2016-09", "Sep 2016"),
        ("2016", "2016"),
        ("2016-W36", "week 36 of 2016 (5–11 Sep)"),
        ("2016-W36-WE", "the weekend of 10 Sep 2016"),
        ("2016-09-30TAF", "30 Sep 2016, afternoon"),
        ("2016-09-30T14:05", "30 Sep 2016, 14:05"),
        ("2016-Q3", "Q3 2016"),
        ("2016-H2", "second half of 2016"),
        ("2016-SU", "summer 2016"),
        ("201", "the 2010s"),
        ("PRESENT_REF", "now"),
        ("PAST_REF", "in the past"),
        ("P3Y", "3 years"),
        ("PT1H30M", "1 hour, 30 minutes"),
        ("XXXX-WXX-1", "every Monday"),
        ("2016-13", "2016-13"),
        ("2016-02-30", "2016-02-30"),
        ("nonsense", "nonsense"),
        ("", ""),
        (None, ""),
    ],
)
def test_readable_time(value, words):
    assert readable_time(value) == words


def test_time_tag_keeps_the_value_and_escapes():
    tag = str(time_tag('2016"><script>'))
    assert "<script>" not in tag and 'data-timex="2016&#34;&gt;&lt;script&gt;"' in tag
    assert str(time_tag(None)) == ""


def _boxes(svg: str) -> list[tuple[float, float, float, float]]:
    """Rough boxes of the text labels (7 px a character, 12 px high)."""
    boxes = []
    for x, y, anchor, text in re.findall(
        r'<text class="[^"]*" x="([\d.]+)" y="([\d.]+)" text-anchor="(\w+)">([^<]*)<', svg
    ):
        w = 7 * len(text)
        left = float(x) - (w if anchor == "end" else w / 2 if anchor == "middle" else 0)
        boxes.append((left, float(y) - 12, left + w, float(y)))
    return boxes


@pytest.mark.parametrize("n", [1, 2, 5, 12, 16, 30])
def test_relation_graph_labels_never_overlap(n):
    rels = [
        {
            "relation": "criticized",
            "role": "object" if k % 2 else "subject",
            "other": f"Person Number {k:02d}",
            "other_id": f"p{k}",
        }
        for k in range(n)
    ]
    svg = str(relation_graph("Center Person", rels))
    boxes = _boxes(svg)
    assert len(boxes) == 2 * min(n, 16)
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1], (a, b)
    assert ("criticized by" in svg) == (n > 1)


def test_trend_charts_have_their_tables_and_escape():
    rows = [
        {"month": "2016-09", "statements": 3, "named": 2, "anonymous": 1},
        {"month": "2016-10", "statements": 1, "unknown": 1},
        {"month": "(undated)", "statements": 5, "named": 5},
    ]
    svg = str(mix_trend_chart(rows, "month", table_id="t1"))
    assert 'aria-describedby="t1"' in svg and svg.count('class="st-') == 3 and "(undated)" not in svg
    trend = {
        "periods": ["2016-09", "2016-10"],
        "series": [{"person_id": "x", "name": "<b>X</b>", "total": 3, "counts": {"2016-09": 1, "2016-10": 2}}],
    }
    people = str(people_trend_chart(trend))
    assert "<b>" not in people and "&lt;b&gt;X&lt;/b&gt;" in people and "polyline" in people
    assert "No dated" in str(mix_trend_chart([], "week"))
    months = str(
        month_chart(
            [{"month": "2016-09", "statements": 2, "events": 1}, {"month": "1995", "statements": 0, "events": 3}]
        )
    )
    assert months.count("<rect") == 3 and "Sep" in months and "1995" in months


def test_openapi_documents_the_new_endpoints(client):
    paths = client.get("/openapi.json").json()["paths"]
    for p in (
        "/api/attributions/export",
        "/api/outlets/{outlet}",
        "/api/sourcing",
        "/api/rankings/{source_type}",
        "/api/trends/people",
        "/api/people/{person}/profile",
    ):
        assert p in paths, p
    params = {p["name"] for p in paths["/api/attributions"]["get"]["parameters"]}
    assert {"via", "said_since", "said_until", "category", "min_confidence", "outlet", "source"} <= params
