"""Digests of ``align(a, b).to_dict()`` on fixed pairs: a speed change to the
align core must leave every one unchanged.

The pairs: bench_align's generated pairs at every size, both ways; every
ordered pair of ``seeds/*.txt``; and the first ``--pan`` suspicious/source
pairs of each PAN13 train category (skipped when the data is absent).

Run ``python benchmarks/align_digest.py save FILE`` on the code before the
change and ``python benchmarks/align_digest.py check FILE`` after it; the
check lists the pairs whose alignment differs and exits 1 if any does.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import sys
from collections.abc import Iterator
from pathlib import Path

import newsdiff as nd
from _common import SEEDS, SHARED_DATA
from bench_align import SIZES, pair_of

PAN13 = SHARED_DATA / "pan13-train"


def pairs(pan: int) -> Iterator[tuple[str, str, str]]:
    """``(name, text_a, text_b)`` for every pair checked."""
    for size in SIZES:
        a, b = pair_of(size)
        yield f"bench {size}", a, b
        yield f"bench {size} mirrored", b, a
    for left, right in itertools.permutations(sorted(SEEDS.glob("*.txt")), 2):
        yield f"seeds {left.name} {right.name}", left.read_text(), right.read_text()
    if not PAN13.exists():
        print(f"{PAN13} not found: PAN13 pairs skipped", file=sys.stderr)
        return
    for category in sorted(PAN13.glob("0*")):
        lines = (category / "pairs").read_text().split("\n")
        for line in [line for line in lines if line.strip()][:pan]:
            suspicious, source = line.split()
            yield (
                f"pan13 {category.name} {suspicious} {source}",
                (PAN13 / "susp" / suspicious).read_text(errors="replace"),
                (PAN13 / "src" / source).read_text(errors="replace"),
            )


def digest(a: str, b: str) -> str:
    alignment = nd.align(nd.Document.from_text(a, id="a"), nd.Document.from_text(b, id="b"))
    serialized = json.dumps(alignment.to_dict(), sort_keys=True, default=repr)
    return hashlib.sha256(serialized.encode()).hexdigest()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("action", choices=("save", "check"))
    parser.add_argument("file", type=Path)
    parser.add_argument("--pan", type=int, default=50, help="PAN13 pairs per category")
    args = parser.parse_args()
    digests = {name: digest(a, b) for name, a, b in pairs(args.pan)}
    if args.action == "save":
        args.file.write_text(json.dumps(digests, indent=1) + "\n")
        print(f"{len(digests)} digests saved to {args.file}")
        return
    saved = json.loads(args.file.read_text())
    differ = sorted(
        name for name in saved.keys() | digests.keys() if saved.get(name) != digests.get(name)
    )
    for name in differ:
        print("differs:", name)
    print(f"{len(saved)} saved, {len(digests)} now, {len(differ)} differ")
    sys.exit(1 if differ else 0)


if __name__ == "__main__":
    main()
