"""The provenance graph: a copy tree, each document's parent found by parsimony.

``provenance(docs)`` collates the documents (:func:`newsdiff.collate`:
candidate pairs, or every pair with ``all_pairs``), relates every aligned
pair (:func:`newsdiff.derive`; the relations stay available as evidence in
``graph.relations``, and a pair never aligned is ``non-derived``) and then
gives every document at most one parent, chosen for the whole set at once,
as textual critics build a stemma for manuscripts:

1. **Duplicates are one node.**  Documents whose body text is the same
   sentence for sentence (typography and furniture aside) form one node with
   its members, unless their dates order them.
2. **Costs of explanations.**  Making copy ``c`` from parent ``p`` costs the
   innovations it needs, each sentence weighted by how informative it is
   (:mod:`newsdiff.banality`: stock sentences count for little):
   a sentence reused unchanged costs nothing, an edit, spin or paraphrase of
   the parent's sentence costs more in that order, a sentence the parent
   lacks costs an *addition* (more when another document, not one of the
   copy's descendants, has it: the copy would have had to take it from
   elsewhere), and a parent sentence the copy drops costs a little (copies
   trim; they seldom add).  Having no parent (being an original) costs each
   sentence less than adding it in a copy would, so the fuller text is the
   source of the trimmed one.  A copy that has the original wording where
   the candidate parent changed it (an edit, a spun phrase), or undoes part
   of the parent's light edit, would have had to undo the change: a
   *revert*, priced high.  So are the parent's other innovations the copy
   lacks: a paragraph the parent moved that the copy has in its original
   place (a *moved* block), a paragraph of the parent's own that the copy
   cut from the middle (a *lost* block).  Dates and the pair's other
   direction clues make the orientation they argue against dearer.
3. **One tree, in two passes.**  A minimum-cost spanning arborescence
   (Chu-Liu/Edmonds, :mod:`newsdiff._arborescence`) over the candidate
   edges (derived pairs only) picks all parents at once, so the answer is a
   forest whatever the pairwise verdicts say.  The first pass is a draft:
   the original wording of a statement is the one most documents share
   (identical copies voting once), and any text another document has
   counts as taken from elsewhere.  The
   draft then tells descendants from independent witnesses: in the second
   pass the original wording is the one most independent lines of descent
   carry (a copy's children repeat its edits and would outvote its
   siblings otherwise), and a document's own descendants no longer count
   as where its text came from.
4. **Latent sources.**  For each group of related documents a latent source
   (the union of their shared text, in the order most of them tell it) is
   offered as one more candidate parent,
   at a fixed cost of its own; it is kept only when it makes the tree
   cheaper and has at least two children: siblings that each keep text the
   others lack, with none of them able to be the parent of the rest.

Confidence of an edge is the cost margin over the next best parent (another
document, a latent source, or none), mapped to [0, 1].
``graph.path(doc_id)`` gives the chain from the root with what changed at
each step; ``graph.origin(doc_id, i)`` where one sentence came from.
Everything runs in document id order, so the graph does not depend on the
order the documents are given in.  Cost: the collation's (one alignment
per candidate pair, with one feature table for the run), then O(N * E) for
the arborescence of each group of related documents.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Iterable, Sequence
from itertools import pairwise
from typing import Any

import attrs

from newsdiff._arborescence import best_parents, tree_cost
from newsdiff._disjoint import DisjointSets
from newsdiff._features import FeatureTable
from newsdiff.alignment import Alignment, AlignOptions
from newsdiff.collation import Collation, Family, Progress, collate
from newsdiff.corpus import IndexOptions
from newsdiff.derivation import Clue, DeriveOptions, Relation, metadata_orients, relate
from newsdiff.document import Document
from newsdiff.errors import InputError
from newsdiff.rewrite import RewriteKind
from newsdiff.text.furniture import Role

# What the tree knows of the original wording: for each sentence (document,
# index), whether its wording is the original (True) or an innovation (False),
# and the words of its statement's original wording.
_Wording = tuple[dict[tuple[str, int], bool], dict[tuple[str, int], Counter[str]]]

__all__ = ["Edge", "Node", "Origin", "ProvenanceGraph", "Step", "TreeOptions", "provenance"]


@attrs.frozen(kw_only=True)
class TreeOptions:
    """Costs of the copy tree, in informative sentences (a sentence of
    ordinary news prose weighs 1; see :mod:`newsdiff.banality`).

    ``original``: each sentence of a document with no parent (the archetype
    is written once; less than ``added``, so the fuller text is the source).
    ``added``: a sentence the parent lacks and no other document has (the
    copy's own reporting).  ``foreign``: a sentence the parent lacks that
    another document has.  ``dropped``: a parent sentence the copy lacks
    (little: copies trim freely, and a trimmed copy does not make a longer
    candidate a worse parent).
    ``moved``: each block of the copy out of the parent's order (a moved
    paragraph is an innovation the copy would have had to undo).
    ``lost``: each block of the parent's own text (no other document has
    it) that the copy leaves out before its end: the parent's innovation,
    cut on purpose (the same price as a move: one editorial decision,
    whatever the block's length, as a cut paragraph is one decision).
    ``edit``, ``spin``, ``paraphrase``: a parent sentence rewritten so.
    ``latent``: the fixed cost of inventing an unseen source.
    ``revert``: a sentence where the parent's wording departs from the
    original and the copy's does not: the copy would have had to undo the
    parent's edit or spin, which copies do not do.  Undoing part of a light
    edit counts too (the copy has back a word the parent took out, or lacks
    one the parent only put in), unless the copy put in words of its own
    there, as a spinner does.
    ``clue``: how far the pair's summed direction clues (dates, truncation,
    furniture; see :class:`DeriveOptions`) move the cost, per unit of lean.
    ``margin_scale``: confidence is 0.5 + 0.5 * m / (m + margin_scale) for a
    cost margin m over the next best parent: two equally cheap parents are
    a coin toss, and the scale was set so that confidence matches the share
    of right parents on the team's cascades (``bench_provenance.py``: the
    least Brier score on the cascades of half the articles, checked on the
    other half).
    """

    original: float = attrs.field(default=0.5, validator=attrs.validators.ge(0))
    added: float = attrs.field(default=0.6, validator=attrs.validators.ge(0))
    foreign: float = attrs.field(default=1.0, validator=attrs.validators.ge(0))
    dropped: float = attrs.field(default=0.01, validator=attrs.validators.ge(0))
    edit: float = attrs.field(default=0.15, validator=attrs.validators.ge(0))
    spin: float = attrs.field(default=0.25, validator=attrs.validators.ge(0))
    paraphrase: float = attrs.field(default=0.6, validator=attrs.validators.ge(0))
    latent: float = attrs.field(default=0.5, validator=attrs.validators.ge(0))
    revert: float = attrs.field(default=1.0, validator=attrs.validators.ge(0))
    moved: float = attrs.field(default=0.3, validator=attrs.validators.ge(0))
    lost: float = attrs.field(default=0.3, validator=attrs.validators.ge(0))
    clue: float = attrs.field(default=2.0, validator=attrs.validators.ge(0))
    margin_scale: float = attrs.field(default=0.1, validator=attrs.validators.gt(0))

    def evolve(self, **changes: Any) -> TreeOptions:
        """A copy with some settings changed."""
        return attrs.evolve(self, **changes)

    def rewrite_cost(self, kind: RewriteKind) -> float:
        return {
            RewriteKind.COPY: 0.0,
            RewriteKind.EDIT: self.edit,
            RewriteKind.SPIN: self.spin,
            RewriteKind.PARAPHRASE: self.paraphrase,
        }[kind]


@attrs.frozen
class Node:
    """A node of the tree: a document (with its identical copies as
    ``members``) or a latent source (``members``: the documents below it)."""

    id: str
    latent: bool
    label: str
    members: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "latent": self.latent,
            "label": self.label,
            "members": list(self.members),
        }


@attrs.frozen
class Edge:
    """``source`` -> ``target``: the target was made from the source; ``kind``
    is how most of the reused text was rewritten (the kinds of the pair's
    links, decided once by the aligner).  ``runner_up`` is the next best
    parent (None: having no parent at all) and ``margin`` how much cheaper
    this source explains the target, in informative sentences: why this
    parent and not another."""

    source: str
    target: str
    derivation: str
    kind: RewriteKind
    confidence: float
    evidence: tuple[str, ...]
    runner_up: str | None = None
    margin: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "target": self.target,
            "derivation": self.derivation,
            "kind": self.kind.value,
            "confidence": round(self.confidence, 4),
            "evidence": list(self.evidence),
            "runner_up": self.runner_up,
            "margin": round(self.margin, 4),
        }


@attrs.frozen
class Step:
    """What changed from ``source`` to ``target`` (one edge of a path):
    shares of body text by characters, counts of sentences."""

    source: str
    target: str
    trimmed: float  # share of the source's body the target left out
    edits: int  # sentences lightly edited
    spun: float  # share of the target's body spun
    paraphrased: int  # sentences reworded
    added: int  # sentences of the target's body the source lacks

    def describe(self) -> str:
        parts = []
        if self.trimmed >= 0.005:
            parts.append(f"trimmed {self.trimmed:.0%}")
        if self.edits:
            parts.append(f"{self.edits} edit{'s' if self.edits != 1 else ''}")
        if self.spun >= 0.005:
            parts.append(f"{self.spun:.0%} spun")
        if self.paraphrased:
            parts.append(f"{self.paraphrased} reworded")
        if self.added:
            parts.append(f"{self.added} sentence{'s' if self.added != 1 else ''} added")
        return ", ".join(parts) or "copied unchanged"

    def to_dict(self) -> dict[str, Any]:
        return attrs.asdict(self) | {
            "trimmed": round(self.trimmed, 4),
            "spun": round(self.spun, 4),
            "summary": self.describe(),
        }


@attrs.frozen
class Origin:
    """Where one sentence came from.  ``change`` is how it reads against
    its family's reading; ``None`` (and ``own``) when no other document
    carries the statement."""

    doc: str
    sentence: int
    family: int | None  # None: no other document carries the statement
    source: str | None  # parent node that carries it (a document or a latent source)
    witness: str | None  # the document whose wording is the family's reading
    change: RewriteKind | None
    witnesses: tuple[str, ...]

    @property
    def own(self) -> bool:
        """The document's own sentence: no other document carries it."""
        return self.family is None

    def to_dict(self) -> dict[str, Any]:
        return attrs.asdict(self, recurse=False) | {
            "witnesses": list(self.witnesses),
            "change": None if self.change is None else self.change.value,
            "own": self.own,
        }


