"""Argument checks shared by the functions that take an options object."""

from __future__ import annotations

from typing import Any, TypeVar

import attrs

from newsdiff.document import Document
from newsdiff.errors import InputError

__all__ = ["require_documents", "resolve_options", "unit_interval"]

Options = TypeVar("Options")


def unit_interval(_instance: object, attribute: attrs.Attribute[float], value: float) -> None:
    """attrs validator of the options' shares and thresholds: in [0, 1]."""
    if not 0.0 <= value <= 1.0:
        raise InputError(f"{attribute.name} must be in [0, 1], got {value!r}")


def require_documents(**documents: object) -> None:
    """TypeError naming the first argument that is not a Document."""
    for name, value in documents.items():
        if not isinstance(value, Document):
            raise TypeError(f"{name} must be Document, not {type(value).__name__}")


def resolve_options(
    options: Options | None, kind: type[Options], changes: dict[str, Any], function: str
) -> Options:
    """``options`` (or the defaults of ``kind``) with keyword ``changes``
    applied; TypeError for a wrong type or an unknown option name."""
    if options is None:
        options = kind()
    elif not isinstance(options, kind):
        raise TypeError(f"options must be {kind.__name__}, not {type(options).__name__}")
    if not changes:
        return options
    try:
        return attrs.evolve(options, **changes)  # type: ignore[misc]
    except TypeError as error:
        raise TypeError(f"{function}() got an unknown option: {error}") from None
