"""The page of a large graph: entities only, the most connected few hundred drawn first.

Above OVERVIEW_ABOVE nodes (provenance included), a page holding every node grows by about 1 KB a node:
254 MiB at 1,000 synthetic articles, almost all of it claims, quoted sentences and their links, which the
page hides when it opens anyway. Such a page holds the entities and the links between them only; each
entity's details say how many claims and sentences support it and quote a few (provenance stays one
click away, and `govgraph viz --focus` writes the whole provenance of a part of the graph). The page
draws the FIRST_NODES most connected entities, laid out like a small graph's first screen (a spring
layout up to layout.SPRING_MAX nodes, labels kept apart); search and "show its neighbours" reach the rest.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable, Mapping
from typing import Any

from govgraph.graph.digest import Digest
from govgraph.graph.network import Network

# A page of 5,000 nodes is ~5 MB and opens in a second or two; above it, size and writing time grow with the
# provenance, which the first screen hides. The sample corpus (1,126 nodes) stays far below.
OVERVIEW_ABOVE = 5_000
# the layout's force-directed spring runs in under a second up to 300 nodes (layout.SPRING_MAX) and parts their
# labels (up to layout.SEPARATE_MAX); a 1280 x 800 screen writes a few dozen labels, hundreds of shapes
FIRST_NODES = 300
OVERVIEW_QUOTES = 3  # sentences quoted in each entity's and link's details; the rest are counted
# neighbours one "show its neighbours" draws, most connected first: a hub linked to thousands comes in steps
EXPAND_STEP = 150


def is_overview(node_count: int) -> bool:
    """Whether a view of this many nodes (provenance included) is written as an overview."""
    return node_count > OVERVIEW_ABOVE


def first_set(candidates: Iterable[str], degree: Mapping[str, int], held_back: Collection[str],
              size: int = FIRST_NODES) -> list[str]:
    """The entities drawn when the page opens: the `size` most connected, ties by IRI.

    Args:
        candidates: the entities of the page.
        degree: links of each entity to other entities.
        held_back: entities the first screen leaves out whatever their links (changes folded into their
            reform, countries mentioned in passing), as on a small graph's page.
        size: how many to draw.

    Returns:
        The chosen IRIs, most connected first.
    """
    ranked = sorted((iri for iri in candidates if iri not in held_back), key=lambda iri: (-degree.get(iri, 0), iri))
    return ranked[:size]


def claim_counts(network: Network, ids: Collection[str]) -> dict[str, int]:
    """How many claims state something about each entity of the page (as their subject or object)."""
    counts: Counter[str] = Counter()
    for support in network.supports:
        counts[support.subject] += 1
        if support.obj_is_iri and support.obj != support.subject:
            counts[support.obj] += 1
    return {iri: n for iri, n in counts.items() if iri in ids}


def renumber_quotes(rows: list[list[Any]], nodes: list[dict[str, Any]], edges: list[dict[str, Any]]) -> list[list[Any]]:
    """Only the quotes that nodes and edges refer to (`q`), renumbered in their old order."""
    records = [r for r in (*nodes, *edges) if "q" in r]
    used = sorted({ref for record in records for ref in record["q"]})
    new = {old: index for index, old in enumerate(used)}
    for record in records:
        record["q"] = [new[ref] for ref in record["q"]]
    return [rows[old] for old in used]


def digest_quotes(digest: Digest) -> tuple[list[tuple[str, int]], dict[str, list[int]], dict[tuple[str, str, str], list[int]]]:
    """The quotes table of an entity view (rows [sentence, article], by article then sentence) and the rows each
    entity and link quotes; as `vizdata._quotes` numbers them before `renumber_quotes`."""
    used = sorted({key for quoted in (*digest.node_quotes.values(), *digest.edge_quotes.values()) for key in quoted.first})
    row = {key: index for index, key in enumerate(used)}
    rows = [(quote, article) for article, quote in used]
    return (rows, {iri: [row[key] for key in q.first] for iri, q in digest.node_quotes.items()},
            {key: [row[k] for k in q.first] for key, q in digest.edge_quotes.items()})
