"""Exact answers of the named queries on a small hand-written graph (tests/data/queries_fixture.trig).

The fixture holds what the extractor does not produce yet on the sample corpus (tenures, reforms
and their changes, events, results, conflicts), written to the graph model of the working brief.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest

from govgraph.graph.store import GraphStore, open_store
from govgraph.namespaces import ID
from govgraph.queries import run_query
from govgraph.queries.render import compact_iri


@pytest.fixture(scope="module")
def store(queries_fixture_build: Path) -> Iterator[GraphStore]:
    opened = open_store(queries_fixture_build / "store")
    yield opened
    opened.close()


def cell(term: ox.NamedNode | ox.Literal | None) -> str | None:
    """A short, comparable form: instance IRIs without the namespace, schema IRIs as CURIEs, literal values."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return term.value.removeprefix(str(ID)) if term.value.startswith(str(ID)) else compact_iri(term.value)
    return term.value


def rows(store: GraphStore, name: str, **params: str) -> list[tuple[str | None, ...]]:
    return [tuple(cell(t) for t in row) for row in run_query(name, params or None, store=store, labels=False).rows]


def test_who_held_the_presidency_on_a_date(store: GraphStore):
    assert rows(store, "office-holder-on-date", office="President", date="2020-01-01") == [
        ("fd/president", "person/anna-berg", "2015-03-01", "2022-06-30", "start stated")]
    # the second tenure has no end and its start is an OWL-Time interval
    assert rows(store, "office-holder-on-date", office="president of freedonia", date="2024-05-01") == [
        ("fd/president", "person/boris-kay", "2022-07-01", None, "start stated")]
    # partial dates compare at their precision: in office from 2019 until January 2023
    assert [r[1] for r in rows(store, "office-holder-on-date", office="ggid:fd/prime-minister", date="2023-01-31")] == [
        "person/carla-diaz"]
    assert rows(store, "office-holder-on-date", office="Prime Minister", date="2023-02-01") == []
    assert rows(store, "office-holder-on-date", office="President", date="2014") == []


SEEN_IN_OFFICE = """
@prefix gg: <https://w3id.org/govgraph#> . @prefix org: <http://www.w3.org/ns/org#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> . @prefix id: <https://w3id.org/govgraph/id/> .
id:fd\\/ombudsman <http://www.w3.org/2000/01/rdf-schema#label> "Ombudsman" .
id:tenure\\/dan-eno a gg:Tenure ; org:member id:person\\/dan-eno ; gg:post id:fd\\/ombudsman ;
    gg:heldOn "2023-05-02"^^xsd:date, "2023-09-01"^^xsd:date .
id:tenure\\/eva-lund a gg:Tenure ; org:member id:person\\/eva-lund ; gg:post id:fd\\/ombudsman ;
    gg:heldOn "2018-04-01"^^xsd:date ; gg:tenureStatus "former" .
"""


def test_a_holder_seen_in_office_holds_it_from_that_day(tmp_path: Path):
    """No start stated: the first day a source shows the holder in office; a former holder only until the last."""
    from govgraph.graph.store import write_embedded_store

    graph = ox.NamedNode(f"{ID}doc/seen")
    triples = ox.parse(SEEN_IN_OFFICE, format=ox.RdfFormat.TURTLE)
    write_embedded_store([ox.Quad(t.subject, t.predicate, t.object, graph) for t in triples], tmp_path / "store")
    store = open_store(tmp_path / "store")
    assert rows(store, "office-holder-on-date", office="Ombudsman", date="2024-01-01") == [
        ("fd/ombudsman", "person/dan-eno", "2023-05-02", None, "first seen in office")]
    assert rows(store, "office-holder-on-date", office="Ombudsman", date="2023-05-01") == []
    assert [r[1] for r in rows(store, "office-holder-on-date", office="Ombudsman", date="2018-04-01")] == [
        "person/eva-lund"]
    assert rows(store, "office-holder-on-date", office="Ombudsman", date="2018-04-02") == []


def test_the_state_of_the_system_on_a_date(store: GraphStore):
    state = {(r[0], r[1], r[2]) for r in rows(store, "state-on-date", date="2024-05-01")}
    assert ("holder", "fd/president", "person/boris-kay") in state
    assert ("holder", "fd/president", "person/anna-berg") not in state
    assert ("memberCount", "fd/house", "100") in state
    before = {(r[0], r[1], r[2]) for r in rows(store, "state-on-date", date="2020-01-01")}
    assert ("holder", "fd/president", "person/anna-berg") in before


