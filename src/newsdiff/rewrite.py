"""How an aligned pair was rewritten: kinds, evidence, character diffs.

The kinds, as a person reads them (``docs/rewrite-kinds.md`` has the
definitions with real examples):

- ``copy``: the same words, up to typography and case;
- ``edit``: an editor's change: words added, removed or moved, a few
  replaced, the wording mostly kept;
- ``spin``: the skeleton (function words, names, numbers) kept while content
  words are swapped, in place or around flipped clauses: what article
  spinners and PAN's random obfuscation do;
- ``paraphrase``: the same statement, re-expressed in a different structure.

:func:`classify` decides from evidence the link carries, with the
thresholds of :class:`KindOptions`, in this order (``Evidence.rule`` names
the rule that decided):

- ``same-words``: the same token sequence after normalization, apostrophes
  aside -> ``copy``;
- ``wording-kept``: at least ``edit_min_kept`` of the shorter side's tokens
  survive in order (``Evidence.kept``), or at most ``edit_max_changed`` of
  them do not (a word or two changed in a short sentence), the shared words
  keep their order (``Evidence.order`` at least ``edit_min_order``) and the
  content words were not swapped (below) -> ``edit``;
- ``words-moved``: the shared words are out of order, but every content
  word of the side with fewer of them is still there (``Evidence.content``
  1), at least ``edit_min_kept`` of the shorter side's tokens are shared,
  order aside, and at least ``edit_min_chunked`` of them moved in phrases:
  inside runs of ``edit_min_run`` tokens the other side also has, or a
  shorter phrase opening one side and closing the other ("X, police said"
  -> "Police said X") -> ``edit``;
- ``words-swapped``: more than ``edit_max_changed`` tokens changed, the
  skeleton survived (``Evidence.skeleton`` at least ``spin_min_skeleton``)
  while the content words did not (the skeleton overlaps at least
  ``spin_min_gap`` more than the content words are kept, or at least
  ``spin_min_substitutions`` content words were replaced in place)
  -> ``spin``; this overrides the two edit rules;
- ``clauses-flipped``: the skeleton survived and the shared words are out
  of order, but not as words-moved: a content word was replaced on the way
  ("X, according to Y" -> "According to Y, X'"), or the words were
  shuffled one by one rather than moved in phrases -> ``spin``;
- ``skeleton-kept``: the skeleton survived, in order, while the wording did
  not, and content words went: replaced in place, or kept less than the
  skeleton (too few for the gap above) -> ``spin``;
- ``reworded``: anything else that still aligned -> ``paraphrase``.

Character-level diffs come from diff-match-patch with ``Diff_Timeout = 0``
(no time limit, so results never depend on machine load), computed on
demand, never inside :func:`newsdiff.align`.
"""

from __future__ import annotations

import difflib
import re
from enum import StrEnum
from typing import Any

import attrs
from diff_match_patch import diff_match_patch

from newsdiff._options import integer_at_least, unit_interval
from newsdiff._strings import common_prefix_length
from newsdiff.similarity import Features, bag_dice, lcs_length, position_masks
from newsdiff.text.tokenize import TokenKind

__all__ = [
    "Evidence",
    "KindOptions",
    "Profile",
    "RewriteKind",
    "char_diff",
    "classify",
    "common_ends",
    "content_kept",
    "skeleton_overlap",
    "substitutions",
]


class RewriteKind(StrEnum):
    """How one side of a link was rewritten into the other.

    Members are listed closest first: ``copy`` < ``edit`` < ``spin`` <
    ``paraphrase``.  ``closeness`` is that rank, and kinds compare by it, so
    ``min(kinds)`` is the closest kind and sorting needs no table of its own.
    """

    COPY = "copy"
    EDIT = "edit"
    SPIN = "spin"
    PARAPHRASE = "paraphrase"

    @property
    def closeness(self) -> int:
        """0 for ``copy`` (closest) up to 3 for ``paraphrase``."""
        return _CLOSENESS[self]

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, RewriteKind):
            return NotImplemented
        return _CLOSENESS[self] < _CLOSENESS[other]

    def __le__(self, other: object) -> bool:
        if not isinstance(other, RewriteKind):
            return NotImplemented
        return _CLOSENESS[self] <= _CLOSENESS[other]

    def __gt__(self, other: object) -> bool:
        if not isinstance(other, RewriteKind):
            return NotImplemented
        return _CLOSENESS[self] > _CLOSENESS[other]

    def __ge__(self, other: object) -> bool:
        if not isinstance(other, RewriteKind):
            return NotImplemented
        return _CLOSENESS[self] >= _CLOSENESS[other]


