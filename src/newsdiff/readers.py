"""Documents from the files researchers hold: text files, corpus files,
saved web pages and web archives.

:func:`read_documents` reads one path, several, or a binary stream, and
yields :class:`~newsdiff.Document` objects one at a time: a corpus file is
read a record at a time, so memory does not grow with its size.

========================  =====================================================
format (suffix)           one document per
========================  =====================================================
``txt`` (any other)       file; a directory stands for its ``*.txt`` files
``jsonl`` (``.ndjson``)   line: a JSON object (``.gz`` compressed too)
``csv``, ``tsv``          row, under a header row naming the fields (``.gz`` too)
``html`` (``.htm``)       file: the article, extracted (extra ``newsdiff[html]``)
``warc``                  HTML response record (extra ``newsdiff[warc]``, and
                          ``newsdiff[html]`` for the extraction); ``.warc.gz``
========================  =====================================================

Corpus records name their fields: ``text_field`` (required), ``id_field``
(default: the file's stem and the record number, ``corpus-17``),
``date_field``, ``outlet_field``, ``url_field``, ``title_field``; a dotted
name (``meta.date``) reaches into nested JSON objects.  A web page's title,
date, site name (its outlet) and canonical URL come from the extraction; a
WARC record adds its target URI and, when the page shows no date, its
capture date (``WARC-Date``: when the page was seen, so no earlier than its
publication).

Bad records (a malformed JSON line, a CSV row with the wrong number of
fields, a record without text, a page with no article, a truncated file)
raise :class:`RecordError`, whose message names the file and the line or
record, or with ``on_error="skip"`` are skipped and counted in the reading's
:class:`ReadSummary`.  Records that are not articles (a WARC's request,
metadata and non-HTML records, blank lines) are never errors: a WARC's are
counted, as "not an HTML page".  A duplicate id fails (``on_duplicate``:
``"skip"`` keeps the first, ``"keep"`` yields both for the caller to
handle); the ids seen are the one thing kept for the whole read.
"""

from __future__ import annotations

import codecs
import csv
import gzip
import io
import json
import os
import re
import stat
import sys
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import IO, Any, BinaryIO, Literal

import attrs

from newsdiff._files import directory_texts, read_bounded
from newsdiff.document import MAX_BYTES, Document
from newsdiff.errors import ArgumentTypeError, InputError, NewsdiffError

__all__ = [
    "FORMATS",
    "MissingExtraError",
    "ReadSummary",
    "Reading",
    "RecordError",
    "read_documents",
]

FORMATS = ("txt", "jsonl", "csv", "tsv", "html", "warc")
"""The formats :func:`read_documents` reads."""

_SUFFIXES = {
    ".txt": "txt",
    ".text": "txt",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".csv": "csv",
    ".tsv": "tsv",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".warc": "warc",
}
_COMPRESSIBLE = {"jsonl", "csv", "tsv", "warc"}

OnError = Literal["fail", "skip"]
OnDuplicate = Literal["fail", "skip", "keep"]

# How often (in records) the progress callback is called.
_PROGRESS_EVERY = 200

# Declared charsets of a web page: <meta charset="..."> or the http-equiv form.
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9._:-]+)", re.I)


class RecordError(InputError):
    """A record (or a whole file) newsdiff cannot read.  The message names
    the file and the line or record; ``reason`` is the short kind that a
    :class:`ReadSummary` counts skipped records under."""

    def __init__(
        self, where: str, reason: str, detail: str = "", cause: InputError | None = None
    ) -> None:
        self.where = where
        self.reason = reason
        self.detail = detail
        # The library's own error for a whole file (DecodingError, ...),
        # raised as it is when reading fails: it says more than a summary.
        self.cause = cause
        super().__init__(f"{where}: {reason}" + (f" ({detail})" if detail else ""))


class MissingExtraError(NewsdiffError, ImportError):
    """A format needs an optional dependency that is not installed; the
    message says which extra to install."""


