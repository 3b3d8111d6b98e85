"""The query page at / driven in headless Chromium: pick a named query, run it, see the rows."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).parent / "artifacts"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run"]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed at /usr/bin/chromium"),
]


def wait_until(page, expression: str, seconds: float = 20.0) -> None:
    """Poll a JavaScript expression until it is true. Playwright's wait_for_function polls with `new Function`,
    which the pages' Content-Security-Policy (script-src 'self', no unsafe-eval) rightly refuses."""
    deadline = time.monotonic() + seconds
    while not page.evaluate(expression):
        assert time.monotonic() < deadline, f"still false after {seconds:g} s: {expression}"
        time.sleep(0.1)


@pytest.fixture
def page(tmp_path: Path, govgraph_server: str) -> Iterator[object]:
    playwright_api = pytest.importorskip("playwright.sync_api", reason="playwright is in the test extra")
    with playwright_api.sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path / "profile"), executable_path=str(CHROMIUM), headless=True, args=ARGS,
            viewport={"width": 1400, "height": 900})
        context.set_default_timeout(20_000)
        requested: list[str] = []
        failed: list[str] = []
        page = context.new_page()
        page.on("request", lambda request: requested.append(request.url))
        page.on("response", lambda response: failed.append(response.url) if response.status == 404 else None)
        page.requested = requested  # type: ignore[attr-defined]
        page.failed = failed  # type: ignore[attr-defined]
        yield page
        context.close()


def test_choose_a_named_query_run_it_and_see_rows(page, govgraph_server: str):
    page.goto(f"{govgraph_server}/")
    page.wait_for_selector("#query-select option[value='parliament']", state="attached")
    page.select_option("#query-select", "parliament")
    assert "gg:chamberOf" in page.evaluate("sparqlEditor.getValue()")
    assert "chambers" in page.text_content("#query-description")
    page.click("#run")
    page.wait_for_selector("#results tbody tr")
    headers = page.locator("#results thead th").all_text_contents()
    assert headers == ["parliament", "chamber", "rank", "members", "selection", "electedBy", "appointedBy"]
    wait_until(page, "document.querySelector('#results tbody').innerText.includes('Mazhilis')")  # labels
    cells = page.locator("#results tbody tr td:nth-child(2)").all_text_contents()
    assert "Mazhilis" in cells and "Senate of Kazakhstan" in cells
    assert "result" in page.text_content("#status")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "server-page.png"), full_page=True)
    assert page.get_attribute("#graph-link", "href") == "/graph.html"
    assert all(url.startswith(govgraph_server) for url in page.requested), page.requested  # nothing from a CDN


def test_named_query_with_a_parameter_and_an_edited_query(page, govgraph_server: str):
    page.goto(f"{govgraph_server}/?query=fact-sources")
    page.wait_for_selector("#param-entity")
    page.click("#run")
    assert "Fill in entity" in page.text_content("#error")
    page.fill("#param-entity", "Mazhilis")
    page.click("#run")
    page.wait_for_selector("#results tbody tr")
    quotes = page.locator("#results tbody tr td:nth-child(5)").all_text_contents()
    assert quotes and all(quote for quote in quotes)

    page.evaluate("text => sparqlEditor.setValue(text)", "SELECT ?x WHERE { ?x a gg:HeadOfState }")
    page.click("#run")
    wait_until(page, "document.querySelector('#results thead').innerText.trim() === 'x'")
    wait_until(page, "document.querySelector('#results tbody').innerText.includes('President of Kazakhstan')")

    page.evaluate("text => sparqlEditor.setValue(text)", "SELECT ?x WHERE {\n  ?x a\n}")
    page.click("#run")
    page.wait_for_selector("#error:not([hidden])")
    assert "malformed SPARQL at line 3, column" in page.text_content("#error")
    # the editor marks the line the server named
    assert page.locator(".CodeMirror .error-line").count() == 1
    assert page.evaluate("sparqlEditor.getCursor().line") == 2


def test_editor_highlights_sparql_and_completes_prefixes_and_terms(page, govgraph_server: str):
    page.goto(f"{govgraph_server}/?query=parliament")
    page.wait_for_selector(".CodeMirror .cm-keyword")
    assert "SELECT" in page.locator(".CodeMirror .cm-keyword").all_text_contents()
    wait_until(page, "document.querySelectorAll('.CodeMirror .cm-variable-2').length > 0")  # ?variables
    # the terms load after the page, from the store: hints typed before they arrive list prefixes and keywords only
    wait_until(page, "state.terms.some((t) => t.text.startsWith('ggid:'))", seconds=60)
    page.evaluate("text => sparqlEditor.setValue(text)", "PREFIX \nSELECT ?x WHERE {\n  ?x a \n}")
    page.evaluate("sparqlEditor.focus(); sparqlEditor.setCursor({line: 2, ch: 7})")
    page.keyboard.type("gg:HeadOf")
    page.wait_for_selector(".CodeMirror-hints")  # the ontology's terms, fetched from the store, with their labels
    hints = page.locator(".CodeMirror-hint").all_text_contents()
    assert any(h.startswith("gg:HeadOfGovernment") for h in hints) and any(h.startswith("gg:HeadOfState") for h in hints)
    page.keyboard.type("S")
    wait_until(page, "document.querySelectorAll('.CodeMirror-hint').length === 1")
    assert page.inner_text(".CodeMirror-hint-active").startswith("gg:HeadOfState")
    assert "class" in page.inner_text(".CodeMirror-hints")
    page.keyboard.press("Enter")
    assert page.evaluate("sparqlEditor.getLine(2)") == "  ?x a gg:HeadOfState"
    page.keyboard.type(" ; gg:chamberOf ggid:kz/maz")  # the graph's entities, by key, with their names
    page.wait_for_selector(".CodeMirror-hints")
    assert page.inner_text(".CodeMirror-hint-active") == "ggid:kz/mazhilisMazhilis"
    page.keyboard.press("Escape")
    page.evaluate("sparqlEditor.setValue(sparqlEditor.getValue().replace(' ; gg:chamberOf ggid:kz/maz', ''))")
    page.evaluate("sparqlEditor.setCursor({line: 0, ch: 7})")
    page.keyboard.press("Control+Space")
    page.wait_for_selector(".CodeMirror-hints")
    assert any(h.startswith("gg: <https://w3id.org/govgraph#>") for h in page.locator(".CodeMirror-hint").all_text_contents())
    page.keyboard.press("Escape")
    page.evaluate("sparqlEditor.setValue(sparqlEditor.getValue().replace('PREFIX \\n', ''))")
    page.keyboard.press("Control+Enter")
    wait_until(page, "document.querySelector('#results tbody').innerText.includes('President of Kazakhstan')")
    assert all(url.startswith(govgraph_server) for url in page.requested), page.requested
    assert page.failed == [] and f"{govgraph_server}/static/favicon.svg" in page.requested  # no missing favicon


def test_visualization_link_serves_the_build_page(page, govgraph_server: str, sample_build: Path):
    response = page.goto(f"{govgraph_server}/graph.html")
    assert response is not None and response.status == 200
    assert response.body() == (sample_build / "graph.html").read_bytes()
