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


# Adjectives and participles through which a subject holds the power a verb names: 'X will be able to appoint',
# 'X is allowed to dissolve'.
ENABLING = frozenset({"able", "allow", "entitle", "empower", "authorize", "authorise", "permit", "free"})
# Verbs that give a power to their indirect object ('grant the president the power to ...') and verbs whose
# subject holds the power they take as object ('the president has the right to ...').
GIVING = frozenset({"give", "grant", "hand", "confer", "award"})
HAVING = frozenset({"have", "hold", "gain", "get", "retain", "keep", "acquire", "exercise", "receive", "enjoy"})


def _agents(verb: Token) -> list[Token]:
    return [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]


def _described(verb: Token) -> Token | None:
    """The noun a reduced passive clause describes: 'the Prime Minister, voted directly by the citizens' (a participle
    after a comma, with a 'by' agent and no subject or auxiliary of its own, describes the noun before the comma;
    the parser may hang it on the main verb, and tag it as a past tense: its 'by' agent shows the passive)."""
    if verb.tag_ not in ("VBN", "VBD") or not _agents(verb) or any(
            c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for c in verb.children):
        return None
    if verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN"):
        return verb.head
    if verb.dep_ in ("acl", "advcl") and verb.i >= 2 and verb.nbor(-1).text == ",":
        before = verb.nbor(-2)
        return before if before.pos_ in ("NOUN", "PROPN") else None
    return None


