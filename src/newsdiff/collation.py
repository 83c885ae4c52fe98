"""Collation: the same statement across N documents.

``collate(docs)`` aligns every pair of documents and joins linked sentences
into *families* (connected components of the links), as textual critics
collate manuscript witnesses into a variant table: one row per family, one
column per document, each cell the document's sentences in that family and
their rewrite kind relative to the family's *reading* (the member closest
to all others).  Families are ordered by their mean relative position in
the documents that carry them (a consensus order), so moved paragraphs join
their family wherever they stand.

Documents are processed in id order, so the result does not depend on the
order they are given in.  Cost: one :func:`~newsdiff.align` per pair.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from itertools import combinations
from typing import Any

import attrs

from newsdiff._disjoint import DisjointSets
from newsdiff.aligner import align
from newsdiff.alignment import Alignment, AlignOptions
from newsdiff.document import Document
from newsdiff.errors import ArgumentTypeError, InputError
from newsdiff.rewrite import Profile, RewriteKind
from newsdiff.similarity import Features, bag_dice, features

__all__ = ["Cell", "Collation", "Family", "check_documents", "collate"]

Member = tuple[str, int]  # (document id, sentence index)


@attrs.frozen
class Cell:
    """One document's sentences in a family, and how they read against the
    family's reading: the kind of the pairwise links that joined them (the
    closest one), so a cell never contradicts its alignment.  The reading's
    own cell is ``reading=True`` with kind ``copy``."""

    doc: str
    sentences: tuple[int, ...]
    kind: RewriteKind
    reading: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "doc": self.doc,
            "sentences": list(self.sentences),
            "kind": self.kind.value,
            "reading": self.reading,
        }


@attrs.frozen
class Family:
    """Sentences of several documents that make the same statement."""

    id: int
    reading: Member
    cells: tuple[Cell, ...]  # in document id order, only documents that carry it

    def cell(self, doc_id: str) -> Cell | None:
        return next((cell for cell in self.cells if cell.doc == doc_id), None)

    @property
    def witnesses(self) -> tuple[str, ...]:
        return tuple(cell.doc for cell in self.cells)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "reading": {"doc": self.reading[0], "sentence": self.reading[1]},
            "cells": [cell.to_dict() for cell in self.cells],
        }


@attrs.frozen
class Collation:
    """Families across documents, in consensus order, plus the pairwise
    alignments they were built from."""

    documents: tuple[Document, ...]
    families: tuple[Family, ...]
    alignments: dict[tuple[str, str], Alignment] = attrs.field(repr=False, eq=False)

    def document(self, doc_id: str) -> Document:
        for doc in self.documents:
            if doc.id == doc_id:
                return doc
        raise InputError(f"no document with id {doc_id!r} in this collation")

    def alignment(self, first: str, second: str) -> Alignment:
        """The alignment of two documents, oriented ``first`` -> ``second``."""
        if (first, second) in self.alignments:
            return self.alignments[(first, second)]
        if (second, first) in self.alignments:
            return self.alignments[(second, first)].mirrored()
        raise InputError(f"no alignment of {first!r} and {second!r} in this collation")

    def family_of(self, doc_id: str, sentence: int) -> Family | None:
        for family in self.families:
            cell = family.cell(doc_id)
            if cell is not None and sentence in cell.sentences:
                return family
        return None

    def text(self, member: Member) -> str:
        return self.document(member[0]).sentences[member[1]].text

    def profile(self, doc_id: str) -> Profile:
        """Share of a document's body text (characters) by its closest
        counterpart in any other document (``new``: no other document
        carries it).  Kinds are those of the pairwise links."""
        doc = self.document(doc_id)
        kind_of: dict[int, RewriteKind] = {}
        for other in self.documents:
            if other.id == doc_id:
                continue
            for link in self.alignment(doc_id, other.id).links:
                for index in link.a:
                    known = kind_of.get(index)
                    kind_of[index] = link.kind if known is None else min(known, link.kind)
        labels = {index: kind.value for index, kind in kind_of.items()}
        return Profile.of(doc.body_shares(labels, [kind.value for kind in RewriteKind], "new"))

    def to_dict(self) -> dict[str, Any]:
        return {
            "documents": [doc.id for doc in self.documents],
            "families": [family.to_dict() for family in self.families],
        }


def check_documents(docs: Iterable[Document]) -> tuple[Document, ...]:
    """The documents sorted by id; ArgumentTypeError for non-documents,
    InputError for duplicate ids."""
    checked = list(docs)
    for doc in checked:
        if not isinstance(doc, Document):
            raise ArgumentTypeError(f"documents must be Document, not {type(doc).__name__}")
    seen: set[str] = set()
    for doc in checked:
        if doc.id in seen:
            raise InputError(f"duplicate document id {doc.id!r}")
        seen.add(doc.id)
    return tuple(sorted(checked, key=lambda doc: doc.id))


Progress = Callable[[int, int], None]


def collate(
    docs: Iterable[Document],
    align_options: AlignOptions | None = None,
    progress: Progress | None = None,
) -> Collation:
    """Align all pairs of ``docs`` and group linked sentences into families.

    ``progress(done, total)`` is called after each pair, for long runs.
    """
    documents = check_documents(docs)
    alignments: dict[tuple[str, str], Alignment] = {}
    components: DisjointSets[Member] = DisjointSets()
    pairs = list(combinations(documents, 2))
    for done, (first, second) in enumerate(pairs, 1):
        alignment = align(first, second, align_options)
        if progress is not None:
            progress(done, len(pairs))
        alignments[(first.id, second.id)] = alignment
        for link in alignment.links:
            members = [(first.id, i) for i in link.a] + [(second.id, j) for j in link.b]
            for member in members[1:]:
                components.union(members[0], member)
    by_id = {doc.id: doc for doc in documents}
    memo: dict[str, Any] = {}
    families = [
        _family(members, by_id, alignments, memo)
        for members in components.groups(sorted(components.parent))
    ]
    families.sort(key=lambda item: (_position(item, by_id), item.reading))
    return Collation(
        documents,
        tuple(attrs.evolve(family, id=number) for number, family in enumerate(families)),
        alignments,
    )


def _position(family: Family, by_id: dict[str, Document]) -> float:
    """Mean relative position of the family's sentences in their documents."""
    places: list[float] = []
    for cell in family.cells:
        count = len(by_id[cell.doc].sentences)
        places.extend(index / count for index in cell.sentences)
    return sum(places) / len(places)


