"""Memberships that begin or end: a person joining or leaving a party, a party joining or leaving a coalition.

`parties.membership-changes`: "X joined Pheu Thai in 2022", "X defected to Y", "X left the Socialist Party", "the Y
party pulled out of the ruling coalition", "Z quit the governing alliance earlier this year". The subject (a person or party the
sentence names; for "a pro-EU party that pulled out", the party the apposition describes) and the party or
coalition it joined or left (a name, or the lowercase "ruling/governing coalition" of the article) make one
gg:PartyMembership (org:member, org:organization) with gg:startDate (joining) or gg:endDate (leaving) when the
sentence dates the act ("in 2022"; "this year" takes the article's year), and gg:tenureStatus "former" for an
undated leaving. Joining also states gg:memberOf. Only acts told as done: not negated ("did not leave"), not
future or conditional ("will leave", "threatened to quit", "could pull out").
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from govgraph.build.context import DocContext, Sentence
from govgraph.build.keys import slug
from govgraph.build.records import Value
from govgraph.build.rules.base import Rule, implements
from govgraph.build.rules.memberships import party_mentions
from govgraph.build.rules.results import sentence_date

if TYPE_CHECKING:
    from spacy.tokens import Token

    from govgraph.build.records import Mention

JOINING = frozenset({"join", "rejoin"})
LEAVING = frozenset({"leave", "quit", "exit", "abandon", "desert"})
LEAVING_OUT = frozenset({"pull", "walk", "drop", "opt", "bow"})  # 'pulled out of/from', 'walked out of'
LEAVING_FROM = frozenset({"withdraw", "defect", "resign", "break"})  # 'withdrew from', 'broke away from'
JOINING_TO = frozenset({"defect", "switch", "cross"})  # 'defected to X', 'crossed over to X'
GROUPINGS = frozenset({"coalition", "alliance", "bloc", "government"})
UNREAL = frozenset({"will", "would", "could", "may", "might", "should", "shall", "must", "can"})
RELATIVE = frozenset({"that", "which", "who"})
_THIS_YEAR = re.compile(r"\b(?:earlier|later)\s+this\s+year\b|\bthis\s+year\b", re.I)


def _change(verb: Token) -> tuple[str, Token] | None:
    """('join' | 'leave', the object noun) of a verb of joining or leaving, told as done."""
    lemma = verb.lemma_.lower()
    if verb.pos_ != "VERB" or verb.tag_ not in ("VBD", "VBN", "VBZ", "VBP"):
        return None
    if any(c.dep_ == "neg" or (c.dep_ == "aux" and c.lower_ in UNREAL) for c in verb.children):
        return None
    if verb.tag_ == "VBN" and not any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children):
        return None  # 'the party joined by X' is no act of the party
    if verb.dep_ in ("xcomp", "ccomp", "advcl") and verb.head.lemma_.lower() not in ("decide", "vote"):
        return None  # 'threatened to leave', 'if it quits'
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    if lemma in JOINING | LEAVING and objects:
        return ("join" if lemma in JOINING else "leave"), objects[0]
    if lemma in JOINING_TO:  # 'defected to X' (a 'from' leaves the other party: the first change read is the join)
        for prep in verb.children:
            if prep.dep_ == "prep" and prep.lower_ == "to":
                pobj = next((p for p in prep.children if p.dep_ == "pobj"), None)
                if pobj is not None:
                    return "join", pobj
    outs = [c for c in verb.children if c.dep_ in ("prt", "advmod", "prep") and c.lower_ in ("out", "away")]
    if lemma in LEAVING_FROM or (lemma in LEAVING_OUT and outs):
        for prep in [*verb.children, *(c for o in outs for c in o.children)]:  # 'pulled out of': 'of' under 'out'
            if prep.dep_ == "prep" and prep.lower_ in ("of", "from"):
                pobj = next((p for p in prep.children if p.dep_ == "pobj"), None)
                if pobj is not None:
                    return "leave", pobj
    return None


def _mention(ctx: DocContext, sentence: Sentence, token: Token, *classes: str) -> Mention | None:
    return next((m for m in sentence.mentions if m.start <= token.idx < m.end and ctx.is_a(m.entity, *classes)), None)


def _member(ctx: DocContext, sentence: Sentence, verb: Token) -> str | None:
    """The person or party that joined or left: the verb's subject, or the name a relative clause's noun describes
    ('the Liberal Democratic Party (PLDM), a pro-EU party that pulled out')."""
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None:
        return None
    if subject.lower_ in RELATIVE and verb.dep_ == "relcl":
        noun = verb.head
        named = _mention(ctx, sentence, noun, "Person", "PoliticalParty")
        if named is not None and not sentence.text[named.start - sentence.start : named.end - sentence.start].islower():
            return named.entity  # a name; 'a centrist party' describes the name before it
        if noun.lemma_.lower() not in ("party", "politician", "lawmaker", "senator", "deputy"):
            return None
        before = sentence.text[: noun.left_edge.idx - sentence.start]
        apposed = re.search(r"(?:\s*\([A-Z][\w-]{1,9}\))?\s*,\s*$", before)
        if apposed is None:
            return None
        end = apposed.start() + sentence.start
        named = next((m for m in sentence.mentions if m.end == end and ctx.is_a(m.entity, "Person", "PoliticalParty")),
                     None)
        return named.entity if named is not None else None
    named = _mention(ctx, sentence, subject, "Person", "PoliticalParty")
    return named.entity if named is not None else None


def _organization(ctx: DocContext, sentence: Sentence, noun: Token) -> str | None:
    """The party or coalition joined or left: a name, or the article's 'ruling coalition'."""
    named = _mention(ctx, sentence, noun, "PoliticalParty", "Organization")
    if named is not None and (ctx.is_a(named.entity, "PoliticalParty") or ctx.entity_class(named.entity) == "Organization"):
        return named.entity  # a party, or a coalition (a plain organization); never a state body or parliament
    if noun.text.islower() and noun.lemma_.lower() in GROUPINGS - {"government"}:
        words = [c.lower_ for c in noun.children if c.dep_ in ("amod", "compound") and c.i < noun.i]
        if not words or not set(words) <= {"ruling", "governing", "coalition", "government"}:
            return None  # only the article's ruling coalition; 'a new alliance' is no known one
        label = f"{' '.join(words)} {noun.lower_}"
        key = ctx.new_entity("coalition", "Organization", label, scope=slug(ctx.doc.doc_id))
        ctx.add_mention(sentence, noun.left_edge.idx - sentence.start, noun.idx + len(noun.text) - sentence.start, key)
        return key
    return None


