"""What the stages share: the per-article working state, the drafts it holds, and the stage protocol.

A stage is a class with ``name``, ``requires`` and ``assigns`` (names of :class:`DocState` fields) and
``__call__(state) -> dict``: it reads the fields it requires and *returns* the values of the fields it assigns;
the :class:`~whosaid.pipeline.core.Pipeline` checks the declarations when it is built and writes the returned
values, so a stage that fails writes nothing (spaCy's ``analyze_pipes`` is the model). It never re-parses.

Drafts are immutable: a stage that changes one makes a new one (``dataclasses.replace``). Attribution drafts carry
an ``id``, unique in the article, that later stages key their results by (``speakers``, ``said_at``) and that
``continues`` points at.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING, Any, Protocol

from ..model import Article, Span, TimeExpression
from .spanindex import SpanIndex
from .syntax import parsed_length

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

    from .entities.mentions import Mention

__all__ = [
    "Stage",
    "DocState",
    "QuoteSpan",
    "CueMatch",
    "DraftAttribution",
    "Resolution",
    "DraftEntity",
    "DraftRelation",
    "DraftEvent",
    "INPUTS",
    "STATE_FIELDS",
]


@dataclass(frozen=True)
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


@dataclass(frozen=True)
class CueMatch:
    """A cue found by the lexicon/parse: the cue tokens (with auxiliaries) and its syntactic head."""

    start: int
    end: int
    head_i: int  # token index of the cue's head (the speech verb, "according", ...)
    kind: str  # "verb" | "according_to" | "colon" | "noun"
    lemma: str


@dataclass(frozen=True)
class DraftAttribution:
    """An attribution's spans while the attribution stage works on them; frozen into ``model.Attribution``
    together with its :class:`Resolution` and ``said_at`` at the end.

    ``id`` is unique within the article (the proposer gives it: ``r1``… for the rules, ``p1``… for the tagger;
    a merged statement keeps the rule's id). ``continues`` is the id of the statement this quote continues.
    """

    kind: str
    content: Span | None
    cue: Span | None = None
    source: Span | None = None
    id: str = ""
    confidence: float = 0.5
    origin: str = "rules"  # which proposer made it: rules | model | both
    cue_head: int | None = None  # token index of the cue head in the Doc, when known
    source_head: int | None = None  # token index of the source's head token, when known
    via_span: Span | None = None  # the outlet of a nesting "according to X", when there is one
    continues: str | None = None  # id of the attribution this quote continues (same speaker)
    scores: tuple[float, float, float] | None = None  # the tagger's span scores: source, cue, content (0: none)
    category: str | None = None  # PARC kind of act (model.CATEGORIES), set by the attribution stage
    content_from: str = "proposer"  # where the content came from: proposer | weak (a tagger span under its
    # threshold) | quote (the quotation the frame introduces) | parse (the clause or object the cue governs)


@dataclass(frozen=True)
class Resolution:
    """Who an attribution's source is: the speaker stage's result for one attribution."""

    speaker: str | None = None
    speaker_id: str | None = None
    source_type: str = "unknown"
    source_description: str | None = None
    via: str | None = None


@dataclass
class DraftEntity:
    """An entity cluster: canonical name, type and every mention as (start, end) offsets."""

    id: str
    name: str
    type: str
    mentions: list[tuple[int, int]] = field(default_factory=list)
    gender: str | None = None  # "f" | "m" | None, for pronoun agreement
    confidence: float = 1.0
    stated_gender: str | None = None  # people: female | male | unknown, as the text states it (entities/gender.py)
    gender_evidence: tuple[int, int] | None = None  # the words that state it
    gender_source: str | None = None  # honorific | noun | pronoun | first_name (the opt-in fallback)
    plural: bool = False  # a group of people ("Democrats", "the Trumps"), kept apart from individuals


@dataclass(frozen=True)
class DraftRelation:
    subject_id: str
    relation: str
    object_id: str
    evidence: tuple[int, int]
    when: str | None = None
    confidence: float = 0.5


@dataclass(frozen=True)
class DraftEvent:
    what: str
    when: str | None
    evidence: tuple[int, int]
    participants: tuple[str, ...] = ()
    time: tuple[int, int] | None = None


@dataclass
class DocState:
    """Working state of one article as it passes through the stages.

    ``article``, ``doc`` and ``parsed_text`` (the text the parser saw: ``article.text`` cut to ``max_chars``)
    are there from the start (:data:`INPUTS`); every other field is assigned by exactly one stage.
    """

    article: Article
    doc: Doc
    parsed_text: str = field(init=False)
    quotes: list[QuoteSpan] = field(default_factory=list)
    cues: list[CueMatch] = field(default_factory=list)
    proposals: list[DraftAttribution] = field(default_factory=list)  # from the learned tagger
    attributions: list[DraftAttribution] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)  # every entity mention, in text order
    entities: list[DraftEntity] = field(default_factory=list)  # named clusters
    unnamed_entities: list[DraftEntity] = field(default_factory=list)  # "a source close to …", unresolved "he"
    mention_index: dict[tuple[int, int], str] = field(default_factory=dict)  # (start, end) -> entity id
    speakers: dict[str, Resolution] = field(default_factory=dict)  # attribution id -> who the source is
    times: list[TimeExpression] = field(default_factory=list)
    said_at: dict[str, str | None] = field(default_factory=dict)  # attribution id -> TIMEX3 value
    relations: list[DraftRelation] = field(default_factory=list)
    events: list[DraftEvent] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        # a state without a parse (doc None) serves stages that need none, e.g. model-mode attribution
        self.parsed_text = self.article.text if self.doc is None else self.article.text[: parsed_length(self.doc)]

    @property
    def text(self) -> str:
        """The whole article text (all offsets point into it)."""
        return self.article.text

    def span(self, start: int, end: int) -> Span:
        return Span.of(self.article.text, start, end)

    def entity(self, entity_id: str | None) -> DraftEntity | None:
        if entity_id is None:
            return None
        entities = self.entities
        by_id = self._lookup("entities", entities)
        if by_id is None:  # built once per entity list (stages return new lists, never change one)
            by_id = {}
            for ent in entities:
                by_id.setdefault(ent.id, ent)
            self._remember("entities", entities, by_id)
        return by_id.get(entity_id)

    def entity_at(self, start: int, end: int) -> DraftEntity | None:
        """The entity with a mention exactly at, or else inside/around, ``[start, end)``.

        Exact matches win; otherwise the mention that overlaps most, preferring the one whose end is
        closest to ``end`` (the head of an English noun phrase comes last); on a tie, the mention indexed first.
        Only the mentions near ``[start, end)`` are looked at (an index by position, built once per index).
        """
        index = self.mention_index
        eid = index.get((start, end))
        if eid is not None:
            return self.entity(eid)
        spans, near = self._mention_lookup()
        best: tuple[int, int, str] | None = None
        for k in near.near((start, end)):  # in the index's order, like a scan of it
            (ms, me), mid = spans[k]
            overlap = min(me, end) - max(ms, start)
            if overlap <= 0:
                continue
            cand = (overlap, -abs(me - end), mid)
            if best is None or cand[:2] > best[:2]:
                best = cand
        return self.entity(best[2]) if best else None

    def mentions_within(self, start: int, end: int) -> list[tuple[tuple[int, int], str]]:
        """The ``((start, end), entity id)`` items of ``mention_index`` inside ``[start, end)``, in text order."""
        spans, near = self._mention_lookup()
        inside = [spans[k] for k in near.near((start, end)) if start <= spans[k][0][0] and spans[k][0][1] <= end]
        return sorted(inside)

    def _mention_lookup(self) -> tuple[list[tuple[tuple[int, int], str]], SpanIndex]:
        index = self.mention_index
        found = self._lookup("mentions", index)
        if found is None:
            spans = list(index.items())
            found = (spans, SpanIndex([span for span, _ in spans]))
            self._remember("mentions", index, found)
        return found

    def _lookup(self, field_name: str, value: Any) -> Any:
        """The lookup table built from ``value`` of a field, or None when the field holds another value now
        (or the same one with another size): the table is kept with the value itself, compared by identity."""
        kept = self.__dict__.get("_lookup_cache", {}).get(field_name)
        if kept is not None and kept[0] is value and kept[1] == len(value):
            return kept[2]
        return None

    def _remember(self, field_name: str, value: Any, table: Any) -> None:
        self.__dict__.setdefault("_lookup_cache", {})[field_name] = (value, len(value), table)


INPUTS: tuple[str, ...] = ("article", "doc", "parsed_text")
"""The fields a state holds before any stage runs."""
STATE_FIELDS: frozenset[str] = frozenset(f.name for f in fields(DocState)) - {"warnings"}
"""The fields a stage may require or assign (``warnings`` belongs to the Pipeline)."""


class Stage(Protocol):
    """A pipeline component (spaCy style): declares what it reads and what it returns.

    ``__call__`` returns a mapping with exactly the ``assigns`` fields; it must not write to the state.
    """

    @property
    def name(self) -> str: ...

    @property
    def requires(self) -> tuple[str, ...]: ...

    @property
    def assigns(self) -> tuple[str, ...]: ...

    def __call__(self, state: DocState) -> Mapping[str, Any]: ...
