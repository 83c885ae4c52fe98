"""Reused passages: an alignment's links extended into the character spans
a text-reuse detector reports.  The engine behind :meth:`Alignment.passages
<newsdiff.alignment.Alignment.passages>`.

Seed and extend, after the design of the PAN 2014 winners (Sanchez-Perez et
al.), in four steps:

1. **Extension.** The links are the seeds, and so are the *rescued*
   pairs: two sentences the aligner left unlinked that share a rare word
   and score at least ``rescue_score`` by the rarity-weighted Dice of their
   word sets, or of which one is mostly contained in the other, whatever
   its Dice (:data:`CONTAINED_SHARE`; ``rescue_score`` above 1 turns off
   both), each pair among the :data:`RESCUED_MOST` best of both its
   sentences (:func:`_rescued`).  Obfuscation that swaps and shuffles words
   drops sentences below the aligner's threshold, while the words rare in
   the two documents survive.  Two seeds join when at most ``gap`` other
   alignable sentences lie between them on both sides, in either order
   (obfuscation reorders sentences); joining is transitive, so a passage is
   a connected group of seeds, kept as a box of sentence ranks on each
   side.  Boxes that overlap on both sides merge.
2. **Summaries.** A box at least ``summary_ratio`` times longer on one side
   than on the other, in characters and in sentences, has a summary's
   shape: a few sentences condensing many.  Its long side absorbs the boxes
   up to ``summary_gap`` sentences away (its short side still within
   ``gap``), then reaches out, within ``summary_gap`` sentences, to the
   farthest sentence that scores at least ``summary_score`` against one of
   the summary's sentences: a summary sentence's 1:1 link finds one of the
   source sentences it draws on, and this finds the others.  A box with
   :data:`COPIED_SHARE` of the words of each side in runs shared with the
   other is reused wording, not a summary, and does not reach (a copy with
   a stray link or two has a summary's shape too).
3. **Ends.** Each end reaches into the alignable sentence beyond the box
   when that sentence shares a run of :data:`RUN_WORDS` words with the
   other side's sentences at the same end (its boundary sentence and the
   one beyond), up to the first (last) word of the first (last) such run:
   reuse that starts or stops mid-sentence, where the sentence holding the
   boundary mixes reused and new text and did not link.  (Runs from the
   whole other passage let a common phrase, "one of the", pull an end into
   an unrelated sentence.)  A near copy (``trim``, or at least
   ``trim_share`` of its words in runs shared with the other side's
   passage) is cut to its shared words instead: each end moves to the
   outermost shared word of the stretch that runs out from the box's first
   (last) sentence with at most :data:`TRIM_GAP` unshared words in a row,
   into or out of that sentence.  A copy that starts mid-sentence does not
   carry the rest of the sentence; a reworded passage whose boundary
   sentences share words only here and there keeps them whole (one that
   keeps long runs of its source's words can be cut inside them).
   This cut never enters a side of one sentence: a lone linked sentence is
   the passage's evidence, and stays whole.  Whatever the passage, an end
   whose boundary sentence is unlinked or linked below
   :data:`EXACT_LINK_SCORE`, and opens (from inside the passage) with an
   unbroken run of :data:`EXACT_WORDS` shared words that stops inside it,
   stops there too: a verbatim copy that ends mid-sentence, in a sentence
   whose other half made its link weak (the run, at least
   :data:`EXACT_WORDS` words of the sentence, stays).  A strongly linked
   sentence is edited, not cut short: "killing 12 people" and "killing at
   least 15 people" are the same reused sentence to its last word.
   ``trim_share`` above 1 turns off both cuts.  An end either cut leaves
   inside its boundary sentence takes the punctuation touching it when the
   other side's end has the same (the closing quote of a quoted clause).
   Words are runs of letters, digits and marks: an end never separates a
   letter from its accent or vowel sign.
4. **Filter.** A passage needs evidence: a link scoring at least
   :data:`LONE_SCORE`, or :data:`LONE_LINKS` seeds, links or rescued pairs
   (counted before a summary reaches out, as it adds no seed); and
   ``min_chars`` characters on both sides.  Passages that overlap on both
   sides are then one.
5. **Copies.** A passage whose words run in exact shared runs of at least
   :data:`EXACT_WORDS` words (a copy, or a copied stretch inside reworded
   reuse) has a *copied core*: the hull of those runs, when they hold
   :data:`COPY_COVER` of its words on each side, it holds
   :data:`COPY_HOLD` of the words of one side, and its first and last runs
   are first and last on both sides.  A run that either side holds twice is
   left out: it does not say which place was copied.  Each end of the core
   runs on while the words go on the same on both sides, past the passage
   if need be (a copy whose links started a sentence late on one side),
   but not into furniture, and moves the passage's end out when it runs
   to it or past it on both sides.  The passage's end is cut there instead
   when the :data:`COPY_WINDOW` words beyond it on the two sides share
   less than :data:`COPY_DICE` of their words: the copy stops there, and
   what the passage holds beyond it is a weakly linked neighbour, a chance
   run or a summary's reach.  Obfuscated reuse goes on beyond a copied
   stretch with many of its words, and keeps its ends.  The punctuation
   both sides carry at a moved end comes along (a full stop).  A cut that
   would leave a side under ``min_chars`` is not made: the passage stays
   whole (a reworded sentence that kept a long stretch word for word).
   Passages that now overlap on both sides are one, and ``min_chars``
   applies again.  ``trim_share`` above 1 turns this off with the other cuts.

The seeds are not every sentence pair above a lower score, as in
Sanchez-Perez et al.: measured on PAN 2013 train, pairs sharing only common
words brought in topic-similar neighbours as often as reused sentences, and
scoring them cost as much as the alignment itself (``docs/alignment.md``);
pairs that share a rare word are few, and mostly reused.

Every step treats the two sides alike, so ``align(b, a).passages()`` is the
mirror image of ``align(a, b).passages()``.  The cost is linear in the
words of the two documents times :data:`RARE_MOST` (the rescue scores each
sentence against the sentences holding its rare words, at most
:data:`RARE_MOST` a word), in the links, and in the characters of the
passages found (the copy step hashes each run of :data:`EXACT_WORDS` words
of a passage once, and a core runs on one word at a time), plus, for each
summary, its sentences times ``2 * summary_gap`` scores.  Joining sweeps
the seeds in order on side A, comparing each with those ending at most ``gap + 1`` ranks before it
(``summary_gap + 1`` when absorbing): links are disjoint on each side and a
sentence has at most :data:`RESCUED_MOST` rescued partners, so that is at
most ``(gap + 2) * (RESCUED_MOST + 1)`` comparisons a seed (seeds of one
sentence that chain on side B are one box before the sweep).  On 2,000
sentences a side where every sentence shares rare words with 32 others,
passages take 0.2 s against 0.1 s to align.  A summary that absorbs a
long sparse trail of links takes a round of joining per couple of links
(quadratic in that contrived case: 800 links in 0.4 s).
"""

