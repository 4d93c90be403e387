"""Person-name normalization and in-article linking (table-driven, with negative cases)."""

from __future__ import annotations

import pytest

from whosaid.model import Entity, Span
from whosaid.store.names import best_display_name, is_alias, link_people, person_key, person_slug


@pytest.mark.parametrize("a, b, same", [
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
])
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
