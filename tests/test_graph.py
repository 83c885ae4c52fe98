"""The copy tree: parents found by parsimony on a small cascade the team
wrote, duplicates as one node, stock sentences as weak evidence, and the
tree's invariants under input order and unrelated additions."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import newsdiff as nd

# A wire story written by the team for these tests: eight paragraphs, one
# sentence or two each, in agency style.
WIRE = [
    "Floodwaters forced hundreds of families from their homes in the river town "
    "of Kelso on Tuesday after two days of torrential rain.",
    "Emergency crews used boats to reach residents trapped on upper floors, and the "
    "regional council opened three schools as shelters.",
    "The river rose more than four metres above its normal level overnight, the "
    "environment agency said, the highest reading since records began in 1948.",
    "Mayor Helen Drummond said the town had never seen water move so fast. "
    '"We lost the bridge road in under an hour," she told reporters.',
    "Forecasters expect a further 60 millimetres of rain across the hills by Thursday, "
    "raising fears for villages downstream.",
    "Insurers said claims could run to tens of millions of pounds, with the worst damage "
    "in the low-lying streets near the old mill.",
    "The government has promised emergency funding, but opposition lawmakers said flood "
    "defences planned a decade ago were never built.",
    "Rail services between Kelso and the coast were suspended and several schools will "
    "stay closed for the rest of the week.",
]


def _doc(paragraphs: list[str], doc_id: str, extra: str = "") -> nd.Document:
    text = "\n\n".join(paragraphs)
    if extra:
        text += "\n\n" + extra
    return nd.Document.from_text(text, id=doc_id)


def _cascade() -> dict[str, nd.Document]:
    outlet_a = WIRE[:6]  # tail trimmed
    outlet_b = [*WIRE[:3], *WIRE[4:]]  # the mayor's paragraph dropped
    outlet_b[1] = outlet_b[1].replace("opened three schools", "quickly opened three schools")
    own = (
        "Local shopkeeper Aidan Moore, 54, said he had moved his stock upstairs twice "
        "this year and would not reopen until the spring."
    )
    outlet_b.insert(4, own)  # the outlet's own reporting
    return {
        "wire": _doc(WIRE, "wire"),
        "outlet-a": _doc(outlet_a, "outlet-a", "READ MORE: Storm warnings across the north"),
        "outlet-b": _doc(outlet_b, "outlet-b"),
        # The middle of the story cut: paragraphs 5 and 6 dropped.
        "outlet-c": _doc([*WIRE[:4], *WIRE[6:]], "outlet-c"),
        # Second generation: outlet-b trimmed further.
        "aggregator": _doc(outlet_b[:5], "aggregator", "Sign up for our morning newsletter"),
        # outlet-a again under other furniture: an identical copy.
        "mirror": _doc(outlet_a, "mirror", "Follow us on social media"),
    }


@pytest.fixture(scope="module")
def cascade_graph() -> nd.ProvenanceGraph:
    graph = nd.provenance(_cascade().values())
    graph._check()
    return graph


def test_each_copy_gets_its_true_parent(cascade_graph: nd.ProvenanceGraph) -> None:
    graph = cascade_graph
    assert graph.parent("wire") is None
    assert graph.parent("outlet-a") == "wire"
    assert graph.parent("outlet-b") == "wire"
    assert graph.parent("outlet-c") == "wire"
    assert graph.parent("aggregator") == "outlet-b"
    assert not any(node.latent for node in graph.nodes)  # the wire is given
    assert len(graph.edges) == 4  # a tree: one edge per non-root node


def test_identical_copies_are_one_node_and_nothing_is_dropped(
    cascade_graph: nd.ProvenanceGraph,
) -> None:
    node = cascade_graph.node_of("mirror")
    assert node.members == ("mirror", "outlet-a")
    assert cascade_graph.parent("mirror") == "wire"
    assert cascade_graph.clusters() == [
        ["aggregator", "mirror", "outlet-a", "outlet-b", "outlet-c", "wire"]
    ]
    relation = cascade_graph.relation("outlet-a", "mirror")
    assert relation.derivation == "duplicate" and relation.confidence > 0.9


def test_path_says_what_changed_at_each_step(cascade_graph: nd.ProvenanceGraph) -> None:
    first, second = cascade_graph.path("aggregator")
    assert (first.source, first.target) == ("wire", "outlet-b")
    assert first.edits == 1 and first.added == 1 and first.trimmed > 0.05
    assert (second.source, second.target) == ("outlet-b", "aggregator")
    assert second.trimmed > 0.3 and second.added == 0 and second.edits == 0
    assert "trimmed" in second.describe()


def test_latent_source_only_when_the_wire_is_missing() -> None:
    docs = _cascade()
    del docs["wire"]
    # Without the wire, each outlet lacks text that two others share: none
    # of them can be the parent of the rest.
    graph = nd.provenance(docs.values())
    graph._check()
    (latent,) = [node for node in graph.nodes if node.latent]
    assert graph.parent("outlet-a") == latent.id
    assert graph.parent("outlet-b") == latent.id
    assert graph.parent("outlet-c") == latent.id
    assert graph.parent("aggregator") == "outlet-b"


def test_stock_sentences_alone_make_no_derivation() -> None:
    first = nd.Document.from_text(
        "A fire destroyed a timber yard on the edge of Carlow early on Sunday.\n\n"
        "Firefighters from three stations fought the blaze for six hours.\n\n"
        "No injuries were reported.",
        id="fire",
    )
    second = nd.Document.from_text(
        "Two lorries collided on the ring road outside Galway on Monday evening.\n\n"
        "Traffic was diverted through the city centre until midnight.\n\n"
        "No injuries were reported.",
        id="crash",
    )
    relation = nd.derive(first, second)
    assert relation.derivation == "non-derived"
    assert [clue.name for clue in relation.evidence] == ["banality"]
    graph = nd.provenance([first, second])
    assert graph.edges == () and not any(node.latent for node in graph.nodes)


def test_dates_order_identical_copies() -> None:
    text = "\n\n".join(WIRE[:4])
    early = nd.Document.from_text(text, id="b-early", date="2024-03-05")
    late = nd.Document.from_text(text, id="a-late", date="2024-03-06")
    graph = nd.provenance([late, early])
    graph._check()
    assert graph.parent("a-late") == "b-early"


def test_empty_documents_are_isolated_nodes_with_a_note() -> None:
    docs = [*_cascade().values(), nd.Document.from_text("", id="blank")]
    graph = nd.provenance(docs)
    graph._check()
    assert graph.parent("blank") is None
    assert any("blank" in note for note in graph.notes)


def test_duplicate_ids_name_the_id() -> None:
    docs = list(_cascade().values())
    with pytest.raises(nd.InputError, match="duplicate document id 'wire'"):
        nd.provenance([*docs, nd.Document.from_text("x.", id="wire")])


def _parents(graph: nd.ProvenanceGraph) -> dict[str, str | None]:
    return {doc.id: graph.parent(doc.id) for doc in graph.collation.documents}


@settings(max_examples=6, deadline=None)
@given(st.randoms(use_true_random=False))
def test_input_order_does_not_change_the_tree(rng: random.Random) -> None:
    docs = list(_cascade().values())
    shuffled = docs[:]
    rng.shuffle(shuffled)
    assert nd.provenance(shuffled).to_dict() == nd.provenance(docs).to_dict()


def test_an_unrelated_document_changes_nothing_else(cascade_graph: nd.ProvenanceGraph) -> None:
    other = nd.Document.from_text(
        "Shares in Tokyo closed higher on Friday as exporters gained on a weaker yen.\n\n"
        "The Nikkei index rose 1.2 percent, led by carmakers and chip equipment makers.",
        id="markets",
    )
    graph = nd.provenance([*_cascade().values(), other])
    graph._check()
    assert graph.parent("markets") is None
    before = _parents(cascade_graph)
    after = _parents(graph)
    del after["markets"]
    assert after == before


def test_a_document_added_to_an_index_finds_its_parent_there() -> None:
    docs = _cascade()
    with nd.Index() as index:
        index.add_all(doc for doc_id, doc in docs.items() if doc_id != "aggregator")
        placed = index.place(docs["aggregator"])
        placed._check()
        assert placed.parent("aggregator") == "outlet-b"
        assert index.place(docs["outlet-c"]).parent("outlet-c") == "wire"
        other = nd.Document.from_text(
            "Shares in Tokyo closed higher on Friday as exporters gained on a weaker yen.",
            id="markets",
        )
        assert index.place(other).parent("markets") is None
