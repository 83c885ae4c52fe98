"""Derivation of a pair of documents: was one made from the other?

``derive(a, b)`` aligns the two documents and reads the alignment as the
METER corpus of journalistic text reuse does: ``wholly-derived``,
``partially-derived`` or ``non-derived``, plus ``duplicate`` when each
wholly explains the other.  *Reuse* is text linked as ``copy``, ``edit`` or
``spin``: a ``paraphrase`` link says the same thing in other words, which
independent reports of one event do, so it is evidence of a shared topic,
not of copying.

Direction is argued from clues, each a signed weight (positive: ``a->b``,
``b`` made from ``a``) with a sentence a person can check:

* **containment**: the copy is explained by its source, not the reverse;
* **truncation**: copies trim the tail of a wire story, so a source has an
  unmatched tail where the copy ends;
* **furniture**: site furniture (link teasers, comment forms, credits)
  marks a republished web copy;
* **dates**: when both documents carry one, the earlier is the source;
* **outlet**: when one document's outlet is a news agency (AFP, AP,
  Reuters, ...) and the other's is not, the agency's is the source.
  Metadata alone orients a pair only weakly.

When both sides keep a large share of text the other lacks, and the clues
do not decide, the pair is ``common-source``: siblings of one wire story,
neither copied from the other.  Spin is reported but does not orient a
pair: with two texts alone, which side was spun cannot be told; with three
or more, :func:`newsdiff.provenance` finds it from shared variants.

Every threshold is a field of :class:`DeriveOptions`;
``benchmarks/calibrate_derive.py`` reproduces the defaults from data.
"""

from __future__ import annotations

from typing import Any, Literal

import attrs

from newsdiff._features import FeatureTable
from newsdiff._options import require_documents, resolve_options, unit_interval
from newsdiff.aligner import align
from newsdiff.alignment import Alignment, AlignOptions
from newsdiff.document import Document
from newsdiff.rewrite import RewriteKind
from newsdiff.text.furniture import Role

__all__ = [
    "Clue",
    "DeriveOptions",
    "Relation",
    "derive",
    "longest_reuse_run",
    "metadata_orients",
    "relate",
    "reuse_evidence",
    "reuse_shares",
]

Derivation = Literal["wholly-derived", "partially-derived", "non-derived", "duplicate"]
Direction = Literal["a->b", "b->a", "common-source", "unknown"]
REUSE_KINDS = frozenset({RewriteKind.COPY, RewriteKind.EDIT, RewriteKind.SPIN})


@attrs.frozen(kw_only=True)
class DeriveOptions:
    """Thresholds of :func:`derive` (shares of body text, by characters).

    ``partial_min``: least reuse for ``partially-derived``.
    ``min_run``: a run of this many consecutive reused sentences (on both
    sides) also makes a pair ``partially-derived``, whatever its share: a
    long document that took one passage from another is derived (0: off).
    ``wholly_min``: least reuse for ``wholly-derived`` (both: ``duplicate``).
    ``sibling_min_unique``: least share of its own text each side must keep
    for ``common-source``.
    ``direction_min``: least summed clue weight to orient a pair.
    ``tail_min``: least unmatched tail (share of body) that counts as
    truncation.
    ``containment_min``: least reuse of the more reused side for containment
    to orient a pair (when both documents are mostly their own text, the
    asymmetry reflects their lengths, not who copied), and of the trimmed
    side for truncation.
    ``truncation_weight``, ``furniture_weight``, ``date_weight``,
    ``outlet_weight``: how far each of those clues leans (containment leans
    by the differences of the reuse and coverage shares).  Dates and an
    agency outlet weigh less than ``direction_min``: alone they orient a
    pair only weakly.
    ``spun_witness_min``: in :func:`newsdiff.provenance`, least share of a
    document's cells (in families of three or more witnesses) that read as
    spin for it to be the spun witness.
    ``min_evidence``: least reused text, in informative sentences (a stock
    sentence such as "No injuries were reported." weighs 0.1, an ordinary
    sentence 1; see :mod:`newsdiff.banality`), for any derivation: shared
    stock phrases alone do not make two stories one.
    """

    partial_min: float = attrs.field(default=0.1, validator=unit_interval)
    min_run: int = attrs.field(default=2, validator=attrs.validators.ge(0))
    wholly_min: float = attrs.field(default=0.8, validator=unit_interval)
    sibling_min_unique: float = attrs.field(default=0.2, validator=unit_interval)
    direction_min: float = attrs.field(default=0.2, validator=unit_interval)
    tail_min: float = attrs.field(default=0.15, validator=unit_interval)
    containment_min: float = attrs.field(default=0.5, validator=unit_interval)
    truncation_weight: float = attrs.field(default=0.2, validator=unit_interval)
    furniture_weight: float = attrs.field(default=0.1, validator=unit_interval)
    date_weight: float = attrs.field(default=0.1, validator=unit_interval)
    spun_witness_min: float = attrs.field(default=0.5, validator=unit_interval)
    min_evidence: float = attrs.field(default=1.0, validator=attrs.validators.ge(0))
    outlet_weight: float = attrs.field(default=0.15, validator=unit_interval)

    def evolve(self, **changes: Any) -> DeriveOptions:
        return attrs.evolve(self, **changes)


