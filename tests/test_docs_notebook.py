"""docs/tour.ipynb runs from top to bottom on the sample corpus, and what it displays renders.

The cells run in one namespace as a kernel would run them (a Jupyter kernel would add ~17 packages to the
test extra for the same check); each cell's last expression is displayed through `_repr_html_` when it has one.
"""

from __future__ import annotations

import ast
import json
import shutil
from pathlib import Path

import pytest

NOTEBOOK = Path(__file__).resolve().parents[1] / "docs" / "tour.ipynb"


def run_cell(source: str, namespace: dict[str, object]) -> object:
    """Execute a cell; return the value of its last line when that is an expression (what Jupyter displays)."""
    tree = ast.parse(source)
    last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
    exec(compile(tree, "<cell>", "exec"), namespace)
    if last is None:
        return None
    return eval(compile(ast.Expression(last.value), "<cell>", "eval"), namespace)


def test_the_tour_notebook_runs_and_displays(sample_build: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    pytest.importorskip("pandas")
    notebook = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    assert notebook["nbformat"] == 4
    code = ["".join(cell["source"]) for cell in notebook["cells"] if cell["cell_type"] == "code"]
    assert all(not cell.get("outputs") for cell in notebook["cells"] if cell["cell_type"] == "code")  # kept clean
    shutil.copytree(sample_build, tmp_path / "tour-out")  # its extraction cache: the notebook's build reuses it
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, object] = {}
    shown = [run_cell(source, namespace) for source in code]
    pages = [value._repr_html_() for value in shown if hasattr(value, "_repr_html_")]
    assert len(pages) >= 4 and all(page.strip() for page in pages)
    assert pages[-1].startswith("<iframe srcdoc=")  # the network view, inline
    assert shown[1]["articles"] == 5 and shown[1]["claims"] > 0
    assert (tmp_path / "tour-out" / "graph.ttl").read_bytes() == (sample_build / "graph.ttl").read_bytes()
