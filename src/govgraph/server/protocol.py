"""The SPARQL 1.1 Protocol, read-only: a request's query and dataset, refused updates, and the response format."""

from __future__ import annotations

import urllib.parse
from dataclasses import dataclass, field

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
    ("application/rdf+xml", "rdfxml"),
    ("text/plain", "ntriples"),
)
SHORT_NAMES = {"json": "json", "srj": "json", "xml": "xml", "srx": "xml", "csv": "csv", "tsv": "tsv",
               "turtle": "turtle", "ttl": "turtle", "ntriples": "ntriples", "nt": "ntriples", "rdfxml": "rdfxml"}
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
    format: str | None = None  # a `format` / `output` parameter, as some clients send


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
    fmt = next((v for k, v in params if k in ("format", "output") and v), None)
    return SparqlRequest(query, [v for k, v in params if k == "default-graph-uri"],
                         [v for k, v in params if k == "named-graph-uri"], fmt)


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
        wanted = SHORT_NAMES.get(requested.lower()) or dict(candidates).get(requested.lower())
        for media, name in candidates:
            if name == wanted:
                return media, name
        raise ProtocolError(406, f"format {requested!r} does not fit a {kind.upper()} answer; use one of "
                                 f"{', '.join(sorted({n for _, n in candidates}))}")
    ranges = _accept_ranges(accept)
    scored = [(_quality(media, ranges), -index, media, name) for index, (media, name) in enumerate(candidates)]
    quality, _, media, name = max(scored)
    if quality <= 0:
        offered = ", ".join(m for m, _ in candidates)
        raise ProtocolError(406, f"cannot answer in {accept!r}; this answer is available as {offered}")
    return media, name
