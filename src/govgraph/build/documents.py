"""Reading sources: text, Markdown, HTML, PDF and Word files, folders, manifests and front matter.

A manifest (``manifest.json`` or ``manifest.csv`` in a folder, or given explicitly) maps file
names to metadata. Without one, YAML front matter, the page's own metadata (HTML) or the file's
title (PDF, Word) are used, then a dateline's date, and the first heading line is the title.

Each file's text is decoded (`encodings`), normalised (`normalise`), and cleared of page
furniture (`furniture`) and of its dateline (`datelines`) by blanking them out with spaces: the
text keeps its line breaks, and every offset into it still points at the same character.

Whatever is wrong with an input becomes one line naming the file, what is wrong and what to do:
a warning when the rest can still be built (`Problems` collects them), an `InputError` when
reading is strict or nothing else can be built. Limits keep one bad file from taking minutes or
gigabytes: a source file is read only up to `MAX_FILE_BYTES`, an article's text may have up to
`MAX_TEXT_CHARS` characters, and a run of text longer than `MAX_SENTENCE_CHARS` without a
sentence end is broken into paragraphs at spaces, so no "sentence" is a whole megabyte.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import re
import stat
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from govgraph.build.bylines import read_byline
from govgraph.build.datelines import read_dateline
from govgraph.build.encodings import decode
from govgraph.build.furniture import blank_cut_word, blank_furniture
from govgraph.build.normalise import clean_value, normalise_text, strip_text_markup
from govgraph.build.pdfdocx import read_docx, read_pdf
from govgraph.build.records import Document
from govgraph.build.webpages import read_page
from govgraph.errors import InputError

__all__ = ["Problems", "decode", "document_id", "find_manifests", "iter_source_files", "load_manifest", "read_document"]

SUFFIXES = {".txt", ".md", ".markdown", ".html", ".htm", ".pdf", ".docx"}
SUFFIXES_SHOWN = ".txt/.md/.html/.pdf/.docx"
MANIFEST_NAMES = ("manifest.json", "manifest.csv")
METADATA_FIELDS = ("title", "publisher", "author", "date", "url")
FILE_FIELDS = ("file", "path", "filename")

MAX_FILE_BYTES = 16 * 1024 * 1024  # a source file (HTML pages carry scripts and styles); larger ones are not read
MAX_TEXT_CHARS = 1_000_000  # an article's text (~160,000 words); extraction time grows faster than length
MAX_SENTENCE_CHARS = 5_000  # beyond this, a run without a sentence end is a table or a lost line break
MAX_FRONT_MATTER_CHARS = 64 * 1024
MAX_WARNINGS_SHOWN = 50  # per build; the rest are counted in one closing line
MAX_SKIPPED_NAMED = 20  # files named in the one line about files that are not sources

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n---[ \t]*\n", re.S)
_ISO_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_SENTENCE_END = re.compile(r"(?P<stop>[.!?…。！？]+[\"'”’»)\]]*)\s|\n[ \t]*\n")
_IRI_SAFE = re.compile(r"[A-Za-z0-9._~-]")
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")

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
        line = _UNPRINTABLE.sub(lambda m: repr(m.group())[1:-1], line)  # a newline in a file name stays on this line
        if self.shown < self.limit:
            self.shown += 1
            self.warn(line)
        else:
            self.hidden += 1


def _is_output_folder(folder: Path) -> bool:
    """A govgraph build's output folder (its graph.html must not be read back as an article)."""
    return (folder / ".govgraph.lock").exists() or ((folder / "graph.ttl").is_file() and (folder / "store").is_dir())


def _is_package_internal(name: str) -> bool:
    """``__init__.py``, ``__pycache__``: a Python package's own files (the bundled corpus is one), never articles."""
    stem = name.split(".", 1)[0]
    return len(stem) > 4 and stem.startswith("__") and stem.endswith("__")


def _walk(root: Path, problems: Problems) -> list[Path]:
    found: list[Path] = []
    skipped: list[str] = []

    def unreadable(exc: OSError) -> None:
        problems.problem(f"{exc.filename}: cannot list this folder ({exc.strerror}); check its permissions",
                         path=exc.filename)

    for folder, dirnames, filenames in os.walk(root, onerror=unreadable):
        base = Path(folder)
        kept = []
        for name in dirnames:
            if name.startswith(".") or _is_package_internal(name):
                continue
            if _is_output_folder(base / name):
                problems.note(f"{base / name}: a govgraph output folder inside the input; not read as articles")
                continue
            kept.append(name)
        dirnames[:] = kept
        for name in filenames:
            path = base / name
            if name.startswith(".") or name in MANIFEST_NAMES or _is_package_internal(name) or not path.is_file():
                continue
            if path.suffix.lower() in SUFFIXES:
                found.append(path)
            else:
                skipped.append(os.path.relpath(path, root))
    if skipped:
        problems.note(_skipped_line(sorted(skipped), root))
    return sorted(found)


