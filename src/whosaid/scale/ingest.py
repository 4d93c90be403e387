"""Resumable ingest: read any input, skip what the store already has, analyze the rest, write in batches.

Every batch of ``options.batch_size`` results is written in one transaction, so an ingest killed at any
moment (``kill -9`` included) leaves only whole batches behind; run again, it skips every article already
stored with the same content hash and finishes the rest. Unreadable inputs and failed analyses are recorded
in the store's ``errors`` table and counted in the summary.

An id met twice in one run is a **duplicate**, handled by ``on_duplicate`` (:data:`ON_DUPLICATE`):
``skip`` (the default) keeps the first and skips the later ones, ``replace`` keeps the last (each later one
replaces the one before), ``error`` stops the run at the first duplicate. Every duplicate is counted in the
summary and recorded in the ``errors`` table with where it was read and where the kept one was, so one
article never silently takes another's place, and a rerun keeps the same one.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING

from ..errors import InputError
from ..model import Analysis, Article
from ..options import Options
from ..store import Store, content_hash
from .local import Failure, Result, analyze_stream

if TYPE_CHECKING:
    from ..readers import FieldMap

__all__ = [
    "IngestSummary",
    "ingest",
    "ingest_items",
    "Planner",
    "write_results",
    "ENGINES",
    "ON_DUPLICATE",
    "DuplicateIdError",
]

ENGINES = ("local", "dask")
ON_DUPLICATE = ("skip", "replace", "error")
Progress = Callable[[int], None]
Item = Article | InputError | tuple[Article | InputError, str]
"""A reader result, alone or with where it was read (``file:line``), as :func:`whosaid.readers.read_located`
yields them."""


class DuplicateIdError(InputError):
    """Two articles of one run have the same id and ``on_duplicate`` is ``error``."""


@dataclass
class IngestSummary:
    """What an ingest run did. ``skipped``: already stored with the same content (not analyzed again)."""

    read: int = 0
    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    skipped: int = 0
    failed: int = 0
    duplicates: int = 0
    with_warnings: int = 0
    attributions: int = 0
    words: int = 0
    seconds: float = 0.0
    engine: str = "local"
    errors: list[str] = field(default_factory=list)
    clustered: int = 0  # statements added to the statement clusters (quote provenance)
    clustering_seconds: float = 0.0  # of ``seconds``, the time spent clustering

    @property
    def rejected(self) -> int:
        """Inputs not stored as given: unreadable, failed analyses and duplicate ids."""
        return self.failed + self.duplicates

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
        out["rejected"] = self.rejected
        out["articles_per_s"] = round(self.articles_per_s, 2)
        out["seconds"] = round(self.seconds, 2)
        return out

    def line(self) -> str:
        parts = [
            f"{self.read} read",
            f"{self.added} added",
            f"{self.replaced} replaced",
            f"{self.skipped} already stored",
            f"{self.failed} failed",
        ]
        if self.duplicates:
            parts.append(f"{self.duplicates} duplicate id{'s' if self.duplicates != 1 else ''}")
        if self.unchanged:
            parts.insert(3, f"{self.unchanged} unchanged")
        rate = f"{self.articles_per_s:.1f} articles/s" if self.analyzed else "nothing to analyze"
        return f"ingest ({self.engine}): " + ", ".join(parts) + f" in {self.seconds:.1f} s ({rate})"


class Planner:
    """Turns reader output into the articles still to analyze; counts skips, duplicates and input errors."""

    def __init__(
        self,
        store: Store,
        summary: IngestSummary,
        *,
        force: bool = False,
        batch: int = 256,
        progress: Progress | None = None,
        on_duplicate: str = "skip",
    ) -> None:
        if on_duplicate not in ON_DUPLICATE:
            raise ValueError(f"on_duplicate must be one of {', '.join(ON_DUPLICATE)}, not {on_duplicate!r}")
        self.store = store
        self.summary = summary
        self.force = force
        self.batch = batch
        self.progress = progress or (lambda n: None)
        self.on_duplicate = on_duplicate
        self.pending_errors: list[tuple[str | None, str, str]] = []
        self.seen: dict[str, tuple[str, str]] = {}
        """id -> (where the article kept so far was read, its content hash), for this run."""

    def error(self, article_id: str | None, source: str, message: str) -> None:
        self.summary.failed += 1
        self._note(article_id, source, message)

    def _note(self, article_id: str | None, source: str, message: str) -> None:
        self.summary.errors.append(f"{source}: {message}")
        self.pending_errors.append((article_id, source, message))

    def where(self, article_id: str) -> str:
        """Where the article with this id (the one kept in this run) was read, else the id itself."""
        seen = self.seen.get(article_id)
        return seen[0] if seen else article_id

    def take_errors(self) -> list[tuple[str | None, str, str]]:
        out, self.pending_errors = self.pending_errors, []
        return out

    def _duplicate(self, art: Article, where: str, chash: str) -> bool:
        """Handle an id met before in this run; True when this article is to be analyzed (replace)."""
        first_where, kept_hash = self.seen[art.id]
        self.summary.duplicates += 1
        if self.on_duplicate == "error":
            raise DuplicateIdError(
                f"duplicate article id {art.id!r}, first read at {first_where}; give every "
                "article its own id, or pass --on-duplicate skip|replace",
                source=where,
            )
        if self.on_duplicate == "replace":
            message = (
                f"duplicate id {art.id!r}: replaces the article read at {first_where} "
                "(--on-duplicate replace keeps the last one)"
            )
            self.seen[art.id] = (where, chash)
        else:
            message = (
                f"duplicate id {art.id!r}: skipped, the article read at {first_where} is kept "
                "(the first one wins; give each article its own id, or --on-duplicate replace)"
            )
        self._note(None, where, message)
        return self.on_duplicate == "replace" and chash != kept_hash

    def articles(self, items: Iterable[Item]) -> Iterator[Article]:
        it = iter(items)
        while group := list(itertools.islice(it, self.batch)):
            arts: list[tuple[Article, str]] = []
            for entry in group:
                item, where = entry if isinstance(entry, tuple) else (entry, None)
                if isinstance(item, InputError):
                    at = f"{item.source}:{item.line}" if item.source and item.line else (item.source or "input")
                    self.error(None, at, item.reason)
                    self.progress(1)
                else:
                    arts.append((item, where or item.id))
            known = {} if self.force else self.store.known_hashes(a.id for a, _ in arts)
            for art, where in arts:
                self.summary.read += 1
                chash = content_hash(art)
                if art.id in self.seen:
                    if not self._duplicate(art, where, chash):
                        self.progress(1)
                        continue
                else:
                    self.seen[art.id] = (where, chash)
                    if known.get(art.id) == chash:
                        self.summary.skipped += 1
                        self.progress(1)
                        continue
                self.summary.words += len(art.text.split())
                yield art


def write_results(
    store: Store,
    results: Iterable[Result],
    planner: Planner,
    *,
    batch_size: int,
    force: bool = False,
    before_first_write: Callable[[], None] | None = None,
) -> None:
    """Write results in transactions of ``batch_size`` (each with the errors collected meanwhile).

    ``before_first_write`` runs once, just before the first transaction (ingest logs its run there, so that a
    run that fails before writing anything, on a damaged store say, leaves the file as it was).
    """
    summary = planner.summary
    buf: list[Result] = []
    start = before_first_write

    def flush() -> None:
        nonlocal start
        if start is not None:
            begin, start = start, None
            begin()
        analyses: list[Analysis] = []
        for item in buf:
            if isinstance(item, Failure):
                planner.error(item.article.id, planner.where(item.article.id), item.message)
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


def ingest_items(
    items: Iterable[Item],
    store: Store,
    options: Options,
    *,
    force: bool = False,
    progress: Progress | None = None,
    engine: str = "local",
    analyze: Callable[[Iterator[Article]], Iterable[Result]] | None = None,
    on_duplicate: str = "skip",
    provenance: bool = True,
    sign: object | None = None,
) -> IngestSummary:
    """Ingest reader output into ``store``. ``analyze`` maps articles to results (default: local processes).

    ``items`` are reader results, alone or as ``(result, where)`` pairs (:func:`whosaid.readers.read_located`)
    so that duplicate ids name where each was read. Raises :class:`DuplicateIdError` at the first duplicate
    id when ``on_duplicate`` is ``error`` (the batches written before it stay: a rerun resumes). With
    ``provenance`` the new statements then join the store's statement clusters (``sign``: a
    :data:`whosaid.provenance.Signer`, e.g. Dask workers; default in this process).
    """
    summary = IngestSummary(engine=engine)
    started = time.perf_counter()
    planner = Planner(
        store, summary, force=force, batch=max(64, options.batch_size), progress=progress, on_duplicate=on_duplicate
    )
    run: list[int] = []

    def log_run() -> None:
        run.append(store.start_run(engine, asdict(options) | {"force": force, "on_duplicate": on_duplicate}))

    todo = planner.articles(items)
    results = analyze(todo) if analyze is not None else analyze_stream(todo, options, keep_failures=True)
    try:
        write_results(store, results, planner, batch_size=options.batch_size, force=force, before_first_write=log_run)
        if provenance:
            from ..provenance import update_clusters

            done = update_clusters(store, sign=sign)  # type: ignore[arg-type]
            summary.clustered, summary.clustering_seconds = done.looked_at, round(done.seconds, 2)
    finally:
        summary.seconds = time.perf_counter() - started
        close = getattr(results, "close", None)
        if close is not None:  # stop worker processes now, even when an error or a signal ends the run
            close()
    store.finish_run(
        run[0],
        {
            "added": summary.added,
            "unchanged": summary.unchanged + summary.skipped,
            "replaced": summary.replaced,
            "failed": summary.rejected,
        },
    )
    return summary


def ingest(
    paths: Sequence[str],
    store: Store,
    options: Options,
    *,
    fields: FieldMap | None = None,
    kind: str | None = None,
    force: bool = False,
    progress: Progress | None = None,
    on_duplicate: str = "skip",
) -> IngestSummary:
    """Ingest files, folders, globs or ``-`` (stdin) with local processes (see :func:`ingest_items`)."""
    from ..readers import read_located

    return ingest_items(
        read_located(paths, fields=fields, kind=kind),
        store,
        options,
        force=force,
        progress=progress,
        on_duplicate=on_duplicate,
    )