_CLOSENESS = {kind: rank for rank, kind in enumerate(RewriteKind)}


@attrs.frozen
class Profile:
    """How a document's body text (by characters) reads against others: the
    share under each rewrite kind, and ``new``, the share with no
    counterpart (an outlet's own text).  Shares sum to 1, or are all 0 for a
    document without body text.  ``profile[RewriteKind.EDIT]`` and
    ``profile["new"]`` both work."""

    copy: float
    edit: float
    spin: float
    paraphrase: float
    new: float

    @classmethod
    def of(cls, shares: dict[str, float]) -> Profile:
        """From ``Document.body_shares`` output keyed by kind values and ``"new"``."""
        return cls(
            copy=shares.get("copy", 0.0),
            edit=shares.get("edit", 0.0),
            spin=shares.get("spin", 0.0),
            paraphrase=shares.get("paraphrase", 0.0),
            new=shares["new"],
        )

    def __getitem__(self, key: str) -> float:
        if key != "new":
            key = RewriteKind(key).value  # a clear ValueError for an unknown kind
        return float(getattr(self, key))

    @property
    def shares(self) -> dict[RewriteKind, float]:
        return {kind: self[kind] for kind in RewriteKind}

    @property
    def dominant(self) -> RewriteKind | None:
        """The kind covering most text (the closer kind on a tie); None when
        nothing is shared."""
        best = max(RewriteKind, key=lambda kind: (self[kind], -kind.closeness))
        return best if self[best] > 0 else None

    def to_dict(self) -> dict[str, float]:
        """``{"copy": ..., "edit": ..., "spin": ..., "paraphrase": ..., "new": ...}``."""
        return attrs.asdict(self)


@attrs.frozen(kw_only=True)
class KindOptions:
    """Thresholds of :func:`classify` (the rules in the module docstring).

    The defaults were chosen on ``tests/golden/rewrite_kinds.jsonl`` (173
    real pairs labelled by a person before any tuning); the figures are in
    ``docs/rewrite-kinds.md``.  Set them through
    ``AlignOptions(kinds=KindOptions(...))``.  ``edit_min_run`` and
    ``edit_min_chunked`` say how words must move to be an editor's move: at
    least that share of the shorter side inside shared runs of at least
    that many tokens.
    """

    edit_min_kept: float = attrs.field(default=0.7, validator=unit_interval)
    edit_min_order: float = attrs.field(default=0.85, validator=unit_interval)
    spin_min_skeleton: float = attrs.field(default=0.7, validator=unit_interval)
    spin_min_gap: float = attrs.field(default=0.2, validator=unit_interval)
    spin_min_substitutions: int = attrs.field(default=3, validator=integer_at_least(1))
    edit_max_changed: int = attrs.field(default=2, validator=integer_at_least(0))
    edit_min_run: int = attrs.field(default=3, validator=integer_at_least(1))
    edit_min_chunked: float = attrs.field(default=0.6, validator=unit_interval)

    def evolve(self, **changes: Any) -> KindOptions:
        """A copy with some thresholds changed."""
        return attrs.evolve(self, **changes)


@attrs.frozen
class Evidence:
    """What a link's kind was decided from; every number is in [0, 1].

    ``token_lcs``: 2 * LCS / (len_a + len_b) over normalized tokens, in order.
    ``skeleton``: Dice overlap of the function words, names and numbers.
    ``content``: share of the content words of the side with fewer of them
    that the other side also has, as a content word or as a name (folded,
    so "attack" and "attacked" count as kept; see :func:`content_kept`):
    words an editor deleted are not words a spinner swapped.
    ``substitutions``: content words replaced at the same place, paired in
    order (``("restraint", "patience")``): the slots a spinner filled.
    ``kept``: LCS / the shorter side's token count: how much of the shorter
    wording survives in order.
    ``order``: LCS / the tokens both sides share: 1.0 when the shared words
    keep their order, lower when clauses moved.
    ``rule``: the rule of :func:`classify` that decided the kind.
    """

    token_lcs: float
    skeleton: float
    content: float
    substitutions: tuple[tuple[str, str], ...]
    kept: float = 1.0
    order: float = 1.0
    rule: str = "same-words"

    def mirrored(self) -> Evidence:
        """The same evidence read from the other side."""
        return attrs.evolve(
            self, substitutions=tuple((new, old) for old, new in self.substitutions)
        )

    def to_dict(self) -> dict[str, object]:
        return {
            "token_lcs": round(self.token_lcs, 4),
            "skeleton": round(self.skeleton, 4),
            "content": round(self.content, 4),
            "substitutions": [list(pair) for pair in self.substitutions],
            "kept": round(self.kept, 4),
            "order": round(self.order, 4),
            "rule": self.rule,
        }


