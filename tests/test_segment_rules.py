"""Segmentation rules of issue 13 beyond the golden cases: offsets in scripts
without spaces, and linear time on hostile repetitions of each new construct.

The golden cases (``tests/golden/segmentation_cases.jsonl``) say what the
boundaries are; these tests say what every rule must keep: exact spans and
no quadratic step.
"""

from __future__ import annotations

import time

import pytest

import newsdiff as nd


def _once(text: str) -> float:
    began = time.process_time()
    nd.segment(text)
    return time.process_time() - began


def _growth(small: str, large: str) -> float:
    """Time of ``large`` over time of ``small``, each the best of five runs
    taken in turns, so that a burst of load on a shared machine falls on
    both sizes rather than on one."""
    best_small = best_large = float("inf")
    for _ in range(5):
        best_small = min(best_small, _once(small))
        best_large = min(best_large, _once(large))
    return best_large / max(best_small, 1e-6)


# Each piece exercises one new rule when repeated: a spaced ellipsis that
# never meets whitespace, list markers in and out of sequence, lone capitals,
# abbreviation pairs, citations that never close, CJK marks without spaces.
_HOSTILE = [
    ". ",
    " .",
    ". .\u201dx ",
    "1) ",
    "1. x 3. ",
    "a. b. ",
    "\u2022 x ",
    ": 1) a ",
    "Gate C. ",
    "was I. ",
    "D.C. Mr. ",
    "Ref. No. ",
    '"x." (y ',
    "\u3002",
    "\uff1fa",
    "\u300d\u3068",
    "\u061f ",
]


@pytest.mark.parametrize("piece", _HOSTILE)
def test_hostile_repetitions_stay_linear(piece: str) -> None:
    # A complexity check, not a speed target: a quadratic step would make
    # ten times the input cost about a hundred times the time, a linear one
    # about ten; the bound leaves room for a loaded shared machine.
    small = piece * (20_000 // len(piece))
    large = piece * (200_000 // len(piece))
    assert _growth(small, large) < 40


def test_a_long_list_on_one_line_is_cut_into_every_item() -> None:
    text = " ".join(f"{number}) item" for number in range(1, 5001))
    sentences = nd.segment(text)
    assert [s.text for s in sentences[:2]] == ["1) item", "2) item"]
    assert len(sentences) == 5000


def test_cjk_spans_are_exact_without_spaces() -> None:
    text = "\u4f1a\u8bae\u7ed3\u675f\u3002\u4ed6\u8d70\u4e86\uff01The talks ended."
    sentences = nd.segment(text)
    assert [s.text for s in sentences] == [
        "\u4f1a\u8bae\u7ed3\u675f\u3002",
        "\u4ed6\u8d70\u4e86\uff01",
        "The talks ended.",
    ]
    assert all(text[s.start : s.end] == s.text for s in sentences)


def test_a_dateline_with_a_long_agency_is_one_unit() -> None:
    text = "RIVERTON, Ore. (Valley Wire) - Floodwaters rose. Residents fled."
    roles = [(s.role.value, s.text) for s in nd.segment(text)]
    assert roles[0] == ("dateline", "RIVERTON, Ore. (Valley Wire) -")
