"""derive, collate and provenance: the seeds as the team judged them,
symmetry, independence from input order, and bad input."""

from __future__ import annotations

import itertools
import json
import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import newsdiff as nd

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
EXPECTED = json.loads(
    (Path(__file__).parent / "golden" / "seed_provenance.json").read_text(encoding="utf-8")
)


def _seeds() -> list[nd.Document]:
    # Short ids ("000") as the team's expectation file uses them.
    return [nd.Document.from_file(path, id=path.name[:3]) for path in SEEDS]


@pytest.fixture(scope="module")
def seed_graph() -> nd.ProvenanceGraph:
    return nd.provenance(_seeds())


@pytest.mark.parametrize("expected", EXPECTED["relations"], ids=lambda r: f"{r['a']}-{r['b']}")
def test_seed_relations_match_the_teams_written_expectation(
    seed_graph: nd.ProvenanceGraph, expected: dict[str, str]
) -> None:
    relation = seed_graph.relation(expected["a"], expected["b"])
    assert (relation.derivation, relation.direction) == (
        expected["derivation"],
        expected["direction"],
    )
    assert 0.0 <= relation.confidence <= 1.0
    if relation.derived:
        assert relation.evidence  # every verdict carries readable evidence
        assert all(clue.detail for clue in relation.evidence)


def test_seed_graph_has_one_latent_wire_story_and_finds_the_spun_copy(
    seed_graph: nd.ProvenanceGraph,
) -> None:
    seed_graph._check()
    latent = [node for node in seed_graph.nodes if node.latent]
    assert [node.members for node in latent] == [("000", "001", "004")]
    assert seed_graph.spun == ("000",)
    kinds = {edge.target: edge.kind for edge in seed_graph.edges}
    assert kinds["000"] is nd.RewriteKind.SPIN
    assert {edge.source for edge in seed_graph.edges} == {latent[0].id}
    # A tree: one parent each; the independent reports are roots of their own.
    assert {doc: seed_graph.parent(doc) for doc in ("000", "001", "002", "003", "004")} == {
        "000": "latent-1",
        "001": "latent-1",
        "002": None,
        "003": None,
        "004": "latent-1",
    }
    assert seed_graph.clusters() == [["000", "001", "004"], ["002"], ["003"]]
    (step,) = seed_graph.path("000")
    assert step.source == "latent-1" and step.spun > 0.2


def test_origin_of_a_spun_sentence_and_of_own_material(seed_graph: nd.ProvenanceGraph) -> None:
    collation = seed_graph.collation
    # 000's "calm and patience" sentence: the family the AFP copies share.
    (index,) = [
        s.index for s in collation.document("000").sentences if "calm and patience" in s.text
    ]
    origin = seed_graph.origin("000", index)
    assert origin.change is nd.RewriteKind.SPIN and not origin.own
    assert origin.source == "latent-1"
    assert {"001", "004"} <= set(origin.witnesses)
    own = next(
        s.index
        for s in collation.document("002").sentences
        if collation.family_of("002", s.index) is None
    )
    assert seed_graph.origin("002", own).own
    assert seed_graph.origin("002", own).change is None
    with pytest.raises(nd.InputError, match="no sentence"):
        seed_graph.origin("002", 10_000)
    with pytest.raises(nd.InputError, match="no document"):
        seed_graph.origin("999", 0)


def test_derive_mirrors_when_sides_swap() -> None:
    docs = _seeds()
    for a, b in itertools.combinations(docs, 2):
        forward, backward = nd.derive(a, b), nd.derive(b, a)
        assert forward.derivation == backward.derivation
        flip = {"a->b": "b->a", "b->a": "a->b"}
        assert backward.direction == flip.get(forward.direction, forward.direction)
        assert backward.reuse == forward.reuse[::-1]


