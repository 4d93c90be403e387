"""cues (being written)."""

from __future__ import annotations

from typing import ClassVar

from .base import DocState

__all__ = ["CueStage"]


class CueStage:
    name: ClassVar[str] = "cues"
    requires: ClassVar[tuple[str, ...]] = ("doc",)
    assigns: ClassVar[tuple[str, ...]] = ("cues",)

    def __call__(self, state: DocState) -> None:
        return None
