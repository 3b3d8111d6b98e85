"""A synthetic political system of any size, as govgraph quads, for benchmarks and tests of the network view.

It follows the graph model of the extractor: a country with its branches of power, parliament and
chambers, government and courts; regions with local bodies; offices and people holding them through
dated tenures; parties; dated reforms whose changes create, abolish and change bodies; elections with
results; source articles, and for part of the facts a claim with its quoted sentence. The schema graph
is included, so labels of classes and properties are there as in a real build. Same size and seed,
same quads.

Run it to write a TriG file:  python bench/synth_graph.py 5000 -o /tmp/synth.trig
"""

from __future__ import annotations

import argparse
import hashlib
import random
from pathlib import Path

import pyoxigraph as ox

from govgraph.graph.rdf import schema_quads
from govgraph.namespaces import DCTERMS, GG, ID, OA, ORG, PROV, RDF, RDFS, REFERENCE_GRAPH, SKOS, XSD


def _iri(term: object) -> ox.NamedNode:
    return ox.NamedNode(str(term))


class _Builder:
    def __init__(self, seed: int) -> None:
        self.rnd = random.Random(seed)
        self.quads: list[ox.Quad] = []
        self.nodes = 0
        self.articles: list[ox.NamedNode] = []
        self.run = _iri(ID["run/synthetic"])
        self.method = _iri(ID["extractor/synthetic/0.9"])
        self.sentence = 0

    def add(self, s: ox.NamedNode, p: object, o: ox.NamedNode | ox.Literal, g: ox.NamedNode) -> None:
        self.quads.append(ox.Quad(s, _iri(p), o, g))

    def entity(self, key: str, cls: object, label: str, graph: ox.NamedNode | None = None) -> ox.NamedNode:
        node = _iri(ID[key])
        g = graph or _iri(REFERENCE_GRAPH)
        self.add(node, RDF.type, _iri(cls), g)
        self.add(node, RDFS.label, ox.Literal(label, language="en"), g)
        self.add(node, SKOS.prefLabel, ox.Literal(label, language="en"), g)
        self.nodes += 1
        return node

    def article(self, index: int) -> ox.NamedNode:
        doc = _iri(ID[f"doc/synth-{index:04d}"])
        title = f"Synthetic report {index}: {self.rnd.choice(['reform', 'parliament', 'elections', 'regions'])} news"
        self.add(doc, RDF.type, _iri(GG.SourceDocument), doc)
        self.add(doc, DCTERMS.title, ox.Literal(title), doc)
        self.add(doc, RDFS.label, ox.Literal(title), doc)
        self.add(doc, DCTERMS.date, ox.Literal(f"2023-{1 + index % 12:02d}-15", datatype=_iri(XSD.date)), doc)
        self.add(self.run, PROV.used, doc, _iri(ID["graph/derived"]))
        self.add(self.method, RDF.type, _iri(GG.ExtractionMethod), doc)
        self.add(self.method, GG.extractor, ox.Literal("synthetic"), doc)
        self.add(self.method, GG.confidence, ox.Literal("0.9", datatype=_iri(XSD.decimal)), doc)
        self.articles.append(doc)
        self.nodes += 1
        return doc

    def fact(self, s: ox.NamedNode, p: object, o: ox.NamedNode | ox.Literal, claimed: bool = True) -> None:
        """State a fact in an article, and (most of the time) claim it with a quoted sentence."""
        doc = self.rnd.choice(self.articles)
        self.add(s, p, o, doc)
        if not claimed or self.rnd.random() < 0.4:
            return
        self.sentence += 1
        key = hashlib.sha1(f"{s}{p}{o}{self.sentence}".encode()).hexdigest()[:16]
        claim = _iri(ID[f"claim/{key}"])
        evidence = _iri(f"{doc.value}/sentence/{self.sentence}")
        record = _iri(f"{doc.value}/evidence/{self.sentence}")
        quote = _iri(f"{evidence.value}/quote")
        text = f"Sentence {self.sentence}: {s.value.rsplit('/', 1)[-1]} {str(p).rsplit('#', 1)[-1]} {getattr(o, 'value', o)}."
        for pred, obj in ((RDF.type, _iri(GG.Claim)), (RDF.subject, s), (RDF.predicate, _iri(p)), (RDF.object, o),
                          (GG.hasEvidence, record), (GG.extractedBy, self.method)):
            self.add(claim, pred, obj, doc)
        for pred, obj in ((RDF.type, _iri(GG.EvidenceRecord)), (GG.statedIn, doc), (GG.evidence, evidence),
                          (PROV.wasGeneratedBy, self.run)):
            self.add(record, pred, obj, doc)
        self.add(evidence, RDF.type, _iri(OA.SpecificResource), doc)
        self.add(evidence, OA.hasSource, doc, doc)
        self.add(evidence, OA.hasSelector, quote, doc)
        self.add(quote, RDF.type, _iri(OA.TextQuoteSelector), doc)
        self.add(quote, OA.exact, ox.Literal(text), doc)
        self.nodes += 2


