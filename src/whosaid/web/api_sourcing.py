"""The sourcing part of the JSON API: one outlet's profile, the mix by outlet and period, rankings of
organizations and anonymous-source descriptions, the most-quoted people over time, a person's profile."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request

from ..errors import WhosaidError
from ..model import SOURCE_TYPES
from .api import state_of
from .filters import check_range, parse_date
from .schemas import ErrorOut, OutletMix, OutletProfile, Page, PeopleTrend, PersonProfile, SourceRank

__all__ = ["router", "RANKED_TYPES", "DateRange", "ArticleRange", "outlet_or_404", "parse_groups"]

router = APIRouter(
    prefix="/api", tags=["sourcing"], responses={400: {"model": ErrorOut, "description": "Bad parameter"}}
)

RANKED_TYPES: tuple[str, ...] = tuple(t for t in SOURCE_TYPES if t != "person")


class DateRange:
    """``since`` and ``until`` (article dates) as a dependency; empty values mean unset."""

    outlet: str | None = None

    def __init__(
        self,
        since: str | None = Query(None, max_length=40, description="Articles on or after (YYYY-MM-DD)."),
        until: str | None = Query(None, max_length=40, description="Articles on or before (YYYY-MM-DD)."),
    ) -> None:
        self.since = parse_date(since, "since")
        self.until = parse_date(until, "until")
        check_range(self.since, self.until)

    def kwargs(self) -> dict[str, Any]:
        """``since``/``until`` (and ``outlet`` when set) for the store's sourcing methods."""
        out: dict[str, Any] = {"since": self.since, "until": self.until}
        if self.outlet:
            out["outlet"] = self.outlet
        return out


class ArticleRange(DateRange):
    """``outlet``, ``since`` and ``until`` (article dates) as a dependency; empty values mean unset."""

    def __init__(
        self,
        outlet: str | None = Query(None, max_length=200, description="Only articles of this outlet."),
        since: str | None = Query(None, max_length=40, description="Articles on or after (YYYY-MM-DD)."),
        until: str | None = Query(None, max_length=40, description="Articles on or before (YYYY-MM-DD)."),
    ) -> None:
        super().__init__(since, until)
        self.outlet = (outlet or "").strip() or None


def parse_groups(by: str) -> tuple[str, ...]:
    """``"outlet,month"`` -> ``("outlet", "month")``; HTTP 400 for anything else."""
    from ..store.sourcing import GROUPS

    groups = tuple(g.strip() for g in by.split(",") if g.strip())
    if (
        not groups
        or any(g not in GROUPS for g in groups)
        or len(set(groups)) != len(groups)
        or {"month", "week"} <= set(groups)
    ):
        raise HTTPException(400, f"by: {by!r}; use outlet, month, week or a combination such as outlet,month")
    return groups


def outlet_or_404(store: Any, outlet: str, **kwargs: Any) -> dict[str, Any]:
    """The outlet's profile, or HTTP 404 naming where the outlets are listed."""
    found = store.outlet_profile(outlet, **kwargs)
    if found is None:
        raise HTTPException(404, f"no outlet {outlet!r} in the store; see the list at /outlets")
    return found  # type: ignore[no-any-return]


@router.get("/sourcing", response_model=list[OutletMix], summary="Sourcing mix by outlet and/or period")
def api_sourcing(
    request: Request,
    by: str = Query("outlet", max_length=40, description="outlet, month, week, or outlet,month / outlet,week."),
    span: ArticleRange = Depends(),
) -> list[dict[str, Any]]:
    """Statements by source type, relayed, by the gender of named people and by category, per group."""
    return state_of(request).store().sourcing(parse_groups(by), **span.kwargs())  # type: ignore[no-any-return]


@router.get(
    "/outlets/{outlet}",
    response_model=OutletProfile,
    summary="One outlet's sourcing",
    responses={404: {"model": ErrorOut, "description": "No such outlet"}},
)
def api_outlet(
    request: Request,
    outlet: str,
    span: DateRange = Depends(),
    top: int = Query(10, ge=1, le=100, description="How many people and sources to rank."),
) -> dict[str, Any]:
    """Who the outlet quotes most, its sourcing mix (source type, gender, category), relays and months."""
    store = state_of(request).store()
    found = outlet_or_404(store, outlet, **span.kwargs())
    ranges = {**span.kwargs(), "outlet": found["outlet"]}
    found["people"] = store.people(limit=top, **ranges)
    found["organizations"] = store.rank_sources("organization", limit=top, **ranges)
    found["anonymous_sources"] = store.rank_sources("anonymous", limit=top, **ranges)
    return found


@router.get("/rankings/{source_type}", response_model=Page[SourceRank], summary="Most-quoted sources of a type")
def api_ranking(
    request: Request,
    source_type: str,
    span: ArticleRange = Depends(),
    limit: int = Query(50, ge=1, le=500),
    offset: int = Query(0, ge=0, le=1_000_000),
) -> dict[str, Any]:
    """Organizations (``/api/rankings/organization``), anonymous-source descriptions (``anonymous``) or
    another non-person source type, most statements first."""
    if source_type not in RANKED_TYPES:
        raise HTTPException(404, f"no ranking {source_type!r}; rank one of {', '.join(RANKED_TYPES)}")
    store = state_of(request).store()
    try:
        items = store.rank_sources(source_type, limit=limit, offset=offset, **span.kwargs())
        total = store.count_rank_sources(source_type, **span.kwargs())
    except WhosaidError as exc:
        raise HTTPException(400, str(exc)) from None
    nxt = str(request.url.include_query_params(offset=offset + limit)) if offset + len(items) < total else None
    return {"items": items, "limit": limit, "offset": offset, "next": nxt, "total": total}


@router.get("/trends/people", response_model=PeopleTrend, summary="Most-quoted people per period")
def api_people_trend(
    request: Request,
    span: ArticleRange = Depends(),
    period: str = Query("month", pattern="^(month|week)$", description="month or week."),
    top: int = Query(5, ge=1, le=20, description="People followed over the whole range."),
) -> dict[str, Any]:
    """The ``top`` most-quoted people's statements per period, and each period's own leaders."""
    return state_of(request).store().people_by_period(period, top=top, **span.kwargs())  # type: ignore


@router.get(
    "/people/{person}/profile",
    response_model=PersonProfile,
    summary="One person at a glance",
    responses={404: {"model": ErrorOut, "description": "No such person"}},
)
def api_person_profile(request: Request, person: str) -> dict[str, Any]:
    """Counts, grouped relations and a monthly timeline; page through their statements with
    ``/api/attributions?speaker=ID`` and ``?about=ID``."""
    found = state_of(request).store().person_profile(person)
    if found is None:
        raise HTTPException(404, f"no person {person!r}; list people at /api/people")
    return found  # type: ignore[no-any-return]
