"""A corpus index of news documents in an embedded SQLite database.

``Index(path)`` stores each document's text and its fingerprint
(:mod:`newsdiff.fingerprint`) in SQLite (Python's ``sqlite3``), so memory
does not grow with the corpus: texts are read back only for the documents a
query aligns.

* ``add(doc)`` files a document in one transaction: a new copy joins the
  corpus without re-running anything else; an existing id fails or is
  replaced, as ``on_duplicate`` says.  An interrupted run keeps every
  document committed before it.  ``add_all(docs)`` files many in batches
  (:data:`BATCH` per transaction), or all in one with ``atomic=True``.
* ``query(doc)`` retrieves candidates sharing fingerprint keys (common keys
  ignored), ranks them by the share of keys they share, aligns the best
  with :func:`newsdiff.derive`, and returns the derived ones as
  :class:`Match` objects, most reused first.
* ``clusters()`` queries every document against the rest and joins derived
  pairs into story clusters (:class:`Cluster`, whose ``graph()`` is the
  cluster's provenance graph).

The database carries its schema version; a file of an older version is
upgraded in place when opened (:meth:`Index._migrate`); opening a file
written by another version, a corrupted file or a non-database gives
:class:`InputError`, and
so does any later read of damaged pages (one line naming the file and how
to check or rebuild it): no ``sqlite3`` exception leaves this module.
Concurrent writers are serialized by SQLite's locking (each add is one
``BEGIN IMMEDIATE`` transaction, with a busy timeout); a new file's schema
is created in such a transaction too, so processes that create the same
index at once all find it made exactly once.
"""

from __future__ import annotations

import contextlib
import functools
import itertools
import os
import sqlite3
import struct
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from types import TracebackType
from typing import Any, Literal, ParamSpec, TypeVar

import attrs

from newsdiff._disjoint import DisjointSets
from newsdiff._features import FeatureTable
from newsdiff.aligner import align
from newsdiff.corpus import IndexOptions, components, key_limit, propose_candidates
from newsdiff.derivation import DeriveOptions, Relation, derive, relate
from newsdiff.document import Document
from newsdiff.errors import ArgumentTypeError, InputError, NewsdiffError, require_str
from newsdiff.fingerprint import exact_key, fingerprint
from newsdiff.graph import ProvenanceGraph, provenance
from newsdiff.text.tokenize import TokenInfo

__all__ = ["SCHEMA_VERSION", "Cluster", "Index", "Match"]