def skeleton_overlap(left: Features, right: Features) -> float:
    """Dice overlap of two sentences' skeletons: function words, names and
    numbers, the tokens a synonym spinner leaves in place."""
    # The skeleton bags come with the features (computed once per text).
    return _overlap(
        left.skeleton,
        len(left.norms) - left.content_count,
        right.skeleton,
        len(right.norms) - right.content_count,
    )


def _overlap(
    left: dict[str, int], left_total: int, right: dict[str, int], right_total: int
) -> float:
    if not left_total and not right_total:
        return 1.0  # nothing of this class on either side: no disagreement
    return bag_dice(left, left_total, right, right_total)


def content_kept(left: Features, right: Features) -> float:
    """Share of the content words (folded) of the side with fewer of them
    that the other side also has, as a content word or as a name (a name
    that opens a sentence reads as a content word there), each word at most
    as often as the other side has it; 1.0 when either side has none.  When
    both sides have as many, the larger share of the two readings, so that
    the result is symmetric without a tie-break on the text.

    A containment rather than an overlap: an editor who cuts a clause
    deletes content words, which a Dice overlap counts as lost just as it
    counts words a spinner swapped; the words of the shorter side are lost
    only to a swap.

    >>> from newsdiff.similarity import features
    >>> cut = features("The store opened in 2003.")
    >>> content_kept(cut, features("The store opened in 2003, at a time of piracy."))
    1.0
    >>> content_kept(features("calm and restraint"), features("calm and patience"))
    0.5
    """
    found, fewer = _content_shared(left, right)
    return found / fewer if fewer else 1.0


def _content_shared(left: Features, right: Features) -> tuple[int, int]:
    """``(found, fewer)``: :func:`content_kept` as a count of content-word
    tokens found over the count of the side with fewer of them."""
    fewer = min(left.content_count, right.content_count)
    if not fewer:
        return 0, 0
    if left.content_count < right.content_count:
        return _content_found(left, right), fewer
    if left.content_count > right.content_count:
        return _content_found(right, left), fewer
    # As many on both sides: neither reading is the natural one, and
    # choosing one by the text would let an unrelated word decide.
    return max(_content_found(left, right), _content_found(right, left)), fewer


def _content_found(small: Features, large: Features) -> int:
    """How many content-word tokens of ``small`` ``large`` holds, each word
    at most as often as ``large`` has it as a content word or a name."""
    others = large.content
    names: dict[str, int] | None = None
    found = 0
    for word, count in small.content.items():
        other = others.get(word, 0)
        if other < count and word in large.informative:
            # A name that opens a sentence reads as a content word (its
            # capital is grammar there): moved, not swapped.
            if names is None:
                names = _name_counts(large)
            other += names.get(word, 0)
        found += count if count < other else other
    return found


def _name_counts(feature: Features) -> dict[str, int]:
    """Fold -> count of the tokens typed as names."""
    name = TokenKind.NAME
    counts: dict[str, int] = {}
    for form, kind in zip(feature.folds, feature.kinds, strict=True):
        if kind is name:
            counts[form] = counts.get(form, 0) + 1
    return counts


def _moved_whole(left: tuple[str, ...], right: tuple[str, ...], run: int, needed: float) -> bool:
    """Whether at least ``needed`` tokens of each side lie inside a run of at
    least ``run`` consecutive tokens which the other side also holds, in
    that order, anywhere (or in a shorter phrase at the ends, see
    :func:`_in_runs`).  Linear.

    An editor moves a clause whole, so the moved words keep their
    neighbours; words shuffled one by one (PAN's random obfuscation) lose
    them.
    """
    return _in_runs(left, right, run) >= needed and _in_runs(right, left, run) >= needed


