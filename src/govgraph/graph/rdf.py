"""Turn extracted records into RDF quads: the one place where records become triples.

Each source document's statements go into a named graph whose name is the document's IRI;
curated reference data and the schema have graphs of their own. Every extracted statement is
asserted plainly and also as a gg:Claim that points at an evidence record (the article and the sentence,
a Web Annotation specific resource with the exact quote and character offsets, and the build run) shared by
every claim of that sentence, and at an extraction method (extractor and confidence) shared by every claim
the extractor makes at that confidence.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from itertools import chain
from urllib.parse import quote

import pyoxigraph as ox

from govgraph.namespaces import DCTERMS, GG, ID, OA, OWL, PREFIXES, PROV, RDF, RDFS, REFERENCE_GRAPH, SKOS, XSD
from govgraph.records import Claim, Conflict, Document, Entity, Extraction, Value

DERIVED_GRAPH = ID["graph/derived"]
CONFLICT_VALUES_SHOWN = 8  # values named in a conflict's label; the claims carry all of them


@lru_cache(maxsize=4096)
def iri(value: str) -> ox.NamedNode:
    return ox.NamedNode(value)


@lru_cache(maxsize=256)
def curie(name: str) -> ox.NamedNode:
    """'gg:chamberOf' -> NamedNode; full IRIs pass through."""
    prefix, _, local = name.partition(":")
    if prefix in PREFIXES and not local.startswith("//"):
        return iri(str(PREFIXES[prefix]) + local)
    return iri(name)


def entity_iri(key: str) -> ox.NamedNode:
    return iri(str(ID) + key)


def document_iri(doc_id: str) -> ox.NamedNode:
    return iri(f"{ID}doc/{doc_id}")


def sentence_iri(doc_id: str, index: int) -> ox.NamedNode:
    return iri(f"{ID}doc/{doc_id}/sentence/{index}")


# Every store govgraph writes to (Oxigraph, Virtuoso) keeps numbers as values: "0.90"^^xsd:decimal comes back
# as "0.9" and any integer type as xsd:integer. Numbers are written in that form from the start, so graph.ttl,
# the store, exports and query answers hold the very same terms.
_INTEGER_TYPES = frozenset(str(XSD) + name for name in (
    "integer", "nonNegativeInteger", "positiveInteger", "nonPositiveInteger", "negativeInteger", "long", "int",
    "short", "byte", "unsignedLong", "unsignedInt", "unsignedShort", "unsignedByte"))
_DECIMAL = str(XSD.decimal)


def canonical_literal(lexical: str, datatype: str) -> ox.Literal:
    """A typed literal as the stores keep it: integers as canonical xsd:integer, decimals without padding zeros.

    ``("0.90", xsd:decimal)`` -> ``"0.9"^^xsd:decimal``; ``("12", xsd:nonNegativeInteger)`` -> ``"12"^^xsd:integer``.
    A lexical form that is not a number of its type is kept as it is.
    """
    try:
        if datatype in _INTEGER_TYPES:
            return ox.Literal(str(int(lexical.strip())), datatype=iri(str(XSD.integer)))
        if datatype == _DECIMAL:
            number = Decimal(lexical.strip())
            if number.is_finite():
                text_form = "0" if number == 0 else format(number.normalize(), "f")
                return ox.Literal(text_form, datatype=iri(_DECIMAL))
    except (ValueError, InvalidOperation):
        pass
    return ox.Literal(lexical, datatype=iri(datatype))


def canonical_term(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """The term with a numeric literal in its canonical form (see `canonical_literal`); others unchanged."""
    if isinstance(term, ox.Literal) and term.language is None:
        return canonical_literal(term.value, term.datatype.value)
    return term


def literal(value: Value) -> ox.Literal:
    if value.datatype == "string":
        return ox.Literal(value.lexical)
    return canonical_literal(value.lexical, str(XSD) + value.datatype)


def text(value: str) -> ox.Literal:
    return ox.Literal(value)


def claim_key(claim: Claim) -> str:
    obj = f"{claim.obj.lexical}^^{claim.obj.datatype}" if isinstance(claim.obj, Value) else claim.obj
    raw = "\x1f".join((claim.doc_id, str(claim.sentence), claim.subject, claim.predicate, obj))
    return hashlib.sha1(raw.encode("utf-8")).hexdigest()[:16]


def object_term(claim: Claim) -> ox.NamedNode | ox.Literal:
    return literal(claim.obj) if isinstance(claim.obj, Value) else entity_iri(claim.obj)


_TYPE = iri(str(RDF.type))
_LABEL = iri(str(RDFS.label))
_PREF = iri(str(SKOS.prefLabel))
_ALT = iri(str(SKOS.altLabel))


def entity_quads(entity: Entity, graph: ox.NamedNode) -> Iterator[ox.Quad]:
    node = entity_iri(entity.key)
    yield ox.Quad(node, _TYPE, curie("gg:" + entity.cls), graph)
    yield ox.Quad(node, _LABEL, ox.Literal(entity.label, language="en"), graph)
    yield ox.Quad(node, _PREF, ox.Literal(entity.label, language="en"), graph)
    for alias in sorted(entity.aliases - {entity.label}):
        yield ox.Quad(node, _ALT, ox.Literal(alias, language="en"), graph)
    for hidden in sorted(entity.hidden_labels):
        yield ox.Quad(node, curie("skos:hiddenLabel"), ox.Literal(hidden, language="en"), graph)
    for retired in sorted(entity.same_as):
        yield ox.Quad(entity_iri(retired), curie("owl:sameAs"), node, graph)


def document_quads(doc: Document, publisher: str | None, author: str | None) -> Iterator[ox.Quad]:
    """The article's own description; publisher and author are entity keys."""
    node = graph = document_iri(doc.doc_id)
    yield ox.Quad(node, _TYPE, curie("gg:SourceDocument"), graph)
    yield ox.Quad(node, iri(str(DCTERMS.title)), text(doc.title), graph)
    yield ox.Quad(node, _LABEL, text(doc.title), graph)
    yield ox.Quad(node, iri(str(DCTERMS.identifier)), text(doc.doc_id), graph)
    yield ox.Quad(node, curie("gg:fileName"), text(doc.path.rsplit("/", 1)[-1]), graph)
    yield ox.Quad(node, curie("gg:contentHash"), text(doc.content_hash), graph)
    if doc.date:
        datatype = {4: "gYear", 7: "gYearMonth"}.get(len(doc.date), "date")
        yield ox.Quad(node, iri(str(DCTERMS.date)), ox.Literal(doc.date, datatype=iri(str(XSD) + datatype)), graph)
    if doc.url:
        yield ox.Quad(node, curie("schema:url"), ox.Literal(doc.url, datatype=iri(str(XSD.anyURI))), graph)
    if publisher:
        yield ox.Quad(node, curie("gg:publishedBy"), entity_iri(publisher), graph)
    if author:
        yield ox.Quad(node, curie("gg:author"), entity_iri(author), graph)


