"""People's gender as the text states it (issue 14): hand-checked samples from GUM and PolNeAR dev, unit tables
for the evidence rules, the opt-in first-name fallback and the corpus rule.

The samples are references only (document id, offsets of the person's first mention, expected gender; no
text): ``python -m whosaid.eval.gender ../shared/data/gum/news.jsonl ../shared/data/gum/interview.jsonl
../shared/data/polnear/dev.jsonl --sample 50 --seed S``. Each person sampled with a stated gender was checked
by reading the article (2026-12-05); ``unknown`` is expected where the entity is no single person (a dateline
"NEWPORT NEWS", "Squawk Box", a group). ``TUNING_A`` (seed 14, 47/50 when drawn) and ``TUNING_B`` (seed 15,
45/50) drove fixes (one pronoun alone states no gender; only clusters that are people by more than their
pronouns get one; a title counts only before the name; a possessive prefers its clause's subject);
``FRESH`` (seed 16) was drawn and checked after the rules were final: 48/50 (the honest figure).
"""

from __future__ import annotations

import json
from collections import defaultdict

import pytest
from shared_data import shared_file

FRESH = [
    ("politico_2016-09-16_sanders-clinton-needs-to-get-awa", 393, 396, "male"),
    ("wash-post_2016-09-21_mixed-messages-on-trump-leave-pl", 18, 23, "male"),
    ("wash-post_2016-09-25_phone-video-is-first-public-look", 74, 79, "male"),
    ("nyt_2016-09-25_obama-says-african-american-muse", 3742, 3755, "female"),
    ("usa-today_2016-09-23_ready-for-trump-vs-clinton-his-p", 297, 307, "unknown"),
    ("nyt_2016-09-12_visa-program-up-for-renewal-amid", 2313, 2329, "male"),
    ("wash-post_2016-09-08_virginian-could-make-history-aga", 7285, 7306, "male"),
    ("GUM_news_clock", 1911, 1921, "male"),
    ("usa-today_2016-09-22_super-pac-haul-surges-past-b-sma", 858, 866, "female"),
    ("nyt_2016-09-19_old-hands-help-russia-navigate-u", 64, 74, "male"),
    ("nyt_2016-09-16_clinton-plan-for-taxes-is-expans", 3615, 3632, "male"),
    ("nyt_2016-09-12_visa-program-up-for-renewal-amid", 1438, 1450, "male"),
    ("GUM_news_defector", 593, 605, "male"),
    ("nyt_2016-09-28_what-mexico-could-do-when-up-aga", 2096, 2106, "male"),
    ("nyt_2016-09-28_what-mexico-could-do-when-up-aga", 4517, 4532, "male"),
    ("politico_2016-09-08_flynn-says-trump-absolutely-righ", 11, 16, "male"),
    ("breitbart_2016-10-02_washington-post-hit-piece-exploi", 586, 605, "female"),
    ("nyt_2016-09-30_keep-the-returns-trump-just-give", 2000, 2015, "male"),
    ("GUM_news_homeopathic", 95, 105, "male"),
    ("nyt_2016-09-08_obama-on-climate-change-the-tren", 13196, 13211, "male"),
    ("nyt_2016-09-19_obama-sees-personal-insult-if-bl", 3088, 3100, "female"),
    ("GUM_news_flag", 1361, 1384, "male"),
    ("breitbart_2016-10-03_the-latest-trump-s-leaked-taxes-", 2546, 2558, "male"),
    ("GUM_news_homeopathic", 1211, 1231, "male"),
    ("wash-post_2016-09-16_burma-leader-s-visit-to-washingt", 2885, 2925, "male"),
    ("wash-post_2016-09-14_a-lesson-from-loretta-lynch-be-t", 14, 27, "female"),
    ("nyt_2016-09-12_visa-program-up-for-renewal-amid", 1455, 1470, "male"),
    ("usa-today_2016-09-23_trump-questions-the-fairness-of-", 1125, 1135, "male"),
    ("GUM_interview_licen", 29, 40, "male"),
    ("politico_2016-09-12_former-dnc-chairman-calls-for-cl", 4897, 4932, "female"),
    ("wash-post_2016-09-26_ah-friends-once-more-ted-cruz-en", 41, 46, "male"),
    ("usa-today_2016-09-23_trump-questions-the-fairness-of-", 1311, 1329, "female"),
    ("west-journal_2016-09-15_retired-general-reveals-demorali", 67, 72, "male"),
    ("huff-post_2016-09-20_hillary-clinton-speaks-directly-", 0, 15, "female"),
    ("west-journal_2016-10-04_railing-against-trump-sanders-vo", 143, 163, "male"),
    ("nyt_2016-09-28_what-mexico-could-do-when-up-aga", 37, 42, "male"),
    ("GUM_news_taxes", 2154, 2168, "male"),
    ("nyt_2016-09-25_obama-says-african-american-muse", 3601, 3631, "male"),
    ("GUM_interview_libertarian", 795, 826, "male"),
    ("GUM_news_clock", 2211, 2223, "female"),
    ("west-journal_2016-09-21_chris-christie-calls-hillary-cli", 21, 36, "female"),
    ("politico_2016-09-23_partisan-fireworks-over-clinton-", 3687, 3699, "male"),
    ("nyt_2016-09-16_clinton-plan-for-taxes-is-expans", 1742, 1753, "male"),
    ("wash-post_2016-09-25_phone-video-is-first-public-look", 5501, 5512, "male"),
    ("breitbart_2016-10-03_the-latest-trump-s-leaked-taxes-", 3911, 3957, "male"),
    ("nyt_2016-09-28_what-mexico-could-do-when-up-aga", 6090, 6099, "male"),
    ("nyt_2016-10-02_a-curious-plan-to-fight-climate-", 74, 84, "male"),
    ("wash-post_2016-09-16_burma-leader-s-visit-to-washingt", 756, 763, "female"),
    ("wash-post_2016-09-10_outrage-but-few-options-on-the-t", 2767, 2799, "male"),
    ("GUM_interview_cocktail", 863, 893, "male"),
]

