"""Stores behind one factory and one interface.

`open_store(selector)` returns a `GraphStore`. The selector is a folder (or ``oxigraph:FOLDER``)
for the embedded pyoxigraph store a build writes, or the URL of a SPARQL 1.1 server
(``http://...``, ``https://...`` or ``sparql:URL``). Every backend answers SPARQL with
pyoxigraph's result types, so callers never care which one they talk to. Queries see the union
of all named graphs as their default graph.

Each backend declares what it can do with capability flags (``read_only``, ``context_aware``,
``supports_graph_store``); `require` checks one and fails with a clear `StoreError`.
"""

from __future__ import annotations

import contextlib
import http.client
import re
import socket
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections import defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Protocol

import pyoxigraph as ox

from govgraph.errors import QueryError, StoreError
from govgraph.files import atomic_dir
from govgraph.graph.rdf import prefixes
from govgraph.graph.remote import MAX_ANSWER_BYTES, opener, printable, read_capped, redact, without_credentials
from govgraph.namespaces import ID
from govgraph.sparql_text import refuse_unsafe

STORE_DIR = "store"
QueryResult = ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples
Binding = ox.NamedNode | ox.BlankNode | ox.Literal
CAPABILITIES = ("read_only", "context_aware", "supports_graph_store")


class GraphStore(Protocol):
    """What query, serve, viz and export need from a store.

    Capability flags: ``read_only`` (writes refused), ``context_aware`` (keeps named graphs),
    ``supports_graph_store`` (can replace one named graph at a time, `replace_graphs`).
    """

    name: str
    read_only: bool
    context_aware: bool
    supports_graph_store: bool

    def query(self, sparql: str, bindings: dict[str, Binding] | None = None) -> QueryResult:
        """Run a SPARQL query; `bindings` pre-bind variables (by name, without '?') to RDF terms.

        Raises:
            QueryError: the query does not parse or fails.
        """
        ...

    def quads(self) -> Iterator[ox.Quad]:
        """Every quad of the store."""
        ...

    def graphs(self) -> list[ox.NamedNode]:
        """The names of the store's named graphs, sorted."""
        ...

    def replace_graphs(self, quads: Iterable[ox.Quad], prune: str | None = None) -> list[ox.NamedNode]:
        """Replace each named graph the quads fill with exactly those quads; see `EmbeddedStore.replace_graphs`."""
        ...

    def close(self) -> None: ...


def require(store: GraphStore, capability: str, action: str) -> None:
    """Fail with a clear error unless the store has this capability.

    Args:
        store: the store to check.
        capability: one of ``read_only`` (checked as "writable"), ``context_aware``, ``supports_graph_store``.
        action: what the caller wants to do, for the message ("write the build's named graphs").

    Raises:
        StoreError: the store cannot do it.
    """
    if capability not in CAPABILITIES:
        raise ValueError(f"unknown store capability {capability!r}")
    if capability == "read_only":
        if store.read_only:
            raise StoreError(f"{store.name}: the store is opened read-only; cannot {action}")
    elif not getattr(store, capability, False):
        missing = {"context_aware": "named graphs", "supports_graph_store": "a Graph Store Protocol endpoint"}[capability]
        raise StoreError(f"{store.name}: this store has no {missing}; cannot {action}")


_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)


def bind_values(sparql: str, bindings: dict[str, Binding] | None) -> str:
    """Bind variables to RDF terms with a VALUES block at the start of the query's WHERE group.

    Terms are written in their N-Triples form by pyoxigraph, so a value can never change the
    query's structure.
    """
    if not bindings:
        return sparql
    match = _WHERE.search(sparql) or re.search(r"\{", sparql)
    if match is None:
        raise QueryError("cannot bind parameters: the query has no WHERE group")
    names = sorted(bindings)
    block = f" VALUES ({' '.join('?' + n for n in names)}) {{ ({' '.join(str(bindings[n]) for n in names)}) }} "
    return sparql[: match.end()] + block + sparql[match.end() :]


