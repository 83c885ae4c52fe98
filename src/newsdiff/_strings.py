"""Small string helpers shared by modules that compare texts."""

from __future__ import annotations


def common_prefix_length(one: str, other: str) -> int:
    """The length of the longest string both ``one`` and ``other`` start with.

    >>> common_prefix_length("restraint", "restrained"), common_prefix_length("", "a")
    (8, 0)
    """
    for k, (mine, theirs) in enumerate(zip(one, other, strict=False)):
        if mine != theirs:
            return k
    return min(len(one), len(other))
