"""Running a named query, a `.rq` file or inline SPARQL against a store, with bound parameters."""

from __future__ import annotations

import re
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from govgraph.errors import QueryError
from govgraph.graph.store import Dataset, GraphStore, check_syntax, open_store, store_for
from govgraph.namespaces import RDFS, SKOS
from govgraph.queries.catalog import NamedQuery, named_queries, named_query, parse_header
from govgraph.queries.entities import resolve_params
from govgraph.queries.params import bind_params
from govgraph.sparql_text import RefusedQuery, check_size, on_big_stack

Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple
_BARE_NAME = re.compile(r"[\w.-]+")
_POSITION = re.compile(r"error at (\d+):(\d+)")
LABEL_CHUNK = 400
DEFAULT_OUT = Path("govgraph-out")  # the build folder the command line uses by default


@dataclass(slots=True)
class QueryAnswer:
    """A query's answer, read into memory: rows for SELECT, a boolean for ASK, triples for CONSTRUCT/DESCRIBE."""

    kind: str  # "select" | "ask" | "graph"
    variables: list[str] = field(default_factory=list)
    rows: list[tuple[Term | None, ...]] = field(default_factory=list)
    boolean: bool | None = None
    triples: list[ox.Triple] = field(default_factory=list)
    truncated: bool = False
    labels: dict[str, str] = field(default_factory=dict)
    seconds: float = 0.0

    def __len__(self) -> int:
        return len(self.rows) if self.kind == "select" else len(self.triples) if self.kind == "graph" else 1


@dataclass(frozen=True, slots=True)
class ResolvedQuery:
    """The SPARQL text to run and, for named queries and `.rq` files, their declared header."""

    text: str
    named: NamedQuery | None = None
    label: str = "the query"


def resolve_query(query: str) -> ResolvedQuery:
    """A named query's name, a path to a `.rq` file, or SPARQL text -> the text to run.

    Raises:
        QueryError: an unknown name or an unreadable file.
    """
    stripped = query.strip()
    if stripped in named_queries():
        named = named_query(stripped)
        return ResolvedQuery(named.text, named, f"query {named.name}")
    if stripped.endswith(".rq") or ("{" not in stripped and _is_file(stripped)):
        path = Path(stripped)
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise QueryError(f"{path}: cannot read the query file ({exc.strerror or exc})") from exc
        except UnicodeDecodeError as exc:
            raise QueryError(f"{path}: the query file is not UTF-8 text (byte {exc.start})") from exc
        header = parse_header(text, path.stem, path)
        return ResolvedQuery(text, header if header.params else None, str(path))
    if _BARE_NAME.fullmatch(stripped):
        named_query(stripped)  # raises with suggestions
    return ResolvedQuery(query)


def _is_file(text: str) -> bool:
    try:
        return Path(text).is_file()
    except (OSError, ValueError):  # a name too long for a path, a NUL byte ...
        return False


