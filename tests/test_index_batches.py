"""The index's batched adds and its clustering run's shared caches give the
answers of the plain, one-document-at-a-time rules."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest

import newsdiff as nd
import newsdiff.index as index_module
from newsdiff.corpus import IndexOptions, components, propose_candidates
from newsdiff.errors import ArgumentTypeError, InputError
from newsdiff.index import Index

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from syndication import DEFAULT_MIX, PseudoLanguage, derive_copy  # noqa: E402

SPIN = {"spin": 0.6, "copy": 0.1, "edit": 0.1, "drop": 0.2}


def _corpus(stories: int) -> list[nd.Document]:
    """Wire stories with zero to three copies each (every second one
    heavily spun), one identical copy, and a brief with its copy: the
    cases that join clusters by alignment and by the whole-text key."""
    language = PseudoLanguage(seed=3)
    docs = []
    for story in range(stories):
        text = language.story(12, seed=story)
        source = derive_copy(text, seed=story, synonyms=language.synonyms).source
        docs.append(nd.Document.from_text(source, id=f"s{story:03d}"))
        for copy in range(story % 4):
            pair = derive_copy(
                text,
                seed=story * 10 + copy,
                synonyms=language.synonyms,
                keep=0.3,
                mix=SPIN if copy % 2 else DEFAULT_MIX,
            )
            docs.append(nd.Document.from_text(pair.copy, id=f"s{story:03d}-c{copy}"))
    docs.append(nd.Document.from_text(docs[0].text, id="s000-identical"))
    docs.append(nd.Document.from_text("Brief: the vote was delayed.", id="brief-a"))
    docs.append(nd.Document.from_text("Brief: the vote  was delayed.", id="brief-b"))
    return docs


def _reference_clusters(index: Index) -> list[tuple[str, ...]]:
    """The clustering rule, plainly: every document's candidates, each
    pair derived with a fresh parse and no shared table, identical copies
    joined; no pair skipped."""
    pairs = []
    for doc_id in index.ids():
        doc = index.get(doc_id)
        for other, _ in index.candidates(doc, exclude=doc_id):
            identical = " ".join(doc.text.split()) == " ".join(index.get(other).text.split())
            if identical or nd.derive(index.get(doc_id), index.get(other)).derived:
                pairs.append((doc_id, other))
    return components(index.ids(), pairs)


def test_clusters_equal_the_plain_rule_whatever_the_caches_hold(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with Index() as index:
        index.add_all(_corpus(24))
        expected = _reference_clusters(index)
        assert [cluster.ids for cluster in index.clusters()] == expected
        # Caches too small to hold a story: documents re-parsed, features
        # recomputed, the same answer.
        monkeypatch.setattr(index_module, "_RUN_DOCUMENTS", 2)
        monkeypatch.setattr(index_module, "_RUN_FEATURES", 20)
        assert [cluster.ids for cluster in index.clusters()] == expected
    assert any(len(members) > 2 for members in expected)
    assert ("brief-a", "brief-b") in expected


def _postings(index: Index) -> set[tuple[str, int]]:
    return set(
        index._db.execute(
            "SELECT d.id, p.key FROM postings p JOIN documents d ON d.rowid = p.doc"
        ).fetchall()
    )


@pytest.mark.parametrize("atomic", [False, True])
def test_batches_file_what_single_adds_file(monkeypatch: pytest.MonkeyPatch, atomic: bool) -> None:
    docs = _corpus(8)
    monkeypatch.setattr(index_module, "BATCH", 3)  # batch boundaries inside the corpus
    seen: list[int] = []
    with Index() as one_by_one, Index() as batched:
        for doc in docs:
            one_by_one.add(doc)
        added = batched.add_all(docs, progress=lambda done, total: seen.append(done), atomic=atomic)
        assert added == len(docs) == len(batched)
        assert seen == list(range(1, len(docs) + 1))
        assert _postings(batched) == _postings(one_by_one)
        assert batched.ids() == one_by_one.ids()


def test_a_refused_document_keeps_the_ones_before_it_unless_atomic(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    docs = _corpus(4)[:6]
    monkeypatch.setattr(index_module, "BATCH", 4)
    repeated = [*docs[:5], docs[1], docs[5]]  # the repeat is inside the second batch
    with Index() as index:
        with pytest.raises(InputError, match="already in"):
            index.add_all(repeated)
        assert index.ids() == sorted(doc.id for doc in docs[:5])
    with Index() as index:
        with pytest.raises(InputError, match="already in"):
            index.add_all(repeated, atomic=True)
        assert len(index) == 0
    with Index() as index:
        with pytest.raises(ArgumentTypeError):
            index.add_all([*docs[:2], "not a document", docs[2]])  # type: ignore[list-item]
        assert index.ids() == sorted(doc.id for doc in docs[:2])


def test_a_document_replaced_within_its_batch_keeps_only_the_new_keys() -> None:
    first = nd.Document.from_text("The vote was delayed on Monday after a long debate.", id="x")
    second = nd.Document.from_text("Two guards were hurt in the attack on the post.", id="x")
    with Index() as alone, Index() as index:
        alone.add(second)
        index.add_all([first, second], on_duplicate="replace")
        assert len(index) == 1
        assert index.get("x").text == second.text
        assert _postings(index) == _postings(alone)


def test_postings_left_unfiled_by_a_crash_are_filed_at_the_next_opening(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    docs = _corpus(6)
    monkeypatch.setattr(index_module, "BATCH", 4)
    with Index() as whole:
        whole.add_all(docs)
        expected = _postings(whole)
    path = tmp_path / "crashed.db"
    with monkeypatch.context() as crash:
        # A run killed before its end: documents committed, postings not filed.
        crash.setattr(Index, "_file_postings", lambda self: None)
        with Index(path) as index:
            index.add_all(docs)
            assert len(index) == len(docs) and not _postings(index)
    with Index(path) as index:
        assert _postings(index) == expected
        assert index._db.execute("SELECT COUNT(*) FROM unfiled").fetchone()[0] == 0
        index.remove(docs[0].id)  # an unfiled document goes with its postings too
        assert {doc_id for doc_id, _ in _postings(index)} == {doc.id for doc in docs[1:]}


def test_an_interrupted_run_files_the_postings_of_its_committed_batches(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    docs = _corpus(6)
    monkeypatch.setattr(index_module, "BATCH", 4)

    def interrupt(done: int, total: int) -> None:
        if done == 5:  # inside the second batch, after the first committed
            raise KeyboardInterrupt

    with Index() as index:
        with pytest.raises(KeyboardInterrupt):
            index.add_all(docs, progress=interrupt)
        kept = index.ids()
        assert kept and len(kept) < len(docs)
        # This very object finds what it kept, without another add or a reopening.
        assert index._db.execute("SELECT COUNT(*) FROM unfiled").fetchone()[0] == 0
        assert {doc_id for doc_id, _ in _postings(index)} == set(kept)
        first = index.get(kept[0])
        assert index.candidates(first)[0][0] == first.id


def test_a_new_file_has_the_larger_pages(tmp_path: Path) -> None:
    with Index(tmp_path / "new.db") as index:
        assert index._db.execute("PRAGMA page_size").fetchone()[0] == index_module._PAGE_BYTES


def test_opening_never_waits_for_another_writer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "busy.db"
    docs = _corpus(2)
    with monkeypatch.context() as crash:
        crash.setattr(Index, "_file_postings", lambda self: None)  # postings left unfiled
        with Index(path) as index:
            index.add_all(docs)
    with monkeypatch.context() as quiet:
        quiet.setattr(Index, "_recover", lambda self: None)
        writer = Index(path)
    with writer:
        writer._db.execute("BEGIN IMMEDIATE")  # another process in the middle of a batch
        try:
            began = time.monotonic()
            with Index(path) as reader:  # would wait 60 s for the lock if recovery waited
                assert len(reader) == len(docs)
                unfiled = reader._db.execute("SELECT COUNT(*) FROM unfiled").fetchone()[0]
            assert time.monotonic() - began < 10
            assert unfiled == len(docs)  # left for the writer's run to file
        finally:
            writer._db.execute("ROLLBACK")
    with Index(path) as index:  # the lock is free again: filed at opening
        assert {doc_id for doc_id, _ in _postings(index)} == {doc.id for doc in docs}


def test_candidates_put_identical_copies_first_then_the_ranked_ones() -> None:
    options = IndexOptions(candidates=3, min_shared=2, min_key_share=0.5)
    shared = {"a": 9, "b": 2, "c": 8, "d": 3, "q": 10}
    sizes = {"a": 10, "b": 10, "c": 10, "d": 10, "q": 10}
    found = propose_candidates(["z", "q"], shared, sizes, 10, options, exclude="q")
    assert found == [("z", 1.0), ("a", 0.9), ("c", 0.8)]
    # A borrowed paragraph: few keys of a long document, kept from 3 keys.
    found = propose_candidates([], shared, sizes, 10, options, borrowed_min_keys=3)
    assert [doc_id for doc_id, _ in found] == ["q", "a", "c"]
    wide = options.evolve(candidates=10)
    found = propose_candidates([], shared, sizes, 10, wide, borrowed_min_keys=3)
    assert [doc_id for doc_id, _ in found] == ["q", "a", "c", "d"]