@attrs.frozen
class Clue:
    """One piece of direction evidence: ``weight`` > 0 favours ``a->b``,
    < 0 favours ``b->a``, 0 orients nothing; ``detail`` says why."""

    name: str
    weight: float
    detail: str

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "weight": round(self.weight, 4), "detail": self.detail}


@attrs.frozen
class Relation:
    """How two documents relate, with the evidence."""

    a: str
    b: str
    derivation: Derivation
    direction: Direction
    confidence: float
    reuse: tuple[float, float]  # share of a's / b's body reused from the other
    evidence: tuple[Clue, ...]
    alignment: Alignment = attrs.field(repr=False, eq=False)

    @property
    def derived(self) -> bool:
        return self.derivation != "non-derived"

    def to_dict(self) -> dict[str, Any]:
        return {
            "a": self.a,
            "b": self.b,
            "derivation": self.derivation,
            "direction": self.direction,
            "confidence": round(self.confidence, 4),
            "reuse": {"a": round(self.reuse[0], 4), "b": round(self.reuse[1], 4)},
            "evidence": [clue.to_dict() for clue in self.evidence],
        }


def reuse_shares(alignment: Alignment) -> tuple[float, float]:
    """Share of each side's body text (characters) in reuse links."""
    reused = [link for link in alignment.links if link.kind in REUSE_KINDS]
    in_a = dict.fromkeys((i for link in reused for i in link.a), "reused")
    in_b = dict.fromkeys((j for link in reused for j in link.b), "reused")
    return (
        alignment.a.body_shares(in_a, ("reused",), "own")["reused"],
        alignment.b.body_shares(in_b, ("reused",), "own")["reused"],
    )


def reuse_evidence(alignment: Alignment, *, _features: FeatureTable | None = None) -> float:
    """Reused text in informative sentences: each reuse link counts its
    less informative side's weight (see :mod:`newsdiff.banality`).
    ``_features`` (private): the run's feature table, which already holds
    every sentence the aligner described."""
    table = FeatureTable() if _features is None else _features
    total = 0.0
    for link in alignment.links:
        if link.kind in REUSE_KINDS:
            total += min(table.weight(alignment.text_a(link)), table.weight(alignment.text_b(link)))
    return total


def longest_reuse_run(alignment: Alignment) -> int:
    """Most reuse links in a row: each starting at the sentence after the
    previous one on both sides (furniture between them does not count)."""
    reused = [link for link in alignment.links if link.kind in REUSE_KINDS]
    return max((len(run) for run in alignment.runs(reused)), default=0)


def _unmatched_tail(alignment: Alignment, side: Literal["a", "b"]) -> float:
    """Share of the side's body after its last reused sentence."""
    doc = alignment.a if side == "a" else alignment.b
    reused = [
        i
        for link in alignment.links
        if link.kind in REUSE_KINDS
        for i in (link.a if side == "a" else link.b)
    ]
    body = [s for s in doc.sentences if s.role is Role.BODY]
    total = sum(s.end - s.start for s in body)
    if not reused or not total:
        return 0.0
    last = max(reused)
    return sum(s.end - s.start for s in body if s.index > last) / total


