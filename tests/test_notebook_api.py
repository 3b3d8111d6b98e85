"""The Python API in a notebook: answers as tables, data frames and networks; the view inline; folders as stores."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from govgraph import graph_stats, run_query, show_network
from govgraph.errors import MissingDependencyError, QueryError
from govgraph.graph.store import open_store
from govgraph.namespaces import ID


def test_answers_show_as_html_tables_with_labels(sample_build: Path):
    answer = run_query("parliament", store=sample_build)
    page = answer._repr_html_()
    assert page.count("<tr>") == len(answer.rows) + 1
    assert "<th>chamber</th>" in page and ">Mazhilis</td>" in page and f'title="{ID}kz/mazhilis"' in page
    assert f"{len(answer.rows)} rows" in page
    assert run_query("ASK { ?s a gg:Parliament }", store=sample_build)._repr_html_() == "<p>yes</p>"
    described = run_query("describe", {"entity": "ggid:kz/senate"}, store=sample_build)._repr_html_()
    assert described.startswith("<pre>") and "\"Senate of Kazakhstan\"@en" in html.unescape(described)


def test_long_answers_show_their_first_rows_in_html(sample_build: Path):
    answer = run_query("SELECT ?s WHERE { ?s a gg:Claim }", store=sample_build, labels=False)
    assert len(answer.rows) > 50
    page = answer._repr_html_()
    assert page.count("<tr>") == 51 and f"{len(answer.rows)} rows, the first 50 shown" in page


def test_to_pandas_has_every_row_with_numbers_as_numbers(sample_build: Path):
    pd = pytest.importorskip("pandas")
    answer = run_query("sources", store=sample_build)
    frame = answer.to_pandas()
    assert isinstance(frame, pd.DataFrame)
    assert list(frame.columns) == answer.variables and len(frame) == len(answer.rows) == 5
    assert frame["claims"].dtype.kind == "i" and frame["claims"].sum() > 0
    assert all(iri.startswith(f"{ID}doc/") for iri in frame["document"])
    labelled = run_query("parliament", store=sample_build).to_pandas(labels=True)
    assert "Mazhilis" in set(labelled["chamber"])
    with pytest.raises(QueryError):
        run_query("describe", {"entity": "ggid:kz/senate"}, store=sample_build).to_pandas()


def test_to_pandas_without_pandas_is_one_clear_line(sample_build: Path, monkeypatch: pytest.MonkeyPatch):
    import builtins

    real_import = builtins.__import__

    def no_pandas(name: str, *args, **kwargs):
        if name == "pandas":
            raise ImportError("No module named 'pandas'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_pandas)
    with pytest.raises(MissingDependencyError, match=r"pip install pandas"):
        run_query("sources", store=sample_build).to_pandas()


def test_to_networkx_of_a_graph_answer_and_of_two_columns(sample_build: Path):
    described = run_query("describe", {"entity": "ggid:kz/senate"}, store=sample_build)
    graph = described.to_networkx()
    assert graph.number_of_edges() == len(described.triples) > 0
    assert graph.nodes[f"{ID}kz/senate"]["label"] == "Senate of Kazakhstan"
    branches = run_query("branches", store=sample_build)
    linked = branches.to_networkx()
    assert ("https://w3id.org/govgraph#LegislativeBranch", f"{ID}kz/mazhilis") in set(linked.edges())
    with pytest.raises(QueryError):
        run_query("ASK { ?s ?p ?o }", store=sample_build).to_networkx()


def test_graph_stats_takes_a_build_folder_a_store_folder_or_a_store(sample_build: Path):
    by_folder = graph_stats(sample_build)
    assert by_folder.triples > 1000 and by_folder.articles == 5
    assert graph_stats(sample_build / "store").triples == by_folder.triples
    store = open_store(sample_build / "store")
    try:
        assert graph_stats(store).claims == by_folder.claims
    finally:
        store.close()
    assert graph_stats(str(sample_build)).graphs == by_folder.graphs


def test_network_view_displays_inline(sample_build: Path, tmp_path: Path):
    view = show_network(sample_build, focus="Mazhilis", depth=1)
    frame = view._repr_html_()
    assert frame.startswith("<iframe srcdoc=") and 'sandbox="allow-scripts"' in frame
    page = html.unescape(re.search(r'srcdoc="([^"]*)"', frame).group(1))
    assert page == view.page and "<html" in page and "Mazhilis" in page
    assert view.summary.nodes > 0
    assert view.save(tmp_path / "m.html").read_text(encoding="utf-8") == view.page
