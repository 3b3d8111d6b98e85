"""Bad input: each case is one line naming the file, a warning when the rest can be built, an error when nothing can."""

from __future__ import annotations

import codecs
import json
import os
import re
import subprocess
import sys
import tracemalloc
from pathlib import Path

import pyoxigraph as ox
import pytest

from conftest import run_cli
from govgraph.build.documents import (
    MAX_FILE_BYTES,
    MAX_SENTENCE_CHARS,
    MAX_TEXT_CHARS,
    MAX_WARNINGS_SHOWN,
    Problems,
    decode,
    find_manifests,
    load_manifest,
    read_document,
)
from govgraph.build.pipeline import read_documents
from govgraph.build.text import sentence_spans
from govgraph.errors import InputError

GOOD = "Senate Reform\n\nThe Mazhilis met in Astana on March 3, 2023. The Senate approved the law.\n"
SENTENCE = "The Mazhilis of the Parliament met in Astana and discussed the reform of the electoral system. "


@pytest.fixture(scope="module")
def huge_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 100 MB text file (real text, written in 1 MB pieces)."""
    path = tmp_path_factory.mktemp("huge") / "huge.txt"
    piece = (SENTENCE * (2**20 // len(SENTENCE) + 1))[: 2**20]
    with path.open("w", encoding="utf-8") as handle:
        for _ in range(100):
            handle.write(piece)
    return path


def read_all(*inputs: Path, strict: bool = False) -> tuple[list, list[str]]:
    lines: list[str] = []
    extractions = read_documents(list(inputs), strict, lines.append)
    return extractions, lines


def one_warning_about(lines: list[str], name: str) -> str:
    about = [line for line in lines if name in line]
    assert len(about) == 1, lines
    assert about[0].startswith("warning: ") and "\n" not in about[0]
    return about[0]


# --- single files --------------------------------------------------------------------------------------------


def test_empty_and_blank_files_are_one_warning_each(tmp_path: Path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.md").write_text("---\ntitle: Only front matter\n---\n \n", encoding="utf-8")
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    extractions, lines = read_all(tmp_path)
    assert [e.document.doc_id for e in extractions] == ["good"]
    for name in ("empty.txt", "blank.md"):
        assert "holds no text" in one_warning_about(lines, name)


@pytest.mark.parametrize("data", [
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4,  # an image: NUL bytes early
    b"%PDF-1.4\n" + bytes(range(1, 32)) * 200,                         # control bytes, no NUL
    b"\x01\x02\x03\x04abc",                                           # short, mostly control bytes
], ids=["image", "control-bytes", "short"])
def test_binary_files_are_refused(tmp_path: Path, data: bytes):
    path = tmp_path / "file.txt"
    path.write_bytes(data)
    with pytest.raises(InputError, match="binary file"):
        read_document(path)


def test_latin1_utf16_utf32_and_a_declared_html_charset_are_read(tmp_path: Path):
    text = "Mäjilis Reform\n\nThe Mäjilis met in Astana. Ünal agreed.\n"
    cases = {
        "latin1.txt": text.encode("latin-1"),
        "utf16.txt": text.encode("utf-16"),                       # with a BOM
        "utf16be.txt": codecs.BOM_UTF16_BE + text.encode("utf-16-be"),
        "utf16nobom.txt": text.encode("utf-16-le"),                # no BOM: every other byte is zero
        "utf32.txt": text.encode("utf-32"),
        "utf8bom.txt": codecs.BOM_UTF8 + text.encode("utf-8"),
    }
    for name, data in cases.items():
        (tmp_path / name).write_bytes(data)
        assert read_document(tmp_path / name).text == text, name
    page = tmp_path / "cyrillic.html"
    page.write_bytes('<html><head><meta charset="windows-1251"></head><body><p>Мажилис собрался в Астане.</p>'
                     "</body></html>".encode("cp1251"))
    assert "Мажилис собрался в Астане." in read_document(page).text


def test_broken_utf16_is_an_input_error_not_a_crash(tmp_path: Path):
    with pytest.raises(InputError, match="UTF-16"):
        decode(codecs.BOM_UTF16_LE + "Senate".encode("utf-16-le") + b"\x00", tmp_path / "odd.txt")  # odd length
    with pytest.raises(InputError, match="UTF-16"):
        decode(codecs.BOM_UTF16_LE + b"\x00\xd8\x41\x00", tmp_path / "lone.txt")  # a lone surrogate


def test_a_100_mb_file_is_refused_without_reading_it(huge_file: Path):
    tracemalloc.start()
    try:
        with pytest.raises(InputError) as refused:
            read_document(huge_file)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    message = str(refused.value)
    assert str(huge_file) in message and "100.0 MB" in message and f"{MAX_FILE_BYTES // 2**20} MB" in message
    assert "split it" in message
    assert peak < 2**20  # never read into memory


def test_text_over_the_article_limit_is_refused(tmp_path: Path):
    path = tmp_path / "line.txt"
    path.write_text(SENTENCE.strip() * (3 * 2**20 // len(SENTENCE)), encoding="utf-8")  # ~3 MB, no newline
    with pytest.raises(InputError, match=f"more than the {MAX_TEXT_CHARS:,}"):
        read_document(path)


def test_a_long_line_without_sentence_ends_becomes_bounded_sentences(tmp_path: Path):
    words = "the council of the region and the ministers and the deputies of the people "
    path = tmp_path / "run.txt"
    path.write_text("Heading\n\n" + words * (200_000 // len(words)), encoding="utf-8")  # 200 kB, no stop, no newline
    doc = read_document(path)
    longest = max(span.end - span.start for span in sentence_spans(doc.text))
    assert longest <= MAX_SENTENCE_CHARS
    assert doc.text.replace("\n\n", " ").split() == path.read_text(encoding="utf-8").split()  # only line breaks added
    normal = tmp_path / "normal.txt"
    normal.write_text(GOOD, encoding="utf-8")
    assert read_document(normal).text == GOOD  # ordinary text is untouched


def test_html_scripts_styles_and_unclosed_markup(tmp_path: Path):
    page = tmp_path / "page.html"
    page.write_text("<html><head><style>p { color: red }</style><script>var secret = '<p>Senate</p>';</script>"
                    "<title>T</title></head><body><h1>Senate Reform</h1><noscript>enable js</noscript>"
                    "<p>The Senate shrank.<br>It met in Astana.</p><template><p>hidden</p></template></body></html>",
                    encoding="utf-8")
    doc = read_document(page)
    assert "The Senate shrank." in doc.text and "It met in Astana." in doc.text
    for hidden in ("color", "secret", "enable js", "hidden"):
        assert hidden not in doc.text
    only_script = tmp_path / "script.html"
    only_script.write_text("<p></p><script>" + "var a = 1;" * 1000, encoding="utf-8")  # never closed
    with pytest.raises(InputError, match="holds no text"):
        read_document(only_script)


PATHOLOGICAL_HTML = """
import sys, time
from pathlib import Path
from govgraph.build.documents import read_document
from govgraph.errors import InputError
pages = {
    "comments.html": "<p>Senate</p>" + "<!--" * 200_000,            # openings never closed: quadratic in HTMLParser
    "sections.html": "<p>Senate</p>" + "<![CDATA[" * 100_000,
    "instructions.html": "<p>Senate</p>" + "<?xml " * 100_000,
}
started = time.monotonic()
for name, markup in pages.items():
    path = Path(sys.argv[1]) / name
    path.write_text(markup, encoding="utf-8")
    assert "Senate" in read_document(path).text
