"""Speed-up of the Dask corpus job from one to two worker processes.

The corpus is :mod:`bench_index`'s (stories with copies, half of them
heavily spun, and unrelated articles).  ``cluster_on_dask`` runs on a
``LocalCluster`` of 1 and then 2 worker processes (one thread each); the
cluster is started before timing.  The single-machine ``Index`` clusters
the same corpus for reference, and the clusters are checked to be equal.

Run: ``python benchmarks/bench_dask.py [--articles N]``.  Writes
``benchmarks/results/dask_speedup.{json,md}``.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path
from typing import Any

import newsdiff as nd
from _common import machine, write_results
from bench_index import corpus


def run(articles: int) -> dict[str, Any]:
    from distributed import Client, LocalCluster

    from newsdiff.distributed import cluster_on_dask

    docs = [nd.Document.from_text(text, id=doc_id) for doc_id, text, _, _ in corpus(articles)]
    with tempfile.TemporaryDirectory() as folder:
        began = time.perf_counter()
        with nd.Index(Path(folder) / "corpus.db") as index:
            index.add_all(docs)
            expected = [cluster.ids for cluster in index.clusters()]
        index_seconds = time.perf_counter() - began
    seconds = {}
    for workers in (1, 2):
        with (
            LocalCluster(
                n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
            ) as cluster,
            Client(cluster) as client,
        ):
            began = time.perf_counter()
            found = cluster_on_dask(docs, client)
            seconds[workers] = time.perf_counter() - began
        if found != expected:
            raise SystemExit(f"Dask clusters differ from the index's with {workers} workers")
    return {
        "machine": machine(),
        "articles": articles,
        "index_seconds": index_seconds,
        "dask_seconds": seconds,
        "speedup": seconds[1] / seconds[2],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=2_000)
    args = parser.parse_args()
    result = run(args.articles)
    text = "\n".join(
        [
            "# Dask corpus job: 1 -> 2 workers",
            "",
            f"`python benchmarks/bench_dask.py --articles {args.articles}`",
            "",
            "| articles | Index (build + clusters) s | Dask 1 worker s | Dask 2 workers s "
            "| speed-up |",
            "|---:|---:|---:|---:|---:|",
            f"| {result['articles']:,} | {result['index_seconds']:.1f} | "
            f"{result['dask_seconds'][1]:.1f} | {result['dask_seconds'][2]:.1f} | "
            f"{result['speedup']:.2f}x |",
            "",
            "Clusters equal to the index's in both runs.",
            "",
        ]
    )
    write_results("dask_speedup", result, text)
    print(text)


if __name__ == "__main__":
    main()