class _GraphLookup:
    """Indexes of a :class:`ProvenanceGraph`'s nodes, edges and relations."""

    __slots__ = ("node_of", "nodes", "parent", "relations")

    def __init__(self, graph: ProvenanceGraph) -> None:
        self.nodes = {node.id: node for node in graph.nodes}
        self.node_of = {
            member: node for node in graph.nodes if not node.latent for member in node.members
        }
        self.parent = {edge.target: edge.source for edge in graph.edges}
        self.relations = {(relation.a, relation.b): relation for relation in graph.relations}


@attrs.frozen
class ProvenanceGraph:
    """The copy tree: ``nodes`` (documents, duplicate groups, latent
    sources), ``edges`` (at most one into each node), and every pairwise
    ``relation`` as evidence."""

    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]
    relations: tuple[Relation, ...]
    collation: Collation = attrs.field(repr=False, eq=False)
    spun: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    # Lookups built once: a report asks for every document's parent and
    # path, and scans of the nodes and edges would make that quadratic.
    _lookup: _GraphLookup = attrs.field(
        init=False,
        repr=False,
        eq=False,
        default=attrs.Factory(lambda self: _GraphLookup(self), takes_self=True),
    )

    def relation(self, first: str, second: str) -> Relation:
        """The relation of two documents, as ``relations`` holds it (in
        either order).  A pair the collation never aligned (retrieval did
        not propose it) is ``non-derived``, with a clue that says so."""
        relations = self._lookup.relations
        known = relations.get((first, second)) or relations.get((second, first))
        if known is not None:
            return known
        alignment = self.collation.alignment(first, second)  # InputError for unknown ids
        clue = Clue(
            "retrieval",
            0.0,
            f"{first} and {second} share too few fingerprint keys to be aligned: "
            "no text in common worth comparing",
        )
        return Relation(
            first, second, "non-derived", "unknown", 1.0, (0.0, 0.0), (clue,), alignment
        )

    def node_of(self, doc_id: str) -> Node:
        """The node that stands for a document (its duplicate group's node)."""
        node = self._lookup.node_of.get(doc_id)
        if node is None:
            raise InputError(f"no document with id {doc_id!r} in this graph")
        return node

    def parent(self, node_id: str) -> str | None:
        """The parent node of a document (or node), or None for a root."""
        if node_id not in self._lookup.nodes:
            node_id = self.node_of(node_id).id
        return self._lookup.parent.get(node_id)

    def parents(self, doc_id: str) -> tuple[str, ...]:
        """The parent as a tuple (empty for a root)."""
        parent = self.parent(doc_id)
        return () if parent is None else (parent,)

    def roots(self) -> tuple[str, ...]:
        targets = {edge.target for edge in self.edges}
        return tuple(node.id for node in self.nodes if node.id not in targets)

    def path(self, doc_id: str) -> tuple[Step, ...]:
        """The chain of steps from the root down to ``doc_id``, with what
        changed at each step (empty for a root)."""
        chain = [self.node_of(doc_id).id]
        while (parent := self.parent(chain[-1])) is not None:
            chain.append(parent)
        chain.reverse()
        return tuple(self._step(source, target) for source, target in pairwise(chain))

    def _step(self, source: str, target: str) -> Step:
        node = next(node for node in self.nodes if node.id == source)
        if node.latent:
            return _latent_step(self.collation, node, target)
        return _step(self.collation.alignment(source, target))

    def clusters(self) -> list[list[str]]:
        """Documents joined by the tree (latent sources left out), as
        sorted lists, largest first; unrelated documents stand alone."""
        sets: DisjointSets[str] = DisjointSets(node.id for node in self.nodes)
        for edge in self.edges:
            sets.union(edge.source, edge.target)
        groups: dict[str, list[str]] = {}
        for node in self.nodes:
            if not node.latent:
                groups.setdefault(sets.find(node.id), []).extend(node.members)
        return sorted((sorted(group) for group in groups.values()), key=lambda g: (-len(g), g))

    def origin(self, doc_id: str, sentence_index: int) -> Origin:
        """Where sentence ``sentence_index`` of document ``doc_id`` came from."""
        doc = self.collation.document(doc_id)
        if not isinstance(sentence_index, int) or not 0 <= sentence_index < len(doc.sentences):
            raise InputError(
                f"{doc_id!r} has no sentence {sentence_index!r} (it has {len(doc.sentences)})"
            )
        family = self.collation.family_of(doc_id, sentence_index)
        if family is None:
            return Origin(doc_id, sentence_index, None, None, None, None, (doc_id,))
        cell = family.cell(doc_id)
        assert cell is not None
        return Origin(
            doc_id,
            sentence_index,
            family.id,
            self._source_of(doc_id, family),
            family.reading[0],
            cell.kind,
            family.witnesses,
        )

    def _source_of(self, doc_id: str, family: Family) -> str | None:
        parent = self.parent(doc_id)
        if parent is None:
            return None
        node = next(node for node in self.nodes if node.id == parent)
        if any(carrier in family.witnesses and carrier != doc_id for carrier in node.members):
            return parent
        return None

    def to_dict(self) -> dict[str, Any]:
        return {
            "nodes": [node.to_dict() for node in self.nodes],
            "edges": [edge.to_dict() for edge in self.edges],
            "relations": [relation.to_dict() for relation in self.relations],
            "spun": list(self.spun),
            "notes": list(self.notes),
        }

    def _check(self) -> None:
        """Assert the tree's invariants (used by the tests): every document
        in exactly one node, edges between known nodes, at most one parent
        each, no cycle, latent nodes with at least two children; and the
        collation's (:meth:`Collation._check`)."""
        ids = [node.id for node in self.nodes]
        assert len(ids) == len(set(ids))
        members = [m for node in self.nodes if not node.latent for m in node.members]
        assert sorted(members) == sorted(doc.id for doc in self.collation.documents)
        targets = [edge.target for edge in self.edges]
        assert len(targets) == len(set(targets))
        assert all(edge.source in ids and edge.target in ids for edge in self.edges)
        assert all(edge.source != edge.target for edge in self.edges)
        latent = {node.id for node in self.nodes if node.latent}
        assert not latent.intersection(targets)
        for node_id in latent:
            assert sum(edge.source == node_id for edge in self.edges) >= 2
        parent = {edge.target: edge.source for edge in self.edges}
        for node_id in ids:
            seen = {node_id}
            while node_id in parent:
                node_id = parent[node_id]
                assert node_id not in seen, "cycle"
                seen.add(node_id)
        for edge in self.edges:
            assert 0.0 <= edge.confidence <= 1.0
        self.collation._check()