def sentence_quads(doc: Document, index: int) -> Iterator[ox.Quad]:
    span = doc.sentences[index]
    graph = document_iri(doc.doc_id)
    node = sentence_iri(doc.doc_id, index)
    quote = iri(f"{node.value}/quote")
    position = iri(f"{node.value}/position")
    yield ox.Quad(node, _TYPE, curie("oa:SpecificResource"), graph)
    yield ox.Quad(node, curie("oa:hasSource"), graph, graph)
    yield ox.Quad(node, curie("oa:hasSelector"), quote, graph)
    yield ox.Quad(node, curie("oa:hasSelector"), position, graph)
    yield ox.Quad(quote, _TYPE, curie("oa:TextQuoteSelector"), graph)
    yield ox.Quad(quote, iri(str(OA.exact)), text(doc.text[span.start : span.end]), graph)
    yield ox.Quad(position, _TYPE, curie("oa:TextPositionSelector"), graph)
    yield ox.Quad(position, iri(str(OA.start)), canonical_literal(str(span.start), str(XSD.integer)), graph)
    yield ox.Quad(position, iri(str(OA.end)), canonical_literal(str(span.end), str(XSD.integer)), graph)


def claim_quads(claim: Claim, run: ox.NamedNode) -> Iterator[ox.Quad]:
    """The fact, its claim node, and the two provenance nodes the claim shares with others.

    The claim node holds what is its own (the reified statement, a qualifier) and two links: gg:hasEvidence to
    the evidence record of its sentences (article, sentences, build run), shared by every claim those sentences
    support, and gg:extractedBy to the extraction method (extractor and confidence), shared by every claim it
    makes at that confidence. Claims that share a node yield its quads again; the caller deduplicates.
    """
    graph = document_iri(claim.doc_id)
    subject, predicate, obj = entity_iri(claim.subject), curie(claim.predicate), object_term(claim)
    node = iri(f"{ID}claim/{claim_key(claim)}")
    if claim.qualifier:  # a bound is not the value: stated only as the claim, with its qualifier
        yield ox.Quad(node, curie("gg:qualifier"), text(claim.qualifier), graph)
    else:
        yield ox.Quad(subject, predicate, obj, graph)
    yield ox.Quad(node, _TYPE, curie("gg:Claim"), graph)
    yield ox.Quad(node, iri(str(RDF.subject)), subject, graph)
    yield ox.Quad(node, iri(str(RDF.predicate)), predicate, graph)
    yield ox.Quad(node, iri(str(RDF.object)), obj, graph)
    sentences = tuple(sorted({claim.sentence, *claim.also}))
    confidence = f"{claim.confidence:.2f}"
    yield ox.Quad(node, curie("gg:hasEvidence"), evidence_iri(claim.doc_id, sentences), graph)
    yield ox.Quad(node, curie("gg:extractedBy"), method_iri(claim.extractor, confidence), graph)
    yield from _evidence_quads(claim.doc_id, sentences, run)
    yield from _method_quads(claim.extractor, confidence, graph)


