"""Time every page and API endpoint of the web app over a store (docs/bench-web.md).

    whosaid ingest ../shared/data/polnear/dev.jsonl examples/ --db /tmp/bench-web.db
    python bench/bench_web.py /tmp/bench-web.db [--browser]

Requests go through the whole ASGI app (middleware, routing, templates) with Starlette's TestClient, in one
process; each URL kind is timed over many ids (every article page, the 30 most-quoted people, 12 searches,
every outlet, every page of the article list). The CSV download of every statement is timed whole.
"""

from __future__ import annotations

import csv
import io
import json
import statistics
import sys
import time
from urllib.parse import quote

from fastapi.testclient import TestClient

from whosaid.options import Options
from whosaid.store import Store
from whosaid.web import create_app
from whosaid.web.render import article_href, person_href

WORDS = [
    "trump",
    "clinton",
    "campaign",
    "tax",
    "debate",
    "police",
    "economy",
    "email",
    "vote",
    "immigration",
    "russia",
    "health",
]


def main(db: str) -> None:
    with Store(db, readonly=True) as store:
        ids = [a["id"] for a in store.articles(limit=10_000)]
        people = [p["person_id"] for p in store.people(limit=30)]
        outlets = [o["outlet"] for o in store.outlets()]
        stats = store.stats()
        n_people = store.count_people()
    client = TestClient(create_app(Options(db=db)))
    client.get("/")  # open the store, fill caches
    kinds = {
        "overview /": ["/"] * 20,
        "articles list": ["/articles"] * 20,
        "article page": [article_href(i) for i in ids],
        "people list": ["/people"] * 20,
        "person page": [person_href(p) for p in people],
        "search page": [f"/search?q={w}" for w in WORDS],
        "search + filters": [f"/search?q={w}&source_type=person&since=2016-09-15" for w in WORDS],
        "GET /api/articles/{id}": [f"/api{article_href(i).replace('/article/', '/articles/')}" for i in ids],
        "GET /api/search": [f"/api/search?q={w}" for w in WORDS],
        "GET /api/people/{id}": [f"/api/people/{p}" for p in people],
        "GET /api/outlets": ["/api/outlets"] * 20,
        "articles list, every page": [f"/articles?page={k}" for k in range(1, len(ids) // 50 + 2)],
        "people list, every page": [f"/people?page={k}" for k in range(1, n_people // 50 + 2)],
        "person page, statements about them": [f"{person_href(p)}?role=about" for p in people],
        "outlets page": ["/outlets"] * 10,
        "outlet page": [f"/outlets/{quote(o, safe='')}" for o in outlets],
        "trends by month": ["/trends?by=month"] * 10,
        "trends by week": ["/trends?by=week"] * 10,
        "rankings (organization, anonymous)": ["/rankings/organization", "/rankings/anonymous"] * 5,
        "search + said dates": [f"/search?q={w}&said_since=2016-09-15&said_until=2016-10-15" for w in WORDS],
        "GET /api/sourcing?by=outlet,month": ["/api/sourcing?by=outlet,month"] * 10,
        "GET /api/attributions (total)": [f"/api/attributions?q={w}&limit=50" for w in WORDS],
    }
    print(
        f"store: {db}: {stats['articles']} articles, {stats['attributions']} statements, "
        f"{stats['people']} people, {stats['outlets']} outlets"
    )
    print("| request | n | median ms | p95 ms | max ms |\n|---|---:|---:|---:|---:|")
    worst = 0.0
    for name, urls in kinds.items():
        times = []
        for url in urls:
            t0 = time.perf_counter()
            r = client.get(url)
            times.append((time.perf_counter() - t0) * 1000)
            if r.status_code != 200:
                raise SystemExit(f"{url}: HTTP {r.status_code}: {r.text[:200]}")
        times.sort()
        p95 = times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))]
        worst = max(worst, times[-1])
        print(f"| {name} | {len(times)} | {statistics.median(times):.1f} | {p95:.1f} | {times[-1]:.1f} |")
    print(f"slowest single request: {worst:.1f} ms")
    for fmt in ("csv", "json"):
        t0 = time.perf_counter()
        r = client.get(f"/api/attributions/export?format={fmt}")
        took = time.perf_counter() - t0
        rows = sum(1 for _ in csv.reader(io.StringIO(r.text))) - 1 if fmt == "csv" else len(json.loads(r.text))
        print(f"export of every statement as {fmt}: {rows} rows, {len(r.content) / 1e6:.1f} MB in {took:.2f} s")
    if "--browser" in sys.argv:
        browser_times(db, ids, people)


def browser_times(db: str, ids: list[str], people: list[str]) -> None:
    """Full page loads in headless Chromium (navigation start to the load event), app served by uvicorn."""
    from playwright.sync_api import sync_playwright
    from web_server import CHROMIUM_ARGS, serve

    kinds = {
        "overview /": ["/"] * 10,
        "article page": [article_href(i) for i in ids],
        "person page": [person_href(p) for p in people],
        "search page": [f"/search?q={w}" for w in WORDS],
    }
    print("\n| page in Chromium (load event) | n | median ms | max ms |\n|---|---:|---:|---:|")
    with serve(db) as base:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            page = browser.new_page()
            page.goto(base + "/")
            for name, urls in kinds.items():
                times = []
                for url in urls:
                    page.goto(base + url, wait_until="load")
                    times.append(
                        page.evaluate(
                            "() => { const n = performance.getEntriesByType('navigation')[0];"
                            " return n.loadEventEnd - n.startTime; }"
                        )
                    )
                print(f"| {name} | {len(times)} | {statistics.median(times):.1f} | {max(times):.1f} |")
            browser.close()


if __name__ == "__main__":
    main(next((a for a in sys.argv[1:] if not a.startswith("--")), "whosaid.db"))
