"""Sourcing pages: the outlets, one outlet's profile, trends by month or week, and rankings of organizations
and anonymous-source descriptions. Every chart has a table with its numbers beside it."""

from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, Response

from ..model import CATEGORIES
from .api import state_of
from .api_sourcing import RANKED_TYPES, ArticleRange, DateRange, outlet_or_404
from .charts import sourcing_chart
from .filters import Pager
from .pages import PageNumber, outlet_names, render_page
from .render import source_type_label
from .trend_charts import mix_trend_chart, people_trend_chart

__all__ = ["router", "RANKING_TITLES"]

router = APIRouter(include_in_schema=False)

RANKING_TITLES = {
    "organization": "Most-quoted organizations",
    "anonymous": "Most-used anonymous-source descriptions",
    "outlet": "Most-quoted news outlets",
    "document": "Most-cited documents",
    "social_media": "Most-quoted social-media sources",
    "unknown": "Unresolved sources",
}
_TOP = 10


@router.get("/outlets", response_class=HTMLResponse)
def outlets_page(request: Request, span: DateRange = Depends(), page: int = PageNumber) -> Response:
    state = state_of(request)
    rows = state.store().sourcing(("outlet",), **span.kwargs())
    pages = Pager(request, page, state.settings.page_size, len(rows))
    pages.check()
    shown = rows[pages.offset : pages.offset + pages.size]
    return render_page(
        request, "outlets.html", {"rows": shown, "chart": sourcing_chart(shown), "pages": pages, "span": span}
    )


@router.get("/outlets/{outlet}", response_class=HTMLResponse)
def outlet_page(request: Request, outlet: str, span: DateRange = Depends(), page: int = PageNumber) -> Response:
    state = state_of(request)
    store = state.store()
    profile = outlet_or_404(store, outlet, **span.kwargs())
    ranges = {**span.kwargs(), "outlet": profile["outlet"]}
    pages = Pager(request, page, 20, store.count_people(**ranges), anchor="#people")
    pages.check()
    return render_page(
        request,
        "outlet.html",
        {
            "o": profile,
            "span": span,
            "pages": pages,
            "people": store.people(limit=pages.size, offset=pages.offset, **ranges),
            "organizations": store.rank_sources("organization", limit=_TOP, **ranges),
            "anonymous": store.rank_sources("anonymous", limit=_TOP, **ranges),
            "chart": sourcing_chart([profile]),
            "months_chart": mix_trend_chart(profile["months"], "month", table_id="outlet-months"),
            "categories": CATEGORIES,
        },
    )


@router.get("/trends", response_class=HTMLResponse)
def trends_page(
    request: Request,
    span: ArticleRange = Depends(),
    by: str = Query("month", pattern="^(month|week)$", description="month or week."),
) -> Response:
    store = state_of(request).store()
    rows = store.sourcing((by,), **span.kwargs())
    trend = store.people_by_period(by, top=5, **span.kwargs())
    return render_page(
        request,
        "trends.html",
        {
            "by": by,
            "span": span,
            "rows": rows,
            "trend": trend,
            "outlets": outlet_names(store),
            "mix_chart": mix_trend_chart(rows, by),
            "people_chart": people_trend_chart(trend),
        },
    )


@router.get("/rankings/{source_type}", response_class=HTMLResponse)
def ranking_page(
    request: Request, source_type: str, span: ArticleRange = Depends(), page: int = PageNumber
) -> Response:
    if source_type not in RANKED_TYPES:
        raise HTTPException(404, f"no ranking {source_type!r}; try /rankings/organization or /rankings/anonymous")
    state = state_of(request)
    store = state.store()
    pages = Pager(request, page, state.settings.page_size, store.count_rank_sources(source_type, **span.kwargs()))
    pages.check()
    rows = store.rank_sources(source_type, limit=pages.size, offset=pages.offset, **span.kwargs())
    return render_page(
        request,
        "ranking.html",
        {
            "source_type": source_type,
            "title": RANKING_TITLES.get(source_type, source_type_label(source_type)),
            "rows": rows,
            "pages": pages,
            "span": span,
            "outlets": outlet_names(store),
            "kinds": [t for t in RANKED_TYPES if t in RANKING_TITLES],
        },
    )
