"""Sentence features and pair scores: the alignment core's inner loop.

Everything here works on plain tuples, ints and dicts, never on attrs
objects: it runs for every candidate pair.  Weights are integers so that a
score computed for ``(a, b)`` is bit-for-bit the score for ``(b, a)``, which
keeps ``align(a, b)`` and ``align(b, a)`` exact mirror images.

Bags are weighted by token kind (``KIND_WEIGHTS``), which needs nothing but
the sentence.  :func:`rarity` and :func:`reweighted` add to that how rare
each token is in a collection of sentences (inverse document frequency);
the aligner scores two documents' sentences with both (:func:`by_rarity`
over their alignable sentences).  ``docs/similarity.md`` has what each gives
on real pairs.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from itertools import chain
from operator import itemgetter
from typing import NamedTuple

from newsdiff.text.lexicon import FUNCTION_WORDS
from newsdiff.text.tokenize import TokenInfo, TokenKind, describe_token, token_surfaces

__all__ = [
    "KIND_WEIGHTS",
    "RARITY_SCALE",
    "Features",
    "Rarity",
    "bag_dice",
    "by_rarity",
    "features",
    "fold",
    "lcs_length",
    "position_masks",
    "rarity",
    "reweighted",
    "similarity",
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


# Folded words keep this many leading characters.  Measured on real pairs
# (benchmarks/bench_real.py, STS-B news and MSRP train): 4 to 7 characters
# after suffix stripping all beat whole words; 5 keeps "state"/"statement"
# apart less often than 4 while still meeting "attack"/"attacked" and
# "Syria"/"Syrian".
FOLD_LENGTH = 5
# Inflection endings stripped before truncation, longest first.
_SUFFIXES = ("ing", "ed", "es", "s", "ly")


class Features(NamedTuple):
    """What the aligner needs of one sentence, computed once.

    The fields after ``folds`` are derived from the others; they are
    computed in the same pass over the tokens so that candidate search and
    :func:`newsdiff.rewrite.classify` never walk the tokens again (a run's
    feature table shares them across all pairs).
    """

    key: str  # normalized token sequence: equal keys mean a copy
    norms: tuple[str, ...]  # token comparison forms, in order
    kinds: tuple[TokenKind, ...]
    bag: dict[str, int]  # folded token (see fold) -> summed weight
    total: int  # sum of all weights
    folds: tuple[str, ...]  # folded forms of norms, in order: the bag's keys
    informative: frozenset[str]  # folds of the content words, names and numbers
    informative_weight: int  # their weight in the bag (all kinds of each such fold)
    skeleton: dict[str, int]  # norm -> count, tokens other than content words
    content: dict[str, int]  # fold -> count, content words
    content_count: int  # number of content-word tokens


@lru_cache(maxsize=1 << 16)
def fold(norm: str) -> str:
    """The form under which a word meets its inflections and derivations in
    scores: possessive and inflection endings stripped, then cut to
    ``FOLD_LENGTH`` characters.  Function words and tokens that do not start
    with a letter (numbers) stay whole, and a fold never lands on a function
    word, so folding changes nothing in the skeleton a spinner leaves.

    Crude on purpose: it is applied to both sides alike, so a wrong stem
    costs only when two different words fold together.

    >>> fold("attacked"), fold("attacks"), fold("Attack".casefold()), fold("syrian")
    ('attac', 'attac', 'attac', 'syria')
    >>> fold("the"), fold("2,500"), fold("us")
    ('the', '2,500', 'us')
    """
    if norm in FUNCTION_WORDS or not norm[:1].isalpha():
        return norm
    stem = norm[:-2] if norm.endswith("'s") else norm
    for suffix in _SUFFIXES:
        if stem.endswith(suffix) and len(stem) - len(suffix) >= 3:
            stem = stem[: -len(suffix)]
            break
    if len(stem) > 4 and stem.endswith("e"):  # "rise"/"rising", "charge"/"charged"
        stem = stem[:-1]
    if len(stem) > 4 and stem[-1] == stem[-2] and stem[-1] not in "aeiouls":  # "stopped"
        stem = stem[:-1]
    stem = stem[:FOLD_LENGTH]
    return norm if stem in FUNCTION_WORDS or not stem else stem


def features(text: str, memo: dict[str, TokenInfo] | None = None) -> Features:
    """Compute the :class:`Features` of one sentence's text.  Linear.

    ``memo`` caches :func:`describe_token` per token surface across calls:
    news vocabulary repeats, so most tokens cost one dict lookup.  Agrees
    with :func:`newsdiff.text.tokenize.tokenize_spans` (a tested property).
    """
    if memo is None:
        memo = {}
    # Local names: this runs for every token of both documents.
    lookup = memo.get
    infos = [lookup(surface) or _describe(memo, surface) for surface in token_surfaces(text)]
    if not infos:
        # No word ("...", "***"): the text itself is the key, so that only
        # the same marks are a copy ("..." and "!!!" share nothing).  It
        # cannot equal a key of words, which hold letters or digits.
        return Features(text.strip(), (), (), {}, 0, (), frozenset(), 0, {}, {}, 0)
    norms = tuple(map(_NORM, infos))
    kinds = list(map(_KIND, infos))
    kinds[0] = infos[0][2]  # the opening word's kind: capitals there are grammar
    folds: list[str] = []
    bag: dict[str, int] = {}
    skeleton: dict[str, int] = {}
    content: dict[str, int] = {}
    informative: set[str] = set()
    total = 0
    weights = KIND_WEIGHTS
    folded = fold
    function = _FUNCTION
    content_kind = _CONTENT
    for norm, kind in zip(norms, kinds, strict=True):
        weight = weights[kind]
        if kind is function:
            # Function words fold to themselves: skip the call for the commonest tokens.
            form = norm
            skeleton[norm] = skeleton.get(norm, 0) + 1
        else:
            form = folded(norm)
            informative.add(form)
            if kind is content_kind:
                content[form] = content.get(form, 0) + 1
            else:
                skeleton[norm] = skeleton.get(norm, 0) + 1
        folds.append(form)
        bag[form] = bag.get(form, 0) + weight
        total += weight
    return Features(
        " ".join(norms),
        norms,
        tuple(kinds),
        bag,
        total,
        tuple(folds),
        frozenset(informative),
        sum([bag[form] for form in informative]),
        skeleton,
        content,
        len(norms) - sum(skeleton.values()),
    )


def _describe(memo: dict[str, TokenInfo], surface: str) -> TokenInfo:
    """:func:`describe_token` of a surface not yet in ``memo``, stored there.

    Plain ASCII words and digit runs (nine in ten surfaces of news text) need
    none of its rules, and the rule-by-rule walk costs more than the rest of a
    token's features; the outcome for each shape is spelled out here instead.
    The tested agreement with the span tokenizer covers every shape.
    """
    if surface.isascii():
        if surface.isalpha():
            if surface.islower():  # its own norm; a function or content word anywhere
                kind = _FUNCTION if surface in FUNCTION_WORDS else _CONTENT
                info = memo[surface] = (surface, kind, kind)
                return info
            if surface[0].isupper() and (len(surface) == 1 or surface[1:].islower()):
                # Capitalized: a name inside a sentence, a content word opening
                # one (capitals there are grammar); function words stay so.
                norm = surface.lower()
                if norm in FUNCTION_WORDS:
                    info = memo[surface] = (norm, _FUNCTION, _FUNCTION)
                else:
                    info = memo[surface] = (norm, _NAME, _CONTENT)
                return info
        elif surface.isdigit():
            info = memo[surface] = (surface, _NUMBER, _NUMBER)
            return info
    info = memo[surface] = describe_token(surface)
    return info


# Fields of a TokenInfo, as C-level getters for map().
_NORM, _KIND = itemgetter(0), itemgetter(1)
_FUNCTION, _CONTENT, _NAME, _NUMBER = (
    TokenKind.FUNCTION,
    TokenKind.CONTENT,
    TokenKind.NAME,
    TokenKind.NUMBER,
)


def bag_dice(
    left: dict[str, int], left_total: int, right: dict[str, int], right_total: int
) -> float:
    """Weighted Dice coefficient of two token bags, in [0, 1].  Symmetric.

    >>> f, g = features("calm and restraint"), features("calm and patience")
    >>> bag_dice(f.bag, f.total, g.bag, g.total)
    0.5714285714285714
    >>> f, g = features("Troops attacked the town"), features("the troops' attack on the town")
    >>> round(bag_dice(f.bag, f.total, g.bag, g.total), 3)  # folded: troop, attac
    0.909
    """
    if not left_total or not right_total:
        return 0.0
    # One pass over the smaller bag, one lookup per token: on the pairs an
    # alignment scores this beats intersecting the key sets in C first,
    # which builds a set and then looks every shared token up twice.
    if len(left) > len(right):
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


def similarity(left: Features, right: Features) -> float:
    """The aligner's link score of two sentences, in [0, 1].  Symmetric.

    Weighted Dice of the folded token bags (see :func:`fold` and
    ``KIND_WEIGHTS``); the aligner hands it features weighted by rarity
    too (:func:`by_rarity`).  On real pairs (``benchmarks/bench_real.py``)
    it beats plain word-Jaccard on MSRP, STS-B news and PAN13 train.
    """
    return bag_dice(left.bag, left.total, right.bag, right.total)


# Rarity weights multiply ln((n + 1) / (df + 1)) by this before rounding:
# integers keep scores exact and symmetric, and at 2 a token in one
# sentence of a hundred weighs 8 and one in every other sentence 1.  On
# real pairs (bench_real's rarity_dice) scales 1, 2, 3, 4 and 6 give MSRP
# accuracy 0.734, 0.735, 0.733, 0.731, 0.729 and STS-B news Spearman 0.723,
# 0.723, 0.721, 0.721, 0.721.
RARITY_SCALE = 2


class Rarity(NamedTuple):
    """Integer weights of folded tokens by their rarity in a collection of
    sentences (see :func:`rarity`)."""

    weights: dict[str, int]  # fold -> weight
    unseen: int  # the weight of a fold the collection does not hold


def rarity(collection: Iterable[Features], scale: int = RARITY_SCALE) -> Rarity:
    """Weigh each folded token by how few sentences of ``collection`` (one
    :class:`Features` per distinct text) hold it: ``max(1, round(scale *
    ln((n + 1) / (df + 1))))`` for ``n`` sentences, ``df`` of them holding the
    token.  Inverse document frequency: words every sentence has ("the",
    "said") count for little, a name or a rare word for much, whatever its
    kind.  O(total tokens).

    >>> speakers = "army rebels police mayor court union bank".split()
    >>> weights = rarity(features(f"the {speaker} said") for speaker in speakers)
    >>> weights.weights["the"], weights.weights["army"], weights.unseen
    (1, 3, 4)
    """
    return _rarity(collection, scale, 0)


def _rarity(collection: Iterable[Features], scale: int, less: int) -> Rarity:
    """:func:`rarity` with ``less`` taken off every weight (:func:`by_rarity`
    adds the weights less one, and so needs no second pass over them)."""
    bags = [feature.bag for feature in collection]
    # A bag's keys are its sentence's distinct folds: counting keys over all
    # bags (in C) gives each fold's document frequency.
    frequency = Counter(chain.from_iterable(bags))
    count = len(bags)
    # Many tokens share a frequency (most occur once): one log per frequency,
    # then one C-level lookup per token.
    by_frequency = {
        held: max(1, round(scale * math.log((count + 1) / (held + 1)))) - less
        for held in set(frequency.values())
    }
    weights = dict(zip(frequency, map(by_frequency.__getitem__, frequency.values()), strict=True))
    return Rarity(weights, max(1, round(scale * math.log(count + 1))) - less)


def reweighted(feature: Features, weights: Rarity) -> Features:
    """``feature`` with each token weighing its kind weight plus its rarity
    weight (:func:`rarity`) less one: the commonest tokens of the collection
    keep their kind weight, rarer ones gain.  In a collection too small to
    tell rare from common (three sentences or fewer: the aligner's
    collection is both documents' alignable sentences) every rarity weight
    is 1 and the bag is unchanged.  Everything else (norms, kinds,
    skeleton) is unchanged, so :func:`newsdiff.rewrite.classify` decides the
    same.  Linear.

    >>> speakers = "army rebels police mayor court union bank".split()
    >>> weights = rarity(features(f"the {speaker} said") for speaker in speakers)
    >>> features("The army said").bag  # by kind
    {'the': 1, 'army': 3, 'said': 3}
    >>> reweighted(features("The army said"), weights).bag
    {'the': 1, 'army': 5, 'said': 3}
    """
    table, unseen = weights
    get = table.get
    return _reweigh(feature, {form: get(form, unseen) - 1 for form in feature.bag})


def _reweigh(feature: Features, extra: dict[str, int]) -> Features:
    """``feature`` with ``extra[form]`` added to its bag once per occurrence
    of each fold (``extra`` holds every fold of the bag).  Linear.

    One pass over the folds adds a repeated token's extra weight once per
    occurrence, so sentences with repeats (half of them in news text) need
    no Counter, and updating a copy of the bag in place never resizes it.
    """
    bag = feature.bag.copy()
    for form in feature.folds:
        bag[form] += extra[form]
    # The constructor, not _replace: this runs for every sentence of a pair.
    return Features(
        feature.key,
        feature.norms,
        feature.kinds,
        bag,
        sum(bag.values()),
        feature.folds,
        feature.informative,
        sum(map(bag.__getitem__, feature.informative)),
        feature.skeleton,
        feature.content,
        feature.content_count,
    )


def by_rarity(collection: dict[str, Features], scale: int = RARITY_SCALE) -> dict[str, Features]:
    """The features of a collection of distinct sentence texts, each
    :func:`reweighted` by the :func:`rarity` of its tokens in the collection:
    what the aligner scores two documents' sentences with (the collection
    being their alignable sentences).  Linear in the collection's tokens.

    >>> speakers = "army rebels police mayor court union bank".split()
    >>> texts = [f"the {speaker} said" for speaker in speakers]
    >>> weighted = by_rarity({text: features(text) for text in texts})
    >>> army, police = weighted["the army said"], weighted["the police said"]
    >>> army.bag
    {'the': 1, 'army': 5, 'said': 3}
    >>> round(similarity(army, police), 3)  # by kind alone: 0.571
    0.444
    """
    extra, _ = _rarity(collection.values(), scale, 1)  # holds every fold of the collection
    return {text: _reweigh(feature, extra) for text, feature in collection.items()}
