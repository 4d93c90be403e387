"""PolNeAR examples as token windows with one BIO label set per role (torch-free).

Roles nest and overlap (a quote's content often contains its own cue and source), so each role has its own
BIO tag per token: the label array of a window is ``(tokens, 3)`` with one of O/B/I for source, cue and
content. Spans are trimmed of quote marks, spaces and edge punctuation first, the way the scorer compares
them. A span that contains another span of the same role wins (the outer content of a nested quote).

The same windowing (``windows``) serves training and inference, so both see the same context.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Iterator, Sequence

import numpy as np

from ..errors import InputError

if TYPE_CHECKING:  # pragma: no cover
    from tokenizers import Encoding, Tokenizer

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

ROLES = ("source", "cue", "content")
TAGS = ("O", "B", "I")
QUOTE_MARKS = "\"'“”‘’«»„"
TRIM = QUOTE_MARKS + " \t\n\r,.;:—–-"


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink ``[start, end)`` past quote marks, spaces and edge punctuation (the scorer's normal form)."""
    while start < end and text[start] in TRIM:
        start += 1
    while end > start and text[end - 1] in TRIM:
        end -= 1
    return start, end


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
        raise InputError(f"cannot read PolNeAR data ({exc.strerror}); pass the path to train.jsonl/dev.jsonl",
                         source=str(p)) from None
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


def encode(tokenizer: "Tokenizer", text: str) -> "Encoding":
    """The whole text as word pieces, without special tokens (windows add them)."""
    return tokenizer.encode(text, add_special_tokens=False)


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


def windows(n_tokens: int, size: int, stride: int, word_starts: np.ndarray | None = None) -> list[tuple[int, int]]:
    """Token ranges ``[lo, hi)`` of at most ``size - 2`` pieces, starting every ``stride`` pieces.

    A window start moves back to the first piece of its word when ``word_starts`` (bool per piece) is given,
    so no window begins inside a word. The last window ends at ``n_tokens``.
    """
    body = size - 2
    if body < 1 or stride < 1:
        raise ValueError("window size must be > 2 and stride >= 1")
    if n_tokens <= body:
        return [(0, n_tokens)]
    out: list[tuple[int, int]] = []
    lo = 0
    while True:
        hi = min(lo + body, n_tokens)
        out.append((lo, hi))
        if hi >= n_tokens:
            break
        nxt = lo + stride
        if word_starts is not None:
            back = nxt
            while back > lo + 1 and not word_starts[back]:
                back -= 1
            nxt = back
        lo = max(nxt, lo + 1)
    return out


def word_start_mask(enc: "Encoding") -> np.ndarray:
    ids = enc.word_ids
    mask = np.ones(len(ids), dtype=bool)
    for i in range(1, len(ids)):
        mask[i] = ids[i] is None or ids[i] != ids[i - 1]
    return mask


def make_windows(tokenizer: "Tokenizer", examples: Iterable[Example], *, size: int, stride: int,
                 cls_id: int, sep_id: int, with_labels: bool = True) -> Iterator[Window]:
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
