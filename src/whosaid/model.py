"""Typed, immutable result objects with a stable JSON form (the output contract, docs/output.md).

Every span carries character offsets into ``Article.text``: ``text[start:end] == span.text`` always holds
for a contiguous span. A discontinuous span (a quote split around its cue) also carries ``fragments``;
then ``start``/``end`` are its outer bounds and ``text`` is ``text[start:end]`` as well, so the invariant
holds for every span, and the fragments say which parts belong to it.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from .errors import InputError

__all__ = [
    "Span",
    "Article",
    "Entity",
    "Attribution",
    "TimeExpression",
    "Relation",
    "Event",
    "Analysis",
    "AttributionKind",
    "SourceType",
    "ATTRIBUTION_KINDS",
    "SOURCE_TYPES",
    "ENTITY_TYPES",
    "TIME_TYPES",
    "CATEGORIES",
    "GENDERS",
    "GENDER_SOURCES",
    "GENDER_AGREEMENT",
]

AttributionKind = Literal["direct", "indirect", "mixed", "according_to"]
SourceType = Literal["person", "anonymous", "outlet", "organization", "social_media", "document", "unknown"]

ATTRIBUTION_KINDS: tuple[str, ...] = ("direct", "indirect", "mixed", "according_to")
SOURCE_TYPES: tuple[str, ...] = (
    "person",
    "anonymous",
    "outlet",
    "organization",
    "social_media",
    "document",
    "unknown",
)
# The kind of act a statement reports (PARC, Pareti 2016): saying, believing, knowing, or wanting/promising.
CATEGORIES: tuple[str, ...] = ("assertion", "belief", "fact", "eventuality")
# The gender the article itself states for a person (pronouns, honorifics, gendered nouns), or "unknown".
GENDERS: tuple[str, ...] = ("female", "male", "unknown")
# What states it: an honorific ("Mrs."), a gendered noun ("his wife"), a coreferent pronoun, or - only with the
# opt-in fallback (Options.gender_fallback) - a first-name dictionary, which the text does not state.
GENDER_SOURCES: tuple[str, ...] = ("honorific", "noun", "pronoun", "first_name")
# The share of the evidence (within an article) or of the articles (across a corpus) one gender needs to win.
GENDER_AGREEMENT = 2 / 3
ENTITY_TYPES: tuple[str, ...] = ("PERSON", "OUTLET", "ORG", "PLATFORM", "PLACE", "EVENT", "OTHER")
TIME_TYPES: tuple[str, ...] = ("DATE", "TIME", "DURATION", "SET")


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of article text: ``start``/``end`` are end-exclusive code-point offsets."""

    start: int
    end: int
    text: str
    fragments: tuple[tuple[int, int], ...] | None = None

    def __post_init__(self) -> None:
        if self.start < 0 or self.end < self.start:
            raise ValueError(f"bad span offsets [{self.start}, {self.end})")
        if len(self.text) != self.end - self.start:
            raise ValueError(f"span text length {len(self.text)} != end - start {self.end - self.start}")
        if self.fragments is not None:
            frags = self.fragments
            if not frags or frags[0][0] != self.start or frags[-1][1] != self.end:
                raise ValueError("fragments must start at span.start and end at span.end")
            for (s1, e1), (s2, e2) in zip(frags, frags[1:]):
                if not (s1 < e1 <= s2 < e2):
                    raise ValueError("fragments must be non-empty, ordered and disjoint")

    @classmethod
    def of(cls, text: str, start: int, end: int) -> Span:
        """The span ``[start, end)`` of ``text`` (the article text)."""
        if not (0 <= start <= end <= len(text)):
            raise ValueError(f"span [{start}, {end}) outside a text of length {len(text)}")
        return cls(start, end, text[start:end])

    @classmethod
    def of_fragments(cls, text: str, fragments: Iterable[tuple[int, int]]) -> Span:
        """A span made of several pieces of ``text``; one piece gives a plain span."""
        frags = tuple(sorted((int(s), int(e)) for s, e in fragments if e > s))
        if not frags:
            raise ValueError("no non-empty fragment")
        merged: list[tuple[int, int]] = [frags[0]]
        for s, e in frags[1:]:
            if s <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
            else:
                merged.append((s, e))
        start, end = merged[0][0], merged[-1][1]
        if len(merged) == 1:
            return cls.of(text, start, end)
        if end > len(text):
            raise ValueError(f"span [{start}, {end}) outside a text of length {len(text)}")
        return cls(start, end, text[start:end], tuple(merged))

    @property
    def parts(self) -> tuple[tuple[int, int], ...]:
        """The pieces of the span: its fragments, or the one ``(start, end)``."""
        return self.fragments or ((self.start, self.end),)

    def fragment_texts(self, text: str) -> list[str]:
        return [text[s:e] for s, e in self.parts]

    def overlaps(self, other: Span) -> bool:
        return min(self.end, other.end) > max(self.start, other.start)

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"start": self.start, "end": self.end, "text": self.text}
        if self.fragments:
            out["fragments"] = [list(f) for f in self.fragments]
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Span:
        frags = data.get("fragments")
        return cls(
            int(data["start"]),
            int(data["end"]),
            str(data["text"]),
            tuple((int(s), int(e)) for s, e in frags) if frags else None,
        )


