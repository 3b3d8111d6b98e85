"""`govgraph serve` refuses what it cannot do in one line; the wheel ships the named queries and the page."""

from __future__ import annotations

import socket
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import run_cli
from govgraph.queries import named_queries

REPO = Path(__file__).resolve().parents[1]


def test_serve_without_a_store_is_one_line(tmp_path: Path):
    result = run_cli("serve", "--out", str(tmp_path / "nothing"), timeout=60)
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "run `govgraph build` first" in result.stderr


def test_serve_on_a_busy_port_is_one_line(sample_build: Path):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = run_cli("serve", "--out", str(sample_build), "--port", str(port), timeout=60)
    assert result.returncode == 1
    assert f"cannot listen on 127.0.0.1:{port}" in result.stderr and result.stderr.count("\n") == 1


def test_serve_limits_must_be_positive(sample_build: Path):
    result = run_cli("serve", "--out", str(sample_build), "--timeout", "0", timeout=60)
    assert result.returncode == 1 and "must be positive" in result.stderr


def test_serve_help_documents_every_option():
    result = run_cli("serve", "--help")
    for option in ("--out", "--store", "--host", "--port", "--timeout", "--max-rows", "--workers", "Example:"):
        assert option in result.stdout, option


@pytest.mark.slow
def test_wheel_ships_named_queries_and_page_assets(tmp_path: Path):
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(REPO)],
                   check=True, capture_output=True)
    names = set(zipfile.ZipFile(next(tmp_path.glob("govgraph-*.whl"))).namelist())
    for name in named_queries():
        assert f"govgraph/queries/named/{name}.rq" in names
    for asset in ("index.html", "app.js", "app.css", "favicon.svg", "vendor/codemirror-sparql.min.js",
                  "vendor/codemirror-sparql.css", "vendor/CODEMIRROR-LICENSE"):
        assert f"govgraph/server/static/{asset}" in names
