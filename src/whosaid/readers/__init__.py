"""Readers turn files, folders, globs and standard input into :class:`~whosaid.model.Article` objects.

``read_articles`` yields either an ``Article`` or an ``InputError`` for each item, so a batch can report a
bad file or line and go on with the rest.
"""

from __future__ import annotations

from .base import (
    FieldMap,
    Located,
    ReadResult,
    expand,
    read_articles,
    read_located,
    read_path,
    read_stream,
    read_text_file,
)
from .html import article_from_html
from .jsonl import articles_from_jsonl
from .text import article_from_text, split_date_header

__all__ = [
    "FieldMap",
    "ReadResult",
    "read_articles",
    "read_path",
    "read_located",
    "Located",
    "read_stream",
    "expand",
    "read_text_file",
    "article_from_html",
    "articles_from_jsonl",
    "article_from_text",
    "split_date_header",
]
