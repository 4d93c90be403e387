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


def independent_scorer():
    """../shared/tools/score.py imported as a module, or skip the test when it is absent."""
    import importlib.util

    path = SHARED.parent / "tools" / "score.py"
    if not path.exists():
        pytest.skip(f"independent scorer not found at {path}")
    spec = importlib.util.spec_from_file_location("shared_score", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)  # type: ignore[union-attr]
    return mod
