"""A rich progress bar on standard error (articles, articles/s, ETA) and a cheap estimate of the input size."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator, Sequence

__all__ = ["estimate_total", "progress_bar"]


def estimate_total(paths: Sequence[str]) -> int | None:
    """How many articles the inputs hold (JSONL lines, one per other file); None for standard input."""
    from ..readers.base import JSONL_SUFFIXES, expand

    total = 0
    for spec in paths:
        if spec == "-":
            return None
        for path, _id in expand(spec):
            if path.suffix.lower() in JSONL_SUFFIXES:
                try:
                    with path.open("rb") as fh:
                        total += sum(1 for line in fh if line.strip())
                except OSError:
                    total += 1
            else:
                total += 1
    return total


@contextlib.contextmanager
def progress_bar(total: int | None, *, label: str = "ingest", enabled: bool = True) -> Iterator[Callable[[int], None]]:
    """Yield ``advance(n)``; shows a bar with articles/s and ETA on standard error when ``enabled``."""
    if not enabled:
        yield lambda n: None
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        ProgressColumn,
        SpinnerColumn,
        Task,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )
    from rich.text import Text

    class RateColumn(ProgressColumn):
        def render(self, task: Task) -> Text:
            speed = task.finished_speed or task.speed
            return Text(f"{speed:6.1f} articles/s" if speed else "     - articles/s", style="progress.data.speed")

    console = Console(stderr=True)
    with Progress(
        SpinnerColumn(),
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        RateColumn(),
        TextColumn("elapsed"),
        TimeElapsedColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
        console=console,
        transient=False,
        speed_estimate_period=60,
    ) as bar:
        task = bar.add_task(label, total=total)
        yield lambda n: bar.advance(task, n)
