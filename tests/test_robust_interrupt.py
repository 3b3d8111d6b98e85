"""Interrupted builds: Ctrl-C, SIGTERM and SIGKILL at any moment leave the previous outputs intact, and the next build works."""

from __future__ import annotations

import ctypes
import hashlib
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest

from conftest import run_cli
from govgraph.corpus import corpus_dir
from govgraph.files import (
    BUILD_MARKER,
    LOCK_NAME,
    STAGE_OWNER,
    STAGE_PREFIX,
    atomic_dir,
    build_lock,
    recover_outputs,
    staged_outputs,
)
from govgraph.graph.store import open_store

OUTPUTS = ("graph.ttl", "graph.trig", "graph.html")
CHAMBERS = "SELECT ?c WHERE { ?c <https://w3id.org/govgraph#chamberOf> ?p } ORDER BY ?c"


def fingerprint(out: Path) -> dict[str, str]:
    """Digests of the output files and of the store's quads; also checks each is usable."""
    digests = {name: hashlib.sha256((out / name).read_bytes()).hexdigest() for name in OUTPUTS}
    ox.parse(path=str(out / "graph.ttl"), format=ox.RdfFormat.TURTLE).__next__()  # Turtle that parses
    assert sum(1 for _ in ox.parse(path=str(out / "graph.ttl"), format=ox.RdfFormat.TURTLE)) > 1000
    assert (out / "graph.html").read_bytes().rstrip().endswith(b"</html>")
    store = open_store(out / "store")
    try:
        assert [s["c"].value for s in store.query(CHAMBERS)]  # the store opens and answers
        quads = sorted(str(q) for q in store.quads())
    finally:
        store.close()
    digests["store"] = hashlib.sha256("\n".join(quads).encode()).hexdigest()
    return digests


def leftovers(out: Path) -> list[str]:
    return sorted(p.name for p in out.iterdir() if p.name.startswith(STAGE_PREFIX) or p.name.endswith((".tmp", ".old")))


@pytest.fixture(scope="module")
def previous_build(sample_build: Path) -> tuple[Path, dict[str, str]]:
    """The outputs a build leaves before the one that is interrupted (each test works on a copy)."""
    return sample_build, fingerprint(sample_build)


def editions(src: Path, count: int) -> Path:
    """`count` editions of the sample corpus (5 articles each, the first line of each marked with its edition)."""
    for edition in range(count):
        for path in sorted(corpus_dir().glob("*.txt")):
            text = path.read_text(encoding="utf-8").replace("\n", f" (edition {edition})\n", 1)
            (src / f"e{edition}_{path.name}").write_text(text, encoding="utf-8")
    return src


