"""Sentence features and pair scores: the alignment core's inner loop.

Everything here works on plain tuples, ints and dicts, never on attrs
objects: it runs for every candidate pair.  Weights are integers so that a
score computed for ``(a, b)`` is bit-for-bit the score for ``(b, a)``, which
keeps ``align(a, b)`` and ``align(b, a)`` exact mirror images.
"""

from __future__ import annotations

from typing import NamedTuple

from newsdiff.text.tokenize import TokenInfo, TokenKind, describe_token, token_surfaces

__all__ = [
    "KIND_WEIGHTS",
    "Features",
    "bag_dice",
    "features",
    "lcs_length",
    "position_masks",
]

# Weight of a token in overlap scores, by kind.  Names and numbers are the
# "immutables" that survive spinning and identify a statement; function words
# are shared by any two English sentences, so they count for little alone.
KIND_WEIGHTS: dict[TokenKind, int] = {
    TokenKind.FUNCTION: 1,
    TokenKind.CONTENT: 3,
    TokenKind.NAME: 4,
    TokenKind.NUMBER: 4,
}


class Features(NamedTuple):
    """What the aligner needs of one sentence, computed once."""

    key: str  # normalized token sequence: equal keys mean a copy
    norms: tuple[str, ...]  # token comparison forms, in order
    kinds: tuple[TokenKind, ...]
    bag: dict[str, int]  # token -> summed weight
    total: int  # sum of all weights


def features(text: str, memo: dict[str, TokenInfo] | None = None) -> Features:
    """Compute the :class:`Features` of one sentence's text.  Linear.

    ``memo`` caches :func:`describe_token` per token surface across calls:
    news vocabulary repeats, so most tokens cost one dict lookup.  Agrees
    with :func:`newsdiff.text.tokenize.tokenize_spans` (a tested property).
    """
    if memo is None:
        memo = {}
    norms: list[str] = []
    kinds: list[TokenKind] = []
    bag: dict[str, int] = {}
    total = 0
    weights = KIND_WEIGHTS  # local names: this runs for every token of both documents
    lookup = memo.get
    for position, surface in enumerate(token_surfaces(text)):
        info = lookup(surface)
        if info is None:
            info = memo[surface] = describe_token(surface)
        norm = info[0]
        kind = info[1] if position else info[2]
        norms.append(norm)
        kinds.append(kind)
        weight = weights[kind]
        bag[norm] = bag.get(norm, 0) + weight
        total += weight
    return Features(" ".join(norms), tuple(norms), tuple(kinds), bag, total)


def bag_dice(
    left: dict[str, int], left_total: int, right: dict[str, int], right_total: int
) -> float:
    """Weighted Dice coefficient of two token bags, in [0, 1].  Symmetric.

    >>> f, g = features("calm and restraint"), features("calm and patience")
    >>> bag_dice(f.bag, f.total, g.bag, g.total)
    0.5714285714285714
    """
    if not left_total or not right_total:
        return 0.0
    if len(left) > len(right):  # iterate the smaller bag
        left, right = right, left
    shared = 0
    get = right.get
    for token, weight in left.items():
        other = get(token)
        if other is not None:
            shared += weight if weight < other else other
    return 2 * shared / (left_total + right_total)


def position_masks(sequence: tuple[str, ...]) -> dict[str, int]:
    """Bit masks of where each token occurs, for :func:`lcs_length`."""
    masks: dict[str, int] = {}
    for position, token in enumerate(sequence):
        masks[token] = masks.get(token, 0) | (1 << position)
    return masks


def lcs_length(masks: dict[str, int], length: int, other: tuple[str, ...]) -> int:
    """Length of the longest common subsequence of the sequence behind
    ``masks`` (of ``length`` tokens) and ``other``.

    Bit-parallel (Allison-Dix / Hyyro): one pass over ``other`` with Python
    ints as bit vectors, O(len(other) * length / word size).

    >>> a = ("the", "big", "winner", "was", "sadr")
    >>> lcs_length(position_masks(a), len(a), ("sadr", "was", "the", "big", "winner"))
    3
    """
    if not length or not other:
        return 0
    vector = -1  # all ones: infinitely wide two's complement
    get = masks.get
    for token in other:
        match = get(token)
        if match:
            low = vector & match
            vector = (vector + low) | (vector - low)
    return ((~vector) & ((1 << length) - 1)).bit_count()