# News agencies whose copy outlets republish (lower case, as outlets are
# usually named in metadata).  Their stories are sources, rarely copies.
NEWS_AGENCIES = frozenset(
    {
        "afp",
        "agence france-presse",
        "agence france presse",
        "ap",
        "associated press",
        "the associated press",
        "reuters",
        "thomson reuters",
        "dpa",
        "deutsche presse-agentur",
        "pa",
        "pa media",
        "press association",
        "efe",
        "ansa",
        "kyodo",
        "kyodo news",
        "xinhua",
        "tass",
        "bloomberg",
        "aap",
        "australian associated press",
        "canadian press",
        "the canadian press",
        "upi",
        "united press international",
        "anadolu",
        "anadolu agency",
        "yonhap",
        "pti",
        "press trust of india",
        "ians",
        "ani",
        "europa press",
        "apa",
        "sda",
        "keystone-sda",
        "belga",
        "anp",
        "tt",
        "ntb",
        "ritzau",
        "stt",
        "ctk",
        "pap",
        "mti",
        "ana",
        "ina",
        "wam",
        "spa",
        "irna",
        "bernama",
        "antara",
        "pna",
        "vna",
        "notimex",
        "telam",
        "agencia brasil",
    }
)


def _is_agency(outlet: str | None) -> bool:
    return outlet is not None and " ".join(outlet.lower().split()) in NEWS_AGENCIES


def metadata_orients(a: Document, b: Document) -> bool:
    """Whether metadata alone says which of two documents came first: their
    dates differ, or one comes from a news agency and the other does not."""
    if a.date and b.date and a.date != b.date:
        return True
    return _is_agency(a.outlet) != _is_agency(b.outlet)


def _furniture(doc: Document) -> int:
    return sum(1 for s in doc.sentences if s.role is Role.BOILERPLATE)


def _clues(alignment: Alignment, reuse: tuple[float, float], options: DeriveOptions) -> list[Clue]:
    a, b = alignment.a, alignment.b
    coverage = (alignment.coverage("a"), alignment.coverage("b"))
    shares = (
        f"{reuse[1]:.0%} of {b.id}'s body is reused from {a.id} ({coverage[1]:.0%} has a "
        f"counterpart there); {reuse[0]:.0%} of {a.id}'s body is found in {b.id} "
        f"({coverage[0]:.0%})"
    )
    if max(reuse) >= options.containment_min:
        # Reused text, and text with any counterpart (a reworded sentence
        # included): a rewrite explains itself by its source better than the
        # source by the rewrite, in both measures.
        lean = (reuse[1] - reuse[0]) + (coverage[1] - coverage[0])
        clues = [Clue("containment", lean, shares)]
    else:
        clues = [Clue("containment", 0.0, shares + ": both are mostly their own text")]
    docs = {"a": a, "b": b}
    tails = {"a": _unmatched_tail(alignment, "a"), "b": _unmatched_tail(alignment, "b")}
    shares_of = {"a": reuse[0], "b": reuse[1]}
    # Each orientation: the source goes on past the last reused sentence,
    # the copy stops there.  A trimmed copy is mostly the source's text; a
    # long document that took one passage is not "trimmed".
    for source, copy, sign in (("a", "b", 1.0), ("b", "a", -1.0)):
        if (
            tails[source] >= options.tail_min
            and tails[copy] < options.tail_min / 3
            and shares_of[copy] >= options.containment_min
        ):
            clues.append(
                Clue(
                    "truncation",
                    sign * options.truncation_weight,
                    f"{docs[source].id} goes on for {tails[source]:.0%} of its body after "
                    f"the last reused sentence; {docs[copy].id} stops there: a trimmed copy",
                )
            )
            break
    furniture_a, furniture_b = _furniture(a), _furniture(b)
    if furniture_b and not furniture_a:
        clues.append(
            Clue(
                "furniture",
                options.furniture_weight,
                f"{b.id} carries {furniture_b} piece(s) of site furniture",
            )
        )
    elif furniture_a and not furniture_b:
        clues.append(
            Clue(
                "furniture",
                -options.furniture_weight,
                f"{a.id} carries {furniture_a} piece(s) of site furniture",
            )
        )
    agency_a, agency_b = _is_agency(a.outlet), _is_agency(b.outlet)
    if agency_a != agency_b:
        agency, other = (a, b) if agency_a else (b, a)
        clues.append(
            Clue(
                "outlet",
                options.outlet_weight if agency_a else -options.outlet_weight,
                f"{agency.id} comes from a news agency ({agency.outlet}); "
                f"{other.id} from {other.outlet or 'an outlet not named'}: agencies are "
                "the source outlets copy",
            )
        )
    if a.date and b.date and a.date != b.date:
        earlier = a if a.date < b.date else b
        clues.append(
            Clue(
                "dates",
                options.date_weight if earlier is a else -options.date_weight,
                f"{earlier.id} is dated earlier ({a.id} {a.date}, {b.id} {b.date})",
            )
        )
    spun = alignment.profile("b")["spin"]
    if spun > 0:
        clues.append(
            Clue(
                "spin",
                0.0,
                f"{spun:.0%} of {b.id}'s body is spun relative to {a.id}: one side went "
                "through a synonym rewriter (which one needs a third witness)",
            )
        )
    return clues


