"""Properties of the copy tree on cascades grown by the benchmark's generator
from the repository's seed articles (no shared data needed): a tree every
time, every document once, input order and unrelated additions change
nothing, and metadata clues orient pairs."""

from __future__ import annotations

import random
import sys
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

import newsdiff as nd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

from cascades import CascadeOptions, make_cascade, seed_articles

ARTICLES = seed_articles()


def _documents(index: int, seed: int, wire_given: bool) -> list[nd.Document]:
    options = CascadeOptions(
        outlets=(2, 3), copies=(1, 2), duplicates=index % 2, wire_given=wire_given
    )
    cascade = make_cascade(ARTICLES, index, seed, options)
    return [nd.Document.from_text(doc.text, id=doc.id) for doc in cascade.given]


@settings(max_examples=5, deadline=None)
@given(
    index=st.integers(0, 4),
    seed=st.integers(0, 1000),
    wire_given=st.booleans(),
    order=st.randoms(use_true_random=False),
)
def test_copy_tree_invariants_on_generated_cascades(
    index: int, seed: int, wire_given: bool, order: random.Random
) -> None:
    docs = _documents(index, seed, wire_given)
    graph = nd.provenance(docs)
    graph._check()
    # Every document is in exactly one node and has at most one parent.
    assert sorted(m for node in graph.nodes if not node.latent for m in node.members) == sorted(
        doc.id for doc in docs
    )
    assert all(len(graph.parents(doc.id)) <= 1 for doc in docs)
    shuffled = docs[:]
    order.shuffle(shuffled)
    assert nd.provenance(shuffled).to_dict() == graph.to_dict()


@settings(max_examples=3, deadline=None)
@given(index=st.integers(0, 4), seed=st.integers(0, 1000))
def test_an_unrelated_story_changes_no_parent(index: int, seed: int) -> None:
    docs = _documents(index, seed, True)
    # A brief about something else entirely, written for this test.
    other = nd.Document.from_text(
        "Wheat prices fell for a third week in Chicago as rain eased fears for the US "
        "harvest.\n\nTraders said export demand from Egypt and Algeria remained weak.",
        id="zz-markets",
    )
    before = nd.provenance(docs)
    after = nd.provenance([*docs, other])
    after._check()
    assert after.parent("zz-markets") is None
    assert {doc.id: after.parent(doc.id) for doc in docs} == {
        doc.id: before.parent(doc.id) for doc in docs
    }


def test_a_news_agency_outlet_leans_source() -> None:
    text = (
        "Floodwaters forced hundreds of families from their homes in Kelso on Tuesday.\n\n"
        "Emergency crews used boats to reach residents trapped on upper floors."
    )
    wire = nd.Document.from_text(text, id="b-wire", outlet="Agence France-Presse")
    paper = nd.Document.from_text(text, id="a-paper", outlet="Kelso Courier")
    relation = nd.derive(paper, wire)
    outlet = [clue for clue in relation.evidence if clue.name == "outlet"]
    assert [clue.weight < 0 for clue in outlet] == [True]  # b (the agency) leans source
    assert relation.direction == "b->a" and relation.confidence < 0.2
    assert nd.provenance([paper, wire]).parent("a-paper") == "b-wire"
