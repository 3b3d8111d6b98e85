from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from govgraph.build.documents import decode, find_manifests, iter_source_files, read_document
from govgraph.build.text import sentence_spans
from govgraph.errors import InputError


def test_title_is_first_heading_without_manifest(tmp_path: Path):
    path = tmp_path / "a.md"
    path.write_text("# Parliament Passes Reform\n\nThe Senate voted on Monday.\n", encoding="utf-8")
    doc = read_document(path)
    assert doc.title == "Parliament Passes Reform"
    assert doc.date is None and doc.publisher is None


def test_front_matter_gives_metadata_and_is_not_text(tmp_path: Path):
    path = tmp_path / "b.md"
    path.write_text("---\ntitle: Budget Law\npublisher: Daily Planet\ndate: March 4, 2021\n---\nBody text.\n",
                    encoding="utf-8")
    doc = read_document(path)
    assert (doc.title, doc.publisher, doc.date) == ("Budget Law", "Daily Planet", "2021-03-04")
    assert doc.text == "Body text.\n"


def test_json_and_csv_manifests(tmp_path: Path):
    (tmp_path / "x.txt").write_text("Heading\n\nText.", encoding="utf-8")
    (tmp_path / "manifest.json").write_text(json.dumps([{"file": "x.txt", "title": "T", "author": "A. B."}]))
    assert find_manifests([tmp_path]) == {"x.txt": {"title": "T", "author": "A. B."}}
    (tmp_path / "manifest.json").unlink()
    (tmp_path / "manifest.csv").write_text("file,title,date,extra\nx.txt,T2,2020-01-02,ignored\n")
    assert find_manifests([tmp_path]) == {"x.txt": {"title": "T2", "date": "2020-01-02"}}


def test_manifest_without_file_field_is_one_clear_error(tmp_path: Path):
    (tmp_path / "manifest.json").write_text(json.dumps([{"title": "T"}]))
    with pytest.raises(InputError, match="entry 1 has no 'file'"):
        find_manifests([tmp_path])


def test_html_drops_scripts_and_styles_and_reads_meta(tmp_path: Path):
    path = tmp_path / "p.html"
    path.write_text(
        "<html><head><title>Ignored</title><meta property='og:title' content='Senate Reform'>"
        "<meta name='author' content='Jane Roe'><style>p{color:red}</style></head>"
        "<body><script>var x = 'Senate';</script><h1>Senate Reform</h1><p>The Senate shrank.</p></body></html>",
        encoding="utf-8",
    )
    doc = read_document(path)
    assert doc.title == "Senate Reform" and doc.author == "Jane Roe"
    assert "var x" not in doc.text and "color" not in doc.text
    assert "The Senate shrank." in doc.text


def test_encodings(tmp_path: Path):
    assert decode("Mäjilis".encode("utf-16"), tmp_path) == "Mäjilis"
    assert decode("Mäjilis".encode("latin-1"), tmp_path) == "Mäjilis"
    with pytest.raises(InputError, match="binary"):
        decode(b"\x00\x01\x02binary", tmp_path / "x.bin")


def test_empty_and_missing_inputs(tmp_path: Path):
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n", encoding="utf-8")
    with pytest.raises(InputError, match="no text"):
        read_document(empty)
    with pytest.raises(InputError, match="no such file"):
        list(iter_source_files([tmp_path / "nope"]))


def test_sentences_do_not_cross_lines_or_paragraphs():
    text = "A Headline Without Stop\n\nFirst sentence here. Second one, by Mr. Smith.\nA line."
    sentences = [text[s.start : s.end] for s in sentence_spans(text)]
    assert sentences == ["A Headline Without Stop", "First sentence here.", "Second one, by Mr. Smith.", "A line."]


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300))
def test_sentence_spans_are_ordered_and_inside_text(text):
    spans = sentence_spans(text)
    previous_end = 0
    for span in spans:
        assert previous_end <= span.start < span.end <= len(text)
        assert text[span.start : span.end].strip() == text[span.start : span.end]
        previous_end = span.end
