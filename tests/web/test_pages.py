"""Server-rendered pages, read back with an HTML parser and compared with what the store holds."""

from __future__ import annotations

import re

import pytest
from hostile import XSS_MARKERS
from htmlcheck import event_handler_attributes, parse, scripts

from whosaid.web.pages import mark_terms
from whosaid.web.render import person_href, statement_order


def _article_ids(web_store) -> list[str]:
    return [a["id"] for a in web_store.articles(limit=500)]


def test_article_page_highlights_every_stored_statement(client, web_store):
    for article_id in _article_ids(web_store):
        stored = web_store.article(article_id)
        page = parse(client.get(f"/article/{article_id}").text)
        assert page.article_text() == stored.article.text, article_id
        cards = page.find("li", **{"class": "statement"})
        assert len(cards) == len(stored.attributions)
        by_index = {int(card["data-i"]): card for card in cards}
        assert [int(c["data-i"]) for c in cards] == statement_order(stored.attributions)  # text order
        for i, att in enumerate(stored.attributions):
            card = by_index[i]
            assert card["data-source-type"] == att.source_type
            assert card["data-speaker"] == (att.speaker or "")
            if att.content is not None:
                assert page.statement_text(i) == "".join(att.content.fragment_texts(stored.article.text))
                # every highlighted piece is coloured by the type of (at least) one of its statements
                pieces = [p for p in page.pieces if str(i) in p.attrs.get("data-c", "").split()]
                assert pieces and all(any(c.startswith("st-") for c in p.attrs["class"].split()) for p in pieces)
            if att.cue is not None:
                assert page.statement_text(i, "data-q") == att.cue.text


def test_seed_page_has_highlighted_statements(client, seed_id):
    page = parse(client.get(f"/article/{seed_id}").text)
    highlighted = {i for p in page.pieces for i in p.attrs.get("data-c", "").split()}
    assert len(highlighted) >= 1
    assert page.find("li", **{"class": "statement"})


def test_statement_speakers_link_to_their_person_pages(client, web_store, seed_id):
    html = client.get(f"/article/{seed_id}").text
    linked = set(re.findall(r'<a class="speaker" href="([^"]+)"', html))
    expected = {
        person_href(q["speaker_id"]) for q in web_store.quotes(article_id=seed_id, limit=500) if q["speaker_id"]
    }
    assert linked == expected
    for href in linked:
        assert client.get(href).status_code == 200


def test_overview_shows_counts_people_and_the_outlet_chart(client, web_store):
    r = client.get("/")
    page = parse(r.text)
    stats = web_store.stats()
    html = r.text
    for key in ("articles", "attributions", "people", "outlets"):
        assert re.search(rf'data-stat="{key}">{stats[key]}<', html), key
    for p in web_store.people(limit=15):
        assert f'href="{person_href(p["person_id"])}"' in html
    bars = [a for t, a in page.elements if t == "rect" and "seg" in a.get("class", "").split()]
    with_statements = [o for o in web_store.sources_by_outlet() if o["statements"]]
    assert len({a["y"] for a in bars if a["data-cat"] != "relayed"}) == len(with_statements)


def _quote_block(html: str, css: str) -> str:
    return html.split(f'class="quotes {css}"', 1)[1].split("</ul>", 1)[0]


def test_person_page_lists_statements_and_relations(client, web_store):
    people = [p for p in web_store.people(limit=500)]
    assert people
    for p in people:
        pid = p["person_id"]
        html = client.get(person_href(pid)).text
        page = parse(html)
        by = _quote_block(html, "quotes-by")
        want_by = web_store.quotes(speaker=pid, limit=20)
        assert by.count('<li class="quote"') == len(want_by)
        for q in want_by:
            assert f'#at-{q["content_start"]}"' in by
        assert f'data-total="{web_store.count_quotes(speaker=pid)}"' in html
        about = _quote_block(client.get(person_href(pid), params={"role": "about"}).text, "quotes-about")
        assert about.count('<li class="quote"') == len(web_store.quotes(about=pid, limit=20))
        relations = web_store.person_relations(pid)
        if relations:
            nodes = [a for t, a in page.elements if t == "circle" and "node" in a.get("class", "")]
            others = {r["other_id"] or r["other"] for r in relations}
            assert len(nodes) == 1 + min(len(others), 16)
            shown = [a for t, a in page.elements if t == "li" and "data-relation" in a]
            assert len(shown) == min(len(relations), 15)
        assert event_handler_attributes(page) == []


