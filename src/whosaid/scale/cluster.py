"""Ingest on Dask: partitions of articles go to workers (pipeline loaded once per worker), results come back
as Parquet partitions that are merged into the store, in input order, so the database equals a local run's.

Needs the extra ``whosaid[dask]`` (``dask[distributed]`` and ``pyarrow``). Use a LocalCluster
(``workers=N``), an existing scheduler (``scheduler="tcp://host:8786"``) or any ``distributed.Client``
(Kubernetes, dask-jobqueue; see docs/corpus.md). Workers need whosaid and the spaCy pipeline installed; they
need no shared file system: partitions travel back to the client, which writes the Parquet files and the store.
"""

from __future__ import annotations

import json
import threading
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from distributed import Client, LocalCluster, get_worker
from distributed.diagnostics.plugin import WorkerPlugin

from ..errors import ConfigError, ModelError
from ..model import Analysis, Article
from ..options import Options
from ..store import Store, content_hash
from .ingest import IngestSummary, Progress, ingest_items
from .local import Failure, Result, analyze_chunk

if TYPE_CHECKING:  # pragma: no cover
    from ..pipeline import Pipeline
    from ..provenance import ProvenanceParams

__all__ = [
    "PipelinePlugin",
    "PLUGIN_NAME",
    "dask_results",
    "ingest_dask",
    "load_parquet",
    "make_client",
    "PARQUET_COLUMNS",
    "SketcherPlugin",
    "SKETCHER_PLUGIN",
    "dask_signer",
]

PLUGIN_NAME = "whosaid-pipeline"
PARQUET_COLUMNS = ("id", "content_hash", "date", "outlet", "title", "n_attributions", "analysis", "error")


class PipelinePlugin(WorkerPlugin):
    """Builds one ``Pipeline(options)`` per worker, when the plugin is registered (model loaded once)."""

    name = PLUGIN_NAME

    def __init__(self, options: Options) -> None:
        self.options = options
        self.pipeline: Pipeline | None = None
        self.lock = threading.Lock()  # a worker with several threads runs one analysis at a time

    def __getstate__(self) -> dict[str, Any]:
        return {"options": self.options}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(state["options"])  # type: ignore[misc]

    def setup(self, worker: Any) -> None:
        from ..pipeline import Pipeline

        self.pipeline = Pipeline(self.options)

    def teardown(self, worker: Any) -> None:
        self.pipeline = None


def _record(result: Result) -> dict[str, Any]:
    if isinstance(result, Failure):
        art = result.article
        return {
            "id": art.id,
            "content_hash": content_hash(art),
            "date": art.date.isoformat() if art.date else None,
            "outlet": art.outlet,
            "title": art.title,
            "n_attributions": 0,
            "analysis": json.dumps({"article": art.to_dict()}, ensure_ascii=False),
            "error": result.message,
        }
    art = result.article
    return {
        "id": art.id,
        "content_hash": content_hash(art),
        "date": art.date.isoformat() if art.date else None,
        "outlet": art.outlet,
        "title": art.title,
        "n_attributions": len(result.attributions),
        "analysis": json.dumps(result.to_dict(include_text=True), ensure_ascii=False),
        "error": None,
    }


def _from_record(row: dict[str, Any]) -> Result:
    data = json.loads(row["analysis"])
    if row.get("error"):
        return Failure(Article.from_dict(data["article"]), str(row["error"]))
    return Analysis.from_dict(data)


def analyze_partition(articles: Sequence[Article]) -> list[dict[str, Any]]:
    """The task run on a worker: analyze with the worker's pipeline, return Parquet-ready records."""
    # Worker.plugins holds WorkerPlugins; the one under PLUGIN_NAME is ours (registered by ingest_dask)
    plugin = cast("PipelinePlugin | None", get_worker().plugins.get(PLUGIN_NAME))
    if plugin is None or plugin.pipeline is None:
        raise ModelError("the whosaid pipeline plugin is not set up on this worker; register PipelinePlugin first")
    with plugin.lock:
        return [_record(r) for r in analyze_chunk(plugin.pipeline, list(articles))]


SKETCHER_PLUGIN = "whosaid-provenance"


