"""Turning one Analysis into the store's table rows (pure functions, no database access)."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

from ..model import Analysis, Article, Span
from .names import PersonLink, is_alias, link_people, person_key, title_case_headline_end

__all__ = ["content_hash", "body_hash", "ArticleRows", "article_rows"]


def body_hash(text: str) -> str:
    """sha256 of the article text alone (equal bodies under different ids are duplicates)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def content_hash(article: Article) -> str:
    """sha256 of everything the analysis depends on: text, date, title, outlet and url."""
    meta = json.dumps(article.to_dict(include_text=False) | {"id": None}, sort_keys=True, ensure_ascii=False)
    digest = hashlib.sha256(meta.encode("utf-8"))
    digest.update(b"\x00")
    digest.update(article.text.encode("utf-8"))
    return digest.hexdigest()


def _span_cols(span: Span | None) -> tuple[str | None, int | None, int | None]:
    return (span.text, span.start, span.end) if span is not None else (None, None, None)


@dataclass
class ArticleRows:
    """Rows for every table, for one article. Attribution rows get their rowid when inserted."""

    article: tuple[Any, ...]
    entities: list[tuple[Any, ...]] = field(default_factory=list)
    mentions: list[tuple[Any, ...]] = field(default_factory=list)
    attributions: list[tuple[Any, ...]] = field(default_factory=list)
    about: list[tuple[int, str]] = field(default_factory=list)  # (attribution idx, person_id)
    times: list[tuple[Any, ...]] = field(default_factory=list)
    relations: list[tuple[Any, ...]] = field(default_factory=list)
    events: list[tuple[Any, ...]] = field(default_factory=list)
    event_people: list[tuple[Any, ...]] = field(default_factory=list)
    people: dict[str, tuple[str, set[str]]] = field(default_factory=dict)  # person_id -> (key, names)


def article_rows(analysis: Analysis, *, chash: str, now: str) -> ArticleRows:
    """Every row to insert for ``analysis`` (``chash`` is its content hash, ``now`` an ISO timestamp)."""
    art = analysis.article
    aid = art.id
    data = analysis.to_dict(include_text=False)
    rows = ArticleRows(
        article=(
            aid,
            chash,
            body_hash(art.text),
            art.date.isoformat() if art.date else None,
            art.title,
            art.outlet,
            art.url,
            art.text,
            json.dumps(data, ensure_ascii=False, separators=(",", ":")),
            len(analysis.attributions),
            now,
        )
    )
    links: dict[str, PersonLink] = link_people(analysis.entities, headline_end=title_case_headline_end(art.text))
    for plink in links.values():
        key, names = rows.people.setdefault(plink.person_id, (plink.key, set()))
        names.update(plink.names)
    by_name: dict[str, str] = {}
    for ent in analysis.entities:
        link = links.get(ent.id)
        rows.entities.append(
            (
                aid,
                ent.id,
                ent.name,
                ent.type,
                ent.confidence,
                link.person_id if link else None,
                link.confidence if link else None,
                ent.gender,
                ent.gender_source,
            )
        )
        for m in ent.mentions:
            rows.mentions.append((aid, ent.id, m.start, m.end, m.text))
        if link:
            by_name.setdefault(ent.name, link.person_id)
            by_name.setdefault(ent.id, link.person_id)
    person_mentions = [
        (m.start, m.end, links[e.id].person_id) for e in analysis.entities if e.id in links for m in e.mentions
    ]
    for idx, a in enumerate(analysis.attributions):
        link = links.get(a.speaker_id) if a.speaker_id else None
        pid = link.person_id if link else _person_by_name(a.speaker, rows)
        rows.attributions.append(
            (
                aid,
                idx,
                a.kind,
                a.speaker,
                a.speaker_id,
                pid,
                a.source_type,
                a.source_description,
                a.via,
                a.said_at,
                *_span_cols(a.source),
                *_span_cols(a.cue),
                *_span_cols(a.content),
                a.confidence,
                a.category,
            )
        )
        if a.content is not None:
            about = {p for s, e, p in person_mentions if any(ps <= s and e <= pe for ps, pe in a.content.parts)}
            rows.about.extend((idx, p) for p in sorted(about))
    for idx, t in enumerate(analysis.times):
        rows.times.append((aid, idx, t.start, t.end, t.text, t.type, t.value, t.anchor))
    for idx, r in enumerate(analysis.relations):
        sp = by_name.get(r.subject_id or "") or by_name.get(r.subject)
        op = by_name.get(r.object_id or "") or by_name.get(r.object)
        rows.relations.append(
            (
                aid,
                idx,
                r.subject,
                r.relation,
                r.object,
                r.subject_id,
                r.object_id,
                sp,
                op,
                r.evidence.text,
                r.evidence.start,
                r.evidence.end,
                r.when,
                r.confidence,
            )
        )
    for idx, ev in enumerate(analysis.events):
        rows.events.append(
            (
                aid,
                idx,
                ev.what,
                ev.when,
                ev.evidence.text,
                ev.evidence.start,
                ev.evidence.end,
                json.dumps(list(ev.participants), ensure_ascii=False),
                ev.time.start if ev.time else None,
                ev.time.end if ev.time else None,
            )
        )
        pids = {by_name[p] for p in ev.participants if p in by_name}
        rows.event_people.extend((aid, idx, p) for p in sorted(pids))
    return rows


def _person_by_name(speaker: str | None, rows: ArticleRows) -> str | None:
    """A speaker without an entity id still links when its full name is one of the article's people."""
    if not speaker or not is_alias(speaker):
        return None
    key = person_key(speaker)
    if len(key.split()) < 2:
        return None
    for pid, (pkey, _names) in rows.people.items():
        if pkey == key:
            return pid
    return None
