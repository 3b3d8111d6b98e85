"""Every IRI govgraph uses, spelled once.

`GG` is the schema namespace (classes, properties, branch individuals); instances live under
`ID` with one sub-path per kind of thing, so an IRI says what it names and never depends on
build order.
"""

from __future__ import annotations

from rdflib import Namespace
from rdflib.namespace import DCTERMS, FOAF, OWL, PROV, RDF, RDFS, SKOS, TIME, XSD

GG = Namespace("https://w3id.org/govgraph#")
ID = Namespace("https://w3id.org/govgraph/id/")
ORG = Namespace("http://www.w3.org/ns/org#")
PERSON = Namespace("http://www.w3.org/ns/person#")
OA = Namespace("http://www.w3.org/ns/oa#")
SCHEMA = Namespace("http://schema.org/")
SH = Namespace("http://www.w3.org/ns/shacl#")
GGSH = Namespace("https://w3id.org/govgraph/shapes#")
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
FORMATS = Namespace("http://www.w3.org/ns/formats/")

# the named graph holding curated reference data and the schema terms, in TriG and the store
REFERENCE_GRAPH = ID["graph/reference"]
SCHEMA_GRAPH = ID["graph/schema"]
# every distinct triple of all the other graphs once: the default graph of every query a store runs
UNION_GRAPH = ID["graph/union"]

PREFIXES: dict[str, Namespace] = {
    "gg": GG,
    "ggid": ID,
    "org": ORG,
    "person": PERSON,
    "prov": Namespace(str(PROV)),
    "oa": OA,
    "foaf": Namespace(str(FOAF)),
    "time": Namespace(str(TIME)),
    "dcterms": Namespace(str(DCTERMS)),
    "skos": Namespace(str(SKOS)),
    "schema": SCHEMA,
    "owl": Namespace(str(OWL)),
    "rdf": Namespace(str(RDF)),
    "rdfs": Namespace(str(RDFS)),
    "xsd": Namespace(str(XSD)),
    "sh": SH,
}


def sparql_prologue() -> str:
    """PREFIX lines for every bound prefix (pyoxigraph predeclares none)."""
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())


__all__ = [
    "DCTERMS", "FOAF", "FORMATS", "GG", "GGSH", "ID", "OA", "ORG", "OWL", "PERSON", "PREFIXES", "PROV", "RDF", "RDFS",
    "REFERENCE_GRAPH", "SCHEMA", "SCHEMA_GRAPH", "SD", "SH", "SKOS", "TIME", "UNION_GRAPH", "XSD",
    "sparql_prologue",
]
