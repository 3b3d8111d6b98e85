"""Errors that reach the user as one clear line."""

from __future__ import annotations


class GovgraphError(Exception):
    """Base class: the message is shown to the user as it is, with a non-zero exit."""

    exit_code = 1


class InputError(GovgraphError):
    """A source file, manifest or argument cannot be used."""


class StoreError(GovgraphError):
    """The store is missing, locked or unreachable."""


class QueryError(GovgraphError):
    """A SPARQL query is malformed or cannot run."""

    exit_code = 2


class MissingDependencyError(GovgraphError):
    """An optional dependency is not installed."""
