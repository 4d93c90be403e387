"""Query parameters shared by the JSON API and the pages: statement filters and paging.

:class:`StatementFilters` is a FastAPI dependency: the API, the search page, the person page and the exports
read the same parameters with the same checks, so a filtered page, its total and its download always agree.
Empty values (an HTML form's "any") mean "not set"; a bad value is HTTP 400 with what to write instead.
"""

from __future__ import annotations

import datetime as _dt
import math
from typing import Any
from urllib.parse import urlencode

from fastapi import HTTPException, Query, Request

from ..model import ATTRIBUTION_KINDS, CATEGORIES, SOURCE_TYPES

__all__ = ["StatementFilters", "parse_date", "check_range", "Pager", "PAGE_PARAM"]

PAGE_PARAM = "page"


def parse_date(value: str | None, name: str) -> str | None:
    """``YYYY-MM-DD`` or None for an empty value; HTTP 400 naming the parameter otherwise."""
    if value is None or not value.strip():
        return None
    try:
        return _dt.date.fromisoformat(value.strip()).isoformat()
    except ValueError:
        raise HTTPException(400, f"{name}: {value!r} is not a date; write it as YYYY-MM-DD") from None


def check_range(since: str | None, until: str | None, names: tuple[str, str] = ("since", "until")) -> None:
    """HTTP 400 when the range is reversed."""
    if since and until and since > until:
        raise HTTPException(400, f"{names[0]} ({since}) is after {names[1]} ({until}); swap the dates")


def _choice(value: str | None, name: str, choices: tuple[str, ...]) -> str | None:
    value = (value or "").strip()
    if not value:
        return None
    if value not in choices:
        raise HTTPException(400, f"{name} must be one of {', '.join(choices)}, not {value!r}")
    return value


def _text(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None


class StatementFilters:
    """The statement filters (see ``Store.quotes``), read from the query string."""

    NAMES = (
        "speaker",
        "about",
        "outlet",
        "source_type",
        "kind",
        "category",
        "via",
        "since",
        "until",
        "said_since",
        "said_until",
        "min_confidence",
        "source",
    )

    def __init__(
        self,
        speaker: str | None = Query(None, max_length=200, description="Who said it: a person id, full name or alias."),
        about: str | None = Query(None, max_length=200, description="A person the content mentions."),
        outlet: str | None = Query(None, max_length=200, description="Only articles of this outlet."),
        source_type: str | None = Query(
            None, max_length=40, description=f"Only this source type: {', '.join(SOURCE_TYPES)}."
        ),
        kind: str | None = Query(None, max_length=40, description=f"Only this kind: {', '.join(ATTRIBUTION_KINDS)}."),
        category: str | None = Query(
            None, max_length=40, description=f"Only this PARC category: {', '.join(CATEGORIES)}."
        ),
        via: str | None = Query(None, max_length=200, description="Only statements relayed via this outlet."),
        since: str | None = Query(
            None, max_length=40, description="Articles published on or after this date (YYYY-MM-DD)."
        ),
        until: str | None = Query(
            None, max_length=40, description="Articles published on or before this date (YYYY-MM-DD)."
        ),
        said_since: str | None = Query(
            None,
            max_length=40,
            description=(
                "Said on or after this date (YYYY-MM-DD): the first day of said_at; statements with no dated "
                "said_at are left out."
            ),
        ),
        said_until: str | None = Query(None, max_length=40, description="Said on or before this date (YYYY-MM-DD)."),
        min_confidence: str | None = Query(
            None, max_length=20, description="Only statements with at least this confidence (0-1)."
        ),
        source: str | None = Query(
            None,
            max_length=200,
            description=(
                "An organization or anonymous-source description as the rankings group it (e.g. 'officials')."
            ),
        ),
    ) -> None:
        self.speaker = _text(speaker)
        self.about = _text(about)
        self.outlet = _text(outlet)
        self.source_type = _choice(source_type, "source_type", SOURCE_TYPES)
        self.kind = _choice(kind, "kind", ATTRIBUTION_KINDS)
        self.category = _choice(category, "category", CATEGORIES)
        self.via = _text(via)
        self.source = _text(source)
        self.since = parse_date(since, "since")
        self.until = parse_date(until, "until")
        check_range(self.since, self.until)
        self.said_since = parse_date(said_since, "said_since")
        self.said_until = parse_date(said_until, "said_until")
        check_range(self.said_since, self.said_until, ("said_since", "said_until"))
        self.min_confidence = self._confidence(min_confidence)

    @staticmethod
    def _confidence(value: str | None) -> float | None:
        value = (value or "").strip()
        if not value:
            return None
        try:
            number = float(value)
        except ValueError:
            number = math.nan
        if not 0.0 <= number <= 1.0:
            raise HTTPException(400, f"min_confidence must be a number from 0 to 1, not {value!r}")
        return number

    def store_kwargs(self) -> dict[str, Any]:
        """The keyword arguments of ``Store.quotes``/``count_quotes``/``iter_quotes`` (unset ones left out)."""
        return {k: getattr(self, k) for k in self.NAMES if getattr(self, k) is not None}

    def form(self) -> dict[str, str]:
        """Every filter as a string, for filling a form back in ('' when unset)."""
        out = {}
        for k in self.NAMES:
            v = getattr(self, k)
            out[k] = "" if v is None else (f"{v:g}" if isinstance(v, float) else str(v))
        return out

    def active(self) -> bool:
        return bool(self.store_kwargs())

    def params(self, **extra: Any) -> str:
        """The set filters (and ``extra``) as a query string."""
        pairs = {k: v for k, v in self.form().items() if v}
        pairs.update({k: v for k, v in extra.items() if v not in (None, "")})
        return urlencode(pairs)


class Pager:
    """Page links for a list of ``total`` rows shown ``size`` at a time (pages count from 1)."""

    def __init__(
        self, request: Request, page: int, size: int, total: int, *, param: str = PAGE_PARAM, anchor: str = ""
    ) -> None:
        self.page = page
        self.size = size
        self.total = total
        self.param = param
        self.pages = max(1, math.ceil(total / size)) if size else 1
        self._request = request
        self._anchor = anchor

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.size

    @property
    def first_row(self) -> int:
        return min(self.total, self.offset + 1)

    @property
    def last_row(self) -> int:
        return min(self.total, self.offset + self.size)

    def link(self, page: int) -> str:
        params = dict(self._request.query_params)
        params[self.param] = str(page)
        return f"{self._request.url.path}?{urlencode(params)}{self._anchor}"

    @property
    def prev(self) -> str | None:
        return self.link(self.page - 1) if self.page > 1 else None

    @property
    def next(self) -> str | None:
        return self.link(self.page + 1) if self.page < self.pages else None

    @property
    def first(self) -> str | None:
        return self.link(1) if self.page > 2 else None

    @property
    def last(self) -> str | None:
        return self.link(self.pages) if self.page < self.pages - 1 else None

    def check(self) -> None:
        """HTTP 404 for a page past the last one (page 1 of an empty list is fine)."""
        if self.page > self.pages:
            raise HTTPException(
                404, f"page {self.page} is past the last page ({self.pages}); go to {self.link(self.pages)}"
            )
