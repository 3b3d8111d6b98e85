"""The network page in headless Chromium: it loads offline, holds the graph, and its controls work."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from govgraph.graph.store import open_store
from govgraph.graph.viz import write_visualization
from govgraph.graph.vizstyle import LABEL_MIN_PX
from test_viz_data import NODE_COUNT, PROVENANCE_COUNT, count, load_synth, page_data

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run"]
ARTIFACTS = Path(__file__).parent / "artifacts"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"needs Debian's chromium at {CHROMIUM}"),
]


# generous: a shared 2-core machine running the rest of the suite beside Chromium can take long to load a page
LOAD_TIMEOUT_MS = 180_000


class Page:
    """One opened page, with every request it made and every console error it printed."""

    def __init__(self, context, url: str) -> None:
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.page = context.new_page()
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("console", lambda msg: self.errors.append(msg.text) if msg.type in ("error", "warning") else None)
        self.page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        self.page.goto(url, timeout=LOAD_TIMEOUT_MS)
        self.page.wait_for_selector("body[data-ready='1']", state="attached", timeout=LOAD_TIMEOUT_MS)

    def js(self, expression: str, arg: object = None):
        return self.page.evaluate(expression, arg)

    def visible(self) -> set[int]:
        return set(self.js("govgraph.nodeView.getIds()"))


@pytest.fixture(scope="module")
def browser_context(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(profile), executable_path=CHROMIUM, args=ARGS, headless=True, viewport={"width": 1280, "height": 800})
        context.set_default_timeout(LOAD_TIMEOUT_MS)
        # anything but the file itself is refused (and recorded by each Page), so a leak cannot reach the network
        context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(("file:", "data:"))
                      else route.abort())
        yield context
        context.close()


@pytest.fixture(scope="module")
def sample_page(browser_context, sample_build: Path) -> Iterator[Page]:
    page = Page(browser_context, (sample_build / "graph.html").as_uri())
    yield page
    page.page.close()


@pytest.fixture(scope="module")
def synth_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("viz-synth") / "synth.html"
    write_visualization(load_synth().synthetic_quads(400, seed=3), target)
    return target


def node_id(page: Page, label: str) -> int:
    return page.js("l => govgraph.data.nodes.find(n => (n.full || n.label) === l).id", label)


def test_sample_page_loads_offline_with_no_errors_and_every_node(sample_page: Page, sample_build: Path):
    assert sample_page.errors == []
    assert sample_page.requests and all(url.startswith(("file:", "data:")) for url in sample_page.requests), sample_page.requests
    store = open_store(sample_build / "store")
    nodes, provenance = count(store, NODE_COUNT), count(store, PROVENANCE_COUNT)
    store.close()
    assert sample_page.js("govgraph.nodes.length") == nodes
    data = page_data(sample_build / "graph.html")
    folded = [n for n in data["nodes"] if ("in" in n or "minor" in n) and "prov" not in n]
    assert folded
    # the political structure first, without the changes (folded into their reform) and the countries in passing
    assert len(sample_page.visible()) == nodes - provenance - len(folded)
    assert sample_page.js("document.querySelectorAll('#gg-legend input[type=checkbox]').length") == len(
        page_data(sample_build / "graph.html")["classes"])
    ARTIFACTS.mkdir(exist_ok=True)
    sample_page.page.screenshot(path=str(ARTIFACTS / "viz-sample.png"))


def overlapping(boxes: list[dict]) -> list[tuple[int, int]]:
    return [(a["id"], b["id"]) for i, a in enumerate(boxes) for b in boxes[:i]
            if a["left"] < b["right"] and b["left"] < a["right"] and a["top"] < b["bottom"] and b["top"] < a["bottom"]]


def test_first_screen_is_readable(sample_page: Page, sample_build: Path):
    data = page_data(sample_build / "graph.html")
    shown = sample_page.visible()
    assert not {n["id"] for n in data["nodes"] if "in" in n or "minor" in n} & shown
    labels = sample_page.js("govgraph.drawnLabels()")
    # labels as vis measured them when it drew the first screen: none over another, none too small to read
    assert overlapping(labels) == []
    assert all(label["px"] >= LABEL_MIN_PX for label in labels)
    written = {label["id"] for label in labels}
    assert len(written) >= 20
    for name in ("Kazakhstan", "Parliament of Kazakhstan", "executive branch", "President of Kazakhstan"):
        assert node_id(sample_page, name) in written, name
    ARTIFACTS.mkdir(exist_ok=True)
    sample_page.page.screenshot(path=str(ARTIFACTS / "viz-first-screen.png"))


def test_details_show_where_the_eye_is_after_a_search(sample_page: Page):
    sample_page.page.fill("#gg-search", "Tokayev")
    sample_page.page.press("#gg-search", "Enter")
    target = node_id(sample_page, "Kassym-Jomart Tokayev")
    sample_page.page.wait_for_function("id => govgraph.focused === id", arg=target)
    box = sample_page.page.locator("#gg-details").bounding_box()
    view = sample_page.page.viewport_size
    assert box and box["y"] < 100 and box["x"] + box["width"] <= view["width"] and box["height"] >= 200
    # nothing covers it, and it opens on the node found, with the sentences that state things about it
    assert sample_page.js("""() => { const r = document.getElementById('gg-details').getBoundingClientRect();
        return document.getElementById('gg-details').contains(document.elementFromPoint(r.left + 40, r.top + 40)); }""")
    assert sample_page.page.inner_text("#gg-details .info-title") == "Kassym-Jomart Tokayev"
    assert sample_page.page.locator("#gg-details blockquote").first.is_visible()
    sample_page.page.wait_for_timeout(700)  # the view glides to the node; its name is then written
    sample_page.js("govgraph.declutter()")
    sample_page.page.wait_for_timeout(100)
    labels = sample_page.js("govgraph.drawnLabels()")
    assert target in {label["id"] for label in labels} and overlapping(labels) == []
    sample_page.page.click("#gg-details .close")
    assert sample_page.page.locator("#gg-details").is_hidden()


def test_a_change_found_unfolds_its_reform_and_a_reform_unfolds_on_request(sample_page: Page, sample_build: Path):
    data = page_data(sample_build / "graph.html")
    change = next(n for n in data["nodes"] if "in" in n)
    reform = change["in"][0]
    siblings = {n["id"] for n in data["nodes"] if reform in n.get("in", ())}
    assert change["id"] not in sample_page.visible()
    sample_page.js("id => govgraph.focusNode(id)", change["id"])
    assert siblings <= sample_page.visible() and "+ " not in sample_page.js("id => govgraph.nodes.get(id).label", reform)
    for unfolded in change["in"]:  # the search unfolded every reform the change belongs to
        sample_page.js("id => govgraph.toggleFold(id)", unfolded)
    assert not siblings & sample_page.visible()
    assert f"+ {data['nodes'][reform]['nc']} change" in sample_page.js("id => govgraph.nodes.get(id).label", reform)
    sample_page.page.check("#gg-changes")
    assert {n["id"] for n in data["nodes"] if "in" in n} <= sample_page.visible()
    sample_page.page.uncheck("#gg-changes")
    minor = {n["id"] for n in data["nodes"] if "minor" in n}
    sample_page.page.check("#gg-minor")
    assert minor <= sample_page.visible()
    sample_page.page.uncheck("#gg-minor")
    assert not minor & sample_page.visible()


def test_search_finds_and_focuses_a_node(sample_page: Page):
    target = node_id(sample_page, "Mazhilis")
    sample_page.page.fill("#gg-search", "mazhilis")
    sample_page.page.press("#gg-search", "Enter")
    sample_page.page.wait_for_function("id => govgraph.focused === id", arg=target)
    assert sample_page.js("govgraph.network.getSelectedNodes()") == [target]
    # the view glides to the node and stops there, centred in the part of the network the details leave free
    sample_page.page.wait_for_function("""id => {
        const p = govgraph.network.canvasToDOM(govgraph.network.getPositions([id])[id]);
        const free = document.getElementById('gg-network').clientWidth - document.getElementById('gg-details').offsetWidth - 10;
        const height = document.getElementById('gg-network').clientHeight;
        return Math.abs(p.x - free / 2) < 2 && Math.abs(p.y - height / 2) < 2; }""", arg=target, timeout=10_000)
    assert "Mazhilis" in sample_page.page.inner_text("#gg-details")
    assert "found: Mazhilis" in sample_page.page.inner_text("#gg-search-msg")


def test_class_filter_hides_exactly_that_class(sample_page: Page):
    target = node_id(sample_page, "Mazhilis")
    group = sample_page.js("id => govgraph.data.nodes[id].group", target)
    members = set(sample_page.js("g => govgraph.data.nodes.filter(n => n.group === g).map(n => n.id)", group))
    before = sample_page.visible()
    box = sample_page.page.locator(f"#gg-legend input[data-class='{group}']")
    box.uncheck()
    after = sample_page.visible()
    assert after == before - members and target not in after
    box.check()
    assert sample_page.visible() == before


def test_provenance_toggle_shows_the_claims(sample_page: Page):
    claims = set(sample_page.js("govgraph.data.nodes.filter(n => n.label.startsWith('claim: ')).map(n => n.id)"))
    assert claims and not claims & sample_page.visible()
    sample_page.page.click("#gg-prov")
    shown = sample_page.visible()
    folded = sample_page.js("govgraph.data.nodes.filter(n => n.in || n.minor).length")
    assert claims <= shown and len(shown) == sample_page.js("govgraph.nodes.length") - folded
    assert sample_page.page.get_attribute("#gg-prov", "aria-pressed") == "true"
    sample_page.page.click("#gg-prov")
    assert not claims & sample_page.visible()


def test_hover_tooltip_shows_type_and_quotes(sample_page: Page):
    target = node_id(sample_page, "Mazhilis")
    if sample_page.page.is_checked("#gg-physics"):
        sample_page.page.uncheck("#gg-physics")  # hold the nodes still while the mouse goes to one
    sample_page.js("id => govgraph.network.focus(id, {scale: 1.5})", target)
    box = sample_page.page.locator("#gg-network").bounding_box()
    at = sample_page.js("id => govgraph.network.canvasToDOM(govgraph.network.getPositions([id])[id])", target)
    x, y = box["x"] + at["x"], box["y"] + at["y"]
    sample_page.page.mouse.move(x - 30, y - 30)
    sample_page.page.mouse.move(x, y, steps=4)
    sample_page.page.wait_for_selector("#gg-tip:not([hidden])")
    text = sample_page.page.inner_text("#gg-tip")
    quote = sample_page.js("id => govgraph.data.quotes[govgraph.data.nodes[id].q[0]]", target)
    assert text.startswith("Mazhilis") and "lower chamber" in text
    assert quote[0] in text and sample_page.js("i => govgraph.data.articles[i].title", quote[1]) in text
    sample_page.page.mouse.move(5, 5)


def test_article_filter_keeps_what_that_article_states(sample_page: Page):
    sample_page.page.select_option("#gg-article", "0")
    shown = sample_page.visible()
    assert shown
    assert sample_page.js("ids => ids.every(id => (govgraph.data.nodes[id].a || []).includes(0))", sorted(shown))
    sample_page.page.select_option("#gg-article", "")


def test_time_slider_hides_what_did_not_yet_exist(browser_context, synth_file: Path):
    data = page_data(synth_file)
    dated = next(n for n in data["nodes"] if n.get("t") and n["t"][0][0] and not {"prov", "in", "minor"} & n.keys())
    page = Page(browser_context, synth_file.as_uri())
    try:
        assert page.errors == []
        assert dated["id"] in page.visible()
        page.page.focus("#gg-time")
        page.page.keyboard.press("Home")  # before the first date of the graph
        assert dated["id"] not in page.visible()
        assert page.page.inner_text("#gg-time-label") != "all dates"
        index = data["stops"].index(dated["t"][0][0])
        page.js("i => { const s = document.getElementById('gg-time'); s.value = i; s.dispatchEvent(new Event('input')); }", index)
        assert dated["id"] in page.visible()
        page.page.keyboard.press("End")
        assert page.page.inner_text("#gg-time-label") == "all dates"
    finally:
        page.page.close()


def test_time_slider_shows_the_state_on_a_date_where_ended_tenures_are_gone(browser_context, synth_file: Path):
    data = page_data(synth_file)
    tenure_classes = {c["key"] for c in data["classes"] if c["fkey"] == "tenure"}
    ended = next(n for n in data["nodes"] if n["group"] in tenure_classes and n.get("t") and n["t"][0][0] and n["t"][0][1])
    start, end = ended["t"][0]
    holding = [e for e in data["edges"] if e.get("t") and [start, end] in e["t"]]
    page = Page(browser_context, synth_file.as_uri())
    try:
        def at(day: str) -> None:
            page.js("i => { const s = document.getElementById('gg-time'); s.value = i; s.dispatchEvent(new Event('input')); }",
                    data["stops"].index(day))

        at(start)
        assert ended["id"] in page.visible()
        assert {e["id"] for e in holding} <= set(page.js("govgraph.edgeView.getIds()"))
        at(end)  # the day after its last day: the tenure ended, and so did holding the office through it
        assert ended["id"] not in page.visible()
        assert not {e["id"] for e in holding if len(e["t"]) == 1} & set(page.js("govgraph.edgeView.getIds()"))
        assert "− " + ended.get("full", ended["label"]) in page.page.inner_text("#gg-time-events") or end == data["stops"][-1]
    finally:
        page.page.close()


def test_details_show_the_value_in_force_on_the_chosen_day(browser_context, synth_file: Path):
    data = page_data(synth_file)
    thing = next(n for n in data["nodes"] if n.get("v") and "prov" not in n and "in" not in n)
    attribute, before, after, day = thing["v"][0]
    page = Page(browser_context, synth_file.as_uri())
    try:
        page.js("id => govgraph.focusNode(id)", thing["id"])
        assert f"{before} → {after}" in page.page.inner_text("#gg-details .info-values")
        earlier = max(s for s in data["stops"] if s < day)

        def at(stop: str) -> str:
            page.js("i => { const s = document.getElementById('gg-time'); s.value = i; s.dispatchEvent(new Event('input')); }",
                    data["stops"].index(stop))
            return page.page.inner_text("#gg-details .info-values")

        assert f"{attribute}\t{before} (until" in at(earlier)
        assert f"{attribute}\t{after} (since" in at(day)
    finally:
        page.page.close()


def test_reform_filter_shows_one_reform_and_what_it_changes(browser_context, synth_file: Path):
    data = page_data(synth_file)
    page = Page(browser_context, synth_file.as_uri())
    try:
        page.page.select_option("#gg-reform", "1")
        scope = {n["id"] for n in data["nodes"] if 1 in n.get("r", ()) and "prov" not in n}
        assert page.visible() == scope and data["reforms"][1]["id"] in scope
    finally:
        page.page.close()


def test_as_of_page_opens_at_that_date_and_focus_page_on_the_entity(browser_context, synth_file: Path, tmp_path: Path):
    quads = load_synth().synthetic_quads(400, seed=3)
    data = page_data(synth_file)
    dated = next(n for n in data["nodes"] if n.get("t") and n["t"][0][0] and not {"prov", "in", "minor"} & n.keys())
    before = data["stops"][data["stops"].index(dated["t"][0][0]) - 1]
    write_visualization(quads, tmp_path / "asof.html", as_of=before, focus=dated["iri"], depth=1)
    write_visualization(quads, tmp_path / "focus.html", focus=dated["iri"], depth=1)
    at_date = Page(browser_context, (tmp_path / "asof.html").as_uri())
    whenever = Page(browser_context, (tmp_path / "focus.html").as_uri())
    try:
        assert at_date.errors == [] and whenever.errors == []
        # at that date the entity did not exist yet: the page keeps the date and says so
        focus = page_data(tmp_path / "asof.html")["meta"]["focus"]
        assert at_date.js("govgraph.state.day") == before and focus not in at_date.visible()
        assert "did not exist on this date" in at_date.page.inner_text("#gg-search-msg")
        assert dated.get("full", dated["label"]) in at_date.page.inner_text("#gg-details")
        focus = page_data(tmp_path / "focus.html")["meta"]["focus"]
        assert whenever.js("govgraph.network.getSelectedNodes()") == [focus] and whenever.js("govgraph.focused") == focus
    finally:
        at_date.page.close()
        whenever.page.close()


def test_physics_switch_turns_the_simulation_on_and_off(sample_page: Page):
    box = sample_page.page.locator("#gg-physics")
    box.uncheck()
    assert sample_page.js("govgraph.network.physics.options.enabled") is False
    box.check()
    assert sample_page.js("govgraph.network.physics.options.enabled") is True
    box.uncheck()


@pytest.fixture(scope="module")
def large_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from test_viz_overview import SIZE

    target = tmp_path_factory.mktemp("viz-large") / "large.html"
    write_visualization(load_synth().synthetic_quads(SIZE, seed=3), target)
    return target


def test_large_page_draws_the_first_set_and_expanding_a_node_adds_its_neighbours(browser_context, large_file: Path):
    data = page_data(large_file)
    first = set(data["meta"]["first"])
    neighbours: dict[int, set[int]] = {}
    for e in data["edges"]:
        neighbours.setdefault(e["from"], set()).add(e["to"])
        neighbours.setdefault(e["to"], set()).add(e["from"])
    # a drawn node with neighbours that are not drawn, few enough to come in one step
    node = min((i for i in first if 0 < len(neighbours[i] - first) <= data["meta"]["expandStep"]),
               key=lambda i: (-len(neighbours[i] - first), i))
    page = Page(browser_context, large_file.as_uri())
    try:
        assert page.errors == []
        assert page.requests and all(url.startswith(("file:", "data:")) for url in page.requests)
        assert page.visible() == first
        assert "entities drawn" in page.page.inner_text("#gg-stats")
        page.js("id => govgraph.focusNode(id)", node)
        more = len(neighbours[node] - first)
        page.page.click("#gg-details button.expand")
        assert page.visible() == first | neighbours[node]
        # the new nodes are drawn around the one expanded, and their links to what is on screen with them
        where = page.js("ids => govgraph.network.getPositions(ids)", [node, *sorted(neighbours[node] - first)])
        centre = where.pop(str(node))
        assert len(where) == more
        assert all(abs(p["x"] - centre["x"]) < 1500 and abs(p["y"] - centre["y"]) < 1500 for p in where.values())
        edges = set(page.js("govgraph.edgeView.getIds()"))
        assert {e["id"] for e in data["edges"] if e["from"] == node or e["to"] == node} <= edges
        assert page.page.locator("#gg-details button.expand").count() == 0  # nothing left to show
        # a hub comes in steps, most connected neighbours first
        step = data["meta"]["expandStep"]
        hub = next(i for i in sorted(first) if len(neighbours[i] - page.visible()) > step)
        before = page.visible()
        page.js("id => govgraph.focusNode(id)", hub)
        assert page.page.inner_text("#gg-details button.expand").startswith(f"Show {step} more of its ")
        added = set(page.js("id => govgraph.expand(id)", hub))
        assert len(added) == step and page.visible() == before | added
        assert page.errors == []
    finally:
        page.page.close()


def test_large_page_search_reaches_an_entity_not_drawn(browser_context, large_file: Path):
    data = page_data(large_file)
    first = set(data["meta"]["first"])
    names = Counter(n.get("full", n["label"]) for n in data["nodes"])
    target = next(n for n in data["nodes"] if n["id"] not in first and names[n.get("full", n["label"])] == 1
                  and "in" not in n and not n.get("t"))
    name = target.get("full", target["label"])
    page = Page(browser_context, large_file.as_uri())
    try:
        assert target["id"] not in page.visible()
        page.page.fill("#gg-search", name[:-1])  # typing offers the names that match
        assert name in page.js("Array.from(document.querySelectorAll('#gg-labels option')).map(o => o.value)")
        page.page.fill("#gg-search", name)
        page.page.press("#gg-search", "Enter")
        page.page.wait_for_function("id => govgraph.focused === id", arg=target["id"])
        assert target["id"] in page.visible() and page.visible() >= first
        assert page.js("govgraph.network.getSelectedNodes()") == [target["id"]]
        details = page.page.inner_text("#gg-details")
        assert name in details and "claims, sentences and articles" not in details
        if target.get("cn"):
            assert f"Stated by {target['cn']} claim" in details
        assert page.errors == []
    finally:
        page.page.close()
