"""Queries run in worker processes, so that a runaway query can be stopped.

pyoxigraph cannot interrupt a query (one call into it may run for minutes without returning to
Python), so each query runs in a separate process holding its own read-only store. When a query
passes the timeout, or its worker's resident memory passes the limit, the worker is killed and a
fresh one is started; the other workers go on. A worker that dies (a crash in the engine) or whose
client goes away mid-query is replaced the same way.

Fairness under load: a query's timeout counts from when a worker takes it (time spent queued is
bounded apart, by `queue_timeout`); at most `max_queue` requests wait for a worker and at most
`per_client` are in flight from one client address (503 and 429 beyond); and only `long_slots`
queries may use more than `fast_seconds` of CPU at once, so slow queries never hold every worker
(CPU time, not wall time: on a busy machine a short query waits for the CPU without using it), and
a long query runs at a low priority, so the short ones get the processor first. A
spare worker, started in advance, takes the place of one that is killed, so a stopped query leaves
no gap while its replacement starts.

Consistency: the workers of an embedded store open a snapshot of it (a RocksDB checkpoint, hard
links, taken in milliseconds, in a hidden folder beside the store, or in the temporary folder when
the build folder is read-only), never the build folder's store itself. The pool looks at the store
every `watch_seconds`; when a new build has replaced it, a snapshot of the new build gets a new set
of workers, and once they are ready every new query goes to them while the old ones finish what they
run. Each answer therefore comes from one build, and identical queries never alternate between two.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import multiprocessing
import multiprocessing.connection
import os
import shutil
import signal
import tempfile
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from govgraph.errors import StoreError
from govgraph.graph.store import is_remote
from govgraph.server.worker import Reply, Request, worker_main

STARTUP_SECONDS = 60.0
PAGE_BYTES = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096
POLL_SECONDS = 0.05  # how often a running query's memory is looked at
RESPAWN_SECONDS = 5.0
QUEUE_TIMEOUT = 30.0  # seconds a request may wait for a free worker
MAX_QUEUE = 64  # requests waiting for a worker before new ones are refused (503)
PER_CLIENT = 16  # requests in flight from one client address before its new ones are refused (429)
FAST_SECONDS = 1.0  # a query using more CPU is a long one; only `long_slots` of them run at a time
LONG_NICENESS = 15  # the priority a long query runs at, below short ones
STARVED_FACTOR = 3.0  # wall seconds that count as one CPU second when a query gets little CPU
WATCH_SECONDS = 2.0  # how often the build folder's store is looked at for a new build


def resident_bytes(pid: int) -> int:
    """The resident memory of a process (Linux /proc); 0 where it cannot be read."""
    try:
        with open(f"/proc/{pid}/statm", "rb") as statm:
            return int(statm.read().split()[1]) * PAGE_BYTES
    except (OSError, ValueError, IndexError):
        return 0


TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def cpu_seconds(pid: int) -> float | None:
    """CPU time a process has used (Linux /proc), or None where it cannot be read."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as stat:
            fields = stat.read().rpartition(b")")[2].split()
        return (int(fields[11]) + int(fields[12])) / TICKS  # utime and stime, after the name and state
    except (OSError, ValueError, IndexError):
        return None


def _exit_reason(worker: _Worker) -> str:
    worker.process.join(timeout=1)
    code = worker.process.exitcode
    if code is not None and code < 0:
        with contextlib.suppress(ValueError):
            return f"killed by {signal.Signals(-code).name}"
    return f"exit code {code}"


def renice(pid: int, niceness: int) -> bool:
    """Set the scheduling priority of every thread of a process (Linux niceness is per thread); False if refused."""
    try:
        threads = [int(t) for t in os.listdir(f"/proc/{pid}/task")]
    except (OSError, ValueError):
        threads = [pid]
    try:
        for thread in threads:
            os.setpriority(os.PRIO_PROCESS, thread, niceness)
    except (OSError, AttributeError):
        return False
    return True