def _in_runs(tokens: tuple[str, ...], other: tuple[str, ...], run: int) -> int:
    """Tokens of ``tokens`` inside some run of ``run`` of them that ``other``
    also holds, or inside a shorter phrase that opens one side and closes
    the other (a short clause put first: "Police said, X" / "X, police
    said")."""
    covered = bytearray(len(tokens))
    if len(tokens) >= run and len(other) >= run:
        grams = {other[i : i + run] for i in range(len(other) - run + 1)}
        ones = b"\x01" * run
        for i in range(len(tokens) - run + 1):
            if tokens[i : i + run] in grams:
                covered[i : i + run] = ones
    # Phrases of 2 up to run - 1 tokens: a constant number of comparisons.
    for size in range(min(run - 1, len(tokens), len(other)), 1, -1):
        if tokens[:size] == other[-size:]:
            covered[:size] = b"\x01" * size
            break
    for size in range(min(run - 1, len(tokens), len(other)), 1, -1):
        if tokens[-size:] == other[:size]:
            covered[-size:] = b"\x01" * size
            break
    return sum(covered)


def common_ends(a: tuple[str, ...], b: tuple[str, ...]) -> tuple[int, int]:
    """Lengths of the common prefix and of the common suffix of two token
    sequences (never overlapping the prefix)."""
    start = 0
    limit = min(len(a), len(b))
    while start < limit and a[start] == b[start]:
        start += 1
    end = 0
    while end < limit - start and a[len(a) - 1 - end] == b[len(b) - 1 - end]:
        end += 1
    return start, end


def substitutions(left: Features, right: Features) -> tuple[tuple[str, str], ...]:
    """Content words replaced one for one at the same place: replaced
    stretches of the token diff of equal length on both sides, where both
    words are content words (a longer stretch pairs words that need not
    correspond, as when a clause moved).

    >>> from newsdiff.similarity import features
    >>> substitutions(features("calm and restraint"), features("calm and patience"))
    (('restraint', 'patience'),)
    """
    # Trim the common ends first (as diff-match-patch does): an edit touches
    # a few words in the middle, and difflib's cost grows with what it is
    # handed.  A shared end can only be matched, so no replaced pair is lost.
    return _substitutions(left, right, *common_ends(left.norms, right.norms))


def _substitutions(
    left: Features, right: Features, start: int, end: int
) -> tuple[tuple[str, str], ...]:
    """:func:`substitutions`, given the lengths of the common ends."""
    a, b = left.norms, right.norms
    middle_a, middle_b = a[start : len(a) - end], b[start : len(b) - end]
    if not middle_a or not middle_b:
        return ()  # only insertions or only deletions: nothing replaced
    content = TokenKind.CONTENT
    set_a, set_b = set(middle_a), set(middle_b)
    if set_a.isdisjoint(set_b):
        # No token in common: difflib's only opcode would be one replace of
        # the whole middles, which pairs words only when they are equally
        # long.  Spun sentences often end here; difflib costs more to say so.
        if len(middle_a) != len(middle_b):
            return ()
        return tuple(
            (a[i], b[i])
            for i in range(start, start + len(middle_a))
            if left.kinds[i] is content and right.kinds[i] is content
        )
    if len(middle_a) == len(middle_b) and all(
        x == y or (x not in set_b and y not in set_a)
        for x, y in zip(middle_a, middle_b, strict=True)
    ):
        # Words swapped in place (what a spinner does): every token either
        # matches the one at its own position or occurs nowhere on the other
        # side.  Then every block difflib can match lies on the diagonal, and
        # the first longest one it finds is a diagonal one (an off-diagonal
        # copy of a block has a diagonal twin that ends earlier), so its
        # replaced stretches are exactly the unequal positions, paired in
        # place.  Checked against difflib on random sequences.
        return tuple(
            (a[i], b[i])
            for i in range(start, start + len(middle_a))
            if a[i] != b[i] and left.kinds[i] is content and right.kinds[i] is content
        )
    matcher = difflib.SequenceMatcher(None, middle_a, middle_b, autojunk=False)
    pairs: list[tuple[str, str]] = []
    for operation, i1, i2, j1, j2 in matcher.get_opcodes():
        if operation == "replace" and i2 - i1 == j2 - j1:
            pairs.extend(
                (a[i], b[j])
                for i, j in zip(
                    range(start + i1, start + i2), range(start + j1, start + j2), strict=True
                )
                if left.kinds[i] is content and right.kinds[j] is content
            )
    return tuple(pairs)


