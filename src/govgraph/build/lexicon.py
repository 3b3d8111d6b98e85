"""The words the rules read, loaded once from the reference lexicon (ontology/reference/lexicon.ttl).

Institution head words with the class they give, modifiers that refine that class, role words,
and the phrases that name each kind of reform. Classes are gg: local names of the ontology.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rdflib import Graph, Namespace
from rdflib.namespace import RDF, SKOS

from govgraph.namespaces import GG
from govgraph.ontology import asset_path
from govgraph.ontology.terms import is_class, is_subclass

GGL = Namespace("https://w3id.org/govgraph/lexicon/")


@dataclass(frozen=True, slots=True)
class Lexicon:
    heads: dict[str, str]  # institution head word -> class
    modifiers: tuple[tuple[re.Pattern[str], str], ...]  # words before a head -> the subclass they make
    role_heads: frozenset[str]
    role_modifiers: frozenset[str]
    reform_kinds: tuple[tuple[str, str, re.Pattern[str]], ...]  # (class, label, phrases), most specific first
    reform_domains: tuple[tuple[str, re.Pattern[str]], ...]  # (reform class, what a change verb acts on)
    change_verbs: frozenset[str]  # verbs that change an institution, every form ('amend', 'amended')
    words: dict[tuple[str, str | None], frozenset[str]]  # (scheme, class or None) -> its words

    def of(self, scheme: str, cls: str | None = None) -> frozenset[str]:
        """The words of a scheme ('event-words'), only those of one class when `cls` is given."""
        if cls is not None:
            return self.words.get((scheme, cls), frozenset())
        return frozenset(w for (s, _), words in self.words.items() if s == scheme for w in words)


def _phrase_pattern(phrases: list[str]) -> re.Pattern[str]:
    """Whole-word phrases, longest first, each word also in a plural form ('amendments to the constitution')."""
    parts = []
    for phrase in sorted(phrases, key=lambda p: (-len(p), p)):
        words = [re.escape(w) + ("(?:e?s)?" if w[-1:].isalpha() else "") for w in phrase.split()]
        parts.append(r"\s+".join(words))
    return re.compile(rf"(?<![\w-])(?:{'|'.join(parts)})(?![\w-])", re.I)


def _verb_forms(verb: str) -> set[str]:
    """A verb and its regular inflections (the lemmatizer does not know every verb: 'reformatted')."""
    stem = verb[:-1] if verb.endswith("e") else verb
    forms = {verb, verb + "s", stem + "ed", stem + "ing"}
    if verb[-1:] not in "aeiouwy":  # 'reformatted': a doubled final consonant
        forms |= {verb + verb[-1] + "ed", verb + verb[-1] + "ing"}
    return forms


def _by_class(schemes: dict[str, list[tuple[str | None, list[str]]]]) -> dict[tuple[str, str | None], set[str]]:
    out: dict[tuple[str, str | None], set[str]] = {}
    for scheme, concepts in schemes.items():
        for cls, words in concepts:
            out.setdefault((scheme, cls), set()).update(words)
    return out


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The lexicon, read once. A concept's class must be a class of the ontology (checked here)."""
    graph = Graph().parse(asset_path("reference/lexicon.ttl"), format="turtle")
    schemes: dict[str, list[tuple[str | None, list[str]]]] = {}
    for concept in sorted(graph.subjects(RDF.type, SKOS.Concept), key=str):
        scheme = str(graph.value(concept, SKOS.inScheme))[len(str(GGL)) :]
        cls_iri = graph.value(concept, GG.lexicalClass)
        cls = str(cls_iri)[len(str(GG)) :] if cls_iri is not None else None
        if cls is not None and not is_class(cls):
            raise ValueError(f"lexicon.ttl: {concept} names gg:{cls}, which is not a class of govgraph.ttl")
        words = [str(graph.value(concept, SKOS.prefLabel)), *sorted(str(a) for a in graph.objects(concept, SKOS.altLabel))]
        schemes.setdefault(scheme, []).append((cls, words))
    heads = {word: cls for cls, words in schemes.get("institution-heads", []) if cls for word in words}
    modifiers = tuple((_phrase_pattern(words), cls) for cls, words in schemes.get("institution-modifiers", []) if cls)
    kinds = sorted(((cls, words[0], words) for cls, words in schemes.get("reform-kinds", []) if cls),
                   key=lambda kind: kind[0] == "Reform")  # the general kind last
    return Lexicon(
        heads=heads,
        modifiers=modifiers,
        role_heads=frozenset(w for _, words in schemes.get("role-heads", []) for w in words),
        role_modifiers=frozenset(w for _, words in schemes.get("role-modifiers", []) for w in words),
        reform_kinds=tuple((cls, label, _phrase_pattern(words)) for cls, label, words in kinds),
        reform_domains=tuple((cls, _phrase_pattern(words)) for cls, words in schemes.get("reform-domains", []) if cls),
        words={key: frozenset(ws) for key, ws in _by_class(schemes).items()},
        change_verbs=frozenset(form for _, words in schemes.get("change-verbs", []) for w in words
                               for form in _verb_forms(w)),
    )


def institution_class(head: str, name: str) -> str | None:
    """The class an institution's name gets from its head word, refined by a modifier in the name when the
    modifier's class is a direct subclass of the head's ('Central Electoral Commission' -> ElectoralCommission)."""
    cls = lexicon().heads.get(head.lower())
    if cls is None:
        return None
    if _party_named(head, name):
        return "PoliticalParty"
    for pattern, refined in lexicon().modifiers:
        if pattern.search(name) and is_subclass(refined, cls) and refined != cls:
            return refined
    return cls


@lru_cache(maxsize=1)
def _party_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    words = lexicon()
    return _phrase_pattern(sorted(words.of("party-name-words"))), _phrase_pattern(sorted(words.of("legislature-names")))


def _party_named(head: str, name: str) -> bool:
    """Whether a head word that legislatures and parties share ('Congress') heads a party's name: a party's word
    before it ('All Progressives Congress', 'National Democratic Congress'), and no legislature's name of the
    lexicon ('National People's Congress'). 'Congress of People's Deputies' has no such word before its head."""
    if head.lower() not in lexicon().of("shared-heads"):
        return False
    plain = name.replace("’", "'")
    at = plain.lower().rfind(head.lower())
    party_words, legislatures = _party_patterns()
    return at > 0 and bool(party_words.search(plain[:at])) and not legislatures.search(plain)


def class_named(name: str) -> str:
    """The class a rule's name for a kind of thing denotes: a class of the ontology, else the class of that
    institution word in the lexicon ('Council' -> StateBody), else the name itself (then it matches nothing)."""
    if is_class(name):
        return name
    return lexicon().heads.get(name.lower(), name)


INSTITUTION_HEADS = lexicon().heads  # institution head word -> the class it gives
ROLE_HEADS = lexicon().role_heads
ROLE_MODIFIERS = lexicon().role_modifiers
