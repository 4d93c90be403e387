"""Time: TIMEX3 expressions normalized against the article date, when each statement was made, and dated
events for a timeline."""

from .events import EventStage
from .said_at import SaidAtStage
from .time import TimeStage

__all__ = ["TimeStage", "SaidAtStage", "EventStage"]
