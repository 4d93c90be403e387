"""PolNeAR examples as token windows with one BIO label set per role (torch-free).

Roles nest and overlap (a quote's content often contains its own cue and source), so each role has its own
BIO tag per token: the label array of a window is ``(tokens, 3)`` with one of O/B/I for source, cue and
content. Spans are trimmed of quote marks, spaces and edge punctuation first, the way the scorer compares
them. A span that contains another span of the same role wins (the outer content of a nested quote).

The same windowing (``windows``) serves training and inference, so both see the same context.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from ..errors import InputError
from ..pipeline.attribution.windows import ROLES, TAGS, TRIM, encode, trim_span, windows, word_start_mask

if TYPE_CHECKING:  # pragma: no cover
    from tokenizers import Tokenizer

__all__ = [
    "ROLES",
    "TAGS",
    "TRIM",
    "Example",
    "Window",
    "trim_span",
    "load_polnear",
    "encode",
    "windows",
    "token_labels",
    "make_windows",
]


@dataclass
class Example:
    """One article: its text and, per role, the set of gold character spans (trimmed)."""

    id: str
    text: str
    spans: dict[str, list[tuple[int, int]]] = field(default_factory=dict)


def _span_of(obj: dict | None) -> tuple[int, int] | None:
    if not obj:
        return None
    frags = obj.get("fragments")
    if frags:
        return min(int(f[0]) for f in frags), max(int(f[1]) for f in frags)
    return int(obj["start"]), int(obj["end"])


def load_polnear(path: str | Path, *, limit: int | None = None) -> list[Example]:
    """Read a PolNeAR JSONL file (shared/data/polnear form) into examples.

    A discontinuous span counts from its first start to its last end, as the scorer does. Articles with no
    attribution at all are left out of training data (one of them is unannotated, see data/README.md).
    """
    out: list[Example] = []
    p = Path(path)
    try:
        fh = p.open(encoding="utf-8")
    except OSError as exc:
        raise InputError(
            f"cannot read PolNeAR data ({exc.strerror}); pass the path to train.jsonl/dev.jsonl", source=str(p)
        ) from None
    with fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                text = row["text"]
                atts = row.get("attributions", [])
            except (ValueError, KeyError, TypeError) as exc:
                raise InputError(f"not a PolNeAR record ({exc})", source=str(p), line=n) from None
            spans: dict[str, list[tuple[int, int]]] = {r: [] for r in ROLES}
            for att in atts:
                for role in ROLES:
                    se = _span_of(att.get(role))
                    if se is None:
                        continue
                    s, e = trim_span(text, *se)
                    if e > s and (s, e) not in spans[role]:
                        spans[role].append((s, e))
            out.append(Example(id=str(row.get("id", n)), text=text, spans=spans))
            if limit is not None and len(out) >= limit:
                break
    return out


def token_labels(offsets: Sequence[tuple[int, int]], spans: dict[str, list[tuple[int, int]]]) -> np.ndarray:
    """``(n_tokens, len(ROLES))`` int8 BIO ids for tokens with character ``offsets``."""
    n = len(offsets)
    labels = np.zeros((n, len(ROLES)), dtype=np.int8)
    starts = np.fromiter((o[0] for o in offsets), dtype=np.int64, count=n)
    ends = np.fromiter((o[1] for o in offsets), dtype=np.int64, count=n)
    for r, role in enumerate(ROLES):
        # longest first: an outer span claims its tokens before the spans nested in it
        for s, e in sorted(spans.get(role, ()), key=lambda x: (x[0] - x[1], x[0])):
            idx = np.nonzero((starts < e) & (ends > s) & (ends > starts))[0]
            if idx.size == 0 or labels[idx, r].any():
                continue
            labels[idx, r] = 2
            labels[idx[0], r] = 1
    return labels


@dataclass
class Window:
    """A slice ``[lo, hi)`` of an article's word pieces, with [CLS]/[SEP] added."""

    doc: int
    lo: int
    hi: int
    input_ids: np.ndarray
    labels: np.ndarray | None = None


def make_windows(
    tokenizer: Tokenizer,
    examples: Iterable[Example],
    *,
    size: int,
    stride: int,
    cls_id: int,
    sep_id: int,
    with_labels: bool = True,
) -> Iterator[Window]:
    """Windows over every example (labels from its spans when ``with_labels``)."""
    for d, ex in enumerate(examples):
        enc = encode(tokenizer, ex.text)
        ids = np.asarray(enc.ids, dtype=np.int64)
        labels = token_labels(enc.offsets, ex.spans) if with_labels else None
        for lo, hi in windows(len(ids), size, stride, word_start_mask(enc)):
            win_ids = np.concatenate([[cls_id], ids[lo:hi], [sep_id]]).astype(np.int64)
            win_labels = None
            if labels is not None:
                pad = np.full((1, len(ROLES)), -100, dtype=np.int64)
                win_labels = np.concatenate([pad, labels[lo:hi].astype(np.int64), pad])
            yield Window(doc=d, lo=lo, hi=hi, input_ids=win_ids, labels=win_labels)
