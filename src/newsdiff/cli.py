"""The ``newsdiff`` command line.

Exit codes: 0 success, 1 bad input (a one-line message on stderr, no
traceback), 2 usage error (argparse's own message, or a directory where a
file is expected), 128 + N when stopped by signal N (130 for Ctrl-C).

Every command that reads files takes ``-`` for standard input and the same
``--encoding``, ``--errors`` and ``--max-size``.  Outputs never destroy
anything (see :mod:`newsdiff._files`).  Text for the terminal shows control
characters escaped (:func:`newsdiff.render.text.visible`).
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from types import FrameType
from typing import Literal

from newsdiff import __version__
from newsdiff._files import (
    STDIO,
    UsageError,
    check_outputs,
    expand_inputs,
    read_stream,
    write_outputs,
)
from newsdiff.aligner import align
from newsdiff.document import MAX_BYTES, Document
from newsdiff.errors import DecodingError, InputError, NewsdiffError, SizeLimitError
from newsdiff.graph import provenance
from newsdiff.index import Cluster, Index
from newsdiff.readers import FORMATS, ReadSummary, read_documents
from newsdiff.render.html import render_html
from newsdiff.render.report import REPORT_SCHEMA, build_report, format_report
from newsdiff.render.text import (
    format_alignment,
    format_clusters,
    format_matches,
    format_segments,
    json_text,
    visible,
)

__all__ = ["main"]

SEGMENT_SCHEMA = "newsdiff.segment/1"
ALIGN_SCHEMA = "newsdiff.align/1"
INDEX_QUERY_SCHEMA = "newsdiff.index-query/1"
CLUSTERS_SCHEMA = "newsdiff.clusters/1"

STDIN_ID = "stdin"

# What the command line says instead of the library's hint (``encoding=``).
_HINTS = {
    DecodingError: "try --encoding (e.g. --encoding latin-1) or --errors replace",
    SizeLimitError: "--max-size raises the limit",
}


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newsdiff",
        description="Compare copies of news stories: sentences, alignment, provenance.",
    )
    parser.add_argument("--version", action="version", version=f"newsdiff {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    segment = commands.add_parser(
        "segment",
        help="print each document's sentences with index, role and span",
        description="Segment documents into sentences; print index, role, span and text.",
    )
    segment.add_argument("files", nargs="+", metavar="FILE", help=_FILES_HELP)
    segment.add_argument("--json", action="store_true", help="print JSON instead of text")
    segment.add_argument("-o", "--output", metavar="PATH", help=_OUTPUT_HELP)
    _add_reading_options(segment)
    segment.set_defaults(run=_run_segment, inputs=_files_or_directories)

    align = commands.add_parser(
        "align",
        help="align the sentences of two documents and show how each was rewritten",
        description="Align two documents: links with rewrite kind, score and edits.",
    )
    align.add_argument("file_a", metavar="A", help="first document (side a), - for stdin")
    align.add_argument("file_b", metavar="B", help="second document (side b), - for stdin")
    align.add_argument("--json", action="store_true", help="print JSON instead of text")
    align.add_argument("-o", "--output", metavar="PATH", help=_OUTPUT_HELP)
    align.add_argument(
        "--color",
        choices=["auto", "always", "never"],
        default="auto",
        help="highlight edits with colours (auto: only on a terminal)",
    )
    _add_reading_options(align)
    align.set_defaults(
        run=_run_align, inputs=lambda a: expand_inputs([a.file_a, a.file_b], directories=False)
    )

    report = commands.add_parser(
        "report",
        help="who copied whom: provenance graph, collation and pair views",
        description=(
            "Relate documents: print a summary (clusters, provenance graph, rewrite "
            "profiles), and write a self-contained HTML report and/or JSON "
            "(both land, or neither does)."
        ),
    )
    # Zero files is bad input (exit 1, like one file), not a usage error.
    report.add_argument("files", nargs="*", metavar="FILE", help=_FILES_HELP)
    report.add_argument(
        "-o", "--output", dest="html", metavar="HTML", help="write the HTML report here"
    )
    report.add_argument(
        "--json", dest="json_path", metavar="JSON", help=f"write {REPORT_SCHEMA} JSON here"
    )
    _add_reading_options(report)
    report.set_defaults(run=_run_report, output=None, inputs=_files_or_directories)

    index = commands.add_parser(
        "index",
        help="a corpus index in an SQLite file: add, query, clusters",
        description="Keep a corpus of documents in an SQLite index file.",
    )
    index_commands = index.add_subparsers(dest="index_command", metavar="ACTION", required=True)
    add = index_commands.add_parser("add", help="add documents to the index (created if new)")
    add.add_argument("database", metavar="DB", help="index file")
    add.add_argument("files", nargs="+", metavar="FILE", help=_FILES_HELP)
    add.add_argument(
        "--replace", action="store_true", help="replace documents whose id is already indexed"
    )
    _add_reading_options(add)
    add.set_defaults(run=_run_index_add, output=None, inputs=_files_or_directories)
    query = index_commands.add_parser(
        "query", help="indexed documents a file derives from (or that derive from it)"
    )
    query.add_argument("database", metavar="DB", help="index file")
    query.add_argument("file", metavar="FILE", help="the article to look up, - for stdin")
    query.add_argument("--json", action="store_true", help="print JSON instead of text")
    _add_reading_options(query)
    query.set_defaults(
        run=_run_index_query,
        output=None,
        inputs=lambda a: expand_inputs([a.file], directories=False),
    )
    clusters = index_commands.add_parser("clusters", help="story clusters of the index")
    clusters.add_argument("database", metavar="DB", help="index file")
    clusters.add_argument("--json", action="store_true", help="print JSON instead of text")
    # The texts come from the index, decoded when they were added; the
    # options are accepted so that every command takes the same ones.
    _add_reading_options(clusters)
    clusters.set_defaults(run=_run_index_clusters, output=None, inputs=lambda a: [])

    cluster = commands.add_parser(
        "cluster",
        help="story clusters of a set of files, in one go",
        description="Index the files in memory and print their story clusters.",
    )
    cluster.add_argument("files", nargs="+", metavar="FILE", help=_FILES_HELP)
    cluster.add_argument("--json", action="store_true", help="print JSON instead of text")
    _add_reading_options(cluster)
    cluster.set_defaults(run=_run_cluster, output=None, inputs=_files_or_directories)
    return parser


_FILES_HELP = (
    "text files, directories (their *.txt files), corpus files (.jsonl, .jsonl.gz, .csv, "
    ".tsv), web pages (.html), web archives (.warc, .warc.gz), or - for standard input"
)
_OUTPUT_HELP = "write to PATH (a file, FIFO or -), not stdout; never over an input"


def _size(text: str) -> int:
    """A byte count, with an optional K, M or G suffix (powers of 1000)."""
    factors = {"K": 10**3, "M": 10**6, "G": 10**9}
    number, factor = text.strip(), 1
    if number[-1:].upper() in factors:
        number, factor = number[:-1], factors[number[-1].upper()]
    try:
        value = int(float(number) * factor)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a size: {text!r} (e.g. 500M)") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"not a positive size: {text!r}")
    return value


def _add_reading_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--encoding", default="utf-8", help="encoding of the input files (default utf-8)"
    )
    parser.add_argument(
        "--errors",
        default="strict",
        choices=["strict", "replace", "ignore", "backslashreplace"],
        help="what to do with undecodable bytes (default: strict, i.e. fail)",
    )
    parser.add_argument(
        "--max-size",
        type=_size,
        default=MAX_BYTES,
        metavar="BYTES",
        help="refuse inputs larger than this (default 100M; K, M, G suffixes)",
    )
    corpus = parser.add_argument_group(
        "corpus files", "fields of .jsonl/.csv records (a dotted name reaches into JSON objects)"
    )
    for field, default in (
        ("text", "text"),
        ("id", "id"),
        ("date", "date"),
        ("outlet", "outlet"),
        ("url", "url"),
        ("title", "title"),
    ):
        corpus.add_argument(
            f"--{field}-field",
            default=default,
            metavar="NAME",
            help=f"the field holding the {field} (default {default})",
        )
    corpus.add_argument(
        "--format",
        choices=FORMATS,
        help="read every input as this format, not by its suffix (e.g. jsonl from -)",
    )
    corpus.add_argument(
        "--on-error",
        choices=["fail", "skip"],
        default="fail",
        help="a bad record (malformed line, no text, no article): fail (exit 1, nothing "
        "added to an index) or skip it and count it (default fail)",
    )
    corpus.add_argument(
        "--on-duplicate",
        choices=["fail", "skip"],
        default="fail",
        help="a second record with an id already read: fail, or skip it (default fail)",
    )


def _files_or_directories(arguments: argparse.Namespace) -> list[str]:
    return expand_inputs(arguments.files)


def _shown(path: str) -> str:
    """A path as text: a file name need not be UTF-8 (``os.fsdecode`` keeps
    its bytes as surrogates, which no output can encode)."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def _read(path: str, arguments: argparse.Namespace) -> Document:
    if path == STDIO:
        data = read_stream(sys.stdin.buffer, arguments.max_size, "-")
        return Document.from_bytes(
            data, STDIN_ID, arguments.encoding, arguments.errors, source="- (standard input)"
        )
    return Document.from_file(
        path, arguments.encoding, arguments.errors, max_bytes=arguments.max_size
    )