def _opt_span(data: Mapping[str, Any] | None) -> Span | None:
    return Span.from_dict(data) if data else None


@dataclass(frozen=True, slots=True)
class Article:
    """One news article. ``date`` is the publication date (the anchor for relative times): a ``date``, or an
    ISO string (``"2024-10-26"``) or ``datetime`` turned into one (anything else raises ``InputError``)."""

    id: str
    text: str
    date: _dt.date | None = None
    title: str | None = None
    outlet: str | None = None
    url: str | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.id, str) or not self.id:
            raise ValueError("an article needs a non-empty string id")
        if not isinstance(self.text, str):
            raise TypeError("article text must be str")
        if self.date is not None and (not isinstance(self.date, _dt.date) or isinstance(self.date, _dt.datetime)):
            object.__setattr__(self, "date", Article.parse_date(self.date, source=f"article {self.id!r}"))

    @staticmethod
    def parse_date(value: Any, *, source: str | None = None, line: int | None = None) -> _dt.date | None:
        """``YYYY-MM-DD`` (or a longer ISO timestamp) to a date; None/empty to None; else InputError."""
        if value is None or value == "":
            return None
        if isinstance(value, _dt.datetime):
            return value.date()
        if isinstance(value, _dt.date):
            return value
        raw = str(value).strip()
        try:
            return _dt.date.fromisoformat(raw[:10])
        except ValueError:
            raise InputError(
                f"bad date {raw!r}: write it as YYYY-MM-DD (e.g. 2024-10-26)", source=source, line=line
            ) from None

    def span(self, start: int, end: int) -> Span:
        return Span.of(self.text, start, end)

    def to_dict(self, *, include_text: bool = True) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "date": self.date.isoformat() if self.date else None,
            "title": self.title,
            "outlet": self.outlet,
            "url": self.url,
        }
        if include_text:
            out["text"] = self.text
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Article:
        return cls(
            id=str(data["id"]),
            text=str(data.get("text", "")),
            date=cls.parse_date(data.get("date")),
            title=data.get("title"),
            outlet=data.get("outlet"),
            url=data.get("url"),
        )


