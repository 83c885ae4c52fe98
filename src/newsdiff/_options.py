"""Argument checks shared by the functions that take an options object."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import attrs

from newsdiff.document import Document
from newsdiff.errors import ArgumentTypeError, InputError

__all__ = [
    "check_option_type",
    "integer_at_least",
    "require_documents",
    "resolve_options",
    "unit_interval",
]

Options = TypeVar("Options")
Validator = Callable[[object, "attrs.Attribute[int]", int], None]

# The types an option may be declared with, and what each accepts: an int
# is a fine float, but a bool is no number here (True is 1 to Python).
_ACCEPTS: dict[str, tuple[type, ...]] = {"float": (int, float), "int": (int,), "bool": (bool,)}


def check_option_type(name: str, value: object, declared: str, function: str = "") -> None:
    """ArgumentTypeError naming the option, its value and the type it needs,
    if ``value`` is not of the ``declared`` type (``"float"``, ``"int"``,
    ``"bool"``; other declarations are not checked here)."""
    accepted = _ACCEPTS.get(declared)
    if accepted is None:
        return
    if not isinstance(value, accepted) or (declared != "bool" and isinstance(value, bool)):
        where = f"{function}(): " if function else ""
        raise ArgumentTypeError(
            f"{where}option {name} must be {declared}, got {value!r} ({type(value).__name__})"
        )


def unit_interval(_instance: object, attribute: attrs.Attribute[float], value: float) -> None:
    """attrs validator of the options' shares and thresholds: a number in [0, 1]."""
    check_option_type(attribute.name, value, "float")
    if not 0.0 <= value <= 1.0:
        raise InputError(f"{attribute.name} must be in [0, 1], got {value!r}")


def integer_at_least(minimum: int) -> Validator:
    """attrs validator of a count option: an integer (not a bool) >= ``minimum``."""

    def validate(_instance: object, attribute: attrs.Attribute[int], value: int) -> None:
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            raise InputError(f"{attribute.name} must be an integer >= {minimum}, got {value!r}")

    return validate


def require_documents(**documents: object) -> None:
    """ArgumentTypeError naming the first argument that is not a Document."""
    for name, value in documents.items():
        if not isinstance(value, Document):
            raise ArgumentTypeError(f"{name} must be Document, not {type(value).__name__}")


def resolve_options(
    options: Options | None, kind: type[Options], changes: dict[str, Any], function: str
) -> Options:
    """``options`` (or the defaults of ``kind``) with keyword ``changes``
    applied; ArgumentTypeError for a wrong type or an unknown option name."""
    if options is None:
        options = kind()
    elif not isinstance(options, kind):
        raise ArgumentTypeError(f"options must be {kind.__name__}, not {type(options).__name__}")
    if not changes:
        return options
    declared = {field.name: field.type for field in attrs.fields(kind)}  # type: ignore[arg-type]
    for name, value in changes.items():
        if name not in declared:
            known = ", ".join(sorted(declared))
            raise ArgumentTypeError(f"{function}() got an unknown option {name!r} (known: {known})")
        check_option_type(name, value, str(declared[name]), function)
    return attrs.evolve(options, **changes)  # type: ignore[misc]
