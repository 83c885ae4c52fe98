"""The command line: output, exit codes, and never a half-written file."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from newsdiff import cli

SEEDS = Path(__file__).parent.parent / "seeds"
SEED = str(SEEDS / "001_37a1e98ddf765961.txt")


def test_segment_prints_index_role_span_and_text(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["segment", SEED]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "# 001_37a1e98ddf765961 (24 sentences)"
    assert out[1].split(None, 3) == [
        "0",
        "headline",
        "0-59",
        "IRAQ: PM calls for restraint after drone strike on his home",
    ]


def test_segment_json_round_trips_spans(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["segment", "--json", str(SEEDS)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["schema"] == "newsdiff.segment/1"
    assert [doc["id"] for doc in data["documents"]] == sorted(p.stem for p in SEEDS.glob("*.txt"))
    for doc in data["documents"]:
        for sentence in doc["sentences"]:
            assert doc["text"][sentence["start"] : sentence["end"]] == sentence["text"]


def test_output_file_is_written_whole(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    assert cli.main(["segment", "--json", SEED, "-o", str(target)]) == 0
    assert json.loads(target.read_text(encoding="utf-8"))["documents"][0]["id"]
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]


def test_failed_run_leaves_no_output_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"ok \xff not utf-8")
    target = tmp_path / "out.txt"
    assert cli.main(["segment", SEED, str(bad), "-o", str(target)]) == 1
    assert not target.exists()
    assert [p.name for p in tmp_path.iterdir()] == ["bad.txt"]
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "bad.txt" in err and "byte offset 3" in err


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["segment", "no/such/file.txt"], "no such file or directory"),
        (["segment", "--encoding", "bogus", SEED], "unknown encoding"),
    ],
)
def test_bad_input_exits_1_with_one_line(
    arguments: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(arguments) == 1
    err = capsys.readouterr().err
    assert err.startswith("newsdiff: error: ") and message in err and err.count("\n") == 1


def test_empty_directory_is_bad_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["segment", str(tmp_path)]) == 1
    assert "no *.txt files" in capsys.readouterr().err


@pytest.mark.parametrize("arguments", [[], ["segment"], ["frobnicate"], ["segment", "--bogus"]])
def test_usage_errors_exit_2(arguments: list[str]) -> None:
    with pytest.raises(SystemExit) as raised:
        cli.main(arguments)
    assert raised.value.code == 2


def test_module_entry_point_runs_without_traceback() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "newsdiff", "segment", "missing.txt"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr


def test_align_prints_links_with_edits(capsys: pytest.CaptureFixture[str]) -> None:
    spun = str(SEEDS / "000_88b5317222fcb3c6.txt")
    assert cli.main(["align", SEED, spun, "--color", "never"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# 001_37a1e98ddf765961 (a) <-> 000_88b5317222fcb3c6 (b): ")
    assert "[spin " in out and "swapped: critic->foe" in out
    assert "[-critic of Iran-]" in out or "[-critic-]" in out
    assert "\x1b[" not in out
    assert "# only in a (001_37a1e98ddf765961):" in out


def test_align_json_follows_its_schema_tag(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["align", "--json", SEED, SEED]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["schema"] == "newsdiff.align/1"
    assert data["coverage"] == {"a": 1.0, "b": 1.0}
    assert {link["kind"] for link in data["links"]} == {"copy"}


def test_align_needs_two_files() -> None:
    with pytest.raises(SystemExit) as raised:
        cli.main(["align", SEED])
    assert raised.value.code == 2
