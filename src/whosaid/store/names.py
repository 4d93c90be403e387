"""Cross-article people: normalizing person names and linking an article's PERSON entities to corpus people.

A corpus person is keyed by the normalized given name and surname (``person_key``), as ``nameparser`` splits
the name into title / first / middle / last / suffix: case, accents, leading titles ("President", "Mr."), middle
names and initials ("Hillary Rodham Clinton", "Donald J. Trump") and a trailing possessive do not matter; a
suffix does ("Donald Trump Jr." is another person). A single-token name (a bare surname or first name) is
linked only when the same article ties it to exactly one full name that ends or starts with that token;
otherwise it stays unlinked, so two different people who share a surname or a title are never merged across
articles ("Clinton" in an article about Bill and Hillary Clinton belongs to neither). A name joining two people
("Bill and Hillary Clinton") is no person, nor is a group of people (``Entity.plural``) or a PERSON entity whose
name is no personal name (``is_person_name``: "Clinton Foundation", "Tulsa Police Department").

Aliases, the corpus-wide names of a person, are names only (``name_alias``): a description or a pronoun that
coreference tied to the person inside one article ("the former President", "Clinton's opponent", "he")
resolves that article's mentions but never becomes an alias.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from nameparser import HumanName

from ..model import Entity
from ..pipeline.lexicon import EVENT_WORDS, ORG_WORDS

__all__ = [
    "normalize_name",
    "name_parts",
    "is_person_name",
    "person_key",
    "person_slug",
    "best_display_name",
    "PersonLink",
    "link_people",
    "is_alias",
    "name_alias",
    "title_case_headline_end",
]

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
_DETERMINERS = frozenset(
    "the a an this that these those his her their its our my your whose every each some any no".split()
)
_JOINED = re.compile(r"\s(?:and|&|or)\s")
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


@dataclass(frozen=True)
class NameParts:
    """A person name split by ``nameparser`` (folded tokens, titles removed first)."""

    first: str
    middle: tuple[str, ...]
    last: str
    suffix: str

    @property
    def key_tokens(self) -> list[str]:
        return [t for t in (self.first, self.last, self.suffix) if t]


def name_parts(name: str) -> NameParts | None:
    """Title / first / middle / last / suffix of a person name; None for no name or a name of two people."""
    tokens = normalize_name(name)
    if not tokens or _JOINED.search(_fold(name)):
        return None  # "Bill and Hillary Clinton"
    if len(tokens) == 1:
        return NameParts(tokens[0], (), "", "")
    parsed = HumanName(" ".join(tokens))
    first, last = _fold(parsed.first), _fold(parsed.last)
    suffix = "".join(_TOKEN.findall(_fold(parsed.suffix)))
    middle = tuple(_TOKEN.findall(_fold(parsed.middle)))
    if not first or not last:  # nameparser found a title or suffix only: keep the words as they are
        return NameParts(tokens[0], tuple(tokens[1:-1]), tokens[-1], "")
    return NameParts(first, middle, last, suffix)


_NOT_NAME_WORDS = ORG_WORDS | EVENT_WORDS


def is_person_name(name: str) -> bool:
    """Whether an entity typed PERSON is named like a person, so that it can be a corpus person: no word that names
    an organization or an event (``lexicon.ORG_WORDS``, ``EVENT_WORDS``: "Clinton Foundation", "Tulsa Police
    Department", "Barack Obama Election Day") and no social-media handle ("@MaryJBlige"). Measured on GUM: none
    of its 322 person names of two or more words written as names is refused (the refused ones are whole noun
    phrases: "Claudia Mo of the Civic Party"). Odd characters alone do not refuse a name: what the store holds
    is shown escaped, whatever it is."""
    name = name.strip()
    if not name or "@" in name:
        return False
    return not any(_fold(w).strip(".,'’") in _NOT_NAME_WORDS for w in name.split())


def person_key(name: str) -> str:
    """The normalized given name, surname and suffix used to merge people across articles ('' when none)."""
    parts = name_parts(name)
    return " ".join(parts.key_tokens) if parts else ""


def person_slug(key: str) -> str:
    """A URL-safe, stable person id made from a person key."""
    return re.sub(r"[^a-z0-9]+", "-", key.encode("ascii", "ignore").decode("ascii")).strip("-") or "person"


def is_alias(text: str) -> bool:
    """Whether a mention text can serve as an alias (a capitalized name, not a pronoun)."""
    stripped = text.strip()
    return bool(stripped) and stripped[0].isupper() and _fold(stripped) not in _PRONOUNS and len(stripped) <= 80


def name_alias(text: str, name: str) -> str | None:
    """``text`` (a mention of the person named ``name``) as an alias, or None: a name is one when it does not
    start with a determiner or a possessive, every word is capitalized (titles and initials included) and it
    shares a word with the person's name ("President Trump", "Hillary", not "the former President", "Clinton's
    opponent" or "he")."""
    text = re.sub(r"['’]s$", "", text.strip())
    if not is_alias(text):
        return None
    words = _TOKEN.findall(_fold(text))
    if not words or words[0] in _DETERMINERS:
        return None
    if any(not w[:1].isupper() for w in text.split() if w[:1].isalpha()):
        return None
    own = set(normalize_name(name))
    return text if own & set(normalize_name(text)) else None


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


def title_case_headline_end(text: str) -> int:
    """Where a Title Case headline line ends ("Clinton Hid Past Health Problems"), or 0 when the text does not
    start with one (a headline in sentence case names people as the body does)."""
    match = re.match(r"\s*([^\n]{1,200})\n", text)
    if match is None or not text[match.end() :].strip():
        return 0
    words = [w for w in match.group(1).split() if len(w) >= 4 and w[:1].isalpha()]
    capitalized = sum(1 for w in words if w[:1].isupper())
    return match.end(1) if len(words) >= 3 and capitalized >= 0.75 * len(words) else 0


def link_people(entities: Sequence[Entity], *, headline_end: int = 0) -> dict[str, PersonLink]:
    """Map each PERSON entity id of one article to a corpus person (unlinkable ones are left out; so is a group of
    people, ``Entity.plural``: "Sunni Muslims" or "New Yorkers" is no person to count).

    ``headline_end``: where the headline ends; a full name written only there ("Clinton Hid Past Health" in a
    Title Case headline) is linked only when the body names the same person in full.
    """
    links: dict[str, PersonLink] = {}
    full: dict[str, list[Entity]] = {}
    single: list[tuple[Entity, str]] = []
    headline_only: list[tuple[Entity, str]] = []
    for ent in entities:
        if ent.type != "PERSON" or ent.plural or not is_person_name(ent.name):
            continue
        parts = name_parts(ent.name)
        if parts is None:
            continue
        if parts.last and ent.mentions and all(m.start < headline_end for m in ent.mentions):
            headline_only.append((ent, " ".join(parts.key_tokens)))
        elif parts.last:
            full.setdefault(" ".join(parts.key_tokens), []).append(ent)
        else:
            single.append((ent, parts.first))
    for ent, key in headline_only:
        if key in full:
            full[key].append(ent)
    for key, ents in full.items():
        pid = person_slug(key)
        for ent in ents:
            links[ent.id] = PersonLink(ent.id, pid, key, round(min(1.0, ent.confidence), 3), _names(ent, headline_end))
    for ent, token in single:
        matches = {key for key in full if key.split()[1] == token or key.split()[0] == token}
        if len(matches) == 1:
            key = matches.pop()
            links[ent.id] = PersonLink(
                ent.id, person_slug(key), key, round(0.7 * min(1.0, ent.confidence), 3), _names(ent, headline_end)
            )
    return links


def _names(ent: Entity, headline_end: int) -> tuple[str, ...]:
    """The entity's name and the aliases among its mentions (none from a Title Case headline)."""
    seen = {ent.name.strip()}
    for m in ent.mentions:
        alias = name_alias(m.text, ent.name) if m.start >= headline_end else None
        if alias:
            seen.add(alias)
    return tuple(sorted(n for n in seen if n))
