"""The entity stage: mentions, in-article clusters (coreference) and types -> ``state.entities``.

``state.entities`` holds one :class:`DraftEntity` per named cluster (a person, outlet, organization,
platform, place or event that the article names at least once), with every mention: names, titles,
appositions, descriptions and pronouns. ``state.mention_index`` maps each mention's ``(start, end)`` to its
entity id. Mentions of unnamed people ("a source close to...", "the insider", an unresolved "he") are in
the index too, under ids starting with ``"u"`` that are *not* in ``state.entities``: ``state.entity_at``
then returns None for them, which tells the speaker stage that the source is not a named entity.
The unnamed clusters are ``state.unnamed_entities``; every mention (for relations) is ``state.mentions``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from ..lexicon import Lexicon, load_lexicon
from ..state import DocState, DraftEntity
from .coref import Cluster, QuoteSpeaker, resolve
from .gender import FirstNameGender, StatedGender, person_like, stated_gender
from .mentions import Mention, detect_mentions, headline_end

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

__all__ = ["EntityStage", "canonical_name"]


def canonical_name(cluster: Cluster, mentions: list[Mention], lex: Lexicon, etype: str, headline_end: int = 0) -> str:
    """The fullest name of the cluster: most name words, then the earliest; without titles or "the". Names in
    the body win over a headline's that does not start with a given name (Title Case headlines glue words to
    names: "Derelict Obama")."""
    names = [mentions[j] for j in cluster.members if mentions[j].kind == "name"]
    body = [m for m in names if m.start >= headline_end]
    fullest = max(names, key=lambda m: (len(m.parts), -m.start))
    if body and fullest.start < headline_end and not lex.given_name_gender(fullest.parts[0])[0]:
        names = body
    if etype == "OUTLET":
        for m in names:
            canon = lex.outlet(str(m.extra.get("name") or m.text))
            if canon and len(canon.split()) >= len(m.parts):
                return canon
    if etype == "PLATFORM":
        for m in names:
            canon = lex.platform(str(m.extra.get("name") or m.text))
            if canon:
                return canon
    best = max(names, key=lambda m: (len(m.parts), -m.start))
    name = str(best.extra.get("name") or best.text).strip()
    if name.lower().startswith("the "):
        name = name[4:]
    return name


def _speaker_spans(state: DocState) -> list[QuoteSpeaker] | None:
    out: list[QuoteSpeaker] = []
    for a in state.attributions:
        if a.source is not None and a.content is not None and a.kind in ("direct", "mixed"):
            out.append((a.content.start, a.content.end, a.source.start, a.source.end))
    return out or None


def _quote_ranges(state: DocState) -> list[tuple[int, int]]:
    return [(q.start, q.end) for q in state.quotes]


class EntityStage:
    """Assigns mentions, entities, unnamed entities and the mention index (see the module docstring)."""

    name: ClassVar[str] = "entities"
    requires: ClassVar[tuple[str, ...]] = ("article", "doc", "quotes", "attributions")
    assigns: ClassVar[tuple[str, ...]] = ("mentions", "entities", "unnamed_entities", "mention_index")

    def __init__(self, lexicon: Lexicon | None = None, *, gender_fallback: bool = False) -> None:
        self.lexicon = lexicon or load_lexicon()
        self.first_name_gender = FirstNameGender() if gender_fallback else None

    def __call__(self, state: DocState) -> dict[str, Any]:
        doc = state.doc
        quotes = _quote_ranges(state)
        mentions = detect_mentions(doc, self.lexicon, quotes)
        clusters = resolve(doc, mentions, self.lexicon, _speaker_spans(state), quotes)
        headline = headline_end(state.text)
        entities: list[DraftEntity] = []
        unnamed: list[DraftEntity] = []
        index: dict[tuple[int, int], str] = {}
        text_len = len(state.text)
        for c in clusters:
            spans = sorted(
                {
                    (mentions[j].start, mentions[j].end)
                    for j in c.members
                    if 0 <= mentions[j].start < mentions[j].end <= text_len
                }
            )
            if not spans:
                continue
            etype = c.type
            if c.named and etype is not None:
                stated = (
                    (self._gender(c, mentions, doc) if not c.plural else StatedGender()) if etype == "PERSON" else None
                )  # a group ("the Trumps") has no gender of its own
                ent = DraftEntity(
                    id=f"e{len(entities) + 1}",
                    name=canonical_name(c, mentions, self.lexicon, etype, headline),
                    type=etype,
                    mentions=spans,
                    gender=c.gender if etype == "PERSON" else None,
                    confidence=_confidence(c),
                    stated_gender=stated.gender if stated else None,
                    gender_evidence=stated.evidence if stated else None,
                    gender_source=stated.source if stated else None,
                    plural=c.plural,
                )
                entities.append(ent)
            else:
                first = mentions[c.members[0]]
                ent = DraftEntity(
                    id=f"u{len(unnamed) + 1}",
                    name=first.text,
                    type=etype or "PERSON",
                    mentions=spans,
                    gender=c.gender,
                    confidence=0.3,
                )
                unnamed.append(ent)
            for sp in spans:
                index.setdefault(sp, ent.id)
        return {
            "mentions": mentions,
            "entities": _merge_same_name(entities, index),
            "unnamed_entities": unnamed,
            "mention_index": index,
        }

    def _gender(self, c: Cluster, mentions: list[Mention], doc: Doc) -> StatedGender:
        members = [mentions[j] for j in c.members]
        if not person_like(members, self.lexicon):
            return StatedGender()
        stated = stated_gender(members, doc)
        if stated.gender == "unknown" and self.first_name_gender is not None:
            stated = self.first_name_gender(members, doc)
        return stated


def _confidence(c: Cluster) -> float:
    total = sum(c.votes.values()) or 1.0
    best = max(c.votes.values()) if c.votes else 0.0
    return round(min(1.0, 0.5 + 0.5 * best / total), 3)


def _merge_same_name(entities: list[DraftEntity], index: dict[tuple[int, int], str]) -> list[DraftEntity]:
    """Two clusters that end with the same canonical name and type are one entity."""
    seen: dict[tuple[str, str], DraftEntity] = {}
    out: list[DraftEntity] = []
    for e in entities:
        key = (e.name.lower(), e.type)
        if key in seen:
            keep = seen[key]
            keep.mentions = sorted(set(keep.mentions) | set(e.mentions))
            keep.gender = keep.gender or e.gender
            if keep.stated_gender != e.stated_gender:
                if keep.stated_gender in (None, "unknown") or keep.gender_source == "first_name" != e.gender_source:
                    keep.stated_gender, keep.gender_evidence, keep.gender_source = (
                        e.stated_gender,
                        e.gender_evidence,
                        e.gender_source,
                    )
                elif e.stated_gender not in (None, "unknown") and e.gender_source != "first_name":
                    keep.stated_gender, keep.gender_evidence, keep.gender_source = "unknown", None, None
            for sp, eid in list(index.items()):
                if eid == e.id:
                    index[sp] = keep.id
        else:
            seen[key] = e
            out.append(e)
    return out
