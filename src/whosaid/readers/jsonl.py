"""JSON Lines: one article object a line; field names are configurable.

Lines are split on ``\\n`` only and decoded one by one (see :mod:`whosaid.readers.decode`), so a bad line
(undecodable bytes, malformed JSON, a missing field) is one :class:`InputError` naming its line, and the
lines after it keep their numbers and are read.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

from ..errors import InputError
from ..model import Article
from .base import FieldMap, ReadResult
from .layout import unwrap_lines

__all__ = ["articles_from_jsonl", "jsonl_records"]


def articles_from_jsonl(
    lines: Iterable[str | InputError], *, source: str, fields: FieldMap | None = None, id_prefix: str | None = None
) -> Iterator[ReadResult]:
    """Yield an Article per good line and an InputError (with the line number) per bad one.

    ``lines`` are the file's lines in order (line 1 first), each a string or the InputError of a line that
    could not be decoded. A line without an id gets ``{id_prefix}-{line}`` (default prefix: the file stem).
    """
    for _lineno, item in jsonl_records(lines, source=source, fields=fields, id_prefix=id_prefix):
        yield item


def jsonl_records(
    lines: Iterable[str | InputError], *, source: str, fields: FieldMap | None = None, id_prefix: str | None = None
) -> Iterator[tuple[int, ReadResult]]:
    """``(line number, Article or InputError)`` for each non-blank line (see :func:`articles_from_jsonl`)."""
    fm = fields or FieldMap()
    prefix = id_prefix or source.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    for lineno, line in enumerate(lines, 1):
        if isinstance(line, InputError):
            yield lineno, line
            continue
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            yield (
                lineno,
                InputError(
                    f"malformed JSON ({exc.msg} at column {exc.colno}); fix or remove the line",
                    source=source,
                    line=lineno,
                ),
            )
            continue
        except RecursionError:
            yield lineno, InputError("JSON nested too deeply; fix or remove the line", source=source, line=lineno)
            continue
        if not isinstance(row, dict):
            yield (
                lineno,
                InputError("each line must be a JSON object with at least a text field", source=source, line=lineno),
            )
            continue
        try:
            yield lineno, _article(row, fm, source, lineno, prefix)
        except InputError as exc:
            yield lineno, exc


def _checked(value: str, name: str, source: str, lineno: int) -> str:
    """The string, or an InputError when it holds an unpaired surrogate (a ``\\ud800`` escape: not text)."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise InputError(
            f"field {name!r} holds an unpaired surrogate escape ({value[exc.start]!r} at character "
            f"{exc.start + 1}), which is not text; fix the escape",
            source=source,
            line=lineno,
        ) from None
    return value


def _article(row: dict, fm: FieldMap, source: str, lineno: int, prefix: str) -> Article:
    text = row.get(fm.text)
    if not isinstance(text, str):
        raise InputError(
            f"missing or non-string {fm.text!r} field (set the text field name with --text-field)",
            source=source,
            line=lineno,
        )
    if not text.strip():
        raise InputError(f"empty {fm.text!r} field: the article has no text", source=source, line=lineno)
    raw_id = row.get(fm.id)
    art_id = str(raw_id) if raw_id not in (None, "") else f"{prefix}-{lineno}"

    def opt(name: str) -> str | None:
        v = row.get(name)
        return _checked(str(v), name, source, lineno) if v not in (None, "") else None

    return Article(
        id=_checked(art_id, fm.id, source, lineno),
        text=unwrap_lines(_checked(text, fm.text, source, lineno)),
        date=Article.parse_date(row.get(fm.date), source=source, line=lineno),
        title=opt(fm.title),
        outlet=opt(fm.outlet),
        url=opt(fm.url),
    )
