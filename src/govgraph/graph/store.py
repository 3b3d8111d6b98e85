"""Stores behind one factory and one interface.

`open_store(selector)` returns a `GraphStore`. The selector is a folder (or ``oxigraph:FOLDER``)
for the embedded pyoxigraph store a build writes, or the URL of a SPARQL 1.1 server
(``http://...``, ``https://...`` or ``sparql:URL``). Every backend answers SPARQL with
pyoxigraph's result types, so callers never care which one they talk to.

Every store holds one named graph per source (provenance) and the union graph (`UNION_GRAPH`):
each distinct triple of those graphs once. A query's default graph is the union graph and its
named graphs are govgraph's graphs (never a server's own system graphs), so a fact stated by
three articles matches once, except in ``GRAPH ?g`` patterns; a query that names its own dataset
with FROM / FROM NAMED gets exactly that dataset.

Each backend declares what it can do with capability flags (``read_only``, ``context_aware``,
``supports_graph_store``); `require` checks one and fails with a clear `StoreError`.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import http.client
import mmap
import netrc
import os
import re
import shutil
import socket
import tempfile
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections import defaultdict
from collections.abc import Iterable, Iterator
from itertools import chain, islice
from pathlib import Path
from typing import IO, Protocol

import pyoxigraph as ox

from govgraph.errors import QueryError, StoreError
from govgraph.files import atomic_dir
from govgraph.graph.rdf import prefixes
from govgraph.graph.remote import MAX_ANSWER_BYTES, opener, printable, read_capped, redact
from govgraph.graph.spool import SpooledDataset
from govgraph.namespaces import ID, UNION_GRAPH
from govgraph.sparql_text import code_only, refuse_unsafe

STORE_DIR = "store"
# quads per bulk load of a spooled build: pyoxigraph's loader buffers up to ~1M quads per thread (1.2 GB at 300
# articles); batches of 100,000 keep the store stage under ~200 MB for ~30% more of its CPU time
LOAD_BATCH = 100_000
QueryResult = ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples
Binding = ox.NamedNode | ox.BlankNode | ox.Literal
CAPABILITIES = ("read_only", "context_aware", "supports_graph_store")
UNION = ox.NamedNode(str(UNION_GRAPH))
Dataset = tuple[list[ox.NamedNode], list[ox.NamedNode]]  # (default graphs, named graphs), as the protocol sends them


class GraphStore(Protocol):
    """What query, serve, viz and export need from a store.

    Capability flags: ``read_only`` (writes refused), ``context_aware`` (keeps named graphs),
    ``supports_graph_store`` (can replace one named graph at a time, `replace_graphs`).
    """

    name: str
    read_only: bool
    context_aware: bool
    supports_graph_store: bool

    def query(self, sparql: str, bindings: dict[str, Binding] | None = None,
              dataset: Dataset | None = None) -> QueryResult:
        """Run a SPARQL query; `bindings` pre-bind variables (by name, without '?') to RDF terms.

        `dataset` (default graphs, named graphs) replaces both the store's dataset and the query's
        FROM clauses, as the SPARQL protocol's ``default-graph-uri``/``named-graph-uri`` do.

        Raises:
            QueryError: the query does not parse or fails.
        """
        ...

    def quads(self) -> Iterator[ox.Quad]:
        """Every quad of govgraph's named graphs (the union graph left out)."""
        ...

    def graphs(self) -> list[ox.NamedNode]:
        """The names of govgraph's named graphs, sorted (the union graph and a server's own graphs left out)."""
        ...

    def graph_quads(self, graph: ox.NamedNode) -> Iterator[ox.Quad]:
        """The quads of one named graph."""
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


def is_source_graph(graph: object) -> bool:
    """Whether a graph name is one of govgraph's graphs of facts (not the union graph, not a server's own)."""
    return isinstance(graph, ox.NamedNode) and graph.value.startswith(str(ID)) and graph != UNION


