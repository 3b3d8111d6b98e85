"""Stores behind one factory: an embedded pyoxigraph store on disk (default)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox

from govgraph.errors import StoreError
from govgraph.files import atomic_dir

STORE_DIR = "store"


def write_embedded_store(quads: Iterable[ox.Quad], target: Path) -> None:
    """Write a fresh on-disk store with these quads, replacing target atomically."""
    with atomic_dir(target) as tmp:
        store = ox.Store(str(tmp))
        store.bulk_extend(quads)
        store.flush()
        del store


def open_embedded_store(path: Path, read_only: bool = True) -> ox.Store:
    """Open the store a build wrote.

    Raises:
        StoreError: there is no store at path.
    """
    if not path.is_dir():
        raise StoreError(f"{path}: no govgraph store here; run `govgraph build` first or pass --out")
    try:
        return ox.Store.read_only(str(path)) if read_only else ox.Store(str(path))
    except OSError as exc:
        raise StoreError(f"{path}: cannot open the store ({exc}); rebuild with `govgraph build`") from exc
