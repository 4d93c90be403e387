"""Candidate search: MinHash LSH (datasketch MinHash values) over windows of a statement's word bigrams.

A trimmed quote shares only part of its words with the full one, so one MinHash per statement would miss
it (the Jaccard similarity of a 6-word excerpt and a 40-word quote is 0.15). Instead each statement is cut
into overlapping windows of ``window`` words (``stride`` apart, the last one flush with the end; a statement
shorter than a window is one window), and each window's set of word bigrams gets a MinHash signature. Two
statements that share a stretch of words have windows with near-identical bigram sets, whose signatures
agree on whole bands of ``rows`` values (LSH banding, as datasketch's ``MinHashLSH``). Each band becomes one
64-bit key; the store keeps the keys in an indexed table, so the index is on disk, grows with each ingest
and needs no rebuild (``MinHashLSH`` keeps its index in memory or in Redis/Cassandra).

Bigrams rather than single words: windows of common words ("that", "the", "we") make many unigram sets
alike; on PolNeAR train+dev single-word windows gave about eight times as many candidates to align for the
same share of matching pairs found (docs/provenance.md).

A candidate is then confirmed or refused by word alignment (:mod:`whosaid.provenance.align`), so the
search may be generous: a false candidate costs one alignment, a missed one costs recall.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from datasketch import MinHash

__all__ = ["SketchParams", "Sketcher", "windows", "window_starts", "band_keys_of"]


@dataclass(frozen=True)
class SketchParams:
    """The LSH layout (changing it needs a re-index: ``whosaid clusters --rebuild``)."""

    window: int = 8
    """Words per window."""
    stride: int = 2
    """Words between the starts of two windows."""
    bands: int = 8
    """LSH bands per window signature."""
    rows: int = 3
    """MinHash values per band (``bands * rows`` permutations)."""
    seed: int = 7
    max_words: int = 400
    """Only the first ``max_words`` words of a very long statement are indexed."""

    @property
    def num_perm(self) -> int:
        return self.bands * self.rows


def window_starts(n: int, params: SketchParams) -> list[int]:
    """Where the windows of ``n`` words start (one window when ``n`` is at most a window; none for 0)."""
    w = params.window
    if n <= w:
        return [0] if n else []
    starts = list(range(0, n - w + 1, params.stride))
    if starts[-1] != n - w:
        starts.append(n - w)
    return starts


def windows(words: Sequence[str], params: SketchParams) -> list[frozenset[str]]:
    """The word sets of the windows of ``words`` (what each window's MinHash summarises)."""
    words = list(words[: params.max_words])
    return [frozenset(words[s : s + params.window]) for s in window_starts(len(words), params)]


_MUL = np.uint64(0x9E3779B97F4A7C15)


def _mix(h: np.ndarray) -> np.ndarray:
    """splitmix64's finalizer, element-wise (uint64 arithmetic wraps, as intended)."""
    h = (h ^ (h >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    h = (h ^ (h >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    return h ^ (h >> np.uint64(31))


def band_keys_of(signatures: np.ndarray, bands: int, rows: int) -> list[int]:
    """LSH keys of signatures (``[n, bands * rows]``): one signed 64-bit key per window and band, distinct."""
    if len(signatures) == 0:
        return []
    vals = signatures.reshape(len(signatures), bands, rows).astype(np.uint64)
    h = np.broadcast_to(_mix(np.arange(1, bands + 1, dtype=np.uint64)), vals.shape[:2]).copy()
    for j in range(rows):
        h = _mix(h * _MUL + vals[:, :, j])
    return sorted(set(h.ravel().view(np.int64).tolist()))  # SQLite INTEGER is signed 64-bit


class Sketcher:
    """Band keys of statements. The MinHash of a set is the element-wise minimum of its members' one-element
    MinHashes, so each distinct word is hashed once (and kept, up to ``cache_size`` words) and a window's
    signature is a minimum over rows: the same values datasketch gives for the window's set."""

    def __init__(self, params: SketchParams | None = None, *, cache_size: int = 100_000) -> None:
        self.params = params or SketchParams()
        self._minhash = MinHash(num_perm=self.params.num_perm, seed=self.params.seed)
        self._cache: dict[str, np.ndarray] = {}
        self._cache_size = cache_size

    def _word(self, word: str) -> np.ndarray:
        vec = self._cache.get(word)
        if vec is None:
            m = self._minhash
            m.clear()
            m.update(word.encode("utf-8"))
            vec = np.array(m.hashvalues, copy=True)
            if len(self._cache) >= self._cache_size:
                self._cache.clear()
            self._cache[word] = vec
        return vec

    def signatures(self, words: Sequence[str]) -> np.ndarray:
        """One MinHash signature (``num_perm`` values) per window of ``words``: ``[windows, num_perm]``.

        A window is summarised by its word *bigrams*: each bigram's values mix its two words' datasketch
        values (coordinate by coordinate, so coordinate i stays one hash function), and the window's
        signature is their minimum."""
        p = self.params
        words = list(words[: p.max_words])
        if not words:
            return np.zeros((0, p.num_perm), dtype=np.uint64)
        mat = np.stack([self._word(w) for w in words]).astype(np.uint64)
        if len(words) == 1:
            return mat
        pairs = _mix(mat[:-1] * _MUL + mat[1:])  # row i: the bigram (words[i], words[i + 1])
        return np.stack([pairs[s : s + p.window - 1].min(axis=0) for s in window_starts(len(words), p)])

    def band_keys(self, words: Sequence[str]) -> list[int]:
        """The sorted, distinct LSH band keys of a statement's words."""
        return band_keys_of(self.signatures(words), self.params.bands, self.params.rows)
