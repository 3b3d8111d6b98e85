"""Tokenization and sentence spans with spaCy's blank English pipeline (no model download)."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from govgraph.build.records import Span

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

_BLOCK = re.compile(r"[^\n]+(?:\n(?!\s*\n)[^\n]+)*")


@lru_cache(maxsize=1)
def nlp() -> Language:
    """The shared blank English pipeline with a rule-based sentencizer."""
    import spacy

    pipeline = spacy.blank("en")
    pipeline.add_pipe("sentencizer")
    pipeline.max_length = 50_000_000
    return pipeline


def sentence_spans(text: str) -> list[Span]:
    """Sentences of a text; a paragraph or heading line never runs into the next one."""
    spans: list[Span] = []
    blocks = [(m.start(), m.group(0)) for m in _BLOCK.finditer(text)]
    for (offset, _), doc in zip(blocks, nlp().pipe(b for _, b in blocks), strict=True):
        for sent in doc.sents:
            stripped = sent.text.strip()
            if not stripped:
                continue
            start = offset + sent.start_char + (len(sent.text) - len(sent.text.lstrip()))
            spans.append(Span(start, start + len(stripped)))
    return spans


def tokenize(text: str) -> Doc:
    """A spaCy Doc for text (tokenizer only; sentences come from `sentence_spans`)."""
    return nlp().make_doc(text)