@attrs.define
class ReadSummary:
    """What a reading has done so far: ``files`` opened, ``records`` seen
    (lines, rows, pages, WARC records), ``documents`` yielded, ``bytes``
    read (decompressed), and ``skipped`` records by reason."""

    files: int = 0
    records: int = 0
    documents: int = 0
    bytes: int = 0
    skipped: dict[str, int] = attrs.Factory(dict)

    @property
    def skipped_total(self) -> int:
        return sum(self.skipped.values())

    def skip(self, reason: str) -> None:
        self.skipped[reason] = self.skipped.get(reason, 0) + 1

    def __str__(self) -> str:
        """One line: ``read 3 documents from 1 file (12 records); skipped 9:
        8 not an HTML page, 1 malformed JSON``."""
        line = (
            f"read {_count(self.documents, 'document')} from {_count(self.files, 'file')} "
            f"({_count(self.records, 'record')})"
        )
        if self.skipped:
            reasons = ", ".join(
                f"{count} {reason}"
                for reason, count in sorted(self.skipped.items(), key=lambda item: -item[1])
            )
            line += f"; skipped {self.skipped_total}: {reasons}"
        return line


def _count(number: int, noun: str) -> str:
    return f"{number:,} {noun}{'' if number == 1 else 's'}"


@attrs.frozen
class _Fields:
    text: str
    id: str
    date: str
    outlet: str
    url: str
    title: str


@attrs.frozen
class _Settings:
    fields: _Fields
    encoding: str
    errors: str
    max_bytes: int


class _Skip:
    """A record that is not an article (never an error, always counted)."""

    __slots__ = ("reason",)

    def __init__(self, reason: str) -> None:
        self.reason = reason


_Item = tuple[str, Document] | RecordError | _Skip


class Reading(Iterator[Document]):
    """The documents of a :func:`read_documents` call, read as they are
    asked for; :attr:`summary` counts what has been read and skipped, and
    :attr:`where` names the place of the last document (``file: line 3``)."""

    def __init__(self, items: Iterator[tuple[str, Document]], summary: ReadSummary) -> None:
        self._items = items
        self.summary = summary
        self.where = ""

    def __iter__(self) -> Reading:
        return self

    def __next__(self) -> Document:
        self.where, doc = next(self._items)
        return doc


