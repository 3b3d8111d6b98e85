from __future__ import annotations

import io
import json
import socket
import unicodedata
from pathlib import Path

import docx
import pytest
from hypothesis import given
from hypothesis import strategies as st
from pypdf import PdfWriter
from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

from govgraph.build.bylines import find_byline
from govgraph.build.datelines import find_dateline, read_dateline
from govgraph.build.documents import decode, find_manifests, iter_source_files, read_document
from govgraph.build.furniture import FURNITURE, Furniture, blank_cut_word, blank_furniture, furniture_kind
from govgraph.build.pdfdocx import unwrap
from govgraph.build.pipeline import read_documents
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


# --- encodings and normalisation -------------------------------------------------------------------------------

RUSSIAN = ("Мажилис Парламента Республики Казахстан принял закон о выборах.\n\n"
           "Сенат одобрил поправки к Конституции, и Президент подписал их 5 июня 2022 года.\n")


@pytest.mark.parametrize("codec", ["cp1251", "koi8_r", "utf-8", "utf-16"])
def test_cyrillic_files_are_read_in_their_encoding(tmp_path: Path, codec: str):
    path = tmp_path / f"{codec}.txt"
    path.write_bytes(RUSSIAN.encode(codec))
    assert read_document(path).text == RUSSIAN


def test_a_stray_byte_changes_one_character_not_the_file(tmp_path: Path):
    path = tmp_path / "mixed.txt"
    path.write_bytes("Mäjilis – the lower house\n\n".encode() + b"Caf\xe9 owners voted \xe2\x80\x94 in Astana.\n")
    assert read_document(path).text == "Mäjilis – the lower house\n\nCafé owners voted — in Astana.\n"


def test_text_and_metadata_are_normalised_at_the_door(tmp_path: Path):
    path = tmp_path / "n.txt"
    nfd = unicodedata.normalize("NFD", "Mäjilis")
    body = "The Senate of the Parliament met in Astana on Monday and discussed the reform of the electoral system."
    path.write_bytes(f"Title\r\n\r\n{nfd} met.\x01 Kassym\u200b-Jomart To\u00adkayev\x0bspoke.\tYes.\r\n{body}".encode())
    (tmp_path / "manifest.json").write_text(json.dumps([{"file": "n.txt", "author": "<b>Jane</b> Roe &amp; Co\x00"}]))
    doc = read_document(path, find_manifests([tmp_path])["n.txt"])
    assert doc.text == f"Title\n\nMäjilis met. Kassym-Jomart Tokayev\nspoke.\tYes.\n{body}"
    assert doc.author == "Jane Roe & Co"


def test_markup_is_stripped_from_text_files_before_offsets_are_taken(tmp_path: Path):
    page = tmp_path / "m.md"
    page.write_text("## New Parliament\n\nThe **Mazhilis** has _98_ members, said [Tokayev](https://x.kz/a).\n"
                    "![photo](a.jpg)\nPresident <b>Kassym-Jomart</b> Tokayev<br>spoke. x < y > z, snake_case.\n",
                    encoding="utf-8")
    assert read_document(page).text == ("New Parliament\n\nThe Mazhilis has 98 members, said Tokayev.\n\n"
                                        "President Kassym-Jomart Tokayev\nspoke. x < y > z, snake_case.\n")
    plain = tmp_path / "p.txt"
    plain.write_text("Keep **stars** and <b>drop tags</b>.\n", encoding="utf-8")
    assert read_document(plain).text == "Keep **stars** and drop tags.\n"


# --- furniture and datelines ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("kind", "line"), [(k, line) for k in FURNITURE for line in k.matches], ids=str)
def test_furniture_examples_match(kind: Furniture, line: str):
    assert kind.is_furniture(line) and furniture_kind(line) is not None


@pytest.mark.parametrize("line", [line for k in FURNITURE for line in k.not_matches])
def test_furniture_counter_examples_are_article_text(line: str):
    assert furniture_kind(line) is None


def test_every_kind_of_furniture_has_examples_both_ways():
    assert all(kind.matches and kind.not_matches for kind in FURNITURE)


