"""What the stages share: the per-article working state and the stage protocol (spaCy-style components).

A stage is a class with ``name``, ``requires`` and ``assigns`` (names of ``DocState`` fields) and
``__call__(state)``; it reads the spaCy ``Doc`` and earlier stages' results and fills its own fields.
It never re-parses. The pipeline wraps every stage in an error handler, so one bad article records a warning
instead of killing a batch.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar, Protocol

from ..model import Article, Span, TimeExpression

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

    from ..options import Options

__all__ = [
    "Stage",
    "DocState",
    "QuoteSpan",
    "CueMatch",
    "DraftAttribution",
    "DraftEntity",
    "DraftRelation",
    "DraftEvent",
]


@dataclass
class QuoteSpan:
    """A paired quotation: ``start``/``end`` include the marks, ``inner_*`` exclude them."""

    start: int
    end: int
    inner_start: int
    inner_end: int
    paragraph: int
    open_ended: bool = False  # a paragraph-opening quote whose closing mark comes in a later paragraph

    @property
    def inner_len(self) -> int:
        return self.inner_end - self.inner_start


@dataclass
class CueMatch:
    """A cue found by the lexicon/parse: the cue tokens (with auxiliaries) and its syntactic head."""

    start: int
    end: int
    head_i: int  # token index of the cue's head (the speech verb, "according", ...)
    kind: str  # "verb" | "according_to" | "colon" | "noun"
    lemma: str


@dataclass
class DraftAttribution:
    """A mutable attribution while stages work on it; frozen into model.Attribution at the end."""

    kind: str
    content: Span | None
    cue: Span | None = None
    source: Span | None = None
    speaker: str | None = None
    speaker_id: str | None = None
    source_type: str = "unknown"
    source_description: str | None = None
    via: str | None = None
    via_span: Span | None = None
    said_at: str | None = None
    confidence: float = 0.5
    origin: str = "rules"  # which proposer made it: rules | model | both
    cue_head: int | None = None  # token index of the cue head in the Doc, when known
    source_head: int | None = None  # token index of the source's head token, when known
    continues: "DraftAttribution | None" = None  # the attribution this quote continues (same speaker)


@dataclass
class DraftEntity:
    """An entity cluster: canonical name, type and every mention as (start, end) offsets."""

    id: str
    name: str
    type: str
    mentions: list[tuple[int, int]] = field(default_factory=list)
    gender: str | None = None  # "f" | "m" | None, for pronoun agreement
    confidence: float = 1.0


@dataclass
class DraftRelation:
    subject_id: str
    relation: str
    object_id: str
    evidence: tuple[int, int]
    when: str | None = None
    confidence: float = 0.5


@dataclass
class DraftEvent:
    what: str
    when: str | None
    evidence: tuple[int, int]
    participants: list[str] = field(default_factory=list)
    time: tuple[int, int] | None = None


@dataclass
class DocState:
    """Working state of one article as it passes through the stages."""

    article: Article
    doc: "Doc"
    options: "Options"
    quotes: list[QuoteSpan] = field(default_factory=list)
    cues: list[CueMatch] = field(default_factory=list)
    proposals: list[DraftAttribution] = field(default_factory=list)  # from the learned tagger
    attributions: list[DraftAttribution] = field(default_factory=list)
    entities: list[DraftEntity] = field(default_factory=list)
    mention_index: dict[tuple[int, int], str] = field(default_factory=dict)  # (start, end) -> entity id
    times: list[TimeExpression] = field(default_factory=list)
    relations: list[DraftRelation] = field(default_factory=list)
    events: list[DraftEvent] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    extras: dict[str, Any] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return self.article.text

    def span(self, start: int, end: int) -> Span:
        return Span.of(self.article.text, start, end)

    def entity(self, entity_id: str | None) -> DraftEntity | None:
        if entity_id is None:
            return None
        for ent in self.entities:
            if ent.id == entity_id:
                return ent
        return None

    def entity_at(self, start: int, end: int) -> DraftEntity | None:
        """The entity with a mention exactly at, or else inside/around, ``[start, end)``.

        Exact matches win; otherwise the mention that overlaps most, preferring the one whose end is
        closest to ``end`` (the head of an English noun phrase comes last).
        """
        eid = self.mention_index.get((start, end))
        if eid is not None:
            return self.entity(eid)
        best: tuple[int, int, str] | None = None
        for (ms, me), mid in self.mention_index.items():
            overlap = min(me, end) - max(ms, start)
            if overlap <= 0:
                continue
            key = (overlap, -abs(me - end), mid)
            if best is None or key[:2] > best[:2]:
                best = key
        return self.entity(best[2]) if best else None


class Stage(Protocol):
    """A pipeline component (spaCy style): declares what it needs and what it fills."""

    name: ClassVar[str]
    requires: ClassVar[tuple[str, ...]]
    assigns: ClassVar[tuple[str, ...]]

    def __call__(self, state: DocState) -> None: ...
