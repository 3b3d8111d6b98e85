"""People's names the recogniser labelled a place, a nationality or an organization, relabelled PERSON.

en_core_web_sm reads many names it has not seen as places or groups ("Ama Nkemelu-Odoh" as GPE, "Tendai
Moyo" as NORP). Such a span becomes a PERSON entity, before any rule reads the document, only when both hold:

- it looks like a name: 2 to 4 capitalized words (hyphens allowed), no determiner or possessive before it, no
  plural proper noun, no word of an institution, a region, a title or a country, and neither the span nor any of
  its words a place or entity the reference data knows;
- the sentence says it is a person: a capitalized title or honorific right before it ("President X", "Dr X"), or
  an apposition with a noun for a person ("the candidate, X,", "X, the party's leader"); for a place or
  nationality label also ", who" or an age (", 59,") right after it (not after a preposition: "residents of X,
  who"), "X of the PARTY" (a party's name), or the subject of a verb only people do ("X conceded", "X was sworn
  in"; the lexicon's person-verbs and person-passive-verbs: no verb of speech, which a city's name takes for
  its government's, "Kyiv said").

Then, across the document, the same name and its last word (the surname) in any other such span is the person
too, except right after a preposition of place ("in X").
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from govgraph.build.gazetteer import Gazetteer
from govgraph.build.lexicon import ROLE_HEADS, lexicon
from govgraph.build.organizations import is_head
from govgraph.build.people import HONORIFICS, OFFICE_CLASSES, title_word

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as TokenSpan

MISREAD_LABELS = frozenset({"GPE", "NORP", "LOC", "ORG"})
# A group's name takes ', who' and 'of the PARTY' in news too ('Pheu Thai, who ...'): only a place's or a
# nationality's name is a person's by them or by its verb.
PLACE_LABELS = frozenset({"GPE", "NORP", "LOC"})
PLACE_CLASSES = ("Country", "Region", "City", "District")
_NAME_WORD = re.compile(r"[^\W\d_][^\W\d_’']*(?:-[^\W\d_][^\W\d_’']*)*")
_PLACE_PREPOSITIONS = frozenset({"in", "at", "near", "across", "outside", "inside"})
_AGE = re.compile(r"\d{2}")


@lru_cache(maxsize=4)
def _title_heads(gazetteer: Gazetteer) -> frozenset[str]:
    """Words a capitalized title before a name ends in: the head word of every reference office's name ('president'
    of 'President of Kenya', 'minister' of 'Prime Minister'), role heads, member words and honorifics."""
    heads = set()
    for entry in gazetteer.entries.values():
        if entry.cls.endswith(OFFICE_CLASSES):
            for name in (entry.label, *entry.aliases):
                words = re.split(r"\s+of\s+", name.lower())[0].split()
                if words:
                    heads.add(words[-1].split("-")[-1])
    return frozenset(heads | ROLE_HEADS | lexicon().of("member-words") | {h.rstrip(".") for h in HONORIFICS})


def _person_nouns() -> frozenset[str]:
    return ROLE_HEADS | lexicon().of("member-words")


def _known(gazetteer: Gazetteer, text: str) -> bool:
    """Whether the reference data knows the name, or one of its words as a place."""
    if gazetteer.lookup(text) is not None:
        return True
    for word in re.split(r"[\s-]+", text):
        key = gazetteer.lookup(word)
        if key is not None and gazetteer.entries[key].cls in PLACE_CLASSES:
            return True
    return False


def _name_like(gazetteer: Gazetteer, span: TokenSpan, most_words: int = 4, fewest_words: int = 2) -> bool:
    """A span written like a person's name and unknown to the reference data as anything else."""
    words = span.text.split()
    if not fewest_words <= len(words) <= most_words or not all(_NAME_WORD.fullmatch(w) and w[0].isupper() for w in words):
        return False
    if any(t.tag_ == "NNPS" for t in span):
        return False
    regions = lexicon().of("region-heads")
    party_words = lexicon().of("party-lead-words")
    for word in re.split(r"[\s-]+", span.text):
        lower = word.lower()
        if is_head(word) or lower in regions or lower in party_words or title_word(word):
            return False
    if span.start > 0:
        before = span.doc[span.start - 1]
        if before.pos_ == "DET" or before.tag_ in ("POS", "PRP$"):
            return False
    return not _known(gazetteer, span.text)


def _title_before(gazetteer: Gazetteer, span: TokenSpan) -> bool:
    if span.start == 0:
        return False
    before = span.doc[span.start - 1]
    return before.is_title and before.text.rstrip(".").lower() in _title_heads(gazetteer) and before.sent == span.sent


