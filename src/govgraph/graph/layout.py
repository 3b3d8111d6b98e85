"""Node positions computed before the page opens, so that large graphs render without running physics.

The political structure is laid out first: a force-directed layout (networkx spring, started from a
radial tree) when it is small; when it is large, a spring layout of the hubs (a branch of power, a
party) and of the clusters the rest falls into without them (a region with its bodies, offices and
office holders), each cluster drawn as a radial tree where the spring put it. Up to SEPARATE_MAX nodes,
they are then pushed apart, in bounded rounds, until their boxes (a node and the label the first screen
writes under it) do not overlap. Deferred nodes (not on the first screen: changes folded into their
reform, countries mentioned in passing) go beside what they link to. Provenance nodes are then set around what they are
about: a claim beside its subject, a quote beside its claim; hubs such as source articles and the build
run go on a ring around the whole. Same input, same positions.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

SPRING_MAX = 300  # above this many structure nodes, networkx's spring layout takes more than a second
HUB_DEGREE = 20  # in a large graph, nodes with this many links or more are hubs that clusters gather around
MAX_HUBS = 150
SUPER_MAX = 200  # hubs plus bundles of clusters in a large graph's spring layout (~0.07 s)
SEPARATE_MAX = 400  # above this many first-screen nodes, boxes are not kept apart (n x n arrays each round)
_GAP = 6.0  # room left between two labelled nodes
_SHRINKS = 3
_STEP = 25.0  # the most a node moves in one round of parting boxes
_ASPECT = 1.3  # width / height of the picture: a browser window without the page's side bar
_RING = 170.0  # distance between the rings of a radial tree
_SPACING = 70.0  # room for one node along a ring
_GOLDEN = math.pi * (3 - math.sqrt(5))

Point = tuple[float, float]


def compute_layout(count: int, edges: Sequence[tuple[int, int]], provenance: Sequence[bool], hub_degree: int = 12, *,
                   deferred: Sequence[bool] | None = None,
                   boxes: Sequence[tuple[float, float, float]] | None = None) -> list[Point]:
    """Positions of nodes 0..count-1, rounded to 0.1 px.

    Args:
        count: number of nodes.
        edges: (source, target) index pairs; direction is ignored.
        provenance: per node, whether it is a provenance node (laid out after the structure).
        hub_degree: provenance nodes with more neighbours than this go on the outer ring.
        deferred: per node, whether it is left out of the structure's layout and set beside a neighbour after it.
        boxes: per node, the half width and half height of the node with its label, and how far below the node
            the box's centre is; the structure's nodes are pushed apart until their boxes do not overlap
            (up to SEPARATE_MAX nodes, in a bounded number of rounds).

    Returns:
        One (x, y) per node.
    """
    adjacency: list[set[int]] = [set() for _ in range(count)]
    for s, o in edges:
        if s != o:
            adjacency[s].add(o)
            adjacency[o].add(s)
    later = deferred or [False] * count
    structure = [i for i in range(count) if not provenance[i] and not later[i]]
    struct_adj = {i: sorted(j for j in adjacency[i] if not provenance[j] and not later[j]) for i in structure}
    place = _spring if len(structure) <= SPRING_MAX else _around_hubs
    positions = place(structure, struct_adj)
    if boxes is not None and len(structure) <= SEPARATE_MAX:
        _aspect(positions, structure, _ASPECT)
        _separate(positions, structure, boxes)
        for _ in range(_SHRINKS):  # pull the picture in and part the boxes again: the gaps close, no overlap comes back
            _shrink(positions, structure, 0.8)
            _separate(positions, structure, boxes)
        _aspect(positions, structure, _ASPECT)  # stretching one axis only moves boxes further apart
    _place_provenance(positions, adjacency, [i for i in range(count) if later[i] and not provenance[i]], count)
    _place_provenance(positions, adjacency, [i for i in range(count) if provenance[i]], hub_degree)
    return [(round(positions[i][0], 1), round(positions[i][1], 1)) for i in range(count)]


def _spring(nodes: list[int], adjacency: dict[int, list[int]]) -> dict[int, Point]:
    if not nodes:
        return {}
    import networkx as nx

    start = _radial(nodes, adjacency)
    graph = nx.Graph()
    graph.add_nodes_from(nodes)
    graph.add_edges_from((i, j) for i in nodes for j in adjacency[i] if i < j)
    if len(nodes) == 1:
        return {nodes[0]: (0.0, 0.0)}
    scale = 70.0 * math.sqrt(len(nodes))
    pos = nx.spring_layout(graph, pos=start, seed=7, iterations=120, scale=scale, center=(0, 0),
                           k=3.0 / math.sqrt(len(nodes)))
    return {i: (float(pos[i][0]), float(pos[i][1])) for i in nodes}


def _components(nodes: list[int], adjacency: dict[int, list[int]]) -> list[list[int]]:
    seen: set[int] = set()
    components = []
    for start in nodes:
        if start in seen:
            continue
        seen.add(start)
        component, frontier = [start], [start]
        while frontier:
            nxt = []
            for i in frontier:
                for j in adjacency[i]:
                    if j not in seen:
                        seen.add(j)
                        nxt.append(j)
            component.extend(nxt)
            frontier = nxt
        components.append(component)
    components.sort(key=lambda c: (-len(c), min(c)))
    return components


def _radial_tree(component: list[int], adjacency: dict[int, list[int]]) -> dict[int, Point]:
    """A breadth-first tree from the best-connected node, each subtree in a wedge as wide as its leaves."""
    root = min(component, key=lambda i: (-len(adjacency[i]), i))
    children: dict[int, list[int]] = {root: []}
    depth = {root: 0}
    order = [root]
    for i in order:
        for j in adjacency[i]:
            if j not in depth:
                depth[j] = depth[i] + 1
                children[i].append(j)
                children[j] = []
                order.append(j)
    leaves = dict.fromkeys(component, 1)
    for i in reversed(order):
        if children[i]:
            leaves[i] = sum(leaves[j] for j in children[i])
    per_depth: dict[int, int] = {}
    for i in order:
        per_depth[depth[i]] = per_depth.get(depth[i], 0) + 1
    radius = [0.0]
    for d in range(1, max(per_depth) + 1):
        radius.append(max(radius[-1] + _RING, per_depth[d] * _SPACING / (2 * math.pi)))
    wedge = {root: (0.0, 2 * math.pi)}
    positions = {root: (0.0, 0.0)}
    for i in order:
        lo, hi = wedge[i]
        if i != root:
            mid = (lo + hi) / 2
            positions[i] = (radius[depth[i]] * math.cos(mid), radius[depth[i]] * math.sin(mid))
        cursor = lo
        for j in children[i]:
            width = (hi - lo) * leaves[j] / leaves[i]
            wedge[j] = (cursor, cursor + width)
            cursor += width
    return positions


def _radial(nodes: list[int], adjacency: dict[int, list[int]]) -> dict[int, Point]:
    """Radial trees of the connected components, largest first, packed row by row."""
    placed = [(_radial_tree(c, adjacency), c) for c in _components(nodes, adjacency)]
    boxes = []
    for positions, _ in placed:
        xs = [p[0] for p in positions.values()]
        ys = [p[1] for p in positions.values()]
        boxes.append((min(xs), min(ys), max(xs) - min(xs) + _SPACING * 2, max(ys) - min(ys) + _SPACING * 2))
    row_width = max(max(b[2] for b in boxes), math.sqrt(sum(b[2] * b[3] for b in boxes)) * 1.2) if boxes else 0
    result: dict[int, Point] = {}
    x = y = row_height = 0.0
    for (positions, _), (min_x, min_y, width, height) in zip(placed, boxes, strict=True):
        if x > 0 and x + width > row_width:
            x, y, row_height = 0.0, y + row_height, 0.0
        for i, (px, py) in positions.items():
            result[i] = (x + px - min_x + _SPACING, y + py - min_y + _SPACING)
        x += width
        row_height = max(row_height, height)
    if result:  # centre the picture on the origin, where the view opens
        cx = (min(p[0] for p in result.values()) + max(p[0] for p in result.values())) / 2
        cy = (min(p[1] for p in result.values()) + max(p[1] for p in result.values())) / 2
        result = {i: (px - cx, py - cy) for i, (px, py) in result.items()}
    return result


def _around_hubs(nodes: list[int], adjacency: dict[int, list[int]]) -> dict[int, Point]:
    """Hubs and the clusters between them laid out together by spring; each cluster drawn as a radial tree.

    Hubs are the best-connected nodes (a branch of power with all its bodies, a party with its members).
    Without them the graph falls apart into small clusters (a region with its bodies, offices and office
    holders). The spring layout runs on a small graph of hubs and bundles of clusters (clusters that link to
    the same hubs, bundled until there are at most SUPER_MAX), so each cluster lands between the hubs it
    is linked to. Clusters that touch no hub are packed beside the picture.
    """
    hubs = sorted(sorted((i for i in nodes if len(adjacency[i]) >= HUB_DEGREE), key=lambda i: (-len(adjacency[i]), i))[:MAX_HUBS])
    hub_set = set(hubs)
    plain = [i for i in nodes if i not in hub_set]
    plain_adj = {i: [j for j in adjacency[i] if j not in hub_set] for i in plain}
    linked: list[tuple[list[int], dict[int, int]]] = []
    free: list[int] = []
    for cluster in _components(plain, plain_adj):
        touched: dict[int, int] = {}
        for i in cluster:
            for j in adjacency[i]:
                if j in hub_set:
                    touched[j] = touched.get(j, 0) + 1
        if touched:
            linked.append((cluster, touched))
        else:
            free.extend(cluster)
    bundles = _bundle(linked, SUPER_MAX - len(hubs))
    trees = [_radial_tree(cluster, plain_adj) for cluster, _ in linked]
    reach = [max((math.hypot(*p) for p in tree.values()), default=0.0) + _SPACING / 2 for tree in trees]
    # one bundle = clusters in a sunflower; its radius is what the spring layout must leave room for
    offsets: dict[int, Point] = {}
    radius: list[float] = []
    for members in bundles:
        area = 0.0
        for k, c in enumerate(sorted(members, key=lambda c: (-reach[c], c))):
            rho = 0.0 if k == 0 else math.sqrt(area / math.pi) + reach[c]
            area += (2 * reach[c]) ** 2
            offsets[c] = (rho * math.cos(k * _GOLDEN), rho * math.sin(k * _GOLDEN))
        radius.append(max(math.hypot(*offsets[c]) + reach[c] for c in members))
    links: dict[tuple[int, int], float] = {}
    for b, members in enumerate(bundles):
        for c in members:
            for h, count in linked[c][1].items():
                links[(h, len(hubs) + b)] = links.get((h, len(hubs) + b), 0) + count
    for h in hubs:
        for j in adjacency[h]:
            if j in hub_set and h < j:
                links[(h, j)] = links.get((h, j), 0) + 1
    index = {h: k for k, h in enumerate(hubs)}
    sizes = [_SPACING] * len(hubs) + radius
    centres = _spread(len(sizes), [(index.get(a, a), index.get(b, b)) for a, b in links], list(links.values()), sizes)
    positions: dict[int, Point] = {h: centres[index[h]] for h in hubs}
    for b, members in enumerate(bundles):
        bx, by = centres[len(hubs) + b]
        for c in members:
            ox_, oy = offsets[c]
            for i, (px, py) in trees[c].items():
                positions[i] = (bx + ox_ + px, by + oy + py)
    if free:
        aside = _radial(free, plain_adj)
        right = max((p[0] for p in positions.values()), default=0.0) + _RING
        left = min(p[0] for p in aside.values())
        top = min((p[1] for p in positions.values()), default=0.0) - min(p[1] for p in aside.values())
        positions.update({i: (px - left + right, py + top) for i, (px, py) in aside.items()})
    return positions


def _bundle(linked: list[tuple[list[int], dict[int, int]]], room: int) -> list[list[int]]:
    """Group clusters that link to the same hubs, coarser and coarser until the groups fit in `room`."""
    def signature(touched: dict[int, int], top: int | None) -> tuple[int, ...]:
        ranked = sorted(touched, key=lambda h: (-touched[h], h))
        return tuple(sorted(ranked[:top] if top else ranked))

    groups: dict[tuple[int, ...], list[int]] = {}
    for top in (None, 3, 2, 1):
        groups = {}
        for c, (_, touched) in enumerate(linked):
            groups.setdefault(signature(touched, top), []).append(c)
        if len(groups) <= max(room, 1) or top == 1:
            break
    return [groups[key] for key in sorted(groups)]


def _spread(count: int, edges: list[tuple[int, int]], weights: list[float], sizes: list[float]) -> list[Point]:
    """Spring layout of a small weighted graph, scaled so that most nodes keep clear of their nearest neighbour."""
    if count == 1:
        return [(0.0, 0.0)]
    import networkx as nx
    import numpy as np

    graph = nx.Graph()
    graph.add_nodes_from(range(count))
    graph.add_weighted_edges_from((a, b, w) for (a, b), w in zip(edges, weights, strict=True))
    pos = nx.spring_layout(graph, seed=7, iterations=60, weight="weight")
    xy = np.array([pos[i] for i in range(count)], dtype=float)
    radii = np.array(sizes)
    gaps = np.hypot(xy[:, None, 0] - xy[None, :, 0], xy[:, None, 1] - xy[None, :, 1])
    np.fill_diagonal(gaps, np.inf)
    need = (radii[:, None] + radii[None, :]) / np.maximum(gaps, 1e-9)
    scale = float(np.percentile(need.max(axis=1), 90))
    return [(float(x) * scale, float(y) * scale) for x, y in xy]


def _aspect(positions: dict[int, Point], nodes: list[int], ratio: float) -> None:
    """Stretch the shorter side so that the picture is `ratio` times as wide as it is high."""
    if len(nodes) < 2:
        return
    xs = [positions[i][0] for i in nodes]
    ys = [positions[i][1] for i in nodes]
    width, height = max(xs) - min(xs), max(ys) - min(ys)
    if not width or not height:
        return
    sx, sy = (1.0, width / ratio / height) if width > ratio * height else (height * ratio / width, 1.0)
    for i in nodes:
        positions[i] = (positions[i][0] * sx, positions[i][1] * sy)


def _shrink(positions: dict[int, Point], nodes: list[int], factor: float) -> None:
    cx = sum(positions[i][0] for i in nodes) / len(nodes)
    cy = sum(positions[i][1] for i in nodes) / len(nodes)
    for i in nodes:
        x, y = positions[i]
        positions[i] = (cx + (x - cx) * factor, cy + (y - cy) * factor)


def _separate(positions: dict[int, Point], nodes: list[int], boxes: Sequence[tuple[float, float, float]],
              rounds: int = 120) -> None:
    """Push overlapping boxes apart, a little each round, until none overlaps (or `rounds` is reached)."""
    if len(nodes) < 2:
        return
    import numpy as np

    xy = np.array([positions[i] for i in nodes], dtype=float)
    half = np.array([boxes[i][:2] for i in nodes], dtype=float) + _GAP / 2
    below = np.array([boxes[i][2] for i in nodes], dtype=float)
    xy[:, 1] += below
    order = np.arange(len(nodes), dtype=float)
    tie = np.sign(order[:, None] - order[None, :])  # which way two boxes at the same place part
    for _ in range(rounds):
        dx = xy[:, None, 0] - xy[None, :, 0]
        dy = xy[:, None, 1] - xy[None, :, 1]
        ox = half[:, None, 0] + half[None, :, 0] - np.abs(dx)
        oy = half[:, None, 1] + half[None, :, 1] - np.abs(dy)
        hit = (ox > 0) & (oy > 0)
        np.fill_diagonal(hit, False)
        if not hit.any():
            break
        # along the line between the two centres (the layout keeps its shape), just far enough to part them
        dist = np.hypot(dx, dy)
        ux = np.where(dist > 0, dx / np.maximum(dist, 1e-9), tie)
        uy = np.where(dist > 0, dy / np.maximum(dist, 1e-9), 0.0)
        push = np.minimum(ox / np.maximum(np.abs(ux), 1e-3), oy / np.maximum(np.abs(uy), 1e-3)) + 0.5
        push = np.where(hit, push, 0.0)
        # a third of every push, but no more than _STEP a round: a node in a crowd is not flung out of the picture
        mx = 0.3 * (push * ux).sum(axis=1)
        my = 0.3 * (push * uy).sum(axis=1)
        cut = np.minimum(1.0, _STEP / np.maximum(np.hypot(mx, my), 1e-9))
        xy[:, 0] += mx * cut
        xy[:, 1] += my * cut
    xy[:, 1] -= below
    for i, (x, y) in zip(nodes, xy, strict=True):
        positions[i] = (float(x), float(y))


def _place_provenance(positions: dict[int, Point], adjacency: list[set[int]], nodes: list[int], hub_degree: int) -> None:
    """Hubs on a ring around everything placed so far; the others beside their nearest placed neighbour."""
    hubs = [i for i in nodes if len(adjacency[i]) > hub_degree]
    _ring(positions, hubs)
    pending = [i for i in nodes if i not in positions]
    children: dict[int, int] = {}
    hub_set, prov_set = set(hubs), set(nodes)
    while pending:
        waiting = []
        placed_now: dict[int, Point] = {}
        for i in pending:
            anchors = [j for j in adjacency[i] if j in positions]
            if not anchors:
                waiting.append(i)
                continue
            anchor = min(anchors, key=lambda j: (j in hub_set, j in prov_set, -len(adjacency[j]), j))
            k = children.get(anchor, 0)
            children[anchor] = k + 1
            radius = 45.0 + 22.0 * math.sqrt(k)
            angle = k * _GOLDEN + anchor
            ax, ay = positions[anchor]
            placed_now[i] = (ax + radius * math.cos(angle), ay + radius * math.sin(angle))
        if not placed_now:
            _ring(positions, waiting)
            return
        positions.update(placed_now)
        pending = waiting


def _ring(positions: dict[int, Point], nodes: list[int]) -> None:
    if not nodes:
        return
    if positions:
        cx = sum(p[0] for p in positions.values()) / len(positions)
        cy = sum(p[1] for p in positions.values()) / len(positions)
        reach = max(math.hypot(p[0] - cx, p[1] - cy) for p in positions.values())
    else:
        cx = cy = reach = 0.0
    radius = max(reach + _RING, len(nodes) * _SPACING * 2 / (2 * math.pi))
    for k, i in enumerate(nodes):
        angle = 2 * math.pi * k / len(nodes) - math.pi / 2
        positions[i] = (cx + radius * math.cos(angle), cy + radius * math.sin(angle))