def _in_common(left: tuple[str, ...], right: tuple[str, ...]) -> tuple[int, int, int, int]:
    """``(start, end, lcs, shared)``: the lengths of the common prefix and
    suffix (:func:`common_ends`), of the longest common subsequence, and the
    number of tokens both sequences hold (as multisets).

    The common ends belong to some longest common subsequence and are shared
    tokens, so both counts are the ends plus the counts of the middles,
    which an edit leaves short (checked against the whole sequences in
    ``tests/test_fast_paths.py``).
    """
    start, end = common_ends(left, right)
    middle_left = left[start : len(left) - end]
    middle_right = right[start : len(right) - end]
    ends = start + end
    return (
        start,
        end,
        ends + lcs_length(position_masks(middle_left), len(middle_left), middle_right),
        ends + _shared_tokens(middle_left, middle_right),
    )


def _shared_tokens(left: tuple[str, ...], right: tuple[str, ...]) -> int:
    counts: dict[str, int] = {}
    for token in left:
        counts[token] = counts.get(token, 0) + 1
    shared = 0
    for token in right:
        if counts.get(token, 0) > 0:
            counts[token] -= 1
            shared += 1
    return shared


def classify(
    left: Features, right: Features, options: KindOptions | None = None
) -> tuple[RewriteKind, Evidence]:
    """Decide the rewrite kind of an aligned pair (see the module docstring).

    O(n * m / 64) for the token LCS plus difflib on the two token lists
    (the other checks are linear); only called on final links.  Symmetric:
    swapping the sides mirrors the evidence and keeps the kind.

    >>> from newsdiff.similarity import features
    >>> kind, evidence = classify(
    ...     features("Police said two people were hurt in the blast."),
    ...     features("Two people were hurt in the blast, police said."),
    ... )
    >>> kind.value, evidence.rule
    ('edit', 'words-moved')
    >>> injured = features("Two people were injured in the blast, police said.")
    >>> classify(features("Police said two people were hurt in the blast."), injured)[1].rule
    'clauses-flipped'
    >>> spun = features("Soldiers raided the town and captured the bridge.")
    >>> classify(features("Troops stormed the town and seized the bridge."), spun)[1].rule
    'words-swapped'
    >>> classify(features("calm and restraint"), features("calm and patience"))[1].rule
    'wording-kept'
    """
    if options is None:
        options = _DEFAULT_KINDS
    if left.key == right.key or (
        ("'" in left.key or "'" in right.key)
        and left.key.replace("'", "") == right.key.replace("'", "")
    ):
        return RewriteKind.COPY, _SAME_WORDS
    # difflib is not symmetric: decide in one orientation, and mirror only
    # the substitutions (the one orientation-bound piece of evidence) at the
    # end, rather than build the evidence twice.
    mirror = left.key > right.key
    if mirror:
        left, right = right, left
    norms_left, norms_right = left.norms, right.norms
    length = len(norms_left) + len(norms_right)
    start, end, common, shared = _in_common(norms_left, norms_right)
    token_lcs = 2 * common / length if length else 0.0
    shorter = min(len(norms_left), len(norms_right))
    kept = common / shorter if shorter else 0.0
    order = common / shared if shared else 0.0
    skeleton = skeleton_overlap(left, right)
    found, fewer = _content_shared(left, right)
    content = found / fewer if fewer else 1.0
    swaps = _substitutions(left, right, start, end)
    skeleton_kept = skeleton >= options.spin_min_skeleton
    # A word or two changed is an editor's change, not a spinner's: swapping
    # takes more words than that, however few content words the sentence has.
    few_changed = shorter - common <= options.edit_max_changed
    swapped = (
        skeleton_kept
        and not few_changed
        and (
            skeleton - content >= options.spin_min_gap
            or len(swaps) >= options.spin_min_substitutions
        )
    )
    in_order = order >= options.edit_min_order
    if not shorter:
        # A side without words ("...", "***") shares nothing with the other.
        kind, rule = RewriteKind.PARAPHRASE, "reworded"
    elif not swapped and in_order and (kept >= options.edit_min_kept or few_changed):
        kind, rule = RewriteKind.EDIT, "wording-kept"
    elif (
        not swapped
        and not in_order
        and found == fewer
        and shared >= options.edit_min_kept * shorter
        and _moved_whole(
            norms_left, norms_right, options.edit_min_run, options.edit_min_chunked * shorter
        )
    ):
        # Moved, not replaced: every content word of the side with fewer is
        # still there, and the words travelled in phrases, as an editor
        # moves a clause; words a machine shuffled one by one lose their
        # neighbours (and fall to clauses-flipped below).
        kind, rule = RewriteKind.EDIT, "words-moved"
    elif swapped:
        kind, rule = RewriteKind.SPIN, "words-swapped"
    elif skeleton_kept and not in_order:
        # The frame survived and the shared words moved, but not as an
        # editor moves them (else words-moved): a content word went on the
        # way (clauses flipped around swaps), or they moved one by one (a
        # shuffle).
        kind, rule = RewriteKind.SPIN, "clauses-flipped"
    elif skeleton_kept and (swaps or skeleton > content):
        # The frame survived in order and the wording did not, and content
        # words were what went: replaced in place, or lost more than the
        # frame's words.  Too few for words-swapped, but a spinner's work.
        kind, rule = RewriteKind.SPIN, "skeleton-kept"
    else:
        kind, rule = RewriteKind.PARAPHRASE, "reworded"
    if mirror:
        swaps = tuple((new, old) for old, new in swaps)
    return kind, Evidence(token_lcs, skeleton, content, swaps, kept, order, rule)