def provenance(
    docs: Iterable[Document],
    options: DeriveOptions | None = None,
    align_options: AlignOptions | None = None,
    progress: Progress | None = None,
    tree_options: TreeOptions | None = None,
    *,
    retrieval: IndexOptions | None = None,
    all_pairs: bool = False,
) -> ProvenanceGraph:
    """The copy tree of ``docs`` (see the module docstring).
    ``progress(done, total)`` is called after each aligned pair;
    ``retrieval`` and ``all_pairs`` choose the pairs aligned, as in
    :func:`newsdiff.collate`."""
    # One feature table for the run: retrieval, every alignment, the
    # relations' evidence and the tree's sentence weights share it.
    table = FeatureTable()
    collation = collate(
        docs, align_options, progress, retrieval=retrieval, all_pairs=all_pairs, _features=table
    )
    if options is None:
        options = DeriveOptions()
    if tree_options is None:
        tree_options = TreeOptions()
    # Only aligned pairs are related: the others are non-derived at no cost
    # (ProvenanceGraph.relation says so when asked).
    relations = tuple(
        relate(collation.alignments[pair], options, _features=table)
        for pair in sorted(collation.alignments)
    )
    return _Tree(collation, relations, options, tree_options, table).build()


# ----------------------------------------------------------------------------
# Building the tree.  Plain dicts and floats from here on.