def _apposed_person(span: TokenSpan) -> bool:
    nouns = _person_nouns()
    root = span.root
    candidates = [root.head] if root.dep_ == "appos" else []
    candidates += [c for c in root.children if c.dep_ == "appos" and c.i >= span.end]
    return any(n.pos_ == "NOUN" and n.text.islower() and n.lemma_ in nouns for n in candidates)


def _after(span: TokenSpan) -> list[Token]:
    doc = span.doc
    return [t for t in doc[span.end : min(len(doc), span.end + 3)] if t.sent == span.sent]


def _who_or_age(span: TokenSpan) -> bool:
    """'X, who', 'X, 59,': not after a preposition ('residents of X, who')."""
    after = _after(span)
    if span.root.dep_ == "pobj":
        return False
    if len(after) < 2 or after[0].text != ",":
        return False
    if after[1].lower_ == "who":
        return True
    return bool(_AGE.fullmatch(after[1].text)) and len(after) == 3 and after[2].text == ","


def _of_party(gazetteer: Gazetteer, span: TokenSpan) -> bool:
    """'X of the Pan-African Movement': a party's name (the reference data's, or one ending in a party's head word)
    after 'of'."""
    doc = span.doc
    i = span.end
    if i >= len(doc) or doc[i].lower_ != "of":
        return False
    i += 1 if i + 1 < len(doc) and doc[i + 1].lower_ == "the" else 0
    party = next((e for e in doc.ents if e.start == i + 1 and e.label_ == "ORG"), None)
    if party is None:
        return False
    key = gazetteer.lookup(party.text)
    if key is not None:
        return gazetteer.entries[key].cls == "PoliticalParty"
    return lexicon().heads.get(party[-1].lower_.rstrip("s")) == "PoliticalParty" or party[-1].lower_ == "party"


def _subject_of_person_verb(span: TokenSpan) -> bool:
    root = span.root
    if root.dep_ == "nsubj":
        return root.head.lemma_.lower() in lexicon().of("person-verbs")
    if root.dep_ == "nsubjpass":
        return root.head.lemma_.lower() in lexicon().of("person-passive-verbs")
    return False


def _said_a_person(gazetteer: Gazetteer, span: TokenSpan, place_like: bool) -> bool:
    """Whether the sentence says the span names a person (see the module); by ', who', an age, 'of the PARTY' or
    its verb only when `place_like`."""
    return (_title_before(gazetteer, span) or _apposed_person(span) or (place_like and (
        _who_or_age(span) or _of_party(gazetteer, span) or _subject_of_person_verb(span))))


def is_misread_person(gazetteer: Gazetteer, span: TokenSpan) -> bool:
    """Whether a place, nationality or organization span of the recogniser is a person's name (see the module)."""
    return (span.label_ in MISREAD_LABELS and _name_like(gazetteer, span)
            and _said_a_person(gazetteer, span, place_like=span.label_ in PLACE_LABELS))


def _surname(name: str) -> str | None:
    words = name.split()
    return words[-1] if len(words) >= 2 else None


def _inside_longer_name(span: TokenSpan) -> bool:
    """A word with a capitalized proper noun right before or after it: part of a longer name, not a surname alone."""
    doc = span.doc
    neighbours = [doc[i] for i in (span.start - 1, span.end) if 0 <= i < len(doc) and doc[i].sent == span.sent]
    return any(t.is_title and t.pos_ == "PROPN" for t in neighbours)


def relabel_misread_persons(doc: Doc, gazetteer: Gazetteer) -> Doc:
    """The document with the recogniser's misread person names relabelled PERSON (in place).

    The names the document elsewhere shows to be people's are those relabelled and the recogniser's own PERSON
    spans the sentence says are people (a recogniser's PERSON alone may be a place: 'in Dun Laoghaire')."""
    from spacy.tokens import Span as TokenSpan

    entities = list(doc.ents)
    relabelled = [n for n, e in enumerate(entities) if is_misread_person(gazetteer, e)]
    for n in relabelled:
        entities[n] = TokenSpan(doc, entities[n].start, entities[n].end, label="PERSON")
    names = {entities[n].text for n in relabelled} | {
        e.text for e in entities
        if e.label_ == "PERSON" and len(e.text.split()) >= 2 and _said_a_person(gazetteer, e, place_like=True)}
    surnames = {s for s in map(_surname, names) if s is not None}
    for n, entity in enumerate(entities):
        if (entity.label_ in MISREAD_LABELS and (entity.text in names or (entity.text in surnames
                                                 and not _inside_longer_name(entity)))
                and (entity.start == 0 or doc[entity.start - 1].lower_ not in _PLACE_PREPOSITIONS)
                and _name_like(gazetteer, entity, fewest_words=1)):
            entities[n] = TokenSpan(doc, entity.start, entity.end, label="PERSON")
            relabelled.append(n)
    if relabelled:
        doc.ents = entities
    return doc
