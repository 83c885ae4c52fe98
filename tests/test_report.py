"""newsdiff report: summary, HTML page, JSON that follows its schema, and
clear errors for bad input."""

from __future__ import annotations

import contextlib
import io
import json
import re
import shutil
from pathlib import Path

import jsonschema
import pytest

from newsdiff import cli

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SCHEMA = json.loads((ROOT / "docs" / "report.schema.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def seed_report(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, dict[str, object], str]:
    out = tmp_path_factory.mktemp("report")
    html, data = out / "report.html", out / "report.json"
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        assert cli.main(["report", str(SEEDS), "-o", str(html), "--json", str(data)]) == 0
    return (
        buffer.getvalue(),
        json.loads(data.read_text(encoding="utf-8")),
        html.read_text(encoding="utf-8"),
    )


def test_summary_names_clusters_graph_and_profiles(
    seed_report: tuple[str, dict[str, object], str],
) -> None:
    summary, _, _ = seed_report
    assert "Clusters:" in summary and "Provenance:" in summary
    assert "latent-1: unseen common source of 000_" in summary
    assert "spun: 000_88b5317222fcb3c6" in summary
    assert re.search(r"Rewrite profile.*\n.*copy\s+edit\s+spin\s+paraphrase\s+new", summary)
    assert "Wrote HTML report:" in summary


def test_json_follows_the_published_schema(
    seed_report: tuple[str, dict[str, object], str],
) -> None:
    _, data, _ = seed_report
    jsonschema.validate(data, SCHEMA)
    assert data["schema"] == "newsdiff.report/2"
    for document in data["documents"]:  # type: ignore[attr-defined]
        assert sum(document["profile"].values()) == pytest.approx(1.0, abs=1e-3)


def test_schema_rejects_what_the_report_never_writes() -> None:
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"schema": "newsdiff.report/1"}, SCHEMA)


def test_html_is_self_contained_and_has_what_a_reader_needs(
    seed_report: tuple[str, dict[str, object], str],
) -> None:
    _, _, html = seed_report
    for needed in ('id="graph"', "<svg", 'id="collation"', 'class="collation"', 'class="pair"'):
        assert needed in html
    assert "<del>" in html and "<ins>" in html  # edits highlighted
    assert 'class="slot"' in html  # spin slots marked
    assert 'class="furniture"' in html  # boilerplate greyed
    # Nothing fetched from elsewhere: no external src/href, no scripts.
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", html)
    assert "<script" not in html and "@import" not in html


def test_report_needs_two_documents(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    one = tmp_path / "one.txt"
    one.write_text("Only one story here.", encoding="utf-8")
    assert cli.main(["report", str(one)]) == 1
    err = capsys.readouterr().err
    assert err.strip() == "newsdiff: error: report needs at least two documents, got 1"
    assert cli.main(["report"]) == 1
    assert "got 0" in capsys.readouterr().err


def test_duplicate_ids_name_both_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    first = tmp_path / "a" / "story.txt"
    second = tmp_path / "b" / "story.txt"
    for path in (first, second):
        path.parent.mkdir()
        path.write_text("The vote was delayed.", encoding="utf-8")
    assert cli.main(["report", str(first), str(second)]) == 1
    err = capsys.readouterr().err
    assert "duplicate document id 'story'" in err
    assert str(first) in err and str(second) in err


def test_undecodable_file_is_named_and_nothing_is_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"caf\xe9 au lait.")
    target = tmp_path / "report.html"
    seed = next(SEEDS.glob("*.txt"))
    assert cli.main(["report", str(seed), str(bad), "-o", str(target)]) == 1
    assert "bad.txt" in capsys.readouterr().err
    assert not target.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.txt"]


def test_progress_stays_quiet_when_piped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    copies = tmp_path / "copies"
    copies.mkdir()
    for path in sorted(SEEDS.glob("*.txt"))[:3]:
        shutil.copy(path, copies / path.name)
    assert cli.main(["report", str(copies)]) == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    assert captured.out.startswith("# 3 documents")
