"""Pairwise precision and recall of the statement clustering on hand-labelled PolNeAR train+dev pairs.

The pairs (``resources/provenance_pairs.jsonl``) hold no article text: each side is an article id, the
content's character offsets (fragments), the statement's kind and source type, and the offsets of a
mention of its speaker (as judged by reading the article, so an extraction error in the speaker does not
count against the clustering), with a short hash of the content to catch a changed data file. Each pair
is labelled ``same`` (one passage of one speaker's words in both, whole, trimmed or with small changes)
or not, with a one-line reason and the stratum it was drawn from (``strong``/``medium`` text overlap,
``samesp``: same speaker, ``diffsp``: same words from different speakers). See docs/provenance.md.

The evaluation builds a throw-away store with the labelled statements, runs the real clustering
(:func:`whosaid.provenance.update_clusters`), and predicts "same" for a pair when both statements are in
one cluster and their speakers agree.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..model import Analysis, Article, Attribution, Span

__all__ = ["PAIRS_FILE", "PROVENANCE_FLOORS", "load_pairs", "load_texts", "evaluate_provenance", "ProvenanceScore"]

PAIRS_FILE = "provenance_pairs.jsonl"
PROVENANCE_FLOORS = {"precision": 95.0, "recall": 85.0}
"""The targets of issue 18 (pairwise, percent)."""


def load_pairs(path: str | Path | None = None) -> list[dict[str, Any]]:
    """The labelled pairs (the packaged file by default)."""
    if path is None:
        text = resources.files("whosaid.resources").joinpath(PAIRS_FILE).read_text(encoding="utf-8")
        source = PAIRS_FILE
    else:
        p = Path(path)
        if not p.is_file():
            raise InputError("pairs file not found; give a JSONL file of labelled pairs", source=str(p))
        text, source = p.read_text(encoding="utf-8"), str(p)
    out = []
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            for side in ("a", "b"):
                row[side]["article"], row[side]["content"]  # noqa: B018 - presence check
            row["same"] = bool(row["same"])
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise InputError(
                f"not a labelled pair ({exc}); each line needs a, b (article, content) and same",
                source=source,
                line=lineno,
            ) from None
        out.append(row)
    return out


def load_texts(files: Iterable[str | Path], ids: set[str]) -> dict[str, dict[str, Any]]:
    """``{article id: {"text", "date", "outlet"}}`` for ``ids``, read from PolNeAR JSONL files."""
    out: dict[str, dict[str, Any]] = {}
    for f in map(Path, files):
        if not f.is_file():
            raise InputError(
                "PolNeAR file not found; the pairs need ../shared/data/polnear/train.jsonl and "
                "dev.jsonl (or pass --data DIR)",
                source=str(f),
            )
        with f.open(encoding="utf-8") as fh:
            for line in fh:
                row = json.loads(line)
                if row["id"] in ids:
                    out[row["id"]] = {"text": row["text"], "date": row.get("date"), "outlet": row.get("outlet")}
    missing = ids - set(out)
    if missing:
        raise InputError(
            f"{len(missing)} article(s) of the pairs are not in the PolNeAR files (e.g. "
            f"{sorted(missing)[0]}); use PolNeAR train+dev"
        )
    return out


def _key(side: Mapping[str, Any]) -> tuple[str, tuple[tuple[int, int], ...]]:
    return side["article"], tuple((int(s), int(e)) for s, e in side["content"])


def _analyses(
    pairs: Sequence[Mapping[str, Any]], texts: Mapping[str, Mapping[str, Any]]
) -> tuple[list[Analysis], dict[tuple[str, tuple[tuple[int, int], ...]], tuple[str, int]]]:
    """One analysis per article holding its labelled statements; and where each side went (article, idx)."""
    per_article: dict[str, dict[tuple[tuple[int, int], ...], Mapping[str, Any]]] = {}
    for pair in pairs:
        for side in (pair["a"], pair["b"]):
            per_article.setdefault(side["article"], {}).setdefault(_key(side)[1], side)
    analyses, where = [], {}
    for aid, sides in sorted(per_article.items()):
        t = texts[aid]
        text = t["text"]
        atts = []
        for frags, side in sorted(sides.items()):
            content = Span.of_fragments(text, frags)
            digest = hashlib.sha1(content.text.encode("utf-8")).hexdigest()[:12]
            if side.get("sha1") and digest != side["sha1"]:
                raise InputError(
                    f"{aid} {list(frags)}: the article text differs from the one the pairs were "
                    "labelled on; use the PolNeAR files of ../shared/data"
                )
            spk = side.get("speaker")
            source = Span.of(text, spk[0], spk[1]) if spk else None
            atts.append(
                Attribution(
                    kind=side.get("kind") or "direct",
                    content=content,
                    source=source,
                    speaker=source.text if source else None,
                    source_type=side.get("source_type") or "unknown" if source else "unknown",
                )
            )
            where[(aid, frags)] = (aid, len(atts) - 1)
        date = _dt.date.fromisoformat(t["date"]) if t.get("date") else None
        analyses.append(
            Analysis(article=Article(id=aid, text=text, date=date, outlet=t.get("outlet")), attributions=tuple(atts))
        )
    return analyses, where


@dataclass
class ProvenanceScore:
    """Pairwise counts and rates (percent), with the wrong pairs for reading."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0
    by_stratum: dict[str, dict[str, int]] = field(default_factory=dict)
    errors: list[dict[str, Any]] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return 100.0 * self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return 100.0 * self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "pairs": self.tp + self.fp + self.fn + self.tn,
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "tn": self.tn,
            "precision": round(self.precision, 1),
            "recall": round(self.recall, 1),
            "f1": round(self.f1, 1),
            "by_stratum": self.by_stratum,
            "errors": self.errors,
        }


def evaluate_provenance(
    pairs: Sequence[Mapping[str, Any]], texts: Mapping[str, Mapping[str, Any]], params: Any = None
) -> ProvenanceScore:
    """Cluster the labelled statements with the real machinery and score every pair."""
    from ..provenance import ProvenanceParams, compatible, update_clusters
    from ..store import Store

    analyses, where = _analyses(pairs, texts)
    score = ProvenanceScore()
    with Store(":memory:") as store:
        store.upsert_many(analyses)
        update_clusters(store, params or ProvenanceParams())
        placed = {}
        for q in store.quotes(limit=1_000_000, include_duplicates=True):
            row = store.statement(q["statement_id"]) or {}
            placed[(q["article_id"], q["idx"])] = (row.get("cluster_id"), row.get("speaker_key"))
    for pair in pairs:
        (ca, ka), (cb, kb) = (placed[where[_key(pair[s])]] for s in ("a", "b"))
        predicted = ca is not None and ca == cb and compatible(ka, kb)
        gold = pair["same"]
        stratum = score.by_stratum.setdefault(pair.get("stratum", "?"), {"tp": 0, "fp": 0, "fn": 0, "tn": 0})
        outcome = ("tp" if predicted else "fn") if gold else ("fp" if predicted else "tn")
        setattr(score, outcome, getattr(score, outcome) + 1)
        stratum[outcome] += 1
        if outcome in ("fp", "fn"):
            score.errors.append(
                {"outcome": outcome, "reason": pair.get("reason"), "a": pair["a"]["article"], "b": pair["b"]["article"]}
            )
    return score
