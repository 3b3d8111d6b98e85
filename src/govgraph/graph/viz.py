"""The interactive network view: one self-contained HTML file that works offline.

The page is a pyvis Network rendered through pyvis's template mechanism with the product's own
template (viz_assets/page.html): pyvis holds the nodes, edges and vis options and renders them; the
template inlines vis-network from pyvis's bundled copy with the page's own script and style, so nothing
is fetched from anywhere when the page opens. Nodes and edges go into ``net.nodes``/``net.edges``
directly: pyvis 0.3.2's add_node/add_edge check for duplicates in lists, quadratic in the graph's size.
"""

from __future__ import annotations

import gc
import importlib.util
import re
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

from govgraph.errors import InputError, MissingDependencyError
from govgraph.files import write_atomic
from govgraph.graph.census import take_census
from govgraph.graph.entityview import project_entities
from govgraph.graph.focus import neighbourhood, resolve
from govgraph.graph.network import Network, project
from govgraph.graph.overview import is_overview
from govgraph.graph.timeline import period, timeline
from govgraph.graph.vizdata import page_data
from govgraph.graph.vizstyle import vis_options
from govgraph.namespaces import SCHEMA_GRAPH

if TYPE_CHECKING:
    from govgraph.graph.store import GraphStore

_ASSETS = "viz_assets"
_TEMPLATE = "page.html"
# compact, sorted and not ASCII-escaped; Jinja's tojson still escapes < > & ' so no text can close a script
_JSON = {"sort_keys": True, "ensure_ascii": False, "separators": (",", ":"), "allow_nan": False}
_SOURCE_MAP = re.compile(r"//# sourceMappingURL=\S*")


@dataclass(slots=True)
class GraphQuads:
    """A graph's quads, readable more than once: the page of a large graph reads them twice, never holding them.

    `read()` gives every quad, schema graph included, the quads of each named graph together (as the build's
    sorted spool and a store give them); `schema` holds the schema graph's quads, read before the others.
    """

    schema: list[ox.Quad]
    read: Callable[[], Iterable[ox.Quad]]

    @classmethod
    def of(cls, quads: Iterable[ox.Quad]) -> GraphQuads:
        """Quads in any order, held in memory and put together by named graph."""
        listed = sorted(quads, key=lambda quad: str(quad.graph_name))
        return cls([q for q in listed if q.graph_name == _SCHEMA], lambda: listed)

    @classmethod
    def of_store(cls, store: GraphStore) -> GraphQuads:
        """The quads of a store, read from it a named graph at a time, each time they are read."""
        graphs = store.graphs()
        schema = list(store.graph_quads(_SCHEMA)) if _SCHEMA in graphs else []
        return cls(schema, lambda: (quad for graph in graphs for quad in store.graph_quads(graph)))


_SCHEMA = ox.NamedNode(str(SCHEMA_GRAPH))


@dataclass(slots=True)
class VizSummary:
    """What a page holds, for the command's summary line and for tests."""

    target: Path
    nodes: int
    edges: int
    shown_nodes: int
    shown_edges: int
    seconds: float
    stage_seconds: dict[str, float] = field(default_factory=dict)
    in_details: int = 0  # a large graph's page: provenance nodes counted and quoted in the details, not drawn


def write_visualization(
    quads: Iterable[ox.Quad] | GraphQuads,
    target: Path,
    *,
    as_of: str | None = None,
    focus: str | None = None,
    depth: int = 2,
    title: str | None = None,
) -> VizSummary:
    """Write the network view of a graph to one HTML file.

    Args:
        quads: every quad of the graph, schema graph included (labels of classes and properties); a
            `GraphQuads` to read them from disk or a store twice instead of holding them (a large graph).
        target: the HTML file to write (atomically).
        as_of: open the time control at this date (YYYY, YYYY-MM or YYYY-MM-DD); no time filter when None.
        focus: keep only the neighbourhood of this entity (IRI, key such as kz/mazhilis, or label).
        depth: how many links around `focus` to keep.
        title: heading of the page.

    Returns:
        Node and edge counts of the page (all, and shown when it opens) and the time taken.

    Raises:
        InputError: `as_of` is not a date, `depth` is negative, or `focus` names no single entity.
    """
    started = time.perf_counter()
    day = _as_of_day(as_of)
    if depth < 0:
        raise InputError(f"--depth {depth}: give 0 or more links")
    stages: dict[str, float] = {}
    with _no_cyclic_gc():
        network = _project(quads if isinstance(quads, GraphQuads) else GraphQuads.of(quads), focus, stages)
        stages["project"] = time.perf_counter() - started
        keep, focus_iri = None, None
        if focus is not None:
            focus_iri = resolve(network, focus)
            keep = neighbourhood(network, focus_iri, depth)
            title = title or f"Around {network.nodes[focus_iri].label} ({depth} link{'s' if depth != 1 else ''})"
        t0 = time.perf_counter()
        data = page_data(network, timeline(network), keep, title=title or "govgraph network", as_of=day, focus=focus_iri)
        stages["data"] = time.perf_counter() - t0
        t0 = time.perf_counter()
        page = render_page(data).encode("utf-8")
        def write(tmp: Path) -> None:
            tmp.write_bytes(page)

        write_atomic(target, write)
        stages["html"] = time.perf_counter() - t0
    meta = data["meta"]
    return VizSummary(target, meta["nodes"], meta["edges"], meta["structureNodes"], meta["structureEdges"],
                      time.perf_counter() - started, stages, meta.get("provenance", 0))


