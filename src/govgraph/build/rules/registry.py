"""The rule registry: declarations read from `specs/*.yaml`, bound to their functions, checked and ordered.

Checks at load time (a failing one is a `RuleError` naming the file and the rule):
every rule has at least one example, a function, known dependencies and no dependency cycle;
every pattern compiles. Rules then run in dependency order (ties in declaration order).
"""

from __future__ import annotations

import importlib
import re
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from govgraph.build.rules.base import IMPLEMENTATIONS, Example, Expect, Rule
from govgraph.errors import GovgraphError

if TYPE_CHECKING:
    from spacy.matcher import DependencyMatcher, Matcher
    from spacy.vocab import Vocab

SPECS = Path(__file__).resolve().parent / "specs"
# The modules whose functions carry out the declared rules (imported for their @implements).
IMPLEMENTATION_MODULES = (
    "govgraph.build.rules.families",
    "govgraph.build.selection",
    "govgraph.build.laws",
    "govgraph.build.rules.law_subjects",
    "govgraph.build.rules.results",
    "govgraph.build.rules.parties",
    "govgraph.build.rules.party_names",
    "govgraph.build.rules.party_descriptions",
    "govgraph.build.rules.coalitions",
    "govgraph.build.rules.backers",
    "govgraph.build.rules.party_leaders",
    "govgraph.build.rules.party_memberships",
    "govgraph.build.rules.holders",
    "govgraph.build.rules.ages",
    "govgraph.build.rules.bodies",
    "govgraph.build.rules.capitals",
    "govgraph.build.rules.body_countries",
    "govgraph.build.rules.constitutions",
    "govgraph.build.rules.provisions",
    "govgraph.build.rules.tenures",
    "govgraph.build.rules.votes",
    "govgraph.build.rules.rounds",
    "govgraph.build.rules.memberships",
    "govgraph.build.rules.seats",
    "govgraph.build.rules.courts",
    "govgraph.build.rules.coups",
    "govgraph.build.rules.actions",
    "govgraph.build.rules.terms",
    "govgraph.build.rules.result_lists",
)


class RuleError(GovgraphError):
    """A rule declaration that cannot be used."""


def _expects(items: Any, where: str) -> tuple[Expect, ...]:
    out = []
    for item in items or []:
        if not isinstance(item, list | tuple) or not 2 <= len(item) <= 3:
            raise RuleError(f"{where}: an expected claim is [subject, predicate, object], not {item!r}")
        out.append(Expect(*(str(x) for x in item)))
    return tuple(out)


def _rule(spec: dict[str, Any], source: str) -> Rule:
    name = spec.get("name")
    if not isinstance(name, str) or not name:
        raise RuleError(f"{source}: a rule without a name")
    where = f"{source}: rule {name}"
    if name not in IMPLEMENTATIONS:
        raise RuleError(f"{where}: no function implements it (@implements({name!r}))")
    examples = tuple(
        Example(str(ex["text"]), _expects(ex.get("yields"), where), _expects(ex.get("never"), where),
                str(ex.get("title", "")), ex.get("date"))
        for ex in spec.get("examples") or []
    )
    if not examples:
        raise RuleError(f"{where}: a rule without examples does not load")
    if not any(ex.yields for ex in examples) or not any(ex.never for ex in examples):
        raise RuleError(f"{where}: needs an example it must fire on and one it must not fire on")
    patterns = spec.get("patterns") or {}
    for key, value in patterns.items():
        if isinstance(value, dict) and "regex" in value:
            try:
                re.compile(value["regex"])
            except re.error as exc:
                raise RuleError(f"{where}: pattern {key} is not a valid regular expression ({exc})") from exc
    return Rule(
        name=name,
        description=str(spec.get("description", "")).strip(),
        predicates=frozenset(spec.get("predicates") or ()),
        classes=frozenset(spec.get("classes") or ()),
        depends_on=tuple(spec.get("depends_on") or ()),
        examples=examples,
        apply=IMPLEMENTATIONS[name],
        patterns=patterns,
        source=source,
    )


def _ordered(rules: list[Rule]) -> list[Rule]:
    by_name = {r.name: r for r in rules}
    for rule in rules:
        for dep in rule.depends_on:
            if dep not in by_name:
                raise RuleError(f"{rule.source}: rule {rule.name} depends on unknown rule {dep!r}")
    ordered: list[Rule] = []
    state: dict[str, int] = {}

    def visit(rule: Rule, path: tuple[str, ...]) -> None:
        if state.get(rule.name) == 2:
            return
        if state.get(rule.name) == 1:
            raise RuleError(f"{rule.source}: dependency cycle {' -> '.join((*path, rule.name))}")
        state[rule.name] = 1
        for dep in rule.depends_on:
            visit(by_name[dep], (*path, rule.name))
        state[rule.name] = 2
        ordered.append(rule)

    for rule in rules:
        visit(rule, ())
    return ordered


def load_rules(folder: Path = SPECS) -> list[Rule]:
    """Every declared rule, checked, in the order they run.

    Raises:
        RuleError: a declaration that cannot be used (see the module docstring).
    """
    import yaml

    for module in IMPLEMENTATION_MODULES:
        importlib.import_module(module)
    rules: list[Rule] = []
    seen: set[str] = set()
    for path in sorted(folder.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for spec in data.get("rules") or []:
            rule = _rule(spec, path.name)
            if rule.name in seen:
                raise RuleError(f"{path.name}: rule {rule.name} is declared twice")
            seen.add(rule.name)
            rules.append(rule)
    return _ordered(rules)


@lru_cache(maxsize=1)
def default_rules() -> tuple[Rule, ...]:
    """The package's rules, loaded once per process."""
    return tuple(load_rules())


_MATCHERS: dict[tuple[str, str, int], Any] = {}


def matcher(rule: Rule, key: str, vocab: Vocab) -> Matcher:
    """The spaCy token Matcher of the rule's pattern list `key` (compiled once per vocabulary)."""
    from spacy.matcher import Matcher

    cache_key = (rule.name, key, id(vocab))
    if cache_key not in _MATCHERS:
        compiled = Matcher(vocab, validate=True)
        spec = rule.patterns[key]
        compiled.add(key, spec["matcher"], greedy=spec.get("greedy"))
        _MATCHERS[cache_key] = compiled
    return _MATCHERS[cache_key]


def dependency_matcher(rule: Rule, key: str, vocab: Vocab) -> DependencyMatcher:
    """The spaCy DependencyMatcher of the rule's pattern list `key`."""
    from spacy.matcher import DependencyMatcher

    cache_key = (rule.name, key, id(vocab))
    if cache_key not in _MATCHERS:
        compiled = DependencyMatcher(vocab, validate=True)
        compiled.add(key, rule.patterns[key]["dependency"])
        _MATCHERS[cache_key] = compiled
    return _MATCHERS[cache_key]


@cache
def _regex(pattern: str, flags: int) -> re.Pattern[str]:
    return re.compile(pattern, flags)


def word_list(rule: Rule, key: str) -> frozenset[str]:
    """The words of the rule's pattern `key` (a `words:` list)."""
    return frozenset(rule.patterns[key]["words"])


def regex(rule: Rule, key: str) -> re.Pattern[str]:
    """The compiled regular expression of the rule's pattern `key` (`ignorecase: true` for re.I)."""
    spec = rule.patterns[key]
    return _regex(spec["regex"], re.I if spec.get("ignorecase") else 0)
