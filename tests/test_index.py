"""The corpus index: storage, retrieval that survives spin, clusters, and
the database's failure modes (other versions, junk files, two writers,
interrupted runs)."""

from __future__ import annotations

import multiprocessing
import sqlite3
import sys
from pathlib import Path

import pytest

import newsdiff as nd
from newsdiff import cli
from newsdiff.fingerprint import fingerprint
from newsdiff.index import SCHEMA_VERSION, Index

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from syndication import PseudoLanguage, derive_copy, seed_stories  # noqa: E402


def _seeds() -> list[nd.Document]:
    return [nd.Document.from_file(path, id=path.name[:3]) for path in SEEDS]


def test_seeds_cluster_into_the_afp_family_and_two_independent_reports() -> None:
    with Index() as index:
        for doc in _seeds():
            index.add(doc)
        assert [cluster.ids for cluster in index.clusters()] == [
            ("000", "001", "004"),
            ("002",),
            ("003",),
        ]
        matches = index.query(index.get("000"))
        assert [match.id for match in matches] == ["001", "004"]  # most reused first
        assert all(match.relation.derived for match in matches)
        graph = index.clusters()[0].graph()
        assert graph.spun == ("000",)


def test_spun_copies_are_retrieved() -> None:
    # Every story's heavily spun copy finds its source among 40 stories.
    language = PseudoLanguage(seed=3)
    stories = [language.story(20, seed=k) for k in range(40)]
    with Index() as index:
        for k, story in enumerate(stories):
            source = derive_copy(story, seed=k, synonyms=language.synonyms, keep=0.3).source
            index.add(nd.Document.from_text(source, id=f"story-{k:02d}"))
        found = 0
        for k, story in enumerate(stories):
            pair = derive_copy(
                story,
                seed=k,
                synonyms=language.synonyms,
                keep=0.3,
                mix={"spin": 0.7, "copy": 0.1, "drop": 0.2},
            )
            matches = index.query(nd.Document.from_text(pair.copy, id=f"copy-{k:02d}"))
            found += bool(matches) and matches[0].id == f"story-{k:02d}"
        assert found == len(stories)


def test_add_remove_replace_and_lookup(tmp_path: Path) -> None:
    path = tmp_path / "wire.db"
    first, second = _seeds()[:2]
    with Index(path) as index:
        index.add(first)
        index.add(second)
        assert len(index) == 2 and "000" in index and index.ids() == ["000", "001"]
        with pytest.raises(nd.InputError, match="already in"):
            index.add(first)
        index.add(nd.Document.from_text("Replaced text of the story.", id="000"), "replace")
        assert index.get("000").text == "Replaced text of the story."
        index.remove("001")
        with pytest.raises(nd.InputError, match="no document '001'"):
            index.remove("001")
        with pytest.raises(nd.InputError, match="no document"):
            index.get("001")
    with Index(path) as reopened:  # persisted
        assert reopened.ids() == ["000"]
        count = reopened._db.execute("SELECT COUNT(*) FROM postings").fetchone()[0]
        # The fingerprint, plus the exact key of the whole text.
        assert count == len(fingerprint(reopened.get("000"))) + 1


def test_other_versions_and_junk_files_give_clear_errors(tmp_path: Path) -> None:
    old = tmp_path / "old.db"
    with Index(old):
        pass
    with sqlite3.connect(old) as db:
        db.execute("UPDATE meta SET value = 'newsdiff.index/0' WHERE key = 'schema'")
    with pytest.raises(nd.InputError, match=r"index schema newsdiff.index/0, but this newsdiff"):
        Index(old)
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not a database at all" * 100)
    with pytest.raises(nd.InputError, match="not a newsdiff index"):
        Index(junk)
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as db:
        db.execute("CREATE TABLE things (x)")
    with pytest.raises(nd.InputError, match="not a newsdiff index"):
        Index(other)
    with pytest.raises(nd.InputError, match="is a directory"):
        Index(tmp_path)
    assert SCHEMA_VERSION == "newsdiff.index/3"


