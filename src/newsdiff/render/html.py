"""The HTML report: one self-contained page, no scripts, no external assets.

Sections: the provenance graph as inline SVG, the rewrite profile of each
document, the collation table (families x documents), and a side-by-side
view of every derived pair with edits highlighted (diff-match-patch), spin
slots marked and furniture greyed.  Every text is escaped; the page opens
from disk without network access.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape
from typing import Any

from newsdiff.alignment import Alignment, Link
from newsdiff.graph import ProvenanceGraph
from newsdiff.render.report import PROFILE_COLUMNS
from newsdiff.rewrite import RewriteKind, char_diff
from newsdiff.text.furniture import Role

__all__ = ["render_html"]

_CSS = """
body{font:15px/1.45 system-ui,-apple-system,'Segoe UI',sans-serif;margin:2em auto;max-width:78em;
 color:#1d1d1d;padding:0 1em}
h1{font-size:1.6em}h2{margin-top:2em;border-bottom:1px solid #ccc}
table{border-collapse:collapse;width:100%;margin:.5em 0}
td,th{border:1px solid #ddd;padding:.3em .5em;vertical-align:top;text-align:left}
th{background:#f4f4f4}
.num{text-align:right;font-variant-numeric:tabular-nums}
.k-copy{background:#eef7ee}.k-edit{background:#fff8e1}.k-spin{background:#fdecea}
.k-paraphrase{background:#eef2fb}.k-reading{background:#f0f0f0;font-weight:600}
.k-new{background:#fff}
del{background:#f8c9c4;text-decoration:line-through}ins{background:#c8ecc8;text-decoration:none}
.slot{outline:2px solid #d1495b;border-radius:2px}
.furniture td{color:#999;background:#fafafa}
.legend span{display:inline-block;padding:0 .5em;margin-right:.4em;border:1px solid #ddd}
svg text{font:13px system-ui,sans-serif}
.evidence{color:#444;font-size:.92em}
"""


def render_html(graph: ProvenanceGraph, data: dict[str, Any]) -> str:
    """The report page for ``graph``; ``data`` is its
    :func:`~newsdiff.render.report.report_data`."""
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<title>newsdiff report</title>",
        f"<style>{_CSS}</style></head><body>",
        "<h1>newsdiff report</h1>",
        f"<p>{len(data['documents'])} documents, {len(data['families'])} sentence families. "
        "Clusters: "
        + "; ".join(escape(", ".join(members)) for members in data["clusters"])
        + ".</p>",
        '<section id="graph"><h2>Provenance graph</h2>',
        _graph_svg(data),
        _edge_list(data),
        "</section>",
        '<section id="profiles"><h2>Rewrite profiles</h2>',
        _profiles(data),
        "</section>",
        '<section id="collation"><h2>Collation</h2>',
        '<p class="legend">Each row is one statement; each cell a document\'s wording, '
        "coloured by how it reads against the row's reading: "
        + "".join(
            f'<span class="k-{kind}">{kind}</span>'
            for kind in ("reading", *(kind.value for kind in RewriteKind))
        )
        + "</p>",
        _collation_table(graph, data),
        "</section>",
        '<section id="pairs"><h2>Pairs</h2>',
        *(_pair_view(graph, relation) for relation in data["relations"]),
        "</section>",
        "</body></html>",
    ]
    return "\n".join(parts) + "\n"


def _layers(data: dict[str, Any]) -> dict[str, int]:
    """Depth of each node: longest path from a node without parents."""
    nodes = [node["id"] for node in data["graph"]["nodes"]]
    parents: dict[str, list[str]] = {node: [] for node in nodes}
    for edge in data["graph"]["edges"]:
        parents[edge["target"]].append(edge["source"])
    depth: dict[str, int] = {}

    def visit(node: str, trail: frozenset[str]) -> int:
        if node in depth:
            return depth[node]
        if node in trail:  # a cycle cannot come out of derive(); guard anyway
            return 0
        value = 1 + max((visit(p, trail | {node}) for p in parents[node]), default=-1)
        depth[node] = value
        return value

    for node in nodes:
        visit(node, frozenset())
    return depth


def _graph_svg(data: dict[str, Any]) -> str:
    depth = _layers(data)
    rows: dict[int, list[dict[str, Any]]] = {}
    for node in data["graph"]["nodes"]:
        rows.setdefault(depth[node["id"]], []).append(node)
    box_w, box_h, gap_x, gap_y = 150, 34, 30, 80
    width = max(len(row) for row in rows.values()) * (box_w + gap_x) + gap_x
    height = len(rows) * (box_h + gap_y) + gap_y // 2
    place: dict[str, tuple[float, float]] = {}
    for level, row in sorted(rows.items()):
        offset = (width - len(row) * (box_w + gap_x) + gap_x) / 2
        for k, node in enumerate(row):
            place[node["id"]] = (offset + k * (box_w + gap_x), gap_y / 2 + level * (box_h + gap_y))
    spun = set(data["graph"]["spun"])
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="provenance graph" '
        f'width="{width}" height="{height}" viewBox="0 0 {width} {height}">',
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" '
        'markerHeight="8" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="#555"/></marker></defs>',
    ]
    for edge in data["graph"]["edges"]:
        (x1, y1), (x2, y2) = place[edge["source"]], place[edge["target"]]
        sx, sy, tx, ty = x1 + box_w / 2, y1 + box_h, x2 + box_w / 2, y2
        colour = "#d1495b" if edge["kind"] == RewriteKind.SPIN.value else "#555"
        out.append(
            f'<line class="edge" x1="{sx:.0f}" y1="{sy:.0f}" x2="{tx:.0f}" y2="{ty:.0f}" '
            f'stroke="{colour}" stroke-width="1.6" marker-end="url(#arrow)"/>'
        )
        out.append(
            f'<text x="{(sx + tx) / 2 + 4:.0f}" y="{(sy + ty) / 2:.0f}" fill="{colour}">'
            f"{escape(edge['kind'])}</text>"
        )
    for node in data["graph"]["nodes"]:
        x, y = place[node["id"]]
        fill = "#fff" if node["latent"] else ("#fdecea" if node["id"] in spun else "#eef2fb")
        dash = ' stroke-dasharray="5 3"' if node["latent"] else ""
        label = node["id"] if len(node["id"]) <= 20 else node["id"][:19] + "…"
        out.append(
            f'<g class="node"><title>{escape(node["label"])}</title>'
            f'<rect x="{x:.0f}" y="{y:.0f}" width="{box_w}" height="{box_h}" rx="6" '
            f'fill="{fill}" stroke="#333"{dash}/>'
            f'<text x="{x + box_w / 2:.0f}" y="{y + box_h / 2 + 4:.0f}" text-anchor="middle">'
            f"{escape(label)}</text></g>"
        )
    out.append("</svg>")
    return "\n".join(out)


def _edge_list(data: dict[str, Any]) -> str:
    items = []
    for node in data["graph"]["nodes"]:
        if node["latent"]:
            items.append(f"<li><b>{escape(node['id'])}</b>: {escape(node['label'])}</li>")
    for edge in data["graph"]["edges"]:
        evidence = "".join(f"<li>{escape(line)}</li>" for line in edge["evidence"])
        items.append(
            f"<li><b>{escape(edge['source'])} → {escape(edge['target'])}</b>: "
            f"{escape(edge['derivation'])}, {escape(edge['kind'])} "
            f"(confidence {edge['confidence']:.2f})"
            f'<ul class="evidence">{evidence}</ul></li>'
        )
    if not items:
        items.append("<li>No document derives from another.</li>")
    return "<ul>" + "".join(items) + "</ul>"


def _profiles(data: dict[str, Any]) -> str:
    head = "".join(f'<th class="num">{kind}</th>' for kind in PROFILE_COLUMNS)
    rows = []
    for doc in data["documents"]:
        cells = "".join(
            f'<td class="num k-{kind}">{doc["profile"][kind]:.0%}</td>' for kind in PROFILE_COLUMNS
        )
        rows.append(f"<tr><th>{escape(doc['id'])}</th>{cells}</tr>")
    return f"<table><tr><th>document</th>{head}</tr>{''.join(rows)}</table>"


def _collation_table(graph: ProvenanceGraph, data: dict[str, Any]) -> str:
    collation = graph.collation
    ids = [doc["id"] for doc in data["documents"]]
    head = "".join(f"<th>{escape(doc_id)}</th>" for doc_id in ids)
    rows = []
    for family in collation.families:
        cells = []
        for doc_id in ids:
            cell = family.cell(doc_id)
            if cell is None:
                cells.append("<td></td>")
                continue
            doc = collation.document(doc_id)
            text = " ".join(doc.sentences[i].text for i in cell.sentences)
            label = "reading" if cell.reading else cell.kind.value
            cells.append(
                f'<td class="k-{label}" title="{label}">{escape(" ".join(text.split()))}</td>'
            )
        rows.append(f'<tr><td class="num">{family.id}</td>{"".join(cells)}</tr>')
    return f'<table class="collation"><tr><th>#</th>{head}</tr>{"".join(rows)}</table>'


def _sides(ops: Iterable[tuple[int, str]], slots: set[str]) -> tuple[str, str]:
    """The two halves of a diff as HTML: deletions on the left, insertions
    on the right; swapped spin words outlined as slots."""
    left: list[str] = []
    right: list[str] = []
    for op, text in ops:
        piece = escape(text)
        if op != 0 and text.strip().casefold() in slots:
            piece = f'<span class="slot">{piece}</span>'
        if op <= 0:
            left.append(f"<del>{piece}</del>" if op < 0 else piece)
        if op >= 0:
            right.append(f"<ins>{piece}</ins>" if op > 0 else piece)
    return "".join(left), "".join(right)


def _pair_view(graph: ProvenanceGraph, relation: dict[str, Any]) -> str:
    if relation["derivation"] == "non-derived":
        return ""
    alignment = graph.collation.alignment(relation["a"], relation["b"])
    evidence = "".join(f"<li>{escape(clue['detail'])}</li>" for clue in relation["evidence"])
    rows = [_link_row(alignment, link) for link in alignment.links]
    linked_a = {i for link in alignment.links for i in link.a}
    linked_b = {j for link in alignment.links for j in link.b}
    for side, doc, linked in (("a", alignment.a, linked_a), ("b", alignment.b, linked_b)):
        for sentence in doc.sentences:
            if sentence.index in linked:
                continue
            text = escape(" ".join(sentence.text.split()))
            css = "" if sentence.role is Role.BODY else ' class="furniture"'
            role = escape(sentence.role.value)
            left, right = (text, "") if side == "a" else ("", text)
            rows.append(f"<tr{css}><td>{left}</td><td>{role}, unmatched</td><td>{right}</td></tr>")
    return (
        f'<details class="pair" open><summary><b>{escape(relation["a"])} / '
        f"{escape(relation['b'])}</b>: {escape(relation['derivation'])}, "
        f"{escape(relation['direction'])} (confidence {relation['confidence']:.2f})</summary>"
        f'<ul class="evidence">{evidence}</ul>'
        f"<table><tr><th>{escape(relation['a'])}</th><th>link</th>"
        f"<th>{escape(relation['b'])}</th></tr>{''.join(rows)}</table></details>"
    )


def _link_row(alignment: Alignment, link: Link) -> str:
    slots = {word for pair in link.evidence.substitutions for word in pair}
    if link.kind is RewriteKind.COPY:
        text = escape(" ".join(alignment.text_a(link).split()))
        left = right = text
    else:
        left, right = _sides(char_diff(alignment.text_a(link), alignment.text_b(link)), slots)
    swapped = ", ".join(f"{old} → {new}" for old, new in link.evidence.substitutions)
    note = f"<br><small>{escape(swapped)}</small>" if swapped else ""
    return (
        f'<tr class="k-{link.kind.value}"><td>{left}</td>'
        f"<td>{link.kind.value} {link.score:.2f}{note}</td><td>{right}</td></tr>"
    )
