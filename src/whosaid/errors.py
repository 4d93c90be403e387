"""One root exception for the whole library, with a small tree under it (httpx style)."""

from __future__ import annotations

__all__ = [
    "WhosaidError",
    "InputError",
    "ConfigError",
    "ModelError",
    "StoreError",
    "PipelineError",
    "ContractError",
    "StageError",
]


class WhosaidError(Exception):
    """Root of every error whosaid raises on purpose."""


class InputError(WhosaidError):
    """An input article or file could not be read.

    ``source`` names the file (or ``<stdin>``) and ``line`` the 1-based line where it applies,
    so that a message can say exactly where to look.
    """

    def __init__(self, message: str, *, source: str | None = None, line: int | None = None) -> None:
        self.source = source
        self.line = line
        where = source or ""
        if line is not None:
            where = f"{where}:{line}" if where else f"line {line}"
        super().__init__(f"{where}: {message}" if where else message)
        self.reason = message


class ConfigError(WhosaidError):
    """A setting is missing or invalid (options file, environment variable or command-line value)."""


class ModelError(WhosaidError):
    """A language pipeline or trained model could not be loaded or run."""


class StoreError(WhosaidError):
    """The corpus store could not be opened, migrated, read or written."""


class PipelineError(WhosaidError):
    """The analysis pipeline is built wrongly or one of its stages failed."""


class ContractError(PipelineError):
    """A stage's declared ``requires``/``assigns`` do not hold: raised when a Pipeline is built with a stage
    that needs a field no earlier stage assigns, or when a stage reads or returns what it did not declare."""


class StageError(PipelineError):
    """A stage failed on an article (with ``on_error="raise"``); ``stage`` and ``article_id`` say where, and the
    original exception is the ``__cause__``."""

    def __init__(self, message: str, *, stage: str, article_id: str) -> None:
        super().__init__(message)
        self.stage = stage
        self.article_id = article_id
