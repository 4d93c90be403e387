"""speakers (being written)."""

from __future__ import annotations

from typing import ClassVar

from .base import DocState

__all__ = ["SpeakerStage"]


class SpeakerStage:
    name: ClassVar[str] = "speakers"
    requires: ClassVar[tuple[str, ...]] = ("doc",)
    assigns: ClassVar[tuple[str, ...]] = ("attributions",)

    def __call__(self, state: DocState) -> None:
        return None