_DEFAULT_KINDS = KindOptions()
# Every copy carries the same evidence; frozen, so one instance serves all.
_SAME_WORDS = Evidence(1.0, 1.0, 1.0, ())


_DMP = diff_match_patch()
_DMP.Diff_Timeout = 0  # no deadline: the same diff on every machine, under any load
# Words and single other characters, each with the whitespace before it: the
# units a reader sees change.  Diffing these (encoded one character each, as
# diff-match-patch does for lines) keeps "partie[s]" from showing as a
# half-word edit.  Whitespace is not a unit of its own: every space would
# match every other, and a minimal diff of a restructured sentence would
# then pair word with word across the spaces ("[-After-]{+Iraq's+}
# [-a-]{+Prime+} ...") instead of keeping the words the two share.
_DIFF_UNIT = re.compile(r"\s*\w+|\s*[^\w\s]|\s+", re.DOTALL)


def _encode(units: list[str], codes: dict[str, str]) -> str:
    """Map each unit to one code character (private-use area first, then
    the supplementary planes), shared by both sides.  A unit is coded by its
    text without the whitespace before it, so that a word keeps matching
    when only the spacing before it changed (a line break, a no-break
    space): :func:`char_diff` shows that change on its own."""
    encoded = []
    for unit in units:
        key = unit.lstrip()
        code = codes.get(key)
        if code is None:
            number = len(codes)
            code = codes[key] = chr(0xE000 + number if number < 0x1900 else 0x10000 + number)
        encoded.append(code)
    return "".join(encoded)


