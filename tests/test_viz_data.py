"""The network page's data and HTML, checked against the graph it was written from (no browser)."""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path
from types import ModuleType

import pyoxigraph as ox
import pytest

from conftest import run_cli
from govgraph.errors import InputError
from govgraph.graph.focus import neighbourhood, resolve
from govgraph.graph.network import project
from govgraph.graph.store import open_store
from govgraph.graph.timeline import period, timeline
from govgraph.graph.viz import write_visualization
from govgraph.namespaces import ID, sparql_prologue

BLOCK = '<script type="application/json" id="gg-{}">(.*?)</script>'

# nodes as the page defines them, counted straight from the graph: typed instances (quote selectors, intervals,
# evidence records and extraction methods are parts of other nodes) and the schema individuals (branches) that
# instances point at
NODE_COUNT = sparql_prologue() + """
SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {
  { ?s a ?c . FILTER(isIRI(?s) && STRSTARTS(STR(?s), STR(ggid:)))
    FILTER(?c NOT IN (oa:TextQuoteSelector, oa:TextPositionSelector, time:Interval, time:Instant, gg:EvidenceRecord,
                      gg:ExtractionMethod)) }
  UNION
  { GRAPH ggid:graph\\/schema { ?s a owl:NamedIndividual } GRAPH ?g { ?x ?p ?s } FILTER(?g != ggid:graph\\/schema) }
}"""
PROVENANCE_COUNT = sparql_prologue() + """
SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {
  VALUES ?k { gg:Claim gg:SourceDocument gg:BuildRun gg:Conflict oa:SpecificResource }
  ?s a ?c . ?c rdfs:subClassOf* ?k . FILTER(isIRI(?s) && STRSTARTS(STR(?s), STR(ggid:)))
}"""
QUOTES_ABOUT = sparql_prologue() + """
SELECT DISTINCT ?exact WHERE {
  ?claim a gg:Claim ; gg:hasEvidence/gg:evidence ?e . { ?claim rdf:subject ?node } UNION { ?claim rdf:object ?node }
  ?e oa:hasSelector ?q . ?q oa:exact ?exact .
}"""


def page_data(html_file: Path) -> dict:
    """The JSON the page runs on: its own tables, and the nodes, edges and vis options pyvis wrote."""
    html = html_file.read_text(encoding="utf-8")
    data = json.loads(re.search(BLOCK.format("data"), html, re.S)[1])
    for name in ("nodes", "edges", "options"):
        data[name] = json.loads(re.search(BLOCK.format(name), html, re.S)[1])
    return data


def count(store, sparql: str) -> int:
    return int(next(iter(store.query(sparql)))["n"].value)


