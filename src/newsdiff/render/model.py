"""The report model: what ``newsdiff report`` shows, built once from a
:class:`~newsdiff.graph.ProvenanceGraph`.

:func:`build_report` reads the graph through its public API and returns a
:class:`Report`; the terminal summary (:func:`newsdiff.render.report.format_report`),
the HTML page (:func:`newsdiff.render.html.render_html`) and the JSON
(:meth:`Report.to_dict`, schema ``newsdiff.report/2``) all read that one
object, so no two of them can tell a different story.

What the model adds to the graph is for a reader: a *label* per document
(its title when given, else its headline, else its outlet and date, else
the first words of its lead)
with the file name beside it, the tree in drawing order (depth-first from
each root, so children sit under their parent and no two edges cross), the
answer in plain words (:attr:`Report.summary`, pieces that may link to the
sections below), and each edge's evidence once (a clue every child of one
parent shares is said once, of the parent).

Cost: O(N * depth) for paths, O(F + S) for the collation rows (F families,
S sentences); everything the page shows is linear in the input.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterator, Sequence
from typing import Any

import attrs

from newsdiff.collation import Family
from newsdiff.graph import Edge, Node, ProvenanceGraph, Step
from newsdiff.rewrite import RewriteKind
from newsdiff.text.furniture import Role

__all__ = [
    "REPORT_SCHEMA",
    "CollationRow",
    "DocEntry",
    "Phrase",
    "Report",
    "TreeRow",
    "build_report",
]

REPORT_SCHEMA = "newsdiff.report/2"
# Below this confidence a parent is drawn dotted and called uncertain: on the
# team's cascades parents stated at 0.4-0.6 were right about half the time.
UNCERTAIN = 0.6
# Labels longer than this are cut at a word boundary (the full text stays
# in the document's section and in tooltips).
LABEL_CHARS = 90


@attrs.frozen
class Phrase:
    """A piece of the summary: text, and the anchor it links to (if any)."""

    text: str
    anchor: str | None = None


@attrs.frozen
class DocEntry:
    """One input document as the reader meets it."""

    id: str
    anchor: str  # HTML id of its section: ids may hold any character
    label: str  # title, else headline, else outlet and date, else the lead's first words
    label_from: str  # "metadata", "headline", "lead" or "id"
    file: str | None  # the path it was read from, as given
    date: str | None
    outlet: str | None
    sentences: int
    profile: tuple[tuple[str, float], ...]  # (column, share), PROFILE_COLUMNS order
    node: str  # the tree node that stands for it (its duplicate group's)
    parent: str | None
    steps: tuple[Step, ...]

    @property
    def name(self) -> str:
        """What the document goes by: its file name (without folders) when
        it is a file of its own, else its id (a record of a corpus file,
        whose ``file`` reads ``corpus.jsonl: line 3``)."""
        if self.file:
            base = posixpath.basename(self.file.replace("\\", "/"))
            if posixpath.splitext(base)[0] == self.id:
                return base
        return self.id


@attrs.frozen
class TreeRow:
    """One node of the tree in drawing order, with the edge into it."""

    id: str
    anchor: str
    latent: bool
    label: str
    # What the tree shows first: the headline, or the file name when an
    # ancestor already shows the same headline (copies keep the headline;
    # a changed one stands out).
    title: str
    members: tuple[str, ...]  # documents of a duplicate group; latent: its children
    depth: int
    parent: str | None
    kind: RewriteKind | None  # of the edge into it
    confidence: float | None
    derivation: str | None
    # Why this parent: the next best one (None: no parent at all) and how
    # much dearer it explains the document, in informative sentences.
    runner_up: str | None
    margin: float | None
    spun: bool
    children: tuple[str, ...]
    evidence: tuple[str, ...]  # clues for the edge into it, each once
    shared_evidence: tuple[str, ...]  # clues that hold for all its children

    @property
    def uncertain(self) -> bool:
        return self.confidence is not None and self.confidence < UNCERTAIN

    @property
    def count(self) -> int:
        """Documents this node stands for (1, or a duplicate group's size)."""
        return 0 if self.latent else len(self.members)


@attrs.frozen
class CollationRow:
    """A row of the collation: a family (cells by document), or one
    document's own sentence that no other document carries."""

    family: Family | None
    own: tuple[str, int] | None = None  # (document id, sentence index)


@attrs.frozen
class Report:
    """Everything the report shows (see the module docstring)."""

    documents: tuple[DocEntry, ...]
    tree: tuple[TreeRow, ...]
    summary: tuple[Phrase, ...]
    clusters: tuple[tuple[str, ...], ...]
    rows: tuple[CollationRow, ...]
    graph: ProvenanceGraph = attrs.field(repr=False, eq=False)
    # Look-up tables, built once: renderers ask for documents and nodes by id
    # for every row they draw.
    _docs: dict[str, DocEntry] = attrs.field(init=False, repr=False, eq=False)
    _nodes: dict[str, TreeRow] = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_docs", {doc.id: doc for doc in self.documents})
        object.__setattr__(self, "_nodes", {row.id: row for row in self.tree})

    @property
    def summary_text(self) -> str:
        return "".join(phrase.text for phrase in self.summary)

    def document(self, doc_id: str) -> DocEntry:
        return self._docs[doc_id]

    def node(self, node_id: str) -> TreeRow:
        return self._nodes[node_id]

    def has_document(self, doc_id: str) -> bool:
        return doc_id in self._docs

    def to_dict(self) -> dict[str, Any]:
        """Plain data following ``docs/report.schema.json``."""
        graph = self.graph
        documents = []
        for doc in self.documents:
            entry: dict[str, Any] = {
                "id": doc.id,
                "sentences": doc.sentences,
                "date": doc.date,
                "profile": {column: round(share, 4) for column, share in doc.profile},
                "parent": doc.parent,
                "steps": [step.to_dict() for step in doc.steps],
                "label": doc.label,
                "node": doc.node,
            }
            if doc.file is not None:
                entry["path"] = doc.file
            documents.append(entry)
        return {
            "schema": REPORT_SCHEMA,
            "summary": self.summary_text,
            "documents": documents,
            "clusters": [list(cluster) for cluster in self.clusters],
            "graph": {
                "nodes": [node.to_dict() for node in graph.nodes],
                "edges": [edge.to_dict() for edge in graph.edges],
                "spun": list(graph.spun),
                "notes": list(graph.notes),
            },
            "tree": [
                {
                    "node": row.id,
                    "depth": row.depth,
                    "parent": row.parent,
                    "label": row.label,
                    "documents": list(row.members) if not row.latent else [],
                    "kind": None if row.kind is None else row.kind.value,
                    "confidence": None if row.confidence is None else round(row.confidence, 4),
                }
                for row in self.tree
            ],
            "relations": [relation.to_dict() for relation in graph.relations],
            "families": [family.to_dict() for family in graph.collation.families],
        }


# ----------------------------------------------------------------------------


def _cut(text: str, limit: int = LABEL_CHARS) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut[limit // 2 :]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:") + "…"


def _label(graph: ProvenanceGraph, doc_id: str) -> tuple[str, str]:
    doc = graph.collation.document(doc_id)
    if doc.title and doc.title.strip():
        return _cut(doc.title), "metadata"
    headline = next((s for s in doc.sentences if s.role is Role.HEADLINE), None)
    if headline is not None and headline.text.strip():
        return _cut(headline.text), "headline"
    if doc.outlet:
        return _cut(", ".join(part for part in (doc.outlet, doc.date) if part)), "metadata"
    lead = next((s for s in doc.sentences if s.role is Role.BODY and s.text.strip()), None)
    if lead is not None:
        # The first words of the lead: enough to recognise a story by.
        return _cut(lead.text, 60), "lead"
    return doc_id, "id"


def _profile_columns() -> tuple[str, ...]:
    return (*(kind.value for kind in RewriteKind), "new")


def _evidence(
    graph: ProvenanceGraph, edges: dict[str, Edge], children: dict[str | None, list[str]]
) -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]:
    """Each edge's clues without the step summary (the path says it), and a
    clue that every child of one parent carries said once, of the parent."""
    own: dict[str, tuple[str, ...]] = {}
    shared: dict[str, tuple[str, ...]] = {}
    latent = {node.id for node in graph.nodes if node.latent}
    for parent, kids in children.items():
        if parent is None:
            continue
        lines = {
            kid: tuple(
                line for line in edges[kid].evidence if line != _summary_of(edges[kid], latent)
            )
            for kid in kids
        }
        common: tuple[str, ...] = ()
        if len(kids) >= 2:
            first = lines[kids[0]]
            common = tuple(line for line in first if all(line in lines[k] for k in kids[1:]))
        shared[parent] = common
        for kid in kids:
            own[kid] = tuple(line for line in lines[kid] if line not in common)
    return own, shared


def _summary_of(edge: Edge, latent: set[str]) -> str | None:
    # The graph puts the step's describe() first among a document edge's
    # evidence; the report shows it in the path instead.
    return edge.evidence[0] if edge.evidence and edge.source not in latent else None


def _subtree_size(node: str, children: dict[str | None, list[str]], count: dict[str, int]) -> int:
    total, stack = 0, [node]
    while stack:
        current = stack.pop()
        total += count[current]
        stack.extend(children.get(current, ()))
    return total


def _preorder(
    roots: Sequence[str], children: dict[str | None, list[str]]
) -> Iterator[tuple[str, int]]:
    stack = [(root, 0) for root in reversed(roots)]
    while stack:
        node, depth = stack.pop()
        yield node, depth
        stack.extend((child, depth + 1) for child in reversed(children.get(node, [])))


def build_report(graph: ProvenanceGraph, paths: dict[str, str] | None = None) -> Report:
    """The report of ``graph``; ``paths`` maps document ids to the files
    they were read from (shown beside each label)."""
    paths = paths or {}
    collation = graph.collation
    nodes: dict[str, Node] = {node.id: node for node in graph.nodes}
    edges: dict[str, Edge] = {edge.target: edge for edge in graph.edges}
    node_of = {
        member: node.id for node in graph.nodes if not node.latent for member in node.members
    }
    spun = set(graph.spun)

    children: dict[str | None, list[str]] = {}
    for node in graph.nodes:
        edge = edges.get(node.id)
        children.setdefault(None if edge is None else edge.source, []).append(node.id)
    count = {node.id: 0 if node.latent else len(node.members) for node in graph.nodes}
    for kids in children.values():
        # Bigger subtrees first, so the main line of copying reads top down;
        # ties by id, for a layout that does not depend on input order.
        kids.sort(key=lambda kid: (-_subtree_size(kid, children, count), kid))
    roots = children.get(None, [])

    anchors: dict[str, str] = {}
    documents = []
    for number, doc in enumerate(collation.documents):
        anchors[doc.id] = f"doc-{number}"
        label, source = _label(graph, doc.id)
        profile = collation.profile(doc.id).to_dict()
        parent_node = edges.get(node_of[doc.id])
        documents.append(
            DocEntry(
                id=doc.id,
                anchor=anchors[doc.id],
                label=label,
                label_from=source,
                file=paths.get(doc.id),
                date=doc.date,
                outlet=doc.outlet,
                sentences=len(doc.sentences),
                profile=tuple((column, profile[column]) for column in _profile_columns()),
                node=node_of[doc.id],
                parent=None if parent_node is None else parent_node.source,
                steps=graph.path(doc.id),
            )
        )
    by_id = {doc.id: doc for doc in documents}
    for number, node in enumerate(n for n in graph.nodes if n.latent):
        anchors[node.id] = f"source-{number}"

    own_evidence, shared_evidence = _evidence(graph, edges, children)
    tree = []
    shown: dict[str, frozenset[str]] = {}  # headlines shown on the way down to a node
    for node_id, depth in _preorder(roots, children):
        node = nodes[node_id]
        edge = edges.get(node_id)
        above = shown.get(edge.source, frozenset()) if edge is not None else frozenset()
        if node.latent:
            label = title = "Unseen common source"
        else:
            label = by_id[node.members[0]].label
            title = by_id[node.members[0]].name if label in above else label
        shown[node_id] = above | {label}
        tree.append(
            TreeRow(
                id=node_id,
                anchor=anchors[node_id if node.latent else node.members[0]],
                latent=node.latent,
                label=label,
                title=title,
                members=node.members,
                depth=depth,
                parent=None if edge is None else edge.source,
                kind=None if edge is None else edge.kind,
                confidence=None if edge is None else edge.confidence,
                derivation=None if edge is None else edge.derivation,
                runner_up=None if edge is None else edge.runner_up,
                margin=None if edge is None else edge.margin,
                spun=bool(spun.intersection(node.members)) and not node.latent,
                children=tuple(children.get(node_id, ())),
                evidence=own_evidence.get(node_id, ()),
                shared_evidence=shared_evidence.get(node_id, ()),
            )
        )
    report = Report(
        documents=tuple(documents),
        tree=tuple(tree),
        summary=(),
        clusters=tuple(tuple(cluster) for cluster in graph.clusters()),
        rows=_collation_rows(graph),
        graph=graph,
    )
    return attrs.evolve(report, summary=_summary(report))


def _collation_rows(graph: ProvenanceGraph) -> tuple[CollationRow, ...]:
    """Families in story order with each document's own sentences (those no
    other document carries) in place: after the family that holds the
    document's nearest earlier sentence, or first when none does."""
    collation = graph.collation
    family_at: dict[tuple[str, int], int] = {}
    for position, family in enumerate(collation.families):
        for cell in family.cells:
            for index in cell.sentences:
                family_at[(cell.doc, index)] = position
    after: dict[int, list[tuple[str, int]]] = {}
    for doc in collation.documents:
        previous = -1
        for sentence in doc.sentences:
            key = (doc.id, sentence.index)
            if key in family_at:
                previous = family_at[key]
            elif sentence.role not in (Role.BOILERPLATE, Role.DATELINE) and sentence.text.strip():
                after.setdefault(previous, []).append(key)
    rows = [CollationRow(None, key) for key in after.get(-1, [])]
    for position, family in enumerate(collation.families):
        rows.append(CollationRow(family))
        rows.extend(CollationRow(None, key) for key in after.get(position, []))
    return tuple(rows)


# -- the answer in plain words -------------------------------------------------


# Longer lists of names in the summary are counted instead.
_LIST_MAX = 4


def _names(phrases: list[Phrase], names: Sequence[tuple[str, str]]) -> None:
    """``a``, ``a and b``, ``a, b and c``: each a link; past ``_LIST_MAX``
    names, the rest are counted (``a, b, c and 5 more``, linking to the tree)."""
    if len(names) > _LIST_MAX:
        rest = len(names) - _LIST_MAX + 1
        names = [*names[: _LIST_MAX - 1], (f"{rest} more", "tree")]
    for number, (text, anchor) in enumerate(names):
        if number:
            phrases.append(Phrase(" and " if number == len(names) - 1 else ", "))
        phrases.append(Phrase(text, anchor))


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _copies(count: int) -> str:
    return f"{count} {'copy' if count == 1 else 'copies'}"


def _stories(graph: ProvenanceGraph) -> int:
    """Groups of documents that share at least one statement (a family):
    independent reports of one event share statements, unrelated stories
    do not."""
    ids = [doc.id for doc in graph.collation.documents]
    parent = {doc_id: doc_id for doc_id in ids}

    def find(item: str) -> str:
        while parent[item] != item:
            parent[item] = parent[parent[item]]
            item = parent[item]
        return item

    for family in graph.collation.families:
        first, *rest = family.witnesses
        for other in rest:
            parent[find(other)] = find(first)
    return len({find(doc_id) for doc_id in ids})


def _summary(report: Report) -> tuple[Phrase, ...]:
    graph = report.graph
    docs = {doc.id: doc for doc in report.documents}
    rows = {row.id: row for row in report.tree}
    phrases: list[Phrase] = []
    stories = _stories(graph)
    phrases.append(Phrase(_plural(len(docs), "document"), "tree"))
    if stories == 1:
        phrases.append(Phrase(" about one story. "))
    else:
        # Documents that share no aligned sentence may still report one
        # event in their own words: say only what the alignment shows.
        phrases.append(Phrase(f" in {stories} groups that share no sentence with each other. "))

    def name(node_id: str) -> tuple[str, str]:
        # In running text a document goes by its id (the file name without
        # its extension); the original also gets its headline.
        row = rows[node_id]
        return row.members[0], row.anchor

    def descendants(node_id: str) -> int:
        return sum(rows[child].count + descendants(child) for child in rows[node_id].children)

    roots = [row for row in report.tree if row.parent is None]
    trees = [row for row in roots if row.children]
    alone = [row for row in roots if not row.children]
    if len(trees) > _LIST_MAX:
        # Biggest trees first (the tree's order): the rest are in the drawing.
        phrases.append(Phrase(f"They form {len(trees)} copy trees", "tree"))
        phrases.append(Phrase(f", all drawn below; the {_LIST_MAX - 1} largest here. "))
    for number, root in enumerate(trees[: _LIST_MAX - 1] if len(trees) > _LIST_MAX else trees):
        if len(trees) > 1:
            phrases.append(Phrase(f"Copy tree {number + 1}: "))
        if root.latent:
            phrases.append(Phrase("The original is not among the documents: "))
            _names(phrases, [name(child) for child in root.children if not rows[child].latent])
            phrases.append(Phrase(" each keep text the others lack, so they come from "))
            phrases.append(Phrase("an unseen common source", root.anchor))
            phrases.append(Phrase(". "))
        else:
            lead = docs[root.members[0]]
            phrases.append(Phrase("The original is "))
            phrases.append(Phrase(f"“{lead.label}”", root.anchor))
            phrases.append(Phrase(" ("))
            phrases.append(Phrase(lead.name, root.anchor))
            phrases.append(Phrase(")"))
            if root.count > 1:
                phrases.append(Phrase(", with "))
                _names(phrases, [(m, docs[m].anchor) for m in root.members[1:]])
                phrases.append(Phrase(" identical to it"))
            phrases.append(Phrase(". "))
            direct = sum(rows[child].count for child in root.children)
            through = [
                (descendants(child), child) for child in root.children if rows[child].children
            ]
            phrases.append(Phrase(_copies(direct), root.anchor))
            phrases.append(Phrase(" derive" + ("s" if direct == 1 else "") + " from it directly"))
            for index, (size, child) in enumerate(through):
                phrases.append(Phrase(" and " if index == len(through) - 1 else ", "))
                phrases.append(Phrase(f"{size} through "))
                phrases.append(Phrase(*name(child)))
            phrases.append(Phrase(". "))
    # A root's identical copies were named with the root.
    groups = [row for row in report.tree if row.count > 1 and row.parent is not None]
    if len(groups) > _LIST_MAX:
        # A paragraph, not an inventory: the tree shows each group's count.
        phrases.append(Phrase(f"{len(groups)} groups of identical copies", "tree"))
        phrases.append(Phrase(" are drawn as one node each. "))
    else:
        for row in groups:
            _names(phrases, [(m, docs[m].anchor) for m in row.members])
            phrases.append(Phrase(" are identical: one node. "))
    spun = [docs[doc_id] for doc_id in graph.spun if doc_id in docs]
    if spun:
        _names(phrases, [(doc.id, doc.anchor) for doc in spun])
        verb = "was" if len(spun) == 1 else "were"
        phrases.append(Phrase(f" {verb} run through a synonym spinner. "))
    if alone:
        independent = [name(row.id) for row in alone if not row.latent]
        _names(phrases, independent)
        if len(independent) == 1:
            phrases.append(Phrase(" is an independent report" if stories == 1 else " stands alone"))
        else:
            phrases.append(Phrase(" are independent reports" if stories == 1 else " stand alone"))
        phrases.append(Phrase(": no copying found. "))
    unsure = [row for row in report.tree if row.uncertain]
    if unsure:
        phrases.append(Phrase("Least certain: the parent of "))
        _names(phrases, [name(row.id) for row in unsure if not row.latent])
        phrases.append(Phrase(f" (confidence under {UNCERTAIN:.0%}: right about half the time). "))
    text = phrases
    if text and text[-1].text.endswith(" "):
        last = text[-1]
        text[-1] = Phrase(last.text.rstrip(), last.anchor)
    return tuple(text)