def char_diff(left: str, right: str, words: bool = True) -> list[tuple[int, str]]:
    r"""Edit script turning ``left`` into ``right``: ``(op, text)`` pairs with
    op -1 delete, 0 keep, 1 insert.  ``left`` is rebuilt from the ops != 1
    and ``right`` from the ops != -1.  With ``words`` (the default) whole
    words change (and spacing that changed between kept words); otherwise
    single characters, with semantic cleanup.

    >>> char_diff("calm and restraint", "calm and patience")
    [(0, 'calm and '), (-1, 'restraint'), (1, 'patience')]
    >>> char_diff("calm and restraint", "calm\nand restraint")
    [(0, 'calm'), (-1, ' '), (1, '\n'), (0, 'and restraint')]
    """
    if not words:
        diffs = _DMP.diff_main(left, right)
        _DMP.diff_cleanupSemantic(diffs)
        return [(op, text) for op, text in diffs]
    units_left, units_right = _DIFF_UNIT.findall(left), _DIFF_UNIT.findall(right)
    codes: dict[str, str] = {}
    encoded_left, encoded_right = _encode(units_left, codes), _encode(units_right, codes)
    script: list[tuple[int, str]] = []
    at_left = at_right = 0
    for op, text in _DMP.diff_main(encoded_left, encoded_right, False):
        count = len(text)
        if op == -1:
            _append(script, -1, "".join(units_left[at_left : at_left + count]))
        elif op == 1:
            _append(script, 1, "".join(units_right[at_right : at_right + count]))
        else:
            kept = zip(
                units_left[at_left : at_left + count],
                units_right[at_right : at_right + count],
                strict=True,
            )
            for mine, theirs in kept:
                if mine != theirs:  # the same word after other whitespace
                    word = mine.lstrip()
                    _append(script, -1, mine[: len(mine) - len(word)])
                    _append(script, 1, theirs[: len(theirs) - len(word)])
                    mine = word
                _append(script, 0, mine)
        at_left += count if op != 1 else 0
        at_right += count if op != -1 else 0
    return _shared_edges_kept(script)


def _append(script: list[tuple[int, str]], op: int, text: str) -> None:
    """Add ``(op, text)`` to ``script``, joined to its last op when the
    same; empty text adds nothing."""
    if not text:
        return
    if script and script[-1][0] == op:
        script[-1] = (op, script[-1][1] + text)
    else:
        script.append((op, text))


def _shared_edges_kept(script: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """``script`` with what a deletion and the insertion beside it begin or
    end with alike (the space before a replaced word, a word whose spacing
    changed) kept instead: ``calm and [-restraint-]{+patience+}``, not
    ``calm and[- restraint-]{+ patience+}``."""
    result: list[tuple[int, str]] = []
    at = 0
    while at < len(script):
        op, text = script[at]
        if op == 0 or at + 1 == len(script) or script[at + 1][0] != -op:
            _append(result, op, text)
            at += 1
            continue
        deleted, inserted = (text, script[at + 1][1]) if op == -1 else (script[at + 1][1], text)
        head = _word_edge(deleted, inserted, common_prefix_length(deleted, inserted))
        deleted_rest, inserted_rest = deleted[head:][::-1], inserted[head:][::-1]
        tail = _word_edge(
            deleted_rest, inserted_rest, common_prefix_length(deleted_rest, inserted_rest)
        )
        _append(result, 0, deleted[:head])
        _append(result, -1, deleted[head : len(deleted) - tail])
        _append(result, 1, inserted[head : len(inserted) - tail])
        _append(result, 0, deleted[len(deleted) - tail :])
        at += 2
    return _spaces_before_lone_edits(result)


def _spaces_before_lone_edits(script: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """``script`` with each lone insertion or deletion that begins with the
    whitespace the kept text after it begins with rotated by that much:
    ``The [-big winner -]movement``, the same edit, rather than ``The[- big
    winner-] movement`` (units carry the whitespace before them)."""
    result = list(script)
    for at in range(1, len(result) - 1):
        (before_op, before), (op, text), (after_op, after) = result[at - 1 : at + 2]
        if op == 0 or before_op != 0 or after_op != 0:
            continue
        size = 0
        most = min(len(text), len(after))
        while size < most and text[size] == after[size] and text[size].isspace():
            size += 1
        if size:
            result[at - 1 : at + 2] = [
                (0, before + text[:size]),
                (op, text[size:] + after[:size]),
                (0, after[size:]),
            ]
    return [(op, text) for op, text in result if text]


def _word_edge(one: str, other: str, size: int) -> int:
    """``size``, the length of a common prefix of ``one`` and ``other`` (of
    a common suffix when both are reversed), shortened so that it does not
    end inside a word of either: "[-restraint-]{+restrained+}" keeps its
    whole words rather than becoming "restrain[-t-]{+ed+}".  Word
    characters are those of :data:`_DIFF_UNIT`'s ``\\w``."""

    def inside(text: str, at: int) -> bool:
        return at < len(text) and (text[at].isalnum() or text[at] == "_")

    while size and inside(one, size - 1) and (inside(one, size) or inside(other, size)):
        size -= 1
    return size
