"""Paths shared by the tests: the repository, its examples, and ../shared/data (skip when absent)."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
EXAMPLES = ROOT / "examples"


def shared_file(rel: str) -> Path:
    """A file under ../shared/data, or skip the test with a clear message when it is absent."""
    path = SHARED / rel
    if not path.exists():
        pytest.skip(f"shared data not found at {path} (the development data lives in ../shared/data)")
    return path
