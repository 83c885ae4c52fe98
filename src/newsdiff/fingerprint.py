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

from newsdiff._features import FeatureTable
from newsdiff.document import Document
from newsdiff.similarity import features
from newsdiff.text.furniture import Role
from newsdiff.text.tokenize import TokenInfo, TokenKind

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
    ``_features`` (private): a run's feature table, so that a one-off
    collation describes each sentence once for retrieval and alignment."""
    if memo is None:
        memo = {}
    keys: set[int] = set()
    for sentence in doc.sentences:
        if sentence.role is not Role.BODY:
            continue
        feature = (
            features(sentence.text, memo) if _features is None else _features.get(sentence.text)
        )
        if len(feature.norms) >= 4:
            keys.add(_key("s", feature.key))
        masked = [
            _MASK if kind is TokenKind.CONTENT else norm
            for norm, kind in zip(feature.norms, feature.kinds, strict=True)
        ]
        for start in range(len(masked) - WINDOW + 1):
            window = masked[start : start + WINDOW]
            if sum(token != _MASK for token in window) >= WINDOW_MIN_UNMASKED:
                keys.add(_key("w", " ".join(window)))
    return keys


def exact_key(doc: Document) -> int | None:
    """A negative key of the whole text, shared by identical copies; None
    for a text with nothing in it.  Only whitespace is collapsed (a re-wrap
    is still a copy): normalizing the text would cost a quarter of the
    fingerprint, and copies that differ in more are long enough for it."""
    text = " ".join(doc.text.split())
    return -1 - _key("t", text) if text else None