nesting = Path(sys.argv[1]) / "nesting.html"  # beyond the parser's depth limit: refused in one line, not half read
nesting.write_text("<div>" * 200_000 + "Senate" + "</span>" * 200_000, encoding="utf-8")
try:
    read_document(nesting)
except InputError as exc:
    assert "nested too deeply" in str(exc), exc
else:
    raise AssertionError("read")
assert time.monotonic() - started < 30, time.monotonic() - started
print("ok")
"""


def test_pathological_html_is_read_in_linear_time(tmp_path: Path):
    """Each page takes minutes in the standard parser unless unclosed markup is neutralised (well under a second here)."""
    result = subprocess.run([sys.executable, "-c", PATHOLOGICAL_HTML, str(tmp_path)], capture_output=True, text=True,
                            timeout=120, check=False)
    assert result.returncode == 0 and result.stdout.strip() == "ok", result.stderr


def test_yaml_alias_bomb_in_front_matter_is_never_expanded(tmp_path: Path):
    levels = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    levels += [f"{c}: &{c} [{', '.join(['*' + p] * 10)}]" for p, c in zip("abcde", "bcdef", strict=True)]
    path = tmp_path / "bomb.md"
    path.write_text("---\n" + "\n".join(levels) + "\ntitle: *f\nauthor: *f\n---\nSenate Reform\n\nThe Senate met.\n",
                    encoding="utf-8")
    doc = read_document(path)
    assert doc.title == "Senate Reform" and doc.author is None


def test_file_names_that_are_not_iri_safe_still_build(tmp_path: Path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "my article #1.txt").write_text(GOOD, encoding="utf-8")
    (src / os.fsdecode(b"caf\xe9 50%.txt")).write_text(GOOD, encoding="utf-8")  # a name that is not UTF-8
    result = run_cli("build", str(src), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    graph = ox.Store()
    graph.load(path=str(tmp_path / "out" / "graph.ttl"), format=ox.RdfFormat.TURTLE)
    docs = {s["d"].value for s in graph.query("SELECT ?d WHERE { ?d a <https://w3id.org/govgraph#SourceDocument> }")}
    assert docs == {"https://w3id.org/govgraph/id/doc/my%20article%20%231", "https://w3id.org/govgraph/id/doc/caf%E9%2050%25"}


def test_a_fifo_is_refused_instead_of_blocking(tmp_path: Path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    script = f"from pathlib import Path\nfrom govgraph.build.documents import read_document\nread_document(Path({str(fifo)!r}))"
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 1 and "not a regular file" in result.stderr


# --- folders, manifests, missing paths -----------------------------------------------------------------------


def test_a_folder_of_thousands_of_files(tmp_path: Path):
    src = tmp_path / "many"
    for group in range(20):
        folder = src / f"g{group:02d}"
        folder.mkdir(parents=True)
        for i in range(100):
            (folder / f"a{i:03d}.txt").write_text(f"Note {group}-{i}\n\nThe Senate met on day {i}.\n", encoding="utf-8")
        (folder / "broken.txt").write_bytes(b"")  # 20 bad files among 2,000 good ones
    hidden = src / ".git" / "info"
    hidden.mkdir(parents=True)
    (hidden / "notes.md").write_text(GOOD, encoding="utf-8")  # tools' hidden folders are not articles
    previous = src / "g00" / "old-build"
    (previous / "store").mkdir(parents=True)
    (previous / "graph.ttl").write_text("", encoding="utf-8")
    (previous / "graph.html").write_text("<p>" + GOOD + "</p>", encoding="utf-8")  # a build output inside the input
    extractions, lines = read_all(src)
    assert len(extractions) == 2000
    ids = [e.document.doc_id for e in extractions]
    assert ids[:3] == ["a000", "a001", "a002"] and len(set(ids)) == 2000
    assert not any("notes" in e.document.path or "old-build" in e.document.path for e in extractions)
    assert sum("holds no text" in line for line in lines) == 20
    again, _ = read_all(src)
    assert [e.document.doc_id for e in again] == ids  # a stable order


def test_warnings_are_capped_with_a_count_of_the_rest(tmp_path: Path):
    for i in range(MAX_WARNINGS_SHOWN + 30):
        (tmp_path / f"empty{i:03d}.txt").write_bytes(b"")
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    extractions, lines = read_all(tmp_path)
    assert len(extractions) == 1
    assert len(lines) == MAX_WARNINGS_SHOWN + 1
    assert lines[-1] == "warning: 30 more warnings like these not shown; --strict stops at the first problem instead"


def test_manifest_problems_are_warnings_and_the_good_entries_apply(tmp_path: Path):
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "b.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "manifest.json").write_text(json.dumps([
        {"file": "a.txt", "title": "Title A", "colour": "red", "date": "2023-02-30"},
        {"title": "no file"},
        {"file": "missing.txt", "title": "gone"},
        "not an object",
        {"file": "b.txt", "author": ["a", "list"], "publisher": "Daily"},
    ]), encoding="utf-8")
    extractions, lines = read_all(tmp_path)
    docs = {e.document.doc_id: e.document for e in extractions}
    assert docs["a"].title == "Title A" and docs["a"].date is None
    assert docs["b"].publisher == "Daily" and docs["b"].author is None
    manifest = str(tmp_path / "manifest.json")
    expected = ["entry 2 has no 'file' field", "entry 3 names 'missing.txt', which is not in", "entry 4 is not an object",
                "unknown fields 'colour'", "entry 1 has date '2023-02-30', which is not a date"]
    for fragment in expected:
        assert sum(fragment in line and manifest in line for line in lines) == 1, (fragment, lines)


@pytest.mark.parametrize(("name", "content", "where"), [
    ("manifest.json", '[\n  {"file": "a.txt"\n   "title": "A"}\n]\n', ":3: manifest is not valid JSON"),
    ("manifest.json", '{"file": "a.txt", "title": "A"} trailing', ":1: manifest is not valid JSON"),
    ("manifest.csv", 'file,title\na.txt,"unterminated\n', ":2: manifest is not valid CSV"),
    ("manifest.csv", "title,date\nA,2020-01-01\n", ":1: manifest has no 'file' column"),
], ids=["json-comma", "json-trailing", "csv-quote", "csv-no-file-column"])
def test_a_manifest_that_does_not_parse_is_one_line_with_file_and_line(tmp_path: Path, name: str, content: str, where: str):
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / name).write_text(content, encoding="utf-8")
    extractions, lines = read_all(tmp_path)
    assert [e.document.doc_id for e in extractions] == ["a"]  # the documents are read without the metadata
    (line,) = lines
    assert line.startswith(f"warning: {tmp_path / name}{where}") and line.endswith("(its metadata is ignored)")
    with pytest.raises(InputError, match=re.escape(where)):
        find_manifests([tmp_path])  # without a place for warnings, it is an error


def test_a_missing_path_among_others_is_a_warning(tmp_path: Path):
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    extractions, lines = read_all(tmp_path / "a.txt", tmp_path / "nope")
    assert len(extractions) == 1
    assert "no such file or folder" in one_warning_about(lines, "nope")
    with pytest.raises(InputError, match="nope: no such file or folder"):
        read_all(tmp_path / "nope")


# --- the command line ------------------------------------------------------------------------------------------


@pytest.fixture()
def mixed_inputs(tmp_path: Path, huge_file: Path) -> list[Path]:
    """A folder of good articles among every kind of bad file, a second folder with a broken manifest, a missing path."""
    src = tmp_path / "src"
    src.mkdir()
    (src / "good1.txt").write_text(GOOD, encoding="utf-8")
    (src / "good2.html").write_text("<html><script>x()</script><body><h1>Senate</h1><p>The Senate met.</p></body></html>",
                                    encoding="utf-8")
    (src / "latin.txt").write_bytes("Mäjilis\n\nThe Mäjilis met in Astana.\n".encode("latin-1"))
    (src / "empty.txt").write_bytes(b"")
    (src / "binary.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    (src / "bad-utf16.txt").write_bytes(codecs.BOM_UTF16_LE + b"S\x00e\x00n")
    os.symlink(huge_file, src / "huge.txt")
    (src / "manifest.csv").write_text('file,title,extra\ngood1.txt,First,x\nghost.txt,Ghost,y\n', encoding="utf-8")
    other = tmp_path / "other"
    other.mkdir()
    (other / "good3.md").write_text(GOOD, encoding="utf-8")
    (other / "manifest.json").write_text('[{"file": "good3.md",}]', encoding="utf-8")
    return [src, other, tmp_path / "does-not-exist"]


BAD = ("empty.txt", "binary.md", "bad-utf16.txt", "huge.txt", "ghost.txt", "manifest.json", "does-not-exist")


def test_build_warns_once_per_bad_input_and_builds_the_good_files(tmp_path: Path, mixed_inputs: list[Path]):
    out = tmp_path / "out"
    result = run_cli("build", *map(str, mixed_inputs), "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    for name in BAD:
        one_warning_about(lines, name)
    assert any("unknown fields 'extra'" in line for line in lines)
    assert result.stdout.startswith("4 articles,")
    graph = ox.Store()
    graph.load(path=str(out / "graph.ttl"), format=ox.RdfFormat.TURTLE)
    titles = {s["t"].value for s in graph.query(
        "SELECT ?t WHERE { ?d a <https://w3id.org/govgraph#SourceDocument> ; <http://purl.org/dc/terms/title> ?t }")}
    assert "First" in titles  # the good manifest entry still applies


def test_strict_stops_at_the_first_bad_input_and_writes_nothing(tmp_path: Path, mixed_inputs: list[Path]):
    out = tmp_path / "out"
    result = run_cli("build", *map(str, mixed_inputs), "--out", str(out), "--strict")
    assert result.returncode == 1
    (line,) = result.stderr.splitlines()
    assert line.startswith("govgraph: ") and "ghost.txt" in line  # the manifest is read first
    assert not (out / "graph.ttl").exists()


def test_nothing_readable_is_a_non_zero_exit_after_the_warnings(tmp_path: Path):
    (tmp_path / "empty.txt").write_bytes(b"")
    result = run_cli("build", str(tmp_path), "--out", str(tmp_path / "out"))
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"warning: {tmp_path / 'empty.txt'}: the file holds no text; remove it or add content (skipped)",
        "govgraph: no readable source documents in the input; give .txt, .md, .html, .pdf or .docx files",
    ]


def test_manifest_entries_outside_their_folder_are_ignored_with_a_warning(tmp_path: Path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "a.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "outside.txt").write_text(GOOD, encoding="utf-8")
    (src / "manifest.json").write_text(json.dumps([{"file": "../outside.txt", "title": "X"}, {"file": "/", "title": "Y"},
                                                   {"file": "a.txt", "title": "A"}]), encoding="utf-8")
    lines: list[str] = []
    assert load_manifest(src / "manifest.json", Problems(lines.append)) == {"a.txt": {"title": "A"}}
    assert sum("which is outside" in line for line in lines) == 2, lines
