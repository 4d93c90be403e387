"""Cross-article people: normalizing person names and linking an article's PERSON entities to corpus people.

A corpus person is keyed by the normalized *full* name (``person_key``): case, accents, leading titles
("President", "Mr."), middle initials and a trailing possessive do not matter. A single-token name (a bare
surname or first name) is linked only when the same article ties it to exactly one full name that ends or
starts with that token; otherwise it stays unlinked, so two different people who share a surname are never
merged across articles.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Iterable, Sequence

from ..model import Entity

__all__ = ["normalize_name", "person_key", "person_slug", "best_display_name", "PersonLink", "link_people",
           "is_alias"]

# Leading words dropped from a name before comparing (only while a longer name remains).
_TITLES = frozenset(
    """mr mrs ms miss mx dr sir dame lord lady president vice sen senator rep representative congressman
    congresswoman gov governor prime minister secretary gen general col colonel lt adm admiral judge justice
    rev reverend prof professor king queen prince princess chancellor mayor chairman chairwoman chair ceo
    former late the st saint pope sheikh ambassador commissioner speaker leader candidate nominee attorney
    first candidate officer sgt sergeant capt captain det detective chief deputy premier""".split()
)
_PRONOUNS = frozenset(
    "i me my we us our you your he him his she her hers they them their it its who whom this that".split()
)
_QUOTE_CHARS = str.maketrans({"’": "'", "‘": "'", "`": "'", "‐": "-", "‑": "-", "–": "-"})
_TOKEN = re.compile(r"[^\W_]+(?:['-][^\W_]+)*", re.UNICODE)


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.translate(_QUOTE_CHARS))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def normalize_name(name: str) -> list[str]:
    """The comparison tokens of a person name: folded, without leading titles, possessive or middle initials."""
    folded = _fold(name).strip()
    folded = re.sub(r"'s$|'$", "", folded)
    tokens = _TOKEN.findall(folded)
    while len(tokens) > 1 and tokens[0] in _TITLES:
        tokens = tokens[1:]
    if len(tokens) > 2:
        tokens = [tokens[0]] + [t for t in tokens[1:-1] if len(t) > 1] + [tokens[-1]]
    return tokens


def person_key(name: str) -> str:
    """The normalized full name used to merge people across articles ('' when nothing is left)."""
    return " ".join(normalize_name(name))


def person_slug(key: str) -> str:
    """A URL-safe, stable person id made from a person key."""
    return re.sub(r"[^a-z0-9]+", "-", key.encode("ascii", "ignore").decode("ascii")).strip("-") or "person"


def is_alias(text: str) -> bool:
    """Whether a mention text can serve as an alias (a capitalized name, not a pronoun)."""
    stripped = text.strip()
    return bool(stripped) and stripped[0].isupper() and _fold(stripped) not in _PRONOUNS and len(stripped) <= 80


def best_display_name(names: Iterable[str], counts: dict[str, int] | None = None) -> str:
    """A deterministic display name among variants: the most frequent (with ``counts``), then the shortest,
    then the one with the fewest capitals ("Hillary" over "HIllary" or "HILLARY"), then the smallest."""
    counts = counts or {}
    return min(names, key=lambda n: (-counts.get(n, 0), len(n), sum(ch.isupper() for ch in n), n))


@dataclass(frozen=True)
class PersonLink:
    """How one article entity maps to a corpus person."""

    entity_id: str
    person_id: str
    key: str
    confidence: float
    names: tuple[str, ...]


def link_people(entities: Sequence[Entity]) -> dict[str, PersonLink]:
    """Map each PERSON entity id of one article to a corpus person (unlinkable ones are left out)."""
    links: dict[str, PersonLink] = {}
    full: dict[str, list[Entity]] = {}
    single: list[tuple[Entity, str]] = []
    for ent in entities:
        if ent.type != "PERSON":
            continue
        tokens = normalize_name(ent.name)
        if len(tokens) >= 2:
            full.setdefault(" ".join(tokens), []).append(ent)
        elif tokens:
            single.append((ent, tokens[0]))
    for key, ents in full.items():
        pid = person_slug(key)
        for ent in ents:
            links[ent.id] = PersonLink(ent.id, pid, key, round(min(1.0, ent.confidence), 3), _names(ent))
    for ent, token in single:
        matches = {key for key in full if key.split()[-1] == token or key.split()[0] == token}
        if len(matches) == 1:
            key = matches.pop()
            links[ent.id] = PersonLink(ent.id, person_slug(key), key, round(0.7 * min(1.0, ent.confidence), 3),
                                       _names(ent))
    return links


def _names(ent: Entity) -> tuple[str, ...]:
    seen = {ent.name.strip()}
    for m in ent.mentions:
        text = re.sub(r"['’]s$", "", m.text.strip())
        if is_alias(text):
            seen.add(text)
    return tuple(sorted(n for n in seen if n))
