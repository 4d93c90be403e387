"""Path handling shared by the readers: files, folders, globs and ``-`` for standard input.

Every input is read as bytes, in chunks (:mod:`whosaid.readers.decode`): JSON Lines files are streamed line by
line, never held whole; a text or HTML file holds one article, whose text is needed whole for the analysis.

Article ids from files are the file's path **relative to the argument given**, without its suffix and with
``/`` between folders: ``whosaid ingest corpus/`` reads ``corpus/a/story.txt`` as ``a/story`` and
``corpus/b/story.txt`` as ``b/story``; a glob's path is taken relative to its folder part before the first
wildcard (``corpus/*/story.txt`` gives the same ids); a file given by itself is its stem (``story``). JSON
Lines records carry their own ``id`` field; one without it is ``{file id}-{line}``.
"""

from __future__ import annotations

import glob
import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, BinaryIO

from ..errors import InputError
from ..model import Article
from .decode import ByteInput, decode_all, decode_line, html_charset, split_lines

__all__ = [
    "FieldMap",
    "ReadResult",
    "Located",
    "read_articles",
    "read_located",
    "read_path",
    "read_stream",
    "read_text_file",
    "expand",
    "KINDS",
]

ReadResult = Article | InputError
Located = tuple[ReadResult, str]
"""A reader result with where it comes from: ``file`` or ``file:line`` (``<stdin>`` for standard input)."""