def _date(ctx: DocContext, sentence: Sentence) -> Value | None:
    date = sentence_date(ctx, sentence)
    if date is not None:
        return Value(date.iso, date.datatype)
    year = (ctx.doc.date or "")[:4]
    if _THIS_YEAR.search(sentence.text) and year.isdigit():
        return Value(year, "gYear")
    return None


@implements("parties.membership-changes")
def membership_changes(ctx: DocContext, rule: Rule) -> None:
    """Dated or ended memberships of people in parties and of parties in coalitions."""
    for sentence in ctx.sentences:
        if sentence.tokens is None:
            continue
        changes = [(t, found) for t in sentence.tokens if (found := _change(t)) is not None]
        if not changes:
            continue
        party_mentions(ctx, sentence)
        for verb, (kind, noun) in changes:
            member = _member(ctx, sentence, verb)
            organization = _organization(ctx, sentence, noun) if member is not None else None
            if member is None or organization is None or member == organization:
                continue
            if ctx.is_a(member, "Person") and not ctx.is_a(organization, "PoliticalParty"):
                continue  # a person joins a party; a party joins a coalition
            label = ctx.extraction.entities[member].label if member in ctx.extraction.entities else member
            org_label = (ctx.extraction.entities[organization].label if organization in ctx.extraction.entities
                         else organization)
            membership = ctx.add_entity(f"membership/{slug(member)}/{slug(organization)}", "PartyMembership",
                                        f"{label} in {org_label}")
            ctx.claim(sentence, membership, "org:member", member, rule.name, 0.8)
            ctx.claim(sentence, membership, "org:organization", organization, rule.name, 0.8)
            date = _date(ctx, sentence)
            if kind == "join":
                ctx.claim(sentence, member, "gg:memberOf", organization, rule.name, 0.8)
                if date is not None:
                    ctx.claim(sentence, membership, "gg:startDate", date, rule.name, 0.75)
            elif date is not None:
                ctx.claim(sentence, membership, "gg:endDate", date, rule.name, 0.75)
            else:
                ctx.claim(sentence, membership, "gg:tenureStatus", Value("former", "string"), rule.name, 0.75)
