"""Parameters that name things: looked up by label, alias or IRI, with one clear line when they do not resolve.

Exact answers on the hand-written fixture (tests/data/queries_fixture.trig) and on the sample build.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import run_cli
from govgraph.errors import QueryError
from govgraph.graph.store import GraphStore, open_store
from govgraph.namespaces import ID
from govgraph.queries import run_query
from test_queries_fixture import rows


@pytest.fixture(scope="module")
def store(queries_fixture_build: Path) -> Iterator[GraphStore]:
    opened = open_store(queries_fixture_build / "store")
    yield opened
    opened.close()


@pytest.mark.parametrize("name", ["Senate of Freedonia", "senate of freedonia", "ggid:fd/senate", f"<{ID}fd/senate>",
                                  "Senate", "Great Assembly"])
def test_entity_by_label_alias_prefix_or_iri(store: GraphStore, name: str):
    expected = "fd/parliament" if name == "Great Assembly" else "fd/senate"
    described = run_query("describe", {"entity": name}, store=store, labels=False)
    assert {t.subject.value.removeprefix(str(ID)) for t in described.triples} == {expected}


def test_a_surname_finds_the_person_not_their_tenures(store: GraphStore):
    assert rows(store, "positions-held")[0][0] == "person/anna-berg"
    facts = rows(store, "entity", entity="Berg")
    assert ("out", "gg:holds", "fd/president", "0") in facts
    assert {f[0] for f in facts} <= {"in", "out"}


def test_ambiguous_and_unknown_names_are_one_line(store: GraphStore):
    with pytest.raises(QueryError) as ambiguous:
        run_query("entity", {"entity": "Province"}, store=store)
    assert str(ambiguous.value) == ("query entity: parameter entity: 'Province' is ambiguous, it names "
                                    "ggid:fd/lake-province (Lake Province), ggid:fd/north-province (North Province); "
                                    "pass one of these IRIs instead")
    with pytest.raises(QueryError) as unknown:
        run_query("entity", {"entity": "Senat of Fredonia"}, store=store)
    assert str(unknown.value).startswith("query entity: parameter entity: nothing in the graph is named "
                                         "'Senat of Fredonia'; did you mean 'Senate of Freedonia'")


def test_class_labels_never_match_an_entity(store: GraphStore):
    # "parliament" is also the label of the class gg:Parliament: only the body is meant
    facts = rows(store, "entity", entity="parliament")
    assert facts and all(f[0] in ("in", "out") for f in facts)
    assert ("out", "rdf:type", "gg:Parliament", "0") in facts
    assert rows(store, "fact-sources", entity="Parliament") == []  # no claim is about it; not every claim of the graph
    house = rows(store, "fact-sources", entity="Freedonian House")
    assert [(r[0], r[1], r[2]) for r in house] == [
        ("fd/house", "gg:memberCount", "100"), ("fd/house", "gg:memberCount", "98"),
        ("doc/fd-1", "gg:mentions", "fd/house"), ("doc/fd-2", "gg:mentions", "fd/house")]


def test_enumerated_and_date_parameters_are_checked(store: GraphStore):
    assert [r[0] for r in rows(store, "reforms", kind="electoral")] == ["reform/electoral-2023"]
    assert [r[0] for r in rows(store, "reforms", kind="Human Rights")] == ["reform/rights-2022"]
    with pytest.raises(QueryError, match=r"'electorl' is not a kind this query knows; did you mean 'electoral'\?"):
        run_query("reforms", {"kind": "electorl"}, store=store)
    with pytest.raises(QueryError, match=r"'2020-13-45' is not a date"):
        run_query("office-holder-on-date", {"office": "President", "date": "2020-13-45"}, store=store)
    with pytest.raises(QueryError, match=r"'membercout' is not a property this query knows; did you mean"):
        run_query("fact-sources", {"entity": "House of Deputies", "property": "membercout"}, store=store)
    counts = rows(store, "fact-sources", entity="House of Deputies", property="member count")
    assert [(r[2], r[3]) for r in counts] == [("100", "doc/fd-1"), ("98", "doc/fd-2")]


def test_addresses_leave_elections_out(store: GraphStore):
    assert rows(store, "addresses") == [("event/address-2022", "gg:Address", "2022-03-16", "person/boris-kay",
                                         "fd/parliament")]


def test_sources_lists_each_article_once(store: GraphStore):
    assert [r[0] for r in rows(store, "sources")] == ["doc/fd-1", "doc/fd-2"]


def test_positions_held_wikidata_style(store: GraphStore):
    assert rows(store, "positions-held") == [
        ("person/anna-berg", "fd/president", "2015-03-01", "2022-06-30", "fd/presidency", None, None),
        ("person/boris-kay", "fd/president", "2022-07-01", None, "fd/presidency", None, None),
        ("person/carla-diaz", "fd/prime-minister", "2019", "2023-01", "fd/government", None, None),
        ("person/dan-eno", "fd/ombudsman", None, None, "fd/ombudsman-office", None, None),
    ]


def test_popolo_memberships(store: GraphStore):
    answer = run_query("popolo-memberships", store=store, labels=False)
    triples = {(t.subject.value.removeprefix(str(ID)), t.predicate.value, t.object.value.removeprefix(str(ID)))
               for t in answer.triples}
    membership = "tenure/carla-diaz-pm"
    assert {(p, o) for s, p, o in triples if s == membership} == {
        ("http://www.w3.org/1999/02/22-rdf-syntax-ns#type", "http://www.w3.org/ns/org#Membership"),
        ("http://www.w3.org/ns/org#member", "person/carla-diaz"),
        ("http://www.w3.org/ns/opengov#post", "fd/prime-minister"),
        ("http://www.w3.org/ns/org#organization", "fd/government"),
        ("http://www.w3.org/ns/org#role", "Prime Minister of Freedonia"),
        ("http://schema.org/validFrom", "2019"),
        ("http://schema.org/validUntil", "2023-01"),
    }
    assert len({s for s, p, o in triples if o == "http://www.w3.org/ns/org#Membership"}) == 3  # tenures only


def test_a_users_rq_file_looks_its_parameters_up(queries_fixture_build: Path, tmp_path: Path):
    query = tmp_path / "chambers.rq"
    query.write_text("# title: Chambers of a parliament\n# param: parliament — the parliament (entity)\n"
                     "SELECT ?chamber WHERE { ?chamber gg:chamberOf ?parliament } ORDER BY ?chamber\n")
    found = run_cli("query", str(query), "--out", str(queries_fixture_build), "-p", "parliament=Great Assembly", "-f", "csv")
    assert found.returncode == 0, found.stderr
    assert found.stdout.split() == ["chamber", f"{ID}fd/house", f"{ID}fd/senate"]
    missing = run_cli("query", str(query), "--out", str(queries_fixture_build), "-p", "parliament=Great Asembly")
    assert missing.returncode == 2 and missing.stderr.count("\n") == 1 and "did you mean 'Great Assembly'" in missing.stderr


def test_tokayev_resolves_on_the_sample(sample_build: Path):
    result = run_cli("query", "describe", "--out", str(sample_build), "-p", "entity=Tokayev")
    assert result.returncode == 0, result.stderr
    assert "kassym-jomart-tokayev" in result.stdout


def test_an_office_is_found_by_a_name_used_only_in_context(sample_build):
    from govgraph.graph.store import open_store
    from govgraph.queries.entities import resolve_entity

    store = open_store(sample_build / "store")
    assert resolve_entity(store, "head of state", "office").value.endswith("/kz/president")
