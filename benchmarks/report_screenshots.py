"""Screenshots of the HTML report for the docs, in one command:

    python benchmarks/report_screenshots.py [--prefix NAME] [--time N]

Writes ``docs/img/report-{seeds,cascade}-{1400,400}.png``: the report of
the five seed articles and of a 12-document cascade (a wire story, four
outlets, seven copies of copies; grown from the seeds by
``benchmarks/cascades.py``, so no licensed text is involved), each at a
desktop and a phone width, top of the page.  Needs Debian's ``chromium``.

``--time N`` also builds an N-document page (N/12 cascades, so the tree
has N nodes and the collation N columns) and prints how long headless
Chromium takes to load and lay it out, and the page's size.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from cascades import CascadeOptions, make_cascade, seed_articles  # noqa: E402
from newsdiff import cli  # noqa: E402

IMAGES = ROOT / "docs" / "img"
WIDTHS = {1400: 1500, 400: 1700}  # window width: height of the shot (the top of the page)
# A fixed shape: 1 wire, 4 outlets, 7 second-generation copies.
TWELVE = CascadeOptions(depth=2, outlets=(4, 4), copies=(7, 7), spin_rate=0.6)


def browser() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    raise SystemExit("no Chromium on PATH (install the Debian package 'chromium')")


def chromium(*arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            browser(),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-extensions",
            "--hide-scrollbars",
            *arguments,
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def write_cascade(folder: Path, index: int = 0, options: CascadeOptions = TWELVE) -> list[Path]:
    """One cascade's documents as files named as a newsroom would: the wire
    story ``wire.txt``, the others ``site01.txt`` ... in generation order."""
    cascade = make_cascade(seed_articles(), index, seed=0, options=options)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number, doc in enumerate(cascade.documents):
        name = "wire.txt" if doc.id == cascade.wire else f"site{number:02d}.txt"
        path = folder / name
        path.write_text(doc.text, encoding="utf-8")
        paths.append(path)
    return paths


def report(paths: list[Path], page: Path) -> None:
    """Run ``newsdiff report`` from the files' folder, so the page shows
    the file names as a user would type them (no temporary paths)."""
    folder = paths[0].parent
    here = Path.cwd()
    os.chdir(folder)
    try:
        with contextlib.redirect_stdout(io.StringIO()):  # the terminal summary is not wanted
            names = [str(path.relative_to(folder)) for path in paths]
            code = cli.main(["report", *names, "-o", str(page)])
    finally:
        os.chdir(here)
    if code != 0:
        raise SystemExit(f"newsdiff report failed ({code})")


def shoot(page: Path, name: str, prefix: str) -> None:
    IMAGES.mkdir(parents=True, exist_ok=True)
    for width, height in WIDTHS.items():
        target = IMAGES / f"{prefix}{name}-{width}.png"
        done = chromium(f"--window-size={width},{height}", f"--screenshot={target}", page.as_uri())
        if done.returncode != 0:
            raise SystemExit(done.stderr[-2000:])
        print(f"wrote {target.relative_to(ROOT)}")


def time_load(count: int, folder: Path) -> None:
    """Build a ``count``-document report and time Chromium loading it."""
    paths: list[Path] = []
    for index in range(count // 12 + 1):
        batch = write_cascade(folder / f"c{index}", index)
        for path in batch:
            renamed = folder / f"c{index:02d}-{path.name}"
            path.rename(renamed)
            paths.append(renamed)
    paths = paths[:count]
    page = folder / "big.html"
    began = time.perf_counter()
    report(paths, page)
    built = time.perf_counter() - began
    size = page.stat().st_size
    # The page has no script, so a harness page times it: it loads the report
    # in an iframe, forces style and layout of the whole page when the load
    # event fires, and writes the milliseconds since it started into its DOM.
    harness = folder / "harness.html"
    harness.write_text(_HARNESS.format(page=page.name), encoding="utf-8")
    runs = []
    for _ in range(5):
        done = chromium("--allow-file-access-from-files", "--dump-dom", harness.as_uri())
        found = re.search(r'data-ms="([0-9.]+)"', done.stdout)
        if done.returncode != 0 or not found:
            raise SystemExit(done.stderr[-2000:])
        runs.append(float(found.group(1)) / 1000)
    chars = sum(path.stat().st_size for path in paths)
    print(f"{count} documents ({chars / 1e6:.2f} MB of text): report built in {built:.1f} s")
    print(f"page {size / 1e6:.2f} MB ({size / chars:.1f} bytes per byte of input)")
    print(
        f"Chromium load, style and layout: best {min(runs):.2f} s, "
        f"median {statistics.median(runs):.2f} s of {len(runs)}"
    )


_HARNESS = """<!DOCTYPE html><meta charset="utf-8"><body>
<script>const began = performance.now();</script>
<iframe id="page" src="{page}" style="width:1400px;height:900px;border:0"></iframe>
<script>
document.getElementById("page").addEventListener("load", () => {{
  const doc = document.getElementById("page").contentDocument;
  doc.documentElement.getBoundingClientRect();
  void doc.body.offsetHeight;  // style and layout of the whole page
  document.body.setAttribute("data-ms", String(performance.now() - began));
}});
</script></body>"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--prefix", default="report-", help="file name prefix of the shots")
    parser.add_argument("--time", type=int, metavar="N", help="time a page of N documents")
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        if arguments.time:
            time_load(arguments.time, folder / "big")
            return
        seeds = sorted((ROOT / "seeds").glob("*.txt"))
        report(seeds, folder / "seeds.html")
        shoot(folder / "seeds.html", "seeds", arguments.prefix)
        report(write_cascade(folder / "cascade"), folder / "cascade.html")
        shoot(folder / "cascade.html", "cascade", arguments.prefix)


if __name__ == "__main__":
    main()
