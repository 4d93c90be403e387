"""Resumable ingest: read any input, skip what the store already has, analyze the rest, write in batches.

Every batch of ``options.batch_size`` results is written in one transaction, so an ingest killed at any
moment (``kill -9`` included) leaves only whole batches behind; run again, it skips every article already
stored with the same content hash and finishes the rest. Unreadable inputs and failed analyses are recorded
in the store's ``errors`` table and counted in the summary.
"""

from __future__ import annotations

import itertools
import time
from dataclasses import asdict, dataclass, field
from typing import Callable, Iterable, Iterator, Sequence

from ..errors import InputError
from ..model import Analysis, Article
from ..options import Options
from ..store import Store, content_hash
from .local import Failure, Result, analyze_stream

__all__ = ["IngestSummary", "ingest", "ingest_items", "Planner", "write_results", "ENGINES"]

ENGINES = ("local", "dask")
Progress = Callable[[int], None]


@dataclass
class IngestSummary:
    """What an ingest run did. ``skipped``: already stored with the same content (not analyzed again)."""

    read: int = 0
    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    skipped: int = 0
    failed: int = 0
    with_warnings: int = 0
    attributions: int = 0
    words: int = 0
    seconds: float = 0.0
    engine: str = "local"
    errors: list[str] = field(default_factory=list)
    clustered: int = 0  # statements added to the statement clusters (quote provenance)
    clustering_seconds: float = 0.0  # of ``seconds``, the time spent clustering

    @property
    def analyzed(self) -> int:
        return self.added + self.replaced + self.unchanged

    @property
    def articles_per_s(self) -> float:
        return self.analyzed / self.seconds if self.seconds > 0 else 0.0

    def as_dict(self) -> dict[str, object]:
        out = asdict(self)
        out["errors"] = self.errors[:20]
        out["analyzed"] = self.analyzed
        out["articles_per_s"] = round(self.articles_per_s, 2)
        out["seconds"] = round(self.seconds, 2)
        return out

    def line(self) -> str:
        parts = [f"{self.read} read", f"{self.added} added", f"{self.replaced} replaced",
                 f"{self.skipped} already stored", f"{self.failed} failed"]
        if self.unchanged:
            parts.insert(3, f"{self.unchanged} unchanged")
        rate = f"{self.articles_per_s:.1f} articles/s" if self.analyzed else "nothing to analyze"
        return f"ingest ({self.engine}): " + ", ".join(parts) + f" in {self.seconds:.1f} s ({rate})"


class Planner:
    """Turns reader output into the articles still to analyze; counts skips and collects input errors."""

    def __init__(self, store: Store, summary: IngestSummary, *, force: bool = False, batch: int = 256,
                 progress: Progress | None = None) -> None:
        self.store = store
        self.summary = summary
        self.force = force
        self.batch = batch
        self.progress = progress or (lambda n: None)
        self.pending_errors: list[tuple[str | None, str, str]] = []

    def error(self, article_id: str | None, source: str, message: str) -> None:
        self.summary.failed += 1
        self.summary.errors.append(f"{source}: {message}")
        self.pending_errors.append((article_id, source, message))

    def take_errors(self) -> list[tuple[str | None, str, str]]:
        out, self.pending_errors = self.pending_errors, []
        return out

    def articles(self, items: Iterable[Article | InputError]) -> Iterator[Article]:
        it = iter(items)
        while group := list(itertools.islice(it, self.batch)):
            arts: list[Article] = []
            for item in group:
                if isinstance(item, InputError):
                    where = f"{item.source}:{item.line}" if item.source and item.line else (item.source or "input")
                    self.error(None, where, item.reason)
                    self.progress(1)
                else:
                    arts.append(item)
            known = {} if self.force else self.store.known_hashes(a.id for a in arts)
            for art in arts:
                self.summary.read += 1
                if known.get(art.id) == content_hash(art):
                    self.summary.skipped += 1
                    self.progress(1)
                    continue
                self.summary.words += len(art.text.split())
                yield art


def write_results(store: Store, results: Iterable[Result], planner: Planner, *, batch_size: int,
                  force: bool = False) -> None:
    """Write results in transactions of ``batch_size`` (each with the errors collected meanwhile)."""
    summary = planner.summary
    buf: list[Result] = []

    def flush() -> None:
        analyses: list[Analysis] = []
        for item in buf:
            if isinstance(item, Failure):
                planner.error(item.article.id, item.article.id, item.message)
            else:
                analyses.append(item)
                summary.attributions += len(item.attributions)
                summary.with_warnings += bool(item.warnings)
        counts = store.upsert_many(analyses, errors=planner.take_errors(), force=force)
        summary.added += counts["added"]
        summary.replaced += counts["replaced"]
        summary.unchanged += counts["unchanged"]
        planner.progress(len(buf))
        buf.clear()

    for item in results:
        buf.append(item)
        if len(buf) >= batch_size:
            flush()
    flush()


def ingest_items(items: Iterable[Article | InputError], store: Store, options: Options, *, force: bool = False,
                 progress: Progress | None = None, engine: str = "local",
                 analyze: Callable[[Iterator[Article]], Iterable[Result]] | None = None,
                 provenance: bool = True, sign: object | None = None) -> IngestSummary:
    """Ingest reader output into ``store``. ``analyze`` maps articles to results (default: local processes).

    With ``provenance`` the new statements then join the store's statement clusters (``sign``: a
    :data:`whosaid.provenance.Signer`, e.g. Dask workers; default in this process).
    """
    summary = IngestSummary(engine=engine)
    started = time.perf_counter()
    run = store.start_run(engine, asdict(options) | {"force": force})
    planner = Planner(store, summary, force=force, batch=max(64, options.batch_size), progress=progress)
    todo = planner.articles(items)
    results = analyze(todo) if analyze is not None else analyze_stream(todo, options, keep_failures=True)
    try:
        write_results(store, results, planner, batch_size=options.batch_size, force=force)
        if provenance:
            from ..provenance import update_clusters

            done = update_clusters(store, sign=sign)  # type: ignore[arg-type]
            summary.clustered, summary.clustering_seconds = done.looked_at, round(done.seconds, 2)
    finally:
        summary.seconds = time.perf_counter() - started
    store.finish_run(run, {"added": summary.added, "unchanged": summary.unchanged + summary.skipped,
                           "replaced": summary.replaced, "failed": summary.failed})
    return summary


def ingest(paths: Sequence[str], store: Store, options: Options, *, fields: object | None = None,
           kind: str | None = None, force: bool = False, progress: Progress | None = None) -> IngestSummary:
    """Ingest files, folders, globs or ``-`` (stdin) with local processes (see :func:`ingest_items`)."""
    from ..readers import read_articles

    return ingest_items(read_articles(paths, fields=fields, kind=kind), store, options,  # type: ignore[arg-type]
                        force=force, progress=progress)
