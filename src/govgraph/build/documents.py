"""Reading sources: text, Markdown and HTML files, folders, manifests and front matter.

A manifest (``manifest.json`` or ``manifest.csv`` in a folder, or given explicitly) maps file
names to metadata. Without one, YAML front matter or HTML meta tags are used, and the first
heading line of the text is the title.

Whatever is wrong with an input becomes one line naming the file, what is wrong and what to do:
a warning when the rest can still be built (`Problems` collects them), an `InputError` when
reading is strict or nothing else can be built. Limits keep one bad file from taking minutes or
gigabytes: a source file is read only up to `MAX_FILE_BYTES`, an article's text may have up to
`MAX_TEXT_CHARS` characters, and a run of text longer than `MAX_SENTENCE_CHARS` without a
sentence end is broken into paragraphs at spaces, so no "sentence" is a whole megabyte.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import html
import io
import json
import os
import re
import stat
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date as _date
from datetime import datetime as _datetime
from html.parser import HTMLParser
from pathlib import Path
from typing import ClassVar

from govgraph.build.records import Document
from govgraph.errors import InputError

SUFFIXES = {".txt", ".md", ".markdown", ".html", ".htm"}
MANIFEST_NAMES = ("manifest.json", "manifest.csv")
METADATA_FIELDS = ("title", "publisher", "author", "date", "url")
FILE_FIELDS = ("file", "path", "filename")

MAX_FILE_BYTES = 16 * 1024 * 1024  # a source file (HTML pages carry scripts and styles); larger ones are not read
MAX_TEXT_CHARS = 1_000_000  # an article's text (~160,000 words); extraction time grows faster than length
MAX_SENTENCE_CHARS = 5_000  # beyond this, a run without a sentence end is a table or a lost line break
MAX_FRONT_MATTER_CHARS = 64 * 1024
MAX_METADATA_CHARS = 1_000
MAX_WARNINGS_SHOWN = 50  # per build; the rest are counted in one closing line

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n---[ \t]*\n", re.S)
_ISO_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_SENTENCE_END = re.compile(r"(?P<stop>[.!?…。！？]+[\"'”’»)\]]*)\s|\n[ \t]*\n")
_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.I)
_IRI_SAFE = re.compile(r"[A-Za-z0-9._~-]")
_MARKUP_OPEN = re.compile(r"<(!--|!\[|[!?/]?)")
_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")

Warn = Callable[[str], None]


@dataclass(frozen=True, slots=True)
class SourceProblem:
    """A file that could not be read; the rest of the build can go on."""

    path: str
    message: str


class Problems:
    """Where reading reports what is wrong: one warning line and go on, or stop.

    Reading stops (raises InputError) on the first problem when `strict` is set or no `warn`
    callback is given; notes (harmless oddities such as unknown manifest fields) never stop it.
    After `limit` lines the rest are counted, and `finish` says how many were not shown.
    """

    def __init__(self, warn: Warn | None = None, strict: bool = False, limit: int = MAX_WARNINGS_SHOWN) -> None:
        self.warn = warn
        self.strict = strict or warn is None
        self.limit = limit
        self.shown = 0
        self.hidden = 0
        self.skipped: list[SourceProblem] = []

    def problem(self, message: str, outcome: str = "skipped", path: Path | str | None = None) -> None:
        """Something the build cannot use.

        Raises:
            InputError: reading is strict.
        """
        if self.strict:
            raise InputError(message)
        if path is not None:
            self.skipped.append(SourceProblem(str(path), message))
        self._say(f"warning: {message} ({outcome})")

    def note(self, message: str) -> None:
        """Something odd that changes nothing important: a warning line, never a stop."""
        if self.warn is not None:
            self._say(f"warning: {message}")

    def finish(self) -> None:
        """Say how many warnings were not shown."""
        if self.hidden and self.warn is not None:
            self.warn(f"warning: {self.hidden} more warnings like these not shown; "
                      "--strict stops at the first problem instead")
            self.hidden = 0

    def _say(self, line: str) -> None:
        assert self.warn is not None
        if self.shown < self.limit:
            self.shown += 1
            self.warn(line)
        else:
            self.hidden += 1


def _is_output_folder(folder: Path) -> bool:
    """A govgraph build's output folder (its graph.html must not be read back as an article)."""
    return (folder / ".govgraph.lock").exists() or ((folder / "graph.ttl").is_file() and (folder / "store").is_dir())