def with_union(quads: Iterable[ox.Quad]) -> list[ox.Quad]:
    """The quads of govgraph's graphs followed by the union graph: each distinct triple of them once.

    Raises:
        StoreError: a quad outside a named graph.
    """
    kept: list[ox.Quad] = []
    union: dict[ox.Triple, None] = {}
    for quad in quads:
        if quad.graph_name == UNION:
            continue
        if not isinstance(quad.graph_name, ox.NamedNode):
            raise StoreError(f"cannot store a triple outside a named graph: {quad.subject} {quad.predicate} {quad.object}")
        kept.append(quad)
        union.setdefault(ox.Triple(quad.subject, quad.predicate, quad.object), None)
    return kept + [ox.Quad(t.subject, t.predicate, t.object, UNION) for t in union]


_FROM = re.compile(r"(?<![\w?$:.-])FROM(?![\w:.-])", re.IGNORECASE)  # the keyword, not ?from or gg:transformsFrom


def names_dataset(sparql: str) -> bool:
    """Whether a query names its own dataset with FROM or FROM NAMED (outside IRIs, strings and comments)."""
    return _FROM.search(code_only(sparql)) is not None


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

    def query(self, sparql: str, bindings: dict[str, Binding] | None = None,
              dataset: Dataset | None = None) -> QueryResult:
        text = bind_values(sparql, bindings)
        refuse_unsafe(text)
        try:
            if dataset is not None:
                defaults: list[ox.NamedNode | ox.BlankNode | ox.DefaultGraph] = list(dataset[0]) or [ox.DefaultGraph()]
                given: list[ox.NamedNode | ox.BlankNode] = list(dataset[1])
                return self._store.query(text, prefixes=prefixes(), default_graph=defaults, named_graphs=given)
            if names_dataset(text):
                return self._store.query(text, prefixes=prefixes())
            if not self._store.contains_named_graph(UNION):  # a store written before the union graph existed
                return self._store.query(text, prefixes=prefixes(), use_default_graph_as_union=True)
            named: list[ox.NamedNode | ox.BlankNode] = list(self.graphs())
            return self._store.query(text, prefixes=prefixes(), default_graph=UNION, named_graphs=named)
        except SyntaxError as exc:
            raise QueryError(f"malformed SPARQL: {exc}") from exc
        except OSError as exc:
            raise QueryError(f"query failed: {exc}") from exc

    def quads(self) -> Iterator[ox.Quad]:
        for graph in self.graphs():
            yield from self._store.quads_for_pattern(None, None, None, graph)

    def graphs(self) -> list[ox.NamedNode]:
        return sorted((g for g in self._store.named_graphs() if is_source_graph(g)), key=str)  # type: ignore[misc]

    def graph_quads(self, graph: ox.NamedNode) -> Iterator[ox.Quad]:
        return self._store.quads_for_pattern(None, None, None, graph)

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
        graphs = group_by_graph(q for q in quads if q.graph_name != UNION)
        existing = set(self.graphs())
        incremental = self._store.contains_named_graph(UNION)
        removed: set[ox.Triple] = set()
        for name in [*_stale(existing, graphs, prune), *(g for g in graphs if g in existing)]:
            if incremental:
                removed.update(ox.Triple(q.subject, q.predicate, q.object)
                               for q in self._store.quads_for_pattern(None, None, None, name))
            self._store.remove_graph(name)
        for name, triples in graphs.items():
            self._store.extend(ox.Quad(t.subject, t.predicate, t.object, name) for t in triples)
        if incremental:
            self._update_union(removed, graphs)
        else:  # a store written before the union graph existed: made whole once
            self._store.extend(q for q in with_union(self.quads()) if q.graph_name == UNION)
        self._store.flush()
        return list(graphs)

    def _update_union(self, removed: set[ox.Triple], added: dict[ox.NamedNode, list[ox.Triple]]) -> None:
        """Keep the union graph one copy of each triple of the source graphs, touching only what changed: a
        removed triple leaves it when no source graph still holds it; an added one joins it."""
        for triple in removed:
            if not any(is_source_graph(q.graph_name)
                       for q in self._store.quads_for_pattern(triple.subject, triple.predicate, triple.object)):
                self._store.remove(ox.Quad(triple.subject, triple.predicate, triple.object, UNION))
        self._store.extend(ox.Quad(t.subject, t.predicate, t.object, UNION) for triples in added.values() for t in triples)

    def close(self) -> None:
        del self._store


