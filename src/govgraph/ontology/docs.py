"""Browsable HTML documentation of the ontology, rendered by pyLODE."""

from __future__ import annotations

from pathlib import Path

from govgraph.errors import MissingDependencyError
from govgraph.files import write_atomic
from govgraph.ontology import asset_path


def write_ontology_docs(target: Path) -> None:
    """Write one self-contained HTML page documenting every class and property.

    Raises:
        MissingDependencyError: pyLODE is not installed.
    """
    try:
        from pylode import OntPub
    except ImportError as exc:
        raise MissingDependencyError("pyLODE is not installed; run `pip install 'govgraph[docs]'`") from exc
    page = OntPub(ontology=asset_path("govgraph.ttl"), sort_subjects=True)
    write_atomic(target, lambda tmp: page.make_html(destination=tmp, include_css=True))
