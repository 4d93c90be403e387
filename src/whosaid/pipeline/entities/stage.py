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

from typing import Any, ClassVar

from ..state import DocState, DraftEntity
from .coref import Cluster, QuoteSpeaker, resolve
from ..lexicon import Lexicon, load_lexicon
from .mentions import Mention, detect_mentions

__all__ = ["EntityStage", "canonical_name"]


def canonical_name(cluster: Cluster, mentions: list[Mention], lex: Lexicon, etype: str) -> str:
    """The fullest name of the cluster: most name words, then the earliest; without titles or "the"."""
    names = [mentions[j] for j in cluster.members if mentions[j].kind == "name"]
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

    def __init__(self, lexicon: Lexicon | None = None) -> None:
        self.lexicon = lexicon or load_lexicon()

    def __call__(self, state: DocState) -> dict[str, Any]:
        doc = state.doc
        quotes = _quote_ranges(state)
        mentions = detect_mentions(doc, self.lexicon, quotes)
        clusters = resolve(doc, mentions, self.lexicon, _speaker_spans(state), quotes)
        entities: list[DraftEntity] = []
        unnamed: list[DraftEntity] = []
        index: dict[tuple[int, int], str] = {}
        text_len = len(state.text)
        for c in clusters:
            spans = sorted({(mentions[j].start, mentions[j].end) for j in c.members
                            if 0 <= mentions[j].start < mentions[j].end <= text_len})
            if not spans:
                continue
            etype = c.type
            if c.named and etype is not None:
                ent = DraftEntity(
                    id=f"e{len(entities) + 1}",
                    name=canonical_name(c, mentions, self.lexicon, etype),
                    type=etype,
                    mentions=spans,
                    gender=c.gender if etype == "PERSON" else None,
                    confidence=_confidence(c),
                )
                entities.append(ent)
            else:
                first = mentions[c.members[0]]
                ent = DraftEntity(id=f"u{len(unnamed) + 1}", name=first.text, type=etype or "PERSON",
                                  mentions=spans, gender=c.gender, confidence=0.3)
                unnamed.append(ent)
            for sp in spans:
                index.setdefault(sp, ent.id)
        return {"mentions": mentions, "entities": _merge_same_name(entities, index), "unnamed_entities": unnamed,
                "mention_index": index}


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
            for sp, eid in list(index.items()):
                if eid == e.id:
                    index[sp] = keep.id
        else:
            seen[key] = e
            out.append(e)
    return out
