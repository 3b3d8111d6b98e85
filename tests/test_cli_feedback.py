"""What the command line tells its user: --version, a progress bar on a terminal only, exit 2 for usage errors,
format names in any case, tables drawn by rich, no library logging."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from rich.console import Console

import govgraph
from conftest import run_cli
from govgraph.console import StageProgress, plain_table


def test_version():
    result = run_cli("--version")
    assert result.returncode == 0 and result.stdout == f"govgraph {govgraph.__version__}\n"


@pytest.mark.parametrize(("args", "message"), [
    (("build", "--executor", "threads"), "unknown executor"),
    (("build", "--executor", "serial", "--scheduler", "tcp://127.0.0.1:9"), "--scheduler is for --executor dask"),
    (("build", "--jobs", "0"), "Invalid value for '--jobs'"),
    (("export", "--format", "rdfxml"), "unknown --format 'rdfxml'"),
    (("export",), "Missing option '--format'"),
    (("query", "parliament", "--format", "html"), "unknown --format 'html'"),
    (("query", "no-such-query"), "no-such-query"),
    (("viz", "--as-of", "2020-13-45"), "not a date"),
    (("viz", "--depth", "1"), "--depth needs --focus"),
    (("stats", "--no-such-option"), "No such option: --no-such-option (see `govgraph stats --help`)"),
    (("no-such-command",), "No such command 'no-such-command'"),
])
def test_usage_errors_exit_2_with_one_line(sample_build: Path, args: tuple[str, ...], message: str):
    result = run_cli(*args, "--out", str(sample_build))
    assert result.returncode == 2, (args, result.stderr)
    assert result.stderr.startswith("govgraph: ") and len(result.stderr.splitlines()) == 1, result.stderr
    assert message in result.stderr and result.stdout == ""


def test_viz_focus_on_nothing_is_a_usage_error(sample_build: Path, tmp_path: Path):
    result = run_cli("viz", "--focus", "Atlantis-that-is-not", "-o", str(tmp_path / "v.html"), "--out", str(sample_build))
    assert result.returncode == 2 and len(result.stderr.splitlines()) == 1 and not (tmp_path / "v.html").exists()


def test_format_names_in_any_case(sample_build: Path):
    upper = run_cli("export", "-f", "TURTLE", "--out", str(sample_build))
    lower = run_cli("export", "-f", "turtle", "--out", str(sample_build))
    assert upper.returncode == 0 and upper.stdout == lower.stdout and upper.stdout.startswith("@prefix")
    csv = run_cli("query", "sources", "-f", "CSV", "--out", str(sample_build))
    assert csv.returncode == 0 and csv.stdout.startswith("document,date,")


def test_docs_prints_no_logging_lines(tmp_path: Path):
    pytest.importorskip("pylode")
    result = run_cli("docs", "-o", str(tmp_path / "ontology.html"))
    assert result.returncode == 0, result.stderr
    assert result.stderr == "" and result.stdout == f"ontology documentation -> {tmp_path / 'ontology.html'}\n"


def test_stats_tables_are_aligned(sample_build: Path):
    result = run_cli("stats", "--out", str(sample_build))
    lines = result.stdout.splitlines()
    start = lines.index("instances by class (schema graph left out):")
    header, rule, first = lines[start + 1 : start + 4]
    assert header.split() == ["class", "instances"] and set(rule.strip()) <= {"-", " "}
    assert len(first) == len(header) and first.split()[0] == "gg:Claim"  # counts end where the header ends
    assert all(line == line.rstrip() for line in lines)


def test_plain_table_takes_brackets_literally_and_aligns_numbers_right():
    text = plain_table(["name [x]", "n"], [["[bold]a[/bold]", "7"], ["b", "1234"]], right=[1])
    lines = text.splitlines()
    assert lines[0].split() == ["name", "[x]", "n"] and lines[2].startswith("[bold]a[/bold]")
    assert lines[2].endswith("   7") and lines[3].endswith("1234")


def test_progress_is_shown_on_a_terminal_only_after_the_delay_and_then_cleared():
    import io

    buffer = io.StringIO()
    console = Console(file=buffer, force_terminal=True, width=100, color_system=None)
    with StageProgress("starting", total=2, delay=0.0, console=console) as bar:
        threading.Event().wait(0.3)
        bar.stage("first stage")
        bar.echo("a warning")
        threading.Event().wait(0.3)
    shown = buffer.getvalue()
    assert "first stage" in shown and "a warning" in shown and "0/2" in shown

    quiet = io.StringIO()
    with StageProgress("starting", total=2, delay=5.0, console=Console(file=quiet, force_terminal=True)) as bar:
        bar.stage("quick")
    assert quiet.getvalue() == ""  # finished before the delay: nothing drawn
    piped = io.StringIO()
    with StageProgress("starting", total=2, delay=0.0, console=Console(file=piped, force_terminal=False)) as bar:
        threading.Event().wait(0.2)
        bar.stage("stage")
    assert not bar.enabled and piped.getvalue() == ""


def test_build_shows_its_stages_on_a_terminal(tmp_path: Path):
    """In a pipe nothing is drawn: the test above, and the stderr that every other build test reads, check that."""
    src = tmp_path / "src"
    src.mkdir()
    (src / "a.txt").write_text("Senate Reform\n\nThe Mazhilis met in Astana on 1 March 2023.", encoding="utf-8")
    leader, follower = pty.openpty()
    chunks: list[bytes] = []

    def read() -> None:
        while True:
            try:
                data = os.read(leader, 4096)
            except OSError:
                return
            if not data:
                return
            chunks.append(data)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    done = subprocess.run([sys.executable, "-m", "govgraph", "build", str(src), "--out", str(tmp_path / "tty")],
                          stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=follower, timeout=300, check=False,
                          env={**os.environ, "COLUMNS": "120"})
    os.close(follower)
    reader.join(timeout=10)
    os.close(leader)
    drawn = b"".join(chunks).decode("utf-8", "replace")
    assert done.returncode == 0 and b"1 articles" in done.stdout
    assert "extracting articles" in drawn and "/5" in drawn  # stages of the build, counted