def _date(rnd: random.Random, lo: int = 1995, hi: int = 2023) -> str:
    return f"{rnd.randint(lo, hi)}-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}"


def synthetic_quads(size: int, seed: int = 1) -> list[ox.Quad]:
    """About `size` nodes (provenance included) of a synthetic political system, plus the schema graph.

    Args:
        size: wanted number of nodes; the result has at least this many.
        seed: seed of the random choices.

    Returns:
        Quads, sorted.
    """
    b = _Builder(seed)
    rnd = b.rnd
    for i in range(max(1, size // 400)):
        b.article(i)
    country = b.entity("synth/country", GG.Country, "Republic of Synthesia")
    parliament = b.entity("synth/parliament", GG.Parliament, "Synthesian Parliament")
    b.add(parliament, GG.branch, _iri(GG.LegislativeBranch), _iri(REFERENCE_GRAPH))
    chambers = []
    for key, cls, label, count in (("lower", GG.LowerChamber, "House of Delegates", 107),
                                   ("upper", GG.UpperChamber, "Senate of Synthesia", 50)):
        chamber = b.entity(f"synth/{key}", cls, label)
        b.add(chamber, GG.chamberOf, parliament, _iri(REFERENCE_GRAPH))
        b.fact(chamber, GG.memberCount, ox.Literal(str(count), datatype=_iri(XSD.integer)))
        chambers.append(chamber)
    government = b.entity("synth/government", GG.Government, "Government of Synthesia")
    b.add(government, GG.branch, _iri(GG.ExecutiveBranch), _iri(REFERENCE_GRAPH))
    court = b.entity("synth/court", GG.ConstitutionalCourt, "Constitutional Court of Synthesia")
    b.add(court, GG.branch, _iri(GG.JudicialBranch), _iri(REFERENCE_GRAPH))
    bodies = [parliament, *chambers, government, court]
    parties = [b.entity(f"synth/party/{i}", GG.PoliticalParty, f"Party {i}") for i in range(max(2, size // 500))]
    person_count = 0
    unit = 0
    while b.nodes < size:
        unit += 1
        region = b.entity(f"synth/region/{unit}", GG.Region, f"Region {unit}")
        b.fact(region, GG.partOf, country, claimed=False)
        executive = b.entity(f"synth/region/{unit}/akimat", GG.LocalExecutiveBody, f"Region {unit} administration")
        council = b.entity(f"synth/region/{unit}/council", GG.LocalRepresentativeBody, f"Region {unit} council")
        for body in (executive, council):
            b.fact(body, GG.partOf, region)
            b.add(body, GG.branch, _iri(GG.LocalGovernment), _iri(REFERENCE_GRAPH))
        bodies += [executive, council]
        for body, title in ((executive, "Governor"), (council, "Council chair")):
            office = b.entity(f"{body.value[len(str(ID)):]}/head", GG.Office, f"{title} of Region {unit}")
            b.fact(office, GG.officeIn, body)
            start = _date(rnd, 1995, 2015)
            for term in range(2):
                person_count += 1
                person = b.entity(f"synth/person/{person_count}", GG.Person, f"Person {person_count}")
                b.fact(office, GG.holder, person)
                b.fact(person, GG.memberOf, rnd.choice(parties))
                tenure = b.entity(f"synth/tenure/{person_count}", GG.Tenure, f"Person {person_count} as {title.lower()}")
                graph = rnd.choice(b.articles)
                b.add(person, GG.tenure, tenure, graph)
                b.add(tenure, ORG.member, person, graph)
                b.add(tenure, GG.post, office, graph)
                b.add(tenure, ORG.organization, body, graph)
                b.add(tenure, GG.startDate, ox.Literal(start, datatype=_iri(XSD.date)), graph)
                if term == 0:
                    end = f"{int(start[:4]) + rnd.randint(3, 7)}{start[4:]}"
                    b.add(tenure, GG.endDate, ox.Literal(end, datatype=_iri(XSD.date)), graph)
                    start = end
        if unit % 5 == 0:
            _reform(b, unit, rnd.choice(bodies), bodies[-1], rnd)
        if unit % 7 == 0:
            _election(b, unit, rnd.choice(chambers), parties, rnd)
    b.quads.extend(schema_quads())
    return sorted(set(b.quads), key=lambda q: (str(q.graph_name), str(q.subject), str(q.predicate), str(q.object)))


def _reform(b: _Builder, unit: int, changed: ox.NamedNode, abolished: ox.NamedNode, rnd: random.Random) -> None:
    day = _date(rnd, 2000, 2023)
    reform = b.entity(f"synth/reform/{unit}", GG.ConstitutionalReform, f"Reform {unit}")
    b.fact(reform, GG.date, ox.Literal(day, datatype=_iri(XSD.date)))
    change = b.entity(f"synth/reform/{unit}/change/1", GG.Change, f"Reform {unit}: member count")
    b.fact(reform, GG.hasChange, change)
    b.fact(change, GG.changedThing, changed)
    b.fact(change, GG.attribute, ox.Literal("memberCount"), claimed=False)
    b.fact(change, GG.fromValue, ox.Literal(str(rnd.randint(20, 80))), claimed=False)
    b.fact(change, GG.toValue, ox.Literal(str(rnd.randint(20, 80))), claimed=False)
    created = b.entity(f"synth/reform/{unit}/ombudsman", GG.RightsInstitution, f"Ombudsman office {unit}")
    creation = b.entity(f"synth/reform/{unit}/change/2", GG.Change, f"Reform {unit}: new ombudsman")
    b.fact(reform, GG.hasChange, creation)
    b.fact(creation, GG.creates, created)
    if rnd.random() < 0.5:
        b.fact(creation, GG.abolishes, abolished)
    b.fact(reform, GG.affects, changed)


def _election(b: _Builder, unit: int, chamber: ox.NamedNode, parties: list[ox.NamedNode], rnd: random.Random) -> None:
    election = b.entity(f"synth/election/{unit}", GG.Election, f"Election {unit}")
    b.fact(election, GG.date, ox.Literal(_date(rnd, 1999, 2023), datatype=_iri(XSD.date)))
    b.fact(election, GG.heldIn, chamber)
    for rank, party in enumerate(rnd.sample(parties, min(2, len(parties)))):
        result = b.entity(f"synth/election/{unit}/result/{rank}", GG.ElectionResult, f"Election {unit}: result {rank + 1}")
        b.fact(election, GG.result, result, claimed=False)
        b.fact(result, GG.party, party)
        b.fact(result, GG.voteShare, ox.Literal(f"{rnd.uniform(5, 60):.1f}", datatype=_iri(XSD.decimal)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("size", type=int)
    parser.add_argument("-o", "--output", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    ox.serialize(synthetic_quads(args.size, args.seed), str(args.output), ox.RdfFormat.TRIG)


if __name__ == "__main__":
    main()
