"""Rules as declared objects: what a rule may emit, what it depends on, its patterns and its examples.

A rule's declaration is data (a YAML file under `rules/specs/`); its behaviour is one Python
function registered under the rule's name with `@implements`. A declaration without examples,
or one whose function is missing, does not load (see `registry.load_rules`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from govgraph.build.context import DocContext

Apply = Callable[["DocContext", "Rule"], None]
IMPLEMENTATIONS: dict[str, Apply] = {}


def implements(name: str) -> Callable[[Apply], Apply]:
    """Register the function that carries out the declared rule `name`."""

    def register(function: Apply) -> Apply:
        if name in IMPLEMENTATIONS and IMPLEMENTATIONS[name] is not function:
            raise ValueError(f"two implementations of rule {name!r}")
        IMPLEMENTATIONS[name] = function
        return function

    return register


@dataclass(frozen=True, slots=True)
class Expect:
    """A claim an example must (or must not) yield, by labels: the subject's label contains `subject`
    (case-insensitive; empty matches any), the predicate is `predicate`, and the object's label or
    literal value equals `obj` (case-insensitive; empty matches any)."""

    subject: str
    predicate: str
    obj: str = ""


@dataclass(frozen=True, slots=True)
class Example:
    """A text a rule runs on in its tests, with the claims it must yield and must not yield."""

    text: str
    yields: tuple[Expect, ...] = ()
    never: tuple[Expect, ...] = ()
    title: str = ""  # the article's title, for rules that read it
    date: str | None = None  # the article's date


@dataclass(frozen=True, slots=True)
class Rule:
    """One declared extraction rule."""

    name: str
    description: str
    predicates: frozenset[str]  # CURIEs of the claims it may emit
    classes: frozenset[str]  # local names of the gg: classes of the entities it may create
    depends_on: tuple[str, ...]
    examples: tuple[Example, ...]
    apply: Apply
    patterns: dict[str, Any] = field(default_factory=dict)  # named pattern lists (Matcher, DependencyMatcher, regex)
    source: str = ""  # the spec file it was declared in