from __future__ import annotations

import bisect
import itertools
import math
from collections import Counter
from collections.abc import Callable
from itertools import chain

import regex

from newsdiff._disjoint import DisjointSets
from newsdiff._features import FeatureTable
from newsdiff._strings import common_prefix_length
from newsdiff.alignment import Alignment, Passage, alignable
from newsdiff.document import Sentence
from newsdiff.similarity import bag_dice, fold
from newsdiff.text.lexicon import FUNCTION_WORDS

__all__ = [
    "CONTAINED_SHARE",
    "CONTAINED_WORDS",
    "COPIED_SHARE",
    "COPY_COVER",
    "COPY_DICE",
    "COPY_HOLD",
    "COPY_WINDOW",
    "EXACT_LINK_SCORE",
    "EXACT_WORDS",
    "LONE_LINKS",
    "LONE_SCORE",
    "RARE_MOST",
    "RARE_SHARE",
    "RESCUED_MOST",
    "RUN_WORDS",
    "TRIM_GAP",
    "passages",
]

# A run of this many shared words marks where reuse starts or stops: two
# ("of the") meet by chance in any two English texts, three seldom do.
RUN_WORDS = 3
# Marks stay with their letters (a decomposed accent, a Devanagari vowel
# sign): an end never falls between a letter and its mark.
_WORD = regex.compile(r"[\w\p{M}]+")
# The punctuation touching a position, after it and before it (matched
# backwards): neither word characters nor spaces.
_PUNCTUATION = regex.compile(r"[^\w\p{M}\s]*")
_PUNCTUATION_BEFORE = regex.compile(r"[^\w\p{M}\s]*", regex.REVERSE)
# Words read backwards from a position.
_WORD_BEFORE = regex.compile(r"[\w\p{M}]+", regex.REVERSE)

# A trimmed end may cross this many unshared words in a row (a changed word
# or two in a near copy) before the shared stretch stops: on PAN13 train 4,
# 6 and 10 score within 0.001 of plagdet, 1 and 3 cut reworded ends.
TRIM_GAP = 6

# A passage of fewer than LONE_LINKS links needs one scoring LONE_SCORE: on
# PAN13 train this leaves 4 false passages in 1,000 unrelated pairs instead
# of 12, for 0.001 of plagdet (docs/alignment.md).
LONE_LINKS = 3
LONE_SCORE = 0.5

# A word held by at most RARE_SHARE of the alignable sentences of both
# documents (at least 2, at most RARE_MOST) finds rescue candidates: on PAN13
# train 0.02 scores 0.900 overall, 0.05 0.899, 0.1 0.897 (commoner words
# bring topic neighbours).  RARE_MOST bounds the candidates per word, so
# the cost stays linear on long or repetitive documents.
RARE_SHARE = 0.02
RARE_MOST = 64

# A rescued pair must be among the RESCUED_MOST best-scoring rescued pairs
# of both its sentences (by Dice): this bounds the seeds per sentence, and
# so the cost of joining them.  On 150 PAN13 train pairs a category, 8 and
# 16 give the same passages as no bound (4 changes 4 pairs); 16 leaves a
# list of 16 items run into one sentence whole.
RESCUED_MOST = 16

# A rescue candidate whose smaller side holds CONTAINED_WORDS distinct words
# or more, and this share of their weight in the other, is rescued whatever
# its Dice: two documents segmented apart (a list run together on one side,
# one item a line on the other) pair one long sentence with many short ones.
# On PAN13 train 0.8 raises all categories, 0.903 -> 0.907 overall (0.9:
# 0.906, 0.7: 0.907 with lower precision); 3, 5 and 8 words score within
# 0.0015.
CONTAINED_SHARE = 0.8
CONTAINED_WORDS = 5

# A box with this share of the words of each side in runs shared with the
# other side does not reach out as a summary.  On PAN13 train 0.3 raises
# verbatim plagdet 0.946 -> 0.949 and random obfuscation 0.888 -> 0.893,
# while summaries fall 0.679 -> 0.660 (overall 0.900 -> 0.901); 0.15 and
# 0.2 leave summaries at 0.623 and 0.642.
COPIED_SHARE = 0.3

# An end whose boundary sentence opens with an unbroken run of this many
# shared words stops with the run (step 3).  On PAN13 train, verbatim
# plagdet without the rule 0.950, with runs of 8, 12 and 15 words 0.961,
# 0.959 and 0.958; overall 0.905, 0.906, 0.9075 and 0.907: shorter runs
# cut reworded passages that keep a few words in a row.  (Measured before
# the run had to stop inside the sentence; 12 now gives 0.958 and 0.907.)
EXACT_WORDS = 12
# ...unless the boundary sentence's link scores EXACT_LINK_SCORE or more: an
# edited sentence, reused to its last word.  On 150 PAN13 train pairs a
# category, overall plagdet 0.900 for 0.8 and 0.9 as without the bound,
# 0.899 for 0.7, 0.897 for 0.5 (verbatim cases that copy half a sentence
# link at 0.5-0.8); on all pairs 0.9071 for 0.8 against 0.9072 without
# (0.907 for 0.7 and 0.9 too).
EXACT_LINK_SCORE = 0.8

