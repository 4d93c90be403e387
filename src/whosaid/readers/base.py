"""Path handling shared by the readers: files, folders, globs and ``-`` for standard input."""

from __future__ import annotations

import glob
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Iterable, Iterator, Union

from ..errors import InputError
from ..model import Article

__all__ = ["FieldMap", "ReadResult", "read_articles", "read_path", "read_text_file"]

ReadResult = Union[Article, InputError]

JSONL_SUFFIXES = {".jsonl", ".ndjson", ".jsonlines"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
TEXT_SUFFIXES = {".txt", ".text", ".md", ""}


@dataclass(frozen=True)
class FieldMap:
    """Names of the JSONL fields that hold each article attribute."""

    id: str = "id"
    text: str = "text"
    date: str = "date"
    title: str = "title"
    outlet: str = "outlet"
    url: str = "url"


def _decode(data: bytes, source: str) -> str:
    if b"\x00" in data[:8192]:
        raise InputError("this looks like a binary file, not text; give a .txt, .jsonl or .html article", source=source)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(
            f"not valid UTF-8 (byte {exc.start}); re-encode the file as UTF-8 (e.g. iconv -t UTF-8)",
            source=source, line=line,
        ) from None


def read_text_file(path: Path) -> str:
    """The file's text, or an InputError that names the file and says what to do."""
    source = str(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError("no such file; check the path", source=source) from None
    except IsADirectoryError:
        raise InputError("is a directory", source=source) from None
    except OSError as exc:
        raise InputError(f"cannot read the file ({exc.strerror}); check its permissions", source=source) from None
    if not data.strip():
        raise InputError("the file is empty", source=source)
    return _decode(data, source)


def _kind(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    if suffix in HTML_SUFFIXES:
        return "html"
    return "text"


def read_path(path: Path, *, fields: FieldMap | None = None, kind: str | None = None) -> Iterator[ReadResult]:
    """Articles from one file (an InputError instead where it cannot be read)."""
    from .html import article_from_html
    from .jsonl import articles_from_jsonl
    from .text import article_from_text

    kind = kind or _kind(path)
    try:
        raw = read_text_file(path)
    except InputError as exc:
        yield exc
        return
    try:
        if kind == "jsonl":
            yield from articles_from_jsonl(raw.splitlines(), source=str(path), fields=fields)
        elif kind == "html":
            yield article_from_html(raw, id=path.stem, source=str(path))
        else:
            yield article_from_text(raw, id=path.stem, source=str(path))
    except InputError as exc:
        yield exc


def _read_stdin(stream: IO[str], fields: FieldMap | None, kind: str | None) -> Iterator[ReadResult]:
    from .html import article_from_html
    from .jsonl import articles_from_jsonl
    from .text import article_from_text

    raw = stream.read()
    if not raw.strip():
        yield InputError("nothing on standard input", source="<stdin>")
        return
    if kind is None:
        first = raw.lstrip()[:1]
        kind = "jsonl" if first == "{" else "html" if first == "<" else "text"
    try:
        if kind == "jsonl":
            yield from articles_from_jsonl(raw.splitlines(), source="<stdin>", fields=fields)
        elif kind == "html":
            yield article_from_html(raw, id="stdin", source="<stdin>")
        else:
            yield article_from_text(raw, id="stdin", source="<stdin>")
    except InputError as exc:
        yield exc


def _expand(spec: str) -> list[Path]:
    path = Path(spec)
    if path.is_dir():
        return sorted(
            p for p in path.rglob("*")
            if p.is_file() and not p.name.startswith(".")
            and p.suffix.lower() in JSONL_SUFFIXES | HTML_SUFFIXES | TEXT_SUFFIXES
        )
    if any(ch in spec for ch in "*?["):
        return sorted(Path(p) for p in glob.glob(spec, recursive=True) if Path(p).is_file())
    return [path]


def read_articles(
    paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    *,
    fields: FieldMap | None = None,
    kind: str | None = None,
    stdin: IO[str] | None = None,
    errors: str = "yield",
) -> Iterator[ReadResult]:
    """Articles from every path in order: files, folders (recursively), globs, and ``-`` for stdin.

    ``paths`` is one path (a ``str`` or ``Path``) or an iterable of them. With ``errors="yield"`` (the
    default) an input that cannot be read becomes an :class:`~whosaid.errors.InputError` *value* in the
    stream (naming the file and line), so a batch goes on with the rest::

        for item in read_articles("corpus/"):
            if isinstance(item, InputError):
                print("skipped:", item)
                continue
            ...

    With ``errors="raise"`` the first such error is raised instead, and only ``Article`` objects are yielded.
    """
    if errors not in ("yield", "raise"):
        raise ValueError(f"errors must be 'yield' or 'raise', not {errors!r}")
    specs = [paths] if isinstance(paths, (str, os.PathLike)) else list(paths)
    for item in _read_all(specs, fields, kind, stdin):
        if errors == "raise" and isinstance(item, InputError):
            raise item
        yield item


def _read_all(specs: list[str | os.PathLike[str]], fields: FieldMap | None, kind: str | None,
              stdin: IO[str] | None) -> Iterator[ReadResult]:
    for raw_spec in specs:
        spec = os.fspath(raw_spec)
        if spec == "-":
            yield from _read_stdin(stdin or sys.stdin, fields, kind)
            continue
        expanded = _expand(spec)
        if not expanded:
            yield InputError("no file matches this pattern", source=spec)
        for path in expanded:
            yield from read_path(path, fields=fields, kind=kind)
