"""The HTML report in a real browser: headless Chromium loads the page from
disk, it renders without console errors, the reader's elements are in the
rendered DOM, and a screenshot is taken into the test's temp directory.

Skips when no Chromium is installed (CI installs the Debian package
``chromium``)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from newsdiff import cli

ROOT = Path(__file__).resolve().parent.parent
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
            "--enable-logging=stderr",
            "--v=0",
            *arguments,
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )


def test_report_renders_in_headless_chromium(tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    assert cli.main(["report", str(ROOT / "seeds"), "-o", str(page)]) == 0

    dumped = _chromium("--dump-dom", page.as_uri())
    assert dumped.returncode == 0, dumped.stderr[-2000:]
    dom = dumped.stdout
    assert '<section id="graph">' in dom and "<svg" in dom
    assert len(re.findall(r'<g class="node">', dom)) == 6  # five documents, one latent source
    assert '<table class="collation">' in dom
    assert dom.count('<details class="pair"') == 3  # the three derived pairs
    messages = [match.group(1) for match in _CONSOLE.finditer(dumped.stderr)]
    assert messages == [], messages

    screenshot = tmp_path / "report.png"
    shot = _chromium("--window-size=1280,2400", f"--screenshot={screenshot}", page.as_uri())
    assert shot.returncode == 0, shot.stderr[-2000:]
    assert screenshot.stat().st_size > 10_000
    print(f"screenshot: {screenshot}")
