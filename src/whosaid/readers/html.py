"""HTML pages: main text, title, date and site name through trafilatura (offline, no fetching)."""

from __future__ import annotations

from ..errors import InputError
from ..model import Article
from .layout import unwrap_lines

__all__ = ["article_from_html"]


def article_from_html(html: str, *, id: str, source: str | None = None, url: str | None = None) -> Article:
    """Extract the article from an HTML page; offsets are into the extracted text."""
    import trafilatura  # heavy import, only when HTML is read

    doc = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=False, favor_precision=True
    )
    text = getattr(doc, "text", None) if doc is not None else None
    if not text or not text.strip():
        raise InputError("no article text found in this HTML page", source=source)
    date = None
    raw_date = getattr(doc, "date", None)
    if raw_date:
        try:
            date = Article.parse_date(raw_date, source=source)
        except InputError:
            date = None
    return Article(
        id=id,
        text=unwrap_lines(text),
        date=date,
        title=getattr(doc, "title", None) or None,
        outlet=getattr(doc, "sitename", None) or None,
        url=url or getattr(doc, "url", None) or None,
    )