_CORPUS_SUFFIXES = {".jsonl", ".ndjson", ".gz", ".csv", ".tsv", ".html", ".htm", ".warc"}


def _documents(paths: list[str], arguments: argparse.Namespace) -> Iterator[tuple[str, Document]]:
    """``(where, document)`` for every document of the inputs, read lazily
    (see :func:`newsdiff.read_documents`); progress on a terminal, and a
    closing line on stderr when corpus files, pages or archives were read
    (plain text files keep the quiet of old)."""
    summary = ReadSummary()
    progress = _reading_progress()
    on_duplicate: Literal["fail", "skip", "keep"] = (
        "keep" if getattr(arguments, "replace", False) else arguments.on_duplicate
    )
    corpus = arguments.format not in (None, "txt") or any(
        os.path.splitext(path)[1].lower() in _CORPUS_SUFFIXES for path in paths
    )
    for path in paths:
        if path == STDIO and arguments.format in (None, "txt"):
            summary.files += 1
            summary.records += 1
            summary.documents += 1
            yield "- (standard input)", _read(path, arguments)
            continue
        reading = read_documents(
            sys.stdin.buffer if path == STDIO else path,
            format=arguments.format,
            text_field=arguments.text_field,
            id_field=arguments.id_field,
            date_field=arguments.date_field,
            outlet_field=arguments.outlet_field,
            url_field=arguments.url_field,
            title_field=arguments.title_field,
            encoding=arguments.encoding,
            errors=arguments.errors,
            on_error=arguments.on_error,
            on_duplicate=on_duplicate,
            max_bytes=arguments.max_size,
            name="- (standard input)",
            progress=progress,
            summary=summary,
        )
        for doc in reading:
            yield _shown(reading.where), doc
    if progress is not None or summary.skipped or corpus:
        end = "\r\033[K" if progress is not None else ""
        print(f"{end}newsdiff: {visible(str(summary))}", file=sys.stderr, flush=True)


