"""The Dask corpus job gives the single-machine index's clusters."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

import newsdiff as nd

distributed = pytest.importorskip("distributed", reason="needs the extra newsdiff[dask]")

from newsdiff.distributed import cluster_on_dask  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from syndication import PseudoLanguage, derive_copy  # noqa: E402


def _corpus() -> list[nd.Document]:
    language = PseudoLanguage(seed=5)
    docs = [nd.Document.from_file(path) for path in sorted((ROOT / "seeds").glob("*.txt"))]
    for story in range(12):
        text = language.story(15, seed=story)
        for copy in range(story % 4):
            pair = derive_copy(text, seed=story * 7 + copy, synonyms=language.synonyms, keep=0.3)
            if copy == 0:
                docs.append(nd.Document.from_text(pair.source, id=f"story{story:02d}"))
            docs.append(nd.Document.from_text(pair.copy, id=f"story{story:02d}-copy{copy}"))
    return docs


def test_dask_clusters_equal_the_index_clusters() -> None:
    docs = _corpus()
    with nd.Index() as index:
        for doc in docs:
            index.add(doc)
        expected = [cluster.ids for cluster in index.clusters()]
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        found = cluster_on_dask(docs, client)
    assert found == expected
    assert any(len(members) > 1 for members in found)  # the corpus has real clusters