def test_a_word_cut_off_at_the_end_of_an_excerpt_is_blanked():
    cut = "Title\n\nThe reform was promoted by the opposition coalition, which is led by the Popular Allia"
    assert blank_cut_word(cut) == cut[: -len("Popular Allia")] + " " * len("Popular Allia")
    assert blank_cut_word(cut).rstrip().endswith("the")
    for whole in ("Title\n\nThe reform was promoted by the opposition coalition of the Popular Alliance.",
                  "Title\n\nThe reform was promoted by the opposition coalition of the popular allia",
                  "Title\n\nA headline-like last line Popular Allia", "Senate Reform"):
        assert blank_cut_word(whole) == whole


def test_furniture_is_blanked_with_offsets_kept(tmp_path: Path):
    text = ("Senate Reform\n\nPresident Tokayev at the session. Photo: Akorda\nThe Senate met on Monday.\n"
            "Read also: Extra Session Regarding Reform\nShare this article\nThe Mazhilis agreed.\n")
    path = tmp_path / "f.txt"
    path.write_text(text, encoding="utf-8")
    doc = read_document(path)
    assert len(doc.text) == len(text) and doc.text.count("\n") == text.count("\n")
    for kept in ("The Senate met on Monday.", "The Mazhilis agreed."):
        assert doc.text.index(kept) == text.index(kept)
    for gone in ("Photo", "Akorda", "Extra Session", "Share"):
        assert gone not in doc.text
    assert blank_furniture(doc.text) == doc.text  # nothing left to blank


DATELINES = [
    ("Astana, 20 March 2023 (TDI): President Tokayev signed the law.", "Astana", "2023-03-20", "President Tokayev"),
    ("ULAANBAATAR, 12 June 2021 — The State Great Khural met.", "Ulaanbaatar", "2021-06-12", "The State"),
    ("KYIV, Ukraine (AP) — Ukraine's parliament voted.", "Kyiv, Ukraine", None, "Ukraine's parliament"),
    ("NAIROBI, Kenya, Aug 9 (Reuters) - Kenya's parliament passed it.", "Nairobi, Kenya", None, "Kenya's parliament"),
    ("Santiago (AFP) – Chileans rejected the draft.", "Santiago", None, "Chileans rejected"),
    ("Lima, Dec 6 (EFE).- Peru's Congress voted.", "Lima", None, "Peru's Congress"),
    ("LONDON — The House of Lords debated the bill.", "London", None, "The House"),
    ("NUR-SULTAN – The recent events are challenging.", "Nur-Sultan", None, "The recent"),
    ("MOSCOW, March 3. /TASS/. The State Duma voted.", "Moscow", None, "The State Duma"),
    ("ASTANA. KAZINFORM - The Senate met.", "Astana", None, "The Senate"),
    ("YEREVAN, August 3, 2021", "Yerevan", "2021-08-03", None),
    ("March 3, 2023", None, "2023-03-03", None),
    ("Tien Shan Herald, 12 April 2021", None, "2021-04-12", None),  # a publication, not a place
]
NOT_DATELINES = ["Parliament — the lower house — voted on Monday.", "NEW PARLIAMENT", "The Senate met: it voted.",
                 "However, Parliament — which had resisted — agreed.", "NATO — the alliance — met.", "BREAKING — The vote",
                 "Kazakhstan is Only Country in Geopolitical Environment", "UN: The council met.",
                 "Kenya's Supreme Court (KSC) ruled on the petition."]


@pytest.mark.parametrize(("line", "place", "date", "story"), DATELINES)
def test_datelines_are_read_and_blanked(line: str, place: str | None, date: str | None, story: str | None):
    text = f"A Headline Without Stop\n\n{line}\nSecond paragraph.\n"
    blanked, found = read_dateline(text)
    assert found is not None and (found.place, found.date) == (place, date)
    assert len(blanked) == len(text) and blanked.count("\n") == text.count("\n")
    assert blanked.startswith("A Headline Without Stop\n\n") and "Second paragraph." in blanked
    rest = blanked.split("\n")[2]
    assert rest.strip() == (line[line.index(story) :] if story else "")
    if story:
        assert blanked.index(story) == text.index(story)


