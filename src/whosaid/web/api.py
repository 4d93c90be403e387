"""The JSON API under ``/api/``: read-only over the store, plus ``POST /api/analyze`` (nothing stored)."""

from __future__ import annotations

import datetime as _dt
from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import JSONResponse

from ..errors import InputError
from ..model import Article
from .deps import AnalyzeBusy, AnalyzeTimeout, AppState
from .filters import StatementFilters
from .schemas import (
    AnalysisOut,
    AnalyzeRequest,
    ArticleSummary,
    ErrorOut,
    OutletMix,
    Page,
    PersonDetail,
    PersonSummary,
    Quote,
    Stats,
)

__all__ = ["router", "build_article", "run_analysis", "state_of"]

_ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorOut, "description": "Bad parameter"},
    503: {"model": ErrorOut, "description": "No store yet (run `whosaid ingest`)"},
}

router = APIRouter(prefix="/api", tags=["corpus"], responses=_ERRORS)


def state_of(request: Request) -> AppState:
    """The app's state (settings, store, pipeline) for a request."""
    return request.app.state.whosaid  # type: ignore[no-any-return]


def _iso(d: _dt.date | None) -> str | None:
    return d.isoformat() if d else None


def _page(request: Request, items: list[Any], limit: int, offset: int, total: int | None = None) -> dict[str, Any]:
    nxt = None
    if (offset + len(items) < total) if total is not None else len(items) >= limit:
        nxt = str(request.url.include_query_params(offset=offset + limit))
    return {"items": items, "limit": limit, "offset": offset, "next": nxt, "total": total}


Limit = Query(50, ge=1, le=500, description="Rows per page (1-500).")
Offset = Query(0, ge=0, le=1_000_000, description="Rows to skip.")
Since = Query(None, description="Only articles published on or after this date (YYYY-MM-DD).")
Until = Query(None, description="Only articles published on or before this date (YYYY-MM-DD).")


def _check_range(since: _dt.date | None, until: _dt.date | None) -> None:
    if since and until and since > until:
        raise HTTPException(400, f"since ({since}) is after until ({until}); swap the dates")


@router.get("/stats", response_model=Stats, summary="Corpus counts")
def api_stats(request: Request) -> dict[str, Any]:
    """How many articles, statements, people and outlets the store holds, and statements by source type."""
    return state_of(request).store().stats()


@router.get("/articles", response_model=Page[ArticleSummary], summary="List articles")
def api_articles(
    request: Request,
    outlet: str | None = Query(None, max_length=200, description="Only this outlet."),
    since: _dt.date | None = Since,
    until: _dt.date | None = Until,
    limit: int = Limit,
    offset: int = Offset,
) -> dict[str, Any]:
    """Articles, newest first, with their number of attributed statements."""
    _check_range(since, until)
    store = state_of(request).store()
    filters = {"outlet": outlet or None, "since": _iso(since), "until": _iso(until)}
    items = store.articles(**filters, limit=limit, offset=offset)
    return _page(request, items, limit, offset, store.count_articles(**filters))


@router.get(
    "/articles/{article_id:path}",
    response_model=AnalysisOut,
    summary="One article's analysis",
    responses={404: {"model": ErrorOut, "description": "No such article"}},
)
def api_article(request: Request, article_id: str) -> JSONResponse:
    """The full analysis of one article, its text included (offsets index into ``text``)."""
    analysis = state_of(request).store().article(article_id)
    if analysis is None:
        raise HTTPException(404, f"no article with id {article_id!r}; list them at /api/articles")
    return JSONResponse(analysis.to_dict(include_text=True))  # exactly the output contract


@router.get("/attributions", response_model=Page[Quote], summary="List attributed statements")
def api_attributions(
    request: Request,
    filters: StatementFilters = Depends(),
    article_id: str | None = Query(None, max_length=500, description="Only this article."),
    q: str | None = Query(None, max_length=500, description="Full-text query over the quote content."),
    limit: int = Limit,
    offset: int = Offset,
) -> dict[str, Any]:
    """Attributed statements with their speaker, source type, cue and article, filtered; ``total`` counts
    every page. ``/api/attributions/export`` downloads the same list whole, as CSV or JSON."""
    kwargs = {**filters.store_kwargs(), "article_id": article_id or None, "search": (q or "").strip() or None}
    store = state_of(request).store()
    items = store.quotes(**kwargs, limit=limit, offset=offset)
    return _page(request, items, limit, offset, store.count_quotes(**kwargs))


