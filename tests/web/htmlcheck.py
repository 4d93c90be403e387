"""A small stdlib HTML reader for the page tests: the highlighted text's segments, elements and their attributes."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@dataclass
class Piece:
    text: str
    attrs: dict[str, str]  # attributes of the innermost element holding the text


@dataclass
class Page:
    elements: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    pieces: list[Piece] = field(default_factory=list)  # text inside #article-text, in order

    def article_text(self) -> str:
        return "".join(p.text for p in self.pieces)

    def statement_text(self, i: int, attr: str = "data-c") -> str:
        return "".join(p.text for p in self.pieces if str(i) in p.attrs.get(attr, "").split())

    def find(self, tag: str | None = None, **attrs: str) -> list[dict[str, str]]:
        out = []
        for t, a in self.elements:
            if tag is not None and t != tag:
                continue
            if all(a.get(k.replace("_", "-")) == v for k, v in attrs.items()):
                out.append(a)
        return out

    def with_class(self, cls: str) -> list[tuple[str, dict[str, str]]]:
        return [(t, a) for t, a in self.elements if cls in a.get("class", "").split()]


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = Page()
        self.stack: list[tuple[str, dict[str, str]]] = []
        self.in_text = 0  # depth inside #article-text (0 = outside)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: (v or "") for k, v in attrs}
        self.page.elements.append((tag, a))
        if tag in VOID:
            return
        self.stack.append((tag, a))
        if self.in_text:
            self.in_text += 1
        elif a.get("id") == "article-text":
            self.in_text = 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.page.elements.append((tag, {k: (v or "") for k, v in attrs}))

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID or not self.stack:
            return
        while self.stack:
            t, _ = self.stack.pop()
            if self.in_text:
                self.in_text -= 1
            if t == tag:
                break

    def handle_data(self, data: str) -> None:
        if self.in_text:
            attrs = self.stack[-1][1] if self.in_text > 1 else {}
            self.page.pieces.append(Piece(data, attrs))


def parse(html: str) -> Page:
    reader = _Reader()
    reader.feed(html)
    reader.close()
    return reader.page


def event_handler_attributes(page: Page) -> list[tuple[str, str]]:
    """Every ``on*`` attribute in the page (there must be none: our markup uses none)."""
    return [(t, k) for t, a in page.elements for k in a if k.lower().startswith("on")]


def scripts(page: Page) -> list[dict[str, str]]:
    return [a for t, a in page.elements if t == "script"]