@dataclass(frozen=True, slots=True)
class Entity:
    """A person, outlet, organization, platform, place or event with every mention in the article."""

    id: str
    name: str
    type: str
    mentions: tuple[Span, ...] = ()
    confidence: float = 1.0
    gender: str | None = None  # people only: one of GENDERS, as the text states it
    gender_evidence: Span | None = None  # the words that state it (a pronoun, an honorific, "his wife")
    gender_source: str | None = None  # one of GENDER_SOURCES; "first_name" = the opt-in name dictionary
    plural: bool = False  # PERSON only: a group of people ("Democrats", "Sunni Muslims", "the Trumps"), no one person

    def __post_init__(self) -> None:
        if self.gender is not None and self.gender not in GENDERS:
            raise ValueError(f"unknown gender {self.gender!r}")
        if self.gender_source is not None and self.gender_source not in GENDER_SOURCES:
            raise ValueError(f"unknown gender source {self.gender_source!r}")

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "name": self.name,
            "type": self.type,
            "mentions": [m.to_dict() for m in self.mentions],
            "confidence": round(self.confidence, 3),
        }
        if self.gender is not None:
            out["gender"] = self.gender
            out["gender_evidence"] = self.gender_evidence.to_dict() if self.gender_evidence else None
            out["gender_source"] = self.gender_source
        if self.plural:
            out["plural"] = True
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Entity:
        return cls(
            id=str(data["id"]),
            name=str(data["name"]),
            type=str(data["type"]),
            mentions=tuple(Span.from_dict(m) for m in data.get("mentions", [])),
            confidence=float(data.get("confidence", 1.0)),
            gender=data.get("gender"),
            gender_evidence=_opt_span(data.get("gender_evidence")),
            gender_source=data.get("gender_source"),
            plural=bool(data.get("plural", False)),
        )


@dataclass(frozen=True, slots=True)
class Attribution:
    """One attributed statement: what (content), how (cue), who (source), resolved and typed."""

    kind: str
    content: Span | None
    cue: Span | None = None
    source: Span | None = None
    speaker: str | None = None
    speaker_id: str | None = None
    source_type: str = "unknown"
    source_description: str | None = None
    via: str | None = None
    said_at: str | None = None
    confidence: float = 0.5
    category: str | None = None  # one of CATEGORIES (PARC): assertion | belief | fact | eventuality

    def __post_init__(self) -> None:
        if self.kind not in ATTRIBUTION_KINDS:
            raise ValueError(f"unknown attribution kind {self.kind!r}")
        if self.source_type not in SOURCE_TYPES:
            raise ValueError(f"unknown source type {self.source_type!r}")
        if self.category is not None and self.category not in CATEGORIES:
            raise ValueError(f"unknown category {self.category!r}")

    def with_(self, **changes: Any) -> Attribution:
        return replace(self, **changes)

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "source": self.source.to_dict() if self.source else None,
            "cue": self.cue.to_dict() if self.cue else None,
            "content": self.content.to_dict() if self.content else None,
            "speaker": self.speaker,
            "speaker_id": self.speaker_id,
            "source_type": self.source_type,
            "source_description": self.source_description,
            "via": self.via,
            "said_at": self.said_at,
            "confidence": round(self.confidence, 3),
            "category": self.category,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Attribution:
        return cls(
            kind=str(data["kind"]),
            content=_opt_span(data.get("content")),
            cue=_opt_span(data.get("cue")),
            source=_opt_span(data.get("source")),
            speaker=data.get("speaker"),
            speaker_id=data.get("speaker_id"),
            source_type=str(data.get("source_type") or "unknown"),
            source_description=data.get("source_description"),
            via=data.get("via"),
            said_at=data.get("said_at"),
            confidence=float(data.get("confidence", 0.5)),
            category=data.get("category"),
        )


@dataclass(frozen=True, slots=True)
class TimeExpression:
    """A TIMEX3-style time expression; ``value`` is normalized against ``anchor`` (usually the article date)."""

    start: int
    end: int
    text: str
    type: str
    value: str | None
    anchor: str | None = None

    def __post_init__(self) -> None:
        if len(self.text) != self.end - self.start or self.start < 0:
            raise ValueError("time expression text does not fit its offsets")
        if self.type not in TIME_TYPES:
            raise ValueError(f"unknown TIMEX3 type {self.type!r}")

    @property
    def span(self) -> Span:
        return Span(self.start, self.end, self.text)

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "type": self.type,
            "value": self.value,
            "anchor": self.anchor,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> TimeExpression:
        return cls(
            start=int(data["start"]),
            end=int(data["end"]),
            text=str(data["text"]),
            type=str(data["type"]),
            value=data.get("value"),
            anchor=data.get("anchor"),
        )