class SketcherPlugin(WorkerPlugin):
    """Keeps one provenance Sketcher per worker, so each word's MinHash is computed once per worker."""

    name = SKETCHER_PLUGIN

    def __init__(self, params: ProvenanceParams) -> None:
        self.params = params
        self.sketcher: Any = None

    def __getstate__(self) -> dict[str, Any]:
        return {"params": self.params}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(state["params"])  # type: ignore[misc]

    def setup(self, worker: Any) -> None:
        from ..provenance import Sketcher

        self.sketcher = Sketcher(self.params.sketch)


def prepare_partition(rows: list[dict[str, Any]], params: ProvenanceParams) -> list[Any]:
    """The provenance task run on a worker: normalise and sign a chunk of statements."""
    from ..provenance import Sketcher, prepare

    plugin = cast("SketcherPlugin | None", get_worker().plugins.get(SKETCHER_PLUGIN))  # ours, by its name
    sketcher = plugin.sketcher if plugin is not None and plugin.sketcher is not None else Sketcher(params.sketch)
    return prepare(rows, sketcher, params.match)


def dask_signer(client: Client, params: ProvenanceParams | None = None, *, in_flight: int | None = None) -> Any:
    """A provenance Signer that signs chunks of statements on the Dask workers, results in order: the step of
    the statement clustering that grows with the corpus (placing them stays with the store's writer)."""
    from ..provenance import ProvenanceParams

    params = params or ProvenanceParams()
    client.register_plugin(SketcherPlugin(params), name=SKETCHER_PLUGIN)
    limit = in_flight or 2 * max(1, len(client.scheduler_info().get("workers", {}))) + 1

    def sign(chunks: Iterable[list[dict[str, Any]]]) -> Iterator[list[Any]]:
        pending: deque[Any] = deque()
        for rows in chunks:
            pending.append(client.submit(prepare_partition, rows, params, pure=False))
            if len(pending) >= limit:
                yield _task_result(pending.popleft())
        while pending:
            yield _task_result(pending.popleft())

    return sign


def _task_result(fut: Any) -> Any:
    try:
        return fut.result()
    except Exception as exc:  # noqa: BLE001 - surfaced as a whosaid error with the fix
        raise ModelError(
            f"a Dask task failed ({type(exc).__name__}: {exc}); check that the workers have "
            "whosaid and the spaCy pipeline installed"
        ) from None


def make_client(*, scheduler: str | None = None, workers: int | None = None) -> Client:
    """A client of an existing scheduler, or of a new LocalCluster with ``workers`` single-thread processes."""
    if scheduler and workers:
        raise ConfigError("give either --scheduler (an existing cluster) or --workers (a local one), not both")
    if scheduler:
        try:
            return Client(scheduler, timeout="30s")
        except (OSError, TimeoutError) as exc:
            raise ConfigError(
                f"cannot reach the Dask scheduler at {scheduler} ({exc}); check the address "
                "(tcp://HOST:8786) and that the scheduler is running"
            ) from None
    import dask

    # the workers' statistical profiler samples every thread's stack each 10 ms: a few percent of the CPU
    # that the parser can use better here
    with dask.config.set({"distributed.worker.profile.enabled": False}):
        cluster = LocalCluster(
            n_workers=max(1, int(workers or 1)), threads_per_worker=1, processes=True, dashboard_address=None
        )
    return Client(cluster)


