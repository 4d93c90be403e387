"""said_at (PLACEHOLDER: filled by a later issue)."""

from __future__ import annotations

from typing import ClassVar

from .base import DocState

__all__ = ["SaidAtStage"]


class SaidAtStage:
    name: ClassVar[str] = "said_at"
    requires: ClassVar[tuple[str, ...]] = ("doc",)
    assigns: ClassVar[tuple[str, ...]] = ("attributions",)

    def __call__(self, state: DocState) -> None:
        return None
