"""Running the app for a real browser: uvicorn on a free loopback port, Debian's Chromium through Playwright,
and a page that records what it must never do (requests leaving the app, dialogs, script errors)."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@contextlib.contextmanager
def serve(app: Any) -> Iterator[str]:
    """The app served by uvicorn on 127.0.0.1 (a free port) while the block runs; yields its base URL."""
    uvicorn = pytest.importorskip("uvicorn")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the test server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@contextlib.contextmanager
def chromium() -> Iterator[Any]:
    """A headless Chromium (skips the test when it or playwright is missing; never `playwright install`)."""
    if not (os.path.exists(CHROMIUM) or shutil.which("chromium")):
        pytest.skip(f"{CHROMIUM} not found: apt-get install -y chromium (make test does it)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="pip install playwright (in the test extras)")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=CHROMIUM if os.path.exists(CHROMIUM) else shutil.which("chromium"), args=CHROMIUM_ARGS
        )
        try:
            yield b
        finally:
            b.close()


class Watch:
    """What a page did that it should not: requests leaving the app, dialogs, script errors."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.outside: list[str] = []
        self.dialogs: list[str] = []
        self.errors: list[str] = []

    def check(self) -> None:
        assert self.outside == [], f"requests outside the app: {self.outside}"
        assert self.dialogs == [], f"dialogs opened: {self.dialogs}"
        assert self.errors == [], f"script errors: {self.errors}"


@contextlib.contextmanager
def watched_page(browser: Any, base: str, *, width: int = 1400, height: int = 900, **context: Any) -> Iterator[Any]:
    """A new page at ``width`` x ``height``; ``page.base`` is the app's URL; checked for misdeeds at the end."""
    ctx = browser.new_context(viewport={"width": width, "height": height}, **context)
    pg = ctx.new_page()
    watch = Watch(base)

    def on_request(req: Any) -> None:
        if not (req.url.startswith(base) or req.url.startswith(("data:", "blob:", "about:"))):
            watch.outside.append(req.url)

    def on_dialog(dialog: Any) -> None:
        watch.dialogs.append(dialog.message)
        dialog.dismiss()

    pg.on("request", on_request)
    pg.on("dialog", on_dialog)
    pg.on("pageerror", lambda exc: watch.errors.append(str(exc)))
    pg.base = base
    pg.watch = watch
    try:
        yield pg
    finally:
        ctx.close()
    watch.check()
