"""The ``newsdiff`` command line.

Exit codes: 0 success, 1 bad input (a one-line message on stderr, no
traceback), 2 usage error (argparse's own message).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from newsdiff import __version__
from newsdiff._files import expand_inputs, write_atomic
from newsdiff.align import align
from newsdiff.document import Document
from newsdiff.errors import NewsdiffError
from newsdiff.render.text import format_alignment

__all__ = ["main"]

SEGMENT_SCHEMA = "newsdiff.segment/1"
ALIGN_SCHEMA = "newsdiff.align/1"


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
