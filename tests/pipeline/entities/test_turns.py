"""Interview turns (issue 14 item 3): in a question-and-answer article, "I" in the answers and "you" in the
questions are the interviewee; articles that are no interview are left alone."""

from __future__ import annotations

import pytest
from coref_helpers import find, run_entities

from whosaid.pipeline.entities import EntityStage
from whosaid.pipeline.entities.turns import Turns, find_turns, interviewee

WIKINEWS = (
    "Biologist Jane Marsh tells Wikinews about self-medicating ants\n\n"
    "Jane Marsh, of the University of Helsinki, studies social insects. Marsh obtained her doctorate in 2010.\n\n"
    "What first attracted you to researching ants?\n\n"
    "I kept a lot of animals during my studies. I could look at them for hours.\n\n"
    "What methods did you use?\n\n"
    "I try to work on a very low budget, and I build most of the setups myself.\n\n"
    "Image: Tom Reed.\n\n"
    "What comes next for your team?\n\n"
    "We will test other species. I hope to finish by May."
)
LABELLED = (
    "Q&A with Senator Ron Field\n\n"
    "Senator Ron Field spoke to reporters on Thursday.\n\n"
    "Q: You have been talking about jobs. Why now?\n\n"
    "A: Because I think people are worried. My state lost a plant.\n\n"
    "Q: Have you talked to the governor?\n\n"
    "A: Not yet, I will."
)
OP_ED = (
    "Why the tax plan fails\n\n"
    "Senator Ron Field wants lower taxes. Does that add up?\n\n"
    "I doubt it. I have read the plan twice and I see no way to pay for it.\n\n"
    "Who pays in the end?\n\n"
    "I think the answer is the middle class."
)
TWO_PEOPLE = (
    "Wikinews interviews Mario Lucero and Isabel Ruiz of Heaven Sent Gaming\n\n"
    "What is Heaven Sent Gaming?\n\n"
    "It is basically me and Isabel, I'm Mario.\n\n"
    "How did you two meet?\n\n"
    "I met her in high school."
)


@pytest.fixture(scope="module")
def stage() -> EntityStage:
    return EntityStage()


def _owner(state, text: str, phrase: str, occurrence: int = 0) -> str | None:
    s, e = find(text, phrase, occurrence)
    ent = state.entity_at(s, e)
    return ent.name if ent else None


@pytest.mark.parametrize("text,turns", [(WIKINEWS, True), (LABELLED, True), (OP_ED, False), ("No questions.", False)])
def test_find_turns(text: str, turns: bool) -> None:
    found = find_turns(text, [])
    assert (found is not None) is turns
    if found is not None:
        assert found.kind_at(text.index("What methods" if text is WIKINEWS else "Q: Have")) == "question"
        assert found.kind_at(text.rindex("I ")) == "answer"


def test_quoted_question_marks_make_no_question() -> None:
    text = (
        'Mayor talks budget\n\n"Can we pay for it?" the mayor asked.\n\n"I think so," she said.\n\n'
        '"Will you vote for it?" a resident asked.\n\nI was there and I saw it.'
    )
    quotes = [(m, text.index('"', m + 1) + 1) for m in [i for i, c in enumerate(text) if c == '"'][::2]]
    assert find_turns(text, quotes) is None


@pytest.mark.parametrize("pronoun,occurrence", [("I", 0), ("my", 0), ("I", 3), ("myself", 0), ("you", 0), ("your", 0)])
def test_interviewee_takes_first_and_second_person(nlp, stage, pronoun: str, occurrence: int) -> None:
    state = run_entities(nlp, stage, WIKINEWS)
    assert _owner(state, WIKINEWS, pronoun, occurrence) == "Jane Marsh"


def test_labelled_turns(nlp, stage) -> None:
    state = run_entities(nlp, stage, LABELLED)
    assert _owner(state, LABELLED, "You") == _owner(state, LABELLED, "I") == "Ron Field"
    assert _owner(state, LABELLED, "people") is None


@pytest.mark.parametrize(
    "text,pronoun",
    [
        (WIKINEWS, "We"),  # plural: the team, not the interviewee
        (OP_ED, "I"),  # the author of an op-ed
        (TWO_PEOPLE, "I"),  # two interviewees: who answers is not known
    ],
)
def test_other_first_person_stays_unresolved(nlp, stage, text: str, pronoun: str) -> None:
    state = run_entities(nlp, stage, text)
    assert _owner(state, text, pronoun) is None


def test_interviewee_selection() -> None:
    text = "A talk with Ann Lee\n\nAnn Lee and Bo Chan met in 2001. Image: Bo Chan.\n\nWhy?\n\nI do not know."
    t = Turns(intro=(0, text.index("Why?")), questions=(), answers=())
    head = text.index("Ann Lee")
    body_ann, body_bo = text.index("Ann Lee", head + 1), text.index("Bo Chan")
    credit = text.index("Bo Chan", body_bo + 1)
    names = [
        (head, head + 7, 1, False),
        (body_ann, body_ann + 7, 1, False),
        (body_bo, body_bo + 7, 2, False),
        (credit, credit + 7, 2, False),
    ]
    assert interviewee(t, text, names) == 1  # named in the headline
    assert interviewee(t, text, names[1:]) is None  # one each in the intro (the photo credit does not count)
    assert interviewee(t, text, [names[1], names[1], names[2]]) == 1
    assert interviewee(t, text, [(head, head + 7, 3, True)] + names[1:3]) is None  # a modifier names no one
