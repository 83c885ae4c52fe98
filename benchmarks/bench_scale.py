"""N-document runs: how ``provenance`` (and so ``collate`` and the report)
grows with the number of documents.

``python benchmarks/bench_scale.py [--sizes 40 80 160 320 640] [--large 1000]
[--repeats 3] [--all-pairs] [--output PATH]`` times :func:`newsdiff.provenance`
on N documents that are copies of N/8 stories: cascade ``i`` of
:mod:`cascades` (a wire, 3 outlets, 4 copies of outlets: 8 documents) grown
from OneStop article ``i`` (the repository's five seeds when the shared data
is absent; stories then repeat and runs are not near-linear).  ``--large``
adds one run of that many documents of N/10 stories (a wire, 4 outlets and
5 copies each), the issue's "1,000 documents of 100 stories".  Documents are
parsed before timing (a run receives parsed documents); each size is timed
``--repeats`` times after a warm-up with the garbage collector paused
(``_common.measure``), and the median wall and CPU seconds are reported (the
machines are shared: CPU seconds are what one core spent).  The growth
exponent is the least-squares slope of log(median seconds) over log(N).

``--recall N`` (80) also runs both paths on N documents and counts what
candidate retrieval misses (derived pairs, pairs with any link) and whether
the parents agree.  ``--all-pairs`` measures the all-pairs path
(``all_pairs=True``); run with ``PYTHONPATH`` at an older checkout and no
flag to time code from before candidate retrieval; ``--embed before=PATH``
keeps such a run's result file inside this one.  Writes
``benchmarks/results/scale.json`` (or ``--output``) and prints a markdown
table.
"""

from __future__ import annotations

import argparse
import inspect
import json
import math
import shlex
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import newsdiff as nd
from _common import RESULTS, ROOT, machine, measure
from cascades import Article, CascadeOptions, make_cascade, onestop_articles, seed_articles

STORY_SIZE = {8: CascadeOptions(outlets=(3, 3), copies=(4, 4), depth=2, own_paragraph=0.4)}
STORY_SIZE[10] = CascadeOptions(outlets=(4, 4), copies=(5, 5), depth=2, own_paragraph=0.4)


def documents(articles: Sequence[Article], count: int, per_story: int) -> list[nd.Document]:
    """``count`` documents: the first ``count / per_story`` cascades (seed 0)."""
    docs: list[nd.Document] = []
    for index in range(math.ceil(count / per_story)):
        cascade = make_cascade(articles, index, 0, STORY_SIZE[per_story])
        docs.extend(nd.Document.from_text(doc.text, id=doc.id) for doc in cascade.given)
    return docs[:count]


def exponent(points: Sequence[tuple[int, float]]) -> float:
    """Least-squares slope of log(seconds) over log(N)."""
    xs = [math.log(n) for n, _ in points]
    ys = [math.log(seconds) for _, seconds in points]
    mean_x, mean_y = sum(xs) / len(xs), sum(ys) / len(ys)
    num = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True))
    return num / sum((x - mean_x) ** 2 for x in xs)


