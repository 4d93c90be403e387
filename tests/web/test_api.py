"""The JSON API against the store it reads: same answers, clear 400/404/413/503, no write endpoint but analyze."""

from __future__ import annotations

import re
import threading
import time

import pytest
from fastapi.testclient import TestClient

from whosaid.model import SOURCE_TYPES, Analysis
from whosaid.options import Options
from whosaid.web import WebSettings, create_app


def test_stats_match_the_store(client, web_store):
    got = client.get("/api/stats").json()
    want = web_store.stats()
    for key in ("articles", "attributions", "people", "outlets", "by_source_type"):
        assert got[key] == want[key]


def test_articles_list_and_pages(client, web_store):
    everything = client.get("/api/articles", params={"limit": 500}).json()
    assert {a["id"] for a in everything["items"]} == {a["id"] for a in web_store.articles(limit=500)}
    assert everything["next"] is None
    first = client.get("/api/articles", params={"limit": 1}).json()
    assert len(first["items"]) == 1 and first["next"]
    second = client.get(first["next"]).json()
    assert second["offset"] == 1 and second["items"][0]["id"] != first["items"][0]["id"]


def test_article_is_the_stored_analysis(client, web_store, seed_id):
    got = client.get(f"/api/articles/{seed_id}").json()
    stored = web_store.article(seed_id)
    assert got == stored.to_dict(include_text=True)
    back = Analysis.from_dict(got)
    for span in back.spans():
        assert back.article.text[span.start : span.end] == span.text


@pytest.mark.parametrize(
    "path",
    [
        "/api/articles/no-such-article",
        "/api/people/nobody-at-all",
        "/api/nothing",
        "/article/no-such-article",
        "/person/nobody-at-all",
        "/no/such/page",
    ],
)
def test_unknown_things_are_404_with_a_reason(client, path):
    r = client.get(path)
    assert r.status_code == 404
    if path.startswith("/api/"):
        assert r.headers["content-type"].startswith("application/json")
        assert r.json()["detail"]
    else:
        assert r.headers["content-type"].startswith("text/html")
        assert 'class="detail"' in r.text


@pytest.mark.parametrize(
    "path, params, needle",
    [
        ("/api/articles", {"limit": 0}, "limit"),
        ("/api/articles", {"limit": 501}, "limit"),
        ("/api/articles", {"offset": -1}, "offset"),
        ("/api/articles", {"since": "yesterday"}, "since"),
        ("/api/articles", {"since": "2024-12-01", "until": "2024-01-01"}, "since"),
        ("/api/attributions", {"source_type": "gossip"}, "source_type"),
        ("/api/search", {}, "q"),
        ("/api/search", {"q": ""}, "q"),
        ("/api/search", {"q": "   "}, "q"),
        ("/api/search", {"q": "x" * 501}, "q"),
        ("/search", {"since": "2024-13-45"}, "since"),
        ("/search", {"source_type": "gossip"}, "source_type"),
        ("/articles", {"page": 0}, "page"),
    ],
)
def test_bad_parameters_are_400_with_a_reason(client, path, params, needle):
    r = client.get(path, params=params)
    assert r.status_code == 400
    text = r.json()["detail"] if path.startswith("/api/") else r.text
    assert needle in text


def test_attributions_filters(client, web_store, seed_id):
    stored = web_store.article(seed_id)
    got = client.get("/api/attributions", params={"article_id": seed_id, "limit": 500}).json()["items"]
    assert [q["content"] for q in got] == [a.content.text if a.content else None for a in stored.attributions]
    for st in SOURCE_TYPES:
        items = client.get("/api/attributions", params={"source_type": st, "limit": 500}).json()["items"]
        assert all(q["source_type"] == st for q in items)
        assert len(items) == len(web_store.quotes(source_type=st, limit=500))


def _a_word(web_store) -> str:
    for q in web_store.quotes(limit=500):
        for w in re.findall(r"[A-Za-z]{6,}", q["content"] or ""):
            return w
    pytest.fail("no stored statement has a word of six letters")


