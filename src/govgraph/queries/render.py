"""Writing query answers: an aligned text table, and the W3C result formats (JSON, XML, CSV, TSV) or RDF.

The answer is written as SPARQL 1.1 Query Results JSON here; pyoxigraph reads that back and
writes the XML, CSV and TSV forms, so every format follows its W3C specification.
"""

from __future__ import annotations

import json
import textwrap
from collections.abc import Iterable

import pyoxigraph as ox

from govgraph.errors import QueryError
from govgraph.graph.rdf import turtle_prefixes
from govgraph.namespaces import PREFIXES, XSD
from govgraph.queries.catalog import NamedQuery
from govgraph.queries.runner import QueryAnswer, Term

RESULT_FORMATS = {
    "json": ox.QueryResultsFormat.JSON,
    "xml": ox.QueryResultsFormat.XML,
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
}
GRAPH_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "rdfxml": ox.RdfFormat.RDF_XML,
    "jsonld": ox.RdfFormat.JSON_LD,
}
CLI_FORMATS = ("table", "csv", "tsv", "json", "xml")
MAX_CELL = 48
_XSD_STRING = str(XSD.string)
_NUMERIC = frozenset(str(XSD[name]) for name in ("integer", "decimal", "double", "float", "nonNegativeInteger", "int", "long"))


def term_json(term: Term) -> dict[str, object]:
    """One RDF term in the SPARQL 1.1 Query Results JSON form."""
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Triple):
        return {"type": "triple", "value": {"subject": term_json(term.subject), "predicate": term_json(term.predicate),
                                            "object": term_json(term.object)}}
    cell: dict[str, object] = {"type": "literal", "value": term.value}
    if term.language:
        cell["xml:lang"] = term.language
    elif term.datatype.value != _XSD_STRING:
        cell["datatype"] = term.datatype.value
    return cell


def results_json(answer: QueryAnswer) -> dict[str, object]:
    """A SELECT or ASK answer as a SPARQL 1.1 Query Results JSON document."""
    if answer.kind == "ask":
        return {"head": {}, "boolean": bool(answer.boolean)}
    bindings = [{var: term_json(term) for var, term in zip(answer.variables, row, strict=True) if term is not None}
                for row in answer.rows]
    return {"head": {"vars": list(answer.variables)}, "results": {"bindings": bindings}}


def serialize(answer: QueryAnswer, fmt: str) -> bytes:
    """The answer in a result format (json, xml, csv, tsv) or, for graph answers, an RDF format (turtle ...).

    Raises:
        QueryError: the format does not fit the kind of answer.
    """
    if answer.kind == "graph":
        rdf_format = GRAPH_FORMATS.get(fmt)
        if rdf_format is None:
            raise QueryError(f"CONSTRUCT and DESCRIBE answers are RDF; use one of {', '.join(GRAPH_FORMATS)}")
        bound = turtle_prefixes() if rdf_format in (ox.RdfFormat.TURTLE, ox.RdfFormat.JSON_LD) else None
        return ox.serialize(answer.triples, format=rdf_format, prefixes=bound) or b""
    if fmt not in RESULT_FORMATS:
        raise QueryError(f"SELECT and ASK answers are written as {', '.join(RESULT_FORMATS)} or table, not {fmt!r}")
    document = json.dumps(results_json(answer), ensure_ascii=False).encode("utf-8")
    if fmt == "json":
        return document + b"\n"
    parsed = ox.parse_query_results(document, format=ox.QueryResultsFormat.JSON)
    return parsed.serialize(format=RESULT_FORMATS[fmt]) or b""


def compact_iri(iri: str) -> str:
    """``https://w3id.org/govgraph/id/kz/mazhilis`` -> ``ggid:kz/mazhilis`` (longest matching namespace)."""
    best_prefix, best_ns = "", ""
    for prefix, namespace in PREFIXES.items():
        ns = str(namespace)
        if iri.startswith(ns) and len(ns) > len(best_ns):
            best_prefix, best_ns = prefix, ns
    return f"{best_prefix}:{iri[len(best_ns):]}" if best_ns else iri


def cell_text(term: Term | None, labels: dict[str, str], width: int = MAX_CELL) -> str:
    """What a table shows for a term: the label of an IRI (else its CURIE), a literal's value; shortened."""
    if term is None:
        text = ""
    elif isinstance(term, ox.NamedNode):
        text = labels.get(term.value) or compact_iri(term.value)
    elif isinstance(term, ox.BlankNode):
        text = f"_:{term.value}"
    elif isinstance(term, ox.Literal):
        text = term.value
    else:
        text = str(term)
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def render_table(answer: QueryAnswer) -> str:
    """An aligned, readable text table (labels instead of IRIs, long values shortened, numbers to the right)."""
    if answer.kind == "ask":
        return ("yes" if answer.boolean else "no") + "\n"
    if answer.kind == "graph":
        return serialize(answer, "turtle").decode("utf-8")
    from govgraph.console import plain_table  # rich: only when a table is drawn, not in the server's workers

    body = [[cell_text(term, answer.labels) for term in row] for row in answer.rows]
    numeric = [i for i in range(len(answer.variables))
               if any(row[i] is not None for row in answer.rows)
               and all(term is None or (isinstance(term, ox.Literal) and term.datatype.value in _NUMERIC)
                       for term in (row[i] for row in answer.rows))]
    count = f"{len(body)} row{'s' if len(body) != 1 else ''}"
    return plain_table(answer.variables, body, right=numeric) + count + (
        " (truncated: more rows were left out)" if answer.truncated else "") + "\n"


def render(answer: QueryAnswer, fmt: str = "table") -> str:
    """The answer as the command line prints it: a table, or a W3C result format; graph answers as Turtle.

    Raises:
        QueryError: an unknown format.
    """
    if fmt not in CLI_FORMATS:
        raise QueryError(f"unknown format {fmt!r}; use one of {', '.join(CLI_FORMATS)}")
    if fmt == "table" or answer.kind == "graph":
        return render_table(answer)
    text = serialize(answer, fmt).decode("utf-8")
    return text if text.endswith("\n") else text + "\n"


def catalog_text(queries: Iterable[NamedQuery]) -> str:
    """The named queries as `govgraph queries` lists them: name, title, description and parameters."""
    blocks = []
    for query in queries:
        lines = [f"{query.name} — {query.title}"]
        lines += textwrap.wrap(query.description, width=96, initial_indent="    ", subsequent_indent="    ")
        width = max((len(p.name) for p in query.params), default=0)
        for p in query.params:
            kind = p.type + (", optional" if p.optional else "")
            lines.append(f"    --param {p.name}=…{' ' * (width - len(p.name))}  {p.meaning} [{kind}]")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n"
