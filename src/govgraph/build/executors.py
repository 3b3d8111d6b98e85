"""Where per-article extraction runs: in this process, in a local process pool, or on a dask cluster.

Extraction of one article (`extract_document`) is a pure function of the article and the
gazetteer, so articles can be extracted anywhere and in any order. Workers build their own
gazetteer once (`default_gazetteer` is cached per process; forked pool workers inherit the
parent's): only articles travel, and only the filled records (without their text) come back.
Results are put back in input order, so every executor yields the same graph, byte for byte.

The executor of a build is chosen with `using(spec)` around `extract_corpus`, which calls
`extract_all` for its extraction loop.
"""

from __future__ import annotations

import logging
import math
import multiprocessing
import os
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, fields
from functools import partial
from typing import TYPE_CHECKING

from govgraph.build.records import Document, Extraction
from govgraph.errors import GovgraphError, InputError, MissingDependencyError

if TYPE_CHECKING:
    from govgraph.build.gazetteer import Gazetteer

EXECUTORS = ("serial", "process", "dask")
SCHEDULER_ENV = "GOVGRAPH_DASK_SCHEDULER"
# No dashboard; the scheduler's small HTTP server (health, metrics) on 127.0.0.1 and a free port, not 8787.
LOCAL_SCHEDULER = {"dashboard": False, "dashboard_address": "127.0.0.1:0"}
BATCHES_PER_WORKER = 4  # enough batches to even out long and short articles, few enough to keep overhead low


@dataclass(frozen=True, slots=True)
class ExecutorSpec:
    """Which executor extracts the articles: `kind` (serial, process, dask), worker count, dask scheduler."""

    kind: str = "serial"
    jobs: int = 1
    scheduler: str | None = None  # address of a running dask scheduler; None starts a local cluster
    nlp: str = "en_core_web_sm"  # the spaCy pipeline that analyses the articles (see build.nlp)

    def describe(self) -> str:
        """A few words for logs: 'serial', 'process x2', 'dask tcp://host:8786'."""
        if self.kind == "serial":
            return "serial"
        if self.kind == "dask":
            return f"dask {self.scheduler}" if self.scheduler else f"dask local x{self.jobs}"
        return f"process x{self.jobs}"


def executor_spec(executor: str | None = None, jobs: int = 1, scheduler: str | None = None,
                  nlp: str = "en_core_web_sm") -> ExecutorSpec:
    """The executor that options name (validated).

    Args:
        executor: "serial", "process" or "dask"; None means "process" when jobs > 1 or
            "dask" when a scheduler is given, else "serial".
        jobs: worker processes (process pool, or workers of a local dask cluster).
        scheduler: a dask scheduler address (tcp://host:8786); default: the environment
            variable GOVGRAPH_DASK_SCHEDULER when the executor is dask.
        nlp: the installed spaCy pipeline that analyses the articles.

    Returns:
        The validated spec.

    Raises:
        InputError: unknown executor, jobs below 1, or a scheduler given to another executor.
    """
    if jobs < 1:
        raise InputError(f"--jobs must be 1 or more, not {jobs}")
    kind = executor or ("dask" if scheduler else "process" if jobs > 1 else "serial")
    if kind not in EXECUTORS:
        raise InputError(f"unknown executor {kind!r}; use {', '.join(EXECUTORS)}")
    if scheduler and kind != "dask":
        raise InputError(f"--scheduler is for --executor dask, not {kind}")
    if kind == "dask":
        scheduler = scheduler or os.environ.get(SCHEDULER_ENV) or None
    return ExecutorSpec(kind, jobs, scheduler, nlp)


_current: ContextVar[ExecutorSpec | None] = ContextVar("govgraph_executor", default=None)


@contextmanager
def using(spec: ExecutorSpec) -> Iterator[ExecutorSpec]:
    """Run the builds inside the block with this executor."""
    token = _current.set(spec)
    try:
        yield spec
    finally:
        _current.reset(token)


def current() -> ExecutorSpec:
    """The executor builds use here (serial unless `using` says otherwise)."""
    return _current.get() or ExecutorSpec()


def extract_all(extractions: list[Extraction], gazetteer: Gazetteer, stages: dict[str, float] | None = None) -> None:
    """Extract every article with the current executor, filling the records in place and in order.

    Args:
        extractions: records with their documents read and nothing extracted yet.
        gazetteer: the gazetteer this process uses (the serial executor's; workers build their own).
        stages: receives finer timings: `extract.startup` (pool or cluster start and worker warm-up),
            `extract.work` (until the last result is back), `extract.worker` (seconds spent
            extracting, summed over workers) and `extract.worker_cpu` (their CPU seconds).

    Raises:
        MissingDependencyError: the dask executor without dask.distributed installed.
        GovgraphError: the dask scheduler cannot be reached.
    """
    spec = current()
    stages = stages if stages is not None else {}
    if not extractions:  # e.g. every article came from the extraction cache: no pool, no cluster
        return
    if spec.kind == "serial" or (spec.kind == "process" and (spec.jobs == 1 or len(extractions) < 2)):
        started, cpu = time.perf_counter(), time.process_time()
        from govgraph.build.pipeline import extract_documents

        for _ in extract_documents(extractions, gazetteer, spec.nlp):
            pass
        stages["extract.worker"] = time.perf_counter() - started
        stages["extract.worker_cpu"] = time.process_time() - cpu
        return
    run = _run_dask if spec.kind == "dask" else _run_pool
    batches, results = run(extractions, spec, stages)
    started = time.perf_counter()
    worker_seconds = worker_cpu = 0.0
    for batch, (filled, seconds, cpu) in zip(batches, results, strict=True):
        worker_seconds += seconds
        worker_cpu += cpu
        for original, result in zip(batch, filled, strict=True):
            _fill(original, result)
    stages["extract.worker"] = worker_seconds
    stages["extract.worker_cpu"] = worker_cpu
    stages["extract.merge"] = time.perf_counter() - started


