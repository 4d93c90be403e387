"""The gender count of `python -m whosaid.eval.gender`: the unknown share is over individual people; groups of
people (no gender of their own) are counted apart."""

from __future__ import annotations

import pytest

from whosaid.eval.gender import gender_line


def _p(gender: str, plural: bool = False, source: str | None = None) -> dict:
    return {"gender": gender, "plural": plural, "source": source}


@pytest.mark.parametrize(
    "people, expected",
    [
        (
            [_p("female", source="honorific"), _p("male", source="pronoun"), _p("unknown"), _p("unknown", True)],
            "3 people and 1 groups of people; female 1, male 1, unknown 1 (33.3% of the people)",
        ),
        (
            [_p("unknown", True), _p("unknown", True)],
            "0 people and 2 groups of people; female 0, male 0, unknown 0 (0.0%",
        ),
        ([], "0 people and 0 groups of people"),
        ([_p("unknown"), _p("unknown")], "2 people and 0 groups of people; female 0, male 0, unknown 2 (100.0%"),
    ],
)
def test_gender_line_counts_groups_apart(people, expected) -> None:
    assert gender_line(people).startswith(expected)


def test_gender_line_names_the_evidence_of_individuals_only() -> None:
    line = gender_line([_p("male", source="pronoun"), _p("female", source="noun"), _p("unknown", True)])
    assert line.endswith("evidence {'pronoun': 1, 'noun': 1}")