@pytest.fixture(scope="module")
def larger_input(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """40 articles: a build that is still running when it is killed after 3.5 s, even on a fast machine."""
    return editions(tmp_path_factory.mktemp("larger"), 8)


@pytest.fixture(scope="module")
def changed_input(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """5 articles that differ from the sample corpus: enough for builds that pause at a chosen output."""
    return editions(tmp_path_factory.mktemp("changed"), 1)


@pytest.fixture()
def out(previous_build: tuple[Path, dict[str, str]], tmp_path: Path) -> Path:
    target = tmp_path / "out"
    shutil.copytree(previous_build[0], target)
    return target


PAUSING_BUILD = """
import pathlib, sys, time
import govgraph.graph.viz as viz
import govgraph.workflow as workflow
from govgraph.cli import main

step, marker = sys.argv[1], pathlib.Path(sys.argv[2])

def pausing(real):
    def write(*args, **kwargs):
        real(*args, **kwargs)
        if step != "graph.ttl" or str(args[1]).endswith("graph.ttl"):
            marker.write_text("staged")
            time.sleep(600)  # the test stops the build here
    return write

if step == "store":
    workflow.write_embedded_store = pausing(workflow.write_embedded_store)
elif step == "graph.ttl":
    workflow.write_rdf = pausing(workflow.write_rdf)
else:
    viz.write_visualization = pausing(viz.write_visualization)
sys.argv = ["govgraph", "build", *sys.argv[3:]]
main()
"""


def start_build(src: Path, out: Path, log: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "govgraph", "build", str(src), "--out", str(out)],
                            stdout=subprocess.DEVNULL, stderr=log.open("w"))


def build_paused_after(step: str, src: Path, out: Path, tmp_path: Path) -> subprocess.Popen:
    """A build that stops right after writing `step` (store, graph.ttl or graph.html), as a slow disk would."""
    marker = tmp_path / "staged"
    process = subprocess.Popen([sys.executable, "-c", PAUSING_BUILD, step, str(marker), str(src), "--out", str(out)],
                               stdout=subprocess.DEVNULL, stderr=(tmp_path / "log").open("w"))
    deadline = time.monotonic() + 300
    while not marker.exists():
        assert process.poll() is None, (tmp_path / "log").read_text()
        assert time.monotonic() < deadline, "the build never got to writing its outputs"
        time.sleep(0.02)
    return process


@pytest.mark.parametrize("step", ["store", "graph.ttl", "graph.html"])
def test_sigkill_while_writing_leaves_the_previous_outputs_and_the_next_build_works(
        out: Path, previous_build, changed_input: Path, tmp_path: Path, step: str):
    process = build_paused_after(step, changed_input, out, tmp_path)
    process.kill()
    process.wait()
    assert fingerprint(out) == previous_build[1]  # every previous output, byte for byte and quad for quad
    assert leftovers(out)  # the killed build's staging folder is still there...
    if step != "store":
        return  # the next build is checked once, after the kill that leaves the most behind (a half-written store)
    result = run_cli("build", str(changed_input), "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("5 articles")
    assert leftovers(out) == []  # ...and the next build removed it
    assert fingerprint(out) != previous_build[1]


def test_sigkill_at_any_moment_leaves_usable_outputs(out: Path, previous_build, larger_input: Path, tmp_path: Path):
    for delay in (0.3, 1.0, 2.0, 3.5):
        process = start_build(larger_input, out, tmp_path / "log")
        time.sleep(delay)
        process.kill()
        process.wait()
        assert fingerprint(out) == previous_build[1], f"killed after {delay} s"


@pytest.mark.parametrize(("sig", "code"), [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_sigterm_and_ctrl_c_are_one_line_and_change_nothing(out: Path, previous_build, changed_input: Path,
                                                             tmp_path: Path, sig: int, code: int):
    log = tmp_path / "log"
    process = build_paused_after("graph.ttl", changed_input, out, tmp_path)
    process.send_signal(sig)
    assert process.wait(timeout=120) == code
    assert log.read_text().splitlines() == ["govgraph: interrupted; outputs of the previous build are unchanged"]
    assert fingerprint(out) == previous_build[1]
    assert leftovers(out) == []  # an orderly stop cleans up after itself


def test_a_second_build_waits_for_the_first_instead_of_interleaving(out: Path, previous_build, tmp_path: Path):
    log = tmp_path / "log"
    with build_lock(out):  # another build is writing
        process = subprocess.Popen([sys.executable, "-m", "govgraph", "build", "--out", str(out)],
                                   stdout=subprocess.PIPE, stderr=log.open("w"), text=True)
        deadline = time.monotonic() + 300
        while "waiting: another govgraph build" not in log.read_text():
            assert process.poll() is None and time.monotonic() < deadline, log.read_text()
            time.sleep(0.05)
        assert fingerprint(out) == previous_build[1]  # nothing written while it waits
        assert not list(out.glob(f"{STAGE_PREFIX}*"))
    stdout, _ = process.communicate(timeout=300)
    assert process.returncode == 0, log.read_text()
    assert stdout.startswith("5 articles")
    assert (out / LOCK_NAME).is_file()


# --- the same guarantees, function by function ----------------------------------------------------------------


def test_an_error_while_staging_changes_nothing(tmp_path: Path):
    out = tmp_path / "out"
    (out / "store").mkdir(parents=True)
    (out / "store" / "data").write_text("old", encoding="utf-8")
    (out / "graph.ttl").write_text("old", encoding="utf-8")
    with pytest.raises(KeyboardInterrupt), staged_outputs(out) as stage:
        (stage / "store").mkdir()
        (stage / "store" / "data").write_text("new", encoding="utf-8")
        raise KeyboardInterrupt  # between the store and graph.ttl: an unprotected build has a new store and an old graph
    assert (out / "store" / "data").read_text(encoding="utf-8") == "old"
    assert (out / "graph.ttl").read_text(encoding="utf-8") == "old"
    assert leftovers(out) == []
    with staged_outputs(out) as stage:
        (stage / "store").mkdir()
        (stage / "store" / "data").write_text("new", encoding="utf-8")
        (stage / "graph.ttl").write_text("new", encoding="utf-8")
    assert (out / "store" / "data").read_text(encoding="utf-8") == (out / "graph.ttl").read_text(encoding="utf-8") == "new"
    assert leftovers(out) == []


def test_signals_wait_for_the_commit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    import govgraph.files as files

    out = tmp_path / "out"
    out.mkdir()
    (out / "graph.ttl").write_text("old", encoding="utf-8")
    (out / "graph.html").write_text("old", encoding="utf-8")
    real_replace = files.os.replace

    def replace_then_ctrl_c(source, target):  # Ctrl-C arrives in the middle of the commit
        real_replace(source, target)
        signal.raise_signal(signal.SIGINT)

    monkeypatch.setattr(files.os, "replace", replace_then_ctrl_c)
    with pytest.raises(KeyboardInterrupt), staged_outputs(out) as stage:
        (stage / "graph.ttl").write_text("new", encoding="utf-8")
        (stage / "graph.html").write_text("new", encoding="utf-8")
    assert (out / "graph.ttl").read_text(encoding="utf-8") == (out / "graph.html").read_text(encoding="utf-8") == "new"


def test_the_store_folder_is_never_missing_while_it_is_replaced(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    import govgraph.files as files

    target = tmp_path / "store"
    target.mkdir()
    (target / "data").write_text("old", encoding="utf-8")
    seen: list[bool] = []
    real_replace = files.os.replace

    def watching(source, destination):
        seen.append(target.is_dir())
        real_replace(source, destination)
        seen.append(target.is_dir())

    monkeypatch.setattr(files.os, "replace", watching)
    with atomic_dir(target) as tmp:
        (tmp / "data").write_text("new", encoding="utf-8")
    assert (target / "data").read_text(encoding="utf-8") == "new"
    if not sys.platform.startswith("linux") or not hasattr(ctypes.CDLL(None), "renameat2"):
        pytest.skip("no renameat2 here: the store is moved aside for a moment (and put back by the next build)")
    assert all(seen), seen


def test_a_store_moved_aside_by_a_killed_swap_is_put_back(tmp_path: Path):
    """Without RENAME_EXCHANGE a store is moved aside before the new one goes in; a kill in between is repaired."""
    out = tmp_path / "out"
    (out / ".store.old").mkdir(parents=True)
    (out / ".store.old" / "data").write_text("old", encoding="utf-8")
    (out / BUILD_MARKER).write_text("{}", encoding="utf-8")  # the folder holds a build: its leftovers are govgraph's
    stage = out / f"{STAGE_PREFIX}dead"
    (stage / ".previous-other").mkdir(parents=True)
    (stage / STAGE_OWNER).write_text("1", encoding="utf-8")
    (stage / "graph.ttl").write_text("half", encoding="utf-8")
    (out / ".store.abc.tmp").mkdir()
    recover_outputs(out)
    assert (out / "store" / "data").read_text(encoding="utf-8") == "old"
    assert (out / "other").is_dir()
    assert sorted(p.name for p in out.iterdir()) == sorted([BUILD_MARKER, "other", "store"])
