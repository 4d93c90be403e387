"""Time expressions (PLACEHOLDER: replaced by the time work, issue 4)."""

from __future__ import annotations

from typing import ClassVar

from .base import DocState

__all__ = ["TimeStage"]


class TimeStage:
    name: ClassVar[str] = "time"
    requires: ClassVar[tuple[str, ...]] = ("doc",)
    assigns: ClassVar[tuple[str, ...]] = ("times",)

    def __call__(self, state: DocState) -> None:
        state.times = []