def group_by_graph(quads: Iterable[ox.Quad]) -> dict[ox.NamedNode, list[ox.Triple]]:
    """Triples per named graph, graphs in sorted order (quads in the default graph are refused)."""
    graphs: dict[ox.NamedNode, list[ox.Triple]] = defaultdict(list)
    for quad in quads:
        if not isinstance(quad.graph_name, ox.NamedNode):
            raise StoreError(f"cannot store a triple outside a named graph: {quad.subject} {quad.predicate} {quad.object}")
        graphs[quad.graph_name].append(ox.Triple(quad.subject, quad.predicate, quad.object))
    return {name: graphs[name] for name in sorted(graphs, key=str)}


def _stale(existing: Iterable[ox.NamedNode], kept: Iterable[ox.NamedNode], prune: str | None) -> list[ox.NamedNode]:
    kept_set = set(kept)
    return [g for g in existing if prune is not None and g.value.startswith(prune) and g not in kept_set]


class EmbeddedStore:
    """The on-disk pyoxigraph store in a build's output folder."""

    context_aware = True
    supports_graph_store = True

    def __init__(self, path: Path, read_only: bool = True) -> None:
        if not path.is_dir():
            raise StoreError(f"{path}: no govgraph store here; run `govgraph build` first or pass --out")
        self.name = str(path)
        self.read_only = read_only
        try:
            self._store = ox.Store.read_only(str(path)) if read_only else ox.Store(str(path))
        except OSError as exc:
            raise StoreError(f"{path}: cannot open the store ({exc}); rebuild it with `govgraph build`") from exc

    def query(self, sparql: str, bindings: dict[str, Binding] | None = None) -> QueryResult:
        text = bind_values(sparql, bindings)
        refuse_unsafe(text)
        try:
            return self._store.query(text, use_default_graph_as_union=True, prefixes=prefixes())
        except SyntaxError as exc:
            raise QueryError(f"malformed SPARQL: {exc}") from exc
        except OSError as exc:
            raise QueryError(f"query failed: {exc}") from exc

    def quads(self) -> Iterator[ox.Quad]:
        return iter(self._store)

    def graphs(self) -> list[ox.NamedNode]:
        return sorted((g for g in self._store.named_graphs() if isinstance(g, ox.NamedNode)), key=str)

    def replace_graphs(self, quads: Iterable[ox.Quad], prune: str | None = None) -> list[ox.NamedNode]:
        """Replace each named graph the quads fill with exactly those quads.

        Args:
            quads: quads in named graphs.
            prune: also drop existing graphs whose name starts with this IRI and that the quads do not fill.

        Returns:
            The graphs written, sorted.

        Raises:
            StoreError: the store is read-only.
        """
        require(self, "read_only", "replace named graphs")
        graphs = group_by_graph(quads)
        existing = set(self.graphs())
        for name in _stale(existing, graphs, prune):
            self._store.remove_graph(name)
        for name, triples in graphs.items():
            if name in existing:
                self._store.remove_graph(name)
            self._store.extend(ox.Quad(t.subject, t.predicate, t.object, name) for t in triples)
        self._store.flush()
        return list(graphs)

    def close(self) -> None:
        del self._store


_ACCEPT = ("application/sparql-results+json, application/sparql-results+xml;q=0.9, application/n-triples;q=0.8, "
           "text/turtle;q=0.7, application/rdf+xml;q=0.5")
_ACCEPT_TABLE = f"text/tab-separated-values, {_ACCEPT}"  # about half the size of JSON for a dump of every quad
_RESULT_FORMATS = {"text/tab-separated-values": ox.QueryResultsFormat.TSV,
                   "application/sparql-results+json": ox.QueryResultsFormat.JSON,
                   "application/json": ox.QueryResultsFormat.JSON,
                   "application/sparql-results+xml": ox.QueryResultsFormat.XML,
                   "application/xml": ox.QueryResultsFormat.XML}
_PREFIX_DECL = re.compile(r"\bPREFIX\s+([A-Za-z][\w.-]*)?\s*:", re.IGNORECASE)
_FROM = re.compile(r"\bFROM\s+(?:NAMED\s+)?(?:<|[A-Za-z][\w.-]*:)", re.IGNORECASE)
_GRAPHS = "SELECT DISTINCT ?g WHERE { GRAPH ?g { } }"
_QUADS = "SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }"


