"""Collation: the same statement across N documents.

``collate(docs)`` aligns the pairs of documents that may share text and
joins linked sentences into *families* (connected components of the links),
as textual critics collate manuscript witnesses into a variant table: one
row per family, one column per document, each cell the document's sentences
in that family and their rewrite kind relative to the family's *reading*
(the member closest to all others).  Families are ordered by their mean
relative position in the documents that carry them (a consensus order), so
moved paragraphs join their family wherever they stand.

Which pairs are aligned: by default only *candidate* pairs, found as the
corpus index finds them (:mod:`newsdiff.corpus`): each document's
fingerprint (:func:`newsdiff.fingerprint.fingerprint`, plus the whole-text
key of identical copies) is held in memory, keys held by too many documents
are skipped, and each document proposes at most ``IndexOptions.candidates``
others that share at least ``min_shared`` keys and ``min_key_share`` of the
smaller fingerprint, or at least :data:`BORROWED_MIN_KEYS` keys whatever
their share (a paragraph borrowed by a long document).  A pair proposed by
either side is aligned.  Pairs never
proposed count as sharing nothing: :meth:`Collation.alignment` gives them an
empty alignment (no link, every alignable sentence unmatched), so everything
built on the collation (profiles, :func:`newsdiff.provenance`) reads them as
unrelated without paying for an alignment.  What retrieval cannot see is
text too short or too reworded to leave a fingerprint key (a sentence of
three words, a paraphrase): ``all_pairs=True`` aligns every pair instead,
the reference the candidate path is tested against.

Documents are processed in id order, so the result does not depend on the
order they are given in.  Cost: one fingerprint per document, then one
:func:`~newsdiff.align` per candidate pair (near-linear in N for news: a
story's copies are few; ``all_pairs``: quadratic).  Every sentence text is
described once per run (a feature table shared by all pairs).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from itertools import combinations
from typing import Any

import attrs

from newsdiff._disjoint import DisjointSets
from newsdiff._features import FeatureTable
from newsdiff.aligner import align
from newsdiff.alignment import Alignment, AlignOptions, alignable
from newsdiff.corpus import IndexOptions, key_limit, propose_candidates
from newsdiff.document import Document
from newsdiff.errors import ArgumentTypeError, InputError
from newsdiff.fingerprint import exact_key, fingerprint
from newsdiff.rewrite import Profile, RewriteKind
from newsdiff.similarity import Features, bag_dice

__all__ = ["BORROWED_MIN_KEYS", "Cell", "Collation", "Family", "check_documents", "collate"]

Member = tuple[str, int]  # (document id, sentence index)

# Shared keys that make a pair a candidate whatever share of the smaller
# fingerprint they are.  An outlet that borrows one paragraph of another
# story shares a few keys of a long fingerprint, under the index's
# ``min_key_share``.  Measured on 640 documents of 80 stories
# (benchmarks/bench_scale.py): of the pairs under 5% that share 5 keys or
# more, 97 of 103 are derived; of those sharing 3 or 4, 16 of 496.
BORROWED_MIN_KEYS = 5


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
    # The cells by document: the copy tree asks every member of a group of
    # documents for its cell in every family the group shares.
    _by_doc: dict[str, Cell] = attrs.field(
        init=False,
        repr=False,
        eq=False,
        default=attrs.Factory(
            lambda self: {cell.doc: cell for cell in self.cells}, takes_self=True
        ),
    )

    def cell(self, doc_id: str) -> Cell | None:
        return self._by_doc.get(doc_id)

    @property
    def witnesses(self) -> tuple[str, ...]:
        return tuple(cell.doc for cell in self.cells)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "reading": {"doc": self.reading[0], "sentence": self.reading[1]},
            "cells": [cell.to_dict() for cell in self.cells],
        }


def _index_documents(collation: Collation) -> dict[str, Document]:
    return {doc.id: doc for doc in collation.documents}


def _index_partners(collation: Collation) -> dict[str, tuple[str, ...]]:
    partners: dict[str, list[str]] = {}
    for first, second in collation.alignments:
        partners.setdefault(first, []).append(second)
        partners.setdefault(second, []).append(first)
    return {doc_id: tuple(sorted(others)) for doc_id, others in partners.items()}


def _index_families(collation: Collation) -> dict[Member, Family]:
    return {
        (cell.doc, index): family
        for family in collation.families
        for cell in family.cells
        for index in cell.sentences
    }


@attrs.frozen
class Collation:
    """Families across documents, in consensus order, plus the pairwise
    alignments they were built from: one for each pair that was aligned
    (every pair with ``all_pairs``, else the candidate pairs), keyed by the
    two ids in id order."""

    documents: tuple[Document, ...]
    families: tuple[Family, ...]
    alignments: dict[tuple[str, str], Alignment] = attrs.field(repr=False, eq=False)
    options: AlignOptions = attrs.field(factory=AlignOptions, repr=False, eq=False)
    # Lookups built once: reports ask for every document's partners and
    # every sentence's family, and scans would make them quadratic.
    _by_id: dict[str, Document] = attrs.field(
        init=False, repr=False, eq=False, default=attrs.Factory(_index_documents, takes_self=True)
    )
    _partners: dict[str, tuple[str, ...]] = attrs.field(
        init=False, repr=False, eq=False, default=attrs.Factory(_index_partners, takes_self=True)
    )
    # Alignments seen from their second document, made once: the copy tree
    # reads every aligned pair both ways, twice.
    _mirrors: dict[tuple[str, str], Alignment] = attrs.field(
        init=False, repr=False, eq=False, factory=dict
    )
    _family_index: dict[Member, Family] = attrs.field(
        init=False, repr=False, eq=False, default=attrs.Factory(_index_families, takes_self=True)
    )

    def document(self, doc_id: str) -> Document:
        doc = self._by_id.get(doc_id)
        if doc is None:
            raise InputError(f"no document with id {doc_id!r} in this collation")
        return doc

    def aligned(self, first: str, second: str) -> bool:
        """Whether the pair was aligned (retrieval proposed it, or
        ``all_pairs``)."""
        return (first, second) in self.alignments or (second, first) in self.alignments

    def partners(self, doc_id: str) -> tuple[str, ...]:
        """The documents ``doc_id`` was aligned with, in id order."""
        self.document(doc_id)
        return self._partners.get(doc_id, ())

    def alignment(self, first: str, second: str) -> Alignment:
        """The alignment of two documents, oriented ``first`` -> ``second``.

        A pair that was never aligned (retrieval did not propose it) gets
        an empty alignment: no links, every alignable sentence unmatched.
        That is what the families say of it, and what a pair sharing no
        fingerprint key almost always is; ``nd.align`` gives the full answer.
        """
        if (first, second) in self.alignments:
            return self.alignments[(first, second)]
        if (second, first) in self.alignments:
            mirror = self._mirrors.get((first, second))
            if mirror is None:
                mirror = self._mirrors[(first, second)] = self.alignments[
                    (second, first)
                ].mirrored()
            return mirror
        a, b = self.document(first), self.document(second)
        if first == second:
            raise InputError(f"no alignment of {first!r} with itself in this collation")
        return Alignment(
            a,
            b,
            (),
            tuple(s.index for s in a.sentences if alignable(s)),
            tuple(s.index for s in b.sentences if alignable(s)),
            self.options,
        )

    def family_of(self, doc_id: str, sentence: int) -> Family | None:
        return self._family_index.get((doc_id, sentence))

    def text(self, member: Member) -> str:
        return self.document(member[0]).sentences[member[1]].text

    def profile(self, doc_id: str) -> Profile:
        """Share of a document's body text (characters) by its closest
        counterpart in any other document (``new``: no other document
        carries it).  Kinds are those of the pairwise links."""
        doc = self.document(doc_id)
        kind_of: dict[int, RewriteKind] = {}
        for other in self.partners(doc_id):
            for link in self.alignment(doc_id, other).links:
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

    def _check(self) -> None:
        """Assert the collation's invariants (used by the tests): documents
        in id order, alignments between known documents in id order, the
        families partition the linked sentences (each linked sentence in
        exactly one family, every family member linked), every link inside
        one family, cells naming existing sentences of their document, one
        reading per family, families numbered in order."""
        ids = [doc.id for doc in self.documents]
        assert ids == sorted(set(ids))
        known = set(ids)
        linked: set[Member] = set()
        for (first, second), alignment in self.alignments.items():
            assert first < second and first in known and second in known
            assert (alignment.a.id, alignment.b.id) == (first, second)
            for link in alignment.links:
                members = {(first, i) for i in link.a} | {(second, j) for j in link.b}
                linked.update(members)
                assert len({id(self.family_of(*member)) for member in members}) == 1
                assert self.family_of(first, link.a[0]) is not None
        placed: list[Member] = []
        for number, family in enumerate(self.families):
            assert family.id == number
            docs = [cell.doc for cell in family.cells]
            assert docs == sorted(set(docs)) and len(docs) >= 2
            assert [cell.reading for cell in family.cells].count(True) == 1
            reading_cell = family.cell(family.reading[0])
            assert reading_cell is not None and reading_cell.reading
            assert family.reading[1] == min(reading_cell.sentences)
            for cell in family.cells:
                count = len(self.document(cell.doc).sentences)
                assert cell.sentences == tuple(sorted(set(cell.sentences)))
                assert all(0 <= index < count for index in cell.sentences)
                assert not cell.reading or cell.kind is RewriteKind.COPY
                for index in cell.sentences:
                    placed.append((cell.doc, index))
                    assert self.family_of(cell.doc, index) is family
        assert len(placed) == len(set(placed)), "a sentence in two families"
        assert set(placed) == linked, "families must hold exactly the linked sentences"


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
    *,
    retrieval: IndexOptions | None = None,
    all_pairs: bool = False,
    _features: FeatureTable | None = None,
) -> Collation:
    """Align the candidate pairs of ``docs`` (every pair with
    ``all_pairs``) and group linked sentences into families.

    ``retrieval`` sets how candidates are found (:class:`IndexOptions`, as
    for the corpus index; see the module docstring).  ``progress(done,
    total)`` is called after each aligned pair, for long runs.  Cost: a
    fingerprint per document and an alignment per candidate pair.
    """
    documents = check_documents(docs)
    if align_options is None:
        align_options = AlignOptions()
    table = FeatureTable() if _features is None else _features
    if all_pairs:
        pairs = list(combinations(documents, 2))
    else:
        pairs = _candidate_pairs(documents, retrieval or IndexOptions(), table)
    alignments: dict[tuple[str, str], Alignment] = {}
    components: DisjointSets[Member] = DisjointSets()
    for done, (first, second) in enumerate(pairs, 1):
        alignment = align(first, second, align_options, _features=table)
        if progress is not None:
            progress(done, len(pairs))
        alignments[(first.id, second.id)] = alignment
        for link in alignment.links:
            members = [(first.id, i) for i in link.a] + [(second.id, j) for j in link.b]
            for member in members[1:]:
                components.union(members[0], member)
    # Each link's kind, filed under its family (a link lies in one family,
    # the component of its members), seen from both documents.
    kinds: dict[Member, list[tuple[str, str, RewriteKind]]] = {}
    for (first_id, second_id), alignment in alignments.items():
        for link in alignment.links:
            kinds.setdefault(components.find((first_id, link.a[0])), []).extend(
                ((first_id, second_id, link.kind), (second_id, first_id, link.kind))
            )
    by_id = {doc.id: doc for doc in documents}
    families = [
        _family(members, by_id, kinds[components.find(members[0])], table)
        for members in components.groups(sorted(components.parent))
    ]
    families.sort(key=lambda item: (_position(item, by_id), item.reading))
    return Collation(
        documents,
        tuple(attrs.evolve(family, id=number) for number, family in enumerate(families)),
        alignments,
        align_options,
    )


def _candidate_pairs(
    documents: Sequence[Document], options: IndexOptions, table: FeatureTable
) -> list[tuple[Document, Document]]:
    """The pairs of ``documents`` (sorted by id) that retrieval proposes,
    each in id order, in id order: the corpus index's rule
    (:meth:`newsdiff.index.Index.candidates`) over an in-memory index.

    Each document proposes the others with its whole-text key (identical
    copies, whatever the thresholds) first, then those ranked by
    :func:`~newsdiff.corpus.rank_candidates` over its fingerprint keys held
    by at most :func:`~newsdiff.corpus.key_limit` documents (with
    ``min_key_share`` waived from :data:`BORROWED_MIN_KEYS` shared keys), at
    most ``options.candidates`` in all; a pair proposed by either side is kept.
    Linear in the keys times the documents holding each usable key (at most
    the limit).
    """
    keys: dict[str, set[int]] = {}
    postings: dict[int, list[str]] = {}
    copies: dict[int, list[str]] = {}
    for doc in documents:
        found = keys[doc.id] = fingerprint(doc, table.memo, _features=table)
        for key in found:
            postings.setdefault(key, []).append(doc.id)
        whole = exact_key(doc)
        if whole is not None:
            copies.setdefault(whole, []).append(doc.id)
    limit = key_limit(options.max_key_docs, options.max_key_fraction, len(documents))
    sizes = {doc_id: len(found) for doc_id, found in keys.items()}
    chosen: set[tuple[str, str]] = set()
    for doc in documents:
        whole = exact_key(doc)
        shared: dict[str, int] = {}
        for key in keys[doc.id]:
            holders = postings[key]
            if len(holders) > limit:
                continue  # too common to retrieve by
            for other in holders:
                shared[other] = shared.get(other, 0) + 1
        proposed = propose_candidates(
            copies.get(whole, ()) if whole is not None else (),
            shared,
            sizes,
            sizes[doc.id],
            options,
            exclude=doc.id,
            borrowed_min_keys=BORROWED_MIN_KEYS,
        )
        for other, _ in proposed:
            chosen.add((doc.id, other) if doc.id < other else (other, doc.id))
    by_id = {doc.id: doc for doc in documents}
    return [(by_id[first], by_id[second]) for first, second in sorted(chosen)]


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
    kinds: list[tuple[str, str, RewriteKind]],
    table: FeatureTable,
) -> Family:
    cells: dict[str, list[int]] = {}
    for doc_id, index in members:
        cells.setdefault(doc_id, []).append(index)
    feature: dict[str, Features] = {
        doc_id: table.get(" ".join(by_id[doc_id].sentences[i].text for i in indices))
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
            kind = _link_kind(doc_id, reading_doc, kinds)
            out.append(Cell(doc_id, tuple(sorted(cells[doc_id])), kind))
    return Family(0, (reading_doc, min(cells[reading_doc])), tuple(out))


def _link_kind(
    doc_id: str, reading_doc: str, kinds: list[tuple[str, str, RewriteKind]]
) -> RewriteKind:
    """The kind of the links joining a cell to the reading's cell, decided
    once by the aligner; a cell joined to the family only through other
    witnesses takes the closest kind of its links to them.  ``kinds``: the
    family's links as ``(document, other document, kind)``, both ways."""
    direct = [kind for own, other, kind in kinds if own == doc_id and other == reading_doc]
    if direct:
        return min(direct)
    # Every cell is linked to some other cell of its family (families are
    # connected components of the links), so this is never empty.
    return min(kind for own, _, kind in kinds if own == doc_id)