# JSON first: every server writes it to the letter (Virtuoso's TSV, for one, writes IRIs as quoted strings)
_ACCEPT = ("application/sparql-results+json, application/sparql-results+xml;q=0.9, text/tab-separated-values;q=0.8, "
           "text/csv;q=0.6, application/n-triples;q=0.8, text/turtle;q=0.7, application/rdf+xml;q=0.5")
_RESULT_FORMATS = {"text/tab-separated-values": ox.QueryResultsFormat.TSV,
                   "text/csv": ox.QueryResultsFormat.CSV,
                   "application/sparql-results+json": ox.QueryResultsFormat.JSON,
                   "application/json": ox.QueryResultsFormat.JSON,
                   "application/sparql-results+xml": ox.QueryResultsFormat.XML,
                   "application/xml": ox.QueryResultsFormat.XML,
                   "text/xml": ox.QueryResultsFormat.XML}
_PREFIX_DECL = re.compile(r"\bPREFIX\s+([A-Za-z][\w.-]*)?\s*:", re.IGNORECASE)
# `GRAPH ?g { }` would be cheaper, but Virtuoso answers it with no rows
# the named graphs from the dataset's list (Oxigraph: 0.1 s at 24 million quads, where a scan of every quad took 21 s
# and passed the request deadline), else, for a server that answers the empty pattern with none of govgraph's graphs
# (or refuses it), by that scan
_GRAPH_NAMES = "SELECT ?g WHERE { GRAPH ?g { } }"
_GRAPHS = "SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"  # DISTINCT takes Virtuoso 100 times longer
_QUADS = "SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
CREDENTIAL_ENV = ("GOVGRAPH_STORE_USER", "GOVGRAPH_STORE_PASSWORD")


