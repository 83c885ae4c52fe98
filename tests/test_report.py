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

from newsdiff import Document, cli, provenance
from newsdiff.render import html as html_module
from newsdiff.render.html import render_html
from newsdiff.render.model import Phrase, Report, _names, build_report
from newsdiff.rewrite import RewriteKind

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
    # The answer in words comes first, and the tree is drawn as a tree.
    words = " ".join(summary.split())  # the answer is wrapped for the terminal
    assert words.index("come from an unseen common source") < words.index("Clusters:")
    assert "000_88b5317222fcb3c6 was run through a synonym spinner" in words
    assert "├─ 000_88b5317222fcb3c6.txt  (spin, " in summary
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
    # The answer and the tree travel in the JSON too (additive: still /2).
    assert isinstance(data["summary"], str) and "unseen common source" in data["summary"]
    tree = data["tree"]
    assert tree[0]["node"] == "latent-1"  # type: ignore[index]
    assert {row["node"] for row in tree} == {  # type: ignore[attr-defined]
        node["id"]
        for node in data["graph"]["nodes"]  # type: ignore[index]
    }
    labels = {d["id"]: d["label"] for d in data["documents"]}  # type: ignore[attr-defined]
    assert labels["001_37a1e98ddf765961"].startswith("IRAQ: PM calls for restraint")


def test_schema_rejects_what_the_report_never_writes() -> None:
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"schema": "newsdiff.report/1"}, SCHEMA)


def test_html_is_self_contained_and_has_what_a_reader_needs(
    seed_report: tuple[str, dict[str, object], str],
) -> None:
    _, _, html = seed_report
    for needed in (
        'id="summary"',
        'id="tree"',
        'id="legend"',
        'class="copytree wide"',
        'id="collation"',
        'class="collation"',
        'class="pair"',
        'class="evidence"',
    ):
        assert needed in html
    # The tree scales with the page; text cells pick their own direction;
    # long tokens wrap; the page prints with its details unfolded.
    for variant in ("wide", "narrow"):
        svg = rf'<svg class="copytree {variant}"[^>]* viewBox="0 0 \d+ \d+" width="100%"'
        assert re.search(svg, html)
    assert 'dir="auto"' in html and "overflow-wrap:anywhere" in html
    assert "@media print" in html and "details-content" in html
    # Headlines label the documents; the summary links to their sections.
    assert "IRAQ: PM calls for restraint after drone strike on his home" in html
    assert re.search(r'id="summary">.*href="#doc-0"', html)
    views = "".join(re.findall(r'<table class="pairview">.*?</table>', html, flags=re.S))
    assert "<del>" in views and "<ins>" in views  # edits highlighted
    assert 'class="slot"' in views  # spin slots marked
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


# -- the model, on a story whose tree is plain --------------------------------

BODY = [
    "The river Severn burst its banks on Sunday night after three days of heavy rain.",
    "Police said 340 people were taken from their homes in Shrewsbury and Bewdley.",
    "The Environment Agency issued 14 severe flood warnings across the region.",
    "Mayor Alice Grant said the council had opened two emergency shelters at local schools.",
    "Engineers expect the water to peak at 5.6 metres on Tuesday morning.",
    "A spokesman for the fire service said crews had carried out 62 rescues overnight.",
    "The railway line between Shrewsbury and Telford will stay closed until Thursday.",
    "Residents were advised to boil drinking water until further notice.",
]
OWN = "Our reporter Tom Hale saw families wading through knee-deep water on Mill Street."


def _story() -> Report:
    def doc(doc_id: str, body: list[str]) -> Document:
        text = "Floodwaters force hundreds from homes\n\n" + "\n\n".join(body)
        return Document.from_text(text, id=doc_id)

    documents = [
        doc("wire", BODY),
        doc("site1", BODY[:6]),
        doc("site2", [*BODY[:3], OWN, *BODY[3:5]]),
        doc("site3", [*BODY[:5], "Read more: our live blog has the latest from the region."]),
        Document.from_text(
            "Town hall vote delayed\n\nCouncillors in Ludlow postponed a vote on the new "
            "bypass until March. The mayor blamed missing paperwork from the highways agency.",
            id="other",
        ),
    ]
    graph = provenance(documents)
    return build_report(graph, {d.id: f"news/{d.id}.txt" for d in documents})


@pytest.fixture(scope="module")
def story() -> Report:
    return _story()


def test_summary_answers_who_copied_whom(story: Report) -> None:
    text = story.summary_text
    assert text.startswith("5 documents")
    assert "The original is “Floodwaters force hundreds from homes” (wire.txt)." in text
    root = story.node("wire")
    direct = sum(story.node(child).count for child in root.children)
    below = len(story.documents) - 2 - direct  # all but the root and the stand-alone
    assert f"{direct} cop" in text and f"{below} through" in text
    assert "other stands alone" in text
    # Names and numbers link to the sections below.
    anchors = {phrase.anchor for phrase in story.summary if phrase.anchor}
    assert {"tree", story.document("wire").anchor, story.document("other").anchor} <= anchors


def test_tree_rows_are_depth_first_with_children_under_their_parent(story: Report) -> None:
    rows = story.tree
    seen: set[str] = set()
    for number, row in enumerate(rows):
        if row.parent is None:
            assert row.depth == 0
        else:
            # The parent came before, one level up, and every row between
            # them is inside the parent's subtree: no two edges cross.
            assert row.parent in seen
            parent_at = next(i for i, r in enumerate(rows) if r.id == row.parent)
            assert rows[parent_at].depth == row.depth - 1
            assert all(r.depth >= row.depth for r in rows[parent_at + 1 : number])
        seen.add(row.id)
    members = sorted(m for row in rows if not row.latent for m in row.members)
    assert members == sorted(doc.id for doc in story.documents)
    # Copies keep the headline: below the root, the tree shows file names.
    assert story.node("wire").title == "Floodwaters force hundreds from homes"
    assert story.node("site1").title == "site1.txt"


