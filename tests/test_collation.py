"""Collation: its invariant checker after every build, pairs never aligned,
and each sentence text described once per run."""

from __future__ import annotations

import contextlib
import importlib
from pathlib import Path
from unittest import mock

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import newsdiff as nd
from news_strategies import texts
from newsdiff.collation import BORROWED_MIN_KEYS, Collation
from newsdiff.fingerprint import fingerprint
from newsdiff.similarity import Features, features
from newsdiff.text.tokenize import TokenInfo

SEEDS = sorted((Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))


def _seeds() -> list[nd.Document]:
    return [nd.Document.from_file(path, id=path.name[:3]) for path in SEEDS]


@pytest.mark.parametrize("all_pairs", [False, True])
def test_seed_collation_passes_its_checker(all_pairs: bool) -> None:
    collation = nd.collate(_seeds(), all_pairs=all_pairs)
    collation._check()
    assert collation.families
    if all_pairs:
        assert len(collation.alignments) == 10


@settings(max_examples=30, deadline=None)
@given(st.lists(texts, min_size=0, max_size=5), st.booleans())
def test_any_collation_passes_its_checker(bodies: list[str], all_pairs: bool) -> None:
    docs = [nd.Document.from_text(text, id=f"d{n}") for n, text in enumerate(bodies)]
    collation = nd.collate(docs, all_pairs=all_pairs)
    collation._check()
    nd.provenance(docs, all_pairs=all_pairs)._check()  # checks its collation too


def test_checker_catches_a_broken_collation() -> None:
    collation = nd.collate(_seeds())
    family = collation.families[0]
    # A family that lost a cell: its linked sentences are no longer partitioned.
    broken = Collation(
        collation.documents,
        (attrs.evolve(family, cells=family.cells[:1]), *collation.families[1:]),
        collation.alignments,
    )
    with pytest.raises(AssertionError):
        broken._check()
    # A cell naming a sentence its document lacks.
    cell = attrs.evolve(family.cells[0], sentences=(10_000,))
    broken = Collation(
        collation.documents,
        (attrs.evolve(family, cells=(cell, *family.cells[1:])), *collation.families[1:]),
        collation.alignments,
    )
    with pytest.raises(AssertionError):
        broken._check()


def test_a_pair_never_aligned_has_an_empty_alignment_and_is_non_derived() -> None:
    docs = _seeds()
    graph = nd.provenance(docs)
    collation = graph.collation
    # 002 and 003 are independent reports of the same event: paraphrases at
    # most, no shared wording to retrieve them as a pair by.
    assert not collation.aligned("002", "003")
    assert "003" not in collation.partners("002")
    alignment = collation.alignment("002", "003")
    alignment._check()
    assert alignment.links == ()
    alignable = (nd.Role.BODY, nd.Role.HEADLINE, nd.Role.SUBHEAD)
    assert alignment.unmatched_a == tuple(
        s.index for s in collation.document("002").sentences if s.role in alignable
    )
    assert collation.alignment("003", "002").unmatched_a == alignment.unmatched_b
    relation = graph.relation("002", "003")
    assert (relation.derivation, relation.direction, relation.confidence) == (
        "non-derived",
        "unknown",
        1.0,
    )
    assert [clue.name for clue in relation.evidence] == ["retrieval"]
    assert relation not in graph.relations  # relations hold the aligned pairs only
    with pytest.raises(nd.InputError):
        collation.alignment("002", "nope")
    with pytest.raises(nd.InputError, match="itself"):
        collation.alignment("002", "002")
    with pytest.raises(nd.InputError):
        graph.relation("nope", "002")


def test_profiles_read_only_aligned_partners() -> None:
    docs = _seeds()
    fast, slow = nd.collate(docs), nd.collate(docs, all_pairs=True)
    for doc in docs:
        profile = fast.profile(doc.id)
        assert sum(profile.to_dict().values()) == pytest.approx(1.0)
    # 000 (the spun copy) is aligned with 001 and 004 only: its paraphrases
    # of the independent reports are what the all-pairs profile adds.
    assert fast.partners("000") == ("001", "004")
    assert fast.profile("000").new >= slow.profile("000").new
    # A document whose skipped pairs share nothing has the same profile.
    for doc in docs:
        skipped = [other.id for other in docs if not fast.aligned(doc.id, other.id)]
        if not any(slow.alignment(doc.id, other).links for other in skipped if other != doc.id):
            assert fast.profile(doc.id) == slow.profile(doc.id)


def test_each_sentence_text_is_described_once_per_run() -> None:
    # Every module that computes features, whatever path it takes.
    calls: list[str] = []

    def counting(text: str, memo: dict[str, TokenInfo] | None = None) -> Features:
        calls.append(text)
        return features(text, memo)

    with contextlib.ExitStack() as stack:
        for module in ("_features", "aligner", "fingerprint", "similarity", "graph", "derivation"):
            target = importlib.import_module(f"newsdiff.{module}")
            if hasattr(target, "features"):
                stack.enter_context(mock.patch.object(target, "features", counting))
        nd.provenance(_seeds())
    assert calls
    assert len(calls) == len(set(calls))


def test_progress_counts_the_aligned_pairs() -> None:
    seen: list[tuple[int, int]] = []
    collation = nd.collate(_seeds(), progress=lambda done, total: seen.append((done, total)))
    assert seen == [(n, len(collation.alignments)) for n in range(1, len(seen) + 1)]
    assert len(seen) == len(collation.alignments)


def test_retrieval_options_bound_the_pairs_aligned() -> None:
    docs = _seeds()
    one = nd.collate(docs, retrieval=nd.IndexOptions(candidates=1))
    one._check()
    # Each document proposes one partner: at most one pair per document.
    assert len(one.alignments) <= len(docs)
    # A key shared by more documents than max_key_docs is too common: with a
    # limit of 1 no key is usable, and only identical texts would pair up.
    none = nd.collate(docs, retrieval=nd.IndexOptions(max_key_docs=1, max_key_fraction=0.0))
    none._check()
    assert none.alignments == {} and none.families == ()


def test_a_borrowed_paragraph_is_retrieved_whatever_its_share() -> None:
    # 003 with one paragraph of 002 appended: a few keys of two long
    # fingerprints, under the index's min_key_share, yet a derived pair.
    texts = {path.name[:3]: path.read_text(encoding="utf-8") for path in SEEDS}
    borrowed = next(p for p in texts["002"].split("\n\n") if p.startswith('"The security forces'))
    a = nd.Document.from_text(texts["002"], id="a")
    b = nd.Document.from_text(texts["003"] + "\n\n" + borrowed, id="b")
    shared = fingerprint(a) & fingerprint(b)
    assert BORROWED_MIN_KEYS <= len(shared) < 0.05 * min(len(fingerprint(a)), len(fingerprint(b)))
    assert nd.IndexOptions().min_key_share == 0.05
    assert nd.collate([a, b]).aligned("a", "b")
    assert nd.derive(a, b).derived
