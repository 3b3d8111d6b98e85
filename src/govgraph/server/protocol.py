"""The SPARQL 1.1 Protocol, read-only: a request's query and dataset, refused updates, the response format,
and the SPARQL 1.1 Service Description a GET without a query answers."""

from __future__ import annotations

import urllib.parse
from collections.abc import Iterable
from dataclasses import dataclass, field

import pyoxigraph as ox

from govgraph.namespaces import DCTERMS, FORMATS, RDF, SD
from govgraph.sparql_text import MAX_NESTING, MAX_QUERY_CHARS, QueryTooLarge, RefusedQuery, check_size, refuse_update

# (media type, format name) in the order the server prefers when the client does not mind
RESULT_MEDIA = (
    ("application/sparql-results+json", "json"),
    ("application/sparql-results+xml", "xml"),
    ("text/csv", "csv"),
    ("text/tab-separated-values", "tsv"),
    ("application/json", "json"),
    ("application/xml", "xml"),
    ("text/xml", "xml"),
)
GRAPH_MEDIA = (
    ("text/turtle", "turtle"),
    ("application/n-triples", "ntriples"),
    ("application/ld+json", "jsonld"),
    ("application/rdf+xml", "rdfxml"),
    ("text/plain", "ntriples"),
    ("application/json", "jsonld"),
    ("application/xml", "rdfxml"),
)
# `format=` / `output=` / `results=` values clients send (SPARQLWrapper sends its return format under all
# three names, e.g. format=xml for a CONSTRUCT), by answer kind; a media type is understood as well
RESULT_NAMES = {"json": "json", "srj": "json", "xml": "xml", "srx": "xml", "csv": "csv", "tsv": "tsv"}
GRAPH_NAMES = {"turtle": "turtle", "ttl": "turtle", "n3": "turtle", "ntriples": "ntriples", "nt": "ntriples",
               "n-triples": "ntriples", "rdfxml": "rdfxml", "rdf+xml": "rdfxml", "rdf": "rdfxml", "xml": "rdfxml",
               "jsonld": "jsonld", "json-ld": "jsonld", "json": "jsonld"}
FORMAT_PARAMS = ("format", "output", "results")
# the W3C format IRIs of what the endpoint writes, for its service description
FORMAT_IRIS = ("SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV",
               "Turtle", "N-Triples", "JSON-LD", "RDF_XML")
__all__ = ["MAX_NESTING", "MAX_QUERY_CHARS", "ProtocolError", "check_query", "choose_format", "read_request"]


