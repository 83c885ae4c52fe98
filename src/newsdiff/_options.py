"""Argument checks shared by the functions that take an options object."""

from __future__ import annotations

from typing import Any, TypeVar

import attrs

from newsdiff.document import Document

__all__ = ["require_documents", "resolve_options"]

Options = TypeVar("Options")


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
