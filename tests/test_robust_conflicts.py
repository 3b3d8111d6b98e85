"""Conflicts: one node per disagreement, linear in the claims, and only where values really disagree."""

from __future__ import annotations

import tracemalloc

from govgraph.build.records import Claim, Document, Extraction, Value
from govgraph.build.resolve import disagree, find_conflicts
from govgraph.graph.rdf import conflict_quads


def claim(value: str, doc: str = "a", sentence: int = 0, subject: str = "xx/council", datatype: str = "integer",
          predicate: str = "gg:memberCount") -> Claim:
    return Claim(subject, predicate, Value(value, datatype), doc, sentence, 0, 10, "test", 0.9)


def extraction(doc: str, claims: list[Claim]) -> Extraction:
    return Extraction(Document(doc, f"{doc}.txt", "x" * 10, doc), claims=claims)


def conflicts_of(*claims: Claim):
    by_doc: dict[str, list[Claim]] = {}
    for c in claims:
        by_doc.setdefault(c.doc_id, []).append(c)
    return find_conflicts([extraction(doc, items) for doc, items in by_doc.items()])


def test_different_values_from_different_sources_are_one_conflict_with_every_claim():
    found = conflicts_of(claim("45", "a"), claim("170", "b"), claim("45", "c", 3))
    assert len(found) == 1
    assert found[0].values == ("170", "45") and len(found[0].claims) == 3
    quads = list(conflict_quads(found))
    links = [q for q in quads if q.predicate.value.endswith("#conflictingClaim")]
    assert len(links) == 3  # one link per claim
    assert not [q for q in quads if q.predicate.value.endswith("#conflictsWith")]  # no pair triples


def test_rounding_and_precision_are_not_conflicts():
    assert not conflicts_of(claim("53.9", "a", datatype="decimal"), claim("54", "b"))
    assert conflicts_of(claim("39.1", "a", datatype="decimal"), claim("36", "b"))
    # a share cut short: "40% of votes" beside "40,82%"; but 41.6 is not 40, and whole counts stay exact
    assert not conflicts_of(claim("40.82", "a", datatype="decimal"), claim("40", "b"))
    assert conflicts_of(claim("41.6", "a", datatype="decimal"), claim("40", "b"))
    assert conflicts_of(claim("258", "a"), claim("259", "b"))
    assert not conflicts_of(claim("2022", "a", datatype="gYear", predicate="gg:date"),
                            claim("2022-06-05", "b", datatype="date", predicate="gg:date"))
    assert conflicts_of(claim("2022-06-05", "a", datatype="date", predicate="gg:date"),
                        claim("2022-06-07", "b", datatype="date", predicate="gg:date"))


def test_values_of_one_sentence_never_conflict():
    # "a term of from five to seven years": one statement, a range
    assert not conflicts_of(claim("5", "a", 1, predicate="gg:termYears"), claim("7", "a", 1, predicate="gg:termYears"))
    # another source saying six agrees with the range; one saying nine does not
    assert not conflicts_of(claim("5", "a", 1), claim("7", "a", 1), claim("6", "b"))
    assert conflicts_of(claim("5", "a", 1), claim("7", "a", 1), claim("9", "b"))


def test_different_things_are_never_compared():
    # 170 regional akims and 38 akims of cities, or the district akims of two countries, are different subjects
    assert not conflicts_of(claim("170", "a", subject="kz/regional-akim", predicate="gg:electedCount"),
                            claim("38", "b", subject="kz/city-akim", predicate="gg:electedCount"))
    assert not conflicts_of(claim("40", "a", subject="kg/district-akim"), claim("45", "b", subject="kz/district-akim"))


def test_a_value_a_reform_changed_from_is_history_not_a_conflict():
    reform = [Claim("change/x", "gg:changedThing", "xx/council", "r", 0, 0, 9, "t", 0.9),
              Claim("change/x", "gg:fromValue", Value("45", "integer"), "r", 0, 0, 9, "t", 0.9),
              Claim("change/x", "gg:toValue", Value("50", "integer"), "r", 0, 0, 9, "t", 0.9)]
    before, after, again = claim("45", "a"), claim("50", "b"), claim("47", "c")
    assert not conflicts_of(*reform, before, after)
    assert conflicts_of(before, after)  # without the reform, 45 and 50 disagree
    found = conflicts_of(*reform, before, after, again)
    assert len(found) == 1 and found[0].when is None and found[0].values == ("47", "50")


def test_thousands_of_conflicting_values_stay_linear_and_within_a_memory_bound():
    """5,000 sentences giving 5,000 sizes of one body: one conflict of 5,000 links, not 25 million pairs."""
    count = 5000
    claims = [claim(str(100 + i), "big", i) for i in range(count)]
    tracemalloc.start()
    try:
        found = find_conflicts([extraction("big", claims)])
        quads = list(conflict_quads(found))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(found) == 1 and len(found[0].claims) == count
    assert len(quads) == count + 4  # type, label, subject, property, and one link per claim
    assert peak < 40 * 2**20, f"peak {peak / 2**20:.1f} MB"


def test_disagree_is_exact_on_intervals():
    v = lambda text: Value(text, "integer")  # noqa: E731
    assert disagree([[v("1")], [v("2")]])
    assert not disagree([[v("1"), v("3")], [v("2")], [v("2"), v("9")]])  # every pair of statements overlaps at 2
    assert disagree([[v("1"), v("3")], [v("2")], [v("4"), v("9")]])
