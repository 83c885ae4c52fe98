"""The PAN measures used by the benchmarks agree with their definition."""

from __future__ import annotations

import math
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

from pan_measures import Passage, evaluate, granularity, precision, recall


def _chars(p: Passage) -> set[tuple[str, str, int]]:
    """The passage as a set of character references, as the paper defines it."""
    return {(p.pair, "susp", k) for k in range(p.susp_start, p.susp_end)} | {
        (p.pair, "src", k) for k in range(p.src_start, p.src_end)
    }


def _reference_coverage(targets: list[Passage], others: list[Passage]) -> float:
    if not targets and not others:
        return 1.0
    if not targets or not others:
        return 0.0
    total = 0.0
    for target in targets:
        covered: set[tuple[str, str, int]] = set()
        for other in others:
            if other.detects(target):
                covered |= _chars(target) & _chars(other)
        total += len(covered) / len(_chars(target)) if _chars(target) else 0.0
    return total / len(targets)


@st.composite
def passages(draw: st.DrawFn) -> Passage:
    pair = draw(st.sampled_from(["p1", "p2"]))
    a = draw(st.integers(0, 40))
    b = draw(st.integers(0, 40))
    return Passage(pair, a, a + draw(st.integers(1, 15)), b, b + draw(st.integers(1, 15)))


@given(st.lists(passages(), max_size=6), st.lists(passages(), max_size=6))
def test_precision_and_recall_agree_with_character_sets(
    cases: list[Passage], detections: list[Passage]
) -> None:
    assert math.isclose(recall(cases, detections), _reference_coverage(cases, detections))
    assert math.isclose(precision(cases, detections), _reference_coverage(detections, cases))


def test_perfect_detection_scores_one() -> None:
    cases = [Passage("p", 10, 50, 0, 40), Passage("q", 0, 5, 5, 10)]
    scores = evaluate(cases, list(cases))
    assert (scores.precision, scores.recall, scores.granularity, scores.plagdet) == (1, 1, 1, 1)


def test_split_detection_is_penalized_by_granularity() -> None:
    case = Passage("p", 0, 100, 0, 100)
    halves = [Passage("p", 0, 50, 0, 50), Passage("p", 50, 100, 50, 100)]
    scores = evaluate([case], halves)
    assert scores.recall == 1 and scores.precision == 1
    assert scores.granularity == 2
    assert scores.plagdet == pytest.approx(1 / math.log2(3))


def test_overlap_in_one_document_only_detects_nothing() -> None:
    case = Passage("p", 0, 100, 0, 100)
    wrong_source = Passage("p", 0, 100, 200, 300)
    assert recall([case], [wrong_source]) == 0
    assert precision([case], [wrong_source]) == 0
    assert granularity([case], [wrong_source]) == 1


def test_empty_lists_follow_the_published_convention() -> None:
    assert precision([], []) == 1 and recall([], []) == 1
    assert precision([Passage("p", 0, 1, 0, 1)], []) == 0
    assert recall([], [Passage("p", 0, 1, 0, 1)]) == 0


def test_inverted_ranges_are_rejected() -> None:
    with pytest.raises(ValueError, match="invalid ranges"):
        Passage("p", 5, 1, 0, 1)
