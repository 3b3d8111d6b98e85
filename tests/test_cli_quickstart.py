"""The README's quickstart: commands that work on a stock Debian/Ubuntu Python, .ci/run running the same,
figures made by bench/readme_figures.py, and no path that leads out of the repository."""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
sys.path.insert(0, str(ROOT / "bench"))


def bash_blocks(text: str) -> list[str]:
    return [block.strip() for block in re.findall(r"```bash\n(.*?)```", text, re.DOTALL)]


def test_the_first_two_commands_make_and_use_a_virtual_environment():
    quickstart = README[README.index("## Quickstart"):README.index("## Commands")]
    install, tests = bash_blocks(quickstart)[:2]
    for command in (install, tests):
        assert command.startswith("python3 -m venv .venv && .venv/bin/pip install "), command
        assert "sudo" not in command and "--break-system-packages" not in command
    assert install.endswith(".venv/bin/govgraph build")
    assert tests.endswith(".venv/bin/python -m pytest -q -n 2") and "'.[test]'" in tests


def test_ci_runs_ruff_and_mypy_then_exactly_the_readme_test_command():
    quickstart = README[README.index("## Quickstart"):README.index("## Commands")]
    test_command = bash_blocks(quickstart)[1]
    lines = [line for line in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
             if line and not line.startswith("#")]
    assert lines[-1] == test_command
    assert any("ruff check" in line for line in lines[:-1])
    assert any(line.endswith("/mypy") for line in lines[:-1])


def test_extras_are_named_where_commands_need_them():
    import tomllib

    extras = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["optional-dependencies"]
    for extra, command in (("server", "govgraph serve"), ("docs", "govgraph docs")):
        assert extra in extras
        row = next(line for line in README.splitlines() if line.startswith(f"| `{command}"))
        assert f"`[{extra}]`" in row, f"the {command} row does not name the [{extra}] extra"
    assert "'.[server]'" in README and "'.[docs]'" in README


def test_no_path_outside_the_repository():
    outside = re.findall(r"(?<![\w.])(?:\.\./[\w./-]+|/(?:work|home|root|srv)/[\w./-]+)", README)
    assert outside == [], outside


def test_readme_figures_are_those_of_the_sample_build(sample_build: Path):
    from readme_figures import README as target
    from readme_figures import rewrite, sample_figures

    assert target == ROOT / "README.md"
    figures = sample_figures(sample_build)
    assert figures["triples"] > 1000 and 0 < figures["nodes"] < figures["claims"]
    assert rewrite(README, figures) == README, "README figures are out of date: run `python bench/readme_figures.py`"
