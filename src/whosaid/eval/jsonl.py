"""Reading gold JSONL files: one JSON value a line, errors naming the file and line."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..errors import InputError

__all__ = ["jsonl_rows"]


def jsonl_rows(path: str | Path, *, what: str, hint: str) -> Iterator[tuple[int, Any]]:
    """``(line number, value)`` for each non-blank line of ``path``.

    A missing file or a line that is not JSON raises InputError naming the file (and line), with ``hint``
    (what to pass instead, or what each line needs) in the message.
    """
    p = Path(path)
    if not p.is_file():
        raise InputError(f"{what} file not found; {hint}", source=str(p))
    with p.open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(f"malformed JSON ({exc.msg}); {hint}", source=str(p), line=lineno) from None
            yield lineno, row
