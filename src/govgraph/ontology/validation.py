"""Checking a built graph: SHACL shapes (pySHACL) and OWL consistency (owlready2 + HermiT)."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, SH

from govgraph.errors import InputError
from govgraph.ontology import schema_graph, shapes_graph, vocabulary_graph

# Reification is not OWL 2 DL, and every vocabulary is already in the input (HermiT would fetch imports online).
_NOT_FOR_REASONER = {RDF.subject, RDF.predicate, RDF.object, OWL.imports}
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


HERMIT_TIMEOUT = 900.0  # seconds; HermiT takes about 15 s on the sample graph with the four vocabularies


def hermit_command(path: Path) -> list[str]:
    """The command that asks HermiT (the jar owlready2 ships) whether the ontology in `path` is consistent."""
    import owlready2

    jar_dir = Path(owlready2.__file__).parent / "hermit"
    classpath = os.pathsep.join([str(jar_dir), str(jar_dir / "HermiT.jar")])
    memory = getattr(owlready2.reasoning, "JAVA_MEMORY", 2000)
    return [owlready2.JAVA_EXE or "java", f"-Xmx{memory}M", "-cp", classpath, "org.semanticweb.HermiT.cli.CommandLine",
            "-k", "--ignoreUnsupportedDatatypes", path.as_uri()]


def reasoner_input(data: Graph) -> Graph:
    """ORG, PROV-O, OWL-Time and SKOS, the ontology, and the data, without what OWL 2 DL or an offline run cannot take."""
    combined = Graph()
    for source in (vocabulary_graph(), schema_graph(), data):
        for s, p, o in source:
            if p not in _NOT_FOR_REASONER:
                combined.add((s, p, o))
    return combined


def check_owl(data: Graph, report: ValidationReport) -> None:
    """Ask HermiT whether the real W3C vocabularies + ontology + data are consistent; note (not fail) without Java.

    HermiT's command line is run directly with its consistency check alone: classifying every class
    (what owlready2's sync_reasoner does) takes minutes once OWL-Time and PROV-O are loaded.
    """
    if not java_available():
        report.notes.append("OWL check skipped: Java is not installed (install a Java 17 runtime to enable it)")
        return
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "graph.nt"
        reasoner_input(data).serialize(path, format="nt", encoding="utf-8")
        try:
            run = subprocess.run(hermit_command(path), capture_output=True, text=True, timeout=HERMIT_TIMEOUT, check=False)
        except subprocess.TimeoutExpired:
            report.notes.append(f"OWL check stopped: HermiT took longer than {HERMIT_TIMEOUT:.0f} s")
            return
    if "InconsistentOntologyException" in run.stderr:
        report.owl_ok = False
        report.problems.append("OWL: the graph is inconsistent with the ontology and the W3C vocabularies it reuses "
                               "(an individual belongs to disjoint classes or breaks a property axiom)")
    elif run.returncode == 0 and "is satisfiable" in run.stdout:
        report.owl_ok = True
    else:
        last = (run.stderr.strip().splitlines() or ["no output"])[0][:200]
        report.notes.append(f"OWL check failed to run: HermiT said: {last}")


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
