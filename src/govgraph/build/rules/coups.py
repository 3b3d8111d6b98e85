"""Coups: `events.coups`, "the military that seized power in a coup in 2014", "since the 2006 coup", "a failed coup
attempt in July 2016": a dated coup (`gg:Coup`) in the article's country, and who carried it out when the clause
says so (the subject of 'seize/take power', 'stage/lead a coup')."""

from __future__ import annotations

from typing import TYPE_CHECKING

from govgraph.build.context import DocContext, Sentence
from govgraph.build.dates import PartialDate, parse_date
from govgraph.build.events import event_node
from govgraph.build.parse import subtree_span
from govgraph.build.records import Value
from govgraph.build.rules.base import Rule, implements
from govgraph.build.rules.registry import word_list

if TYPE_CHECKING:
    from spacy.tokens import Token

ACTORS = ("Person", "Organization", "PoliticalParty", "Office")


def _year_date(tokens: list[Token]) -> PartialDate | None:
    """The date a DATE entity among the tokens gives, when it has a year ('2014', 'May 2014')."""
    for token in tokens:
        if token.ent_type_ != "DATE":
            continue
        ent = next(e for e in token.doc.ents if e.start <= token.i < e.end)
        date = parse_date(ent.text)
        if date is not None and date.year:
            return date
    return None


def _actor(ctx: DocContext, sentence: Sentence, verb: Token, military: frozenset[str]) -> str | None:
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is not None and subject.lower_ in {"that", "which", "who"} and verb.dep_ == "relcl":
        subject = verb.head
    if subject is None:
        return None
    for mention in ctx.mentions_in(sentence, *subtree_span(sentence, subject)):
        if ctx.is_a(mention.entity, *ACTORS) and not ctx.is_a(mention.entity, "Country"):
            return mention.entity
    if subject.lemma_.lower() in military and ctx.country_key:
        # 'the military', 'the army': the armed forces of the article's country
        country = ctx.gazetteer.entries[ctx.country_key].label
        return ctx.add_entity(f"org/{ctx.country}/military", "Organization", f"military of {country}",
                              subject.lower_)
    return None


@implements("events.coups")
def coups(ctx: DocContext, rule: Rule) -> None:
    words = word_list(rule, "coup_words")
    seizing = word_list(rule, "seizing_verbs")
    military = word_list(rule, "military_words")
    staging = word_list(rule, "staging_verbs")
    for sentence in ctx.sentences:
        if sentence.tokens is None:
            continue
        for token in sentence.tokens:
            if token.lemma_.lower() not in words or token.pos_ not in {"NOUN", "PROPN"}:
                continue
            noun = token.head if token.dep_ == "compound" else token  # 'coup d'état'
            verb = noun.head.head if noun.dep_ == "pobj" and noun.head.dep_ == "prep" else (
                noun.head if noun.dep_ == "dobj" else None)
            near = list(noun.subtree)
            if verb is not None and verb.pos_ == "VERB":
                near += [g for c in verb.children if c.dep_ == "prep" and c.lower_ in {"in", "on"} for g in c.subtree]
            date = _year_date(near)
            if date is None or ctx.country_key is None:
                continue  # an undated coup, or 'fears of a coup': no one event
            attempt = any(c.lower_ in {"attempted", "failed", "foiled", "abortive"} or c.lemma_ == "attempt"
                          for c in (*noun.children, *([noun.head] if noun.head.lemma_ == "attempt" else [])))
            key = event_node(ctx, "Coup", "coup attempt" if attempt else "coup", date)
            ctx.claim(sentence, key, "gg:date", Value(date.iso, date.datatype), rule.name, 0.8)
            ctx.claim(sentence, key, "gg:heldIn", ctx.country_key, rule.name, 0.75)
            if verb is None or verb.pos_ != "VERB":
                continue
            lemma = verb.lemma_.lower()
            seized = lemma in seizing and any(c.dep_ == "dobj" and c.lower_ == "power" for c in verb.children)
            if seized or lemma in staging:
                actor = _actor(ctx, sentence, verb, military)
                if actor is not None:
                    ctx.claim(sentence, key, "prov:wasAssociatedWith", actor, rule.name, 0.75)