TUNING_B = [
    ("nyt_2016-09-08_obama-on-climate-change-the-tren", 5406, 5429, "male"),
    ("GUM_news_defector", 593, 605, "male"),
    ("west-journal_2016-09-12_obama-seeks-more-muslim-refugees", 0, 5, "male"),
    ("GUM_news_iodine", 2417, 2423, "unknown"),
    ("breitbart_2016-10-03_the-latest-trump-s-leaked-taxes-", 5581, 5593, "female"),
    ("nyt_2016-09-16_clinton-plan-for-taxes-is-expans", 5088, 5089, "male"),
    ("GUM_news_expo", 3956, 3970, "female"),
    ("GUM_interview_chomsky", 53, 65, "male"),
    ("breitbart_2016-10-03_the-latest-trump-s-leaked-taxes-", 155, 170, "female"),
    ("politico_2016-09-22_house-panel-votes-to-hold-clinto", 44, 58, "male"),
    ("breitbart_2016-09-26_green-party-candidate-jill-stein", 849, 865, "female"),
    ("politico_2016-09-08_flynn-says-trump-absolutely-righ", 11, 16, "male"),
    ("wash-post_2016-09-14_a-lesson-from-loretta-lynch-be-t", 14, 27, "female"),
    ("politico_2016-09-15_trump-s-favorite-tv-doctor-has-a", 56, 65, "male"),
    ("nyt_2016-09-24_small-steps-toward-college-savin", 1096, 1110, "male"),
    ("politico_2016-10-04_trump-not-walking-the-walk-on-hi", 3551, 3566, "female"),
    ("nyt_2016-09-19_old-hands-help-russia-navigate-u", 64, 74, "male"),
    ("politico_2016-09-12_former-dnc-chairman-calls-for-cl", 2291, 2315, "female"),
    ("nyt_2016-09-16_clinton-plan-for-taxes-is-expans", 130, 145, "female"),
    ("nyt_2016-09-08_obama-on-climate-change-the-tren", 0, 5, "male"),
    ("politico_2016-09-15_trump-s-favorite-tv-doctor-has-a", 0, 5, "male"),
    ("nyt_2016-09-30_keep-the-returns-trump-just-give", 2000, 2015, "male"),
    ("nyt_2016-09-12_visa-program-up-for-renewal-amid", 1455, 1470, "male"),
    ("nyt_2016-09-28_what-mexico-could-do-when-up-aga", 4517, 4532, "male"),
    ("wash-post_2016-09-26_ah-friends-once-more-ted-cruz-en", 1790, 1802, "female"),
    ("usa-today_2016-09-23_ready-for-trump-vs-clinton-his-p", 297, 307, "unknown"),
    ("nyt_2016-09-16_clinton-plan-for-taxes-is-expans", 575, 590, "male"),
    ("west-journal_2016-10-05_pence-gives-gop-a-boost-with-sol", 51, 56, "male"),
    ("wash-post_2016-09-08_virginian-could-make-history-aga", 7285, 7306, "male"),
    ("usa-today_2016-09-23_ready-for-trump-vs-clinton-his-p", 20, 27, "female"),
    ("wash-post_2016-09-25_phone-video-is-first-public-look", 36, 45, "unknown"),
    ("GUM_interview_libertarian", 20, 33, "male"),
    ("wash-post_2016-09-10_outrage-but-few-options-on-the-t", 2293, 2310, "male"),
    ("west-journal_2016-09-29_gold-star-mom-corners-obama-on-h", 0, 27, "male"),
    ("politico_2016-09-15_trump-s-favorite-tv-doctor-has-a", 4145, 4157, "male"),
    ("wash-post_2016-09-08_virginian-could-make-history-aga", 38, 50, "unknown"),
    ("west-journal_2016-09-30_new-poll-shows-minor-post-debate", 42, 49, "female"),
    ("nyt_2016-09-30_keep-the-returns-trump-just-give", 2399, 2412, "male"),
    ("wash-post_2016-09-08_virginian-could-make-history-aga", 2486, 2501, "female"),
    ("usa-today_2016-09-08_with-two-months-to-go-trump-stil", 834, 854, "male"),
    ("GUM_interview_cocktail", 863, 893, "male"),
    ("wash-post_2016-09-25_phone-video-is-first-public-look", 74, 79, "male"),
    ("GUM_news_flag", 702, 724, "male"),
    ("huff-post_2016-09-27_latinos-share-their-most-honest-", 258, 267, "male"),
    ("breitbart_2016-10-02_washington-post-hit-piece-exploi", 171, 176, "male"),
    ("west-journal_2016-09-21_chris-christie-calls-hillary-cli", 374, 379, "unknown"),
    ("huff-post_2016-09-20_hillary-clinton-speaks-directly-", 0, 15, "female"),
    ("nyt_2016-09-25_obama-says-african-american-muse", 3601, 3631, "male"),
    ("west-journal_2016-09-21_chris-christie-calls-hillary-cli", 0, 14, "male"),
    ("wash-post_2016-09-25_phone-video-is-first-public-look", 2247, 2270, "male"),
]