def test_offices_and_holders(store: GraphStore):
    assert rows(store, "offices") == [
        ("fd/mayor", "fd/city-hall", None, None, None),
        ("fd/ombudsman", "fd/ombudsman-office", "person/dan-eno", None, None),
        ("fd/president", "fd/presidency", "person/anna-berg", "2015-03-01", "2022-06-30"),
        ("fd/president", "fd/presidency", "person/boris-kay", "2022-07-01", None),
        ("fd/prime-minister", "fd/government", "person/carla-diaz", "2019", "2023-01"),
    ]


def test_people_and_their_roles(store: GraphStore):
    assert ("person/boris-kay", None, "party/unity", None, None) in rows(store, "people")
    assert ("person/dan-eno", "fd/ombudsman", "fd/ombudsman-office", None, None) in rows(store, "people")


def test_parliament_keeps_both_stated_member_counts(store: GraphStore):
    assert rows(store, "parliament") == [
        ("fd/parliament", "fd/house", "lower", "98", "elected", "fd/freedonia", None),
        ("fd/parliament", "fd/house", "lower", "100", "elected", "fd/freedonia", None),
        ("fd/parliament", "fd/senate", "upper", "40", "mixed", None, "fd/president"),
    ]


def test_reforms_by_kind(store: GraphStore):
    assert [r[0] for r in rows(store, "reforms")] == [
        "reform/regions-2021", "reform/constitution-2022", "reform/rights-2022", "reform/electoral-2023"]
    electoral = [("reform/electoral-2023", "gg:ElectoralReform", "2023-01-01", "fd/government", "fd/election-law")]
    assert rows(store, "reforms", kind="electoral") == electoral
    assert rows(store, "reforms", kind="gg:ElectoralReform") == electoral
    assert [r[0] for r in rows(store, "reforms", kind="Human Rights")] == ["reform/rights-2022"]
    assert len(rows(store, "reforms", kind="gg:Reform")) == 4


def test_what_each_reform_changed(store: GraphStore):
    changes = rows(store, "reform-changes")
    assert ("reform/constitution-2022", "2022-06-05", "fd/president", "termLimit", "2", "1") in changes
    assert ("reform/electoral-2023", "2023-01-01", "fd/mayor", "selectionMethod", "appointed", "elected") in changes
    assert ("reform/constitution-2022", "2022-06-05", "fd/constitutional-court", "re-established", None, None) in changes
    assert ("reform/constitution-2022", "2022-06-05", None, "governance model", "fd/super-presidential",
            "fd/strong-parliament") in changes
    assert len(changes) == 9


def test_a_body_before_and_after_reforms(store: GraphStore):
    assert rows(store, "before-after", entity="Senate of Freedonia") == [
        ("reform/constitution-2022", "2022-06-05", "seats appointed by the President", "15", "10")]
    assert rows(store, "before-after", entity="Constitutional Court") == [
        ("reform/constitution-2022", "2022-06-05", "existence", "abolished", "re-established")]


def test_reforms_that_strengthen_parliament(store: GraphStore):
    assert [(r[2], r[3], r[6]) for r in rows(store, "reforms-strengthening-parliament")] == [
        (None, "governance model", "moves to a model with a stronger parliament"),
        ("fd/prime-minister", "appointedBy", "the power passes to Parliament or a chamber"),
    ]


def test_reforms_that_reduce_presidential_powers(store: GraphStore):
    assert [(r[2], r[4], r[5], r[6]) for r in rows(store, "reforms-reducing-presidential-powers")] == [
        ("fd/president", "2", "1", "a number of the presidency goes down"),
        ("fd/senate", "15", "10", "a number tied to the President goes down"),
        ("fd/prime-minister", "President", "House of Deputies", "the power is taken from the President"),
    ]


def test_elected_directly_or_appointed(store: GraphStore):
    assert rows(store, "selection-methods") == [
        ("fd/house", "elected", "directly", "fd/freedonia", None, None, None),
        ("fd/mayor", "elected", "directly", "fd/north-province", None, None, None),
        ("fd/mayor", "elected", "directly", None, "reform/electoral-2023", "appointed", "elected"),
        ("fd/ombudsman", "appointed", None, "fd/parliament", None, None, None),
        ("fd/prime-minister", "appointed", None, None, "reform/constitution-2022", "President", "House of Deputies"),
        ("fd/senate", "mixed", None, "fd/president", None, None, None),
    ]


def test_timeline_is_in_date_order(store: GraphStore):
    timeline = rows(store, "timeline")
    assert [r[0] for r in timeline] == sorted(r[0] for r in timeline)
    assert ("2023-03-19", "event/election-2023", "gg:Election", "fd/freedonia") in timeline
    assert ("2022-03-16", "event/address-2022", "gg:Address", None) in timeline
    assert len(timeline) == 7


