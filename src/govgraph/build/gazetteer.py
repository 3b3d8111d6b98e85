"""The gazetteer: names of reference entities, matched in text with spaCy's PhraseMatcher.

Specific names (prefLabel, altLabel) always match. Generic phrases (gg:contextLabel, such as
"lower house") match only in an article about the entity's country, so that the same phrase
in an article about another country is not taken for this one.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from rdflib import Graph
from rdflib.namespace import DCTERMS, RDF, SKOS

from govgraph.build.records import Entity
from govgraph.build.text import nlp, tokenize
from govgraph.namespaces import GG, ID


@dataclass(slots=True)
class Entry:
    """A reference entity as the matcher sees it."""

    key: str
    cls: str
    label: str
    aliases: set[str] = field(default_factory=set)
    context_aliases: set[str] = field(default_factory=set)
    country: str | None = None
    generic: bool = False
    properties: list[tuple[str, str]] = field(default_factory=list)  # (gg predicate, entity key)

    def entity(self) -> Entity:
        return Entity(self.key, self.cls, self.label, set(self.aliases), reference=True,
                      hidden_labels=set(self.context_aliases))


@dataclass(frozen=True, slots=True)
class Match:
    start: int  # character offsets
    end: int
    key: str
    contextual: bool


def entity_key(iri: object) -> str | None:
    """The instance key of an IRI in the instance namespace, else None."""
    text = str(iri)
    return text[len(str(ID)) :] if text.startswith(str(ID)) else None


def _fold_char(char: str) -> str:
    base = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c)).lower()
    return base[0] if base else char


def fold(text: str) -> str:
    """Lower-case form without diacritics, one character per character, so offsets survive."""
    return text.lower() if text.isascii() else "".join(_fold_char(c) for c in text)


def _entries(graph: Graph) -> dict[str, Entry]:
    entries: dict[str, Entry] = {}
    for subject, label in graph.subject_objects(SKOS.prefLabel):
        key = entity_key(subject)
        if key is None:
            continue
        classes = sorted(str(c)[len(str(GG)) :] for c in graph.objects(subject, RDF.type) if str(c).startswith(str(GG)))
        entry = Entry(key=key, cls=classes[0] if classes else "Organization", label=str(label))
        entry.aliases = {str(a) for a in graph.objects(subject, SKOS.altLabel)}
        entry.context_aliases = {str(a) for a in graph.objects(subject, GG.contextLabel)}
        entry.generic = bool(graph.value(subject, GG.isGenericTitle))
        country = graph.value(subject, DCTERMS.spatial)
        entry.country = entity_key(country) if country is not None else (key if entry.cls == "Country" else None)
        if entry.cls == "Country":
            entry.aliases |= {str(a) for a in graph.objects(subject, GG.demonym)}
        for predicate in (GG.branch, GG.chamberOf, GG.partOf, GG.officeIn):
            for obj in graph.objects(subject, predicate):
                target = entity_key(obj) or str(obj)
                entry.properties.append((f"gg:{str(predicate)[len(str(GG)):]}", target))
        entries[key] = entry
    return entries


class Gazetteer:
    """Reference entities and a PhraseMatcher over all their names."""

    def __init__(self, graph: Graph) -> None:
        from spacy.matcher import PhraseMatcher

        self.entries = _entries(graph)
        self.matcher = PhraseMatcher(nlp().vocab, attr="NORM")
        self._context_ids: set[str] = set()
        vocab = nlp().vocab
        for key, entry in sorted(self.entries.items()):
            specific = {entry.label, *entry.aliases}
            self.matcher.add(key, [tokenize(v) for v in sorted(self._variants(specific))])
            if entry.context_aliases:
                ctx_key = "ctx:" + key
                self._context_ids.add(ctx_key)
                self.matcher.add(ctx_key, [tokenize(v) for v in sorted(self._variants(entry.context_aliases))])
        self._strings = vocab.strings
        self._by_name: dict[str, list[str]] = {}
        for key, entry in sorted(self.entries.items()):
            for name in {entry.label, *entry.aliases, *entry.context_aliases}:
                self._by_name.setdefault(fold(name), []).append(key)

    def lookup(self, name: str, country: str | None = None) -> str | None:
        """The entity a whole name denotes, preferring one of `country` (exact name, case- and accent-blind)."""
        keys = self._by_name.get(fold(name.strip()), [])
        if not keys:
            return None
        for key in keys:
            if self.entries[key].country == country:
                return key
        specific = [k for k in keys if fold(name.strip()) in {fold(n) for n in (self.entries[k].label, *self.entries[k].aliases)}]
        return specific[0] if specific else None

    @staticmethod
    def _variants(names: set[str]) -> set[str]:
        out: set[str] = set()
        for name in names:
            for form in {name, fold(name)}:
                out.add(form)
                if form.lower().startswith("vice "):  # 'Vice-President' as 'Vice President'
                    out.add(form[:4] + "-" + form[5:])
                if form[-1:].isalpha() and not form.endswith("s"):
                    out.add(form + "s")
        return {fold(v) for v in out}

    def match(self, text: str) -> list[Match]:
        """Every match in text, overlapping ones included (contextual ones flagged)."""
        doc = tokenize(fold(text))
        result = []
        for match_id, s, e in self.matcher(doc):
            label = self._strings[match_id]
            contextual = label.startswith("ctx:")
            span = doc[s:e]
            result.append(Match(span.start_char, span.end_char, label[4:] if contextual else label, contextual))
        return result


def longest_matches(matches: list[Match]) -> list[Match]:
    """Non-overlapping matches, longest first; at equal length a specific name beats a generic phrase."""
    chosen: list[Match] = []
    taken: list[tuple[int, int]] = []
    for match in sorted(matches, key=lambda m: (m.start - m.end, m.contextual, m.start, m.key)):
        if any(match.start < end and start < match.end for start, end in taken):
            continue
        chosen.append(match)
        taken.append((match.start, match.end))
    return sorted(chosen, key=lambda m: m.start)


@lru_cache(maxsize=1)
def default_gazetteer() -> Gazetteer:
    from govgraph.ontology import reference_graph

    return Gazetteer(reference_graph())
