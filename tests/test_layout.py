"""The house rules a newcomer can rely on: small modules, one stage per module, pipeline grouped by concern."""

from __future__ import annotations

from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "whosaid"
MAX_LINES = 600


@pytest.mark.parametrize("path", sorted(SRC.rglob("*.py")), ids=lambda p: str(p.relative_to(SRC)))
def test_no_module_is_over_600_lines(path):
    n = len(path.read_text(encoding="utf-8").splitlines())
    assert n <= MAX_LINES, f"{path.relative_to(SRC)} has {n} lines: split it by concern"


def test_each_default_stage_lives_in_its_own_module_of_its_concern():
    from whosaid.options import Options
    from whosaid.pipeline import default_stages

    modules = {}
    for mode in ("rules", "hybrid"):
        for stage in default_stages(Options(mode=mode)):
            modules[stage.name] = type(stage).__module__
    assert len(set(modules.values())) == len(modules)  # one component per module
    concern = {
        "quotes": "attribution",
        "cues": "attribution",
        "tagger": "attribution",
        "attribution": "attribution",
        "entities": "entities",
        "speakers": "entities",
        "time": "temporal",
        "said_at": "temporal",
        "events": "temporal",
        "relations": None,
    }
    for name, module in modules.items():
        parts = module.split(".")
        assert parts[:2] == ["whosaid", "pipeline"], module
        assert (parts[2] if len(parts) > 3 else None) == concern[name], (name, module)
