"""Person-name normalization and in-article linking (table-driven, with negative cases)."""

from __future__ import annotations

import pytest

from whosaid.model import Entity, Span
from whosaid.store.names import (
    best_display_name,
    is_alias,
    link_people,
    name_alias,
    name_parts,
    person_key,
    person_slug,
    title_case_headline_end,
)


@pytest.mark.parametrize(
    "a, b, same",
    [
        ("Donald Trump", "donald trump", True),
        ("President Donald Trump", "Donald Trump", True),
        ("Donald J. Trump", "Donald Trump", True),
        ("Donald Trump's", "Donald Trump", True),
        ("Donald Trump’s", "Donald Trump", True),
        ("José Martí", "Jose Marti", True),
        ("Prime Minister Margaret Thatcher", "Margaret Thatcher", True),
        ("Donald Trump Jr.", "Donald Trump", False),
        ("Ivanka Trump", "Donald Trump", False),
        ("Trump", "Donald Trump", False),
        ("President", "Donald Trump", False),
    ],
)
def test_person_key(a, b, same):
    assert (person_key(a) == person_key(b)) is same


def test_title_alone_is_kept_and_slugs_are_url_safe():
    assert person_key("President") == "president"
    assert person_slug(person_key("Seán O’Brien")) == "sean-o-brien"
    assert person_slug("") == "person"


@pytest.mark.parametrize("text, ok", [("Smith", True), ("she", False), ("Her", False), ("smith", False), ("", False)])
def test_is_alias(text, ok):
    assert is_alias(text) is ok


def test_best_display_name_is_order_free():
    names = ["President Donald Trump", "DONALD TRUMP", "Donald J. Trump", "Donald Trump"]
    assert best_display_name(names) == best_display_name(reversed(names)) == "Donald Trump"


def _ent(eid: str, name: str, text: str, *mentions: str, etype: str = "PERSON") -> Entity:
    spans = tuple(Span.of(text, text.index(m), text.index(m) + len(m)) for m in mentions)
    return Entity(id=eid, name=name, type=etype, mentions=spans)


def test_link_people_ties_surname_only_to_a_unique_full_name():
    text = "Jane Smith met Bob Jones. Smith spoke. Acme Corp said Jones left. Ann Jones too."
    ents = [
        _ent("e1", "Jane Smith", text, "Jane Smith"),
        _ent("e2", "Bob Jones", text, "Bob Jones"),
        _ent("e3", "Smith", text, "Smith spoke"[:5]),
        _ent("e4", "Jones", text, "Jones left"[:5]),
        _ent("e5", "Ann Jones", text, "Ann Jones"),
        _ent("e6", "Acme Corp", text, "Acme Corp", etype="ORG"),
    ]
    links = link_people(ents)
    assert links["e1"].person_id == links["e3"].person_id == "jane-smith"
    assert links["e3"].confidence < links["e1"].confidence
    assert "e4" not in links  # two full names end in Jones: ambiguous, left unlinked
    assert "e6" not in links  # not a person
    assert links["e2"].person_id == "bob-jones" and links["e5"].person_id == "ann-jones"


def test_link_people_leaves_a_lone_surname_unlinked():
    text = "Smith said so."
    assert link_people([_ent("e1", "Smith", text, "Smith")]) == {}


# ------------------------------------------------------------------- issue 14: one identity per person
@pytest.mark.parametrize(
    "a, b, same",
    [
        ("Hillary Rodham Clinton", "Hillary Clinton", True),  # middle names do not matter (nameparser)
        ("Sen. Hillary Rodham Clinton", "Hillary Clinton", True),
        ("Bill Clinton", "Hillary Clinton", False),  # a shared surname is not an identity
        ("President Clinton", "Hillary Clinton", False),
        ("Martin Luther King Jr.", "Martin King", False),  # the suffix counts
        ("Ban Ki-moon", "Ban Ki-moon", True),
    ],
)
def test_person_key_uses_given_name_and_surname(a, b, same):
    assert (person_key(a) == person_key(b)) is same


@pytest.mark.parametrize("name", ["Bill and Hillary Clinton", "Smith & Jones", ""])
def test_names_of_two_people_or_none_are_no_person(name):
    assert name_parts(name) is None and person_key(name) == ""


