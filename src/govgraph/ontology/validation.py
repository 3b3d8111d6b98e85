"""Checking a built graph: SHACL shapes (pySHACL) and OWL consistency (owlready2 + HermiT)."""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SH

from govgraph.errors import InputError
from govgraph.ontology import schema_graph, shapes_graph

# Reification and annotation vocabulary is not OWL 2 DL: left out of the reasoner's input.
_NOT_FOR_REASONER = {RDF.subject, RDF.predicate, RDF.object}
MAX_SHOWN = 20


@dataclass(slots=True)
class ValidationReport:
    """Outcome of both checks, as plain-language lines."""

    shacl_ok: bool = True
    owl_ok: bool | None = None  # None: not run (no Java)
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.shacl_ok and self.owl_ok is not False

    def lines(self) -> list[str]:
        shown = self.problems[:MAX_SHOWN]
        more = len(self.problems) - len(shown)
        out = [*self.notes, *shown]
        if more:
            out.append(f"... and {more} more problems")
        shacl = "SHACL: conforms" if self.shacl_ok else "SHACL: violations found"
        owl = {None: "OWL: not checked", True: "OWL: consistent", False: "OWL: inconsistent"}[self.owl_ok]
        out.append(f"{shacl}; {owl}")
        return out


def _short(graph: Graph, node: object) -> str:
    if isinstance(node, URIRef):
        try:
            return graph.namespace_manager.normalizeUri(node)
        except ValueError:
            return str(node)
    return str(node)


def check_shacl(data: Graph, report: ValidationReport) -> None:
    """Validate data against the shipped shapes, with RDFS inference over the ontology."""
    from pyshacl import validate

    conforms, results, _ = validate(
        data, shacl_graph=shapes_graph(), ont_graph=schema_graph(), inference="rdfs", advanced=True,
        allow_warnings=True,
    )
    report.shacl_ok = bool(conforms)
    if conforms:
        return
    for result in sorted(results.subjects(RDF.type, SH.ValidationResult), key=str):
        focus = results.value(result, SH.focusNode)
        path = results.value(result, SH.resultPath)
        message = results.value(result, SH.resultMessage)
        where = _short(data, focus) + (f" {_short(data, path)}" if path is not None else "")
        report.problems.append(f"SHACL violation at {where}: {message}")


def java_available() -> bool:
    return shutil.which("java") is not None


def check_owl(data: Graph, report: ValidationReport) -> None:
    """Run HermiT on ontology + instance data; note (not fail) when Java is missing."""
    if not java_available():
        report.notes.append("OWL check skipped: Java is not installed (install a Java 17 runtime to enable it)")
        return
    import owlready2

    combined = Graph()
    for triple in schema_graph():
        combined.add(triple)
    for s, p, o in data:
        if p not in _NOT_FOR_REASONER:
            combined.add((s, p, o))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "graph.nt"
        combined.serialize(path, format="nt", encoding="utf-8")
        world = owlready2.World()
        onto = world.get_ontology(path.as_uri()).load(format="ntriples")
        try:
            with onto:
                owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0,
                                                ignore_unsupported_datatypes=True)
        except owlready2.OwlReadyInconsistentOntologyError:
            report.owl_ok = False
            report.problems.append("OWL: the graph is inconsistent with the ontology "
                                   "(an individual belongs to disjoint classes or breaks a property axiom)")
            return
        unsatisfiable = sorted(str(c.iri) for c in world.inconsistent_classes())
        report.owl_ok = not unsatisfiable
        report.problems.extend(f"OWL: class {iri} is unsatisfiable" for iri in unsatisfiable)


def validate_graph(data: Graph, owl: bool = True) -> ValidationReport:
    """Run SHACL and (when Java is there) OWL consistency checks on a graph."""
    report = ValidationReport()
    check_shacl(data, report)
    if owl:
        check_owl(data, report)
    return report


def validate_build(out_dir: Path, owl: bool = True) -> ValidationReport:
    """Validate the graph.ttl of a build folder.

    Raises:
        InputError: there is no graph.ttl in out_dir or it does not parse.
    """
    path = out_dir / "graph.ttl"
    if not path.is_file():
        raise InputError(f"{path}: not found; run `govgraph build --out {out_dir}` first")
    try:
        data = Graph().parse(path, format="turtle")
    except Exception as exc:  # rdflib raises many parser exception types
        raise InputError(f"{path}: does not parse as Turtle ({exc}); rebuild it") from exc
    return validate_graph(data, owl=owl)
