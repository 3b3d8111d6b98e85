"""Who elects, appoints or nominates the holders of an office or the members of a body.

'the president appoints the members of the Bangsamoro Transition Authority', 'the president is elected by
parliament', 'the prime minister will be elected directly by citizens'. Read from the parse: the verb,
its subject and object (or, in the passive, its subject and its 'by' agent). A negated verb states
nothing ('will no longer be able to appoint').
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from govgraph.build.context import DocContext, Sentence, clean_phrase
from govgraph.build.lexicon import lexicon
from govgraph.build.parse import lemma_in, subtree_span
from govgraph.build.people import NATIONAL_TITLES, People
from govgraph.build.records import Value
from govgraph.build.rules.base import Rule, implements

if TYPE_CHECKING:
    from spacy.tokens import Token

# The verb's lemma -> the property relating the office or body to who fills it, and its selection method.
SELECTION = {"elect": ("gg:electedBy", "elected"), "appoint": ("gg:appointedBy", "appointed"),
             "nominate": ("gg:nominatedBy", "")}
FILLED = ("Office", "StateBody", "PoliticalParty")  # what is filled: offices, bodies (their members)
FILLING = ("Person", "Office", "Organization")  # who fills it


def _negated(verb: Token) -> bool:
    """'does not appoint', 'never appoints', 'will no longer be able to appoint' (the negation may sit on the verb
    that governs this one)."""
    governors = (verb, verb.head, verb.head.head)
    for token in (c for g in governors for c in g.children if c.dep_ in ("neg", "advmod")):
        if token.dep_ == "neg" or token.lower_ in ("no", "never") or (
                token.lower_ == "longer" and any(c.lower_ == "no" for c in token.children)):
            return True
    return False


CLAUSES = frozenset({"relcl", "acl", "appos", "advcl", "punct", "cc", "conj"})


def _phrase_span(sentence: Sentence, token: Token) -> tuple[int, int]:
    """A noun's own phrase, without the clauses hanging on it: 'the parliament' of 'the parliament, which was due to
    elect a replacement for president X' (X chooses no one here)."""
    start, end = subtree_span(sentence, token)
    cut = [c.left_edge.idx - sentence.start for c in token.children if c.dep_ in CLAUSES and c.i > token.i]
    return start, min([end, *cut])


def _entity(ctx: DocContext, sentence: Sentence, token: Token, classes: tuple[str, ...]) -> str | None:
    for mention in ctx.mentions_in(sentence, *_phrase_span(sentence, token)):
        if ctx.is_a(mention.entity, *classes) and not ctx.is_a(mention.entity, "Country"):
            return mention.entity
    return _office(ctx, sentence, token) if "Office" in classes else None


def _office(ctx: DocContext, sentence: Sentence, token: Token) -> str | None:
    """'the President', "Moldova's president": a national title names the office of the country its possessor names,
    else of the article's country."""
    owners = [t for c in token.children if c.dep_ == "poss" for t in c.subtree]
    words = [t for t in token.subtree if t.i <= token.i and t.dep_ not in ("det", "case") and t not in owners
             and t.lower_ not in ("current", "incumbent", "new")]
    title = " ".join(t.text for t in words)
    country = ctx.country_key
    if owners:
        start, end = owners[0].idx - sentence.start, owners[-1].idx - sentence.start + len(owners[-1].text)
        country = ctx.mention_at(sentence, start, end, "Country") or country
    if not words or title.lower() not in NATIONAL_TITLES or country is None:
        return None
    office = People(ctx).national_office(title[0].upper() + title[1:], country)
    ctx.add_mention(sentence, words[0].idx - sentence.start, token.idx - sentence.start + len(token.text), office)
    return office


def _electorate(token: Token) -> str | None:
    """'citizens', 'the residents of the district': electors named by a common plural noun."""
    if token.pos_ == "NOUN" and token.tag_ == "NNS":
        return clean_phrase(" ".join(t.text for t in token.subtree if t.i <= token.i))
    return None


def find_selections(ctx: DocContext, sentence: Sentence) -> None:
    if sentence.tokens is None:
        return
    for verb in sentence.tokens:
        lemma = verb.lemma_.lower()
        if verb.pos_ != "VERB" or lemma not in SELECTION or _negated(verb):
            continue
        predicate, method = SELECTION[lemma]
        passive = [c for c in verb.children if c.dep_ == "nsubjpass"]
        if passive:
            chosen_tokens = passive
            agents = [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        else:
            chosen_tokens = [c for c in verb.children if c.dep_ == "dobj"]
            agents = [c for c in verb.children if c.dep_ == "nsubj"]
        if not chosen_tokens:
            continue
        chosen = _entity(ctx, sentence, chosen_tokens[0], FILLED)
        if chosen is None or ctx.is_a(chosen, "Person"):
            continue
        person_subject = not passive and agents and _entity(ctx, sentence, agents[0], ("Person",)) is not None
        bare = not any(c.dep_ in ("det", "poss") for c in chosen_tokens[0].children) and not lemma_in(
            chosen_tokens[0], lexicon().of("member-words"))
        if person_subject and (lemma == "elect" or bare):
            continue  # 'X elected Thailand's prime minister', 'X appointed prime minister': X is the one chosen
        if method:
            ctx.claim(sentence, chosen, "gg:selectionMethod", Value(method, "string"), "selection", 0.75)
        if not agents:
            continue
        chooser = _entity(ctx, sentence, agents[0], FILLING)
        if chooser is not None and chooser != chosen:
            ctx.claim(sentence, chosen, predicate, chooser, "selection", 0.75)
        elif chooser is None and lemma == "elect":
            electors = _electorate(agents[0])
            if electors:
                ctx.claim(sentence, chosen, "gg:electorate", Value(electors, "string"), "selection", 0.7)


@implements("offices.selection")
def selections(ctx: DocContext, rule: Rule) -> None:
    for sentence in ctx.sentences:
        find_selections(ctx, sentence)
