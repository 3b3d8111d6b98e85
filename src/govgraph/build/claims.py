"""Claims a document makes, from its sentences and mentions.

This module holds the basic, always-on extractor: which reference entities each sentence
mentions. Richer relation extractors live in `govgraph.build.relations`.
"""

from __future__ import annotations

from govgraph.build.records import Claim, Document, Mention

MENTION_CONFIDENCE = 0.9


def document_key(doc_id: str) -> str:
    return f"doc/{doc_id}"


def mention_claims(doc: Document, mentions: list[Mention]) -> list[Claim]:
    """One gg:mentions claim per entity per sentence that names it."""
    seen: set[tuple[int, str]] = set()
    claims = []
    for mention in mentions:
        if (mention.sentence, mention.entity) in seen:
            continue
        seen.add((mention.sentence, mention.entity))
        span = doc.sentences[mention.sentence]
        claims.append(Claim(document_key(doc.doc_id), "gg:mentions", mention.entity, doc.doc_id,
                            mention.sentence, span.start, span.end, mention.source, MENTION_CONFIDENCE))
    return claims
