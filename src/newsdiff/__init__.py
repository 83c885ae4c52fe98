"""newsdiff: align sentences across syndicated news copies.

Public API:

- :class:`Document` -- an article: id, raw text, metadata, sentences.
- :class:`Sentence`, :class:`Token` -- spans of a document's text.
- :class:`Role`, :class:`TokenKind` -- what a sentence / token is.
- :func:`segment` -- split text into sentences with spans and roles.
- :func:`normalize` -- the comparison form of a text.
- :class:`NewsdiffError`, :class:`InputError`, :class:`DecodingError` -- errors.
"""

from newsdiff.document import Document, Sentence, Token, segment
from newsdiff.errors import DecodingError, InputError, NewsdiffError
from newsdiff.text.furniture import Role
from newsdiff.text.normalize import normalize
from newsdiff.text.tokenize import TokenKind

__version__ = "0.1.0"

__all__ = [
    "DecodingError",
    "Document",
    "InputError",
    "NewsdiffError",
    "Role",
    "Sentence",
    "Token",
    "TokenKind",
    "__version__",
    "normalize",
    "segment",
]
