"""Stage contracts: what each stage reads and writes, checked when a Pipeline is built and, on demand, at run time.

``check_stages`` is whosaid's ``analyze_pipes``: every field a stage requires must be one of the state's
:data:`~whosaid.pipeline.state.INPUTS` or be assigned by an earlier stage, every declared name must be a
:class:`~whosaid.pipeline.state.DocState` field, and no two stages assign the same field.

``GuardedState`` enforces the declarations while a stage runs (for tests and for authors of new stages): reading
a field the stage did not declare, or writing any field, raises :class:`~whosaid.errors.ContractError`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from ..errors import ContractError
from .state import INPUTS, STATE_FIELDS, DocState, Stage

__all__ = ["check_stages", "check_output", "GuardedState", "guarded"]


def check_stages(stages: Iterable[Stage]) -> None:
    """Raise ContractError when a stage requires a field no earlier stage assigns (or names an unknown field)."""
    available = set(INPUTS)
    assigned_by: dict[str, str] = {}
    for stage in stages:
        name = getattr(stage, "name", type(stage).__name__)
        requires = tuple(getattr(stage, "requires", ()))
        assigns = tuple(getattr(stage, "assigns", ()))
        for attr in requires + assigns:
            if attr not in STATE_FIELDS:
                raise ContractError(
                    f"stage {name!r} declares {attr!r}, which is not a DocState field "
                    f"(fields: {', '.join(sorted(STATE_FIELDS))})"
                )
        for attr in requires:
            if attr not in available:
                raise ContractError(
                    f"stage {name!r} requires {attr!r}, which no earlier stage assigns; "
                    "add the stage that assigns it before this one"
                )
        for attr in assigns:
            if attr in INPUTS:
                raise ContractError(f"stage {name!r} assigns {attr!r}, which is a pipeline input")
            if attr in assigned_by:
                raise ContractError(
                    f"stages {assigned_by[attr]!r} and {name!r} both assign {attr!r}; a field has one writer"
                )
            assigned_by[attr] = name
        available.update(assigns)


def check_output(stage: Stage, output: Mapping[str, Any] | None) -> Mapping[str, Any]:
    """The stage's returned values, or ContractError when they are not exactly its ``assigns``."""
    if not isinstance(output, Mapping):
        raise ContractError(
            f"stage {stage.name!r} returned {type(output).__name__}, not a mapping of "
            f"{', '.join(stage.assigns) or 'nothing'}"
        )
    if set(output) != set(stage.assigns):
        raise ContractError(f"stage {stage.name!r} returned {sorted(output)}, but assigns {sorted(stage.assigns)}")
    return output


class GuardedState(DocState):
    """A DocState that lets a stage read only ``allowed`` fields and write none (see the module doc)."""

    _allowed: frozenset[str]
    _stage: str
    reads: set[str]
    """The fields the stage has read so far."""

    def __getattribute__(self, name: str) -> Any:
        if name in STATE_FIELDS:
            if name not in object.__getattribute__(self, "_allowed"):
                stage = object.__getattribute__(self, "_stage")
                raise ContractError(f"stage {stage!r} read {name!r}, which it does not declare in requires")
            object.__getattribute__(self, "reads").add(name)
        return object.__getattribute__(self, name)

    def __setattr__(self, name: str, value: Any) -> None:
        if name in STATE_FIELDS and name in getattr(self, "__dict__", {}):
            stage = object.__getattribute__(self, "_stage")
            raise ContractError(f"stage {stage!r} wrote {name!r}: stages return their results instead")
        object.__setattr__(self, name, value)


def guarded(state: DocState, stage: Stage) -> GuardedState:
    """A copy of ``state`` (sharing its values) that holds ``stage`` to its declared ``requires``."""
    copy = object.__new__(GuardedState)
    object.__setattr__(copy, "_allowed", frozenset(stage.requires))
    object.__setattr__(copy, "_stage", stage.name)
    object.__setattr__(copy, "reads", set())
    for name, value in vars(state).items():
        object.__setattr__(copy, name, value)
    return copy