TUNING_A = [
    ("GUM_interview_chomsky", 3655, 3666, "male"),
    ("wash-post_2016-09-08_virginian-could-make-history-aga", 38, 50, "unknown"),
    ("wash-post_2016-09-25_phone-video-is-first-public-look", 4634, 4681, "female"),
    ("west-journal_2016-09-23_clinton-breaks-with-obama-on-law", 20, 25, "male"),
    ("wash-post_2016-09-14_a-lesson-from-loretta-lynch-be-t", 2490, 2502, "male"),
    ("politico_2016-09-28_axelrod-calls-on-dean-to-apologi", 50, 55, "male"),
    ("huff-post_2016-09-10_trump-s-east-european-achilles-h", 4687, 4700, "male"),
    ("huff-post_2016-09-22_trump-the-dealmaker-could-addres", 72, 116, "male"),
    ("west-journal_2016-09-15_retired-general-reveals-demorali", 67, 72, "male"),
    ("huff-post_2016-09-20_elizabeth-warren-hammers-wells-f", 0, 16, "female"),
    ("huff-post_2016-09-27_latinos-share-their-most-honest-", 258, 267, "male"),
    ("west-journal_2016-09-14_clinton-hid-past-health-problems", 221, 239, "female"),
    ("GUM_news_sensitive", 2751, 2765, "male"),
    ("wash-post_2016-09-16_burma-leader-s-visit-to-washingt", 756, 763, "female"),
    ("nyt_2016-10-02_a-curious-plan-to-fight-climate-", 10575, 10591, "male"),
    ("huff-post_2016-10-07_ava-duvernay-s-th-explores-the-e", 4332, 4346, "male"),
    ("politico_2016-09-08_flynn-says-trump-absolutely-righ", 11, 16, "male"),
    ("wash-post_2016-09-21_mixed-messages-on-trump-leave-pl", 841, 853, "female"),
    ("nyt_2016-09-24_small-steps-toward-college-savin", 1096, 1110, "male"),
    ("nyt_2016-09-24_small-steps-toward-college-savin", 431, 446, "female"),
    ("west-journal_2016-09-28_clinton-campaign-reportedly-scra", 220, 235, "female"),
    ("GUM_interview_dungeon", 4281, 4293, "male"),
    ("huff-post_2016-09-20_hillary-clinton-speaks-directly-", 0, 15, "female"),
    ("breitbart_2016-10-03_the-latest-trump-s-leaked-taxes-", 155, 170, "female"),
    ("nyt_2016-09-08_obama-on-climate-change-the-tren", 8669, 8679, "male"),
    ("nyt_2016-09-19_obama-sees-personal-insult-if-bl", 458, 475, "unknown"),
    ("west-journal_2016-10-05_pence-gives-gop-a-boost-with-sol", 51, 56, "male"),
    ("huff-post_2016-09-20_elizabeth-warren-hammers-wells-f", 4950, 4986, "female"),
    ("nyt_2016-09-19_obama-sees-personal-insult-if-bl", 1561, 1574, "female"),
    ("west-journal_2016-10-04_railing-against-trump-sanders-vo", 16, 21, "male"),
    ("wash-post_2016-09-08_virginian-could-make-history-aga", 4456, 4478, "male"),
    ("politico_2016-09-23_partisan-fireworks-over-clinton-", 3687, 3699, "male"),
    ("GUM_interview_messina", 1557, 1569, "male"),
    ("GUM_interview_shalev", 5632, 5639, "male"),
    ("usa-today_2016-09-08_laws-don-t-apply-equially-to-cli", 29, 36, "female"),
    ("wash-post_2016-09-16_burma-leader-s-visit-to-washingt", 2885, 2925, "male"),
    ("wash-post_2016-09-16_burma-leader-s-visit-to-washingt", 2798, 2832, "female"),
    ("huff-post_2016-09-26_one-tweet-sums-up-the-absurd-dou", 70, 85, "female"),
    ("GUM_interview_stardust", 3715, 3729, "male"),
    ("GUM_news_clock", 1911, 1921, "male"),
    ("GUM_news_sensitive", 1709, 1727, "female"),
    ("GUM_interview_gaming", 40, 66, "female"),
    ("usa-today_2016-09-23_trump-questions-the-fairness-of-", 1125, 1135, "male"),
    ("nyt_2016-09-16_clinton-plan-for-taxes-is-expans", 130, 145, "female"),
    ("GUM_news_election", 4026, 4036, "male"),
    ("GUM_news_taxes", 2154, 2168, "male"),
    ("breitbart_2016-09-30_the-latest-trump-urges-supporter", 4192, 4227, "female"),
    ("nyt_2016-09-19_old-hands-help-russia-navigate-u", 1303, 1318, "male"),
    ("nyt_2016-09-25_obama-says-african-american-muse", 3601, 3631, "male"),
    ("usa-today_2016-09-22_super-pac-haul-surges-past-b-sma", 2072, 2111, "male"),
]