class ProtocolError(Exception):
    """A request the endpoint answers with an HTTP error status and a one-line message."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass(slots=True)
class SparqlRequest:
    """What a protocol request asks for."""

    query: str
    default_graphs: list[str] = field(default_factory=list)
    named_graphs: list[str] = field(default_factory=list)
    format: str | None = None  # the first `format` / `output` / `results` value understood, as some clients send


def looks_like_update(text: str) -> bool:
    """Whether SPARQL text parses as an update (see `sparql_text.refuse_update`)."""
    try:
        refuse_update(text)
    except RefusedQuery:
        return True
    return False


def check_query(text: str) -> None:
    """Refuse, before any worker sees it, a query the endpoint does not run.

    SERVICE clauses are refused by the store itself, in the worker (`sparql_text.refuse_service`):
    parsing the query to find them costs too much for the server's event loop.

    Raises:
        ProtocolError: 413 for a text over MAX_QUERY_CHARS, 403 for an update, 400 for brackets
            nested over MAX_NESTING deep.
    """
    try:
        check_size(text)
    except QueryTooLarge as exc:
        raise ProtocolError(exc.status, str(exc)) from exc
    if looks_like_update(text):
        raise _refuse_update()


def _refuse_update() -> ProtocolError:
    return ProtocolError(403, "this endpoint is read-only: SPARQL updates are refused")


def read_request(method: str, content_type: str | None, url_query: str, body: bytes) -> SparqlRequest:
    """The query and dataset of a GET or POST request (form or application/sparql-query).

    Raises:
        ProtocolError: 403 for any update, 400 for a missing or repeated query, a SERVICE clause or deep
            nesting, 413 for a query text over the limit, 415 for another body type.
    """
    url_params = urllib.parse.parse_qsl(url_query, keep_blank_values=True)
    media = (content_type or "").split(";")[0].strip().lower()
    if any(name == "update" for name, _ in url_params) or media == "application/sparql-update":
        raise _refuse_update()
    if method == "GET":
        params = url_params
        queries = [v for k, v in params if k == "query"]
    elif media == "application/x-www-form-urlencoded":
        params = urllib.parse.parse_qsl(_decode(body), keep_blank_values=True) + url_params
        if any(name == "update" for name, _ in params):
            raise _refuse_update()
        queries = [v for k, v in params if k == "query"]
    elif media == "application/sparql-query":
        params = url_params
        queries = [_decode(body)]
    else:
        raise ProtocolError(415, "POST a query as application/x-www-form-urlencoded (query=...) or application/sparql-query")
    if not queries or not queries[0].strip():
        raise ProtocolError(400, "no query: send the SPARQL query in the `query` parameter")
    if len(queries) > 1:
        raise ProtocolError(400, "more than one `query` parameter")
    query = queries[0]
    check_query(query)
    fmt = requested_format(v for k, v in params if k in FORMAT_PARAMS and v)
    return SparqlRequest(query, [v for k, v in params if k == "default-graph-uri"],
                         [v for k, v in params if k == "named-graph-uri"], fmt)


def known_format(value: str) -> bool:
    """Whether a `format=` value names a format of some answer kind (a short name or a media type)."""
    text = value.strip().lower()
    media = {m for m, _ in (*RESULT_MEDIA, *GRAPH_MEDIA)}
    return text in RESULT_NAMES or text in GRAPH_NAMES or text.split(";")[0].strip() in media


def requested_format(values: Iterable[str]) -> str | None:
    """The first value a client gave that names a format; else its first value (answered with 406), or None."""
    given = list(values)
    return next((v for v in given if known_format(v)), given[0] if given else None)


def _decode(body: bytes) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ProtocolError(400, "the request body is not UTF-8") from exc


def _accept_ranges(accept: str | None) -> list[tuple[str, float]]:
    ranges = []
    for part in (accept or "*/*").split(","):
        pieces = [p.strip() for p in part.split(";")]
        if not pieces[0]:
            continue
        quality = 1.0
        for piece in pieces[1:]:
            name, _, value = piece.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        ranges.append((pieces[0].lower(), quality))
    return ranges or [("*/*", 1.0)]


def _quality(media: str, ranges: list[tuple[str, float]]) -> float:
    """The quality the client gives a media type: the most specific matching range wins."""
    kind = media.split("/")[0]
    best_specificity, best = -1, 0.0
    for pattern, quality in ranges:
        specificity = 2 if pattern == media else 1 if pattern == f"{kind}/*" else 0 if pattern == "*/*" else -1
        if specificity > best_specificity:
            best_specificity, best = specificity, quality
    return best if best_specificity >= 0 else 0.0


def choose_format(kind: str, accept: str | None, requested: str | None = None) -> tuple[str, str]:
    """The media type and format name to answer with, for an answer kind ("select", "ask" or "graph").

    Raises:
        ProtocolError: 406 when nothing the client accepts fits the answer.
    """
    candidates = GRAPH_MEDIA if kind == "graph" else RESULT_MEDIA
    if requested:
        text = requested.strip().lower()
        media_type = text.split(";")[0].strip()
        if media_type in dict(candidates):
            return media_type, dict(candidates)[media_type]
        wanted = (GRAPH_NAMES if kind == "graph" else RESULT_NAMES).get(text)
        for media, name in candidates:
            if name == wanted:
                return media, name
        what = "CONSTRUCT or DESCRIBE" if kind == "graph" else kind.upper()
        raise ProtocolError(406, f"format {requested!r} does not fit a {what} answer; use one of "
                                 f"{', '.join(sorted({n for _, n in candidates}))}")
    ranges = _accept_ranges(accept)
    scored = [(_quality(media, ranges), -index, media, name) for index, (media, name) in enumerate(candidates)]
    quality, _, media, name = max(scored)
    if quality <= 0:
        offered = ", ".join(m for m, _ in candidates)
        raise ProtocolError(406, f"cannot answer in {accept!r}; this answer is available as {offered}")
    return media, name


def service_description(endpoint: str, graphs: Iterable[str]) -> list[ox.Triple]:
    """The SPARQL 1.1 Service Description of the endpoint: language, result formats and default dataset.

    Args:
        endpoint: the endpoint's URL (the request's URL without its query string).
        graphs: the named graphs queries can reach; the default graph is each distinct triple of them once.
    """
    service, dataset, default = ox.NamedNode(endpoint), ox.BlankNode("dataset"), ox.BlankNode("default")

    def node(namespace: object, name: str) -> ox.NamedNode:
        return ox.NamedNode(f"{namespace}{name}")

    a = ox.NamedNode(str(RDF.type))
    triples = [
        ox.Triple(service, a, node(SD, "Service")),
        ox.Triple(service, node(SD, "endpoint"), service),
        ox.Triple(service, node(SD, "supportedLanguage"), node(SD, "SPARQL11Query")),
        ox.Triple(service, node(SD, "defaultEntailmentRegime"), ox.NamedNode("http://www.w3.org/ns/entailment/Simple")),
        ox.Triple(service, node(SD, "defaultDataset"), dataset),
        ox.Triple(dataset, a, node(SD, "Dataset")),
        ox.Triple(dataset, node(SD, "defaultGraph"), default),
        ox.Triple(default, a, node(SD, "Graph")),
        ox.Triple(default, ox.NamedNode(str(DCTERMS.description)),
                  ox.Literal("Each distinct triple of the named graphs once; read-only, SERVICE refused.", language="en")),
    ]
    triples += [ox.Triple(service, node(SD, "resultFormat"), node(FORMATS, name)) for name in FORMAT_IRIS]
    for index, graph in enumerate(sorted(graphs)):
        named = ox.BlankNode(f"graph{index}")
        triples += [ox.Triple(dataset, node(SD, "namedGraph"), named), ox.Triple(named, a, node(SD, "NamedGraph")),
                    ox.Triple(named, node(SD, "name"), ox.NamedNode(graph))]
    return triples
