"""Queries run in worker processes, so that a runaway query can be stopped.

pyoxigraph cannot interrupt a query (one call into it may run for minutes without returning to
Python), so each query runs in a separate process holding its own read-only store. When a query
passes the timeout its worker is killed and a fresh one is started; the other workers go on.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import multiprocessing.connection
from dataclasses import dataclass
from typing import Any

from govgraph.errors import StoreError
from govgraph.server.worker import Reply, Request, worker_main

STARTUP_SECONDS = 60.0


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

    def __init__(self, selector: str, size: int = 2, timeout: float = 10.0) -> None:
        self.selector = selector
        self.size = size
        self.timeout = timeout
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
            finished = await loop.run_in_executor(None, worker.conn.poll, max(deadline - loop.time(), 0.0))
            if not finished:
                self._replace(worker)
                return Reply.error(503, f"the query ran longer than the {self.timeout:g} s timeout and was stopped; "
                                        "narrow it down or add a LIMIT")
            reply: Reply = await loop.run_in_executor(None, worker.conn.recv)
        except (EOFError, OSError) as exc:
            self._replace(worker)
            return Reply.error(500, f"the query worker failed ({exc.__class__.__name__}); it has been restarted")
        self._idle.put_nowait(worker)
        return reply

    def _replace(self, worker: _Worker) -> None:
        """Kill a worker now and start its replacement in the background."""
        worker.stop()
        if worker in self._workers:
            self._workers.remove(worker)

        async def respawn() -> None:
            loop = asyncio.get_running_loop()
            fresh = await loop.run_in_executor(None, self._spawn)
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
