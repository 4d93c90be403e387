"""events (PLACEHOLDER: filled by a later issue)."""

from __future__ import annotations

from typing import ClassVar

from .base import DocState

__all__ = ["EventStage"]


class EventStage:
    name: ClassVar[str] = "events"
    requires: ClassVar[tuple[str, ...]] = ("doc",)
    assigns: ClassVar[tuple[str, ...]] = ("events",)

    def __call__(self, state: DocState) -> None:
        return None
