"""Executor options, batching, order of results and errors of the executors module."""

from __future__ import annotations

import sys

import pytest

from conftest import run_cli
from govgraph.build import executors
from govgraph.build.executors import ExecutorSpec, executor_spec, extract_all, using
from govgraph.build.gazetteer import default_gazetteer
from govgraph.build.pipeline import read_documents
from govgraph.build.records import Document, Extraction
from govgraph.corpus import corpus_dir
from govgraph.errors import InputError, MissingDependencyError


def test_defaults_follow_the_options(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(executors.SCHEDULER_ENV, raising=False)
    assert executor_spec() == ExecutorSpec("serial", 1, None)
    assert executor_spec(jobs=3) == ExecutorSpec("process", 3, None)
    assert executor_spec(scheduler="tcp://10.0.0.5:8786") == ExecutorSpec("dask", 1, "tcp://10.0.0.5:8786")
    assert executor_spec("dask", jobs=2) == ExecutorSpec("dask", 2, None)
    monkeypatch.setenv(executors.SCHEDULER_ENV, "tcp://127.0.0.1:8786")
    assert executor_spec("dask").scheduler == "tcp://127.0.0.1:8786"
    assert executor_spec("process", jobs=2).scheduler is None
    assert executor_spec("dask").describe() == "dask tcp://127.0.0.1:8786"
    assert ExecutorSpec("process", 2).describe() == "process x2"


@pytest.mark.parametrize(("options", "message"), [
    ({"jobs": 0}, "--jobs must be 1 or more"),
    ({"executor": "threads"}, "unknown executor 'threads'"),
    ({"executor": "process", "scheduler": "tcp://127.0.0.1:8786"}, "--scheduler is for --executor dask"),
])
def test_bad_options_are_input_errors(options: dict, message: str) -> None:
    with pytest.raises(InputError, match=message):
        executor_spec(**options)


def test_using_restores_the_previous_executor() -> None:
    assert executors.current().kind == "serial"
    with using(ExecutorSpec("process", 2)):
        assert executors.current() == ExecutorSpec("process", 2)
        with using(ExecutorSpec("serial")):
            assert executors.current().kind == "serial"
        assert executors.current().jobs == 2
    assert executors.current().kind == "serial"


def _records(lengths: list[int]) -> list[Extraction]:
    return [Extraction(Document(f"d{i}", f"d{i}.txt", "x" * n, f"T{i}")) for i, n in enumerate(lengths)]


def test_batches_are_consecutive_and_cover_everything() -> None:
    records = _records([100, 5, 5, 5, 300, 1, 1, 80, 20, 20])
    batches = executors._batches(records, 4)
    assert [r for batch in batches for r in batch] == records
    assert 1 < len(batches) <= 4
    assert all(batches)
    assert executors._batches(records[:1], 8) == [records[:1]]


def test_process_pool_fills_records_in_order_like_serial() -> None:
    gazetteer = default_gazetteer()
    serial = read_documents([corpus_dir()], False, print)
    pooled = read_documents([corpus_dir()], False, print)
    extract_all(serial, gazetteer)
    stages: dict[str, float] = {}
    with using(ExecutorSpec("process", 2)):
        extract_all(pooled, gazetteer, stages)
    assert [e.document.doc_id for e in pooled] == [e.document.doc_id for e in serial]
    for a, b in zip(serial, pooled, strict=True):
        assert b.document.text == a.document.text  # the text stays with the caller and is not lost
        assert b.document.sentences == a.document.sentences
        assert b.claims == a.claims
        assert b.mentions == a.mentions
        assert b.entities == a.entities
        assert (b.publisher, b.author) == (a.publisher, a.author)
    assert sum(len(e.claims) for e in pooled) > 100
    assert {"extract.startup", "extract.work", "extract.worker", "extract.worker_cpu", "extract.merge"} <= set(stages)
    assert stages["extract.worker_cpu"] > 0


def test_dask_missing_is_one_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed -> ImportError
    records = _records([10, 10])
    with using(ExecutorSpec("dask", 2)), pytest.raises(MissingDependencyError, match=r"govgraph\[dask\]"):
        extract_all(records, default_gazetteer())


def test_cli_rejects_bad_executor_in_one_line(tmp_path) -> None:
    result = run_cli("build", "--out", str(tmp_path / "out"), "--executor", "threads")
    assert result.returncode == 2  # a usage error
    assert result.stderr.strip() == "govgraph: unknown executor 'threads'; use serial, process, dask"
    assert not (tmp_path / "out").exists()
    result = run_cli("build", "--out", str(tmp_path / "out"), "--scheduler", "tcp://127.0.0.1:9", "--jobs", "2",
                     "--executor", "process")
    assert result.returncode == 2
    assert "--scheduler is for --executor dask" in result.stderr
    assert "Traceback" not in result.stderr


def test_build_help_documents_the_options() -> None:
    result = run_cli("build", "--help")
    assert result.returncode == 0
    for option in ("--jobs", "--executor", "--scheduler"):
        assert option in result.stdout


def test_nothing_to_extract_starts_no_workers(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)  # a dask run would fail: none must start
    stages: dict[str, float] = {}
    with using(ExecutorSpec("dask", 2)):
        extract_all([], default_gazetteer(), stages)
    assert stages == {}
