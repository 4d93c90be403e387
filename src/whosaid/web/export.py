"""Downloads: the filtered list of statements, whole (every page), streamed as CSV or JSON.

``GET /api/attributions/export?format=csv&<the filters of /api/attributions>``: the rows are read from the store
a thousand at a time and written as they come, so memory stays flat however long the list. CSV cells that
start with ``= + - @`` (or a tab or carriage return) get a leading apostrophe, so a spreadsheet shows them as
text instead of running them as formulas (OWASP "CSV injection").
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from typing import Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import StreamingResponse

from ..output import csv_cell as output_csv_cell
from .api import state_of
from .filters import StatementFilters

__all__ = ["router", "EXPORT_COLUMNS", "csv_cell", "csv_lines", "json_chunks"]

router = APIRouter(prefix="/api", tags=["corpus"])

# The CSV columns, in order (the JSON export has every field of /api/attributions).
EXPORT_COLUMNS: tuple[str, ...] = (
    "article_id",
    "date",
    "outlet",
    "headline",
    "url",
    "idx",
    "kind",
    "speaker",
    "speaker_id",
    "source_type",
    "source_description",
    "via",
    "said_at",
    "category",
    "confidence",
    "source",
    "cue",
    "content",
    "content_start",
    "content_end",
)


def csv_cell(value: Any) -> Any:
    """A value safe for a spreadsheet cell (``output.csv_cell``), None as an empty cell."""
    return "" if value is None else output_csv_cell(value)


def csv_lines(rows: Iterable[dict[str, Any]], columns: tuple[str, ...] = EXPORT_COLUMNS) -> Iterator[str]:
    """The header line, then one CSV line per row (RFC 4180 quoting, ``\\r\\n`` line ends)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)

    def flush() -> str:
        out = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return out

    writer.writerow(columns)
    yield flush()
    for row in rows:
        writer.writerow([csv_cell(row.get(c)) for c in columns])
        yield flush()


def json_chunks(rows: Iterable[dict[str, Any]]) -> Iterator[str]:
    """A JSON array of the rows, written one row at a time."""
    yield "["
    first = True
    for row in rows:
        yield ("\n" if first else ",\n") + json.dumps(row, ensure_ascii=False)
        first = False
    yield "\n]\n"


@router.get(
    "/attributions/export",
    summary="Download the filtered statements (CSV or JSON)",
    response_class=StreamingResponse,
    responses={
        200: {
            "content": {"text/csv": {}, "application/json": {}},
            "description": "Every statement of the filtered list, in list order.",
        }
    },
)
def api_export(
    request: Request,
    format: str = Query("csv", pattern="^(csv|json)$", description="csv or json."),
    filters: StatementFilters = Depends(),
    article_id: str | None = Query(None, max_length=500, description="Only this article."),
    q: str | None = Query(None, max_length=500, description="Full-text query over the quote content."),
) -> StreamingResponse:
    """Every statement ``/api/attributions`` (or ``/api/search`` with ``q``) lists with these filters, all
    pages, in the same order: CSV with fixed columns, or a JSON array of the API's statement objects."""
    store = state_of(request).store()
    kwargs = {**filters.store_kwargs(), "article_id": article_id or None, "search": (q or "").strip() or None}
    rows = store.iter_quotes(**kwargs)
    if format == "json":
        return StreamingResponse(
            json_chunks(rows),
            media_type="application/json",
            headers={"Content-Disposition": 'attachment; filename="whosaid-statements.json"'},
        )
    return StreamingResponse(
        csv_lines(rows),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="whosaid-statements.csv"'},
    )