SCHEMA_VERSION = "newsdiff.index/3"
# Older versions, upgraded in place when opened (see Index._migrate):
# version 1 lacked the documents' titles; version 2 found a document's
# postings through an index on postings(doc) rather than its fingerprint
# column, an index whose upkeep cost 14% of the build's CPU and 17% of
# the file at 10,000 articles.
_OLD_SCHEMAS = ("newsdiff.index/1", "newsdiff.index/2")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents (
    rowid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    text TEXT NOT NULL,
    date TEXT, outlet TEXT, url TEXT, title TEXT,
    keys INTEGER NOT NULL,
    fingerprint BLOB NOT NULL DEFAULT x''
);
CREATE TABLE IF NOT EXISTS postings (
    key INTEGER NOT NULL,
    doc INTEGER NOT NULL,
    PRIMARY KEY (key, doc)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS unfiled (doc INTEGER PRIMARY KEY);
"""
# documents.fingerprint: the keys filed in postings for the document (its
# fingerprint and exact key), sorted, as little-endian 64-bit integers.  It
# is how a document's postings are found (to remove them, or to cluster by
# them) without an index on postings(doc), whose upkeep on every insert
# grows with the corpus.  keys: the size of its fingerprint, without the
# exact key.  unfiled: documents whose postings are not in postings yet
# (see Index._file_postings).  Version 2 files declare postings.doc a foreign key of
# documents: foreign keys are left off, and postings removed with their
# document by the code.


def _pack(keys: list[int]) -> bytes:
    return struct.pack(f"<{len(keys)}q", *keys)


_P = ParamSpec("_P")
_R = TypeVar("_R")


def _damage(
    path: str, error: BaseException, what: str = "the index is damaged or unreadable"
) -> InputError:
    return InputError(
        f"{path}: {what} ({error}); check it with "
        f"sqlite3 {path} 'PRAGMA integrity_check', or rebuild it with newsdiff index add "
        "into a new file"
    )


def _guarded(method: Callable[_P, _R]) -> Callable[_P, _R]:
    """Turn SQLite's errors (damaged pages, a file that is not a database)
    into the one-line InputError of :func:`_damage`."""

    @functools.wraps(method)
    def guarded(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        try:
            return method(*args, **kwargs)
        except sqlite3.Error as error:
            index = args[0]
            assert isinstance(index, Index)
            raise _damage(index.path, error) from None

    return guarded


def _checked(path: str, value: Any, kind: type[_R]) -> _R:
    """A value read back from the database, of the type the schema says:
    damaged pages can read back as NULL or as another type."""
    if not isinstance(value, kind):
        raise _damage(path, TypeError(f"{kind.__name__} expected, {type(value).__name__} found"))
    return value


@attrs.frozen
class Match:
    """A document of the index that a query derives from, or that derives
    from it: ``relation`` is ``derive(indexed, query)``."""

    id: str
    key_share: float
    relation: Relation

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "key_share": round(self.key_share, 4)} | {
            "relation": self.relation.to_dict(),
            "links": [link.to_dict() for link in self.relation.alignment.links],
        }


@attrs.frozen
class Cluster:
    """Documents of one story, joined by derivation."""

    ids: tuple[str, ...]
    index: Index = attrs.field(repr=False, eq=False)

    def graph(self) -> ProvenanceGraph:
        return provenance(self.index.get(doc_id) for doc_id in self.ids)


Progress = Callable[[int, int], None]


class _Joined:
    """Which pairs need no alignment: those already in one cluster, and
    those aligned and found not derived."""

    def __init__(self, ids: Iterable[str]) -> None:
        self.clusters: DisjointSets[str] = DisjointSets(ids)
        self.refuted: set[tuple[str, str]] = set()

    def same(self, first: str, second: str) -> bool:
        return (first, second) in self.refuted or self.clusters.same(first, second)

    def join(self, first: str, second: str) -> None:
        self.clusters.union(first, second)


class _Run:
    """The parsed documents and sentence features of one clustering run,
    shared by all its pairs: a document takes part in up to
    ``2 * options.candidates`` pairs, and its sentences recur in its copies.

    Both are caches, bounded so that memory stays flat on a large corpus
    (a parsed document is about 10 kB, a sentence's features about 4 kB):
    the least recently used documents are dropped, and the feature table
    starts afresh when full.  Ids are visited in order and a document's
    candidates are mostly met again soon (its story's other copies), so on
    most corpora each document is parsed once and each sentence described
    once; where not, a miss costs a re-parse, never a different answer."""

    def __init__(self, index: Index) -> None:
        self.index = index
        self.options = index.derive_options or DeriveOptions()
        self.documents: OrderedDict[str, Document] = OrderedDict()
        self.table = FeatureTable()

    def document(self, doc_id: str) -> Document:
        doc = self.documents.get(doc_id)
        if doc is None:
            doc = self.documents[doc_id] = self.index.get(doc_id)
            if len(self.documents) > _RUN_DOCUMENTS:
                self.documents.popitem(last=False)
        else:
            self.documents.move_to_end(doc_id)
        return doc

    def derived(self, first: str, second: str) -> bool:
        """``derive(first, second).derived``, with the run's table."""
        if len(self.table) > _RUN_FEATURES:
            self.table = FeatureTable()
        a, b = self.document(first), self.document(second)
        alignment = align(a, b, _features=self.table)
        return relate(alignment, self.options, _features=self.table).derived


_RUN_DOCUMENTS = 10_000  # parsed documents kept by one clustering run (~100 MB)
_RUN_FEATURES = 50_000  # sentence texts described before the table starts afresh (~200 MB)

_PAGE_BYTES = 16 * 1024  # SQLite's page size for new files
_BUSY_MS = 60_000  # how long a writer waits for another's lock before it gives up
_CACHE_KIB = 64 * 1024  # SQLite page cache per open index: 12% less build CPU at 30,000 articles
BATCH = 500
"""Documents per transaction in :meth:`Index.add_all`."""
_MEMO_LIMIT = 200_000  # token surfaces kept for fingerprints in one add_all run

_Prepared = tuple[Document, set[int], int | None]  # a document, its keys, its exact key


def _prepare(
    docs: Iterator[Document], memo: dict[str, TokenInfo]
) -> tuple[list[_Prepared], BaseException | None]:
    """The next :data:`BATCH` documents of ``docs`` with their keys,
    computed before any lock is taken.  An error on the way (a bad record,
    a wrong type, an interruption) ends the batch and is handed back, so
    that the documents before it can still be filed."""
    batch: list[_Prepared] = []
    try:
        for doc in docs:
            if not isinstance(doc, Document):
                raise ArgumentTypeError(f"doc must be Document, not {type(doc).__name__}")
            batch.append((doc, fingerprint(doc, memo), exact_key(doc)))
            if len(batch) == BATCH:
                break
    except BaseException as error:  # re-raised by the caller once the batch is filed
        return batch, error
    return batch, None


class Index:
    """A corpus of documents in SQLite (``":memory:"`` for a throwaway one)."""

    def __init__(
        self,
        path: str | os.PathLike[str] = ":memory:",
        options: IndexOptions | None = None,
        derive_options: DeriveOptions | None = None,
    ) -> None:
        if not isinstance(path, str | os.PathLike):
            raise ArgumentTypeError(f"path must be str or os.PathLike, not {type(path).__name__}")
        for name, value, kind in (
            ("options", options, IndexOptions),
            ("derive_options", derive_options, DeriveOptions),
        ):
            if value is not None and not isinstance(value, kind):
                raise ArgumentTypeError(
                    f"{name} must be {kind.__name__} or None, not {type(value).__name__}"
                )
        self.path = os.fspath(path)
        self.options = options or IndexOptions()
        self.derive_options = derive_options
        if self.path != ":memory:" and Path(self.path).is_dir():
            raise InputError(f"{self.path}: is a directory, not an index file")
        try:
            self._db = sqlite3.connect(self.path, timeout=_BUSY_MS / 1000, isolation_level=None)
        except sqlite3.Error as error:
            raise InputError(f"{self.path}: cannot open ({error})") from None
        try:
            # SQLite's default page cache (2 MB) is soon outgrown by the
            # postings B-tree: each batch then re-reads its pages from the OS.
            self._db.execute(f"PRAGMA cache_size = -{_CACHE_KIB}")
            self._check_or_create()
            self._recover()
        except sqlite3.OperationalError as error:
            self._db.close()
            raise InputError(f"{self.path}: cannot open the index ({error})") from None
        except sqlite3.Error as error:
            self._db.close()
            raise _damage(self.path, error, "not a newsdiff index, or a damaged one") from None
        except BaseException:
            self._db.close()
            raise

    # -- lifecycle ------------------------------------------------------------

    def _tables(self) -> set[str]:
        return {row[0] for row in self._db.execute("SELECT name FROM sqlite_master")}

    def _check_or_create(self) -> None:
        if not self._tables():
            # Before the first table, or never, and outside a transaction
            # (inside one SQLite ignores it): a B-tree of larger pages is
            # shallower, and a batch's postings dirty fewer of them (build
            # CPU -28% at 30,000 articles' postings).  On a file another
            # process has just created, a no-op.
            self._db.execute(f"PRAGMA page_size = {_PAGE_BYTES}")
            # Another process may be creating the same file right now: the
            # write lock makes one of us create it and the others find it.
            with self._transaction():
                if not self._tables():
                    for statement in _SCHEMA.split(";"):
                        if statement.strip():
                            self._db.execute(statement)
                    self._db.execute("INSERT INTO meta VALUES ('schema', ?)", (SCHEMA_VERSION,))
            if self.path != ":memory:":
                self._use_wal()
        tables = self._tables()
        if "meta" not in tables:
            raise InputError(f"{self.path}: an SQLite database, but not a newsdiff index")
        row = self._db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
        if row is not None and row[0] in _OLD_SCHEMAS:
            self._migrate(row[0])
            row = (SCHEMA_VERSION,)
        if row is None or row[0] != SCHEMA_VERSION:
            found = row[0] if row else "none"
            raise InputError(
                f"{self.path}: index schema {found}, but this newsdiff reads {SCHEMA_VERSION}"
            )

    def _migrate(self, found: str) -> None:
        """Bring a file of an older version to this one, in place: add the
        columns it lacks (title; fingerprint, filled from its postings) and
        drop the index on postings(doc).  One transaction; linear in the
        postings (read once, in document order, by that index)."""
        try:
            with self._transaction():
                row = self._db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
                if row is None or row[0] not in _OLD_SCHEMAS:
                    return  # upgraded meanwhile by another process
                columns = {row[1] for row in self._db.execute("PRAGMA table_info(documents)")}
                if "title" not in columns:
                    self._db.execute("ALTER TABLE documents ADD COLUMN title TEXT")
                if "fingerprint" not in columns:
                    self._db.execute(
                        "ALTER TABLE documents ADD COLUMN fingerprint BLOB NOT NULL DEFAULT x''"
                    )
                    self._db.executemany(
                        "UPDATE documents SET fingerprint = ? WHERE rowid = ?",
                        self._fingerprints_from_postings(),
                    )
                self._db.execute("DROP INDEX IF EXISTS postings_by_doc")
                self._db.execute("CREATE TABLE IF NOT EXISTS unfiled (doc INTEGER PRIMARY KEY)")
                self._db.execute(
                    "UPDATE meta SET value = ? WHERE key = 'schema'", (SCHEMA_VERSION,)
                )
        except sqlite3.OperationalError as error:
            raise InputError(
                f"{self.path}: index schema {found} needs upgrading to {SCHEMA_VERSION} "
                f"(a title and a fingerprint column), which failed ({error}); open it once "
                "where it is writable"
            ) from None

    def _fingerprints_from_postings(self) -> Iterator[tuple[bytes, int]]:
        """``(packed keys, document rowid)`` for every document with postings."""
        doc: int | None = None
        keys: list[int] = []
        # A second cursor: the caller writes documents while this one reads postings.
        for key, owner in self._db.cursor().execute(
            "SELECT key, doc FROM postings ORDER BY doc, key"
        ):
            if owner != doc:
                if doc is not None:
                    yield _pack(keys), doc
                doc, keys = owner, []
            keys.append(key)
        if doc is not None:
            yield _pack(keys), doc

    def _recover(self) -> None:
        """File the postings that a run ended by a crash or an exception left
        unfiled (its documents are committed, see :meth:`add_all`), if the
        write lock is free now: opening the file never waits for a writer,
        nor does a failed run before it raises.  A file opened
        read-only, or while another process writes, stays as it is: its
        queries miss those documents until the next run files them (every
        run files all unfiled postings, whoever added them).  Opened
        between two batches of a live run, this files the run's postings so
        far, which is as correct, only a sort in two pieces."""
        if self._db.execute("SELECT 1 FROM unfiled LIMIT 1").fetchone() is None:
            return
        self._db.execute("PRAGMA busy_timeout = 0")
        try:
            with contextlib.suppress(sqlite3.OperationalError), self._transaction():
                self._file_postings()
        finally:
            self._db.execute(f"PRAGMA busy_timeout = {_BUSY_MS}")

    def _use_wal(self) -> None:
        """Readers then do not block the writer, and a crash mid-write leaves
        the last committed state.  Switching needs the file to itself; while
        other processes hold it, try again for a while, then stay in the
        default (rollback journal) mode, which is as safe, only slower."""
        for attempt in range(50):
            try:
                self._db.execute("PRAGMA journal_mode = WAL").fetchone()
                return
            except sqlite3.OperationalError:
                time.sleep(0.01 * (attempt + 1))

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Index:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        try:
            size = f"{len(self)} documents"
        except NewsdiffError:
            size = "closed or unreadable"
        return f"<Index {self.path!r}: {size}>"

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[None]:
        """One write transaction, taken at once (``BEGIN IMMEDIATE``) so that
        concurrent writers wait on SQLite's lock rather than fail later."""
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            with contextlib.suppress(sqlite3.Error):  # a damaged file may fail this too
                self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    # -- contents -------------------------------------------------------------

    @_guarded
    def __len__(self) -> int:
        count = self._db.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
        return _checked(self.path, count, int)

    @_guarded
    def __contains__(self, doc_id: object) -> bool:
        return (
            isinstance(doc_id, str)
            and self._db.execute("SELECT 1 FROM documents WHERE id = ?", (doc_id,)).fetchone()
            is not None
        )

    @_guarded
    def ids(self) -> list[str]:
        return [
            _checked(self.path, row[0], str)
            for row in self._db.execute("SELECT id FROM documents ORDER BY id")
        ]

    @_guarded
    def get(self, doc_id: str) -> Document:
        require_str(doc_id, "doc_id")
        row = self._db.execute(
            "SELECT text, date, outlet, url, title FROM documents WHERE id = ?", (doc_id,)
        ).fetchone()
        if row is None:
            raise InputError(f"no document {doc_id!r} in {self.path}")
        text = _checked(self.path, row[0], str)
        date, outlet, url, title = (
            None if value is None else _checked(self.path, value, str) for value in row[1:]
        )
        return Document.from_text(text, id=doc_id, date=date, outlet=outlet, url=url, title=title)

    @_guarded
    def add(self, doc: Document, on_duplicate: Literal["fail", "replace"] = "fail") -> None:
        """File one document (one transaction)."""
        self.add_all((doc,), on_duplicate)

    @_guarded
    def add_all(
        self,
        docs: Iterable[Document],
        on_duplicate: Literal["fail", "replace"] = "fail",
        progress: Progress | None = None,
        total: int = 0,
        *,
        atomic: bool = False,
    ) -> int:
        """Add documents in order; return how many were added.

        Documents are filed in batches of :data:`BATCH`, one transaction
        each: a commit per document would cost more than the document
        (a sync to disk each time).  Their postings are filed once, when
        the run ends (in the last batch's transaction): all of the run's
        postings sorted by key go into SQLite's B-tree in one pass, where
        each batch's own would rewrite most of its pages once the corpus
        outgrows the page cache.  Until then other processes' queries do
        not find the run's documents (unless a process opening the file
        between two batches files them, see ``_recover``).

        An error (a bad record of the input, a duplicate id, a progress
        callback raising) or an interruption keeps every document before
        the failing one, with its postings; a crash loses at most the batch
        in hand, and the next opening of the file (or the next run) files
        the postings of the documents committed before it.  Other writers
        wait for one batch at a time.

        ``atomic``: all in one transaction instead, so that an error or an
        interruption adds none of them; other writers wait for the whole
        run.  Cost: a fingerprint per document, and one sort of the run's
        postings (``n log n``) merged into the B-tree."""
        if on_duplicate not in ("fail", "replace"):
            raise InputError(f"on_duplicate must be 'fail' or 'replace', got {on_duplicate!r}")
        try:
            return self._add_batches(iter(docs), on_duplicate, progress, total, atomic)
        except BaseException:
            if not atomic:
                # Batches committed before the failure may wait in
                # ``unfiled``: file them now, as at an opening, so that this
                # very object's queries find them (never masking the error).
                with contextlib.suppress(sqlite3.Error):
                    self._recover()
            raise

    def _add_batches(
        self,
        pending: Iterator[Document],
        on_duplicate: Literal["fail", "replace"],
        progress: Progress | None,
        total: int,
        atomic: bool,
    ) -> int:
        """The loop of :meth:`add_all`, which files the postings it leaves
        unfiled when it raises."""
        # Token descriptions shared by the run's fingerprints: a corpus
        # repeats its vocabulary.  Dropped when large, so memory stays flat.
        memo: dict[str, TokenInfo] = {}
        added = 0
        with self._transaction() if atomic else contextlib.nullcontext():
            while True:
                if len(memo) > _MEMO_LIMIT:
                    memo.clear()
                batch, broken = _prepare(pending, memo)
                if atomic and broken is not None:
                    raise broken
                refusal = None
                filed = 0
                last = broken is not None or len(batch) < BATCH
                with contextlib.nullcontext() if atomic else self._transaction():
                    if batch:
                        filed, refusal = self._file(batch, on_duplicate)
                    if last or refusal is not None:
                        self._file_postings()
                if batch:
                    for _ in range(filed):
                        added += 1
                        if progress is not None:
                            progress(added, total)
                # The documents before the failing one are committed (unless atomic).
                if refusal is not None:
                    raise refusal
                if broken is not None:
                    raise broken
                if last:
                    return added

    def _file(
        self, batch: list[_Prepared], on_duplicate: Literal["fail", "replace"]
    ) -> tuple[int, InputError | None]:
        """Insert prepared documents, in order, inside the caller's
        transaction, until one is refused (a duplicate id): how many were
        filed, and the refusal, for the caller to raise after committing
        the ones before it.  Their postings wait in ``unfiled``."""
        refusal = None
        filed = 0
        for doc, keys, exact in batch:
            existing = self._db.execute(
                "SELECT rowid, fingerprint FROM documents WHERE id = ?", (doc.id,)
            ).fetchone()
            if existing is not None:
                if on_duplicate == "fail":
                    refusal = InputError(
                        f"{doc.id!r} is already in {self.path} "
                        "(on_duplicate='replace', or --replace, replaces it)"
                    )
                    break
                self._delete(*existing)
            filed_keys = sorted(keys if exact is None else keys | {exact})
            cursor = self._db.execute(
                "INSERT INTO documents (id, text, date, outlet, url, title, keys, fingerprint) "
                "VALUES (?,?,?,?,?,?,?,?)",
                (
                    doc.id,
                    doc.text,
                    doc.date,
                    doc.outlet,
                    doc.url,
                    doc.title,
                    len(keys),
                    _pack(filed_keys),
                ),
            )
            # At once, not for the whole batch: a document replaced later in
            # the batch leaves its rowid free for the next one.
            self._db.execute("INSERT INTO unfiled (doc) VALUES (?)", (cursor.lastrowid,))
            filed += 1
        return filed, refusal

    def _file_postings(self) -> None:
        """Insert the postings of every unfiled document (inside the
        caller's transaction), whoever added it, from its fingerprint
        column, in key order, so that the postings B-tree takes them in one
        pass.  Up to a batch of documents are sorted here; more are
        gathered in a temporary table for SQLite to sort (in memory, or in
        temporary files past its cache).  Linear in the unfiled postings,
        plus their sort."""
        # A second cursor reads the documents while the first writes.
        unfiled = self._db.cursor().execute(
            "SELECT u.doc, d.fingerprint FROM unfiled u JOIN documents d ON d.rowid = u.doc"
        )
        first = unfiled.fetchmany(BATCH)
        if not first:
            return
        insert = "INSERT INTO postings (key, doc) "
        if len(first) < BATCH:  # a small run (a single add): no temporary table to set up
            self._db.executemany(
                insert + "VALUES (?, ?)",
                sorted((key, rowid) for rowid, blob in first for key in self._unpack(blob)),
            )
        else:
            self._db.execute(
                "CREATE TEMP TABLE IF NOT EXISTS filing "
                "(key INTEGER NOT NULL, doc INTEGER NOT NULL)"
            )
            self._db.executemany(
                "INSERT INTO temp.filing (key, doc) VALUES (?, ?)",
                (
                    (key, rowid)
                    for rowid, blob in itertools.chain(first, unfiled)
                    for key in self._unpack(blob)
                ),
            )
            self._db.execute(insert + "SELECT key, doc FROM temp.filing ORDER BY key, doc")
            self._db.execute("DELETE FROM temp.filing")
        self._db.execute("DELETE FROM unfiled")

    def _unpack(self, blob: Any) -> list[int]:
        """A fingerprint column's keys (see :func:`_pack`)."""
        blob = _checked(self.path, blob, bytes)
        if len(blob) % 8:
            raise _damage(self.path, ValueError(f"a fingerprint of {len(blob)} bytes"))
        return list(struct.unpack(f"<{len(blob) // 8}q", blob))

    def _delete(self, rowid: int, fingerprint: Any) -> None:
        """Delete a document and its postings, filed or not (inside the
        caller's transaction)."""
        self._db.executemany(
            "DELETE FROM postings WHERE key = ? AND doc = ?",
            [(key, rowid) for key in self._unpack(fingerprint)],
        )
        self._db.execute("DELETE FROM unfiled WHERE doc = ?", (rowid,))
        self._db.execute("DELETE FROM documents WHERE rowid = ?", (rowid,))

    @_guarded
    def remove(self, doc_id: str) -> None:
        require_str(doc_id, "doc_id")
        with self._transaction():
            row = self._db.execute(
                "SELECT rowid, fingerprint FROM documents WHERE id = ?", (doc_id,)
            ).fetchone()
            if row is None:
                raise InputError(f"no document {doc_id!r} in {self.path}")
            self._delete(*row)

    # -- retrieval ------------------------------------------------------------

    def _key_limit(self) -> int:
        return key_limit(self.options.max_key_docs, self.options.max_key_fraction, len(self))

    @_guarded
    def candidates(self, doc: Document, exclude: str | None = None) -> list[tuple[str, float]]:
        """Ids of indexed documents sharing enough fingerprint keys with
        ``doc``, with the share of the smaller fingerprint they share, best
        first (ties by id); at most ``options.candidates``.  Identical
        copies (same :func:`~newsdiff.fingerprint.exact_key`) come first,
        with share 1, however short they are."""
        if not isinstance(doc, Document):
            raise ArgumentTypeError(f"doc must be Document, not {type(doc).__name__}")
        exact = exact_key(doc)
        return self._candidates(sorted(fingerprint(doc) | ({exact} if exact else set())), exclude)

    def _stored_keys(self, doc_id: str) -> list[int]:
        """The keys filed with an indexed document (as ``add`` computed them), sorted."""
        row = self._db.execute(
            "SELECT fingerprint FROM documents WHERE id = ?", (doc_id,)
        ).fetchone()
        if row is None:
            raise InputError(f"no document {doc_id!r} in {self.path}")
        return self._unpack(row[0])

    def _copies(self, keys: list[int], exclude: str | None) -> list[str]:
        """Documents holding an exact key of ``keys`` (see ``exact_key``):
        found whatever the thresholds, since a copy is a copy at any length."""
        copies: set[str] = set()
        for key in keys:
            if key >= 0:
                break  # sorted: exact keys, negative, come first
            copies.update(
                _checked(self.path, row[0], str)
                for row in self._db.execute(
                    "SELECT d.id FROM postings p JOIN documents d ON d.rowid = p.doc "
                    "WHERE p.key = ?",
                    (key,),
                )
            )
        if exclude is not None:
            copies.discard(exclude)
        return sorted(copies)[: self.options.candidates]

    def _candidates(
        self, keys: list[int], exclude: str | None, limit: int | None = None
    ) -> list[tuple[str, float]]:
        """``limit``: the key limit, when the caller knows the corpus size."""
        copies = self._copies(keys, exclude)
        keys = [key for key in keys if key >= 0]
        shared, sizes = self._shared(keys, self._key_limit() if limit is None else limit)
        return propose_candidates(copies, shared, sizes, len(keys), self.options, exclude=exclude)

    def _shared(self, keys: list[int], limit: int) -> tuple[dict[str, int], dict[str, int]]:
        """For each document sharing usable keys (not too common) with
        ``keys``: how many, and its fingerprint's size."""
        shared: dict[str, int] = {}
        sizes: dict[str, int] = {}
        for start in range(0, len(keys), 500):  # SQLite's bound-parameter limit
            chunk = keys[start : start + 500]
            marks = ",".join("?" * len(chunk))
            common = {
                key
                for key, count in self._db.execute(
                    f"SELECT key, COUNT(*) FROM postings WHERE key IN ({marks}) GROUP BY key",
                    chunk,
                )
                if count > limit
            }
            usable = [key for key in chunk if key not in common]
            if not usable:
                continue
            marks = ",".join("?" * len(usable))
            for doc_id, size, count in self._db.execute(
                "SELECT d.id, d.keys, COUNT(*) FROM postings p JOIN documents d "
                f"ON d.rowid = p.doc WHERE p.key IN ({marks}) GROUP BY p.doc",
                usable,
            ):
                doc_id = _checked(self.path, doc_id, str)
                shared[doc_id] = shared.get(doc_id, 0) + _checked(self.path, count, int)
                sizes[doc_id] = _checked(self.path, size, int)
        return shared, sizes

    @_guarded
    def query(self, doc: Document) -> list[Match]:
        """Indexed documents ``doc`` derives from (or that derive from it),
        most reused first.  ``doc`` itself (same id) is skipped."""
        if not isinstance(doc, Document):
            raise ArgumentTypeError(f"doc must be Document, not {type(doc).__name__}")
        matches = []
        for doc_id, share in self.candidates(doc, exclude=doc.id):
            relation = derive(self.get(doc_id), doc, self.derive_options)
            if relation.derived:
                matches.append(Match(doc_id, share, relation))
        matches.sort(key=lambda match: (-max(match.relation.reuse), match.id))
        return matches

    def place(self, doc: Document) -> ProvenanceGraph:
        """Where ``doc`` fits among the indexed documents, without rebuilding
        its story's cluster: the copy tree of ``doc`` and the documents it is
        derived from or that derive from it (:meth:`query`), so that
        ``index.place(doc).parent(doc.id)`` is its parent among them.

        The tree is built on that neighbourhood only: a parent further away
        (a copy of a copy of ``doc``'s source that ``doc`` shares nothing
        rare with) is not considered, and the answer can differ from
        ``Cluster.graph()`` when the neighbourhood leaves out documents that
        change the costs.  Cost: one query plus the alignments among at most
        ``IndexOptions.candidates`` documents.
        """
        matches = self.query(doc)
        return provenance([*(self.get(match.id) for match in matches), doc])

    @_guarded
    def clusters(self, progress: Progress | None = None) -> list[Cluster]:
        """Story clusters: documents joined by derived pairs (each pair is
        aligned once) and by identical copies (not aligned: a copy is a
        copy, even of a text too short to align), largest first, then by
        first id; singletons included."""
        ids = self.ids()
        derived: list[tuple[str, str]] = []
        joined = _Joined(ids)
        run = _Run(self)
        # Counting the documents is a scan of the table in SQLite: once per
        # run, not once per document.
        limit = key_limit(self.options.max_key_docs, self.options.max_key_fraction, len(ids))
        for done, doc_id in enumerate(ids, 1):
            # The stored fingerprint: re-reading and re-fingerprinting every
            # document would double the cost of a clustering run.
            keys = self._stored_keys(doc_id)
            copies = set(self._copies(keys, doc_id))
            for other, _ in self._candidates(keys, doc_id, limit):
                pair = (doc_id, other) if doc_id < other else (other, doc_id)
                if joined.same(*pair):
                    continue  # aligned already, or joined already: the answer is known
                if other in copies or run.derived(*pair):
                    derived.append(pair)
                    joined.join(*pair)
                else:
                    joined.refuted.add(pair)
            if progress is not None:
                progress(done, len(ids))
        return [Cluster(members, self) for members in components(ids, derived)]

    def __iter__(self) -> Iterator[str]:
        return iter(self.ids())
