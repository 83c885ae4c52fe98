"""Exceptions raised by newsdiff.

Every error newsdiff raises on purpose derives from :class:`NewsdiffError`, so a
caller can catch one class.  Wrong argument *types* raise the built-in
:class:`TypeError` instead, as Python code conventionally does.
"""

from __future__ import annotations

__all__ = ["DecodingError", "InputError", "NewsdiffError"]


class NewsdiffError(Exception):
    """Base class of all errors newsdiff raises on purpose."""


class InputError(NewsdiffError, ValueError):
    """An argument has the right type but a value newsdiff cannot use."""


class DecodingError(NewsdiffError, UnicodeError):
    """A file's bytes are not valid in the encoding it was read with.

    Carries the file name and the byte offset of the first bad byte, so the
    message points at the exact spot to inspect (``xxd -s OFFSET FILE``).
    """

    def __init__(self, path: str, encoding: str, offset: int, reason: str) -> None:
        self.path = path
        self.encoding = encoding
        self.offset = offset
        self.reason = reason
        super().__init__(
            f"{path}: not valid {encoding} at byte offset {offset} ({reason}); "
            "pass encoding=... or errors='replace' to read it anyway"
        )


def require_str(value: object, name: str) -> str:
    """Return ``value`` if it is a ``str``, else raise a TypeError naming ``name``."""
    if not isinstance(value, str):
        raise TypeError(f"{name} must be str, not {type(value).__name__}")
    return value