def evidence_iri(doc_id: str, sentences: tuple[int, ...]) -> ox.NamedNode:
    """The evidence record of a set of sentences of one document: `.../doc/ID/evidence/3` or `.../evidence/2-3`."""
    return iri(f"{ID}doc/{doc_id}/evidence/{'-'.join(map(str, sentences))}")


def method_iri(extractor: str, confidence: str) -> ox.NamedNode:
    """The extraction method of an extractor at one confidence: `.../extractor/persons.offices/0.9`."""
    return iri(f"{ID}extractor/{quote(extractor, safe='._-')}/{canonical_literal(confidence, _DECIMAL).value}")


@lru_cache(maxsize=1024)
def _evidence_quads(doc_id: str, sentences: tuple[int, ...], run: ox.NamedNode) -> tuple[ox.Quad, ...]:
    graph, record = document_iri(doc_id), evidence_iri(doc_id, sentences)
    return (
        ox.Quad(record, _TYPE, curie("gg:EvidenceRecord"), graph),
        ox.Quad(record, curie("gg:statedIn"), graph, graph),
        *(ox.Quad(record, curie("gg:evidence"), sentence_iri(doc_id, index), graph) for index in sentences),
        ox.Quad(record, iri(str(PROV.wasGeneratedBy)), run, graph),
    )


@lru_cache(maxsize=1024)
def _method_quads(extractor: str, confidence: str, graph: ox.NamedNode) -> tuple[ox.Quad, ...]:
    """In each article graph that uses the method, so that every article graph describes its claims whole."""
    method = method_iri(extractor, confidence)
    return (
        ox.Quad(method, _TYPE, curie("gg:ExtractionMethod"), graph),
        ox.Quad(method, curie("gg:extractor"), text(extractor), graph),
        ox.Quad(method, curie("gg:confidence"), canonical_literal(confidence, _DECIMAL), graph),
    )


