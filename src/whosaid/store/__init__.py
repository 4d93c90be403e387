"""The corpus store: SQLite (one file, no server) with a versioned schema, FTS5 and cross-article people.

``Store(path)`` opens or creates a store (``":memory:"`` for tests); see docs/store-api.md for the contract
and docs/corpus.md for the user guide.
"""

from __future__ import annotations

from .core import Store, UpsertResult
from .names import normalize_name, person_key, person_slug
from .queries import fts_query
from .rows import body_hash, content_hash
from .schema import MIGRATIONS, SCHEMA_VERSION

__all__ = [
    "Store",
    "UpsertResult",
    "SCHEMA_VERSION",
    "MIGRATIONS",
    "content_hash",
    "body_hash",
    "person_key",
    "person_slug",
    "normalize_name",
    "fts_query",
]
