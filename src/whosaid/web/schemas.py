"""Pydantic models of the JSON API (they document the OpenAPI schema; extra keys from the store pass through)."""

from __future__ import annotations

import datetime as _dt
from typing import Any, Generic, Optional, TypeVar

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
    date: Optional[str] = None
    title: Optional[str] = None
    outlet: Optional[str] = None
    n_attributions: int = 0


class Quote(_Open):
    """One attributed statement with its article."""

    article_id: str
    date: Optional[str] = None
    outlet: Optional[str] = None
    title: Optional[str] = None
    kind: Optional[str] = None
    speaker: Optional[str] = None
    speaker_id: Optional[str] = None
    source_type: Optional[str] = None
    source_description: Optional[str] = None
    via: Optional[str] = None
    said_at: Optional[str] = None
    cue: Optional[str] = None
    content: Optional[str] = None
    content_start: Optional[int] = None
    content_end: Optional[int] = None
    confidence: Optional[float] = None
    category: Optional[str] = Field(default=None, description="PARC category, when known.")
    headline: Optional[str] = Field(default=None, description="The article title, else its first line.")
    url: Optional[str] = None
    idx: Optional[int] = Field(default=None, description="Position in the article's attributions.")


class PersonSummary(_Open):
    """One person of a list, with statement counts."""

    person_id: str
    name: str
    gender: str = Field(default="unknown", description="female, male or unknown: what most of the articles "
                                                       "that mention them state.")
    n_quotes: int = 0
    n_articles: int = 0
    by_source_type: dict[str, int] = Field(default_factory=dict)


class PersonRelation(_Open):
    """A relation of a person, read from their side (``role``: subject or object)."""

    relation: str
    other: Optional[str] = None
    other_id: Optional[str] = None
    evidence: Optional[Any] = None
    article_id: Optional[str] = None
    when: Optional[str] = None


class TimelineItem(_Open):
    """A dated event or statement of a person."""

    when: Optional[str] = None
    what: Optional[str] = None
    article_id: Optional[str] = None
    evidence: Optional[Any] = None


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

    outlet: Optional[str] = None
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
    share_anonymous: Optional[float] = None
    share_named: Optional[float] = None
    share_relayed: Optional[float] = None
    share_female: Optional[float] = Field(default=None, description="Share of the named people's statements.")
    share_male: Optional[float] = None
    share_gender_unknown: Optional[float] = None


class OutletProfile(OutletMix):
    """One outlet: its sourcing mix, who it quotes most, the outlets it relays and its mix by month."""

    first_date: Optional[str] = None
    last_date: Optional[str] = None
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
    fragments: Optional[list[list[int]]] = None


class AttributionOut(BaseModel):
    """One attributed statement of the output contract."""

    kind: str
    source: Optional[SpanOut] = None
    cue: Optional[SpanOut] = None
    content: Optional[SpanOut] = None
    speaker: Optional[str] = None
    speaker_id: Optional[str] = None
    source_type: str
    source_description: Optional[str] = None
    via: Optional[str] = None
    said_at: Optional[str] = None
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
    value: Optional[str] = None
    anchor: Optional[str] = None


class RelationOut(BaseModel):
    """A relation between two entities, with its evidence."""

    subject: str
    relation: str
    object: str
    evidence: SpanOut
    subject_id: Optional[str] = None
    object_id: Optional[str] = None
    when: Optional[str] = None
    confidence: float


class EventOut(BaseModel):
    """A dated happening with its participants and evidence."""

    what: str
    when: Optional[str] = None
    participants: list[str]
    evidence: SpanOut
    time: Optional[SpanOut] = None


class AnalysisOut(BaseModel):
    """One article's analysis (the output contract of docs/output.md), with the article text."""

    id: str
    date: Optional[str] = None
    title: Optional[str] = None
    outlet: Optional[str] = None
    url: Optional[str] = None
    text: Optional[str] = None
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
    date: Optional[_dt.date] = Field(default=None, description="Publication date, YYYY-MM-DD: the anchor for "
                                                                "relative times such as 'yesterday'.")
    title: Optional[str] = Field(default=None, max_length=1000)
    outlet: Optional[str] = Field(default=None, max_length=200)


class Page(BaseModel, Generic[T]):
    """A page of results; ``next`` is the URL of the next page, or null on the last one."""

    items: list[T]
    limit: int
    offset: int
    next: Optional[str] = None
    total: Optional[int] = Field(default=None, description="Rows over all pages.")
