"""Incremental build: only changed articles are extracted again, and the result equals a fresh build."""

from __future__ import annotations

import shutil
from pathlib import Path

import rdflib

from govgraph.build import cache
from govgraph.corpus import corpus_dir
from govgraph.namespaces import GG
from govgraph.workflow import build_graph


def _copy_corpus(target: Path) -> Path:
    target.mkdir()
    for path in corpus_dir().iterdir():
        if path.suffix in {".txt", ".json"}:
            shutil.copy(path, target / path.name)
    return target


def _fresh(inputs: Path, out: Path) -> bytes:
    build_graph([inputs], out, html=False, incremental=False)
    return (out / "graph.ttl").read_bytes()


def test_changed_article_is_the_only_one_extracted_again(tmp_path: Path):
    src = _copy_corpus(tmp_path / "src")
    out = tmp_path / "out"
    assert build_graph([src], out, html=False).reused == 0
    assert build_graph([src], out, html=False).reused == 5
    article = src / "002_7d349b26234115d3.txt"
    article.write_text(article.read_text(encoding="utf-8") + "\n\nPrime Minister Dana Welk said the reform would go on.\n",
                       encoding="utf-8")
    summary = build_graph([src], out, html=False)
    assert summary.reused == 4
    assert (out / "graph.ttl").read_bytes() == _fresh(src, tmp_path / "fresh")
    graph = rdflib.Graph().parse(out / "graph.ttl", format="turtle")
    assert any("Dana Welk" in str(label) for label in graph.objects(None, rdflib.RDFS.label))


def test_removed_article_disappears(tmp_path: Path):
    src = _copy_corpus(tmp_path / "src")
    out = tmp_path / "out"
    build_graph([src], out, html=False)
    (src / "003_b78f2695d3748071.txt").unlink()
    summary = build_graph([src], out, html=False)
    assert summary.articles == 4 and summary.reused == 4
    graph = rdflib.Graph().parse(out / "graph.ttl", format="turtle")
    files = {str(f) for f in graph.objects(None, GG.fileName)}
    assert "003_b78f2695d3748071.txt" not in files
    assert not any("Khalid Taimur Akram" in str(label) for label in graph.objects(None, rdflib.RDFS.label))
    assert (out / "graph.ttl").read_bytes() == _fresh(src, tmp_path / "fresh")
    assert len(list((out / ".cache" / "extractions").glob("*.json"))) == 4


def test_a_new_extractor_invalidates_the_cache(tmp_path: Path, monkeypatch):
    src = _copy_corpus(tmp_path / "src")
    out = tmp_path / "out"
    build_graph([src], out, html=False)
    monkeypatch.setattr(cache, "extractor_fingerprint", lambda: "another extractor")
    assert build_graph([src], out, html=False).reused == 0


def test_a_corrupt_cache_entry_is_extracted_again(tmp_path: Path):
    src = _copy_corpus(tmp_path / "src")
    out = tmp_path / "out"
    build_graph([src], out, html=False)
    for entry in (out / ".cache" / "extractions").glob("*.json"):
        entry.write_bytes(b"not a record")
    assert build_graph([src], out, html=False).reused == 0
    assert (out / "graph.ttl").read_bytes() == _fresh(src, tmp_path / "fresh")
