"""What one app holds: its settings, a read-only store opened on first use, and a lazily loaded Pipeline.

Nothing here is global: each :func:`~whosaid.web.create_app` call makes its own :class:`AppState`.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..errors import ConfigError, StoreError
from ..options import Options

if TYPE_CHECKING:  # pragma: no cover
    from ..model import Analysis, Article
    from ..pipeline import Pipeline
    from ..store import Store

__all__ = ["WebSettings", "AppState", "AnalyzeBusy", "AnalyzeTimeout", "LOOPBACK_HOSTS"]

LOOPBACK_HOSTS = ("localhost", "127.0.0.1", "::1")
"""The Host names the web app answers to by default: this machine only."""


@dataclass(frozen=True)
class WebSettings:
    """Limits of the web app (the analyze page is the only place that runs the pipeline)."""

    max_body_bytes: int = 256 * 1024
    """Largest request body accepted by the analyze endpoints (HTTP 413 beyond)."""
    max_analyze_chars: int = 50_000
    """Longest article text the analyze endpoints accept (HTTP 400 beyond)."""
    analyze_timeout_s: float = 30.0
    """An analysis still running after this many seconds is answered with HTTP 503."""
    page_size: int = 50
    """Rows per page on list pages."""
    allowed_hosts: tuple[str, ...] = LOOPBACK_HOSTS
    """Host header values (without port) the app answers; others get HTTP 400 (DNS rebinding protection).
    ``*.example.org`` allows a domain and its subdomains; ``*`` allows any host."""
    person_page_size: int = 20
    """Statements per page on a person page (it also shows relations and a timeline)."""

    def __post_init__(self) -> None:
        if self.max_body_bytes < 1024 or self.max_analyze_chars < 1 or self.analyze_timeout_s <= 0:
            raise ConfigError("web limits must be positive (max_body_bytes at least 1024)")
        if not 1 <= self.page_size <= 500 or not 1 <= self.person_page_size <= 500:
            raise ConfigError("page_size and person_page_size must be between 1 and 500")
        if isinstance(self.allowed_hosts, str) or not self.allowed_hosts:
            raise ConfigError("allowed_hosts must be a non-empty tuple of host names (e.g. ('localhost',))")


class AnalyzeBusy(Exception):
    """Another analysis holds the (single) analysis slot for longer than the time limit."""


class AnalyzeTimeout(Exception):
    """The analysis did not finish within the time limit."""


class AppState:
    """Per-app resources. The store is shared between request threads (the Store guards its connection)."""

    def __init__(
        self,
        options: Options,
        settings: WebSettings,
        *,
        store: Store | None = None,
        pipeline_factory: Callable[[Options], Pipeline] | None = None,
    ) -> None:
        self.options = options
        self.settings = settings
        self._store = store
        self._owns_store = store is None
        self._store_lock = threading.Lock()
        self._pipeline: Pipeline | None = None
        self._pipeline_factory = pipeline_factory
        self._pipeline_lock = threading.Lock()
        self._analyze_slot = threading.BoundedSemaphore(1)

    # -- store ---------------------------------------------------------------------------------------------
    def store(self) -> Store:
        """The store, opened read-only on first use; a missing file raises StoreError (retried next time)."""
        if self._store is not None:
            return self._store
        with self._store_lock:
            if self._store is None:
                from ..store import Store

                self._store = Store(self.options.db, readonly=True)
            return self._store

    def store_or_error(self) -> tuple[Store | None, StoreError | None]:
        try:
            return self.store(), None
        except StoreError as exc:
            return None, exc

    def close(self) -> None:
        if self._owns_store and self._store is not None:
            self._store.close()
            self._store = None

    # -- pipeline ------------------------------------------------------------------------------------------
    def pipeline(self) -> Pipeline:
        """The analysis pipeline, loaded once (a few seconds) on the first analyze request."""
        if self._pipeline is None:
            with self._pipeline_lock:
                if self._pipeline is None:
                    if self._pipeline_factory is not None:
                        self._pipeline = self._pipeline_factory(self.options)
                    else:
                        from ..pipeline import Pipeline

                        self._pipeline = Pipeline(self.options)
        return self._pipeline

    async def analyze(self, article: Article) -> Analysis:
        """Run the pipeline in a worker thread, one analysis at a time, within the time limit.

        Loading the pipeline (first request only) is not counted in the limit. A thread cannot be stopped, so
        an analysis that runs over keeps the slot until it really ends; later requests wait or get AnalyzeBusy.
        """
        from starlette.concurrency import run_in_threadpool

        timeout = self.settings.analyze_timeout_s
        if not await run_in_threadpool(self._analyze_slot.acquire, True, timeout):
            raise AnalyzeBusy("another analysis is still running; try again in a minute")
        handed_off = False
        try:
            pipeline = await run_in_threadpool(self.pipeline)
            task = asyncio.ensure_future(run_in_threadpool(pipeline.analyze, article))
            try:
                return await asyncio.wait_for(asyncio.shield(task), timeout)
            except TimeoutError:
                raise AnalyzeTimeout(f"the analysis took longer than {timeout:g} s; send a shorter article") from None
            finally:
                if not task.done():
                    task.add_done_callback(lambda _t: self._analyze_slot.release())
                    handed_off = True
        finally:
            if not handed_off:
                self._analyze_slot.release()