def _family(
    members: Sequence[Member],
    by_id: dict[str, Document],
    alignments: dict[tuple[str, str], Alignment],
    memo: dict[str, Any],
) -> Family:
    cells: dict[str, list[int]] = {}
    for doc_id, index in members:
        cells.setdefault(doc_id, []).append(index)
    feature: dict[str, Features] = {
        doc_id: features(" ".join(by_id[doc_id].sentences[i].text for i in indices), memo)
        for doc_id, indices in cells.items()
    }

    def closeness(doc_id: str) -> float:
        mine = feature[doc_id]
        return sum(
            bag_dice(mine.bag, mine.total, other.bag, other.total)
            for other_id, other in feature.items()
            if other_id != doc_id
        )

    # The reading: the cell closest to all others; ties go to the lower id.
    reading_doc = max(sorted(cells), key=closeness)
    out = []
    for doc_id in sorted(cells):
        if doc_id == reading_doc:
            out.append(Cell(doc_id, tuple(sorted(cells[doc_id])), RewriteKind.COPY, reading=True))
        else:
            kind = _link_kind(doc_id, cells, reading_doc, alignments)
            out.append(Cell(doc_id, tuple(sorted(cells[doc_id])), kind))
    return Family(0, (reading_doc, min(cells[reading_doc])), tuple(out))


def _link_kind(
    doc_id: str,
    cells: dict[str, list[int]],
    reading_doc: str,
    alignments: dict[tuple[str, str], Alignment],
) -> RewriteKind:
    """The kind of the links joining a cell to the reading's cell, decided
    once by the aligner; a cell joined to the family only through other
    witnesses takes the closest kind of its links to them."""
    mine = set(cells[doc_id])
    by_partner: dict[str, list[RewriteKind]] = {}
    for other_id, indices in cells.items():
        if other_id == doc_id:
            continue
        theirs = set(indices)
        if (doc_id, other_id) in alignments:
            pairs = ((link.a, link.b, link.kind) for link in alignments[(doc_id, other_id)].links)
        else:
            pairs = ((link.b, link.a, link.kind) for link in alignments[(other_id, doc_id)].links)
        for own, other, kind in pairs:
            if mine.intersection(own) and theirs.intersection(other):
                by_partner.setdefault(other_id, []).append(kind)
    direct = by_partner.get(reading_doc)
    if direct:
        return min(direct)
    # Every cell is linked to some other cell of its family (families are
    # connected components of the links), so this is never empty.
    return min(kind for kinds in by_partner.values() for kind in kinds)
