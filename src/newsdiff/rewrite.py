"""How an aligned pair was rewritten: kinds, evidence, character diffs.

The kind of a link is decided from evidence the link carries, in this order:

- ``copy``: the same token sequence after normalization (typography, case);
- ``spin``: the skeleton survived (function words, names and numbers overlap
  at least ``SPIN_MIN_SKELETON``) while content words were swapped (content
  overlap at most ``SPIN_MAX_CONTENT``), with at least
  ``SPIN_MIN_SUBSTITUTIONS`` words replaced in place: the signature of a
  synonym spinner;
- ``edit``: most words shared in the same order (token LCS ratio at least
  ``EDIT_MIN_LCS``): one swapped word is an edit, not spin;
- ``spin`` also when the skeleton survived but the words no longer line
  up in order: a spinner's flipped clauses ("X, according to Y" -> "According
  to Y, X");
- ``paraphrase``: anything else that still aligned.

Character-level diffs come from diff-match-patch with ``Diff_Timeout = 0``
(no time limit, so results never depend on machine load), computed on
demand, never inside :func:`newsdiff.align`.
"""

from __future__ import annotations

import difflib
import re
from enum import StrEnum

import attrs
from diff_match_patch import diff_match_patch

from newsdiff.similarity import Features, bag_dice, lcs_length, position_masks
from newsdiff.text.tokenize import TokenKind

__all__ = [
    "EDIT_MIN_LCS",
    "SPIN_MAX_CONTENT",
    "SPIN_MIN_SKELETON",
    "SPIN_MIN_SUBSTITUTIONS",
    "Evidence",
    "Profile",
    "RewriteKind",
    "char_diff",
    "classify",
    "skeleton_overlap",
    "substitutions",
]

EDIT_MIN_LCS = 0.8
SPIN_MIN_SKELETON = 0.7
SPIN_MAX_CONTENT = 0.85
SPIN_MIN_SUBSTITUTIONS = 2


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


@attrs.frozen
class Evidence:
    """What a link's kind was decided from; every number is in [0, 1].

    ``token_lcs``: 2 * LCS / (len_a + len_b) over normalized tokens, in order.
    ``skeleton``: Dice overlap of the function words, names and numbers.
    ``content``: Dice overlap of the content words.
    ``substitutions``: word pairs swapped in place (``("restraint",
    "patience")``): the slots a spinner filled.
    """

    token_lcs: float
    skeleton: float
    content: float
    substitutions: tuple[tuple[str, str], ...]

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
        }


def _split_bag(feature: Features) -> tuple[dict[str, int], int, dict[str, int], int]:
    skeleton: dict[str, int] = {}
    content: dict[str, int] = {}
    skeleton_total = content_total = 0
    for norm, kind in zip(feature.norms, feature.kinds, strict=True):
        if kind is TokenKind.CONTENT:
            content[norm] = content.get(norm, 0) + 1
            content_total += 1
        else:
            skeleton[norm] = skeleton.get(norm, 0) + 1
            skeleton_total += 1
    return skeleton, skeleton_total, content, content_total


def skeleton_overlap(left: Features, right: Features) -> float:
    """Dice overlap of two sentences' skeletons: function words, names and
    numbers, the tokens a synonym spinner leaves in place."""
    left_skeleton, left_total, _, _ = _split_bag(left)
    right_skeleton, right_total, _, _ = _split_bag(right)
    return _overlap(left_skeleton, left_total, right_skeleton, right_total)


def _overlap(
    left: dict[str, int], left_total: int, right: dict[str, int], right_total: int
) -> float:
    if not left_total and not right_total:
        return 1.0  # nothing of this class on either side: no disagreement
    return bag_dice(left, left_total, right, right_total)


