"""Local multi-process analysis: a pool of worker processes, each building one Pipeline once.

The main process reads articles and sends them in chunks; every worker runs the *whole* analysis (spaCy parse
and whosaid's stages) and sends back only the small frozen results, never spaCy Docs. Results come back in
input order. Workers leave on their own when the main process dies (even by ``kill -9``): each watches a pipe
that only the main process holds open and exits the moment it reads end-of-file, without waiting for
results nobody will read; on Linux the kernel also kills a worker whose parent dies (``PR_SET_PDEATHSIG``).
"""

from __future__ import annotations

import itertools
import logging
import multiprocessing as mp
import os
import queue
import signal
import sys
import threading
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..errors import ModelError, WhosaidError
from ..model import Analysis, Article
from ..options import Options

if TYPE_CHECKING:  # pragma: no cover
    from ..pipeline import Pipeline

__all__ = [
    "Failure",
    "Result",
    "analyze_parallel",
    "analyze_stream",
    "analyze_chunk",
    "peek_size",
    "PARALLEL_MIN_CHARS",
]

log = logging.getLogger(__name__)

PARALLEL_MIN_CHARS = 60_000
"""Below this much text, starting worker processes costs more than it saves (about 4 s of parsing)."""

_THREAD_VARS = (
    "OMP_NUM_THREADS",
    "OPENBLAS_NUM_THREADS",
    "MKL_NUM_THREADS",
    "VECLIB_MAXIMUM_THREADS",
    "NUMEXPR_NUM_THREADS",
)


@dataclass(frozen=True)
class Failure:
    """An article whose analysis failed as a whole (not just one stage): it is skipped and reported."""

    article: Article
    message: str


Result = Analysis | Failure


def analyze_chunk(pipeline: Pipeline, articles: Sequence[Article]) -> list[Result]:
    """Analyze a chunk with one ``nlp.pipe`` pass; if the chunk fails, retry article by article."""
    try:
        return list(pipeline.pipe(articles, batch_size=max(1, len(articles))))
    except Exception as exc:  # noqa: BLE001 - one bad article must not lose the chunk
        log.warning("chunk of %d articles failed (%s); retrying one by one", len(articles), exc)
    out: list[Result] = []
    for art in articles:
        try:
            out.append(pipeline.analyze(art))
        except Exception as exc:  # noqa: BLE001
            out.append(Failure(art, f"analysis failed: {type(exc).__name__}: {exc}"))
    return out