# A passage's copied core (step 5) has COPY_COVER of the words between its
# outermost exact runs in such runs, on each side, and spans COPY_HOLD of
# one side's words; an end is cut where the COPY_WINDOW words beyond the
# core on the two sides share less than COPY_DICE of their words.  Chosen on
# PAN13 train (the cached alignments of the defaults, runs of EXACT_WORDS
# words), plagdet verbatim / random / translation / summary: hold 0.5
# 0.973 / 0.900 / 0.907 / 0.670, 0.4 0.974, 0.3 0.975 / 0.899 / 0.908 /
# 0.675, 0.2 0.975 / 0.894 / 0.908 / 0.664, none 0.975 / 0.889 / 0.907 /
# 0.591 (the core of a summary or a random obfuscation that copies a
# sentence); cover 0.8 and 0.95 within 0.0001 of 0.9; window 10 and 40,
# Dice 0.2, within 0.0005 overall of 20 and 0.3 (40: summaries 0.670);
# without the window test (cut whenever the core is found; measured at
# hold 0.5) translation 0.907 -> 0.905, random unchanged.  (Measured before
# the core ran on; on the final code hold 0.5 against 0.3 scores all 0.9166
# against 0.9174, lower on both odd/even halves, random obfuscation 0.8998
# against 0.8987.)
COPY_COVER = 0.9
COPY_HOLD = 0.3
COPY_WINDOW = 20
COPY_DICE = 0.3

# A box: first and last rank (position among the alignable sentences) on
# side A, then on side B; then the number of links inside and the best score.
_Box = tuple[int, int, int, int, int, float]
_Words = list[tuple[str, int, int]]  # casefolded word, start, end


def passages(
    alignment: Alignment,
    gap: int,
    min_chars: int,
    trim: bool,
    trim_share: float,
    summary_gap: int,
    summary_ratio: float,
    summary_score: float,
    rescue_score: float,
) -> list[Passage]:
    """The reused passages of ``alignment`` (see the module docstring),
    sorted.  The caller checks the arguments."""
    order_a = [s for s in alignment.a.sentences if alignable(s)]
    order_b = [s for s in alignment.b.sentences if alignable(s)]
    rank_a = {s.index: rank for rank, s in enumerate(order_a)}
    rank_b = {s.index: rank for rank, s in enumerate(order_b)}
    seeds = [
        (
            rank_a[link.a[0]],
            rank_a[link.a[-1]],
            rank_b[link.b[0]],
            rank_b[link.b[-1]],
            1,
            link.score,
        )
        for link in alignment.links
    ]
    # The score of each linked sentence's link, by rank.
    linked_a = {rank_a[i]: link.score for link in alignment.links for i in link.a}
    linked_b = {rank_b[i]: link.score for link in alignment.links for i in link.b}
    if rescue_score <= 1:
        seeds += _rescued(order_a, order_b, set(linked_a), set(linked_b), rescue_score)

    def shape(box: _Box) -> tuple[bool, bool]:
        """Is side A, is side B the long side of a summary-shaped box?"""
        chars_a = order_a[box[1]].end - order_a[box[0]].start
        chars_b = order_b[box[3]].end - order_b[box[2]].start
        count_a, count_b = box[1] - box[0] + 1, box[3] - box[2] + 1
        return (
            chars_a >= summary_ratio * chars_b and count_a >= summary_ratio * count_b,
            chars_b >= summary_ratio * chars_a and count_b >= summary_ratio * count_a,
        )

    # Evidence enough: a link scoring LONE_SCORE, or LONE_LINKS seeds (a
    # rescued pair's score is on another scale: it counts only as a seed).
    # Pairs of documents on one topic share a weakly linked sentence or two
    # by chance (most false passages on PAN13's no-plagiarism pairs).
    boxes = [
        box
        for box in _absorb(_extend(seeds, gap), shape, gap, summary_gap)
        if box[4] >= LONE_LINKS or box[5] >= LONE_SCORE
    ]
    table = FeatureTable()
    text_a, text_b = alignment.a.text, alignment.b.text
    found: list[Passage] = []
    for box in boxes:
        # Both reaches start from the box as extension left it (with a
        # ratio of 1 both sides can be long), so the sides stay symmetric.
        long_a, long_b = shape(box)
        if (long_a or long_b) and _copied(box, order_a, order_b, text_a, text_b):
            long_a = long_b = False
        low_a, high_a, low_b, high_b, links, best = box
        if long_a:
            low_a, high_a = _reach(
                order_a,
                box[0],
                box[1],
                order_b[box[2] : box[3] + 1],
                table,
                summary_gap,
                summary_score,
            )
        if long_b:
            low_b, high_b = _reach(
                order_b,
                box[2],
                box[3],
                order_a[box[0] : box[1] + 1],
                table,
                summary_gap,
                summary_score,
            )
        box = (low_a, high_a, low_b, high_b, links, best)
        span = _ends(box, order_a, order_b, linked_a, linked_b, text_a, text_b, trim, trim_share)
        if min(span.a_end - span.a_start, span.b_end - span.b_start) >= min_chars:
            found.append(span)
    if trim_share > 1:
        return _merged(found)
    # Cut after merging: the ends a copy's neighbours lent it are cut too.
    # The copied core runs on through alignable text only (not into a
    # shared "Share this" beside it): the furniture's spans, in order.
    furniture_a = [(s.start, s.end) for s in alignment.a.sentences if not alignable(s)]
    furniture_b = [(s.start, s.end) for s in alignment.b.sentences if not alignable(s)]
    cut = _merged(
        [
            _kept_long(span, _copy_cut(span, text_a, text_b, furniture_a, furniture_b), min_chars)
            for span in _merged(found)
        ]
    )
    return sorted(
        span
        for span in cut
        if min(span.a_end - span.a_start, span.b_end - span.b_start) >= min_chars
    )


