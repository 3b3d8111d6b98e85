"""Every command of the CLI is documented in the README, with its options."""

from __future__ import annotations

import re
from pathlib import Path

import typer.main

from govgraph.cli import app

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def test_every_command_and_option_is_in_the_readme():
    group = typer.main.get_command(app)
    for name, command in group.commands.items():
        assert f"govgraph {name}" in README, f"command {name} is not documented"
        for param in command.params:
            for option in param.opts:
                if option.startswith("--") and option not in ("--help",):
                    assert option in README, f"option {option} of {name} is not documented"


def test_every_command_help_has_an_example():
    group = typer.main.get_command(app)
    for name, command in group.commands.items():
        assert re.search(r"Example:\s*govgraph", command.help or ""), f"command {name} has no example in its help"
