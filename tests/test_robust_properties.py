"""Property-based tests: reading arbitrary bytes, manifests, and parsing numbers and dates never fail in an unplanned way."""

from __future__ import annotations

import datetime
import json
import unicodedata
from pathlib import Path

import pyoxigraph as ox
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from govgraph.build.bylines import read_byline
from govgraph.build.datelines import read_dateline
from govgraph.build.dates import PartialDate, anchor, find_dates, parse_date
from govgraph.build.documents import (
    MAX_SENTENCE_CHARS,
    MAX_TEXT_CHARS,
    Problems,
    bound_sentences,
    decode,
    document_id,
    load_manifest,
    read_document,
)
from govgraph.build.encodings import decode_lines
from govgraph.build.furniture import blank_cut_word, blank_furniture
from govgraph.build.normalise import normalise_text
from govgraph.build.numbers import find_numbers, find_ordinals, parse_number, words_to_number
from govgraph.build.text import sentence_spans
from govgraph.errors import InputError
from govgraph.namespaces import ID

MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
               "November", "December"]
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
MARKUP = st.sampled_from([
    "<p>", "</p>", "<div>", "</div>", "<h1>", "</h1>", "<br>", "<title>", "</title>", "<script>", "</script>",
    "<style>", "</style>", "<!--", "-->", "<![CDATA[", "]]>", "<?xml ", "<!DOCTYPE html>", "</", "<", ">", "&amp;",
    "&#", "&#x", "<meta charset='latin-1'>", "<meta property='og:title' content='T'>", "<svg>", "</svg>", "\n",
    "---\n", "title: x\n", "date: [1, 2]\n", "Senate", "The Mazhilis met.", " ", "\x00", "\ufeff", "é", "Ж",
])


def check_document(path: Path) -> None:
    """read_document either refuses the file with an InputError or gives a Document the rest of the build can use."""
    try:
        doc = read_document(path)
    except InputError as exc:
        message = str(exc)
        assert message.startswith(str(path)) and "\n" not in message
        return
    assert doc.text.strip() and len(doc.text) <= MAX_TEXT_CHARS + MAX_TEXT_CHARS // MAX_SENTENCE_CHARS
    ox.NamedNode(f"{ID}doc/{doc.doc_id}")
    for value in (doc.text, doc.title, doc.path, doc.publisher, doc.author, doc.url):
        if value is not None:
            value.encode("utf-8")  # no lone surrogates: every value can become an RDF literal
            ox.Literal(value)
    if doc.date:
        assert parse_date(doc.date) is not None or len(doc.date) < 10


@SETTINGS
@given(data=st.binary(max_size=3000), suffix=st.sampled_from([".txt", ".md", ".html"]))
@example(data=b"\xff\xfe\x00", suffix=".txt")
@example(data=b"\xfe\xff\xd8\x00", suffix=".md")
@example(data=b"---\na: &a [x]\ntitle: *a\n---\nBody\n", suffix=".md")
def test_arbitrary_bytes_are_a_document_or_an_input_error(tmp_path: Path, data: bytes, suffix: str):
    path = tmp_path / f"doc{suffix}"
    path.write_bytes(data)
    check_document(path)


@SETTINGS
@given(pieces=st.lists(MARKUP, max_size=60), encoding=st.sampled_from(["utf-8", "utf-16", "cp1252"]),
       suffix=st.sampled_from([".html", ".md"]))
def test_markup_soup_is_a_document_or_an_input_error(tmp_path: Path, pieces: list[str], encoding: str, suffix: str):
    path = tmp_path / f"soup{suffix}"
    path.write_bytes("".join(pieces).encode(encoding, errors="replace"))
    check_document(path)


@SETTINGS
@given(data=st.binary(max_size=2000))
def test_decode_gives_text_or_an_input_error(data: bytes):
    try:
        text = decode(data, Path("x.txt"))
    except InputError:
        return
    text.encode("utf-8")


@SETTINGS
@given(text=st.text(max_size=300))
def test_decoding_utf8_and_utf16_round_trips(text: str):
    text = text.replace("\x00", "")
    if not text or any("\ud800" <= ch <= "\udfff" for ch in text):
        return
    for data in (text.encode("utf-8"), text.encode("utf-16"), text.encode("utf-32")):
        try:
            assert decode(data, Path("x.txt")) == text
        except InputError as exc:
            assert "binary" in str(exc)  # text that is mostly control characters


@SETTINGS
@given(stem=st.text(max_size=60))
def test_document_ids_are_always_iri_safe(stem: str):
    ox.NamedNode(f"{ID}doc/{document_id(stem)}")
    if stem and all(ch.isascii() and (ch.isalnum() or ch in "._~-") for ch in stem):
        assert document_id(stem) == stem  # ordinary names stay as they are


