"""Queries run in worker processes, so that a runaway query can be stopped.

pyoxigraph cannot interrupt a query (one call into it may run for minutes without returning to
Python), so each query runs in a separate process holding its own read-only store. When a query
passes the timeout, or its worker's resident memory passes the limit, the worker is killed and a
fresh one is started; the other workers go on. A worker that dies (a crash in the engine) or whose
client goes away mid-query is replaced the same way.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import multiprocessing
import multiprocessing.connection
import os
import signal
import time
from dataclasses import dataclass
from typing import Any

from govgraph.errors import StoreError
from govgraph.server.worker import Reply, Request, worker_main

STARTUP_SECONDS = 60.0
PAGE_BYTES = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096
POLL_SECONDS = 0.05  # how often a running query's memory is looked at
RESPAWN_SECONDS = 5.0


def resident_bytes(pid: int) -> int:
    """The resident memory of a process (Linux /proc); 0 where it cannot be read."""
    try:
        with open(f"/proc/{pid}/statm", "rb") as statm:
            return int(statm.read().split()[1]) * PAGE_BYTES
    except (OSError, ValueError, IndexError):
        return 0


def _exit_reason(worker: _Worker) -> str:
    worker.process.join(timeout=1)
    code = worker.process.exitcode
    if code is not None and code < 0:
        with contextlib.suppress(ValueError):
            return f"killed by {signal.Signals(-code).name}"
    return f"exit code {code}"


@dataclass(slots=True)
class _Worker:
    process: Any  # multiprocessing's SpawnProcess
    conn: multiprocessing.connection.Connection

    def stop(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(timeout=5)
        self.conn.close()


class QueryPool:
    """A fixed number of worker processes answering protocol requests, with a timeout per query."""

    def __init__(self, selector: str, size: int = 2, timeout: float = 10.0, max_memory_mb: int | None = 1024) -> None:
        self.selector = selector
        self.size = size
        self.timeout = timeout
        self.max_memory = max_memory_mb * 2**20 if max_memory_mb else None
        self._idle: asyncio.Queue[_Worker] | None = None
        self._workers: list[_Worker] = []
        self._tasks: set[asyncio.Task[None]] = set()

    def _spawn(self) -> _Worker:
        context = multiprocessing.get_context("spawn")  # never fork a process that runs threads
        parent, child = context.Pipe()
        process = context.Process(target=worker_main, args=(child, self.selector), daemon=True,
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
        self._workers.append(worker)
        return worker

    async def start(self) -> None:
        """Start the workers (each opens the store)."""
        loop = asyncio.get_running_loop()
        self._idle = asyncio.Queue()
        workers = await asyncio.gather(*(loop.run_in_executor(None, self._spawn) for _ in range(self.size)))
        for worker in workers:
            self._idle.put_nowait(worker)

    async def run(self, request: Request) -> Reply:
        """Answer one request; a 503 reply when it does not finish within the timeout."""
        assert self._idle is not None, "start() the pool first"
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.timeout
        try:
            worker = await asyncio.wait_for(self._idle.get(), timeout=self.timeout)
        except TimeoutError:
            return Reply.error(503, f"the server is busy: no query worker was free within {self.timeout:g} s")
        try:
            worker.conn.send(request)
            outcome = await loop.run_in_executor(None, self._wait, worker, time.monotonic() + deadline - loop.time())
            if outcome != "done":
                self._replace(worker)
                if outcome == "memory":
                    limit = (self.max_memory or 0) // 2**20
                    return Reply.error(503, f"the query used more than the {limit} MB of memory a query "
                                            "may use and was stopped; narrow it down or add a LIMIT")
                return Reply.error(503, f"the query ran longer than the {self.timeout:g} s timeout and was stopped; "
                                        "narrow it down or add a LIMIT")
            reply: Reply = await loop.run_in_executor(None, worker.conn.recv)
        except (EOFError, OSError):
            self._replace(worker)
            return Reply.error(500, f"the query stopped its worker process ({_exit_reason(worker)}); the worker has been "
                                    "restarted; simplify the query")
        except BaseException:  # cancelled (the client left, the server stops): the worker may still be busy
            self._replace(worker)
            raise
        self._idle.put_nowait(worker)
        return reply

    def _wait(self, worker: _Worker, deadline: float) -> str:
        """Until the worker answers ("done"), the deadline passes ("timeout") or it uses too much memory ("memory")."""
        while (remaining := deadline - time.monotonic()) > 0:
            if worker.conn.poll(min(remaining, POLL_SECONDS)):
                return "done"
            if self.max_memory and resident_bytes(worker.process.pid) > self.max_memory:
                return "memory"
        return "timeout"

    def _replace(self, worker: _Worker) -> None:
        """Kill a worker now and start its replacement in the background (retrying until one starts)."""
        worker.stop()
        if worker in self._workers:
            self._workers.remove(worker)

        async def respawn() -> None:
            loop = asyncio.get_running_loop()
            while True:
                try:
                    fresh = await loop.run_in_executor(None, self._spawn)
                    break
                except StoreError as exc:
                    logging.getLogger("govgraph.server").warning("%s; retrying in %g s", exc, RESPAWN_SECONDS)
                    await asyncio.sleep(RESPAWN_SECONDS)
            assert self._idle is not None
            self._idle.put_nowait(fresh)

        task = asyncio.get_running_loop().create_task(respawn())
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def close(self) -> None:
        """Stop every worker."""
        for task in list(self._tasks):
            task.cancel()
        for worker in list(self._workers):
            worker.stop()
        self._workers.clear()
