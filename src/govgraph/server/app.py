"""The HTTP application: the SPARQL 1.1 Protocol endpoint, named queries over HTTP, and the query page."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import FileResponse, JSONResponse, PlainTextResponse, Response
from fastapi.staticfiles import StaticFiles

from govgraph.graph.store import STORE_DIR
from govgraph.namespaces import PREFIXES
from govgraph.queries.catalog import named_queries
from govgraph.queries.render import serialize
from govgraph.queries.runner import QueryAnswer
from govgraph.server.guards import HostAllowList, PageHeaders, RequestLimits
from govgraph.server.pool import QueryPool
from govgraph.server.protocol import FORMAT_PARAMS, ProtocolError, choose_format, read_request, service_description
from govgraph.server.worker import Reply
from govgraph.server.worker import Request as WorkerRequest

STATIC = Path(str(resources.files("govgraph.server") / "static"))
RESERVED = FORMAT_PARAMS  # query-string names that choose the format, never query parameters
ALLOW = "GET, POST, HEAD, OPTIONS"
_GRAPH_NAMES = "SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"


def to_response(reply: Reply, max_rows: int) -> Response:
    """An HTTP response for a worker's reply; a truncated answer says so in a header."""
    headers = {"Vary": "Accept", "Cache-Control": "no-store"}
    if reply.status == 200:
        headers["X-Govgraph-Rows"] = str(reply.count)
        if reply.truncated:
            headers["X-Govgraph-Truncated"] = f"only the first {max_rows} results were sent"
    return Response(reply.body, status_code=reply.status, media_type=reply.media_type, headers=headers)


def client_of(request: Request) -> str:
    """The client's address, for the per-client limit."""
    return request.client.host if request.client else ""


def query_listing() -> dict[str, object]:
    """The named queries (and the prefixes they use) as the page loads them."""
    return {
        "prefixes": {p: str(ns) for p, ns in PREFIXES.items()},
        "queries": [
            {"name": q.name, "title": q.title, "description": q.description, "sparql": q.text,
             "params": [{"name": p.name, "meaning": p.meaning, "type": p.type, "optional": p.optional} for p in q.params]}
            for q in named_queries().values()
        ],
    }


def create_app(out_dir: Path, store: str | None = None, *, timeout: float = 10.0, max_rows: int = 10000,
               workers: int = 2, max_memory_mb: int | None = 1024, max_body_bytes: int | None = None,
               body_timeout: float | None = None, hosts: tuple[str, ...] = (), **pool_options: object) -> FastAPI:
    """The endpoint over a build folder's store (or the store `store` selects).

    Args:
        out_dir: the build folder (its store, and its graph.html for the visualization link).
        store: a store selector instead of ``out_dir/store``.
        timeout: seconds a query may run before it is stopped (503).
        max_rows: the most rows (or triples) an answer carries; the rest is left out, with a header saying so.
        workers: worker processes running queries in parallel.
        max_memory_mb: resident memory a query's worker may use before the query is stopped (503); None: no limit.
        max_body_bytes: largest request body (413); default `guards.MAX_BODY_BYTES`.
        body_timeout: seconds a request body may pause (408); default `guards.BODY_TIMEOUT`.
        hosts: Host header names accepted besides IP addresses and localhost (the --host the server listens on).
        pool_options: queue and fairness limits of `pool.QueryPool` (queue_timeout, max_queue, per_client,
            fast_seconds, long_slots, watch_seconds).

    Returns:
        A FastAPI application; its worker processes start with the application's lifespan.
    """
    pool = QueryPool(str(store or out_dir / STORE_DIR), size=workers, timeout=timeout, max_memory_mb=max_memory_mb,
                     **pool_options)  # type: ignore[arg-type]

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        await pool.start()
        try:
            yield
        finally:
            await pool.close()

    # no /docs or /redoc: those pages load their scripts from a CDN
    app = FastAPI(title="govgraph SPARQL endpoint", docs_url=None, redoc_url=None, openapi_url=None, lifespan=lifespan)
    app.state.pool = pool
    app.add_middleware(RequestLimits, max_body_bytes=max_body_bytes, body_timeout=body_timeout)
    app.add_middleware(PageHeaders)
    app.add_middleware(HostAllowList, hosts=hosts)  # outermost: a foreign Host gets nothing else

    @app.options("/sparql")
    async def sparql_options() -> Response:
        return Response(status_code=204, headers={
            "Allow": ALLOW, "Accept-Post": "application/x-www-form-urlencoded, application/sparql-query"})

    async def describe_service(request: Request) -> Response:
        """The SPARQL 1.1 Service Description, in the RDF format the client accepts (Turtle by default)."""
        listing = await pool.run(WorkerRequest(sparql=_GRAPH_NAMES, format="json"))
        if listing.status != 200:
            return to_response(listing, max_rows)
        graphs = [b["g"]["value"] for b in json.loads(listing.body)["results"]["bindings"] if "g" in b]
        fmt = next((request.query_params[k] for k in RESERVED if request.query_params.get(k)), None)
        try:
            media, name = choose_format("graph", request.headers.get("accept"), fmt)
        except ProtocolError as exc:
            return to_response(Reply.error(exc.status, exc.message), max_rows)
        answer = QueryAnswer("graph", triples=service_description(str(request.url.replace(query="")), graphs))
        return Response(serialize(answer, name), media_type=media,
                        headers={"Vary": "Accept", "Cache-Control": "no-store", "Allow": ALLOW})

    @app.api_route("/sparql", methods=["GET", "POST", "HEAD"])
    async def sparql(request: Request) -> Response:
        if request.method in ("GET", "HEAD") and not any(k in ("query", "update") for k in request.query_params):
            return await describe_service(request)
        try:
            asked = read_request("GET" if request.method == "HEAD" else request.method,
                                 request.headers.get("content-type"), request.url.query,
                                 await request.body())
        except ProtocolError as exc:
            return to_response(Reply.error(exc.status, exc.message), max_rows)
        reply = await pool.run(WorkerRequest(
            sparql=asked.query, accept=request.headers.get("accept"), format=asked.format, max_rows=max_rows,
            default_graphs=tuple(asked.default_graphs), named_graphs=tuple(asked.named_graphs)), client_of(request))
        return to_response(reply, max_rows)

    @app.get("/queries/{name}")
    async def named(name: str, request: Request) -> Response:
        params = {k: v for k, v in request.query_params.items() if k not in RESERVED and v != ""}
        fmt = next((request.query_params[k] for k in RESERVED if request.query_params.get(k)), None)
        reply = await pool.run(WorkerRequest(named=name, params=params, accept=request.headers.get("accept"),
                                             format=fmt, max_rows=max_rows), client_of(request))
        return to_response(reply, max_rows)

    @app.get("/api/queries")
    async def listing() -> JSONResponse:
        return JSONResponse(query_listing())

    @app.get("/graph.html")
    async def graph_page() -> Response:
        page = out_dir / "graph.html"
        if not page.is_file():
            return PlainTextResponse(f"no graph.html in {out_dir}; run `govgraph build --out {out_dir}`\n", 404)
        return FileResponse(page, media_type="text/html")

    @app.get("/")
    async def index() -> FileResponse:
        return FileResponse(STATIC / "index.html", media_type="text/html")

    @app.get("/favicon.ico")  # asked for by browsers whatever the page says
    async def favicon() -> FileResponse:
        return FileResponse(STATIC / "favicon.svg", media_type="image/svg+xml")

    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app
