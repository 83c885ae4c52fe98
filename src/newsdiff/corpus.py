"""Corpus-level settings and steps shared by the SQLite index and the Dask job.

Plain, picklable functions: which documents are candidates for a query
given shared fingerprint keys, and how derived pairs join into clusters.
Keeping them here is what makes the single-machine index and the
distributed job give the same clusters.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from newsdiff._disjoint import DisjointSets
from newsdiff._options import unit_interval

__all__ = [
    "IndexOptions",
    "components",
    "key_limit",
    "propose_candidates",
    "rank_candidates",
]


@attrs.frozen(kw_only=True)
class IndexOptions:
    """Retrieval settings.

    ``candidates``: most candidates aligned per query.
    ``min_shared``: least fingerprint keys a candidate must share.
    ``min_key_share``: least share of the smaller fingerprint shared.
    ``max_key_docs``: keys held by more documents than this (or than
    ``max_key_fraction`` of the corpus, whichever is larger) are too common
    to retrieve by.
    """

    candidates: int = attrs.field(default=20, validator=attrs.validators.ge(1))
    min_shared: int = attrs.field(default=3, validator=attrs.validators.ge(1))
    min_key_share: float = attrs.field(default=0.05, validator=unit_interval)
    max_key_docs: int = attrs.field(default=200, validator=attrs.validators.ge(1))
    max_key_fraction: float = attrs.field(default=0.01, validator=unit_interval)

    def evolve(self, **changes: Any) -> IndexOptions:
        """A copy with some settings changed."""
        return attrs.evolve(self, **changes)


def key_limit(max_key_docs: int, max_key_fraction: float, corpus_size: int) -> int:
    """Keys held by more documents than this are too common to retrieve by."""
    return max(max_key_docs, int(max_key_fraction * corpus_size))


def rank_candidates(
    shared: Mapping[str, int],
    sizes: Mapping[str, int],
    query_size: int,
    *,
    min_shared: int,
    min_key_share: float,
    limit: int,
    exclude: str | None = None,
) -> list[tuple[str, float]]:
    """Candidates ``(id, share)`` best first, at most ``limit``.

    ``shared[id]`` counts the usable keys a document shares with the query;
    ``share`` is that count over the smaller of the two fingerprints (so a
    short copy of a long story scores as high as the story's own copy).
    Ties break on the id, so the ranking is deterministic.
    """
    ranked: list[tuple[float, str]] = []
    for doc_id, count in shared.items():
        if doc_id == exclude or count < min_shared:
            continue
        smaller = min(sizes[doc_id], query_size)
        share = count / smaller if smaller else 0.0
        if share >= min_key_share:
            ranked.append((share, doc_id))
    ranked.sort(key=lambda item: (-item[0], item[1]))
    return [(doc_id, share) for share, doc_id in ranked[:limit]]


def propose_candidates(
    copies: Iterable[str],
    shared: Mapping[str, int],
    sizes: Mapping[str, int],
    query_size: int,
    options: IndexOptions,
    *,
    exclude: str | None = None,
    borrowed_min_keys: int | None = None,
) -> list[tuple[str, float]]:
    """A query's candidates ``(id, share)`` in the corpus's order, at most
    ``options.candidates``: its identical copies first (share 1, by id;
    found by the whole-text key, whatever the thresholds), then the others
    as :func:`rank_candidates` ranks them over ``shared`` usable keys.

    ``borrowed_min_keys``: a candidate sharing at least this many keys is
    kept under ``options.min_key_share`` too (a paragraph borrowed by a
    long document; :data:`newsdiff.collation.BORROWED_MIN_KEYS`).
    The index, the in-memory retrieval of ``collate`` and the Dask job all
    order candidates here, so that they propose the same pairs.
    """
    found = [(doc_id, 1.0) for doc_id in sorted(set(copies) - {exclude})]
    del found[options.candidates :]
    taken = {doc_id for doc_id, _ in found}
    ranked = rank_candidates(
        shared,
        sizes,
        query_size,
        min_shared=options.min_shared,
        min_key_share=options.min_key_share if borrowed_min_keys is None else 0.0,
        limit=len(shared),
        exclude=exclude,
    )
    for doc_id, share in ranked:
        if len(found) >= options.candidates:
            break
        if doc_id in taken:
            continue
        if share < options.min_key_share and (
            borrowed_min_keys is None or shared[doc_id] < borrowed_min_keys
        ):
            continue
        found.append((doc_id, share))
    return found


def components(ids: Iterable[str], pairs: Iterable[tuple[str, str]]) -> list[tuple[str, ...]]:
    """Connected components of ``pairs`` over ``ids``: sorted members,
    largest component first, then by first id; singletons included."""
    sets: DisjointSets[str] = DisjointSets(ids)
    for first, second in pairs:
        sets.union(first, second)
    groups = sets.groups(sorted(sets.parent))
    return sorted((tuple(members) for members in groups), key=lambda g: (-len(g), g))