def _skipped_line(names: list[str], root: Path) -> str:
    shown = ", ".join(names[:MAX_SKIPPED_NAMED]) + (f" and {len(names) - MAX_SKIPPED_NAMED} more"
                                                    if len(names) > MAX_SKIPPED_NAMED else "")
    files = "file that is" if len(names) == 1 else "files that are"
    return f"{root}: skipped {len(names)} {files} not {SUFFIXES_SHOWN}: {shown}"


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
        name = next((clean_value(row[k]) for k in FILE_FIELDS if clean_value(row.get(k))), None)
        if not name:
            report.problem(f"{path}: {where} has no 'file' field naming its document; add one", "entry ignored")
            continue
        unknown |= {str(k) for k in row if k not in FILE_FIELDS and k not in METADATA_FIELDS}
        entry = Path(name)
        if entry.is_absolute() or ".." in entry.parts or not entry.name:
            report.problem(f"{path}: {where} names {name!r}, which is outside {path.parent}; give a file in that folder",
                           "entry ignored")
            continue
        if not (path.parent / name).is_file():
            report.problem(f"{path}: {where} names {name!r}, which is not in {path.parent}; fix the name or remove the entry",
                           "entry ignored")
            continue
        meta = {k: v for k in METADATA_FIELDS if (v := clean_value(row.get(k)))}
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
    meta = {k: v for k in METADATA_FIELDS if (v := clean_value(data.get(k)))}
    return text[match.end() :], meta


_HEADLINE_WORDS = 30
_LEADING_LINES = 6


def _first_heading(text: str) -> str:
    """The headline: among the short lines before the first paragraph, the one with the most words, so that a
    site's name and tagline above it ('The Daily', 'Read the World Today') are not taken for the title; dates
    and bylines are never it. Without such lines, the first line."""
    lines = [line.strip().lstrip("#").strip() for line in text.splitlines()]
    lines = [line for line in lines if line]
    candidates = []
    for line in lines[:_LEADING_LINES]:
        words = line.split()
        if len(words) > _HEADLINE_WORDS or line.endswith("."):
            break  # the first paragraph
        if _is_date_line(line) or re.match(r"(?i)by\b:?\s", line):
            continue
        candidates.append(line)
    best = max(candidates, key=lambda line: len(line.split()), default=lines[0] if lines else "")
    return best[:300]


def _is_date_line(line: str) -> bool:
    """'September 28. 2023. 6:46', 'March 3, 2023': a line that is a date, perhaps with a time."""
    from govgraph.build.dates import find_dates

    rest = line
    for found in sorted(find_dates(line), key=lambda d: -d.start):
        rest = rest[: found.start] + rest[found.end :]
    return rest != line and not re.search(r"[^\W\d_]{3,}", re.sub(r"(?i)\b(?:am|pm|updated|published)\b", "", rest))


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
            raise InputError(f"{path}: not a regular file; give text, Markdown, HTML, PDF or Word files or folders")
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


def _joined_pages(pages: list[str]) -> tuple[str, list[int]]:
    """The pages as one text (a blank line between two) and the offset where each starts."""
    starts: list[int] = []
    at = 0
    for page in pages:
        starts.append(at)
        at += len(page) + 2
    return "\n\n".join(pages), starts


def _text_and_metadata(data: bytes, path: Path) -> tuple[str, dict[str, str], list[int]]:
    """The normalised text of a file by its kind, the metadata it carries, and its page starts (PDF)."""
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        pages, found = read_pdf(data, path)
        text, starts = _joined_pages([bound_sentences(normalise_text(page)) for page in pages])
        return text, found, starts
    if suffix == ".docx":
        text, found = read_docx(data, path)
        return bound_sentences(normalise_text(text)), found, []
    raw = normalise_text(decode(data, path))
    if suffix in {".html", ".htm"}:
        text, found = read_page(raw, path)
        return bound_sentences(normalise_text(text)), found, []
    text, found = _front_matter(raw)
    return bound_sentences(strip_text_markup(text, markdown=suffix in {".md", ".markdown"})), found, []


def read_document(path: Path, metadata: dict[str, str] | None = None) -> Document:
    """Read one source file into a Document (without sentence spans).

    Raises:
        InputError: the file is unreadable, too large, binary, badly encoded or empty.
    """
    data = _read_bytes(path)
    text, found, pages = _text_and_metadata(data, path)
    if not text.strip():
        raise InputError(f"{path}: the file holds no text; remove it or add content")
    if len(text) > MAX_TEXT_CHARS + MAX_TEXT_CHARS // MAX_SENTENCE_CHARS:
        raise InputError(f"{path}: {len(text):,} characters of text, more than the {MAX_TEXT_CHARS:,} one article may "
                         "have (extraction time grows faster than length); split it into articles")
    text, byline = read_byline(blank_cut_word(blank_furniture(text)))
    text, dateline = read_dateline(text)
    if not text.strip():
        raise InputError(f"{path}: the file holds nothing but page furniture (captions, links, dates); give the article")
    meta = {**found, **{k: clean for k, v in (metadata or {}).items() if (clean := clean_value(v))}}
    meta = {k: clean for k, v in meta.items() if (clean := clean_value(v))}
    date = _normalise_date(meta["date"]) if meta.get("date") else None
    shown = os.fsencode(path).decode("utf-8", "replace")
    return Document(
        doc_id=document_id(path.stem),
        path=shown,
        text=text,
        title=meta.get("title") or _first_heading(text) or clean_value(Path(shown).stem) or "untitled",
        publisher=meta.get("publisher") or (dateline.publication if dateline else None),
        author=meta.get("author") or (byline.authors[0] if byline else None),  # the first of several: one gg:author
        date=date or (dateline.date if dateline else None) or (byline.date if byline else None),
        url=meta.get("url"),
        content_hash=hashlib.sha256(data).hexdigest(),
        dateline_place=dateline.place if dateline else None,
        pages=pages,
    )
