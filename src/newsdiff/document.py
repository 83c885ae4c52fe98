"""Documents and their sentences: the data model every later stage builds on.

A :class:`Document` keeps its text exactly as given and is segmented once,
when it is created.  Each :class:`Sentence` is a span of that text;
``doc.text[s.start:s.end] == s.text`` always holds.  A sentence's comparison
forms (:attr:`Sentence.norm`, :attr:`Sentence.tokens`) are computed on first
use and cached, so segmenting a corpus does not pay for tokenizing it.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterable, Mapping
from functools import cached_property
from pathlib import Path
from typing import Any

import attrs

from newsdiff._files import read_bounded
from newsdiff.errors import ArgumentTypeError, DecodingError, InputError, require_str
from newsdiff.text.furniture import DATE_PREFIX, Role
from newsdiff.text.normalize import normalize
from newsdiff.text.segment import segment_spans
from newsdiff.text.tokenize import TokenKind, tokenize_spans

__all__ = ["MAX_BYTES", "Document", "Sentence", "Token", "segment"]

MAX_BYTES = 100_000_000
"""Default size limit of a file read: far above any article, far below
what an endless input (``/dev/zero``, a pipe never closed) would cost."""

# A lone surrogate is not text: it cannot be encoded as UTF-8, so it could be
# neither stored in the index nor written as JSON or HTML.
_SURROGATE = re.compile("[\ud800-\udfff]")


@attrs.frozen
class Token:
    """A word, number or abbreviation of a sentence.

    ``start``/``end`` index the document's text; ``norm`` is the comparison
    form (typography folded, case-folded); ``kind`` classes it for
    comparison (function word, number, name, content word).
    """

    text: str
    start: int
    end: int
    norm: str
    kind: TokenKind


@attrs.frozen
class Sentence:
    """One unit of a document: a sentence, headline, dateline, ...

    ``start``/``end`` index the document's text, ``index`` is the position
    among the document's sentences, ``paragraph`` the 0-based paragraph.
    """

    doc_id: str
    index: int
    start: int
    end: int
    text: str
    paragraph: int
    role: Role

    @cached_property
    def norm(self) -> str:
        """The comparison form of the text (see :func:`newsdiff.normalize`)."""
        return normalize(self.text)

    @cached_property
    def tokens(self) -> tuple[Token, ...]:
        """Word tokens, with spans into the document's text."""
        offset = self.start
        text = self.text
        return tuple(
            Token(text[s:e], s + offset, e + offset, norm, kind)
            for s, e, norm, kind in tokenize_spans(text)
        )

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON: index, span, paragraph, role and text."""
        return {
            "index": self.index,
            "start": self.start,
            "end": self.end,
            "paragraph": self.paragraph,
            "role": self.role.value,
            "text": self.text,
        }


def segment(text: str, doc_id: str = "") -> tuple[Sentence, ...]:
    """Segment ``text`` into sentences with spans, paragraphs and roles.

    Linear in ``len(text)``.  Units never exceed
    :data:`newsdiff.text.segment.MAX_UNIT_CHARS` characters.

    >>> [(s.role.value, s.text) for s in segment("BAGHDAD (AFP) - Mr. Salih left. He said so.")]
    [('dateline', 'BAGHDAD (AFP) -'), ('body', 'Mr. Salih left.'), ('body', 'He said so.')]
    """
    require_str(text, "text")
    require_str(doc_id, "doc_id")
    return tuple(
        Sentence(doc_id, index, start, end, text[start:end], paragraph, role)
        for index, (start, end, paragraph, role) in enumerate(segment_spans(text))
    )


def _require_text(value: object, name: str) -> str:
    """``value`` if it is a ``str`` that UTF-8 can encode."""
    text = require_str(value, name)
    found = None if text.isascii() else _SURROGATE.search(text)
    if found is not None:
        raise InputError(
            f"{name} holds a lone surrogate (U+{ord(found.group()):04X}) at offset "
            f"{found.start()}: not text; decode the source with errors='replace'"
        )
    return text


def _check_str(name: str) -> Any:
    def validate(_instance: object, _attribute: object, value: object) -> None:
        _require_text(value, name)

    return validate


def _check_optional_str(name: str) -> Any:
    def validate(_instance: object, _attribute: object, value: object) -> None:
        if value is not None:
            _require_text(value, name)

    return validate


def _check_id(_instance: object, _attribute: object, value: Any) -> None:
    if not _require_text(value, "id").strip():
        raise InputError("document id must not be empty")


@attrs.frozen(repr=False)
class Document:
    """One article: an id, its raw text (never altered), optional metadata,
    and its sentences (segmented on creation).

    >>> doc = Document.from_text("Mounting tensions\\n\\nIt came at 2 a.m. on Sunday.", id="x")
    >>> [(s.index, s.role.value, s.text) for s in doc.sentences]
    [(0, 'headline', 'Mounting tensions'), (1, 'body', 'It came at 2 a.m. on Sunday.')]
    >>> doc.text[doc.sentences[1].start:doc.sentences[1].end] == doc.sentences[1].text
    True
    """

    id: str = attrs.field(validator=_check_id)
    text: str = attrs.field(validator=_check_str("text"))
    date: str | None = attrs.field(default=None, validator=_check_optional_str("date"))
    outlet: str | None = attrs.field(default=None, validator=_check_optional_str("outlet"))
    url: str | None = attrs.field(default=None, validator=_check_optional_str("url"))
    title: str | None = attrs.field(default=None, validator=_check_optional_str("title"))
    sentences: tuple[Sentence, ...] = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        # Frozen class: the derived field is set once, here, and never again.
        object.__setattr__(self, "sentences", segment(self.text, self.id))

    def __repr__(self) -> str:
        # The id and sizes, not the text: a repr is read in a traceback or a
        # debugger, where a whole article is noise.
        date = f", date={self.date!r}" if self.date else ""
        return (
            f"<Document {self.id!r}{date}: {len(self.text)} characters, "
            f"{len(self.sentences)} sentences>"
        )

    @classmethod
    def from_text(
        cls,
        text: str,
        id: str | None = None,
        *,
        date: str | None = None,
        outlet: str | None = None,
        url: str | None = None,
        title: str | None = None,
    ) -> Document:
        """Make a document from a string.

        Without ``id``, the id is ``"doc-"`` plus 12 hex digits of the text's
        SHA-1, so the same text always gets the same id.  Without ``date``, a
        leading scraped ``date YYYY-MM-DD`` line supplies it.
        """
        require_str(text, "text")
        if id is None:
            id = "doc-" + hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:12]
        if date is None:
            match = DATE_PREFIX.match(text, len(text) - len(text.lstrip()))
            date = match.group(1) if match else None
        return cls(id=id, text=text, date=date, outlet=outlet, url=url, title=title)

    @classmethod
    def from_file(
        cls,
        path: str | os.PathLike[str],
        encoding: str = "utf-8",
        errors: str = "strict",
        *,
        id: str | None = None,
        date: str | None = None,
        outlet: str | None = None,
        url: str | None = None,
        title: str | None = None,
        max_bytes: int = MAX_BYTES,
    ) -> Document:
        """Read a document from a file.

        The id defaults to the file name without its extension.  A file of
        more than ``max_bytes`` bytes raises :class:`SizeLimitError` (and is
        not read further).  Decoding is :meth:`from_bytes`'s.
        """
        if not isinstance(path, str | os.PathLike):
            raise ArgumentTypeError(f"path must be str or os.PathLike, not {type(path).__name__}")
        if isinstance(max_bytes, bool) or not isinstance(max_bytes, int):
            raise ArgumentTypeError(f"max_bytes must be int, not {type(max_bytes).__name__}")
        require_str(encoding, "encoding")
        require_str(errors, "errors")
        if id is None:
            # A file name need not be UTF-8 (os.fsdecode keeps its bytes as
            # surrogates); the id must be text.
            stem = Path(path).stem.encode("utf-8", "surrogateescape")
            id = stem.decode("utf-8", "replace")
        return cls.from_bytes(
            read_bounded(path, max_bytes),
            id,
            encoding,
            errors,
            source=os.fspath(path),
            date=date,
            outlet=outlet,
            url=url,
            title=title,
        )

    @classmethod
    def from_bytes(
        cls,
        data: bytes,
        id: str,
        encoding: str = "utf-8",
        errors: str = "strict",
        *,
        source: str | None = None,
        date: str | None = None,
        outlet: str | None = None,
        url: str | None = None,
        title: str | None = None,
    ) -> Document:
        """Decode a document from bytes (``source`` names them in errors;
        the id by default).

        A UTF-8 byte order mark is dropped; line endings (LF, CRLF, CR) are
        kept as they are, so spans index the decoded text.  Undecodable bytes
        raise :class:`DecodingError` naming the source and byte offset,
        unless ``errors`` says otherwise (``"replace"``, ``"ignore"``, ...).
        """
        if not isinstance(data, bytes | bytearray | memoryview):
            raise ArgumentTypeError(f"data must be bytes, not {type(data).__name__}")
        require_str(encoding, "encoding")
        require_str(errors, "errors")
        name = id if source is None else source
        codec = "utf-8-sig" if encoding.lower().replace("_", "-") in ("utf-8", "utf8") else encoding
        try:
            text = bytes(data).decode(codec, errors)
        except UnicodeDecodeError as error:
            raise DecodingError(name, encoding, error.start, error.reason) from None
        except LookupError as error:
            raise InputError(f"{name}: {error}") from None
        except UnicodeError as error:  # a codec's own failure, e.g. "idna"
            raise InputError(f"{name}: cannot decode as {encoding} ({error})") from None
        return cls.from_text(text, id=id, date=date, outlet=outlet, url=url, title=title)

    def body_shares(
        self, label_of: Mapping[int, str], labels: Iterable[str], default: str
    ) -> dict[str, float]:
        """Share of the body text (characters) under each of ``labels``:
        ``label_of`` labels sentences by index, ``default`` the rest.  The
        shares sum to 1, or are all 0 for a document without body text."""
        sizes = dict.fromkeys(labels, 0)
        sizes.setdefault(default, 0)
        total = 0
        for sentence in self.sentences:
            if sentence.role is Role.BODY:
                size = sentence.end - sentence.start
                total += size
                sizes[label_of.get(sentence.index, default)] += size
        return {label: (size / total if total else 0.0) for label, size in sizes.items()}

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON: id, metadata, text and sentences."""
        return {
            "id": self.id,
            "date": self.date,
            "outlet": self.outlet,
            "url": self.url,
            "title": self.title,
            "text": self.text,
            "sentences": [sentence.to_dict() for sentence in self.sentences],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Document:
        """Rebuild a document from :meth:`to_dict` output (sentences are
        segmented again, so they match this version's segmenter)."""
        if not isinstance(data, dict):
            raise ArgumentTypeError(f"data must be dict, not {type(data).__name__}")
        try:
            return cls(
                id=data["id"],
                text=data["text"],
                date=data.get("date"),
                outlet=data.get("outlet"),
                url=data.get("url"),
                title=data.get("title"),
            )
        except KeyError as error:
            raise InputError(f"document data lacks the key {error}") from None