def endpoints(url: str) -> tuple[str, str]:
    """The SPARQL query endpoint and the Graph Store Protocol endpoint a server URL stands for.

    A bare server (``http://host:7878``) is taken as Oxigraph's layout (``/query``, ``/store``); a
    ``.../query`` endpoint gets its sibling ``.../store``; Virtuoso's ``.../sparql`` gets
    ``.../sparql-graph-crud``; any other URL serves both (as Fuseki's dataset URL does).
    """
    parts = urllib.parse.urlsplit(url)
    path = parts.path.rstrip("/")

    def at(new_path: str) -> str:
        return urllib.parse.urlunsplit((parts.scheme, parts.netloc, new_path, parts.query, ""))

    if not path:
        return at("/query"), at("/store")
    head, _, last = path.rpartition("/")
    if last == "query":
        return at(path), at(f"{head}/store")
    if last == "sparql":
        return at(path), at(f"{head}/sparql-graph-crud")
    return at(path), at(path)


def check_syntax(sparql: str) -> None:
    """Parse a query as the embedded store does, so both backends report a malformed query identically.

    Raises:
        QueryError: the query does not parse, or holds a SERVICE clause (checked before the engine sees it:
            evaluating one, even on an empty store, would send a request).
    """
    refuse_unsafe(sparql)
    try:
        ox.Store().query(sparql, prefixes=prefixes())
    except SyntaxError as exc:
        raise QueryError(f"malformed SPARQL: {exc}") from exc
    except (OSError, ValueError, RuntimeError):
        return  # evaluating against an empty store (a SERVICE call, say) may fail: only parsing matters here


