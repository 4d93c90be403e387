"""What a grammar rule's matches must contain and how far they reach, read off its regular expression.

:mod:`whosaid.timex.scan` runs each rule only in windows of words around its *triggers*. This module
derives, from the parsed pattern (the standard library's ``re._parser``), the two facts that make this
exact:

- the *cover*: a set of lower-case strings, or runs of at least n digits, such that every match of the
  rule contains one of them - a literal word the rule requires, or the union over the branches of an
  alternation ("january" ... "dec" for a month, "quarter"/"half" for the quarter rule). Among the
  possible covers the one expected to occur least often in text is taken;
- the *reach*: how many gaps between words a match (with what its look-aheads read) can span to the
  left and to the right of the trigger. A *word* is a run of non-space characters other than a run of
  hyphens only; a *gap* is the space (and lone hyphens) between two words. Each atom that can match
  whitespace counts one gap (``\\s+`` and ``[\\s-]+`` count one however long they are).

An unbounded repetition that can span gaps ("twenty one hundred and five" in the number grammar) has no
bound in gaps; when its body is made only of literal characters and whitespace it counts 2 (entering and
leaving it) and its literal pieces are returned as a *chain*: a window walks over words made only of
chain pieces for free. A pattern the analysis cannot bound (no cover, an unsupported construct) gets
``full=True`` and is scanned over the whole text.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate, product
from re import _constants as C  # type: ignore[attr-defined]
from re import _parser as P  # type: ignore[attr-defined]
from typing import Any

__all__ = ["RulePlan", "analyze", "digits", "digits_needed", "words_pattern"]

_DIGITS_TAG = "\x00digits:"
_DIGIT_PIECE = "\x00digit"  # a word piece standing for any ``\\d`` character
_MAX_LANG = 256  # the largest finite language (set of strings) a sub-pattern is expanded into
_WS_CATEGORIES = (
    C.CATEGORY_SPACE,
    C.CATEGORY_NOT_WORD,
    C.CATEGORY_NOT_DIGIT,
    C.CATEGORY_LINEBREAK,
    C.CATEGORY_NOT_LINEBREAK,
)
_REPEATS = (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT)
_ZERO_WIDTH = (C.AT, C.ASSERT, C.ASSERT_NOT)
# Function words: a cover made of them would open a window almost everywhere
_COMMON = frozenset("the a an and of in on at to for by this that these from some each other more less".split())

Node = tuple[Any, Any]
log = logging.getLogger(__name__)


class _Unsupported(Exception):
    """A construct the analysis does not model; the rule then runs over the whole text."""


def digits(n: int) -> str:
    """The cover element "a run of at least ``n`` decimal digits" (``\\d``, any script)."""
    return f"{_DIGITS_TAG}{n}"


def digits_needed(element: str) -> int:
    """``n`` for a :func:`digits` element, 0 for a plain string."""
    return int(element[len(_DIGITS_TAG) :]) if element[:1] == "\x00" and element.startswith(_DIGITS_TAG) else 0


@lru_cache(maxsize=1)
def _ws_codes() -> tuple[int, ...]:
    # every character that \s matches lies below U+3001 (tests/timex/test_scan.py checks it)
    return tuple(c for c in range(0x3001) if chr(c).isspace())


@lru_cache(maxsize=1)
def _ws_set() -> frozenset[int]:
    return frozenset(_ws_codes())


def _is_ws(ch: int) -> bool:
    return ch in _ws_set()


def _atom_ws(op: Any, av: Any) -> tuple[bool, str | None]:
    """For a one-character atom: (can it match whitespace, the other characters it matches when they
    are a few literals - else None). ``(True, "")`` is pure whitespace; ``[\\s-]`` is ``(True, "-")``."""
    if op is C.LITERAL:
        return (True, "") if _is_ws(av) else (False, chr(av))
    if op in (C.NOT_LITERAL, C.ANY):
        return True, None
    if op is not C.IN:
        raise _Unsupported(f"atom {op}")
    can = False
    extra: str | None = ""  # None once a set item is not a literal character
    for iop, iav in av:
        if iop is C.NEGATE:
            return True, None
        if iop is C.LITERAL:
            if _is_ws(iav):
                can = True
            elif extra is not None:
                extra += chr(iav)
        elif iop is C.RANGE:
            can = can or any(iav[0] <= c <= iav[1] for c in _ws_codes())
            extra = None
        elif iop is C.CATEGORY:
            can = can or iav in _WS_CATEGORIES
            if iav is not C.CATEGORY_SPACE:
                extra = None
        else:
            raise _Unsupported(f"set item {iop}")
    return can, extra


# ---------------------------------------------------------------------------------------------- reach
def _chain_pieces(data: Iterable[Node], out: set[str]) -> None:
    """Collect the literal pieces of an unbounded repetition's body, or raise when the body matches
    more than literal characters and whitespace (then a window could not walk over it word by word)."""
    run = ""
    for op, av in data:
        if op is C.LITERAL and not _is_ws(av):
            run += chr(av).lower()
            continue
        if run:
            out.add(run)
            run = ""
        if op is C.LITERAL or op is C.IN:
            extra = _atom_ws(op, av)[1]
            if extra is None:
                raise _Unsupported("a repeated chain that matches more than literal words")
            out.update(extra.lower())
        elif op is C.SUBPATTERN:
            _chain_pieces(av[3].data, out)
        elif op is C.BRANCH:
            for alt in av[1]:
                _chain_pieces(alt.data, out)
        elif op in _REPEATS:
            _chain_pieces(av[2].data, out)
        elif op is not C.AT:
            raise _Unsupported(f"{op} in a repeated chain")
    if run:
        out.add(run)


def _digit_len(op: Any, av: Any) -> int | None:
    """The least number of digits a node consumes when it consumes nothing but digits, else None."""
    if op is C.LITERAL:
        return 1 if chr(av).isdecimal() else None
    if op is C.IN:
        for iop, iav in av:
            if iop is C.CATEGORY and iav is C.CATEGORY_DIGIT or iop is C.LITERAL and chr(iav).isdecimal():
                continue
            if iop is C.RANGE and all(chr(c).isdecimal() for c in range(iav[0], iav[1] + 1)):
                continue
            return None
        return 1
    if op is C.SUBPATTERN:
        return _digit_run(av[3].data)
    if op is C.BRANCH:
        got = [_digit_run(alt.data) for alt in av[1]]
        return None if any(g is None for g in got) else min(g for g in got if g is not None)
    if op in _REPEATS:
        inner = _digit_run(av[2].data)
        return None if inner is None else av[0] * inner
    if op in _ZERO_WIDTH:
        return 0
    return None


def _digit_run(data: Sequence[Node]) -> int | None:
    total = 0
    for node in data:
        n = _digit_len(*node)
        if n is None:
            return None
        total += n
    return total


Reach = tuple[int, int]  # gaps a match can span left of a trigger's start, and right of it
Cover = dict[str, Reach]  # trigger element -> its reach


def _widest(*reaches: Reach) -> Reach:
    return max(r[0] for r in reaches), max(r[1] for r in reaches)


def _minimal(cover: Cover) -> Cover:
    """Drop what another element implies ("quarters" holds "quarter", "1990" a run of 4 digits); the
    element kept takes the wider reach (plus the gaps inside the string it stands for)."""
    return dict(_minimal_items(frozenset(cover.items())))


@lru_cache(maxsize=4096)
def _minimal_items(items: frozenset[tuple[str, Reach]]) -> tuple[tuple[str, Reach], ...]:
    cover = dict(items)
    runs = [e for e in cover if digits_needed(e)]
    need = min((digits_needed(e) for e in runs), default=0)
    kept: Cover = {digits(need): _widest(*(cover[e] for e in runs))} if need else {}
    for s in sorted((e for e in cover if not digits_needed(e)), key=lambda e: (len(e), e)):
        plain = s.isalpha()
        gaps = 0 if plain else len(re.findall(r"\s+", s))
        reach = (cover[s][0] + gaps, cover[s][1] + gaps)
        if need and not plain and max((len(r) for r in re.findall(r"\d+", s)), default=0) >= need:
            kept[digits(need)] = _widest(kept[digits(need)], reach)
            continue
        # the kept strings inside s: look its substrings up (kept can hold a hundred month names)
        inside = {s[i:j] for i in range(len(s)) for j in range(i + 1, len(s) + 1)} & kept.keys()
        for k in inside:
            kept[k] = _widest(kept[k], reach)
        if not inside:
            kept[s] = cover[s]
    return tuple(kept.items())


def _frequency(s: str) -> float:
    """Rough occurrences per 1,000 characters of English news (counted on Reuters stories)."""
    n = digits_needed(s)
    if n:
        return {1: 17.0, 2: 11.0, 3: 6.0}.get(n, 1.2)
    if len(s) == 1:
        return 50.0 if s.isalnum() else 10.0 if s in ".," else 3.0 if s in "-'" else 0.5
    if s in _COMMON:
        return 10.0
    return {2: 4.0, 3: 0.7, 4: 0.4}.get(len(s), 0.15)


def _cost(cover: Cover) -> float:
    """The expected width of the windows a cover opens (in words, per 1,000 characters)."""
    return sum(_frequency(s) * (left + right + 3) for s, (left, right) in cover.items())


class _Analysis:
    """The recursive measures of one parsed pattern, memoized per node (a rule's word classes repeat the
    same sub-patterns many times); ``chains`` collects the pieces of unbounded word chains."""

    def __init__(self) -> None:
        self.chains: set[str] = set()
        self._sizes: dict[int, tuple[int, int]] = {}
        self._langs: dict[int, set[str] | None] = {}
        self._covers: dict[int, Cover | None] = {}

    # ------------------------------------------------------------------------------------------ reach
    def measure(self, data: Sequence[Node]) -> tuple[int, int]:
        """(gaps ``data`` can consume, gaps its look-aheads can read beyond that)."""
        cons = looks = 0
        ws = _ws_set()
        for node in data:
            if node[0] is C.LITERAL:
                cons += node[1] in ws
                continue
            c, k = self.size(node)
            cons, looks = cons + c, looks + k
        return cons, looks

    def size(self, node: Node) -> tuple[int, int]:
        if node[0] is C.LITERAL:
            return (1, 0) if _is_ws(node[1]) else (0, 0)
        got = self._sizes.get(id(node))
        if got is None:
            got = self._sizes[id(node)] = self._size(*node)
        return got

    def _size(self, op: Any, av: Any) -> tuple[int, int]:
        if op in (C.LITERAL, C.NOT_LITERAL, C.ANY, C.IN):
            return int(_atom_ws(op, av)[0]), 0
        if op is C.SUBPATTERN or op is C.ATOMIC_GROUP:
            return self.measure((av[3] if op is C.SUBPATTERN else av).data)
        if op is C.BRANCH or op is C.GROUPREF_EXISTS:
            alts = av[1] if op is C.BRANCH else [x for x in av[1:] if x is not None]
            got = [self.measure(alt.data) for alt in alts]
            return max((c for c, _ in got), default=0), max((k for _, k in got), default=0)
        if op in _REPEATS:
            lo, hi, body = av
            c, k = self.measure(body.data)
            if hi == 0 or c + k == 0:
                return 0, 0
            single = len(body.data) == 1 and body.data[0][0] in (C.LITERAL, C.IN)
            extra = _atom_ws(*body.data[0])[1] if single else None
            if extra == "" or (extra and not extra.strip("-") and hi is C.MAXREPEAT):
                return 1, 0  # \s+, [\s-]*: one gap however long (a run of hyphens alone is no word)
            if hi is C.MAXREPEAT:
                if k:
                    raise _Unsupported("a look-ahead inside an unbounded repetition")
                _chain_pieces(body.data, self.chains)
                return 2, 0  # entering and leaving the chain; its inside is walked over for free
            return hi * c, hi * k
        if op is C.ASSERT or op is C.ASSERT_NOT:
            direction, body = av
            if direction > 0:  # a look-ahead reads past where it stands; a look-behind is never cut off
                c, k = self.measure(body.data)
                return 0, c + k
            return 0, 0
        if op is C.AT:
            return 0, 0
        raise _Unsupported(f"{op}")

    # ------------------------------------------------------------------------------------------ languages
    def lang(self, data: Sequence[Node]) -> set[str] | None:
        """The finite set of (lower-case) strings ``data`` matches, or None when not small and finite."""
        out = {""}
        text = ""
        for node in data:
            if node[0] is C.LITERAL:
                text += chr(node[1]).lower()
                continue
            alts = self.lang_node(node)
            if alts is None:
                return None
            if text:
                out = {a + text for a in out}
                text = ""
            out = {a + b for a, b in product(out, alts)}
            if len(out) > _MAX_LANG:
                return None
        return {a + text for a in out} if text else out

    def lang_node(self, node: Node) -> set[str] | None:
        if node[0] is C.LITERAL:
            return {chr(node[1]).lower()}
        key = id(node)
        if key not in self._langs:
            self._langs[key] = self._lang_node(*node)
        return self._langs[key]

    def _lang_node(self, op: Any, av: Any) -> set[str] | None:
        if op is C.LITERAL:
            return {chr(av).lower()}
        if op is C.IN:
            if any(iop is not C.LITERAL for iop, _ in av):
                return None
            return {chr(iav).lower() for _, iav in av}
        if op is C.SUBPATTERN:
            return self.lang(av[3].data)
        if op is C.BRANCH:
            out: set[str] = set()
            for alt in av[1]:
                sub = self.lang(alt.data)
                if sub is None:
                    return None
                out |= sub
            return out if len(out) <= _MAX_LANG else None
        if op in _REPEATS and av[1] == 1:
            sub = self.lang(av[2].data)
            return None if sub is None else (sub | {""} if av[0] == 0 else sub)
        if op in _ZERO_WIDTH:
            return {""}  # restricts, consumes nothing
        return None

    # ------------------------------------------------------------------------------------------ covers
    def cover(self, data: Sequence[Node]) -> Cover | None:
        """The cheapest cover of a sequence: from one element, a stretch of plain literals, a run of
        elements with a finite language, or a stretch of digits."""
        key = id(data)
        if key not in self._covers:
            self._covers[key] = self._cover(data)
        return self._covers[key]

    def _cover(self, data: Sequence[Node]) -> Cover | None:
        if data and all(op is C.LITERAL for op, _ in data):  # a plain word, the common branch of a class
            word = "".join(chr(av) for _, av in data).lower()
            if not any(ch.isdecimal() for ch in word):
                return {word: (0, sum(_is_ws(av) for _, av in data))}
        sizes = [self.size(node) for node in data]
        cons = [0, *accumulate(c for c, _ in sizes)]  # prefix sums: gaps consumed before element i
        looks = [0, *accumulate(k for _, k in sizes)]  # look-ahead gaps of the elements before i
        total = cons[-1] + looks[-1]
        options: list[Cover] = []

        def add(cover: Cover, i: int) -> None:
            """A cover found in element ``i`` (reaches counted from its start), widened to the sequence."""
            left = cons[i]
            right = looks[i] + total - cons[i + 1] - looks[i + 1]
            options.append({e: (lo + left, hi + right) for e, (lo, hi) in cover.items()})

        def add_at_start(elements: Iterable[str], i: int) -> None:
            """A cover whose strings start where element ``i`` starts."""
            add({e: (0, sum(sizes[i])) for e in elements}, i)

        start = 0
        while start < len(data):
            end = start
            while end < len(data) and self.lang_node(data[end]) is not None:
                end += 1
            if end > start:
                lang = self.lang(data[start:end])
                if lang is not None and "" not in lang:
                    add_at_start(_minimal({e: (0, 0) for e in lang}), start)
                word, at = "", start
                for i in range(start, end + 1):
                    if i < end and data[i][0] is C.LITERAL:
                        word += chr(data[i][1]).lower()
                        continue
                    if word:
                        add_at_start([word], at)
                    word, at = "", i + 1
            start = end + 1
        run, at = 0, 0
        for i in range(len(data) + 1):
            n = _digit_len(*data[i]) if i < len(data) else None
            if n is not None:
                if run == 0 and n:
                    at = i
                run += n
                continue
            if run:
                add_at_start([digits(run)], at)
            run = 0
        for i, node in enumerate(data):
            got = self._cover_node(*node)
            if got is not None:
                add(got, i)
        return min(options, key=_cost) if options else None  # each option is minimal already

    def _cover_node(self, op: Any, av: Any) -> Cover | None:
        if op is C.SUBPATTERN or op is C.ATOMIC_GROUP:
            return self.cover((av[3] if op is C.SUBPATTERN else av).data)
        if op is C.BRANCH or op is C.GROUPREF_EXISTS:
            alts = av[1] if op is C.BRANCH else av[1:]
            union: Cover = {}
            for alt in alts:
                got = None if alt is None else self.cover(alt.data)
                if got is None:
                    return None  # a branch without a cover: the alternation has none
                for e, reach in got.items():
                    union[e] = _widest(union[e], reach) if e in union else reach
            return _minimal(union)
        if op in _REPEATS and av[0] >= 1:
            got = self.cover(av[2].data)
            if got is None or av[1] == 1:
                return got
            c, k = self.measure(av[2].data)
            if c + k == 0:
                return got
            if av[1] is C.MAXREPEAT:
                return None  # a trigger in the first of unboundedly many words: no bound to the right
            more = (av[1] - 1) * (c + k)
            return {e: (lo, hi + more) for e, (lo, hi) in got.items()}
        return None  # single characters are covered through the sequence they stand in


# ---------------------------------------------------------------------------------------------- words
def _word_pieces(data: Iterable[Node], pieces: set[str], chars: set[str]) -> None:
    """Collect what the pattern can consume apart from whitespace: literal runs (``pieces``) and single
    characters of sets (``chars``; ``_DIGIT_PIECE`` for digits); raise on a wider class (\\w, \\S, .)."""
    run = ""
    for op, av in data:
        if op is C.LITERAL and not _is_ws(av):
            run += chr(av).lower()
            continue
        if run:
            pieces.add(run)
            run = ""
        if op is C.LITERAL or op is C.AT or op is C.ASSERT or op is C.ASSERT_NOT:
            continue  # whitespace, or nothing consumed
        if op is C.IN:
            for iop, iav in av:
                if iop is C.LITERAL:
                    if not _is_ws(iav):
                        chars.add(chr(iav).lower())
                elif iop is C.CATEGORY and iav is C.CATEGORY_DIGIT:
                    chars.add(_DIGIT_PIECE)
                elif iop is C.RANGE and iav[1] - iav[0] < 64:
                    chars.update(chr(c).lower() for c in range(iav[0], iav[1] + 1) if not _is_ws(c))
                elif not (iop is C.CATEGORY and iav is C.CATEGORY_SPACE):
                    raise _Unsupported(f"consumes {iop} {iav}")
        elif op is C.SUBPATTERN or op is C.ATOMIC_GROUP:
            _word_pieces((av[3] if op is C.SUBPATTERN else av).data, pieces, chars)
        elif op is C.BRANCH:
            for alt in av[1]:
                _word_pieces(alt.data, pieces, chars)
        elif op is C.GROUPREF_EXISTS:
            for alt in av[1:]:
                if alt is not None:
                    _word_pieces(alt.data, pieces, chars)
        elif op in _REPEATS:
            _word_pieces(av[2].data, pieces, chars)
        else:
            raise _Unsupported(f"consumes {op}")
    if run:
        pieces.add(run)


def _inner_pieces(data: Sequence[Node]) -> frozenset[str] | None:
    """What a word lying wholly inside a match is made of (lower-case literal runs, single characters,
    ``_DIGIT_PIECE`` for ``\\d``), or None when the rule consumes wide classes such as ``\\w``."""
    pieces: set[str] = set()
    chars: set[str] = set()
    try:
        _word_pieces(data, pieces, chars)
    except (_Unsupported, RecursionError, AttributeError, IndexError, KeyError, TypeError, ValueError):
        return None  # no early stops for this rule: wider windows, same matches
    return frozenset(pieces | chars)


def words_pattern(pieces: Iterable[str]) -> re.Pattern[str]:
    """A pattern that fully matches a (lower-case) word made only of ``pieces``."""
    pieces = set(pieces)
    chars = {p for p in pieces if len(p) == 1}
    alts = [re.escape(p) for p in sorted(pieces - chars - {_DIGIT_PIECE}, key=lambda p: (-len(p), p))]
    if chars or _DIGIT_PIECE in pieces:
        digit = "\\d" if _DIGIT_PIECE in pieces else ""
        alts.append("[" + digit + "".join(re.escape(c) for c in sorted(chars)) + "]")
    return re.compile("(?:" + "|".join(alts) + ")+")


# ---------------------------------------------------------------------------------------------- plans
@dataclass(frozen=True, slots=True)
class RulePlan:
    """How one rule is scanned: its trigger strings and the digit run it may need instead, each with the
    gaps a match spans left and right of it, and its chain pieces; ``full`` when it runs over the whole
    text."""

    name: str
    rx: re.Pattern[str]
    triggers: tuple[tuple[str, int, int], ...] = ()
    digits: tuple[int, int, int] = (0, 0, 0)  # (run length, left, right); length 0: no digit trigger
    chain: frozenset[str] = frozenset()
    inner: frozenset[str] | None = None  # pieces of a word wholly inside a match (None: not known)
    looks: int = 0  # gaps the look-aheads can read past the end of a match
    full: bool = True


def analyze(name: str, rx: re.Pattern[str]) -> RulePlan:
    """The scan plan of one compiled rule (``full=True`` when the analysis cannot bound it)."""
    work = _Analysis()
    try:
        parsed = P.parse(rx.pattern, rx.flags)
        _, looks = work.measure(parsed.data)
        best = work.cover(parsed.data)
    except (_Unsupported, RecursionError, AttributeError, IndexError, KeyError, TypeError, ValueError) as exc:
        # An unsupported construct, or a parse tree this analysis does not know (re._parser is private
        # and may change between Python versions): scanning the whole text is slow but always right.
        log.debug("rule %s is scanned over the whole text: %s", name, exc)
        return RulePlan(name, rx)
    if not best:
        return RulePlan(name, rx)
    strings = tuple(sorted((s, lo, hi) for s, (lo, hi) in best.items() if not digits_needed(s)))
    runs = [(digits_needed(s), lo, hi) for s, (lo, hi) in best.items() if digits_needed(s)]
    return RulePlan(
        name,
        rx,
        strings,
        runs[0] if runs else (0, 0, 0),
        frozenset(work.chains),
        _inner_pieces(parsed.data),
        looks,
        full=False,
    )