def read_documents(
    source: str | os.PathLike[str] | Iterable[str | os.PathLike[str]] | BinaryIO,
    *,
    format: str | None = None,
    text_field: str = "text",
    id_field: str = "id",
    date_field: str = "date",
    outlet_field: str = "outlet",
    url_field: str = "url",
    title_field: str = "title",
    encoding: str = "utf-8",
    errors: str = "strict",
    on_error: OnError = "fail",
    on_duplicate: OnDuplicate = "fail",
    max_bytes: int = MAX_BYTES,
    name: str = "-",
    progress: Callable[[ReadSummary], None] | None = None,
    summary: ReadSummary | None = None,
) -> Reading:
    """The documents of ``source``: a file, a directory (its ``*.txt``
    files), a list of them, or a binary stream (then ``format`` is needed
    and ``name`` names it in messages).  Lazy: records are read as the
    documents are asked for, and memory holds one record at a time (and
    the ids seen, to catch duplicates).

    ``format`` overrides the suffix (see :data:`FORMATS`); a file of
    another suffix is read as text.  ``encoding`` and ``errors`` decode
    text files, CSV files and web pages that declare no charset (JSON
    Lines are UTF-8).  ``max_bytes`` bounds a text or HTML file, a line of
    a corpus file and a WARC record.  ``progress`` is called with the
    :class:`ReadSummary` every few hundred records and at the end;
    ``summary`` is a summary to add this reading's counts to.

    >>> import io
    >>> lines = b'{"id": "a", "text": "One line.", "outlet": "AFP"}\\n{"text": ""}\\n'
    >>> reading = read_documents(io.BytesIO(lines), format="jsonl", on_error="skip")
    >>> [(doc.id, doc.outlet) for doc in reading]
    [('a', 'AFP')]
    >>> print(reading.summary)
    read 1 document from 1 file (2 records); skipped 1: 1 record without text
    """
    for label, value in (
        ("text_field", text_field),
        ("id_field", id_field),
        ("date_field", date_field),
        ("outlet_field", outlet_field),
        ("url_field", url_field),
        ("title_field", title_field),
        ("encoding", encoding),
        ("errors", errors),
        ("name", name),
    ):
        if not isinstance(value, str):
            raise ArgumentTypeError(f"{label} must be str, not {type(value).__name__}")
    if format is not None and format not in FORMATS:
        raise InputError(f"format must be one of {', '.join(FORMATS)}, got {format!r}")
    if on_error not in ("fail", "skip"):
        raise InputError(f"on_error must be 'fail' or 'skip', got {on_error!r}")
    if on_duplicate not in ("fail", "skip", "keep"):
        raise InputError(f"on_duplicate must be 'fail', 'skip' or 'keep', got {on_duplicate!r}")
    if isinstance(max_bytes, bool) or not isinstance(max_bytes, int):
        raise ArgumentTypeError(f"max_bytes must be int, not {type(max_bytes).__name__}")
    try:
        codecs.lookup(encoding)
        codecs.lookup_error(errors)
    except LookupError as error:
        raise InputError(str(error)) from None
    settings = _Settings(
        _Fields(text_field, id_field, date_field, outlet_field, url_field, title_field),
        encoding,
        errors,
        max_bytes,
    )
    if isinstance(source, str | os.PathLike):
        sources: list[str | BinaryIO] = [os.fspath(source)]
    elif hasattr(source, "read"):
        if format is None:
            raise InputError(f"{name}: a stream needs format=... (one of {', '.join(FORMATS)})")
        sources = [source]  # type: ignore[list-item]
    elif isinstance(source, Iterable):
        sources = []
        for item in source:
            if not isinstance(item, str | os.PathLike):
                raise ArgumentTypeError(
                    f"paths must be str or os.PathLike, not {type(item).__name__}"
                )
            sources.append(os.fspath(item))
    else:
        raise ArgumentTypeError(
            f"source must be a path, paths or a binary stream, not {type(source).__name__}"
        )
    if summary is None:
        summary = ReadSummary()
    elif not isinstance(summary, ReadSummary):
        raise ArgumentTypeError(
            f"summary must be ReadSummary or None, not {type(summary).__name__}"
        )
    items = _read_all(sources, format, settings, summary, on_error, on_duplicate, name, progress)
    return Reading(items, summary)


def _read_all(
    sources: list[str | BinaryIO],
    format: str | None,
    settings: _Settings,
    summary: ReadSummary,
    on_error: OnError,
    on_duplicate: OnDuplicate,
    name: str,
    progress: Callable[[ReadSummary], None] | None,
) -> Iterator[tuple[str, Document]]:
    seen: dict[str, str] = {}
    for path, kind, stream in _expand(sources, format, name):
        summary.files += 1
        for item in _guarded_items(path, kind, stream, settings, summary):
            summary.records += 1
            taken = _take(item, seen, summary, on_error, on_duplicate)
            if progress is not None and summary.records % _PROGRESS_EVERY == 0:
                progress(summary)
            if taken is not None:
                yield taken
    if progress is not None:
        progress(summary)


