"""Document fingerprints for candidate retrieval in a corpus.

Exact hashes of sentences (or MinHash over word shingles) catch verbatim
copies but are nearly blind to spin: a synonym spinner changes most content
words, so most shingles change.  What a spinner keeps is the *skeleton*:
function words, names and numbers, in order (DSpin's "immutables";
Stamatatos' stop-word n-grams).  A fingerprint here is the set of

* skeleton windows: within each body sentence, tokens with content words
  masked (``"_"``), taken six at a time; a window counts when at least four
  of its six tokens are unmasked, so that it says something ("the _ of the
  _ _" does not).  Copies keep every window, light edits most, spin nearly
  all; clause flips keep the windows inside each clause;
* sentence keys: the normalized token sequence of each body sentence, so a
  copied short sentence (too short for a window) is still found.

Keys are 63-bit integers (BLAKE2b), compact in SQLite and in memory.

Both kinds need a few words of body text.  A one-line brief, or a text with
no body at all, has too few keys to pass any retrieval threshold, yet its
identical copy must be found: :func:`exact_key` is one more key, of the
whole text, negative so that it never collides with the others and the
index can find it apart from the thresholds.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from newsdiff._features import FeatureTable
from newsdiff.document import Document
from newsdiff.similarity import _describe
from newsdiff.text.furniture import Role
from newsdiff.text.tokenize import TokenInfo, TokenKind, token_surfaces

__all__ = ["WINDOW", "WINDOW_MIN_UNMASKED", "exact_key", "fingerprint"]

WINDOW = 6
WINDOW_MIN_UNMASKED = 4
_MASK = "_"


def _key(kind: str, text: str) -> int:
    digest = hashlib.blake2b(f"{kind}\x1f{text}".encode("utf-8", "surrogatepass"), digest_size=8)
    return int.from_bytes(digest.digest(), "big") >> 1  # fits SQLite's signed 64-bit INTEGER


def fingerprint(
    doc: Document,
    memo: dict[str, TokenInfo] | None = None,
    *,
    _features: FeatureTable | None = None,
) -> set[int]:
    """The retrieval keys of a document's body text (see the module docstring).
    ``memo``: token descriptions shared across calls (a run's documents
    share their vocabulary).  ``_features`` (private): a run's feature
    table, so that a one-off collation describes each sentence once for
    retrieval and alignment.  Linear in the body's tokens."""
    if memo is None:
        memo = {}
    keys: set[int] = set()
    for sentence in doc.sentences:
        if sentence.role is not Role.BODY:
            continue
        norms: Sequence[str]
        kinds: Sequence[TokenKind]
        if _features is None:
            norms, kinds = _tokens(sentence.text, memo)
        else:
            feature = _features.get(sentence.text)
            norms, kinds = feature.norms, feature.kinds
        _sentence_keys(norms, kinds, keys)
    return keys


def _tokens(text: str, memo: dict[str, TokenInfo]) -> tuple[list[str], list[TokenKind]]:
    """The norms and kinds of :func:`newsdiff.similarity.features`, without
    the rest of its work (bags, folds, weights): indexing a corpus needs
    only these, and the full features cost about twice as much."""
    lookup = memo.get  # local name: runs for every token of the corpus
    infos = [lookup(surface) or _describe(memo, surface) for surface in token_surfaces(text)]
    if not infos:
        return [], []
    kinds = [info[1] for info in infos]
    kinds[0] = infos[0][2]  # the opening word's kind, as in features()
    return [info[0] for info in infos], kinds


def _sentence_keys(norms: Sequence[str], kinds: Sequence[TokenKind], keys: set[int]) -> None:
    """Add one sentence's key and its skeleton windows to ``keys``."""
    if len(norms) >= 4:
        keys.add(_key("s", " ".join(norms)))
    if len(norms) < WINDOW:
        return
    content = TokenKind.CONTENT
    masked = [_MASK if kind is content else norm for norm, kind in zip(norms, kinds, strict=True)]
    # A running count of the unmasked tokens in the window, rather than a
    # recount of all six per window: this loop runs for every token indexed.
    open_ = [token != _MASK for token in masked]
    unmasked = sum(open_[:WINDOW])
    for start in range(len(masked) - WINDOW + 1):
        if start:
            unmasked += open_[start + WINDOW - 1] - open_[start - 1]
        if unmasked >= WINDOW_MIN_UNMASKED:
            keys.add(_key("w", " ".join(masked[start : start + WINDOW])))


def exact_key(doc: Document) -> int | None:
    """A negative key of the whole text, shared by identical copies; None
    for a text with nothing in it.  Only whitespace is collapsed (a re-wrap
    is still a copy): normalizing the text would cost a quarter of the
    fingerprint, and copies that differ in more are long enough for it."""
    text = " ".join(doc.text.split())
    return -1 - _key("t", text) if text else None
