"""The cascade generator of the provenance benchmark: its ground truth holds.

Runs on the repository's seed articles, so it needs no shared data.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

from cascades import (
    STOCK_SENTENCES,
    SYNONYMS,
    UNSEEN,
    Cascade,
    CascadeOptions,
    cascades,
    make_cascade,
    onestop_articles,
    seed_articles,
    sentences,
    stock_pairs,
)

ARTICLES = seed_articles()


def _body(text: str) -> list[str]:
    return [line for line in text.split("\n\n") if line.strip()]


def test_seed_articles_are_present() -> None:
    assert len(ARTICLES) == 5
    assert all(len(article.paragraphs) >= 5 for article in ARTICLES)


@pytest.mark.parametrize("index", range(12))
def test_tree_is_a_tree_rooted_at_the_wire(index: int) -> None:
    cascade = cascades(ARTICLES, 12, seed=3)[index]
    assert cascade.tree[cascade.wire] is None
    assert set(cascade.tree) == {doc.id for doc in cascade.documents}
    for doc in cascade.documents:
        chain = [doc.id]
        parent = cascade.tree[doc.id]
        while parent is not None:
            assert parent not in chain
            chain.append(parent)
            parent = cascade.tree[parent]
        assert chain[-1] == cascade.wire
    assert len({doc.id for doc in cascade.documents}) == len(cascade.documents)


def test_same_seed_same_cascades_and_seeds_differ() -> None:
    first = [doc.text for c in cascades(ARTICLES, 4, seed=1) for doc in c.documents]
    again = [doc.text for c in cascades(ARTICLES, 4, seed=1) for doc in c.documents]
    other = [doc.text for c in cascades(ARTICLES, 4, seed=2) for doc in c.documents]
    assert first == again
    assert first != other


def _counts(cascade: Cascade) -> dict[int, int]:
    counts: dict[int, int] = {}
    for doc in cascade.documents:
        if doc.operations != ("duplicate",):
            counts[doc.generation] = counts.get(doc.generation, 0) + 1
    return counts


@pytest.mark.parametrize("depth", [1, 2, 3])
def test_depth_and_fan_out(depth: int) -> None:
    options = CascadeOptions(depth=depth, outlets=(2, 4), copies=(1, 3))
    for index in range(6):
        counts = _counts(make_cascade(ARTICLES, index, 0, options))
        assert counts[0] == 1
        assert 2 <= counts[1] <= 4
        for generation in range(2, depth + 1):
            assert 1 <= counts[generation] <= 3
        assert max(counts) == depth


def test_copies_differ_from_parents_and_duplicates_do_not() -> None:
    options = CascadeOptions(duplicates=2)
    for index in range(6):
        cascade = make_cascade(ARTICLES, index, 0, options)
        text = {doc.id: doc.text for doc in cascade.documents}
        for doc in cascade.documents[1:]:
            parent = cascade.tree[doc.id]
            assert parent is not None
            if doc.operations == ("duplicate",):
                assert doc.text == text[parent]
            else:
                assert doc.text != text[parent]


def test_outlets_copy_the_wire_lead_and_later_copies_their_parent() -> None:
    for index in range(8):
        cascade = make_cascade(ARTICLES, index, 5)
        by_id = {doc.id: doc for doc in cascade.documents}
        wire = by_id[cascade.wire]
        for doc in cascade.documents[1:]:
            parent = by_id[cascade.tree[doc.id] or ""]
            kept = [line.text for line in doc.lines if line.role != "furniture"]
            source = [line.text for line in parent.lines if line.role != "furniture"]
            if doc.generation == 1:
                # Light edits touch at most three paragraphs; the rest is the wire's.
                wire_text = {line.text for line in wire.lines}
                body = [line.text for line in doc.lines if line.role == "body"]
                assert sum(text not in wire_text for text in body) <= 3
            elif doc.operations[0] == "spin":
                assert len(kept) == len(source)
                for new, old in zip(kept, source, strict=True):
                    assert len(new.split()) == len(old.split())
                    for a, b in zip(new.split(), old.split(), strict=True):
                        assert a == b or SYNONYMS.get(b.strip(".,;:”’").lower())
            else:
                # Verbatim or trimmed: a prefix of the parent's text.
                assert kept == source[: len(kept)]


def test_wire_left_out() -> None:
    cascade = make_cascade(ARTICLES, 0, 0, CascadeOptions(wire_given=False))
    given = {doc.id for doc in cascade.given}
    assert cascade.wire not in given
    assert len(given) == len(cascade.documents) - 1
    for doc in cascade.documents:
        if doc.generation == 1:
            assert cascade.parent(doc.id) == UNSEEN
            assert cascade.ancestors(doc.id) == [UNSEEN]
        elif doc.generation == 2:
            assert cascade.parent(doc.id) in given
            assert cascade.ancestors(doc.id)[-1] == UNSEEN


def test_furniture_lines_are_marked_and_the_wire_has_none() -> None:
    cascade = make_cascade(ARTICLES, 1, 0)
    wire = cascade.documents[0]
    assert all(line.role == "body" for line in wire.lines)
    for doc in cascade.documents[1:]:
        assert any(line.role == "furniture" for line in doc.lines)


def test_stock_pairs_share_only_the_stock_sentence() -> None:
    pairs = stock_pairs(ARTICLES, 20, seed=0)
    assert {pair.stock for pair in pairs} == set(STOCK_SENTENCES)
    for pair in pairs:
        first, second = sentences(pair.text_a), sentences(pair.text_b)
        assert pair.stock in first and pair.stock in second
        assert 2 <= len(first) <= 3 and 2 <= len(second) <= 3
        assert set(first) & set(second) == {pair.stock}


def test_needs_two_articles() -> None:
    with pytest.raises(ValueError):
        make_cascade(ARTICLES[:1], 0)
    with pytest.raises(ValueError):
        stock_pairs(ARTICLES[:1], 1)


def test_onestop_reader_when_present() -> None:
    articles = onestop_articles()
    if not articles:
        pytest.skip("../shared/data/onestop-train is absent")
    assert len(articles) == 95
    assert not articles[0].paragraphs[0].startswith("\ufeff")


# The benchmark's scoring rules (bench_provenance.score) on hand-made predictions.

from bench_provenance import Prediction, Tally, baseline, score  # noqa: E402


def _truth(cascade: Cascade) -> Prediction:
    """The ground truth as a prediction: one latent node when the wire is out."""
    given = [doc.id for doc in cascade.given]
    parents: dict[str, list[tuple[str, float]]] = {}
    for doc_id in given:
        parent = cascade.parent(doc_id)
        parents[doc_id] = [] if parent is None else [("L" if parent == UNSEEN else parent, 1.0)]
    latent = {"L"} if not cascade.wire_given else set()
    docs_of = {doc_id: frozenset({doc_id}) for doc_id in given} | {"L": frozenset()}
    edges = [(p[0][0], child, 1.0) for child, p in parents.items() if p]
    return Prediction(parents, docs_of, latent, {}, edges)


def _tally(cascade: Cascade, prediction: Prediction, lenient: bool = False) -> dict[str, Any]:
    tally = Tally()
    score(cascade, prediction, tally, lenient=lenient)
    return tally.summary()


@pytest.mark.parametrize("wire_given", [True, False])
def test_the_truth_scores_perfectly(wire_given: bool) -> None:
    options = CascadeOptions(wire_given=wire_given, duplicates=1, depth=3)
    cascade = make_cascade(ARTICLES, 2, 0, options)
    summary = _tally(cascade, _truth(cascade))
    assert summary["parent_accuracy"] == 1.0
    assert summary["ancestor_accuracy"] == 1.0
    assert summary["edges_per_copy"] == 1.0
    assert summary["root_right"] == 1.0
    assert summary["latent_invented"] == (0.0 if wire_given else None)


def _with_duplicate() -> tuple[Cascade, str, str, str]:
    cascade = make_cascade(ARTICLES, 0, 0, CascadeOptions(duplicates=1))
    duplicate = cascade.documents[-1].id
    original = cascade.tree[duplicate]
    assert original is not None
    grandparent = cascade.tree[original]
    assert grandparent is not None
    return cascade, duplicate, original, grandparent


def test_identical_copies_may_be_ordered_either_way_or_grouped() -> None:
    cascade, duplicate, original, grandparent = _with_duplicate()
    swapped = _truth(cascade)
    swapped.parents[original] = [(duplicate, 1.0)]
    swapped.parents[duplicate] = [(grandparent, 1.0)]
    assert _tally(cascade, swapped)["parent_accuracy"] == 1.0
    grouped = _truth(cascade)
    grouped.docs_of["G"] = frozenset({duplicate, original})
    grouped.group_of = {duplicate: "G", original: "G"}
    grouped.parents[original] = grouped.parents[duplicate] = [(grandparent, 1.0)]
    assert _tally(cascade, grouped)["parent_accuracy"] == 1.0


def test_a_grandparent_is_an_ancestor_not_the_parent() -> None:
    cascade = make_cascade(ARTICLES, 0, 0)
    child = next(doc.id for doc in cascade.documents if doc.generation == 2)
    prediction = _truth(cascade)
    prediction.parents[child] = [(cascade.wire, 1.0)]
    copies = len(cascade.given) - 1
    summary = _tally(cascade, prediction)
    assert summary["parent_accuracy"] == pytest.approx((copies - 1) / copies, abs=1e-4)
    assert summary["ancestor_accuracy"] == 1.0
    prediction.parents[child] += [(cascade.tree[child] or "", 0.5)]
    summary = _tally(cascade, prediction)
    assert summary["parent_among"] == 1.0
    assert summary["parent_accuracy"] == pytest.approx((copies - 1) / copies, abs=1e-4)


def test_a_latent_source_beside_the_wire_is_wrong() -> None:
    cascade = make_cascade(ARTICLES, 0, 0)
    outlet = next(doc.id for doc in cascade.documents if doc.generation == 1)
    prediction = _truth(cascade)
    prediction.latent = {"L"}
    prediction.parents[outlet] = [("L", 0.9)]
    summary = _tally(cascade, prediction)
    assert summary["latent_invented"] == 1.0
    assert summary["parent_accuracy"] < 1.0


def test_baseline_builds_one_tree() -> None:
    cascade = make_cascade(ARTICLES, 1, 0)
    prediction = baseline([(doc.id, doc.text) for doc in cascade.given])
    roots = [doc for doc, found in prediction.parents.items() if not found]
    assert len(roots) == 1
    assert all(len(found) <= 1 for found in prediction.parents.values())


def test_a_verbatim_copy_with_other_furniture_is_interchangeable_when_lenient() -> None:
    for index in range(20):
        cascade = make_cascade(ARTICLES, index, 0)
        copy = next((d for d in cascade.documents if d.operations == ("verbatim",)), None)
        if copy is not None:
            break
    assert copy is not None
    outlet = cascade.tree[copy.id]
    assert outlet is not None and outlet != cascade.wire
    prediction = _truth(cascade)
    prediction.parents[outlet] = [(copy.id, 1.0)]
    prediction.parents[copy.id] = [(cascade.wire, 1.0)]
    assert _tally(cascade, prediction, lenient=True)["parent_accuracy"] == 1.0
    assert _tally(cascade, prediction)["parent_accuracy"] < 1.0
    grouped = _truth(cascade)
    grouped.docs_of["G"] = frozenset({copy.id, outlet})
    grouped.group_of = {copy.id: "G", outlet: "G"}
    grouped.parents[copy.id] = grouped.parents[outlet]
    assert _tally(cascade, grouped)["parent_accuracy"] == 1.0
    prediction.parents[copy.id] = []
    summary = _tally(cascade, prediction)
    assert summary["orphans"] > 0
    assert summary["root_right"] == 0.0


def test_wrong_parents_are_classified_by_their_true_relation() -> None:
    cascade = make_cascade(ARTICLES, 0, 0)
    outlets = [doc.id for doc in cascade.documents if doc.generation == 1]
    copy = next(doc.id for doc in cascade.documents if doc.generation == 2)
    outlet = cascade.tree[copy]
    assert outlet is not None
    sibling = next(other for other in outlets if other != outlet)
    prediction = _truth(cascade)
    prediction.parents[copy] = [(cascade.wire, 1.0)]  # a grandparent
    prediction.parents[sibling] = [(outlets[0] if sibling != outlets[0] else outlets[1], 1.0)]
    prediction.parents[outlet] = [(copy, 1.0)]  # its own copy: the edge reversed
    tally = Tally()
    score(cascade, prediction, tally)
    assert tally.mistake_relations == {
        "further ancestor": 1,
        "sibling": 1,
        "descendant (edge reversed)": 1,
    }
    assert {mistake["relation"] for mistake in tally.mistakes} == set(tally.mistake_relations)
