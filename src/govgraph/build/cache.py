"""The extraction cache behind incremental builds.

Each article's extraction record is kept under a key made of its bytes, its metadata and a
fingerprint of the extractor (code, reference data, version). A rebuild extracts only articles
whose key is new; cross-article resolution, conflicts and the RDF are always recomputed from
the records, so an incremental build equals a build from scratch.

Records are stored as JSON and rebuilt field by field against the record classes' type hints:
anything else in the file (an unknown field, a wrong type, a class that is not a record) makes
the entry a miss, and the article is extracted again. Nothing read from the output folder is
ever executed, as an unpickled file could be.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import types
import typing
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from govgraph import records
from govgraph.files import write_atomic
from govgraph.records import Extraction

SUFFIX = ".json"
MAX_ENTRY_BYTES = 256 * 2**20  # a larger file is not a record this build wrote
RECORD_CLASSES = {cls.__name__: cls for cls in vars(records).values()
                  if isinstance(cls, type) and dataclasses.is_dataclass(cls) and cls.__module__ == records.__name__}


class InvalidEntry(ValueError):
    """A cache file that is not a record of the current classes."""


def encode(value: object) -> object:
    """A record as JSON data: dataclasses as objects tagged with their class name, sets sorted."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        data: dict[str, object] = {"@record": type(value).__name__}
        data.update({f.name: encode(getattr(value, f.name)) for f in dataclasses.fields(value)})
        return data
    if isinstance(value, dict):
        return {str(k): encode(v) for k, v in value.items()}
    if isinstance(value, set | frozenset):
        return sorted((encode(v) for v in value), key=json.dumps)
    if isinstance(value, list | tuple):
        return [encode(v) for v in value]
    return value


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def decode(data: object, hint: Any) -> Any:
    """Rebuild a value of type `hint` from JSON data, checking every type on the way.

    Raises:
        InvalidEntry: the data does not have that type.
    """
    origin = typing.get_origin(hint)
    if hint is Any:
        raise InvalidEntry("untyped field")
    if origin in (typing.Union, types.UnionType):
        for option in typing.get_args(hint):
            try:
                return decode(data, option)
            except InvalidEntry:
                continue
        raise InvalidEntry(f"{data!r:.40} is none of {hint}")
    if hint is type(None):
        if data is None:
            return None
        raise InvalidEntry("expected null")
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        if not isinstance(data, dict) or RECORD_CLASSES.get(str(data.get("@record"))) is not hint:
            raise InvalidEntry(f"expected a {hint.__name__} record")
        fields = {f.name for f in dataclasses.fields(hint) if f.init}
        if set(data) - {"@record"} != fields:
            raise InvalidEntry(f"{hint.__name__}: fields differ")
        hints = _hints(hint)
        return hint(**{name: decode(data[name], hints[name]) for name in fields})
    if origin in (list, set, frozenset) or (origin is tuple and typing.get_args(hint)[1:] == (Ellipsis,)):
        if not isinstance(data, list):
            raise InvalidEntry("expected a list")
        item = typing.get_args(hint)[0]
        return origin(decode(v, item) for v in data)
    if origin is dict:
        key, item = typing.get_args(hint)
        if not isinstance(data, dict) or key is not str:
            raise InvalidEntry("expected an object")
        return {k: decode(v, item) for k, v in data.items()}
    if hint is float and isinstance(data, int | float) and not isinstance(data, bool):
        return float(data)
    if hint in (str, int, bool) and type(data) is hint:
        return data
    raise InvalidEntry(f"expected {hint}")


@lru_cache(maxsize=1)
def extractor_fingerprint() -> str:
    """Digest of everything extraction depends on besides the article: code, reference data, version."""
    from govgraph import __version__
    from govgraph.ontology import reference_files

    digest = hashlib.sha256(__version__.encode())
    package = Path(__file__).resolve().parent
    sources = sorted(package.glob("*.py")) + sorted(package.glob("rules/*.py")) + sorted(package.glob("rules/specs/*"))
    shared = [package.parent / "records.py", package.parent / "ontology" / "govgraph.ttl"]  # records, class hierarchy
    for path in sources + shared + reference_files():
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


class ExtractionCache:
    """Extraction records as JSON files in a folder (normally OUT/.cache/extractions)."""

    def __init__(self, folder: Path, pipeline: str = "") -> None:
        self.folder = folder
        self.pipeline = pipeline  # name and version of the spaCy pipeline (see build.nlp.pipeline_id)
        self.used: set[str] = set()

    def key(self, extraction: Extraction) -> str:
        doc = extraction.document
        metadata = json.dumps([doc.doc_id, Path(doc.path).name, doc.title, doc.publisher, doc.author, doc.date, doc.url])
        raw = "\x1f".join((doc.content_hash, metadata, extractor_fingerprint(), self.pipeline))
        return hashlib.sha256(raw.encode()).hexdigest()

    def load(self, extraction: Extraction) -> Extraction | None:
        """The cached record of this article, or None (no entry, or one that is not a valid record)."""
        key = self.key(extraction)
        self.used.add(key)
        path = self.folder / f"{key}{SUFFIX}"
        try:
            if not path.is_file() or path.is_symlink() or path.stat().st_size > MAX_ENTRY_BYTES:
                return None
            cached = decode(json.loads(path.read_text(encoding="utf-8")), Extraction)
        except (OSError, UnicodeDecodeError, ValueError, TypeError, RecursionError):
            return None  # json.JSONDecodeError and InvalidEntry are ValueErrors
        if cached.document.content_hash != extraction.document.content_hash:
            return None
        cached.document.path = extraction.document.path
        return cached

    def save(self, extraction: Extraction) -> None:
        """Keep this article's record; a cache that cannot be written (read-only, full) only costs speed."""
        key = self.key(extraction)
        self.used.add(key)
        data = json.dumps(encode(extraction), ensure_ascii=False, separators=(",", ":"))

        def write(tmp: Path) -> None:
            tmp.write_text(data, encoding="utf-8")

        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            write_atomic(self.folder / f"{key}{SUFFIX}", write)
        except OSError:
            return

    def prune(self) -> None:
        """Forget the records of articles that are no longer in the input (and entries of older formats)."""
        try:
            for path in self.folder.iterdir():
                if path.suffix == ".pickle" or (path.suffix == SUFFIX and path.stem not in self.used):
                    path.unlink(missing_ok=True)
        except OSError:
            return
