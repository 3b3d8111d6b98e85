"""govgraph: knowledge graphs of political systems from articles, with provenance for every fact.

The public API; the command line and the HTTP server are thin shells over it::

    from govgraph import build_graph, open_store, run_query

In Jupyter, answers show as tables (`to_pandas()`, `to_networkx()`) and `show_network` draws the
network view inline; `run_query`, `graph_stats` and `show_network` take a build folder such as
``govgraph-out`` (or a store folder, a SPARQL endpoint URL, an open store).
"""

from __future__ import annotations

from importlib import import_module

__version__ = "0.1.0"

# name -> module that defines it; imported on first use, so that `govgraph --help` stays fast
_API = {
    "build_graph": "govgraph.workflow",
    "open_store": "govgraph.graph.store",
    "run_query": "govgraph.notebook",
    "export_graph": "govgraph.graph.exports",
    "graph_stats": "govgraph.notebook",
    "show_network": "govgraph.notebook",
    "write_visualization": "govgraph.graph.viz",
    "validate_build": "govgraph.ontology.validation",
}

__all__ = ["__version__", *_API]


def __getattr__(name: str) -> object:
    if name in _API:
        return getattr(import_module(_API[name]), name)
    raise AttributeError(name)
