"""When things existed: date intervals of nodes and edges, from the dates the graph states.

An interval is ``(start, end)`` of ISO day strings, start inclusive and end exclusive, either side
``None`` when unknown; a thing may have several (a court abolished and re-established later).
Partial dates widen to their period: a tenure that ends "2022" ends before 2023-01-01. What a reform
does moves the dates of what it touches: a thing it creates or re-establishes exists from the
reform's date, a thing it abolishes exists until that date, and its changes happen on its date. Nodes
and edges without any date have no interval and are always shown.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from govgraph.graph.network import Network
from govgraph.namespaces import GG, ORG

Interval = tuple[str | None, str | None]

_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:$|[TZ+\-])")
_STARTS = (str(GG.startDate), str(GG.existedFrom), str(GG.date))
_ENDS = (str(GG.endDate), str(GG.existedUntil))
_BEGINS_BY = (str(GG.creates), str(GG.reestablishes), str(GG.transformsTo))
_ENDS_BY = (str(GG.abolishes), str(GG.transformsFrom))
_HOLDING = (str(GG.holder), str(GG.holds), str(ORG.heldBy), str(ORG.holds))
_HAS_CHANGE = str(GG.hasChange)
_HELD_ON, _STATUS = str(GG.heldOn), str(GG.tenureStatus)


def period(value: str) -> tuple[str, str] | None:
    """First day of a (possibly partial) date and the day after its last day; None if it is not a date.

    '2022' -> ('2022-01-01', '2023-01-01'); '2022-09' -> ('2022-09-01', '2022-10-01');
    '2022-09-17' -> ('2022-09-17', '2022-09-18').
    """
    match = _DATE.match(value.strip())
    if not match:
        return None
    year, month, day = int(match[1]), match[2], match[3]
    try:
        if day:
            first = dt.date(year, int(month), int(day))
            after = first + dt.timedelta(days=1)
        elif month:
            first = dt.date(year, int(month), 1)
            after = dt.date(year + (first.month == 12), first.month % 12 + 1, 1)
        else:
            first, after = dt.date(year, 1, 1), dt.date(year + 1, 1, 1)
    except ValueError:
        return None
    return first.isoformat(), after.isoformat()


def day_before(day: str) -> str:
    """The ISO day before an ISO day."""
    return (dt.date.fromisoformat(day) - dt.timedelta(days=1)).isoformat()


@dataclass(slots=True)
class Timeline:
    """When the dated nodes and edges existed (one or more intervals each), and the dates at which the picture changes."""

    nodes: dict[str, list[Interval]]
    edges: dict[tuple[str, str, str], list[Interval]]

    def stops(self) -> list[str]:
        """Every date at which something starts or ends, sorted."""
        spans = (*self.nodes.values(), *self.edges.values())
        return sorted({day for intervals in spans for interval in intervals for day in interval if day})


def _own(network: Network, iri: str) -> Interval:
    """A node's stated dates; a tenure with no stated start runs from the first day it was seen in office, and
    a former holder's with no stated end until the last (as the office-holder-on-date query reads them)."""
    starts, ends, seen, former = [], [], [], False
    for prop, value in network.nodes[iri].literals:
        if prop in _STARTS and (span := period(value)):
            starts.append(span[0])
        elif prop in _ENDS and (span := period(value)):
            ends.append(span[1])
        elif prop == _HELD_ON and (span := period(value)):
            seen.append(span)
        elif prop == _STATUS:
            former = True
    if seen and not starts:
        starts.append(min(seen)[0])
    if seen and former and not ends:
        ends.append(max(seen)[1])
    return (min(starts, default=None), max(ends, default=None))


def _event_day(iri: str, own: dict[str, Interval], reform_of: dict[str, str]) -> str | None:
    """The date of a reform or change: its own, else that of the reform it belongs to."""
    return own[iri][0] or own.get(reform_of.get(iri, ""), (None, None))[0]


def _intervals(own: Interval, begins: list[str], ends: list[str]) -> list[Interval]:
    """A thing's own dates, completed by what reforms did to it; created again after it ended, it exists again."""
    start, end = own
    again = None
    for day in sorted(begins):
        if end and day >= end:
            again = again or day
        elif start is None:
            start = day
    if end is None:
        end = min((d for d in ends if start is None or d > start), default=None)
    intervals = [(start, end)] if start or end else []
    if again:
        intervals.append((again, None))
    return intervals


def timeline(network: Network) -> Timeline:
    """The intervals of the network's nodes and edges.

    Args:
        network: the projected graph.

    Returns:
        Intervals of the dated nodes and of the dated edges (holding an office, from tenures).
    """
    own = {iri: _own(network, iri) for iri in network.nodes}
    reform_of: dict[str, str] = {}
    for s, p, o in network.edges:
        if p == _HAS_CHANGE and (o not in reform_of or s < reform_of[o]):
            reform_of[o] = s
    begins: dict[str, list[str]] = {}
    ends: dict[str, list[str]] = {}
    for s, p, o in network.edges:
        if p in _BEGINS_BY or p in _ENDS_BY:
            day = _event_day(s, own, reform_of)
            if day:
                (begins if p in _BEGINS_BY else ends).setdefault(o, []).append(day)
    for change, reform in reform_of.items():  # a reform's changes happen with it
        if (begun := own[reform][0]) is not None:
            begins.setdefault(change, []).append(begun)
    nodes: dict[str, list[Interval]] = {}
    for iri, interval in own.items():
        intervals = _intervals(interval, begins.get(iri, []), ends.get(iri, []))
        if intervals:
            nodes[iri] = intervals
    return Timeline(nodes, _holding_edges(network, nodes))


def _holding_edges(network: Network, nodes: dict[str, list[Interval]]) -> dict[tuple[str, str, str], list[Interval]]:
    """A person holds an office during the tenures that link them; always, as far as we know, if one is undated."""
    spans: dict[tuple[str, str], list[Interval]] = {}
    tenure = str(GG.Tenure)
    for iri, node in network.nodes.items():
        if node.cls != tenure:
            continue
        for person in network.out(iri, str(ORG.member)):
            for office in network.out(iri, str(GG.post)):
                spans.setdefault((person, office), []).extend(nodes.get(iri) or [(None, None)])
    edges: dict[tuple[str, str, str], list[Interval]] = {}
    for key in network.edges:
        s, p, o = key
        if p not in _HOLDING:
            continue
        intervals = spans.get((s, o) if p in (str(GG.holds), str(ORG.holds)) else (o, s))
        if intervals and (None, None) not in intervals:
            edges[key] = sorted(set(intervals), key=lambda iv: (iv[0] or "", iv[1] or "9999"))
    return edges
