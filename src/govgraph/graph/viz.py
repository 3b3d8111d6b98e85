"""The HTML visualization (pyvis), self-contained so that it works offline."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox

from govgraph.files import write_atomic
from govgraph.graph.network import to_networkx

_CDN_TAG = re.compile(r"<(?:link|script)[^>]+(?:href|src)=\"https?://[^\"]+\"[^>]*>(?:</script>)?")


def write_visualization(quads: Iterable[ox.Quad], target: Path) -> None:
    """Write the network view of the graph's entities (provenance nodes left out)."""
    from pyvis.network import Network

    graph = to_networkx(quads)
    net = Network(height="800px", width="100%", directed=True, cdn_resources="in_line")
    ids = {}
    for index, (node, data) in enumerate(sorted(graph.nodes(data=True))):
        if data["provenance"]:
            continue
        ids[node] = index
        net.nodes.append({"id": index, "label": data["label"], "title": f"{data['cls']}: {node}",
                          "group": data["cls"], "shape": "dot"})
    for s, o, data in sorted(graph.edges(data=True), key=lambda e: (e[0], e[1], e[2]["label"])):
        if s in ids and o in ids:
            net.edges.append({"from": ids[s], "to": ids[o], "label": data["label"], "arrows": "to"})
    html = _CDN_TAG.sub("", net.generate_html())
    write_atomic(target, lambda tmp: tmp.write_text(html, encoding="utf-8"))
