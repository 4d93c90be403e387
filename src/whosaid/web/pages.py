"""Server-rendered HTML pages: overview, articles, article, people, person, search, analyze."""

from __future__ import annotations

import datetime as _dt
import re
from typing import Any, Optional
from urllib.parse import urlencode

from fastapi import APIRouter, Form, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, Response
from markupsafe import Markup, escape

from ..model import SOURCE_TYPES, Analysis
from .api import build_article, run_analysis, state_of
from .charts import relation_graph, sourcing_chart, timeline_chart
from .provenance import statement_links
from .queries import entity_people, statement_people
from .render import highlight_text, person_href, speaker_label, statement_tooltip

__all__ = ["router", "mark_terms"]

router = APIRouter(include_in_schema=False)

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)


def _render(request: Request, name: str, context: dict[str, Any], status: int = 200) -> Response:
    templates = request.app.state.templates
    return templates.TemplateResponse(request, name, context, status_code=status)


def _date_param(value: str | None, name: str) -> str | None:
    if value is None or not value.strip():
        return None
    try:
        return _dt.date.fromisoformat(value.strip()).isoformat()
    except ValueError:
        raise HTTPException(400, f"{name}: {value!r} is not a date; write it as YYYY-MM-DD") from None


def _source_type_param(value: str | None) -> str | None:
    if not value:
        return None
    if value not in SOURCE_TYPES:
        raise HTTPException(400, f"source_type must be one of {', '.join(SOURCE_TYPES)}, not {value!r}")
    return value


def _pager(request: Request, page: int, has_next: bool) -> dict[str, Optional[str]]:
    def link(p: int) -> str:
        params = dict(request.query_params)
        params["page"] = str(p)
        return f"{request.url.path}?{urlencode(params)}"

    return {"prev": link(page - 1) if page > 1 else None, "next": link(page + 1) if has_next else None,
            "page": str(page)}


def mark_terms(text: str | None, query: str | None) -> Markup:
    """``text`` escaped, with the words of ``query`` (and words starting with them) wrapped in <mark>."""
    text = text or ""
    words = {w.casefold() for w in _WORD.findall(query or "") if len(w) > 1}
    if not words:
        return Markup(escape(text))
    out: list[str] = []
    last = 0
    for m in _WORD.finditer(text):
        token = m.group(0).casefold()
        if any(token.startswith(w) for w in words):
            out.append(str(escape(text[last:m.start()])))
            out.append(f"<mark>{escape(m.group(0))}</mark>")
            last = m.end()
    out.append(str(escape(text[last:])))
    return Markup("".join(out))


# -- overview -----------------------------------------------------------------------------------------------
@router.get("/", response_class=HTMLResponse)
def overview(request: Request) -> Response:
    state = state_of(request)
    store, error = state.store_or_error()
    if store is None:
        return _render(request, "empty.html", {"error": str(error), "db": state.options.db}, status=503)
    outlets = store.sources_by_outlet()
    return _render(request, "overview.html", {
        "stats": store.stats(),
        "people": store.people(limit=15),
        "outlets": outlets,
        "chart": sourcing_chart(outlets),
        "articles": store.articles(limit=10),
    })


# -- articles -----------------------------------------------------------------------------------------------
@router.get("/articles", response_class=HTMLResponse)
def articles_page(
    request: Request,
    outlet: Optional[str] = Query(None, max_length=200),
    since: Optional[str] = Query(None, max_length=40),
    until: Optional[str] = Query(None, max_length=40),
    page: int = Query(1, ge=1, le=100_000),
) -> Response:
    state = state_of(request)
    size = state.settings.page_size
    rows = state.store().articles(outlet=outlet or None, since=_date_param(since, "since"),
                                  until=_date_param(until, "until"), limit=size + 1, offset=(page - 1) * size)
    return _render(request, "articles.html", {
        "rows": rows[:size], "outlet": outlet or "", "since": since or "", "until": until or "",
        "pager": _pager(request, page, len(rows) > size),
    })


def _statement_cards(analysis: Analysis, person_ids: list[str | None]) -> list[dict[str, Any]]:
    cards = []
    for i, att in enumerate(analysis.attributions):
        cards.append({
            "i": i,
            "att": att,
            "who": speaker_label(att),
            "person_id": person_ids[i] if i < len(person_ids) else None,
            "tooltip": statement_tooltip(att),
            "content": att.content.text if att.content else "",
            "fragments": att.content.fragment_texts(analysis.article.text) if att.content else [],
        })
    return cards


def _analysis_context(analysis: Analysis, person_ids: list[str | None], entity_links: dict[str, str]) -> dict:
    by_type: dict[str, list[Any]] = {}
    for ent in analysis.entities:
        by_type.setdefault(ent.type, []).append(ent)
    return {
        "analysis": analysis,
        "article": analysis.article,
        "highlighted": highlight_text(analysis.article.text, analysis.attributions),
        "cards": _statement_cards(analysis, person_ids),
        "entities_by_type": sorted(by_type.items(), key=lambda kv: (kv[0] != "PERSON", kv[0])),
        "entity_links": entity_links,
    }


