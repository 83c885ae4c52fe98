"""Golden segmentation cases: the team's hard cases and the five seeds.

Data lives in ``tests/golden/`` (schema in its README).  A case the segmenter
gets wrong is a known failure, marked ``xfail(strict=True)`` so that a fix is
noticed and the data updated, never deleted.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import newsdiff as nd

GOLDEN = Path(__file__).parent / "golden"
SEEDS = Path(__file__).parent.parent / "seeds"


def _cases() -> list[dict[str, Any]]:
    path = GOLDEN / "segmentation_cases.jsonl"
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def _known_failures() -> dict[str, str]:
    path = GOLDEN / "segmentation_known_failures.json"
    data: dict[str, str] = json.loads(path.read_text(encoding="utf-8"))
    return data


def _case_params() -> list[Any]:
    known = _known_failures()
    return [
        pytest.param(
            case,
            id=case["id"],
            marks=[pytest.mark.xfail(reason=known[case["id"]], strict=True)]
            if case["id"] in known
            else [],
        )
        for case in _cases()
    ]


def _units(text: str) -> list[tuple[str, str]]:
    return [(s.text, s.role.value) for s in nd.segment(text)]


def test_golden_file_is_well_formed() -> None:
    cases = _cases()
    assert len(cases) >= 80
    assert len({case["id"] for case in cases}) == len(cases)
    assert set(_known_failures()) <= {case["id"] for case in cases}
    for case in cases:
        # Expected units are whitespace-trimmed substrings covering the text.
        position = 0
        for unit in case["sentences"]:
            found = case["text"].find(unit["text"], position)
            assert found >= 0, (case["id"], unit["text"])
            assert not case["text"][position:found].strip(), case["id"]
            position = found + len(unit["text"])
        assert not case["text"][position:].strip(), case["id"]


@pytest.mark.parametrize("case", _case_params())
def test_golden_case(case: dict[str, Any]) -> None:
    expected = [(unit["text"], unit["role"]) for unit in case["sentences"]]
    assert _units(case["text"]) == expected


def _seed_params(aspect: str) -> list[Any]:
    params = []
    for path in sorted((GOLDEN / "seeds").glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        reason = data["known_failures"].get(aspect)
        marks = [pytest.mark.xfail(reason=reason, strict=True)] if reason else []
        params.append(pytest.param(data, id=path.stem, marks=marks))
    return params


def _seed_document(data: dict[str, Any]) -> nd.Document:
    return nd.Document.from_file(SEEDS / data["file"])


@pytest.mark.parametrize("data", _seed_params("boundaries"))
def test_seed_sentence_boundaries(data: dict[str, Any]) -> None:
    got = [s.text for s in _seed_document(data).sentences]
    assert got == [unit["text"] for unit in data["sentences"]]


@pytest.mark.parametrize("data", _seed_params("roles"))
def test_seed_sentence_roles(data: dict[str, Any]) -> None:
    got = [(s.text, s.role.value) for s in _seed_document(data).sentences]
    assert got == [(unit["text"], unit["role"]) for unit in data["sentences"]]


def test_seeds_are_the_shared_seeds_byte_for_byte() -> None:
    shared = SEEDS.parent.parent / "shared" / "seeds"
    if not shared.is_dir():
        pytest.skip("../shared/seeds is not present beside the repository")
    for path in sorted(shared.glob("*.txt")):
        assert (SEEDS / path.name).read_bytes() == path.read_bytes(), path.name