def one_line(message: str, limit: int = 220) -> str:
    """A parser message on one line, shortened."""
    flat = " ".join(message.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def _readable_expected(message: str) -> str:
    """Keep the tokens a reader can act on ("{", "}", SELECT), drop the parser's character classes."""
    head, found, tail = message.partition("expected one of ")
    if not found:
        return message
    tokens = re.findall(r'"[^"]+"', tail) + [w.strip() for w in re.split(r",\s*", tail)
                                             if re.fullmatch(r"[A-Za-z][A-Za-z ]*", w.strip())]
    return head + found + (", ".join(tokens) if tokens else tail)


def _syntax_error(exc: QueryError, text: str, label: str) -> QueryError:
    """One line: where the error is, what the parser expected, and the text there."""
    message = " ".join(str(exc).removeprefix("malformed SPARQL: ").split())
    where = _POSITION.search(message)
    near = ""
    if where:
        line_no, column = int(where[1]), int(where[2])
        lines = text.splitlines()
        if 0 < line_no <= len(lines):
            snippet = lines[line_no - 1][max(column - 1, 0):].strip()[:30]
            near = f" near {snippet!r}" if snippet else " at the end of the line"
        message = _POSITION.sub(f"line {line_no}, column {column}", message, count=1)
    message = _readable_expected(message)
    source = "" if label == "the query" else f"{label}: "
    return QueryError(f"{source}malformed SPARQL at {one_line(message, 160)}{near}")


def execute(store: GraphStore, text: str, bindings: Mapping[str, ox.NamedNode | ox.BlankNode | ox.Literal] | None = None,
            *, max_rows: int | None = None, label: str = "the query", dataset: Dataset | None = None) -> QueryAnswer:
    """Run SPARQL on a store and read the answer, stopping after `max_rows` rows or triples.

    `dataset` (default graphs, named graphs) replaces the store's dataset, as the SPARQL protocol's
    ``default-graph-uri`` / ``named-graph-uri`` do.

    Raises:
        QueryError: the query is malformed or fails.
    """
    started = time.perf_counter()
    try:
        result = store.query(text, bindings=dict(bindings) if bindings else None, dataset=dataset)
    except RefusedQuery:
        raise
    except QueryError as exc:
        if "malformed SPARQL" not in str(exc):
            raise QueryError(f"{label} failed: {one_line(str(exc))}") from exc
        if bindings:  # report positions in the text as written, not with the VALUES block added
            try:
                check_syntax(text)
            except QueryError as plain:
                raise _syntax_error(plain, text, label) from exc
        raise _syntax_error(exc, text, label) from exc
    try:
        answer = _read(result, max_rows)
    except (OSError, ValueError, RuntimeError, SyntaxError) as exc:
        raise QueryError(f"{label} failed: {one_line(str(exc))}") from exc
    answer.seconds = time.perf_counter() - started
    return answer


def _read(result: object, max_rows: int | None) -> QueryAnswer:
    if isinstance(result, ox.QueryBoolean):
        return QueryAnswer("ask", boolean=bool(result))
    if isinstance(result, ox.QuerySolutions):
        variables = [v.value for v in result.variables]
        rows, truncated = _take((tuple(s) for s in result), max_rows)
        return QueryAnswer("select", variables, rows, truncated=truncated)
    triples, truncated = _take(iter(result), max_rows)  # type: ignore[call-overload]
    return QueryAnswer("graph", triples=triples, truncated=truncated)


def _take(items: Iterable[Any], limit: int | None) -> tuple[list[Any], bool]:
    taken: list[Any] = []
    for item in items:
        if limit is not None and len(taken) >= limit:
            return taken, True
        taken.append(item)
    return taken, False


def fetch_labels(store: GraphStore, terms: Iterable[Term | None]) -> dict[str, str]:
    """A readable label (skos:prefLabel, else rdfs:label; English first) for each IRI among the terms."""
    iris = sorted({t.value for t in terms if isinstance(t, ox.NamedNode)})
    labels: dict[str, str] = {}
    for start in range(0, len(iris), LABEL_CHUNK):
        chunk = " ".join(f"<{iri}>" for iri in iris[start : start + LABEL_CHUNK])
        sparql = (
            f"SELECT ?x ?label ?rank WHERE {{ VALUES ?x {{ {chunk} }} "
            f"{{ ?x <{SKOS.prefLabel}> ?label BIND(0 AS ?rank) }} UNION {{ ?x <{RDFS.label}> ?label BIND(1 AS ?rank) }} }}"
        )
        best: dict[str, tuple[int, str]] = {}
        for row in store.query(sparql):  # type: ignore[union-attr]
            node, label, rank = row[0].value, row[1], int(row[2].value)
            key = (rank * 2 + (0 if label.language in (None, "en") else 1), label.value)
            if node not in best or key < best[node]:
                best[node] = key
        labels.update({node: value for node, (_, value) in best.items()})
    return labels


def answer_terms(answer: QueryAnswer) -> Iterable[Term | None]:
    """Every term in an answer (for label lookup)."""
    for row in answer.rows:
        yield from row
    for triple in answer.triples:
        yield from (triple.subject, triple.predicate, triple.object)


def run_query(
    query: str,
    params: Mapping[str, str] | None = None,
    *,
    store: GraphStore | str | Path | None = None,
    max_rows: int | None = None,
    labels: bool = True,
) -> QueryAnswer:
    """Run a named query, a `.rq` file or SPARQL text, with parameters bound as RDF terms.

    Args:
        query: a named query (`govgraph queries` lists them), a path to a `.rq` file, or SPARQL.
        params: parameter values by name, e.g. ``{"entity": "Mazhilis"}``; each becomes an IRI or
            a literal (see `govgraph.queries.params`) bound to the variable of that name; a declared
            entity, class or property parameter given by name is looked up (`govgraph.queries.entities`).
        store: an open store, a store selector (folder or ``oxigraph:FOLDER``), or None for
            ``govgraph-out/store``.
        max_rows: stop reading after this many rows or triples (the answer says it was truncated).
        labels: also look up a readable label for each IRI in the answer.

    Returns:
        The answer, read into memory.

    The query runs with the endpoint's guards: its length and bracket nesting are limited
    (`sparql_text.check_size`) and it is parsed and evaluated on a thread with a large stack, so a
    deeply recursive query is an error message, never a crashed process.

    Raises:
        QueryError: unknown query, bad parameters, malformed SPARQL, a query over the size limits, a SERVICE
            clause or an update, or a failing query.
        StoreError: no store at the selector.
    """
    resolved = resolve_query(query)
    check_size(resolved.text, "govgraph")
    bindings = bind_params(params, resolved.named.params if resolved.named else None, resolved.label)
    opened = store is None or isinstance(store, str | Path)
    graph_store = store_for(DEFAULT_OUT) if store is None else (
        open_store(store) if isinstance(store, str | Path) else store)
    try:
        if resolved.named is not None:
            bindings = resolve_params(graph_store, bindings, resolved.named.params, resolved.label)
        answer = on_big_stack(lambda: execute(graph_store, resolved.text, bindings, max_rows=max_rows,
                                              label=resolved.label))
        if labels:
            answer.labels = fetch_labels(graph_store, answer_terms(answer))
        return answer
    finally:
        if opened:
            graph_store.close()
