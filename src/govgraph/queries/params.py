"""Query parameters: `name=value` strings turned into RDF terms, never into query text.

A value becomes an IRI when it looks like one (``https://...``, ``urn:...``, ``<...>``) or is a
CURIE with a known prefix (``ggid:kz/mazhilis``, ``gg:ElectoralReform``), and a literal otherwise;
queries that take an entity match such a literal against its labels. Declared types refine this:
``date`` gives xsd:date / xsd:gYearMonth / xsd:gYear, ``integer`` and ``decimal`` numbers, ``text``
always a plain literal, ``iri`` always an IRI.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

import pyoxigraph as ox

from govgraph.errors import QueryError
from govgraph.graph.store import Binding
from govgraph.namespaces import PREFIXES, XSD
from govgraph.queries.catalog import Param

_VAR = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://\S+|urn:\S+", re.IGNORECASE)
_CURIE = re.compile(r"(?P<prefix>[A-Za-z][\w.-]*):(?P<local>[^\s<>\"{}|^`\\]*)")
_DATES = (
    (re.compile(r"\d{4}-\d{2}-\d{2}"), "date"),
    (re.compile(r"\d{4}-\d{2}"), "gYearMonth"),
    (re.compile(r"\d{4}"), "gYear"),
)


def parse_param_options(options: Iterable[str] | None) -> dict[str, str]:
    """``["entity=Mazhilis", "date=2020-01-01"]`` -> ``{"entity": "Mazhilis", "date": "2020-01-01"}``.

    Raises:
        QueryError: an option has no ``=`` or a name that is not a SPARQL variable name.
    """
    found: dict[str, str] = {}
    for option in options or ():
        name, sep, value = option.partition("=")
        name = name.strip().lstrip("?$")
        if not sep or not _VAR.fullmatch(name):
            raise QueryError(f"--param {option!r}: write name=value, e.g. --param entity=Mazhilis")
        found[name] = value
    return found


def looks_like_iri(value: str) -> ox.NamedNode | None:
    """The IRI a value spells, or None when it is plain text."""
    text = value.strip()
    if text.startswith("<") and text.endswith(">"):
        return _named_node(text[1:-1], value)
    curie = _CURIE.fullmatch(text)
    if curie and curie["prefix"] in PREFIXES and not curie["local"].startswith("//"):
        return _named_node(str(PREFIXES[curie["prefix"]]) + curie["local"], value)
    if _SCHEME.fullmatch(text):
        return _named_node(text, value)
    return None


def _named_node(iri: str, original: str) -> ox.NamedNode:
    try:
        return ox.NamedNode(iri)
    except ValueError as exc:
        raise QueryError(f"parameter value {original!r} is not a valid IRI ({exc})") from exc


def _real_date(text: str) -> bool:
    """Whether YYYY-MM-DD / YYYY-MM / YYYY names a day or month that exists (not 2020-13-45)."""
    import datetime

    try:
        datetime.date.fromisoformat((text + "-01-01")[:10] if len(text) < 10 else text)
    except ValueError:
        return False
    return True


def to_term(value: str, kind: str = "entity", name: str = "value") -> Binding:
    """The RDF term for one parameter value of a declared type.

    Raises:
        QueryError: the value does not fit the type.
    """
    if kind in ("text", "class", "property"):  # class and property values are looked up by name later
        node = looks_like_iri(value) if kind != "text" else None
        return node if node is not None else ox.Literal(value)
    if kind == "date":
        text = value.strip()
        for pattern, datatype in _DATES:
            if pattern.fullmatch(text) and _real_date(text):
                return ox.Literal(text, datatype=ox.NamedNode(str(XSD[datatype])))
        raise QueryError(f"parameter {name}: {value!r} is not a date; write YYYY-MM-DD, YYYY-MM or YYYY "
                         "(a real day, month 01-12)")
    if kind in ("integer", "decimal"):
        number = r"[+-]?\d+" if kind == "integer" else r"[+-]?(\d+(\.\d*)?|\.\d+)"
        if not re.fullmatch(number, value.strip()):
            raise QueryError(f"parameter {name}: {value!r} is not an {kind}" if kind == "integer"
                             else f"parameter {name}: {value!r} is not a decimal number")
        return ox.Literal(value.strip(), datatype=ox.NamedNode(str(XSD[kind])))
    node = looks_like_iri(value)
    if node is not None:
        return node
    if kind == "iri":
        raise QueryError(f"parameter {name}: {value!r} is not an IRI or a CURIE with a known prefix "
                         f"({', '.join(sorted(PREFIXES))})")
    return ox.Literal(value.strip())


def bind_params(given: Mapping[str, str] | None, declared: Sequence[Param] | None = None,
                query: str = "the query") -> dict[str, Binding]:
    """RDF terms for the given values; with `declared` parameters, check names, types and required ones.

    Raises:
        QueryError: an unknown or missing parameter, or a value that does not fit its type.
    """
    given = dict(given or {})
    for name in given:
        if not _VAR.fullmatch(name):
            raise QueryError(f"parameter name {name!r} is not a SPARQL variable name")
    if declared is None:
        return {name: to_term(value, "entity", name) for name, value in given.items()}
    by_name = {p.name: p for p in declared}
    unknown = sorted(set(given) - set(by_name))
    if unknown:
        takes = ", ".join(by_name) or "no parameters"
        raise QueryError(f"{query} has no parameter {', '.join(unknown)}; it takes: {takes}")
    missing = [p.name for p in declared if not p.optional and p.name not in given]
    if missing:
        needs = "; ".join(f"--param {p.name}=... ({p.meaning})" for p in declared if p.name in missing)
        raise QueryError(f"{query} needs {needs}")
    return {name: to_term(value, by_name[name].type, name) for name, value in given.items()}