class _Tree:
    def __init__(
        self,
        collation: Collation,
        relations: tuple[Relation, ...],
        options: DeriveOptions,
        costs: TreeOptions,
        table: FeatureTable,
    ) -> None:
        self.collation = collation
        self.relations = relations
        self.relation_of = {(relation.a, relation.b): relation for relation in relations}
        self.options = options
        self.costs = costs
        self.documents = collation.documents
        self.by_id = {doc.id: doc for doc in self.documents}
        # The run's feature table: each distinct sentence text described once.
        self.weight: dict[str, dict[int, float]] = {
            doc.id: {
                sentence.index: table.weight(sentence.text)
                for sentence in doc.sentences
                if sentence.role is Role.BODY
            }
            for doc in self.documents
        }
        self.groups = self._duplicate_groups()
        self.head = {member: group[0] for group in self.groups for member in group}
        # Sentences carried by a document outside the document's own
        # duplicate group: text the document cannot have invented.
        self.shared: dict[str, set[int]] = {doc.id: set() for doc in self.documents}
        # For each sentence, the other documents that carry its exact wording
        # (a copy link): where a copy could have taken that wording from.
        self.attested: dict[tuple[str, int], set[str]] = {}
        copies = self._copy_links()
        for family in collation.families:
            heads = {self.head[witness] for witness in family.witnesses}
            cells = [cell for cell in family.cells if self.head[cell.doc] == cell.doc]
            for cell in family.cells:
                if len(heads) >= 2:
                    self.shared[cell.doc].update(cell.sentences)
            for cell in cells:
                for other in cells:
                    if other.doc == cell.doc:
                        continue
                    pairs = copies.get((cell.doc, other.doc), set())
                    for index in cell.sentences:
                        if any((index, j) in pairs for j in other.sentences):
                            self.attested.setdefault((cell.doc, index), set()).add(other.doc)

    def _original_wording(self, branch: dict[str, str], roots: set[str]) -> _Wording:
        """Whether each sentence has its statement's original wording (True),
        an innovation (False), or cannot tell (absent), and the original
        wording's words: the wording carried by the most independent lines
        of descent (``branch``: each node's line) is the original, as the
        agreement of independent witnesses is in textual criticism.  Before
        any tree, each node is a line (identical copies are one node, so
        they vote once); with a draft tree, a root and each subtree below a
        root are the lines, so a copy's descendants vote once, with it, and
        on a tie the wording a draft root (``roots``) carries wins (the
        draft's best guess at the source).  Otherwise a tie decides
        nothing."""
        original: dict[tuple[str, int], bool] = {}
        reference: dict[tuple[str, int], Counter[str]] = {}
        for family in self.collation.families:
            cells = [cell for cell in family.cells if self.head[cell.doc] == cell.doc]
            if len({branch[cell.doc] for cell in cells}) < 2:
                continue
            # Each cell's wording: the documents that carry it (itself and
            # those with a copy link to it), their lines, and whether a root
            # is among them.
            same: dict[str, set[str]] = {}
            support: dict[str, tuple[int, bool]] = {}
            for cell in cells:
                carriers = {cell.doc}
                for index in cell.sentences:
                    carriers |= self.attested.get((cell.doc, index), set())
                same[cell.doc] = carriers
                lines = {branch[self.head[doc]] for doc in carriers}
                support[cell.doc] = (len(lines), not roots.isdisjoint(lines))
            winner = None
            for cell in cells:
                rival = max(
                    (support[other.doc] for other in cells if other.doc not in same[cell.doc]),
                    default=(0, False),
                )
                if support[cell.doc] != rival:
                    for index in cell.sentences:
                        original[(cell.doc, index)] = support[cell.doc] > rival
                    if support[cell.doc] > rival and winner is None:
                        winner = cell
            if winner is not None:
                words = self._words(winner.doc, winner.sentences)
                for cell in cells:
                    for index in cell.sentences:
                        reference[(cell.doc, index)] = words
        return original, reference

    def _words(self, doc_id: str, indexes: Sequence[int]) -> Counter[str]:
        sentences = self.by_id[doc_id].sentences
        return Counter(token.norm for index in indexes for token in sentences[index].tokens)

    def _copy_links(self) -> dict[tuple[str, str], set[tuple[int, int]]]:
        """Sentence pairs of each document pair linked 1:1 as copies, both ways."""
        copies: dict[tuple[str, str], set[tuple[int, int]]] = {}
        for (first, second), alignment in self.collation.alignments.items():
            pairs = {
                (link.a[0], link.b[0])
                for link in alignment.links
                if link.kind is RewriteKind.COPY and len(link.a) == len(link.b) == 1
            }
            copies[(first, second)] = pairs
            copies[(second, first)] = {(j, i) for i, j in pairs}
        return copies

    def build(self) -> ProvenanceGraph:
        groups, head = self.groups, self.head
        heads = [group[0] for group in groups]
        clue_notes: dict[tuple[str, str], tuple[str, ...]] = {}
        penalty: dict[tuple[str, str], float] = {}
        derived: DisjointSets[str] = DisjointSets(heads)
        spun = self._spun()
        for relation in self.relations:
            source_a, source_b = head[relation.a], head[relation.b]
            if source_a == source_b or not relation.derived:
                continue
            derived.union(source_a, source_b)
            # Containment is what the costs measure already; the other clues
            # (truncation, furniture, dates) are evidence the costs lack.
            lean = sum(clue.weight for clue in relation.evidence if clue.name != "containment")
            for parent, child, sign in ((source_a, source_b, 1.0), (source_b, source_a, -1.0)):
                # A clue against this orientation makes it dearer; a clue for
                # it gives no discount, or a distant ancestor (longer, without
                # furniture) would win over the true, nearer parent.
                extra = max(0.0, -sign * lean) * self.costs.clue
                if (parent, child) not in penalty or extra < penalty[(parent, child)]:
                    penalty[(parent, child)] = extra
                    clue_notes[(parent, child)] = tuple(c.detail for c in relation.evidence)
        components = derived.groups(heads)
        # First pass: any text another document carries counts as taken from
        # elsewhere.  Its tree tells innovations (text only a document and its
        # descendants carry) from the source's text, and the second pass uses
        # that to cost additions and to fill a latent source.
        first = self._candidates(
            penalty, self.shared, self._original_wording({node: node for node in heads}, set())
        )
        draft: dict[str, str | None] = {}
        for component in components:
            draft.update(best_parents(component, _within(first, component)))
        lineage = _lineage(draft)
        foreign, source_text = self._read_innovations(lineage, components)
        roots = {node for node, parent in draft.items() if parent is None}
        wording = self._original_wording(_branches(draft), roots)
        candidates = self._candidates(penalty, foreign, wording)
        # Candidate edges join derived pairs only, so the tree falls apart
        # into one subtree per group of related documents: each is solved on
        # its own, once without and once with a latent source, and the
        # latent source stays only when it makes that subtree cheaper and has
        # two children or more.
        parents: dict[str, str | None] = {}
        latent_members: dict[str, tuple[str, ...]] = {}
        for component in components:
            local = _within(candidates, component)
            plain = best_parents(component, local)
            if len(component) < 2:
                parents.update(plain)
                continue
            name = f"latent-{len(latent_members) + 1}"
            root_cost, latent_edges = self._latent(component, source_text, foreign)
            with_latent = dict(local)
            with_latent[(None, name)] = root_cost
            for child, cost in latent_edges.items():
                with_latent[(name, child)] = cost
            offered = best_parents([*component, name], with_latent)
            children = sum(parent == name for parent in offered.values())
            if children >= 2 and tree_cost(offered, with_latent) < tree_cost(plain, local):
                candidates.update(with_latent)
                latent_members[name] = tuple(component)
                del offered[name]
                parents.update(offered)
            else:
                parents.update(plain)
        return self._graph(groups, parents, candidates, clue_notes, latent_members, spun)

    def _candidates(
        self,
        penalty: dict[tuple[str, str], float],
        foreign: dict[str, set[int]],
        wording: _Wording,
    ) -> dict[tuple[str | None, str], float]:
        """Every candidate edge's cost: the derived pairs both ways, and the
        root for every node."""
        candidates: dict[tuple[str | None, str], float] = {
            (None, node): self._root_cost(node) for node in self.head.values()
        }
        for (parent, child), extra in penalty.items():
            alignment = self.collation.alignment(parent, child)
            cost = self._edge_cost(alignment, foreign, wording)
            candidates[(parent, child)] = cost + extra
        return candidates

    def _read_innovations(
        self,
        lineage: dict[str, set[str]],
        components: list[list[str]],
    ) -> tuple[dict[str, set[int]], dict[str, set[int]]]:
        """What a draft tree tells about each sentence: ``foreign``, the
        sentences of a document that a document outside its own descendants
        carries (taken from elsewhere when its parent lacks them);
        ``source_text``, per component (keyed by its first node), the
        statements two members or more carry, what a latent source would
        hold."""
        component_of = {node: tuple(c) for c in components for node in c}
        foreign: dict[str, set[int]] = {node: set() for node in lineage}
        source_text: dict[str, set[int]] = {}
        for family in self.collation.families:
            carriers = {self.head[w] for w in family.witnesses}
            if len(carriers) < 2:
                continue
            for cell in family.cells:
                doc = cell.doc
                if self.head[doc] != doc:
                    continue
                if any(doc not in lineage[other] for other in carriers if other != doc):
                    foreign[doc].update(cell.sentences)
            # A component's source text is what two of its own members carry:
            # a statement one member shares only with documents outside it
            # (an independent report quoting the same tweet) is not the
            # latent source's.
            held = Counter(component_of[carrier][0] for carrier in carriers)
            for component, count in held.items():
                if count >= 2:
                    source_text.setdefault(component, set()).add(family.id)
        return foreign, source_text

    # -- costs ---------------------------------------------------------------

    def _body_weight(self, doc_id: str) -> float:
        return sum(self.weight[doc_id].values())

    def _root_cost(self, doc_id: str) -> float:
        return self.costs.original * self._body_weight(doc_id)

    def _edge_cost(
        self,
        alignment: Alignment,
        foreign: dict[str, set[int]],
        wording: _Wording,
    ) -> float:
        """The innovations that make ``alignment.b`` from ``alignment.a``.
        ``wording`` tells the original wording of a sentence from an
        innovation (see :meth:`_original_wording`)."""
        costs = self.costs
        original, reference = wording
        parent, child = alignment.a.id, alignment.b.id
        weight_parent, weight_child = self.weight[parent], self.weight[child]
        cost = 0.0
        linked_parent: set[int] = set()
        linked_child: set[int] = set()
        for link in alignment.links:
            linked_parent.update(link.a)
            linked_child.update(link.b)
            child_weight = sum(weight_child.get(j, 0.0) for j in link.b)
            # The parent changed the wording and the copy has the original,
            # or undoes part of the parent's light edit while making its own:
            # the copy would have had to undo the change.
            innovated = link.kind is not RewriteKind.COPY and all(
                original.get((parent, i)) is False for i in link.a
            )
            reverted = innovated and all(original.get((child, j)) is True for j in link.b)
            if (
                innovated
                and not reverted
                and link.kind is RewriteKind.EDIT
                and (words := reference.get((child, link.b[0]))) is not None
            ):
                reverted = _undoes(self._words(parent, link.a), self._words(child, link.b), words)
            if reverted:
                cost += costs.revert * child_weight
            else:
                cost += costs.rewrite_cost(link.kind) * child_weight
        for j, weight in weight_child.items():
            if j not in linked_child:
                cost += weight * (costs.foreign if j in foreign[child] else costs.added)
        # The parent's own text (no other document has it) left out before
        # the copy's end: an innovation of the parent the copy lacks, cut
        # on purpose (truncating the end loses it without a decision).
        last = max(linked_parent, default=-1)
        lost_blocks = 0
        lost = False
        for i, weight in sorted(weight_parent.items()):
            dropped = i not in linked_parent
            if dropped:
                cost += weight * costs.dropped
            now_lost = dropped and i < last and i not in self.shared[parent]
            lost_blocks += now_lost and not lost
            lost = now_lost
        cost += costs.lost * lost_blocks
        cost += costs.moved * _moved_blocks(
            [(min(link.b), min(link.a)) for link in alignment.links]
        )
        return cost

    def _latent(
        self,
        component: Sequence[str],
        source_text: dict[str, set[int]],
        foreign: dict[str, set[int]],
    ) -> tuple[float, dict[str, float]]:
        """The cost of an unseen source holding the component's source text
        (see :meth:`_read_innovations`) in the members' story order, with
        each statement's reading as its wording, and of each member's edge
        from it, priced as an edge from a document is."""
        costs = self.costs
        chosen = source_text.get(component[0], set())
        families = _story_order(
            [family for family in self.collation.families if family.id in chosen], component
        )
        family_weight = {}
        for position, family in enumerate(families):
            reading_doc, reading_index = family.reading
            family_weight[position] = self.weight[reading_doc].get(reading_index, 1.0)
        root = costs.latent + costs.original * sum(family_weight.values())
        edges = {}
        # Members times families: look each kind's cost up once.
        rewrite_cost = {kind: costs.rewrite_cost(kind) for kind in RewriteKind}
        for member in component:
            weights = self.weight[member]
            cost = 0.0
            carried: set[int] = set()
            held: set[int] = set()
            order: list[tuple[int, int]] = []
            for position, family in enumerate(families):
                cell = family.cell(member)
                if cell is None:
                    continue
                held.add(position)
                order.append((min(cell.sentences), position))
                carried.update(cell.sentences)
                kind = RewriteKind.COPY if cell.reading else cell.kind
                cost += rewrite_cost[kind] * sum(weights.get(i, 0.0) for i in cell.sentences)
            for i, weight in weights.items():
                if i not in carried:
                    cost += weight * (costs.foreign if i in foreign[member] else costs.added)
            for position, weight in family_weight.items():
                if position not in held:
                    cost += weight * costs.dropped
            cost += costs.moved * _moved_blocks(order)
            edges[member] = cost
        return root, edges

    # -- groups and spin -----------------------------------------------------

    def _duplicate_groups(self) -> list[list[str]]:
        """Documents with the same body, sentence for sentence (all links
        copies, nothing unlinked), unless their dates differ; each group
        sorted by id, groups in id order of their first member."""
        sets: DisjointSets[str] = DisjointSets(doc.id for doc in self.documents)
        for relation in self.relations:
            a, b = self.by_id[relation.a], self.by_id[relation.b]
            if metadata_orients(a, b):
                continue  # dates or an agency outlet order them: an edge, not a group
            if relation.derivation == "duplicate" and _identical(relation.alignment):
                sets.union(a.id, b.id)
        return sorted(
            (sorted(group) for group in sets.groups(doc.id for doc in self.documents)),
            key=lambda group: group[0],
        )

    def _spun(self) -> set[str]:
        """Documents with at least ``spun_witness_min`` of their cells, in
        families of three or more witnesses, reading as spin against the
        family's reading: the odd witness that innovates."""
        spin: dict[str, int] = {}
        total: dict[str, int] = {}
        for family in self.collation.families:
            if len(family.cells) < 3:
                continue
            for cell in family.cells:
                total[cell.doc] = total.get(cell.doc, 0) + 1
                if cell.kind is RewriteKind.SPIN:
                    spin[cell.doc] = spin.get(cell.doc, 0) + 1
        share = self.options.spun_witness_min
        return {doc for doc, count in total.items() if spin.get(doc, 0) >= share * count and count}

    # -- the result ----------------------------------------------------------

    def _graph(
        self,
        groups: list[list[str]],
        parents: dict[str, str | None],
        candidates: dict[tuple[str | None, str], float],
        clue_notes: dict[tuple[str, str], tuple[str, ...]],
        latent_members: dict[str, tuple[str, ...]],
        spun: set[str],
    ) -> ProvenanceGraph:
        nodes = []
        notes = []
        for group in groups:
            label = group[0] if len(group) == 1 else f"{group[0]} (+{len(group) - 1} identical)"
            nodes.append(Node(group[0], False, label, tuple(group)))
            if len(group) > 1:
                notes.append(f"{', '.join(group)} are identical copies: one node")
        for doc in self.documents:
            if not self.weight[doc.id]:
                notes.append(f"{doc.id} has no body text: an isolated node")
        for name in latent_members:
            children = tuple(child for child, parent in parents.items() if parent == name)
            label = "unseen common source of " + ", ".join(children)
            nodes.append(Node(name, True, label, children))
        # Candidate parents by child, so that each margin reads its own (a
        # scan of all candidates per edge would be quadratic in N).
        offers: dict[str, list[tuple[str | None, float]]] = {}
        for (source, target), cost in candidates.items():
            offers.setdefault(target, []).append((source, cost))
        edges = []
        for child, parent in sorted(parents.items()):
            if parent is None:
                continue
            chosen = candidates[(parent, child)]
            others = sorted(
                ((cost, source or "") for source, cost in offers[child] if source != parent)
            )
            margin = max(0.0, others[0][0] - chosen) if others else chosen
            runner_up = (others[0][1] or None) if others else None
            confidence = 0.5 + 0.5 * margin / (margin + self.costs.margin_scale)
            evidence: tuple[str, ...]
            if parent in latent_members:
                # The spun witness reads as spin against its siblings'
                # shared readings; the others as their rewrite profile says
                # (the unseen source's wording is not known, so the kinds
                # of the links to the other documents are the evidence,
                # and the edge never contradicts the profile).
                kind = (
                    RewriteKind.SPIN
                    if child in spun
                    else self.collation.profile(child).dominant or RewriteKind.PARAPHRASE
                )
                derivation = "partially-derived"
                evidence = (
                    f"siblings ({', '.join(c for c, p in parents.items() if p == parent)}) each "
                    "keep text the others lack: no given document explains them all",
                )
            else:
                alignment = self.collation.alignment(parent, child)
                kind = alignment.profile("b").dominant or RewriteKind.PARAPHRASE
                derivation = self.relation_between(parent, child).derivation
                if derivation == "duplicate":
                    derivation = "wholly-derived"
                evidence = (_step(alignment).describe(), *clue_notes.get((parent, child), ()))
            edges.append(
                Edge(parent, child, derivation, kind, confidence, evidence, runner_up, margin)
            )
        edges.sort(key=lambda edge: (edge.source, edge.target))
        spun_ids = sorted(spun)
        return ProvenanceGraph(
            tuple(nodes),
            tuple(edges),
            self.relations,
            self.collation,
            tuple(spun_ids),
            tuple(notes),
        )

    def relation_between(self, first: str, second: str) -> Relation:
        relation = self.relation_of.get((first, second)) or self.relation_of.get((second, first))
        if relation is None:
            raise AssertionError(f"no relation of {first} and {second}")
        return relation