def _walk(root: Path, problems: Problems) -> list[Path]:
    found: list[Path] = []

    def unreadable(exc: OSError) -> None:
        problems.problem(f"{exc.filename}: cannot list this folder ({exc.strerror}); check its permissions",
                         path=exc.filename)

    for folder, dirnames, filenames in os.walk(root, onerror=unreadable):
        base = Path(folder)
        kept = []
        for name in dirnames:
            if name.startswith("."):
                continue
            if _is_output_folder(base / name):
                problems.note(f"{base / name}: a govgraph output folder inside the input; not read as articles")
                continue
            kept.append(name)
        dirnames[:] = kept
        for name in filenames:
            path = base / name
            if not name.startswith(".") and path.suffix.lower() in SUFFIXES and path.is_file():
                found.append(path)
    return sorted(found)


def iter_source_files(inputs: Iterable[Path], problems: Problems | None = None) -> Iterator[Path]:
    """Yield source files under the inputs in a stable order (hidden folders and build outputs left out).

    Args:
        inputs: files and folders.
        problems: where a missing input is reported; without it a missing input raises.

    Raises:
        InputError: no input exists, or one is missing and reading is strict.
    """
    roots = list(inputs)
    report = problems or Problems()
    missing = [root for root in roots if not root.exists()]
    if missing and len(missing) == len(roots):
        raise InputError(f"{missing[0]}: no such file or folder; check the path")
    for root in roots:
        if root in missing:
            report.problem(f"{root}: no such file or folder; check the path", path=root)
        elif root.is_dir():
            yield from _walk(root, report)
        else:
            yield root


def _clean(value: object) -> str | None:
    """A metadata value as a short single-line string; None for what is not a plain value."""
    if isinstance(value, bool) or not isinstance(value, str | int | float | _date | _datetime):
        return None
    text = _CONTROLS.sub(" ", str(value)[: MAX_METADATA_CHARS * 2])
    text = " ".join(text.split())[:MAX_METADATA_CHARS]
    return text or None


def _json_rows(raw: str, path: Path, report: Problems) -> list[tuple[str, object]] | None:
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        report.problem(f"{path}:{exc.lineno}: manifest is not valid JSON ({exc.msg} at column {exc.colno}); fix it",
                       "its metadata is ignored")
        return None
    except RecursionError:
        report.problem(f"{path}: manifest is nested too deeply to read; write a list of objects", "its metadata is ignored")
        return None
    if isinstance(data, dict):
        data = data.get("documents", data)
    if isinstance(data, dict):
        return [(f"entry {number}", {"file": name, **(meta if isinstance(meta, dict) else {})})
                for number, (name, meta) in enumerate(data.items(), 1)]
    if isinstance(data, list):
        return [(f"entry {number}", row) for number, row in enumerate(data, 1)]
    report.problem(f"{path}: manifest must be a JSON list or object of documents; see the README", "its metadata is ignored")
    return None


def _csv_rows(raw: str, path: Path, report: Problems) -> list[tuple[str, object]] | None:
    reader = csv.DictReader(io.StringIO(raw, newline=""), strict=True)
    rows: list[tuple[str, object]] = []
    try:
        for row in reader:
            if None in row:
                report.note(f"{path}:{reader.line_num}: more values than columns; the extra values are ignored")
                row = {k: v for k, v in row.items() if k is not None}
            rows.append((f"line {reader.line_num}", row))
    except csv.Error as exc:
        report.problem(f"{path}:{reader.reader.line_num}: manifest is not valid CSV ({exc}); fix it", "its metadata is ignored")
        return None
    if not reader.fieldnames:
        report.problem(f"{path}: manifest is empty; give a header line (file,title,...) and one line per document",
                       "ignored")
        return None
    if not any(name in FILE_FIELDS for name in reader.fieldnames):
        report.problem(f"{path}:1: manifest has no 'file' column naming the documents; add one", "its metadata is ignored")
        return None
    return rows