def claim_iri(claim: Claim) -> ox.NamedNode:
    return iri(f"{ID}claim/{claim_key(claim)}")


def reference_quads(entity_key_: str, properties: Iterable[tuple[str, str]]) -> Iterator[ox.Quad]:
    """Curated relations of a reference entity (branch, parent body) in the reference graph."""
    node = entity_iri(entity_key_)
    graph = iri(str(REFERENCE_GRAPH))
    for predicate, target in properties:
        obj = iri(target) if target.startswith("http") else entity_iri(target)
        yield ox.Quad(node, curie(predicate), obj, graph)
    yield ox.Quad(node, iri(str(PROV.wasDerivedFrom)), iri(f"{ID}dataset/reference"), graph)
    for link, target_term in external_links().get(node, ()):
        yield ox.Quad(node, link, target_term, graph)


_LINKS = (str(OWL.sameAs), str(SKOS.exactMatch), str(SKOS.notation))


@lru_cache(maxsize=1)
def external_links() -> dict[ox.NamedNode, list[tuple[ox.NamedNode, ox.NamedNode | ox.Literal]]]:
    """What the reference data says links each entity out: Wikidata items (owl:sameAs), ISO codes (skos:notation)."""
    from govgraph.ontology import reference_files

    links: dict[ox.NamedNode, list[tuple[ox.NamedNode, ox.NamedNode | ox.Literal]]] = {}
    for path in reference_files():
        for triple in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE):
            if triple.predicate.value in _LINKS and isinstance(triple.subject, ox.NamedNode) \
                    and isinstance(triple.object, ox.NamedNode | ox.Literal):
                links.setdefault(triple.subject, []).append((triple.predicate, triple.object))
    return {node: sorted(found, key=str) for node, found in links.items()}


def conflict_quads(conflicts: Iterable[Conflict]) -> Iterator[ox.Quad]:
    """Each conflict as one gg:Conflict in the derived graph with one gg:conflictingClaim per claim.

    Never a triple per pair of claims: a conflict's size grows with its claims.
    """
    graph = iri(str(DERIVED_GRAPH))
    for conflict in conflicts:
        claims = [claim_iri(c) for c in conflict.claims]
        digest = hashlib.sha1("|".join(c.value for c in claims).encode()).hexdigest()[:16]
        node = iri(f"{ID}conflict/{digest}")
        shown = ", ".join(conflict.values[:CONFLICT_VALUES_SHOWN])
        more = f" and {len(conflict.values) - CONFLICT_VALUES_SHOWN} more" if len(conflict.values) > CONFLICT_VALUES_SHOWN else ""
        when = f" at {conflict.when}" if conflict.when else ""
        yield ox.Quad(node, _TYPE, curie("gg:Conflict"), graph)
        yield ox.Quad(node, _LABEL, text(f"sources disagree on {conflict.predicate.split(':')[-1]} of "
                                         f"{conflict.subject.rsplit('/', 1)[-1]}{when}: {shown}{more}"), graph)
        yield ox.Quad(node, curie("gg:conflictSubject"), entity_iri(conflict.subject), graph)
        yield ox.Quad(node, curie("gg:conflictProperty"), curie(conflict.predicate), graph)
        for claim in claims:
            yield ox.Quad(node, curie("gg:conflictingClaim"), claim, graph)


def sort_key(quad: ox.Quad) -> tuple[str, str, str, str]:
    return (str(quad.graph_name), str(quad.subject), str(quad.predicate), str(quad.object))


def prefixes() -> dict[str, str]:
    return {p: str(ns) for p, ns in PREFIXES.items()}


