"""newsdiff: align sentences across syndicated news copies.

Public API:

- :class:`Document` -- an article: id, raw text, metadata, sentences.
- :class:`Sentence`, :class:`Token` -- spans of a document's text.
- :class:`Role`, :class:`TokenKind` -- what a sentence / token is.
- :func:`segment` -- split text into sentences with spans and roles.
- :func:`normalize` -- the comparison form of a text.
- :func:`align` -- which sentences of two documents correspond
  (:class:`Alignment` of :class:`Link` objects, set by :class:`AlignOptions`).
- :func:`diff` -- character-level edits of one link (:class:`DiffOp` items).
- :class:`RewriteKind`, :class:`Evidence` -- how a link was rewritten, and why
  (thresholds in :class:`KindOptions`, ``AlignOptions.kinds``);
  :class:`Profile` -- a document's text by rewrite kind.
- :func:`derive` -- the derivation and direction of a pair (:class:`Relation`
  with :class:`Clue` evidence, set by :class:`DeriveOptions`).
- :func:`collate` -- families of the same statement across documents
  (:class:`Collation`, :class:`Family`, :class:`Cell`).
- :func:`provenance` -- the copy tree (:class:`ProvenanceGraph` of
  :class:`Node` and :class:`Edge`, costs set by :class:`TreeOptions`;
  ``path()`` gives :class:`Step` objects, ``origin()`` an :class:`Origin`).
- :class:`Index` -- a corpus in an SQLite file: ``add``, ``query`` (:class:`Match`),
  ``clusters`` (:class:`Cluster`), set by :class:`IndexOptions`.
- :func:`read_documents` -- documents from text, JSONL/CSV corpus files, web
  pages and web archives, lazily (a :class:`Reading` with its :class:`ReadSummary`;
  bad records raise :class:`RecordError`, a missing extra :class:`MissingExtraError`).
- :class:`NewsdiffError` and its subclasses :class:`InputError`,
  :class:`ArgumentTypeError`, :class:`DecodingError`, :class:`SizeLimitError`
  -- errors; newsdiff raises no others.
"""

from newsdiff.aligner import align
from newsdiff.alignment import Alignment, AlignOptions, DiffOp, Link, Passage, diff
from newsdiff.collation import Cell, Collation, Family, collate
from newsdiff.corpus import IndexOptions
from newsdiff.derivation import Clue, DeriveOptions, Relation, derive
from newsdiff.document import Document, Sentence, Token, segment
from newsdiff.errors import (
    ArgumentTypeError,
    DecodingError,
    InputError,
    NewsdiffError,
    SizeLimitError,
)
from newsdiff.graph import Edge, Node, Origin, ProvenanceGraph, Step, TreeOptions, provenance
from newsdiff.index import Cluster, Index, Match
from newsdiff.readers import MissingExtraError, Reading, ReadSummary, RecordError, read_documents
from newsdiff.rewrite import Evidence, KindOptions, Profile, RewriteKind
from newsdiff.text.furniture import Role
from newsdiff.text.normalize import normalize
from newsdiff.text.tokenize import TokenKind

__version__ = "0.1.0"

__all__ = [
    "AlignOptions",
    "Alignment",
    "ArgumentTypeError",
    "Cell",
    "Clue",
    "Cluster",
    "Collation",
    "DecodingError",
    "DeriveOptions",
    "DiffOp",
    "Document",
    "Edge",
    "Evidence",
    "Family",
    "Index",
    "IndexOptions",
    "InputError",
    "KindOptions",
    "Link",
    "Match",
    "MissingExtraError",
    "NewsdiffError",
    "Node",
    "Origin",
    "Passage",
    "Profile",
    "ProvenanceGraph",
    "ReadSummary",
    "Reading",
    "RecordError",
    "Relation",
    "RewriteKind",
    "Role",
    "Sentence",
    "SizeLimitError",
    "Step",
    "Token",
    "TokenKind",
    "TreeOptions",
    "__version__",
    "align",
    "collate",
    "derive",
    "diff",
    "normalize",
    "provenance",
    "read_documents",
    "segment",
]
