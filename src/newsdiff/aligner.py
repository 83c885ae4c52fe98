"""The alignment engine: which sentences of two documents correspond.

``align(a, b)`` works in five steps, each cheaper than the next is costly:

1. **Sides.** Only alignable sentences take part: body sentences, and
   headlines/subheads, which align only among themselves unless
   ``AlignOptions.headlines_with_body`` is set.  Boilerplate, datelines and
   bylines never align.  Identical sentences are grouped into *types*, so
   1,000 copies of one sentence are scored once.
2. **Candidates.** An inverted index over the informative tokens (content
   words, names, numbers) of side A's types; each type of side B meets only
   the A types it shares such a token with.  Prefix filtering indexes and
   probes only the rarest tokens that could decide a match, and tokens found
   in more than ``AlignOptions.max_token_share`` of all types are too common
   to index (they still count in scores); a type whose informative tokens
   are all that common is found through pairs of its rarest tokens.  Order
   plays no part: moved paragraphs are found like any other.
3. **Scores and assignment.** A candidate's score is the weighted Dice
   overlap of the two token bags (names and numbers weigh most, function
   words least, and a token the more the fewer of the pair's alignable
   sentences hold it; see :mod:`newsdiff.similarity`).  Pairs at or above
   ``min_score`` are assigned greedily, best first; equal scores are ordered
   by the sentences' texts, and only then by position (nearer the diagonal
   first), so results are deterministic, moving paragraphs changes no link,
   and ``align(b, a)`` mirrors ``align(a, b)``.
4. **Anchored extension.** An unlinked pair right before (or after) a
   linked pair on both sides links with a lower score when its skeletons
   agree: heavy spin leaves little but the skeleton, and the neighbours
   vouch for the pair.
5. **Splits and merges.** A link grows, one sentence at a time and up to
   ``max_group`` sentences a side (1:2, 3:1, 2:3...), while an unlinked
   neighbour in the same paragraph (or the next one-sentence paragraph, in
   wire-style copy) is mostly contained in the other side and adding it
   raises the score by at least ``group_gain``.

Each link is then classified (copy, edit, spin, paraphrase) by
:func:`newsdiff.rewrite.classify`.  Complexity: linear in the number of
tokens plus the number of candidate pairs, which the index keeps near-linear
for news text; character diffs are not computed here (see :func:`diff`).
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Iterable, Iterator
from itertools import chain, compress
from typing import Any

from newsdiff._features import FeatureTable
from newsdiff._options import require_documents, resolve_options
from newsdiff.alignment import HEAD_ROLES, Alignment, AlignOptions, Link, alignable
from newsdiff.document import Document, Sentence
from newsdiff.rewrite import RewriteKind, classify, skeleton_overlap
from newsdiff.similarity import Features, bag_dice, by_rarity, features
from newsdiff.text.furniture import Role
from newsdiff.text.tokenize import TokenInfo, TokenKind

__all__ = ["align"]

_FUNCTION = TokenKind.FUNCTION


# ----------------------------------------------------------------------------
# The core.  Plain tuples and dicts from here on.


class _Side:
    """One document's alignable sentences, grouped into types."""

    def __init__(
        self,
        doc: Document,
        sentences: list[Sentence],
        memo: dict[str, TokenInfo] | None = None,
        by_text: dict[str, Features] | None = None,
    ) -> None:
        self.doc = doc
        self.sentences = sentences
        self.features: dict[int, Features] = {}
        self.types: dict[str, list[int]] = {}  # key -> sentence indices, ascending
        if memo is None:
            memo = {}
        if by_text is None:
            by_text = {}
        for sentence in sentences:
            feature = by_text.get(sentence.text)
            if feature is None:
                feature = by_text[sentence.text] = features(sentence.text, memo)
            self.features[sentence.index] = feature
            self.types.setdefault(feature.key, []).append(sentence.index)


def _rarity_weighted(
    groups: list[tuple[list[Sentence], list[Sentence]]], table: FeatureTable
) -> dict[str, Features]:
    """The features the aligner scores with, by sentence text: each weighed
    by rarity among the pair's alignable sentences (every group of both
    sides).  A word every sentence of the story has decides little; rarity
    is never counted among a run's other documents, so a pair's links do
    not depend on what else is compared."""
    return by_rarity(
        {
            sentence.text: table.get(sentence.text)
            for group in groups
            for side in group
            for sentence in side
        }
    )


