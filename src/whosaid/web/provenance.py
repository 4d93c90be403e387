"""Quote provenance in the web app: the statement page (its cluster as a timeline of outlets, with the words
that differ from the earliest version highlighted), the clusters list, and their JSON under ``/api/``."""

from __future__ import annotations

from typing import Any, TypedDict

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, Response

from .api import state_of

__all__ = ["router", "api_router", "statement_links"]

router = APIRouter(include_in_schema=False)
api_router = APIRouter(prefix="/api", tags=["provenance"])


class _ClusterFilters(TypedDict):
    """The clusters page's filters, passed alike to ``count_clusters`` and ``clusters``."""

    min_outlets: int
    variants_only: bool
    conflicts_only: bool


def statement_links(store: Any, quotes: list[dict[str, Any]]) -> dict[int, dict[str, Any]]:
    """``{idx: {"statement_id", "n_outlets", "size"}}`` for an article's quote rows (its statement cards)."""
    ids = [q["statement_id"] for q in quotes if q.get("statement_id") is not None]
    spread = store.cluster_spread(ids)
    return {
        q["idx"]: {"statement_id": q["statement_id"], **spread.get(q["statement_id"], {})}
        for q in quotes
        if q.get("statement_id") is not None
    }


def _statement_and_cluster(request: Request, statement_id: int) -> tuple[dict[str, Any], dict[str, Any] | None]:
    from ..provenance import cluster_report_of

    store = state_of(request).store()
    row = store.statement(statement_id)
    if row is None:
        raise HTTPException(404, f"no statement {statement_id}; statements are listed at /search and on article pages")
    report = cluster_report_of(store, row["cluster_id"]) if row.get("cluster_id") is not None else None
    return row, report


@router.get("/statement/{statement_id}", response_class=HTMLResponse)
def statement_page(request: Request, statement_id: int) -> Response:
    row, report = _statement_and_cluster(request, statement_id)
    templates = request.app.state.templates
    return templates.TemplateResponse(request, "statement.html", {"s": row, "c": report})


@router.get("/clusters", response_class=HTMLResponse)
def clusters_page(
    request: Request,
    min_outlets: int = Query(2, ge=1, le=1000),
    variants_only: bool = Query(False),
    conflicts_only: bool = Query(False),
    page: int = Query(1, ge=1, le=100_000),
) -> Response:
    from .filters import Pager

    state = state_of(request)
    store = state.store()
    chosen: _ClusterFilters = {
        "min_outlets": min_outlets,
        "variants_only": variants_only,
        "conflicts_only": conflicts_only,
    }
    pages = Pager(request, page, state.settings.page_size, store.count_clusters(**chosen))
    pages.check()
    rows = store.clusters(**chosen, limit=pages.size, offset=pages.offset)
    templates = request.app.state.templates
    return templates.TemplateResponse(
        request,
        "clusters.html",
        {
            "rows": rows,
            "stats": store.provenance_stats(),
            "pages": pages,
            "form": {"min_outlets": min_outlets, "variants_only": variants_only, "conflicts_only": conflicts_only},
        },
    )


@api_router.get("/statements/{statement_id}", summary="One statement and its cluster (quote provenance)")
def statement_api(request: Request, statement_id: int) -> dict[str, Any]:
    row, report = _statement_and_cluster(request, statement_id)
    return {"statement": row, "cluster": report}


@api_router.get("/clusters", summary="Statement clusters, the widest spread first")
def clusters_api(
    request: Request,
    min_outlets: int = Query(1, ge=1, le=1000, description="Seen in at least this many outlets."),
    min_size: int = Query(2, ge=1, le=100_000, description="At least this many statements."),
    variants_only: bool = Query(False, description="Only clusters with wording variants."),
    conflicts_only: bool = Query(False, description="Only clusters naming different speakers."),
    speaker: str | None = Query(None, max_length=200, description="Earliest statement by this speaker."),
    limit: int = Query(50, ge=1, le=500),
    offset: int = Query(0, ge=0, le=1_000_000),
) -> dict[str, Any]:
    rows = (
        state_of(request)
        .store()
        .clusters(
            min_outlets=min_outlets,
            min_size=min_size,
            variants_only=variants_only,
            conflicts_only=conflicts_only,
            speaker=speaker,
            limit=limit,
            offset=offset,
        )
    )
    nxt = str(request.url.include_query_params(offset=offset + limit)) if len(rows) >= limit else None
    return {"items": rows, "limit": limit, "offset": offset, "next": nxt}


@api_router.get("/clusters/{cluster_id}", summary="One statement cluster: timeline, relays, variants, speakers")
def cluster_api(request: Request, cluster_id: int) -> dict[str, Any]:
    from ..provenance import cluster_report_of

    report = cluster_report_of(state_of(request).store(), cluster_id)
    if report is None:
        raise HTTPException(404, f"no cluster {cluster_id}; list them at /api/clusters")
    return report