def write_store_visualization(out_dir: Path, store: str | None, target: Path, **options: Any) -> VizSummary:
    """Write the network view of a built store (DIR/store, or the one `store` selects).

    Args:
        out_dir: output folder of a build.
        store: a store selector instead of DIR/store.
        target: the HTML file to write.
        options: as_of, focus, depth, title (see `write_visualization`).

    Returns:
        Node and edge counts of the page and the time taken.

    Raises:
        StoreError: no store there.
        InputError: see `write_visualization`.
    """
    from govgraph.graph.store import store_for

    graph_store = store_for(out_dir, store)
    try:
        return write_visualization(GraphQuads.of_store(graph_store), target, **options)
    finally:
        graph_store.close()


def _project(quads: GraphQuads, focus: str | None, stages: dict[str, float]) -> Network:
    """The network a page is made of: a large graph's entities only (counted first, then read again), else all."""
    if focus is None:
        t0 = time.perf_counter()
        census = take_census(quads.schema, quads.read())
        stages["census"] = time.perf_counter() - t0
        if is_overview(census.nodes):
            return project_entities(census, quads.schema, quads.read())
    return project(quads.read())


@contextmanager
def _no_cyclic_gc() -> Iterator[None]:
    """Pause the cycle collector: the projection allocates a few objects per quad, none in cycles,
    and the collector rescanning them all again and again took a third of the time on 10,000 nodes."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _as_of_day(value: str | None) -> str | None:
    if value is None:
        return None
    span = period(value)
    if span is None:
        raise InputError(f"--as-of {value!r}: not a date; use YYYY, YYYY-MM or YYYY-MM-DD")
    return span[0]


def render_page(data: dict[str, Any]) -> str:
    """The HTML page for page data: a pyvis Network rendered with the page's template, everything inline.

    Raises:
        MissingDependencyError: pyvis is not installed.
    """
    meta = data["meta"]
    net = _network(meta["title"])
    net.nodes = data["nodes"]
    net.edges = data["edges"]
    net.options = vis_options(data["classes"], physics=meta["physics"], large=meta["large"])
    with resources.as_file(resources.files("govgraph.graph").joinpath(_ASSETS)) as folder:
        net.set_template_dir(str(folder), _TEMPLATE)
        env = net.templateEnv
        env.policies["json.dumps_kwargs"] = _JSON
        env.globals.update(page={k: v for k, v in data.items() if k not in ("nodes", "edges")},
                           css=_asset("page.css"), script=_asset("page.js"), vis_js=vis_network_js())
        return net.generate_html(name="graph.html")


def _network(title: str) -> Any:
    try:
        from pyvis.network import Network
    except ImportError as exc:
        raise MissingDependencyError(f"the network view needs pyvis ({exc}): pip install pyvis") from exc
    # "in_line": pyvis must never point the page at a CDN; the template inlines vis-network itself
    return Network(heading=title, directed=True, cdn_resources="in_line")


@lru_cache(maxsize=8)
def _asset(name: str) -> str:
    return resources.files("govgraph.graph").joinpath(_ASSETS, name).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def vis_network_js() -> str:
    """vis-network's standalone script from the newest copy bundled with pyvis.

    Raises:
        MissingDependencyError: pyvis (or its bundled vis-network) is not installed.
    """
    spec = importlib.util.find_spec("pyvis")
    if spec is None or not spec.submodule_search_locations:
        raise MissingDependencyError("the network view needs pyvis (it bundles vis-network): pip install pyvis")
    lib = Path(next(iter(spec.submodule_search_locations))) / "templates" / "lib"
    copies = sorted(lib.glob("vis-*/vis-network.min.js"), key=lambda p: _version(p.parent.name))
    if not copies:
        raise MissingDependencyError(f"no vis-network.min.js under {lib}; reinstall pyvis: pip install --force-reinstall pyvis")
    script = _SOURCE_MAP.sub("", copies[-1].read_text(encoding="utf-8"))
    return script.replace("</script", "<\\/script")


def _version(name: str) -> tuple[int, ...]:
    return tuple(int(n) for n in re.findall(r"\d+", name))
