"""The corpus job on Dask: fingerprint -> candidate pairs -> derive -> clusters.

Needs the optional extra ``newsdiff[dask]`` (``dask.distributed``).  The
steps are the index's (:mod:`newsdiff.corpus` holds the shared logic), laid
out for a cluster:

1. documents, as plain records ``(id, text)``, are spread over partitions
   and fingerprinted where they lie;
2. postings ``(key, id)`` are grouped by key (a shuffle); keys held by too
   many documents are dropped, as the index drops them; each remaining key
   yields the pairs of documents that hold it, counted per pair;
3. on the client, each document keeps its best ``candidates`` partners
   (:func:`newsdiff.corpus.rank_candidates`, as ``Index.candidates`` does);
4. every candidate pair is aligned and derived on the workers;
5. derived pairs are joined into clusters on the client.

Every function shipped to workers is a plain module-level function of
plain data, so the same job reads as a PySpark ``mapPartitions`` pipeline
(see ``docs/corpus.md``).
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Iterator
from itertools import combinations
from typing import Any

from newsdiff.corpus import components, key_limit, rank_candidates
from newsdiff.derive import DeriveOptions, derive
from newsdiff.document import Document
from newsdiff.errors import InputError
from newsdiff.fingerprint import fingerprint
from newsdiff.index import IndexOptions

__all__ = ["cluster_on_dask", "derived_pairs", "fingerprint_records"]

Record = tuple[str, str]  # (document id, text)


def fingerprint_records(records: Iterable[Record]) -> list[tuple[str, list[int]]]:
    """``(id, keys)`` for each record of a partition."""
    memo: dict[str, Any] = {}
    return [
        (doc_id, sorted(fingerprint(Document.from_text(text, id=doc_id), memo)))
        for doc_id, text in records
    ]


def _postings(item: tuple[str, list[int]]) -> Iterator[tuple[int, str]]:
    doc_id, keys = item
    return ((key, doc_id) for key in keys)


def _pairs_of_key(group: tuple[int, list[tuple[int, str]]], limit: int) -> list[tuple[str, str]]:
    _, postings = group
    holders = sorted({doc_id for _, doc_id in postings})
    if len(holders) > limit:
        return []  # too common to retrieve by, as in the index
    return list(combinations(holders, 2))


def derived_pairs(
    pairs: Iterable[tuple[str, str]], texts: dict[str, str], options: DeriveOptions | None
) -> list[tuple[str, str]]:
    """The pairs of a partition whose documents derive one from the other."""
    found = []
    for first, second in pairs:
        a = Document.from_text(texts[first], id=first)
        b = Document.from_text(texts[second], id=second)
        if derive(a, b, options).derived:
            found.append((first, second))
    return found


def cluster_on_dask(
    docs: Iterable[Document],
    client: Any,
    options: IndexOptions | None = None,
    derive_options: DeriveOptions | None = None,
    partitions: int | None = None,
) -> list[tuple[str, ...]]:
    """Story clusters of ``docs`` computed on the Dask ``client``'s cluster;
    the same clusters as ``Index.clusters()`` on the same documents."""
    try:
        # Typed as Any: dask.bag has no annotations for strict checking.
        bag: Any = importlib.import_module("dask.bag")
    except ImportError:  # pragma: no cover - depends on the environment
        raise InputError("the Dask job needs the extra: pip install 'newsdiff[dask]'") from None
    options = options or IndexOptions()
    records = [(doc.id, doc.text) for doc in docs]
    ids = [doc_id for doc_id, _ in records]
    if len(set(ids)) != len(ids):
        raise InputError("duplicate document ids")
    if not records:
        return []
    texts = dict(records)
    count = partitions or max(1, min(len(records), 4 * len(client.nthreads())))
    keyed = bag.from_sequence(records, npartitions=count).map_partitions(fingerprint_records)
    keyed = keyed.persist()
    sizes = dict(keyed.map(lambda item: (item[0], len(item[1]))).compute())
    limit = key_limit(options.max_key_docs, options.max_key_fraction, len(records))
    shared_pairs = (
        keyed.map(_postings)
        .flatten()
        .groupby(lambda posting: posting[0])
        .map(_pairs_of_key, limit)
        .flatten()
        .frequencies()
        .compute()
    )
    shared: dict[str, dict[str, int]] = {doc_id: {} for doc_id in ids}
    for (first, second), together in shared_pairs:
        shared[first][second] = together
        shared[second][first] = together
    candidates: set[tuple[str, str]] = set()
    for doc_id in ids:
        for other, _ in rank_candidates(
            shared[doc_id],
            sizes,
            sizes[doc_id],
            min_shared=options.min_shared,
            min_key_share=options.min_key_share,
            limit=options.candidates,
        ):
            candidates.add((doc_id, other) if doc_id < other else (other, doc_id))
    if not candidates:
        return components(ids, [])
    scattered = client.scatter(texts, broadcast=True)
    pairs = bag.from_sequence(sorted(candidates), npartitions=count)
    derived = pairs.map_partitions(derived_pairs, scattered, derive_options).compute()
    return components(ids, derived)
