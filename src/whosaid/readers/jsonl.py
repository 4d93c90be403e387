"""JSON Lines: one article object a line; field names are configurable."""

from __future__ import annotations

import json
from typing import Iterable, Iterator

from ..errors import InputError
from ..model import Article
from .base import FieldMap, ReadResult

__all__ = ["articles_from_jsonl"]


def articles_from_jsonl(lines: Iterable[str], *, source: str, fields: FieldMap | None = None) -> Iterator[ReadResult]:
    """Yield an Article per good line and an InputError (with the line number) per bad one."""
    fm = fields or FieldMap()
    for lineno, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputError(f"malformed JSON ({exc.msg} at column {exc.colno}); fix or remove the line",
                             source=source, line=lineno)
            continue
        if not isinstance(row, dict):
            yield InputError("each line must be a JSON object with at least a text field", source=source, line=lineno)
            continue
        try:
            yield _article(row, fm, source, lineno)
        except InputError as exc:
            yield exc


def _article(row: dict, fm: FieldMap, source: str, lineno: int) -> Article:
    text = row.get(fm.text)
    if not isinstance(text, str):
        raise InputError(f"missing or non-string {fm.text!r} field (set the text field name with --text-field)",
                         source=source, line=lineno)
    if not text.strip():
        raise InputError(f"empty {fm.text!r} field: the article has no text", source=source, line=lineno)
    raw_id = row.get(fm.id)
    art_id = str(raw_id) if raw_id not in (None, "") else f"{source.rsplit('/', 1)[-1].rsplit('.', 1)[0]}-{lineno}"

    def opt(name: str) -> str | None:
        v = row.get(name)
        return str(v) if v not in (None, "") else None

    return Article(
        id=art_id,
        text=text,
        date=Article.parse_date(row.get(fm.date), source=source, line=lineno),
        title=opt(fm.title),
        outlet=opt(fm.outlet),
        url=opt(fm.url),
    )