def endpoints(url: str, authenticated: bool = False) -> tuple[str, str]:
    """The SPARQL query endpoint and the Graph Store Protocol endpoint a server URL stands for.

    A bare server (``http://host:7878``) is taken as Oxigraph's layout (``/query``, ``/store``); a
    ``.../query`` endpoint gets its sibling ``.../store``; Virtuoso's ``.../sparql`` gets
    ``.../sparql-graph-crud`` (``.../sparql-graph-crud-auth`` with credentials, where Virtuoso
    takes writes); any other URL serves both (as Fuseki's dataset URL does).
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
        return at(path), at(f"{head}/sparql-graph-crud-auth" if authenticated else f"{head}/sparql-graph-crud")
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


def credentials(url: str) -> tuple[str, str] | None:
    """The user name and password for a server: from the URL, the environment, or a netrc file.

    ``GOVGRAPH_STORE_USER`` / ``GOVGRAPH_STORE_PASSWORD`` win over ``user:password@`` in the URL,
    which wins over the netrc file (``$NETRC`` or ``~/.netrc``) entry for the host. They are sent
    only when the server asks (HTTP Basic or Digest) and never appear in a message.

    Raises:
        StoreError: the netrc file exists but cannot be read.
    """
    user, password = (os.environ.get(name) for name in CREDENTIAL_ENV)
    if user and password is not None:
        return user, password
    parts = urllib.parse.urlsplit(url)
    if parts.username:
        return urllib.parse.unquote(parts.username), urllib.parse.unquote(parts.password or "")
    location = os.environ.get("NETRC") or os.path.join(os.path.expanduser("~"), ".netrc")
    if not os.path.isfile(location):
        return None
    try:
        entry = netrc.netrc(location).authenticators(parts.hostname or "")
    except (netrc.NetrcParseError, OSError) as exc:
        line = getattr(exc, "lineno", None)
        raise StoreError(f"{location}{f':{line}' if line else ''}: cannot read the netrc file; fix or remove it") from None
    return (entry[0], entry[2] or "") if entry else None


_JSON_BNODE = re.compile(rb'("type"\s*:\s*"bnode"\s*,\s*"value"\s*:\s*")([^"]*)(")')
_XML_BNODE = re.compile(rb"(<bnode>)([^<]*)(</bnode>)")


def blank_node_labels(body: bytes, fmt: ox.QueryResultsFormat) -> bytes:
    """Blank node labels of a JSON or XML answer made valid identifiers (Virtuoso writes ``nodeID://b10000``).

    A label maps to the same identifier in every answer, so a blank node keeps its identity across queries.
    """
    pattern = _JSON_BNODE if fmt == ox.QueryResultsFormat.JSON else _XML_BNODE if fmt == ox.QueryResultsFormat.XML else None
    if pattern is None:
        return body

    def safe(match: re.Match[bytes]) -> bytes:
        label = match.group(2)
        if re.fullmatch(rb"[A-Za-z0-9_][A-Za-z0-9_.-]*", label) and not label.endswith(b"."):
            return match.group(0)
        return match.group(1) + b"b" + hashlib.sha1(label).hexdigest()[:24].encode() + match.group(3)

    return pattern.sub(safe, body)


def without_userinfo(url: str) -> str:
    """The URL with any ``user:password@`` removed, safe to print."""
    parts = urllib.parse.urlsplit(url)
    if parts.username is None and parts.password is None:
        return url
    host = parts.hostname or ""
    netloc = f"[{host}]" if ":" in host else host
    if parts.port is not None:
        netloc += f":{parts.port}"
    return urllib.parse.urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))


WRITE_RATE = 2**20  # bytes of a graph's body a server is given a second to take in and index
# bytes of N-Triples per write request: a local Oxigraph server takes each request as one transaction held in memory
# (16 MB: 4 s, 200 MB; 256 MB: 181 s, 2.9 GB; the 3 GB union graph of 10,000 articles reset the connection), and a
# graph sent in chunks of 4-32 MB goes in at the same rate (128 MB in 35-40 s), so 16 MB stays far within a deadline
CHUNK_BYTES = 16 * 2**20
BLANK_BATCH = 10_000  # triples with blank nodes serialized at a time (a schema's few hundred: one batch)


def _set_aside_blank(triples: Iterable[ox.Triple], sink: IO[bytes]) -> Iterator[ox.Triple]:
    """The triples without a blank node; those with one are written to `sink` as N-Triples."""
    batch: list[ox.Triple] = []
    for triple in triples:
        if isinstance(triple.subject, ox.BlankNode) or isinstance(triple.object, ox.BlankNode):
            batch.append(triple)
            if len(batch) >= BLANK_BATCH:
                ox.serialize(batch, sink, format=ox.RdfFormat.N_TRIPLES)
                batch.clear()
        else:
            yield triple
    if batch:
        ox.serialize(batch, sink, format=ox.RdfFormat.N_TRIPLES)


def chunk_spans(body: mmap.mmap, size: int, limit: int, first: int = 0) -> list[tuple[int, int]]:
    """(start, end) spans of whole lines of `body[:size]`, each at most `limit` bytes (a longer line alone), the first
    one reaching at least `first` (a line boundary)."""
    spans: list[tuple[int, int]] = []
    start = 0
    while start < size:
        floor = max(first, start + 1) if start == 0 else start + 1
        end = min(size, max(start + limit, floor))
        if end < size and body[end - 1 : end] != b"\n":
            cut = body.rfind(b"\n", start, end)
            if cut + 1 >= floor:
                end = cut + 1
            else:  # a line longer than the limit: sent alone
                after = body.find(b"\n", end)
                end = size if after < 0 else after + 1
        spans.append((start, end))
        start = end
    return spans


def write_deadline(size: int, base: float) -> float:
    """The deadline of a write of `size` bytes: the request deadline, or longer for a body a server needs longer
    to index (the union graph of 10,000 synthetic articles, 21 million triples, passed a 60 s deadline)."""
    return max(base, size / WRITE_RATE)


class SparqlStore:
    """Any SPARQL 1.1 server: reads through the SPARQL 1.1 Protocol, writes through the Graph Store HTTP Protocol.

    Every query is sent with the protocol's ``default-graph-uri`` (the union graph) and
    ``named-graph-uri`` (govgraph's graphs) unless it names its own dataset with FROM, as the
    embedded store does; a server's own graphs (Virtuoso's system graphs) are never seen.
    Results in JSON, XML, TSV or CSV, and graphs in any RDF syntax, are parsed into pyoxigraph types.
    """

    context_aware = True

    def __init__(self, endpoint: str, graph_store: str | None = None, *, read_only: bool = True,
                 timeout: float = 60.0, auth: tuple[str, str] | None = None,
                 max_bytes: int = MAX_ANSWER_BYTES, chunk_bytes: int = CHUNK_BYTES) -> None:
        self.name = without_userinfo(endpoint)
        self.endpoint = self.name
        self.graph_store = without_userinfo(graph_store) if graph_store else None
        self.read_only = read_only
        self.supports_graph_store = graph_store is not None
        self.timeout = timeout  # for a whole request: connecting, sending, and reading all of the answer
        self.max_bytes = max_bytes
        self.chunk_bytes = chunk_bytes  # of N-Triples per write request
        self._digest: urllib.request.HTTPDigestAuthHandler | None = None
        self._auth = auth
        handlers: list[urllib.request.BaseHandler] = []
        if auth is not None:
            passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
            for url in (self.endpoint, self.graph_store):
                if url:
                    passwords.add_password(None, url, *auth)
            self._digest = urllib.request.HTTPDigestAuthHandler(passwords)
            handlers = [urllib.request.HTTPBasicAuthHandler(passwords), self._digest]
        self._handlers = handlers

    # -- HTTP -----------------------------------------------------------------------------------------------------
    def _send(self, request: urllib.request.Request, what: str, deadline: float | None = None) -> tuple[str, bytes]:
        deadline = self.timeout if deadline is None else deadline
        if self._auth is not None and not request.has_header("Authorization"):  # as `curl -u` does; Digest on challenge
            request.add_unredirected_header("Authorization", self._basic())
        url = redact(request.full_url)
        sockets: list[socket.socket] = []
        expired = threading.Event()

        def cut() -> None:  # the deadline passed: unblock whatever read or write is waiting
            expired.set()
            for sock in sockets:
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)

        watchdog = threading.Timer(deadline, cut)
        watchdog.daemon = True
        watchdog.start()
        try:
            with opener(sockets, *self._handlers).open(request, timeout=deadline) as response:
                media = response.headers.get_content_type()
                body = read_capped(response, self.max_bytes, url)
            if expired.is_set():  # the cut socket reads as the end of the answer: it is not
                raise OSError("deadline")
            return media, body
        except urllib.error.HTTPError as exc:
            detail = printable(exc.read(2000).decode("utf-8", "replace"), 300) or exc.reason
            if exc.code == 400 and what == "query":
                raise QueryError(f"{self.name}: the server rejected the query: {detail}") from None
            hint = ("; the server may be read-only or need credentials (GOVGRAPH_STORE_USER and "
                    "GOVGRAPH_STORE_PASSWORD, or a netrc entry)") if exc.code in (401, 403, 405) else ""
            raise StoreError(f"{url}: {what} failed with HTTP {exc.code} ({detail}){hint}") from None
        except (urllib.error.URLError, OSError, http.client.HTTPException, ValueError) as exc:
            if expired.is_set():
                raise StoreError(f"{self.name}: the SPARQL server did not finish answering within {deadline:g} s; "
                                 "is it overloaded?") from None
            reason = printable(redact(str(getattr(exc, "reason", exc))))
            raise StoreError(f"{self.name}: cannot reach the SPARQL server ({reason}); is it running at this URL?") from None
        finally:
            watchdog.cancel()

    def _basic(self) -> str:
        assert self._auth is not None
        return "Basic " + base64.b64encode(":".join(self._auth).encode("utf-8")).decode("ascii")

    def _authorize(self, request: urllib.request.Request) -> None:
        """Answer a server's authentication challenge before sending a large body.

        A server that wants credentials may refuse a PUT before reading its body and close the
        connection, so the usual answer-the-401-and-retry never happens: a small HEAD request
        fetches the challenge first, and the write carries its Authorization header from the start.
        """
        if self._auth is None:
            return
        try:
            urllib.request.urlopen(urllib.request.Request(request.full_url, method="HEAD"), timeout=self.timeout).close()
            return
        except urllib.error.HTTPError as exc:
            challenge = exc.headers.get("WWW-Authenticate", "") if exc.code == 401 else ""
        except (urllib.error.URLError, OSError):
            return  # the write itself reports an unreachable server
        scheme, _, params = challenge.partition(" ")
        if scheme.lower() == "basic":
            request.add_unredirected_header("Authorization", self._basic())
        elif scheme.lower() == "digest" and self._digest is not None:
            fields = urllib.request.parse_keqv_list(urllib.request.parse_http_list(params))
            header = self._digest.get_authorization(request, fields)
            if header:
                request.add_unredirected_header("Authorization", f"Digest {header}")

    def _post_query(self, sparql: str, dataset: Dataset | None, accept: str = _ACCEPT) -> tuple[str, bytes]:
        form: list[tuple[str, str]] = [("query", sparql)]
        if dataset is not None:
            form += [("default-graph-uri", g.value) for g in dataset[0]]
            form += [("named-graph-uri", g.value) for g in dataset[1]]
        request = urllib.request.Request(
            self.endpoint, data=urllib.parse.urlencode(form).encode("utf-8"), method="POST",
            headers={"Accept": accept, "Content-Type": "application/x-www-form-urlencoded; charset=utf-8"})
        return self._send(request, "query")

    def _graph_url(self, graph: ox.NamedNode) -> str:
        assert self.graph_store is not None
        separator = "&" if urllib.parse.urlsplit(self.graph_store).query else "?"
        return f"{self.graph_store}{separator}{urllib.parse.urlencode({'graph': graph.value})}"

    # -- reading --------------------------------------------------------------------------------------------------
    def _all_graphs(self) -> list[ox.NamedNode]:
        for query in (_GRAPH_NAMES, _GRAPHS):
            try:
                rows = self._results(*self._post_query(query, None))
            except QueryError:
                if query is _GRAPHS:
                    raise
                continue  # a server that rejects the empty pattern (a slow or unreachable one is an error as it is)
            assert isinstance(rows, ox.QuerySolutions)
            names = sorted({row["g"] for row in rows if isinstance(row["g"], ox.NamedNode)}, key=str)
            if query is _GRAPHS or any(g == UNION or is_source_graph(g) for g in names):
                return names
        return []

    def _dataset(self) -> Dataset:
        every = self._all_graphs()
        mine = [g for g in every if is_source_graph(g)]
        return ([UNION] if UNION in every else mine), mine  # loaded without a union graph: the plain union

    def query(self, sparql: str, bindings: dict[str, Binding] | None = None,
              dataset: Dataset | None = None) -> QueryResult:
        text = bind_values(sparql, bindings)
        check_syntax(text)
        declared = {m.group(1) or "" for m in _PREFIX_DECL.finditer(text)}
        prologue = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in prefixes().items() if p not in declared)
        if dataset is None and not names_dataset(text):
            dataset = self._dataset()
        media, body = self._post_query(prologue + text, dataset)
        return self._results(media, body)

    def _results(self, media: str, body: bytes) -> QueryResult:
        try:
            if media in _RESULT_FORMATS:
                fmt = _RESULT_FORMATS[media]
                body = blank_node_labels(body, fmt)
                parsed = ox.parse_query_results(body, fmt)
                if isinstance(parsed, ox.QuerySolutions):  # results parse lazily: read once, so errors surface here
                    for _ in parsed:
                        pass
                    return ox.parse_query_results(body, fmt)
                return parsed
            graph_format = ox.RdfFormat.from_media_type(media)
            if graph_format is None:
                raise StoreError(f"{self.name}: unexpected answer of type {media!r} from the SPARQL server")
            scratch = ox.Store()
            scratch.extend(ox.Quad(t.subject, t.predicate, t.object) for t in ox.parse(body, graph_format))
            return scratch.query("CONSTRUCT WHERE { ?s ?p ?o }")
        except SyntaxError as exc:
            raise StoreError(f"{self.name}: cannot read the server's answer ({media}): {exc}") from exc

    def graphs(self) -> list[ox.NamedNode]:
        return [g for g in self._all_graphs() if is_source_graph(g)]

    def _quads_of(self, graphs: list[ox.NamedNode]) -> Iterator[ox.Quad]:
        if not graphs:
            return
        rows = self._results(*self._post_query(_QUADS, ([], graphs)))
        assert isinstance(rows, ox.QuerySolutions)
        for row in rows:
            subject, predicate, obj, graph = row["s"], row["p"], row["o"], row["g"]
            if not isinstance(subject, ox.NamedNode | ox.BlankNode) or not isinstance(predicate, ox.NamedNode):
                raise StoreError(f"{self.name}: the server's answer holds a malformed triple ({subject} {predicate})")
            yield ox.Quad(subject, predicate, obj, graph)

    def quads(self) -> Iterator[ox.Quad]:
        return self._quads_of(self.graphs())

    def graph_quads(self, graph: ox.NamedNode) -> Iterator[ox.Quad]:
        return self._quads_of([graph])

    # -- writing --------------------------------------------------------------------------------------------------
    def put_graph(self, graph: ox.NamedNode, triples: Iterable[ox.Triple]) -> None:
        """Replace one named graph with these triples: a Graph Store Protocol PUT of the first chunk, a POST of each
        further one.

        The N-Triples are written to a temporary file and sent from there (mapped, not read into memory) in chunks of
        at most `chunk_bytes` (whole lines), so a graph of any size is never one string in memory nor one transaction
        on the server, and a graph that fits costs one PUT. The triples with a blank node all go in the first chunk:
        a blank node is the same node only within one request.

        Raises:
            StoreError: the store is read-only, has no graph store endpoint, or the server refused; after the first
                chunk, the message says the graph on the server is partial.
        """
        require(self, "read_only", f"write graph {graph}")
        require(self, "supports_graph_store", f"write graph {graph}")
        with tempfile.TemporaryFile() as spool, tempfile.TemporaryFile() as blank:
            ox.serialize(_set_aside_blank(triples, blank), spool, format=ox.RdfFormat.N_TRIPLES)
            first = blank.tell()
            if first:  # the triples with blank nodes lead
                spool.seek(0)
                shutil.copyfileobj(spool, blank)
                spool = blank
            spool.flush()
            size = spool.tell()
            if size == 0:
                self._write(graph, b"", "PUT")
                return
            with mmap.mmap(spool.fileno(), 0, access=mmap.ACCESS_READ) as mapped:
                spans = chunk_spans(mapped, size, self.chunk_bytes, first)
                view = memoryview(mapped)  # a buffer without read(): a retried request sends it whole again
                try:
                    for index, (start, end) in enumerate(spans):
                        with view[start:end] as chunk:
                            self._write_chunk(graph, chunk, index, len(spans), size)
                finally:
                    view.release()

    def _write_chunk(self, graph: ox.NamedNode, chunk: memoryview, index: int, count: int, size: int) -> None:
        """One chunk of a graph of `size` bytes. The first (a PUT) also drops the graph it replaces in the same
        transaction, so its deadline is that of the whole graph (the new graph's size standing for the old one's:
        replacing a 21-million-triple union graph passed a deadline made for 16 MB)."""
        try:
            self._write(graph, chunk, "POST" if index else "PUT", size if index == 0 and count > 1 else len(chunk))
        except StoreError as exc:
            if index == 0:
                raise
            raise StoreError(f"{exc}; graph {graph.value} on the server is partial (chunks 1-{index} of {count} written): "
                             "run the build with --store again, which replaces it") from None

    def _write(self, graph: ox.NamedNode, body: bytes | memoryview, method: str, work: int | None = None) -> None:
        """Send one body; `work` (bytes, default the body's) sets the deadline."""
        request = urllib.request.Request(self._graph_url(graph), data=body, method=method,
                                         headers={"Content-Type": "application/n-triples"})
        self._authorize(request)
        deadline = write_deadline(len(body) if work is None else work, self.timeout)
        self._send(request, f"writing graph {graph.value}", deadline)

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
        """Replace each named graph the quads fill with exactly those quads, one `put_graph` per graph.

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
        graphs = group_by_graph(q for q in quads if q.graph_name != UNION)
        union = dict.fromkeys(t for triples in graphs.values() for t in triples)
        return self.replace_graph_stream(graphs.items(), union, prune)

    def replace_graph_stream(self, graphs: Iterable[tuple[ox.NamedNode, Iterable[ox.Triple]]],
                             union: Iterable[ox.Triple], prune: str | None = None) -> list[ox.NamedNode]:
        """As `replace_graphs`, for graphs given one at a time and the distinct triples of their union (a build's
        store holds both): one `put_graph` per graph, then one for the union graph, never all the quads in memory.

        Args:
            graphs: each named graph with its triples (the union graph, if given, is skipped).
            union: the distinct triples of those graphs.
            prune: also drop existing graphs whose name starts with this IRI and that `graphs` do not fill.

        Returns:
            The graphs written, in the order given.

        Raises:
            StoreError: read-only, no graph store endpoint, unreachable, or a write refused.
        """
        require(self, "read_only", "replace named graphs")
        require(self, "supports_graph_store", "replace named graphs")
        written: list[ox.NamedNode] = []
        for name, triples in graphs:
            if name != UNION:
                self.put_graph(name, triples)
                written.append(name)
        kept = set(written)
        others = [g for g in self.graphs() if g not in kept]
        if prune is not None:
            for name in _stale(others, kept, prune):
                self.delete_graph(name)
            others = [g for g in others if not g.value.startswith(prune)]
        if others:  # graphs this call leaves in place stay in the union: merged in memory, as `replace_graphs` does
            kept_triples = (ox.Triple(q.subject, q.predicate, q.object) for q in self._quads_of(others))
            union = list(dict.fromkeys(chain(union, kept_triples)))
        self.put_graph(UNION, union)
        return written

    def close(self) -> None:
        """Nothing to release: every request opens and closes its own connection."""


def write_embedded_store(quads: Iterable[ox.Quad] | SpooledDataset, target: Path) -> None:
    """Write a fresh on-disk store with these quads and their union graph, replacing target atomically.

    A spooled build is bulk-loaded from its sorted files in batches of `LOAD_BATCH` (the union graph from its
    distinct triples), so the quads are never all in memory; other quads are loaded with their union made in
    memory (`with_union`).
    """
    with atomic_dir(target) as tmp:
        store = ox.Store(str(tmp))
        if isinstance(quads, SpooledDataset):  # bulk_load(path=) would rename the schema's blank nodes
            union = (ox.Quad(t.subject, t.predicate, t.object, UNION) for t in quads.triples())
            every = chain(quads.quads(), union)
            while batch := list(islice(every, LOAD_BATCH)):
                store.bulk_extend(batch)
        else:
            store.bulk_extend(with_union(quads))
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
        auth = credentials(url)
        query_url, graph_store = endpoints(url, authenticated=auth is not None)
        return SparqlStore(query_url, graph_store, read_only=read_only, auth=auth)
    if text.startswith("oxigraph:"):
        text = text[len("oxigraph:") :]
    return EmbeddedStore(Path(text), read_only=read_only)


def store_for(out_dir: Path, store: str | None = None) -> GraphStore:
    """The store of a build folder, or the one `store` selects."""
    return open_store(store or out_dir / STORE_DIR)


def publish_store(source: Path, selector: str | Path) -> list[ox.NamedNode]:
    """Write the named graphs of a built store (a build's DIR/store) to the store a selector names.

    A server gets each graph by `put_graph` (a PUT, then a POST per further chunk: rebuilding replaces, never
    adds), read one at a time from `source`, then the union graph from the store's own copy, each streamed from a
    temporary file;
    graphs in govgraph's instance namespace that the build no longer fills are dropped. A folder gets a copy of
    the store.

    Args:
        source: the folder of an embedded store written by a build.
        selector: a server URL or a folder (see `open_store`).

    Returns:
        The named graphs written, sorted.

    Raises:
        StoreError: the store cannot be written.
    """
    built = ox.Store.read_only(str(source))
    graphs = sorted((g for g in built.named_graphs() if isinstance(g, ox.NamedNode) and is_source_graph(g)), key=str)

    def triples(graph: ox.NamedNode) -> Iterator[ox.Triple]:
        return (ox.Triple(q.subject, q.predicate, q.object) for q in built.quads_for_pattern(None, None, None, graph))

    if not is_remote(selector):
        with atomic_dir(Path(str(selector).removeprefix("oxigraph:"))) as tmp:
            copy = ox.Store(str(tmp))
            copy.bulk_extend(built.quads_for_pattern(None, None, None))
            copy.flush()
            del copy
        return graphs
    store = open_store(selector, read_only=False)
    assert isinstance(store, SparqlStore)
    try:
        return store.replace_graph_stream(((g, triples(g)) for g in graphs), triples(UNION), prune=str(ID))
    finally:
        store.close()


def check_reachable(selector: str | Path) -> None:
    """Fail early, before a long build, when a server selector does not answer.

    Raises:
        StoreError: the server is unreachable or answers with an error.
    """
    if is_remote(selector):
        open_store(selector).graphs()
