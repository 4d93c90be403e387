"""Conflicting claims: statements about a person that cannot all be true, each with its evidence span.

Today the claims are about age: "her 42nd birthday", "turned 44", "the 70-year-old", "Trump, 70,", "aged 44",
"born in 1980". Each claim, read against its article's date, gives a range of possible birth years; two
claims about the same person whose ranges do not meet are a conflict. Claims are compared within one article
(internal inconsistency) and across articles (same person by normalized full name, as the store links them).

The owner of a claim comes from the article's entity mentions (names, descriptions and pronouns), so
"her 42nd birthday" goes to whoever "her" was resolved to - except in "wished X her Nth birthday", where the
birthday is X's.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from .model import Analysis, Entity, Span

__all__ = ["Claim", "Conflict", "age_claims", "find_conflicts", "article_conflicts", "corpus_conflicts"]

_ORD = r"(\d{1,3})(?:st|nd|rd|th)"
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("birthday", re.compile(_ORD + r"\s+birthday", re.I)),
    (
        "turned",
        re.compile(r"\b(?:turned|turns|turning|will turn)\s+(\d{1,3})\b(?!\s*(?:%|percent|years? (?:ago|since)))"),
    ),
    ("year_old", re.compile(r"\b(\d{1,3})[- ]year[- ]old\b")),
    ("aged", re.compile(r"\baged?\s+(\d{1,3})\b")),
    ("apposed_age", re.compile(r"(?<=[A-Za-z]),\s+(\d{1,3}),")),
    ("born", re.compile(r"\bborn\s+(?:in|on)?\s*(?:[A-Z][a-z]+\.?\s+(?:\d{1,2},?\s+)?)?(\d{4})\b")),
]
_WISH = re.compile(r"\bwish(?:ed|es|ing)?\b", re.I)


@dataclass(frozen=True)
class Claim:
    """One statement implying a person's birth year lies in ``[birth_min, birth_max]``."""

    article_id: str
    date: str | None
    person: str  # canonical name in the article
    key: str  # normalized full name, the cross-article identity
    kind: str  # birthday | turned | year_old | aged | apposed_age | born
    value: int
    birth_min: int
    birth_max: int
    evidence: Span

    def to_dict(self) -> dict[str, Any]:
        return {
            "article_id": self.article_id,
            "date": self.date,
            "person": self.person,
            "kind": self.kind,
            "value": self.value,
            "birth_years": [self.birth_min, self.birth_max],
            "evidence": self.evidence.to_dict(),
        }


@dataclass(frozen=True)
class Conflict:
    """Two claims about one person that cannot both be true."""

    person: str
    what: str
    first: Claim
    second: Claim
    scope: str  # "article" (one article contradicts itself) | "corpus"

    def to_dict(self) -> dict[str, Any]:
        return {
            "person": self.person,
            "what": self.what,
            "scope": self.scope,
            "claims": [self.first.to_dict(), self.second.to_dict()],
        }

    def describe(self) -> str:
        def one(c: Claim) -> str:
            return (
                f"{c.article_id} ({c.date or 'no date'}): \u201c{c.evidence.text}\u201d -> born "
                f"{c.birth_min if c.birth_min == c.birth_max else f'{c.birth_min}-{c.birth_max}'}"
            )

        return f"{self.person}: {self.what}\n  {one(self.first)}\n  {one(self.second)}"


def _key(name: str) -> str:
    try:
        from .store.names import person_key
    except ImportError:  # pragma: no cover - the store is part of the package
        return " ".join(name.lower().split())
    return person_key(name) or " ".join(name.lower().split())


def _sentence_bounds(text: str, pos: int) -> tuple[int, int]:
    start = max(text.rfind(". ", 0, pos), text.rfind("\n", 0, pos))
    end_candidates = [i for i in (text.find(". ", pos), text.find("\n", pos)) if i != -1]
    return (start + 1 if start >= 0 else 0), (min(end_candidates) if end_candidates else len(text))