def align(
    a: Document,
    b: Document,
    options: AlignOptions | None = None,
    *,
    _features: FeatureTable | None = None,
    **changes: Any,
) -> Alignment:
    """Align the sentences of two documents (see the module docstring).

    ``options`` or keyword shorthand (``align(a, b, min_score=0.5)``) set
    :class:`AlignOptions`.  Linear in the documents' tokens plus the
    candidate pairs; deterministic; ``align(b, a)`` is the mirror image.

    >>> a = Document.from_text("The attack came at dawn. Two guards were hurt.", id="a")
    >>> b = Document.from_text("Two guards were hurt. The attack came at dawn on Sunday.", id="b")
    >>> [(link.a, link.b, link.kind.value) for link in align(a, b).links]
    [((0,), (1,), 'edit'), ((1,), (0,), 'copy')]
    """
    require_documents(a=a, b=b)
    options = resolve_options(options, AlignOptions, changes, "align")

    links: list[Link] = []
    # Token descriptions and sentence features, shared by both sides (a copy's
    # sentences are mostly its source's) and, with a run's table (private:
    # collate hands one to every pair), by all pairs of the run.
    table = FeatureTable() if _features is None else _features
    groups = list(_groups(a, b, options))
    weighted = _rarity_weighted(groups, table)
    for group_a, group_b in groups:
        side_a, side_b = (
            _Side(a, group_a, table.memo, weighted),
            _Side(b, group_b, table.memo, weighted),
        )
        pairs = _extend(side_a, side_b, _assign(side_a, side_b, options), options)
        for members_a, members_b in _grow(side_a, side_b, pairs, options):
            links.append(_make_link(side_a, side_b, members_a, members_b, pairs, options))
    links.sort(key=lambda link: (link.a, link.b))
    linked_a = {i for link in links for i in link.a}
    linked_b = {i for link in links for i in link.b}
    return Alignment(
        a,
        b,
        tuple(links),
        tuple(s.index for s in a.sentences if alignable(s) and s.index not in linked_a),
        tuple(s.index for s in b.sentences if alignable(s) and s.index not in linked_b),
        options,
    )


def _groups(
    a: Document, b: Document, options: AlignOptions
) -> Iterator[tuple[list[Sentence], list[Sentence]]]:
    """The groups of sentences that may align with each other."""
    if options.headlines_with_body:
        yield [s for s in a.sentences if alignable(s)], [s for s in b.sentences if alignable(s)]
        return
    yield (
        [s for s in a.sentences if s.role is Role.BODY],
        [s for s in b.sentences if s.role is Role.BODY],
    )
    yield (
        [s for s in a.sentences if s.role in HEAD_ROLES],
        [s for s in b.sentences if s.role in HEAD_ROLES],
    )


def _informative(feature: Features) -> frozenset[str]:
    """The folded forms (the bag's keys) of a sentence's content words,
    names and numbers."""
    return feature.informative


def _probe_tokens(feature: Features, rarity: dict[str, int], min_score: float) -> list[str]:
    """The tokens a sentence is indexed and probed by: its informative tokens,
    rarest first (then by spelling), without the longest tail that cannot
    decide a match alone.

    Prefix filtering (as in the AllPairs and PPJoin set-similarity joins):
    Dice >= t needs an overlap of at least t * W / (2 - t) of this sentence's
    weight W, of which the function words can supply at most their weight F.
    A tail of informative tokens lighter than the rest of that need cannot
    hold all the overlap, so any match shares a token outside it, and the
    rarest shared token lies in both sentences' prefixes.
    """
    # By spelling, then stably by rarity: the (rarity, token) order with
    # C-level keys, where a key tuple per token cost more than the rest.
    tokens = sorted(feature.informative)
    tokens.sort(key=rarity.__getitem__)
    bag = feature.bag
    need = min_score * feature.total / (2 - min_score) - (
        feature.total - feature.informative_weight
    )
    tail = 0
    cut = len(tokens)
    while cut > 0 and tail + bag[tokens[cut - 1]] < need:
        cut -= 1
        tail += bag[tokens[cut]]
    return tokens[:cut]


