"""Joining the pieces of one name that spaCy leaves apart (used by ``mentions``).

A piece is ``(start, end, label)`` in tokens: a spaCy entity or a run of proper nouns spaCy did not label ("").
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from ..lexicon import INSTITUTION_WORDS, TITLES

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

__all__ = ["clean_word", "join_pieces"]

Piece = tuple[int, int, str]


def clean_word(word: str) -> str:
    """A word as the word lists hold it: lower case, no final period ("Sen." -> "sen")."""
    return word.lower().rstrip(".")


def join_pieces(doc: Doc, pieces: list[Piece], known_place: Callable[[int, int], bool]) -> list[Piece]:
    """The pieces in order, with two kinds joined:

    - "The Bank of England", "Department of Justice": an institution word, "of" and a place or an unlabelled
      name make one organisation (a company's "Bayer AG of West Germany" stays the company and a place);
    - "Valeska Paris": proper nouns that are compounds of a one-word place or person entity right after them
      make one name with it (spaCy labels "Valeska" and "Paris" two GPEs); the votes then decide the type.
    """
    out: list[Piece] = []
    for s, e, label in pieces:
        if out and out[-1][1] == s - 1 and doc[s - 1].lower_ == "of" and label in ("", "GPE", "LOC"):
            if out[-1][2] in ("", "ORG") and clean_word(doc[out[-1][1] - 1].text) in INSTITUTION_WORDS:
                out[-1] = (out[-1][0], e, "ORG")
                continue
        if (
            out
            and label in ("GPE", "LOC", "PERSON")
            and e - s == 1
            and out[-1][1] == s
            and out[-1][2] in ("", "GPE", "LOC", "PERSON")
        ):
            ps, pe, _ = out[-1]
            if all(
                t.dep_ == "compound" and t.head.i == s and t.text[:1].isupper() and clean_word(t.text) not in TITLES
                for t in doc[ps:pe]
            ) and not known_place(ps, pe):
                out[-1] = (ps, e, "PERSON" if label == out[-1][2] == "PERSON" else "")
                continue
        out.append((s, e, label))
    return out
