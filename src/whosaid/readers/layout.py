"""Hard-wrapped text: line breaks that only wrap a paragraph at a fixed width, joined back.

Wire copy and plain-text archives (the Reuters corpus, e-mail, ``fmt``-ed files) break every line at about 70
characters and mark paragraphs with an indented line or a blank line. Read as it is, every wrapped line looks
like a paragraph of its own to the parser, and a statement such as "Showers continued ... Comissaria Smith said
in its weekly review." is cut into one sentence per line: its content, source and cue end up in different
sentences. Web text, where a single line break separates paragraphs, must keep its breaks.

:func:`unwrap_lines` decides per document whether it is hard-wrapped (:func:`wrap_width` is not None) and then
replaces each wrapping line break by a space. The replacement is character for character (``"\\n"`` -> ``" "``,
``"\\r\\n"`` -> ``"  "``), so every offset into the result is an offset into the original text as well, and the
text keeps its paragraph breaks (blank lines, indented lines, list items).
"""

from __future__ import annotations

import re

__all__ = ["unwrap_lines", "wrap_width", "MIN_WRAPPED_BREAKS"]

MIN_WRAPPED_BREAKS = 2
"""A text with fewer line breaks inside paragraphs than this is never treated as hard-wrapped."""

_MAX_WIDTH = 100
"""Hard-wrapped lines are at most about this long (typical widths are 60-80 characters)."""

_ENDS_CLAUSE = frozenset(".!?:;\"”’'»)]")
"""A line ending in one of these may end a paragraph; a line ending otherwise (a word, a comma, a number) runs on."""

_RUN_ON_WORDS = frozenset(
    "a an the of in on at to for from with by and or but as than that which who whose its his her their our "
    "your my this these those is are was were be been has have had will would could should may might".split()
)
"""Words a sentence does not end on: a line ending with one runs on into the next."""

_LIST_ITEM = re.compile(r"(?:[-*•–—]|\d{1,3}[.)]|\(?[a-z]\))\s")
"""A line starting like a list item starts a paragraph of its own, whatever the line before."""

_LINE = re.compile(r"[^\n]*\n|[^\n]+\Z")


def _lines(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each line, ``end`` at its line break (or the end of the text)."""
    out = []
    for m in _LINE.finditer(text):
        end = m.end() - 1 if text[m.end() - 1 : m.end()] == "\n" else m.end()
        out.append((m.start(), end))
    return out


def _inner_breaks(text: str, lines: list[tuple[int, int]]) -> list[int]:
    """Indices ``i`` of the lines followed by a line break inside a paragraph: both lines hold text, the next
    is not indented (an indented line starts a paragraph in wire copy) and does not start a list item."""
    out = []
    for i in range(len(lines) - 1):
        s, e = lines[i]
        ns, ne = lines[i + 1]
        if not text[s:e].strip() or not text[ns:ne].strip():
            continue
        nxt = text[ns:ne]
        if nxt[:1] in (" ", "\t", "\xa0") or _LIST_ITEM.match(nxt):
            continue
        out.append(i)
    return out


def wrap_width(text: str) -> int | None:
    """The width the text is wrapped at, or None when it is not hard-wrapped.

    Hard-wrapped means: at least :data:`MIN_WRAPPED_BREAKS` line breaks inside paragraphs, most of them (over
    half) after a line that runs on (it does not end a clause: no final period, quote or colon), and those lines
    short (their 90th-percentile length at most about 100 characters), and at least half of them clearly
    inside a sentence (:func:`_mid_sentence`; a headline, a subtitle and a byline on lines of their own are short
    and run on, but not mid-sentence). A text with one paragraph per line
    fails the last two tests: its lines are long and end their sentences.
    """
    if text.count("\n") < MIN_WRAPPED_BREAKS:
        return None
    lines = _lines(text)
    return _width(text, lines, _inner_breaks(text, lines))


def _width(text: str, lines: list[tuple[int, int]], inner: list[int]) -> int | None:
    """:func:`wrap_width` from the text's lines and its breaks inside paragraphs."""
    if len(inner) < MIN_WRAPPED_BREAKS:
        return None
    lengths = sorted(len(text[lines[i][0] : lines[i][1]].rstrip()) for i in inner)
    width = lengths[min(len(lengths) - 1, int(0.9 * len(lengths)))]
    if width > _MAX_WIDTH:
        return None
    runs_on = sum(1 for i in inner if text[lines[i][0] : lines[i][1]].rstrip()[-1:] not in _ENDS_CLAUSE)
    if 2 * runs_on <= len(inner):
        return None
    if 2 * sum(1 for i in inner if _mid_sentence(text, lines[i], lines[i + 1])) < len(inner):
        return None  # a headline, a subtitle and a byline on lines of their own run on too, but not mid-sentence
    return width


def _mid_sentence(text: str, line: tuple[int, int], nxt: tuple[int, int]) -> bool:
    """Whether a line break clearly falls inside a sentence: the next line goes on in lower case or with a
    number, or the line ends with a comma, a hyphen or a word that cannot end a sentence ("the", "of" ...)."""
    first = text[nxt[0] : nxt[0] + 1]
    if first.islower() or first.isdigit():
        return True
    last = text[line[0] : line[1]].rstrip()
    if last[-1:] in (",", "-"):
        return True
    return last.rsplit(None, 1)[-1].lower() in _RUN_ON_WORDS if last.strip() else False


def unwrap_lines(text: str) -> str:
    """``text`` with the line breaks that only wrap a paragraph replaced by spaces (same length, same offsets);
    unchanged when it is not hard-wrapped (:func:`wrap_width`).

    A break is joined when the line after it is not indented and does not start a list item, and the break is
    clearly inside a sentence (:func:`_mid_sentence`) or the line before it is at least three quarters of the
    wrap width (a short line is a deliberate break: a headline, a table row, the end of a paragraph). The first
    line is joined only when the break is clearly inside a sentence: it is often a headline.
    """
    if text.count("\n") < MIN_WRAPPED_BREAKS:
        return text
    lines = _lines(text)
    inner = _inner_breaks(text, lines)
    width = _width(text, lines, inner)
    if width is None:
        return text
    chars = list(text)
    first = next((i for i, (s, e) in enumerate(lines) if text[s:e].strip()), 0)
    for i in inner:
        s, e = lines[i]
        if not _mid_sentence(text, lines[i], lines[i + 1]) and (i == first or len(text[s:e].rstrip()) * 4 < 3 * width):
            continue
        chars[e] = " "
        if e > s and text[e - 1] == "\r":
            chars[e - 1] = " "
    return "".join(chars)