def _candidate_scores(
    side_a: _Side, side_b: _Side, options: AlignOptions, settle: bool = True
) -> list[tuple[float, str, str]]:
    """Scored type pairs ``(score, key_a, key_b)`` at or above ``min_score``.

    Every pair of types that share an informative token and score at least
    ``min_score`` is found (a tested property), plus identical types; with
    ``settle``, types that :func:`_settled_copies` settles get their
    identical pair only (the assignment is the same either way, also tested).
    """
    min_score = options.min_score
    keys_a = list(side_a.types)
    feature_a = [side_a.features[side_a.types[key][0]] for key in keys_a]
    feature_b = [side_b.features[indices[0]] for indices in side_b.types.values()]
    # How many types of either side hold each token: the rarity order of the
    # prefix filter, and the cut-off for tokens too common to index.  Counted
    # over both sides, so that align(b, a) finds the same pairs.
    rarity = Counter(
        chain.from_iterable(feature.informative for feature in (*feature_a, *feature_b))
    )
    limit = max(64, int(options.max_token_share * (len(feature_a) + len(feature_b))))
    # Postings carry the token's weight in the A sentence and the informative
    # weight of that sentence's tokens after it in the global order, so shared
    # weight accumulates and the positional bound (below) is known without
    # touching the bags.
    settled = _settled_copies(side_a, side_b, feature_a, feature_b) if settle else set()
    # A settled type as many times on A as on B has every A sentence taken
    # by its identical pair, which comes first: its other candidates would
    # find nothing free, so it is not indexed either.
    spent = {key for key in settled if len(side_a.types[key]) == len(side_b.types[key])}
    index: dict[str, list[tuple[int, int, int]]] = {}
    function_a: list[int] = []  # weight of function words
    for position, feature in enumerate(feature_a):
        function_a.append(feature.total - feature.informative_weight)
        if spent and keys_a[position] in spent:
            continue
        rest = feature.informative_weight
        for token in _probe_tokens(feature, rarity, min_score):
            weight = feature.bag[token]
            rest -= weight
            if rarity[token] <= limit:
                index.setdefault(token, []).append((position, weight, rest))
    scored: list[tuple[float, str, str]] = []
    for key_b, feature in zip(side_b.types, feature_b, strict=True):
        if key_b in side_a.types:  # a copy; other candidates still serve extra duplicates
            scored.append((1.0, key_b, key_b))
            if key_b in settled:
                continue
        bag, total = feature.bag, feature.total
        rest_b = feature.informative_weight
        function_b = total - rest_b
        shared: dict[int, int] = {}
        rest_after: dict[int, int] = {}  # informative weight either may still share
        get = shared.get  # local names: the loop below visits every posting entry
        for token in _probe_tokens(feature, rarity, min_score):
            mine = bag[token]
            rest_b -= mine
            posting = index.get(token)
            if posting is None:
                continue
            for position, theirs, rest_a in posting:
                shared[position] = get(position, 0) + (theirs if theirs < mine else mine)
                rest_after[position] = rest_a if rest_a < rest_b else rest_b
        for position, overlap in shared.items():
            other = feature_a[position]
            # Positional bound (PPJoin): tokens are visited in one global
            # order, and every shared token before the last one found is found
            # (it lies in both prefixes and is rare enough to be indexed), so
            # the rest of the informative overlap comes after it.  Add all
            # function words the shorter list could match.
            fa = function_a[position]
            bound = overlap + rest_after[position] + (fa if fa < function_b else function_b)
            if 2 * bound < min_score * (other.total + total) or keys_a[position] == key_b:
                continue
            score = bag_dice(other.bag, other.total, bag, total)
            if score >= min_score:
                scored.append((score, keys_a[position], key_b))
    scored.extend(
        _starved_candidates(
            keys_a, feature_a, side_b, feature_b, rarity, limit, min_score, spent, settled
        )
    )
    return scored


# How many of a sentence's rarest common tokens make its pair keys (six
# pairs of four): a near-copy that changed one of them still shares three.
STARVED_TOKENS = 4
STARVED_PAIRS = STARVED_TOKENS * (STARVED_TOKENS - 1) // 2


