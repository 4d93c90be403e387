"""A light stand-in for Pipeline, importable by spawned worker processes (tests only)."""

from __future__ import annotations

import os
import time
import zlib
from collections.abc import Iterable, Iterator

from whosaid.model import Analysis, Article, Attribution, Span
from whosaid.options import Options


class FakePipeline:
    """'Analyzes' by marking the first word as a statement; CRASH fails a batch, DIE kills the worker."""

    def __init__(self, options: Options) -> None:
        self.options = options
        self.pid = os.getpid()

    def pipe(self, articles: Iterable[Article], *, batch_size: int | None = None) -> Iterator[Analysis]:
        for art in articles:
            if "DIE" in art.text:
                os._exit(3)
            if "CRASH" in art.text:
                raise RuntimeError(f"cannot parse {art.id}")
            time.sleep((zlib.crc32(art.id.encode()) % 7) / 1000)  # uneven work: completion order varies
            end = art.text.find(" ") if " " in art.text else len(art.text)
            yield Analysis(
                article=art,
                attributions=(Attribution(kind="indirect", content=Span.of(art.text, 0, end)),),
                warnings=(f"pid {self.pid}",),
            )

    def analyze(self, article: Article) -> Analysis:
        return next(iter(self.pipe([article])))


def fake_factory(options: Options) -> FakePipeline:
    return FakePipeline(options)


def broken_factory(options: Options) -> FakePipeline:
    raise OSError("model files missing")