# The layout newsdiff.index/2 wrote: postings found by document through an
# index, no fingerprint column.
_VERSION_2 = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE documents (
    rowid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, text TEXT NOT NULL,
    date TEXT, outlet TEXT, url TEXT, title TEXT, keys INTEGER NOT NULL
);
CREATE TABLE postings (
    key INTEGER NOT NULL,
    doc INTEGER NOT NULL REFERENCES documents(rowid) ON DELETE CASCADE,
    PRIMARY KEY (key, doc)
) WITHOUT ROWID;
CREATE INDEX postings_by_doc ON postings(doc);
"""


def test_a_version_2_index_is_upgraded_in_place(tmp_path: Path) -> None:
    docs = _seeds()
    with Index(tmp_path / "new.db") as index:
        index.add_all(docs)
        expected = [cluster.ids for cluster in index.clusters()]
        keys = {doc_id: index._stored_keys(doc_id) for doc_id in index.ids()}
    old = tmp_path / "old.db"
    with sqlite3.connect(old) as db:
        db.executescript(_VERSION_2)
        db.execute("ATTACH ? AS new", (str(tmp_path / "new.db"),))
        db.execute("INSERT INTO meta VALUES ('schema', 'newsdiff.index/2')")
        db.execute(
            "INSERT INTO documents SELECT rowid, id, text, date, outlet, url, title, keys "
            "FROM new.documents"
        )
        db.execute("INSERT INTO postings SELECT key, doc FROM new.postings")
    with Index(old) as index:
        assert {doc_id: index._stored_keys(doc_id) for doc_id in index.ids()} == keys
        assert [cluster.ids for cluster in index.clusters()] == expected
        index.remove("001")  # its postings go with it
        count = index._db.execute("SELECT COUNT(*) FROM postings").fetchone()[0]
        assert count == sum(len(keys[doc_id]) for doc_id in keys if doc_id != "001")
        names = {row[0] for row in index._db.execute("SELECT name FROM sqlite_master")}
        assert "postings_by_doc" not in names
    with sqlite3.connect(old) as db:
        assert db.execute("SELECT value FROM meta").fetchone()[0] == SCHEMA_VERSION


def _add_many(path: str, prefix: str, count: int) -> None:
    with Index(path) as index:
        for k in range(count):
            index.add(
                nd.Document.from_text(f"Story {prefix} number {k} was filed.", id=f"{prefix}{k}")
            )


def test_two_processes_adding_at_once_lose_nothing(tmp_path: Path) -> None:
    path = str(tmp_path / "shared.db")
    Index(path).close()
    context = multiprocessing.get_context("spawn")
    workers = [context.Process(target=_add_many, args=(path, p, 40)) for p in ("a", "b")]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=120)
        assert worker.exitcode == 0
    with Index(path) as index:
        assert len(index) == 80
        assert index._db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_an_interrupted_add_keeps_what_was_committed(tmp_path: Path) -> None:
    path = tmp_path / "wire.db"
    docs = _seeds()

    def broken() -> object:
        yield from docs[:3]
        raise KeyboardInterrupt

    with Index(path) as index, pytest.raises(KeyboardInterrupt):
        index.add_all(broken())  # type: ignore[arg-type]
    with Index(path) as index:
        assert index.ids() == ["000", "001", "002"]


def test_command_line_index_and_cluster(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    database = str(tmp_path / "wire.db")
    assert cli.main(["index", "add", database, str(ROOT / "seeds")]) == 0
    assert "added 5 documents" in capsys.readouterr().out
    assert cli.main(["index", "add", database, str(SEEDS[0])]) == 1
    assert "already in" in capsys.readouterr().err
    assert cli.main(["index", "add", "--replace", database, str(SEEDS[0])]) == 0
    capsys.readouterr()
    assert cli.main(["index", "query", database, str(SEEDS[1])]) == 0
    out = capsys.readouterr().out
    assert "004_8ba782a940ecc41e: partially-derived" in out
    assert cli.main(["index", "clusters", "--json", database]) == 0
    clusters = __import__("json").loads(capsys.readouterr().out)["clusters"]
    assert len(clusters) == 3 and len(clusters[0]) == 3
    assert cli.main(["cluster", str(ROOT / "seeds")]) == 0
    assert capsys.readouterr().out.startswith("# 3 clusters")
    assert cli.main(["index", "query", str(tmp_path / "none.db"), str(SEEDS[1])]) == 1
    assert "no such index file" in capsys.readouterr().err


def test_copies_of_the_seed_stories_cluster_by_story() -> None:
    # Seeds 000, 001 and 004 carry one AFP story, so their copies form one
    # cluster; the independent reports 002 and 003 cluster with their copy.
    stories = seed_stories()
    with Index() as index:
        for k, story in enumerate(stories):
            pair = derive_copy(story, seed=k)
            index.add(nd.Document.from_text(pair.source, id=f"s{k}"))
            index.add(nd.Document.from_text(pair.copy, id=f"s{k}-copy"))
        clusters = {cluster.ids for cluster in index.clusters()}
    assert clusters == {
        ("s0", "s0-copy", "s1", "s1-copy", "s4", "s4-copy"),
        ("s2", "s2-copy"),
        ("s3", "s3-copy"),
    }