def _starved_candidates(
    keys_a: list[str],
    feature_a: list[Features],
    side_b: _Side,
    feature_b: list[Features],
    rarity: Counter[str],
    limit: int,
    min_score: float,
    spent: set[str],
    settled: set[str],
) -> list[tuple[float, str, str]]:
    """Scored pairs involving a *starved* type: a type with two informative
    tokens or more, every one of them too common to index (in a long list
    or table of a small vocabulary every word may be), which the token
    index cannot find.

    Pairs of tokens are much rarer than tokens.  Every type with two common
    tokens or more is keyed by the pairs of its :data:`STARVED_TOKENS`
    rarest common tokens, and a pair of types sharing a key is a candidate
    when one of them is starved (the other may hold a rare token too: a
    copy that gained a row number).  A key held by more than ``limit //
    STARVED_PAIRS`` types is too common as well, so a starved type meets at
    most about ``limit`` candidates, as through one indexed token.  Best
    effort: a pair sharing fewer than two of those tokens is not found.
    Types :func:`_settled_copies` settles are left out, as from the index.
    Symmetric in the two sides, so ``align(b, a)`` finds the same pairs.
    """
    common = set(compress(rarity, map(limit.__lt__, rarity.values())))  # counted in C
    if not common:
        return []  # every token is indexed: nothing is starved (most documents)

    def pair_keys(tokens: frozenset[str]) -> list[tuple[str, str]]:
        ordered = sorted(tokens)
        ordered.sort(key=rarity.__getitem__)
        chosen = sorted(ordered[:STARVED_TOKENS])
        return [(first, second) for n, first in enumerate(chosen) for second in chosen[n + 1 :]]

    # The starved types first (few, when any: a subset test per type), then
    # only the other types that hold two of their keys' tokens: a key no
    # starved type holds makes no candidate.
    starved_a = {
        position
        for position, feature in enumerate(feature_a)
        if feature.informative <= common
        and len(feature.informative) > 1
        and keys_a[position] not in spent
    }
    starved_b = {
        key: feature.informative
        for key, feature in zip(side_b.types, feature_b, strict=True)
        if feature.informative <= common and len(feature.informative) > 1 and key not in settled
    }
    if not starved_a and not starved_b:
        return []
    wanted = set(
        chain.from_iterable(
            [feature_a[position].informative for position in starved_a] + list(starved_b.values())
        )
    )
    pairs_a = [
        (position, pair_keys(feature.informative & common), position in starved_a)
        for position, feature in enumerate(feature_a)
        if keys_a[position] not in spent and len(feature.informative & wanted) > 1
    ]
    pairs_b = [
        (key, feature, pair_keys(feature.informative & common), key in starved_b)
        for key, feature in zip(side_b.types, feature_b, strict=True)
        if key not in settled and len(feature.informative & wanted) > 1
    ]
    held = Counter(
        chain.from_iterable(
            [pairs for _, pairs, _ in pairs_a] + [pairs for _, _, pairs, _ in pairs_b]
        )
    )
    most = limit // STARVED_PAIRS
    # Every keyed A type, and the starved ones alone: a starved B type meets
    # the first, any other B type the second.
    index: dict[tuple[str, str], list[int]] = {}
    starved_index: dict[tuple[str, str], list[int]] = {}
    for position, pairs, starved in pairs_a:
        for pair in pairs:
            if held[pair] <= most:
                index.setdefault(pair, []).append(position)
                if starved:
                    starved_index.setdefault(pair, []).append(position)
    scored: list[tuple[float, str, str]] = []
    for key_b, feature, pairs, starved in pairs_b:
        postings = index if starved else starved_index
        met = {position for pair in pairs for position in postings.get(pair, ())}
        for position in sorted(met):
            if keys_a[position] == key_b:
                continue  # identical types are scored already
            other = feature_a[position]
            score = bag_dice(other.bag, other.total, feature.bag, feature.total)
            if score >= min_score:
                scored.append((score, keys_a[position], key_b))
    return scored


