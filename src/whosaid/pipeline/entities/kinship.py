"""Kinship links for coreference (step 4 of ``coref.py``): "the former President's daughter" = X and "her father
Donald Trump" make the unnamed "former President" Donald Trump when X has no other named parent. A mixin of the
coreference resolver: it reads the mentions and the union-find of ``_Coref``.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from ..lexicon import KIN_RELATIONS

if TYPE_CHECKING:  # pragma: no cover
    from .mentions import Mention
    from .types import Cluster

__all__ = ["KinshipLinks"]


class KinshipLinks:
    """Step 4 of the resolver; the host class provides ``M``, ``by_head``, ``info``, ``kin``, ``find`` and
    ``union``."""

    M: list[Mention]
    by_head: dict[int, int]
    info: dict[int, Cluster]
    kin: dict[tuple[int, str], int]

    def find(self, i: int) -> int:  # pragma: no cover - provided by the host
        raise NotImplementedError

    def union(self, a: int, b: int) -> int:  # pragma: no cover - provided by the host
        raise NotImplementedError

    def _kin_key(self, m: Mention) -> str | None:
        rel = KIN_RELATIONS.get(m.noun)
        if rel is None:
            return None
        return f"{rel}:{m.gender or ''}"

    def _record_kin(self, i: int) -> None:
        m = self.M[i]
        key = self._kin_key(m)
        if key is None or m.possessor is None or m.possessor not in self.by_head:
            return
        p = self.find(self.by_head[m.possessor])
        if self.info[p].named:
            self.kin.setdefault((p, key), self.find(i))

    def unify_kin(self) -> None:
        M = self.M
        parents: dict[int, set[int]] = defaultdict(set)
        spouses: dict[int, set[int]] = defaultdict(set)
        for i, m in enumerate(M):
            if m.kind != "nominal" or m.possessor is None or m.possessor not in self.by_head:
                continue
            rel = KIN_RELATIONS.get(m.noun)
            x, y = self.find(self.by_head[m.possessor]), self.find(i)
            if x == y:
                continue
            if rel == "child_of":
                parents[x].add(y)
            elif rel == "parent_of":
                parents[y].add(x)
            elif rel == "spouse_of":
                spouses[x].add(y)
                spouses[y].add(x)
        for table in (parents, spouses):
            for _, rel_set in list(table.items()):
                roots = {self.find(r) for r in rel_set}
                named = [r for r in roots if self.info[r].named and self.info[r].type == "PERSON"]
                unnamed = [r for r in roots if not self.info[r].named]
                if len(named) == 1:
                    for u in unnamed:
                        n, u = self.find(named[0]), self.find(u)
                        if n == u:
                            continue
                        gu, gn = self.info[u].gender, self.info[n].gender
                        if gu is None or gn is None or gu == gn:
                            self.union(n, u)
