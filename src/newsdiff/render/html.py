"""The HTML report: one self-contained page, no scripts, no external assets.

It reads the :class:`~newsdiff.render.model.Report` model, top to bottom:
the answer in plain words (names link to the sections below); the copy tree
as inline SVG, drawn one node a row, indented under its parent (a tidy
layout: a tree drawn so has no crossing edges, and it stays legible at
phone width and at 50+ documents because it grows in height, not width),
with a legend for every colour, line style and mark; one section per
document (its headline and file name, its path from the root in the words
of :meth:`~newsdiff.graph.Step.describe`, the evidence for its parent one
clue a line, folded, and a side-by-side view against its parent in story
order); the rewrite profiles; the collation (families and each document's
own sentences, in story order).

Every text is escaped and carries ``dir="auto"`` (Arabic and Hebrew
copies read right to left); long tokens wrap; wide tables scroll inside
their own box; a print stylesheet unfolds the details.  The page's size is
linear in the input: pair views follow the tree's edges (N - 1, not every
pair), and runs of empty collation cells are merged.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from html import escape
from typing import Any

from newsdiff.alignment import Alignment, Link
from newsdiff.document import Document
from newsdiff.graph import ProvenanceGraph
from newsdiff.render.model import UNCERTAIN, DocEntry, Report, TreeRow, build_report
from newsdiff.render.report import PROFILE_COLUMNS, PROFILE_HEADINGS, edge_label
from newsdiff.rewrite import RewriteKind, char_diff
from newsdiff.text.furniture import Role

__all__ = ["render_html"]

# Colours meet WCAG AA (4.5:1) for text on white and on their backgrounds;
# every colour also has a word or a line style beside it.
_KIND_INK = {"copy": "#1e6b2a", "edit": "#7a4f00", "spin": "#b3261e", "paraphrase": "#2f4f9e"}
_INK = "#1d1d1d"
_MUTED = "#4a4a4a"

_CSS = """
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{font:16px/1.5 system-ui,-apple-system,'Segoe UI',sans-serif;margin:0 auto;max-width:72em;
 padding:0 1rem 3rem;color:#1d1d1d;background:#fff;overflow-wrap:anywhere}
h1{font-size:1.6em;margin:.8em 0 .3em}h2{margin-top:2em;border-bottom:1px solid #bbb}
h3{margin:0 0 .2em;font-size:1.15em}
a{color:#0b57d0}
.summary{font-size:1.12em;max-width:46em}
nav ul{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.3em 1.2em}
.scroll{overflow-x:auto;max-width:100%;margin:.5em 0}
table{border-collapse:collapse;margin:0}
td,th{border:1px solid #ccc;padding:.3em .5em;vertical-align:top;text-align:start}
th{background:#f2f2f2}
.num{text-align:end;font-variant-numeric:tabular-nums;white-space:nowrap}
.k-copy{background:#e9f5ea}.k-edit{background:#fff5d6}.k-spin{background:#fde4e1}
.k-paraphrase{background:#e8eefb}.k-reading{background:#ececec;font-weight:600}
.k-new,.k-added,.k-dropped{background:#fff}
.tag{display:inline-block;white-space:nowrap;overflow-wrap:normal;font-size:.78em;font-weight:600;color:#4a4a4a;margin-inline-end:.3em;
 text-transform:uppercase;letter-spacing:.03em}
del{background:#f6c7c1;text-decoration:line-through}
ins{background:#c4e8c4;text-decoration:none;border-bottom:2px solid #1e6b2a}
.slot{outline:2px solid #b3261e;border-radius:2px}
.furniture td{color:#595959;background:#f7f7f7}
.copytree{width:100%;height:auto;display:block}
.copytree.narrow{display:none}
@media (max-width:720px){.copytree.wide{display:none}.copytree.narrow{display:block}}
.tree a{text-decoration:none}
.legend{display:grid;grid-template-columns:repeat(auto-fill,minmax(17em,1fr));gap:.2em 1.2em;
 padding:0;list-style:none;font-size:.9em;margin:.8em 0}
.legend li{display:flex;align-items:center;gap:.4em}
.legend svg{flex:none;width:34px;height:18px}
.doc{border-top:1px solid #ddd;padding:.8em 0}
.meta{color:#4a4a4a;margin:.1em 0 .5em;font-size:.95em}
.file{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:.92em}
.badge{display:inline-block;border:1px solid currentColor;border-radius:3px;padding:0 .3em;
 font-size:.82em;font-weight:600}
.badge.spun{color:#b3261e}
ol.path{margin:.2em 0 .5em;padding-inline-start:1.4em}
details{margin:.3em 0}
summary{cursor:pointer}
.evidence{color:#333;font-size:.95em;margin:.2em 0}
.pairview{table-layout:fixed;width:100%;min-width:20em}
.pairview col.mid{width:6.5em}.pairview th{overflow-wrap:normal}
.collation td{min-width:11em;max-width:22em}
.collation th:first-child,.collation td:first-child{min-width:0}
svg text{font-family:system-ui,-apple-system,'Segoe UI',sans-serif}
@media (max-width:600px){body{font-size:15px;padding:0 .6rem 2rem}
 .pairview col.mid{width:5.2em}td,th{padding:.25em .3em}}
@media print{
 body{max-width:none;font-size:11pt}nav{display:none}
 a{color:inherit;text-decoration:none}
 details::details-content{content-visibility:visible;display:contents}
 details>summary{list-style:none}
 .scroll{overflow:visible}
 .doc,tr,.tree{break-inside:avoid}
}
"""


def render_html(report: Report | ProvenanceGraph, data: dict[str, Any] | None = None) -> str:
    """The report page.  Pass the :class:`~newsdiff.render.model.Report`
    (a graph is accepted too and turned into one; ``data`` is ignored: it
    was the old signature's plain data, now read from the model)."""
    if isinstance(report, ProvenanceGraph):
        report = build_report(report)
    docs = {doc.id: doc for doc in report.graph.collation.documents}
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>Who copied whom: {len(report.documents)} documents (newsdiff)</title>",
        f"<style>{_CSS}</style></head><body>",
        "<header><h1>Who copied whom</h1>",
        f'<p class="summary" id="summary">{_summary(report)}</p></header>',
        '<nav aria-label="sections"><ul><li><a href="#tree">Copy tree</a></li>'
        '<li><a href="#documents">Documents</a></li><li><a href="#profiles">Rewrite profiles'
        '</a></li><li><a href="#collation">Collation</a></li></ul></nav>',
        '<section id="tree" class="tree"><h2>Copy tree</h2>',
        "<p>Each document has at most one parent: the one it was most likely made from. "
        "Read from the top: children are drawn under their parent, with how they were made "
        "from it (copy, edit, spin or paraphrase) and how sure the tree is of that parent.</p>",
        # Two drawings of one tree: full headlines on a wide screen, shorter
        # ones at phone width, where a wide drawing would shrink its text.
        _tree_svg(report, _WIDE, "wide"),
        _tree_svg(report, _NARROW, "narrow"),
        _legend(report),
        _empty_notes(report, docs),
        "</section>",
        '<section id="documents"><h2>Documents</h2>',
        _pair_legend(),
        *_documents(report, docs),
        "</section>",
        '<section id="profiles"><h2>Rewrite profiles</h2>',
        "<p>Share of each document's body text by its closest counterpart in <em>any</em> "
        "other document (the path above compares it with its parent only): copied "
        "unchanged, edited, spun, reworded, or its own text that no other document has.</p>",
        _profiles(report),
        "</section>",
        '<section id="collation"><h2>Collation</h2>',
        _collation_legend(),
        _collation_table(report, docs),
        "</section>",
        "</body></html>",
    ]
    return "\n".join(parts) + "\n"


def _empty_notes(report: Report, docs: dict[str, Document]) -> str:
    """Documents without body text: nothing to compare, so a lone node.
    (The tree shows identical copies as one node already.)"""
    empty = [
        doc
        for doc in report.documents
        if not any(s.role is Role.BODY for s in docs[doc.id].sentences)
    ]
    if not empty:
        return ""
    names = ", ".join(_name_link(report, doc.id) for doc in empty)
    return f"<p>No body text, so nothing to compare: {names}.</p>"


def _link(text: str, anchor: str | None) -> str:
    if anchor is None:
        return escape(text)
    # <bdi>: a right-to-left name must not reorder the words around it.
    return f'<a href="#{escape(anchor)}"><bdi>{escape(text)}</bdi></a>'


def _summary(report: Report) -> str:
    return "".join(_link(phrase.text, phrase.anchor) for phrase in report.summary)


# -- the tree ------------------------------------------------------------------

_ROW = 48  # px per node row
_INDENT = 24  # px per generation
_WIDE = 900  # viewBox width of the desktop drawing (drawn 1:1)
_NARROW = 440  # and of the phone drawing (drawn at ~4/5 at 400 px)
_PAD = 10
# Average advance of a character (bold 15 px title, 13 px second line) in
# system-ui, to cut labels before they run out of the picture.
_TITLE_CHAR = 8.6
_META_CHAR = 7.0


def _short(text: str, room: float, advance: float) -> str:
    limit = max(12, int(room / advance))
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _mark(row: TreeRow, x: float, y: float) -> str:
    """A node's mark: a dashed square for an unseen source, a circle for a
    document (filled red for a spun one), stacked circles for a group."""
    if row.latent:
        return (
            f'<rect x="{x - 7:.0f}" y="{y - 7:.0f}" width="14" height="14" fill="#fff" '
            'stroke="#1d1d1d" stroke-width="1.5" stroke-dasharray="3 2"/>'
        )
    fill = "#f6c7c1" if row.spun else ("#dbe6fb" if row.parent is None else "#fff")
    circle = (
        f'<circle cx="{x:.0f}" cy="{y:.0f}" r="7" fill="{fill}" stroke="#1d1d1d" '
        'stroke-width="1.5"/>'
    )
    if row.count > 1:
        circle += (
            f'<circle cx="{x + 3:.0f}" cy="{y - 3:.0f}" r="7" fill="{fill}" stroke="#1d1d1d" '
            'stroke-width="1.5"/>'
        )
    return circle


def _tree_svg(report: Report, base: int, variant: str) -> str:
    """The copy tree, one node a row, each child indented under its parent:
    the parent's trunk runs down (grey) and each child's branch (in its
    kind's colour, dotted when uncertain) turns right to it."""
    rows = report.tree
    if not rows:
        return ""
    docs = {doc.id: doc for doc in report.documents}
    height = _PAD * 2 + len(rows) * _ROW - 8
    place: dict[str, tuple[float, float]] = {}
    last_child: dict[str, float] = {}
    for number, row in enumerate(rows):
        place[row.id] = (_PAD + 8 + row.depth * _INDENT, _PAD + number * _ROW + 10)
        if row.parent is not None:
            last_child[row.parent] = place[row.id][1]
    depth = max(row.depth for row in rows)
    width = max(base, _PAD * 2 + 8 + depth * _INDENT + 320)
    out = [
        f'<svg class="copytree {variant}" xmlns="http://www.w3.org/2000/svg" '
        f'viewBox="0 0 {width} {height}" width="100%" style="max-width:{width}px" '
        # Not role="img": that would hide the nodes' links from screen readers.
        f'role="group" aria-labelledby="tree-{variant}"><title id="tree-{variant}">Copy tree of '
        f"{len(report.documents)} documents</title>",
    ]
    # Lines first, so the marks sit on top of them.
    for parent, bottom in last_child.items():
        px, py = place[parent]
        out.append(
            f'<path d="M{px:.0f},{py + 8:.0f} V{bottom:.0f}" stroke="#767676" '
            'stroke-width="1.5" fill="none"/>'
        )
    for row in rows:
        if row.parent is None:
            continue
        (px, _), (cx, cy) = place[row.parent], place[row.id]
        ink = _KIND_INK.get(row.kind.value if row.kind else "", _INK)
        dash = ' stroke-dasharray="2 3"' if row.uncertain else ""
        out.append(
            f'<path class="edge" d="M{px:.0f},{cy:.0f} H{cx - 9:.0f}" fill="none" '
            f'stroke="{ink}" stroke-width="2.5"{dash}/>'
        )
    for row in rows:
        x, y = place[row.id]
        room = width - x - 14 - _PAD
        if row.latent:
            names = [docs[m].name for m in row.members if m in docs]
            title = f"Unseen source: text that {', '.join(names)} share"
            first = "Unseen common source"
            second = "not among the documents"
        else:
            names = [docs[m].name for m in row.members]
            title = f"{row.label} ({', '.join(names)})"
            first = row.title
            second = names[0] if row.title == row.label else "same headline"
            outlet = docs[row.members[0]].outlet
            if outlet:
                second += f" · {outlet}"
            if row.count > 1:
                second += f" ×{row.count} identical"
        bits = [second]
        if row.kind is not None:
            bits.append(edge_label(row))
        elif not row.latent:
            bits.append("original" if row.children else "no copying found")
        if row.spun:
            bits.append("SPUN")
        ink = _KIND_INK.get(row.kind.value if row.kind else "", _MUTED)
        meta = escape(_short(" · ".join(bits), room, _META_CHAR))
        out.append(
            f'<a href="#{escape(row.anchor)}"><g class="node" data-node="{escape(row.id)}">'
            f"<title>{escape(title)}</title>{_mark(row, x, y)}"
            f'<text x="{x + 14:.0f}" y="{y + 5:.0f}" font-size="15" font-weight="600" '
            f'fill="{_INK}">{escape(_short(first, room, _TITLE_CHAR))}</text>'
            f'<text x="{x + 14:.0f}" y="{y + 25:.0f}" font-size="13" fill="{ink}">'
            f"{meta}</text></g></a>"
        )
    out.append("</svg>")
    return "".join(out)


def _swatch(body: str, width: int = 34) -> str:
    return (
        f'<svg width="{width}" height="18" viewBox="0 0 {width} 18" aria-hidden="true">{body}</svg>'
    )


def _legend(report: Report) -> str:
    items = [
        (
            _swatch('<circle cx="17" cy="9" r="7" fill="#dbe6fb" stroke="#1d1d1d"/>'),
            "original: no parent among the documents (blue)",
        ),
        (
            _swatch('<circle cx="17" cy="9" r="7" fill="#fff" stroke="#1d1d1d"/>'),
            "a copy (white); its line's colour and word say how it was made:",
        ),
        (
            _swatch('<circle cx="17" cy="9" r="7" fill="#f6c7c1" stroke="#1d1d1d"/>'),
            "SPUN: run through a synonym spinner (red)",
        ),
        (
            _swatch(
                '<circle cx="15" cy="10" r="7" fill="#fff" stroke="#1d1d1d"/>'
                '<circle cx="18" cy="7" r="7" fill="#fff" stroke="#1d1d1d"/>'
            ),
            "×N identical: N identical copies drawn as one node",
        ),
        (
            _swatch(
                '<rect x="10" y="2" width="14" height="14" fill="#fff" stroke="#1d1d1d" '
                'stroke-dasharray="3 2"/>'
            ),
            "unseen common source: not among the documents; its copies each keep text the "
            "others lack",
        ),
    ]
    for kind, ink in _KIND_INK.items():
        items.append(
            (
                _swatch(f'<path d="M2,9 H32" stroke="{ink}" stroke-width="2.5"/>'),
                f"{kind}: {_KIND_WORDS[kind]}",
            )
        )
    items.append(
        (
            _swatch(
                f'<path d="M2,9 H32" stroke="{_INK}" stroke-width="2" stroke-dasharray="2 3"/>'
            ),
            f"dotted, with ?: an uncertain parent (under {UNCERTAIN:.0%} sure)",
        )
    )
    items.append(
        (
            "",
            "N% sure: how often a parent stated this sure was right on the team's test cascades",
        )
    )
    return (
        '<ul class="legend" id="legend" aria-label="legend">'
        + "".join(f"<li>{swatch}<span>{escape(text)}</span></li>" for swatch, text in items)
        + "</ul>"
    )


_DERIVATION = {
    "wholly-derived": "made wholly from it",
    "partially-derived": "made partly from it",
}

_KIND_WORDS = {
    "copy": "copied unchanged",
    "edit": "lightly edited",
    "spin": "words swapped for synonyms",
    "paraphrase": "the same statements reworded",
}


# -- documents -----------------------------------------------------------------


def _name_link(report: Report, node_or_doc: str) -> str:
    if report.has_document(node_or_doc):
        doc = report.document(node_or_doc)
        return f'<a class="file" href="#{escape(doc.anchor)}"><bdi>{escape(doc.name)}</bdi></a>'
    row = report.node(node_or_doc)
    return f'<a href="#{escape(row.anchor)}">the unseen source</a>'


def _documents(report: Report, docs: dict[str, Document]) -> list[str]:
    out = []
    entries = {doc.id: doc for doc in report.documents}
    rows = {row.id: row for row in report.tree}
    for row in report.tree:
        if row.latent:
            out.append(_latent_section(report, row, docs))
            continue
        for member in row.members:
            out.append(_document_section(report, entries[member], row, rows, docs))
    return out


def _latent_section(report: Report, row: TreeRow, docs: dict[str, Document]) -> str:
    children = [report.node(child) for child in row.children]
    names = ", ".join(_name_link(report, child.members[0]) for child in children)
    shared = "".join(f"<li dir='auto'>{escape(line)}</li>" for line in row.shared_evidence)
    return (
        f'<article class="doc latent" id="{escape(row.anchor)}">'
        f"<h3>An unseen common source</h3>"
        f'<p class="meta">Not among the documents: inferred from {names}. Each keeps text '
        "the others lack, so none of them can be the source of the rest; the unseen "
        "source holds what at least two of them share.</p>"
        + (
            f'<details class="evidence"><summary>Evidence ({len(row.shared_evidence)})'
            f"</summary><ul>{shared}</ul></details>"
            if shared
            else ""
        )
        + "</article>"
    )


def _reference_sibling(report: Report, latent: TreeRow) -> str:
    """For children of an unseen source, the sibling the others are shown
    beside: the one whose wording is most often the collation's reading
    (the closest stand-in for the unseen text), unspun first."""
    collation = report.graph.collation
    readings: dict[str, int] = {}
    for family in collation.families:
        readings[family.reading[0]] = readings.get(family.reading[0], 0) + 1
    candidates = [report.node(child) for child in latent.children]
    best = min(
        candidates,
        key=lambda row: (row.spun, row.latent, -readings.get(row.members[0], 0), row.id),
    )
    return best.members[0]


def _document_section(
    report: Report,
    doc: DocEntry,
    row: TreeRow,
    rows: dict[str, TreeRow],
    docs: dict[str, Document],
) -> str:
    meta = [f'<span class="file">{escape(doc.file or doc.id)}</span>']
    meta.extend(escape(value) for value in (doc.outlet, doc.date) if value)
    meta.append(f"{doc.sentences} sentences")
    if row.spun:
        meta.append('<span class="badge spun">SPUN</span> run through a synonym spinner')
    head = row.members[0]
    # As in the tree: the headline, or the file name when the parent shows
    # the same headline (then the headline is said in the line below).
    heading = doc.label if row.title == row.label else doc.name
    if heading != doc.label:
        meta.insert(1, f'<span dir="auto">“{escape(doc.label)}”</span>')
    parts = [
        f'<article class="doc" id="{escape(doc.anchor)}">',
        f'<h3 dir="auto">{escape(heading)}</h3>',
        f'<p class="meta">{" · ".join(meta)}</p>',
    ]
    if doc.id != head:
        parts.append(
            f"<p>Identical to {_name_link(report, head)}, sentence for sentence (site "
            "furniture aside): one node of the tree.</p></article>"
        )
        return "".join(parts)
    if row.parent is None:
        if row.children:
            count = sum(rows[child].count for child in row.children)
            parts.append(
                f"<p><b>An original</b>: no parent among these documents; "
                f"{count} {'copy derives' if count == 1 else 'copies derive'} from it "
                "directly.</p>"
            )
        else:
            parts.append(
                "<p><b>Independent</b>: no other document was copied from it, and it was "
                "copied from none (statements it shares with others are reported in its own "
                "words).</p>"
            )
    else:
        assert row.kind is not None and row.confidence is not None
        parts.append(
            f"<p>Parent: {_name_link(report, row.parent)}: <b>{escape(row.kind.value)}</b>, "
            f"{row.confidence:.0%} sure{' (uncertain)' if row.uncertain else ''}; "
            f"{_DERIVATION.get(str(row.derivation), escape(str(row.derivation)))}.</p>"
        )
        if row.margin is not None:
            runner_up = (
                "having no parent among these documents"
                if row.runner_up is None
                else _name_link(report, row.runner_up)
            )
            parts.append(
                f"<p>Next best explanation: {runner_up}, dearer by {row.margin:.1f} "
                "sentence(s) of changes it would need.</p>"
            )
        steps = []
        for step in doc.steps:
            steps.append(
                f"<li>{_name_link(report, step.source)} → {_name_link(report, step.target)}: "
                f"{escape(step.describe())}</li>"
            )
        parts.append(f'<p>Path from the root:</p><ol class="path">{"".join(steps)}</ol>')
        if row.evidence:
            lines = "".join(f'<li dir="auto">{escape(line)}</li>' for line in row.evidence)
            parts.append(
                f'<details class="evidence"><summary>Evidence ({len(row.evidence)} '
                f"clue{'s' if len(row.evidence) != 1 else ''})</summary><ul>{lines}</ul>"
                "</details>"
            )
        parent_row = rows[row.parent]
        if parent_row.latent:
            other = _reference_sibling(report, parent_row)
            if other != doc.id:
                parts.append(_pair_view(report, other, doc.id, docs, "its sibling"))
        else:
            parts.append(_pair_view(report, parent_row.members[0], doc.id, docs, "its parent"))
    if row.children:
        made = ", ".join(
            _name_link(report, report.node(child).members[0])
            if not report.node(child).latent
            else _name_link(report, child)
            for child in row.children
        )
        parts.append(f"<p>Copies made from it: {made}.</p>")
    if row.shared_evidence and not row.latent:
        lines = "".join(f'<li dir="auto">{escape(line)}</li>' for line in row.shared_evidence)
        parts.append(
            '<details class="evidence"><summary>Evidence that holds for all its copies'
            f"</summary><ul>{lines}</ul></details>"
        )
    parts.append("</article>")
    return "".join(parts)


# -- pair views ----------------------------------------------------------------


def _story_rows(alignment: Alignment) -> list[tuple[Link | None, int | None, int | None]]:
    """Links and unmatched sentences of both sides in story order: by the
    source's order, each sentence only the copy has placed right after the
    row that holds the copy's previous sentence."""
    rows: list[tuple[Link | None, int | None, int | None]] = []
    linked_b = {j for link in alignment.links for j in link.b}
    linked_a = {i for link in alignment.links for i in link.a}
    keyed: list[tuple[int, int, Link | None, int | None]] = [
        (min(link.a), 0, link, None) for link in alignment.links
    ]
    keyed.extend(
        (s.index, 0, None, s.index) for s in alignment.a.sentences if s.index not in linked_a
    )
    keyed.sort(key=lambda item: (item[0], item[1]))
    rows = [(link, a_index, None) for _, _, link, a_index in keyed]
    # Where each copy sentence sits, to place the copy's own sentences.
    position_of_b: dict[int, int] = {}
    for position, (link, _, _) in enumerate(rows):
        if link is not None:
            for j in link.b:
                position_of_b[j] = position
    inserts: dict[int, list[int]] = {}
    previous = -1
    for sentence in alignment.b.sentences:
        j = sentence.index
        if j in linked_b:
            previous = max(previous, position_of_b[j])
        else:
            inserts.setdefault(previous, []).append(j)
    merged: list[tuple[Link | None, int | None, int | None]] = [
        (None, None, j) for j in inserts.get(-1, [])
    ]
    for position, item in enumerate(rows):
        merged.append(item)
        merged.extend((None, None, j) for j in inserts.get(position, []))
    return merged


# Words and what lies between them: a diff op split so that its words can
# be outlined one by one.
_WORDS_AND_GAPS = re.compile(r"\w+|\W+")


def _sides(ops: Iterable[tuple[int, str]], slots: set[str]) -> tuple[str, str]:
    """The two halves of a diff as HTML: deletions on the left, insertions
    on the right; swapped spin words outlined as slots."""
    left: list[str] = []
    right: list[str] = []
    for op, text in ops:
        if op == 0:
            piece = escape(text)
        elif text.strip().casefold() in slots:
            piece = f'<span class="slot">{escape(text)}</span>'
        else:
            # A run of replaced words holds each swapped word as a slot of
            # its own (the diff joins neighbouring replacements into one op).
            piece = "".join(
                f'<span class="slot">{escape(part)}</span>'
                if part.casefold() in slots
                else escape(part)
                for part in _WORDS_AND_GAPS.findall(text)
            )
        if op <= 0:
            left.append(f"<del>{piece}</del>" if op < 0 else piece)
        if op >= 0:
            right.append(f"<ins>{piece}</ins>" if op > 0 else piece)
    return "".join(left), "".join(right)


def _pair_view(
    report: Report, source: str, target: str, docs: dict[str, Document], relation: str
) -> str:
    alignment = report.graph.collation.alignment(source, target)
    entries = {doc.id: doc for doc in report.documents}
    rows = []
    for link, a_index, b_index in _story_rows(alignment):
        if link is not None:
            rows.append(_link_row(alignment, link))
        elif a_index is not None:
            rows.append(_lone_row(alignment.a, a_index, "a"))
        elif b_index is not None:
            rows.append(_lone_row(alignment.b, b_index, "b"))
    src, dst = entries[source].name, entries[target].name
    return (
        f'<details class="pair"><summary>Side by side with {relation} '
        f"{escape(src)}, in story order</summary>"
        f'<div class="scroll"><table class="pairview"><colgroup><col><col class="mid"><col>'
        f'</colgroup><tr><th class="file">{escape(src)}</th><th>change</th>'
        f'<th class="file">{escape(dst)}</th></tr>{"".join(rows)}</table></div></details>'
    )


def _lone_row(doc: Document, index: int, side: str) -> str:
    sentence = doc.sentences[index]
    text = f'<td dir="auto">{escape(" ".join(sentence.text.split()))}</td>'
    if sentence.role is Role.BOILERPLATE:
        css, note = "furniture", "site furniture"
    elif sentence.role is Role.BODY:
        css, note = ("k-dropped", "left out") if side == "a" else ("k-added", "added")
    else:
        css, note = "furniture", sentence.role.value
    if side == "a":
        return f'<tr class="{css}">{text}<td>{note}</td><td></td></tr>'
    return f'<tr class="{css}"><td></td><td>{note}</td>{text}</tr>'


def _link_row(alignment: Alignment, link: Link) -> str:
    slots = {word for pair in link.evidence.substitutions for word in pair}
    if link.kind is RewriteKind.COPY:
        text = escape(" ".join(alignment.text_a(link).split()))
        left = right = text
    else:
        left, right = _sides(char_diff(alignment.text_a(link), alignment.text_b(link)), slots)
    swapped = ", ".join(f"{old} → {new}" for old, new in link.evidence.substitutions)
    note = f'<br><small dir="auto">{escape(swapped)}</small>' if swapped else ""
    return (
        f'<tr class="k-{link.kind.value}"><td dir="auto">{left}</td>'
        f"<td>{link.kind.value}{note}</td>"
        f'<td dir="auto">{right}</td></tr>'
    )


# -- profiles and collation ----------------------------------------------------


def _profiles(report: Report) -> str:
    head = "".join(f'<th class="num">{PROFILE_HEADINGS[kind]}</th>' for kind in PROFILE_COLUMNS)
    rows = []
    for doc in report.documents:
        cells = "".join(f'<td class="num k-{kind}">{share:.0%}</td>' for kind, share in doc.profile)
        rows.append(f"<tr><th>{_name_link(report, doc.id)}</th>{cells}</tr>")
    return (
        f'<div class="scroll"><table class="profiles"><tr><th>document</th>{head}</tr>'
        f"{''.join(rows)}</table></div>"
    )


def _pair_legend() -> str:
    """What the side-by-side views mark, with the marks themselves."""
    return (
        '<p class="legend-pairs">Each document below is shown beside its parent (or, under '
        "an unseen source, beside a sibling), in story order: <del>struck through</del> on "
        "the left is what the copy removed, <ins>underlined</ins> on the right what it put "
        'in its place, <span class="slot">outlined</span> words were swapped by a spinner, '
        "grey rows are site furniture (links, credits, comment forms); <i>left out</i> and "
        "<i>added</i> mark sentences only one side has.</p>"
    )


def _collation_legend() -> str:
    kinds = "".join(
        f'<li><span class="k-{kind} tag">{kind}</span>{escape(words)}</li>'
        for kind, words in _KIND_WORDS.items()
    )
    return (
        "<p>One row per statement, one column per document, in story order. A cell holds "
        "a document's wording of the statement, marked by how it reads against the row's "
        "<b>reference wording</b> (what textual critics call the <i>reading</i>: the "
        "wording closest to all the others, in bold). Rows marked <i>own</i> hold a "
        "sentence no other document has (an outlet's own reporting), where it stands in "
        "that document.</p>"
        f'<ul class="legend">{kinds}<li><span class="k-reading tag">reading</span>the '
        'reference wording</li><li><span class="tag">own</span>only this document</li></ul>'
    )


def _collation_table(report: Report, docs: dict[str, Document]) -> str:
    ids = [doc.id for doc in report.documents]
    column = {doc_id: number for number, doc_id in enumerate(ids)}
    head = "".join(f"<th>{_name_link(report, doc_id)}</th>" for doc_id in ids)
    rows = []
    for row in report.rows:
        cells: dict[int, str] = {}
        if row.family is not None:
            label = f"{row.family.id}"
            for cell in row.family.cells:
                text = " ".join(docs[cell.doc].sentences[i].text for i in cell.sentences)
                kind = "reading" if cell.reading else cell.kind.value
                cells[column[cell.doc]] = (
                    f'<td class="k-{kind}" dir="auto"><span class="tag">{kind}</span>'
                    f"{escape(' '.join(text.split()))}</td>"
                )
        else:
            assert row.own is not None
            doc_id, index = row.own
            label = "own"
            text = docs[doc_id].sentences[index].text
            cells[column[doc_id]] = (
                f'<td class="k-new" dir="auto"><span class="tag">own</span>'
                f"{escape(' '.join(text.split()))}</td>"
            )
        rows.append(f'<tr><td class="num">{label}</td>{_merge_empty(cells, len(ids))}</tr>')
    return (
        f'<div class="scroll"><table class="collation"><tr><th>#</th>{head}</tr>'
        f"{''.join(rows)}</table></div>"
    )


def _merge_empty(cells: dict[int, str], width: int) -> str:
    """Cells of one row, runs of empty ones as one ``colspan`` cell, so a
    row costs its filled cells, not the number of documents."""
    out = []
    done = 0
    for number in sorted(cells):
        gap = number - done
        if gap:
            out.append(f'<td colspan="{gap}"></td>' if gap > 1 else "<td></td>")
        out.append(cells[number])
        done = number + 1
    gap = width - done
    if gap:
        out.append(f'<td colspan="{gap}"></td>' if gap > 1 else "<td></td>")
    return "".join(out)
