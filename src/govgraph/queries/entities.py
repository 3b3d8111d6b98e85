"""Parameter values that name things in the graph, resolved to IRIs before a query runs.

An ``entity`` parameter given as text is looked up by label, alias (skos:altLabel, gg:contextLabel)
or IRI among the graph's instances (schema classes and properties never match): an exact label
first (case does not matter), then a label that begins "NAME of ..." ("President" -> "President of
Kazakhstan"), then a label that the words make up at least half of ("Tokayev" -> "Kassym-Jomart
Tokayev", not "Kassym-Jomart Tokayev as President of Kazakhstan"), and last a name used only in
context (gg:contextLabel or skos:hiddenLabel: "Parliament" for a lower house that articles call so,
"head of state" for a country's president). One match is bound as its IRI; several give one line
listing them; none gives one line with the closest labels.
A ``class of gg:X`` parameter takes one of the classes under gg:X, by label or name, and a
``property`` parameter one of the schema's properties; anything else is refused with the allowed values.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping, Sequence

import pyoxigraph as ox

from govgraph.errors import QueryError
from govgraph.graph.store import Binding, GraphStore
from govgraph.namespaces import GG, OWL, RDF, RDFS, SKOS
from govgraph.queries.catalog import Param

_LABELS = f"<{RDFS.label}>|<{SKOS.prefLabel}>|<{SKOS.altLabel}>|<{GG.contextLabel}>"
_CONTEXT = GG.contextLabel  # a name used only in context ("the lower house"): matched last
_HIDDEN = SKOS.hiddenLabel  # what the build writes a context name as ("head of state" of a country's president)
_SCHEMA_TERMS = " ".join(f"<{t}>" for t in (OWL.Class, RDFS.Class, OWL.ObjectProperty, OWL.DatatypeProperty,
                                              OWL.AnnotationProperty, RDF.Property))
_INSTANCES = f"""SELECT DISTINCT ?x ?name ?how WHERE {{
  ?x ?how ?name . VALUES ?how {{ {" ".join(f"<{p}>" for p in (RDFS.label, SKOS.prefLabel, SKOS.altLabel, _CONTEXT, _HIDDEN))} }}
  FILTER(isIRI(?x) && CONTAINS(LCASE(STR(?name)), ?wanted))
  FILTER NOT EXISTS {{ ?x a ?meta . VALUES ?meta {{ {_SCHEMA_TERMS} }} }}
}}"""
_ALL_NAMES = f"""SELECT DISTINCT ?name WHERE {{
  ?x {_LABELS} ?name . FILTER(isIRI(?x))
  FILTER NOT EXISTS {{ ?x a ?meta . VALUES ?meta {{ {_SCHEMA_TERMS} }} }}
}}"""
_CLASSES = f"""SELECT DISTINCT ?x ?name WHERE {{
  ?x <{RDFS.subClassOf}>* ?base . FILTER(isIRI(?x)) OPTIONAL {{ ?x <{RDFS.label}> ?name }}
}}"""
_PROPERTIES = f"""SELECT DISTINCT ?x ?name WHERE {{
  ?x a ?kind . VALUES ?kind {{ <{OWL.ObjectProperty}> <{OWL.DatatypeProperty}> <{RDF.Property}> }}
  OPTIONAL {{ ?x <{RDFS.label}> ?name }}
}}"""
MAX_LISTED = 6


def resolve_params(store: GraphStore, bindings: Mapping[str, Binding], declared: Sequence[Param] | None,
                   query: str = "the query") -> dict[str, Binding]:
    """The bindings with every declared entity, class or property parameter given as text made an IRI.

    Raises:
        QueryError: a value matches nothing (with the closest names), several things (listing them), or
            is not one of a parameter's allowed values.
    """
    resolved = dict(bindings)
    for param in declared or ():
        value = resolved.get(param.name)
        if value is None:
            continue
        if param.type == "entity" and isinstance(value, ox.Literal):
            resolved[param.name] = resolve_entity(store, value.value, f"{query}: parameter {param.name}")
        elif param.type == "class":
            resolved[param.name] = resolve_choice(value, _labelled(store, _CLASSES, param.base), param, query)
        elif param.type == "property":
            resolved[param.name] = resolve_choice(value, _labelled(store, _PROPERTIES), param, query)
    return resolved


def resolve_entity(store: GraphStore, text: str, where: str) -> ox.NamedNode:
    """The one instance a name stands for; see the module docstring for the order of matches.

    Raises:
        QueryError: no match or several.
    """
    wanted = " ".join(text.split()).lower()
    if not wanted:
        raise QueryError(f"{where}: the value is empty; give a name or an IRI")
    rows = store.query(_INSTANCES, {"wanted": ox.Literal(wanted)})
    assert isinstance(rows, ox.QuerySolutions)
    names: dict[ox.NamedNode, set[str]] = {}
    context: dict[ox.NamedNode, set[str]] = {}
    for row in rows:
        node, name, how = row["x"], row["name"], row["how"]
        if isinstance(node, ox.NamedNode) and isinstance(name, ox.Literal):
            kept = context if how in (ox.NamedNode(str(_CONTEXT)), ox.NamedNode(str(_HIDDEN))) else names
            kept.setdefault(node, set()).add(" ".join(name.value.split()).lower())
    words = re.compile(rf"(?<![\w-]){re.escape(wanted)}(?![\w-])")
    share = len(wanted.split()) * 2

    def holds_the_words(name: str) -> bool:  # the name's words are at least half of the label's
        return bool(words.search(name)) and share >= len(name.split())

    tiers = ((names, lambda n: n == wanted), (names, lambda n: n.startswith(f"{wanted} of ")),
             (names, holds_the_words), (context, lambda n: n == wanted))
    for labelled, test in tiers:
        found = sorted((node for node, labels in labelled.items() if any(test(n) for n in labels)), key=str)
        if len(found) == 1:
            return found[0]
        if found:
            listed = ", ".join(_show(store, node) for node in found[:MAX_LISTED])
            more = f" and {len(found) - MAX_LISTED} more" if len(found) > MAX_LISTED else ""
            raise QueryError(f"{where}: {text!r} is ambiguous, it names {listed}{more}; pass one of these IRIs instead")
    raise QueryError(f"{where}: nothing in the graph is named {text!r}{_did_you_mean(store, wanted)}")


def _show(store: GraphStore, node: ox.NamedNode) -> str:
    from govgraph.queries.render import compact_iri
    from govgraph.queries.runner import fetch_labels

    label = fetch_labels(store, [node]).get(node.value)
    return f"{compact_iri(node.value)} ({label})" if label else compact_iri(node.value)


def _did_you_mean(store: GraphStore, wanted: str) -> str:
    rows = store.query(_ALL_NAMES)
    assert isinstance(rows, ox.QuerySolutions)
    by_lower = {row["name"].value.lower(): row["name"].value for row in rows if isinstance(row["name"], ox.Literal)}
    close = difflib.get_close_matches(wanted, sorted(by_lower), n=3, cutoff=0.6)
    return f"; did you mean {', '.join(repr(by_lower[c]) for c in close)}?" if close else ""


def _labelled(store: GraphStore, sparql: str, base: str | None = None) -> dict[ox.NamedNode, str]:
    """Terms and their shortest English label ('' when they have none)."""
    rows = store.query(sparql, {"base": ox.NamedNode(base)} if base else None)
    assert isinstance(rows, ox.QuerySolutions)
    found: dict[ox.NamedNode, str] = {}
    for row in rows:
        node, name = row["x"], row["name"]
        if isinstance(node, ox.NamedNode):
            label = name.value if isinstance(name, ox.Literal) else ""
            found[node] = min((v for v in (found.get(node, ""), label) if v), key=len, default="")
    return found


def _local(iri: str) -> str:
    return re.split(r"[#/]", iri)[-1]


def resolve_choice(value: Binding, allowed: dict[ox.NamedNode, str], param: Param, query: str) -> ox.NamedNode:
    """One of a parameter's allowed terms, named by IRI, label, label without the base class's word, or local name.

    Raises:
        QueryError: the value is none of them (the message lists them and the closest).
    """
    if isinstance(value, ox.NamedNode) and value in allowed:
        return value
    text = " ".join(str(value.value).split()).lower()
    base_word = _local(param.base or "").lower()
    keys: dict[str, set[ox.NamedNode]] = {}
    for node, label in allowed.items():
        local = _local(node.value)
        forms = {label.lower(), local.lower(), re.sub(r"(?<!^)(?=[A-Z])", " ", local).lower()}
        forms |= {f.removesuffix(f" {base_word}").strip() for f in list(forms) if base_word}
        for form in forms - {""}:
            keys.setdefault(form, set()).add(node)
    if len(keys.get(text, ())) == 1:
        return next(iter(keys[text]))
    shown = sorted({(label.lower().removesuffix(f" {base_word}") if label else _local(node.value))
                    for node, label in allowed.items()})
    close = difflib.get_close_matches(text, shown, n=2, cutoff=0.6)
    hint = f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
    what = "kind" if param.type == "class" else "property"
    listing = ", ".join(shown[:30]) + (", ..." if len(shown) > 30 else "")
    raise QueryError(f"{query}: parameter {param.name}: {str(value.value)!r} is not a {what} this query knows"
                     f"{hint} (one of: {listing})")
