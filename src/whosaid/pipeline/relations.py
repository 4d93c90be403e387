"""relations (PLACEHOLDER: filled by a later issue)."""

from __future__ import annotations

from typing import ClassVar

from .base import DocState

__all__ = ["RelationStage"]


class RelationStage:
    name: ClassVar[str] = "relations"
    requires: ClassVar[tuple[str, ...]] = ("doc",)
    assigns: ClassVar[tuple[str, ...]] = ("relations",)

    def __call__(self, state: DocState) -> None:
        return None
