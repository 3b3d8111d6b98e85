"""Every declared rule's examples: the claims it must yield and must not yield."""

from __future__ import annotations

import dataclasses
import textwrap
from pathlib import Path

import pytest

from govgraph.build.context import RuleContractError
from govgraph.build.gazetteer import default_gazetteer
from govgraph.build.relations import extract_relations
from govgraph.build.rules.examples import check_example, extract_text
from govgraph.build.rules.registry import RuleError, default_rules, load_rules

ROOT = Path(__file__).resolve().parents[1]

CASES = [(rule, n) for rule in default_rules() for n in range(len(rule.examples))]


@pytest.mark.parametrize(("rule", "n"), CASES, ids=[f"{r.name}-{n}" for r, n in CASES])
def test_rule_example(rule, n):
    assert check_example(rule, rule.examples[n]) == []


def test_every_listed_rule_is_loaded_and_every_loaded_rule_is_listed():
    """Deleting a rule (its declaration or its function) fails here, as does adding one without listing it."""
    listed = set((ROOT / "tests" / "data" / "rules.txt").read_text(encoding="utf-8").split())
    assert {rule.name for rule in default_rules()} == listed


def test_rules_run_after_what_they_depend_on():
    position = {rule.name: n for n, rule in enumerate(default_rules())}
    for rule in default_rules():
        assert all(position[dep] < position[rule.name] for dep in rule.depends_on), rule.name


def _spec(tmp_path: Path, text: str) -> Path:
    (tmp_path / "x.yaml").write_text(textwrap.dedent(text), encoding="utf-8")
    return tmp_path


GOOD_EXAMPLES = """
    examples:
      - text: "A"
        yields: [["", gg:mentions, ""]]
        never: [["", gg:mentions, B]]
"""


@pytest.mark.parametrize(("spec", "message"), [
    ("rules:\n  - name: people.offices\n    predicates: [gg:holds]\n", "without examples"),
    ("rules:\n  - name: no.such.rule\n" + GOOD_EXAMPLES, "no function implements it"),
    ("rules:\n  - name: people.offices\n    depends_on: [nothing.here]\n" + GOOD_EXAMPLES, "unknown rule"),
    ("rules:\n  - name: people.offices\n    examples:\n      - text: A\n        yields: [[a, gg:holds, b]]\n",
     "must not fire on"),
    ("rules:\n  - name: people.offices\n    patterns: {x: {regex: '(unclosed'}}\n" + GOOD_EXAMPLES, "not a valid"),
])
def test_a_rule_that_cannot_be_used_does_not_load(tmp_path: Path, spec: str, message: str):
    with pytest.raises(RuleError, match=message):
        load_rules(_spec(tmp_path, spec))


def test_a_dependency_cycle_does_not_load(tmp_path: Path):
    spec = ("rules:\n  - name: people.offices\n    depends_on: [people.surnames]\n" + GOOD_EXAMPLES
            + "  - name: people.surnames\n    depends_on: [people.offices]\n" + GOOD_EXAMPLES)
    with pytest.raises(RuleError, match="cycle"):
        load_rules(_spec(tmp_path, spec))


def test_a_rule_may_emit_only_what_it_declares():
    rule = next(r for r in default_rules() if r.name == "people.offices")
    narrowed = dataclasses.replace(rule, predicates=frozenset({"gg:holder", "gg:officeIn"}))
    extraction = extract_text("By: Mario Rossi, Director of the Institute of Strategy")
    with pytest.raises(RuleContractError, match="emits gg:holds, which it does not declare"):
        extract_relations(extraction, default_gazetteer(), None, [narrowed])