@pytest.mark.parametrize("line", NOT_DATELINES)
def test_lines_that_are_not_datelines(line: str):
    assert find_dateline(f"{line}\n\nThe Senate met.\n") is None


BYLINES = [
    ("By Iulian Ernst in Bucharest March 4, 2016", ("Iulian Ernst",), "2016-03-04"),
    ("By Jane Doe and John Smith | Published: 12 May 2023", ("Jane Doe", "John Smith"), "2023-05-12"),
    ("By Amina Yusuf, Lagos", ("Amina Yusuf",), None),
    ("By Jean-Pierre de la Croix, 3 March 2022", ("Jean-Pierre de la Croix",), "2022-03-03"),
    ("By Jane Doe, Staff Writer", ("Jane Doe",), None),
    ("By: Ana Lukas", ("Ana Lukas",), None),
]
NOT_BYLINES = ["By continuing to use this site you agree to our terms", "By Reuters Staff", "By AFP",
               "By 2030 the Parliament will have 300 members.", "By Friday the Senate will vote.",
               "By May 2024 Parliament must vote.", "By a majority of 300 votes, Parliament passed the law.",
               "By Monday Jane Doe and the committee had agreed on the text."]


@pytest.mark.parametrize(("line", "authors", "date"), BYLINES)
def test_bylines_are_read(line: str, authors: tuple[str, ...], date: str | None):
    found = find_byline(f"A Headline\n\n{line}\n\nThe Senate met.\n")
    assert found is not None and (found.authors, found.date) == (authors, date)


@pytest.mark.parametrize("line", NOT_BYLINES)
def test_lines_that_are_not_bylines(line: str):
    assert find_byline(f"A Headline\n\n{line}\n\nThe Senate met.\n") is None


def test_byline_gives_the_author_and_the_date_and_is_not_a_sentence(tmp_path: Path):
    path = tmp_path / "b.txt"
    path.write_text("Court Orders Vote\n\nBy Iulian Ernst in Bucharest March 4, 2016\n\nThe court ruled on Friday.\n",
                    encoding="utf-8")
    doc = read_document(path)
    assert (doc.author, doc.date, doc.title) == ("Iulian Ernst", "2016-03-04", "Court Orders Vote")
    assert "Ernst" not in doc.text and "The court ruled on Friday." in doc.text
    assert read_document(path, {"author": "A. Writer", "date": "2016-03-05"}).author == "A. Writer"


def test_dateline_gives_the_date_only_when_none_is_better_and_its_place(tmp_path: Path):
    path = tmp_path / "d.txt"
    path.write_text("Reform Passes\n\nKYIV, Ukraine, 3 May 2023 (AP) — Ukraine's parliament voted.\n", encoding="utf-8")
    doc = read_document(path)
    assert (doc.date, doc.dateline_place) == ("2023-05-03", "Kyiv, Ukraine")
    assert "AP" not in doc.text and "KYIV" not in doc.text
    assert read_document(path, {"date": "2023-05-04"}).date == "2023-05-04"  # the manifest is better
    path.write_text("Reform Passes\n\nThe Velgrad Courier, 3 March 2024\n\nThe parliament voted.\n", encoding="utf-8")
    doc = read_document(path)
    assert (doc.date, doc.dateline_place, doc.publisher) == ("2024-03-03", None, "The Velgrad Courier")
    assert read_document(path, {"publisher": "Courier"}).publisher == "Courier"


def test_a_caption_line_keeps_its_line_break(tmp_path: Path):
    path = tmp_path / "c.txt"
    text = "Reform Passes\n\nKassym-Jomart Tokayev\nTokayev said the reform would continue.\n"
    path.write_text(text, encoding="utf-8")
    assert read_document(path).text == text


# --- HTML pages through trafilatura -----------------------------------------------------------------------------

