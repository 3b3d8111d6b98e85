"""Reading sources: text, Markdown and HTML files, folders, manifests and front matter.

A manifest (``manifest.json`` or ``manifest.csv`` in a folder, or given explicitly) maps file
names to metadata. Without one, YAML front matter or HTML meta tags are used, and the first
heading line of the text is the title.
"""

from __future__ import annotations

import csv
import hashlib
import html
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import ClassVar

from govgraph.build.records import Document
from govgraph.errors import InputError

SUFFIXES = {".txt", ".md", ".markdown", ".html", ".htm"}
MANIFEST_NAMES = ("manifest.json", "manifest.csv")
METADATA_FIELDS = ("title", "publisher", "author", "date", "url")

_FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n---\s*\n", re.S)
_ISO_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


@dataclass(frozen=True, slots=True)
class SourceProblem:
    """A file that could not be read; the rest of the build can go on."""

    path: str
    message: str


def iter_source_files(inputs: Iterable[Path]) -> Iterator[Path]:
    """Yield source files under the inputs in a stable order.

    Raises:
        InputError: an input path does not exist.
    """
    for root in inputs:
        if not root.exists():
            raise InputError(f"{root}: no such file or folder; check the path")
        if root.is_dir():
            for path in sorted(root.rglob("*")):
                if path.is_file() and path.suffix.lower() in SUFFIXES and not path.name.startswith("."):
                    yield path
        else:
            yield root


def load_manifest(path: Path) -> dict[str, dict[str, str]]:
    """Read a JSON (list or object keyed by file name) or CSV manifest into {file name: metadata}.

    Raises:
        InputError: the manifest cannot be parsed or lacks a file column.
    """
    try:
        raw = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read manifest ({exc}); fix or remove it") from exc
    rows: list[dict]
    if path.suffix.lower() == ".csv":
        rows = list(csv.DictReader(raw.splitlines()))
    else:
        try:
            data = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise InputError(f"{path}:{exc.lineno}: manifest is not valid JSON ({exc.msg})") from exc
        if isinstance(data, dict):
            data = data.get("documents", data)
        if isinstance(data, dict):
            rows = [{"file": name, **(meta if isinstance(meta, dict) else {})} for name, meta in data.items()]
        elif isinstance(data, list):
            rows = [row for row in data if isinstance(row, dict)]
        else:
            raise InputError(f"{path}: manifest must be a JSON list or object of documents")
    manifest: dict[str, dict[str, str]] = {}
    for number, row in enumerate(rows, 1):
        name = row.get("file") or row.get("path") or row.get("filename")
        if not name:
            raise InputError(f"{path}: entry {number} has no 'file' field naming its document")
        manifest[Path(str(name)).name] = {
            k: str(v).strip() for k, v in row.items() if k in METADATA_FIELDS and v not in (None, "")
        }
    return manifest


def find_manifests(inputs: Iterable[Path]) -> dict[str, dict[str, str]]:
    """Merge the manifests found in input folders."""
    merged: dict[str, dict[str, str]] = {}
    for root in inputs:
        folder = root if root.is_dir() else root.parent
        for name in MANIFEST_NAMES:
            candidate = folder / name
            if candidate.is_file():
                merged.update(load_manifest(candidate))
    return merged


def decode(data: bytes, path: Path) -> str:
    """Decode bytes as UTF-8 (with or without BOM) or UTF-16 with a BOM.

    Raises:
        InputError: the data is binary or in an unknown encoding.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if b"\x00" in data[:4096]:
        raise InputError(f"{path}: looks like a binary file, not text; remove it from the input")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
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

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.meta: dict[str, str] = {}
        self.title = ""
        self.h1 = ""
        self._skip = 0
        self._in: list[str] = []

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
        self._in.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP and self._skip:
            self._skip -= 1
        if tag in self.BLOCKS:
            self.parts.append("\n\n")
        if tag in self._in:
            while self._in and self._in.pop() != tag:
                pass

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


def _html_document(raw: str) -> tuple[str, dict[str, str]]:
    parser = _HTMLText()
    parser.feed(raw)
    parser.close()
    m = parser.meta
    meta = {
        "title": m.get("og:title") or parser.h1 or html.unescape(parser.title.strip()),
        "publisher": m.get("og:site_name") or m.get("publisher", ""),
        "author": m.get("author") or m.get("article:author", ""),
        "date": (m.get("article:published_time") or m.get("date") or m.get("dc.date") or "")[:10],
        "url": m.get("og:url", ""),
    }
    return parser.text(), {k: v for k, v in meta.items() if v}


def _front_matter(text: str) -> tuple[str, dict[str, str]]:
    """Split YAML front matter from the body; the body keeps its offsets relative to itself."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return text, {}
    import yaml

    try:
        data = yaml.safe_load(match.group(1))
    except yaml.YAMLError:
        return text, {}
    if not isinstance(data, dict):
        return text, {}
    meta = {k: str(v).strip() for k, v in data.items() if k in METADATA_FIELDS and v not in (None, "")}
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

    for line in text.splitlines()[:8]:
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
        return value
    parsed = parse_date(value, year=None)
    return parsed.iso if parsed and parsed.year else None


def read_document(path: Path, metadata: dict[str, str] | None = None) -> Document:
    """Read one source file into a Document (without sentence spans).

    Raises:
        InputError: the file is unreadable, binary, badly encoded or empty.
    """
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror}); check permissions") from exc
    raw = decode(data, path)
    found: dict[str, str] = {}
    if path.suffix.lower() in {".html", ".htm"}:
        text, found = _html_document(raw)
    else:
        text, found = _front_matter(raw.replace("\r\n", "\n").replace("\r", "\n"))
    if not text.strip():
        raise InputError(f"{path}: the file holds no text; remove it or add content")
    meta = {**found, **(metadata or {})}
    date = _normalise_date(meta["date"]) if meta.get("date") else dateline_date(text)
    return Document(
        doc_id=path.stem,
        path=str(path),
        text=text,
        title=meta.get("title") or _first_heading(text) or path.stem,
        publisher=meta.get("publisher"),
        author=meta.get("author"),
        date=date,
        url=meta.get("url"),
        content_hash=hashlib.sha256(data).hexdigest(),
    )
