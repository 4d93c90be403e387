"""quotes (being written)."""

from __future__ import annotations

from typing import ClassVar

from .base import DocState

__all__ = ["QuoteStage"]


class QuoteStage:
    name: ClassVar[str] = "quotes"
    requires: ClassVar[tuple[str, ...]] = ("doc",)
    assigns: ClassVar[tuple[str, ...]] = ("quotes",)

    def __call__(self, state: DocState) -> None:
        return None