def _one(path: str, arguments: argparse.Namespace) -> Document:
    """The one document of ``path`` (a command that compares one per side)."""
    found = [doc for _, doc in itertools.islice(_documents([path], arguments), 2)]
    if len(found) != 1:
        many = "more than one document" if found else "no document"
        raise InputError(f"{_shown(path)}: holds {many}; this command takes one per file")
    return found[0]


def _reading_progress() -> Callable[[ReadSummary], None] | None:
    """Records, bytes and skipped records on a terminal (stderr), nothing when piped."""
    if not sys.stderr.isatty():
        return None

    def show(summary: ReadSummary) -> None:
        print(
            f"\rreading: {summary.records:,} records, {summary.bytes / 1e6:,.1f} MB, "
            f"{summary.documents:,} documents, {summary.skipped_total:,} skipped",
            end="",
            file=sys.stderr,
            flush=True,
        )

    return show


def _run_segment(arguments: argparse.Namespace, paths: list[str]) -> str:
    documents = [doc for _, doc in _documents(paths, arguments)]
    if arguments.json:
        return json_text(
            {"schema": SEGMENT_SCHEMA, "documents": [doc.to_dict() for doc in documents]}
        )
    return format_segments(documents)


def _run_align(arguments: argparse.Namespace, paths: list[str]) -> str:
    a, b = (_one(path, arguments) for path in paths)
    alignment = align(a, b)
    if arguments.json:
        return json_text({"schema": ALIGN_SCHEMA, **alignment.to_dict()})
    to_terminal = arguments.output in (None, STDIO) and sys.stdout.isatty()
    color = arguments.color == "always" or (arguments.color == "auto" and to_terminal)
    return format_alignment(alignment, color=color)