def _take(
    item: _Item,
    seen: dict[str, str],
    summary: ReadSummary,
    on_error: OnError,
    on_duplicate: OnDuplicate,
) -> tuple[str, Document] | None:
    """The document of ``item`` to yield, or None (skipped and counted)."""
    if isinstance(item, _Skip):
        summary.skip(item.reason)
        return None
    if isinstance(item, RecordError):
        if on_error == "fail":
            raise item.cause or item
        summary.skip(item.reason)
        return None
    where, doc = item
    first = seen.get(doc.id)
    if first is not None:
        if on_duplicate == "fail":
            raise RecordError(
                where,
                f"duplicate id {doc.id!r}",
                f"first at {first}; on_duplicate='skip' or --on-duplicate skip keeps the first",
            )
        if on_duplicate == "skip":
            summary.skip("duplicate id")
            return None
    else:
        seen[doc.id] = where
    summary.documents += 1
    return item


def _guarded_items(
    path: str, kind: str, stream: BinaryIO | None, settings: _Settings, summary: ReadSummary
) -> Iterator[_Item]:
    """The records of one file; a file that cannot be read on (truncated,
    damaged) ends with its RecordError as the last item."""
    try:
        yield from _items(path, kind, stream, settings, summary)
    except RecordError as error:
        yield error


def _expand(
    sources: list[str | BinaryIO], format: str | None, name: str
) -> Iterator[tuple[str, str, BinaryIO | None]]:
    """``(path, format, stream)`` for each file to read, directories expanded."""
    for source in sources:
        if not isinstance(source, str):
            assert format is not None
            yield name, format, source
            continue
        if os.path.isdir(source):
            for path in directory_texts(source):
                yield path, format or "txt", None
            continue
        yield source, format or _format_of(source), None


def _format_of(path: str) -> str:
    suffixes = [suffix.lower() for suffix in Path(path).suffixes]
    compressed = suffixes[-1:] == [".gz"]
    if compressed:
        suffixes = suffixes[:-1]
    kind = _SUFFIXES.get(suffixes[-1] if suffixes else "", "txt")
    if compressed and kind not in _COMPRESSIBLE:
        raise InputError(
            f"{path}: a compressed {kind} file; newsdiff reads .jsonl.gz, .csv.gz, .tsv.gz "
            "and .warc.gz (decompress the others first)"
        )
    return kind


def _items(
    path: str, kind: str, stream: BinaryIO | None, settings: _Settings, summary: ReadSummary
) -> Iterator[_Item]:
    if kind == "txt":
        yield _text_file(path, stream, settings, summary)
    elif kind == "html":
        yield _html_file(path, stream, settings, summary)
    elif kind == "warc":
        yield from _warc(path, stream, settings, summary)
    else:
        lines = _lines(path, stream, settings, summary)
        if kind == "jsonl":
            yield from _jsonl(path, lines, settings)
        else:
            yield from _table(path, lines, settings, "\t" if kind == "tsv" else ",")


# -- whole files ---------------------------------------------------------------


def _whole(path: str, stream: BinaryIO | None, settings: _Settings) -> bytes:
    if stream is None:
        return read_bounded(path, settings.max_bytes)
    data = stream.read(settings.max_bytes + 1)
    if len(data) > settings.max_bytes:
        raise RecordError(path, "too large", _limit(settings.max_bytes))
    return data


def _text_file(
    path: str, stream: BinaryIO | None, settings: _Settings, summary: ReadSummary
) -> _Item:
    try:
        data = _whole(path, stream, settings)
        summary.bytes += len(data)
        stem = Path(path).stem.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
        doc = Document.from_bytes(
            data, stem, settings.encoding, settings.errors, source=path if stream is None else None
        )
    except RecordError as error:
        return error
    except InputError as error:
        return RecordError(path, "unreadable file", _without(str(error), path), error)
    return path, doc


def _limit(limit: int) -> str:
    return f"over the limit of {limit:,} bytes; max_bytes=..., or --max-size, raises it"


def _without(message: str, path: str) -> str:
    """A library message without its leading ``path:`` (the record error adds it)."""
    return message[len(path) + 2 :] if message.startswith(f"{path}: ") else message


# -- corpus files --------------------------------------------------------------


