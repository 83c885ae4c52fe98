"""Calibrate and measure ``derive`` on PAN 2013 (training corpus).

Pairs in ``01-no-plagiarism`` are non-derived; in the other categories the
suspicious document was made from the source.  For every pair this script
runs ``derive(source, suspicious)`` once, then:

* sweeps ``DeriveOptions.partial_min`` and ``DeriveOptions.min_run`` over a
  grid and reports the binary derivation accuracy (derived or not) per
  category and balanced over both classes: the calibration of the defaults;
* reports, at the defaults, derivation accuracy per category and direction
  accuracy (``a->b`` expected: source first) with the distribution of the
  directions given.

The seeds' expected outcome (``tests/golden/seed_provenance.json``) is
checked by the tests, not tuned here.

Run: ``python benchmarks/calibrate_derive.py [--sample N]``; writes
``benchmarks/results/derive_pan13.{json,md}`` on full runs.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import newsdiff as nd
from _common import machine
from bench_pan import CATEGORIES, CORPUS, main_for, sampled_pairs
from newsdiff.derivation import relate

PARTIAL_GRID = (0.02, 0.05, 0.1, 0.15, 0.2, 0.3)
RUN_GRID = (0, 2, 3, 4)  # 0: runs not used


def collect(sample: int | None) -> dict[str, list[nd.Alignment]]:
    alignments: dict[str, list[nd.Alignment]] = {}
    for category in CATEGORIES:
        found = []
        for susp, src in sampled_pairs(category, sample):
            source = nd.Document.from_file(CORPUS / "src" / src, id="source")
            suspicious = nd.Document.from_file(CORPUS / "susp" / susp, id="suspicious")
            found.append(nd.align(source, suspicious))
        alignments[category] = found
        print(category, len(found), flush=True)
    return alignments


def _accuracy(alignments: dict[str, list[nd.Alignment]], options: nd.DeriveOptions) -> dict:
    per_category = {}
    for category, found in alignments.items():
        expected = category != "01-no-plagiarism"
        right = sum(relate(a, options).derived == expected for a in found)
        per_category[category] = right / len(found) if found else 0.0
    negative = per_category["01-no-plagiarism"]
    positives = [per_category[c] for c in CATEGORIES[1:]]
    per_category["balanced"] = (negative + sum(positives) / len(positives)) / 2
    return per_category


def run(sample: int | None) -> dict[str, Any]:
    alignments = collect(sample)
    sweep = []
    for partial_min in PARTIAL_GRID:
        for min_run in RUN_GRID:
            options = nd.DeriveOptions(partial_min=partial_min, min_run=min_run)
            sweep.append(
                {"partial_min": partial_min, "min_run": min_run} | _accuracy(alignments, options)
            )
    defaults = nd.DeriveOptions()
    directions: dict[str, dict[str, int]] = {}
    derivations: dict[str, dict[str, int]] = {}
    for category, found in alignments.items():
        relations = [relate(a, defaults) for a in found]
        derivations[category] = dict(Counter(r.derivation for r in relations))
        directions[category] = dict(Counter(r.direction for r in relations if r.derived))
    derived = [d for c, d in directions.items() if c != "01-no-plagiarism"]
    oriented = sum(sum(d.values()) for d in derived)
    right = sum(d.get("a->b", 0) for d in derived)
    wrong = sum(d.get("b->a", 0) for d in derived)
    return {
        "machine": machine(),
        "sample_per_category": sample,
        "defaults": {"partial_min": defaults.partial_min, "min_run": defaults.min_run},
        "sweep": sweep,
        "at_defaults": _accuracy(alignments, defaults),
        "derivations": derivations,
        "directions": directions,
        "direction_accuracy": right / oriented if oriented else 0.0,
        "direction_wrong": wrong / oriented if oriented else 0.0,
    }


def markdown(result: dict[str, Any]) -> str:
    short = [c[:2] for c in CATEGORIES]
    lines = [
        "# derive on PAN 2013 (training corpus)",
        "",
        "`python benchmarks/calibrate_derive.py`: binary derivation accuracy "
        "(01 should be non-derived, 02-05 derived) over the grid; defaults "
        f"partial_min={result['defaults']['partial_min']}, "
        f"min_run={result['defaults']['min_run']}.",
        "",
        "| partial_min | min_run | " + " | ".join(short) + " | balanced |",
        "|---:|---:|" + "---:|" * (len(short) + 1),
    ]
    for row in result["sweep"]:
        cells = " | ".join(f"{row[c]:.3f}" for c in CATEGORIES)
        lines.append(
            f"| {row['partial_min']} | {row['min_run']} | {cells} | {row['balanced']:.3f} |"
        )
    lines += [
        "",
        "At the defaults: "
        + ", ".join(f"{c} {v:.3f}" for c, v in result["at_defaults"].items())
        + ".",
        "",
        "Directions given for pairs found derived (expected `a->b`, source first); "
        f"direction accuracy over categories 02-05: {result['direction_accuracy']:.3f} "
        f"right, {result['direction_wrong']:.3f} wrong (`b->a`), the rest `common-source` "
        "or `unknown`.",
        "",
        "| category | derivations | directions |",
        "|---|---|---|",
    ]
    for category in CATEGORIES:
        derivations = ", ".join(
            f"{k} {v}" for k, v in sorted(result["derivations"][category].items())
        )
        directions = ", ".join(
            f"{k} {v}" for k, v in sorted(result["directions"][category].items())
        )
        lines.append(f"| {category} | {derivations} | {directions or '-'} |")
    lines.append("")
    return "\n".join(lines)


def main() -> None:
    main_for("derive_pan13", run, markdown)


if __name__ == "__main__":
    main()
