"""Shared helper for the entity/coreference tests: run the entity stage on a short text."""

from __future__ import annotations

from whosaid.model import Article
from whosaid.pipeline import run_stage
from whosaid.pipeline.attribution import QuoteStage
from whosaid.pipeline.entities import EntityStage
from whosaid.pipeline.state import DocState

__all__ = ["run_entities", "find", "resolve_mention"]


def run_entities(nlp, stage: EntityStage, text: str) -> DocState:
    state = DocState(article=Article(id="t", text=text), doc=nlp(text))
    run_stage(QuoteStage(), state)  # the quotes the entity stage reads
    run_stage(stage, state)
    return state


def find(text: str, mention: str, occurrence: int = 0) -> tuple[int, int]:
    """Offsets of the n-th occurrence of ``mention`` as a whole word."""
    import re

    hits = [m.span() for m in re.finditer(r"(?<![\w'’])" + re.escape(mention) + r"(?![\w])", text)]
    assert len(hits) > occurrence, f"{mention!r} #{occurrence} not in {text!r}"
    return hits[occurrence]


def resolve_mention(nlp, stage: EntityStage, text: str, mention: str, occurrence: int = 0) -> str | None:
    """The canonical name of the entity the mention resolves to (None: no named entity)."""
    state = run_entities(nlp, stage, text)
    start, end = find(text, mention, occurrence)
    ent = state.entity_at(start, end)
    return ent.name if ent else None
