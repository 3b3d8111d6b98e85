"""The bundled sample corpus: five articles on Kazakhstan's 2022-2023 reforms, with a manifest."""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def corpus_dir() -> Path:
    """Folder of the bundled sample articles and their manifest.json."""
    return Path(str(resources.files(__name__)))
