"""A person's gender across the corpus, from the genders their articles state (``entities.gender``).

Rule: every stored article, duplicates left out, that states a gender for the person (an honorific, a gendered
noun or coreferent pronouns: ``gender_source`` other than ``first_name``) is one vote. The person is female or
male when at least ``GENDER_AGREEMENT`` (two thirds) of those votes agree, and ``unknown`` when the articles
disagree more than that or none states a gender. Genders from the opt-in first-name dictionary count only for
a person no article states a gender for, and then ``gender_source`` is ``first_name`` (else ``text``, or NULL
when unknown) so that a count can leave them out.
"""

from __future__ import annotations

from ..model import GENDER_AGREEMENT

__all__ = ["PERSON_GENDER_SQL"]


def _decide(female: str, male: str) -> str:
    return (
        f"CASE WHEN {female} + {male} > 0 AND {female} >= {GENDER_AGREEMENT} * ({female} + {male}) THEN 'female'"
        f" WHEN {female} + {male} > 0 AND {male} >= {GENDER_AGREEMENT} * ({female} + {male}) THEN 'male'"
        " ELSE 'unknown' END"
    )


def _articles(gender: str, guessed: bool) -> str:
    source = "= 'first_name'" if guessed else "IS NOT 'first_name'"
    return f"count(DISTINCT CASE WHEN e.gender = '{gender}' AND e.gender_source {source} THEN e.article_id END)"


# One row per corpus person: person_id, gender, gender_source (text | first_name | NULL), and the article votes
# female / male stated by the text.
PERSON_GENDER_SQL = (
    "SELECT person_id, CASE WHEN female + male > 0 THEN "
    + _decide("female", "male")
    + " ELSE "
    + _decide("g_female", "g_male")
    + " END AS gender,"
    " CASE WHEN female + male > 0 THEN 'text' WHEN (" + _decide("g_female", "g_male") + ") != 'unknown'"
    " THEN 'first_name' END AS gender_source, female, male"
    " FROM (SELECT e.person_id, "
    + _articles("female", False)
    + " AS female, "
    + _articles("male", False)
    + " AS male, "
    + _articles("female", True)
    + " AS g_female, "
    + _articles("male", True)
    + " AS g_male"
    " FROM entities e JOIN articles ar ON ar.id = e.article_id"
    " WHERE e.person_id IS NOT NULL AND ar.duplicate_of IS NULL GROUP BY e.person_id)"
)
