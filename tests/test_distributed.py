"""Parallel engines give the same store as a local build: worker processes and dask.

The process-pool test spawns two workers (each loads its pipelines once); the dask test runs
a LocalCluster in this process (processes=False, one thread) to keep CI light.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from test_builder import settings, store_state, write_articles

from graphbuild.builder import build
from graphbuild.graph.store import Store


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    src = tmp_path_factory.mktemp("dist") / "in"
    write_articles(src, 6)
    return src


@pytest.fixture(scope="module")
def local_state(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[str]]:
    out = tmp_path_factory.mktemp("local")
    assert build([corpus], out, settings(out), views=False).articles == 6
    return store_state(out / "store")


def test_distributed_worker_processes_match_local(
    corpus: Path, local_state: dict[str, list[str]], tmp_path: Path
) -> None:
    out = tmp_path / "out"
    report = build([corpus], out, settings(out, workers=2, batch_size=2), views=False)
    assert (report.articles, report.failures) == (6, [])
    Store.open(out / "store").close()  # the lock is released when build() returns
    assert store_state(out / "store") == local_state


def test_distributed_dask_local_cluster_writes_shards(
    corpus: Path, local_state: dict[str, list[str]], tmp_path: Path
) -> None:
    pytest.importorskip("distributed")
    out = tmp_path / "out"
    report = build([corpus], out, settings(out, batch_size=4), engine="dask", views=False)
    assert (report.articles, report.failures) == (6, [])
    assert store_state(out / "store") == local_state
    shards = sorted((out / "shards").glob("part-*.nq"))
    assert len(shards) == 2  # 6 articles in batches of 4
    quads = [q for s in shards for q in ox.parse(path=str(s), format=ox.RdfFormat.N_QUADS)]
    graphs = {q.graph_name.value for q in quads}
    assert graphs == {g.strip("<>") for g in local_state if g != "DEFAULT"}
    # a second run finds everything stored and sends nothing to the cluster
    again = build([corpus], out, settings(out), engine="dask", views=False)
    assert (again.articles, again.unchanged) == (0, 6)
    assert sorted((out / "shards").glob("part-*.nq")) == shards  # no new or overwritten shard
