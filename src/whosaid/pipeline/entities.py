"""Entities: mentions, in-article clusters and types (PLACEHOLDER: replaced by the entities work, issue 5)."""

from __future__ import annotations

from typing import ClassVar

from .base import DocState, DraftEntity

__all__ = ["EntityStage"]

_TYPES = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "PLACE", "LOC": "PLACE", "FAC": "PLACE", "EVENT": "EVENT"}


class EntityStage:
    name: ClassVar[str] = "entities"
    requires: ClassVar[tuple[str, ...]] = ("doc",)
    assigns: ClassVar[tuple[str, ...]] = ("entities", "mention_index")

    def __call__(self, state: DocState) -> None:
        by_name: dict[tuple[str, str], DraftEntity] = {}
        for ent in state.doc.ents:
            etype = _TYPES.get(ent.label_)
            if etype is None:
                continue
            key = (ent.text, etype)
            if key not in by_name:
                by_name[key] = DraftEntity(id=f"e{len(by_name) + 1}", name=ent.text, type=etype)
            by_name[key].mentions.append((ent.start_char, ent.end_char))
        state.entities = list(by_name.values())
        state.mention_index = {m: e.id for e in state.entities for m in e.mentions}