def turtle_prefixes() -> dict[str, str]:
    """Prefixes for Turtle and TriG: instance IRIs stay whole, since their '/' would be escaped in a prefixed name."""
    return {p: ns for p, ns in prefixes().items() if p != "ggid"}


__all__ = ["DERIVED_GRAPH", "GG", "claim_iri", "claim_quads", "curie", "document_iri", "document_quads",
           "entity_iri", "entity_quads", "evidence_iri", "method_iri", "prefixes", "reference_quads", "sentence_quads",
           "sort_key"]


def run_iri(extractions: list[Extraction]) -> ox.NamedNode:
    digest = hashlib.sha1("".join(sorted(e.document.content_hash for e in extractions)).encode()).hexdigest()[:16]
    return iri(f"{ID}run/{digest}")


def run_quads(run: ox.NamedNode, extractions: list[Extraction], version: str) -> Iterator[ox.Quad]:
    graph = iri(str(DERIVED_GRAPH))
    yield ox.Quad(run, _TYPE, curie("gg:BuildRun"), graph)
    yield ox.Quad(run, _LABEL, text(f"govgraph {version} build"), graph)
    yield ox.Quad(run, curie("gg:softwareVersion"), text(version), graph)
    for extraction in extractions:
        yield ox.Quad(run, iri(str(PROV.used)), document_iri(extraction.document.doc_id), graph)


def dataset_graphs(
    extractions: list[Extraction],
    entities: dict[str, Entity],
    reference_properties: dict[str, list[tuple[str, str]]],
    extra: Iterable[ox.Quad] = (),
    version: str = "0",
) -> Iterator[Iterable[ox.Quad]]:
    """All instance quads of a build, a named graph's worth at a time (schema excluded).

    The reference graph first, then each article's graph (its quads deduplicated: a graph is small),
    then the derived graph (build run, tenures, `extra`). Quads are neither sorted nor deduplicated
    across chunks: `spool.spool_dataset` does that on disk, `dataset_quads` in memory.

    Args:
        extractions: per-document records.
        entities: every entity of the build, merged across documents, by key.
        reference_properties: curated relations of the reference entities used.
        extra: further derived quads (conflicts, merges).
        version: the software version recorded on the build run.
    """
    run = run_iri(extractions)
    reference = iri(str(REFERENCE_GRAPH))
    yield (quad for key, entity in entities.items() if entity.reference
           for quad in chain(entity_quads(entity, reference), reference_quads(key, reference_properties.get(key, ()))))
    for extraction in extractions:
        yield list(dict.fromkeys(article_quads(extraction, entities, run)))
    yield chain(run_quads(run, extractions, version), tenure_quads(extractions, reference_properties), extra)


def article_quads(extraction: Extraction, entities: dict[str, Entity], run: ox.NamedNode) -> Iterator[ox.Quad]:
    """The quads of one article's named graph: the article, its entities (reference ones aside), quoted
    sentences and claims."""
    doc = extraction.document
    graph = document_iri(doc.doc_id)
    yield from document_quads(doc, extraction.publisher, extraction.author)
    for key in extraction.entities:
        entity = entities[key]
        if not entity.reference:
            yield from entity_quads(entity, graph)
    for index in sorted({i for c in extraction.claims for i in (c.sentence, *c.also)}):
        yield from sentence_quads(doc, index)
    for claim in extraction.claims:
        yield from claim_quads(claim, run)


def dataset_quads(
    extractions: list[Extraction],
    entities: dict[str, Entity],
    reference_properties: dict[str, list[tuple[str, str]]],
    extra: Iterable[ox.Quad] = (),
    version: str = "0",
) -> list[ox.Quad]:
    """All instance quads of a build, deduplicated and sorted, in memory (schema excluded).

    A build spools them to disk instead (`dataset_graphs`, `spool.spool_dataset`); this is for small
    graphs and tests. Arguments as `dataset_graphs`.
    """
    graphs = dataset_graphs(extractions, entities, reference_properties, extra, version)
    return sorted({quad for graph in graphs for quad in graph}, key=sort_key)


