"""The PAN character-level measures for text alignment.

As defined by Potthast et al. (2010), "An Evaluation Framework for
Plagiarism Detection", and used at PAN 2013.  A *case* (gold) and a
*detection* are both a pair of character ranges: one in the suspicious
document and one in the source document.  A detection *detects* a case when
it concerns the same two documents and overlaps the case in both.

* precision: mean over detections of the share of the detection's
  characters (both ranges) that lie in cases it detects;
* recall: mean over cases of the share of the case's characters covered by
  detections that detect it;
* granularity: mean number of detections per detected case (1 is ideal);
* plagdet: F1 of precision and recall divided by log2(1 + granularity).

Precision over no detections and recall over no cases follow the published
evaluation script: 1 when both lists are empty, 0 when only one is.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

__all__ = ["Passage", "Scores", "evaluate", "granularity", "precision", "recall"]


@dataclass(frozen=True)
class Passage:
    """A case or a detection: ``[start, end)`` in each document of a pair."""

    pair: str  # identifies the (suspicious, source) document pair
    susp_start: int
    susp_end: int
    src_start: int
    src_end: int

    def __post_init__(self) -> None:
        if not (0 <= self.susp_start <= self.susp_end and 0 <= self.src_start <= self.src_end):
            raise ValueError(f"invalid ranges in {self!r}")

    @property
    def size(self) -> int:
        return (self.susp_end - self.susp_start) + (self.src_end - self.src_start)

    def detects(self, other: Passage) -> bool:
        """Same pair, overlapping in both documents (a symmetric relation)."""
        return (
            self.pair == other.pair
            and self.susp_start < other.susp_end
            and other.susp_start < self.susp_end
            and self.src_start < other.src_end
            and other.src_start < self.src_end
        )


@dataclass(frozen=True)
class Scores:
    precision: float
    recall: float
    granularity: float
    plagdet: float
    cases: int
    detections: int


def _union_length(ranges: Iterable[tuple[int, int]]) -> int:
    """Number of characters in the union of ``[start, end)`` ranges."""
    total = 0
    reach = -1
    for start, end in sorted(ranges):
        if end <= reach:
            continue
        total += end - max(start, reach)
        reach = end
    return total


def _covered(target: Passage, others: Sequence[Passage]) -> int:
    """Characters of ``target`` (both ranges) inside any of ``others``."""
    susp = [
        (max(o.susp_start, target.susp_start), min(o.susp_end, target.susp_end)) for o in others
    ]
    src = [(max(o.src_start, target.src_start), min(o.src_end, target.src_end)) for o in others]
    return _union_length(r for r in susp if r[0] < r[1]) + _union_length(
        r for r in src if r[0] < r[1]
    )


def _by_pair(passages: Sequence[Passage]) -> dict[str, list[Passage]]:
    grouped: dict[str, list[Passage]] = {}
    for passage in passages:
        grouped.setdefault(passage.pair, []).append(passage)
    return grouped


def _macro_coverage(targets: Sequence[Passage], others: Sequence[Passage]) -> float:
    """Mean over ``targets`` of the share of each covered by ``others`` that
    it overlaps in both documents (recall; precision with roles swapped)."""
    if not targets and not others:
        return 1.0
    if not targets or not others:
        return 0.0
    grouped = _by_pair(others)
    total = 0.0
    for target in targets:
        if target.size == 0:
            continue
        hits = [o for o in grouped.get(target.pair, ()) if o.detects(target)]
        total += _covered(target, hits) / target.size
    return total / len(targets)


def recall(cases: Sequence[Passage], detections: Sequence[Passage]) -> float:
    return _macro_coverage(cases, detections)


def precision(cases: Sequence[Passage], detections: Sequence[Passage]) -> float:
    return _macro_coverage(detections, cases)


def granularity(cases: Sequence[Passage], detections: Sequence[Passage]) -> float:
    """Mean number of detections per detected case; 1.0 if none is detected."""
    grouped = _by_pair(detections)
    counts = [sum(1 for d in grouped.get(case.pair, ()) if d.detects(case)) for case in cases]
    detected = [count for count in counts if count]
    return sum(detected) / len(detected) if detected else 1.0


def evaluate(cases: Sequence[Passage], detections: Sequence[Passage]) -> Scores:
    p = precision(cases, detections)
    r = recall(cases, detections)
    g = granularity(cases, detections)
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return Scores(p, r, g, f1 / math.log2(1 + g), len(cases), len(detections))