def _run_report(arguments: argparse.Namespace, paths: list[str]) -> str:
    documents: list[Document] = []
    where: dict[str, str] = {}
    for path, doc in _documents(paths, arguments):
        if doc.id in where:
            raise InputError(f"duplicate document id {doc.id!r}: {where[doc.id]} and {path}")
        where[doc.id] = path
        documents.append(doc)
    if len(documents) < 2:
        raise InputError(f"report needs at least two documents, got {len(documents)}")
    graph = provenance(documents, progress=_progress_printer())
    # One model, built once: the JSON, the page and the summary all read it.
    report = build_report(graph, where)
    outputs = []
    if arguments.json_path:
        outputs.append((arguments.json_path, json_text(report.to_dict())))
    if arguments.html:
        outputs.append((arguments.html, render_html(report)))
    write_outputs(outputs)
    written = [
        f"\nWrote {label}: {path}"
        for label, path in (("JSON", arguments.json_path), ("HTML report", arguments.html))
        if path and path != STDIO
    ]
    summary = visible(format_report(report) + "".join(written) + ("\n" if written else ""))
    if STDIO in (arguments.json_path, arguments.html):
        # Standard output carries the report itself: the summary goes aside.
        sys.stderr.write(summary)
        return ""
    return summary


def _database(arguments: argparse.Namespace) -> str:
    path: str = arguments.database
    if path == STDIO:
        raise UsageError("an index is a file; standard input (-) cannot be one")
    if os.path.isdir(path):
        raise UsageError(f"{path}: is a directory, not an index file")
    return path


def _open_index(arguments: argparse.Namespace, create: bool) -> Index:
    path = _database(arguments)
    if not create and not os.path.exists(path):
        raise InputError(f"{path}: no such index file")
    return Index(path)


def _run_index_add(arguments: argparse.Namespace, paths: list[str]) -> str:
    on_duplicate: Literal["fail", "replace"] = "replace" if arguments.replace else "fail"
    with _open_index(arguments, create=True) as index:
        # One transaction: a bad record or an interruption adds nothing.
        documents = (doc for _, doc in _documents(paths, arguments))
        added = index.add_all(documents, on_duplicate, atomic=True)
        return visible(f"added {added} documents to {arguments.database} ({len(index)} in all)\n")