def _write_part(records: list[dict[str, Any]], path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.Table.from_pylist(
        records,
        schema=pa.schema(
            [
                ("id", pa.string()),
                ("content_hash", pa.string()),
                ("date", pa.string()),
                ("outlet", pa.string()),
                ("title", pa.string()),
                ("n_attributions", pa.int32()),
                ("analysis", pa.string()),
                ("error", pa.string()),
            ]
        ),
    )
    tmp = path.with_suffix(".tmp")
    pq.write_table(table, tmp, compression="zstd")
    tmp.replace(path)  # a partition file is either whole or absent


def dask_results(
    articles: Iterable[Article],
    client: Client,
    *,
    partition_size: int = 64,
    parquet_dir: str | Path | None = None,
    in_flight: int | None = None,
) -> Iterator[Result]:
    """Results in input order from Dask workers (PipelinePlugin must be registered on ``client``)."""
    out_dir = Path(parquet_dir) if parquet_dir else None
    if out_dir is not None:
        out_dir.mkdir(parents=True, exist_ok=True)
        start = 1 + max(
            (int(p.stem.split("-")[1]) for p in out_dir.glob("part-*.parquet") if p.stem.split("-")[1].isdigit()),
            default=-1,
        )
    else:
        start = 0
    n_workers = max(1, len(client.scheduler_info().get("workers", {})))
    limit = in_flight or 2 * n_workers + 2
    it = iter(articles)
    pending: deque[tuple[int, Any]] = deque()
    seq = start

    def submit() -> bool:
        nonlocal seq
        part = [a for _, a in zip(range(partition_size), it)]
        if not part:
            return False
        pending.append((seq, client.submit(analyze_partition, part, pure=False)))
        seq += 1
        return True

    more = True
    while more and len(pending) < limit:
        more = submit()
    while pending:
        part_no, fut = pending.popleft()
        records = _task_result(fut)
        if more:
            more = submit()
        if out_dir is not None:
            _write_part(records, out_dir / f"part-{part_no:06d}.parquet")
        for row in records:
            yield _from_record(row)


def ingest_dask(
    items: Iterable[Any],
    store: Store,
    options: Options,
    *,
    client: Client | None = None,
    scheduler: str | None = None,
    workers: int | None = None,
    parquet_dir: str | Path | None = None,
    partition_size: int | None = None,
    force: bool = False,
    progress: Progress | None = None,
    on_duplicate: str = "skip",
    provenance: bool = True,
) -> IngestSummary:
    """Ingest reader output on Dask: the same skipping, duplicate handling, batching and summary as the local
    engine (``items`` as for :func:`~whosaid.scale.ingest.ingest_items`), and the same statement clusters (their
    signing step runs on the workers)."""
    own = client is None
    client = client or make_client(scheduler=scheduler, workers=workers or options.n_process)
    try:
        client.register_plugin(PipelinePlugin(options), name=PLUGIN_NAME)
        size = partition_size or options.batch_size
        return ingest_items(
            items,
            store,
            options,
            force=force,
            progress=progress,
            engine="dask",
            analyze=lambda arts: dask_results(arts, client, partition_size=size, parquet_dir=parquet_dir),
            on_duplicate=on_duplicate,
            provenance=provenance,
            sign=dask_signer(client) if provenance else None,
        )
    finally:
        if own:
            cluster = client.cluster
            client.close()
            if cluster is not None:
                cluster.close()


def load_parquet(
    paths: Sequence[str | Path], store: Store, *, batch_size: int = 256, progress: Progress | None = None
) -> dict[str, int]:
    """Merge Parquet partitions written by the Dask engine into ``store`` (idempotent, in file-name order)."""
    import pyarrow.parquet as pq

    files: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            files += sorted(p.glob("*.parquet"))
        elif p.is_file():
            files.append(p)
        else:
            raise ConfigError(f"{p}: no such Parquet file or folder; give the --parquet folder of a Dask ingest")
    if not files:
        raise ConfigError(
            "no .parquet files found; give the folder written by `whosaid ingest --engine dask --parquet DIR`"
        )
    counts = {"added": 0, "unchanged": 0, "replaced": 0, "failed": 0, "files": len(files)}
    for f in files:
        try:
            table = pq.read_table(f, columns=list(PARQUET_COLUMNS))
        except Exception as exc:  # noqa: BLE001 - pyarrow raises many types
            raise ConfigError(f"{f}: not a whosaid Parquet partition ({exc})") from None
        rows = table.to_pylist()
        for i in range(0, len(rows), batch_size):
            chunk = [_from_record(r) for r in rows[i : i + batch_size]]
            errors = [(r.article.id, r.article.id, r.message) for r in chunk if isinstance(r, Failure)]
            got = store.upsert_many([r for r in chunk if isinstance(r, Analysis)], errors=errors)
            for k, v in got.items():
                counts[k] += v
            counts["failed"] += len(errors)
            if progress:
                progress(len(chunk))
    return counts
