"""Normalising a statement's words so that the same quote compares equal across outlets.

Case, accents, punctuation, the kind of quote mark and apostrophe, and hyphenation do not matter: each
statement becomes a list of :class:`Token` (a folded word with its character offsets in the article), read
from the statement's content *fragments* only, so a quote split around "he said" loses the interruption.
Two marks that change how words compare are kept as token kinds:

- an ellipsis (``...``, ``…``, ``. . .``) is a ``gap``: words the writer left out there are an *elision*,
  not a wording change;
- words in square brackets are ``editorial`` (``"[Trump] will lose"``): a writer's insertion, left out of
  the matching words and never counted as a variant.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

__all__ = [
    "Token",
    "tokenize",
    "statement_tokens",
    "compared_tokens",
    "content_parts",
    "match_words",
    "words_text",
    "parse_words",
    "marks_of",
    "GAP",
    "EDIT",
    "QUOTED_KINDS",
    "quoted_pair",
]

GAP = "…"
"""The marker of an ellipsis in a stored word string (``words_text``)."""
EDIT = "[]"
"""The marker of a bracketed (editorial) insertion in a stored word string."""

_FOLD = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'", "ʼ": "'"})
# contractions read as their two words, so "we've" and "we have" compare equal ('s stays ambiguous: dropped)
_CONTRACTION = re.compile(r"^(.+?)(n't|'re|'ve|'ll|'m|'d)$")
_EXPANDED = {"n't": "not", "'re": "are", "'ve": "have", "'ll": "will", "'m": "am", "'d": "would"}
_NEGATED = {"ca": "can", "wo": "will", "sha": "shall"}
_SYMBOLS = {"%": "percent", "&": "and"}
_POSSESSIVE = re.compile(r"'s?$")
# an ellipsis, a bracketed insertion, a symbol read as a word, or a word (with inner apostrophes)
_PIECE = re.compile(
    r"(?P<gap>\.\s?\.\s?\.|…)|(?P<open>\[)|(?P<close>\])|(?P<sym>[%&])"
    r"|(?P<quote>''|``|[\"“”„«»])|(?P<word>[^\W_]+(?:['’‘ʼ][^\W_]+)*)",
    re.UNICODE,
)
_OPENING, _CLOSING = frozenset("“„«") | {"``"}, frozenset("”»")  # '' and " open or close by turns


@dataclass(frozen=True, slots=True)
class Token:
    """One normalised word (or a gap) and where it is: ``start``/``end`` are offsets in the article text."""

    word: str
    start: int
    end: int
    kind: str = "word"  # word | gap | editorial
    quoted: bool = False  # inside quotation marks within the statement's own text


def _fold(word: str) -> str:
    """Case, accents and apostrophe kinds folded; a possessive ending dropped ("Trump's" = "Trump")."""
    decomposed = unicodedata.normalize("NFKD", word.translate(_FOLD))
    folded = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold().strip()
    return _POSSESSIVE.sub("", folded) or folded


def tokenize(text: str, base: int = 0, *, inside: bool = False) -> list[Token]:
    """The tokens of ``text`` (offsets shifted by ``base``); an unclosed bracket ends at the text's end.
    ``inside``: the text starts inside quotation marks (a direct quote's content)."""
    out: list[Token] = []
    depth = 0
    for m in _PIECE.finditer(text):
        s, e = base + m.start(), base + m.end()
        if m.group("gap"):
            if not out or out[-1].kind != "gap":
                out.append(Token(GAP, s, e, "gap", inside))
        elif m.group("open"):
            depth += 1
        elif m.group("close"):
            depth = max(0, depth - 1)
        elif m.group("quote"):
            mark = m.group("quote")
            inside = True if mark in _OPENING else False if mark in _CLOSING else not inside
        else:
            word = _SYMBOLS[m.group("sym")] if m.group("sym") else _fold(m.group("word"))
            kind = "editorial" if depth else "word"
            c = _CONTRACTION.match(word)
            if c:
                out.append(Token(_NEGATED.get(c.group(1), c.group(1)), s, e, kind, inside))
                word = _EXPANDED[c.group(2)]
            if word:
                out.append(Token(word, s, e, kind, inside))
    return out


def statement_tokens(
    text: str, parts: Iterable[tuple[int, int]], base: int = 0, *, inside: bool = False
) -> list[Token]:
    """The tokens of a statement whose content is ``parts`` (fragments, article offsets); ``text`` is the
    article text, or any stretch of it that starts at the article offset ``base`` (e.g. the content).
    ``inside``: each fragment starts inside quotation marks."""
    out: list[Token] = []
    for s, e in parts:
        s, e = max(base, s), min(base + len(text), e)
        if e > s:
            out.extend(tokenize(text[s - base : e - base], s, inside=inside))
    return out


QUOTED_KINDS = ("direct", "mixed")
"""Statements whose content is (or holds) the speaker's own words in quotation marks."""


def quoted_pair(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    """Whether two statements (rows with a ``kind``) both quote their speaker's words."""
    return a.get("kind") in QUOTED_KINDS and b.get("kind") in QUOTED_KINDS


def content_parts(row: Mapping[str, Any]) -> list[tuple[int, int]]:
    """The article offsets of a stored statement's content: its fragments, or ``content_start`` plus the
    content's length."""
    frags = row.get("fragments")
    if frags:
        return [(int(s), int(e)) for s, e in frags]
    start = int(row.get("content_start") or 0)
    return [(start, start + len(row.get("content") or ""))]


def compared_tokens(row: Mapping[str, Any]) -> list[Token]:
    """The tokens a stored statement is compared on (``content``, ``content_start``, ``fragments``,
    ``kind``): for a quote, only the words inside quotation marks (what the speaker said, not the writer's
    lead-in of a mixed quote, nor a '," he said. "' the content ran over), when there are any; otherwise
    all its words. A direct quote's content starts inside the marks."""
    kind = row.get("kind")
    tokens = statement_tokens(
        row.get("content") or "", content_parts(row), int(row.get("content_start") or 0), inside=kind == "direct"
    )
    if kind in QUOTED_KINDS and any(t.quoted and t.kind == "word" for t in tokens):
        tokens = [t for t in tokens if t.quoted]
    return tokens


def match_words(tokens: Sequence[Token]) -> list[str]:
    """The words two statements are compared on: no gaps, no editorial insertions."""
    return [t.word for t in tokens if t.kind == "word"]


def words_text(tokens: Sequence[Token]) -> str:
    """The stored form: matching words, with a marker for each ellipsis and each bracketed insertion."""
    out: list[str] = []
    for t in tokens:
        word = t.word if t.kind == "word" else (GAP if t.kind == "gap" else EDIT)
        if word in (GAP, EDIT) and out and out[-1] == word:
            continue
        out.append(word)
    return " ".join(out)


def parse_words(stored: str) -> tuple[list[str], dict[int, str]]:
    """``(words, marks)`` from a stored word string: ``marks`` maps a word index to ``"gap"`` or
    ``"editorial"`` where an ellipsis or a bracketed insertion stands before that word (``len(words)`` at
    the end)."""
    words: list[str] = []
    marks: dict[int, str] = {}
    for w in stored.split():
        if w == GAP:
            marks[len(words)] = "gap"
        elif w == EDIT:
            marks.setdefault(len(words), "editorial")
        else:
            words.append(w)
    return words, marks


def marks_of(tokens: Sequence[Token]) -> dict[int, str]:
    """The marks (see :func:`parse_words`) of a token list, by matching-word index."""
    return parse_words(words_text(tokens))[1]