PARAGRAPH = "The Senate approved the law on the election of deputies after a long debate about the electoral system. "
PAGE = f"""<!DOCTYPE html><html><head><title>Senate Reform Passes | Daily Planet</title>
<meta property="og:title" content="Senate Reform Passes">
<meta property="og:site_name" content="Daily Planet">
<meta name="author" content="Jane Roe">
<meta property="article:published_time" content="2023-03-04T10:00:00Z">
<script>var tracking = "Senate";</script></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/politics">Politics</a></nav>
<article><h1>Senate Reform Passes</h1>
<p>ASTANA – {PARAGRAPH * 2}</p>
<figure><img src="x.jpg" alt="x"><figcaption>President Tokayev at the session. Photo: Akorda</figcaption></figure>
<p>The Mazhilis, the lower chamber, has 98 members. {PARAGRAPH}</p>
<p>Read also: Extra Session Regarding Constitutional Amendments</p>
<p>{PARAGRAPH * 3}</p>
</article>
<footer>Copyright 2023 Daily Planet. Subscribe to our newsletter.</footer></body></html>"""


def test_html_main_text_and_metadata_through_trafilatura_without_network(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")

    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError("reading a page must not touch the network")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket, "getaddrinfo", no_network)
    doc = read_document(path)
    assert (doc.title, doc.author, doc.date, doc.publisher) == ("Senate Reform Passes", "Jane Roe", "2023-03-04", "Daily Planet")
    assert doc.dateline_place == "Astana"
    assert "The Mazhilis, the lower chamber, has 98 members." in doc.text
    for gone in ("tracking", "Politics", "Photo", "Akorda", "Extra Session", "Subscribe", "Copyright"):
        assert gone not in doc.text, gone
    assert "\n\n" in doc.text.strip()  # blocks are paragraphs of their own
    manifest = read_document(path, {"title": "Manifest Title", "date": "2023-03-05"})
    assert (manifest.title, manifest.date, manifest.author) == ("Manifest Title", "2023-03-05", "Jane Roe")


# --- PDF and Word files -----------------------------------------------------------------------------------------


def make_pdf(pages: list[list[str]], title: str | None = None) -> bytes:
    """A PDF with one text line per entry, written with pypdf's writer and Helvetica."""
    writer = PdfWriter()
    font = writer._add_object(DictionaryObject({NameObject("/Type"): NameObject("/Font"),
                                                NameObject("/Subtype"): NameObject("/Type1"),
                                                NameObject("/BaseFont"): NameObject("/Helvetica")}))
    for lines in pages:
        page = writer.add_blank_page(612, 792)
        page[NameObject("/Resources")] = DictionaryObject({NameObject("/Font"): DictionaryObject({NameObject("/F1"): font})})
        shown = "".join("({}) Tj T* ".format(line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)"))
                        for line in lines)
        stream = DecodedStreamObject()
        stream.set_data(f"BT /F1 11 Tf 14 TL 72 720 Td {shown}ET".encode("latin-1"))
        page[NameObject("/Contents")] = writer._add_object(stream)
    if title:
        writer.add_metadata({"/Title": title})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_pdf_text_pages_and_title(tmp_path: Path):
    path = tmp_path / "law.pdf"
    path.write_bytes(make_pdf([
        ["Electoral Reform", "ASTANA - The Senate of the Parliament approved the law on the election of the",
         "deputies of the Mazhilis on Monday, and the President signed it on the same day.", "Page 1 of 2"],
        ["The Mazhilis has 98 members, elected for five years.", "2"],
    ], title="Law on Elections"))
    doc = read_document(path)
    assert doc.title == "Law on Elections" and doc.dateline_place == "Astana"
    assert "approved the law on the election of the deputies of the Mazhilis on Monday" in doc.text  # a wrapped line joined
    assert "Page 1" not in doc.text
    assert len(doc.pages) == 2 and doc.pages[0] == 0
    second = doc.text.index("The Mazhilis has 98 members")
    assert doc.page_of(second) == 2 and doc.page_of(doc.text.index("approved")) == 1
    assert doc.pages[1] <= second


