"""One query worker process: opens the store read-only, then answers requests until its pipe closes."""

from __future__ import annotations

import signal
import threading
from dataclasses import dataclass, field
from multiprocessing.connection import Connection

import pyoxigraph as ox

from govgraph.errors import GovgraphError, QueryError
from govgraph.graph.store import Dataset, GraphStore, is_remote, open_store
from govgraph.queries.catalog import named_query
from govgraph.queries.entities import resolve_params
from govgraph.queries.params import bind_params
from govgraph.queries.render import serialize
from govgraph.queries.runner import execute
from govgraph.server.protocol import ProtocolError, choose_format

QUERY_STACK_BYTES = 512 * 1024 * 1024  # address space only: pages are used as deep queries touch them
CLONE_NEWNET = 0x40000000
CLONE_NEWUSER = 0x10000000


@dataclass(frozen=True, slots=True)
class Request:
    """A query to run: SPARQL text, or a named query with parameter values."""

    sparql: str | None = None
    named: str | None = None
    params: dict[str, str] = field(default_factory=dict)
    accept: str | None = None
    format: str | None = None
    max_rows: int | None = None
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Reply:
    """The HTTP answer to a request: status, media type and body, and whether rows were left out."""

    status: int
    media_type: str
    body: bytes
    truncated: bool = False
    count: int = 0

    @classmethod
    def error(cls, status: int, message: str) -> Reply:
        """A plain-text error reply of one line."""
        return cls(status, "text/plain", (" ".join(message.split()) + "\n").encode("utf-8"))


def answer(store: GraphStore, request: Request) -> Reply:
    """Run one request against an open store and serialize the answer in the negotiated format."""
    try:
        dataset = protocol_dataset(request)
        if request.named is not None:
            try:
                query = named_query(request.named)
            except QueryError as exc:
                return Reply.error(404, str(exc))
            bindings = resolve_params(store, bind_params(request.params, query.params, f"query {query.name}"),
                                      query.params, f"query {query.name}")
            result = execute(store, query.text, bindings, max_rows=request.max_rows, label=f"query {query.name}")
        else:
            result = execute(store, request.sparql or "", None, max_rows=request.max_rows, dataset=dataset)
        media, fmt = choose_format(result.kind, request.accept, request.format)
        return Reply(200, media, serialize(result, fmt), result.truncated, len(result))
    except ProtocolError as exc:
        return Reply.error(exc.status, exc.message)
    except QueryError as exc:
        return Reply.error(400, str(exc))
    except GovgraphError as exc:
        return Reply.error(500, str(exc))


def protocol_dataset(request: Request) -> Dataset | None:
    """The dataset a request's ``default-graph-uri`` / ``named-graph-uri`` parameters name, or None.

    Raises:
        ProtocolError: 400 for a value that is not an IRI, or for a named query given a dataset.
    """
    if not request.default_graphs and not request.named_graphs:
        return None
    if request.named is not None:
        raise ProtocolError(400, "named queries run over the whole graph; default-graph-uri / named-graph-uri "
                                 "apply to SPARQL sent to /sparql")
    try:
        return ([ox.NamedNode(g) for g in request.default_graphs], [ox.NamedNode(g) for g in request.named_graphs])
    except ValueError as exc:
        raise ProtocolError(400, f"default-graph-uri / named-graph-uri must be IRIs ({exc})") from exc


def isolate_from_network() -> bool:
    """Move this process into a network namespace of its own (Linux), where no connection can be made.

    A defence in depth behind the refusal of SERVICE: even a query that slipped through could not
    reach another server. Needs CAP_SYS_ADMIN or unprivileged user namespaces; without them
    nothing changes and False is returned.
    """
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        return libc.unshare(CLONE_NEWNET) == 0 or libc.unshare(CLONE_NEWUSER | CLONE_NEWNET) == 0
    except (AttributeError, OSError):
        return False


def worker_main(conn: Connection, selector: str) -> None:
    """Process entry point: report "ready" (or the error), then serve requests from the pipe.

    Requests are answered on a thread with a large stack: the engine's parser and evaluator
    recurse on the query's structure and would otherwise overflow the main thread's 8 MB on a
    query of a few kilobytes; a stack overflow kills the process.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C stops the server, which stops the workers
    if not is_remote(selector):
        isolate_from_network()  # before the store starts its threads: a user namespace needs a single thread
    try:
        store = open_store(selector)
    except GovgraphError as exc:
        conn.send(("error", str(exc)))
        return
    threading.stack_size(QUERY_STACK_BYTES)
    serving = threading.Thread(target=_serve, args=(conn, store), name="govgraph-query", daemon=True)
    serving.start()
    serving.join()


def _serve(conn: Connection, store: GraphStore) -> None:
    conn.send(("ready", ""))
    while True:
        try:
            request = conn.recv()
        except (EOFError, OSError):
            break
        try:
            reply = answer(store, request)
        except Exception as exc:  # a bug must not take the worker down with it
            reply = Reply.error(500, f"internal error: {exc.__class__.__name__}: {exc}")
        conn.send(reply)
    store.close()