def _rescued(
    order_a: list[Sentence],
    order_b: list[Sentence],
    linked_a: set[int],
    linked_b: set[int],
    least: float,
) -> list[_Box]:
    """Seeds among the sentences the aligner left unlinked (ranks not in
    ``linked_a``, ``linked_b``): the pairs that share a rare word (step 1 of
    the module docstring) and score at least ``least``, each a box of one
    sentence a side.

    The score is the Dice coefficient of the two sentences' sets of folded
    words (:func:`newsdiff.similarity.fold`), each word weighing its inverse
    document frequency over the alignable sentences of both documents, as in
    the tf-idf sentence vectors of Sanchez-Perez et al.; a pair whose
    smaller side is :data:`CONTAINED_SHARE` contained in the other is
    rescued too.  Plain word sets and not the aligner's features: the
    alignment does not keep those, and computing them again would cost half
    as much as aligning (word sets cost about an eighth of it on PAN13
    pairs).  Each pair kept is among the :data:`RESCUED_MOST` best of both
    its sentences.  ``math.fsum`` adds the weights
    exactly, whatever the order, so a pair scores the same from either side.
    """
    words_a = [frozenset(map(fold, _WORD.findall(s.text.casefold()))) for s in order_a]
    words_b = [frozenset(map(fold, _WORD.findall(s.text.casefold()))) for s in order_b]
    held = Counter(chain.from_iterable(words_a + words_b))  # counted in C
    count = len(words_a) + len(words_b)
    # Most words share a count (most occur once): one log per count.
    by_count = {n: math.log((count + 1) / (n + 1)) for n in set(held.values())}
    weight = {word: by_count[n] for word, n in held.items()}
    rare = max(2, min(RARE_MOST, int(RARE_SHARE * count)))
    # An inverted index of side B's unlinked sentences by their rare words.
    postings: dict[str, list[int]] = {}
    for rank, words in enumerate(words_b):
        if rank not in linked_b:
            for word in words:
                # A function word is no evidence of reuse, however few
                # sentences hold it (in a short document, any word is rare).
                if held[word] <= rare and word not in FUNCTION_WORDS:
                    postings.setdefault(word, []).append(rank)
    totals_b: dict[int, float] = {}
    scored: list[tuple[float, int, int]] = []  # Dice, rank on A, rank on B
    for rank_a, words in enumerate(words_a):
        if rank_a in linked_a:
            continue
        candidates = {rank_b for word in words for rank_b in postings.get(word, ())}
        if not candidates:
            continue
        total_a = math.fsum(map(weight.__getitem__, words))
        for rank_b in sorted(candidates):
            total_b = totals_b.get(rank_b)
            if total_b is None:
                total_b = totals_b[rank_b] = math.fsum(map(weight.__getitem__, words_b[rank_b]))
            shared = math.fsum(map(weight.__getitem__, words & words_b[rank_b]))
            # Words every sentence holds weigh nothing: a pair of such
            # sentences shares no rare word, and has no Dice.
            if not total_a + total_b:
                continue
            if 2 * shared >= least * (total_a + total_b) or (
                shared >= CONTAINED_SHARE * min(total_a, total_b)
                and min(len(words), len(words_b[rank_b])) >= CONTAINED_WORDS
            ):
                scored.append((2 * shared / (total_a + total_b), rank_a, rank_b))
    # A pair stays when it is among the RESCUED_MOST best of both its
    # sentences (ties broken by the partner's rank, so the choice is the
    # same from either side).
    kept = _best(scored, 1, 2) & _best(scored, 2, 1)
    return [(rank_a, rank_a, rank_b, rank_b, 1, 0.0) for _, rank_a, rank_b in sorted(kept)]


def _best(
    scored: list[tuple[float, int, int]], by: int, partner: int
) -> set[tuple[float, int, int]]:
    """The RESCUED_MOST pairs of ``scored`` (score and two ranks) that score
    best for each rank in position ``by``, ties broken by the rank in
    position ``partner``."""
    pairs_of: dict[int, list[tuple[float, int, int]]] = {}
    for pair in scored:
        pairs_of.setdefault(int(pair[by]), []).append(pair)
    return {
        pair
        for pairs in pairs_of.values()
        for pair in sorted(pairs, key=lambda pair: (-pair[0], pair[partner]))[:RESCUED_MOST]
    }


def _copied(
    box: _Box, order_a: list[Sentence], order_b: list[Sentence], text_a: str, text_b: str
) -> bool:
    """Has each side of ``box`` at least :data:`COPIED_SHARE` of its words in
    runs shared with the other side?  (Reused wording, not a summary: a
    summary's long side shares little wording with it.)"""
    inner_a = _words(text_a, order_a[box[0]], order_a[box[1]], whole=True)
    inner_b = _words(text_b, order_b[box[2]], order_b[box[3]], whole=True)
    if not inner_a or not inner_b:
        return False
    shared_a = sum(_shared(inner_a, _runs(inner_b)))
    shared_b = sum(_shared(inner_b, _runs(inner_a)))
    return min(shared_a / len(inner_a), shared_b / len(inner_b)) >= COPIED_SHARE