def test_pdf_lines_wrapped_by_the_layout_are_joined_and_short_lines_kept():
    page = ("The Senate of the Parliament approved the law on the elec-\ntion of deputies of the Mazhilis on Monday, and the\n"
            "President signed it on the same day in Astana, the capital.\nKassym-Jomart Tokayev\nMazhilis\nSenate\n")
    assert unwrap(page).split("\n") == [
        "The Senate of the Parliament approved the law on the election of deputies of the Mazhilis on Monday, and the "
        "President signed it on the same day in Astana, the capital.", "Kassym-Jomart Tokayev", "Mazhilis", "Senate", ""]
    assert unwrap("Mazhilis\nSenate\nPresident") == "Mazhilis\nSenate\nPresident"  # a list is not wrapped text


def test_docx_paragraphs_tables_and_title(tmp_path: Path):
    document = docx.Document()
    document.core_properties.title = "Constitutional Amendments"
    document.add_heading("Constitutional Amendments", level=1)
    document.add_paragraph("KYIV, Ukraine (AP) — The parliament adopted 56 amendments.")
    document.add_paragraph("Photo: Presidential press service")
    table = document.add_table(rows=2, cols=2)
    for row, values in zip(table.rows, (("Chamber", "Seats"), ("Mazhilis", "98")), strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    document.add_paragraph("The Senate approved them.")
    path = tmp_path / "amendments.docx"
    document.save(str(path))
    doc = read_document(path)
    assert doc.title == "Constitutional Amendments" and doc.dateline_place == "Kyiv, Ukraine"
    lines = [line.strip() for line in doc.text.split("\n") if line.strip()]
    assert lines == ["Constitutional Amendments", "The parliament adopted 56 amendments.", "Chamber | Seats", "Mazhilis | 98",
                     "The Senate approved them."]
    assert doc.pages == []


@pytest.mark.parametrize(("name", "data", "message"), [
    ("broken.pdf", b"%PDF-1.4\nnot really a pdf", "PDF"),
    ("scan.pdf", make_pdf([[]]), "no text layer"),
    ("broken.docx", b"PK\x03\x04 not a zip", "not a readable Word"),
], ids=["broken-pdf", "no-text-pdf", "broken-docx"])
def test_unreadable_pdf_and_docx_are_one_line(tmp_path: Path, name: str, data: bytes, message: str):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(InputError, match=message) as refused:
        read_document(path)
    assert str(refused.value).startswith(str(path)) and "\n" not in str(refused.value)


def test_encrypted_pdf_is_refused_in_one_line(tmp_path: Path):
    writer = PdfWriter(clone_from=io.BytesIO(make_pdf([["The Senate met."]])))
    writer.encrypt("secret")
    path = tmp_path / "locked.pdf"
    with path.open("wb") as handle:
        writer.write(handle)
    with pytest.raises(InputError, match="encrypted"):
        read_document(path)


def test_skipped_files_are_named_in_one_warning_line(tmp_path: Path):
    (tmp_path / "good.txt").write_text("Senate\n\nThe Senate met.\n", encoding="utf-8")
    for name in ("b.png", "a.xls", "c.zip"):
        (tmp_path / name).write_bytes(b"x")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "line\nbreak.csv").write_bytes(b"x")
    (tmp_path / "manifest.json").write_text("[]", encoding="utf-8")
    lines: list[str] = []
    extractions = read_documents([tmp_path], False, lines.append)
    assert [e.document.doc_id for e in extractions] == ["good"]
    (line,) = [line for line in lines if "skipped" in line]
    assert line == (f"warning: {tmp_path}: skipped 4 files that are not .txt/.md/.html/.pdf/.docx: "
                    "a.xls, b.png, c.zip, sub/line\\nbreak.csv")


def test_the_title_is_the_headline_not_the_site_name_above_it():
    from govgraph.build.documents import _first_heading

    page = "September 28. 2023. 6:46\n\nThe Daily\n\nRead the World Today\n\nRuritania reforms its parliament, " \
           "president tells deputies\n\nThe president said on Monday that reforms will continue.\n"
    assert _first_heading(page) == "Ruritania reforms its parliament, president tells deputies"
    assert _first_heading("Budget\n\nBy John Smith\n\nThe budget passed on Monday.") == "Budget"
    assert _first_heading("The Implications of Reforms.\n\nby: Mr. Ali Khan, Director\n\nText.") == \
        "The Implications of Reforms."
    assert _first_heading("") == ""