def _settled_copies(
    side_a: _Side, side_b: _Side, feature_a: list[Features], feature_b: list[Features]
) -> set[str]:
    """Types of side B whose every sentence is sure to link to an identical
    sentence of side A, so that probing them for other candidates is wasted.

    That holds when A has at least as many copies of the type as B, and no
    other type on either side has the same token bag: then no other pair
    involving the type scores 1.0, the identical pair comes first in the
    best-first assignment, and every other candidate of the type would find
    its B sentences taken.  (A third of a syndicated copy is such copies.)
    """
    candidates = [
        (key, feature)
        for key, feature in zip(side_b.types, feature_b, strict=True)
        if key in side_a.types and len(side_b.types[key]) <= len(side_a.types[key])
    ]
    if not candidates:
        return set()
    # Equal bags have equal totals and sizes: only types that agree on both
    # with a candidate are compared bag by bag (dict equality, at C speed),
    # rather than every bag of both sides hashed whole.
    wanted = {(feature.total, len(feature.bag)) for _, feature in candidates}
    alike: dict[tuple[int, int], list[dict[str, int]]] = {}
    for feature in (*feature_a, *feature_b):
        signature = (feature.total, len(feature.bag))
        if signature in wanted:
            alike.setdefault(signature, []).append(feature.bag)
    settled = set()
    for key, feature in candidates:
        bag = feature.bag
        group = alike[(feature.total, len(bag))]
        # The type's own A and B entries are two of the group; any other
        # equal bag could score 1.0 against it.
        if len(group) == 2 or sum(1 for other in group if other == bag) == 2:
            settled.add(key)
    return settled


def _assign(side_a: _Side, side_b: _Side, options: AlignOptions) -> dict[tuple[int, int], float]:
    """Greedy best-first assignment of sentence pairs: ``(i, j) -> score``,
    in the order assigned.  The scores go with the pairs so that growing and
    linking them need not score them again."""
    scored = _candidate_scores(side_a, side_b, options)

    def order(item: tuple[float, str, str]) -> tuple[float, str, str, int, int]:
        score, key_a, key_b = item
        i, j = side_a.types[key_a][0], side_b.types[key_b][0]
        # Ties break on the texts first, so moving paragraphs cannot change a
        # link, then on position.  Every part is symmetric in the two sides,
        # so the mirrored call orders conflicting pairs the same way.
        low, high = (key_a, key_b) if key_a <= key_b else (key_b, key_a)
        return (-score, low, high, abs(i - j), i + j)

    scored.sort(key=order)
    used_a: set[int] = set()
    used_b: set[int] = set()
    pairs: dict[tuple[int, int], float] = {}
    for score, key_a, key_b in scored:
        free_a = [i for i in side_a.types[key_a] if i not in used_a]
        free_b = [j for j in side_b.types[key_b] if j not in used_b]
        for i, j in zip(free_a, free_b, strict=False):  # duplicates pair up in order
            used_a.add(i)
            used_b.add(j)
            pairs[i, j] = score
    return pairs


