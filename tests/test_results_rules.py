"""Results of votes: numbers as sources write them, bounds kept as bounds, and results on the article's event."""

from __future__ import annotations

import pyoxigraph as ox

from govgraph.build.records import Claim, Value
from govgraph.build.resolve import find_conflicts
from govgraph.build.rules.examples import extract_text
from govgraph.graph.rdf import claim_quads, curie, entity_iri


def results_of(text: str, date: str | None = None) -> list[Claim]:
    return [c for c in extract_text(text, date=date).claims if c.extractor.startswith("results.")]


def values(claims: list[Claim], predicate: str) -> dict[str, str]:
    return {c.obj.lexical: c.qualifier for c in claims if c.predicate == predicate and isinstance(c.obj, Value)}


def test_bounds_become_qualifiers_and_exact_numbers_stay_plain():
    claims = results_of("In the Serbian referendum, nearly 73 percent of voters approved the changes, "
                        "and turnout was 30.6 percent.")
    assert values(claims, "gg:voteShare") == {"73": "nearly"}
    assert values(claims, "gg:turnout") == {"30.6": ""}


def test_decimal_comma_and_scaled_counts():
    claims = results_of("In the Croatian parliamentary election, the Homeland Party got 22,5% of the vote "
                        "and about 1.2 million votes.")
    assert values(claims, "gg:voteShare") == {"22.5": ""}
    assert values(claims, "gg:voteCount") == {"1200000": "about"}


def test_results_of_one_article_share_one_event_node():
    claims = results_of("Latvia held a constitutional referendum in May 2022. Turnout was 52 percent. "
                        "Some 61 percent of voters backed the amendment.")
    events = {c.subject for c in claims if c.predicate in ("gg:turnout", "gg:result")}
    assert len(events) == 1


def test_a_poll_and_a_count_in_progress_are_not_results():
    assert not results_of("A poll in Estonia found 64 percent of voters back the reform.")
    assert not values(results_of("In the Estonian referendum, with 90 percent of polling stations counted, "
                                 "turnout was 41 percent."), "gg:voteShare")


def test_a_qualified_claim_is_stated_only_as_its_claim():
    claim = Claim("event/ee/referendum", "gg:voteCount", Value("2800000", "integer"), "doc", 0, 0, 10,
                  "results.turnout", 0.8, qualifier="more than")
    quads = list(claim_quads(claim, ox.NamedNode("https://example.org/run")))
    plain = [q for q in quads if q.subject == entity_iri(claim.subject) and q.predicate == curie("gg:voteCount")]
    qualifiers = [q.object.value for q in quads if q.predicate == curie("gg:qualifier")]
    assert plain == [] and qualifiers == ["more than"]


def test_a_bound_does_not_conflict_with_an_exact_value():
    from govgraph.build.records import Document, Extraction

    def claim(doc: str, lexical: str, qualifier: str) -> Claim:
        return Claim("result/ee/yes", "gg:voteShare", Value(lexical, "decimal"), doc, 0, 0, 10, "results.choices",
                     0.8, qualifier=qualifier)

    extractions = [Extraction(Document(d, f"{d}.txt", "", d)) for d in ("a", "b", "c")]
    extractions[0].claims = [claim("a", "50", "more than")]
    extractions[1].claims = [claim("b", "50.4", "")]
    assert find_conflicts(extractions[:2]) == []
    extractions[2].claims = [claim("c", "48.1", "")]
    assert len(find_conflicts(extractions)) == 1
