"""The neighbourhood of one entity: which nodes a focused view keeps."""

from __future__ import annotations

import difflib

from govgraph.errors import InputError
from govgraph.graph.network import Network
from govgraph.namespaces import ID, PREFIXES


def resolve(network: Network, name: str) -> str:
    """The node a user means: a full IRI, a CURIE (ggid:kz/mazhilis), a key (kz/mazhilis) or a label.

    Raises:
        InputError: nothing, or more than one entity, goes by that name.
    """
    text = name.strip()
    prefix, _, local = text.partition(":")
    candidates = [text, str(ID) + text]
    if prefix in PREFIXES and not local.startswith("//"):
        candidates.append(str(PREFIXES[prefix]) + local)
    for iri in candidates:
        if iri in network.nodes:
            return iri
    wanted = text.casefold()
    by_label = sorted(iri for iri, node in network.nodes.items() if node.label.casefold() == wanted)
    if not by_label:
        by_label = sorted(iri for iri, node in network.nodes.items() if wanted in (a.casefold() for a in node.aliases))
    if len(by_label) == 1:
        return by_label[0]
    if len(by_label) > 1:
        raise InputError(f"--focus {name!r} names {len(by_label)} entities ({', '.join(by_label[:4])}); give one IRI")
    labels = sorted({node.label for node in network.nodes.values() if not node.provenance})
    close = difflib.get_close_matches(text, labels, n=3, cutoff=0.6)
    hint = "; give an IRI, a key such as kz/mazhilis or a label"
    if close:
        hint = f"; did you mean {' or '.join(repr(c) for c in close)}?"
    raise InputError(f"--focus {name!r}: no such entity in the graph{hint}")


def neighbourhood(network: Network, focus: str, depth: int) -> set[str]:
    """Nodes within `depth` links of `focus` (through the political structure), with the provenance about them.

    Paths go through structure nodes only, so that an article mentioning everything does not pull in
    the whole graph; the focus itself may be a provenance node (an article, a claim). Claims about a kept
    node come along with their quotes, articles, conflicts and the build run, for the provenance toggle.
    """
    neighbours: dict[str, set[str]] = {iri: set() for iri in network.nodes}
    for s, _, o in network.edges:
        neighbours[s].add(o)
        neighbours[o].add(s)
    kept = {focus}
    frontier = {focus}
    for _ in range(depth):
        frontier = {j for i in frontier for j in neighbours[i] if j not in kept and not network.nodes[j].provenance}
        kept |= frontier
    claims = {s.claim for s in network.supports if s.subject in kept or (s.obj_is_iri and s.obj in kept)}
    extra = set(claims)
    for claim in claims:
        extra.update(j for j in neighbours[claim] if network.nodes[j].provenance)
    return kept | extra