def _run_index_query(arguments: argparse.Namespace, paths: list[str]) -> str:
    doc = _one(paths[0], arguments)
    with _open_index(arguments, create=False) as index:
        matches = index.query(doc)
    if arguments.json:
        return json_text(
            {
                "schema": INDEX_QUERY_SCHEMA,
                "query": doc.id,
                "matches": [match.to_dict() for match in matches],
            }
        )
    return format_matches(doc.id, matches)


def _format_clusters(clusters: list[Cluster], as_json: bool) -> str:
    if as_json:
        return json_text({"schema": CLUSTERS_SCHEMA, "clusters": [list(c.ids) for c in clusters]})
    return format_clusters(clusters)


def _run_index_clusters(arguments: argparse.Namespace, paths: list[str]) -> str:
    with _open_index(arguments, create=False) as index:
        return _format_clusters(index.clusters(_progress_printer("clustering")), arguments.json)


def _run_cluster(arguments: argparse.Namespace, paths: list[str]) -> str:
    with Index() as index:
        documents = (doc for _, doc in _documents(paths, arguments))
        index.add_all(documents, "fail", atomic=True)
        return _format_clusters(index.clusters(_progress_printer("clustering")), arguments.json)


def _progress_printer(label: str = "aligning pairs") -> Callable[[int, int], None] | None:
    """Progress on a terminal (stderr), nothing when piped."""
    if not sys.stderr.isatty():
        return None

    def show(done: int, total: int) -> None:
        end = "\n" if done == total else ""
        print(f"\r{label}: {done}/{total}", end=end, file=sys.stderr, flush=True)

    return show


class _Stopped(BaseException):
    """SIGTERM or SIGHUP, raised where the program is, so that ``finally``
    blocks remove temporary files and roll back the index transaction (a
    BaseException, like KeyboardInterrupt: no ``except Exception`` eats it)."""

    def __init__(self, number: int) -> None:
        super().__init__(number)
        self.number = number


@contextlib.contextmanager
def _stop_on_signals() -> Iterator[None]:
    """Turn SIGTERM and SIGHUP into :class:`_Stopped` while the command runs
    (SIGINT is KeyboardInterrupt already).  Only the main thread can."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(number: int, _frame: FrameType | None) -> None:
        raise _Stopped(number)

    numbers = [signal.SIGTERM] + ([signal.SIGHUP] if hasattr(signal, "SIGHUP") else [])
    previous = {number: signal.signal(number, stop) for number in numbers}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def _fail(message: str, code: int = 1) -> int:
    print(f"newsdiff: error: {visible(message)}", file=sys.stderr)
    return code


def _run(arguments: argparse.Namespace) -> None:
    paths: list[str] = arguments.inputs(arguments)
    named = (
        arguments.output,
        getattr(arguments, "html", None),
        getattr(arguments, "json_path", None),
    )
    outputs = [path for path in named if path]
    check_outputs(outputs, paths)
    text = arguments.run(arguments, paths)
    if arguments.output:
        write_outputs([(arguments.output, text)])
    else:
        sys.stdout.write(text)
        sys.stdout.flush()


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    arguments = _parser().parse_args(argv)
    try:
        with _stop_on_signals():
            _run(arguments)
    except UsageError as error:
        return _fail(str(error), 2)
    except (DecodingError, SizeLimitError) as error:
        return _fail(f"{error.problem}; {_HINTS[type(error)]}")
    except NewsdiffError as error:
        return _fail(str(error))
    except BrokenPipeError:
        # The reader went away (``| head``): stop quietly, and keep Python
        # from failing again when it flushes stdout at exit.
        with contextlib.suppress(OSError, ValueError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except OSError as error:
        where = f"{error.filename}: " if error.filename else ""
        return _fail(f"{where}{error.strerror or error}")
    except MemoryError:
        return _fail("out of memory (--max-size limits the size of each input)")
    except KeyboardInterrupt:
        return 130
    except _Stopped as stopped:
        return 128 + stopped.number
    return 0
