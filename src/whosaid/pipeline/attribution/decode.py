"""From per-window tag scores to character spans (torch-free; shared by training selection and inference).

Windows overlap: each piece's role probabilities are a weighted mean over the windows that hold it, the
weight growing with the distance from the window edge (a piece sees most context in the middle of a
window). Each role is then decoded on its own with a BIO-constrained Viterbi (no I after O), spans are
widened to whole words, joined when they touch, and trimmed of quote marks and edge punctuation.
"""

from __future__ import annotations

import re
from typing import Sequence

import numpy as np

from .windows import ROLES, trim_span

__all__ = ["merge_windows", "viterbi_bio", "tags_to_spans", "join_adjacent", "decode_spans", "log_softmax"]

_NEG = -1e9


def log_softmax(x: np.ndarray, axis: int = -1) -> np.ndarray:
    """A numerically stable log-softmax of ``x`` along ``axis``."""
    m = x.max(axis=axis, keepdims=True)
    z = x - m
    return z - np.log(np.exp(z).sum(axis=axis, keepdims=True))


def merge_windows(n_tokens: int, pieces: Sequence[tuple[int, int, np.ndarray]]) -> np.ndarray:
    """Mean role probabilities ``(n_tokens, roles, 3)`` from ``(lo, hi, logits)`` windows.

    ``logits`` has shape ``(hi - lo, roles * 3)`` (the window's pieces without [CLS]/[SEP]).
    """
    n_roles = len(ROLES)
    acc = np.zeros((n_tokens, n_roles, 3), dtype=np.float64)
    wsum = np.zeros((n_tokens, 1, 1), dtype=np.float64)
    for lo, hi, logits in pieces:
        probs = np.exp(log_softmax(np.asarray(logits, dtype=np.float64).reshape(hi - lo, n_roles, 3)))
        pos = np.arange(hi - lo)
        w = np.minimum(pos + 1, hi - lo - pos).astype(np.float64)
        if lo == 0:  # the document start has no left context to lose
            w = np.maximum(w, (hi - lo - pos).astype(np.float64))
        if hi == n_tokens:
            w = np.maximum(w, (pos + 1).astype(np.float64))
        acc[lo:hi] += probs * w[:, None, None]
        wsum[lo:hi, 0, 0] += w
    wsum[wsum == 0] = 1.0
    out = acc / wsum
    missing = acc.sum(axis=(1, 2)) == 0
    out[missing] = np.array([1.0, 0.0, 0.0])
    return out


def viterbi_bio(logp: np.ndarray) -> np.ndarray:
    """Best O/B/I sequence (ids 0/1/2) for ``(n, 3)`` log-probabilities, with O -> I forbidden."""
    n = logp.shape[0]
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    # trans[prev, cur]
    trans = np.zeros((3, 3))
    trans[0, 2] = _NEG
    score = logp[0].copy()
    score[2] = _NEG
    back = np.zeros((n, 3), dtype=np.int64)
    for t in range(1, n):
        cand = score[:, None] + trans  # prev x cur
        back[t] = cand.argmax(axis=0)
        score = cand.max(axis=0) + logp[t]
    tags = np.zeros(n, dtype=np.int64)
    tags[-1] = int(score.argmax())
    for t in range(n - 1, 0, -1):
        tags[t - 1] = back[t, tags[t]]
    return tags


def tags_to_spans(tags: np.ndarray) -> list[tuple[int, int]]:
    """Token ranges ``[i, j)`` of B I* runs."""
    out: list[tuple[int, int]] = []
    start = -1
    for i, t in enumerate(tags.tolist()):
        if t == 1 or (t == 2 and start < 0):
            if start >= 0:
                out.append((start, i))
            start = i
        elif t == 0 and start >= 0:
            out.append((start, i))
            start = -1
    if start >= 0:
        out.append((start, len(tags)))
    return out


_WORD = re.compile(r"\w")


def _widen(text: str, start: int, end: int) -> tuple[int, int]:
    """Grow ``[start, end)`` to whole words (a span never starts or ends inside a word)."""
    while start > 0 and _WORD.match(text[start - 1]) and _WORD.match(text[start]):
        start -= 1
    while end < len(text) and _WORD.match(text[end]) and end > 0 and _WORD.match(text[end - 1]):
        end += 1
    return start, end


def join_adjacent(text: str, offsets: Sequence[tuple[int, int]], spans: list[tuple[int, int]],
                  ) -> list[tuple[int, int]]:
    """Token spans that touch (a B right after a span) joined into one, unless a line break separates them.

    The tagger often starts a new span on each word of a multi-word cue ("has said") or in the middle of a
    long content; a PolNeAR span almost never touches another span of the same role. On dev this raises
    exact F1 by 2 (source, content) to 8 (cue) points.
    """
    out: list[tuple[int, int]] = []
    for i, j in spans:
        if out and out[-1][1] == i and "\n" not in text[offsets[i - 1][1]:offsets[i][0]]:
            out[-1] = (out[-1][0], j)
        else:
            out.append((i, j))
    return out


def decode_spans(text: str, offsets: Sequence[tuple[int, int]], probs: np.ndarray,
                 ) -> dict[str, list[tuple[int, int, float]]]:
    """Per role, the character spans ``(start, end, score)`` decoded from ``(n, roles, 3)`` probabilities.

    ``score`` is the mean probability of the span's tags.
    """
    logp = np.log(np.clip(probs, 1e-12, 1.0))
    out: dict[str, list[tuple[int, int, float]]] = {}
    for r, role in enumerate(ROLES):
        tags = viterbi_bio(logp[:, r, :])
        spans: dict[tuple[int, int], float] = {}
        for i, j in join_adjacent(text, offsets, tags_to_spans(tags)):
            s, e = offsets[i][0], offsets[j - 1][1]
            s, e = _widen(text, s, e)
            s, e = trim_span(text, s, e)
            if e <= s:
                continue
            seq = tags[i:j]
            conf = float(np.mean(probs[np.arange(i, j), r, seq]))
            spans[(s, e)] = max(conf, spans.get((s, e), 0.0))
        out[role] = [(s, e, c) for (s, e), c in sorted(spans.items())]
    return out
