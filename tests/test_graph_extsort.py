"""The external sort and the spooled dataset: sorted, distinct lines in bounded memory, the order of `rdf.sort_key`."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import given
from hypothesis import strategies as st

from govgraph.graph.extsort import ExternalSort
from govgraph.graph.outputs import triples_of
from govgraph.graph.rdf import sort_key
from govgraph.graph.spool import spool_dataset

lines = st.lists(st.binary(max_size=12).filter(lambda b: b"\n" not in b), max_size=80)


@given(lines, st.integers(min_value=1, max_value=5), st.integers(min_value=2, max_value=4))
def test_external_sort_is_sorted_set(values: list[bytes], run_lines: int, fan_in: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        sorter = ExternalSort(Path(folder) / "runs", run_lines=run_lines, fan_in=fan_in)
        sorter.extend(values)
        assert list(sorter.merged()) == sorted(set(values))
        assert not list((Path(folder) / "runs").iterdir())  # the runs are removed once merged


def test_runs_and_merge_rounds_are_used(tmp_path: Path) -> None:
    sorter = ExternalSort(tmp_path, run_lines=3, fan_in=2)
    values = [str(n % 17).encode() for n in range(100)]
    sorter.extend(values)
    assert len(list(tmp_path.iterdir())) >= 5  # runs written while adding, before any merge
    assert list(sorter.merged()) == sorted(set(values))


def test_bad_sizes_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        ExternalSort(tmp_path, run_lines=0)
    with pytest.raises(ValueError):
        ExternalSort(tmp_path, fan_in=1)


_G = [ox.NamedNode(f"https://w3id.org/govgraph/id/{name}") for name in ("doc/a", "doc/a-b", "graph/derived")]
_S = [ox.NamedNode("https://x.org/s"), ox.NamedNode("https://x.org/s/t"), ox.BlankNode("b1"), ox.BlankNode("b10")]
_P = [ox.NamedNode("https://x.org/p"), ox.NamedNode("https://x.org/p2")]
_O = st.one_of(
    st.sampled_from(_S[:2]),
    st.builds(ox.Literal, st.text(max_size=6)),
    st.builds(lambda v, lang: ox.Literal(v, language=lang), st.text(max_size=4), st.sampled_from(["en", "en-gb", "fr"])),
    st.builds(lambda v, t: ox.Literal(v, datatype=ox.NamedNode(t)), st.text(max_size=4),
              st.sampled_from(["http://www.w3.org/2001/XMLSchema#integer", "http://www.w3.org/2001/XMLSchema#date"])),
)
quads = st.lists(st.builds(ox.Quad, st.sampled_from(_S), st.sampled_from(_P), _O, st.sampled_from(_G)), max_size=60)


@given(quads, quads, st.integers(min_value=1, max_value=7))
def test_spooled_dataset_has_the_order_of_sort_key(instance: list[ox.Quad], schema: list[ox.Quad], run_lines: int) -> None:
    """Sorting the N-Quads key lines as bytes gives `sorted(set(quads), key=sort_key)`: spaces, quotes, language
    tags, datatypes, blank node labels that are prefixes of others, any Unicode."""
    schema = [ox.Quad(q.subject, q.predicate, q.object, ox.NamedNode("https://w3id.org/govgraph/id/graph/schema"))
              for q in schema]
    with tempfile.TemporaryDirectory() as folder:
        half = len(instance) // 2
        dataset = spool_dataset(schema, [instance[:half], instance[half:]], Path(folder), run_lines=run_lines)
        assert list(dataset.quads()) == schema + sorted(set(instance), key=sort_key)
        assert list(dataset.triples()) == triples_of(schema + instance)
        assert dataset.quad_count == len(set(instance))
        assert dataset.triple_count == len({(q.subject, q.predicate, q.object) for q in schema + instance})


def test_a_quad_outside_a_named_graph_is_refused(tmp_path: Path) -> None:
    quad = ox.Quad(_S[0], _P[0], _S[1])
    with pytest.raises(ValueError, match="outside a named graph"):
        spool_dataset([], [[quad]], tmp_path)
