"""What the page of a large graph keeps of the provenance it does not hold: counts and the first few quotes.

An overview's page (see overview.py) shows each entity's and link's claim count and quotes its first
OVERVIEW_QUOTES supporting sentences. A `Digest` holds exactly that, gathered while the quads stream by
(see entityview.py), so that the claims, evidence records and sentences never need to be held at once.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field

# a quoted sentence as the page orders them: (index of its article in the page's list, -1 when unknown; the text)
QuoteKey = tuple[int, str]


@dataclass(slots=True)
class Quoted:
    """The first `limit` distinct quotes supporting one node or link, in page order, and how many there are."""

    first: list[QuoteKey] = field(default_factory=list)
    count: int = 0

    def add(self, keys: Collection[QuoteKey], limit: int) -> None:
        """Add the distinct quotes of one graph (an article's quotes all come from its own graph)."""
        self.count += len(keys)
        if len(self.first) < limit or min(keys) < self.first[-1]:
            self.first = sorted({*self.first, *keys})[:limit]


@dataclass(slots=True)
class Digest:
    """The provenance of a graph as its overview page shows it."""

    nodes: int  # every node of the graph, provenance included (what decides an overview)
    provenance: int  # claims, quoted sentences, articles, conflicts and build runs among them
    claims: dict[str, int] = field(default_factory=dict)  # claims stating something about each entity
    node_quotes: dict[str, Quoted] = field(default_factory=dict)
    edge_quotes: dict[tuple[str, str, str], Quoted] = field(default_factory=dict)
