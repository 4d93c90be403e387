"""Name links for coreference (step 1 of ``coref.py``): identical names, first+last variants ("Donald J.
Trump" = "Donald Trump"; "Jr." kept apart), then one-word names to a full name by surname, given name or
acronym. A mixin of the coreference resolver: it reads the mentions and the union-find of ``_Coref``.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from ..lexicon import Lexicon
    from .mentions import Mention
    from .types import Cluster

__all__ = ["NameLinks", "SUFFIXES", "clusters_by_word"]

SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
_CONNECT = frozenset({"of", "the", "and", "for", "&", "on", "in"})


def initials(parts: tuple[str, ...]) -> str:
    """The initials of a full name's words, connectives left out: ("university", "of", "southern", "indiana")
    gives "usi"."""
    return "".join(x[:1] for x in parts if x not in _CONNECT)


def clusters_by_word(fulls_of: dict[int, list[tuple[str, ...]]]) -> dict[str, list[int]]:
    """For each word a one-word name could be linked by, the clusters (keys of ``fulls_of``, in its order) with a
    full name that ends or starts with it or whose acronym it is: the only clusters ``_single_target`` can pick
    for that word, so it looks at these instead of every cluster (a long article has many)."""
    out: dict[str, list[int]] = {}
    for r, fulls in fulls_of.items():
        words = {w for p in fulls for w in (p[-1], p[0], initials(p))}
        for w in sorted(words):
            out.setdefault(w, []).append(r)
    return out


class NameLinks:
    """Step 1 of the resolver; the host class provides ``M``, ``lex``, ``info``, ``find``, ``union`` and
    ``_build_info``."""

    M: list[Mention]
    lex: Lexicon
    info: dict[int, Cluster]

    def find(self, i: int) -> int:  # pragma: no cover - provided by the host
        raise NotImplementedError

    def union(self, a: int, b: int) -> int:  # pragma: no cover - provided by the host
        raise NotImplementedError

    def _build_info(self) -> None:  # pragma: no cover - provided by the host
        raise NotImplementedError

    def link_names(self) -> None:
        M = self.M
        names = [i for i, m in enumerate(M) if m.kind == "name" and m.parts]
        first: dict[object, int] = {}
        for i in names:
            key = M[i].parts
            if key in first:
                self.union(first[key], i)
            else:
                first[key] = i
        full: dict[tuple[str, str], int] = {}
        for i in names:
            p = self._core(M[i].parts)
            if len(p) >= 2:
                key = (p[0], p[-1] + ("+" if M[i].parts[-1] in SUFFIXES else ""))
                if key in full:
                    self.union(full[key], i)
                else:
                    full[key] = i
        self._build_info()
        multi = [
            r
            for r in {self.find(i) for i in names}
            if any(len(self._core(M[j].parts)) >= 2 for j in self.info[r].members)
        ]
        singles = [i for i in names if len(M[i].parts) == 1 and M[i].number == "sg"]
        given_only: Counter[str] = Counter(M[i].parts[0] for i in singles)
        done: set[int] = set()
        fulls_of = {r: self._full_parts(r) for r in multi}  # a one-word name that joins adds no full name
        by_word = clusters_by_word(fulls_of)  # the clusters a word can link to (fulls_of's keys, as they were)
        for i in singles:
            r = self.find(i)
            if r in done or r in multi:
                continue
            done.add(r)
            w = M[i].parts[0]
            target = self._single_target(i, w, by_word.get(w, []), given_only, fulls_of)
            if target is not None:
                old = self.find(target)
                if self.union(target, i) != old:
                    fulls_of[self.find(i)] = fulls_of.pop(old)

    @staticmethod
    def _core(parts: tuple[str, ...]) -> tuple[str, ...]:
        core = tuple(p for p in parts if p not in SUFFIXES and not (len(p) == 1 and p.isalpha()))
        return core or parts

    def _full_parts(self, r: int) -> list[tuple[str, ...]]:
        return [
            self._core(self.M[j].parts)
            for j in self.info[r].members
            if self.M[j].kind == "name" and len(self._core(self.M[j].parts)) >= 2
        ]

    def _single_target(
        self, i: int, w: str, multi: list[int], given_only: Counter[str], fulls_of: dict[int, list[tuple[str, ...]]]
    ) -> int | None:
        """The cluster the one-word name ``M[i]`` (word ``w``) joins, among ``multi`` (clusters with a full name,
        given as members: each is looked at by its current root), or None."""
        M = self.M
        raw = str(M[i].extra.get("name") or M[i].text)
        title_gender = M[i].gender
        place = self.lex.is_geo_place(raw) or self.lex.is_place(raw)
        surname: list[int] = []
        given: list[int] = []
        acronym: list[int] = []
        for r in {self.find(x) for x in multi}:
            if r == self.find(i):
                continue
            fulls = fulls_of[r]
            person = self.info[r].type == "PERSON"
            if place and not person:  # "Indiana" is not "University of Southern Indiana", "US" not "University of S."
                continue
            if any(p[-1] == w for p in fulls) or not person and any(p[0] == w for p in fulls):
                surname.append(r)  # a surname, an organisation's last or first word ("Times", "Ford" Motor Co.)
            elif person and any(p[0] == w for p in fulls):
                given.append(r)
            elif raw.isupper() and 2 <= len(raw) <= 6 and any(initials(p) == w for p in fulls):
                acronym.append(r)
        for group in (surname, given, acronym):
            if title_gender in ("f", "m"):
                group[:] = [r for r in group if self.info[r].gender in (None, title_gender)]
        if surname:
            if len(surname) > 1:
                # a family: the bare surname is the member who is not called by the given name alone
                not_given = [r for r in surname if not any(given_only.get(p[0], 0) for p in fulls_of[r])]
                surname = not_given or surname
                surname.sort(key=lambda r: (-len(self.info[r].members), min(self.info[r].members)))
            return surname[0]
        if given:
            given.sort(key=lambda r: (abs(min(self.info[r].members) - i), r))
            return given[0]
        return acronym[0] if len(acronym) == 1 else None