def load_manifest(path: Path, problems: Problems | None = None) -> dict[str, dict[str, str]]:
    """Read a JSON (list or object keyed by file name) or CSV manifest into {file name: metadata}.

    Args:
        path: the manifest.
        problems: where problems go; without it the first one raises.

    Raises:
        InputError: the manifest cannot be used (unreadable, not JSON/CSV, an entry without a file
            name, an entry naming a missing file) and reading is strict.
    """
    report = problems or Problems()
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        report.problem(f"{path}: cannot read manifest ({exc.strerror}); fix or remove it", "its metadata is ignored")
        return {}
    if len(data) > MAX_FILE_BYTES:
        report.problem(f"{path}: manifest larger than {MAX_FILE_BYTES // 2**20} MB; split the folder", "its metadata is ignored")
        return {}
    try:
        raw = decode(data, path)
    except InputError as exc:
        report.problem(f"{exc} (a manifest)", "its metadata is ignored")
        return {}
    rows = _csv_rows(raw, path, report) if path.suffix.lower() == ".csv" else _json_rows(raw, path, report)
    manifest: dict[str, dict[str, str]] = {}
    unknown: set[str] = set()
    for where, row in rows or []:
        if not isinstance(row, dict):
            report.problem(f"{path}: {where} is not an object with a 'file' field; fix it", "entry ignored")
            continue
        name = next((_clean(row[k]) for k in FILE_FIELDS if _clean(row.get(k))), None)
        if not name:
            report.problem(f"{path}: {where} has no 'file' field naming its document; add one", "entry ignored")
            continue
        unknown |= {str(k) for k in row if k not in FILE_FIELDS and k not in METADATA_FIELDS}
        if not (path.parent / name).exists():
            report.problem(f"{path}: {where} names {name!r}, which is not in {path.parent}; fix the name or remove the entry",
                           "entry ignored")
            continue
        meta = {k: v for k in METADATA_FIELDS if (v := _clean(row.get(k)))}
        if "date" in meta and _normalise_date(meta["date"]) is None:
            report.note(f"{path}: {where} has date {meta.pop('date')!r}, which is not a date; write YYYY-MM-DD (date ignored)")
        manifest[Path(name).name] = meta
    if unknown:
        report.note(f"{path}: unknown fields {', '.join(repr(k) for k in sorted(unknown))} are ignored; "
                    f"the fields are {', '.join(FILE_FIELDS[:1] + METADATA_FIELDS)}")
    return manifest


