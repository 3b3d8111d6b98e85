"""A build touches only what it made: the user's files in --out, the lock, and the inputs are safe."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from conftest import run_cli
from govgraph.files import BUILD_MARKER, LOCK_NAME, STAGE_PREFIX, recover_outputs

ARTICLE = "# Council\n\nThe State Council of Freedonia has 45 members. It meets in Fredville.\n"


@pytest.fixture()
def articles(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "council.md").write_text(ARTICLE, encoding="utf-8")
    return folder


def one_line_error(result) -> str:
    assert result.returncode != 0
    assert result.stderr.startswith("govgraph: ") and result.stderr.count("\n") == 1, result.stderr
    assert "Traceback" not in result.stderr
    return result.stderr


def test_a_folder_of_other_files_is_refused_unless_forced_and_its_files_survive(articles: Path, tmp_path: Path):
    home = tmp_path / "home"
    home.mkdir()
    own = {"notes.txt": "mine", ".draft.tmp": "mine too", ".store.bak": "mine", "graph.md": "mine"}
    for name, text in own.items():
        (home / name).write_text(text, encoding="utf-8")
    (home / f"{STAGE_PREFIX}photos").mkdir()
    (home / f"{STAGE_PREFIX}photos" / "cat.jpg").write_text("mine", encoding="utf-8")
    (home / ".store.abc.tmp").mkdir()
    assert "not a govgraph build" in one_line_error(run_cli("build", str(articles), "--out", str(home)))
    assert sorted(p.name for p in home.iterdir()) == sorted([*own, f"{STAGE_PREFIX}photos", ".store.abc.tmp"])
    for _ in range(2):  # forced, and then rebuilt: nothing of the user's is removed either time
        result = run_cli("build", str(articles), "--out", str(home), "--force")
        assert result.returncode == 0, result.stderr
        for name, text in own.items():
            assert (home / name).read_text(encoding="utf-8") == text
        assert (home / f"{STAGE_PREFIX}photos" / "cat.jpg").is_file()
    marker = json.loads((home / BUILD_MARKER).read_text(encoding="utf-8"))
    assert marker["outputs"] == ["graph.html", "graph.trig", "graph.ttl", "store"]


def test_cleanup_needs_proof_of_ownership(tmp_path: Path):
    out = tmp_path / "out"
    (out / f"{STAGE_PREFIX}x").mkdir(parents=True)
    (out / ".store.abc.tmp").mkdir()
    (out / ".graph.html.abc.tmp").write_text("x", encoding="utf-8")
    recover_outputs(out)  # no build marker, no owner file: none of these is govgraph's
    assert sorted(p.name for p in out.iterdir()) == sorted([".graph.html.abc.tmp", ".store.abc.tmp", f"{STAGE_PREFIX}x"])


def test_the_lock_never_follows_a_link(articles: Path, tmp_path: Path):
    victim = tmp_path / "victim.txt"
    victim.write_text("precious", encoding="utf-8")
    for index, make in enumerate((os.symlink, os.link)):
        out = tmp_path / f"out{index}"
        out.mkdir()
        make(victim, out / LOCK_NAME)
        assert "build lock" in one_line_error(run_cli("build", str(articles), "--out", str(out), "--force"))
        assert victim.read_text(encoding="utf-8") == "precious"


def test_an_output_folder_that_is_the_input_is_never_read_back(articles: Path):
    first = run_cli("build", str(articles), "--out", str(articles), "--force")
    assert first.returncode == 0, first.stderr
    assert (articles / "graph.html").is_file()
    again = run_cli("build", str(articles), "--out", str(articles))  # now a build folder: no --force needed
    assert again.returncode == 0, again.stderr
    assert first.stdout.startswith("1 articles") and again.stdout.startswith("1 articles"), again.stdout


def test_bad_output_paths_are_one_line(articles: Path, tmp_path: Path):
    a_file = tmp_path / "file.txt"
    a_file.write_text("x", encoding="utf-8")
    assert "is a file" in one_line_error(run_cli("build", str(articles), "--out", str(a_file)))
    folder = tmp_path / "folder"
    folder.mkdir()
    one_line_error(run_cli("export", "--format", "turtle", "-o", str(folder), "--out", str(tmp_path / "missing")))


def test_a_thousand_nested_input_folders_are_one_line(tmp_path: Path):
    deep = tmp_path / "deep"
    levels = [deep / ("d/" * depth) for depth in range(1001)]  # about 2,000 characters: within PATH_MAX
    for level in levels:
        level.mkdir()
    try:
        one_line_error(run_cli("build", str(deep), "--out", str(tmp_path / "out")))
    finally:
        for level in reversed(levels):  # shutil.rmtree (and pytest's cleanup) recurses per level and would fail
            level.rmdir()