def _genders(pipeline, tables):
    from whosaid.model import Article

    want = defaultdict(list)
    for table in tables:
        for case in table:
            want[case[0]].append(case)
    got = {}
    for rel in ("gum/news.jsonl", "gum/interview.jsonl", "polnear/dev.jsonl"):
        with open(shared_file(rel), encoding="utf-8") as fh:
            rows = [json.loads(line) for line in fh if line.strip()]
        arts = [
            Article(id=r["id"], text=r["text"], date=Article.parse_date(r.get("date"))) for r in rows if r["id"] in want
        ]
        for analysis in pipeline.pipe(arts):
            for aid, start, end, _ in want[analysis.article.id]:
                ent = next((e for e in analysis.entities for m in e.mentions if (m.start, m.end) == (start, end)), None)
                got[(aid, start, end)] = (ent.gender or "unknown") if ent is not None else "unknown"
    return got


@pytest.fixture(scope="module")
def sampled(hybrid_pipeline):
    return _genders(hybrid_pipeline, [FRESH, TUNING_A, TUNING_B])


def _score(name, sampled):
    table = globals()[name]
    assert len(table) == 50 and len({c[:3] for c in table}) == 50
    right = [c for c in table if sampled[c[:3]] == c[3]]
    stated_wrong = [(c, sampled[c[:3]]) for c in table if sampled[c[:3]] not in (c[3], "unknown")]
    return len(right), stated_wrong


