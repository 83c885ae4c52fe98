"""The provenance graph: which document derives from which.

``provenance(docs)`` collates the documents (:func:`newsdiff.collate`),
relates every pair (:func:`newsdiff.derive`), and builds a graph:

* a directed edge ``source -> copy`` for each pair the clues orient;
* a *latent* node for each group of siblings (pairs related as
  ``common-source``, joined transitively): the unseen wire story they each
  copied part of, with an edge to every member;
* for each member, the way its text travelled: ``spun`` when it is the odd
  witness of shared variants (in families carried by three or more
  documents, its cells read as spin against a reading the others share, as
  the stemmatic method finds the manuscript that innovates), else the
  dominant reuse kind (``copy`` or ``edit``).

``graph.origin(doc_id, sentence_index)`` tells where one sentence came
from.  Everything is computed in document id order: the graph does not
depend on the order the documents are given in.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from itertools import combinations
from typing import Any

import attrs

from newsdiff._disjoint import DisjointSets
from newsdiff.alignment import AlignOptions
from newsdiff.collation import Collation, Family, Progress, collate
from newsdiff.derivation import DeriveOptions, Relation, relate
from newsdiff.document import Document
from newsdiff.errors import InputError

__all__ = ["Edge", "Node", "Origin", "ProvenanceGraph", "provenance"]


@attrs.frozen
class Node:
    id: str
    latent: bool
    label: str
    members: tuple[str, ...] = ()  # for a latent node: the siblings it stands for

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "latent": self.latent,
            "label": self.label,
            "members": list(self.members),
        }


@attrs.frozen
class Edge:
    """``source`` -> ``target``: the target was made (wholly or partly) from
    the source, by the rewrite named in ``rewrite``."""

    source: str
    target: str
    derivation: str
    rewrite: str
    confidence: float
    evidence: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "target": self.target,
            "derivation": self.derivation,
            "rewrite": self.rewrite,
            "confidence": round(self.confidence, 4),
            "evidence": list(self.evidence),
        }


@attrs.frozen
class Origin:
    """Where one sentence came from."""

    doc: str
    sentence: int
    family: int | None  # None: no other document carries the statement
    source: str | None  # parent node that carries it (a document or a latent source)
    witness: str | None  # the document whose wording is the family's reading
    change: str  # how this sentence reads against the reading: copy/edit/spin/paraphrase/own
    witnesses: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return attrs.asdict(self, recurse=False) | {"witnesses": list(self.witnesses)}


@attrs.frozen
class ProvenanceGraph:
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]
    relations: tuple[Relation, ...]
    collation: Collation = attrs.field(repr=False, eq=False)
    spun: tuple[str, ...] = ()

    def relation(self, first: str, second: str) -> Relation:
        for relation in self.relations:
            if (relation.a, relation.b) in ((first, second), (second, first)):
                return relation
        raise InputError(f"no relation of {first!r} and {second!r} in this graph")

    def parents(self, doc_id: str) -> tuple[str, ...]:
        return tuple(edge.source for edge in self.edges if edge.target == doc_id)

    def origin(self, doc_id: str, sentence_index: int) -> Origin:
        """Where sentence ``sentence_index`` of document ``doc_id`` came from."""
        doc = self.collation.document(doc_id)
        if not isinstance(sentence_index, int) or not 0 <= sentence_index < len(doc.sentences):
            raise InputError(
                f"{doc_id!r} has no sentence {sentence_index!r} (it has {len(doc.sentences)})"
            )
        family = self.collation.family_of(doc_id, sentence_index)
        if family is None:
            return Origin(doc_id, sentence_index, None, None, None, "own", (doc_id,))
        cell = family.cell(doc_id)
        assert cell is not None
        change = "copy" if cell.kind == "reading" else cell.kind
        return Origin(
            doc_id,
            sentence_index,
            family.id,
            self._source_of(doc_id, family),
            family.reading[0],
            change,
            family.witnesses,
        )

    def _source_of(self, doc_id: str, family: Family) -> str | None:
        for parent in self.parents(doc_id):
            node = next(node for node in self.nodes if node.id == parent)
            carriers = node.members if node.latent else (parent,)
            if any(carrier in family.witnesses and carrier != doc_id for carrier in carriers):
                return parent
        return None

    def to_dict(self) -> dict[str, Any]:
        return {
            "nodes": [node.to_dict() for node in self.nodes],
            "edges": [edge.to_dict() for edge in self.edges],
            "relations": [relation.to_dict() for relation in self.relations],
            "spun": list(self.spun),
        }


def provenance(
    docs: Iterable[Document],
    options: DeriveOptions | None = None,
    align_options: AlignOptions | None = None,
    progress: Progress | None = None,
) -> ProvenanceGraph:
    """The provenance graph of ``docs`` (see the module docstring).
    ``progress(done, total)`` is called after each aligned pair."""
    collation = collate(docs, align_options, progress)
    documents = collation.documents
    if options is None:
        options = DeriveOptions()
    relations = tuple(
        relate(collation.alignment(first.id, second.id), options)
        for first, second in combinations(documents, 2)
    )
    spun = _spun_witnesses(collation, options.spun_witness_min)
    reuse_kind = {doc.id: _dominant_kind(collation, doc.id) for doc in documents}
    nodes = [Node(doc.id, False, doc.id) for doc in documents]
    edges: list[Edge] = []
    siblings: DisjointSets[str] = DisjointSets(doc.id for doc in documents)
    for relation in relations:
        if not relation.derived:
            continue
        evidence = tuple(clue.detail for clue in relation.evidence)
        if relation.direction in ("a->b", "b->a"):
            source, target = (
                (relation.a, relation.b)
                if relation.direction == "a->b"
                else (relation.b, relation.a)
            )
            rewrite = "spin" if target in spun else reuse_kind[target]
            edges.append(
                Edge(source, target, relation.derivation, rewrite, relation.confidence, evidence)
            )
        elif relation.direction == "common-source":
            siblings.union(relation.a, relation.b)
    number = 0
    for members in siblings.groups(doc.id for doc in documents):
        if len(members) < 2:
            continue
        number += 1
        latent = Node(
            f"latent-{number}",
            True,
            "unseen common source of " + ", ".join(members),
            tuple(members),
        )
        nodes.append(latent)
        for member in members:
            shared = [
                relation
                for relation in relations
                if relation.direction == "common-source" and member in (relation.a, relation.b)
            ]
            edges.append(
                Edge(
                    latent.id,
                    member,
                    "partially-derived",
                    "spin" if member in spun else reuse_kind[member],
                    max(relation.confidence for relation in shared),
                    tuple(
                        f"sibling of {relation.b if relation.a == member else relation.a}: "
                        + "; ".join(clue.detail for clue in relation.evidence)
                        for relation in shared
                    ),
                )
            )
    edges.sort(key=lambda edge: (edge.source, edge.target))
    return ProvenanceGraph(tuple(nodes), tuple(edges), relations, collation, tuple(sorted(spun)))


def _spun_witnesses(collation: Collation, share: float) -> set[str]:
    """Documents with at least ``share`` of their cells, in families of three
    or more witnesses, reading as spin against the family's reading."""
    counts: dict[str, Counter[str]] = {}
    for family in collation.families:
        if len(family.cells) < 3:
            continue
        for cell in family.cells:
            counts.setdefault(cell.doc, Counter())[cell.kind] += 1
    return {
        doc_id for doc_id, kinds in counts.items() if kinds["spin"] >= share * sum(kinds.values())
    }


def _dominant_kind(collation: Collation, doc_id: str) -> str:
    """Most frequent kind of the document's cells (``reading`` counts as
    copy); ``copy`` when it carries no family."""
    kinds: Counter[str] = Counter()
    for family in collation.families:
        cell = family.cell(doc_id)
        if cell is not None:
            kinds["copy" if cell.kind == "reading" else cell.kind] += 1
    if not kinds:
        return "copy"
    return min(kinds.items(), key=lambda item: (-item[1], item[0]))[0]