def find_manifests(inputs: Iterable[Path], problems: Problems | None = None) -> dict[str, dict[str, str]]:
    """Merge the manifests found in input folders (a problem raises unless `problems` collects it)."""
    merged: dict[str, dict[str, str]] = {}
    for root in inputs:
        folder = root if root.is_dir() else root.parent
        for name in MANIFEST_NAMES:
            candidate = folder / name
            if candidate.is_file():
                merged.update(load_manifest(candidate, problems))
    return merged


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text without a byte-order mark: nearly every other byte is zero."""
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    for zeros, other, codec in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if zeros.count(0) >= 0.9 * len(zeros) and other.count(0) <= 0.1 * len(other):
            try:
                return data.decode(codec)
            except UnicodeDecodeError:
                return None
    return None


def _looks_binary(text: str) -> bool:
    """More than 1% control characters (besides tabs, line and page breaks): not text."""
    sample = text[:65536]
    controls = sum(1 for ch in sample if (ch < " " and ch not in "\t\n\r\f\v") or "\x7f" <= ch <= "\x9f")
    return controls > 0 and controls * 100 > len(sample)


def _binary(path: Path) -> InputError:
    return InputError(f"{path}: looks like a binary file, not text; remove it from the input")


def decode(data: bytes, path: Path) -> str:
    """Decode bytes as UTF-8 (with or without BOM), UTF-16/32 with a BOM, UTF-16 without one, the charset an
    HTML page declares, or Windows-1252/Latin-1.

    Raises:
        InputError: the data is binary or in an unknown encoding.
    """
    bom = next((codec for mark, codec in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                                           (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
                if data.startswith(mark)), None)
    if bom:
        try:
            text = data.decode(bom)
        except UnicodeDecodeError as exc:
            raise InputError(f"{path}: starts as {bom.upper()} text but byte {exc.start} is not; re-save it as UTF-8") from exc
    elif b"\x00" in data[:4096]:
        text = _utf16_without_bom(data) or ""
        if not text:
            raise _binary(path)
    else:
        text = _decode_8bit(data, path)
    if _looks_binary(text):
        raise _binary(path)
    return text


def _decode_8bit(data: bytes, path: Path) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    declared = _META_CHARSET.search(data[:4096])
    if declared:
        try:
            return data.decode(codecs.lookup(declared.group(1).decode("ascii")).name)
        except (LookupError, UnicodeDecodeError):
            pass
    text = data.decode("cp1252", errors="replace")
    if "\ufffd" in text:
        raise InputError(f"{path}: not UTF-8 text; re-save it as UTF-8")
    return text


class _HTMLText(HTMLParser):
    """Visible text of an HTML page, block elements on their own lines, plus its meta tags."""

    BLOCKS: ClassVar[set[str]] = {
        "p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section", "article", "header", "footer",
        "blockquote", "title",
    }
    SKIP: ClassVar[set[str]] = {"script", "style", "noscript", "template", "svg"}
    VOID: ClassVar[set[str]] = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
                                "track", "wbr"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.meta: dict[str, str] = {}
        self.title = ""
        self.h1 = ""
        self._skip = 0
        self._in: list[str] = []
        self._open: dict[str, int] = {}  # how many of each tag are on the stack: a closing tag never scans it

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.SKIP:
            self._skip += 1
        if tag == "meta":
            a = {k: v or "" for k, v in attrs}
            key = (a.get("name") or a.get("property") or "").lower()
            if key and a.get("content"):
                self.meta[key] = a["content"].strip()
        if tag in self.BLOCKS:
            self.parts.append("\n\n")
        if tag not in self.VOID:
            self._in.append(tag)
            self._open[tag] = self._open.get(tag, 0) + 1

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP and self._skip:
            self._skip -= 1
        if tag in self.BLOCKS:
            self.parts.append("\n\n")
        if self._open.get(tag):
            while self._in:
                top = self._in.pop()
                self._open[top] -= 1
                if top == tag:
                    break

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        current = self._in[-1] if self._in else ""
        if current == "title":
            self.title += data
            return
        if current == "h1" and not self.h1:
            self.h1 = data.strip()
        self.parts.append(data)

    def text(self) -> str:
        joined = "".join(self.parts)
        lines = [re.sub(r"[ \t\r\f\v]+", " ", line).strip() for line in joined.split("\n")]
        return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip() + "\n"


def _escape_unclosed(raw: str) -> str:
    """Make markup that is never closed ('<!--' with no '-->' after it) plain text.

    Python's HTMLParser re-scans the rest of the page for every such opening, which takes
    minutes on a page of a few hundred thousand of them; as text they cost nothing.
    """
    gt, comment = raw.rfind(">"), raw.rfind("-->")
    section = max(raw.rfind("]]>"), raw.rfind("]>"))
    tail = max(min(gt, comment, section), 0)

    def escape(match: re.Match[str]) -> str:
        kind = match.group(1)
        end = comment if kind == "!--" else section if kind == "![" else gt
        return match.group(0) if tail + match.start() < end else "&lt;" + match.group(0)[1:]

    return raw[:tail] + _MARKUP_OPEN.sub(escape, raw[tail:])


def _html_document(raw: str, path: Path) -> tuple[str, dict[str, str]]:
    parser = _HTMLText()
    try:
        parser.feed(_escape_unclosed(raw))
        parser.close()
    except Exception as exc:  # the standard parser on arbitrary markup: whatever it raises, this page is skipped
        raise InputError(f"{path}: cannot read this HTML ({exc.__class__.__name__}); save the page's text instead") from exc
    m = parser.meta
    meta = {
        "title": m.get("og:title") or parser.h1 or html.unescape(parser.title.strip()),
        "publisher": m.get("og:site_name") or m.get("publisher", ""),
        "author": m.get("author") or m.get("article:author", ""),
        "date": (m.get("article:published_time") or m.get("date") or m.get("dc.date") or "")[:10],
        "url": m.get("og:url", ""),
    }
    return parser.text(), {k: clean for k, v in meta.items() if (clean := _clean(v))}


def _front_matter(text: str) -> tuple[str, dict[str, str]]:
    """Split YAML front matter from the body; the body keeps its offsets relative to itself."""
    match = _FRONT_MATTER.match(text[: MAX_FRONT_MATTER_CHARS + 16])
    if not match:
        return text, {}
    import yaml

    try:
        data = yaml.safe_load(match.group(1))
    except (yaml.YAMLError, RecursionError, ValueError, TypeError):
        return text, {}
    if not isinstance(data, dict):
        return text, {}
    # only plain values: a list or mapping (or an alias bomb) is never turned into a string
    meta = {k: v for k in METADATA_FIELDS if (v := _clean(data.get(k)))}
    return text[match.end() :], meta


def _first_heading(text: str) -> str:
    for line in text.splitlines():
        line = line.strip().lstrip("#").strip()
        if line:
            return line[:300]
    return ""


_DATELINE = re.compile(r"^(?:[A-Z][A-Za-z .’'-]{1,40}(?:,|\s[–—-])\s*)?(?P<date>[A-Z][a-z]+\.?\s+\d{1,2},?\s+\d{4}|"
                       r"\d{1,2}\s+[A-Z][a-z]+\s+\d{4}|\d{4}-\d{2}-\d{2})\s*$")


def dateline_date(text: str) -> str | None:
    """The article's own date from a dateline near the top ('YEREVAN, August 3, 2021' or a line 'March 3, 2023')."""
    from govgraph.build.dates import parse_date

    for line in text[:4000].splitlines()[:8]:
        match = _DATELINE.match(line.strip())
        if match:
            parsed = parse_date(match.group("date"))
            if parsed and parsed.year and parsed.day:
                return parsed.iso
    return None


