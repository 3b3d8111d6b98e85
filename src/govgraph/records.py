"""Plain records that flow from the build pipeline to the graph.

Text-processing stages (`govgraph.build`) produce these; only `govgraph.graph.rdf` turns them into
triples. They live outside both packages so that `graph` never imports `build`.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Span:
    """A sentence: character offsets into its document's text."""

    start: int
    end: int


@dataclass(slots=True)
class Document:
    """One source article with its metadata and sentence spans."""

    doc_id: str
    path: str
    text: str
    title: str
    publisher: str | None = None
    author: str | None = None
    date: str | None = None  # ISO 8601, possibly partial (YYYY or YYYY-MM)
    url: str | None = None
    sentences: list[Span] = field(default_factory=list)
    content_hash: str = ""
    dateline_place: str | None = None  # the place of the story's dateline ("Kyiv, Ukraine"; "KYIV" is title-cased)
    pages: list[int] = field(default_factory=list)  # a PDF's page i starts at text[pages[i]]; empty for other files

    def page_of(self, offset: int) -> int | None:
        """The 1-based page that holds this offset of the text (None when the source has no pages)."""
        if not self.pages:
            return None
        return max(1, bisect.bisect_right(self.pages, offset))

    def sentence_text(self, index: int) -> str:
        span = self.sentences[index]
        return self.text[span.start : span.end]

    @property
    def year(self) -> int | None:
        return int(self.date[:4]) if self.date and self.date[:4].isdigit() else None


@dataclass(frozen=True, slots=True)
class Value:
    """A literal value stated by a source: a number, a date or a short text."""

    lexical: str
    datatype: str  # "integer" | "decimal" | "date" | "gYear" | "gYearMonth" | "gMonthDay" | "string"


@dataclass(slots=True)
class Entity:
    """One real thing, identified by a stable key that becomes its IRI."""

    key: str  # path under the instance namespace, e.g. "kz/mazhilis" or "person/yerkin-tukumov"
    cls: str  # local name of a gg: class
    label: str
    aliases: set[str] = field(default_factory=set)
    reference: bool = False  # comes from curated reference data
    hidden_labels: set[str] = field(default_factory=set)  # names used only in context ("lower house")
    same_as: set[str] = field(default_factory=set)  # retired keys merged into this one


@dataclass(frozen=True, slots=True)
class Mention:
    """A stretch of a sentence that names an entity."""

    doc_id: str
    sentence: int
    start: int  # document character offsets
    end: int
    text: str
    entity: str  # entity key
    source: str = "gazetteer"  # what found it: the gazetteer or the name of a declared rule


@dataclass(frozen=True, slots=True)
class Claim:
    """One statement a sentence makes: subject, predicate and an entity or a literal value."""

    subject: str  # entity key
    predicate: str  # CURIE such as "gg:chamberOf" or "org:heldBy"
    obj: str | Value  # entity key or literal value
    doc_id: str
    sentence: int
    start: int  # offsets of the supporting sentence in the document
    end: int
    extractor: str
    confidence: float
    also: tuple[int, ...] = ()  # further sentences the statement rests on (a year given in the one before)
    qualifier: str = ""  # a bound or approximation of a literal value ('more than', 'nearly'); see gg:qualifier

    @property
    def is_literal(self) -> bool:
        return isinstance(self.obj, Value)


@dataclass(slots=True)
class Extraction:
    """Everything extracted from one document."""

    document: Document
    entities: dict[str, Entity] = field(default_factory=dict)
    mentions: list[Mention] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    publisher: str | None = None  # entity key of the publishing organization
    author: str | None = None  # entity key of the author


@dataclass(frozen=True, slots=True)
class Conflict:
    """Statements giving one subject's single-valued property different values for the same time.

    Every claim about that subject, property and time is listed (not only the two that differ most),
    so its size grows with the claims, never with their pairs; `values` are the distinct values.
    """

    subject: str
    predicate: str
    claims: tuple[Claim, ...]
    values: tuple[str, ...] = ()
    when: str | None = None