def load_synth() -> ModuleType:
    """bench/synth_graph.py: a synthetic political system with dated tenures, reforms and elections."""
    path = Path(__file__).resolve().parents[1] / "bench" / "synth_graph.py"
    spec = importlib.util.spec_from_file_location("synth_graph", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def sample_store(sample_build: Path):
    store = open_store(sample_build / "store")
    yield store
    store.close()


@pytest.fixture(scope="module")
def sample_data(sample_build: Path) -> dict:
    return page_data(sample_build / "graph.html")


@pytest.fixture(scope="module")
def synth_quads() -> list[ox.Quad]:
    return load_synth().synthetic_quads(400, seed=3)


def node_by_label(data: dict, label: str) -> dict:
    return next(n for n in data["nodes"] if n.get("full", n["label"]) == label)


def test_page_holds_every_node_of_the_graph_and_hides_provenance(sample_store, sample_data: dict):
    nodes = sample_data["nodes"]
    assert len(nodes) == count(sample_store, NODE_COUNT) == sample_data["meta"]["nodes"]
    provenance = [n for n in nodes if n.get("prov")]
    assert len(provenance) == count(sample_store, PROVENANCE_COUNT) > 0
    folded = [n for n in nodes if ("in" in n or "minor" in n) and not n.get("prov")]
    assert sample_data["meta"]["structureNodes"] == len(nodes) - len(provenance) - len(folded) > 20
    assert len({n["id"] for n in nodes}) == len(nodes) and [n["id"] for n in nodes] == list(range(len(nodes)))


def test_labels_are_human_not_iris(sample_data: dict):
    for node in sample_data["nodes"]:
        assert not node["label"].startswith(("http", "ggid:")), node
        assert node["label"].strip()
    mazhilis = node_by_label(sample_data, "Mazhilis")
    assert mazhilis["iri"] == str(ID["kz/mazhilis"])
    assert "Majilis" in mazhilis["alt"]


def test_edges_carry_the_ontology_label_of_their_property(sample_data: dict):
    mazhilis = node_by_label(sample_data, "Mazhilis")["id"]
    parliament = node_by_label(sample_data, "Parliament of Kazakhstan")["id"]
    labels = {e["label"] for e in sample_data["edges"] if e["from"] == mazhilis and e["to"] == parliament}
    assert "chamber of" in labels  # rdfs:label of gg:chamberOf in the schema graph
    props = sample_data["props"]
    assert all(e["label"] == props[e["p"]] for e in sample_data["edges"] if "label" in e)
    assert all("label" not in e for e in sample_data["edges"] if e.get("prov"))


def test_tooltip_quotes_are_the_sentences_of_the_claims_about_the_node(sample_store, sample_data: dict):
    node = node_by_label(sample_data, "Mazhilis")
    expected = {row["exact"].value for row in sample_store.query(QUOTES_ABOUT, bindings={"node": ox.NamedNode(node["iri"])})}
    shown = {sample_data["quotes"][q][0] for q in node["q"]}
    assert shown and shown <= expected
    assert len(shown) == min(len(expected), 30)
    for q in node["q"]:
        assert sample_data["articles"][sample_data["quotes"][q][1]]["title"]


def test_classes_have_a_colour_shape_and_count_and_structure_comes_first(sample_data: dict):
    classes = sample_data["classes"]
    assert sum(c["count"] for c in classes) == len(sample_data["nodes"])
    assert len({c["key"] for c in classes}) == len(classes)
    assert all(re.fullmatch(r"#[0-9a-f]{6}", c["color"]) and c["shape"] for c in classes)
    flags = [c["prov"] for c in classes]
    assert flags == sorted(flags)  # provenance classes last in the legend
    assert {n["group"] for n in sample_data["nodes"]} <= {c["key"] for c in classes}


def test_same_graph_gives_byte_identical_page_whatever_the_quad_order(sample_build: Path, tmp_path: Path):
    store = open_store(sample_build / "store")
    quads = list(store.quads())
    store.close()
    write_visualization(quads, tmp_path / "a.html")
    write_visualization(list(reversed(quads)), tmp_path / "b.html")
    assert (tmp_path / "a.html").read_bytes() == (tmp_path / "b.html").read_bytes()


def test_page_is_self_contained(sample_build: Path):
    html = (sample_build / "graph.html").read_text(encoding="utf-8")
    assert not re.search(r"<script[^>]+src=|<link(?![^>]*href=\"data:)[^>]*>|<img[^>]+src=|@import|url\(\s*['\"]?https?:",
                         html, re.I)
    assert '<link rel="icon" href="data:,">' in html  # no request for a favicon either
    assert "sourceMappingURL" not in html
    assert "vis.Network" in html and "DataSet" in html  # vis-network inlined, not fetched
    assert html.count("</script>") == 6


def test_text_in_the_graph_cannot_break_out_of_the_data_block(tmp_path: Path):
    quads = [ox.Quad(ox.NamedNode(str(ID["org/x"])), ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
                     ox.NamedNode("https://w3id.org/govgraph#Organization"), ox.DefaultGraph()),
             ox.Quad(ox.NamedNode(str(ID["org/x"])), ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"),
                     ox.Literal("</script><script>alert(1)</script>"), ox.DefaultGraph())]
    write_visualization(quads, tmp_path / "x.html")
    html = (tmp_path / "x.html").read_text(encoding="utf-8")
    assert "alert(1)</script>" not in html
    assert page_data(tmp_path / "x.html")["nodes"][0]["label"].startswith("</script>")


def test_periods_of_partial_dates():
    assert period("2022") == ("2022-01-01", "2023-01-01")
    assert period("2022-12") == ("2022-12-01", "2023-01-01")
    assert period("2023-03-19") == ("2023-03-19", "2023-03-20")
    assert period("2023-03-19Z") == ("2023-03-19", "2023-03-20")
    assert period("--03-19") is None and period("2022-02-30") is None and period("soon") is None


def test_dates_of_tenures_reforms_and_what_reforms_create(synth_quads):
    network = project(synth_quads)
    times = timeline(network)
    tenures = [iri for iri, n in network.nodes.items() if n.cls.endswith("#Tenure")]
    ended = [times.nodes[iri][0] for iri in tenures if iri in times.nodes and times.nodes[iri][0][1]]
    assert ended and all(start < end for start, end in ended)
    holding = [k for k in times.edges if k[1].endswith("#holder")]
    assert holding
    created = 0
    for (s, p, o) in network.edges:
        if p.endswith("#creates"):
            reform = next(r for (r, q, c) in network.edges if q.endswith("#hasChange") and c == s)
            assert times.nodes[o][0][0] == times.nodes[reform][0][0]
            created += 1
        if p.endswith("#hasChange"):  # a reform's changes happen on its date
            assert times.nodes[o] == [(times.nodes[s][0][0], None)]
    assert created


def test_a_thing_re_established_after_it_ended_exists_again():
    from govgraph.graph.timeline import _intervals

    court = ("1992-01-01", "1996-01-01")
    assert _intervals(court, ["2022-03-01"], []) == [court, ("2022-03-01", None)]
    assert _intervals((None, None), ["2022-03-01"], ["2024-01-01"]) == [("2022-03-01", "2024-01-01")]
    assert _intervals(("2000-01-01", None), [], ["1990-01-01"]) == [("2000-01-01", None)]  # an end before the start is not one


def test_reform_filter_scope_holds_the_reform_its_changes_and_what_they_change(synth_quads, tmp_path: Path):
    write_visualization(synth_quads, tmp_path / "s.html")
    data = page_data(tmp_path / "s.html")
    assert data["reforms"] and data["stops"] and data["stops"] == sorted(data["stops"])
    reform = data["reforms"][0]
    scope = {n["id"] for n in data["nodes"] if 0 in n.get("r", ())}
    assert reform["id"] in scope
    changes = {e["to"] for e in data["edges"] if e["from"] == reform["id"] and data["props"][e["p"]] == "has change"}
    assert changes and changes <= scope
    changed = {e["to"] for e in data["edges"] if e["from"] in changes and "prov" not in e}
    assert changed <= scope


def test_as_of_opens_the_time_control_at_that_date(synth_quads, tmp_path: Path):
    write_visualization(synth_quads, tmp_path / "s.html", as_of="2010-06")
    data = page_data(tmp_path / "s.html")
    assert data["meta"]["asOf"] == "2010-06-01" and "2010-06-01" in data["stops"]
    with pytest.raises(InputError, match="not a date"):
        write_visualization(synth_quads, tmp_path / "bad.html", as_of="June")
    assert not (tmp_path / "bad.html").exists()


def test_large_graph_gets_positions_and_physics_off(tmp_path: Path):
    quads = load_synth().synthetic_quads(2500, seed=2)
    summary = write_visualization(quads, tmp_path / "big.html")
    data = page_data(tmp_path / "big.html")
    assert summary.nodes == len(data["nodes"]) >= 2500
    assert data["meta"]["physics"] is False and data["meta"]["large"] is True
    positions = {(n["x"], n["y"]) for n in data["nodes"]}
    assert len(positions) > 0.95 * len(data["nodes"])  # laid out, not piled up


def test_focus_keeps_the_neighbourhood_and_the_provenance_about_it(sample_build: Path):
    store = open_store(sample_build / "store")
    network = project(store.quads())
    store.close()
    mazhilis = str(ID["kz/mazhilis"])
    assert resolve(network, "kz/mazhilis") == resolve(network, "ggid:kz/mazhilis") == resolve(network, "mazhilis") == mazhilis
    assert resolve(network, "Majilis") == mazhilis  # an alias
    only = neighbourhood(network, mazhilis, 0)
    near = neighbourhood(network, mazhilis, 1)
    structure = {i for i in near if not network.nodes[i].provenance}
    linked = {o for s, _, o in network.edges if s == mazhilis} | {s for s, _, o in network.edges if o == mazhilis}
    assert structure == {mazhilis} | {i for i in linked if not network.nodes[i].provenance}
    assert {i for i in only if not network.nodes[i].provenance} == {mazhilis}
    assert any(network.nodes[i].cls.endswith("#Claim") for i in only)
    with pytest.raises(InputError, match="did you mean 'Mazhilis'"):
        resolve(network, "Mazhilsi")


def test_viz_command_writes_a_focused_page(sample_build: Path, tmp_path: Path):
    target = tmp_path / "mazhilis.html"
    result = run_cli("viz", "--out", str(sample_build), "--focus", "Mazhilis", "--depth", "1", "-o", str(target))
    assert result.returncode == 0, result.stderr
    data = page_data(target)
    assert data["nodes"][data["meta"]["focus"]]["label"] == "Mazhilis"
    assert f"{data['meta']['nodes']} nodes" in result.stdout and str(target) in result.stdout


@pytest.mark.parametrize(("args", "message", "code"), [
    (["--as-of", "2022-13-01"], "--as-of '2022-13-01': not a date", 2),
    (["--focus", "no such body anywhere"], "no such entity", 2),
    (["--depth", "2"], "--depth needs --focus", 2),
])
def test_viz_command_user_errors_are_one_line(sample_build: Path, tmp_path: Path, args: list[str], message: str, code: int):
    result = run_cli("viz", "--out", str(sample_build), "-o", str(tmp_path / "x.html"), *args)
    assert result.returncode == code
    assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr and not (tmp_path / "x.html").exists()


def test_readme_screenshot_is_a_small_png():
    image = Path(__file__).resolve().parents[1] / "docs" / "img" / "graph.png"
    assert image.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert image.stat().st_size < 300_000


def test_page_is_rendered_by_pyvis_with_the_product_template(sample_build: Path, tmp_path: Path, monkeypatch):
    from pyvis.network import Network

    rendered: list[tuple[int, int, str]] = []
    original = Network.generate_html

    def spy(self, *args, **kwargs):
        html = original(self, *args, **kwargs)
        rendered.append((len(self.nodes), len(self.edges), self.path))
        return html

    monkeypatch.setattr(Network, "generate_html", spy)
    store = open_store(sample_build / "store")
    quads = list(store.quads())
    store.close()
    write_visualization(quads, tmp_path / "p.html")
    data = page_data(tmp_path / "p.html")
    assert rendered == [(len(data["nodes"]), len(data["edges"]), "page.html")]
    assert data["options"]["groups"].keys() == {c["key"] for c in data["classes"]}
    assert data["options"]["nodes"]["scaling"]["label"]["drawThreshold"] >= 9  # labels drawn only when legible


def test_changes_are_folded_into_their_reform(sample_data: dict):
    nodes = sample_data["nodes"]
    has_change = sample_data["props"].index("has change")
    expected: dict[int, list[int]] = {}
    for e in sample_data["edges"]:
        if e["p"] == has_change:
            expected.setdefault(e["to"], []).append(e["from"])
    assert expected and {n["id"]: n["in"] for n in nodes if "in" in n} == expected
    for reform in {r for refs in expected.values() for r in refs}:
        assert nodes[reform]["nc"] == sum(reform in refs for refs in expected.values())
        assert sample_data["classes"][int(nodes[reform]["group"][1:])]["fkey"] == "reform"


def test_countries_mentioned_in_passing_are_minor(sample_data: dict):
    countries = {n.get("full", n["label"]): n for n in sample_data["nodes"]
                 if sample_data["classes"][int(n["group"][1:])]["fkey"] == "country"}
    assert "minor" not in countries["Kazakhstan"]
    assert {name for name, n in countries.items() if n.get("minor")} == set(countries) - {"Kazakhstan"}


def test_layout_keeps_the_first_screen_boxes_apart():
    import random

    from govgraph.graph.layout import compute_layout

    rng = random.Random(5)
    count = 120
    edges = [(i, rng.randrange(i)) for i in range(1, count)]
    boxes = [(rng.uniform(10, 70), rng.uniform(10, 30), rng.uniform(0, 12)) for _ in range(count)]
    xy = compute_layout(count, edges, [False] * count, boxes=boxes)
    rects = [(x - w, y + d - h, x + w, y + d + h) for (x, y), (w, h, d) in zip(xy, boxes, strict=True)]
    overlapping = [(i, j) for i in range(count) for j in range(i) if rects[i][0] < rects[j][2] - 0.5
                   and rects[j][0] < rects[i][2] - 0.5 and rects[i][1] < rects[j][3] - 0.5 and rects[j][1] < rects[i][3] - 0.5]
    assert overlapping == []
    assert compute_layout(count, edges, [False] * count, boxes=boxes) == xy  # same input, same positions


def test_things_a_reform_changes_carry_the_values_before_and_after_its_date(synth_quads, tmp_path: Path):
    write_visualization(synth_quads, tmp_path / "s.html")
    data = page_data(tmp_path / "s.html")
    props = data["props"]
    changed_thing = props.index("changed thing")
    checked = 0
    for e in data["edges"]:
        if e["p"] != changed_thing:
            continue
        change, thing = data["nodes"][e["from"]], data["nodes"][e["to"]]
        values = {props[p]: v for p, v in change["p"]}
        row = [values["attribute"], values["from value"], values["to value"], change["t"][0][0]]
        assert row in thing["v"] and row[3] is not None
        checked += 1
    assert checked


def test_a_tenure_without_a_start_runs_from_the_first_day_seen_in_office():
    from govgraph.graph.network import project
    from govgraph.graph.rdf import schema_quads
    from govgraph.graph.timeline import timeline

    graph = ox.NamedNode(str(ID["doc/x"]))
    gg = "https://w3id.org/govgraph#"

    def tenure(name: str, *seen: str, former: bool = False) -> list[ox.Quad]:
        node = ox.NamedNode(str(ID[f"tenure/{name}"]))
        quads = [ox.Quad(node, ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
                         ox.NamedNode(gg + "Tenure"), graph),
                 ox.Quad(node, ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"), ox.Literal(name), graph)]
        quads += [ox.Quad(node, ox.NamedNode(gg + "heldOn"),
                          ox.Literal(day, datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#date")), graph)
                  for day in seen]
        if former:
            quads.append(ox.Quad(node, ox.NamedNode(gg + "tenureStatus"), ox.Literal("former"), graph))
        return quads

    network = project(schema_quads() + tenure("current", "2023-09-01", "2023-05-02")
                      + tenure("past", "2018-04-01", former=True))
    times = timeline(network).nodes
    assert times[str(ID["tenure/current"])] == [("2023-05-02", None)]
    assert times[str(ID["tenure/past"])] == [("2018-04-01", "2018-04-02")]  # a former holder: only the days seen