KINDS = ("text", "jsonl", "html")
JSONL_SUFFIXES = {".jsonl", ".ndjson", ".jsonlines"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
TEXT_SUFFIXES = {".txt", ".text", ".md", ""}
_WILDCARDS = "*?["


@dataclass(frozen=True)
class FieldMap:
    """Names of the JSONL fields that hold each article attribute."""

    id: str = "id"
    text: str = "text"
    date: str = "date"
    title: str = "title"
    outlet: str = "outlet"
    url: str = "url"


def _open(path: Path) -> BinaryIO:
    source = str(path)
    try:
        return path.open("rb")
    except FileNotFoundError:
        raise InputError("no such file; check the path", source=source) from None
    except IsADirectoryError:
        raise InputError("is a directory", source=source) from None
    except OSError as exc:
        raise InputError(f"cannot read the file ({exc.strerror}); check its permissions", source=source) from None


def read_text_file(path: Path) -> str:
    """The whole text of one file (byte-order mark honoured), or an InputError that says what to do."""
    source = str(path)
    with _open(path) as fh:
        data = ByteInput(fh, source=source)
        text = decode_all(b"".join(data.chunks()), data.encoding, source=source)
    if not text.strip():
        raise InputError("the file is empty", source=source)
    return text


def _kind(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    if suffix in HTML_SUFFIXES:
        return "html"
    return "text"


def _sniff(head: str) -> str:
    first = head.lstrip()[:1]
    return "jsonl" if first == "{" else "html" if first == "<" else "text"


def read_path(
    path: Path, *, fields: FieldMap | None = None, kind: str | None = None, id: str | None = None
) -> Iterator[ReadResult]:
    """Articles from one file (an InputError instead of each one that cannot be read).

    ``id`` is the article id of a text or HTML file and the id prefix of JSONL lines without one (default:
    the file's stem).
    """
    for item, _where in _located_path(path, fields, kind, id):
        yield item


def _located_path(path: Path, fields: FieldMap | None, kind: str | None, id: str | None) -> Iterator[Located]:
    source = str(path)
    try:
        fh = _open(path)
    except InputError as exc:
        yield exc, source
        return
    with fh:
        try:
            yield from _located_stream(fh, source, kind or _kind(path), fields, id or path.stem)
        except OSError as exc:  # the disk or network share failed while reading
            yield (
                InputError(
                    f"reading stopped ({exc.strerror or exc}); check the medium and read it again", source=source
                ),
                source,
            )


def read_stream(
    stream: IO[bytes] | IO[str],
    *,
    source: str,
    kind: str | None = None,
    fields: FieldMap | None = None,
    id: str = "stdin",
) -> Iterator[ReadResult]:
    """Articles from one open stream (binary, or text as from ``io.StringIO``); ``kind`` None sniffs the
    first character: ``{`` JSON Lines, ``<`` HTML, anything else text."""
    for item, _where in _located_stream(stream, source, kind, fields, id):
        yield item


def _located_stream(
    stream: IO[bytes] | IO[str], source: str, kind: str | None, fields: FieldMap | None, id: str
) -> Iterator[Located]:
    try:
        data = ByteInput(stream, source=source, per_line=kind in (None, "jsonl"))
    except InputError as exc:
        yield exc, source
        return
    kind = kind or _sniff(data.head_text())
    if kind == "jsonl":
        yield from _jsonl(data, source, fields, id)
        return
    try:
        yield _single(data, kind, source, id), source
    except InputError as exc:
        yield exc, source


def _empty(source: str) -> InputError:
    return InputError("nothing on standard input" if source == "<stdin>" else "the file is empty", source=source)


def _jsonl(data: ByteInput, source: str, fields: FieldMap | None, id: str) -> Iterator[Located]:
    from .jsonl import jsonl_records

    seen = False

    def lines() -> Iterator[str | InputError]:
        nonlocal seen
        for lineno, raw in enumerate(split_lines(data.chunks(), data.encoding), 1):
            try:
                line = decode_line(raw, data.encoding, source=source, line=lineno)
            except InputError as exc:
                seen = True
                yield exc
                continue
            seen = seen or bool(line.strip())
            yield line

    for lineno, item in jsonl_records(lines(), source=source, fields=fields, id_prefix=id):
        yield item, f"{source}:{lineno}"
    if not seen:
        yield _empty(source), source


def _single(data: ByteInput, kind: str, source: str, id: str) -> Article:
    from .html import article_from_html
    from .text import article_from_text

    raw = b"".join(data.chunks())
    encoding = data.encoding
    if kind == "html" and not encoding.bom:
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:  # a page in its own charset: honour <meta charset>, else report the line
            charset = html_charset(raw)
            if charset is None or charset == "utf-8":
                text = decode_all(raw, encoding, source=source)
            else:
                try:
                    text = raw.decode(charset)
                except UnicodeDecodeError:
                    raise InputError(
                        f"not valid {charset} as its <meta charset> says; fix the page's charset", source=source
                    ) from None
    else:
        text = decode_all(raw, encoding, source=source)
    del raw
    if not text.strip():
        raise _empty(source)
    if kind == "html":
        return article_from_html(text, id=id, source=source)
    return article_from_text(text, id=id, source=source)


def _relative_id(path: Path, base: Path) -> str:
    rel = path.relative_to(base)
    return rel.with_suffix("").as_posix() if rel.suffix else rel.as_posix()


def _glob_base(spec: str) -> Path:
    parts: list[str] = []
    for part in Path(spec).parts:
        if any(ch in part for ch in _WILDCARDS):
            break
        parts.append(part)
    return Path(*parts) if parts else Path(".")


def expand(spec: str) -> list[tuple[Path, str]]:
    """The files a path argument stands for, in sorted order, each with its article id (or id prefix)."""
    path = Path(spec)
    if path.is_dir():
        return [
            (p, _relative_id(p, path))
            for p in sorted(path.rglob("*"))
            if p.is_file()
            and not p.name.startswith(".")
            and p.suffix.lower() in JSONL_SUFFIXES | HTML_SUFFIXES | TEXT_SUFFIXES
            and not any(part.startswith(".") for part in p.relative_to(path).parts)
        ]
    if any(ch in spec for ch in _WILDCARDS):
        base = _glob_base(spec)
        found = sorted(Path(p) for p in glob.glob(spec, recursive=True) if Path(p).is_file())
        return [(p, _relative_id(p, base)) for p in found]
    return [(path, path.stem)]


def read_articles(
    paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    *,
    fields: FieldMap | None = None,
    kind: str | None = None,
    stdin: IO[str] | IO[bytes] | None = None,
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
    for item, _where in read_located(paths, fields=fields, kind=kind, stdin=stdin):
        if errors == "raise" and isinstance(item, InputError):
            raise item
        yield item


def read_located(
    paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    *,
    fields: FieldMap | None = None,
    kind: str | None = None,
    stdin: IO[str] | IO[bytes] | None = None,
) -> Iterator[Located]:
    """What :func:`read_articles` yields, each with where it was read (``file`` or ``file:line``)."""
    specs = [paths] if isinstance(paths, (str, os.PathLike)) else list(paths)
    for raw_spec in specs:
        spec = os.fspath(raw_spec)
        if spec == "-":
            stream = stdin if stdin is not None else sys.stdin
            yield from _located_stream(getattr(stream, "buffer", stream), "<stdin>", kind, fields, "stdin")
            continue
        expanded = expand(spec)
        if not expanded:
            msg = (
                "no file matches this pattern"
                if any(ch in spec for ch in _WILDCARDS)
                else "this folder holds no .txt, .jsonl or .html file"
            )
            yield InputError(msg, source=spec), spec
        for path, art_id in expanded:
            yield from _located_path(path, fields, kind, art_id)
