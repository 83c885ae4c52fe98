"""Reading corpus files: throughput against .txt files, and flat memory.

Two measurements:

* **throughput**: the same N articles as a directory of ``.txt`` files and
  as one ``.jsonl`` file; the time to read them all (``read_documents``,
  which segments each document) and to index them all
  (``Index.add_all(..., atomic=True)``, as ``newsdiff index add`` does),
  min and median of repeats after a warm-up, and the JSONL / .txt ratio;
* **memory**: a generated JSONL file of each size, read (and, for the
  smaller sizes, indexed) in a fresh process, which samples its resident
  memory every 2,000 records: peak RSS and the RSS at each tenth of the
  file show whether memory grows with the file.

The articles are OneStop English texts (``../shared/data/onestop-train``,
read here and never copied) when that folder exists, else the seeds; each
generated record is one article with a paragraph of another appended, so no
two records are the same text.

Run: ``python benchmarks/bench_readers.py`` (defaults: 2,000 articles, 4
repeats; read 100/300/1000 MB, index 100/300/1000 MB; ``--index-mb 100 300``
skips the longest run, about half an hour on a 2-core machine).  Writes
``benchmarks/results/readers.{json,md}``.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import newsdiff as nd
from _common import RESULTS, SEEDS, SHARED_DATA, machine, write_results

ONESTOP = SHARED_DATA / "onestop-train"
SAMPLE_EVERY = 2_000


def article_pool() -> tuple[list[str], str]:
    """Texts to build records from, and where they came from."""
    if ONESTOP.is_dir():
        texts = [
            path.read_text(encoding="utf-8", errors="replace")
            for path in sorted(ONESTOP.glob("*/*.txt"))
        ]
        texts = [text for text in texts if len(text.split()) > 100]
        if texts:
            return texts, f"OneStop English ({len(texts)} texts)"
    return [path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt"))], "seeds"


def records(pool: list[str], seed: int = 7) -> Any:
    """Endless ``(id, text)``: an article plus a paragraph of another."""
    rng = random.Random(seed)
    paragraphs = [
        part.strip() for text in pool for part in text.split("\n\n") if len(part.split()) > 8
    ]
    number = 0
    while True:
        number += 1
        base = rng.choice(pool).strip()
        yield f"art{number:08d}", f"{base}\n\n{rng.choice(paragraphs)}"


def write_jsonl(path: Path, size_bytes: int, pool: list[str]) -> int:
    """A JSONL file of about ``size_bytes``; returns its record count."""
    count = 0
    written = 0
    with open(path, "w", encoding="utf-8") as handle:
        for doc_id, text in records(pool):
            line = json.dumps({"id": doc_id, "text": text, "outlet": "OneStop"}) + "\n"
            handle.write(line)
            written += len(line.encode("utf-8"))
            count += 1
            if written >= size_bytes:
                return count
    return count


def _rss_mb() -> float:
    with open("/proc/self/statm") as handle:
        pages = int(handle.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 1e6


def child(mode: str, path: str) -> None:
    """Read (or index) one file, sampling memory; print JSON."""
    samples: list[tuple[float, float]] = []
    reading = nd.read_documents(path)
    began = time.perf_counter()

    def sampled() -> Any:
        for count, doc in enumerate(reading, 1):
            if count % SAMPLE_EVERY == 0:
                samples.append((reading.summary.bytes / 1e6, _rss_mb()))
            yield doc

    if mode == "read":
        documents = sum(1 for _ in sampled())
    else:
        with tempfile.TemporaryDirectory() as folder, nd.Index(Path(folder) / "bench.db") as index:
            documents = index.add_all(sampled(), atomic=True)
    seconds = time.perf_counter() - began
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 / 1e6  # KiB on Linux
    print(
        json.dumps(
            {
                "documents": documents,
                "seconds": round(seconds, 1),
                "mb": round(reading.summary.bytes / 1e6, 1),
                "peak_rss_mb": round(peak, 1),
                "samples": samples,
            }
        )
    )


def run_child(mode: str, path: Path) -> dict[str, Any]:
    output = subprocess.run(
        [sys.executable, __file__, "--child", mode, str(path)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    result: dict[str, Any] = json.loads(output)
    samples = result.pop("samples")
    result["rss_mb_by_mb_read"] = [[round(mb), round(rss, 1)] for mb, rss in _tenths(samples)]
    return result


def _tenths(samples: list[Any]) -> list[Any]:
    """About ten samples, evenly spread, the last one included."""
    count = len(samples)
    if count <= 10:
        return samples
    return [samples[round(count * k / 10) - 1] for k in range(1, 11)]


def throughput(pool: list[str], articles: int, repeats: int, folder: Path) -> dict[str, Any]:
    texts = folder / "txt"
    texts.mkdir()
    corpus = folder / "corpus.jsonl"
    generated = records(pool)
    with open(corpus, "w", encoding="utf-8") as handle:
        for _ in range(articles):
            doc_id, text = next(generated)
            (texts / f"{doc_id}.txt").write_text(text, encoding="utf-8")
            handle.write(json.dumps({"id": doc_id, "text": text}) + "\n")
    megabytes = sum(path.stat().st_size for path in texts.iterdir()) / 1e6

    def read(source: Path) -> None:
        assert sum(1 for _ in nd.read_documents(source)) == articles

    def index(source: Path) -> None:
        database = folder / "t.db"
        for leftover in folder.glob("t.db*"):
            leftover.unlink()
        with nd.Index(database) as built:
            assert built.add_all(nd.read_documents(source), atomic=True) == articles

    result: dict[str, Any] = {"articles": articles, "text_mb": round(megabytes, 1)}
    for task, run in (("read", read), ("index", index)):
        # Interleaved in ABBA order (txt, jsonl, jsonl, txt, ...) after one
        # warm-up of each, so that both meet the same load, and the same
        # drift of it, on a shared machine.
        times: dict[str, list[float]] = {"txt": [], "jsonl": []}
        pair = [("txt", texts), ("jsonl", corpus)]
        for attempt in range(repeats + 1):
            for name, source in pair if attempt % 2 == 0 else pair[::-1]:
                gc.collect()
                began = time.perf_counter()
                run(source)
                if attempt:
                    times[name].append(time.perf_counter() - began)
        for name, measured in times.items():
            result[f"{task}_{name}"] = {
                "min_s": round(min(measured), 3),
                "median_s": round(statistics.median(measured), 3),
                "docs_per_s": round(articles / min(measured)),
            }
        result[f"{task}_ratio_jsonl_over_txt"] = round(
            result[f"{task}_jsonl"]["min_s"] / result[f"{task}_txt"]["min_s"], 3
        )
        result[f"{task}_median_ratio_jsonl_over_txt"] = round(
            result[f"{task}_jsonl"]["median_s"] / result[f"{task}_txt"]["median_s"], 3
        )
    return result


def markdown(data: dict[str, Any]) -> str:
    if "throughput" not in data:
        return "# Reading corpus files\n\nNo throughput measured yet.\n"
    t = data["throughput"]
    lines = [
        "# Reading corpus files",
        "",
        f"`python benchmarks/bench_readers.py`; articles: {data['articles_from']}.",
        "",
        f"## Throughput: {t['articles']:,} articles ({t['text_mb']} MB of text)",
        "",
        "| task | .txt directory | .jsonl file | JSONL / .txt time (min; median) |",
        "|---|---:|---:|---:|",
    ]
    for task in ("read", "index"):
        txt, jsonl = t[f"{task}_txt"], t[f"{task}_jsonl"]
        lines.append(
            f"| {task} | {txt['min_s']:.2f} s ({txt['docs_per_s']:,} docs/s) | "
            f"{jsonl['min_s']:.2f} s ({jsonl['docs_per_s']:,} docs/s) | "
            f"{t[f'{task}_ratio_jsonl_over_txt']:.2f}; "
            f"{t.get(f'{task}_median_ratio_jsonl_over_txt', float('nan')):.2f} |"
        )
    lines += [
        "",
        "## Memory on generated JSONL files (each run in a fresh process)",
        "",
        "| task | file | documents | time | peak RSS | RSS at each tenth of the file |",
        "|---|---:|---:|---:|---:|---|",
    ]
    for run in data.get("memory", []):
        curve = ", ".join(f"{rss:.0f}" for _, rss in _tenths(run.get("rss_mb_by_mb_read", [])))
        lines.append(
            f"| {run['task']} | {run['mb']:,.0f} MB | {run['documents']:,} | "
            f"{run['seconds']:,.0f} s | {run['peak_rss_mb']:,.0f} MB | {curve} MB |"
        )
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--child", nargs=2, metavar=("MODE", "PATH"), help=argparse.SUPPRESS)
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--repeats", type=int, default=4)
    parser.add_argument("--read-mb", type=int, nargs="*", default=[100, 300, 1000])
    parser.add_argument("--index-mb", type=int, nargs="*", default=[100, 300, 1000])
    parser.add_argument(
        "--only",
        choices=["throughput", "memory"],
        help="run one part; the other's results are kept from the results file",
    )
    parser.add_argument("--results", default="readers", help="results file name (readers)")
    arguments = parser.parse_args()
    if arguments.child:
        child(*arguments.child)
        return
    pool, origin = article_pool()
    data: dict[str, Any] = {"machine": machine(), "articles_from": origin}
    previous = RESULTS / f"{arguments.results}.json"
    if arguments.only and previous.exists():
        data = json.loads(previous.read_text(encoding="utf-8")) | data
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        if arguments.only != "memory":
            data["throughput"] = throughput(pool, arguments.articles, arguments.repeats, folder)
            print(json.dumps(data["throughput"], indent=1), flush=True)
            write_results(arguments.results, data, markdown(data))
        if arguments.only == "throughput":
            return
        data["memory"] = []
        for size in sorted(set(arguments.read_mb) | set(arguments.index_mb)):
            path = folder / f"gen-{size}.jsonl"
            count = write_jsonl(path, size * 1_000_000, pool)
            for task, sizes in (("read", arguments.read_mb), ("index", arguments.index_mb)):
                if size in sizes:
                    run = {"task": task, "records": count, **run_child(task, path)}
                    print(json.dumps(run), flush=True)
                    data["memory"].append(run)
                    # Written after each run: the largest sizes take long.
                    write_results(arguments.results, data, markdown(data))
            path.unlink()
    write_results(arguments.results, data, markdown(data))


if __name__ == "__main__":
    main()