def _normalise_date(value: str) -> str | None:
    from govgraph.build.dates import parse_date

    value = value.strip()
    if _ISO_DATE.match(value):
        parsed = parse_date(value) if len(value) == 10 else None
        month = int(value[5:7]) if len(value) >= 7 else 1
        return value if (parsed or len(value) < 10) and 1 <= month <= 12 else None
    parsed = parse_date(value, year=None)
    return parsed.iso if parsed and parsed.year else None


def document_id(stem: str) -> str:
    """A file stem as it can stand in an IRI: letters, digits and ``._~-`` kept, anything else %-encoded."""
    out = []
    for ch in stem:
        if _IRI_SAFE.match(ch) or (ch > "\x7f" and ch.isalnum() and not "\ud800" <= ch <= "\udfff"):
            out.append(ch)
        else:
            out.append("".join(f"%{b:02X}" for b in ch.encode("utf-8", "surrogateescape")))
    return "".join(out) or "document"


def bound_sentences(text: str, limit: int = MAX_SENTENCE_CHARS) -> str:
    """Break every run of more than `limit` characters without a sentence end into paragraphs at a space.

    A space becomes a paragraph break (one character more), so the text stays readable and no
    sentence - which becomes a quote in the graph - is longer than the limit (unless it has no
    space at all). Text without such runs comes back unchanged.
    """
    if len(text) <= limit:
        return text
    pieces: list[str] = []
    copied = start = 0
    ends = [(m.end("stop") if m.group("stop") else m.start(), m.end()) for m in _SENTENCE_END.finditer(text)]
    for end, after in [*ends, (len(text), len(text))]:
        pos = start
        while end - pos > limit:
            cut = text.rfind(" ", pos + 1, pos + limit)
            if cut == -1:
                cut = text.find(" ", pos + limit, end)
            if cut == -1:
                break
            pieces += [text[copied:cut], "\n\n"]
            copied = pos = cut + 1
        start = after
    if not pieces:
        return text
    pieces.append(text[copied:])
    return "".join(pieces)


def _read_bytes(path: Path) -> bytes:
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise InputError(f"{path}: not a regular file; give text, Markdown or HTML files or folders")
        if info.st_size > MAX_FILE_BYTES:
            raise InputError(f"{path}: {info.st_size / 2**20:.1f} MB, more than the {MAX_FILE_BYTES // 2**20} MB a source "
                             "file may have; split it into articles")
        with path.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror}); check the path and its permissions") from exc
    if len(data) > MAX_FILE_BYTES:
        raise InputError(f"{path}: more than the {MAX_FILE_BYTES // 2**20} MB a source file may have; split it into articles")
    return data


def read_document(path: Path, metadata: dict[str, str] | None = None) -> Document:
    """Read one source file into a Document (without sentence spans).

    Raises:
        InputError: the file is unreadable, too large, binary, badly encoded or empty.
    """
    data = _read_bytes(path)
    raw = decode(data, path)
    found: dict[str, str] = {}
    if path.suffix.lower() in {".html", ".htm"}:
        text, found = _html_document(raw, path)
    else:
        text, found = _front_matter(raw.replace("\r\n", "\n").replace("\r", "\n"))
    if not text.strip():
        raise InputError(f"{path}: the file holds no text; remove it or add content")
    if len(text) > MAX_TEXT_CHARS:
        raise InputError(f"{path}: {len(text):,} characters of text, more than the {MAX_TEXT_CHARS:,} one article may "
                         "have (extraction time grows faster than length); split it into articles")
    text = bound_sentences(text)
    meta = {**found, **{k: clean for k, v in (metadata or {}).items() if (clean := _clean(v))}}
    date = _normalise_date(meta["date"]) if meta.get("date") else dateline_date(text)
    shown = os.fsencode(path).decode("utf-8", "replace")
    return Document(
        doc_id=document_id(path.stem),
        path=shown,
        text=text,
        title=meta.get("title") or _first_heading(text) or _clean(Path(shown).stem) or "untitled",
        publisher=meta.get("publisher"),
        author=meta.get("author"),
        date=date,
        url=meta.get("url"),
        content_hash=hashlib.sha256(data).hexdigest(),
    )