def test_search_finds_statements_with_the_word(client, web_store):
    word = _a_word(web_store)
    items = client.get("/api/search", params={"q": word}).json()["items"]
    assert items, word
    assert all(word.lower() in (q["content"] or "").lower() for q in items)
    for q in items:
        assert {"content", "speaker", "article_id", "source_type"} <= set(q)
    none = client.get("/api/search", params={"q": "zzyzxqqq"}).json()["items"]
    assert none == []


@pytest.mark.parametrize("q", ['"', "AND OR NOT", "NEAR(a b", "content:*", "a*b^", "');DROP TABLE articles;--"])
def test_search_syntax_cannot_break_the_query(client, q):
    r = client.get("/api/search", params={"q": q})
    assert r.status_code == 200
    assert client.get("/api/stats").json()["articles"] > 0


def test_search_filters_narrow_results(client, web_store):
    word = _a_word(web_store)
    everything = client.get("/api/search", params={"q": word, "limit": 500}).json()["items"]
    for st in {q["source_type"] for q in everything}:
        some = client.get("/api/search", params={"q": word, "source_type": st, "limit": 500}).json()["items"]
        assert some and all(q["source_type"] == st for q in some)
    late = client.get("/api/search", params={"q": word, "since": "2999-01-01"}).json()["items"]
    assert late == []


def test_people_and_person(client, web_store):
    people = client.get("/api/people", params={"limit": 500}).json()["items"]
    assert [p["person_id"] for p in people] == [p["person_id"] for p in web_store.people(limit=500)]
    for p in people[:10]:
        one = client.get(f"/api/people/{p['person_id']}").json()
        assert one["name"] == p["name"]
        assert len(one["quotes_by"]) == p["n_quotes"]


def test_outlets_match_the_store(client, web_store):
    assert client.get("/api/outlets").json() == web_store.sources_by_outlet()


def test_openapi_documents_the_api_and_only_analyze_writes(client):
    doc = client.get("/openapi.json").json()
    paths = doc["paths"]
    for p in (
        "/api/articles",
        "/api/articles/{article_id}",
        "/api/attributions",
        "/api/search",
        "/api/people",
        "/api/people/{person}",
        "/api/outlets",
        "/api/stats",
        "/api/analyze",
    ):
        assert p in paths, p
    writes = {(p, m) for p, ops in paths.items() for m in ops if m not in ("get", "head")}
    assert writes == {("/api/analyze", "post")}
    for path in (
        "/",
        "/articles",
        "/people",
        "/search",
        "/article/x",
        "/person/x",
        "/api/articles/x",
        "/api/people/x",
        "/api/search",
        "/api/stats",
    ):
        for method in ("POST", "PUT", "PATCH", "DELETE"):
            assert client.request(method, path).status_code == 405, (method, path)


def test_docs_pages_use_only_local_assets(client):
    for path in ("/docs", "/redoc"):
        r = client.get(path)
        assert r.status_code == 200
        refs = re.findall(r'(?:src|href)\s*=\s*["\']([^"\']+)', r.text)
        refs += re.findall(r"url:\s*'([^']+)'", r.text)
        assert refs, path
        for ref in refs:
            assert ref.startswith("/"), (path, ref)
            assert client.get(ref).status_code == 200, ref


def test_pages_link_only_local_assets_and_send_a_strict_csp(client, seed_id):
    for path in ("/", f"/article/{seed_id}", "/search?q=the", "/analyze", "/people", "/articles"):
        r = client.get(path)
        assert r.status_code == 200
        csp = r.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp
        assert r.headers["x-content-type-options"] == "nosniff"
        for ref in re.findall(r'<(?:script|link|img)[^>]+(?:src|href)="([^"]+)"', r.text):
            assert ref.startswith("/static/"), (path, ref)
            assert client.get(ref).status_code == 200


# -- analyze --------------------------------------------------------------------------------------------------
def test_analyze_returns_the_pipeline_result_and_stores_nothing(client, pipeline, seed_article, web_store):
    before = web_store.stats()
    body = {"text": seed_article.text, "date": seed_article.date.isoformat()}
    r = client.post("/api/analyze", json=body)
    assert r.status_code == 200
    got = r.json()
    want = pipeline.analyze(seed_article.__class__(id="pasted", text=seed_article.text, date=seed_article.date))
    assert got == want.to_dict(include_text=True)
    assert web_store.stats() == before


