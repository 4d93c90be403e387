"""Attribution: who said what. Quotes and cues found on the parse, the learned tagger's proposals, the rule
engine, the hybrid merge and the boundary conventions, ending in ``state.attributions``."""

from .cues import CueStage
from .quotes import QuoteStage
from .stage import AttributionStage
from .tagger import TaggerStage

__all__ = ["QuoteStage", "CueStage", "TaggerStage", "AttributionStage"]
