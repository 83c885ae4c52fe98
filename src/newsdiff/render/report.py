"""The report: what ``newsdiff report`` shows, as data and as text.

:func:`build_report` (from :mod:`newsdiff.render.model`) turns a
:class:`~newsdiff.graph.ProvenanceGraph` into one
:class:`~newsdiff.render.model.Report`; :func:`report_data` is its plain
data following the versioned schema ``newsdiff.report/2``
(``docs/report.schema.json``); :func:`format_report` writes the terminal
summary; :mod:`newsdiff.render.html` renders the same model as a page.
"""

from __future__ import annotations

import textwrap
from typing import Any

from newsdiff.graph import ProvenanceGraph
from newsdiff.render.model import REPORT_SCHEMA, Report, TreeRow, build_report
from newsdiff.rewrite import RewriteKind

__all__ = [
    "PROFILE_COLUMNS",
    "PROFILE_HEADINGS",
    "REPORT_SCHEMA",
    "Report",
    "build_report",
    "edge_label",
    "format_report",
    "report_data",
]

# Columns of the rewrite profile: the kinds, closest first, then "new".
PROFILE_COLUMNS = (*(kind.value for kind in RewriteKind), "new")
# The same columns in the words a path's steps use (Step.describe()).
PROFILE_HEADINGS = {
    "copy": "copied",
    "edit": "edited",
    "spin": "spun",
    "paraphrase": "reworded",
    "new": "own text",
}


def report_data(graph: ProvenanceGraph, paths: dict[str, str] | None = None) -> dict[str, Any]:
    """The report as plain data (schema ``newsdiff.report/2``)."""
    return build_report(graph, paths).to_dict()


def edge_label(row: TreeRow) -> str:
    """How a node was made from its parent, in a few words: ``edit, 85%
    sure``; a question mark when the parent is uncertain."""
    if row.kind is None or row.confidence is None:
        return ""
    mark = "?" if row.uncertain else ""
    return f"{row.kind.value}, {row.confidence:.0%} sure{mark}"


def _tree_lines(report: Report) -> list[str]:
    """The copy tree drawn with box characters, one node a line."""
    lines = []
    rows = report.tree
    # For each depth, whether a later sibling follows (the vertical rule).
    open_at: list[bool] = []
    for index, row in enumerate(rows):
        later = any(other.depth == row.depth for other in _until_shallower(rows, index, row.depth))
        del open_at[row.depth :]
        prefix = "".join("│  " if flag else "   " for flag in open_at[1:])
        if row.depth:
            prefix += "├─ " if later else "└─ "
        open_at.append(later)
        if row.latent:
            name = f"[{row.id}: unseen source]"
        else:
            name = report.document(row.members[0]).name
            if row.count > 1:
                name += f" (+{row.count - 1} identical)"
        bits = [edge_label(row)] if row.kind is not None else []
        if row.spun:
            bits.append("spun")
        steps = report.document(row.members[0]).steps if not row.latent else ()
        if steps:
            bits.append(steps[-1].describe())
        detail = f"  ({'; '.join(bits)})" if bits else ""
        label = "" if row.latent or row.title != row.label else f"  “{row.label}”"
        lines.append(f"  {prefix}{name}{detail}{label}")
    return lines


def _until_shallower(rows: tuple[TreeRow, ...], index: int, depth: int) -> list[TreeRow]:
    following = []
    for row in rows[index + 1 :]:
        if row.depth < depth:
            break
        following.append(row)
    return following


def format_report(report: Report) -> str:
    """The terminal summary: the answer in words, the tree, the profiles and
    every pair's verdict."""
    graph = report.graph
    families = len(graph.collation.families)
    lines = [f"# {len(report.documents)} documents, {families} sentence families", ""]
    lines.extend(textwrap.wrap(report.summary_text, 88))
    lines.append("")
    lines.append("Clusters:")
    for number, members in enumerate(report.clusters, 1):
        lines.append(f"  {number}. {', '.join(members)}")
    lines.append("")
    lines.append("Provenance:")
    if not graph.edges:
        lines.append("  no document derives from another")
    for note in graph.notes:
        lines.append(f"  {note}")
    for node in graph.nodes:
        if node.latent:
            lines.append(f"  {node.id}: {node.label}")
    lines.extend(_tree_lines(report))
    if graph.spun:
        lines.append(f"  spun: {', '.join(graph.spun)}")
    lines.append("")
    lines.append("Rewrite profile (share of body text, by its closest counterpart anywhere):")
    header = "  " + f"{'document':<24}" + "".join(f"{kind:>11}" for kind in PROFILE_COLUMNS)
    lines.append(header)
    for doc in report.documents:
        shares = "".join(f"{share:>11.0%}" for _, share in doc.profile)
        lines.append(f"  {doc.id:<24}{shares}")
    lines.append("")
    lines.append("Pairs:")
    for relation in graph.relations:
        lines.append(
            f"  {relation.a} / {relation.b}: {relation.derivation}, "
            f"{relation.direction} (confidence {relation.confidence:.2f})"
        )
        for clue in relation.evidence:
            lines.append(f"      - {clue.detail}")
    return "\n".join(lines) + "\n"
