"""Ages: `persons.ages`, "NAME, 60, ...", "NAME, aged 59,", "the 59-year-old NAME", "NAME, the 64-year-old former
minister,", "NAME (44)", "NAME, who is 59,", "At 44, NAME is ...": a person's age as the text states it at the
article's date (`gg:age`; the claim's provenance carries the date). Only a person the parse ties to the number;
never a year, an article number or a count, never "the 70-year-old" without a name in its own noun phrase."""

from __future__ import annotations

from typing import TYPE_CHECKING

from govgraph.build.context import DocContext, Sentence
from govgraph.build.records import Value
from govgraph.build.rules.base import Rule, implements
from govgraph.build.rules.registry import word_list

if TYPE_CHECKING:
    from spacy.tokens import Token

OPENING = {",", "("}
CLOSING = {",", ")", "."}


def _person_at(ctx: DocContext, sentence: Sentence, token: Token) -> str | None:
    """The person a mention covering the token names."""
    at = token.idx - sentence.start
    for mention in ctx.mentions_in(sentence, 0, len(sentence.text)):
        if mention.start - sentence.start <= at < mention.end - sentence.start and ctx.is_a(mention.entity, "Person"):
            return mention.entity
    return None


def _set_off(token: Token) -> bool:
    """Whether the token (or its phrase) stands between commas or in parentheses right after the word it qualifies."""
    doc = token.doc
    first, last = token.left_edge.i, token.right_edge.i
    return first >= 2 and doc[first - 1].text in OPENING and (last + 1 >= len(doc) or doc[last + 1].text in CLOSING)


def _named_before(ctx: DocContext, sentence: Sentence, token: Token, parsed: bool = True) -> str | None:
    """'NAME, 60,' / 'NAME (44)': the person named right before the number's opening comma or parenthesis, when the
    parse hangs the number on that name; a phrase that can only be an age or a description (`parsed` False) may hang
    elsewhere ('In X, NAME, the 66-year-old former minister,', where the parser joins the phrase to X)."""
    head = token.head
    if not _set_off(token) or head.i >= token.i:
        return None
    before = token.doc[token.left_edge.i - 2]
    person = _person_at(ctx, sentence, before)
    return person if person is not None and (not parsed or _person_at(ctx, sentence, head) == person) else None


def _noun_phrase_person(ctx: DocContext, sentence: Sentence, noun: Token) -> str | None:
    """The person a noun phrase names: its head is in a name ('the 59-year-old NAME'), a name stands in apposition to
    its head ('a 45-year-old lawyer, NAME'), or the phrase stands in apposition to a name ('NAME, the 64-year-old
    former minister')."""
    while noun.dep_ in {"compound", "amod"} and noun.head.pos_ in {"NOUN", "PROPN"} and noun.head.i > noun.i:
        noun = noun.head
    person = _person_at(ctx, sentence, noun)
    if person is not None:
        return person
    for child in noun.children:
        if child.dep_ == "appos" and child.i > noun.i:
            person = _person_at(ctx, sentence, child)
            if person is not None:
                return person
    if noun.dep_ == "appos" and noun.head.i < noun.i:
        return _person_at(ctx, sentence, noun.head) or _named_before(ctx, sentence, noun, parsed=False)
    return None


def _subject_person(ctx: DocContext, sentence: Sentence, verb: Token, be: frozenset[str]) -> str | None:
    """'NAME, who is 59,' / 'NAME is 59': the person a present-tense 'be' says the number of."""
    if verb.lemma_.lower() not in be or verb.tag_ != "VBZ":
        return None
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None:
        return None
    if subject.lower_ == "who" and verb.dep_ == "relcl":
        return _person_at(ctx, sentence, verb.head)
    return _person_at(ctx, sentence, subject) if verb.dep_ == "ROOT" else None


def _present_subject(ctx: DocContext, sentence: Sentence, preposition: Token) -> str | None:
    """'At 44, NAME is set to become ...': the person subject of a present-tense clause an 'at' phrase opens (a past
    one, 'At 18, NAME joined the army', tells an age of another day)."""
    verb = preposition.head
    if verb.pos_ not in {"VERB", "AUX"} or not any(
            t.tag_ in {"VBZ", "VBP"} for t in (verb, *(c for c in verb.children if c.dep_ in {"aux", "auxpass"}))):
        return None
    subject = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    return _person_at(ctx, sentence, subject) if subject is not None else None


def _person_of_age(ctx: DocContext, sentence: Sentence, number: Token, rule: Rule) -> str | None:
    """The person the parse says is `number` years old, or None."""
    aged = word_list(rule, "aged_words")
    years = word_list(rule, "year_words")
    old = word_list(rule, "old_words")
    be = word_list(rule, "being_verbs")
    at = word_list(rule, "at_words")
    head = number.head
    if head.lower_ in years and number.dep_ == "nummod":
        adjective = head.head
        if adjective.lower_ not in old or adjective is head:
            return None
        if adjective.head.lower_ in at:  # 'At 44 years old, NAME is ...'
            return _present_subject(ctx, sentence, adjective.head)
        if adjective.dep_ == "amod":  # 'the 59-year-old NAME'
            return _noun_phrase_person(ctx, sentence, adjective.head)
        if adjective.dep_ in {"acomp", "attr"}:  # 'NAME is 44 years old'
            return _subject_person(ctx, sentence, adjective.head, be)
        return _named_before(ctx, sentence, adjective)  # 'NAME, 44 years old,'
    if any(c.dep_ != "punct" for c in number.children):
        return None  # '60 percent', 'about 60'
    if head.lower_ in at and number.dep_ == "pobj":  # 'At 44, NAME is ...'
        return _present_subject(ctx, sentence, head)
    if head.lower_ in aged:  # 'NAME, aged 59,' (the parser may hang 'aged' on a noun before the name)
        return _named_before(ctx, sentence, head, parsed=False)
    if number.dep_ in {"acomp", "attr"}:
        return _subject_person(ctx, sentence, head, be)
    if number.dep_ in {"appos", "npadvmod", "amod", "nummod"}:
        return _named_before(ctx, sentence, number)
    return None


@implements("persons.ages")
def ages(ctx: DocContext, rule: Rule) -> None:
    youngest, oldest = int(rule.patterns["age_range"]["min"]), int(rule.patterns["age_range"]["max"])
    for sentence in ctx.sentences:
        if sentence.tokens is None:
            continue
        for token in sentence.tokens:
            if not token.text.isdigit() or not youngest <= int(token.text) <= oldest:
                continue
            person = _person_of_age(ctx, sentence, token, rule)
            if person is not None:
                ctx.claim(sentence, person, "gg:age", Value(str(int(token.text)), "integer"), rule.name, 0.8)
