"""Server-rendered HTML pages: overview, articles, article, search, analyze (people: ``person_pages``;
outlets, trends and rankings: ``outlet_pages``)."""

from __future__ import annotations

import re
from typing import Any

from fastapi import APIRouter, Depends, Form, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, Response
from markupsafe import Markup, escape

from ..model import ATTRIBUTION_KINDS, CATEGORIES, SOURCE_TYPES, Analysis
from ..store.filters import headline
from .api import build_article, run_analysis, state_of
from .charts import sourcing_chart
from .filters import Pager, StatementFilters, check_range, parse_date
from .provenance import statement_links
from .queries import entity_people, statement_people
from .render import highlight_text, safe_url, speaker_label, statement_order, statement_tooltip

__all__ = ["router", "mark_terms", "render_page", "PageNumber", "outlet_names"]

router = APIRouter(include_in_schema=False)

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)


PageNumber = Query(1, ge=1, le=100_000, description="Page number, from 1.")


def render_page(request: Request, name: str, context: dict[str, Any], status: int = 200) -> Response:
    """The template ``name`` rendered with ``context`` (autoescaped)."""
    templates = request.app.state.templates
    return templates.TemplateResponse(request, name, context, status_code=status)


def outlet_names(store: Any) -> list[str]:
    """The store's outlets, sorted (for filter menus)."""
    return [o["outlet"] for o in store.outlets()]


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
            out.append(str(escape(text[last : m.start()])))
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
        return render_page(request, "empty.html", {"error": str(error), "db": state.options.db}, status=503)
    outlets = store.sources_by_outlet()
    totals = {
        key: sum(int(o.get(key) or 0) for o in outlets)
        for key in ("statements", "named", "gender_female", "gender_male", "gender_unknown")
    }
    return render_page(
        request,
        "overview.html",
        {
            "stats": store.stats(),
            "people": store.people(limit=15),
            "outlets": outlets,
            "totals": totals,
            "chart": sourcing_chart(outlets),
            "articles": store.articles(limit=10),
            "organizations": store.rank_sources("organization", limit=8),
            "anonymous": store.rank_sources("anonymous", limit=8),
        },
    )


# -- articles -----------------------------------------------------------------------------------------------
@router.get("/articles", response_class=HTMLResponse)
def articles_page(
    request: Request,
    outlet: str | None = Query(None, max_length=200),
    since: str | None = Query(None, max_length=40),
    until: str | None = Query(None, max_length=40),
    page: int = PageNumber,
) -> Response:
    state = state_of(request)
    store = state.store()
    filters = {
        "outlet": (outlet or "").strip() or None,
        "since": parse_date(since, "since"),
        "until": parse_date(until, "until"),
    }
    check_range(filters["since"], filters["until"])
    pages = Pager(request, page, state.settings.page_size, store.count_articles(**filters))
    pages.check()
    rows = store.articles(**filters, limit=pages.size, offset=pages.offset)
    return render_page(
        request,
        "articles.html",
        {
            "rows": rows,
            "outlet": outlet or "",
            "since": since or "",
            "until": until or "",
            "pages": pages,
            "outlets": outlet_names(store),
        },
    )


def _statement_cards(analysis: Analysis, person_ids: list[str | None]) -> list[dict[str, Any]]:
    """One card per statement, in text order (``i`` keeps the statement's index in the analysis)."""
    cards = []
    for i in statement_order(analysis.attributions):
        att = analysis.attributions[i]
        cards.append(
            {
                "i": i,
                "att": att,
                "who": speaker_label(att),
                "person_id": person_ids[i] if i < len(person_ids) else None,
                "tooltip": statement_tooltip(att),
                "content": att.content.text if att.content else "",
                "fragments": att.content.fragment_texts(analysis.article.text) if att.content else [],
            }
        )
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
        "headline": headline(analysis.article.title, analysis.article.text) or analysis.article.id,
        "url": safe_url(analysis.article.url),
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
    return render_page(request, "article.html", ctx)


# -- search -------------------------------------------------------------------------------------------------
@router.get("/search", response_class=HTMLResponse)
def search_page(
    request: Request,
    q: str | None = Query(None, max_length=500),
    filters: StatementFilters = Depends(),
    page: int = PageNumber,
) -> Response:
    state = state_of(request)
    store = state.store()
    words = (q or "").strip()
    searched = bool(words) or filters.active()
    kwargs = {**filters.store_kwargs(), "search": words or None}
    pages = Pager(request, page, state.settings.page_size, store.count_quotes(**kwargs) if searched else 0)
    pages.check()
    rows = store.quotes(**kwargs, limit=pages.size, offset=pages.offset) if searched else []
    return render_page(
        request,
        "search.html",
        {
            "form": {"q": q or "", **filters.form()},
            "rows": rows,
            "searched": searched,
            "pages": pages,
            "outlets": outlet_names(store),
            "source_types": SOURCE_TYPES,
            "kinds": ATTRIBUTION_KINDS,
            "categories": CATEGORIES,
            "mark": lambda text: mark_terms(text, q),
            "export": filters.params(q=words),
        },
    )


# -- analyze ------------------------------------------------------------------------------------------------
@router.get("/analyze", response_class=HTMLResponse)
def analyze_form(request: Request) -> Response:
    state = state_of(request)
    return render_page(
        request, "analyze.html", {"form": {"text": "", "date": "", "title": "", "outlet": ""}, "limits": state.settings}
    )


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
        return render_page(
            request,
            "analyze.html",
            {"form": form, "limits": state.settings, "error": exc.detail},
            status=exc.status_code,
        )
    ctx = _analysis_context(analysis, [None] * len(analysis.attributions), {})
    ctx.update({"form": form, "limits": state.settings})
    return render_page(request, "analyze.html", ctx)
