"""Interview turns: an article laid out as questions and answers ("Q: ... A: ...", or Wikinews-style question
paragraphs followed by answer paragraphs) names who answers; first-person pronouns in the answers and
second-person pronouns in the questions, outside quotation marks, are that person.

Detection (text only, no parse): paragraphs that start with a "Q:" label, or that end with a question mark
outside any quotation, are questions; the other paragraphs after the first question are answers (an "A:"
label marks them explicitly). The layout is an interview when at least two answer paragraphs speak in the first
person singular and either four questions address someone as "you", or the text before the first question
has an interview cue ("interview", "tells", "talks to", "Q&A") and at least one question says "you".
Measured on GUM's 19 interviews and 24 news articles (17 interviews found, no news article) and on PolNeAR
(train: the two question-and-answer articles found, no other; dev: none); docs/bench-entities.md.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from ..spanindex import SpanIndex

__all__ = ["Turns", "find_turns", "paragraphs"]

_PARA = re.compile(r"[^\n]+")
_Q_LABEL = re.compile(r"\s*(?:Q|Question)\s*[:.]\s", re.IGNORECASE)
_A_LABEL = re.compile(r"\s*(?:A|Answer)\s*[:.]\s", re.IGNORECASE)
_FIRST = re.compile(r"\b(?:I|me|my|mine|myself)\b")
_YOU = re.compile(r"\b(?:you|your|yours|yourself)\b", re.IGNORECASE)
_CUE = re.compile(
    r"\binterview|\btells\b|\btalks? (?:to|with)\b|\bsp(?:oke|eaks?) (?:to|with)\b|\bQ\s?&\s?A\b", re.IGNORECASE
)
_CREDIT = re.compile(r"\b(?:image|photo|photograph|picture|credit|video)s?\s*(?:by)?\s*:?\s*$", re.IGNORECASE)
_TRAILING = " \t\"'”’»)]"
MIN_ANSWERS = 2  # answer paragraphs in the first person singular
MIN_YOU_QUESTIONS = 4  # questions saying "you" that make an interview without a cue word


@dataclass(frozen=True)
class Turns:
    """Character ranges of an interview's parts: the text before the first question, questions, answers."""

    intro: tuple[int, int]
    questions: tuple[tuple[int, int], ...]
    answers: tuple[tuple[int, int], ...]

    def kind_at(self, pos: int) -> str | None:
        """ "question", "answer" or None for a character offset."""
        for kind, ranges in (("question", self.questions), ("answer", self.answers)):
            for s, e in ranges:
                if s <= pos < e:
                    return kind
        return None


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of every non-blank line of ``text`` (one line is one paragraph in news text)."""
    return [(m.start(), m.end()) for m in _PARA.finditer(text) if m.group().strip()]


def _outside(text: str, s: int, e: int, quotes: list[tuple[int, int]], index: SpanIndex | None = None) -> str:
    """The paragraph ``text[s:e]`` with its quoted stretches blanked out (``index``: ``quotes`` by position, to
    look only at the quotes near the paragraph)."""
    chars = list(text[s:e])
    for qs, qe in quotes if index is None else [quotes[k] for k in index.near((s, e))]:
        for k in range(max(qs, s), min(qe, e)):
            chars[k - s] = " "
    return "".join(chars)


def _in_quote(pos: int, quotes: list[tuple[int, int]], starts: list[int]) -> bool:
    k = bisect.bisect_right(starts, pos) - 1
    return k >= 0 and quotes[k][0] <= pos < quotes[k][1]


def find_turns(text: str, quotes: list[tuple[int, int]]) -> Turns | None:
    """The interview layout of ``text`` (``quotes``: character ranges of quotations), or None."""
    quotes = sorted(quotes)
    starts = [q[0] for q in quotes]
    paras = paragraphs(text)
    index = SpanIndex(quotes)
    outside = [_outside(text, s, e, quotes, index) for s, e in paras]
    kinds: list[str] = []
    for (s, e), out in zip(paras, outside):
        para = text[s:e]
        last = len(para.rstrip(_TRAILING)) - 1
        if _Q_LABEL.match(para):
            kinds.append("question")
        elif _A_LABEL.match(para):
            kinds.append("answer")
        elif (
            last >= 0
            and para[last] == "?"
            and not _in_quote(s + last, quotes, starts)
            and not (_FIRST.search(out) and not _YOU.search(out))
        ):  # "Why do I say peace?": an answer
            kinds.append("question")
        else:
            kinds.append("other")
    if "question" not in kinds:
        return None
    first_q = kinds.index("question")
    # "You have received a good deal of attention recently." / "Even though I'm not ...": a statement put to
    # the interviewee before the first question mark starts the turns when an answer in the first person follows
    for k in range(1, first_q - 1):
        if _YOU.search(outside[k]) and not _FIRST.search(outside[k]) and _FIRST.search(outside[k + 1]):
            kinds[k] = "question"
            first_q = k
            break
    questions, answers = [], []
    you_questions = first_answers = 0
    for (s, e), kind, out in zip(paras[first_q:], kinds[first_q:], outside[first_q:]):
        if kind == "question":
            questions.append((s, e))
            you_questions += bool(_YOU.search(out))
        else:
            answers.append((s, e))
            first_answers += bool(_FIRST.search(out))
    intro = (0, paras[first_q][0])
    cue = bool(_CUE.search(text[intro[0] : intro[1]]))
    if first_answers < MIN_ANSWERS or not (you_questions >= MIN_YOU_QUESTIONS or cue and you_questions >= 1):
        return None
    return Turns(intro=intro, questions=tuple(questions), answers=tuple(answers))


def interviewee(turns: Turns, text: str, person_names: list[tuple[int, int, int, bool]]) -> int | None:
    """The cluster that answers: the one person named in the headline (the first paragraph), else the person
    named most often before the first question (strictly more than any other); None when that is ambiguous.
    Photo credits ("Image: David Shankbone") name no candidate.

    ``person_names``: (start, end, cluster id, is a modifier) of the name mentions of named, singular PERSON
    clusters; a modifier ("the Santorum cocktail") names no one in the headline, but counts in the intro
    ("Shimon Peres image: ...").
    """
    paras = paragraphs(text)
    if not paras:
        return None
    person_names = [x for x in person_names if not _CREDIT.search(text[max(0, x[0] - 12) : x[0]])]
    head_s, head_e = paras[0]
    in_head = {r for s, _, r, mod in person_names if head_s <= s < head_e and not mod}
    if len(in_head) == 1:
        return in_head.pop()
    if in_head:
        return None  # "Wikinews interviews Mario J. Lucero and Isabel Ruiz": two people answer
    counts: dict[int, int] = {}
    for s, _, r, _mod in person_names:
        if turns.intro[0] <= s < turns.intro[1]:
            counts[r] = counts.get(r, 0) + 1
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
        return ranked[0][0]
    return None
