"""Shared helpers of the benchmarks: timing, machine info, result files."""

from __future__ import annotations

import gc
import json
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"
SEEDS = ROOT / "seeds"
SHARED_DATA = ROOT.parent / "shared" / "data"


def measure(
    run: Callable[[], object],
    repeats: int,
    clock: Callable[[], float] = time.perf_counter,
) -> dict[str, float]:
    """Time ``run`` after one warm-up: min and median seconds of ``repeats``.

    The cyclic garbage collector is paused while timing: allocation-heavy
    code otherwise pays for collection passes proportional to everything
    alive, which distorts growth curves (all tools are timed the same way).
    ``clock`` is wall time by default; ``time.process_time`` gives CPU time,
    the fairer measure on a shared machine where wall time counts the
    neighbours' work too.
    """
    run()
    times = []
    for _ in range(repeats):
        gc.collect()
        gc.disable()
        try:
            began = clock()
            run()
            times.append(clock() - began)
        finally:
            gc.enable()
    return {"min": min(times), "median": statistics.median(times), "repeats": repeats}


def machine() -> dict[str, Any]:
    """Where and when a result was measured."""
    return {
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "date": datetime.now(UTC).strftime("%Y-%m-%d"),
    }


def write_results(name: str, data: dict[str, Any], markdown: str) -> None:
    """Write ``results/NAME.json`` and ``results/NAME.md``."""
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / f"{name}.json").write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    (RESULTS / f"{name}.md").write_text(markdown, encoding="utf-8")


def seed_texts() -> list[str]:
    """The five seed articles, in file-name order."""
    return [path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt"))]