class SparqlStore:
    """Any SPARQL 1.1 server: reads through the SPARQL 1.1 Protocol, writes through the Graph Store HTTP Protocol.

    The union of the server's named graphs is the default graph of every query (sent as the
    protocol's ``default-graph-uri``/``named-graph-uri`` parameters unless the query names its
    own dataset with FROM), as in the embedded store. Results are parsed into pyoxigraph types.
    """

    context_aware = True

    def __init__(self, endpoint: str, graph_store: str | None = None, *, read_only: bool = True,
                 timeout: float = 60.0, max_bytes: int = MAX_ANSWER_BYTES) -> None:
        endpoint, self._auth = without_credentials(endpoint)
        self.name = endpoint
        self.endpoint = endpoint
        self.graph_store = without_credentials(graph_store)[0] if graph_store else None
        self.read_only = read_only
        self.supports_graph_store = graph_store is not None
        self.timeout = timeout  # for a whole request: connecting, sending, and reading all of the answer
        self.max_bytes = max_bytes

    # -- HTTP -----------------------------------------------------------------------------------------------------
    def _send(self, request: urllib.request.Request, what: str) -> tuple[str, bytes]:
        if self._auth:
            request.add_header("Authorization", self._auth)
        url = redact(request.full_url)
        sockets: list[socket.socket] = []
        expired = threading.Event()

        def cut() -> None:  # the deadline passed: unblock whatever read or write is waiting
            expired.set()
            for sock in sockets:
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)

        watchdog = threading.Timer(self.timeout, cut)
        watchdog.daemon = True
        watchdog.start()
        try:
            with opener(sockets).open(request, timeout=self.timeout) as response:
                media = response.headers.get_content_type()
                body = read_capped(response, self.max_bytes, url)
            if expired.is_set():  # the cut socket reads as the end of the answer: it is not
                raise OSError("deadline")
            return media, body
        except urllib.error.HTTPError as exc:
            detail = " ".join(exc.read(2000).decode("utf-8", "replace").split())[:300] or exc.reason
            if exc.code == 400 and what == "query":
                raise QueryError(f"{self.name}: the server rejected the query: {detail}") from exc
            hint = "; the server may be read-only or need credentials" if exc.code in (401, 403, 405) else ""
            raise StoreError(f"{url}: {what} failed with HTTP {exc.code} ({detail}){hint}") from exc
        except (urllib.error.URLError, OSError, http.client.HTTPException, ValueError) as exc:
            if expired.is_set():
                raise StoreError(f"{self.name}: the SPARQL server did not finish answering within {self.timeout:g} s; "
                                 "is it overloaded?") from exc
            reason = printable(redact(str(getattr(exc, "reason", exc))))
            raise StoreError(f"{self.name}: cannot reach the SPARQL server ({reason}); is it running at this URL?") from exc
        finally:
            watchdog.cancel()

    def _post_query(self, sparql: str, dataset: list[ox.NamedNode] | None, accept: str = _ACCEPT) -> tuple[str, bytes]:
        form: list[tuple[str, str]] = [("query", sparql)]
        for graph in dataset or ():
            form += [("default-graph-uri", graph.value), ("named-graph-uri", graph.value)]
        request = urllib.request.Request(
            self.endpoint, data=urllib.parse.urlencode(form).encode("utf-8"), method="POST",
            headers={"Accept": accept, "Content-Type": "application/x-www-form-urlencoded; charset=utf-8"})
        return self._send(request, "query")

    def _graph_url(self, graph: ox.NamedNode) -> str:
        assert self.graph_store is not None
        separator = "&" if urllib.parse.urlsplit(self.graph_store).query else "?"
        return f"{self.graph_store}{separator}{urllib.parse.urlencode({'graph': graph.value})}"

    # -- reading --------------------------------------------------------------------------------------------------
    def query(self, sparql: str, bindings: dict[str, Binding] | None = None) -> QueryResult:
        text = bind_values(sparql, bindings)
        check_syntax(text)
        declared = {m.group(1) or "" for m in _PREFIX_DECL.finditer(text)}
        prologue = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in prefixes().items() if p not in declared)
        dataset = None if _FROM.search(text) else self.graphs()
        media, body = self._post_query(prologue + text, dataset)
        return self._results(media, body)

    def _results(self, media: str, body: bytes) -> QueryResult:
        try:
            if media in _RESULT_FORMATS:
                return ox.parse_query_results(body, _RESULT_FORMATS[media])
            graph_format = ox.RdfFormat.from_media_type(media)
            if graph_format is None:
                raise StoreError(f"{self.name}: unexpected answer of type {media!r} from the SPARQL server")
            scratch = ox.Store()
            scratch.extend(ox.Quad(t.subject, t.predicate, t.object) for t in ox.parse(body, graph_format))
            return scratch.query("CONSTRUCT WHERE { ?s ?p ?o }")
        except SyntaxError as exc:
            raise StoreError(f"{self.name}: cannot read the server's answer ({media}): {exc}") from exc

    def graphs(self) -> list[ox.NamedNode]:
        rows = self._results(*self._post_query(_GRAPHS, None))
        assert isinstance(rows, ox.QuerySolutions)
        try:
            return sorted((row["g"] for row in rows if isinstance(row["g"], ox.NamedNode)), key=str)
        except SyntaxError as exc:  # results are parsed as they are read
            raise StoreError(f"{self.name}: cannot read the server's answer: {printable(str(exc))}") from exc

    def quads(self) -> Iterator[ox.Quad]:
        rows = self._results(*self._post_query(_QUADS, self.graphs(), _ACCEPT_TABLE))
        assert isinstance(rows, ox.QuerySolutions)
        try:
            for row in rows:
                yield ox.Quad(row["s"], row["p"], row["o"], row["g"])
        except SyntaxError as exc:
            raise StoreError(f"{self.name}: cannot read the server's answer: {printable(str(exc))}") from exc

    # -- writing --------------------------------------------------------------------------------------------------
    def put_graph(self, graph: ox.NamedNode, triples: Iterable[ox.Triple]) -> None:
        """Replace one named graph with these triples (Graph Store Protocol PUT).

        Raises:
            StoreError: the store is read-only, has no graph store endpoint, or the server refused.
        """
        require(self, "read_only", f"write graph {graph}")
        require(self, "supports_graph_store", f"write graph {graph}")
        body = ox.serialize(list(triples), format=ox.RdfFormat.N_TRIPLES)
        request = urllib.request.Request(self._graph_url(graph), data=body, method="PUT",
                                         headers={"Content-Type": "application/n-triples"})
        self._send(request, f"writing graph {graph.value}")

    def delete_graph(self, graph: ox.NamedNode) -> None:
        """Drop one named graph (Graph Store Protocol DELETE); a graph that is not there is fine."""
        require(self, "read_only", f"delete graph {graph}")
        require(self, "supports_graph_store", f"delete graph {graph}")
        request = urllib.request.Request(self._graph_url(graph), method="DELETE")
        try:
            self._send(request, f"deleting graph {graph.value}")
        except StoreError as exc:
            if "HTTP 404" not in str(exc):
                raise

    def replace_graphs(self, quads: Iterable[ox.Quad], prune: str | None = None) -> list[ox.NamedNode]:
        """Replace each named graph the quads fill with exactly those quads, one PUT per graph.

        Args:
            quads: quads in named graphs.
            prune: also drop existing graphs whose name starts with this IRI and that the quads do not fill.

        Returns:
            The graphs written, sorted.

        Raises:
            StoreError: read-only, no graph store endpoint, unreachable, or a write refused.
        """
        require(self, "read_only", "replace named graphs")
        require(self, "supports_graph_store", "replace named graphs")
        graphs = group_by_graph(quads)
        for name, triples in graphs.items():
            self.put_graph(name, triples)
        if prune is not None:
            for name in _stale(self.graphs(), graphs, prune):
                self.delete_graph(name)
        return list(graphs)

    def close(self) -> None:
        """Nothing to release: every request opens and closes its own connection."""


