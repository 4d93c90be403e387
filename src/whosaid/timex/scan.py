"""Run the grammar rules only where they can match: in windows of words around their trigger strings.

Trying some 45 case-insensitive regular expressions at every character of an article made the time
stage slow. Every match of a rule contains one of its *trigger* strings (a month name, a unit word, a run
of four digits ...) and spans a bounded number of gaps between words; :mod:`whosaid.timex.triggers`
reads both off the rule. :func:`matches` finds the triggers with ``str.find`` on the lower-cased text,
opens a window around each, merges overlapping windows and runs the rule inside them. A window reaches
the rule's number of gaps to each side of the trigger (plus one word), walks over words of an unbounded
number chain for free, and stops early at a word the rule could not consume whole ("company's" can
only be the first or last word of a match, never one in the middle).

The result is exactly ``list(rx.finditer(text))`` for every rule:

- every match contains a trigger and lies inside the trigger's window, together with everything its
  look-aheads read, so a search limited to the window finds it; windows are merged, so no match crosses
  from one into the next and each window's matches chain like those of a search over the whole text;
- the search starts at the window's start position in the whole text (look-behinds see the text before
  it); each match found is run again on the whole text (``rx.match(text, start)``) and must come out the
  same - the handlers get that match object, whose ``string`` is the whole text. If one does not (only a
  match cut off at a window's end could), the rule is scanned over the whole text instead;
- a text holding one of the few characters that ``re.IGNORECASE`` folds onto an ASCII letter although
  ``str.lower`` does not (dotless i, long s, dotted capital I; the Kelvin sign is listed too) is scanned
  whole, and so is a rule the analysis cannot bound.

``tests/timex/test_scan.py`` checks the equality on texts generated from the rules themselves;
``bench/bench_time.py`` compares whole outputs with the older full scan on news and TimeBank.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate

from .triggers import RulePlan, analyze, words_pattern

__all__ = ["matches", "plans"]

_MARGIN = 1  # words added to each side of a window beyond the computed reach
_WORD = re.compile(r"-*[^\s-]\S*")  # a run of non-space characters, unless it is all hyphens
_DIGITS = re.compile(r"\d+")
_ODD_CASE = ("\u0130", "\u0131", "\u017f", "\u212a")

Rules = Sequence[tuple[str, "re.Pattern[str]"]]
Trigger = tuple[int, int, int]  # (offset, gaps a match reaches to the left, to the right)


@dataclass(frozen=True, slots=True)
class _Grammar:
    """The plans of a rule set, indexed by trigger string, and the chain shared by all rules."""

    plans: tuple[RulePlan, ...]
    # (string, index of a shorter trigger string inside it or -1, its users: (plan, left, right)), by
    # length: a string is only looked for when the one inside it was found
    by_string: tuple[tuple[str, int, tuple[tuple[int, int, int], ...]], ...]
    by_digits: tuple[tuple[int, int, int, int], ...]  # (plan, digits needed, left, right)
    pieces: tuple[str, ...]  # chain pieces: a word made only of these is walked over for free
    chain: re.Pattern[str] | None
    inner: re.Pattern[str] | None  # a word wholly inside a match of any rule with ``inner`` matches this


@lru_cache(maxsize=8)
def _grammar(rules: tuple[tuple[str, re.Pattern[str]], ...]) -> _Grammar:
    found = tuple(analyze(name, rx) for name, rx in rules)
    users: dict[str, list[tuple[int, int, int]]] = {}
    for i, plan in enumerate(found):
        if not plan.full:
            for s, left, right in plan.triggers:
                users.setdefault(s, []).append((i, left, right))
    digit_users = tuple((i, *p.digits) for i, p in enumerate(found) if not p.full and p.digits[0])
    # One chain for all rules: a word any rule could chain over is walked over for free by every rule
    # that has a chain (a wider window is still exact), and the words are classified once per text.
    pieces = sorted(set().union(*(p.chain for p in found)), key=lambda w: (-len(w), w))
    chain = re.compile("(?:" + "|".join(re.escape(w) for w in pieces) + ")+") if pieces else None
    # One word pattern for all rules too: a word some rule can consume whole is not a stop for any.
    inner_pieces = set().union(*(p.inner for p in found if p.inner is not None))
    inner = words_pattern(inner_pieces) if inner_pieces else None
    ordered = sorted(users, key=lambda s: (len(s), s))
    parents = [
        max((j for j, o in enumerate(ordered[:i]) if o in s), key=lambda j: len(ordered[j]), default=-1)
        for i, s in enumerate(ordered)
    ]
    by_string = tuple((s, parent, tuple(users[s])) for s, parent in zip(ordered, parents))
    return _Grammar(found, by_string, digit_users, tuple(pieces), chain, inner)


def plans(rules: Rules) -> tuple[RulePlan, ...]:
    """The scan plan of each rule (for tests and benchmarks)."""
    return _grammar(tuple(rules)).plans


class _Words:
    """The words of one text (runs of non-space characters, except runs of hyphens only)."""

    __slots__ = ("text", "lower", "starts", "ends", "_sums", "_inside", "_left", "_right")

    def __init__(self, text: str, lower: str) -> None:
        self.text, self.lower = text, lower
        spans = [m.span() for m in _WORD.finditer(text)]
        self.starts, self.ends = (list(x) for x in zip(*spans)) if spans else ([], [])
        self._sums: list[int] | None = None
        self._inside: list[bool | None] | None = None  # can the word lie wholly inside a match?
        self._left: list[int | None] = []  # per word: the nearest stop word at or before it
        self._right: list[int | None] = []  # per word: the nearest stop word at or after it

    def chain_sums(self, g: _Grammar) -> list[int]:
        """Prefix sums over the words of 1 for a word not made only of chain pieces, 0 for one that is.

        Such a word contains a piece, so only the words around an occurrence of a piece are tested."""
        if self._sums is None:
            assert g.chain is not None
            starts, ends, lower = self.starts, self.ends, self.lower
            costs = [1] * len(starts)
            tested: set[int] = set()
            find, full = lower.find, g.chain.fullmatch
            for piece in g.pieces:
                i = find(piece)
                while i >= 0:
                    j = bisect_right(starts, i) - 1
                    if j >= 0 and i < ends[j] and j not in tested:
                        tested.add(j)
                        if full(lower, starts[j], ends[j]):
                            costs[j] = 0
                    i = find(piece, i + 1)
            self._sums = [0, *accumulate(costs)]
        return self._sums

    def _is_inside(self, j: int, inner: re.Pattern[str]) -> bool:
        inside = self._inside
        assert inside is not None  # windows() fills the memo before the first lookup
        ok = inside[j]
        if ok is None:
            ok = inside[j] = inner.fullmatch(self.lower, self.starts[j], self.ends[j]) is not None
        return ok

    def _stop_left(self, j: int, inner: re.Pattern[str]) -> int:
        """The nearest word at or before ``j`` that no rule can consume whole (-1 if none)."""
        memo, path = self._left, []
        while j >= 0 and memo[j] is None:
            if not self._is_inside(j, inner):
                memo[j] = j
                break
            path.append(j)
            j -= 1
        found = memo[j] if j >= 0 else -1
        for i in path:
            memo[i] = found
        return found  # type: ignore[return-value]

    def _stop_right(self, j: int, inner: re.Pattern[str]) -> int:
        """The nearest word at or after ``j`` that no rule can consume whole (len(words) if none)."""
        memo, path, n = self._right, [], len(self.starts)
        while j < n and memo[j] is None:
            if not self._is_inside(j, inner):
                memo[j] = j
                break
            path.append(j)
            j += 1
        found = memo[j] if j < n else n
        for i in path:
            memo[i] = found
        return found  # type: ignore[return-value]

    def windows(self, triggers: list[Trigger], g: _Grammar, plan: RulePlan) -> list[list[int]]:
        """Merged [start, end) windows holding every match of ``plan``'s rule that contains one of
        ``triggers`` (sorted), with what the match's look-aheads read."""
        starts, ends, n, size = self.starts, self.ends, len(self.starts), len(self.text)
        out: list[list[int]] = []
        if n == 0:  # no words at all: one window over everything
            return [[0, size]]
        sums = self.chain_sums(g) if plan.chain and g.chain is not None else None
        inner = g.inner if plan.inner is not None else None
        looks = plan.looks
        if inner is not None and self._inside is None:
            self._inside, self._left, self._right = [None] * n, [None] * n, [None] * n
        for p, left, right in triggers:
            k = bisect_right(starts, p) - 1
            if k < 0:
                k = 0
            if sums is None:
                lo, hi = k - left, k + right
            else:  # words made only of chain pieces cost nothing: "twenty one hundred" is walked over
                lo = bisect_left(sums, sums[k] - left)
                hi = bisect_right(sums, sums[k + 1] + right) - 2
            if inner is not None:
                # A word no rule can consume whole can only be the first or last word of a match.
                if lo + 2 < k:
                    lo = max(lo, self._stop_left(k - 1, inner))
                if hi - 2 > k + looks and k + 1 < n:
                    hi = min(hi, self._stop_right(k + 1, inner) + looks)
            lo -= _MARGIN
            hi += _MARGIN
            a = ends[lo - 1] if lo >= 1 else 0
            b = starts[hi + 1] if hi + 1 < n else size
            if out and a <= out[-1][1]:
                if b > out[-1][1]:
                    out[-1][1] = b
            else:
                out.append([a, b])
        return out


