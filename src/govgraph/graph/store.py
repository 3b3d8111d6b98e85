"""Stores behind one factory and one interface.

`open_store(selector)` returns a `GraphStore`. The selector is a folder (or ``oxigraph:FOLDER``)
for the embedded pyoxigraph store a build writes. Every backend answers SPARQL with pyoxigraph's
result types, so callers never care which one they talk to. Queries see the union of all named
graphs as their default graph.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Protocol

import pyoxigraph as ox

from govgraph.errors import QueryError, StoreError
from govgraph.files import atomic_dir
from govgraph.graph.rdf import prefixes

STORE_DIR = "store"
QueryResult = ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples
Binding = ox.NamedNode | ox.BlankNode | ox.Literal


class GraphStore(Protocol):
    """What query, serve, viz and export need from a store."""

    name: str
    read_only: bool

    def query(self, sparql: str, bindings: dict[str, Binding] | None = None) -> QueryResult:
        """Run a SPARQL query; `bindings` pre-bind variables (by name, without '?') to RDF terms.

        Raises:
            QueryError: the query does not parse or fails.
        """
        ...

    def quads(self) -> Iterator[ox.Quad]:
        """Every quad of the store."""
        ...

    def close(self) -> None: ...


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


class EmbeddedStore:
    """The on-disk pyoxigraph store in a build's output folder."""

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
        try:
            return self._store.query(bind_values(sparql, bindings), use_default_graph_as_union=True, prefixes=prefixes())
        except SyntaxError as exc:
            raise QueryError(f"malformed SPARQL: {exc}") from exc
        except OSError as exc:
            raise QueryError(f"query failed: {exc}") from exc

    def quads(self) -> Iterator[ox.Quad]:
        return iter(self._store)

    def close(self) -> None:
        del self._store


def write_embedded_store(quads: Iterable[ox.Quad], target: Path) -> None:
    """Write a fresh on-disk store with these quads, replacing target atomically."""
    with atomic_dir(target) as tmp:
        store = ox.Store(str(tmp))
        store.bulk_extend(quads)
        store.flush()
        del store


def open_store(selector: str | Path, read_only: bool = True) -> GraphStore:
    """The store a selector names: a folder or ``oxigraph:FOLDER`` (embedded).

    Raises:
        StoreError: nothing usable at the selector.
    """
    text = str(selector)
    if text.startswith("oxigraph:"):
        text = text[len("oxigraph:") :]
    return EmbeddedStore(Path(text), read_only=read_only)


def store_for(out_dir: Path, store: str | None = None) -> GraphStore:
    """The store of a build folder, or the one `store` selects."""
    return open_store(store or out_dir / STORE_DIR)
