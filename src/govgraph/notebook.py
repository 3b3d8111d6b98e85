"""Objects that read well in Jupyter: answers shown as tables and turned into data frames or networks,
the network view inline, and stores named by a build folder.

    from govgraph import run_query, show_network
    run_query("parliament", store="govgraph-out")            # a table in a notebook
    run_query("parliament", store="govgraph-out").to_pandas()
    show_network("govgraph-out", focus="Mazhilis", depth=1)  # the interactive view, inline
"""

from __future__ import annotations

import html
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, fields
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

from govgraph.errors import MissingDependencyError, QueryError
from govgraph.graph.store import STORE_DIR, GraphStore, is_remote, open_store
from govgraph.namespaces import XSD
from govgraph.queries.render import cell_text, compact_iri, serialize
from govgraph.queries.runner import DEFAULT_OUT, QueryAnswer, Term
from govgraph.queries.runner import run_query as _run_query

if TYPE_CHECKING:
    import networkx as nx
    import pandas as pd

    from govgraph.graph.stats import GraphStats
    from govgraph.graph.viz import VizSummary

Source = GraphStore | str | Path | None
HTML_ROWS = 50  # rows an answer shows in a notebook; to_pandas() has them all
_INTEGERS = frozenset(str(XSD[n]) for n in ("integer", "int", "long", "short", "nonNegativeInteger", "positiveInteger",
                                             "nonPositiveInteger", "negativeInteger"))
_DECIMALS = frozenset(str(XSD[n]) for n in ("decimal", "double", "float"))


def resolve_store(source: Source) -> tuple[GraphStore, bool]:
    """The store a notebook names: an open store, a build folder, a store folder or a SPARQL URL (None: govgraph-out).

    Returns:
        The store, and whether it was opened here (and so must be closed by the caller).
    """
    if source is None:
        source = DEFAULT_OUT
    if not isinstance(source, str | Path):
        return source, False
    if not is_remote(source) and (Path(source) / STORE_DIR).is_dir():
        source = Path(source) / STORE_DIR
    return open_store(source), True


def python_value(term: Term | None) -> object:
    """A term as a plain Python value: numbers as int or float, booleans as bool, IRIs and other literals as text."""
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        datatype = term.datatype.value
        try:
            if datatype in _INTEGERS:
                return int(term.value)
            if datatype in _DECIMALS:
                return float(term.value)
        except ValueError:
            return term.value
        if datatype == str(XSD.boolean):
            return term.value in ("true", "1")
        return term.value
    return term.value if isinstance(term, ox.NamedNode | ox.BlankNode) else str(term)


@dataclass(slots=True)
class Answer(QueryAnswer):
    """A query answer with a table display in Jupyter, `to_pandas()` and `to_networkx()`."""

    @classmethod
    def of(cls, answer: QueryAnswer) -> Answer:
        return cls(**{f.name: getattr(answer, f.name) for f in fields(QueryAnswer)})

    def _repr_html_(self) -> str:
        if self.kind == "ask":
            return f"<p>{'yes' if self.boolean else 'no'}</p>"
        if self.kind == "graph":
            return f"<pre>{html.escape(serialize(self, 'turtle').decode('utf-8'))}</pre>"
        head = "".join(f"<th>{html.escape(v)}</th>" for v in self.variables)
        body = []
        for row in self.rows[:HTML_ROWS]:
            cells = []
            for term in row:
                shown = html.escape(cell_text(term, self.labels, width=120))
                full = html.escape(term.value) if isinstance(term, ox.NamedNode) else ""
                cells.append(f'<td title="{full}">{shown}</td>' if full else f"<td>{shown}</td>")
            body.append("<tr>" + "".join(cells) + "</tr>")
        more = len(self.rows) - HTML_ROWS
        count = f"{len(self.rows)} row{'s' if len(self.rows) != 1 else ''}" + (
            f", the first {HTML_ROWS} shown; to_pandas() has them all" if more > 0 else "")
        if self.truncated:
            count += " (truncated: more rows were left out)"
        return (f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"
                f"<p><small>{count}</small></p>")

    def to_pandas(self, labels: bool = False) -> pd.DataFrame:
        """The rows as a pandas DataFrame: one column per variable, numbers as numbers.

        Args:
            labels: show IRIs by their label (as the table does) instead of the full IRI.

        Raises:
            MissingDependencyError: pandas is not installed.
            QueryError: the answer is not a table (ASK, CONSTRUCT, DESCRIBE).
        """
        try:
            import pandas as pd
        except ImportError as exc:
            raise MissingDependencyError("pandas is not installed; run `pip install pandas` to use to_pandas()") from exc
        if self.kind != "select":
            raise QueryError("only SELECT answers are tables; use to_networkx() for CONSTRUCT and DESCRIBE")

        def value(term: Term | None) -> object:
            if labels and isinstance(term, ox.NamedNode):
                return self.labels.get(term.value) or compact_iri(term.value)
            return python_value(term)

        return pd.DataFrame([[value(t) for t in row] for row in self.rows], columns=list(self.variables))

    def to_networkx(self) -> nx.MultiDiGraph:
        """The answer as a network: CONSTRUCT and DESCRIBE triples as edges keyed by property; for SELECT,
        each row links its first two columns, the other cells becoming the edge's attributes.

        Nodes are keyed by IRI (or literal value) with a ``label`` attribute.

        Raises:
            QueryError: an ASK answer, or a SELECT with fewer than two columns.
        """
        import networkx as nx

        graph = nx.MultiDiGraph()

        def node(term: Term) -> str:
            key = python_value(term)
            key = key if isinstance(key, str) else str(key)
            if key not in graph:
                label = self.labels.get(key) if isinstance(term, ox.NamedNode) else None
                graph.add_node(key, label=label or (compact_iri(key) if isinstance(term, ox.NamedNode) else key))
            return key

        if self.kind == "graph":
            for triple in self.triples:
                graph.add_edge(node(triple.subject), node(triple.object), key=triple.predicate.value)
            return graph
        if self.kind != "select" or len(self.variables) < 2:
            raise QueryError("to_networkx() needs a CONSTRUCT or DESCRIBE answer, or a SELECT with two columns to link")
        for row in self.rows:
            if row[0] is None or row[1] is None:
                continue
            extra = {v: python_value(t) for v, t in zip(self.variables[2:], row[2:], strict=True) if t is not None}
            graph.add_edge(node(row[0]), node(row[1]), **extra)
        return graph