def _undoes(parent: Counter[str], child: Counter[str], original: Counter[str]) -> bool:
    """Whether a copy's sentence undoes part of its parent's light edit of
    the ``original`` wording (words as counts): it has back a word the
    parent took out, or, where the parent only put words in and the copy
    puts in none of its own, lacks one of them.  (A copy without the
    parent's new word may have changed it again, as a spinner swaps "also"
    for "additionally": only the old word's return, or a plain gap, tells.)"""
    removed = original - parent
    if any(child[word] > parent[word] for word in removed):
        return True
    added = parent - original
    own = child - parent - original
    return not removed and not own and any(child[word] < parent[word] for word in added)


def _branches(draft: dict[str, str | None]) -> dict[str, str]:
    """Each node's independent line of descent in a tree: the root's child
    it descends from (a root is a line of its own)."""
    branch: dict[str, str] = {}
    for node in draft:
        top = node
        while (up := draft[top]) is not None and draft[up] is not None:
            top = up
        branch[node] = top
    return branch


def _story_order(families: list[Family], members: Sequence[str]) -> list[Family]:
    """The families in the order the members tell the story, for a latent
    source: the member whose order needs the fewest moves against the
    others (a paragraph one outlet moved is that outlet's innovation) sets
    it, and each next member, least moved first, slots in the statements
    the order lacks after the ones it already has.  (The collation's order,
    by mean position, interleaves a moved paragraph with its neighbours.)"""
    position = {
        member: {
            family.id: min(cell.sentences)
            for family in families
            if (cell := family.cell(member)) is not None
        }
        for member in members
    }

    def disorder(member: str) -> tuple[int, int, str]:
        mine = position[member]
        moves = sum(
            _moved_blocks([(at, mine[f]) for f, at in position[other].items() if f in mine])
            for other in members
            if other != member
        )
        return (moves, -len(mine), member)

    order: list[int] = []
    for member in sorted(members, key=disorder):
        at = 0
        for family_id in sorted(position[member], key=position[member].__getitem__):
            if family_id in order:
                at = order.index(family_id) + 1
            else:
                order.insert(at, family_id)
                at += 1
    by_id = {family.id: family for family in families}
    return [by_id[family_id] for family_id in order]