class _Owners:
    """Person mentions of one analysis, by position."""

    def __init__(self, analysis: Analysis) -> None:
        self.items: list[tuple[int, int, Entity, str]] = []
        text = analysis.article.text
        for e in analysis.entities:
            if e.type != "PERSON":
                continue
            for m in e.mentions:
                low = text[m.start : m.end].lower()
                kind = "pronoun" if low in ("he", "she", "his", "her", "him", "hers") else "name"
                self.items.append((m.start, m.end, e, kind))
        self.items.sort(key=lambda x: (x[0], x[1]))

    def before(self, pos: int, lo: int, *, names_only: bool = False) -> Entity | None:
        best = None
        for s, e, ent, kind in self.items:
            if s >= pos:
                break
            if s >= lo and e <= pos and not (names_only and kind == "pronoun"):
                best = ent
        return best

    def after(self, pos: int, hi: int) -> Entity | None:
        for s, _, ent, kind in self.items:
            if pos <= s < hi and kind == "name":
                return ent
        return None


def age_claims(analysis: Analysis) -> list[Claim]:
    """Every age/birth-year claim of one analysed article that can be tied to a named person."""
    art = analysis.article
    text = art.text
    year = art.date.year if art.date else None
    owners = _Owners(analysis)
    out: list[Claim] = []
    for kind, pat in _PATTERNS:
        for m in pat.finditer(text):
            value = int(m.group(1))
            if kind == "born":
                if not 1850 <= value <= (year or 2100):
                    continue
                lo = hi = value
            else:
                if year is None or not 1 <= value <= 120:
                    continue
                lo, hi = (year - value - 1, year - value)
            s_lo, s_hi = _sentence_bounds(text, m.start())
            owner: Entity | None = None
            if kind == "birthday":
                wish = [w for w in _WISH.finditer(text, s_lo, m.start())]
                if wish:  # "wished her old friend, Kim Kardashian her 42nd birthday": the friend's birthday
                    owner = owners.before(m.start(), wish[-1].end(), names_only=True)
            if owner is None and kind == "year_old":
                owner = owners.after(m.end(), min(s_hi, m.end() + 40))
            if owner is None:
                owner = owners.before(m.start(), s_lo)
            if owner is None:
                continue
            out.append(
                Claim(
                    article_id=art.id,
                    date=art.date.isoformat() if art.date else None,
                    person=owner.name,
                    key=_key(owner.name),
                    kind=kind,
                    value=value,
                    birth_min=lo,
                    birth_max=hi,
                    evidence=Span.of(text, m.start(), m.end()),
                )
            )
    return out


def find_conflicts(claims: Iterable[Claim], *, max_per_person: int = 20) -> Iterator[Conflict]:
    """Pairs of claims about the same person whose birth-year ranges do not meet (sorted, so no n^2 scan of
    agreeing claims: each claim is compared with the claims of the other ranges only)."""
    by_person: dict[str, list[Claim]] = {}
    for c in claims:
        if c.key:
            by_person.setdefault(c.key, []).append(c)
    for group in by_person.values():
        group.sort(key=lambda c: (c.birth_min, c.birth_max, c.article_id, c.evidence.start))
        shown = 0
        for i, a in enumerate(group):
            for b in group[i + 1 :]:
                if b.birth_min <= a.birth_max:
                    continue  # ranges meet: no conflict
                scope = "article" if a.article_id == b.article_id else "corpus"
                yield Conflict(
                    person=a.person if len(a.person) >= len(b.person) else b.person,
                    what=f"age/birth year: born {a.birth_min}-{a.birth_max} vs {b.birth_min}-{b.birth_max}",
                    first=a,
                    second=b,
                    scope=scope,
                )
                shown += 1
                break  # one partner per claim is enough evidence
            if shown >= max_per_person:
                break


def article_conflicts(analysis: Analysis) -> list[Conflict]:
    """Conflicts inside one article."""
    return list(find_conflicts(age_claims(analysis)))


def corpus_conflicts(analyses: Iterable[Analysis]) -> list[Conflict]:
    """Conflicts within and across articles (e.g. ``Store.iter_analyses()``); memory grows with the claims only."""
    claims: list[Claim] = []
    for a in analyses:
        claims.extend(age_claims(a))
    return list(find_conflicts(claims))