def extract_batch(batch: Sequence[Extraction], nlp: str = "en_core_web_sm") -> tuple[list[Extraction], float, float]:
    """Extract a batch of articles in a worker: the filled records without their text, wall and CPU seconds taken."""
    from govgraph.build.gazetteer import default_gazetteer
    from govgraph.build.pipeline import extract_documents

    gazetteer = default_gazetteer()
    started, cpu = time.perf_counter(), time.process_time()
    filled = list(extract_documents(batch, gazetteer, nlp))
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    for extraction in filled:
        extraction.document.text = ""  # the caller has it; sending it back would double the traffic
    return filled, seconds, cpu


def warm_worker(nlp: str = "en_core_web_sm") -> int:
    """Build this worker's gazetteer and load its spaCy pipeline (once per process); returns the process id."""
    from govgraph.build.gazetteer import default_gazetteer
    from govgraph.build.nlp import load_pipeline

    default_gazetteer()
    load_pipeline(nlp)
    return os.getpid()


def _batches(extractions: list[Extraction], count: int) -> list[list[Extraction]]:
    """Consecutive batches of about equal text length, at most `count` of them."""
    total = sum(len(e.document.text) for e in extractions) or 1
    target = max(1, math.ceil(total / max(1, count)))
    batches: list[list[Extraction]] = [[]]
    size = 0
    for extraction in extractions:
        if batches[-1] and size >= target:
            batches.append([])
            size = 0
        batches[-1].append(extraction)
        size += len(extraction.document.text)
    return batches


def _fill(original: Extraction, result: Extraction) -> None:
    """Copy what a worker extracted into the caller's record (which keeps its text)."""
    for item in fields(Extraction):
        if item.name != "document":
            setattr(original, item.name, getattr(result, item.name))
    for item in fields(Document):
        if item.name != "text":
            setattr(original.document, item.name, getattr(result.document, item.name))


def _pool_context() -> multiprocessing.context.BaseContext:
    # fork: workers inherit the parent's gazetteer and imports (no 2 s rebuild per worker);
    # elsewhere (Windows, macOS' default) spawn, and each worker builds its own.
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    return multiprocessing.get_context(method)


def _run_pool(extractions: list[Extraction], spec: ExecutorSpec, stages: dict[str, float]) -> tuple[list, list]:
    from concurrent.futures import ProcessPoolExecutor

    batches = _batches(extractions, spec.jobs * BATCHES_PER_WORKER)
    started = time.perf_counter()
    workers = min(spec.jobs, len(batches))
    with ProcessPoolExecutor(workers, mp_context=_pool_context(), initializer=warm_worker,
                             initargs=(spec.nlp,)) as pool:
        stages["extract.startup"] = time.perf_counter() - started
        started = time.perf_counter()
        results = list(pool.map(partial(extract_batch, nlp=spec.nlp), batches))
        stages["extract.work"] = time.perf_counter() - started
    return batches, results


def _run_dask(extractions: list[Extraction], spec: ExecutorSpec, stages: dict[str, float]) -> tuple[list, list]:
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:
        raise MissingDependencyError(
            "--executor dask needs dask.distributed; install it with: pip install 'govgraph[dask]'") from exc
    started = time.perf_counter()
    cluster = None
    try:
        if spec.scheduler:
            client = Client(spec.scheduler, timeout=15)
        else:
            cluster = LocalCluster(n_workers=spec.jobs, threads_per_worker=1, processes=True, host="127.0.0.1",
                                   dashboard_address=None, scheduler_kwargs=LOCAL_SCHEDULER, silence_logs=logging.CRITICAL)
            client = Client(cluster)
    except (OSError, TimeoutError, RuntimeError) as exc:
        if cluster is not None:
            cluster.close()
        if spec.scheduler:
            raise GovgraphError(f"cannot reach the dask scheduler at {spec.scheduler}: {exc}") from exc
        raise GovgraphError(f"cannot start a local dask cluster: {exc}") from exc
    try:
        workers = _warm_dask(client, spec)
        stages["extract.startup"] = time.perf_counter() - started
        started = time.perf_counter()
        batches = _batches(extractions, workers * BATCHES_PER_WORKER)  # every worker of the cluster gets work
        data = client.scatter(batches)
        futures = client.map(extract_batch, data, nlp=spec.nlp, pure=False)
        results = client.gather(futures)
        stages["extract.work"] = time.perf_counter() - started
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    return batches, results


def _warm_dask(client: object, spec: ExecutorSpec) -> int:
    """Wait for a worker and build the gazetteer on each one; returns the number of workers.

    A cluster without workers, or whose workers lack govgraph, is one clear error.
    """
    try:
        client.wait_for_workers(1, timeout=60)  # type: ignore[attr-defined]
        return max(1, len(client.run(warm_worker, spec.nlp)))  # type: ignore[attr-defined]
    except TimeoutError as exc:
        raise GovgraphError(f"the dask scheduler at {spec.scheduler} has no workers (waited 60 s)") from exc
    except ImportError as exc:
        raise GovgraphError(f"dask workers cannot import govgraph ({exc}); install govgraph {_version()} on every worker")\
            from exc


def _version() -> str:
    from govgraph import __version__

    return __version__
