"""Entities: mentions (names, descriptions, pronouns), in-article coreference, types, and the speaker of
each attribution resolved through them."""

from .speakers import SpeakerStage
from .stage import EntityStage, canonical_name

__all__ = ["EntityStage", "SpeakerStage", "canonical_name"]
