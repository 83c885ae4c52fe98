"""Exceptions raised by newsdiff.

Every error newsdiff raises derives from :class:`NewsdiffError`, so a caller
can catch one class.  An argument or option of the wrong type raises
:class:`ArgumentTypeError`, which is also a :class:`TypeError` (as Python
code conventionally raises) so that either ``except`` clause catches it.

Errors about a file carry a ``problem`` (what is wrong, naming the file) and
a ``hint`` (how to get past it, in library terms); the command line prints
the problem with its own hint (``--encoding`` rather than ``encoding=``).
"""

from __future__ import annotations

__all__ = [
    "ArgumentTypeError",
    "DecodingError",
    "InputError",
    "NewsdiffError",
    "SizeLimitError",
]


class NewsdiffError(Exception):
    """Base class of all errors newsdiff raises."""


class InputError(NewsdiffError, ValueError):
    """An argument newsdiff cannot use: a bad value, a missing or damaged file."""


class ArgumentTypeError(InputError, TypeError):
    """An argument or option of the wrong type; the message names the
    argument, the expected type and the value's type."""


class DecodingError(InputError, UnicodeError):
    """A file's bytes are not valid in the encoding it was read with.

    Carries the file name and the byte offset of the first bad byte, so the
    message points at the exact spot to inspect (``xxd -s OFFSET FILE``).
    """

    def __init__(self, path: str, encoding: str, offset: int, reason: str) -> None:
        self.path = path
        self.encoding = encoding
        self.offset = offset
        self.reason = reason
        self.problem = f"{path}: not valid {encoding} at byte offset {offset} ({reason})"
        self.hint = "pass encoding=... or errors='replace' to read it anyway"
        super().__init__(f"{self.problem}; {self.hint}")


class SizeLimitError(InputError):
    """An input is larger than the size limit (it may be endless, like a
    device or a pipe that is never closed)."""

    def __init__(self, path: str, limit: int) -> None:
        self.path = path
        self.limit = limit
        self.problem = f"{path}: larger than the limit of {limit:,} bytes"
        self.hint = "pass max_bytes=... to read larger files"
        super().__init__(f"{self.problem}; {self.hint}")


def require_str(value: object, name: str) -> str:
    """Return ``value`` if it is a ``str``, else raise ArgumentTypeError naming ``name``."""
    if not isinstance(value, str):
        raise ArgumentTypeError(f"{name} must be str, not {type(value).__name__}")
    return value
