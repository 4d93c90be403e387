"""Pydantic models of the JSON API (they document the OpenAPI schema; extra keys from the store pass through)."""

from __future__ import annotations

import datetime as _dt
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field

__all__ = [
    "Stats",
    "ArticleSummary",
    "Quote",
    "PersonSummary",
    "PersonRelation",
    "TimelineItem",
    "PersonDetail",
    "OutletMix",
    "OutletProfile",
    "PersonProfile",
    "SourceRank",
    "PeopleTrend",
    "SpanOut",
    "AttributionOut",
    "EntityOut",
    "TimeOut",
    "RelationOut",
    "EventOut",
    "AnalysisOut",
    "AnalyzeRequest",
    "Page",
    "ErrorOut",
]

T = TypeVar("T")


class _Open(BaseModel):
    model_config = ConfigDict(extra="allow")


class ErrorOut(BaseModel):
    """An error: what went wrong and how to fix it."""

    detail: str = Field(description="What went wrong and how to fix it.")


class Stats(_Open):
    """Corpus counts: articles, statements, people, outlets, recorded errors, statements by source type."""

    articles: int
    attributions: int
    people: int
    outlets: int
    errors: int = 0
    by_source_type: dict[str, int] = Field(default_factory=dict)


class ArticleSummary(_Open):
    """One article of a list (``headline``: its title, else its first line)."""

    id: str
    date: str | None = None
    title: str | None = None
    outlet: str | None = None
    n_attributions: int = 0


class Quote(_Open):
    """One attributed statement with its article."""

    article_id: str
    date: str | None = None
    outlet: str | None = None
    title: str | None = None
    kind: str | None = None
    speaker: str | None = None
    speaker_id: str | None = None
    source_type: str | None = None
    source_description: str | None = None
    via: str | None = None
    said_at: str | None = None
    cue: str | None = None
    content: str | None = None
    content_start: int | None = None
    content_end: int | None = None
    confidence: float | None = None
    category: str | None = Field(default=None, description="PARC category, when known.")
    headline: str | None = Field(default=None, description="The article title, else its first line.")
    url: str | None = None
    idx: int | None = Field(default=None, description="Position in the article's attributions.")


class PersonSummary(_Open):
    """One person of a list, with statement counts."""

    person_id: str
    name: str
    gender: str = Field(
        default="unknown", description="female, male or unknown: what most of the articles that mention them state."
    )
    n_quotes: int = 0
    n_articles: int = 0
    by_source_type: dict[str, int] = Field(default_factory=dict)


class PersonRelation(_Open):
    """A relation of a person, read from their side (``role``: subject or object)."""

    relation: str
    other: str | None = None
    other_id: str | None = None
    evidence: Any | None = None
    article_id: str | None = None
    when: str | None = None


class TimelineItem(_Open):
    """A dated event or statement of a person."""

    when: str | None = None
    what: str | None = None
    article_id: str | None = None
    evidence: Any | None = None


class PersonProfile(_Open):
    """A person at a glance: counts, grouped relations and a monthly timeline (statements are paged apart)."""

    person_id: str
    name: str
    aliases: list[str] = Field(default_factory=list)
    gender: str = "unknown"
    n_quotes: int = 0
    n_about: int = 0
    n_articles: int = 0
    by_source_type: dict[str, int] = Field(default_factory=dict)
    by_kind: dict[str, int] = Field(default_factory=dict)
    by_category: dict[str, int] = Field(default_factory=dict)
    outlets: list[dict[str, Any]] = Field(default_factory=list)
    relations: list[dict[str, Any]] = Field(default_factory=list)
    months: list[dict[str, Any]] = Field(default_factory=list)
    undated: dict[str, int] = Field(default_factory=dict)


class PersonDetail(_Open):
    """One person with their statements (by and about), relations and timeline."""

    person_id: str
    name: str
    aliases: list[str] = Field(default_factory=list)
    n_quotes: int = 0
    quotes_by: list[Quote] = Field(default_factory=list)
    quotes_about: list[Quote] = Field(default_factory=list)
    relations: list[PersonRelation] = Field(default_factory=list)
    timeline: list[TimelineItem] = Field(default_factory=list)


