"""How a claim's provenance is stored: one evidence record per sentence set and one extraction method per
extractor and confidence, each shared by the claims they support, so a fact costs about eight triples."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from govgraph.graph.rdf import claim_quads, curie, evidence_iri, method_iri
from govgraph.graph.stats import stats_for
from govgraph.records import Claim, Value

RUN = ox.NamedNode("https://example.org/run")
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDF_TYPE = ox.NamedNode(RDF + "type")


def quads_of(*claims: Claim) -> set[ox.Quad]:
    return {q for claim in claims for q in claim_quads(claim, RUN)}


def objects(quads: set[ox.Quad], subject: ox.NamedNode, predicate: str) -> set[str]:
    return {q.object.value for q in quads if q.subject == subject and q.predicate == curie(predicate)}


def test_claims_of_one_sentence_share_its_evidence_record():
    size = Claim("body/house", "gg:memberCount", Value("100", "integer"), "d1", 3, 10, 50, "structure.sizes", 0.9)
    mention = Claim("doc/d1", "gg:mentions", "body/house", "d1", 3, 10, 50, "gazetteer", 1.0)
    quads = quads_of(size, mention)
    record = evidence_iri("d1", (3,))
    records = {q.object for q in quads if q.predicate == curie("gg:hasEvidence")}
    assert records == {record}
    assert objects(quads, record, "gg:evidence") == {"https://w3id.org/govgraph/id/doc/d1/sentence/3"}
    assert objects(quads, record, "gg:statedIn") == {"https://w3id.org/govgraph/id/doc/d1"}
    assert objects(quads, record, "prov:wasGeneratedBy") == {RUN.value}
    methods = {q.object for q in quads if q.predicate == curie("gg:extractedBy")}
    assert methods == {method_iri("structure.sizes", "0.90"), method_iri("gazetteer", "1.00")}
    assert objects(quads, method_iri("gazetteer", "1.00"), "gg:confidence") == {"1"}
    assert objects(quads, method_iri("structure.sizes", "0.90"), "gg:extractor") == {"structure.sizes"}


def test_a_claim_resting_on_two_sentences_has_a_record_of_both():
    year = Claim("tenure/x", "gg:startDate", Value("2019", "gYear"), "d1", 5, 0, 9, "tenures.dates", 0.8, also=(4,))
    alone = Claim("tenure/x", "gg:post", "office/pm", "d1", 5, 0, 9, "tenures.dates", 0.8)
    quads = quads_of(year, alone)
    both, one = evidence_iri("d1", (4, 5)), evidence_iri("d1", (5,))
    assert {q.object for q in quads if q.predicate == curie("gg:hasEvidence")} == {both, one}
    assert len(objects(quads, both, "gg:evidence")) == 2 and len(objects(quads, one, "gg:evidence")) == 1


def test_the_same_sentence_number_of_two_articles_is_two_records():
    first = Claim("body/house", "gg:memberCount", Value("100", "integer"), "d1", 3, 0, 9, "structure.sizes", 0.9)
    second = Claim("body/house", "gg:memberCount", Value("98", "integer"), "d2", 3, 0, 9, "structure.sizes", 0.9)
    quads = quads_of(first, second)
    assert len({q.object for q in quads if q.predicate == curie("gg:hasEvidence")}) == 2
    method = method_iri("structure.sizes", "0.90")
    assert {q.graph_name.value for q in quads if q.subject == method} == {
        "https://w3id.org/govgraph/id/doc/d1", "https://w3id.org/govgraph/id/doc/d2"}  # each article graph is whole


def test_a_fact_costs_about_eight_triples_on_the_sample(sample_build: Path):
    triples = {ox.Triple(q.subject, q.predicate, q.object)
               for q in ox.parse(path=str(sample_build / "graph.trig"), format=ox.RdfFormat.TRIG)}
    typed = {cls: {t.subject for t in triples if t.predicate == RDF_TYPE and t.object == curie(cls)}
             for cls in ("gg:Claim", "gg:EvidenceRecord", "gg:ExtractionMethod")}
    claims = typed["gg:Claim"]
    shared = typed["gg:EvidenceRecord"] | typed["gg:ExtractionMethod"]
    own = sum(1 for t in triples if t.subject in claims)
    share = sum(1 for t in triples if t.subject in shared)
    assert len(typed["gg:EvidenceRecord"]) < len(claims) / 2  # shared, not one per claim
    qualified = sum(1 for t in triples if t.predicate == curie("gg:qualifier"))
    assert own == 6 * len(claims) + qualified  # type, rdf:subject/predicate/object, hasEvidence, extractedBy
    assert (own + share + len(claims)) / len(claims) < 8.5  # with the fact itself; 10 before records were shared
    parts: dict[ox.NamedNode, dict[str, ox.NamedNode | ox.Literal]] = {c: {} for c in claims}
    for t in triples:
        if t.subject in claims:
            parts[t.subject][t.predicate.value] = t.object
    stated = {ox.Triple(p[RDF + "subject"], p[RDF + "predicate"], p[RDF + "object"]) for p in parts.values()}
    facts = stated & triples
    stats = stats_for(sample_build)
    assert stats.claim_triples == own + share + len(facts)  # what `govgraph stats` prints, counted another way