def _merged(spans: list[Passage]) -> list[Passage]:
    """``spans`` with those that overlap on both sides merged into their
    union, until none do, sorted.  (Boxes join by sentence ranks; the ends
    then reach into neighbouring sentences, and a moved sentence just past
    a box on one side can yield a passage inside another: one detection,
    not two.)"""
    while True:
        spans = sorted(spans)
        sets = DisjointSets(range(len(spans)))
        active: list[int] = []
        # A sweep over side A: a span meets the earlier ones still open there.
        for k, span in enumerate(spans):
            active = [m for m in active if spans[m].a_end > span.a_start]
            for m in active:
                if spans[m].b_start < span.b_end and span.b_start < spans[m].b_end:
                    sets.union(k, m)
            active.append(k)
        groups = sets.groups(range(len(spans)))
        if len(groups) == len(spans):
            return spans
        spans = [
            Passage(
                min(spans[k].a_start for k in group),
                max(spans[k].a_end for k in group),
                min(spans[k].b_start for k in group),
                max(spans[k].b_end for k in group),
            )
            for group in groups
        ]


def _distance(low: int, high: int, other_low: int, other_high: int) -> int:
    """Steps from one rank range to another: 1 for neighbours, 0 when they
    overlap."""
    return max(0, other_low - high, low - other_high)


def _union(box: _Box, other: _Box) -> _Box:
    return (
        min(box[0], other[0]),
        max(box[1], other[1]),
        min(box[2], other[2]),
        max(box[3], other[3]),
        box[4] + other[4],
        max(box[5], other[5]),
    )


def _join(boxes: list[_Box], window: int, near: Callable[[_Box, _Box], bool]) -> list[_Box]:
    """``boxes`` joined into the bounding boxes of their connected groups,
    two boxes being connected when ``near``, which must imply that at most
    ``window`` ranks lie between them on side A; sorted."""
    boxes = sorted(boxes)
    sets = DisjointSets(range(len(boxes)))
    # A sweep over side A: each box meets the earlier boxes whose A range
    # ends within the window of its start.  Links are disjoint on each
    # side, so the window holds few boxes.
    reach = window + 1
    active: list[int] = []
    for k, box in enumerate(boxes):
        active = [m for m in active if boxes[m][1] + reach >= box[0]]
        for m in active:
            if near(boxes[m], box):
                sets.union(k, m)
        active.append(k)
    joined: dict[int, _Box] = {}
    for k, box in enumerate(boxes):
        root = sets.find(k)
        seen = joined.get(root)
        joined[root] = box if seen is None else _union(seen, box)
    return sorted(joined.values())


def _extend(seeds: list[_Box], gap: int) -> list[_Box]:
    """Seeds joined into boxes: two seeds join when at most ``gap`` ranks
    lie between them on both sides, in either order."""
    reach = gap + 1

    def near(box: _Box, other: _Box) -> bool:
        return (
            _distance(box[0], box[1], other[0], other[1]) <= reach
            and _distance(box[2], box[3], other[2], other[3]) <= reach
        )

    # Seeds with the same A range whose B ranges chain within the gap are
    # connected: one box each before the sweep, so the sweep's window holds
    # a few boxes per rank whatever the rescued partners of a sentence.
    same_a: dict[tuple[int, int], list[_Box]] = {}
    for seed in seeds:
        same_a.setdefault((seed[0], seed[1]), []).append(seed)
    chained: list[_Box] = []
    for group in same_a.values():
        group.sort(key=lambda seed: seed[2])
        hull = group[0]
        for seed in group[1:]:
            if seed[2] - hull[3] <= reach:
                hull = _union(hull, seed)
            else:
                chained.append(hull)
                hull = seed
        chained.append(hull)
    return _join(chained, gap, near)


def _absorb(
    boxes: list[_Box], shape: Callable[[_Box], tuple[bool, bool]], gap: int, summary_gap: int
) -> list[_Box]:
    """Merge boxes that overlap on both sides, and let a summary-shaped box
    absorb the boxes within ``gap`` ranks on its short side and
    ``summary_gap`` on its long side, until nothing changes (a merged box
    has a new shape)."""
    reach, far = gap + 1, summary_gap + 1

    def near(box: _Box, other: _Box) -> bool:
        step_a = _distance(box[0], box[1], other[0], other[1])
        step_b = _distance(box[2], box[3], other[2], other[3])
        if step_a == 0 and step_b == 0:
            return True
        for long_a, long_b in (shape(box), shape(other)):
            if (long_a and step_a <= far and step_b <= reach) or (
                long_b and step_b <= far and step_a <= reach
            ):
                return True
        return False

    while True:
        joined = _join(boxes, max(gap, summary_gap), near)
        if len(joined) == len(boxes):
            return joined
        boxes = joined


def _reach(
    order: list[Sentence],
    low: int,
    high: int,
    summary: list[Sentence],
    table: FeatureTable,
    summary_gap: int,
    summary_score: float,
) -> tuple[int, int]:
    """The long side ``[low, high]`` (ranks into ``order``) of a summary
    widened to the farthest sentences, within ``summary_gap`` ranks, that
    score at least ``summary_score`` against a sentence of ``summary``."""
    condensed = [table.get(sentence.text) for sentence in summary]

    def drawn_on(rank: int) -> bool:
        mine = table.get(order[rank].text)
        return any(
            bag_dice(mine.bag, mine.total, theirs.bag, theirs.total) >= summary_score
            for theirs in condensed
        )

    first = next((rank for rank in range(max(low - summary_gap, 0), low) if drawn_on(rank)), low)
    last = next(
        (
            rank
            for rank in range(min(high + summary_gap, len(order) - 1), high, -1)
            if drawn_on(rank)
        ),
        high,
    )
    return first, last


