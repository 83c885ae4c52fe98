"""The report: what ``newsdiff report`` shows, as data and as text.

:func:`report_data` turns a :class:`~newsdiff.graph.ProvenanceGraph`
into plain data following the versioned schema ``newsdiff.report/2``
(``docs/report.schema.json``); :func:`format_report` writes the terminal
summary; :mod:`newsdiff.render.html` renders the same data as a page.
"""

from __future__ import annotations

from typing import Any

from newsdiff.graph import ProvenanceGraph
from newsdiff.rewrite import RewriteKind

__all__ = ["PROFILE_COLUMNS", "REPORT_SCHEMA", "format_report", "report_data"]

REPORT_SCHEMA = "newsdiff.report/2"
# Columns of the rewrite profile: the kinds, closest first, then "new".
PROFILE_COLUMNS = (*(kind.value for kind in RewriteKind), "new")


def report_data(graph: ProvenanceGraph, paths: dict[str, str] | None = None) -> dict[str, Any]:
    """The report as plain data (schema ``newsdiff.report/2``)."""
    collation = graph.collation
    paths = paths or {}
    documents = []
    for doc in collation.documents:
        entry: dict[str, Any] = {
            "id": doc.id,
            "sentences": len(doc.sentences),
            "date": doc.date,
            "profile": {k: round(v, 4) for k, v in collation.profile(doc.id).to_dict().items()},
            "parent": graph.parent(doc.id),
            "steps": [step.to_dict() for step in graph.path(doc.id)],
        }
        if doc.id in paths:
            entry["path"] = paths[doc.id]
        documents.append(entry)
    return {
        "schema": REPORT_SCHEMA,
        "documents": documents,
        "clusters": graph.clusters(),
        "graph": {
            "nodes": [node.to_dict() for node in graph.nodes],
            "edges": [edge.to_dict() for edge in graph.edges],
            "spun": list(graph.spun),
            "notes": list(graph.notes),
        },
        "relations": [relation.to_dict() for relation in graph.relations],
        "families": [family.to_dict() for family in collation.families],
    }


def format_report(data: dict[str, Any]) -> str:
    """The terminal summary of :func:`report_data`'s output."""
    lines = [f"# {len(data['documents'])} documents, {len(data['families'])} sentence families"]
    lines.append("")
    lines.append("Clusters:")
    for number, members in enumerate(data["clusters"], 1):
        lines.append(f"  {number}. {', '.join(members)}")
    lines.append("")
    lines.append("Provenance:")
    edges = data["graph"]["edges"]
    if not edges:
        lines.append("  no document derives from another")
    for note in data["graph"]["notes"]:
        lines.append(f"  {note}")
    for node in data["graph"]["nodes"]:
        if node["latent"]:
            lines.append(f"  {node['id']}: {node['label']}")
    for edge in edges:
        lines.append(
            f"  {edge['source']} -> {edge['target']}  {edge['derivation']}, "
            f"{edge['kind']} (confidence {edge['confidence']:.2f})"
        )
    if data["graph"]["spun"]:
        lines.append(f"  spun: {', '.join(data['graph']['spun'])}")
    lines.append("")
    lines.append("Rewrite profile (share of body text):")
    header = "  " + f"{'document':<24}" + "".join(f"{kind:>11}" for kind in PROFILE_COLUMNS)
    lines.append(header)
    for doc in data["documents"]:
        shares = "".join(f"{doc['profile'][kind]:>11.0%}" for kind in PROFILE_COLUMNS)
        lines.append(f"  {doc['id']:<24}{shares}")
    lines.append("")
    lines.append("Pairs:")
    for relation in data["relations"]:
        lines.append(
            f"  {relation['a']} / {relation['b']}: {relation['derivation']}, "
            f"{relation['direction']} (confidence {relation['confidence']:.2f})"
        )
        for clue in relation["evidence"]:
            lines.append(f"      - {clue['detail']}")
    return "\n".join(lines) + "\n"