@pytest.mark.slow
def test_fresh_hand_checked_sample_is_48_of_50_right(sampled) -> None:
    right, wrong = _score("FRESH", sampled)
    assert right >= 48, f"{right}/50 right; stated wrong (case, got): {wrong}"


@pytest.mark.slow
@pytest.mark.parametrize("name,most_wrong", [("TUNING_A", 1), ("TUNING_B", 4)])
def test_tuning_samples_state_few_wrong_genders(sampled, name: str, most_wrong: int) -> None:
    """The tuning samples were drawn under earlier rules: a person they list may now be ``unknown`` (the rules
    state fewer genders); what must not grow is the number of wrong genders stated."""
    _, wrong = _score(name, sampled)
    assert len(wrong) <= most_wrong, f"stated wrong (case, got): {wrong}"


# ------------------------------------------------------------------------------------- the rules, by table
@pytest.fixture(scope="module")
def stage():
    from whosaid.pipeline.entities import EntityStage

    return EntityStage()


@pytest.mark.parametrize(
    "text,name,gender,evidence,source",
    [
        ("Mrs. Lopez met the board. Lopez said the plan works.", "Lopez", "female", "Mrs.", "honorific"),
        ("Valeska Paris, an Australian woman, said the church held her.", "Valeska Paris", "female", "woman", "noun"),
        (
            "Jared Kushner spoke. Ivanka Trump and her husband, Jared Kushner, left.",
            "Jared Kushner",
            "male",
            "husband",
            "noun",
        ),
        (
            "Alex Morgan spoke on Monday. She said the team would win, and she thanked the fans.",
            "Alex Morgan",
            "female",
            "She",
            "pronoun",
        ),
        # one pronoun alone states nothing (a single resolution may be wrong)
        ("Alex Morgan spoke on Monday. She said the team would win.", "Alex Morgan", "unknown", None, None),
        # a surname that is a title word is no honorific; the given name is no evidence either
        ("Larry King spoke on Monday about the show.", "Larry King", "unknown", None, None),
        # conflicting evidence below two thirds: unknown
        ("Sam Reed spoke. He said the vote was close, and she said it was not.", "Sam Reed", "unknown", None, None),
    ],
)
def test_stated_gender(nlp, stage, text, name, gender, evidence, source) -> None:
    from coref_helpers import run_entities

    from whosaid.pipeline.core import freeze

    state = run_entities(nlp, stage, text)
    ent = next(e for e in freeze(state).entities if e.name == name)
    assert ent.gender == gender
    assert (ent.gender_evidence.text if ent.gender_evidence else None) == evidence
    assert ent.gender_source == source
    if ent.gender_evidence:
        assert text[ent.gender_evidence.start : ent.gender_evidence.end] == evidence