def _ends(
    box: _Box,
    order_a: list[Sentence],
    order_b: list[Sentence],
    linked_a: dict[int, float],
    linked_b: dict[int, float],
    text_a: str,
    text_b: str,
    trim: bool,
    trim_share: float,
) -> Passage:
    """The character span of ``box``, its ends moved to the shared words
    (step 3 of the module docstring); ``linked_a`` and ``linked_b`` give the
    score of each linked sentence's link by rank."""
    first_a, last_a = order_a[box[0]], order_a[box[1]]
    first_b, last_b = order_b[box[2]], order_b[box[3]]
    before_a = order_a[box[0] - 1] if box[0] else None
    before_b = order_b[box[2] - 1] if box[2] else None
    after_a = order_a[box[1] + 1] if box[1] + 1 < len(order_a) else None
    after_b = order_b[box[3] + 1] if box[3] + 1 < len(order_b) else None
    # Each end looks at its boundary sentence and the alignable sentence
    # beyond it (not at furniture in between), and finds its runs in the
    # other side's sentences at the same end: a common phrase ("one of the")
    # elsewhere in a long passage must not pull an end into a new sentence.
    head_a, tail_a = _words(text_a, before_a, first_a), _words(text_a, last_a, after_a)
    head_b, tail_b = _words(text_b, before_b, first_b), _words(text_b, last_b, after_b)
    if not trim:
        # The share of the box's words, both sides together, in runs shared
        # with the other side's passage (anywhere in it: reuse reorders).
        inner_a = _words(text_a, first_a, last_a, whole=True)
        inner_b = _words(text_b, first_b, last_b, whole=True)
        runs_a, runs_b = _runs(inner_a), _runs(inner_b)
        shared = sum(_shared(inner_a, runs_b)) + sum(_shared(inner_b, runs_a))
        trim = shared >= trim_share * (len(inner_a) + len(inner_b)) > 0

    # trim_share above 1 cuts no end into a linked sentence, by either rule.
    # The exact cut spares a boundary sentence whose link is strong: an
    # edited sentence ("killing 12 people" / "killing at least 15 people")
    # is reused to its last word, changed words and all.
    def exact(linked: dict[int, float], rank: int) -> bool:
        return trim_share <= 1 and linked.get(rank, 0.0) < EXACT_LINK_SCORE

    ends_a = _shared_ends(
        head_a,
        tail_a,
        first_a,
        last_a,
        _runs(head_b),
        _runs(tail_b),
        trim and box[1] > box[0],
        (exact(linked_a, box[0]), exact(linked_a, box[1])),
    )
    ends_b = _shared_ends(
        head_b,
        tail_b,
        first_b,
        last_b,
        _runs(head_a),
        _runs(tail_a),
        trim and box[3] > box[2],
        (exact(linked_b, box[2]), exact(linked_b, box[3])),
    )
    # Reuse that runs to a sentence's first (last) word on both sides starts
    # (stops) with the sentences: their punctuation is shared too.
    if _at_edge(text_a, first_a.start, ends_a[0]) and _at_edge(text_b, first_b.start, ends_b[0]):
        ends_a, ends_b = (first_a.start, ends_a[1]), (first_b.start, ends_b[1])
    if _at_edge(text_a, ends_a[1], last_a.end) and _at_edge(text_b, ends_b[1], last_b.end):
        ends_a, ends_b = (ends_a[0], last_a.end), (ends_b[0], last_b.end)
    # Punctuation touching an end cut inside its boundary sentence, the same
    # on both sides, is shared too: the closing quote after a quoted clause
    # that both copies cut there.  (Not beyond the boundary sentences: an end
    # at a sentence's edge, or reaching into the next, stays as it was.)
    before = common_prefix_length(
        _touching(text_a, ends_a[0], first_a.start, True),
        _touching(text_b, ends_b[0], first_b.start, True),
    )
    after = common_prefix_length(
        _touching(text_a, ends_a[1], last_a.end, False),
        _touching(text_b, ends_b[1], last_b.end, False),
    )
    return Passage(ends_a[0] - before, ends_a[1] + after, ends_b[0] - before, ends_b[1] + after)


def _touching(text: str, at: int, bound: int, before: bool) -> str:
    """The punctuation (no word character, no space) that touches offset
    ``at`` of ``text`` outwards, up to offset ``bound``: read backwards from
    ``at`` with ``before``."""
    match = (
        _PUNCTUATION_BEFORE.match(text, min(bound, at), at)
        if before
        else _PUNCTUATION.match(text, at, max(bound, at))
    )
    found = "" if match is None else match.group()
    return found[::-1] if before else found


def _at_edge(text: str, start: int, end: int) -> bool:
    """Is ``text[start:end]`` empty or free of words?"""
    return start <= end and not _WORD.search(text, start, end)


def _shared_ends(
    head: _Words,
    tail: _Words,
    first: Sentence,
    last: Sentence,
    head_runs: set[tuple[str, ...]],
    tail_runs: set[tuple[str, ...]],
    trim: bool,
    exact: tuple[bool, bool],
) -> tuple[int, int]:
    """One side's ends: without ``trim``, the first word of the first run of
    ``head_runs`` that starts in ``head`` before ``first`` (the words of the
    sentence before it and of ``first``), else ``first``'s start, or with
    ``exact[0]`` the first word of an unbroken run of :data:`EXACT_WORDS`
    shared words that runs back from ``first``'s last word (:func:`_exact`);
    with ``trim``, the start of the shared stretch that runs back from
    ``first``'s last word.  The same backwards at the end, with ``tail``
    (the words of ``last`` and the sentence after it), ``tail_runs`` and
    ``exact[1]``."""
    head_shared, tail_shared = _shared(head, head_runs), _shared(tail, tail_runs)
    if trim:
        start = _stretch(head[::-1], head_shared[::-1], lambda word: word[1])
        end = _stretch(tail, tail_shared, lambda word: word[2])
        start = first.start if start is None else start
        end = last.end if end is None else end
    else:
        start, end = first.start, last.end
        for k in range(len(head) - RUN_WORDS + 1):
            if head[k][1] >= first.start:
                break
            if tuple(word[0] for word in head[k : k + RUN_WORDS]) in head_runs:
                start = head[k][1]
                break
        for k in range(len(tail) - 1, RUN_WORDS - 2, -1):
            if tail[k][2] <= last.end:
                break
            if tuple(word[0] for word in tail[k + 1 - RUN_WORDS : k + 1]) in tail_runs:
                end = tail[k][2]
                break
        # A verbatim copy that starts (stops) mid-sentence: the boundary
        # sentence mixes it with new words, its link is weak, and no near
        # copy cut applies, but the copied words run unbroken to the cut.
        if exact[0]:
            exact_start = _exact(
                head[::-1], head_shared[::-1], sum(word[1] >= first.start for word in head)
            )
            start = start if exact_start is None else exact_start[1]
        if exact[1]:
            exact_end = _exact(tail, tail_shared, sum(word[2] <= last.end for word in tail))
            end = end if exact_end is None else exact_end[2]
    if start >= end:  # a one-sentence passage whose runs cross: keep the sentence
        return first.start, last.end
    return start, end


