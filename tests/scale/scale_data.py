"""Paths to the shared development data for scale tests (skip when it is absent)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[3] / "shared" / "data"


def shared_file(rel: str) -> Path:
    path = SHARED / rel
    if not path.exists():
        pytest.skip(f"shared data not found at {path} (the development data lives in ../shared/data)")
    return path


def count_articles(db: Path) -> int:
    """How many articles a store holds right now (0 while it cannot be read), without writing to it."""
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        try:
            return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.Error:
        return 0
