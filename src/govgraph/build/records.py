"""The build's records, now in `govgraph.records` (shared with `govgraph.graph`); kept here as re-exports."""

from govgraph.records import Claim, Conflict, Document, Entity, Extraction, Mention, Span, Value

__all__ = ["Claim", "Conflict", "Document", "Entity", "Extraction", "Mention", "Span", "Value"]
