"""Scaling out: local worker processes (``local``), resumable ingest (``ingest``) and Dask (``dask``).

The Dask part needs the optional extra ``whosaid[dask]``; it is imported only when used.
"""

from __future__ import annotations

from .ingest import ENGINES, IngestSummary, ingest, ingest_items
from .local import Failure, analyze_parallel, analyze_stream

__all__ = ["analyze_parallel", "analyze_stream", "Failure", "ingest", "ingest_items", "IngestSummary", "ENGINES"]