def _exact(words: _Words, shared: list[bool], inside: int) -> tuple[str, int, int] | None:
    """The last of ``words`` (they run outwards, the first ``inside`` of them
    in the boundary sentence; ``shared`` flags them) in the unbroken shared
    run they open with, if that run holds at least :data:`EXACT_WORDS` words
    and stops inside the boundary sentence; else None.  (A run through the
    whole sentence is no reuse stopping mid-sentence: the sentence stays
    whole, or the end reaches on.)"""
    length = next((k for k, is_shared in enumerate(shared) if not is_shared), len(shared))
    return words[length - 1] if EXACT_WORDS <= length < inside else None


def _stretch(
    words: _Words, shared: list[bool], offset: Callable[[tuple[str, int, int]], int]
) -> int | None:
    """The ``offset`` of the outermost shared word of the stretch that starts
    at ``words[0]`` (``words`` run outwards, ``shared`` flags them) and
    stops after more than :data:`TRIM_GAP` unshared words in a row; None
    when no word is shared before that."""
    outermost = None
    unshared = 0
    for word, is_shared in zip(words, shared, strict=True):
        if is_shared:
            outermost, unshared = word, 0
        else:
            unshared += 1
            if unshared > TRIM_GAP:
                break
    return None if outermost is None else offset(outermost)


def _shared(words: _Words, runs: set[tuple[str, ...]]) -> list[bool]:
    """For each of ``words``: does it lie in a run of ``runs``?"""
    forms = [word[0] for word in words]
    shared = [False] * len(forms)
    for k in range(len(forms) - RUN_WORDS + 1):
        if tuple(forms[k : k + RUN_WORDS]) in runs:
            shared[k : k + RUN_WORDS] = [True] * RUN_WORDS
    return shared


def _kept_long(span: Passage, cut: Passage, min_chars: int) -> Passage:
    """``cut``, a copy's cut of ``span``, unless it leaves a side under
    ``min_chars`` that ``span`` had: a reworded sentence that kept a long
    stretch word for word is one edited sentence, not a short copy, and
    stays whole rather than vanish."""

    def short(passage: Passage) -> bool:
        return min(passage.a_end - passage.a_start, passage.b_end - passage.b_start) < min_chars

    return span if short(cut) and not short(span) else cut


def _copy_cut(
    span: Passage,
    text_a: str,
    text_b: str,
    furniture_a: list[tuple[int, int]],
    furniture_b: list[tuple[int, int]],
) -> Passage:
    """``span`` with its ends moved to its copied core's (step 5 of the
    module docstring), when it has one: the hull of the runs of
    :data:`EXACT_WORDS` words the two sides share (:func:`_shared_grams`),
    run on through the words the two texts share beyond it, except into
    furniture (``furniture_a``, ``furniture_b``: spans, in order); an end
    is cut to the core's where the :data:`COPY_WINDOW` words beyond it
    share less than :data:`COPY_DICE` of their words, else only reaches
    as far as the core runs on."""
    words_a = _span_words(text_a, span.a_start, span.a_end)
    words_b = _span_words(text_b, span.b_start, span.b_end)
    shared = _shared_grams(words_a, words_b)
    if not shared:
        return span
    # The hull of the shared runs.  A copy's runs come in one order on both
    # sides: its first and last runs on side A are its first and last on
    # side B (runs that cross pair words that were not copied together).
    (low_a, low_b), (last_a, last_b) = shared[0], shared[-1]
    places_b = [place for _, place in shared]
    if low_b != min(places_b) or last_b != max(places_b):
        return span
    high_a, high_b = last_a + EXACT_WORDS, last_b + EXACT_WORDS
    copied_a = _covered(len(words_a), [place for place, _ in shared])
    copied_b = _covered(len(words_b), places_b)
    if (
        min(
            sum(copied_a[low_a:high_a]) / (high_a - low_a),
            sum(copied_b[low_b:high_b]) / (high_b - low_b),
        )
        < COPY_COVER
        or max((high_a - low_a) / len(words_a), (high_b - low_b) / len(words_b)) < COPY_HOLD
    ):
        return span
    a_start, a_end, b_start, b_end = span
    # Each end of the copied core runs on while the words go on the same on
    # both sides, past the passage if need be: a copy whose links began a
    # sentence late on one side.
    run_a, run_b = _run_on(
        (text_a, words_a[high_a - 1][2], furniture_a),
        (text_b, words_b[high_b - 1][2], furniture_b),
        False,
    )
    # An end moves to where the core's words stop running on: in, when the
    # words beyond share little (the copy stops there); out, only when they
    # run on to the end or past it on both sides (the two sides then stop on
    # the same word).
    if (run_a >= a_end and run_b >= b_end) or (
        (high_a < len(words_a) or high_b < len(words_b))
        and _unrelated(_next_words(text_a, run_a, False), _next_words(text_b, run_b, False))
    ):
        a_end, b_end = run_a, run_b
    if (a_end, b_end) != (span.a_end, span.b_end):
        # The punctuation both copies carry after their last word (a full
        # stop, a closing quote) is copied too.
        after = common_prefix_length(
            _touching(text_a, a_end, len(text_a), False),
            _touching(text_b, b_end, len(text_b), False),
        )
        a_end, b_end = a_end + after, b_end + after
    run_a, run_b = _run_on(
        (text_a, words_a[low_a][1], furniture_a), (text_b, words_b[low_b][1], furniture_b), True
    )
    if (run_a <= a_start and run_b <= b_start) or (
        (low_a or low_b)
        and _unrelated(_next_words(text_a, run_a, True), _next_words(text_b, run_b, True))
    ):
        a_start, b_start = run_a, run_b
    if (a_start, b_start) != (span.a_start, span.b_start):
        before = common_prefix_length(
            _touching(text_a, a_start, 0, True), _touching(text_b, b_start, 0, True)
        )
        a_start, b_start = a_start - before, b_start - before
    return Passage(a_start, a_end, b_start, b_end)