def _lines(
    path: str, stream: BinaryIO | None, settings: _Settings, summary: ReadSummary
) -> Iterator[tuple[int, bytes]]:
    """``(line number, bytes)`` of a file, decompressed if it is gzip; a
    truncated or damaged file ends with a RecordError (raised: nothing
    after it can be read)."""
    number = 0
    limit = settings.max_bytes
    with _Opened(path, stream) as raw:
        handle: IO[bytes] | gzip.GzipFile = raw
        compressed = raw.peek(2)[:2] == b"\x1f\x8b" if hasattr(raw, "peek") else False
        if compressed:
            handle = gzip.GzipFile(fileobj=raw, mode="rb")
        try:
            while True:
                line = handle.readline(limit + 1)
                if not line:
                    return
                number += 1
                summary.bytes += len(line)
                if len(line) > limit and not line.endswith(b"\n"):
                    raise RecordError(
                        f"{path}: line {number}",
                        "line too long",
                        _limit(limit),
                    )
                yield number, line
        except (EOFError, zlib.error, gzip.BadGzipFile) as error:
            raise RecordError(
                f"{path}: line {number + 1}", "truncated or damaged gzip file", str(error)
            ) from None
        except OSError as error:
            raise RecordError(path, "cannot read", error.strerror or str(error)) from None


class _Opened:
    """A buffered binary file for ``path`` (closed on exit), or ``stream``
    as given (left open)."""

    def __init__(self, path: str, stream: BinaryIO | None) -> None:
        self.path = path
        self.stream = stream
        self.handle: io.BufferedReader | None = None

    def __enter__(self) -> io.BufferedReader:
        if self.stream is not None:
            if isinstance(self.stream, io.BufferedReader):
                return self.stream
            return io.BufferedReader(_Unclosed(self.stream))
        try:
            self.handle = open(self.path, "rb")
        except OSError as error:
            reason = error.strerror or str(error)
            if isinstance(error, FileNotFoundError):
                reason = "no such file or directory"
            raise InputError(f"{self.path}: cannot read ({reason})") from None
        return self.handle

    def __exit__(self, *exc: object) -> None:
        if self.handle is not None:
            self.handle.close()


class _Unclosed(io.RawIOBase):
    """A raw view of a caller's stream that BufferedReader may wrap
    without closing it."""

    def __init__(self, stream: BinaryIO) -> None:
        self.stream = stream

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self.stream.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)

    def close(self) -> None:
        pass


def _jsonl(path: str, lines: Iterator[tuple[int, bytes]], settings: _Settings) -> Iterator[_Item]:
    stem = Path(path).stem.removesuffix(".jsonl").removesuffix(".ndjson")
    for number, line in lines:
        if number == 1 and line.startswith(codecs.BOM_UTF8):
            line = line[len(codecs.BOM_UTF8) :]
        if not line.strip():
            continue
        where = f"{path}: line {number}"
        try:
            text = line.decode("utf-8", settings.errors)
        except UnicodeDecodeError as error:
            yield RecordError(where, "not UTF-8", f"byte {error.start} of the line: {error.reason}")
            continue
        try:
            record = json.loads(text.rstrip("\r\n"))
        except json.JSONDecodeError as error:
            yield RecordError(where, "malformed JSON", f"{error.msg} at column {error.colno}")
            continue
        except RecursionError:
            yield RecordError(where, "malformed JSON", "nested too deeply")
            continue
        if not isinstance(record, dict):
            yield RecordError(where, "not a JSON object", f"a {type(record).__name__}")
            continue
        yield _document(record, where, f"{stem}-{number}", settings.fields, dotted=True)


