"""A build's quads spooled to disk and sorted there, so that no step holds all of them in memory.

`spool_dataset` writes the quads it is given (a named graph at a time) into two external sorts and
leaves two files in a folder:

- ``quads.nq``: the distinct quads of the instance graphs as N-Quads, in the order of `rdf.sort_key`
  (graph, subject, predicate, object, each compared as its N-Triples string);
- ``triples.nt``: the distinct triples of the union of all graphs, schema included, as N-Triples,
  sorted by subject, predicate and object the same way.

The sort key of a quad is the line ``graph subject predicate object`` (terms in N-Triples form, one space
apart). Comparing those lines as bytes gives the order of comparing the four strings in turn: a graph
name, subject or predicate (an IRI or a blank node) holds no space, and where one term is a proper prefix
of another (``"a"`` and ``"a"@en``, ``_:b1`` and ``_:b10``) the longer one goes on with a character
above the space (``@``, ``^``, ``-``, a letter, a digit), as the shorter string sorts first. Terms hold no
newline (N-Triples escapes it). UTF-8 bytes sort in code point order, as Python's strings do.

The schema graph is kept apart, in its file order, as the build always wrote it: first in graph.trig.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import chain
from pathlib import Path

import pyoxigraph as ox

from govgraph.graph.extsort import RUN_LINES, ExternalSort

QUADS_FILE = "quads.nq"
TRIPLES_FILE = "triples.nt"


@dataclass(slots=True)
class SpooledDataset:
    """The sorted files of a build's quads, and the schema graph's quads in file order."""

    folder: Path
    schema: list[ox.Quad]
    quad_count: int  # distinct quads of the instance graphs (schema not counted)
    triple_count: int  # distinct triples of the union of all graphs, schema included

    @property
    def quads_path(self) -> Path:
        return self.folder / QUADS_FILE

    @property
    def triples_path(self) -> Path:
        return self.folder / TRIPLES_FILE

    def quads(self) -> Iterator[ox.Quad]:
        """The schema graph's quads, then every instance quad in sorted order, read from disk as they go."""
        return chain(self.schema, ox.parse(path=self.quads_path, format=ox.RdfFormat.N_QUADS))

    def triples(self) -> Iterator[ox.Triple]:
        """The distinct triples of the union of all graphs, sorted, read from disk as they go."""
        return (quad.triple for quad in ox.parse(path=self.triples_path, format=ox.RdfFormat.N_TRIPLES))


def spool_dataset(schema: Iterable[ox.Quad], graphs: Iterable[Iterable[ox.Quad]], folder: Path,
                  run_lines: int = RUN_LINES) -> SpooledDataset:
    """Sort a build's quads on disk (see the module's docstring for the files and their order).

    Args:
        schema: the schema graph's quads, kept in memory in their order (a few thousand).
        graphs: the instance quads, in any order and with any repetition; an iterable per named graph
            (or any other chunking) lets the caller produce them a graph at a time.
        folder: where the runs and the two sorted files go (created if needed).
        run_lines: lines held in memory by each of the two sorts before a run is written.
    """
    folder.mkdir(parents=True, exist_ok=True)
    kept = list(schema)
    quad_lines = ExternalSort(folder / "quad-runs", run_lines)
    triple_lines = ExternalSort(folder / "triple-runs", run_lines)
    for quad in kept:
        triple_lines.add(f"{quad.subject} {quad.predicate} {quad.object}".encode())
    for chunk in graphs:
        for quad in chunk:
            if type(quad.graph_name) is not ox.NamedNode:
                raise ValueError(f"a quad outside a named graph: {quad}")
            triple = f"{quad.subject} {quad.predicate} {quad.object}"
            quad_lines.add(f"{quad.graph_name} {triple}".encode())
            triple_lines.add(triple.encode())
    quad_count = triple_count = 0
    with (folder / QUADS_FILE).open("wb") as out:
        for line in quad_lines.merged():
            graph, _, spo = line.partition(b" ")
            out.write(b"%s %s .\n" % (spo, graph))
            quad_count += 1
    with (folder / TRIPLES_FILE).open("wb") as out:
        for line in triple_lines.merged():
            out.write(line + b" .\n")
            triple_count += 1
    return SpooledDataset(folder, kept, quad_count, triple_count)