@dataclass(frozen=True, slots=True)
class Relation:
    """A relation between two entities (by canonical name), with the evidence that states it."""

    subject: str
    relation: str
    object: str
    evidence: Span
    subject_id: str | None = None
    object_id: str | None = None
    when: str | None = None
    confidence: float = 0.5

    def to_dict(self) -> dict[str, Any]:
        return {
            "subject": self.subject,
            "relation": self.relation,
            "object": self.object,
            "evidence": self.evidence.to_dict(),
            "subject_id": self.subject_id,
            "object_id": self.object_id,
            "when": self.when,
            "confidence": round(self.confidence, 3),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Relation:
        return cls(
            subject=str(data["subject"]),
            relation=str(data["relation"]),
            object=str(data["object"]),
            evidence=Span.from_dict(data["evidence"]),
            subject_id=data.get("subject_id"),
            object_id=data.get("object_id"),
            when=data.get("when"),
            confidence=float(data.get("confidence", 0.5)),
        )


@dataclass(frozen=True, slots=True)
class Event:
    """A dated happening: what, when (a TIMEX3 value), who took part, and the evidence."""

    what: str
    when: str | None
    evidence: Span
    participants: tuple[str, ...] = ()
    time: Span | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "what": self.what,
            "when": self.when,
            "participants": list(self.participants),
            "evidence": self.evidence.to_dict(),
            "time": self.time.to_dict() if self.time else None,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Event:
        return cls(
            what=str(data["what"]),
            when=data.get("when"),
            evidence=Span.from_dict(data["evidence"]),
            participants=tuple(data.get("participants", ())),
            time=_opt_span(data.get("time")),
        )


@dataclass(frozen=True, slots=True)
class Analysis:
    """Everything whosaid found in one article."""

    article: Article
    attributions: tuple[Attribution, ...] = ()
    entities: tuple[Entity, ...] = ()
    times: tuple[TimeExpression, ...] = ()
    relations: tuple[Relation, ...] = ()
    events: tuple[Event, ...] = ()
    warnings: tuple[str, ...] = field(default=())

    def to_dict(self, *, include_text: bool = False) -> dict[str, Any]:
        out = self.article.to_dict(include_text=include_text)
        out.update(
            {
                "attributions": [a.to_dict() for a in self.attributions],
                "entities": [e.to_dict() for e in self.entities],
                "times": [t.to_dict() for t in self.times],
                "relations": [r.to_dict() for r in self.relations],
                "events": [e.to_dict() for e in self.events],
                "warnings": list(self.warnings),
            }
        )
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], *, text: str | None = None) -> Analysis:
        """Rebuild an analysis; ``text`` supplies the article text when the dict does not carry it."""
        art = dict(data)
        if text is not None:
            art["text"] = text
        return cls(
            article=Article.from_dict(art),
            attributions=tuple(Attribution.from_dict(a) for a in data.get("attributions", [])),
            entities=tuple(Entity.from_dict(e) for e in data.get("entities", [])),
            times=tuple(TimeExpression.from_dict(t) for t in data.get("times", [])),
            relations=tuple(Relation.from_dict(r) for r in data.get("relations", [])),
            events=tuple(Event.from_dict(e) for e in data.get("events", [])),
            warnings=tuple(data.get("warnings", [])),
        )

    def spans(self) -> Iterable[Span]:
        """Every span of the analysis (for invariant checks)."""
        for a in self.attributions:
            for s in (a.content, a.cue, a.source):
                if s is not None:
                    yield s
        for e in self.entities:
            yield from e.mentions
        for t in self.times:
            yield t.span
        for r in self.relations:
            yield r.evidence
        for ev in self.events:
            yield ev.evidence
            if ev.time is not None:
                yield ev.time