def _decoded_lines(
    path: str, lines: Iterator[tuple[int, bytes]], settings: _Settings, state: list[int]
) -> Iterator[str]:
    """Decoded lines for the csv module; ``state[0]`` is the line number
    being read (for messages).  Decoding errors raise RecordError."""
    codec = settings.encoding
    if codecs.lookup(codec).name == "utf-8":
        codec = "utf-8-sig"  # a spreadsheet's byte order mark is not part of the header
    elif "\n".encode(codec) != b"\n":
        # Line-splitting bytes only works for ASCII-compatible encodings:
        # a UTF-16 or UTF-32 table is decoded whole, up to max_bytes.
        parts: list[bytes] = []
        size = 0
        for _, line in lines:
            size += len(line)
            if size > settings.max_bytes:
                raise RecordError(
                    path,
                    f"a {settings.encoding} table larger than {settings.max_bytes:,} bytes",
                    "convert it to UTF-8 to stream it",
                )
            parts.append(line)
        data = b"".join(parts)
        try:
            text = data.decode(codec, settings.errors)
        except UnicodeDecodeError as error:
            raise RecordError(
                path, f"not valid {settings.encoding}", f"byte offset {error.start}"
            ) from None
        for number, decoded in enumerate(io.StringIO(text, newline=""), 1):
            state[0] = number
            yield decoded
        return
    decoder = codecs.getincrementaldecoder(codec)(settings.errors)
    for number, line in lines:
        state[0] = number
        try:
            yield decoder.decode(line)
        except UnicodeDecodeError as error:
            raise RecordError(
                f"{path}: line {number}",
                f"not valid {settings.encoding}",
                f"byte {error.start} of the line: {error.reason}",
            ) from None


def _table(
    path: str, lines: Iterator[tuple[int, bytes]], settings: _Settings, delimiter: str
) -> Iterator[_Item]:
    stem = Path(path).stem.removesuffix(".csv").removesuffix(".tsv")
    state = [0]
    # A field holds a whole article: lift the csv module's 128 KiB default
    # (process-wide, but only ever raised) to the record limit.
    if csv.field_size_limit() < settings.max_bytes:
        csv.field_size_limit(min(settings.max_bytes, sys.maxsize))
    reader = csv.reader(_decoded_lines(path, lines, settings, state), delimiter=delimiter)
    header: list[str] | None = None
    while True:
        start = state[0] + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            yield RecordError(f"{path}: line {start}", "malformed CSV", str(error))
            continue
        if not row or (len(row) == 1 and not row[0].strip()):
            continue
        if header is None:
            header = row
            missing = settings.fields.text
            if missing not in header:
                raise RecordError(
                    f"{path}: line {start}",
                    f"no {missing!r} column in the header",
                    f"columns: {', '.join(header[:12])}; text_field names the text column",
                )
            continue
        where = f"{path}: line {start}"
        if len(row) != len(header):
            yield RecordError(
                where, "wrong number of fields", f"{len(row)}, the header has {len(header)}"
            )
            continue
        record = {key: value for key, value in zip(header, row, strict=True) if value != ""}
        yield _document(record, where, f"{stem}-{start}", settings.fields, dotted=False)


def _field(record: Mapping[str, Any], name: str, dotted: bool) -> Any:
    if name in record or not dotted or "." not in name:
        return record.get(name)
    value: Any = record
    for part in name.split("."):
        if not isinstance(value, dict) or part not in value:
            return None
        value = value[part]
    return value


def _document(
    record: Mapping[str, Any], where: str, default_id: str, fields: _Fields, dotted: bool
) -> _Item:
    text = _field(record, fields.text, dotted)
    if text is None or (isinstance(text, str) and not text.strip()):
        return RecordError(where, "record without text", f"no {fields.text!r} field with text")
    if not isinstance(text, str):
        return RecordError(where, "text not a string", f"{fields.text!r} is a {_kind(text)}")
    values: dict[str, str | None] = {}
    for key, field in (
        ("id", fields.id),
        ("date", fields.date),
        ("outlet", fields.outlet),
        ("url", fields.url),
        ("title", fields.title),
    ):
        value = _field(record, field, dotted)
        if isinstance(value, int | float) and not isinstance(value, bool):
            value = str(value)
        elif value is not None and not isinstance(value, str):
            return RecordError(where, f"{key} not a string", f"{field!r} is a {_kind(value)}")
        values[key] = value.strip() or None if isinstance(value, str) else None
    try:
        doc = Document.from_text(
            text,
            id=values["id"] or default_id,
            date=values["date"],
            outlet=values["outlet"],
            url=values["url"],
            title=values["title"],
        )
    except InputError as error:
        return RecordError(where, "bad record", str(error))
    return where, doc