@SETTINGS
@given(words=st.lists(st.sampled_from(["council", "of", "the", "region", "x" * 50, "deputies", "and", ".", "!",
                                       "\n", "\n\n", "Mr.", "3.5"]), max_size=4000),
       limit=st.integers(min_value=20, max_value=400))
def test_bound_sentences_only_adds_breaks_and_bounds_runs(words: list[str], limit: int):
    text = " ".join(words)
    bounded = bound_sentences(text, limit)
    assert bounded.replace("\n\n", " ").split() == text.split() or bounded.split() == text.split()
    assert bound_sentences(bounded, limit) == bounded  # idempotent
    if len(text) > limit and "." not in text and "!" not in text:
        longest = max((s.end - s.start for s in sentence_spans(bounded)), default=0)
        assert longest <= max(limit, 50)  # a single 50-letter word cannot be split


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=5) | st.dictionaries(
        st.sampled_from(["file", "title", "date", "author", "url", "publisher", "path", "other"]) | st.text(max_size=5),
        children, max_size=6),
    max_leaves=30,
)


@SETTINGS
@given(value=JSON_VALUES)
def test_any_json_manifest_is_read_with_warnings_and_never_raises(tmp_path: Path, value: object):
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    manifest = tmp_path / "manifest.json"
    manifest.write_text(json.dumps(value), encoding="utf-8")
    lines: list[str] = []
    result = load_manifest(manifest, Problems(lines.append))
    assert set(result) <= {"a.txt"}
    assert all(line.startswith("warning: ") and "\n" not in line for line in lines)
    for meta in result.values():
        assert all(isinstance(v, str) and v for v in meta.values())


@SETTINGS
@given(data=st.binary(max_size=500))
def test_any_csv_manifest_is_read_with_warnings_and_never_raises(tmp_path: Path, data: bytes):
    manifest = tmp_path / "manifest.csv"
    manifest.write_bytes(b"file,title\n" + data)
    lines: list[str] = []
    load_manifest(manifest, Problems(lines.append))
    assert all(line.startswith("warning: ") and "\n" not in line for line in lines)


# --- numbers and dates ----------------------------------------------------------------------------------------


@SETTINGS
@given(text=st.text(max_size=200) | st.from_regex(r"\A[a-z ,.-]{0,10}\d{300,400}(th|%| percent)?\Z"))
@example(text="the " + "1" * 5000 + "th session")
@example(text="٢" * 400 + " percent")
def test_numbers_found_anywhere_have_a_literal_form(text: str):
    """Every number found can become an RDF literal, even a 5,000-digit one (no OverflowError or ValueError)."""
    for mention in find_numbers(text):
        assert text[mention.start : mention.end] == mention.text
        ox.Literal(mention.lexical, datatype=ox.NamedNode(f"http://www.w3.org/2001/XMLSchema#{mention.datatype}"))
    for start, end, value in find_ordinals(text):
        assert 0 <= start < end <= len(text) and value >= 0
    parse_number(text)


@SETTINGS
@given(text=st.text(max_size=100))
def test_parse_number_and_words_never_crash(text: str):
    value = parse_number(text)
    assert value is None or value >= 0
    words = words_to_number(text)
    assert words is None or words >= 0


@SETTINGS
@given(value=st.decimals(min_value=0, max_value=10**6, places=2, allow_nan=False, allow_infinity=False))
def test_decimal_and_percent_numbers_round_trip(value):
    written = f"{value:.2f}"
    assert parse_number(written) == float(written)
    assert parse_number(f"{written}%") == float(written)
    (mention,) = list(find_numbers(f"a share of {written} percent"))
    assert mention.percent and mention.value == float(written)


@SETTINGS
@given(text=st.text(max_size=100), year=st.none() | st.integers(min_value=1800, max_value=2199))
def test_parse_date_is_none_or_a_valid_date(text: str, year: int | None):
    date = parse_date(text, year)
    if date is None:
        return
    assert date.iso
    if date.year and date.month and date.day:
        datetime.date(date.year, date.month, date.day)


@SETTINGS
@given(year=st.integers(min_value=1800, max_value=2199), month=st.none() | st.integers(min_value=1, max_value=12),
       name=st.sampled_from(["January", "Sept.", "Sep", "may"]))
