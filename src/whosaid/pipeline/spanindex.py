"""Character ranges indexed by position: which lie within a distance of a range, in O(log n + found).

Stages that pair spans (the tagger's linking, ``DocState.entity_at``) compare each span only with those near
it, so their cost grows with the number of spans, not with its square: a long article costs what its parts cost.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

__all__ = ["SpanIndex"]


class SpanIndex:
    """Spans given as ``(start, end, ...)`` tuples; answers by their position in the given sequence."""

    def __init__(self, spans: Sequence[Sequence[int | float]]) -> None:
        self.order = sorted(range(len(spans)), key=lambda i: spans[i][0])
        self.starts = [spans[i][0] for i in self.order]
        self.ends = [spans[i][1] for i in self.order]
        self.max_end: list[int | float] = []  # the furthest end among the spans up to this one (in start order)
        for i in self.order:
            end = spans[i][1]
            self.max_end.append(end if not self.max_end or end > self.max_end[-1] else self.max_end[-1])

    def covers(self, pos: int | float) -> bool:
        """Whether a span holds ``pos`` (``start <= pos < end``), in O(log n)."""
        k = bisect_right(self.starts, pos)  # the spans that start at or before pos
        return k > 0 and self.max_end[k - 1] > pos

    def near(self, span: Sequence[int | float], dist: int = 0) -> list[int]:
        """Positions (ascending) of the spans whose gap to ``span[:2]`` is at most ``dist``: with ``dist=0``, those
        that overlap or touch it."""
        k = bisect_right(self.starts, span[1] + dist)
        lo = span[0] - dist
        out = []
        while k > 0 and self.max_end[k - 1] >= lo:  # no span further left reaches the range
            k -= 1
            if self.ends[k] >= lo:
                out.append(self.order[k])
        return sorted(out)