def tenure_quads(extractions: list[Extraction], reference_properties: dict[str, list[tuple[str, str]]]) -> Iterator[ox.Quad]:
    """Each tenure's org:organization, the body its office belongs to (gg:officeIn), in the derived graph.

    A tenure is an org:Membership: ORG and Popolo describe one by its member, its organization and
    its post; the organization follows from the office, stated or curated.
    """
    body_of = {key: target for key, props in reference_properties.items() for predicate, target in props
               if predicate == "gg:officeIn"}
    claims = [c for e in extractions for c in e.claims if isinstance(c.obj, str)]
    body_of |= {c.subject: c.obj for c in claims if c.predicate == "gg:officeIn" and isinstance(c.obj, str)}
    graph = iri(str(DERIVED_GRAPH))
    for claim in claims:
        if claim.predicate == "gg:post" and isinstance(claim.obj, str) and claim.obj in body_of:
            yield ox.Quad(entity_iri(claim.subject), curie("org:organization"), entity_iri(body_of[claim.obj]), graph)
    yield from interval_quads(extractions, graph)


_XSD_TIME = {"date": "time:inXSDDate", "gYearMonth": "time:inXSDgYearMonth", "gYear": "time:inXSDgYear"}


def interval_quads(extractions: list[Extraction], graph: ox.NamedNode) -> Iterator[ox.Quad]:
    """Each dated tenure's org:memberDuring as an OWL-Time interval whose beginning and end are instants at
    the precision the sources give (a year stays a year). Where sources disagree on a date (a conflict), the
    most precise value, then the most often stated, is the instant; every stated value stays in its claim."""
    stated: dict[tuple[str, str], list[Value]] = {}
    for claim in (c for e in extractions for c in e.claims):
        if claim.predicate in ("gg:startDate", "gg:endDate") and claim.subject.startswith("tenure/") \
                and isinstance(claim.obj, Value) and claim.obj.datatype in _XSD_TIME:
            stated.setdefault((claim.subject, claim.predicate), []).append(claim.obj)
    for (tenure, predicate), values in sorted(stated.items()):
        value = max(values, key=lambda v: (len(v.lexical), values.count(v), v.lexical))
        node = entity_iri(tenure)
        interval = ox.NamedNode(node.value + "/interval")
        instant = ox.NamedNode(node.value + ("/start" if predicate == "gg:startDate" else "/end"))
        yield ox.Quad(node, curie("org:memberDuring"), interval, graph)
        yield ox.Quad(interval, _TYPE, curie("time:Interval"), graph)
        yield ox.Quad(interval, curie("time:hasBeginning" if predicate == "gg:startDate" else "time:hasEnd"), instant,
                      graph)
        yield ox.Quad(instant, _TYPE, curie("time:Instant"), graph)
        yield ox.Quad(instant, curie(_XSD_TIME[value.datatype]),
                      ox.Literal(value.lexical, datatype=iri(str(XSD) + value.datatype)), graph)


def schema_quads() -> list[ox.Quad]:
    """The ontology's triples in the schema graph, so that graph.ttl is self-describing."""
    from govgraph.namespaces import SCHEMA_GRAPH
    from govgraph.ontology import asset_path

    graph = iri(str(SCHEMA_GRAPH))
    labels: dict[ox.BlankNode, ox.BlankNode] = {}

    def stable(term):  # the parser's blank node ids are random; number them in file order instead
        if isinstance(term, ox.BlankNode):
            return labels.setdefault(term, ox.BlankNode(f"schema{len(labels)}"))
        return term

    triples = ox.parse(path=str(asset_path("govgraph.ttl")), format=ox.RdfFormat.TURTLE)
    return [ox.Quad(stable(t.subject), t.predicate, canonical_term(stable(t.object)), graph) for t in triples]
