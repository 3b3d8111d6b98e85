"""The hand-labelled article sets used to measure the extractor are well formed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SETS = [ROOT / "tests" / "heldout", ROOT / "bench" / "heldout2"]
KINDS = {"entity", "text", "number", "date"}


@pytest.mark.parametrize("set_dir", SETS, ids=lambda p: p.name)
def test_every_quote_is_in_its_article_and_every_article_is_listed(set_dir: Path):
    articles = set_dir / "articles"
    manifest = json.loads((articles / "manifest.json").read_text(encoding="utf-8"))
    files = {entry["file"] for entry in manifest}
    assert files == {p.name for p in articles.glob("*.txt")}
    gold = json.loads((set_dir / "gold.json").read_text(encoding="utf-8"))
    ids = [fact["id"] for fact in gold]
    assert len(ids) == len(set(ids))
    for fact in gold:
        assert fact["object_kind"] in KINDS, fact["id"]
        text = (articles / fact["source"]).read_text(encoding="utf-8")
        assert fact["quote"] in text, fact["id"]
        for other in fact.get("conflicts_with", []):
            assert other in ids, fact["id"]
    exhaustive = json.loads((set_dir / "exhaustive.json").read_text(encoding="utf-8"))
    assert set(exhaustive) <= files
