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
    detail: str = Field(description="What went wrong and how to fix it.")


class Stats(_Open):
    articles: int
    attributions: int
    people: int
    outlets: int
    errors: int = 0
    by_source_type: dict[str, int] = Field(default_factory=dict)


class ArticleSummary(_Open):
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


class PersonSummary(_Open):
    person_id: str
    name: str
    n_quotes: int = 0
    n_articles: int = 0
    by_source_type: dict[str, int] = Field(default_factory=dict)


class PersonRelation(_Open):
    relation: str
    other: Optional[str] = None
    other_id: Optional[str] = None
    evidence: Optional[Any] = None
    article_id: Optional[str] = None
    when: Optional[str] = None


class TimelineItem(_Open):
    when: Optional[str] = None
    what: Optional[str] = None
    article_id: Optional[str] = None
    evidence: Optional[Any] = None


class PersonDetail(_Open):
    person_id: str
    name: str
    aliases: list[str] = Field(default_factory=list)
    n_quotes: int = 0
    quotes_by: list[Quote] = Field(default_factory=list)
    quotes_about: list[Quote] = Field(default_factory=list)
    relations: list[PersonRelation] = Field(default_factory=list)
    timeline: list[TimelineItem] = Field(default_factory=list)


class OutletMix(_Open):
    outlet: Optional[str] = None
    statements: int = 0
    named: int = 0
    anonymous: int = 0
    relayed: int = 0
    social_media: int = 0
    organization: int = 0
    document: int = 0
    unknown: int = 0
    share_anonymous: Optional[float] = None


class SpanOut(BaseModel):
    start: int
    end: int
    text: str
    fragments: Optional[list[list[int]]] = None


class AttributionOut(BaseModel):
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
    id: str
    name: str
    type: str
    mentions: list[SpanOut]
    confidence: float


class TimeOut(BaseModel):
    start: int
    end: int
    text: str
    type: str
    value: Optional[str] = None
    anchor: Optional[str] = None


class RelationOut(BaseModel):
    subject: str
    relation: str
    object: str
    evidence: SpanOut
    subject_id: Optional[str] = None
    object_id: Optional[str] = None
    when: Optional[str] = None
    confidence: float


class EventOut(BaseModel):
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