def test_search_page_marks_the_words_and_applies_filters(client, web_store):
    word = next(w for q in web_store.quotes(limit=500) for w in re.findall(r"[A-Za-z]{6,}", q["content"] or ""))
    html = client.get("/search", params={"q": word}).text
    n = len(web_store.quotes(search=word, limit=51))
    assert html.count('<li class="quote"') == min(n, 50)
    assert f"<mark>{word}</mark>".lower() in html.lower()
    none = client.get("/search", params={"q": word, "since": "2999-01-01"}).text
    assert '<li class="quote"' not in none and "No statement matches" in none
    blank = client.get("/search").text
    assert '<li class="quote"' not in blank


@pytest.mark.parametrize(
    "text, query, expected",
    [
        ("Politics is politics.", "politic", "<mark>Politics</mark> is <mark>politics</mark>."),
        ("<b>tax</b> & taxes", "tax", "&lt;b&gt;<mark>tax</mark>&lt;/b&gt; &amp; <mark>taxes</mark>"),
        ("nothing here", "zzz", "nothing here"),
        ("a <mark> b", "", "a &lt;mark&gt; b"),
        (None, "x", ""),
    ],
)
def test_mark_terms(text, query, expected):
    assert str(mark_terms(text, query)) == expected


def test_articles_page_pages_and_filters(client, web_store):
    html = client.get("/articles").text
    for a in web_store.articles(limit=50):
        assert f'href="/article/{a["id"]}"' in html
    outlet = next((a["outlet"] for a in web_store.articles(limit=500) if a["outlet"]), None)
    if outlet:
        page = client.get("/articles", params={"outlet": outlet}).text
        assert page.count('class="article-link"') == len(web_store.articles(outlet=outlet, limit=50))


def test_hostile_article_is_shown_as_text(client, web_store):
    for article_id in ("hostile-handmade", "hostile-pipeline"):
        stored = web_store.article(article_id)
        r = client.get(f"/article/{article_id}")
        assert r.status_code == 200
        page = parse(r.text)
        assert event_handler_attributes(page) == []
        assert [s.get("src") for s in scripts(page)] == ["/static/app.js"]
        assert page.article_text() == stored.article.text  # the markup is there, as text
        body = r.text.split("<main>", 1)[1]
        for marker in XSS_MARKERS:
            assert marker not in body, marker
    # every other page that shows hostile names
    reflected = "/person/%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E"  # a 404 that repeats the request
    for path in (
        "/",
        "/people",
        "/articles",
        "/search?q=budget",
        "/search?q=fine",
        reflected,
        "/search?q=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E",
        "/no%3Cimg%20src%3Dx%3E",
    ):
        r = client.get(path)
        page = parse(r.text)
        assert not page.find("img"), path
        assert event_handler_attributes(page) == [], path
        assert [s.get("src") for s in scripts(page)] == ["/static/app.js"], path
    for p in web_store.people(limit=500):
        page = parse(client.get(person_href(p["person_id"])).text)
        assert event_handler_attributes(page) == [], p
        assert not page.find("svg", onload=""), p


def test_analyze_page_form_and_result(client, seed_article):
    form = client.get("/analyze").text
    assert '<form class="analyze-form" method="post" action="/analyze">' in form
    r = client.post("/analyze", data={"text": seed_article.text, "date": "2024-10-26", "title": "<i>t</i>"})
    assert r.status_code == 200
    page = parse(r.text)
    assert page.article_text() == seed_article.text
    assert not page.find("i")
    bad = client.post("/analyze", data={"text": "Ann said hi.", "date": "yesterday"})
    assert bad.status_code == 400 and "Ann said hi." in bad.text and "date" in bad.text
