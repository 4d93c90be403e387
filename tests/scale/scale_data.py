"""Paths to the shared development data for scale tests (skip when it is absent)."""

from __future__ import annotations

from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[3] / "shared" / "data"


def shared_file(rel: str) -> Path:
    path = SHARED / rel
    if not path.exists():
        pytest.skip(f"shared data not found at {path} (the development data lives in ../shared/data)")
    return path