class OutletMix(_Open):
    """The sourcing mix of one group (an outlet, a period or both): counts and shares."""

    outlet: str | None = None
    statements: int = 0
    named: int = 0
    anonymous: int = 0
    relayed: int = 0
    social_media: int = 0
    organization: int = 0
    document: int = 0
    unknown: int = 0
    media: int = 0
    articles: int = 0
    gender_female: int = Field(default=0, description="Statements by named people stated to be female.")
    gender_male: int = 0
    gender_unknown: int = Field(default=0, description="Statements by named people of no stated gender.")
    share_anonymous: float | None = None
    share_named: float | None = None
    share_relayed: float | None = None
    share_female: float | None = Field(default=None, description="Share of the named people's statements.")
    share_male: float | None = None
    share_gender_unknown: float | None = None


class OutletProfile(OutletMix):
    """One outlet: its sourcing mix, who it quotes most, the outlets it relays and its mix by month."""

    first_date: str | None = None
    last_date: str | None = None
    by_kind: dict[str, int] = Field(default_factory=dict)
    relays: list[dict[str, Any]] = Field(default_factory=list)
    months: list[OutletMix] = Field(default_factory=list)
    people: list[PersonSummary] = Field(default_factory=list)
    organizations: list[dict[str, Any]] = Field(default_factory=list)
    anonymous_sources: list[dict[str, Any]] = Field(default_factory=list)


class SourceRank(_Open):
    """One row of a ranking of organizations or anonymous-source descriptions."""

    key: str = Field(description="The grouping key (pass it as `source` to /api/attributions).")
    name: str = Field(description="The most frequent spelling.")
    n: int = Field(description="Statements.")
    n_articles: int = 0
    n_outlets: int = 0
    resolved: int = Field(default=0, description="Statements whose speaker was resolved to a name.")
    variants: int = 1


class PeopleTrend(_Open):
    """The most-quoted people per period."""

    periods: list[str]
    series: list[dict[str, Any]]
    leaders: dict[str, list[dict[str, Any]]]


class SpanOut(BaseModel):
    """A stretch of the article text (end-exclusive offsets); ``fragments`` for a discontinuous span."""

    start: int
    end: int
    text: str
    fragments: list[list[int]] | None = None


class AttributionOut(BaseModel):
    """One attributed statement of the output contract."""

    kind: str
    source: SpanOut | None = None
    cue: SpanOut | None = None
    content: SpanOut | None = None
    speaker: str | None = None
    speaker_id: str | None = None
    source_type: str
    source_description: str | None = None
    via: str | None = None
    said_at: str | None = None
    confidence: float


class EntityOut(BaseModel):
    """An entity with all its mentions."""

    id: str
    name: str
    type: str
    mentions: list[SpanOut]
    confidence: float


class TimeOut(BaseModel):
    """A time expression with its TIMEX3 type and value."""

    start: int
    end: int
    text: str
    type: str
    value: str | None = None
    anchor: str | None = None


class RelationOut(BaseModel):
    """A relation between two entities, with its evidence."""

    subject: str
    relation: str
    object: str
    evidence: SpanOut
    subject_id: str | None = None
    object_id: str | None = None
    when: str | None = None
    confidence: float


class EventOut(BaseModel):
    """A dated happening with its participants and evidence."""

    what: str
    when: str | None = None
    participants: list[str]
    evidence: SpanOut
    time: SpanOut | None = None


class AnalysisOut(BaseModel):
    """One article's analysis (the output contract of docs/output.md), with the article text."""

    id: str
    date: str | None = None
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    text: str | None = None
    attributions: list[AttributionOut]
    entities: list[EntityOut]
    times: list[TimeOut]
    relations: list[RelationOut]
    events: list[EventOut]
    warnings: list[str]


class AnalyzeRequest(BaseModel):
    """An article to analyze (nothing is stored)."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(min_length=1, description="The article text (plain text).")
    date: _dt.date | None = Field(
        default=None, description="Publication date, YYYY-MM-DD: the anchor for relative times such as 'yesterday'."
    )
    title: str | None = Field(default=None, max_length=1000)
    outlet: str | None = Field(default=None, max_length=200)


class Page(BaseModel, Generic[T]):
    """A page of results; ``next`` is the URL of the next page, or null on the last one."""

    items: list[T]
    limit: int
    offset: int
    next: str | None = None
    total: int | None = Field(default=None, description="Rows over all pages.")
