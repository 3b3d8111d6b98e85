"""Capitals: `places.capitals`, "Lusaka, the capital of Zambia", "in the capital, Lusaka", "the Zambian capital Lusaka",
"Zambia's capital, Lusaka": a city that is the capital of a country (`gg:capital`). The country is the one the phrase
names (an 'of' phrase, a possessive, a demonym), else the one the reference data places a known city in, else the
country the article clearly names. Never a capital qualified as something else ('the provincial capital', 'the
former capital', 'the capital of the region'), never money ('capital flight', 'raised capital'), never a person."""

from __future__ import annotations

from typing import TYPE_CHECKING

from govgraph.build.context import DocContext, Sentence
from govgraph.build.keys import slug
from govgraph.build.parse import proper_name_span
from govgraph.build.people import article_country
from govgraph.build.rules.base import Rule, implements
from govgraph.build.rules.registry import word_list

if TYPE_CHECKING:
    from spacy.tokens import Token

PLACE_ENTITIES = {"GPE", "LOC"}


class NotACountryCapital(Exception):
    """The phrase qualifies the capital as something other than a country's ('the provincial capital')."""


def _sentence_of(ctx: DocContext, token: Token) -> Sentence | None:
    """The sentence that holds a token (the parser may cut 'the capital | Lusaka with ...' in two)."""
    return next((s for s in ctx.sentences if s.start <= token.idx < s.end), None)


def _covering(ctx: DocContext, token: Token) -> str | None:
    """The entity of the mention that covers the token."""
    sentence = _sentence_of(ctx, token)
    mentions = sentence.mentions if sentence is not None else []
    return next((m.entity for m in mentions if m.start <= token.idx < m.end), None)


def _country_of_word(ctx: DocContext, token: Token, country_words: frozenset[str]) -> str:
    """The country a qualifying word names: a country's mention or demonym, or 'the country' (the article's)."""
    country = (article_country(ctx) if token.lower_ in country_words
               else _covering(ctx, token) or ctx.gazetteer.lookup(token.text))
    if country is None or not ctx.is_a(country, "Country"):
        raise NotACountryCapital(token.text)
    return country


def _named_country(ctx: DocContext, noun: Token, rule: Rule) -> str | None:
    """The country the capital's own phrase names ('of Zambia', "Zambia's", 'Zambian'), None when it names none.

    Raises:
        NotACountryCapital: a qualifier that makes it another kind of capital.
    """
    national = word_list(rule, "national_words")
    country_words = word_list(rule, "country_words")
    capital = word_list(rule, "capital_words")
    country = None
    for child in noun.children:
        if child.dep_ == "poss" or (child.dep_ == "prep" and child.lower_ == "of"):
            target = child if child.dep_ == "poss" else next((c for c in child.children if c.dep_ == "pobj"), None)
            if target is None:
                raise NotACountryCapital(child.text)
            country = _country_of_word(ctx, target, country_words)
        elif child.dep_ in {"amod", "compound", "nmod", "nummod"} and child.i < noun.i and child.lower_ not in capital:
            if child.lower_ in national:
                continue
            if not child.text[:1].isupper():
                raise NotACountryCapital(child.text)
            country = _country_of_word(ctx, child, country_words)
    return country


def _city_token(noun: Token, be: frozenset[str]) -> Token | None:
    """The name the capital is said of: 'Lusaka, the capital', 'the capital, Lusaka', 'Lusaka is the capital', or the
    name right after it ('the capital Lusaka', which the parser often leaves unattached)."""
    if noun.dep_ == "appos" and noun.head.i < noun.i and noun.head.pos_ == "PROPN":
        return noun.head
    named = next((c for c in noun.children if c.dep_ == "appos" and c.i > noun.i and c.pos_ == "PROPN"), None)
    if named is not None:
        return named
    verb = noun.head
    if noun.dep_ == "attr" and verb.lemma_.lower() in be and verb.tag_ == "VBZ":
        return next((c for c in verb.children if c.dep_ == "nsubj" and c.pos_ == "PROPN"), None)
    if not any(c.dep_ in {"det", "poss"} for c in noun.children) or noun.i + 1 >= len(noun.doc):
        return None  # 'raised capital Monday': only 'the capital' or "Zambia's capital" names a place after it
    after = noun.doc[noun.i + 1]
    if after.text == "," and after.i + 1 < len(noun.doc):
        after = noun.doc[after.i + 1]
    return after if after.pos_ == "PROPN" and after.text[:1].isupper() else None


def _city(ctx: DocContext, token: Token, country: str | None) -> str | None:
    """The city a name is: a city of the reference data or of the text, or a place the recogniser marks (GPE, LOC)
    that no mention covers, made a city of `country`. A place another rule made a region of the text becomes a
    city; a person, a country, a body or a region of the reference data is none."""
    sentence = _sentence_of(ctx, token)
    known = _covering(ctx, token)
    if sentence is None:
        return None
    if known is not None:
        if ctx.is_a(known, "City"):
            return known
        entity = ctx.extraction.entities.get(known)
        if entity is None or known in ctx.gazetteer.entries or entity.cls != "Region":
            return None
        entity.cls = "City"  # a region the text named, now known to be a city
        return known
    ent = next((e for e in token.doc.ents if e.start <= token.i < e.end), None)
    if ent is None or ent.label_ not in PLACE_ENTITIES or country is None:
        return None
    span = proper_name_span(sentence, ent)
    if span is None:
        return None
    start, end = span
    name = sentence.text[start:end]
    if ctx.gazetteer.lookup(name, country) is not None:
        return None  # a name the reference data knows as something other than a city
    key = ctx.add_entity(f"place/{country.split('/', 1)[0]}/{slug(name)}", "City", name)
    ctx.add_mention(sentence, start, end, key)
    return key


def _reference_country(ctx: DocContext, city: str) -> str | None:
    entry = ctx.gazetteer.entries.get(city)
    return entry.country if entry is not None else None


@implements("places.capitals")
def capitals(ctx: DocContext, rule: Rule) -> None:
    capital = word_list(rule, "capital_words")
    city_heads = word_list(rule, "city_words")
    be = word_list(rule, "being_verbs")
    for sentence in ctx.sentences:
        if sentence.tokens is None:
            continue
        for token in sentence.tokens:
            if token.text not in capital or token.pos_ != "NOUN":
                continue  # a capitalized 'Capital' is part of a name ('Federal Capital Territory')
            noun = token.head if token.dep_ == "compound" and token.head.lower_ in city_heads else token
            if noun.dep_ == "compound":
                continue  # 'capital markets', 'capital flight'
            try:
                named = _named_country(ctx, noun, rule)
            except NotACountryCapital:
                continue
            name = _city_token(noun, be)
            if name is None:
                continue
            country = named or article_country(ctx)
            city = _city(ctx, name, country)
            if city is None:
                continue
            reference = _reference_country(ctx, city)
            if named is not None and reference is not None and reference != named:
                continue  # the text and the reference data disagree: a misread phrase more likely than a new capital
            country = named or reference or country
            if country is not None and country != city:
                held = _sentence_of(ctx, name)
                also = (held.index,) if held is not None and held is not sentence else ()
                ctx.claim(sentence, country, "gg:capital", city, rule.name, 0.8, also=also)