def run_query(query: str, params: Mapping[str, str] | None = None, *, store: Source = None,
              max_rows: int | None = None, labels: bool = True) -> Answer:
    """Run a named query, a `.rq` file or SPARQL text; the answer displays as a table in Jupyter.

    Args:
        query: a named query (`govgraph queries` lists them), a path to a `.rq` file, or SPARQL.
        params: parameter values by name, e.g. ``{"entity": "Mazhilis"}``, bound as RDF terms.
        store: an open store, a build folder (``govgraph-out``), a store folder or a SPARQL endpoint URL;
            None for ``govgraph-out``.
        max_rows: stop reading after this many rows or triples (the answer says it was truncated).
        labels: also look up a readable label for each IRI in the answer.

    Returns:
        The answer, with `to_pandas()` and `to_networkx()`.

    Raises:
        QueryError: unknown query, bad parameters, malformed SPARQL or a failing query.
        StoreError: no store there.
    """
    graph_store, opened = resolve_store(store)
    try:
        return Answer.of(_run_query(query, params, store=graph_store, max_rows=max_rows, labels=labels))
    finally:
        if opened:
            graph_store.close()


def graph_stats(store: Source = None) -> GraphStats:
    """Count what a store holds: graphs, triples, articles, claims, conflicts, by class and by property.

    Args:
        store: an open store, a build folder, a store folder or a SPARQL endpoint URL; None for ``govgraph-out``.

    Raises:
        StoreError: no store there, or it cannot be reached.
    """
    from govgraph.graph.stats import graph_stats as count

    graph_store, opened = resolve_store(store)
    try:
        return count(graph_store)
    finally:
        if opened:
            graph_store.close()


@dataclass(frozen=True, slots=True)
class NetworkView:
    """The interactive network view, shown inline in Jupyter (an iframe holding the whole page)."""

    page: str
    summary: VizSummary
    height: int = 640

    def _repr_html_(self) -> str:
        return (f'<iframe srcdoc="{html.escape(self.page, quote=True)}" style="width:100%;height:{self.height}px;'
                f'border:1px solid #ddd" sandbox="allow-scripts"></iframe>')

    def save(self, target: str | Path) -> Path:
        """Write the page to an HTML file that opens from disk."""
        path = Path(target)
        path.write_text(self.page, encoding="utf-8")
        return path


def show_network(store: Source = None, *, focus: str | None = None, depth: int = 2, as_of: str | None = None,
                 height: int = 640) -> NetworkView:
    """The network view of a store, to display in a notebook (or `save()` to a file).

    Args:
        store: an open store, a build folder, a store folder or a SPARQL endpoint URL; None for ``govgraph-out``.
        focus: only around this entity (IRI, key such as kz/mazhilis, or label).
        depth: links around `focus` to keep.
        as_of: open the time control at this date (YYYY, YYYY-MM or YYYY-MM-DD).
        height: height of the frame in pixels.

    Raises:
        StoreError: no store there.
        InputError: `as_of` is not a date, or `focus` names no single entity.
    """
    from govgraph.graph.viz import GraphQuads, write_visualization

    graph_store, opened = resolve_store(store)
    options: dict[str, Any] = {"focus": focus, "depth": depth, "as_of": as_of}
    try:
        with tempfile.TemporaryDirectory(prefix="govgraph-view-") as folder:
            target = Path(folder) / "graph.html"
            summary = write_visualization(GraphQuads.of_store(graph_store), target, **options)
            page = target.read_text(encoding="utf-8")
    finally:
        if opened:
            graph_store.close()
    return NetworkView(page, summary, height)
