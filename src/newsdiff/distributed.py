"""The corpus job on Dask: fingerprint -> candidate pairs -> derive -> clusters.

Needs the optional extra ``newsdiff[dask]`` (``dask.distributed``).  The
steps are the index's (:mod:`newsdiff.corpus` holds the shared logic), laid
out for a cluster:

1. documents, as plain records ``(id, text)``, are spread over partitions
   and fingerprinted where they lie;
2. postings ``(key, id)`` are shuffled by key: each partition splits its
   postings into buckets by key hash, each bucket is merged on a worker,
   keys held by too many documents are dropped (as the index drops them),
   and each remaining key counts one for every pair of documents holding
   it; only the pair counts come back to the client;
3. on the client, each document keeps its best ``candidates`` partners
   (:func:`newsdiff.corpus.propose_candidates`, as ``Index.candidates``
   does: identical copies first, then the ranked ones);
4. every candidate pair is aligned and derived on the workers, each
   partition parsing its documents once and sharing one feature table;
5. derived pairs, and identical copies (same exact whole-text key, as in
   the index: found and joined however short they are), are joined into
   clusters on the client.

Every function shipped to workers is a plain module-level function of
plain data, so the same job reads as a PySpark ``mapPartitions`` pipeline
(see ``docs/corpus.md``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from itertools import combinations
from typing import Any

from newsdiff._features import FeatureTable
from newsdiff.aligner import align
from newsdiff.corpus import IndexOptions, components, key_limit, propose_candidates
from newsdiff.derivation import DeriveOptions, relate
from newsdiff.document import Document
from newsdiff.errors import InputError
from newsdiff.fingerprint import exact_key, fingerprint

__all__ = [
    "bucket_postings",
    "cluster_on_dask",
    "count_shared",
    "derived_pairs",
    "exact_keys",
    "fingerprint_records",
    "fingerprint_sizes",
]

Record = tuple[str, str]  # (document id, text)


def fingerprint_records(records: Iterable[Record]) -> list[tuple[str, list[int]]]:
    """``(id, keys)`` for each record of a partition: the fingerprint, and
    the (negative) exact key first, as the index files them."""
    memo: dict[str, Any] = {}
    keyed = []
    for doc_id, text in records:
        doc = Document.from_text(text, id=doc_id)
        exact = exact_key(doc)
        keys = fingerprint(doc, memo) | (set() if exact is None else {exact})
        keyed.append((doc_id, sorted(keys)))
    return keyed


def fingerprint_sizes(keyed: list[tuple[str, list[int]]]) -> list[tuple[str, int]]:
    """``(id, fingerprint size)`` of a fingerprinted partition (the exact
    key left out, as in the index)."""
    return [(doc_id, sum(key >= 0 for key in keys)) for doc_id, keys in keyed]


def exact_keys(keyed: list[tuple[str, list[int]]]) -> list[tuple[int, str]]:
    """``(exact key, id)`` of a fingerprinted partition."""
    return [(key, doc_id) for doc_id, keys in keyed for key in keys if key < 0]


def bucket_postings(
    keyed: list[tuple[str, list[int]]], numbers: dict[str, int], buckets: int
) -> list[list[tuple[int, int]]]:
    """A partition's postings as ``(key, document number)`` pairs, sorted and
    split into ``buckets`` by key so that each bucket can be merged and
    counted on its own.  Numbers, not ids, keep the shuffled data small."""
    split: list[list[tuple[int, int]]] = [[] for _ in range(buckets)]
    for doc_id, keys in keyed:
        number = numbers[doc_id]
        for key in keys:
            if key >= 0:  # exact keys are matched apart (``exact_keys``)
                split[key % buckets].append((key, number))
    for part in split:
        part.sort()
    return split


def count_shared(
    parts: list[list[list[tuple[int, int]]]], bucket: int, limit: int
) -> Counter[tuple[int, int]]:
    """Merge bucket ``bucket`` of every partition and count, for each pair
    of document numbers, the keys they share; keys held by more than
    ``limit`` documents are too common to retrieve by, as in the index."""
    holders: dict[int, list[int]] = {}
    for part in parts:
        for key, number in part[bucket]:
            holders.setdefault(key, []).append(number)
    counts: Counter[tuple[int, int]] = Counter()
    for numbers in holders.values():
        if len(numbers) <= limit:
            counts.update(combinations(sorted(set(numbers)), 2))
    return counts


def derived_pairs(
    pairs: Iterable[tuple[str, str]], texts: dict[str, str], options: DeriveOptions | None
) -> list[tuple[str, str]]:
    """The pairs of a partition whose documents derive one from the other.

    Each document is parsed once per partition and each sentence described
    once per partition (one feature table for the task): a document takes
    part in several pairs, and its sentences recur in its copies."""
    options = options or DeriveOptions()
    table = FeatureTable()
    parsed: dict[str, Document] = {}

    def document(doc_id: str) -> Document:
        doc = parsed.get(doc_id)
        if doc is None:
            doc = parsed[doc_id] = Document.from_text(texts[doc_id], id=doc_id)
        return doc

    found = []
    for first, second in pairs:
        alignment = align(document(first), document(second), _features=table)
        if relate(alignment, options, _features=table).derived:
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
    options = options or IndexOptions()
    records = [(doc.id, doc.text) for doc in docs]
    ids = [doc_id for doc_id, _ in records]
    if len(set(ids)) != len(ids):
        raise InputError("duplicate document ids")
    if not records:
        return []
    texts = dict(records)
    count = partitions or max(1, min(len(records), 4 * len(client.nthreads())))
    chunks = [records[k::count] for k in range(count)]
    keyed = client.map(fingerprint_records, chunks)
    sizes = dict(
        pair for part in client.gather(client.map(fingerprint_sizes, keyed)) for pair in part
    )
    copies: dict[int, list[str]] = {}
    whole: dict[str, int] = {}
    for part in client.gather(client.map(exact_keys, keyed)):
        for key, doc_id in part:
            copies.setdefault(key, []).append(doc_id)
            whole[doc_id] = key
    limit = key_limit(options.max_key_docs, options.max_key_fraction, len(records))
    # A hash-partitioned shuffle of the postings: each partition splits its
    # postings into buckets by key, each bucket is merged and counted where
    # it lands, and only the pair counts come back.
    numbers = {doc_id: number for number, doc_id in enumerate(ids)}
    (numbered,) = client.scatter([numbers], broadcast=True)
    buckets = len(client.nthreads())
    split = client.map(bucket_postings, keyed, numbers=numbered, buckets=buckets)
    counted = [client.submit(count_shared, split, b, limit) for b in range(buckets)]
    shared: dict[str, dict[str, int]] = {doc_id: {} for doc_id in ids}
    for counts in client.gather(counted):
        for (first, second), together in counts.items():
            shared[ids[first]][ids[second]] = together
            shared[ids[second]][ids[first]] = together
    # Identical copies join without alignment, as in Index.clusters.
    identical = [(group[0], other) for group in copies.values() for other in group[1:]]
    candidates: set[tuple[str, str]] = set()
    for doc_id in ids:
        group = copies[whole[doc_id]] if doc_id in whole else []
        for other, _ in propose_candidates(
            group, shared[doc_id], sizes, sizes[doc_id], options, exclude=doc_id
        ):
            if other not in group:  # identical copies are joined without alignment
                candidates.add((doc_id, other) if doc_id < other else (other, doc_id))
    if not candidates:
        return components(ids, identical)
    # One future for the whole mapping (scattering a dict would scatter
    # every text as its own task).
    (scattered,) = client.scatter([texts], broadcast=True)
    ordered = sorted(candidates)
    # Contiguous runs of the sorted pairs: a document's pairs (and its
    # story's) then fall in few partitions, each of which parses it once.
    size = -(-len(ordered) // count)
    jobs = client.map(
        derived_pairs,
        [ordered[start : start + size] for start in range(0, len(ordered), size)],
        texts=scattered,
        options=derive_options,
    )
    derived = [pair for part in client.gather(jobs) for pair in part]
    return components(ids, derived + identical)
