"""Incremental clustering of a store's statements: each new statement joins the clusters whose words it
shares, and clusters it bridges are merged (single link), so the clusters are the connected components of
the "same text" relation whatever order the statements arrive in.

A statement is looked at once: :func:`update_clusters` takes the statements that have no member row yet
(what an ingest just added, or everything in a store made before clustering existed), in id order and in
chunks, each chunk in one transaction. Per statement: normalise (:mod:`.text`), sign (:mod:`.sketch`), fetch
candidates from the band index, confirm them by alignment (:mod:`.align`), then record the member and its
bands. Only the clusters that changed get their summary recomputed. Clusters that lost a statement (its
article was replaced) are re-checked first and split if they fell apart.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .align import MatchParams, same_text
from .report import same_occurrence, summarize
from .sketch import Sketcher, SketchParams
from .speakers import speaker_key
from .text import QUOTED_KINDS, compared_tokens, match_words, parse_words, quoted_pair, tokenize, words_text

if TYPE_CHECKING:  # pragma: no cover
    from ..store import Store
    from ..store.provenance import ProvenanceWriter

__all__ = [
    "ProvenanceParams",
    "Prepared",
    "UpdateSummary",
    "prepare",
    "update_clusters",
    "rebuild_clusters",
    "Signer",
    "find_statements",
    "same_occurrence",
]


@dataclass(frozen=True)
class ProvenanceParams:
    """Everything that decides the clusters (defaults tuned on PolNeAR train+dev; docs/provenance.md)."""

    sketch: SketchParams = field(default_factory=SketchParams)
    match: MatchParams = field(default_factory=MatchParams)
    max_candidates: int = 100
    """Candidates aligned per statement, most shared bands first."""
    chunk: int = 500
    """Statements per transaction."""


@dataclass(frozen=True)
class Prepared:
    """A statement ready to place: normalised words (stored form), LSH band keys, speaker key."""

    statement_id: int
    article_id: str
    words: str
    bands: tuple[int, ...]
    speaker_key: str | None
    content_start: int | None = None
    content_end: int | None = None
    kind: str | None = None


Signer = Callable[[Iterator[list[dict[str, Any]]]], Iterator[list[Prepared]]]
"""Turns chunks of pending statement rows into chunks of Prepared, in order (locally, or on Dask workers)."""


def prepare(rows: Iterable[Mapping[str, Any]], sketcher: Sketcher, match: MatchParams) -> list[Prepared]:
    """Normalise and sign statement rows (``Store.pending_statements``); pure, so it can run anywhere."""
    out = []
    for row in rows:
        tokens = compared_tokens(row)
        words = match_words(tokens)
        bands = tuple(sketcher.band_keys(words)) if len(words) >= match.min_words else ()
        out.append(
            Prepared(
                int(row["statement_id"]),
                str(row["article_id"]),
                words_text(tokens),
                bands,
                speaker_key(row),
                row.get("content_start"),
                row.get("content_end"),
                row.get("kind"),
            )
        )
    return out


def local_signer(params: ProvenanceParams) -> Signer:
    sketcher = Sketcher(params.sketch)

    def sign(chunks: Iterator[list[dict[str, Any]]]) -> Iterator[list[Prepared]]:
        for rows in chunks:
            yield prepare(rows, sketcher, params.match)

    return sign


@dataclass
class UpdateSummary:
    """What one update did."""

    looked_at: int = 0
    indexed: int = 0
    new_clusters: int = 0
    joined: int = 0
    merged: int = 0
    rechecked: int = 0
    split: int = 0
    seconds: float = 0.0

    def line(self) -> str:
        return (
            f"clusters: {self.looked_at} statement(s) looked at, {self.indexed} indexed, {self.joined} joined "
            f"a cluster, {self.merged} merge(s), {self.rechecked} re-checked ({self.split} split) in "
            f"{self.seconds:.1f} s"
        )


def _pending_chunks(store: Store, size: int) -> Iterator[list[dict[str, Any]]]:
    after = 0
    while rows := store.pending_statements(after, size):
        yield rows
        after = rows[-1]["statement_id"]


def update_clusters(
    store: Store,
    params: ProvenanceParams | None = None,
    *,
    sign: Signer | None = None,
    progress: Callable[[int], None] | None = None,
) -> UpdateSummary:
    """Cluster every statement of ``store`` not yet looked at, and re-check clusters that lost one."""
    params = params or ProvenanceParams()
    summary = UpdateSummary()
    started = time.perf_counter()
    with store.provenance_writer() as w:
        _recheck(store, w, params, summary)
    signer = sign or local_signer(params)
    for batch in signer(_pending_chunks(store, params.chunk)):
        with store.provenance_writer() as w:
            touched: set[int] = set()
            for item in batch:
                _place(store, w, item, params, summary, touched)
            for cid in sorted(touched):
                _refresh(w, cid, params)
        summary.looked_at += len(batch)
        if progress:
            progress(len(batch))
    summary.seconds = time.perf_counter() - started
    return summary


def rebuild_clusters(
    store: Store,
    params: ProvenanceParams | None = None,
    *,
    sign: Signer | None = None,
    progress: Callable[[int], None] | None = None,
) -> UpdateSummary:
    """Forget every cluster and cluster the whole store again (after changing the parameters)."""
    with store.provenance_writer() as w:
        w.reset()
    return update_clusters(store, params, sign=sign, progress=progress)


def _matching_clusters(
    store: Store,
    words: Sequence[str],
    bands: Sequence[int],
    params: ProvenanceParams,
    item: Mapping[str, Any] | None = None,
) -> dict[int, int]:
    """``{cluster id: first confirmed statement id}`` for the clusters whose statements share ``words``
    (``item``: the statement placed, whose own article's overlapping statements do not count)."""
    found: dict[int, int] = {}
    for cand in store.cluster_candidates(bands, params.max_candidates):
        cid = cand["cluster_id"]
        if cid in found or (item is not None and same_occurrence(item, cand)):
            continue
        other = parse_words(cand["words"])[0]
        quoted = cand.get("kind") in QUOTED_KINDS if item is None else quoted_pair(item, cand)
        if same_text(words, other, params.match, quoted=quoted):
            found[cid] = cand["statement_id"]
    return found


def _place(
    store: Store,
    w: ProvenanceWriter,
    item: Prepared,
    params: ProvenanceParams,
    summary: UpdateSummary,
    touched: set[int],
) -> None:
    if not item.bands:
        w.add_member(item.statement_id, item.article_id, None, item.words, item.speaker_key, ())
        return
    words = parse_words(item.words)[0]
    found = _matching_clusters(store, words, item.bands, params, vars(item))
    if found:
        target = min(found)
        others = sorted(set(found) - {target})
        w.merge(target, others)
        touched.difference_update(others)
        summary.joined += 1
        summary.merged += len(others)
    else:
        target = w.new_cluster()
        summary.new_clusters += 1
    w.add_member(item.statement_id, item.article_id, target, item.words, item.speaker_key, item.bands)
    summary.indexed += 1
    touched.add(target)


def _refresh(w: ProvenanceWriter, cluster_id: int, params: ProvenanceParams) -> None:
    members = w.members(cluster_id)
    if not members:
        w.drop(cluster_id)
        return
    s = summarize(members, params.match)
    w.summarize(cluster_id, s.as_row(), s.flags())


def _components(members: Sequence[Mapping[str, Any]], match: MatchParams) -> list[list[int]]:
    """Connected components of the "same text" relation among ``members`` (statement ids, each sorted)."""
    words = [parse_words(m["words"])[0] for m in members]
    parent = list(range(len(members)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(len(members)):
        for j in range(i + 1, len(members)):
            if (
                root(i) != root(j)
                and not same_occurrence(members[i], members[j])
                and same_text(words[i], words[j], match, quoted=quoted_pair(members[i], members[j]))
            ):
                parent[root(j)] = root(i)
    groups: dict[int, list[int]] = {}
    for i, m in enumerate(members):
        groups.setdefault(root(i), []).append(m["statement_id"])
    return sorted((sorted(g) for g in groups.values()), key=lambda g: g[0])


def _recheck(store: Store, w: ProvenanceWriter, params: ProvenanceParams, summary: UpdateSummary) -> None:
    dirty = w.dirty()
    for cid in dirty:
        members = w.members(cid)
        summary.rechecked += 1
        if not members:
            w.drop(cid)
            continue
        parts = _components(members, params.match)
        for part in parts[1:]:  # the part with the smallest statement id keeps the cluster id
            new = w.new_cluster()
            w.move(part, new)
            _refresh(w, new, params)
            summary.split += 1
        _refresh(w, cid, params)
    if dirty:
        w.drop_stale_bands()


def find_statements(
    store: Store, text: str, params: ProvenanceParams | None = None, sketcher: Sketcher | None = None
) -> dict[int, int]:
    """``{cluster id: matching statement id}`` for the clusters holding ``text`` (words of a quote)."""
    params = params or ProvenanceParams()
    words = match_words(tokenize(text))
    if len(words) < params.match.min_words:
        return {}
    bands = (sketcher or Sketcher(params.sketch)).band_keys(words)
    return _matching_clusters(store, words, bands, params)