@dataclass(slots=True)
class _Worker:
    process: Any  # multiprocessing's SpawnProcess
    conn: multiprocessing.connection.Connection
    niced: bool = False  # ran a long query at a low priority

    def stop(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(timeout=5)
        self.conn.close()


def store_identity(path: Path) -> tuple[int, int, int] | None:
    """What changes when a build replaces a store folder (its inode and its CURRENT file), or None if absent."""
    try:
        folder, current = path.stat(), (path / "CURRENT").stat()
    except OSError:
        return None
    return folder.st_ino, current.st_ino, current.st_mtime_ns


@dataclass(slots=True)
class _Generation:
    """The workers of one snapshot of the store: every query one of them answers sees that one build."""

    selector: str
    idle: asyncio.Queue[_Worker | None] = field(default_factory=asyncio.Queue)
    workers: list[_Worker] = field(default_factory=list)
    spares: list[_Worker] = field(default_factory=list)  # started, idle, taken when a worker is killed
    waiting: int = 0
    snapshot: Path | None = None


class QueryPool:
    """Worker processes answering protocol requests: a timeout per query, bounded queues, one build per answer."""

    def __init__(self, selector: str, size: int = 2, timeout: float = 10.0, max_memory_mb: int | None = 1024, *,
                 queue_timeout: float = QUEUE_TIMEOUT, max_queue: int = MAX_QUEUE, per_client: int = PER_CLIENT,
                 fast_seconds: float = FAST_SECONDS, long_slots: int | None = None,
                 watch_seconds: float | None = WATCH_SECONDS, spares: int = 1) -> None:
        self.selector = selector
        self.size = size
        self.timeout = timeout
        self.max_memory = max_memory_mb * 2**20 if max_memory_mb else None
        self.queue_timeout = queue_timeout
        self.max_queue = max_queue
        self.per_client = per_client
        self.fast_seconds = fast_seconds
        self.long_slots = max(1, size - 1) if long_slots is None else long_slots
        self.watch_seconds = watch_seconds
        self.spares = spares
        self.current: _Generation | None = None
        self.builds = 0  # generations started: 1 at start, one more per new build picked up
        self._source = None if is_remote(selector) else Path(selector.removeprefix("oxigraph:"))
        self._snapshots: Path | None = None
        self._identity: tuple[int, int, int] | None = None
        self._inflight: dict[str, int] = defaultdict(int)
        self._long = 0
        self._long_lock = threading.Lock()
        self._tasks: set[asyncio.Task[None]] = set()
        self._generations: list[_Generation] = []
        self._closed = False

    # -- workers ----------------------------------------------------------------------------------------------
    def _spawn(self, generation: _Generation) -> _Worker:
        context = multiprocessing.get_context("spawn")  # never fork a process that runs threads
        parent, child = context.Pipe()
        process = context.Process(target=worker_main, args=(child, generation.selector), daemon=True,
                                  name="govgraph-query-worker")
        process.start()
        child.close()
        worker = _Worker(process, parent)
        if not parent.poll(STARTUP_SECONDS):
            worker.stop()
            raise StoreError(f"{self.selector}: a query worker did not start within {STARTUP_SECONDS:.0f} s")
        try:
            status, message = parent.recv()
        except (EOFError, OSError):
            status, message = "error", (f"{self.selector}: a query worker exited while starting (exit code "
                                        f"{process.exitcode}); a script that starts the server needs an "
                                        "`if __name__ == '__main__':` guard")
        if status != "ready":
            worker.stop()
            raise StoreError(message)
        generation.workers.append(worker)
        return worker

    def _snapshot(self) -> _Generation:
        """A new generation over a fresh snapshot of the embedded store (or the remote store itself)."""
        if self._source is None:
            return _Generation(self.selector)
        import pyoxigraph as ox

        assert self._snapshots is not None
        self._identity = store_identity(self._source)
        target = self._snapshots / f"build-{self.builds + 1}"
        try:
            ox.Store.read_only(str(self._source)).backup(str(target))
        except OSError as exc:
            raise StoreError(f"{self._source}: cannot take a snapshot of the store ({exc}); rebuild it with "
                             "`govgraph build`") from exc
        return _Generation(str(target), snapshot=target)

    async def _start_generation(self) -> _Generation:
        loop = asyncio.get_running_loop()
        generation = await loop.run_in_executor(None, self._snapshot)
        try:
            workers = await asyncio.gather(*(loop.run_in_executor(None, self._spawn, generation)
                                             for _ in range(self.size + self.spares)))
        except BaseException:
            for worker in generation.workers:
                worker.stop()
            if generation.snapshot is not None:
                shutil.rmtree(generation.snapshot, ignore_errors=True)
            raise
        self._generations.append(generation)
        generation.spares.extend(workers[self.size :])
        for worker in workers[: self.size]:
            generation.idle.put_nowait(worker)
        self.builds += 1
        return generation

    async def start(self) -> None:
        """Take the first snapshot and start its workers (each opens it read-only); then watch for new builds."""
        if self._source is not None:
            try:  # beside the store: on the same file system a snapshot is hard links, elsewhere a copy
                self._snapshots = Path(tempfile.mkdtemp(prefix=".govgraph-serve-", dir=self._source.parent))
            except OSError:  # a read-only build folder
                self._snapshots = Path(tempfile.mkdtemp(prefix="govgraph-serve-"))
        self.current = await self._start_generation()
        if self._source is not None and self.watch_seconds:
            self._background(self._watch())

    async def _watch(self) -> None:
        assert self._source is not None and self.watch_seconds
        while not self._closed:
            await asyncio.sleep(self.watch_seconds)
            identity = store_identity(self._source)
            if identity is None or identity == self._identity:
                continue
            try:
                fresh = await self._start_generation()
            except StoreError as exc:
                logging.getLogger("govgraph.server").warning("%s; still answering from the previous build", exc)
                self._identity = identity  # tried: wait for the next build rather than retry every few seconds
                continue
            old, self.current = self.current, fresh
            if old is not None:
                self._retire(old)

    def _retire(self, generation: _Generation) -> None:
        """Stop a generation's idle workers and wake its waiters (they move to the current one); busy ones stop
        when their query is answered, and the snapshot goes with the last of them."""
        idle = [generation.idle.get_nowait() for _ in range(generation.idle.qsize())] + generation.spares
        generation.spares = []
        for worker in idle:
            if worker is not None:
                worker.stop()
                generation.workers.remove(worker)
        for _ in range(generation.waiting):
            generation.idle.put_nowait(None)
        self._drop_if_done(generation)

    def _drop_if_done(self, generation: _Generation) -> None:
        if generation is not self.current and not generation.workers and generation in self._generations:
            self._generations.remove(generation)
            if generation.snapshot is not None:
                shutil.rmtree(generation.snapshot, ignore_errors=True)

    # -- queries ----------------------------------------------------------------------------------------------
    async def run(self, request: Request, client: str = "") -> Reply:
        """Answer one request; 503 when the queue is full, a worker is not free in time or the query runs too long;
        429 when this client already has `per_client` requests in flight."""
        assert self.current is not None, "start() the pool first"
        if self._inflight[client] >= self.per_client:
            return Reply.error(429, f"this client already has {self.per_client} queries in flight; wait for their "
                                    "answers before sending more")
        self._inflight[client] += 1
        try:
            return await self._run(request)
        finally:
            self._inflight[client] -= 1
            if not self._inflight[client]:
                del self._inflight[client]

    async def _take(self) -> tuple[_Generation, _Worker] | Reply:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.queue_timeout
        while True:
            generation = self.current
            assert generation is not None
            if generation.waiting >= self.max_queue:
                return Reply.error(503, f"the server is busy: {self.max_queue} queries are already waiting; "
                                        "try again in a moment")
            generation.waiting += 1
            try:
                worker = await asyncio.wait_for(generation.idle.get(), timeout=max(deadline - loop.time(), 0.001))
            except TimeoutError:
                return Reply.error(503, f"the server is busy: no query worker was free within {self.queue_timeout:g} s")
            finally:
                generation.waiting -= 1
            if worker is not None:
                return generation, worker

    async def _run(self, request: Request) -> Reply:
        taken = await self._take()
        if isinstance(taken, Reply):
            return taken
        generation, worker = taken
        loop = asyncio.get_running_loop()
        try:
            worker.conn.send(request)
            # the timeout counts from here, when a worker has the query, never from when it arrived
            outcome = await loop.run_in_executor(None, self._wait, worker, time.monotonic() + self.timeout)
            if outcome != "done":
                self._replace(generation, worker)
                return self._stopped(outcome)
            reply: Reply = await loop.run_in_executor(None, worker.conn.recv)
        except (EOFError, OSError):
            self._replace(generation, worker)
            return Reply.error(500, f"the query stopped its worker process ({_exit_reason(worker)}); the worker has been "
                                    "restarted; simplify the query")
        except BaseException:  # cancelled (the client left, the server stops): the worker may still be busy
            self._replace(generation, worker)
            raise
        if worker.niced and not renice(worker.process.pid, 0):
            self._replace(generation, worker)  # back to normal priority is refused to a non-root user
        elif generation is self.current:
            worker.niced = False
            generation.idle.put_nowait(worker)
        else:  # a newer build is being served: this worker's snapshot is history
            worker.stop()
            generation.workers.remove(worker)
            self._drop_if_done(generation)
        return reply

    def _stopped(self, outcome: str) -> Reply:
        if outcome == "memory":
            assert self.max_memory is not None
            return Reply.error(503, f"the query used more than the {self.max_memory // 2**20} MB of memory a query "
                                    "may use and was stopped; narrow it down or add a LIMIT")
        if outcome == "crowded":
            return Reply.error(503, f"the query used more than {self.fast_seconds:g} s of CPU while {self.long_slots} "
                                    "other long queries were running, and was stopped so that short ones still get "
                                    "answers; try again later, or narrow it down")
        return Reply.error(503, f"the query ran longer than the {self.timeout:g} s timeout and was stopped; "
                                "narrow it down or add a LIMIT")

    def _wait(self, worker: _Worker, deadline: float) -> str:
        """Until the worker answers ("done"), the deadline passes ("timeout"), it uses too much memory ("memory"),
        or it runs long while every long-query slot is taken ("crowded")."""
        started = time.monotonic()
        cpu_start = cpu_seconds(worker.process.pid)
        long = False
        try:
            while (remaining := deadline - time.monotonic()) > 0:
                if worker.conn.poll(min(remaining, POLL_SECONDS)):
                    return "done"
                if self.max_memory and resident_bytes(worker.process.pid) > self.max_memory:
                    return "memory"
                if not long and self._ran(worker, started, cpu_start) > self.fast_seconds:
                    with self._long_lock:
                        if self._long >= self.long_slots:
                            return "crowded"
                        self._long += 1
                        long = True
                    worker.niced = renice(worker.process.pid, LONG_NICENESS)  # short queries get the CPU first
            return "timeout"
        finally:
            if long:
                with self._long_lock:
                    self._long -= 1

    @staticmethod
    def _ran(worker: _Worker, started: float, cpu_start: float | None) -> float:
        """How long a query has run: the CPU time its worker used on it (a short query on a busy machine waits for
        the CPU without using it, so it is not taken for a long one), or a third of the time since it started,
        whichever is more (a starved slow query still counts as long after a while)."""
        wall = time.monotonic() - started
        now = cpu_seconds(worker.process.pid)
        if cpu_start is None or now is None:
            return wall
        return max(now - cpu_start, wall / STARVED_FACTOR)

    def _replace(self, generation: _Generation, worker: _Worker) -> None:
        """Kill a worker now; while its build is the one served, a spare takes its place at once and a new
        process is started in the background (as the next spare, or in its place when there was none)."""
        worker.stop()
        if worker in generation.workers:
            generation.workers.remove(worker)
        if generation is not self.current:
            self._drop_if_done(generation)
            return
        used_spare = bool(generation.spares)
        if used_spare:
            generation.idle.put_nowait(generation.spares.pop())

        async def respawn() -> None:
            loop = asyncio.get_running_loop()
            while generation is self.current and not self._closed:
                try:
                    fresh = await loop.run_in_executor(None, self._spawn, generation)
                    break
                except StoreError as exc:
                    logging.getLogger("govgraph.server").warning("%s; retrying in %g s", exc, RESPAWN_SECONDS)
                    await asyncio.sleep(RESPAWN_SECONDS)
            else:
                return
            if generation is not self.current:
                fresh.stop()
                generation.workers.remove(fresh)
                self._drop_if_done(generation)
            elif used_spare:
                generation.spares.append(fresh)
            else:
                generation.idle.put_nowait(fresh)

        self._background(respawn())

    def _background(self, coroutine: Any) -> None:
        task = asyncio.get_running_loop().create_task(coroutine)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def close(self) -> None:
        """Stop every worker and remove the snapshots."""
        self._closed = True
        for task in list(self._tasks):
            task.cancel()
        for generation in self._generations:
            for worker in list(generation.workers):
                worker.stop()
            generation.workers.clear()
        if self._snapshots is not None:
            shutil.rmtree(self._snapshots, ignore_errors=True)
