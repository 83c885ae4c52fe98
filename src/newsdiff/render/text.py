"""Plain text for a terminal or a pipe: alignments, and any text made safe
to show.

A document's text may hold terminal control sequences (``ESC ] 0;`` sets
the window title, ``ESC [2J`` clears the screen), bidirectional overrides
that reorder what is shown, or stray C1 controls.  :func:`visible` shows
them as escapes (``\\x1b``), so what a terminal shows is what the text holds.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from typing import Any

from newsdiff.alignment import Alignment, Link
from newsdiff.document import Document
from newsdiff.index import Cluster, Match
from newsdiff.rewrite import char_diff

__all__ = [
    "format_alignment",
    "format_clusters",
    "format_diff",
    "format_matches",
    "format_segments",
    "json_text",
    "visible",
]

# C0 controls but tab and newline, DEL and C1 controls, the bidirectional
# marks and overrides, and lone surrogates (which no terminal encoding holds).
_BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_UNSAFE = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_BIDI}\ud800-\udfff]")
# json.dumps escapes C0 controls already; these are what it leaves raw.
_JSON_UNSAFE = re.compile(f"[\x7f-\x9f{_BIDI}\ud800-\udfff]")


def _escape(found: re.Match[str]) -> str:
    code = ord(found.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str) -> str:
    r"""``text`` with control characters shown as escapes; tabs and
    newlines are kept.

    >>> visible("said\x1b]0;PWNED\x07 x\x1b[2J.")
    'said\\x1b]0;PWNED\\x07 x\\x1b[2J.'
    """
    return _UNSAFE.sub(_escape, text)


def json_text(data: Any) -> str:
    """``data`` as indented JSON, non-ASCII text kept readable but every
    control character escaped (valid JSON: ``\\u009b`` reads back as is)."""
    dumped = json.dumps(data, ensure_ascii=False, indent=2)
    return _JSON_UNSAFE.sub(lambda found: f"\\u{ord(found.group()):04x}", dumped) + "\n"


_RED = "\x1b[31m"
_GREEN = "\x1b[32m"
_DIM = "\x1b[2m"
_RESET = "\x1b[0m"


def format_diff(ops: list[tuple[int, str]], color: bool) -> str:
    """One line showing deletions and insertions: ANSI colours on a
    terminal, ``[-deleted-]{+inserted+}`` markers (as ``git diff
    --word-diff`` writes them) otherwise.  Control characters of the text
    are shown escaped (:func:`visible`), the colours are not."""
    parts: list[str] = []
    for op, raw in ops:
        text = visible(raw)
        if op == 0:
            parts.append(text)
        elif color:
            parts.append(f"{_RED if op < 0 else _GREEN}{text}{_RESET}")
        else:
            parts.append(f"[-{text}-]" if op < 0 else f"{{+{text}+}}")
    return " ".join("".join(parts).split())


def _indices(side: str, indices: tuple[int, ...]) -> str:
    return "+".join(f"{side}{i}" for i in indices)


def _format_link(alignment: Alignment, link: Link, color: bool) -> list[str]:
    header = (
        f"[{link.kind.value} {link.score:.2f}] {_indices('a', link.a)} -> {_indices('b', link.b)}"
    )
    lines = [header]
    if link.kind.value == "copy":
        lines.append("  = " + visible(" ".join(alignment.text_a(link).split())))
    else:
        lines.append(
            "  ~ " + format_diff(char_diff(alignment.text_a(link), alignment.text_b(link)), color)
        )
    if link.evidence.substitutions:
        swaps = ", ".join(f"{old}->{new}" for old, new in link.evidence.substitutions)
        lines.append(f"  swapped: {visible(swaps)}")
    return lines


def format_alignment(alignment: Alignment, color: bool = False) -> str:
    """A readable summary: coverage, the rewrite profile of side B, every
    link with its edits, and the sentences found on one side only."""
    a, b = alignment.a, alignment.b
    profile = alignment.profile("b")
    shares = ", ".join(f"{kind} {share:.0%}" for kind, share in profile.to_dict().items())
    lines = [
        f"# {visible(a.id)} (a) <-> {visible(b.id)} (b): {len(alignment.links)} links, "
        f"coverage a {alignment.coverage('a'):.0%}, b {alignment.coverage('b'):.0%}",
        f"# b's body text: {shares}",
        "",
    ]
    for link in alignment.links:
        lines.extend(_format_link(alignment, link, color))
    for name, doc, unmatched in (("a", a, alignment.unmatched_a), ("b", b, alignment.unmatched_b)):
        if unmatched:
            lines.append("")
            lines.append(f"# only in {name} ({visible(doc.id)}):")
            for index in unmatched:
                text = visible(" ".join(doc.sentences[index].text.split()))
                lines.append(
                    f"  {name}{index}: {_DIM if color else ''}{text}{_RESET if color else ''}"
                )
    return "\n".join(lines) + "\n"


def format_segments(documents: Iterable[Document]) -> str:
    """``newsdiff segment``: each document's sentences, one a line, with
    index, role and span."""
    lines: list[str] = []
    for doc in documents:
        date = f", date {doc.date}" if doc.date else ""
        lines.append(f"# {doc.id} ({len(doc.sentences)} sentences{date})")
        for sentence in doc.sentences:
            span = f"{sentence.start}-{sentence.end}"
            text = " ".join(sentence.text.split())  # one line per sentence on screen
            lines.append(f"{sentence.index:4d}  {sentence.role.value:<11} {span:>11}  {text}")
        lines.append("")
    return visible("\n".join(lines))


def format_matches(query: str, matches: Sequence[Match]) -> str:
    """``newsdiff index query``: the indexed documents related to a query."""
    if not matches:
        return visible(f"# {query}: no indexed document shares text with it\n")
    lines = [f"# {query}: {len(matches)} related documents"]
    for match in matches:
        relation = match.relation
        lines.append(
            f"  {match.id}: {relation.derivation}, {relation.direction} "
            f"(reuse {relation.reuse[0]:.0%} of it, {relation.reuse[1]:.0%} of the query; "
            f"{len(relation.alignment.links)} links)"
        )
    return visible("\n".join(lines) + "\n")


def format_clusters(clusters: Sequence[Cluster]) -> str:
    """``newsdiff cluster`` and ``index clusters``: one story a line."""
    lines = [f"# {len(clusters)} clusters"]
    for number, cluster in enumerate(clusters, 1):
        lines.append(f"  {number}. {', '.join(cluster.ids)}")
    return visible("\n".join(lines) + "\n")
