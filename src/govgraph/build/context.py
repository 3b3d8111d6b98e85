"""The working state of one document's extraction, shared by the relation rules.

Rules read sentences and mentions through a `DocContext` and write entities and claims
through it, so that every claim carries its sentence and every entity its surface forms.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from govgraph.build.country import article_country
from govgraph.build.gazetteer import Gazetteer
from govgraph.build.keys import make_key, slug
from govgraph.build.lexicon import class_named
from govgraph.build.records import Claim, Entity, Extraction, Mention, Value
from govgraph.ontology.terms import is_subclass

if TYPE_CHECKING:
    from spacy.tokens import Doc
    from spacy.tokens import Span as TokenSpan

    from govgraph.build.rules.base import Rule

# Words that end a noun phrase: function words, auxiliaries and common clause openers.
NP_STOP = frozenset(
    [
        "that", "which", "who", "whom", "whose", "what", "when", "where", "while", "will", "would", "shall", "should",
        "can", "could", "may", "might", "must", "is", "are", "was", "were", "be", "been", "being", "has", "have", "had",
        "do", "does", "did", "not", "no", "by", "from", "to", "with", "as", "through", "after", "before", "since",
        "because", "but", "or", "nor", "than", "then", "also", "so", "if", "although", "though", "until", "unless",
        "upon", "into", "onto", "via", "against", "among", "amongst", "between", "during", "without", "within", "about",
        "over", "under", "including", "such", "both", "either", "neither", "each", "every", "all", "any", "some",
        "other", "another", "it", "they", "he", "she", "we", "i", "you", "there", "here", "said", "says", "say",
        "according", "noted", "stressed", "added", "explained",
    ]
)
DETERMINERS = frozenset(["a", "an", "the", "this", "that", "these", "those", "its", "their", "his", "her", "our", "my", "your"])
_WORD = re.compile(r"[\w’'-]+|[^\w\s]", re.UNICODE)


@dataclass(slots=True)
class Sentence:
    """One sentence with its document offset and the mentions inside it."""

    index: int
    start: int
    text: str
    mentions: list[Mention] = field(default_factory=list)
    tokens: TokenSpan | None = None  # the parsed sentence (tokens, tags, dependencies, entities)

    @property
    def end(self) -> int:
        return self.start + len(self.text)


def noun_phrase(text: str, pos: int = 0, allow_and: bool = False, max_words: int = 14) -> tuple[int, int] | None:
    """Span (start, end) of the noun phrase that begins at `pos` in `text`, determiners skipped.

    The phrase runs until punctuation or a function word (see NP_STOP); prepositions such as
    'of', 'for', 'in', 'on' stay inside it ('withdrawal of mandates'). Without a part-of-speech
    model this is a heuristic: it is only used between the anchors of a pattern.
    """
    words = [(m.start() + pos, m.end() + pos, m.group(0)) for m in _WORD.finditer(text[pos:])]
    start_index = 0
    while start_index < len(words) and words[start_index][2].lower() in DETERMINERS:
        start_index += 1
    end = None
    start = None
    count = 0
    for s, e, word in words[start_index:]:
        lower = word.lower()
        if word in {"-", "–"} and end is not None and e < len(text) and text[e - 1 : e + 1].strip() == "-":
            end = e
            continue
        if not (word[0].isalnum() or word[0] in "’'") or lower in NP_STOP:
            break
        if lower == "and" and (count == 0 or not allow_and):
            break
        if start is None:
            start = s
        end = e
        count += 1
        if count >= max_words:
            break
    if start is None or end is None:
        return None
    while True:  # a phrase does not end in a preposition or a conjunction
        tail = text[start:end].rsplit(" ", 1)
        if len(tail) == 2 and tail[1].lower() in {"of", "for", "in", "on", "and", "at"}:
            end = start + len(tail[0])
        else:
            break
    return start, end


def clean_phrase(text: str) -> str:
    """Collapse whitespace and strip quotes and determiners from the ends of a phrase."""
    text = re.sub(r"\s+", " ", text).strip(" \"“”‘’'")
    words = text.split(" ")
    while words and words[0].lower() in DETERMINERS:
        words.pop(0)
    return " ".join(words)


class RuleContractError(AssertionError):
    """A rule emitted what its declaration does not allow: a defect in the rule, never bad input."""


class DocContext:
    """What the rules of one document share: its sentences, mentions, entities and claims."""

    def __init__(self, extraction: Extraction, gazetteer: Gazetteer, parsed: Doc | None = None) -> None:
        self.extraction = extraction
        self.doc = extraction.document
        self.gazetteer = gazetteer
        self.parsed = parsed
        self.rule: Rule | None = None  # the rule running now: what it may emit is checked
        self.sentences: list[Sentence] = [
            Sentence(i, span.start, self.doc.text[span.start : span.end],
                     tokens=parsed.char_span(span.start, span.end, alignment_mode="expand") if parsed is not None else None)
            for i, span in enumerate(self.doc.sentences)
        ]
        for mention in extraction.mentions:
            self.sentences[mention.sentence].mentions.append(mention)
        self.country_key: str | None = article_country(self.doc, extraction.mentions, gazetteer)
        self.country = self.country_key.split("/", 1)[0] if self.country_key else "xx"
        self.surnames: dict[str, str] = {}  # last name -> person key
        self.holders: dict[str, str] = {}  # office key -> person key (in this document)
        self.last_person: str | None = None
        self.sibling_votes: set[str] = set()  # votes of one kind the article tells apart ('the family referendum')

    # ---------------------------------------------------------------- entities

    def add_entity(self, key: str, cls: str, label: str, *aliases: str) -> str:
        """Register (or enrich) an entity of this document and return its key."""
        entity = self.extraction.entities.get(key)
        if entity is None:
            entry = self.gazetteer.entries.get(key)
            if entry is None and self.rule is not None and not is_subclass(cls, *self.rule.classes):
                raise RuleContractError(f"rule {self.rule.name} creates a {cls}, which it does not declare")
            entity = entry.entity() if entry else Entity(key, cls, label)
            self.extraction.entities[key] = entity
        for alias in aliases:
            alias = clean_phrase(alias)
            if alias and alias.lower() != entity.label.lower() and len(alias) <= 150:
                entity.aliases.add(alias)
        return key

    def new_entity(self, kind: str, cls: str, label: str, *aliases: str, scope: str | None = None) -> str:
        """A discovered entity keyed by kind and name; `scope` (country or document) keeps generic names apart."""
        label = clean_phrase(label)
        key = make_key(f"{kind}/{scope}" if scope else kind, label)
        return self.add_entity(key, cls, label, *aliases)

    def entity_class(self, key: str) -> str | None:
        entity = self.extraction.entities.get(key)
        if entity is not None:
            return entity.cls
        entry = self.gazetteer.entries.get(key)
        return entry.cls if entry else None

    def is_a(self, key: str, *classes: str) -> bool:
        """Whether the entity is of one of `classes` or of a subclass (the ontology's rdfs:subClassOf).

        A name that is not a class of the ontology is read as an institution word of the lexicon
        ("Council" -> StateBody); any other name matches nothing.
        """
        cls = self.entity_class(key)
        return cls is not None and is_subclass(cls, *(class_named(c) for c in classes))

    # ---------------------------------------------------------------- claims

    def claim(self, sentence: Sentence, subject: str, predicate: str, obj: str | Value,
              extractor: str, confidence: float, also: tuple[int, ...] = (), qualifier: str = "") -> None:
        """Record a statement the sentence makes (with `also`, further sentences it rests on).

        Inside a declared rule the extractor is the rule's name, and the predicate must be one it declares.
        A `qualifier` ('more than', 'nearly') marks a literal value as a bound or an approximation.
        """
        if self.rule is not None:
            if predicate not in self.rule.predicates:
                raise RuleContractError(f"rule {self.rule.name} emits {predicate}, which it does not declare")
            extractor = self.rule.name
        self.extraction.claims.append(
            Claim(subject, predicate, obj, self.doc.doc_id, sentence.index, sentence.start, sentence.end,
                  extractor, confidence, also, qualifier)
        )

    def same_paragraph(self, first: int, second: int) -> bool:
        """Whether two sentences stand in one paragraph (no blank line between them)."""
        a, b = self.sentences[min(first, second)], self.sentences[max(first, second)]
        return "\n\n" not in self.doc.text[a.end : b.start]

    def text_value(self, text: str) -> Value:
        return Value(clean_phrase(text), "string")

    # ---------------------------------------------------------------- mentions

    def add_mention(self, sentence: Sentence, start: int, end: int, key: str) -> None:
        """A discovered entity named at sentence-relative offsets [start, end)."""
        if key not in self.extraction.entities and key in self.gazetteer.entries:
            self.extraction.entities[key] = self.gazetteer.entries[key].entity()
        source = "gazetteer"
        if self.rule is not None:
            if "gg:mentions" not in self.rule.predicates:
                raise RuleContractError(f"rule {self.rule.name} adds mentions, which it does not declare (gg:mentions)")
            source = self.rule.name
        mention = Mention(self.doc.doc_id, sentence.index, sentence.start + start, sentence.start + end,
                          sentence.text[start:end], key, source)
        sentence.mentions.append(mention)
        self.extraction.mentions.append(mention)

    def mentions_in(self, sentence: Sentence, start: int, end: int) -> list[Mention]:
        """Mentions inside sentence-relative span [start, end), in text order."""
        lo, hi = sentence.start + start, sentence.start + end
        return sorted((m for m in sentence.mentions if lo <= m.start and m.end <= hi), key=lambda m: m.start)

    def person_named(self, sentence: Sentence, start: int, end: int) -> str | None:
        """The person a phrase (sentence-relative span) names: a person, or the holder of the office it names."""
        for mention in self.mentions_in(sentence, start, end):
            if self.is_a(mention.entity, "Person"):
                return mention.entity
            if mention.entity in self.holders:
                return self.holders[mention.entity]
        return None

    def mention_at(self, sentence: Sentence, start: int, end: int, *classes: str) -> str | None:
        """The entity of the first mention inside the span (optionally of one of `classes`)."""
        for mention in self.mentions_in(sentence, start, end):
            if not classes or self.is_a(mention.entity, *classes):
                return mention.entity
        return None

    def scope(self) -> str:
        """Scope for generic descriptions: the country when known, else the document."""
        return self.country if self.country != "xx" else slug(self.doc.doc_id)