def test_trimmed_copy_is_derived_from_its_source() -> None:
    source = nd.Document.from_text(
        "Protesters clashed with police near the Green Zone on Friday.\n\n"
        "Officials said the prime minister was unhurt and called for calm.\n\n"
        "The vote count was delayed after complaints from the losing parties.\n\n"
        "Election officials promised a recount in three provinces next week.",
        id="wire",
    )
    copy = nd.Document.from_text(
        "Protesters clashed with police near the Green Zone on Friday.\n\n"
        "Officials said the prime minister was unhurt and called for calm.\n\n"
        "READ ALSO: Floods hit the north",
        id="outlet",
    )
    relation = nd.derive(source, copy)
    assert relation.derivation == "wholly-derived"
    assert relation.direction == "a->b"
    assert {clue.name for clue in relation.evidence} >= {"containment", "truncation"}
    assert nd.derive(copy, source).direction == "b->a"
    same = nd.derive(source, nd.Document.from_text(source.text, id="again"))
    assert same.derivation == "duplicate"
    assert same.confidence == 1.0  # certain of the verdict, not 0.00


def test_dates_alone_orient_only_weakly() -> None:
    text = (
        "Protesters clashed with police near the Green Zone on Friday. "
        "Officials said the prime minister was unhurt and called for calm."
    )
    early = nd.Document.from_text(text, id="early", date="2021-11-07")
    late = nd.Document.from_text(text, id="late", date="2021-11-08")
    relation = nd.derive(early, late)
    assert relation.derivation == "duplicate"
    dates = [clue for clue in relation.evidence if clue.name == "dates"]
    assert [clue.weight > 0 for clue in dates] == [True]
    # Identical texts: the date is the only clue, so the direction follows
    # it with a confidence far below a textual clue's.
    assert relation.direction == "a->b" and relation.confidence < 0.1
    undated = nd.derive(early, nd.Document.from_text(text, id="undated"))
    assert undated.direction == "unknown" and undated.confidence == 1.0


def test_unrelated_documents_are_non_derived() -> None:
    a = nd.Document.from_text("Markets in Tokyo rallied as exporters gained.", id="a")
    b = nd.Document.from_text("The zoo welcomed a baby giraffe on Monday.", id="b")
    relation = nd.derive(a, b)
    assert (relation.derivation, relation.direction, relation.evidence) == (
        "non-derived",
        "unknown",
        (),
    )


def test_bad_input_gives_clear_errors() -> None:
    a = nd.Document.from_text("One.", id="same")
    b = nd.Document.from_text("Two.", id="same")
    with pytest.raises(nd.InputError, match="duplicate document id 'same'"):
        nd.collate([a, b])
    with pytest.raises(TypeError, match="must be Document"):
        nd.collate([a, "text"])  # type: ignore[list-item]
    with pytest.raises(TypeError, match="unknown option"):
        nd.derive(a, a, partial_minimum=0.1)
    with pytest.raises(nd.InputError, match="partial_min"):
        nd.DeriveOptions(partial_min=2.0)
    assert nd.collate([]).families == ()
    # Thresholds at 0 are allowed and never divide by zero or orient a pair
    # without a clue.
    for zero in ("partial_min", "sibling_min_unique", "direction_min", "containment_min"):
        relation = nd.derive(a, b, **{"partial_min": 0.0, "min_evidence": 0.0, zero: 0.0})
        assert relation.derivation == "partially-derived"
        assert relation.direction in ("common-source", "unknown")
        assert 0.0 <= relation.confidence <= 1.0
    assert nd.provenance([a]).edges == ()


def test_collation_families_hold_every_link_of_every_pair() -> None:
    collation = nd.collate(_seeds())
    for (first, second), alignment in collation.alignments.items():
        for link in alignment.links:
            families = {collation.family_of(first, i) for i in link.a}
            families |= {collation.family_of(second, j) for j in link.b}
            assert len(families) == 1 and None not in families
    readings = [family.reading for family in collation.families]
    assert len(readings) == len(set(readings))
    assert [family.id for family in collation.families] == list(range(len(readings)))


def _summary(graph: nd.ProvenanceGraph) -> object:
    return (
        graph.to_dict(),
        [family.to_dict() for family in graph.collation.families],
    )


@settings(max_examples=8, deadline=None)
@given(st.randoms(use_true_random=False))
def test_graph_does_not_depend_on_input_order(rng: random.Random) -> None:
    docs = _seeds()
    shuffled = docs[:]
    rng.shuffle(shuffled)
    assert _summary(nd.provenance(shuffled)) == _summary(nd.provenance(docs))