def _chunks(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    it = iter(items)
    while chunk := list(itertools.islice(it, size)):
        yield chunk


def _default_factory(options: Options) -> Pipeline:
    from ..pipeline import Pipeline

    return Pipeline(options)


def _die_with_parent() -> None:
    """Linux: have the kernel send SIGKILL to this process when its parent (the fork server) ends."""
    if sys.platform != "linux":
        return
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # pragma: no cover - no libc prctl: the pipe watch still works
        pass


def _watch_parent(alive: Any) -> None:
    """Block until the main process is gone (EOF on ``alive``), then leave at once, whatever we are doing."""
    try:
        alive.poll(None)
    except (OSError, EOFError, ValueError):
        pass
    os._exit(0)


def _worker_main(
    options: Options, tasks: Any, results: Any, alive: Any, factory: Callable[[Options], Any] = _default_factory
) -> None:
    """A worker: build the Pipeline once, then analyze chunks until told to stop or the main process is gone.

    ``alive`` is the read end of a pipe whose only writer is the main process: it reads EOF once that process
    has died, however it died. A watcher thread waits for that and ends the process at once, even in the
    middle of an analysis or of sending results (which nobody would read: waiting to send them is how workers
    used to outlive their parent, blocked on a full pipe).
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the main process handles Ctrl-C and stops us
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _die_with_parent()
    threading.Thread(target=_watch_parent, args=(alive,), name="whosaid-parent-watch", daemon=True).start()
    for var in _THREAD_VARS:  # one process per core: no extra math threads fighting over it
        os.environ.setdefault(var, "1")
    try:
        pipeline = factory(options)
    except Exception as exc:  # noqa: BLE001 - reported to the main process, which raises it
        results.put((-1, f"{type(exc).__name__}: {exc}"))
        return
    while True:
        if alive.poll():  # EOF: the main process is gone (even by kill -9), so nobody wants our results:
            os._exit(0)  # leave without waiting to send them
        try:
            task = tasks.get(timeout=1.0)
        except queue.Empty:
            continue
        if task is None:
            return
        seq, articles = task
        results.put((seq, analyze_chunk(pipeline, articles)))


def _context() -> Any:
    """A fork server that has imported spaCy once (workers fork from it: no per-worker import cost, and no
    fork of a multi-threaded process); plain spawn where there is no fork server (Windows)."""
    if "forkserver" in mp.get_all_start_methods():
        ctx = mp.get_context("forkserver")
        ctx.set_forkserver_preload(["spacy", "whosaid.pipeline", "whosaid.scale.local"])
        return ctx
    return mp.get_context("spawn")


def analyze_parallel(
    articles: Iterable[Article],
    options: Options,
    *,
    n_process: int | None = None,
    chunk_size: int | None = None,
    keep_failures: bool = False,
    factory: Callable[[Options], Any] | None = None,
) -> Iterator[Any]:
    """Analyses in input order from ``n_process`` (default ``options.n_process``) worker processes.

    Each worker builds ``Pipeline(options)`` once. Articles travel in chunks of ``chunk_size`` (default: the
    smaller of ``options.batch_size`` and 16, which keeps both workers busy up to the end). An article whose
    analysis fails raises ModelError, or is yielded as a :class:`Failure` when ``keep_failures`` is true.
    ``factory`` (a picklable top-level function of the options) builds each worker's pipeline instead of
    ``Pipeline(options)``.
    """
    workers = max(1, int(n_process or options.n_process))
    size = max(1, int(chunk_size or min(options.batch_size, 16)))
    ctx = _context()
    tasks = ctx.Queue()
    results = ctx.Queue()
    alive_r, alive_w = ctx.Pipe(duplex=False)
    procs = [
        ctx.Process(
            target=_worker_main,
            args=(options, tasks, results, alive_r, factory or _default_factory),
            daemon=True,
            name=f"whosaid-worker-{i}",
        )
        for i in range(workers)
    ]
    for p in procs:
        p.start()
    try:
        yield from _collect(_chunks(articles, size), tasks, results, procs, keep_failures, in_flight=2 * workers + 1)
        for _ in procs:
            tasks.put(None)
        for p in procs:
            p.join(timeout=10)
    finally:
        for p in procs:
            if p.is_alive():
                p.terminate()
        for p in procs:
            p.join(timeout=5)
            if p.is_alive():  # stuck in native code that ignores SIGTERM
                p.kill()
                p.join(timeout=5)
        for q in (tasks, results):  # unsent chunks are of no use now: never block the exit on them
            q.cancel_join_thread()
            q.close()
        alive_w.close()
        alive_r.close()


def _collect(
    chunks: Iterator[list[Article]], tasks: Any, results: Any, procs: list[Any], keep_failures: bool, *, in_flight: int
) -> Iterator[Result]:
    sent = done = 0
    ready: dict[int, list[Result]] = {}
    exhausted = False
    while True:
        while not exhausted and sent - done < in_flight:
            chunk = next(chunks, None)
            if chunk is None:
                exhausted = True
                break
            tasks.put((sent, chunk))
            sent += 1
        if exhausted and done == sent:
            return
        while done not in ready:
            try:
                seq, payload = results.get(timeout=2.0)
            except queue.Empty:
                dead = [p for p in procs if not p.is_alive()]
                if dead:
                    raise ModelError(
                        f"a worker process died (exit code {dead[0].exitcode}); rerun with "
                        "--processes 1 to see the error, or lower --batch-size if memory ran out "
                        "(in a script, call whosaid under `if __name__ == '__main__':`)"
                    ) from None
                continue
            if seq < 0:
                raise ModelError(f"a worker could not build the pipeline: {payload}")
            ready[seq] = payload
        for item in ready.pop(done):
            if isinstance(item, Failure) and not keep_failures:
                raise ModelError(f"article {item.article.id}: {item.message}")
            yield item
        done += 1


def _build(options: Options) -> Pipeline:
    from ..pipeline import Pipeline

    try:
        return Pipeline(options)
    except WhosaidError:
        raise
    except Exception as exc:  # noqa: BLE001
        raise ModelError(f"cannot build the pipeline: {type(exc).__name__}: {exc}") from None


def peek_size(articles: Iterable[Article], min_chars: int) -> tuple[list[Article], Iterator[Article], bool]:
    """Read ahead until ``min_chars`` of text are seen: (buffered, rest, whether the input reaches it)."""
    it = iter(articles)
    buffered: list[Article] = []
    total = 0
    for art in it:
        buffered.append(art)
        total += len(art.text)
        if total >= min_chars:
            return buffered, it, True
    return buffered, it, False


def analyze_stream(
    articles: Iterable[Article],
    options: Options,
    *,
    pipeline: Pipeline | None = None,
    keep_failures: bool = True,
    min_chars: int = PARALLEL_MIN_CHARS,
) -> Generator[Result, None, None]:
    """Analyses in input order, on worker processes when ``options.n_process > 1`` and the input is large.

    Small inputs (less than ``min_chars`` of text) run in this process, where ``pipeline`` is used if given.
    """
    if options.n_process > 1:
        head, rest, large = peek_size(articles, min_chars)
        articles = itertools.chain(head, rest)
        if large:
            yield from analyze_parallel(articles, options, keep_failures=keep_failures)
            return
    for chunk in _chunks(articles, options.batch_size):
        if pipeline is None:  # built on the first article: a run with nothing to analyze loads no model
            pipeline = _build(options)
        for item in analyze_chunk(pipeline, chunk):
            if isinstance(item, Failure) and not keep_failures:
                raise ModelError(f"article {item.article.id}: {item.message}")
            yield item
