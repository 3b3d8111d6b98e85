"""Parameter values become RDF terms, never query text."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from govgraph.errors import QueryError
from govgraph.namespaces import GG, ID, XSD
from govgraph.queries import bind_params, parse_param_options, to_term
from govgraph.queries.catalog import Param


@pytest.mark.parametrize(("value", "expected"), [
    ("ggid:kz/mazhilis", ox.NamedNode(f"{ID}kz/mazhilis")),
    ("gg:ElectoralReform", ox.NamedNode(f"{GG}ElectoralReform")),
    ("https://w3id.org/govgraph/id/kz/senate", ox.NamedNode(f"{ID}kz/senate")),
    ("<urn:x:1>", ox.NamedNode("urn:x:1")),
    ("urn:isbn:123", ox.NamedNode("urn:isbn:123")),
    ("Mazhilis", ox.Literal("Mazhilis")),
    ("lower house", ox.Literal("lower house")),
    ("unknown:thing", ox.Literal("unknown:thing")),
    ('Mazhilis" } ; DROP ALL ; #', ox.Literal('Mazhilis" } ; DROP ALL ; #')),
])
def test_entity_values_are_iris_when_they_look_like_one(value: str, expected: ox.NamedNode | ox.Literal):
    assert to_term(value) == expected


@pytest.mark.parametrize(("value", "datatype"), [("2020-01-31", "date"), ("2020-01", "gYearMonth"), ("2020", "gYear")])
def test_dates_keep_their_precision(value: str, datatype: str):
    assert to_term(value, "date") == ox.Literal(value, datatype=ox.NamedNode(str(XSD[datatype])))


def test_numbers_text_and_iri_types():
    assert to_term("42", "integer") == ox.Literal("42", datatype=ox.NamedNode(str(XSD.integer)))
    assert to_term("0.5", "decimal") == ox.Literal("0.5", datatype=ox.NamedNode(str(XSD.decimal)))
    assert to_term("gg:x", "text") == ox.Literal("gg:x")
    with pytest.raises(QueryError, match="not an IRI"):
        to_term("Mazhilis", "iri")
    with pytest.raises(QueryError, match="not a date"):
        to_term("31/01/2020", "date")
    with pytest.raises(QueryError, match="not an integer"):
        to_term("4 2", "integer")
    with pytest.raises(QueryError, match="not a valid IRI"):
        to_term("<http://a b>")


def test_param_options_are_name_value_pairs():
    assert parse_param_options(["entity=Mazhilis", "?date=2020-01-01", "q=a=b"]) == {
        "entity": "Mazhilis", "date": "2020-01-01", "q": "a=b"}
    for bad in (["entity"], ["bad name=x"], ["x}=1"]):
        with pytest.raises(QueryError, match="name=value"):
            parse_param_options(bad)


def test_declared_parameters_are_checked():
    declared = [Param("office", "the office"), Param("date", "the day", "date", optional=True)]
    assert bind_params({"office": "President"}, declared) == {"office": ox.Literal("President")}
    with pytest.raises(QueryError, match="has no parameter colour; it takes: office, date"):
        bind_params({"office": "x", "colour": "red"}, declared, "query q")
    with pytest.raises(QueryError, match="needs --param office"):
        bind_params({"date": "2020"}, declared, "query q")
    with pytest.raises(QueryError, match="not a date"):
        bind_params({"office": "x", "date": "yesterday"}, declared)


def test_undeclared_parameters_of_inline_queries_follow_the_default_rule():
    assert bind_params({"x": "gg:Office", "y": "Senate"}) == {"x": ox.NamedNode(f"{GG}Office"), "y": ox.Literal("Senate")}