def _moved_blocks(pairs: list[tuple[int, int]]) -> int:
    """How many blocks of the copy stand out of the parent's order: the
    links not in a longest common order (a longest increasing subsequence
    of parent positions taken in copy order), counted as runs, since a
    paragraph moved is one change however many sentences it holds.
    ``pairs``: (copy position, parent position) of each link."""
    sequence = [parent for _, parent in sorted(pairs)]
    tails: list[int] = []  # smallest tail value of an increasing run of each length
    ends: list[int] = []  # index in ``sequence`` of that tail
    previous = [-1] * len(sequence)
    for index, value in enumerate(sequence):
        length = bisect.bisect_left(tails, value)
        if length == len(tails):
            tails.append(value)
            ends.append(index)
        else:
            tails[length] = value
            ends[length] = index
        previous[index] = ends[length - 1] if length else -1
    in_order = set()
    index = ends[-1] if ends else -1
    while index >= 0:
        in_order.add(index)
        index = previous[index]
    # A block: out-of-order links next to each other in both documents.
    rank = {value: number for number, value in enumerate(sorted(set(sequence)))}
    blocks = 0
    for index in range(len(sequence)):
        if index in in_order:
            continue
        joined = (
            index > 0
            and index - 1 not in in_order
            and rank[sequence[index]] == rank[sequence[index - 1]] + 1
        )
        if not joined:
            blocks += 1
    return blocks