def test_partial_written_dates_round_trip(year: int, month: int | None, name: str):
    assert parse_date(str(year)) == PartialDate(year)
    if month is not None:
        assert parse_date(f"{MONTH_NAMES[month - 1]} {year}") == PartialDate(year, month)
        assert parse_date(f"{MONTH_NAMES[month - 1]}, {year}") == PartialDate(year, month)
    expected = {"January": 1, "Sept.": 9, "Sep": 9, "may": None}[name]  # month names are capitalised: "may" is a verb
    assert parse_date(f"{name} {year}") == (PartialDate(year, expected) if expected else None)


@SETTINGS
@given(day=st.dates(min_value=datetime.date(1800, 1, 1), max_value=datetime.date(2199, 12, 31)),
       article=st.dates(min_value=datetime.date(1801, 1, 1), max_value=datetime.date(2198, 12, 31)),
       future=st.booleans(), with_day=st.booleans())
def test_anchoring_a_day_and_month_gives_a_real_date_near_the_article(day, article, future: bool, with_day: bool):
    partial = PartialDate(None, day.month, day.day if with_day else None)
    anchored = anchor(partial, article.isoformat(), future)
    assert anchored.month == day.month
    if anchored.year is None:
        assert (day.month, day.day) == (2, 29)  # no leap year at hand: the date stays partial
        return
    assert abs(anchored.year - article.year) <= 1
    if anchored.day:
        datetime.date(anchored.year, anchored.month, anchored.day)


@SETTINGS
@given(text=st.text(max_size=300), year=st.none() | st.integers(min_value=1800, max_value=2199))
def test_find_dates_spans_do_not_overlap(text: str, year: int | None):
    previous_end = 0
    for mention in find_dates(text, year):
        assert mention.start >= previous_end and text[mention.start : mention.end] == mention.text
        previous_end = mention.end


# --- reading stages: decoding, normalising, blanking --------------------------------------------------------------

LINES = st.lists(st.sampled_from([
    "Photo: Akorda", "Read also: Something", "KYIV, Ukraine (AP) — The vote", "Share this article", "March 3, 2023",
    "The Senate met.", "Record Modified: Nov 03 2023", "ASTANA –", "", " ", "\t", "© 2023", "Ж", "12", "(AP)",
]) | st.text(max_size=40), max_size=30)


@SETTINGS
@given(data=st.binary(max_size=3000), legacy=st.none() | st.sampled_from(["cp1251", "koi8_r", "cp1252"]))
@example(data="Мажилис принял закон.\n".encode("cp1251") * 5 + b"caf\xc3\xa9\n", legacy=None)
def test_decoding_any_bytes_line_by_line_never_raises(data: bytes, legacy: str | None):
    text = decode_lines(data, legacy)
    text.encode("utf-8")  # no lone surrogates
    assert text.count("\n") == data.count(b"\n")  # line by line: every line stays a line
    if data.isascii() or _is_utf8(data):
        assert text == data.decode("utf-8").removeprefix("\ufeff")  # UTF-8 is read as UTF-8, whatever else it could be


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


@SETTINGS
@given(text=st.text(max_size=400))
def test_normalised_text_has_no_controls_and_is_stable(text: str):
    clean = normalise_text(text)
    assert not any(unicodedata.category(ch) == "Cc" and ch not in "\n\t" for ch in clean)
    assert "\u200b" not in clean and "\ufeff" not in clean
    assert unicodedata.is_normalized("NFC", clean)
    assert normalise_text(clean) == clean


@SETTINGS
@given(lines=LINES)
def test_blanking_furniture_datelines_and_bylines_keeps_length_and_line_breaks(lines: list[str]):
    text = "\n".join(lines)
    for blanked in (blank_furniture(text), read_dateline(text)[0], read_dateline(blank_furniture(text))[0],
                    read_byline(text)[0], blank_cut_word(text)):
        assert len(blanked) == len(text)
        assert [i for i, ch in enumerate(blanked) if ch == "\n"] == [i for i, ch in enumerate(text) if ch == "\n"]
        assert all(b in (a, " ") for a, b in zip(text, blanked, strict=True))  # characters are kept or blanked
    assert blank_furniture(blank_furniture(text)) == blank_furniture(text)


@SETTINGS
@given(data=st.binary(max_size=2000), prefix=st.sampled_from([b"", b"%PDF-1.4\n", b"PK\x03\x04"]),
       suffix=st.sampled_from([".pdf", ".docx"]))
def test_arbitrary_bytes_as_pdf_or_docx_are_a_document_or_an_input_error(tmp_path: Path, data: bytes, prefix: bytes,
                                                                        suffix: str):
    path = tmp_path / f"doc{suffix}"
    path.write_bytes(prefix + data)
    check_document(path)
