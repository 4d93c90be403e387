"""People pages: the list of people (paged, by name and outlet) and one person's page, sized for anyone:
statements by or about them paged and filtered, relations grouped and read from their side, a timeline by
month."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, Response

from ..model import ATTRIBUTION_KINDS, CATEGORIES, SOURCE_TYPES
from .api import state_of
from .charts import month_chart, relation_graph
from .filters import Pager, StatementFilters
from .pages import PageNumber, outlet_names, render_page
from .render import person_href

__all__ = ["router", "ROLES"]

router = APIRouter(include_in_schema=False)

ROLES = ("by", "about")


@router.get("/people", response_class=HTMLResponse)
def people_page(
    request: Request,
    search: str | None = Query(None, max_length=200),
    outlet: str | None = Query(None, max_length=200),
    page: int = PageNumber,
) -> Response:
    state = state_of(request)
    store = state.store()
    filters: dict[str, Any] = {"search": (search or "").strip() or None, "outlet": (outlet or "").strip() or None}
    pages = Pager(request, page, state.settings.page_size, store.count_people(**filters))
    pages.check()
    rows = store.people(**filters, limit=pages.size, offset=pages.offset)
    return render_page(
        request,
        "people.html",
        {"rows": rows, "search": search or "", "outlet": outlet or "", "outlets": outlet_names(store), "pages": pages},
    )


@router.get("/person/{person}", response_class=HTMLResponse)
def person_page(
    request: Request,
    person: str,
    role: str = Query("by", max_length=10, description="by: statements they made; about: statements about them."),
    filters: StatementFilters = Depends(),
    page: int = PageNumber,
    rpage: int = Query(1, ge=1, le=100_000, description="Page of the relations list."),
) -> Response:
    state = state_of(request)
    store = state.store()
    profile = store.person_profile(person)
    if profile is None:
        raise HTTPException(404, f"no person {person!r}; see the list of people at /people")
    if role not in ROLES:
        raise HTTPException(400, f"role must be by or about, not {role!r}")
    pid = profile["person_id"]
    kwargs = filters.store_kwargs()
    if role == "by":
        kwargs["speaker"] = pid
    else:
        kwargs["about"] = pid
    size = state.settings.person_page_size
    pages = Pager(request, page, size, store.count_quotes(**kwargs), anchor="#statements")
    pages.check()
    quotes = store.quotes(**kwargs, limit=pages.size, offset=pages.offset)
    relations = profile["relations"]
    rpages = Pager(request, rpage, 15, len(relations), param="rpage", anchor="#relations")
    rpages.check()

    def href(node: dict[str, Any]) -> str | None:
        return person_href(node["id"]) if node.get("id") else None

    form = filters.form()
    export = filters.params(**({"speaker": pid} if role == "by" else {"about": pid}))
    return render_page(
        request,
        "person.html",
        {
            "p": profile,
            "role": role,
            "quotes": quotes,
            "pages": pages,
            "form": form,
            "filtered": bool(filters.store_kwargs()),
            "relations": relations[rpages.offset : rpages.offset + rpages.size],
            "rpages": rpages,
            "graph": relation_graph(profile["name"], relations, href_for=href),
            "months_svg": month_chart(profile["months"]),
            "outlets": outlet_names(store),
            "source_types": SOURCE_TYPES,
            "kinds": ATTRIBUTION_KINDS,
            "categories": CATEGORIES,
            "export": export,
        },
    )
