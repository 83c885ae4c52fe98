"""The alignment result model: :class:`AlignOptions`, :class:`Link`,
:class:`Passage` and :class:`Alignment`, and :func:`diff` for one link.

The engine that builds alignments is :mod:`newsdiff.aligner`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Literal, NamedTuple

import attrs

from newsdiff._options import check_option_type, integer_at_least, unit_interval
from newsdiff.document import Document, Sentence
from newsdiff.errors import ArgumentTypeError, InputError
from newsdiff.rewrite import Evidence, KindOptions, Profile, RewriteKind, char_diff
from newsdiff.text.furniture import Role

__all__ = [
    "PASSAGE_GAP",
    "PASSAGE_MIN_CHARS",
    "PASSAGE_RESCUE_SCORE",
    "PASSAGE_SUMMARY_GAP",
    "PASSAGE_SUMMARY_RATIO",
    "PASSAGE_SUMMARY_SCORE",
    "PASSAGE_TRIM",
    "PASSAGE_TRIM_SHARE",
    "AlignOptions",
    "Alignment",
    "DiffOp",
    "Link",
    "Passage",
    "diff",
]

Side = Literal["a", "b"]
HEAD_ROLES = frozenset({Role.HEADLINE, Role.SUBHEAD})


# passages() defaults, chosen on PAN 2013 train (see Alignment.passages).
PASSAGE_GAP = 6
PASSAGE_MIN_CHARS = 150
PASSAGE_TRIM = False
PASSAGE_TRIM_SHARE = 0.7
PASSAGE_SUMMARY_GAP = 40
PASSAGE_SUMMARY_RATIO = 1.5
PASSAGE_SUMMARY_SCORE = 0.15
PASSAGE_RESCUE_SCORE = 0.35


class Passage(NamedTuple):
    """A reused passage: character spans ``[a_start, a_end)`` of side A and
    ``[b_start, b_end)`` of side B.  A tuple, so it unpacks as four ints."""

    a_start: int
    a_end: int
    b_start: int
    b_end: int


class DiffOp(NamedTuple):
    """One operation of an edit script: ``op`` -1 delete, 0 keep, 1 insert,
    and its ``text``.  A tuple, so it unpacks as ``(op, text)``."""

    op: int
    text: str


@attrs.frozen(kw_only=True)
class AlignOptions:
    """Settings of :func:`align`.  The defaults need no tuning for news.

    ``min_score``: least score for a link (weighted token overlap, by token
    kind and rarity in the two documents: :mod:`newsdiff.similarity`).
    ``headlines_with_body``: let headlines/subheads align with body sentences.
    ``group_gain``: least score gain for growing a link into a split/merge.
    ``max_group``: most sentences a side of one link (a summary sentence
    that condenses three, a sentence split into four).
    ``group_containment``: least share of an added sentence's weight that
    the other side must contain.
    ``max_token_share``: tokens held by more than this share of the distinct
    sentences of both sides (and by more than 64) are not used to find
    candidates; they still count in scores (a sentence with no other
    informative token is found through pairs of them).  Only long
    documents reach it.
    ``anchored_min_score`` and ``anchored_min_skeleton``: a pair of unlinked
    sentences next to a link (the sentences before both, or after both, of
    a linked pair) links with this lower score when their skeletons (function
    words, names, numbers) overlap at least ``anchored_min_skeleton``: heavy
    spin leaves little else, and its neighbours vouch for it.
    ``kinds``: the thresholds that decide each link's rewrite kind
    (:class:`newsdiff.rewrite.KindOptions`).
    """

    min_score: float = attrs.field(default=0.36, validator=unit_interval)
    headlines_with_body: bool = False
    group_gain: float = attrs.field(default=0.04, validator=unit_interval)
    max_group: int = attrs.field(default=4, validator=integer_at_least(1))
    group_containment: float = attrs.field(default=0.55, validator=unit_interval)
    max_token_share: float = attrs.field(default=0.01, validator=unit_interval)
    anchored_min_score: float = attrs.field(default=0.15, validator=unit_interval)
    anchored_min_skeleton: float = attrs.field(default=0.7, validator=unit_interval)
    kinds: KindOptions = attrs.field(
        factory=KindOptions, validator=attrs.validators.instance_of(KindOptions)
    )

    def evolve(self, **changes: Any) -> AlignOptions:
        """A copy with some settings changed."""
        return attrs.evolve(self, **changes)


@attrs.frozen
class Link:
    """An aligned group: sentence indices on side A and side B (1:1, or up
    to ``AlignOptions.max_group`` a side for splits and merges), a score in
    [0, 1], a rewrite kind, and the evidence for that kind."""

    a: tuple[int, ...]
    b: tuple[int, ...]
    score: float
    kind: RewriteKind
    evidence: Evidence

    def to_dict(self) -> dict[str, Any]:
        return {
            "a": list(self.a),
            "b": list(self.b),
            "score": round(self.score, 4),
            "kind": self.kind.value,
            "evidence": self.evidence.to_dict(),
        }

    def mirrored(self) -> Link:
        """The same link seen from the other side."""
        return attrs.evolve(self, a=self.b, b=self.a, evidence=self.evidence.mirrored())


@attrs.frozen(repr=False)
class Alignment:
    """All links between two documents, and the unmatched alignable
    sentences of each side (body, and headlines/subheads)."""

    a: Document
    b: Document
    links: tuple[Link, ...]
    unmatched_a: tuple[int, ...]
    unmatched_b: tuple[int, ...]
    options: AlignOptions = attrs.field(factory=AlignOptions, repr=False)

    def __repr__(self) -> str:
        # Ids and counts: the default repr would print both whole documents.
        return (
            f"<Alignment {self.a.id!r} <-> {self.b.id!r}: {len(self.links)} links, "
            f"unmatched {len(self.unmatched_a)} + {len(self.unmatched_b)}>"
        )

    def _document(self, side: Side) -> Document:
        if side == "a":
            return self.a
        if side == "b":
            return self.b
        raise InputError(f"side must be 'a' or 'b', got {side!r}")

    def text_a(self, link: Link) -> str:
        """The side-A text of a link (its sentences joined by a space)."""
        return " ".join(self.a.sentences[i].text for i in link.a)

    def text_b(self, link: Link) -> str:
        """The side-B text of a link (its sentences joined by a space)."""
        return " ".join(self.b.sentences[i].text for i in link.b)

    def coverage(self, side: Side) -> float:
        """Share of ``side``'s body text (in characters) that is linked to the
        other side; 0.0 for a document without body text."""
        doc = self._document(side)
        linked = dict.fromkeys((i for link in self.links for i in self._members(link, side)), "in")
        return doc.body_shares(linked, ("in",), "out")["in"]

    def profile(self, side: Side = "b") -> Profile:
        """Rewrite profile of ``side``: the share of its body text (by
        characters) in each rewrite kind, plus ``new`` for body text with
        no counterpart.  Shares sum to 1 (or all are 0 without body text)."""
        doc = self._document(side)
        kind_of = {i: link.kind.value for link in self.links for i in self._members(link, side)}
        return Profile.of(doc.body_shares(kind_of, [kind.value for kind in RewriteKind], "new"))

    @staticmethod
    def _members(link: Link, side: Side) -> tuple[int, ...]:
        return link.a if side == "a" else link.b

    def passages(
        self,
        gap: int = PASSAGE_GAP,
        min_chars: int = PASSAGE_MIN_CHARS,
        trim: bool = PASSAGE_TRIM,
        *,
        trim_share: float = PASSAGE_TRIM_SHARE,
        summary_gap: int = PASSAGE_SUMMARY_GAP,
        summary_ratio: float = PASSAGE_SUMMARY_RATIO,
        summary_score: float = PASSAGE_SUMMARY_SCORE,
        rescue_score: float = PASSAGE_RESCUE_SCORE,
    ) -> list[Passage]:
        """Reused passages as character spans (:class:`Passage`: ``a_start,
        a_end, b_start, b_end``), sorted: what a text-reuse detector
        reports.  The defaults are the settings that do best on the PAN 2013
        text-alignment training corpus (``docs/alignment.md``), so a bare
        ``passages()`` needs no tuning.

        Links are the seeds (:mod:`newsdiff.reuse`), and so are pairs of
        unlinked sentences that share a word rare in the two documents and
        score at least ``rescue_score`` by the rarity-weighted Dice of their
        word sets (obfuscated sentences the aligner's threshold rejects), or
        of which the smaller is 80% contained in the other whatever
        ``rescue_score`` (a list run into one sentence on one side); above
        1, no pair is rescued, contained or not.  Seeds at most ``gap``
        alignable sentences apart on both sides, in either order,
        are one passage (a reworded or reordered sentence inside a reused
        passage does not break it; boilerplate between two linked sentences
        is not counted).  A passage ``summary_ratio`` times longer on one side
        than on the other, in characters and in sentences, is a summary: its
        long side joins passages and reaches sentences scoring at least
        ``summary_score`` against the summary, up to ``summary_gap``
        sentences away.  Each end reaches into the next sentence when
        the reuse goes on there (a run of shared words: reuse that starts or
        stops mid-sentence).  A near copy, a passage with at least
        ``trim_share`` of its words in runs shared with the other side (or
        any passage, with ``trim``), is instead cut to the shared words at
        each end: a copy that starts or stops mid-sentence does not carry
        the rest of the sentence (``trim_share`` above 1 turns this off).
        Any end whose boundary sentence is unlinked or linked below 0.8
        and opens with an unbroken run of 12 shared words that stops inside
        that sentence stops with the run.  A copy, a passage whose runs of
        12 or more words shared exactly cover 90% of the stretch from the
        first run to the last, that stretch 30% of one side, reaches as far
        as those words go on the same on both sides, and an end is cut where
        they stop when the words beyond have little in common, unless the
        cut would leave a side under ``min_chars`` (``trim_share`` above 1
        turns these cuts off too).  A passage needs a link scoring 0.5 or
        three seeds (a weakly similar sentence or two is chance between
        documents on one topic), and ``min_chars`` characters on both sides
        (a shared heading or citation is not a reused passage); after a
        copy's cut it may hold a shared run of 12 words rather than a link.
        ``passages(0, 0, summary_gap=0, rescue_score=2)`` gives every group
        of adjacent links with that evidence.
        """
        for name, value, declared in (
            ("gap", gap, "int"),
            ("min_chars", min_chars, "int"),
            ("summary_gap", summary_gap, "int"),
            ("trim", trim, "bool"),
            ("trim_share", trim_share, "float"),
            ("summary_ratio", summary_ratio, "float"),
            ("summary_score", summary_score, "float"),
            ("rescue_score", rescue_score, "float"),
        ):
            check_option_type(name, value, declared, "passages")
        for name, count in (("gap", gap), ("min_chars", min_chars), ("summary_gap", summary_gap)):
            if count < 0:
                raise InputError(f"{name} must be >= 0, got {count}")
        # "not x >= bound" also refuses NaN, which compares false to everything.
        if not summary_ratio >= 1:
            raise InputError(f"summary_ratio must be >= 1, got {summary_ratio}")
        if not trim_share >= 0:
            raise InputError(f"trim_share must be >= 0 (above 1: never trim), got {trim_share}")
        if not 0 <= summary_score <= 1:
            raise InputError(f"summary_score must be in [0, 1], got {summary_score}")
        if not rescue_score >= 0:
            raise InputError(f"rescue_score must be >= 0 (above 1: none), got {rescue_score}")
        # Imported here: newsdiff.reuse builds on this module.
        from newsdiff.reuse import passages

        return passages(
            self,
            gap,
            min_chars,
            trim,
            trim_share,
            summary_gap,
            summary_ratio,
            summary_score,
            rescue_score,
        )

    def runs(self, links: Iterable[Link], gap: int = 0) -> list[list[Link]]:
        """``links`` (some of this alignment's) grouped into runs of
        consecutive links, in order on both sides: the next link starts at
        most ``gap`` unlinked alignable sentences after the last one, on
        both sides.  (:meth:`passages` joins links in either order.)"""
        rank_a = _ranks(self.a)
        rank_b = _ranks(self.b)
        runs: list[list[Link]] = []
        for link in sorted(links, key=lambda link: (link.a[0], link.b[0])):
            if runs:
                last = runs[-1][-1]
                step_a = rank_a[link.a[0]] - rank_a[last.a[-1]]
                step_b = rank_b[link.b[0]] - rank_b[last.b[-1]]
                if 1 <= step_a <= gap + 1 and 1 <= step_b <= gap + 1:
                    runs[-1].append(link)
                    continue
            runs.append([link])
        return runs

    def mirrored(self) -> Alignment:
        """The alignment of ``b`` with ``a``."""
        links = sorted((link.mirrored() for link in self.links), key=lambda link: (link.a, link.b))
        return Alignment(
            self.b, self.a, tuple(links), self.unmatched_b, self.unmatched_a, self.options
        )

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON: document ids, links, unmatched, coverage."""
        return {
            "a": self.a.id,
            "b": self.b.id,
            "links": [link.to_dict() for link in self.links],
            "unmatched_a": list(self.unmatched_a),
            "unmatched_b": list(self.unmatched_b),
            "coverage": {"a": round(self.coverage("a"), 4), "b": round(self.coverage("b"), 4)},
        }

    def _check(self) -> None:
        """Assert the structural invariants (used by the tests)."""
        seen_a: set[int] = set()
        seen_b: set[int] = set()
        for link in self.links:
            assert link.a and link.b and 0.0 <= link.score <= 1.0
            assert list(link.a) == sorted(link.a) and list(link.b) == sorted(link.b)
            for index, doc, seen in ((link.a, self.a, seen_a), (link.b, self.b, seen_b)):
                for i in index:
                    assert 0 <= i < len(doc.sentences) and i not in seen
                    assert alignable(doc.sentences[i])
                    seen.add(i)
        assert list(self.links) == sorted(self.links, key=lambda link: (link.a, link.b))
        assert seen_a.isdisjoint(self.unmatched_a) and seen_b.isdisjoint(self.unmatched_b)
        alignable_a = {s.index for s in self.a.sentences if alignable(s)}
        alignable_b = {s.index for s in self.b.sentences if alignable(s)}
        assert seen_a | set(self.unmatched_a) == alignable_a
        assert seen_b | set(self.unmatched_b) == alignable_b


def alignable(sentence: Sentence) -> bool:
    return sentence.role is Role.BODY or sentence.role in HEAD_ROLES


def _ranks(doc: Document) -> dict[int, int]:
    """Position of each alignable sentence among the alignable ones."""
    return {s.index: rank for rank, s in enumerate(s for s in doc.sentences if alignable(s))}


def diff(alignment: Alignment, link: Link) -> list[DiffOp]:
    """Character-level edit script turning the link's side-A text into its
    side-B text: :class:`DiffOp` ``(op, text)`` pairs, op -1 delete, 0 keep,
    1 insert (diff-match-patch over whole words and marks, no time limit;
    see :func:`newsdiff.rewrite.char_diff`)."""
    if not isinstance(alignment, Alignment):
        raise ArgumentTypeError(f"alignment must be Alignment, not {type(alignment).__name__}")
    if link not in alignment.links:
        raise InputError("link is not one of this alignment's links")
    script = char_diff(alignment.text_a(link), alignment.text_b(link))
    return [DiffOp(op, text) for op, text in script]