def power_holder(verb: Token, power_nouns: frozenset[str]) -> tuple[Token | None, bool]:
    """Who holds the power an active verb without a subject names, and whether the sentence denies it:
    'X will be able to appoint', "X's power to appoint", 'grant X the power to appoint', 'grant X control over
    appointing', 'X has the right to dissolve'."""
    if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in ENABLING:
        enabler = verb.head
        governor = enabler.head if enabler.pos_ == "ADJ" else enabler
        subject = next((c for c in governor.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        return subject, _negated(enabler) or _negated(governor)
    noun = None
    if verb.dep_ == "acl" and verb.head.lemma_.lower() in power_nouns:
        noun = verb.head  # 'the power to dissolve'
    elif verb.dep_ == "pcomp" and verb.head.lower_ in ("over", "of", "to"):
        owner = verb.head.head  # 'control over appointing', or the verb the parser hung 'over' on
        if owner.lemma_.lower() in power_nouns:
            noun = owner
        elif owner.pos_ == "VERB":
            noun = next((c for c in owner.children if c.dep_ == "dobj" and c.lemma_.lower() in power_nouns), None)
    if noun is None:
        return None, False
    holder = next((c for c in noun.children if c.dep_ in ("poss", "compound")), None)  # "X's power", 'X control'
    governor = noun.head
    if holder is None and noun.dep_ == "dobj" and governor.lemma_.lower() in GIVING:
        holder = next((c for c in governor.children if c.dep_ == "dative"), None)
        holder = holder if holder is None or holder.lower_ != "to" else next(
            (g for g in holder.children if g.dep_ == "pobj"), None)
    elif holder is None and noun.dep_ == "dobj" and governor.lemma_.lower() in HAVING:
        holder = next((c for c in governor.children if c.dep_ == "nsubj"), None)
    return holder, _negated(noun) or _negated(governor)


SHARES = {"two-thirds": "66.67", "three-fifths": "60", "three-quarters": "75", "three-fourths": "75"}
NEEDING = frozenset({"require", "need"})


def _share(majority: Token) -> str | None:
    """'a two-thirds majority', 'a three-fifths majority': the share in percent its words give."""
    words = "-".join(t.lower_ for t in majority.doc[majority.left_edge.i : majority.i] if t.text != "-")
    return next((share for fraction, share in SHARES.items() if fraction in words), None)


def required_majority(verb: Token) -> str | None:
    """The share of votes the choice a verb names needs: 'the two-thirds majority required to appoint a president',
    'a two-thirds majority is needed to elect the speaker', 'is elected by a three-fifths majority of parliament'."""
    majorities = [g for c in verb.children if c.dep_ in ("agent", "prep") and c.lower_ in ("by", "with")
                  for g in c.children if g.dep_ == "pobj" and g.lemma_.lower() == "majority"]
    needing = verb.head
    if verb.dep_ in ("xcomp", "advcl") and needing.lemma_.lower() in NEEDING:
        if needing.dep_ == "acl" and needing.head.lemma_.lower() == "majority":
            majorities.append(needing.head)  # 'the majority required to appoint'
        majorities += [c for c in needing.children if c.dep_ in ("nsubjpass", "nsubj") and c.lemma_.lower() == "majority"]
    return next((share for share in map(_share, majorities) if share), None)


def find_selections(ctx: DocContext, sentence: Sentence, power_nouns: frozenset[str] = frozenset()) -> None:
    if sentence.tokens is None:
        return
    for verb in sentence.tokens:
        lemma = verb.lemma_.lower()
        described = _described(verb) if lemma in ("elect", "vote", "appoint", "choose") else None
        if verb.pos_ != "VERB" or (lemma not in SELECTION and described is None) or _negated(verb):
            continue
        predicate, method = SELECTION["elect" if lemma in ("vote", "choose") else lemma]
        passive = [c for c in verb.children if c.dep_ == "nsubjpass"]
        if passive:
            chosen_tokens = passive
            agents = _agents(verb)
        elif described is not None:
            chosen_tokens = [described]
            agents = _agents(verb)
        else:
            chosen_tokens = [c for c in verb.children if c.dep_ == "dobj"]
            agents = [c for c in verb.children if c.dep_ == "nsubj"]
            if not agents:
                holder, denied = power_holder(verb, power_nouns)
                if denied:
                    continue
                agents = [holder] if holder is not None else []
        if not chosen_tokens:
            continue
        chosen_all = [key for key in dict.fromkeys(_entity(ctx, sentence, t, FILLED) for t in (
            chosen_tokens[0], *chosen_tokens[0].conjuncts)) if key is not None and not ctx.is_a(key, "Person")]
        if not chosen_all:
            continue
        person_subject = not (passive or described is not None) and agents and _entity(
            ctx, sentence, agents[0], ("Person",)) is not None
        bare = not any(c.dep_ in ("det", "poss") for c in chosen_tokens[0].children) and not lemma_in(
            chosen_tokens[0], lexicon().of("member-words"))
        if person_subject and (lemma == "elect" or bare):
            continue  # 'X elected Thailand's prime minister', 'X appointed prime minister': X is the one chosen
        direct = method == "elected" and any(c.lower_ == "directly" for c in verb.children)
        share = required_majority(verb) if lemma in ("elect", "appoint") else None
        for key in chosen_all:  # 'appoint the chief justice and the prosecutor general': each of them
            if method:
                ctx.claim(sentence, key, "gg:selectionMethod", Value(method, "string"), "selection", 0.75)
            if direct:
                ctx.claim(sentence, key, "gg:selectionMethod", Value("directly elected", "string"), "selection", 0.75)
            if share is not None and ctx.is_a(key, "Office"):
                ctx.claim(sentence, key, "gg:threshold", Value(share, "decimal"), "selection", 0.7)
        if not agents:
            continue
        chooser = _entity(ctx, sentence, agents[0], FILLING)
        if chooser is not None:
            for key in chosen_all:
                if key != chooser:
                    ctx.claim(sentence, key, predicate, chooser, "selection", 0.75)
        elif predicate == "gg:electedBy":
            electors = _electorate(agents[0])
            if electors:
                for key in chosen_all:
                    ctx.claim(sentence, key, "gg:electorate", Value(electors, "string"), "selection", 0.7)


@implements("offices.selection")
def selections(ctx: DocContext, rule: Rule) -> None:
    power_nouns = frozenset(rule.patterns["power_nouns"]["words"])
    for sentence in ctx.sentences:
        find_selections(ctx, sentence, power_nouns)


# ---------------------------------------------------------------- powers over bodies

MODALS = frozenset({"can", "may", "could", "might", "shall"})


def _modal(verb: Token) -> bool:
    """'the president may dissolve', 'can be dissolved by': a modal of possibility, not 'will' (a plan)."""
    return any(c.dep_ == "aux" and c.lower_ in MODALS for c in verb.children)


def find_powers(ctx: DocContext, sentence: Sentence, verbs: dict[str, str], power_nouns: frozenset[str]) -> None:
    """'the President may dissolve parliament', 'X will be able to dissolve the Chambers', 'the power to dissolve
    the National Assembly', 'parliament can be dissolved by the president': a power of an office or body over a
    body. A past act ('X dissolved parliament') is no power, and a denied one states nothing."""
    if sentence.tokens is None:
        return
    for verb in sentence.tokens:
        predicate = verbs.get(verb.lemma_.lower())
        if predicate is None or verb.pos_ != "VERB" or _negated(verb):
            continue
        passive = [c for c in verb.children if c.dep_ == "nsubjpass"]
        if passive:
            targets, holders = (passive if _modal(verb) else []), _agents(verb)
        else:
            targets = [c for c in verb.children if c.dep_ == "dobj"]
            holders = [c for c in verb.children if c.dep_ == "nsubj"] if _modal(verb) else []
            if not holders and not any(c.dep_ == "nsubj" for c in verb.children):
                holder, denied = power_holder(verb, power_nouns)
                holders = [holder] if holder is not None and not denied else []
        if not targets or not holders:
            continue
        holder_key = _entity(ctx, sentence, holders[0], ("Office", "StateBody"))
        if holder_key is None or ctx.is_a(holder_key, "Person", "Country"):
            continue
        for token in (targets[0], *targets[0].conjuncts):
            body = _entity(ctx, sentence, token, ("StateBody",))
            if body is not None and body != holder_key and not ctx.is_a(body, "Office"):
                ctx.claim(sentence, holder_key, predicate, body, "powers", 0.75)


@implements("offices.powers")
def powers(ctx: DocContext, rule: Rule) -> None:
    verbs = dict(rule.patterns["power_verbs"]["map"])
    power_nouns = frozenset(rule.patterns["power_nouns"]["words"])
    for sentence in ctx.sentences:
        find_powers(ctx, sentence, verbs, power_nouns)
