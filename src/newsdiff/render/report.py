"""The report: what ``newsdiff report`` shows, as data and as text.

:func:`report_data` turns a :class:`~newsdiff.provenance.ProvenanceGraph`
into plain data following the versioned schema ``newsdiff.report/1``
(``docs/report.schema.json``); :func:`format_report` writes the terminal
summary; :mod:`newsdiff.render.html` renders the same data as a page.
"""

from __future__ import annotations

from typing import Any

from newsdiff._disjoint import DisjointSets
from newsdiff.collation import Collation
from newsdiff.graph import ProvenanceGraph

__all__ = ["REPORT_SCHEMA", "clusters", "format_report", "profile", "report_data"]

REPORT_SCHEMA = "newsdiff.report/1"
PROFILE_KINDS = ("copy", "edit", "spin", "paraphrase", "new")


_CLOSENESS = {"copy": 0, "edit": 1, "spin": 2, "paraphrase": 3}


def profile(collation: Collation, doc_id: str) -> dict[str, float]:
    """Share of a document's body text (characters) by its closest
    counterpart in any other document: ``copy``, ``edit``, ``spin``,
    ``paraphrase``, or ``new`` when no other document carries it."""
    doc = collation.document(doc_id)
    kind_of: dict[int, str] = {}
    for other in collation.documents:
        if other.id == doc_id:
            continue
        for link in collation.alignment(doc_id, other.id).links:
            kind = link.kind.value
            for index in link.a:
                known = kind_of.get(index)
                if known is None or _CLOSENESS[kind] < _CLOSENESS[known]:
                    kind_of[index] = kind
    return doc.body_shares(kind_of, PROFILE_KINDS, "new")


def clusters(graph: ProvenanceGraph) -> list[list[str]]:
    """Documents joined by derivation (edges of the graph), as sorted lists,
    latent sources left out; unrelated documents stand alone."""
    sets: DisjointSets[str] = DisjointSets(node.id for node in graph.nodes)
    for edge in graph.edges:
        sets.union(edge.source, edge.target)
    documents = [node.id for node in graph.nodes if not node.latent]
    return sorted((sorted(g) for g in sets.groups(documents)), key=lambda g: (-len(g), g))


def report_data(graph: ProvenanceGraph, paths: dict[str, str] | None = None) -> dict[str, Any]:
    """The report as plain data (schema ``newsdiff.report/1``)."""
    collation = graph.collation
    paths = paths or {}
    documents = []
    for doc in collation.documents:
        entry: dict[str, Any] = {
            "id": doc.id,
            "sentences": len(doc.sentences),
            "date": doc.date,
            "profile": {k: round(v, 4) for k, v in profile(collation, doc.id).items()},
        }
        if doc.id in paths:
            entry["path"] = paths[doc.id]
        documents.append(entry)
    return {
        "schema": REPORT_SCHEMA,
        "documents": documents,
        "clusters": clusters(graph),
        "graph": {
            "nodes": [node.to_dict() for node in graph.nodes],
            "edges": [edge.to_dict() for edge in graph.edges],
            "spun": list(graph.spun),
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
    for node in data["graph"]["nodes"]:
        if node["latent"]:
            lines.append(f"  {node['id']}: {node['label']}")
    for edge in edges:
        lines.append(
            f"  {edge['source']} -> {edge['target']}  {edge['derivation']}, "
            f"{edge['rewrite']} (confidence {edge['confidence']:.2f})"
        )
    if data["graph"]["spun"]:
        lines.append(f"  spun: {', '.join(data['graph']['spun'])}")
    lines.append("")
    lines.append("Rewrite profile (share of body text):")
    header = "  " + f"{'document':<24}" + "".join(f"{kind:>11}" for kind in PROFILE_KINDS)
    lines.append(header)
    for doc in data["documents"]:
        shares = "".join(f"{doc['profile'][kind]:>11.0%}" for kind in PROFILE_KINDS)
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
