"""Source types of unnamed groups and relative pronouns (speakers.SpeakerStage), in the default (hybrid) mode:
"economists said" and '"...," one said' are unnamed (anonymous) sources; "Bryson, which said" is Bryson."""

from __future__ import annotations

import pytest

from whosaid.model import Article

CASES = [
    # (text, the source of the statement, source type, speaker or description)
    ("Economists said the rate cut would help exports in the second half.", "Economists", "anonymous", "Economists"),
    ("Dealers said the dollar fell against the yen in quiet trading.", "Dealers", "anonymous", "Dealers"),
    (
        'Coffee delegates met in London on Monday. "Anything is possible at this stage," one said.',
        "one",
        "anonymous",
        "one",
    ),
    (
        "Bryson Oil and Gas Plc, which said it has retained advisers, bought five pct of Cynergy.",
        "which",
        "organization",
        "Bryson Oil and Gas Plc",
    ),
    (
        "The bill was backed by Senator John Smith of Ohio, who said it would pass in May.",
        "who",
        "person",
        "John Smith",
    ),
    (
        "A federal judge said the order would stand until a hearing in May.",
        "A federal judge",
        "anonymous",
        "A federal judge",
    ),
    ("Demonstrators said the police had blocked the bridge for hours.", "Demonstrators", "anonymous", "Demonstrators"),
    # a name beside the noun makes it named
    (
        "Jennifer McClellan, a corporate attorney, said the bill would pass in May.",
        "Jennifer McClellan, a corporate attorney",
        "person",
        "Jennifer McClellan",
    ),
    # the voice of an organisation stays typed as the organisation
    (
        "Grain trade representatives said the embargo would cut exports.",
        "Grain trade representatives",
        "organization",
        "Grain trade representatives",
    ),
    # a person described but not named keeps the description; typed "unknown", not counted as a named source
    (
        "The chairman of Exxon said profits would rise in the second half.",
        "The chairman of Exxon",
        "unknown",
        "The chairman of Exxon",
    ),
    # Reuters capitalises the noun after "U.S.": still unnamed officials, not the United States or a name
    ("U.S. Officials said the talks on grain would resume in May.", "U.S. Officials", "anonymous", "U.S. Officials"),
    ("Arbitrageurs said the bid was too low for the holders.", "Arbitrageurs", "anonymous", "Arbitrageurs"),
    # negative: people named before are no unnamed source
    (
        "Hillary Clinton and Donald Trump met in St. Louis. Both candidates said they would debate again.",
        "Both candidates",
        None,
        None,
    ),
    ("John Smith was charged on Monday. His lawyers said he was innocent.", "His lawyers", None, None),
]


@pytest.mark.parametrize(("text", "source", "source_type", "who"), CASES)
def test_source_types(hybrid_pipeline, text, source, source_type, who):
    result = hybrid_pipeline.analyze(Article(id="t", text=text))
    mine = [a for a in result.attributions if a.source is not None and a.source.text == source]
    assert mine, [(a.source.text if a.source else None, a.content.text) for a in result.attributions]
    for att in mine:
        if source_type is None:
            assert att.source_type != "anonymous", att
            continue
        assert att.source_type == source_type, att
        assert (att.speaker or att.source_description) == who, att
        if source_type == "anonymous":
            assert att.speaker is None and att.speaker_id is None


def test_a_capitalised_plural_ending_a_name_is_no_unnamed_group(hybrid_pipeline):
    """ "The Association of International Bond Dealers" (broken over two lines in Reuters) is an organisation."""
    text = "The Association of International Bond\nDealers, AIBD, said the market was calm."
    result = hybrid_pipeline.analyze(Article(id="t", text=text))
    (att,) = [a for a in result.attributions if a.source is not None and "Association" in a.source.text]
    assert att.source_type == "organization", att


DESCRIBED = [
    # (text, source, source type, speaker): a name inside a description is not who spoke ...
    (
        "Ministers met in Doha. The meeting in Qatar had reaffirmed the pricing accord.",
        "The meeting in Qatar",
        "unknown",
        None,
    ),
    (
        "Donald Trump spoke in Ohio on Monday. The Trump campaign said it raised $100 million in August.",
        "The Trump campaign",
        "organization",
        None,
    ),
    (
        "The company, whose stock has traded on the American Stock Exchange since 1984, said it will keep its symbol.",
        "The company, whose stock has traded on the American Stock Exchange since 1984",
        "organization",
        None,
    ),
    # ... unless it names the body the noun is, or wrote the document
    (
        "A BankAmerica spokesman said the loan had been repaid in full.",
        "A BankAmerica spokesman",
        "organization",
        "BankAmerica",
    ),
    ("A Bloomberg poll said Clinton led by four points in Ohio.", "A Bloomberg poll", "document", "Bloomberg"),
    (
        "Donald Trump campaigned in Ohio. Donald Trump’s tweet said the debate was rigged.",
        "Donald Trump’s tweet",
        "social_media",
        "Donald Trump",
    ),
    (
        "A 2014 study by Loyola Law School professor Justin Levitt found 31 cases of fraud.",
        "A 2014 study by Loyola Law School professor Justin Levitt",
        "document",
        "Justin Levitt",
    ),
    (
        "A 46-page analysis released by the Department of Veterans Affairs said 20 veterans die each day.",
        "A 46-page analysis released by the Department of Veterans Affairs",
        "document",
        "Department of Veterans Affairs",
    ),
    # the platform a post appeared on is not its author
    (
        "Facebook removed the page on Monday. A Facebook post said the rally was cancelled.",
        "A Facebook post",
        "document",
        None,
    ),
    # several people: no one of them is the speaker
    (
        "Presidential candidates Hillary Clinton and Donald Trump said they would debate again.",
        "Presidential candidates Hillary Clinton and Donald Trump",
        "unknown",
        None,
    ),
]


@pytest.mark.parametrize(("text", "source", "source_type", "speaker"), DESCRIBED)
def test_names_inside_descriptions(hybrid_pipeline, text, source, source_type, speaker):
    result = hybrid_pipeline.analyze(Article(id="t", text=text))
    mine = [a for a in result.attributions if a.source is not None and a.source.text == source]
    assert mine, [(a.source.text if a.source else None, a.content.text) for a in result.attributions]
    assert {(a.source_type, a.speaker) for a in mine} == {(source_type, speaker)}
    if speaker is None or source_type in ("document", "social_media"):
        assert {a.source_description for a in mine} == {source}