def test_groups_and_places_have_no_gender(nlp, stage) -> None:
    from coref_helpers import run_entities

    text = "The Trumps arrived late. They said they were tired. Ms. Lee said the Democrats were ready."
    state = run_entities(nlp, stage, text)
    genders = {e.name: e.stated_gender for e in state.entities}
    assert genders.get("Trumps") == "unknown" and genders.get("Lee") == "female"
    assert all(e.stated_gender is None for e in state.entities if e.type != "PERSON")


def test_first_name_fallback_is_opt_in_and_labelled(nlp) -> None:
    from coref_helpers import run_entities

    from whosaid.pipeline.core import freeze
    from whosaid.pipeline.entities import EntityStage

    text = "Hillary Rodham said the plan works."
    off = {e.name: e for e in freeze(run_entities(nlp, EntityStage(), text)).entities}
    on = {e.name: e for e in freeze(run_entities(nlp, EntityStage(gender_fallback=True), text)).entities}
    assert off["Hillary Rodham"].gender == "unknown" and off["Hillary Rodham"].gender_source is None
    guessed = on["Hillary Rodham"]
    assert (guessed.gender, guessed.gender_source, guessed.gender_evidence.text) == ("female", "first_name", "Hillary")
    # the text wins over the dictionary
    text = "Mr. Robin Hale spoke. Hale said the plan works."
    on = {e.name: e for e in freeze(run_entities(nlp, EntityStage(gender_fallback=True), text)).entities}
    assert (on["Robin Hale"].gender, on["Robin Hale"].gender_source) == ("male", "honorific")


@pytest.mark.parametrize("value,expected", [("1", True), ("true", True), ("off", False), ("No", False)])
def test_gender_fallback_setting(value, expected) -> None:
    from whosaid.options import Options

    assert Options.load(environ={"WHOSAID_GENDER_FALLBACK": value}, config=None).gender_fallback is expected


def test_gender_fallback_setting_rejects_other_values(tmp_path) -> None:
    from whosaid.errors import ConfigError
    from whosaid.options import Options

    with pytest.raises(ConfigError, match="needs true or false"):
        Options.load(environ={"WHOSAID_GENDER_FALLBACK": "maybe"})


@pytest.mark.parametrize(
    "text, name, plural",
    [
        ("Sunni Muslims said the law was unfair. Ms. Lee said it was fair.", "Sunni Muslims", True),
        ("The Trumps arrived late. They said they were tired.", "Trumps", True),
        ("Ms. Lee said the law was fair. She left early.", "Lee", False),
        ("Mark Jones said the plan works. Jones left.", "Mark Jones", False),
    ],
)
def test_groups_of_people_are_marked_plural_in_the_output(hybrid_pipeline, text, name, plural) -> None:
    """A group of people is a PERSON entity with ``plural`` (and no gender); one person has no such field."""
    from whosaid.model import Article, Entity

    (analysis,) = hybrid_pipeline.pipe([Article(id="t", text=text)])
    ent = next(e for e in analysis.entities if e.name == name)
    assert ent.type == "PERSON" and ent.plural is plural
    assert ("plural" in ent.to_dict()) is plural
    assert Entity.from_dict(ent.to_dict()) == ent
    if plural:
        assert ent.gender in (None, "unknown") and ent.gender_evidence is None
