"""Who a clustered statement is attributed to, as a comparable key, and when two keys disagree.

A key is the corpus person's normalised full name (``people.key``, so "Trump" linked to Donald Trump in its
article gives ``donald trump``), else the normalised name as written for a named person; ``org:`` plus the
folded name for an organization or outlet; a social-media post's named author counts as a person.
Anonymous, unknown and document sources have no key: they never conflict with anyone.

Two person keys agree when they are the same, when one is the other's surname or first name alone
("trump" / "donald trump"), or when first and last names agree ("hillary clinton" / "hillary rodham
clinton"). "bill clinton" and "hillary clinton" disagree. Organization keys agree when one name's words
are all in the other. A person and an organization never conflict (the extractor's type is the least
reliable part there).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..store.names import is_alias, person_key

__all__ = ["speaker_key", "compatible"]


def speaker_key(row: Mapping[str, Any]) -> str | None:
    """The speaker key of a statement row (``person_key``, ``speaker``, ``source_type`` columns)."""
    source_type = row.get("source_type")
    speaker = (row.get("speaker") or "").strip()
    if source_type in ("person", "social_media"):  # a post's author is a person (or a handle) too
        if row.get("person_key"):
            return str(row["person_key"])
        if speaker and is_alias(speaker):
            return person_key(speaker) or None
        return None
    if source_type in ("organization", "outlet") and speaker:
        return "org:" + " ".join(speaker.casefold().split())
    return None


def compatible(a: str | None, b: str | None) -> bool:
    """Whether two speaker keys can name the same speaker (a missing key agrees with everything)."""
    if not a or not b or a == b:
        return True
    if a.startswith("org:") != b.startswith("org:"):
        return True
    if a.startswith("org:"):  # "tax policy center" and "the tax policy center's analysis" agree
        words_a, words_b = set(a[4:].split()), set(b[4:].split())
        return words_a <= words_b or words_b <= words_a
    ta, tb = a.split(), b.split()
    if len(ta) == 1 or len(tb) == 1:
        one, other = (ta, tb) if len(ta) == 1 else (tb, ta)
        return one[0] in (other[0], other[-1])
    return ta[0] == tb[0] and ta[-1] == tb[-1]