def _lineage(draft: dict[str, str | None]) -> dict[str, set[str]]:
    """Each node of a tree with itself and all its ancestors."""
    lineage: dict[str, set[str]] = {}
    for node in draft:
        chain = {node}
        parent = draft[node]
        while parent is not None and parent not in chain:
            chain.add(parent)
            parent = draft[parent]
        lineage[node] = chain
    return lineage


def _within(
    candidates: dict[tuple[str | None, str], float], component: Sequence[str]
) -> dict[tuple[str | None, str], float]:
    """The candidate edges inside one component (and from the root)."""
    inside = set(component)
    return {
        edge: cost
        for edge, cost in candidates.items()
        if edge[1] in inside and (edge[0] is None or edge[0] in inside)
    }


def _identical(alignment: Alignment) -> bool:
    """The same text sentence for sentence (headlines included, furniture
    aside): every link a 1:1 copy and nothing unlinked on either side."""
    if alignment.unmatched_a or alignment.unmatched_b or not alignment.links:
        return False
    return all(
        link.kind is RewriteKind.COPY and len(link.a) == 1 and len(link.b) == 1
        for link in alignment.links
    )


def _step(alignment: Alignment) -> Step:
    """What changed from ``alignment.a`` (source) to ``alignment.b``."""
    kinds = [link.kind for link in alignment.links]
    profile = alignment.profile("b")
    body_b = {s.index for s in alignment.b.sentences if s.role is Role.BODY}
    linked_b = {j for link in alignment.links for j in link.b}
    return Step(
        alignment.a.id,
        alignment.b.id,
        trimmed=1.0 - alignment.coverage("a") if _has_body(alignment.a) else 0.0,
        edits=sum(kind is RewriteKind.EDIT for kind in kinds),
        spun=profile.spin,
        paraphrased=sum(kind is RewriteKind.PARAPHRASE for kind in kinds),
        added=len(body_b - linked_b),
    )


