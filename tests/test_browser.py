"""The HTML report in a real browser: headless Chromium loads the page from
disk, it renders without console errors, the reader's elements are in the
rendered DOM, and at 1400 and 400 px the page is no wider than the window.

Headless Chromium will not make a window narrower than 500 px, so the
width check loads the report in an iframe of the wanted width inside a
small harness page; the harness's script (the report has none) writes the
report's scroll width into the harness's DOM, which ``--dump-dom`` prints.

Skips when no Chromium is installed (CI installs the Debian package
``chromium``)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from html import unescape
from pathlib import Path

import pytest

from newsdiff import cli

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from report_screenshots import write_cascade  # noqa: E402  (the docs' 12-document cascade)

BROWSER = next(
    (
        found
        for name in ("chromium", "chromium-browser", "google-chrome")
        if (found := shutil.which(name))
    ),
    None,
)
pytestmark = pytest.mark.skipif(
    BROWSER is None, reason="no Chromium on PATH (install the Debian package 'chromium')"
)
# Console messages as Chromium logs them with --enable-logging=stderr.
_CONSOLE = re.compile(r"CONSOLE\(\d+\)\]?\s*\"?(.*)")

_HARNESS = """<!DOCTYPE html><meta charset="utf-8"><body style="margin:0">
<iframe id="page" src="{page}" style="width:{width}px;height:900px;border:0"></iframe>
<script>
document.getElementById("page").addEventListener("load", () => {{
  const doc = document.getElementById("page").contentDocument;
  const root = doc.documentElement, limit = root.clientWidth;
  const wide = [...doc.querySelectorAll("body *")]
    .filter((el) => el.getBoundingClientRect().right > limit + 1)
    .filter((el) => !el.closest(".scroll"))
    .slice(0, 5).map((el) => el.tagName + "." + (el.getAttribute("class") || ""));
  document.body.setAttribute("data-probe", JSON.stringify(
    {{scroll: root.scrollWidth, client: limit, wide: wide}}));
}});
</script></body>"""


def _chromium(*arguments: str) -> subprocess.CompletedProcess[str]:
    assert BROWSER is not None
    return subprocess.run(
        [
            BROWSER,
            "--headless",
            "--no-sandbox",  # CI runs as root
            "--disable-gpu",
            "--no-first-run",
            "--disable-extensions",
            "--hide-scrollbars",
            "--enable-logging=stderr",
            "--v=0",
            *arguments,
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )


def _widths(page: Path, width: int) -> dict[str, object]:
    """The page's scroll width and client width in an iframe ``width`` px
    wide, and the first elements (outside scroll boxes) that stick out."""
    harness = page.with_name(f"harness-{width}.html")
    harness.write_text(_HARNESS.format(page=page.name, width=width), encoding="utf-8")
    dumped = _chromium("--allow-file-access-from-files", "--dump-dom", harness.as_uri())
    assert dumped.returncode == 0, dumped.stderr[-2000:]
    found = re.search(r'data-probe="([^"]*)"', dumped.stdout)
    assert found, dumped.stdout[-2000:]
    probe: dict[str, object] = json.loads(unescape(found.group(1)))
    return probe


@pytest.fixture(scope="module")
def seed_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    page = tmp_path_factory.mktemp("browser") / "report.html"
    assert cli.main(["report", *map(str, SEEDS), "-o", str(page)]) == 0
    return page


def test_report_renders_in_headless_chromium(seed_page: Path) -> None:
    dumped = _chromium("--dump-dom", seed_page.as_uri())
    assert dumped.returncode == 0, dumped.stderr[-2000:]
    dom = dumped.stdout
    assert 'id="summary"' in dom and "5 documents" in dom
    assert 'id="legend"' in dom
    # Two drawings of the tree (wide and narrow screens), the same nodes.
    assert '<svg class="copytree wide"' in dom and '<svg class="copytree narrow"' in dom
    # Five documents and one unseen source, each a node of the drawn tree.
    drawn = re.findall(r'<g class="node" data-node="([^"]+)">', dom)
    nodes = set(drawn)
    assert len(nodes) == 6 and len(drawn) == 12
    for path in SEEDS:
        assert path.stem in nodes
    assert '<table class="collation">' in dom
    # A pair view for each child of the unseen source but the one the others
    # are shown beside.
    assert dom.count('<details class="pair"') == 2
    messages = [match.group(1) for match in _CONSOLE.finditer(dumped.stderr)]
    assert messages == [], messages


@pytest.mark.parametrize("width", [1400, 400])
def test_page_is_no_wider_than_the_window(seed_page: Path, width: int) -> None:
    probe = _widths(seed_page, width)
    assert probe["client"] == width
    assert probe["scroll"] == width, probe


def test_long_tokens_and_right_to_left_text_stay_inside_a_phone_screen(tmp_path: Path) -> None:
    url = "https://example.org/" + "very-long-path-segment/" * 60
    arabic = "قال رئيس الوزراء إنه بخير ودعا إلى الهدوء وضبط النفس."
    texts = {
        "wire.txt": f"Floodwaters force hundreds from homes\n\nThe river rose overnight. "
        f"Officials said {url} lists the shelters. {arabic} Schools stay closed on Monday.",
        "copy.txt": f"Floodwaters force hundreds from homes\n\nThe river rose overnight. "
        f"Officials said {url} lists the shelters. {arabic} Read more at our site.",
    }
    paths = []
    for name, text in texts.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        paths.append(str(tmp_path / name))
    page = tmp_path / "report.html"
    assert cli.main(["report", *paths, "-o", str(page)]) == 0
    assert 'dir="auto"' in page.read_text(encoding="utf-8")
    for width in (400, 1400):
        probe = _widths(page, width)
        assert probe["scroll"] == width, probe


def test_screenshots_at_desktop_and_phone_width(seed_page: Path) -> None:
    for width in (1400, 400):
        screenshot = seed_page.with_name(f"report-{width}.png")
        shot = _chromium(
            f"--window-size={width},1600", f"--screenshot={screenshot}", seed_page.as_uri()
        )
        assert shot.returncode == 0, shot.stderr[-2000:]
        assert screenshot.stat().st_size > 10_000
        print(f"screenshot: {screenshot}")


def test_a_twelve_document_cascade_fits_a_phone_and_shows_every_document(
    tmp_path: Path,
) -> None:
    paths = write_cascade(tmp_path / "cascade")
    assert len(paths) == 12
    page = tmp_path / "report.html"
    assert cli.main(["report", *map(str, paths), "-o", str(page)]) == 0
    dumped = _chromium("--dump-dom", page.as_uri())
    assert dumped.returncode == 0, dumped.stderr[-2000:]
    dom = unescape(dumped.stdout)
    svg = dom[dom.index('<svg class="copytree narrow"') :]
    svg = svg[: svg.index("</svg>")]
    # Every document is a node, or a member of an identical group's node.
    titles = " ".join(re.findall(r"<title>([^<]*)</title>", svg))
    for path in paths:
        assert path.name in titles, path.name
    assert "wire.txt" in svg
    for width in (1400, 400):
        probe = _widths(page, width)
        assert probe["scroll"] == width, probe