def _extend(
    side_a: _Side, side_b: _Side, pairs: dict[tuple[int, int], float], options: AlignOptions
) -> dict[tuple[int, int], float]:
    """Link unlinked pairs anchored by a neighbouring link, best first.

    A pair ``(i, j)`` is anchored when the alignable sentences just before
    both (or just after both), in the same paragraphs, are linked to each
    other.  It links when it
    scores at least ``anchored_min_score`` and its skeletons overlap at least
    ``anchored_min_skeleton``; each new link anchors the next pair, so a run
    of heavily spun sentences between two copied ones is linked from both
    ends.  Candidates are ordered as in :func:`_assign`, so the result stays
    symmetric.  Linear: each link proposes at most two pairs.
    """
    order_a = [s.index for s in side_a.sentences]
    order_b = [s.index for s in side_b.sentences]
    rank_a = {index: rank for rank, index in enumerate(order_a)}
    rank_b = {index: rank for rank, index in enumerate(order_b)}
    linked_a = {i for i, _ in pairs}
    linked_b = {j for _, j in pairs}
    sentences_a, sentences_b = side_a.doc.sentences, side_b.doc.sentences
    heap: list[tuple[float, str, str, int, int, int, int]] = []

    def propose(i: int, j: int) -> None:
        for step in (-1, 1):
            ra, rb = rank_a[i] + step, rank_b[j] + step
            if not (0 <= ra < len(order_a) and 0 <= rb < len(order_b)):
                continue
            ni, nj = order_a[ra], order_b[rb]
            if ni in linked_a or nj in linked_b:
                continue
            # Neighbours inside a paragraph only: paragraphs move as units,
            # and moving them must not change any link.
            if (
                sentences_a[ni].paragraph != sentences_a[i].paragraph
                or sentences_b[nj].paragraph != sentences_b[j].paragraph
            ):
                continue
            fa, fb = side_a.features[ni], side_b.features[nj]
            score = bag_dice(fa.bag, fa.total, fb.bag, fb.total)
            if score < options.anchored_min_score:
                continue
            if skeleton_overlap(fa, fb) < options.anchored_min_skeleton:
                continue
            low, high = (fa.key, fb.key) if fa.key <= fb.key else (fb.key, fa.key)
            heapq.heappush(heap, (-score, low, high, abs(ni - nj), ni + nj, ni, nj))

    for i, j in pairs:
        propose(i, j)
    extended = dict(pairs)
    while heap:
        negated, *_, i, j = heapq.heappop(heap)
        if i in linked_a or j in linked_b:
            continue
        linked_a.add(i)
        linked_b.add(j)
        extended[i, j] = -negated
        propose(i, j)
    return extended


def _merged(parts: Iterable[Features]) -> Features:
    """Features of several sentences read as one."""
    parts = list(parts)
    if len(parts) == 1:
        return parts[0]
    bag: dict[str, int] = {}
    skeleton: dict[str, int] = {}
    content: dict[str, int] = {}
    for part in parts:
        for merged, counts in ((bag, part.bag), (skeleton, part.skeleton), (content, part.content)):
            for token, count in counts.items():
                merged[token] = merged.get(token, 0) + count
    norms = tuple(token for part in parts for token in part.norms)
    informative = frozenset().union(*(part.informative for part in parts))
    return Features(
        " ".join(norms),
        norms,
        tuple(kind for part in parts for kind in part.kinds),
        bag,
        sum(part.total for part in parts),
        tuple(form for part in parts for form in part.folds),
        informative,
        sum(bag[form] for form in informative),
        skeleton,
        content,
        sum(part.content_count for part in parts),
    )


def _merged_bag(parts: list[Features]) -> tuple[dict[str, int], int]:
    """The token bag and total weight of several sentences read as one: all
    that growing a link scores, without the rest of :func:`_merged`."""
    if len(parts) == 1:
        return parts[0].bag, parts[0].total
    bag = dict(parts[0].bag)
    get = bag.get
    for part in parts[1:]:
        for token, weight in part.bag.items():
            bag[token] = get(token, 0) + weight
    return bag, sum(part.total for part in parts)