def _triggers(g: _Grammar, text: str, lower: str) -> list[list[Trigger]]:
    """Per plan, its triggers in the text (occurrences of its strings, long enough digit runs)."""
    per_plan: list[list[Trigger]] = [[] for _ in g.plans]
    find = lower.find
    seen = [False] * len(g.by_string)
    for n, (s, parent, users) in enumerate(g.by_string):
        if parent >= 0 and not seen[parent]:
            continue
        i = find(s)
        if i < 0:
            continue
        seen[n] = True
        found = []
        while i >= 0:
            found.append(i)
            i = find(s, i + 1)
        for plan, left, right in users:
            per_plan[plan].extend([(p, left, right) for p in found])
    if g.by_digits:
        runs = [(m.start(), m.end() - m.start()) for m in _DIGITS.finditer(text)]
        if runs:
            for plan, need, left, right in g.by_digits:
                per_plan[plan].extend([(p, left, right) for p, n in runs if n >= need])
    return per_plan


def _in_windows(rx: re.Pattern[str], text: str, windows: list[list[int]]) -> list[re.Match[str]] | None:
    """The rule's matches found in the windows, or None when one differs on the whole text."""
    out: list[re.Match[str]] = []
    for a, b in windows:
        for m in rx.finditer(text, a, b):
            whole = rx.match(text, m.start())
            if whole is None or whole.regs != m.regs:
                return None
            out.append(whole)
    return out


def matches(rules: Rules, text: str) -> Iterator[tuple[str, list[re.Match[str]]]]:
    """``(name, list(rx.finditer(text)))`` for each rule in order, searched only around triggers."""
    g = _grammar(tuple(rules))
    lower = text.lower()
    if not text.isascii() and (len(lower) != len(text) or any(ch in text for ch in _ODD_CASE)):
        for plan in g.plans:
            yield plan.name, list(plan.rx.finditer(text))
        return
    per_plan = _triggers(g, text, lower)
    words: _Words | None = None
    for plan, found in zip(g.plans, per_plan):
        got: list[re.Match[str]] | None = []
        if plan.full:
            got = None
        elif found:
            if words is None:
                words = _Words(text, lower)
            found.sort()
            got = _in_windows(plan.rx, text, words.windows(found, g, plan))
        yield plan.name, got if got is not None else list(plan.rx.finditer(text))
