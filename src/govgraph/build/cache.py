"""The extraction cache behind incremental builds.

Each article's extraction record is kept under a key made of its bytes, its metadata and a
fingerprint of the extractor (code, reference data, version). A rebuild extracts only articles
whose key is new; cross-article resolution, conflicts and the RDF are always recomputed from
the records, so an incremental build equals a build from scratch.
"""

from __future__ import annotations

import hashlib
import json
import pickle
from functools import lru_cache
from pathlib import Path

from govgraph.build.records import Extraction
from govgraph.files import write_atomic


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
    """Pickled extraction records in a folder (normally OUT/.cache/extractions)."""

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
        """The cached record of this article, or None."""
        key = self.key(extraction)
        self.used.add(key)
        path = self.folder / f"{key}.pickle"
        try:
            with path.open("rb") as handle:
                cached = pickle.load(handle)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            return None
        if not isinstance(cached, Extraction):
            return None
        cached.document.path = extraction.document.path
        return cached

    def save(self, extraction: Extraction) -> None:
        key = self.key(extraction)
        self.used.add(key)
        self.folder.mkdir(parents=True, exist_ok=True)
        data = pickle.dumps(extraction, protocol=pickle.HIGHEST_PROTOCOL)
        write_atomic(self.folder / f"{key}.pickle", lambda tmp: tmp.write_bytes(data))

    def prune(self) -> None:
        """Forget the records of articles that are no longer in the input."""
        if not self.folder.is_dir():
            return
        for path in self.folder.glob("*.pickle"):
            if path.stem not in self.used:
                path.unlink(missing_ok=True)
