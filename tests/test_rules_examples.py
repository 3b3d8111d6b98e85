"""Every declared rule's examples: the claims it must yield and must not yield."""

from __future__ import annotations

import pytest

from govgraph.build.rules.examples import check_example
from govgraph.build.rules.registry import default_rules

CASES = [(rule, n) for rule in default_rules() for n in range(len(rule.examples))]


@pytest.mark.parametrize(("rule", "n"), CASES, ids=[f"{r.name}-{n}" for r, n in CASES])
def test_rule_example(rule, n):
    assert check_example(rule, rule.examples[n]) == []
