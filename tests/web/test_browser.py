"""End-to-end tests in a real headless Chromium (Debian's package, driven by Playwright for Python).

They run the app with uvicorn on 127.0.0.1, click through overview -> article -> speaker -> search -> analyze,
check what the browser shows against the store, check that hostile article text never executes, and take
screenshots (into $WHOSAID_SCREENSHOTS when set, e.g. docs/screenshots, else a temporary folder).
Skipped when /usr/bin/chromium or the playwright package is missing (`make test` installs both).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from browserkit import serve, watched_page

from whosaid.web.render import person_href, source_type_label

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def live_server(web_app):
    with serve(web_app) as base:
        yield base


@pytest.fixture(scope="module")
def shots(tmp_path_factory) -> Path:
    target = os.environ.get("WHOSAID_SCREENSHOTS")
    path = Path(target) if target else tmp_path_factory.mktemp("screenshots")
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.fixture
def page(browser, live_server):
    with watched_page(browser, live_server) as pg:
        yield pg


JOIN_PIECES = """([attr, i]) => Array.from(document.querySelectorAll(`#article-text [${attr}~="${i}"]`))
    .map(e => e.textContent).join("")"""


def check_article_against_store(page, analysis) -> int:
    """Every stored statement is highlighted with its content, cue, speaker and source type; returns how many."""
    text = analysis.article.text
    assert page.locator("#article-text").text_content() == text
    cards = page.locator("li.statement")
    assert cards.count() == len(analysis.attributions)
    highlighted = 0
    for i, att in enumerate(analysis.attributions):
        card = cards.nth(i)
        assert card.get_attribute("data-source-type") == att.source_type
        assert card.get_attribute("data-speaker") == (att.speaker or "")
        assert card.locator(".badge").first.text_content() == source_type_label(att.source_type)
        if att.speaker:
            assert att.speaker in card.locator(".who").text_content()
        if att.content is not None:
            shown = page.evaluate(JOIN_PIECES, ["data-c", i])
            assert shown == "".join(att.content.fragment_texts(text)), i
            highlighted += 1
        if att.cue is not None:
            assert page.evaluate(JOIN_PIECES, ["data-q", i]) == att.cue.text
    return highlighted


def test_overview_article_speaker_flow(page, web_store, seed_id, shots):
    page.goto(page.base + "/")
    stats = web_store.stats()
    for key in ("articles", "attributions", "people"):
        assert page.locator(f'[data-stat="{key}"]').text_content() == str(stats[key])
    assert page.locator("svg.sourcing rect.seg").count() > 0
    page.screenshot(path=str(shots / "overview.png"), full_page=True)

    page.locator(f'a.article-link[href="/article/{seed_id}"]').first.click()
    page.wait_for_url(f"**/article/{seed_id}")
    analysis = web_store.article(seed_id)
    assert check_article_against_store(page, analysis) >= 1
    assert page.locator("#article-text .hl.c").count() > 0

    # hover lights up the statement and its card; a click shows speaker, via and said_at next to the text
    first = page.locator("#article-text .hl.c").first
    first.hover()
    index = (first.get_attribute("data-c") or "").split()[0]
    assert "active" in (page.locator(f"#stmt-{index}").get_attribute("class") or "")
    first.click()
    pop = page.locator("#popover")
    assert pop.is_visible()
    shown = pop.text_content() or ""
    att = analysis.attributions[int(index)]
    assert "via" in shown and "said at" in shown
    assert (att.speaker or att.source_description or (att.source.text if att.source else "(no source)")) in shown
    page.screenshot(path=str(shots / "article.png"), full_page=False)
    page.keyboard.press("Escape")
    assert not pop.is_visible()

    speaker = page.locator("li.statement a.speaker").first
    if speaker.count() == 0:
        speaker = page.locator("a.person-link").first
    href = speaker.get_attribute("href")
    assert href
    speaker.click()
    page.wait_for_url("**" + href)
    person = web_store.person(href.rsplit("/", 1)[1])
    assert page.locator("h1.person-name").text_content() == person["name"]
    assert page.locator("ul.quotes-by li.quote").count() == min(20, len(person["quotes_by"]))
    page.screenshot(path=str(shots / "person.png"), full_page=True)
    page.locator("nav.tabs a", has_text="About").click()
    page.wait_for_url("**role=about*")
    assert page.locator("ul.quotes-about li.quote").count() == min(20, len(person["quotes_about"]))


def test_seed_statements_in_the_browser(page, web_store, seed_id, seed_gold):
    page.goto(page.base + f"/article/{seed_id}")
    analysis = web_store.article(seed_id)
    n = check_article_against_store(page, analysis)
    assert n >= 9
    # the 9 required gold statements are highlighted with the right speaker and source type
    cards = page.locator("li.statement")
    for g in (g for g in seed_gold["attributions"] if g["required"]):
        gs, ge = g["content"]["start"], g["content"]["end"]

        def fit(att, gs=gs, ge=ge):
            best = 0.0
            for ps, pe in att.content.parts if att.content else ():
                inter = max(0, min(ge, pe) - max(gs, ps))
                best = max(best, min(inter / (ge - gs), inter / max(1, pe - ps)))
            return best

        i = max(range(len(analysis.attributions)), key=lambda k: fit(analysis.attributions[k]))
        assert fit(analysis.attributions[i]) > 0.5, g["content"]["text"][:40]
        card = cards.nth(i)
        types = g["source_type"] if isinstance(g["source_type"], list) else [g["source_type"]]
        assert card.get_attribute("data-source-type") in types
        if g["speaker"]:
            assert card.get_attribute("data-speaker") == g["speaker"]
        else:
            assert card.get_attribute("data-source-type") == "anonymous"
        assert page.evaluate(JOIN_PIECES, ["data-c", i])


def test_ivanka_trump_page(page, web_store, shots):
    found = web_store.person("Ivanka Trump")
    assert found is not None, "the seed article's Ivanka Trump is a person of the store"
    seed_quotes = [q for q in found["quotes_by"] if q["article_id"] == "seed-article"]
    assert len(seed_quotes) >= 3
    kinds = {r["relation"] for r in found["relations"]}
    assert {"child_of", "spouse_of", "friend_of"} <= kinds | {"parent_of"}
    page.goto(page.base + person_href(found["person_id"]))
    listed = web_store.quotes(speaker=found["person_id"], limit=20)
    assert page.locator("ul.quotes-by li.quote").count() == len(listed)
    contents = page.locator("ul.quotes-by blockquote").all_text_contents()
    for q, shown in zip(listed, contents):
        assert " ".join((q["content"] or "").split())[:100] in " ".join(shown.split())
    if found["relations"]:
        assert page.locator("svg.graph circle.node").count() >= 2
        grouped = web_store.person_relations(found["person_id"])
        assert page.locator("ul.relations li").count() == min(15, len(grouped))
        # read from her side: she is the child of Donald Trump, never his parent
        rows = [" ".join(t.split()) for t in page.locator("ul.relations li").all_text_contents()]
        assert any(r.startswith("child of Donald Trump") for r in rows), rows
        assert not any(r.startswith("parent of Donald Trump") for r in rows), rows
    page.screenshot(path=str(shots / "person-ivanka-trump.png"), full_page=True)


def test_search_with_filters(page, web_store, shots):
    word = next(w for q in web_store.quotes(limit=500) for w in re.findall(r"[A-Za-z]{6,}", q["content"] or ""))
    page.goto(page.base + "/")
    page.fill("header .quick input[name=q]", word)
    page.press("header .quick input[name=q]", "Enter")
    page.wait_for_url("**/search?q=*")
    expected = web_store.quotes(search=word, limit=50)
    assert page.locator("ul.results li.quote").count() == len(expected) > 0
    assert page.locator("ul.results mark").count() >= len(expected)
    page.screenshot(path=str(shots / "search.png"), full_page=False)
    source_type = expected[0]["source_type"]
    page.select_option("select[name=source_type]", source_type)
    page.click("form.search-form button[type=submit]")
    page.wait_for_url(f"**source_type={source_type}*")
    types = page.locator("ul.results li.quote").evaluate_all("els => els.map(e => e.dataset.sourceType)")
    assert types and set(types) == {source_type}


def test_analyze_page(page, pipeline, seed_article, shots):
    page.goto(page.base + "/analyze")
    page.fill("textarea[name=text]", seed_article.text)
    page.fill("input[name=date]", seed_article.date.isoformat())
    page.click("form.analyze-form button[type=submit]")
    page.wait_for_selector("h2.result-title", timeout=60_000)
    want = pipeline.analyze(seed_article)
    assert page.locator("li.statement").count() == len(want.attributions)
    assert page.locator("#article-text").text_content() == seed_article.text
    page.screenshot(path=str(shots / "analyze.png"), full_page=False)


def test_hostile_text_never_executes(page, web_store):
    hostile_people = [p["person_id"] for p in web_store.people(limit=500) if "<" in p["name"]]
    assert hostile_people
    paths = [
        "/article/hostile-handmade",
        "/article/hostile-pipeline",
        "/",
        "/people",
        "/articles",
        "/search?q=fine",
        "/search?q=budget",
        "/person/%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E",
        *[person_href(p) for p in hostile_people],
    ]
    for path in paths:
        page.goto(page.base + path)
        for el in page.locator("#article-text .hl").all():  # hover and click every highlighted piece
            el.hover()
            el.click()
            page.keyboard.press("Escape")  # close the popover, which may cover the next piece
        page.mouse.move(1, 1)
        assert page.evaluate("typeof window.__pwned") == "undefined", path
        injected = "main img, main iframe, main script, main [onload], main [onerror], main [onmouseover]"
        assert page.locator(injected).count() == 0, path
        assert page.locator("main b", has_text="failed").count() == 0, path
    page.goto(page.base + "/article/hostile-handmade")
    assert "<script>window.__pwned" in (page.locator("#article-text").text_content() or "")
    assert "<script>" in page.locator("h1.article-title").text_content()


def test_api_docs_render_offline(page):
    page.goto(page.base + "/docs")
    page.wait_for_selector(".swagger-ui .opblock", timeout=20_000)
    assert page.locator(".swagger-ui .opblock").count() >= 8
    page.goto(page.base + "/redoc")
    page.locator("h2", has_text="Full-text search over quotes").first.wait_for(timeout=20_000)
    assert page.locator("h1", has_text="whosaid").count() >= 1
