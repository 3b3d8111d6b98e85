"""Named SPARQL queries and the runner behind `govgraph query`, `govgraph queries` and the endpoint."""

from __future__ import annotations

from govgraph.queries.catalog import NamedQuery, Param, named_queries, named_query
from govgraph.queries.params import bind_params, parse_param_options, to_term
from govgraph.queries.render import catalog_text, render, render_table, results_json, serialize
from govgraph.queries.runner import QueryAnswer, execute, resolve_query, run_query

__all__ = [
    "NamedQuery", "Param", "QueryAnswer", "bind_params", "catalog_text", "execute", "named_queries", "named_query",
    "parse_param_options", "render", "render_table", "resolve_query", "results_json", "run_query", "serialize",
    "to_term",
]