def test_each_document_has_its_path_and_labels(story: Report) -> None:
    site2 = story.document("site2")
    assert site2.label == "Floodwaters force hundreds from homes"
    assert site2.label_from == "headline" and site2.name == "site2.txt"
    assert site2.steps and site2.steps[0].source == "wire" and site2.steps[-1].target == "site2"
    other = story.document("other")
    assert other.steps == () and other.parent is None


def test_pair_view_and_collation_keep_story_order(story: Report) -> None:
    page = render_html(story)
    section = page[page.index(f'id="{story.document("site2").anchor}"') :]
    table = section[: section.index("</table>")]
    # The outlet's own sentence sits between the statements around it.
    before, own, after = (table.index(text) for text in (BODY[2][:30], OWN[:30], BODY[3][:30]))
    assert before < own < after
    assert "<td>added</td>" in table
    collation = page[page.index('class="collation"') :]
    before, own, after = (collation.index(text) for text in (BODY[2][:30], OWN[:30], BODY[3][:30]))
    assert before < own < after
    assert '<span class="tag">own</span>' in collation


def test_legend_explains_every_mark(story: Report) -> None:
    page = render_html(story)
    legend = page[page.index('id="legend"') :]
    legend = legend[: legend.index("</ul>")]
    for word in ("original", "SPUN", "identical", "unseen common source", "uncertain", "sure"):
        assert word in legend
    for kind in RewriteKind:
        assert f"{kind.value}:" in legend


def test_page_size_grows_linearly_with_the_input(story: Report) -> None:
    """Pair views follow the tree's edges, not every pair, and empty
    collation cells are merged: doubling the story doubles the page."""
    page = render_html(story)
    docs = story.graph.collation.documents
    twice = [Document.from_text(doc.text, id=f"{doc.id}-{copy}") for doc in docs for copy in "ab"]
    doubled = build_report(provenance(twice))
    double = render_html(doubled)
    # One pair view per document below a parent: N - 1 at most, not N^2 / 2.
    assert double.count('<details class="pair"') < len(twice)
    assert double.count('<details class="pair"') == sum(
        1 for row in doubled.tree for member in row.members if row.parent is not None
    ) - sum(row.count - 1 for row in doubled.tree if row.parent is not None)
    text = sum(len(doc.text) for doc in docs)
    assert len(double) < 2.5 * len(page)
    assert len(page) < 40 * text


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(ink: str, paper: str) -> float:
    light, dark = sorted((_luminance(ink), _luminance(paper)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_colours_meet_wcag_aa_contrast() -> None:
    """Every text colour of the page against every background it is drawn
    on reaches 4.5:1 (WCAG AA for normal text)."""
    css = html_module._CSS
    backgrounds = ["#ffffff", *re.findall(r"background:(#[0-9a-f]{6})", css)]
    assert len(backgrounds) >= 8
    for ink in ("#1d1d1d", "#4a4a4a", html_module._MUTED):
        for paper in backgrounds:
            assert _contrast(ink, paper) >= 4.5, (ink, paper)
    for paper in ("#ffffff", "#f2f2f2"):  # links: in text and in table headers
        assert _contrast("#0b57d0", paper) >= 4.5
    assert _contrast("#595959", "#f7f7f7") >= 4.5  # furniture rows
    for ink in html_module._KIND_INK.values():  # the tree's second lines, on white
        assert _contrast(ink, "#ffffff") >= 4.5, ink


def test_no_evidence_line_is_repeated(seed_report: tuple[str, dict[str, object], str]) -> None:
    """A clue that holds for every child of one parent is said once, of
    the parent, not again for each sibling."""
    _, _, html = seed_report
    lines = re.findall(r'<details class="evidence">.*?</details>', html, flags=re.S)
    said = [line for block in lines for line in re.findall(r"<li[^>]*>(.*?)</li>", block)]
    assert said and len(said) == len(set(said))


def test_long_lists_in_the_answer_are_counted() -> None:
    phrases: list[Phrase] = []
    _names(phrases, [(f"site{n}", f"doc-{n}") for n in range(9)])
    assert "".join(p.text for p in phrases) == "site0, site1, site2 and 6 more"
    assert phrases[-1].anchor == "tree"  # the rest are in the drawing
    phrases = []
    _names(phrases, [("a", "doc-0"), ("b", "doc-1")])
    assert "".join(p.text for p in phrases) == "a and b"


def test_swapped_words_in_a_run_of_replacements_are_each_outlined() -> None:
    from newsdiff.render.html import _sides
    from newsdiff.rewrite import char_diff

    swapped = {"groups", "parties", "coalitions", "alliances"}
    left, right = _sides(
        char_diff("political groups formed coalitions", "political parties formed alliances"),
        swapped,
    )
    assert left.count('class="slot"') == 2 and right.count('class="slot"') == 2
    # Neighbouring replacements come as one op: each word is still outlined.
    left, right = _sides(
        char_diff("Iraq's groups negotiated coalitions", "Iraq's parties negotiate alliances"),
        swapped,
    )
    assert '<span class="slot">groups</span>' in left
    assert '<span class="slot">alliances</span>' in right
    assert "negotiate" in right and '<span class="slot">negotiate</span>' not in right