def _kind(value: object) -> str:
    return {dict: "JSON object", list: "JSON array", bool: "boolean"}.get(
        type(value), type(value).__name__
    )


# -- web pages -----------------------------------------------------------------


def _trafilatura() -> Any:
    try:
        import trafilatura
    except ImportError:
        raise MissingExtraError(
            "reading HTML needs the article extractor trafilatura: pip install 'newsdiff[html]'"
        ) from None
    return trafilatura


def _warcio() -> Any:
    try:
        from warcio.archiveiterator import ArchiveIterator
    except ImportError:
        raise MissingExtraError(
            "reading WARC files needs warcio: pip install 'newsdiff[warc]' "
            "(and 'newsdiff[html]' for the pages in them)"
        ) from None
    return ArchiveIterator


def _decode_page(data: bytes, declared: str | None, settings: _Settings) -> tuple[str, str]:
    """The page as text, and the encoding used: the charset the HTTP
    header or the page itself declares, else ``settings.encoding``."""
    found = _META_CHARSET.search(data[:4096])
    candidates = [declared, found.group(1).decode("ascii") if found else None]
    for candidate in candidates:
        if candidate:
            try:
                codecs.lookup(candidate)
            except LookupError:
                continue
            return data.decode(candidate, settings.errors), candidate
    codec = settings.encoding
    if codecs.lookup(codec).name == "utf-8":
        codec = "utf-8-sig"
    return data.decode(codec, settings.errors), settings.encoding


def _extract(
    extractor: Any, html: str, where: str, doc_id: str, url: str | None, date: str | None
) -> _Item:
    """The article of a page as a document, or a RecordError."""
    try:
        found = extractor.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception as error:  # a third-party parser on hostile input: any failure
        return RecordError(where, "no article found", f"extraction failed: {error}")
    text = getattr(found, "text", None) if found is not None else None
    if not isinstance(text, str) or not text.strip():
        return RecordError(where, "no article found", "the page has no main text")
    # The extractor gives one paragraph per line; newsdiff's paragraphs
    # are separated by blank lines.
    text = "\n\n".join(line.strip() for line in text.splitlines() if line.strip())

    def meta(name: str) -> str | None:
        value = getattr(found, name, None)
        return value.strip() or None if isinstance(value, str) else None

    try:
        doc = Document.from_text(
            text,
            id=doc_id,
            date=meta("date") or date,
            outlet=meta("sitename") or meta("hostname"),
            url=url or meta("url"),
            title=meta("title"),
        )
    except InputError as error:
        return RecordError(where, "bad record", str(error))
    return where, doc


def _html_file(
    path: str, stream: BinaryIO | None, settings: _Settings, summary: ReadSummary
) -> _Item:
    extractor = _trafilatura()
    try:
        data = _whole(path, stream, settings)
    except RecordError as error:
        return error
    except InputError as error:
        return RecordError(path, "unreadable file", _without(str(error), path))
    summary.bytes += len(data)
    try:
        html, _ = _decode_page(data, None, settings)
    except UnicodeDecodeError as error:
        return RecordError(
            path, f"not valid {settings.encoding}", f"byte offset {error.start}: {error.reason}"
        )
    stem = Path(path).stem.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return _extract(extractor, html, path, stem, None, None)


# -- web archives ----------------------------------------------------------------