def _run_on(
    side_a: tuple[str, int, list[tuple[int, int]]],
    side_b: tuple[str, int, list[tuple[int, int]]],
    backwards: bool,
) -> tuple[int, int]:
    """Each side is a text, an offset in it and its furniture's spans: the
    offsets where the words that follow the two offsets (precede them,
    ``backwards``) stop being the same on both sides, or enter furniture on
    either: the end (start) of the last word that is still shared."""
    (text_a, at_a, furniture_a), (text_b, at_b, furniture_b) = side_a, side_b
    if backwards:
        words_a = _WORD_BEFORE.finditer(text_a, 0, at_a)
        words_b = _WORD_BEFORE.finditer(text_b, 0, at_b)
    else:
        words_a, words_b = _WORD.finditer(text_a, at_a), _WORD.finditer(text_b, at_b)
    outer = 0 if backwards else 1
    for mine, theirs in zip(words_a, words_b, strict=False):
        if (
            mine.group().casefold() != theirs.group().casefold()
            or _inside(furniture_a, mine.start())
            or _inside(furniture_b, theirs.start())
        ):
            break
        at_a, at_b = mine.span()[outer], theirs.span()[outer]
    return at_a, at_b


def _inside(spans: list[tuple[int, int]], offset: int) -> bool:
    """Does ``offset`` lie in one of ``spans`` (sorted, disjoint)?"""
    k = bisect.bisect_right(spans, (offset, math.inf)) - 1
    return k >= 0 and offset < spans[k][1]


def _next_words(text: str, at: int, backwards: bool) -> list[str]:
    """The :data:`COPY_WINDOW` words of ``text`` after offset ``at`` (before
    it, ``backwards``), casefolded."""
    found = _WORD_BEFORE.finditer(text, 0, at) if backwards else _WORD.finditer(text, at)
    return [match.group().casefold() for match in itertools.islice(found, COPY_WINDOW)]


def _unrelated(words: list[str], other: list[str]) -> bool:
    """Do ``words`` and ``other`` (folded forms) share less than
    :data:`COPY_DICE` of their words, counted with repeats?  (Empty on
    either side: nothing on the other side matches the rest.)"""
    shared = sum((Counter(words) & Counter(other)).values())
    return 2 * shared < COPY_DICE * (len(words) + len(other)) or not words or not other


def _shared_grams(words_a: _Words, words_b: _Words) -> list[tuple[int, int]]:
    """The runs of exactly :data:`EXACT_WORDS` words that ``words_a`` and
    ``words_b`` share, as pairs of first indices, in order on side A (found
    by hashing; chained, they are the shared runs of :data:`EXACT_WORDS`
    words or more).  A run that either side holds twice is left out: it does
    not say which of its two places was copied (a source that holds the
    copied text twice; a repeated table row), and each run has one pair."""
    grams_a, grams_b = _grams(words_a, EXACT_WORDS), _grams(words_b, EXACT_WORDS)
    held_a, held_b = Counter(grams_a), Counter(grams_b)
    place_b = {gram: k for k, gram in enumerate(grams_b) if held_b[gram] == 1}
    return [
        (k, place_b[gram])
        for k, gram in enumerate(grams_a)
        if held_a[gram] == 1 and gram in place_b
    ]


def _covered(length: int, starts: list[int]) -> list[bool]:
    """For each of ``length`` words: does it lie in the run of
    :data:`EXACT_WORDS` words starting at one of ``starts``?"""
    covered = [False] * length
    for start in starts:
        covered[start : start + EXACT_WORDS] = [True] * EXACT_WORDS
    return covered


def _grams(words: _Words, size: int) -> list[tuple[str, ...]]:
    """Every run of ``size`` consecutive words' forms, in order."""
    forms = [word[0] for word in words]
    return [tuple(forms[k : k + size]) for k in range(len(forms) - size + 1)]


def _span_words(text: str, start: int, end: int) -> _Words:
    """The words (casefolded form and offsets) of ``text[start:end]``."""
    return [
        (match.group().casefold(), match.start(), match.end())
        for match in _WORD.finditer(text, start, end)
    ]


def _words(text: str, first: Sentence | None, last: Sentence | None, whole: bool = False) -> _Words:
    """The words (casefolded form and offsets) of the sentences ``first``
    and ``last`` (either may be None), or with ``whole`` of ``text`` from
    ``first``'s start to ``last``'s end."""
    if whole and first is not None and last is not None:
        spans = [(first.start, last.end)]
    else:
        spans = [(s.start, s.end) for s in (first, last) if s is not None]
    return [word for start, end in spans for word in _span_words(text, start, end)]


def _runs(words: _Words) -> set[tuple[str, ...]]:
    """Every run of :data:`RUN_WORDS` consecutive words."""
    return set(_grams(words, RUN_WORDS))
