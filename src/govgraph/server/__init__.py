"""`govgraph serve`: a read-only SPARQL 1.1 Protocol endpoint at /sparql and a query page at /."""

from __future__ import annotations

import socket
from collections.abc import Callable
from pathlib import Path

from govgraph.errors import InputError, MissingDependencyError
from govgraph.graph.store import store_for

__all__ = ["serve"]


def _check_port(host: str, port: int) -> None:
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
        try:
            probe.bind((host, port))
        except OSError as exc:
            raise InputError(f"cannot listen on {host}:{port} ({exc.strerror}); pass another --port or --host") from exc


def serve(out_dir: Path, store: str | None = None, *, host: str = "127.0.0.1", port: int = 8000,
          timeout: float = 10.0, max_rows: int = 10000, workers: int = 2, max_memory_mb: int | None = 1024,
          header_timeout: float | None = None, announce: Callable[[str], None] = print) -> None:
    """Serve the store of a build folder until interrupted.

    Args:
        out_dir: the build folder.
        store: a store selector instead of ``out_dir/store``.
        host: the address to listen on (127.0.0.1: this machine only).
        port: the TCP port.
        timeout: seconds a query may run before it is stopped and answered with 503.
        max_rows: the most rows or triples one answer carries.
        workers: query worker processes.
        max_memory_mb: resident memory one query may use (its worker is stopped beyond it, 503).
        header_timeout: seconds a client has to send a request line and headers (default `guards.HEADER_TIMEOUT`).
        announce: called with the line that says where the server listens.

    Raises:
        MissingDependencyError: fastapi or uvicorn is not installed.
        StoreError: no usable store.
        InputError: the port cannot be used, or a limit is not positive.
    """
    try:
        import uvicorn

        from govgraph.server.app import create_app
        from govgraph.server.guards import KEEP_ALIVE_SECONDS, MAX_CONNECTIONS, MAX_HEADER_BYTES, guarded_h11_protocol
    except ImportError as exc:
        raise MissingDependencyError(f"`govgraph serve` needs {exc.name}: pip install 'govgraph[server]'") from exc
    if timeout <= 0 or max_rows <= 0 or workers <= 0 or (max_memory_mb is not None and max_memory_mb <= 0):
        raise InputError("--timeout, --max-rows, --workers and --memory must be positive")
    store_for(out_dir, store).close()  # a missing or unreadable store fails here, in one line
    _check_port(host, port)
    app = create_app(out_dir, store, timeout=timeout, max_rows=max_rows, workers=workers, max_memory_mb=max_memory_mb,
                     hosts=(host,))
    shown = f"[{host}]" if ":" in host else host
    announce(f"govgraph: SPARQL endpoint http://{shown}:{port}/sparql, query page http://{shown}:{port}/ "
             f"(timeout {timeout:g} s, at most {max_rows} rows; a new build is picked up as it lands; Ctrl-C stops)")
    uvicorn.run(app, host=host, port=port, log_level="warning", http=guarded_h11_protocol(header_timeout),
                timeout_keep_alive=KEEP_ALIVE_SECONDS, limit_concurrency=MAX_CONNECTIONS,
                h11_max_incomplete_event_size=MAX_HEADER_BYTES)