@pytest.mark.parametrize(
    "text, name, alias",
    [
        ("President Trump", "Donald Trump", "President Trump"),
        ("Mr. Trump's", "Donald Trump", "Mr. Trump"),
        ("Donald J. Trump", "Donald Trump", "Donald J. Trump"),
        ("Hillary", "Hillary Clinton", "Hillary"),
        # descriptions and pronouns resolve mentions in their article but are never aliases
        ("The Democratic presidential nominee", "Donald Trump", None),
        ("The former President", "Donald Trump", None),
        ("Clinton's opponent", "Donald Trump", None),
        ("The most unqualified child", "Donald Trump", None),
        ("the Trump campaign", "Donald Trump", None),
        ("He", "Donald Trump", None),
        ("Secretary Clinton", "Donald Trump", None),  # no word of the person's name
    ],
)
def test_aliases_are_names_only(text, name, alias):
    assert name_alias(text, name) == alias


@pytest.mark.parametrize(
    "text, end",
    [
        ("Clinton Hid Past Health Problems From Voters\n\nHillary Clinton spoke.", 44),
        ("Clinton hid past health problems, doctor says\n\nHillary Clinton spoke.", 0),  # sentence case
        ("One Line Only Without Body", 0),
    ],
)
def test_title_case_headline_end(text, end):
    assert title_case_headline_end(text) == end


def test_surname_shared_by_two_people_in_one_article_links_to_neither():
    text = "Bill Clinton and Hillary Clinton spoke. Clinton said the race was close. Hillary smiled."
    ents = [
        _ent("e1", "Bill Clinton", text, "Bill Clinton"),
        _ent("e2", "Hillary Clinton", text, "Hillary Clinton"),
        _ent("e3", "Clinton", text, "Clinton said"[:7]),
        _ent("e4", "Hillary", text, "Hillary smiled"[:7]),
    ]
    links = link_people(ents)
    assert links["e1"].person_id == "bill-clinton" and links["e2"].person_id == "hillary-clinton"
    assert "e3" not in links  # ambiguous: unresolved rather than merged
    assert links["e4"].person_id == "hillary-clinton"  # the given name joins her


def test_headline_only_names_link_only_to_a_body_person():
    text = "Derelict Obama Fails Voters\n\nBarack Obama spoke. Clinton Hid Past Health"
    end = title_case_headline_end(text)
    ents = [_ent("e1", "Derelict Obama", text, "Derelict Obama"), _ent("e2", "Barack Obama", text, "Barack Obama")]
    assert set(link_people(ents, headline_end=end)) == {"e2"}
    ents.append(_ent("e3", "Barack Obama", text, "Obama Fails"[:5]))
    assert link_people(ents, headline_end=end)["e3"].person_id == "barack-obama"


def test_link_people_leaves_groups_of_people_out():
    """A group ("Sunni Muslims", "New Yorkers": ``Entity.plural``) is no corpus person, even with a two-word name."""
    text = "Sunni Muslims and New Yorkers met Jane Smith."
    group = Entity(id="e1", name="Sunni Muslims", type="PERSON", mentions=(Span.of(text, 0, 13),), plural=True)
    city = Entity(id="e2", name="New Yorkers", type="PERSON", mentions=(Span.of(text, 18, 29),), plural=True)
    links = link_people([group, city, _ent("e3", "Jane Smith", text, "Jane Smith")])
    assert set(links) == {"e3"}
    assert link_people([Entity(id="e1", name="Sunni Muslims", type="PERSON", mentions=group.mentions)])  # one person


@pytest.mark.parametrize(
    "name, ok",
    [
        ("Hillary Clinton", True),
        ("Vann R. Newkirk II", True),
        ("Jo-Renee Formicola", True),
        ("Bill O'Reilly", True),
        ("bin Laden", True),
        ("José Martí", True),
        ("Clinton Foundation", False),  # an organization word
        ("Tulsa Police Department", False),
        ("Congressional Black Caucus", False),
        ("Barack Obama Election Day", False),  # an event word: a mis-cut name is no person either
        ("before.@MaryJBlige", False),  # a social-media handle
        ("― Jacklyn Ashley", True),  # odd characters alone refuse nothing (stored text is shown escaped)
        ("Ann [i]Lee", True),
        ("", False),
    ],
)
def test_is_person_name(name, ok):
    from whosaid.store.names import is_person_name

    assert is_person_name(name) is ok


def test_link_people_leaves_out_persons_not_named_like_people():
    text = "Jane Smith of the Clinton Foundation spoke."
    org = Entity(id="e1", name="Clinton Foundation", type="PERSON", mentions=(Span.of(text, 18, 36),))
    links = link_people([org, _ent("e2", "Jane Smith", text, "Jane Smith")])
    assert set(links) == {"e2"}
