"""Mentions of reference entities in a document, each placed in its sentence."""

from __future__ import annotations

import re
from bisect import bisect_right

from govgraph.build.gazetteer import Gazetteer, longest_matches
from govgraph.build.records import Document, Mention


def sentence_of(doc: Document, starts: list[int], offset: int) -> int | None:
    """Index of the sentence that holds a character offset, or None between sentences."""
    index = bisect_right(starts, offset) - 1
    if index >= 0 and offset < doc.sentences[index].end:
        return index
    return None


def find_mentions(doc: Document, gazetteer: Gazetteer) -> list[Mention]:
    """Reference-entity mentions in a document.

    Generic phrases ("lower house") count only when the document names the entity's country
    or one of that country's institutions by a specific name.
    """
    entries = gazetteer.entries
    matches = [m for m in gazetteer.match(doc.text) if not entries[m.key].generic]
    active = {entries[m.key].country for m in matches if not m.contextual}
    matches = [m for m in matches if not m.contextual or entries[m.key].country in active]
    starts = [s.start for s in doc.sentences]
    mentions = []
    for match in longest_matches(matches):
        index = sentence_of(doc, starts, match.start)
        if index is None or _party_acronym(doc.text, match.start, match.end):
            continue
        mentions.append(Mention(doc.doc_id, index, match.start, match.end, doc.text[match.start : match.end], match.key))
    return mentions


_PARTY_NOUN_AFTER = re.compile(r"\s+(?:bloc|alliance|coalition|party|front|movement)\b")


def _party_acronym(text: str, start: int, end: int) -> bool:
    """A name in capitals right before a party noun is a party's acronym, not the place it spells ('the INDIA bloc')."""
    written = text[start:end]
    return written.isupper() and len(written) > 1 and _PARTY_NOUN_AFTER.match(text, end) is not None
