"""The learned source/cue/content tagger (ONNX). PLACEHOLDER until the learned-model work (issue 3) ships one."""

from __future__ import annotations

from typing import ClassVar

from ..errors import ModelError
from ..options import Options
from .base import DocState

__all__ = ["TaggerStage"]


class TaggerStage:
    name: ClassVar[str] = "tagger"
    requires: ClassVar[tuple[str, ...]] = ("doc",)
    assigns: ClassVar[tuple[str, ...]] = ("proposals",)

    @classmethod
    def from_options(cls, options: Options) -> "TaggerStage | None":
        """The tagger, or None in hybrid mode when no model is available (rules then work alone)."""
        if options.mode == "model":
            raise ModelError("no learned attribution model is available yet; use --mode rules")
        return None

    def __call__(self, state: DocState) -> None:
        return None
