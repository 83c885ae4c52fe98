"""Chu-Liu/Edmonds against brute force: optimal, a tree, order-free."""

from __future__ import annotations

import itertools
import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsdiff._arborescence import best_parents, tree_cost

Edges = dict[tuple[str | None, str], float]


def _is_tree(parents: dict[str, str | None]) -> bool:
    """Following parents from every node reaches the root without a repeat."""
    for start in parents:
        seen: set[str] = set()
        node: str | None = start
        while node is not None:
            if node in seen:
                return False
            seen.add(node)
            node = parents[node]
    return True


def _brute_force(nodes: list[str], edges: Edges) -> float | None:
    """The cheapest acyclic parent assignment, by trying every assignment."""
    options = [[parent for (parent, child) in edges if child == node] for node in nodes]
    best: float | None = None
    for choice in itertools.product(*options):
        parents = dict(zip(nodes, choice, strict=True))
        if _is_tree(parents):
            cost = tree_cost(parents, edges)
            if best is None or cost < best:
                best = cost
    return best


@st.composite
def graphs(draw: st.DrawFn, max_nodes: int = 6) -> tuple[list[str], Edges]:
    """Small graphs with many equal costs (ties are where order could leak in)."""
    count = draw(st.integers(1, max_nodes))
    # Ids whose sorted order differs from their creation order.
    nodes = [f"n{(i * 7) % 11}" for i in range(count)]
    pairs: list[tuple[str | None, str]] = [(None, node) for node in nodes]
    pairs += [(a, b) for a in nodes for b in nodes if a != b]
    present = draw(st.lists(st.booleans(), min_size=len(pairs), max_size=len(pairs)))
    costs = draw(st.lists(st.integers(0, 4), min_size=len(pairs), max_size=len(pairs)))
    # Root edges cost more than most others, as "no observed parent" does in
    # provenance, so cheap cycles among the nodes (the contractions) are common.
    edges: Edges = {
        pair: float(cost + 3 if pair[0] is None else cost)
        for pair, keep, cost in zip(pairs, present, costs, strict=True)
        if keep or pair[0] is None  # a root edge for every node keeps it solvable
    }
    return nodes, edges


@given(graphs())
def test_optimal_tree_matches_brute_force(graph: tuple[list[str], Edges]) -> None:
    nodes, edges = graph
    parents = best_parents(nodes, edges)
    assert sorted(parents) == sorted(nodes)
    assert _is_tree(parents)
    assert tree_cost(parents, edges) == _brute_force(nodes, edges)


@given(graphs(), st.randoms(use_true_random=False))
def test_input_order_never_changes_the_answer(
    graph: tuple[list[str], Edges], rng: random.Random
) -> None:
    nodes, edges = graph
    shuffled_nodes = nodes[:]
    rng.shuffle(shuffled_nodes)
    items = list(edges.items())
    rng.shuffle(items)
    assert best_parents(shuffled_nodes, dict(items)) == best_parents(nodes, edges)


@given(
    st.lists(st.floats(-1e6, 1e6, allow_nan=False, allow_infinity=False), min_size=9, max_size=9)
)
def test_float_costs(costs: list[float]) -> None:
    nodes = ["a", "b", "c"]
    pairs: list[tuple[str | None, str]] = [(None, n) for n in nodes]
    pairs += [(a, b) for a in nodes for b in nodes if a != b]
    edges: Edges = dict(zip(pairs, costs, strict=True))
    parents = best_parents(nodes, edges)
    assert _is_tree(parents)
    reference = _brute_force(nodes, edges)
    assert reference is not None
    assert tree_cost(parents, edges) == pytest.approx(reference, rel=1e-9, abs=1e-6)


def test_nodes_without_root_edges_hang_below_others() -> None:
    # Only "a" may be a root; a cheap 2-cycle b<->c must be broken by a's edge.
    edges: Edges = {(None, "a"): 0.0, ("a", "b"): 10.0, ("b", "c"): 1.0, ("c", "b"): 1.0}
    assert best_parents(["c", "b", "a"], edges) == {"a": None, "b": "a", "c": "b"}


def test_nested_cycles_are_expanded() -> None:
    # a->b->c->a is cheap, and inside the contracted graph d<->cycle is cheap too.
    edges: Edges = {
        (None, "a"): 100.0,
        (None, "d"): 50.0,
        ("c", "a"): 1.0,
        ("a", "b"): 1.0,
        ("b", "c"): 1.0,
        ("d", "b"): 3.0,
        ("a", "d"): 2.0,
    }
    parents = best_parents(["a", "b", "c", "d"], edges)
    assert _is_tree(parents)
    assert tree_cost(parents, edges) == _brute_force(["a", "b", "c", "d"], edges)


def test_ties_prefer_root_then_smallest_id() -> None:
    edges: Edges = {(None, "b"): 1.0, ("a", "b"): 1.0, ("c", "b"): 1.0, (None, "a"): 0.0}
    edges[(None, "c")] = 0.0
    assert best_parents(["a", "b", "c"], edges)["b"] is None
    del edges[(None, "b")]
    assert best_parents(["a", "b", "c"], edges)["b"] == "a"


def test_long_chain_needs_no_recursion() -> None:
    nodes = [f"d{i:05d}" for i in range(3000)]
    edges: Edges = {(None, node): 1000.0 for node in nodes}
    edges.update({(nodes[i], nodes[i + 1]): 1.0 for i in range(len(nodes) - 1)})
    edges[(nodes[-1], nodes[0])] = 1.0  # one big cycle to contract
    parents = best_parents(nodes, edges)
    assert _is_tree(parents)
    assert sum(parent is None for parent in parents.values()) == 1


def test_empty_graph() -> None:
    assert best_parents([], {}) == {}


@pytest.mark.parametrize(
    ("nodes", "edges", "message"),
    [
        (["a", "a"], {(None, "a"): 0.0}, "duplicate"),
        (["a"], {(None, "x"): 0.0}, "unknown child"),
        (["a"], {("x", "a"): 0.0}, "unknown parent"),
        (["a"], {("a", "a"): 0.0, (None, "a"): 0.0}, "self-loop"),
        (["a"], {(None, "a"): float("nan")}, "cost"),
        (["a", "b"], {(None, "a"): 0.0, ("b", "a"): 0.0}, "cannot reach"),
    ],
)
def test_bad_input(nodes: list[str], edges: Edges, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        best_parents(nodes, edges)