def test_analyze_reads_a_date_header(client, seed_article):
    r = client.post("/api/analyze", json={"text": f"date 2020-05-04\n{seed_article.text[:300]}"})
    assert r.status_code == 200
    assert r.json()["date"] == "2020-05-04" and r.json()["text"] == seed_article.text[:300]


@pytest.mark.parametrize(
    "body, status, needle",
    [
        ({"text": ""}, 400, "text"),
        ({"text": "   \n"}, 400, "empty"),
        ({"text": "Ann said hi.", "date": "26/10/2024"}, 400, "date"),
        ({"text": "Ann said hi.", "extra": 1}, 400, "extra"),
        ({"date": "2024-01-01"}, 400, "text"),
    ],
)
def test_analyze_rejects_bad_input(client, body, status, needle):
    r = client.post("/api/analyze", json=body)
    assert r.status_code == status
    assert needle in r.json()["detail"]


class _FakePipeline:
    def __init__(self, delay: float = 0.0) -> None:
        self.delay = delay
        self.calls = 0

    def analyze(self, article):
        self.calls += 1
        time.sleep(self.delay)
        return Analysis(article=article)


def _limited_app(tmp_path, delay=0.0, **limits):
    fake = _FakePipeline(delay)
    app = create_app(
        Options(db=str(tmp_path / "none.db")), settings=WebSettings(**limits), pipeline_factory=lambda _o: fake
    )
    return app, fake


def test_analyze_limits_size(tmp_path):
    app, fake = _limited_app(tmp_path, max_body_bytes=4096, max_analyze_chars=1000)
    with TestClient(app, base_url="http://localhost") as c:
        assert c.post("/api/analyze", json={"text": "Ann said hi."}).status_code == 200
        r = c.post("/api/analyze", json={"text": "a" * 1001})
        assert r.status_code == 400 and "1000" in r.json()["detail"]
        r = c.post("/api/analyze", json={"text": "a" * 5000})
        assert r.status_code == 413
        r = c.post("/analyze", data={"text": "a" * 5000})
        assert r.status_code == 413

        def chunks():  # no Content-Length: the limit is checked while reading
            for _ in range(10):
                yield b"x" * 1000

        r = c.post("/api/analyze", content=chunks(), headers={"content-type": "application/json"})
        assert r.status_code == 413
    assert fake.calls == 1


def test_analyze_limits_time_and_keeps_one_at_a_time(tmp_path):
    app, fake = _limited_app(tmp_path, delay=1.5, analyze_timeout_s=0.3)
    with TestClient(app, base_url="http://localhost") as c:
        t0 = time.perf_counter()
        r = c.post("/api/analyze", json={"text": "Ann said hi."})
        assert r.status_code == 503 and "longer than" in r.json()["detail"]
        assert time.perf_counter() - t0 < 1.4
        # the slow analysis still holds the slot: the next one waits, then gives up
        r = c.post("/api/analyze", json={"text": "Ann said hi again."})
        assert r.status_code == 503
        time.sleep(1.6)
        fake.delay = 0.0
        assert c.post("/api/analyze", json={"text": "Ann said hi."}).status_code == 200


def test_no_store_yet_is_a_clear_503_but_analyze_works(tmp_path):
    app, _ = _limited_app(tmp_path)
    with TestClient(app, base_url="http://localhost") as c:
        r = c.get("/api/stats")
        assert r.status_code == 503 and "whosaid ingest" in r.json()["detail"]
        home = c.get("/")
        assert home.status_code == 503 and "whosaid ingest" in home.text
        assert c.get("/analyze").status_code == 200


def test_store_is_opened_read_only(client, web_app):
    store = web_app.state.whosaid.store()
    assert store.readonly


def test_pipeline_is_loaded_once_per_app(tmp_path):
    made = []

    def factory(opts):
        made.append(opts)
        return _FakePipeline()

    app = create_app(Options(db=str(tmp_path / "x.db")), pipeline_factory=factory)
    with TestClient(app, base_url="http://localhost") as c:
        results = []

        def go():
            results.append(c.post("/api/analyze", json={"text": "Ann said hi."}).status_code)

        threads = [threading.Thread(target=go) for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    assert results == [200] * 4 and len(made) == 1
