"""The country of a state body as the sentence names it.

Rule `bodies.countries`: "Turkey's Supreme Election Board" (a country's possessive right before the body's name) and
"the Ukrainian parliament, the Verkhovna Rada" (the body in apposition to a parliament, chamber or government word
that a country's demonym or possessive qualifies) give the body's country. Bodies the reference data keeps for every
country (a generic "constitutional court") and parties get none here.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from govgraph.build.context import DocContext, Sentence
from govgraph.build.organizations import NATIONAL_HEADS
from govgraph.build.rules.base import Rule, implements
from govgraph.build.rules.bodies import is_body

if TYPE_CHECKING:
    from spacy.tokens import Token

_POSSESSIVE = re.compile(r"[’']s\s+$")


def _country_word(ctx: DocContext, token: Token) -> str | None:
    """The country a word names or whose demonym it is ('Ukrainian', 'Turkey')."""
    key = ctx.gazetteer.lookup(token.text)
    return key if key is not None and ctx.is_a(key, "Country") else None


def _national_noun(ctx: DocContext, noun: Token) -> str | None:
    """'the Ukrainian parliament', "Egypt's parliament": the country that qualifies a parliament word."""
    if noun.lower_ not in NATIONAL_HEADS:
        return None
    for child in noun.children:
        if child.dep_ in {"amod", "compound", "poss"} and child.text[:1].isupper():
            country = _country_word(ctx, child)
            if country is not None:
                return country
    return None


def _countable(ctx: DocContext, key: str) -> bool:
    entry = ctx.gazetteer.entries.get(key)
    return is_body(ctx, key) and not ctx.is_a(key, "PoliticalParty") and not (entry is not None and entry.generic)


def _possessor(ctx: DocContext, sentence: Sentence, start: int) -> str | None:
    """The country whose possessive stands right before a sentence offset ("Turkey's ")."""
    possessive = _POSSESSIVE.search(sentence.text[:start])
    if possessive is None:
        return None
    owner = next((m for m in sentence.mentions if m.end - sentence.start == possessive.start()), None)
    return owner.entity if owner is not None and ctx.is_a(owner.entity, "Country") else None


@implements("bodies.countries")
def body_countries(ctx: DocContext, rule: Rule) -> None:
    done: set[str] = set()
    for sentence in ctx.sentences:
        for mention in sorted(sentence.mentions, key=lambda m: m.start):
            if mention.entity in done or not _countable(ctx, mention.entity):
                continue
            country = _possessor(ctx, sentence, mention.start - sentence.start)
            if country is None and sentence.tokens is not None:
                head = next((t for t in sentence.tokens if mention.start <= t.idx < mention.end and t.dep_ == "appos"),
                            None)
                country = _national_noun(ctx, head.head) if head is not None else None
            if country is not None:
                done.add(mention.entity)
                ctx.claim(sentence, mention.entity, "gg:country", country, rule.name, 0.8)
