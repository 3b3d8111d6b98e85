"""The claims of one named graph, each with its subject, predicate, object, article and quoted sentence.

`GraphClaims` collects, while one graph's quads go by, the few links a claim is read from (the reified
statement, its evidence record and extraction method, the sentences and their quote selectors) and
`supports()` reads the claims from them when the graph ends, as `network.project` does for the whole graph.
A claim, its evidence record, its sentences and their selectors are in the claim's article graph, so the
memory this needs is one graph's worth.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from govgraph.graph.network import (
    _CLAIM,
    _EVIDENCE,
    _EXACT,
    _HAS_SOURCE,
    _INSTANCE,
    _OBJECT,
    _PREDICATE,
    _SELECTOR,
    _SHARED_CLASSES,
    _SHARED_LINKS,
    _STATED_IN,
    _SUBJECT,
    FOLDED_CLASSES,
    Support,
    _Classes,
)

# the links a claim is read from, and the links of its evidence record and sentences
LINKS = frozenset((_SUBJECT, _PREDICATE, _OBJECT, _EVIDENCE, _STATED_IN, _SELECTOR, _HAS_SOURCE, *_SHARED_LINKS))


class GraphClaims:
    """What one graph says about its claims, until the graph ends."""

    def __init__(self) -> None:
        self.types: dict[str, set[str]] = defaultdict(set)
        self.links: dict[str, list[tuple[str, str]]] = defaultdict(list)
        self.objects: dict[str, str] = {}  # a claim's literal object, the first one read
        self.quotes: dict[str, str] = {}  # a quote selector's exact text, the first one read

    def link(self, s: str, p: str, o: str) -> None:
        if p in LINKS:
            self.links[s].append((p, o))

    def literal(self, s: str, p: str, value: str) -> None:
        if p == _EXACT:
            self.quotes.setdefault(s, value)
        elif p == _OBJECT:
            self.objects.setdefault(s, value)

    def supports(self, classes: _Classes) -> Iterator[Support]:
        """The graph's claims, as `network.project` reads them (an evidence record's links count as the claim's)."""
        shared = {s for s, types in self.types.items() if types & _SHARED_CLASSES}
        for claim in sorted(self.types):
            types = self.types[claim] - FOLDED_CLASSES
            if not types or not claim.startswith(_INSTANCE):
                continue
            if (next(iter(types)) if len(types) == 1 else classes.most_specific(types)) != _CLAIM:
                continue
            first: dict[str, str] = {}  # the least object of each property, as `network._supports` picks them
            for p, o in self.links.get(claim, ()):
                for p2, o2 in (self.links.get(o, ()) if p in _SHARED_LINKS and o in shared else ((p, o),)):
                    if p2 not in first or o2 < first[p2]:
                        first[p2] = o2
            subject, predicate, obj = first.get(_SUBJECT), first.get(_PREDICATE), first.get(_OBJECT)
            obj_is_iri = obj is not None
            if obj is None:
                obj = self.objects.get(claim)
            if subject is None or predicate is None or obj is None:
                continue
            evidence = first.get(_EVIDENCE)
            quote = None
            if evidence:
                selectors = sorted(o for p, o in self.links.get(evidence, ()) if p == _SELECTOR)
                quote = next((self.quotes[sel] for sel in selectors if sel in self.quotes), None)
            article = first.get(_STATED_IN) or (evidence and _first(self.links.get(evidence, []), _HAS_SOURCE))
            yield Support(claim, subject, predicate, obj, obj_is_iri, article or None, evidence, quote)


def _first(values: list[tuple[str, str]], prop: str) -> str | None:
    return min((o for p, o in values if p == prop), default=None)