def derive(
    a: Document,
    b: Document,
    options: DeriveOptions | None = None,
    align_options: AlignOptions | None = None,
    **changes: Any,
) -> Relation:
    """The derivation relation of ``b`` and ``a`` (see the module docstring).

    >>> lead = "The vote was delayed. Two guards were hurt."
    >>> src = Document.from_text(lead + " Calm returned.", id="src")
    >>> copy = Document.from_text(lead, id="copy")
    >>> relation = derive(src, copy)
    >>> relation.derivation, relation.direction
    ('wholly-derived', 'a->b')
    """
    require_documents(a=a, b=b)
    options = resolve_options(options, DeriveOptions, changes, "derive")
    return relate(align(a, b, align_options), options)


def relate(
    alignment: Alignment,
    options: DeriveOptions | None = None,
    *,
    _features: FeatureTable | None = None,
) -> Relation:
    """:func:`derive` for an alignment already computed (``_features``,
    private: the run's feature table)."""
    if options is None:
        options = DeriveOptions()
    reuse = reuse_shares(alignment)
    clues = _clues(alignment, reuse, options)
    a_id, b_id = alignment.a.id, alignment.b.id
    most = max(reuse)
    run = longest_reuse_run(alignment)
    derivation: Derivation
    direction: Direction
    if most < options.partial_min and not (options.min_run and run >= options.min_run):
        derivation, direction = "non-derived", "unknown"
        confidence = 1.0 - most / options.partial_min if options.partial_min else 1.0
        return Relation(a_id, b_id, derivation, direction, confidence, reuse, (), alignment)
    evidence = reuse_evidence(alignment, _features=_features)
    if evidence < options.min_evidence:
        # Only stock sentences in common: two stories, not one copied.
        confidence = 1.0 - evidence / options.min_evidence
        banal = Clue(
            "banality",
            0.0,
            f"the reused text is {evidence:.1f} informative sentence(s), under "
            f"{options.min_evidence:g}: stock phrases shared by unrelated stories",
        )
        return Relation(
            a_id, b_id, "non-derived", "unknown", confidence, reuse, (banal,), alignment
        )
    if min(reuse) >= options.wholly_min:
        derivation = "duplicate"
    elif most >= options.wholly_min:
        derivation = "wholly-derived"
    else:
        derivation = "partially-derived"
    lean = sum(clue.weight for clue in clues)
    unique = (1.0 - reuse[0], 1.0 - reuse[1])
    if lean and abs(lean) >= options.direction_min:
        direction = "a->b" if lean > 0 else "b->a"
        confidence = min(1.0, abs(lean))
    elif min(unique) >= options.sibling_min_unique:
        direction = "common-source"
        # How far the unique shares clear their threshold, times how far the
        # clues are from orienting the pair (both thresholds may be 0).
        clear = (
            min(1.0, min(unique) / (2 * options.sibling_min_unique))
            if options.sibling_min_unique
            else 1.0
        )
        undecided = 1.0 - abs(lean) / options.direction_min if options.direction_min else 1.0
        confidence = clear * undecided
        clues.append(
            Clue(
                "siblings",
                0.0,
                f"each keeps text the other lacks ({a_id} {unique[0]:.0%}, "
                f"{b_id} {unique[1]:.0%}) and no clue orients the pair",
            )
        )
    elif lean:
        # Too weak to orient with confidence, and no sign of two siblings:
        # the direction the clues lean to, said with the low confidence it has.
        direction = "a->b" if lean > 0 else "b->a"
        confidence = min(1.0, abs(lean)) / 2
    elif derivation == "duplicate":
        # Certain of the verdict, not of a direction: identical texts carry
        # no clue of which came first (a date would have oriented them).
        direction = "unknown"
        confidence = min(reuse)
        clues.append(
            Clue(
                "duplicate",
                0.0,
                f"{a_id} and {b_id} are the same text ({min(reuse):.0%} reused both ways); "
                "which came first needs a date",
            )
        )
    else:
        direction = "unknown"
        confidence = 0.0
        clues.append(Clue("no-clue", 0.0, "no clue leans either way"))
    return Relation(a_id, b_id, derivation, direction, confidence, reuse, tuple(clues), alignment)
