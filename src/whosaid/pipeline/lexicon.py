"""Word lists for entities, coreference and relations: pronouns, titles, person nouns, outlets, platforms.

Everything here is read-only data. The curated lists that users may extend live as text files under
``whosaid/resources/`` (outlets, platforms, places, GeoNames places, first names) and are read once into a frozen
:class:`Lexicon` that the entity stage keeps (no module-level cache, no global state).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources

from ..errors import ConfigError

__all__ = [
    "QUOTE_MARKS",
    "Lexicon",
    "load_lexicon",
    "PRONOUNS",
    "TITLES",
    "OFFICE_WORDS",
    "PERSON_NOUNS",
    "ANONYMOUS_NOUNS",
    "SPOKESPERSON_NOUNS",
    "DOCUMENT_NOUNS",
    "DEFINITE_DETERMINERS",
    "ORGANIZATION_NOUNS",
    "SOCIAL_MEDIA_VERBS",
    "FUTURE_VERBS",
    "KIN_RELATIONS",
    "KIN_NOUNS_EXTRA",
    "IMPERSONAL_VERBS",
    "SPEECH_VERBS",
    "CUE_CATEGORIES",
    "EVIDENCE_WORDS",
    "NOT_SAYING",
    "ANIMATE_VERBS",
    "OUTLET_WORDS",
    "ORG_WORDS",
    "INSTITUTION_WORDS",
    "LEGAL_FORMS",
    "EVENT_WORDS",
    "GOV_BODIES",
    "ORG_GOVERNORS",
    "ORG_OF_GOVERNORS",
    "ORG_VERBS",
]

# Quotation marks, straight and typographic (the tagger's span trimming and quote-kind tests).
QUOTE_MARKS = "\"'“”‘’«»„"

# pronoun -> (person, number, gender, case); gender "f" | "m" | "n" (neuter: it) | None (they, I, we, you);
# "you" counts as singular (the addressee of a question or a quote)
PRONOUNS: Mapping[str, tuple[int, str, str | None, str]] = {
    "he": (3, "sg", "m", "nom"), "him": (3, "sg", "m", "acc"), "his": (3, "sg", "m", "poss"),
    "himself": (3, "sg", "m", "refl"),
    "she": (3, "sg", "f", "nom"), "her": (3, "sg", "f", "acc"), "hers": (3, "sg", "f", "poss"),
    "herself": (3, "sg", "f", "refl"),
    "it": (3, "sg", "n", "nom"), "its": (3, "sg", "n", "poss"), "itself": (3, "sg", "n", "refl"),
    "they": (3, "pl", None, "nom"), "them": (3, "pl", None, "acc"), "their": (3, "pl", None, "poss"),
    "theirs": (3, "pl", None, "poss"), "themselves": (3, "pl", None, "refl"),
    "i": (1, "sg", None, "nom"), "me": (1, "sg", None, "acc"), "my": (1, "sg", None, "poss"),
    "mine": (1, "sg", None, "poss"), "myself": (1, "sg", None, "refl"),
    "we": (1, "pl", None, "nom"), "us": (1, "pl", None, "acc"), "our": (1, "pl", None, "poss"),
    "ours": (1, "pl", None, "poss"), "ourselves": (1, "pl", None, "refl"),
    "you": (2, "sg", None, "nom"), "your": (2, "sg", None, "poss"), "yours": (2, "sg", None, "poss"),
    "yourself": (2, "sg", None, "refl"), "yourselves": (2, "pl", None, "refl"),
}

# title (lower, without a final dot) -> (normalized role, gender or None)
TITLES: Mapping[str, tuple[str, str | None]] = {
    "mr": ("mr", "m"), "mrs": ("mrs", "f"), "ms": ("ms", "f"), "miss": ("miss", "f"), "dr": ("doctor", None),
    "sir": ("sir", "m"), "dame": ("dame", "f"), "lady": ("lady", "f"), "lord": ("lord", "m"),
    "president": ("president", None), "pres": ("president", None), "vice": ("vice", None),
    "senator": ("senator", None), "sen": ("senator", None), "sens": ("senator", None),
    "representative": ("representative", None), "rep": ("representative", None),
    "congressman": ("congressman", "m"), "congresswoman": ("congresswoman", "f"),
    "governor": ("governor", None), "gov": ("governor", None), "mayor": ("mayor", None),
    "secretary": ("secretary", None), "sec": ("secretary", None), "speaker": ("speaker", None),
    "judge": ("judge", None), "justice": ("justice", None), "gen": ("general", None), "general": ("general", None),
    "adm": ("admiral", None), "admiral": ("admiral", None), "col": ("colonel", None), "lt": ("lieutenant", None),
    "sgt": ("sergeant", None), "capt": ("captain", None), "captain": ("captain", None),
    "prime": ("prime minister", None), "minister": ("minister", None), "chancellor": ("chancellor", None),
    "premier": ("premier", None), "treasurer": ("treasurer", None),
    "king": ("king", "m"), "queen": ("queen", "f"), "prince": ("prince", "m"), "princess": ("princess", "f"),
    "pope": ("pope", "m"), "rev": ("reverend", None), "reverend": ("reverend", None), "father": ("father", "m"),
    "attorney": ("attorney", None), "ambassador": ("ambassador", None), "chairman": ("chairman", "m"),
    "chairwoman": ("chairwoman", "f"), "commissioner": ("commissioner", None), "director": ("director", None),
    "sheriff": ("sheriff", None), "officer": ("officer", None), "detective": ("detective", None),
    "candidate": ("candidate", None), "nominee": ("nominee", None), "leader": ("leader", None),
    "former": ("former", None), "then": ("then", None), "first": ("first", None),
}
# Modifiers of a title that are not names ("Vice President", "Prime Minister", "Attorney General").
TITLE_MODIFIERS = frozenset({"vice", "former", "then", "prime", "attorney", "first", "deputy", "acting",
                             "chief", "assistant", "lady", "general", "minister", "state", "of", "the",
                             "majority", "minority", "house", "senate", "democratic", "republican", "gop",
                             "u.s.", "us", "press"})

# The office in a title written "<Title> of [the] <Office>" ("Chief of Staff", "Chancellor of the Exchequer",
# "Minister of Finance"): part of the title, not a name.
OFFICE_WORDS = frozenset({"staff", "state", "exchequer", "finance", "defense", "defence", "justice", "commerce",
                          "agriculture", "energy", "labor", "labour", "trade", "industry", "transportation",
                          "transport", "health", "education", "interior", "treasury", "communications",
                          "operations", "homeland", "security", "foreign", "affairs", "economy", "planning",
                          "information", "housing", "environment", "war", "navy", "army", "police", "finances",
                          "administration", "policy", "research", "strategy", "protocol", "intelligence"})

# Person nouns (lemma -> gender or None). A definite/possessive description headed by one can refer to a
# named person; an indefinite one ("a source") stays unnamed.
PERSON_NOUNS: Mapping[str, str | None] = {
    # kin and partners
    "father": "m", "dad": "m", "mother": "f", "mom": "f", "mum": "f", "parent": None, "son": "m",
    "daughter": "f", "child": None, "kid": None, "husband": "m", "wife": "f", "spouse": None, "brother": "m",
    "sister": "f", "sibling": None, "uncle": "m", "aunt": "f", "nephew": "m", "niece": "f", "cousin": None,
    "grandfather": "m", "grandmother": "f", "grandson": "m", "granddaughter": "f", "grandchild": None,
    "stepfather": "m", "stepmother": "f", "stepson": "m", "stepdaughter": "f", "fiance": "m", "fiancé": "m",
    "fiancee": "f", "fiancée": "f", "girlfriend": "f", "boyfriend": "m", "partner": None, "widow": "f",
    "widower": "m", "ex": None, "father-in-law": "m", "mother-in-law": "f", "son-in-law": "m",
    "daughter-in-law": "f", "brother-in-law": "m", "sister-in-law": "f", "friend": None, "pal": None,
    "bestie": None, "confidant": None, "confidante": "f", "mentor": None, "protege": None, "protégé": None,
    # roles and occupations
    "president": None, "senator": None, "congressman": "m", "congresswoman": "f", "lawmaker": None,
    "representative": None, "governor": None, "mayor": None, "secretary": None, "minister": None,
    "chancellor": None, "ambassador": None, "diplomat": None, "candidate": None, "nominee": None,
    "politician": None, "leader": None, "chairman": "m", "chairwoman": "f", "chair": None, "speaker": None,
    "judge": None, "justice": None, "prosecutor": None, "attorney": None, "lawyer": None, "counsel": None,
    "billionaire": None, "businessman": "m", "businesswoman": "f", "mogul": None, "entrepreneur": None,
    "executive": None, "founder": None, "ceo": None, "chief": None, "director": None, "manager": None,
    "star": None, "actor": "m", "actress": "f", "singer": None, "rapper": None, "musician": None,
    "model": None, "designer": None, "host": None, "hostess": "f", "presenter": None, "comedian": None,
    "celebrity": None, "personality": None, "influencer": None, "athlete": None, "player": None,
    "coach": None, "author": None, "writer": None, "journalist": None, "reporter": None, "anchor": None,
    "columnist": None, "editor": None, "producer": None, "filmmaker": None, "artist": None,
    "businessperson": None, "king": "m", "queen": "f", "prince": "m", "princess": "f", "duke": "m",
    "duchess": "f", "pope": "m", "dictator": None, "strongman": "m", "general": None, "officer": None,
    "commander": None, "soldier": None, "veteran": None, "activist": None, "advocate": None,
    "philanthropist": None, "heiress": "f", "heir": None, "socialite": None, "moms": "f",
    "man": "m", "woman": "f", "boy": "m", "girl": "f", "gentleman": "m", "lady": "f", "guy": "m",
    "incumbent": None, "challenger": None, "frontrunner": None, "front-runner": None, "rival": None,
    "opponent": None, "predecessor": None, "successor": None, "boss": None, "employer": None,
    "colleague": None, "coworker": None, "co-worker": None, "deputy": None, "assistant": None,
    "mate": None, "tycoon": None, "magnate": None, "investor": None, "economist": None, "scientist": None,
    "doctor": None, "professor": None, "student": None, "teacher": None, "victim": None, "suspect": None,
    "defendant": None, "plaintiff": None, "convict": None, "inmate": None, "prisoner": None, "pastor": None,
}
# Determiners that make a noun phrase definite ("the aide", "those officials"): it points back to someone.
DEFINITE_DETERMINERS = frozenset({"the", "this", "that", "these", "those"})
# Nouns of unnamed sources ("a source close to …", "officials", "an aide"): typed ``anonymous`` as a source, and
# never linked to a named person by coreference except through an explicit apposition or copula. Curated from
# the PolNeAR train sources and the seed article; matched on the lemma, so plurals are covered.
ANONYMOUS_NOUNS = frozenset({
    "source", "insider", "official", "aide", "staffer", "adviser", "advisor", "associate", "ally", "person",
    "people", "confidant", "confidante", "employee", "member", "analyst", "expert", "observer", "witness", "pal",
    "friend", "acquaintance", "neighbor", "neighbour", "resident", "critic", "supporter", "backer", "donor",
    "strategist", "operative", "consultant", "pollster", "someone", "somebody", "individual", "diplomat",
    "relative", "whistleblower",
    # the market sources of wire copy ("dealers said", "one banker said")
    "dealer", "trader", "banker", "broker", "delegate", "industrialist", "arbitrageur", "salesman", "specialist",
    "planner",
    # people met in the street or on the line ("demonstrators said", "a caller said")
    "demonstrator", "protester", "protestor", "environmentalist", "caller", "questioner",
})
# The voice of an organisation ("a spokesman for the company"): unnamed like the nouns above (never linked to a
# named person), but the source is the organisation, typed ``organization``.
SPOKESPERSON_NOUNS = frozenset({"spokesperson", "spokesman", "spokeswoman", "representative", "rep"})
# Head nouns of documents as sources ("a report", "the poll", "court filings"): typed ``document``. Curated.
DOCUMENT_NOUNS = frozenset({
    "report", "study", "poll", "survey", "statement", "document", "memo", "letter", "filing", "lawsuit",
    "complaint", "data", "analysis", "research", "book", "ad", "order", "bill", "law", "email", "release",
    "transcript", "record", "indictment", "ruling", "decision", "affidavit", "post", "tweet", "video", "footage",
    "article", "editorial", "review", "results", "figures", "statistics",
})
# Head nouns of organisations as sources ("the campaign", "the company", "police"): typed ``organization``.
ORGANIZATION_NOUNS = frozenset({
    "campaign", "company", "government", "administration", "committee", "party", "department", "agency", "court",
    "police", "group", "team", "ministry", "office", "commission", "council", "association", "union", "firm",
    "organization", "organisation", "institute", "foundation", "board", "bank", "university", "school",
    "hospital", "army", "military", "embassy", "senate", "congress", "house", "parliament",
}) | SPOKESPERSON_NOUNS
# Kin nouns beyond KIN_RELATIONS that still make "X's <noun>" a description of a person tied to X (coreference
# of descriptions such as "her grandfather"; no relation type is read from them).
KIN_NOUNS_EXTRA = frozenset({"grandfather", "grandmother", "grandson", "granddaughter", "grandchild", "uncle",
                             "aunt", "nephew", "niece", "cousin", "stepfather", "stepmother", "stepson",
                             "stepdaughter", "girlfriend", "boyfriend", "ex", "widow", "fiancee", "fiancé", "fiance"})
# Verbs whose "it" subject is impersonal ("it seems", "it takes"): such an "it" is no mention of a thing.
IMPERSONAL_VERBS = frozenset({"be", "seem", "appear", "take", "make", "happen", "matter", "remain", "look", "sound",
                              "feel", "mean", "come", "go", "get", "become", "help", "work", "cost", "rain"})
# Verbs that by themselves mean a social-media post ("she tweeted", "he posted"): the source is ``social_media``;
# the same words as nouns make an author's document a social-media post ("Trump's tweet").
SOCIAL_MEDIA_VERBS = frozenset({"tweet", "retweet", "post"})

# kin/role noun -> relation from the possessor's side: "X's father Y" gives (X, child_of, Y).
KIN_RELATIONS: Mapping[str, str] = {
    "father": "child_of", "dad": "child_of", "mother": "child_of", "mom": "child_of", "mum": "child_of",
    "parent": "child_of", "stepfather": "child_of", "stepmother": "child_of",
    "son": "parent_of", "daughter": "parent_of", "child": "parent_of", "kid": "parent_of",
    "stepson": "parent_of", "stepdaughter": "parent_of",
    "husband": "spouse_of", "wife": "spouse_of", "spouse": "spouse_of", "widow": "spouse_of",
    "widower": "spouse_of", "fiance": "spouse_of", "fiancé": "spouse_of", "fiancee": "spouse_of",
    "fiancée": "spouse_of",
    "brother": "sibling_of", "sister": "sibling_of", "sibling": "sibling_of",
    "friend": "friend_of", "pal": "friend_of", "bestie": "friend_of", "confidant": "friend_of",
    "confidante": "friend_of",
    "boss": "works_for", "employer": "works_for",
    "aide": "employs", "adviser": "employs", "advisor": "employs", "spokesman": "employs",
    "spokeswoman": "employs", "spokesperson": "employs", "assistant": "employs", "staffer": "employs",
    "employee": "employs", "lawyer": "employs", "attorney": "employs", "deputy": "employs",
    "manager": "employs", "strategist": "employs",
    "colleague": "colleague_of", "coworker": "colleague_of", "co-worker": "colleague_of",
    "mate": "colleague_of",
}

# Cue words by the kind of act they report: the attribution types of PARC (Pareti 2016, "PARC 3.0: A corpus of
# attribution relations", LREC; Pareti 2015, PhD thesis, Edinburgh, ch. 3): an *assertion* is said or written
# (say, tell, write, according to), a *belief* is held (think, believe, expect, is deemed), a *fact* is known or
# shown (know, find, show; "the poll indicates"), an *eventuality* is wanted, promised or asked for (want, plan,
# promise, urge, call for). Curated for whosaid from the lemmas of the gold cues of PolNeAR *train* (every lemma
# seen 5 times or more; docs/bench-attribution.md) and the PARC examples; measured against a hand-labelled table
# of PolNeAR dev cue uses (tests/pipeline/attribution/test_category.py).
# Marks: "+" a core speech verb, always an attribution cue for the rules whatever the learned cue lexicon says,
# and the verbs whose subject speaks the nearby quotation for coreference (SPEECH_VERBS is derived from these
# marks); "^" an evidence word, a fact when its source is a document ("records reveal", "the poll indicates")
# and an assertion otherwise ("an aide revealed"). "_" joins the words of a phrasal cue ("call_for").
_CUE_TABLE: Mapping[str, str] = {
    "assertion": """
        say+ tell+ add+ write+ claim+ state+ express+ note+ explain+ insist+ argue+ assert+ announce+ declare+
        confirm+^ deny+ admit+ acknowledge+ warn+ recall+ report+ post+ tweet+ contend+ maintain+ remark+ comment+
        reply+ respond+ answer+ ask+ allege+ emphasize+ stress+ testify+ concede+ complain+ joke+ quip+ boast+
        recount+ describe+ disclose+ mention+ point+ affirm+ reiterate+ repeat+ lament+ observe+ caution+ charge+
        counter+ conclude+^ signal+ hint+ speak+ accuse+ criticize+ praise+ call+ caption+ continue+ share+
        reveal+^ suggest+^ indicate+^
        according per attack blame blast slam mock deride ridicule scold chide rebuke assail lambast hammer rip
        denounce condemn decry bemoan criticise question challenge dispute contradict rebut refute dismiss reject
        disavow repudiate defend tout hail applaud congratulate thank credit laud commend champion highlight
        underscore detail outline list portray paint label dub characterize liken compare contrast echo clarify
        retort shout yell chant cheer boo read email retweet message reassure assure inform remind apologize
        proclaim brag vouch swear interject recite preach air voice insinuate imply cite refer quote invoke
        reference talk discuss address interview debate tease taunt insult grumble publish issue promote pitch
        downplay chronicle narrate endorse brush_off single_out point_out point_to lay_out spell_out weigh_in
        chime_in speak_out rail_against go_on make_the_case
        endorsement statement criticism critique accusation allegation announcement testimony denial admission
        argument assertion complaint insistence warning speech response account explanation description
        implication condemnation denunciation defense defence word rhetoric clear fireworks headline transcript
    """,
    "belief": """
        believe+ think+ feel+ predict+ estimate+ speculate+ fear+
        expect anticipate consider view regard deem seem appear doubt suspect assume presume guess suppose reckon
        imagine figure wonder worry concern trust bet judge gauge forecast project calculate support oppose favor
        favour back agree disagree like love hate dislike admire respect fault embrace accept welcome prefer
        contemplate ponder mull weigh put_the_figure
        skeptical sceptical confident wary sure certain convinced proud glad worried concerned unconvinced
        optimistic pessimistic bullish bearish critical fond suspicious afraid apparently presumably likely
        unlikely opinion belief idea notion sense assessment assumption expectation prediction suspicion
        confidence faith skepticism scepticism impression perception judgment judgement obsession illusion
        sentiment opposition mind thought consensus verdict perspective outlook stance position
    """,
    "fact": """
        know find show prove demonstrate discover learn realize realise notice recognize recognise determine
        establish document detect remember forget understand see reflect aware evident uncover expose
        leave_little_doubt data finding evidence proof knowledge discovery
    """,
    "eventuality": """
        urge+ promise+ vow+ pledge+ hope+
        want wish plan intend aim seek demand request ask_for call_for call_on push_for press_for push propose
        recommend advocate encourage order direct threaten offer refuse decline commit prepare hope_for
        insist_on agree_to ready willing eager determined reluctant unwilling rule_out proposal
        desire goal intention threat bid appeal plea determination commitment willingness refusal agenda
        priority ambition
    """,
}
# Words that head a cue but report no act of saying or thinking (an appointment, a vote, a decision, a grant, a
# unit price): a cue proposed on one of them yields no record (issue 13: "was named", "approved", "decided
# to", "per megawatt-hour"). Curated from the non-statements in whosaid's output on PolNeAR dev.
NOT_SAYING = frozenset("""
    name nominate appoint elect reelect approve pass sign veto override vote grant award hire fire decide choose
    pick select adopt enact ratify authorize ban block impose sue sponsor win lose visit attend retire resign lift
    investigate examine probe
