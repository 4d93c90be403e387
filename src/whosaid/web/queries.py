"""Small read-only helpers the pages need beyond the documented Store methods (docs/store-api.md).

Each one degrades to an empty answer if the store's layout differs, so a store change cannot break a page.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ..errors import StoreError
from ..model import Analysis

if TYPE_CHECKING:  # pragma: no cover
    from ..store import Store

__all__ = ["entity_people", "statement_people"]

log = logging.getLogger(__name__)


def entity_people(store: Store, article_id: str) -> dict[str, str]:
    """``{entity id in the article: corpus person id}`` for the article's PERSON entities that are linked."""
    try:
        return store.entity_people(article_id)
    except StoreError as exc:  # an older store without the link: pages fall back to links by name
        log.debug("entity_people unavailable: %s", exc)
        return {}


def statement_people(analysis: Analysis, quotes: Sequence[dict[str, Any]]) -> list[str | None]:
    """The corpus person id of each of ``analysis.attributions``, from the store's quote rows of the article.

    Rows come in statement order; each is matched on its content offsets (and speaker) so that a missing row
    shifts nothing.
    """
    by_key: dict[tuple[Any, Any, Any], list[str | None]] = {}
    for q in quotes:
        by_key.setdefault((q.get("content_start"), q.get("content_end"), q.get("speaker")), []).append(
            q.get("speaker_id")
        )
    out: list[str | None] = []
    for att in analysis.attributions:
        key = (att.content.start if att.content else None, att.content.end if att.content else None, att.speaker)
        ids = by_key.get(key)
        out.append(ids.pop(0) if ids else None)
    return out
