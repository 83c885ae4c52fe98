"""Disjoint sets (union-find), the one used wherever links join into groups:
sentence families, sibling documents, story clusters, reused passages."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Generic, TypeVar

__all__ = ["DisjointSets"]

# Orderable items: the lower root of two joined sets becomes the root, so a
# grouping never depends on the order the links arrive in.
T = TypeVar("T", int, str, tuple[str, int])


class DisjointSets(Generic[T]):
    """Union-find with path halving; items join on first use."""

    def __init__(self, items: Iterable[T] = ()) -> None:
        self.parent: dict[T, T] = {item: item for item in items}

    def find(self, item: T) -> T:
        parent = self.parent.setdefault(item, item)
        while parent != item:  # iterative: long chains never hit the recursion limit
            grandparent = self.parent[parent]
            self.parent[item] = grandparent
            item, parent = grandparent, self.parent[grandparent]
        return item

    def union(self, first: T, second: T) -> None:
        root_a, root_b = self.find(first), self.find(second)
        if root_a != root_b:
            low, high = (root_a, root_b) if root_a < root_b else (root_b, root_a)
            self.parent[high] = low

    def same(self, first: T, second: T) -> bool:
        return self.find(first) == self.find(second)

    def groups(self, order: Iterable[T]) -> list[list[T]]:
        """The sets of the items in ``order``, each listed in that order,
        the sets ordered by their first item."""
        grouped: dict[T, list[T]] = {}
        for item in order:
            grouped.setdefault(self.find(item), []).append(item)
        return list(grouped.values())
