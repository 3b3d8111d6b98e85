"""govgraph: knowledge graphs of political systems from articles, with provenance for every fact.

The public API; the command line and the HTTP server are thin shells over it.
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__", "build_graph", "open_store", "run_query"]


def __getattr__(name: str):  # lazy, so that `govgraph --help` stays fast
    if name == "build_graph":
        from govgraph.workflow import build_graph

        return build_graph
    if name == "run_query":
        from govgraph.queries.runner import run_query

        return run_query
    if name == "open_store":
        from govgraph.graph.store import open_store

        return open_store
    raise AttributeError(name)