def _commit() -> str:
    try:
        return subprocess.run(
            ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def portable(argv: Sequence[str]) -> str:
    """A command line as recorded: absolute paths (outputs, embedded
    files) by their file names, so results name no machine's directories."""
    words = []
    for word in argv:
        key, sep, value = word.rpartition("=")
        if Path(value).is_absolute():
            word = f"{key}{sep}{Path(value).name}"
        words.append(word)
    return shlex.join(["python", "benchmarks/bench_scale.py", *words])


def run(docs: list[nd.Document], all_pairs: bool, repeats: int) -> dict[str, Any]:
    # Code from before candidate retrieval has no all_pairs argument: it
    # aligns every pair anyway.
    supported = "all_pairs" in inspect.signature(nd.provenance).parameters
    extra: dict[str, Any] = {"all_pairs": all_pairs} if supported else {}
    graph = nd.provenance(docs, **extra)
    # CPU seconds beside the wall clock: the machines are shared, and one
    # run on one core should not be charged for its neighbours' load.
    cpu: list[float] = []

    def timed() -> None:
        began = time.process_time()
        nd.provenance(docs, **extra)
        cpu.append(time.process_time() - began)

    timing = measure(timed, repeats)
    return {
        "documents": len(docs),
        "seconds": timing,
        "cpu_seconds": {"median": statistics.median(cpu[1:]), "min": min(cpu[1:])},
        "pairs_aligned": len(graph.collation.alignments),
        "edges": len(graph.edges),
        "families": len(graph.collation.families),
    }


def recall(docs: list[nd.Document]) -> dict[str, Any]:
    """What the candidate path misses against the all-pairs path on the
    same documents: derived pairs and linked pairs not aligned, and whether
    the tree's parents agree."""
    fast = nd.provenance(docs)
    slow = nd.provenance(docs, all_pairs=True)
    derived = [(r.a, r.b) for r in slow.relations if r.derived]
    linked = [pair for pair, alignment in slow.collation.alignments.items() if alignment.links]
    return {
        "documents": len(docs),
        "pairs_all": len(slow.collation.alignments),
        "pairs_aligned": len(fast.collation.alignments),
        "derived_all": len(derived),
        "derived_missed": sum(not fast.collation.aligned(*pair) for pair in derived),
        "linked_missed": sum(not fast.collation.aligned(*pair) for pair in linked),
        "parents_differ": sum(fast.parent(doc.id) != slow.parent(doc.id) for doc in docs),
    }


def markdown(result: dict[str, Any]) -> str:
    lines = [
        f"provenance on copies of N/8 stories ({result['settings']['path']}, "
        f"{result['settings']['articles']}; code {result['code']})",
        "",
        "| documents | median s | min s | median CPU s | pairs aligned | edges |",
        "|---|---|---|---|---|---|",
    ]
    for row in [*result["growth"], *([result["large"]] if result.get("large") else [])]:
        lines.append(
            f"| {row['documents']} | {row['seconds']['median']:.2f} | "
            f"{row['seconds']['min']:.2f} | {row['cpu_seconds']['median']:.2f} | "
            f"{row['pairs_aligned']} | {row['edges']} |"
        )
    lines.append("")
    lines.append(
        f"growth exponent ({result['settings']['sizes']}): {result['exponent']:.2f} "
        f"(CPU: {result['cpu_exponent']:.2f})"
    )
    if result.get("recall"):
        found = result["recall"]
        lines.append(
            f"against all pairs on {found['documents']} documents: "
            f"{found['pairs_aligned']} of {found['pairs_all']} pairs aligned, "
            f"{found['derived_missed']} of {found['derived_all']} derived pairs missed, "
            f"{found['linked_missed']} linked pairs missed, "
            f"{found['parents_differ']} documents with another parent"
        )
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[40, 80, 160, 320, 640])
    parser.add_argument("--large", type=int, default=1000, help="0: no large run")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--large-repeats", type=int, default=1)
    parser.add_argument("--all-pairs", action="store_true")
    parser.add_argument(
        "--recall", type=int, default=80, help="documents compared with all pairs (0: none)"
    )
    parser.add_argument("--output", type=Path, default=RESULTS / "scale.json")
    parser.add_argument("--code", default=None, help="describe the code measured")
    parser.add_argument(
        "--embed",
        action="append",
        default=[],
        metavar="KEY=PATH",
        help="keep an earlier result file (e.g. before=...) under KEY in the output",
    )
    args = parser.parse_args(argv)

    articles = onestop_articles()
    source = "onestop-train/Adv-Txt"
    if not articles:
        print("../shared/data/onestop-train is absent: stories from seeds/", file=sys.stderr)
        articles, source = seed_articles(), "seeds"
    growth = []
    for size in args.sizes:
        row = run(documents(articles, size, 8), args.all_pairs, args.repeats)
        print(f"{size} documents: {row['seconds']['median']:.2f} s", file=sys.stderr)
        growth.append(row)
    large = None
    if args.large:
        large = run(documents(articles, args.large, 10), args.all_pairs, args.large_repeats)
        print(f"{args.large} documents: {large['seconds']['median']:.2f} s", file=sys.stderr)
    result: dict[str, Any] = {
        "command": portable(sys.argv[1:]),
        "machine": machine(),
        "code": args.code or _commit(),
        "settings": {
            "sizes": args.sizes,
            "repeats": args.repeats,
            "articles": source,
            "path": (
                "candidate retrieval"
                if "all_pairs" in inspect.signature(nd.provenance).parameters and not args.all_pairs
                else "all pairs"
            ),
            "seed": 0,
        },
        "growth": growth,
        "exponent": round(exponent([(r["documents"], r["seconds"]["median"]) for r in growth]), 3),
        "cpu_exponent": round(
            exponent([(r["documents"], r["cpu_seconds"]["median"]) for r in growth]), 3
        ),
        "large": large,
    }
    if args.recall and "all_pairs" in inspect.signature(nd.provenance).parameters:
        result["recall"] = recall(documents(articles, args.recall, 8))
    for item in args.embed:
        key, _, path = item.partition("=")
        result[key] = json.loads(Path(path).read_text(encoding="utf-8"))
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(markdown(result))


if __name__ == "__main__":
    main()
