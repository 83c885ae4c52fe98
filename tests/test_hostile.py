"""Issue 15: the command line and the store under hostile use.

Every test works inside its own temporary directory: FIFOs, symlinks and
read-only files are made there.  No test points an output at a real device
node (``/dev/null``, ``/dev/full``): where tests run as root, a regression
would replace the device with a regular file and break the machine.
Reading ``/dev/zero`` as an *input* is safe and is the point of one test.
"""

from __future__ import annotations

import io
import json
import multiprocessing
import os
import shutil
import signal
import sqlite3
import stat
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import newsdiff as nd
from newsdiff import _files, cli
from newsdiff.alignment import Passage
from newsdiff.index import Index
from newsdiff.render.html import render_html
from newsdiff.render.report import report_data

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))

BRIEF = "Briefly\n\nThe mayor resigned.\n"
STORY = (
    "Mayor quits\n\nThe mayor of Springfield resigned on Tuesday after a long scandal. "
    "She said she would stay on until a successor is chosen by the council.\n"
)


def run(arguments: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """Run the command line in-process: exit code, stdout, stderr.  A
    message is one line, never a traceback."""
    code = cli.main(arguments)
    captured = capsys.readouterr()
    if code != 0:
        assert captured.err.startswith("newsdiff: error: "), captured.err
        assert captured.err.count("\n") == 1, captured.err
    assert "Traceback" not in captured.err
    return code, captured.out, captured.err


def files_in(directory: Path) -> list[str]:
    return sorted(path.name for path in directory.iterdir())


@pytest.fixture
def story(tmp_path: Path) -> Path:
    path = tmp_path / "a.txt"
    path.write_text(STORY, encoding="utf-8")
    return path


# -- outputs: nothing destroyed ------------------------------------------------


@pytest.mark.parametrize("command", [["segment"], ["report"]])
def test_an_output_over_an_input_is_refused(
    command: list[str],
    story: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    other = tmp_path / "b.txt"
    other.write_text(BRIEF, encoding="utf-8")
    link = tmp_path / "link.html"
    link.symlink_to(story.name)
    hard = tmp_path / "hard.html"
    os.link(story, hard)
    monkeypatch.chdir(tmp_path)
    for target in ("a.txt", "./a.txt", "link.html", "hard.html"):
        code, _, err = run([*command, "a.txt", "b.txt", "-o", target], capsys)
        assert code == 1
        assert f"{target}: is the input" in err
        assert story.read_text(encoding="utf-8") == STORY
        assert link.is_symlink()
    assert files_in(tmp_path) == ["a.txt", "b.txt", "hard.html", "link.html"]


def test_report_refuses_one_path_for_html_and_json(
    story: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    code, _, err = run(
        ["report", str(story), str(story), "-o", str(out), "--json", str(out)], capsys
    )
    assert code == 2 and "two outputs" in err and not out.exists()


def _read_fifo(path: Path, into: list[bytes]) -> threading.Thread:
    def read() -> None:
        with open(path, "rb") as handle:
            into.append(handle.read())

    thread = threading.Thread(target=read, daemon=True)
    thread.start()
    return thread


def test_a_fifo_is_written_into_not_replaced(
    story: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fifo = tmp_path / "out.fifo"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = _read_fifo(fifo, received)
    code, out, _ = run(["segment", "--json", str(story), "-o", str(fifo)], capsys)
    reader.join(timeout=30)
    assert code == 0 and out == ""
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert json.loads(received[0])["documents"][0]["id"] == "a"
    assert files_in(tmp_path) == ["a.txt", "out.fifo"]


def test_a_character_device_is_written_into_not_replaced(
    story: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # No real device: a regular file that newsdiff is told is one (a
    # regression would replace the file, not /dev/null).
    device = tmp_path / "device"
    device.write_bytes(b"")
    inode = device.stat().st_ino
    real_stat = os.stat

    def fake_stat(path: Any, *args: Any, **kwargs: Any) -> os.stat_result:
        status = real_stat(path, *args, **kwargs)
        if os.fspath(path) != str(device):
            return status
        fields = list(status)
        fields[stat.ST_MODE] = stat.S_IFCHR | 0o666
        return os.stat_result(fields)

    monkeypatch.setattr(_files.os, "stat", fake_stat)
    code, _, _ = run(["segment", str(story), "-o", str(device)], capsys)
    monkeypatch.undo()
    assert code == 0
    assert device.stat().st_ino == inode  # the same file, written into
    assert device.read_text(encoding="utf-8").startswith("# a (")
    assert files_in(tmp_path) == ["a.txt", "device"]


def test_dash_output_is_standard_output(story: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["segment", "--json", str(story), "-o", "-"], capsys)
    assert code == 0 and json.loads(out)["documents"][0]["id"] == "a"


def test_a_symlink_is_followed_and_kept(
    story: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "real").mkdir()
    target = tmp_path / "real" / "out.txt"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o640)
    link = tmp_path / "out.txt"
    link.symlink_to(target)
    dangling = tmp_path / "new.txt"
    dangling.symlink_to(tmp_path / "real" / "new.txt")
    for path in (link, dangling):
        code, _, _ = run(["segment", str(story), "-o", str(path)], capsys)
        assert code == 0
        assert path.is_symlink()
        assert path.read_text(encoding="utf-8").startswith("# a (")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert files_in(tmp_path / "real") == ["new.txt", "out.txt"]


def test_an_existing_file_keeps_its_mode_and_a_read_only_one_is_kept(
    story: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out.txt"
    out.write_text("old", encoding="utf-8")
    out.chmod(0o604)
    assert run(["segment", str(story), "-o", str(out)], capsys)[0] == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o604
    assert out.read_text(encoding="utf-8").startswith("# a (")
    locked = tmp_path / "locked.txt"
    locked.write_text("keep me", encoding="utf-8")
    locked.chmod(0o444)
    code, _, err = run(["segment", str(story), "-o", str(locked)], capsys)
    assert code == 1 and f"{locked}: cannot write (the file is read-only)" in err
    assert locked.read_text(encoding="utf-8") == "keep me"
    assert files_in(tmp_path) == ["a.txt", "locked.txt", "out.txt"]


def test_messages_name_the_typed_path_not_the_temporary_file(
    story: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, err = run(["segment", "a.txt", "-o", "nodir/out.html"], capsys)
    assert code == 1 and err.startswith("newsdiff: error: nodir/out.html: cannot write")
    assert ".tmp" not in err
    code, _, err = run(["segment", "a.txt", "-o", "a.txt/out.html"], capsys)
    assert code == 1 and "a.txt/out.html" in err and ".tmp" not in err
    assert files_in(tmp_path) == ["a.txt"]


def test_a_directory_where_a_file_is_expected_is_a_usage_error(
    story: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for arguments in (
        ["align", str(tmp_path), str(story)],
        ["index", "query", str(tmp_path / "x.db"), str(tmp_path)],
        ["index", "add", str(tmp_path), str(story)],
        ["segment", str(story), "-o", str(tmp_path)],
    ):
        code, _, err = run(arguments, capsys)
        assert code == 2 and f"{tmp_path}: is a directory" in err
    assert files_in(tmp_path) == ["a.txt"]


# -- the html/json pair and signals ---------------------------------------------


def _report_pair(tmp_path: Path) -> tuple[list[str], Path, Path]:
    for path in SEEDS[:2]:
        shutil.copy(path, tmp_path / path.name)
    html, data = tmp_path / "out.html", tmp_path / "out.json"
    html.write_text("old html", encoding="utf-8")
    data.write_text("old json", encoding="utf-8")
    files = [str(tmp_path / path.name) for path in SEEDS[:2]]
    return ["report", *files, "-o", str(html), "--json", str(data)], html, data


def _on_call(number: int, action: Callable[[], None], original: Any) -> Any:
    """``original`` that runs ``action`` first on its ``number``-th call."""
    calls = [0]

    def wrapped(*args: Any, **kwargs: Any) -> Any:
        calls[0] += 1
        if calls[0] == number:
            action()
        return original(*args, **kwargs)

    return wrapped


def _raise(error: BaseException) -> Callable[[], None]:
    def action() -> None:
        raise error

    return action


@pytest.mark.parametrize(
    ("where", "number", "action", "code"),
    [
        # SIGINT while the second file is staged: nothing lands.
        ("fsync", 2, lambda: os.kill(os.getpid(), signal.SIGINT), 130),
        # SIGTERM while the first file is staged: nothing lands, no temp file.
        ("fsync", 1, lambda: os.kill(os.getpid(), signal.SIGTERM), 143),
        # The second rename fails: the first is undone.
        ("replace", 2, _raise(OSError(5, "Input/output error")), 1),
    ],
)
def test_the_html_json_pair_lands_together_or_not_at_all(
    where: str,
    number: int,
    action: Callable[[], None],
    code: int,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    arguments, html, data = _report_pair(tmp_path)
    before = files_in(tmp_path)
    monkeypatch.setattr(_files.os, where, _on_call(number, action, getattr(os, where)))
    assert cli.main(arguments) == code
    monkeypatch.undo()
    assert "Traceback" not in capsys.readouterr().err
    assert html.read_text(encoding="utf-8") == "old html"
    assert data.read_text(encoding="utf-8") == "old json"
    assert files_in(tmp_path) == before  # no temporary file left
    assert cli.main(arguments) == 0
    assert html.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert json.loads(data.read_text(encoding="utf-8"))["documents"]
    assert files_in(tmp_path) == before


def test_sigterm_in_a_real_run_leaves_no_temporary_file(tmp_path: Path) -> None:
    # A real process, stopped at several moments of its run: whenever it
    # stops, the directory holds the old pair or the new one, and no temp.
    arguments, html, data = _report_pair(tmp_path)
    before = files_in(tmp_path)
    command = [sys.executable, "-m", "newsdiff", *arguments]
    for delay in (0.3, 0.6, 1.0, 1.5):
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        try:
            process.wait(timeout=delay)
        except subprocess.TimeoutExpired:
            process.send_signal(signal.SIGTERM)
        _, err = process.communicate(timeout=120)
        # -SIGTERM: stopped while Python was still starting, before newsdiff
        # took over the signal (and before it had anything to clean up).
        assert process.returncode in (0, 128 + signal.SIGTERM, -signal.SIGTERM), err
        assert b"Traceback" not in err
        assert files_in(tmp_path) == before
        pair = html.read_text(encoding="utf-8"), data.read_text(encoding="utf-8")
        assert pair == ("old html", "old json") or (
            pair[0].startswith("<!DOCTYPE html>") and json.loads(pair[1])["documents"]
        )


# -- inputs ---------------------------------------------------------------------


def _stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


def test_dash_reads_standard_input_on_every_command(
    story: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    database = str(tmp_path / "wire.db")
    for arguments, expected in (
        (["segment", "-"], "# stdin (3 sentences)"),
        (["align", "--color", "never", "-", str(story)], "# stdin (a) <-> a (b)"),
        (["cluster", "-", str(story)], "# 1 clusters"),
        (["index", "add", database, "-"], "added 1 documents"),
        (["index", "query", database, str(story)], "stdin: "),
        (["index", "query", database, "-"], "# stdin: no indexed document"),
    ):
        _stdin(monkeypatch, STORY.encode("utf-8"))
        code, out, _ = run(arguments, capsys)
        assert code == 0 and expected in out, (arguments, out)
    _stdin(monkeypatch, b"")
    code, _, err = run(["segment", "-", "-"], capsys)
    assert code == 2 and "only once" in err


def test_every_command_takes_the_same_reading_options(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    latin = tmp_path / "latin.txt"
    latin.write_bytes(STORY.replace("mayor", "maire\xe9").encode("latin-1"))
    database = str(tmp_path / "wire.db")
    reading = ["--encoding", "latin-1", "--errors", "strict", "--max-size", "1M"]
    for arguments in (
        ["segment", str(latin)],
        ["align", str(latin), str(latin)],
        ["cluster", str(latin)],
        ["index", "add", database, str(latin)],
        ["index", "query", database, str(latin)],
        ["index", "clusters", database],
    ):
        assert run([*arguments, *reading], capsys)[0] == 0, arguments
    code, _, err = run(["segment", str(latin)], capsys)
    assert code == 1
    assert f"{latin}: not valid utf-8 at byte offset" in err and "--encoding" in err
    assert "encoding=" not in err


def test_an_endless_input_ends_with_a_clear_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # /dev/zero is read, never written.
    code, _, err = run(["segment", "/dev/zero"], capsys)
    assert code == 1
    assert "/dev/zero: larger than the limit of 100,000,000 bytes" in err and "--max-size" in err
    big = tmp_path / "big.txt"
    big.write_text("One sentence. " * 100, encoding="utf-8")
    code, _, err = run(["segment", "--max-size", "1K", str(big)], capsys)
    assert code == 1 and f"{big}: larger than the limit of 1,000 bytes" in err
    with pytest.raises(nd.SizeLimitError, match="max_bytes"):
        nd.Document.from_file(big, max_bytes=100)


# -- the store ------------------------------------------------------------------


def _add_file(database: str, path: str) -> int:
    return cli.main(["index", "add", database, path])


def _fill(database: str, prefix: str) -> None:
    with Index(database) as index:
        for k in range(10):
            index.add(
                nd.Document.from_text(f"Story {prefix} number {k} was filed.", id=f"{prefix}{k}")
            )


def test_four_processes_create_and_fill_one_new_index(tmp_path: Path) -> None:
    context = multiprocessing.get_context("spawn")
    for trial in range(2):
        database = str(tmp_path / f"new{trial}.db")
        workers = [context.Process(target=_fill, args=(database, p)) for p in "abcd"]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join(timeout=120)
            assert worker.exitcode == 0
        with Index(database) as index:
            assert len(index) == 40
            assert index._db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_two_commands_creating_one_index_both_land(tmp_path: Path) -> None:
    texts = []
    for name in ("a", "b", "c", "d"):
        path = tmp_path / f"{name}.txt"
        path.write_text(STORY.replace("Springfield", name), encoding="utf-8")
        texts.append(str(path))
    for trial in range(3):
        database = str(tmp_path / f"r{trial}.db")
        processes = [
            subprocess.Popen(
                [sys.executable, "-m", "newsdiff", "index", "add", database, path],
                stderr=subprocess.PIPE,
                stdout=subprocess.DEVNULL,
            )
            for path in texts
        ]
        for process in processes:
            _, err = process.communicate(timeout=120)
            assert process.returncode == 0, err
        with Index(database) as index:
            assert index.ids() == ["a", "b", "c", "d"]


def test_a_damaged_index_gives_one_line_naming_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    clean = tmp_path / "clean.db"
    assert run(["index", "add", str(clean), *map(str, SEEDS)], capsys)[0] == 0
    size = clean.stat().st_size
    failed = 0
    for offset in (0, 4096, 8192, 20_000, size // 2, size - 4096):
        damaged = tmp_path / "damaged.db"
        shutil.copy(clean, damaged)
        for suffix in ("-wal", "-shm"):
            Path(f"{damaged}{suffix}").unlink(missing_ok=True)
        with open(damaged, "r+b") as handle:
            handle.seek(offset)
            handle.write(bytes(3000))
        for arguments in (
            ["index", "clusters", str(damaged)],
            ["index", "query", str(damaged), str(SEEDS[0])],
            ["index", "add", "--replace", str(damaged), str(SEEDS[0])],
        ):
            code, _, err = run(arguments, capsys)
            if code == 1 and "damaged" in err:
                failed += 1
                assert f"{damaged}: " in err and "integrity_check" in err
    assert failed >= 3  # most damage is noticed; none gives a traceback


def test_the_library_raises_only_newsdiff_errors_on_a_damaged_index(tmp_path: Path) -> None:
    path = tmp_path / "wire.db"
    with Index(path) as index:
        for doc in SEEDS:
            index.add(nd.Document.from_file(doc))
    with sqlite3.connect(path) as db:
        # Damaged pages read back as another type (or NULL) where text was.
        db.execute("UPDATE documents SET text = zeroblob(4)")
    with Index(path) as index:
        for call in (index.clusters, lambda: index.get(index.ids()[0])):
            with pytest.raises(nd.NewsdiffError, match="damaged"):
                call()


def test_a_file_the_library_cannot_read_is_an_input_error(tmp_path: Path) -> None:
    for path, reason in ((tmp_path / "missing.txt", "no such file"), (tmp_path, "directory")):
        with pytest.raises(nd.InputError, match=f"^{path}: cannot read .*{reason}") as raised:
            nd.Document.from_file(path)
        assert isinstance(raised.value.__cause__, OSError)


# -- terminal output and text ----------------------------------------------------


ESCAPES = "A\n\nThe mayor said\x1b]0;PWNED\x07 x\x1b[2J rose\u202e.\n"


def test_control_sequences_reach_the_terminal_escaped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "esc\x1b[2J.txt"
    path.write_text(ESCAPES, encoding="utf-8")
    for arguments in (
        ["segment", str(path)],
        ["align", "--color", "always", str(path), str(path)],
        ["cluster", str(path)],
    ):
        code, out, _ = run(arguments, capsys)
        assert code == 0
        for colour in ("\x1b[31m", "\x1b[32m", "\x1b[2m", "\x1b[0m"):  # align's own
            out = out.replace(colour, "")
        assert "\x1b" not in out and "\x07" not in out and "\u202e" not in out
        assert "esc\\x1b[2J" in out  # the id, from the file name
        assert "\\x1b]0;PWNED\\x07" in out or arguments[0] == "cluster"
    code, out, _ = run(["segment", "--json", str(path)], capsys)
    assert json.loads(out)["documents"][0]["text"] == ESCAPES  # JSON keeps the text
    assert "\u202e" not in out  # ... escaped, as \u202e


def test_a_lone_surrogate_is_refused_with_a_newsdiff_error() -> None:
    with pytest.raises(nd.InputError, match=r"lone surrogate \(U\+D800\) at offset 2"):
        nd.Document.from_text("a \ud800 b.", id="x")
    with pytest.raises(nd.InputError, match="surrogate"):
        nd.Document.from_text("text", id="x\udcff")


def test_a_file_name_that_is_not_utf8_still_gives_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    name = os.fsdecode(b"caf\xe9.txt")
    (tmp_path / name).write_text(STORY, encoding="utf-8")
    (tmp_path / "b.txt").write_text(BRIEF, encoding="utf-8")
    code, out, _ = run(["segment", "--json", str(tmp_path / name)], capsys)
    assert code == 0 and json.loads(out)["documents"][0]["id"] == "caf\ufffd"
    report = tmp_path / "r.json"
    code, _, _ = run(["report", str(tmp_path), "--json", str(report)], capsys)
    assert code == 0
    paths = [doc.get("path", "") for doc in json.loads(report.read_text("utf-8"))["documents"]]
    assert any(path.endswith("caf\\xe9.txt") for path in paths)


# -- index recall for short texts -----------------------------------------------


@pytest.mark.parametrize("text", [BRIEF, "x\n", "HEADLINE ONLY", "...\n"])
def test_an_identical_copy_is_found_whatever_its_length(
    text: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    (tmp_path / "one.txt").write_text(text, encoding="utf-8")
    (tmp_path / "one_copy.txt").write_text(text, encoding="utf-8")
    (tmp_path / "other.txt").write_text(STORY, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(["cluster", "one.txt", "one_copy.txt", "other.txt"], capsys)
    assert code == 0 and out.splitlines()[:2] == ["# 2 clusters", "  1. one, one_copy"]


def test_dask_joins_identical_short_copies_as_the_index_does() -> None:
    distributed = pytest.importorskip("distributed", reason="needs the extra newsdiff[dask]")
    from newsdiff.distributed import cluster_on_dask

    texts = {"one": BRIEF, "one_copy": BRIEF, "x": "x\n", "x_copy": "x \n", "story": STORY}
    docs = [nd.Document.from_text(text, id=doc_id) for doc_id, text in texts.items()]
    with Index() as index:
        for doc in docs:
            index.add(doc)
        expected = [cluster.ids for cluster in index.clusters()]
    assert expected == [("one", "one_copy"), ("x", "x_copy"), ("story",)]
    with (
        distributed.LocalCluster(
            n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        assert cluster_on_dask(docs, client) == expected


# -- API manners ----------------------------------------------------------------


def test_reprs_are_short() -> None:
    a = nd.Document.from_text(STORY, id="a", date="2021-11-07")
    assert repr(a) == f"<Document 'a', date='2021-11-07': {len(STORY)} characters, 3 sentences>"
    alignment = nd.align(a, a)
    assert repr(alignment) == "<Alignment 'a' <-> 'a': 3 links, unmatched 0 + 0>"
    with Index() as index:
        index.add(a)
        assert repr(index) == "<Index ':memory:': 1 documents>"
    assert repr(index) == "<Index ':memory:': closed or unreadable>"


def test_passages_and_diff_are_named_tuples() -> None:
    a = nd.Document.from_text(STORY, id="a")
    b = nd.Document.from_text(STORY.replace("resigned", "quit"), id="b")
    alignment = nd.align(a, b)
    passage = alignment.passages(0, 0)[0]
    assert isinstance(passage, Passage) and passage.a_start == passage[0]
    link = next(link for link in alignment.links if link.kind is not nd.RewriteKind.COPY)
    ops = nd.diff(alignment, link)
    assert all(isinstance(op, nd.DiffOp) for op in ops)
    assert "".join(text for op, text in ops if op != 1) == alignment.text_a(link)
    assert "".join(op.text for op in ops if op.op != -1) == alignment.text_b(link)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            lambda a: nd.align(a, a, min_score="0.5"),
            r"option min_score must be float, got '0.5' \(str\)",
        ),
        (
            lambda a: nd.align(a, a, headlines_with_body="no"),
            "option headlines_with_body must be bool",
        ),
        (lambda a: nd.align(a, a, min_score=True), "option min_score must be float, got True"),
        (lambda a: nd.AlignOptions(min_score=[1]), r"option min_score must be float, got \[1\]"),
        (lambda a: nd.derive(a, a, wholly_min="high"), "option wholly_min must be float"),
        (lambda a: nd.align(a, a, bogus=1), "unknown option 'bogus'"),
        (lambda a: nd.align(a, "b"), "b must be Document, not str"),
        (lambda a: Index(3), "path must be str or os.PathLike, not int"),
        (lambda a: Index(options={}), "options must be IndexOptions or None, not dict"),
        (lambda a: Index().get(3), "doc_id must be str, not int"),
        (lambda a: nd.Document.from_file("x.txt", max_bytes="1M"), "max_bytes must be int"),
    ],
)
def test_an_argument_of_the_wrong_type_says_so(
    call: Callable[[nd.Document], object], message: str
) -> None:
    a = nd.Document.from_text(STORY, id="a")
    with pytest.raises(nd.InputError, match=message) as raised:
        call(a)
    assert isinstance(raised.value, TypeError)  # what Python code conventionally catches


# -- arbitrary input ------------------------------------------------------------


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(first=st.binary(max_size=300), second=st.binary(max_size=300))
def test_arbitrary_bytes_give_output_or_a_clean_error(first: bytes, second: bytes) -> None:
    with tempfile.TemporaryDirectory() as directory:
        a, b = Path(directory, "a.txt"), Path(directory, "b.txt")
        a.write_bytes(first)
        b.write_bytes(second)
        out = Path(directory, "out.json")
        for arguments in (
            ["segment", "--json", str(a), str(b), "-o", str(out)],
            ["align", "--json", str(a), str(b), "-o", str(out)],
            ["cluster", "--errors", "replace", str(a), str(b)],
        ):
            code = _quiet(arguments)
            assert code in (0, 1)
            if "-o" in arguments:
                if code == 0:
                    json.loads(out.read_text(encoding="utf-8"))  # complete
                    out.unlink()
                assert not out.exists()
            assert sorted(os.listdir(directory)) == ["a.txt", "b.txt"]


def _quiet(arguments: list[str]) -> int:
    stdout, stderr = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = io.StringIO(), io.StringIO()
    try:
        code = cli.main(arguments)
        assert "Traceback" not in sys.stderr.getvalue()
        return code
    finally:
        sys.stdout, sys.stderr = stdout, stderr


# Any code point (lone surrogates included), or news-like words mixed with
# control sequences, so that some texts align and some do not.
ANY_TEXT = st.text(st.characters(exclude_categories=()), max_size=200)
NEWSY = st.lists(
    st.sampled_from(
        [
            *"The mayor said Mr. U.S. 3.5 résumé « » . ?".split(),
            *("\n\n", "\x1b]0;PWNED\x07", "\u202e", "\x00", "\r", "\ud800"),
        ]
    ),
    max_size=60,
).map(" ".join)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts=st.lists(st.one_of(ANY_TEXT, NEWSY), min_size=2, max_size=2), doc_id=ANY_TEXT)
def test_arbitrary_text_raises_only_newsdiff_errors(texts: list[str], doc_id: str) -> None:
    try:
        a = nd.Document.from_text(texts[0], id=doc_id or "a")
        b = nd.Document.from_text(texts[1], id="b")
    except nd.NewsdiffError:
        return
    json.dumps(a.to_dict(), ensure_ascii=False).encode("utf-8")
    alignment = nd.align(a, b)
    json.dumps(alignment.to_dict(), ensure_ascii=False).encode("utf-8")
    for link in alignment.links:
        nd.diff(alignment, link)
    with Index() as index:
        index.add(a)
        if b.id != a.id:
            index.add(b)
            graph = nd.provenance([a, b])
            data = report_data(graph, {})
            json.dumps(data, ensure_ascii=False).encode("utf-8")
            render_html(graph, data).encode("utf-8")
        index.query(b)
        index.clusters()