@router.get("/article/{article_id:path}", response_class=HTMLResponse)
def article_page(request: Request, article_id: str) -> Response:
    store = state_of(request).store()
    analysis = store.article(article_id)
    if analysis is None:
        raise HTTPException(404, f"no article with id {article_id!r}; see the list of articles at /articles")
    quotes = store.quotes(article_id=article_id, limit=max(100, len(analysis.attributions) + 10))
    ctx = _analysis_context(analysis, statement_people(analysis, quotes), entity_people(store, article_id))
    ctx["statement_links"] = statement_links(store, quotes)
    return _render(request, "article.html", ctx)


# -- people -------------------------------------------------------------------------------------------------
@router.get("/people", response_class=HTMLResponse)
def people_page(
    request: Request,
    search: Optional[str] = Query(None, max_length=200),
    page: int = Query(1, ge=1, le=100_000),
) -> Response:
    state = state_of(request)
    size = state.settings.page_size
    rows = state.store().people(search=(search or "").strip() or None, limit=size + 1, offset=(page - 1) * size)
    return _render(request, "people.html", {"rows": rows[:size], "search": search or "",
                                            "pager": _pager(request, page, len(rows) > size)})


@router.get("/person/{person}", response_class=HTMLResponse)
def person_page(request: Request, person: str) -> Response:
    found = state_of(request).store().person(person)
    if found is None:
        raise HTTPException(404, f"no person {person!r}; see the list of people at /people")

    def href(node: dict[str, Any]) -> str | None:
        return person_href(node["id"]) if node.get("id") else None

    return _render(request, "person.html", {
        "p": found,
        "graph": relation_graph(found["name"], found.get("relations", []), href_for=href),
        "timeline_svg": timeline_chart(found.get("timeline", [])),
    })


# -- search -------------------------------------------------------------------------------------------------
@router.get("/search", response_class=HTMLResponse)
def search_page(
    request: Request,
    q: Optional[str] = Query(None, max_length=500),
    speaker: Optional[str] = Query(None, max_length=200),
    outlet: Optional[str] = Query(None, max_length=200),
    source_type: Optional[str] = Query(None, max_length=40),
    since: Optional[str] = Query(None, max_length=40),
    until: Optional[str] = Query(None, max_length=40),
    page: int = Query(1, ge=1, le=100_000),
) -> Response:
    state = state_of(request)
    store = state.store()
    size = state.settings.page_size
    form = {"q": q or "", "speaker": speaker or "", "outlet": outlet or "", "source_type": source_type or "",
            "since": since or "", "until": until or ""}
    st = _source_type_param(source_type)
    d1, d2 = _date_param(since, "since"), _date_param(until, "until")
    if d1 and d2 and d1 > d2:
        raise HTTPException(400, f"since ({d1}) is after until ({d2}); swap the dates")
    searched = any(v.strip() for k, v in form.items())
    rows: list[dict[str, Any]] = []
    if searched:
        rows = store.quotes(search=(q or "").strip() or None, speaker=(speaker or "").strip() or None,
                            outlet=outlet or None, source_type=st, since=d1, until=d2,
                            limit=size + 1, offset=(page - 1) * size)
    outlets = [o["outlet"] for o in store.sources_by_outlet() if o.get("outlet") and o["outlet"] != "(none)"]
    return _render(request, "search.html", {
        "form": form, "rows": rows[:size], "searched": searched, "outlets": sorted(outlets),
        "source_types": SOURCE_TYPES, "mark": lambda text: mark_terms(text, q),
        "pager": _pager(request, page, len(rows) > size),
    })


# -- analyze ------------------------------------------------------------------------------------------------
@router.get("/analyze", response_class=HTMLResponse)
def analyze_form(request: Request) -> Response:
    state = state_of(request)
    return _render(request, "analyze.html", {"form": {"text": "", "date": "", "title": "", "outlet": ""},
                                             "limits": state.settings})


@router.post("/analyze", response_class=HTMLResponse)
async def analyze_submit(
    request: Request,
    text: str = Form("", max_length=10_000_000),
    date: str = Form("", max_length=40),
    title: str = Form("", max_length=1000),
    outlet: str = Form("", max_length=200),
) -> Response:
    state = state_of(request)
    form = {"text": text, "date": date, "title": title, "outlet": outlet}
    try:
        article = build_article(state, text, date.strip() or None, title.strip() or None, outlet.strip() or None)
        analysis = await run_analysis(state, article)
    except HTTPException as exc:  # show the form again, with the text kept and the reason above it
        return _render(request, "analyze.html", {"form": form, "limits": state.settings, "error": exc.detail},
                       status=exc.status_code)
    ctx = _analysis_context(analysis, [None] * len(analysis.attributions), {})
    ctx.update({"form": form, "limits": state.settings})
    return _render(request, "analyze.html", ctx)