def test_sources_and_quotes_behind_a_fact(store: GraphStore):
    assert rows(store, "fact-sources", entity="Freedonian House", property="memberCount") == [
        ("fd/house", "gg:memberCount", "100", "doc/fd-1", "The House of Deputies has 100 members.", "120", "158",
         "patterns", "0.9"),
        ("fd/house", "gg:memberCount", "98", "doc/fd-2", "The 98-seat House of Deputies met on Monday.", "40", "84",
         "patterns", "0.8"),
    ]
    assert len(rows(store, "fact-sources", entity="House of Deputies")) == 4  # two numbers, two mentions


def test_conflicting_claims(store: GraphStore):
    assert rows(store, "conflicts") == [  # one row per claim of the one conflict, never a row per pair
        ("conflict/house-members", "fd/house", "gg:memberCount", "100", "doc/fd-1",
         "The House of Deputies has 100 members."),
        ("conflict/house-members", "fd/house", "gg:memberCount", "98", "doc/fd-2",
         "The 98-seat House of Deputies met on Monday.")]


def test_most_mentioned(store: GraphStore):
    top = rows(store, "most-mentioned")
    assert top[0] == ("fd/house", "gg:LowerChamber", "2", "4")
    assert top[1] == ("fd/parliament", "gg:Parliament", "2", "0")


def test_parties_and_elections(store: GraphStore):
    assert rows(store, "parties") == [
        ("party/greens", "event/election-2023", "2023-03-19", "8.4", "6"),
        ("party/unity", "event/election-2023", "2023-03-19", "53.9", "62"),
    ]
    assert rows(store, "elections") == [
        ("event/referendum-2022", "gg:Referendum", "2022-06-05", "fd/freedonia", "0", None),
        ("event/election-2023", "gg:Election", "2023-03-19", "fd/freedonia", "2", "68"),
    ]


def test_regions_and_institutions_created(store: GraphStore):
    assert rows(store, "regions-created") == [
        ("fd/lake-province", "gg:Region", None, "2021-09-01"),
        ("fd/north-province", "gg:Region", "reform/regions-2021", "2021-09-01"),
    ]
    assert [(r[0], r[2]) for r in rows(store, "institutions-created-abolished")] == [
        ("fd/north-province", "created"), ("fd/constitutional-court", "re-established"), ("fd/ombudsman-office", "created")]


def test_documents_rights_institutions_proposals_and_models(store: GraphStore):
    assert ("fd/election-law", "gg:ConstitutionalLaw", "fd/government", None, "reform/electoral-2023", "fd/house",
            None) in rows(store, "documents")
    assert ("fd/constitution", "gg:Constitution", None, "reform/constitution-2022", None, None, None) in rows(
        store, "documents")
    assert rows(store, "rights-institutions") == [
        ("fd/ombudsman-office", "gg:RightsInstitution", "fd/ombudsman", "person/dan-eno", "reform/rights-2022",
         "2022-11-01")]
    assert ("person/boris-kay", "reform/constitution-2022", "gg:ConstitutionalReform", "2022-06-05",
            "event/referendum-2022") in rows(store, "proposals")
    assert rows(store, "governance-models") == [
        ("fd/strong-parliament", "reform/constitution-2022", "2022-06-05", "to", None),
        ("fd/super-presidential", "reform/constitution-2022", "2022-06-05", "from", None),
    ]
    assert rows(store, "addresses") == [
        ("event/address-2022", "gg:Address", "2022-03-16", "person/boris-kay", "fd/parliament")]


def test_structure_queries(store: GraphStore):
    assert ("gg:ExecutiveBranch", "fd/prime-minister", "gg:HeadOfGovernment", "fd/government") in rows(store, "branches")
    assert len(rows(store, "branches")) == 9
    assert ("fd/senate", "gg:UpperChamber", "gg:LegislativeBranch", "national", "fd/parliament") in rows(store, "bodies")
    assert rows(store, "local-government") == [
        ("fd/city-hall", "gg:LocalExecutiveBody", "fd/mayor", "elected", "fd/north-province", None),
        ("fd/city-council", "gg:LocalRepresentativeBody", None, None, None, None),
    ]


def test_entity_and_describe(store: GraphStore):
    facts = rows(store, "entity", entity="ggid:fd/senate")
    assert ("out", "gg:memberCount", "40", "0") in facts
    assert ("in", "gg:affects", "reform/constitution-2022", "0") in facts
    counted = rows(store, "entity", entity="House of Deputies")
    assert ("out", "gg:memberCount", "100", "1") in counted  # stated by one article
    described = run_query("describe", {"entity": "Senate of Freedonia"}, store=store)
    assert described.kind == "graph"
    assert {t.subject.value for t in described.triples} == {f"{ID}fd/senate"}
