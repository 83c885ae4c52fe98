"""The ``newsdiff`` command line.

Exit codes: 0 success, 1 bad input (a one-line message on stderr, no
traceback), 2 usage error (argparse's own message).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Literal

from newsdiff import __version__
from newsdiff._files import expand_inputs, write_atomic
from newsdiff.aligner import align
from newsdiff.document import Document
from newsdiff.errors import InputError, NewsdiffError
from newsdiff.graph import provenance
from newsdiff.index import Cluster, Index
from newsdiff.render.html import render_html
from newsdiff.render.report import REPORT_SCHEMA, format_report, report_data
from newsdiff.render.text import format_alignment

__all__ = ["main"]

SEGMENT_SCHEMA = "newsdiff.segment/1"
ALIGN_SCHEMA = "newsdiff.align/1"
INDEX_QUERY_SCHEMA = "newsdiff.index-query/1"
CLUSTERS_SCHEMA = "newsdiff.clusters/1"


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
    segment.add_argument("files", nargs="+", metavar="FILE", help="text files or directories")
    segment.add_argument("--json", action="store_true", help="print JSON instead of text")
    segment.add_argument("-o", "--output", metavar="PATH", help="write to PATH, not stdout")
    _add_reading_options(segment)
    segment.set_defaults(run=_run_segment)

    align = commands.add_parser(
        "align",
        help="align the sentences of two documents and show how each was rewritten",
        description="Align two documents: links with rewrite kind, score and edits.",
    )
    align.add_argument("file_a", metavar="A", help="first document (side a)")
    align.add_argument("file_b", metavar="B", help="second document (side b)")
    align.add_argument("--json", action="store_true", help="print JSON instead of text")
    align.add_argument("-o", "--output", metavar="PATH", help="write to PATH, not stdout")
    align.add_argument(
        "--color",
        choices=["auto", "always", "never"],
        default="auto",
        help="highlight edits with colours (auto: only on a terminal)",
    )
    _add_reading_options(align)
    align.set_defaults(run=_run_align)

    report = commands.add_parser(
        "report",
        help="who copied whom: provenance graph, collation and pair views",
        description=(
            "Relate documents: print a summary (clusters, provenance graph, rewrite "
            "profiles), and write a self-contained HTML report and/or JSON."
        ),
    )
    # Zero files is bad input (exit 1, like one file), not a usage error.
    report.add_argument("files", nargs="*", metavar="FILE", help="text files or directories")
    report.add_argument(
        "-o", "--output", dest="html", metavar="HTML", help="write the HTML report here"
    )
    report.add_argument(
        "--json", dest="json_path", metavar="JSON", help=f"write {REPORT_SCHEMA} JSON here"
    )
    _add_reading_options(report)
    report.set_defaults(run=_run_report, output=None)

    index = commands.add_parser(
        "index",
        help="a corpus index in an SQLite file: add, query, clusters",
        description="Keep a corpus of documents in an SQLite index file.",
    )
    index_commands = index.add_subparsers(dest="index_command", metavar="ACTION", required=True)
    add = index_commands.add_parser("add", help="add documents to the index (created if new)")
    add.add_argument("database", metavar="DB", help="index file")
    add.add_argument("files", nargs="+", metavar="FILE", help="text files or directories")
    add.add_argument(
        "--replace", action="store_true", help="replace documents whose id is already indexed"
    )
    _add_reading_options(add)
    add.set_defaults(run=_run_index_add, output=None)
    query = index_commands.add_parser(
        "query", help="indexed documents a file derives from (or that derive from it)"
    )
    query.add_argument("database", metavar="DB", help="index file")
    query.add_argument("file", metavar="FILE", help="the article to look up")
    query.add_argument("--json", action="store_true", help="print JSON instead of text")
    _add_reading_options(query)
    query.set_defaults(run=_run_index_query, output=None)
    clusters = index_commands.add_parser("clusters", help="story clusters of the index")
    clusters.add_argument("database", metavar="DB", help="index file")
    clusters.add_argument("--json", action="store_true", help="print JSON instead of text")
    clusters.set_defaults(run=_run_index_clusters, output=None)

    cluster = commands.add_parser(
        "cluster",
        help="story clusters of a set of files, in one go",
        description="Index the files in memory and print their story clusters.",
    )
    cluster.add_argument("files", nargs="+", metavar="FILE", help="text files or directories")
    cluster.add_argument("--json", action="store_true", help="print JSON instead of text")
    _add_reading_options(cluster)
    cluster.set_defaults(run=_run_cluster, output=None)
    return parser


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


def _load(arguments: argparse.Namespace) -> list[Document]:
    return [
        Document.from_file(path, encoding=arguments.encoding, errors=arguments.errors)
        for path in expand_inputs(arguments.files)
    ]


def _run_segment(arguments: argparse.Namespace) -> str:
    documents = _load(arguments)
    if arguments.json:
        data = {"schema": SEGMENT_SCHEMA, "documents": [doc.to_dict() for doc in documents]}
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    lines: list[str] = []
    for doc in documents:
        date = f", date {doc.date}" if doc.date else ""
        lines.append(f"# {doc.id} ({len(doc.sentences)} sentences{date})")
        for sentence in doc.sentences:
            span = f"{sentence.start}-{sentence.end}"
            text = " ".join(sentence.text.split())  # one line per sentence on screen
            lines.append(f"{sentence.index:4d}  {sentence.role.value:<11} {span:>11}  {text}")
        lines.append("")
    return "\n".join(lines)


def _run_align(arguments: argparse.Namespace) -> str:
    a, b = (
        Document.from_file(path, encoding=arguments.encoding, errors=arguments.errors)
        for path in expand_inputs([arguments.file_a, arguments.file_b])
    )
    alignment = align(a, b)
    if arguments.json:
        data = {"schema": ALIGN_SCHEMA, **alignment.to_dict()}
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    color = arguments.color == "always" or (
        arguments.color == "auto" and not arguments.output and sys.stdout.isatty()
    )
    return format_alignment(alignment, color=color)


def _run_report(arguments: argparse.Namespace) -> str:
    paths = expand_inputs(arguments.files)
    documents: list[Document] = []
    where: dict[str, str] = {}
    for path in paths:
        doc = Document.from_file(path, encoding=arguments.encoding, errors=arguments.errors)
        if doc.id in where:
            raise InputError(f"duplicate document id {doc.id!r}: {where[doc.id]} and {path}")
        where[doc.id] = str(path)
        documents.append(doc)
    if len(documents) < 2:
        raise InputError(f"report needs at least two documents, got {len(documents)}")
    graph = provenance(documents, progress=_progress_printer())
    data = report_data(graph, where)
    written = []
    if arguments.json_path:
        write_atomic(arguments.json_path, json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        written.append(f"JSON: {arguments.json_path}")
    if arguments.html:
        write_atomic(arguments.html, render_html(graph, data))
        written.append(f"HTML report: {arguments.html}")
    summary = format_report(data)
    return summary + "".join(f"\nWrote {line}" for line in written) + ("\n" if written else "")


def _open_index(path: str, create: bool) -> Index:
    if not create and not Path(path).exists():
        raise InputError(f"{path}: no such index file")
    return Index(path)


def _run_index_add(arguments: argparse.Namespace) -> str:
    paths = expand_inputs(arguments.files)
    on_duplicate: Literal["fail", "replace"] = "replace" if arguments.replace else "fail"
    with _open_index(arguments.database, create=True) as index:
        documents = (
            Document.from_file(path, encoding=arguments.encoding, errors=arguments.errors)
            for path in paths
        )
        added = index.add_all(documents, on_duplicate, _progress_printer("indexing"), len(paths))
        return f"added {added} documents to {arguments.database} ({len(index)} in all)\n"


def _run_index_query(arguments: argparse.Namespace) -> str:
    doc = Document.from_file(arguments.file, encoding=arguments.encoding, errors=arguments.errors)
    with _open_index(arguments.database, create=False) as index:
        matches = index.query(doc)
    if arguments.json:
        data = {
            "schema": INDEX_QUERY_SCHEMA,
            "query": doc.id,
            "matches": [match.to_dict() for match in matches],
        }
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if not matches:
        return f"# {doc.id}: no indexed document shares text with it\n"
    lines = [f"# {doc.id}: {len(matches)} related documents"]
    for match in matches:
        relation = match.relation
        lines.append(
            f"  {match.id}: {relation.derivation}, {relation.direction} "
            f"(reuse {relation.reuse[0]:.0%} of it, {relation.reuse[1]:.0%} of the query; "
            f"{len(relation.alignment.links)} links)"
        )
    return "\n".join(lines) + "\n"


def _format_clusters(clusters: list[Cluster], as_json: bool) -> str:
    if as_json:
        data = {"schema": CLUSTERS_SCHEMA, "clusters": [list(c.ids) for c in clusters]}
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    lines = [f"# {len(clusters)} clusters"]
    for number, cluster in enumerate(clusters, 1):
        lines.append(f"  {number}. {', '.join(cluster.ids)}")
    return "\n".join(lines) + "\n"


def _run_index_clusters(arguments: argparse.Namespace) -> str:
    with _open_index(arguments.database, create=False) as index:
        return _format_clusters(index.clusters(_progress_printer("clustering")), arguments.json)


def _run_cluster(arguments: argparse.Namespace) -> str:
    paths = expand_inputs(arguments.files)
    with Index() as index:
        documents = (
            Document.from_file(path, encoding=arguments.encoding, errors=arguments.errors)
            for path in paths
        )
        index.add_all(documents, "fail", _progress_printer("indexing"), len(paths))
        return _format_clusters(index.clusters(_progress_printer("clustering")), arguments.json)


def _progress_printer(label: str = "aligning pairs") -> Callable[[int, int], None] | None:
    """Progress on a terminal (stderr), nothing when piped."""
    if not sys.stderr.isatty():
        return None

    def show(done: int, total: int) -> None:
        end = "\n" if done == total else ""
        print(f"\r{label}: {done}/{total}", end=end, file=sys.stderr, flush=True)

    return show


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    arguments = _parser().parse_args(argv)
    try:
        output = arguments.run(arguments)
        if arguments.output:
            write_atomic(arguments.output, output)
        else:
            sys.stdout.write(output)
            sys.stdout.flush()
    except NewsdiffError as error:
        print(f"newsdiff: error: {error}", file=sys.stderr)
        return 1
    except OSError as error:
        where = f"{error.filename}: " if error.filename else ""
        print(f"newsdiff: error: {where}{error.strerror or error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    return 0