def _has_body(doc: Document) -> bool:
    return any(s.role is Role.BODY for s in doc.sentences)


def _latent_cells(collation: Collation, members: Sequence[str], child: str) -> list[Any]:
    return [
        family.cell(child)
        for family in collation.families
        if family.cell(child) is not None and len(set(members).intersection(family.witnesses)) >= 2
    ]


def _latent_step(collation: Collation, node: Node, target: str) -> Step:
    cells = _latent_cells(collation, node.members, target)
    families = [
        family
        for family in collation.families
        if len(set(node.members).intersection(family.witnesses)) >= 2
    ]
    kinds = [RewriteKind.COPY if cell.reading else cell.kind for cell in cells]
    doc = collation.document(target)
    carried = {i for cell in cells for i in cell.sentences}
    spin_of = {i: "spin" for cell in cells if cell.kind is RewriteKind.SPIN for i in cell.sentences}
    body = [s.index for s in doc.sentences if s.role is Role.BODY]
    return Step(
        node.id,
        target,
        trimmed=1.0 - len(cells) / len(families) if families else 0.0,
        edits=sum(kind is RewriteKind.EDIT for kind in kinds),
        spun=doc.body_shares(spin_of, ("spin",), "other")["spin"],
        paraphrased=sum(kind is RewriteKind.PARAPHRASE for kind in kinds),
        added=sum(1 for i in body if i not in carried),
    )
