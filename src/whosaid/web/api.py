"""The JSON API under ``/api/``: read-only over the store, plus ``POST /api/analyze`` (nothing stored)."""

from __future__ import annotations

import datetime as _dt
from typing import Any, Literal, Optional

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import JSONResponse

from ..errors import InputError
from ..model import SOURCE_TYPES, Article
from .deps import AnalyzeBusy, AnalyzeTimeout, AppState
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

__all__ = ["router", "build_article", "run_analysis", "state_of", "SourceTypeParam"]

SourceTypeParam = Literal[SOURCE_TYPES]  # type: ignore[valid-type]

_ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorOut, "description": "Bad parameter"},
    503: {"model": ErrorOut, "description": "No store yet (run `whosaid ingest`)"},
}

router = APIRouter(prefix="/api", tags=["corpus"], responses=_ERRORS)


def state_of(request: Request) -> AppState:
    return request.app.state.whosaid  # type: ignore[no-any-return]


def _iso(d: _dt.date | None) -> str | None:
    return d.isoformat() if d else None


def _page(request: Request, items: list[Any], limit: int, offset: int) -> dict[str, Any]:
    nxt = None
    if len(items) >= limit:
        nxt = str(request.url.include_query_params(offset=offset + limit))
    return {"items": items, "limit": limit, "offset": offset, "next": nxt}


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
    outlet: Optional[str] = Query(None, max_length=200, description="Only this outlet."),
    since: Optional[_dt.date] = Since,
    until: Optional[_dt.date] = Until,
    limit: int = Limit,
    offset: int = Offset,
) -> dict[str, Any]:
    """Articles, newest first, with their number of attributed statements."""
    _check_range(since, until)
    items = state_of(request).store().articles(outlet=outlet, since=_iso(since), until=_iso(until),
                                               limit=limit, offset=offset)
    return _page(request, items, limit, offset)


@router.get("/articles/{article_id:path}", response_model=AnalysisOut, summary="One article's analysis",
            responses={404: {"model": ErrorOut, "description": "No such article"}})
def api_article(request: Request, article_id: str) -> JSONResponse:
    """The full analysis of one article, its text included (offsets index into ``text``)."""
    analysis = state_of(request).store().article(article_id)
    if analysis is None:
        raise HTTPException(404, f"no article with id {article_id!r}; list them at /api/articles")
    return JSONResponse(analysis.to_dict(include_text=True))  # exactly the output contract


def _quote_filters(speaker: str | None, about: str | None, outlet: str | None, source_type: str | None,
                   since: _dt.date | None, until: _dt.date | None) -> dict[str, Any]:
    _check_range(since, until)
    return {"speaker": speaker or None, "about": about or None, "outlet": outlet or None,
            "source_type": source_type, "since": _iso(since), "until": _iso(until)}


@router.get("/attributions", response_model=Page[Quote], summary="List attributed statements")
def api_attributions(
    request: Request,
    speaker: Optional[str] = Query(None, max_length=200, description="Speaker name or person id."),
    about: Optional[str] = Query(None, max_length=200, description="Person mentioned in the content."),
    outlet: Optional[str] = Query(None, max_length=200, description="Only this outlet."),
    source_type: Optional[SourceTypeParam] = Query(None, description="Only this source type."),
    article_id: Optional[str] = Query(None, max_length=500, description="Only this article."),
    q: Optional[str] = Query(None, max_length=500, description="Full-text query over the quote content."),
    since: Optional[_dt.date] = Since,
    until: Optional[_dt.date] = Until,
    limit: int = Limit,
    offset: int = Offset,
) -> dict[str, Any]:
    """Attributed statements with their speaker, source type, cue and article, filtered."""
    filters = _quote_filters(speaker, about, outlet, source_type, since, until)
    items = state_of(request).store().quotes(**filters, article_id=article_id or None,
                                             search=(q or "").strip() or None, limit=limit, offset=offset)
    return _page(request, items, limit, offset)


@router.get("/search", response_model=Page[Quote], summary="Full-text search over quotes")
def api_search(
    request: Request,
    q: str = Query(..., min_length=1, max_length=500, description="Words to find in the quote content."),
    speaker: Optional[str] = Query(None, max_length=200, description="Speaker name or person id."),
    outlet: Optional[str] = Query(None, max_length=200, description="Only this outlet."),
    source_type: Optional[SourceTypeParam] = Query(None, description="Only this source type."),
    since: Optional[_dt.date] = Since,
    until: Optional[_dt.date] = Until,
    limit: int = Limit,
    offset: int = Offset,
) -> dict[str, Any]:
    """Statements whose content matches ``q`` (word stems; best match first), with speaker and article."""
    if not q.strip():
        raise HTTPException(400, "q is empty; give some words to search for, e.g. /api/search?q=economy")
    filters = _quote_filters(speaker, None, outlet, source_type, since, until)
    items = state_of(request).store().quotes(**filters, search=q.strip(), limit=limit, offset=offset)
    return _page(request, items, limit, offset)


@router.get("/people", response_model=Page[PersonSummary], summary="List people")
def api_people(
    request: Request,
    search: Optional[str] = Query(None, max_length=200, description="Part of a name."),
    limit: int = Limit,
    offset: int = Offset,
) -> dict[str, Any]:
    """People, most quoted first, with their statement counts by source type."""
    items = state_of(request).store().people(search=(search or "").strip() or None, limit=limit, offset=offset)
    return _page(request, items, limit, offset)


@router.get("/people/{person}", response_model=PersonDetail, summary="One person",
            responses={404: {"model": ErrorOut, "description": "No such person"}})
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


def build_article(state: AppState, text: str, date: _dt.date | str | None, title: str | None = None,
                  outlet: str | None = None) -> Article:
    """The Article to analyze, checked against the app's limits (HTTPException 400 when it does not fit)."""
    from ..readers import split_date_header

    if not text or not text.strip():
        raise HTTPException(400, "the article text is empty; paste an article")
    limit = state.settings.max_analyze_chars
    if len(text) > limit:
        raise HTTPException(400, f"the article has {len(text)} characters, more than the limit of {limit}; "
                                 "paste a shorter one or analyze it with `whosaid analyze`")
    try:
        header_date, body = split_date_header(text)
        if not body.strip():
            raise HTTPException(400, "the article text is empty after its date header")
        parsed = Article.parse_date(date if date not in (None, "") else header_date)
    except InputError as exc:
        raise HTTPException(400, str(exc)) from None
    return Article(id="pasted", text=body, date=parsed, title=(title or None), outlet=(outlet or None))


async def run_analysis(state: AppState, article: Article) -> Any:
    try:
        return await state.analyze(article)
    except (AnalyzeTimeout, AnalyzeBusy) as exc:
        raise HTTPException(503, str(exc), headers={"Retry-After": "30"}) from None


@router.post("/analyze", response_model=AnalysisOut, tags=["analyze"], summary="Analyze one article",
             responses={413: {"model": ErrorOut, "description": "Request body too large"}})
async def api_analyze(request: Request, body: AnalyzeRequest) -> JSONResponse:
    """Analyze a pasted article and return who said what; nothing is stored. Size and time are limited."""
    state = state_of(request)
    article = build_article(state, body.text, body.date, body.title, body.outlet)
    analysis = await run_analysis(state, article)
    return JSONResponse(analysis.to_dict(include_text=True))