def write_embedded_store(quads: Iterable[ox.Quad], target: Path) -> None:
    """Write a fresh on-disk store with these quads, replacing target atomically."""
    with atomic_dir(target) as tmp:
        store = ox.Store(str(tmp))
        store.bulk_extend(quads)
        store.flush()
        del store


def is_remote(selector: str | Path) -> bool:
    """Whether a selector names a SPARQL server rather than a folder."""
    return str(selector).startswith(("http://", "https://", "sparql:"))


def open_store(selector: str | Path, read_only: bool = True) -> GraphStore:
    """The store a selector names: a folder or ``oxigraph:FOLDER`` (embedded), or a SPARQL server URL.

    A server URL is ``http://...``, ``https://...`` or ``sparql:URL``; see `endpoints` for how its
    query and Graph Store Protocol endpoints are found.

    Raises:
        StoreError: nothing usable at the selector.
    """
    text = str(selector)
    if is_remote(text):
        url = text[len("sparql:") :] if text.startswith("sparql:") else text
        if not url.startswith(("http://", "https://")):
            raise StoreError(f"{redact(text)}: a SPARQL store is selected by an http:// or https:// URL")
        query_url, graph_store = endpoints(url)
        return SparqlStore(query_url, graph_store, read_only=read_only)
    if text.startswith("oxigraph:"):
        text = text[len("oxigraph:") :]
    return EmbeddedStore(Path(text), read_only=read_only)


def store_for(out_dir: Path, store: str | None = None) -> GraphStore:
    """The store of a build folder, or the one `store` selects."""
    return open_store(store or out_dir / STORE_DIR)


def publish(quads: list[ox.Quad], selector: str | Path) -> list[ox.NamedNode]:
    """Write a build's quads to the store a selector names, one named graph at a time.

    A server gets one Graph Store Protocol PUT per graph (so rebuilding replaces, never adds),
    and graphs in govgraph's instance namespace that the build no longer fills are dropped; a
    folder gets a fresh embedded store.

    Args:
        quads: every quad of the build, each in a named graph.
        selector: a server URL or a folder (see `open_store`).

    Returns:
        The named graphs written, sorted.

    Raises:
        StoreError: the store cannot be written.
    """
    if not is_remote(selector):
        write_embedded_store(quads, Path(str(selector).removeprefix("oxigraph:")))
        return list(group_by_graph(quads))
    store = open_store(selector, read_only=False)
    try:
        return store.replace_graphs(quads, prune=str(ID))
    finally:
        store.close()


def check_reachable(selector: str | Path) -> None:
    """Fail early, before a long build, when a server selector does not answer.

    Raises:
        StoreError: the server is unreachable or answers with an error.
    """
    if is_remote(selector):
        open_store(selector).graphs()
