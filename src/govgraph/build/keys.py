"""Stable entity keys: derived from what a thing is, never from build order."""

from __future__ import annotations

import re
import unicodedata

_NON_SLUG = re.compile(r"[^a-z0-9]+")


def slug(text: str) -> str:
    """'Kassym-Jomart Tokayev' -> 'kassym-jomart-tokayev'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    ascii_text = ascii_text.replace("'", "").replace("\u2019", "")
    return _NON_SLUG.sub("-", ascii_text).strip("-")[:80] or "x"


def make_key(kind: str, label: str) -> str:
    """Entity key of a discovered thing: its kind and the slug of its canonical name."""
    return f"{kind}/{slug(label)}"


def follow(mapping: dict[str, str], key: str) -> str:
    """Where a chain of merges takes a key ('a' -> 'b' -> 'c' gives 'c'), safe against cycles."""
    seen = set()
    while key in mapping and key not in seen:
        seen.add(key)
        key = mapping[key]
    return key
