"""Server-side rendering helpers: the highlighted article text and display labels.

The article text is untrusted: every piece of it goes through :func:`markupsafe.escape`, and the only markup
added is ours. The highlighted text is built from character offsets: the text is cut at every span boundary
into elementary segments, and each segment that lies inside a content, cue or source span becomes one
``<span>`` that names, in ``data-*`` attributes, the statements it belongs to. Joining the segments of one
statement's content gives back the content text exactly.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

from markupsafe import Markup, escape

from ..model import SOURCE_TYPES, Attribution, Span
from .timefmt import readable_time

__all__ = [
    "SOURCE_TYPE_LABELS",
    "MIX_CATEGORIES",
    "source_type_label",
    "highlight_text",
    "statement_tooltip",
    "speaker_label",
    "Segment",
    "segments",
    "person_href",
    "article_href",
    "outlet_href",
    "relation_phrase",
    "safe_url",
    "statement_order",
]

SOURCE_TYPE_LABELS: Mapping[str, str] = {
    "person": "named person",
    "anonymous": "anonymous",
    "outlet": "news outlet",
    "organization": "organization",
    "social_media": "social media",
    "document": "document",
    "unknown": "unknown",
}

# The sourcing-mix categories of the overview chart, disjoint (they add up to an outlet's statements):
# (key in sources_by_outlet(), label, css class). "relayed" (a statement passed on via another outlet,
# ``via`` set) cuts across them and is drawn as its own thin bar.
MIX_CATEGORIES: tuple[tuple[str, str, str], ...] = (
    ("named", "named person", "st-person"),
    ("anonymous", "anonymous", "st-anonymous"),
    ("media", "news outlet", "st-outlet"),
    ("social_media", "social media", "st-social_media"),
    ("organization", "organization", "st-organization"),
    ("document", "document", "st-document"),
    ("unknown", "unknown", "st-unknown"),
)

_ROLES = ("content", "cue", "source")

# How a relation reads from each side: (the subject's side, the object's side). "Ivanka Trump child_of Donald
# Trump" reads "child of Donald Trump" on Ivanka's page and "parent of Ivanka Trump" on Donald's.
RELATION_PHRASES: Mapping[str, tuple[str, str]] = {
    "child_of": ("child of", "parent of"),
    "parent_of": ("parent of", "child of"),
    "spouse_of": ("spouse of", "spouse of"),
    "sibling_of": ("sibling of", "sibling of"),
    "friend_of": ("friend of", "friend of"),
    "colleague_of": ("colleague of", "colleague of"),
    "met_with": ("met with", "met with"),
    "works_for": ("works for", "employer of"),
    "advocated_for": ("advocated for", "supported by"),
    "criticized": ("criticized", "criticized by"),
}


def relation_phrase(relation: str, role: str = "subject") -> str:
    """The relation as it reads from one side: ``role`` is "subject" or "object" (the person's part in it)."""
    known = RELATION_PHRASES.get(relation)
    plain = relation.replace("_", " ")
    if known:
        return known[0] if role == "subject" else known[1]
    return plain if role == "subject" else f"object of “{plain}” by"


def safe_url(url: str | None) -> str | None:
    """The URL when it is an http(s) address that may be a link; None otherwise (javascript:, data:...)."""
    if not url:
        return None
    parts = urlsplit(url.strip())
    return url.strip() if parts.scheme in ("http", "https") and parts.netloc else None


def statement_order(attributions: Sequence[Attribution]) -> list[int]:
    """The statements' indexes in text order: by their first character (content, cue or source), then index."""

    def first(i: int) -> tuple[int, int]:
        att = attributions[i]
        starts = [s.start for s in (att.content, att.cue, att.source) if s is not None]
        return (min(starts) if starts else 1 << 62, i)

    return sorted(range(len(attributions)), key=first)


def person_href(person_id: str) -> str:
    """The URL of a person page (the id or name is one path segment)."""
    return "/person/" + quote(str(person_id), safe="")


def article_href(article_id: str) -> str:
    """The URL of an article page (ids may contain slashes)."""
    return "/article/" + quote(str(article_id), safe="/")


def outlet_href(outlet: str) -> str:
    """The URL of an outlet page (the name is one path segment)."""
    return "/outlets/" + quote(str(outlet), safe="")


def source_type_label(source_type: str | None) -> str:
    """The readable label of a source type ("named person" for ``person``)."""
    return SOURCE_TYPE_LABELS.get(source_type or "unknown", source_type or "unknown")


def speaker_label(att: Attribution) -> str:
    """Who said it, for display: the resolved speaker, else the source description or source text."""
    if att.speaker:
        return att.speaker
    if att.source_description:
        return att.source_description
    if att.source is not None:
        return att.source.text
    return "(no source)"


def statement_tooltip(att: Attribution) -> str:
    """A one-line description (plain text; escaped where it is used)."""
    parts = [f"{speaker_label(att)} — {source_type_label(att.source_type)}"]
    if att.via:
        parts.append(f"via {att.via}")
    if att.said_at:
        parts.append(f"said {readable_time(att.said_at)} ({att.said_at})")
    if att.cue is not None:
        parts.append(f"cue “{att.cue.text}”")
    return " · ".join(parts)


@dataclass(frozen=True, slots=True)
class Segment:
    """One elementary stretch ``text[start:end]`` and the statements covering it, by role."""

    start: int
    end: int
    content: tuple[int, ...] = ()  # innermost (shortest) content first
    cue: tuple[int, ...] = ()
    source: tuple[int, ...] = ()

    @property
    def marked(self) -> bool:
        """Whether any statement covers this stretch."""
        return bool(self.content or self.cue or self.source)

    @property
    def primary(self) -> int | None:
        """The statement whose colour the segment takes: the innermost content, else a cue or source."""
        for group in (self.content, self.cue, self.source):
            if group:
                return group[0]
        return None


def _parts(span: Span | None, limit: int) -> Iterable[tuple[int, int]]:
    if span is None:
        return ()
    out = []
    for s, e in span.parts:
        s, e = max(0, min(s, limit)), max(0, min(e, limit))
        if e > s:
            out.append((s, e))
    return out


def segments(text: str, attributions: Sequence[Attribution]) -> list[Segment]:
    """Cut ``text`` at every span boundary; a sweep over the boundaries keeps this linear in practice."""
    n = len(text)
    intervals: list[tuple[int, int, str, int]] = []
    content_len: dict[int, int] = {}
    for i, att in enumerate(attributions):
        for role, span in zip(_ROLES, (att.content, att.cue, att.source)):
            for s, e in _parts(span, n):
                intervals.append((s, e, role, i))
        content_len[i] = (att.content.end - att.content.start) if att.content is not None else n + 1
    cuts = sorted({0, n, *(s for s, _, _, _ in intervals), *(e for _, e, _, _ in intervals)})
    starts: dict[int, list[tuple[int, int, str, int]]] = {}
    for iv in intervals:
        starts.setdefault(iv[0], []).append(iv)
    active: list[tuple[int, int, str, int]] = []
    out: list[Segment] = []
    for a, b in zip(cuts, cuts[1:]):
        active = [iv for iv in active if iv[1] > a] + starts.get(a, [])
        if not active:
            out.append(Segment(a, b))
            continue
        groups: dict[str, set[int]] = {role: set() for role in _ROLES}
        for _, _, role, i in active:
            groups[role].add(i)
        out.append(
            Segment(
                a,
                b,
                content=tuple(sorted(groups["content"], key=lambda i: (content_len[i], i))),
                cue=tuple(sorted(groups["cue"])),
                source=tuple(sorted(groups["source"])),
            )
        )
    return out


def _ids(values: Iterable[int]) -> str:
    return " ".join(str(v) for v in values)


def highlight_text(text: str, attributions: Sequence[Attribution]) -> Markup:
    """The article text as HTML, with each statement's content, cue and source wrapped in marked spans."""
    html: list[str] = []
    tips: dict[int, str] = {}
    for seg in segments(text, attributions):
        piece = str(escape(text[seg.start : seg.end]))
        if not seg.marked:
            html.append(piece)
            continue
        primary = seg.primary
        assert primary is not None
        att = attributions[primary]
        source_type = att.source_type if att.source_type in SOURCE_TYPES else "unknown"
        classes = ["hl", f"st-{source_type}"]
        if seg.content:
            classes.append("c")
        if seg.cue:
            classes.append("cue")
        if seg.source:
            classes.append("src")
        every = list(dict.fromkeys([*seg.content, *seg.cue, *seg.source]))
        if primary not in tips:
            tips[primary] = str(escape(statement_tooltip(att)))
        attrs = [f'class="{" ".join(classes)}"', f'data-a="{_ids(every)}"']
        if seg.content:
            attrs.append(f'data-c="{_ids(seg.content)}"')
        if seg.cue:
            attrs.append(f'data-q="{_ids(seg.cue)}"')
        if seg.source:
            attrs.append(f'data-s="{_ids(seg.source)}"')
        attrs.append(f'title="{tips[primary]}"')
        html.append(f"<span {' '.join(attrs)}>{piece}</span>")
    return Markup("".join(html))
