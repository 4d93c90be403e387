"""The tagger's tag set and windowing: roles, BIO tags, the scorer's span normal form, word-piece windows.

Training (``whosaid.learn``) and inference (``onnx.py``) both use these, so both see the same context; the
runtime side owns them and ``learn`` imports them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from ..lexicon import QUOTE_MARKS

if TYPE_CHECKING:  # pragma: no cover
    from tokenizers import Encoding, Tokenizer

__all__ = ["ROLES", "TAGS", "TRIM", "trim_span", "encode", "windows", "word_start_mask"]

ROLES = ("source", "cue", "content")
TAGS = ("O", "B", "I")
TRIM = QUOTE_MARKS + " \t\n\r,.;:—–-"


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink ``[start, end)`` past quote marks, spaces and edge punctuation (the scorer's normal form)."""
    while start < end and text[start] in TRIM:
        start += 1
    while end > start and text[end - 1] in TRIM:
        end -= 1
    return start, end


def encode(tokenizer: Tokenizer, text: str) -> Encoding:
    """The whole text as word pieces, without special tokens (windows add them)."""
    return tokenizer.encode(text, add_special_tokens=False)


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


def word_start_mask(enc: Encoding) -> np.ndarray:
    ids = enc.word_ids
    mask = np.ones(len(ids), dtype=bool)
    for i in range(1, len(ids)):
        mask[i] = ids[i] is None or ids[i] != ids[i - 1]
    return mask