@router.get("/search", response_model=Page[Quote], summary="Full-text search over quotes")
def api_search(
    request: Request,
    q: str = Query(..., min_length=1, max_length=500, description="Words to find in the quote content."),
    filters: StatementFilters = Depends(),
    limit: int = Limit,
    offset: int = Offset,
) -> dict[str, Any]:
    """Statements whose content matches ``q`` (every word, stemmed), newest article first, with speaker and
    article; the same filters as ``/api/attributions``."""
    if not q.strip():
        raise HTTPException(400, "q is empty; give some words to search for, e.g. /api/search?q=economy")
    kwargs = {**filters.store_kwargs(), "search": q.strip()}
    store = state_of(request).store()
    items = store.quotes(**kwargs, limit=limit, offset=offset)
    return _page(request, items, limit, offset, store.count_quotes(**kwargs))


@router.get("/people", response_model=Page[PersonSummary], summary="List people")
def api_people(
    request: Request,
    search: str | None = Query(None, max_length=200, description="Part of a name."),
    outlet: str | None = Query(
        None, max_length=200, description="Count only this outlet's articles: who it quotes most."
    ),
    since: _dt.date | None = Since,
    until: _dt.date | None = Until,
    limit: int = Limit,
    offset: int = Offset,
) -> dict[str, Any]:
    """People, most quoted first, with their statement counts by source type."""
    _check_range(since, until)
    store = state_of(request).store()
    filters: dict[str, Any] = {
        "search": (search or "").strip() or None,
        "outlet": (outlet or "").strip() or None,
        "since": _iso(since),
        "until": _iso(until),
    }
    items = store.people(**filters, limit=limit, offset=offset)
    return _page(request, items, limit, offset, store.count_people(**filters))


@router.get(
    "/people/{person}",
    response_model=PersonDetail,
    summary="One person",
    responses={404: {"model": ErrorOut, "description": "No such person"}},
)
def api_person(request: Request, person: str) -> dict[str, Any]:
    """A person (by person id or name): statements by and about them, relations and a timeline."""
    found = state_of(request).store().person(person)
    if found is None:
        raise HTTPException(404, f"no person {person!r}; list people at /api/people")
    return found


@router.get("/outlets", response_model=list[OutletMix], summary="Sourcing mix by outlet")
def api_outlets(request: Request) -> list[dict[str, Any]]:
    """For each outlet, its statements split into named, anonymous, relayed, social media and other sources."""
    return state_of(request).store().sources_by_outlet()


def build_article(
    state: AppState, text: str, date: _dt.date | str | None, title: str | None = None, outlet: str | None = None
) -> Article:
    """The Article to analyze, checked against the app's limits (HTTPException 400 when it does not fit)."""
    from ..readers import split_date_header

    if not text or not text.strip():
        raise HTTPException(400, "the article text is empty; paste an article")
    limit = state.settings.max_analyze_chars
    if len(text) > limit:
        raise HTTPException(
            400,
            f"the article has {len(text)} characters, more than the limit of {limit}; "
            "paste a shorter one or analyze it with `whosaid analyze`",
        )
    try:
        header_date, body = split_date_header(text)
        if not body.strip():
            raise HTTPException(400, "the article text is empty after its date header")
        parsed = Article.parse_date(date if date not in (None, "") else header_date)
    except InputError as exc:
        raise HTTPException(400, str(exc)) from None
    return Article(id="pasted", text=body, date=parsed, title=(title or None), outlet=(outlet or None))


async def run_analysis(state: AppState, article: Article) -> Any:
    """Analyze in the app's worker slot; HTTP 503 (with Retry-After) when busy or past the time limit."""
    try:
        return await state.analyze(article)
    except (AnalyzeTimeout, AnalyzeBusy) as exc:
        raise HTTPException(503, str(exc), headers={"Retry-After": "30"}) from None


@router.post(
    "/analyze",
    response_model=AnalysisOut,
    tags=["analyze"],
    summary="Analyze one article",
    responses={413: {"model": ErrorOut, "description": "Request body too large"}},
)
async def api_analyze(request: Request, body: AnalyzeRequest) -> JSONResponse:
    """Analyze a pasted article and return who said what; nothing is stored. Size and time are limited."""
    state = state_of(request)
    article = build_article(state, body.text, body.date, body.title, body.outlet)
    analysis = await run_analysis(state, article)
    return JSONResponse(analysis.to_dict(include_text=True))
