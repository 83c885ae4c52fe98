"""Minimum-cost spanning arborescence (Chu-Liu/Edmonds) under a virtual root.

The provenance tree gives every document exactly one parent: another document
or the virtual root (``None``, "no observed parent").  Choosing each parent
alone can close cycles (A looks copied from B and B from A); Chu-Liu/Edmonds
picks all parents at once so that the total cost is minimal *and* the result
is a tree.

This module minimises cost.  For a maximum-weight arborescence pass negated
weights (``{edge: -weight}``): the optimum is the same tree.

Ties are broken by node id, never by input order: nodes and edges are sorted
before the algorithm runs, so ``best_parents`` is a function of the *set* of
nodes and the *mapping* of edge costs alone.  Among equally cheap incoming
edges the root comes first, then the parent with the smallest id.

Complexity: O(V * E) time and O(V + E) memory for V nodes and E edges (at most
V - 1 contractions, each an O(E) pass over the edges); no recursion, so long
chains never hit the interpreter's recursion limit.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

__all__ = ["best_parents", "tree_cost"]

# An edge inside the algorithm: (source, target, cost, index into the
# original edge list).  Plain tuples, not objects: the inner loops touch
# every edge once per contraction.
_Edge = tuple[int, int, float, int]


def best_parents(
    nodes: Sequence[str], edges: Mapping[tuple[str | None, str], float]
) -> dict[str, str | None]:
    """The parent of each node in a minimum-cost spanning arborescence.

    ``edges`` maps ``(parent, child)`` to the cost of giving ``child`` that
    parent; a parent of ``None`` is the virtual root (the child has no
    observed parent).  A node without an edge from the root can still hang
    below another node.  The answer maps each node (sorted by id) to its
    parent, ``None`` for a child of the root; following parents from any node
    always ends at the root.

    Raises ``ValueError`` for duplicate nodes, edges naming unknown nodes,
    self-loops, non-finite costs, or nodes the root cannot reach.

    >>> best_parents(["a", "b"], {(None, "a"): 1.0, (None, "b"): 5.0, ("a", "b"): 2.0})
    {'a': None, 'b': 'a'}
    >>> best_parents(["a", "b"], {(None, "a"): 9.0, ("b", "a"): 1.0, ("a", "b"): 1.0,
    ...                           (None, "b"): 9.0})
    {'a': None, 'b': 'a'}
    """
    names = sorted(nodes)
    if len(set(names)) != len(names):
        duplicates = sorted({name for name in names if names.count(name) > 1})
        raise ValueError(f"duplicate nodes: {duplicates}")
    # Index 0 is the root, so on equal cost the root is preferred; then ids in
    # sorted order.
    index: dict[str | None, int] = {None: 0}
    for position, name in enumerate(names, start=1):
        index[name] = position

    keyed: list[tuple[int, int, float]] = []
    for (parent, child), cost in edges.items():
        if child not in index or child is None:
            raise ValueError(f"edge ({parent!r}, {child!r}): unknown child {child!r}")
        if parent not in index:
            raise ValueError(f"edge ({parent!r}, {child!r}): unknown parent {parent!r}")
        if parent == child:
            raise ValueError(f"edge ({parent!r}, {child!r}) is a self-loop")
        cost = float(cost)
        if not math.isfinite(cost):
            raise ValueError(f"edge ({parent!r}, {child!r}) has cost {cost}")
        keyed.append((index[child], index[parent], cost))
    keyed.sort()  # canonical order: the answer never depends on the mapping's order
    edge_list: list[_Edge] = [
        (parent, child, cost, i) for i, (child, parent, cost) in enumerate(keyed)
    ]

    _check_reachable(len(names) + 1, edge_list, names)
    chosen = _edmonds(len(names) + 1, edge_list)
    result: dict[str, str | None] = {}
    for edge_id in chosen:
        source, target, _, _ = edge_list[edge_id]
        result[names[target - 1]] = None if source == 0 else names[source - 1]
    return {name: result[name] for name in names}


def tree_cost(
    parents: Mapping[str, str | None], edges: Mapping[tuple[str | None, str], float]
) -> float:
    """Total cost of a parent assignment (``KeyError`` if it uses a missing edge)."""
    return sum(edges[(parent, child)] for child, parent in parents.items())


def _check_reachable(size: int, edges: list[_Edge], names: list[str]) -> None:
    children: list[list[int]] = [[] for _ in range(size)]
    for parent, child, _, _ in edges:
        children[parent].append(child)
    seen = [False] * size
    seen[0] = True
    stack = [0]
    while stack:
        for child in children[stack.pop()]:
            if not seen[child]:
                seen[child] = True
                stack.append(child)
    unreachable = [names[i - 1] for i in range(1, size) if not seen[i]]
    if unreachable:
        raise ValueError(f"no spanning arborescence: the root cannot reach {unreachable}")


def _edmonds(size: int, edges: list[_Edge]) -> list[int]:
    """Ids of the chosen edges; node 0 is the root and reaches every node."""
    # Each level records what the expansion needs: the cheapest edge into each
    # node and, for the contracted cycle, its members and the new node's id.
    levels: list[tuple[list[_Edge | None], list[int], int, dict[int, int]]] = []
    current = edges
    while True:
        best: list[_Edge | None] = [None] * size
        for edge in current:
            target = edge[1]
            incumbent = best[target]
            # Strictly cheaper only: edges arrive sorted (target, source, cost),
            # so the first of equal costs has the smallest source.
            if incumbent is None or edge[2] < incumbent[2]:
                best[target] = edge
        cycle = _find_cycle(size, best)
        if cycle is None:
            chosen = [edge[3] for edge in best[1:] if edge is not None]
            break
        in_cycle = set(cycle)
        # Renumber: nodes outside the cycle keep their order, the cycle becomes
        # one node after them.
        renumber: dict[int, int] = {}
        for node in range(size):
            if node not in in_cycle:
                renumber[node] = len(renumber)
        merged = len(renumber)
        for node in cycle:
            renumber[node] = merged
        contracted: list[_Edge] = []
        # Which cycle member each edge into the merged node enters, keyed by
        # the edge's original id (unique at every level).
        enters: dict[int, int] = {}
        for source, target, cost, edge_id in current:
            new_source, new_target = renumber[source], renumber[target]
            if new_source == new_target:
                continue
            if target in in_cycle:
                # Entering the cycle at ``target`` breaks the cycle edge into
                # ``target``: the cost is relative to keeping that edge.
                incoming = best[target]
                assert incoming is not None
                cost -= incoming[2]
                enters[edge_id] = target
            contracted.append((new_source, new_target, cost, edge_id))
        contracted.sort(key=lambda edge: (edge[1], edge[0], edge[2], edge[3]))
        levels.append((best, cycle, merged, enters))
        current = contracted
        size = merged + 1

    # Expand the contractions, innermost first: the edge chosen into each
    # merged node says which cycle edge to drop; the others stay.
    for best, cycle, _merged, enters in reversed(levels):
        entry = next(edge_id for edge_id in chosen if edge_id in enters)
        broken = enters[entry]
        for node in cycle:
            if node != broken:
                kept = best[node]
                assert kept is not None
                chosen.append(kept[3])
    return chosen


def _find_cycle(size: int, best: list[_Edge | None]) -> list[int] | None:
    """A cycle among the cheapest incoming edges (lowest start first), if any."""
    state = [0] * size  # 0 unvisited, 1 on the current walk, 2 done
    state[0] = 2
    for start in range(1, size):
        walk: list[int] = []
        node = start
        while state[node] == 0:
            state[node] = 1
            walk.append(node)
            edge = best[node]
            assert edge is not None  # every node is reachable, so has an incoming edge
            node = edge[0]
        if state[node] == 1:
            return walk[walk.index(node) :]
        for visited in walk:
            state[visited] = 2
    return None
