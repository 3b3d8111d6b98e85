"""Every named query runs on the sample build and answers with its expected columns; some exact answers."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest

from govgraph.graph.store import GraphStore, open_store
from govgraph.namespaces import GG, ID
from govgraph.queries import named_queries, run_query

# The columns each SELECT query answers with (DESCRIBE queries answer with triples).
COLUMNS = {
    "addresses": ["event", "type", "date", "speaker", "audience"],
    "before-after": ["reform", "date", "attribute", "before", "after"],
    "bodies": ["body", "type", "branch", "level", "partOf"],
    "branches": ["branch", "body", "type", "partOf"],
    "conflicts": ["conflict", "subject", "predicate", "value", "source", "quote"],
    "describe": None,
    "documents": ["document", "type", "proposedBy", "revisedBy", "adopts", "regulates", "date"],
    "elections": ["event", "type", "date", "place", "results", "seats"],
    "entity": ["direction", "property", "value", "sources"],
    "fact-sources": ["subject", "predicate", "object", "document", "quote", "start", "end", "extractor", "confidence"],
    "governance-models": ["model", "reform", "date", "direction", "follower"],
    "institutions-created-abolished": ["thing", "type", "action", "by", "date"],
    "local-government": ["body", "type", "office", "selection", "electedBy", "appointedBy"],
    "most-mentioned": ["entity", "type", "sources", "claims"],
    "office-holder-on-date": ["post", "holder", "start", "end", "since"],
    "state-on-date": ["aspect", "thing", "value", "from", "until", "sources"],
    "offices": ["office", "body", "holder", "start", "end"],
    "parliament": ["parliament", "chamber", "rank", "members", "selection", "electedBy", "appointedBy"],
    "parties": ["party", "election", "date", "voteShare", "seats"],
    "people": ["person", "role", "organization", "start", "end"],
    "popolo-memberships": None,
    "positions-held": ["person", "position", "start", "end", "of", "personWikidata", "positionWikidata"],
    "proposals": ["proposer", "proposal", "type", "date", "adoptedThrough"],
    "reform-changes": ["reform", "date", "thing", "attribute", "from", "to"],
    "reforms": ["reform", "type", "date", "proposedBy", "adoptedThrough"],
    "reforms-reducing-presidential-powers": ["reform", "date", "thing", "attribute", "from", "to", "why"],
    "reforms-strengthening-parliament": ["reform", "date", "thing", "attribute", "from", "to", "why"],
    "regions-created": ["region", "type", "createdBy", "date"],
    "rights-institutions": ["institution", "type", "office", "holder", "reform", "date"],
    "selection-methods": ["entity", "method", "how", "by", "reform", "before", "after"],
    "sources": ["document", "date", "publisher", "author", "entities", "claims"],
    "timeline": ["date", "event", "type", "place"],
}
# Parameters for the queries that need them, naming things the sample corpus mentions.
PARAMS = {
    "before-after": {"entity": "Mazhilis"},
    "describe": {"entity": "Mazhilis"},
    "entity": {"entity": "Mazhilis"},
    "fact-sources": {"entity": "Mazhilis"},
    "office-holder-on-date": {"office": "President", "date": "2022-06-01"},
    "state-on-date": {"date": "2023-03-29"},
}
# The queries whose data the extractor already produces: they must answer with rows on the sample.
# (before-after, conflicts and office-holder-on-date wait for changes of the Mazhilis, conflicting
# numbers and dated tenures; tests/test_queries_fixture.py checks their answers.)
NON_EMPTY_ON_SAMPLE = set(COLUMNS) - {"before-after", "conflicts", "office-holder-on-date"}


@pytest.fixture(scope="module")
def store(sample_build: Path) -> Iterator[GraphStore]:
    opened = open_store(sample_build / "store")
    yield opened
    opened.close()


def test_every_named_query_has_expected_columns_listed():
    assert set(COLUMNS) == set(named_queries())


@pytest.mark.parametrize("name", sorted(COLUMNS))
def test_named_query_runs_on_the_sample_with_its_columns(store: GraphStore, name: str):
    answer = run_query(name, PARAMS.get(name), store=store)
    if COLUMNS[name] is None:
        assert answer.kind == "graph"
    else:
        assert answer.kind == "select"
        assert answer.variables == COLUMNS[name]
        assert all(len(row) == len(COLUMNS[name]) for row in answer.rows)
    if name in NON_EMPTY_ON_SAMPLE:
        assert len(answer) > 0, f"{name} answered nothing on the sample graph"


def test_parliament_of_kazakhstan_has_its_two_chambers(store: GraphStore):
    answer = run_query("parliament", store=store)
    pairs = {(row[0].value, row[1].value) for row in answer.rows if row[1] is not None}
    assert {(f"{ID}kz/parliament", f"{ID}kz/mazhilis"), (f"{ID}kz/parliament", f"{ID}kz/senate")} <= pairs
    assert answer.labels[f"{ID}kz/mazhilis"] == "Mazhilis"


def test_branches_place_the_mazhilis_in_the_legislature(store: GraphStore):
    rows = run_query("branches", store=store).rows
    assert (ox.NamedNode(str(GG.LegislativeBranch)), ox.NamedNode(f"{ID}kz/mazhilis")) in {(r[0], r[1]) for r in rows}


def test_sources_lists_the_five_articles(store: GraphStore):
    rows = run_query("sources", store=store).rows
    assert len(rows) == 5
    assert all(int(row[4].value) > 0 for row in rows)  # every article mentions something


def test_fact_sources_quotes_match_their_offsets(store: GraphStore):
    rows = run_query("fact-sources", {"entity": "mazhilis"}, store=store).rows  # names match case-insensitively
    mazhilis = ox.NamedNode(f"{ID}kz/mazhilis")
    assert rows
    for subject, _, obj, _, quote, start, end, _, _ in rows:
        assert mazhilis in (subject, obj)
        assert len(quote.value) == int(end.value) - int(start.value)


def test_an_iri_parameter_gives_the_same_answer_as_the_name(store: GraphStore):
    by_name = run_query("entity", {"entity": "Mazhilis"}, store=store).rows
    by_iri = run_query("entity", {"entity": "ggid:kz/mazhilis"}, store=store).rows
    assert by_name == by_iri


def test_most_mentioned_counts_are_sorted_and_bounded(store: GraphStore):
    counts = [int(row[2].value) for row in run_query("most-mentioned", store=store).rows]
    assert counts == sorted(counts, reverse=True)
    assert counts[-1] >= 1 and counts[0] <= 5