""".split())


def _cue_table() -> tuple[dict[str, str], frozenset[str], frozenset[str]]:
    categories: dict[str, str] = {}
    core: set[str] = set()
    evidence: set[str] = set()
    for category, words in _CUE_TABLE.items():
        for raw in words.split():
            word = raw.rstrip("+^").replace("_", " ")
            if "+" in raw:
                core.add(word)
            if "^" in raw:
                evidence.add(word)
            categories[word] = category
    return categories, frozenset(core), frozenset(evidence)


CUE_CATEGORIES: Mapping[str, str]
"""Cue word (a lemma, a noun, or a phrasal cue "call for") -> PARC category."""
EVIDENCE_WORDS: frozenset[str]
"""Cue words whose act is a fact when the source is a document."""
SPEECH_VERBS: frozenset[str]
"""The core speech verbs ("+" in the table): always attribution cues (whatever the learned cue lexicon
(resources/cue_lexicon.tsv, PolNeAR train) says), and the verbs whose subject speaks the nearby quotation."""
CUE_CATEGORIES, SPEECH_VERBS, EVIDENCE_WORDS = _cue_table()

# Verbs with a future sense for a verb they govern ("expects to complete ... Friday"): tense of a time expression.
FUTURE_VERBS = frozenset({"expect", "plan", "hope", "intend", "aim", "want", "schedule", "seek", "propose",
                          "promise", "agree", "prepare", "vow", "pledge", "threaten", "decide"})
# Verbs whose subject is almost always a person.
ANIMATE_VERBS = frozenset({
    "feel", "hate", "love", "like", "want", "wish", "hope", "fear", "believe", "think", "smile", "laugh",
    "cry", "marry", "wed", "divorce", "date", "bond", "befriend", "sit", "stand", "walk", "visit", "meet",
    "hug", "kiss", "vote", "campaign", "testify", "joke", "quip", "boast", "apologize", "resign", "die",
    "grow", "attend", "graduate", "born", "bear", "pose", "sing", "act", "star", "dance", "cheer",
})
# Words that make a proper name look like a news outlet.
# ("express" is not one: American Express, Federal Express, People Express outnumber the Daily / Sunday Express,
# which resources/outlets.txt names, 220 to 3 in Reuters-21578)
OUTLET_WORDS = frozenset({
    "times", "post", "news", "journal", "herald", "tribune", "gazette", "daily", "weekly", "magazine",
    "radio", "tv", "television", "network", "press", "mail", "telegraph", "observer", "chronicle",
    "reporter", "examiner", "inquirer", "courier", "sun", "star", "mirror", "review",
    "monitor", "dispatch", "bulletin", "register", "standard", "wire", "channel", "broadcasting",
})
# Legal forms of companies, the last word of a company's name ("Dean Witter Reynolds Inc.", "Ultramar Plc",
# "Asta Pharma AG", "Skanska AB"), as name parts are compared: lower case, final period dropped ("N.V." -> "n.v").
# Not "na", "n.a" or "as": "Li Na" ends in one, "N.A." is "not available" in a wire table.
LEGAL_FORMS = frozenset({"inc", "corp", "co", "ltd", "llc", "plc", "gmbh", "ag", "nv", "n.v", "bv", "b.v", "s.a",
                         "spa", "s.p.a", "lp", "llp", "pty", "limited", "incorporated", "ab", "oy", "oyj", "a/s",
                         "kk", "k.k", "bhd", "berhad", "sarl", "s.a.r.l", "srl", "s.r.l", "ltda"})
# Institutions named "<word> of <place or field>" ("Bank of England", "Department of Justice", "University of
# Chicago"): the "of" phrase belongs to the name (a company's "Bayer AG of West Germany" is the company and a place)
INSTITUTION_WORDS = frozenset({
    "committee", "department", "ministry", "university", "college", "school", "foundation", "administration",
    "agency", "bureau", "council", "association", "institute", "organization", "organisation", "commission",
    "court", "union", "federation", "league", "bank", "fund", "society", "office", "board", "authority",
})
ORG_WORDS = LEGAL_FORMS | INSTITUTION_WORDS | frozenset({
    "inc.", "corp.", "co.", "ltd.", "org", "company", "corporation", "group",
    "party", "senate", "congress", "campaign",
    "club", "trust", "center", "centre", "service",
    "services", "police", "army", "navy", "force", "forces", "caucus", "coalition",
    "alliance", "network", "images", "studios", "records", "entertainment", "holdings", "partners",
    "media", "pictures", "industries", "airlines", "motors", "technologies", "labs", "systems",
})
EVENT_WORDS = frozenset({
    "gala", "awards", "award", "olympics", "games", "summit", "convention", "festival", "oscars", "emmys",
    "grammys", "bowl", "cup", "championship", "war", "debate", "conference", "ceremony", "inauguration",
    "election", "primary", "caucuses", "week", "marathon", "open", "series", "tournament", "expo", "fair",
    "rally", "parade", "concert", "tour",
})
# Nouns whose possessor ("GM's shares", "Acme's chief executive") or "of" complement ("shares of Ford") is an
# organisation; ORG_OF_GOVERNORS adds those safe only with "of" ("founder of X": "Trump's chairman" is a
# person's). Curated from business-news usage; measured on GUM and PolNeAR dev (docs/bench-entities.md).
ORG_GOVERNORS = frozenset({
    "share", "stock", "stake", "shareholder", "stockholder", "subsidiary", "headquarters", "ceo", "cfo", "coo",
    "revenue", "profit", "earnings", "merger", "acquisition", "bankruptcy", "ipo", "workforce", "plant",
    "factory",
})
ORG_OF_GOVERNORS = ORG_GOVERNORS | frozenset({
    "unit", "division", "executive", "board", "chairman", "chairwoman", "founder", "co-founder", "employee",
    "member", "membership", "branch", "chapter", "spokesperson", "spokesman", "spokeswoman",
})
# Verbs whose subject is almost always an organisation ("Acme acquired ...", "GM recalled ...").
ORG_VERBS = frozenset({
    "acquire", "merge", "hire", "employ", "manufacture", "recall", "headquarter", "incorporate", "list",
    "trade", "lay", "outsource", "invest", "fund", "sponsor", "publish", "broadcast", "air", "host",
})
GOV_BODIES = frozenset({
    "congress", "senate", "house", "pentagon", "kremlin", "fbi", "cia", "nsa", "doj", "dhs", "state department",
    "white house", "supreme court", "parliament", "court", "committee",
})


def _read_lines(name: str) -> list[str]:
    try:
        raw = resources.files("whosaid.resources").joinpath(name).read_text(encoding="utf-8")
    except (FileNotFoundError, OSError) as exc:  # pragma: no cover - a broken install
        raise ConfigError(
            f"resource file whosaid/resources/{name} is missing ({exc}); reinstall whosaid "
            "(pip install -e .) so that its data files are present"
        ) from None
    return [ln.strip() for ln in raw.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]


def _norm(name: str) -> str:
    low = " ".join(name.lower().split())
    return low[4:] if low.startswith("the ") else low


def _variants(name: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for line in _read_lines(name):
        parts = [p.strip() for p in line.split("|") if p.strip()]
        for p in parts:
            out[_norm(p)] = parts[0]
    return out


@dataclass(frozen=True)
class Lexicon:
    """The curated lists, normalized for lookup (lower case, no leading "the")."""

    outlets: Mapping[str, str]  # variant -> canonical name
    platforms: Mapping[str, str]
    places: frozenset[str]
    first_names: Mapping[str, str | None]  # lower-case given name -> "f" | "m" | None (unisex)
    geo_places: frozenset[str] = frozenset()  # GeoNames countries, capitals, US states, big cities

    def outlet(self, name: str) -> str | None:
        return self.outlets.get(_norm(name))

    def platform(self, name: str) -> str | None:
        return self.platforms.get(_norm(name))

    def is_place(self, name: str) -> bool:
        """A curated place that spaCy often labels ORG (resources/places.txt)."""
        return _norm(name) in self.places

    def is_geo_place(self, name: str) -> bool:
        """A country, capital, US state, continent or big city (resources/places_geonames.txt, GeoNames)."""
        return _norm(name) in self.geo_places

    def given_name_gender(self, name: str) -> tuple[bool, str | None]:
        """(known given name?, its gender or None)."""
        key = name.lower()
        if key in self.first_names:
            return True, self.first_names[key]
        return False, None


def load_lexicon() -> Lexicon:
    """Read the resource files (once per EntityStage; raises ConfigError when a file is missing)."""
    names: dict[str, str | None] = {}
    for line in _read_lines("first_names.txt"):
        tag, *words = line.split()
        for w in words:
            key = w.lower()
            if tag == "u" or (key in names and names[key] != tag):
                names[key] = None
            else:
                names[key] = tag
    return Lexicon(
        outlets=_variants("outlets.txt"),
        platforms=_variants("platforms.txt"),
        places=frozenset(_norm(p) for p in _read_lines("places.txt")),
        first_names=names,
        geo_places=frozenset(_norm(p) for p in _read_lines("places_geonames.txt")),
    )
