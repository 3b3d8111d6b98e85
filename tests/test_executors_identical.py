"""Serial, process-pool and dask builds produce byte-identical graphs (sample corpus and a synthetic one)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from conftest import run_cli

BENCH = Path(__file__).resolve().parent.parent / "bench"


@pytest.fixture(scope="module")
def synthetic_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Twelve articles from bench/synth_corpus.py: people, offices, reforms, elections the rules must find."""
    sys.path.insert(0, str(BENCH))
    try:
        from synth_corpus import write_corpus
    finally:
        sys.path.remove(str(BENCH))
    folder = tmp_path_factory.mktemp("synthetic") / "corpus"
    write_corpus(folder, 12, seed=3)
    return folder


@pytest.fixture(scope="module")
def dask_scheduler():
    """Address of a local dask cluster: 2 worker processes on 127.0.0.1, no dashboard, closed afterwards."""
    distributed = pytest.importorskip("distributed", reason="dask.distributed is in the test extra")
    from govgraph.build.executors import LOCAL_SCHEDULER

    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                       dashboard_address=None, scheduler_kwargs=LOCAL_SCHEDULER)
    try:
        assert cluster.scheduler_address.startswith("tcp://127.0.0.1:")
        assert cluster.scheduler.services["dashboard"].address == "127.0.0.1"  # health and metrics only, this machine
        yield cluster.scheduler_address
    finally:
        cluster.close()


def build(inputs: list[Path], out: Path, *options: str) -> bytes:
    result = run_cli("build", *map(str, inputs), "--out", str(out), "--fresh", *options)
    assert result.returncode == 0, result.stderr
    return (out / "graph.ttl").read_bytes()


def test_sample_corpus_jobs_and_dask_equal_serial(sample_build: Path, tmp_path: Path) -> None:
    serial = (sample_build / "graph.ttl").read_bytes()
    assert b"gg:Claim" in serial or b"govgraph#Claim" in serial
    assert build([], tmp_path / "jobs2", "--jobs", "2") == serial
    assert build([], tmp_path / "dask", "--executor", "dask", "--jobs", "2") == serial


def test_synthetic_corpus_jobs_and_dask_equal_serial(synthetic_corpus: Path, dask_scheduler: str, tmp_path: Path) -> None:
    serial = build([synthetic_corpus], tmp_path / "serial")
    assert serial.count(b"govgraph/id/doc/") >= 12
    assert b"/person/" in serial  # invented people: the extractor had work to do
    assert build([synthetic_corpus], tmp_path / "jobs2", "--jobs", "2") == serial
    assert build([synthetic_corpus], tmp_path / "process1", "--executor", "process", "--jobs", "1") == serial
    assert build([synthetic_corpus], tmp_path / "dask", "--executor", "dask", "--scheduler", dask_scheduler) == serial
    trig = (tmp_path / "serial" / "graph.trig").read_bytes()
    assert (tmp_path / "dask" / "graph.trig").read_bytes() == trig


def test_scheduler_from_environment(synthetic_corpus: Path, dask_scheduler: str, tmp_path: Path,
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    from govgraph import build_graph

    monkeypatch.setenv("GOVGRAPH_DASK_SCHEDULER", dask_scheduler)
    summary = build_graph([synthetic_corpus], tmp_path / "env", executor="dask", incremental=False, html=False)
    assert summary.stage_seconds["extract.worker"] > 0
    assert "extract.startup" in summary.stage_seconds
    reference = build_graph([synthetic_corpus], tmp_path / "ref", incremental=False, html=False)
    assert (tmp_path / "env" / "graph.ttl").read_bytes() == (tmp_path / "ref" / "graph.ttl").read_bytes()
    assert summary.claims == reference.claims
