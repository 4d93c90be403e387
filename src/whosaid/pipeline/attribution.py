"""attribution (being written)."""

from __future__ import annotations

from typing import ClassVar

from ..options import Options
from .base import DocState

__all__ = ["AttributionStage"]


class AttributionStage:
    name: ClassVar[str] = "attribution"
    requires: ClassVar[tuple[str, ...]] = ("doc", "quotes", "cues")
    assigns: ClassVar[tuple[str, ...]] = ("attributions",)

    def __init__(self, options: Options | None = None) -> None:
        self.options = options

    def __call__(self, state: DocState) -> None:
        return None