def substitutions(left: tuple[str, ...], right: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """Content-word pairs replaced one for one at the same place."""
    matcher = difflib.SequenceMatcher(None, left, right, autojunk=False)
    pairs: list[tuple[str, str]] = []
    for operation, i1, i2, j1, j2 in matcher.get_opcodes():
        if operation == "replace" and i2 - i1 == j2 - j1:
            pairs.extend(zip(left[i1:i2], right[j1:j2], strict=True))
    return tuple(pairs)


def classify(left: Features, right: Features) -> tuple[RewriteKind, Evidence]:
    """Decide the rewrite kind of an aligned pair (see the module docstring).

    O(n * m / 64) for the token LCS plus difflib on the two token lists;
    only called on final links.  Symmetric: swapping the sides mirrors the
    evidence and keeps the kind.
    """
    if left.key > right.key:  # difflib is not symmetric: fix one orientation
        kind, evidence = classify(right, left)
        return kind, evidence.mirrored()
    if left.key == right.key:
        return RewriteKind.COPY, Evidence(1.0, 1.0, 1.0, ())
    length = len(left.norms) + len(right.norms)
    common = lcs_length(position_masks(left.norms), len(left.norms), right.norms)
    token_lcs = 2 * common / length if length else 0.0
    left_skeleton, left_skeleton_total, left_content, left_content_total = _split_bag(left)
    right_skeleton, right_skeleton_total, right_content, right_content_total = _split_bag(right)
    skeleton = _overlap(left_skeleton, left_skeleton_total, right_skeleton, right_skeleton_total)
    content = _overlap(left_content, left_content_total, right_content, right_content_total)
    swapped = tuple(
        (old, new)
        for old, new in substitutions(left.norms, right.norms)
        if old in left_content and new in right_content
    )
    evidence = Evidence(token_lcs, skeleton, content, swapped)
    skeleton_kept = skeleton >= SPIN_MIN_SKELETON
    if skeleton_kept and content <= SPIN_MAX_CONTENT and len(swapped) >= SPIN_MIN_SUBSTITUTIONS:
        return RewriteKind.SPIN, evidence  # systematic swaps, even with words in place
    if token_lcs >= EDIT_MIN_LCS:
        return RewriteKind.EDIT, evidence
    if skeleton_kept:
        return RewriteKind.SPIN, evidence  # same skeleton, words swapped or clauses flipped
    return RewriteKind.PARAPHRASE, evidence


_DMP = diff_match_patch()
_DMP.Diff_Timeout = 0  # no deadline: the same diff on every machine, under any load
# Words, runs of whitespace, and single other characters: the units a reader
# sees change.  Diffing these (encoded one character each, as diff-match-patch
# does for lines) keeps "partie[s]" from showing as a half-word edit.
_DIFF_UNIT = re.compile(r"\w+|\s+|.", re.DOTALL)


def _encode(text: str, codes: dict[str, str], units: list[str]) -> str:
    """Map each unit of ``text`` to one code character (private-use area
    first, then the supplementary planes), shared by both sides."""
    encoded = []
    for unit in _DIFF_UNIT.findall(text):
        code = codes.get(unit)
        if code is None:
            number = len(units)
            code = codes[unit] = chr(0xE000 + number if number < 0x1900 else 0x10000 + number)
            units.append(unit)
        encoded.append(code)
    return "".join(encoded)


def char_diff(left: str, right: str, words: bool = True) -> list[tuple[int, str]]:
    """Edit script turning ``left`` into ``right``: ``(op, text)`` pairs with
    op -1 delete, 0 keep, 1 insert.  ``left`` is rebuilt from the ops != 1
    and ``right`` from the ops != -1.  With ``words`` (the default) whole
    words change; otherwise single characters, with semantic cleanup.

    >>> char_diff("calm and restraint", "calm and patience")
    [(0, 'calm and '), (-1, 'restraint'), (1, 'patience')]
    """
    if not words:
        diffs = _DMP.diff_main(left, right)
        _DMP.diff_cleanupSemantic(diffs)
        return [(op, text) for op, text in diffs]
    codes: dict[str, str] = {}
    units: list[str] = []
    encoded_left, encoded_right = _encode(left, codes, units), _encode(right, codes, units)
    decode = {code: unit for unit, code in codes.items()}
    script: list[tuple[int, str]] = []
    for op, text in _DMP.diff_main(encoded_left, encoded_right, False):
        decoded = "".join(decode[code] for code in text)
        if script and script[-1][0] == op:
            script[-1] = (op, script[-1][1] + decoded)
        else:
            script.append((op, decoded))
    return script