_HTML_TYPES = ("text/html", "application/xhtml+xml")


def _warc(
    path: str, stream: BinaryIO | None, settings: _Settings, summary: ReadSummary
) -> Iterator[_Item]:
    archive_iterator = _warcio()
    extractor = _trafilatura()
    number = 0
    with _Opened(path, stream) as raw:
        size = _size_of(raw)
        archive = archive_iterator(raw, check_digests=False)
        records = iter(archive)
        while True:
            try:
                record = next(records)
            except StopIteration:
                # warcio stops quietly at a header block cut short: bytes
                # left after the last whole record say the file was cut.
                offset = getattr(archive, "offset", None)
                if size is not None and isinstance(offset, int) and offset < size:
                    raise RecordError(
                        f"{path}: record {number + 1}",
                        "truncated WARC record",
                        f"the file ends inside its headers, at byte {size:,}",
                    ) from None
                return
            except Exception as error:  # warcio's own, zlib's, EOFError: a damaged archive
                raise RecordError(
                    f"{path}: record {number + 1}",
                    "truncated or damaged WARC file",
                    f"{type(error).__name__}: {error}",
                ) from None
            number += 1
            where = f"{path}: record {number}"
            if not record.rec_type:
                # warcio reads a header block cut short as a record of no type.
                yield RecordError(where, "truncated WARC record", "its headers are cut short")
                continue
            item = _warc_record(record, where, settings, summary, extractor)
            missing = _missing(record)
            if missing:
                # Fewer bytes than the record's Content-Length: the archive
                # was cut short (an interrupted download or copy).
                item = RecordError(where, "truncated WARC record", f"{missing:,} bytes missing")
            yield item


def _size_of(raw: io.BufferedReader) -> int | None:
    """The size of a regular file, None for a pipe or a device."""
    try:
        info = os.fstat(raw.fileno())
    except (OSError, ValueError, io.UnsupportedOperation):
        return None
    return info.st_size if stat.S_ISREG(info.st_mode) else None


def _missing(record: Any) -> int:
    """Read what is left of a record; the bytes its length promised but
    the file does not hold (0 for a whole record)."""
    raw = record.raw_stream
    try:
        while raw.read(1 << 16):
            pass
    except Exception:  # a damaged compressed member: the iterator says so next
        return 0
    missing = getattr(raw, "limit", 0)
    return missing if isinstance(missing, int) else 0


def _warc_record(
    record: Any, where: str, settings: _Settings, summary: ReadSummary, extractor: Any
) -> _Item:
    if record.rec_type != "response" or record.http_headers is None:
        return _Skip("not an HTML page")
    content_type = record.http_headers.get_header("Content-Type") or ""
    if content_type.split(";")[0].strip().lower() not in _HTML_TYPES:
        return _Skip("not an HTML page")
    status = (record.http_headers.get_statuscode() or "").strip()
    if not status.startswith("2"):
        return _Skip("not a successful response")
    uri = record.rec_headers.get_header("WARC-Target-URI")
    captured = record.rec_headers.get_header("WARC-Date")
    try:
        stream = record.content_stream()
        data = stream.read(settings.max_bytes + 1)
    except Exception as error:  # decompression of a damaged record
        return RecordError(where, "damaged WARC record", f"{type(error).__name__}: {error}")
    summary.bytes += len(data)
    if len(data) > settings.max_bytes:
        return RecordError(where, "too large", _limit(settings.max_bytes))
    header_charset = _HEADER_CHARSET.search(content_type)
    try:
        html, _ = _decode_page(data, header_charset.group(1) if header_charset else None, settings)
    except UnicodeDecodeError as error:
        return RecordError(where, "undecodable page", f"byte offset {error.start}: {error.reason}")
    doc_id = uri or record.rec_headers.get_header("WARC-Record-ID") or where
    return _extract(extractor, html, where, doc_id, uri, captured)