def _grow(
    side_a: _Side, side_b: _Side, pairs: dict[tuple[int, int], float], options: AlignOptions
) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    """Grow 1:1 pairs into n:m links (splits, merges, both), one sentence at
    a time, up to ``max_group`` sentences a side: at each step the unlinked
    neighbour (before the first or after the last member, on either side)
    that is mostly contained in the other side and raises the score most
    joins, while the gain is at least ``group_gain``.  An exact tie between
    the two sides stops the growth (no side to prefer), so the mirrored call
    makes the mirrored choices."""
    free_a = {s.index for s in side_a.sentences} - {i for i, _ in pairs}
    free_b = {s.index for s in side_b.sentences} - {j for _, j in pairs}
    limit = options.max_group
    groups: list[tuple[tuple[int, ...], tuple[int, ...]]] = []
    for i, j in sorted(pairs, key=lambda pair: (min(pair), max(pair))):
        members_a: tuple[int, ...] = (i,)
        members_b: tuple[int, ...] = (j,)
        if not (
            i - 1 in free_a or i + 1 in free_a or j - 1 in free_b or j + 1 in free_b
        ):  # most links have no free neighbour to grow by: skip the scoring
            groups.append((members_a, members_b))
            continue
        left = side_a.features[i].bag, side_a.features[i].total
        right = side_b.features[j].bag, side_b.features[j].total
        score = pairs[i, j]
        while True:
            found: list[tuple[float, str, tuple[int, ...], tuple[int, ...]]] = []
            # Grow side B against A's members (a split), or A against B's (a merge).
            for side, members, other, free in (
                (side_b, members_b, left, free_b),
                (side_a, members_a, right, free_a),
            ):
                if len(members) >= limit:
                    continue
                sentences = side.doc.sentences
                for anchor, neighbour in (
                    (members[0], members[0] - 1),
                    (members[-1], members[-1] + 1),
                ):
                    if neighbour not in free or not _adjacent(sentences, anchor, neighbour):
                        continue
                    grown = tuple(sorted((*members, neighbour)))
                    gain = _group_gain(
                        other,
                        [side.features[k] for k in grown],
                        score,
                        side.features[neighbour],
                        options,
                    )
                    if gain is not None:
                        pair = (members_a, grown) if side is side_b else (grown, members_b)
                        found.append((gain, sentences[neighbour].text, *pair))
            if not found:
                break
            found.sort(key=lambda item: (-item[0], item[1]))
            best = found[0]
            if len(found) > 1 and found[1][:2] == best[:2]:
                break  # an exact tie has no side to prefer: stop here
            gain, _, members_a, members_b = best
            score += gain
            free_a.difference_update(members_a)
            free_b.difference_update(members_b)
            left = _merged_bag([side_a.features[k] for k in members_a])
            right = _merged_bag([side_b.features[k] for k in members_b])
        groups.append((members_a, members_b))
    return groups


def _adjacent(sentences: tuple[Sentence, ...], index: int, neighbour: int) -> bool:
    """May ``neighbour`` join ``index`` in a split or merge?  Yes inside one
    paragraph; across a paragraph break only in one-sentence-paragraph copy
    (wire style), where a paragraph break is no more than a sentence break."""
    if sentences[neighbour].paragraph == sentences[index].paragraph:
        return True
    if abs(sentences[neighbour].paragraph - sentences[index].paragraph) != 1:
        return False
    return all(_alone_in_paragraph(sentences, k) for k in (index, neighbour))


def _alone_in_paragraph(sentences: tuple[Sentence, ...], index: int) -> bool:
    paragraph = sentences[index].paragraph
    before = index > 0 and sentences[index - 1].paragraph == paragraph
    after = index + 1 < len(sentences) and sentences[index + 1].paragraph == paragraph
    return not (before or after)


def _group_gain(
    single: tuple[dict[str, int], int],
    parts: list[Features],
    base_score: float,
    added: Features,
    options: AlignOptions,
) -> float | None:
    """Score gain of linking ``single`` (a bag and its total) to ``parts``
    together instead of one part, or None when the added part does not
    belong."""
    if not added.total:
        return None
    single_bag, single_total = single
    contained = 0
    for token, weight in added.bag.items():
        other = single_bag.get(token)
        if other is not None:
            contained += min(weight, other)
    if contained < options.group_containment * added.total:
        return None
    bag, total = _merged_bag(parts)
    gain = bag_dice(single_bag, single_total, bag, total) - base_score
    return gain if gain >= options.group_gain else None


def _make_link(
    side_a: _Side,
    side_b: _Side,
    members_a: tuple[int, ...],
    members_b: tuple[int, ...],
    scores: dict[tuple[int, int], float],
    options: AlignOptions,
) -> Link:
    features_a, features_b = side_a.features, side_b.features
    # Most links are 1:1: take the sentence's own features without a merge.
    left = (
        features_a[members_a[0]]
        if len(members_a) == 1
        else _merged(features_a[i] for i in members_a)
    )
    right = (
        features_b[members_b[0]]
        if len(members_b) == 1
        else _merged(features_b[j] for j in members_b)
    )
    kind, evidence = classify(left, right, options.kinds)
    if kind is RewriteKind.COPY:
        score = 1.0
    elif len(members_a) == len(members_b) == 1:  # scored when it was assigned
        score = scores[members_a[0], members_b[0]]
    else:
        score = bag_dice(left.bag, left.total, right.bag, right.total)
    return Link(members_a, members_b, score, kind, evidence)
