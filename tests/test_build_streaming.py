"""A build's outputs, written from quads sorted on disk, are those of the in-memory path it replaced."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from govgraph import __version__
from govgraph.build.pipeline import extract_corpus
from govgraph.corpus import corpus_dir
from govgraph.graph.outputs import triples_of
from govgraph.graph.rdf import conflict_quads, dataset_quads, schema_quads, turtle_prefixes
from govgraph.graph.store import UNION, with_union


def test_outputs_equal_the_in_memory_path(sample_build: Path) -> None:
    result = extract_corpus([corpus_dir()])
    quads = schema_quads() + dataset_quads(result.extractions, result.entities, result.reference_properties,
                                           extra=conflict_quads(result.conflicts), version=__version__)
    bound = turtle_prefixes()
    assert (sample_build / "graph.trig").read_bytes() == ox.serialize(quads, format=ox.RdfFormat.TRIG, prefixes=bound)
    assert (sample_build / "graph.ttl").read_bytes() == ox.serialize(triples_of(quads), format=ox.RdfFormat.TURTLE,
                                                                     prefixes=bound)
    store = ox.Store.read_only(str(sample_build / "store"))
    stored = {q for q in store if q.graph_name != UNION}
    union = {q.triple for q in store.quads_for_pattern(None, None, None, UNION)}
    del store
    assert stored == set(quads)
    assert union == {ox.Triple(q.subject, q.predicate, q.object) for q in with_union(quads) if q.graph_name == UNION}
    assert not any(p.name.startswith(".spool") for p in sample_build.rglob("*"))  # the spool never reaches the outputs


def test_publish_store_copies_a_built_store_to_a_folder(sample_build: Path, tmp_path: Path) -> None:
    from govgraph.graph.store import publish_store

    written = publish_store(sample_build / "store", tmp_path / "copy")
    source, copy = ox.Store.read_only(str(sample_build / "store")), ox.Store.read_only(str(tmp_path / "copy"))
    assert set(copy) == set(source)
    assert written == sorted((g for g in source.named_graphs() if g != UNION), key=str) and len(written) > 5


def test_articles_share_the_merged_entities_once_resolved() -> None:
    """A large corpus holds each entity once: after the merge an article's entities are the merged records, and
    its mentions (read only by resolution) are released."""
    result = extract_corpus([corpus_dir()])
    assert all(entity is result.entities[key] for e in result.extractions for key, entity in e.entities.items())
    assert not any(e.mentions for e in result.extractions)
    assert sum(len(e.entities) for e in result.extractions) > len(result.extractions)
