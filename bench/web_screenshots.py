"""Screenshots of the main pages for docs/screenshots/ (headless Chromium, Debian's package).

whosaid ingest ../shared/data/polnear/dev.jsonl examples/ --db /tmp/bench-web.db
python bench/web_screenshots.py /tmp/bench-web.db docs/screenshots
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright
from web_server import CHROMIUM_ARGS, serve  # bench/web_server.py, beside this script

from whosaid.store import Store
from whosaid.web.render import person_href


def main(db: str, out: str) -> None:
    target = Path(out)
    target.mkdir(parents=True, exist_ok=True)
    with Store(db, readonly=True) as store:
        ivanka = store.person("Ivanka Trump")
        top = store.people(limit=1)[0]["person_id"]
    with serve(db) as base:
        pages = [
            ("overview.png", "/", True, None),
            ("article.png", "/article/seed-article", False, "#article-text .hl.c"),
            ("person.png", person_href(ivanka["person_id"] if ivanka else top), False, None),
            ("search.png", "/search?q=tax&source_type=person", False, None),
            ("outlet.png", "/outlets/nyt", False, None),
            ("trends.png", "/trends?by=month&since=2016-09-01&until=2016-10-31", True, None),
            ("docs.png", "/docs", False, None),
        ]
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            for name, path, full, click in pages:
                page.goto(base + path)
                if path == "/docs":
                    page.wait_for_selector(".swagger-ui .opblock")
                if click:  # show the statement popover
                    page.locator(click).nth(2).click()
                page.screenshot(path=str(target / name), full_page=full)
                print(target / name)
            narrow = browser.new_page(viewport={"width": 400, "height": 860})
            for name, path in (("overview-400.png", "/"), ("person-400.png", person_href(top))):
                narrow.goto(base + path)
                narrow.screenshot(path=str(target / name), full_page=False)
                print(target / name)
            page.goto(base + "/analyze")
            page.fill("textarea[name=text]", (Path("examples") / "trade-talks.txt").read_text(encoding="utf-8"))
            page.click("form.analyze-form button[type=submit]")
            page.wait_for_selector("h2.result-title", timeout=120_000)
            page.screenshot(path=str(target / "analyze.png"), full_page=False)
            print(target / "analyze.png")
            browser.close()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else "docs/screenshots")
