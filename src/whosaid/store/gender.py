"""A person's gender across the corpus, from the genders their articles state (``Entity.gender``).

Rule: every stored article that mentions the person and states a gender (an honorific, a gendered noun or a
coreferent pronoun: ``gender_source`` other than ``first_name``) is one vote. The person is female or male when
at least ``AGREEMENT`` of those votes agree, and ``unknown`` when the articles disagree more than that or none
states a gender. Genders from the opt-in first-name dictionary count only for a person no article states a
gender for, and then the result says ``source: "first_name"`` so that a count can leave it out.
"""

from __future__ import annotations

from typing import Any, Mapping

from ..model import GENDER_AGREEMENT as AGREEMENT

__all__ = ["corpus_gender"]


def _decide(female: int, male: int) -> str:
    total = female + male
    if total and female >= AGREEMENT * total:
        return "female"
    if total and male >= AGREEMENT * total:
        return "male"
    return "unknown"


def corpus_gender(stated: Mapping[str, int], guessed: Mapping[str, int] | None = None) -> dict[str, Any]:
    """``stated``/``guessed``: articles per gender (female, male, unknown) from the text / from first names.

    Returns ``{"gender", "source" ("text" | "first_name" | None), "female", "male"}`` (the article votes).
    """
    female, male = int(stated.get("female", 0)), int(stated.get("male", 0))
    if female or male:
        return {"gender": _decide(female, male), "source": "text", "female": female, "male": male}
    guessed = guessed or {}
    gf, gm = int(guessed.get("female", 0)), int(guessed.get("male", 0))
    gender = _decide(gf, gm)
    return {"gender": gender, "source": "first_name" if gender != "unknown" else None, "female": 0, "male": 0}
