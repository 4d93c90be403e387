"""Quote provenance across a corpus: the same statement in many articles, who published it first, who
relayed it, how its wording drifted, and whether everyone names the same speaker (docs/provenance.md).

    from whosaid.provenance import update_clusters, cluster_report_of, lookup
    update_clusters(store)                       # after an ingest (``whosaid ingest`` does it)
    lookup(store, "words of a quote")            # the clusters holding these words, as reports
    cluster_report_of(store, cluster_id)         # one cluster: timeline, outlets, relays, variants, conflict
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .align import Alignment, DiffOp, MatchParams, align, diff_ops, same_text
from .cluster import (
    Prepared,
    ProvenanceParams,
    Signer,
    UpdateSummary,
    find_statements,
    prepare,
    rebuild_clusters,
    update_clusters,
)
from .report import Summary, cluster_report, order_key, same_occurrence, summarize
from .sketch import Sketcher, SketchParams
from .speakers import compatible, speaker_key
from .text import QUOTED_KINDS, Token, compared_tokens, match_words, parse_words, statement_tokens, tokenize, words_text

if TYPE_CHECKING:  # pragma: no cover
    from ..store import Store

__all__ = [
    "update_clusters",
    "rebuild_clusters",
    "cluster_report_of",
    "lookup",
    "ProvenanceParams",
    "UpdateSummary",
    "Prepared",
    "Signer",
    "prepare",
    "find_statements",
    "MatchParams",
    "SketchParams",
    "Sketcher",
    "Alignment",
    "DiffOp",
    "align",
    "same_text",
    "diff_ops",
    "same_occurrence",
    "Summary",
    "summarize",
    "cluster_report",
    "order_key",
    "QUOTED_KINDS",
    "compared_tokens",
    "speaker_key",
    "compatible",
    "Token",
    "tokenize",
    "statement_tokens",
    "match_words",
    "words_text",
    "parse_words",
]


def cluster_report_of(store: Store, cluster_id: int, params: ProvenanceParams | None = None) -> dict[str, Any] | None:
    """The full report of one stored cluster (see :func:`cluster_report`), or None when there is none."""
    head = store.cluster(cluster_id)
    if head is None:
        return None
    rows = store.cluster_members(cluster_id)
    if not rows:
        return None
    s = summarize(rows, (params or ProvenanceParams()).match)
    return cluster_report(s, {r["statement_id"]: r for r in rows}, head)


def lookup(store: Store, text: str, params: ProvenanceParams | None = None) -> list[dict[str, Any]]:
    """Reports of the clusters that hold ``text`` (at least a few words of a quote), widest spread first;
    each report's ``matched_statement`` is the member the words were found in."""
    out = []
    for cid, sid in find_statements(store, text, params).items():
        report = cluster_report_of(store, cid, params)
        if report is not None:
            out.append(report | {"matched_statement": sid})
    return sorted(out, key=lambda r: (-r["n_outlets"], -r["size"], r["cluster_id"]))
