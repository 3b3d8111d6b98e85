"""Coalitions and the parties a sentence lists as their members.

`parties.coalitions`: "the coalition formed by X, Y and Z", "the governing coalition, made up of the X and the
Y", "an alliance composed of X and Y", "a coalition of X and Y" make a coalition (gg:Organization, labelled
by what the text calls it and its members: "governing coalition of X and Y") and each listed party a
gg:memberOf it. The list is names joined by commas and 'and', each with at most two lowercase words before it
('the anti-establishment X'); it ends at anything else. At least two members are needed, one of them a party
the article already names; a name in the list that no rule knows becomes a party of the article's country
unless the tagger reads it as a person or a place, and a name known as anything else ends the list.

`parties.led-coalitions`: "the coalition led by X, which includes 10 other parties", "a coalition of six parties led
by X": a coalition ("coalition led by X") the leading party is a member of, with its number of parties
(gg:memberCount: the leader and the others, or the number 'of' gives); "the X-led Y Alliance": the named coalition
X is a member of.

`parties.coalition-partners`: "X, the senior partner in the coalition", "X is the junior partner in the governing
alliance": X is described as "senior partner in the coalition" (gg:description), and is a member of the coalition
the article names (its only one), or of the article's "governing/ruling coalition" when the phrase says so.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from govgraph.build.context import DocContext, Sentence
from govgraph.build.keys import slug
from govgraph.build.numbers import words_to_number
from govgraph.build.records import Value
from govgraph.build.rules.base import Rule, implements
from govgraph.build.rules.memberships import party_mentions
from govgraph.build.rules.parties import PARTY, contestant
from govgraph.build.rules.party_descriptions import description_before

if TYPE_CHECKING:
    from spacy.tokens import Token

_FORMED = re.compile(r"\b(?P<noun>coalition|alliance|bloc)\b,?\s+(?:(?:which|that)\s+(?:is|was)\s+)?"
                     r"(?:(?:formed|made\s+up|composed|comprised)\s+(?:by|of)|of|comprising)\s+")
_GAP = re.compile(r"\s*(?:,\s*)?(?:and\s+)?(?:the\s+)?(?:[a-z][a-z-]*\s+){0,2}")
_NOT_PARTIES = frozenset({"PERSON", "GPE", "LOC", "NORP", "FAC", "DATE"})
_NAME = re.compile(r"(?=[\w-]*[A-Za-z])[A-Z0-9][\w’'-]*(?:\s+[A-Z][\w’'-]*)*")


def _members(ctx: DocContext, sentence: Sentence, start: int) -> list[tuple[int, int, str | None]]:
    """The names listed from `start` on: (start, end, the party a rule knows or None for an unknown name)."""
    text, position = sentence.text, start
    out: list[tuple[int, int, str | None]] = []
    while True:
        gap = _GAP.match(text, position) if out else re.compile(r"(?:the\s+)?(?:[a-z][a-z-]*\s+){0,2}").match(
            text, position)
        if gap is None or (out and gap.end() == position):
            return out
        at = gap.end()
        known = [m for m in sentence.mentions if m.start - sentence.start == at]
        if known:
            mention = max(known, key=lambda m: m.end)
            if not ctx.is_a(mention.entity, "PoliticalParty"):
                return out
            out.append((at, mention.end - sentence.start, mention.entity))
        else:
            name = _NAME.match(text, at)
            if name is None or any(m.start - sentence.start < name.end() and at < m.end - sentence.start
                                   for m in sentence.mentions) or _tagged_other(sentence, at, name.end()):
                return out
            out.append((at, name.end(), None))
        position = out[-1][1]


def _tagged_other(sentence: Sentence, start: int, end: int) -> bool:
    """Whether the tagger reads a name as a person or a place ('Pedro Castillo'): never a new party here."""
    tokens = [t for t in sentence.tokens or () if start <= t.idx - sentence.start < end]
    return any(t.ent_type_ in _NOT_PARTIES for t in tokens)


@implements("parties.coalitions")
def coalitions(ctx: DocContext, rule: Rule) -> None:
    """A coalition and its listed member parties."""
    for sentence in ctx.sentences:
        found = list(_FORMED.finditer(sentence.text))
        if found:
            party_mentions(ctx, sentence)  # the article's parties written again
        for formed in found:
            members = _members(ctx, sentence, formed.end())
            if len(members) < 2 or all(key is None for _, _, key in members):
                continue
            keys = [key or _new_party(ctx, sentence, start, end) for start, end, key in members]
            names = [sentence.text[start:end] for start, end, _ in members]
            noun_start = sentence.start + formed.start("noun")
            before = [t for t in sentence.tokens or () if t.idx + len(t.text) <= noun_start][-4:]
            kind = " ".join(filter(None, (description_before(before), formed.group("noun"))))
            listed = ", ".join(names[:-1]) + " and " + names[-1]
            coalition = ctx.new_entity("coalition", "Organization", f"{kind} of {listed}", scope=ctx.scope())
            ctx.add_mention(sentence, formed.start("noun"), formed.end("noun"), coalition)
            for key in keys:
                ctx.claim(sentence, key, "gg:memberOf", coalition, rule.name, 0.8)


def _new_party(ctx: DocContext, sentence: Sentence, start: int, end: int) -> str:
    key = ctx.new_entity("party", "PoliticalParty", sentence.text[start:end], scope=ctx.scope())
    if ctx.country_key and ctx.is_a(ctx.country_key, "Country"):
        ctx.claim(sentence, key, "gg:country", ctx.country_key, "parties", 0.7)
    ctx.add_mention(sentence, start, end, key)
    return key


_COALITION_NOUNS = frozenset({"coalition", "alliance", "bloc"})
_COUNTED_MEMBERS = frozenset({"party", "member", "group", "formation"})


def _counted(token: Token) -> tuple[int, bool] | None:
    """'10 other parties' -> (10, True); 'six parties' -> (6, False)."""
    if token.lemma_.lower() not in _COUNTED_MEMBERS or token.tag_ not in ("NNS", "NNPS"):
        return None
    number = next((c for c in token.children if c.dep_ == "nummod"), None)
    if number is None:
        return None
    value = int(number.text) if number.text.isdigit() else words_to_number(number.text)
    if value is None or not 1 <= value <= 100:
        return None
    return value, any(c.dep_ == "amod" and c.lower_ == "other" for c in token.children)


def _size(noun: Token, leader: Token) -> int | None:
    """The number of parties a coalition has: 'which includes 10 other parties' (the leader and ten more),
    'a coalition of six parties'."""
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            for pobj in child.children:
                found = _counted(pobj) if pobj.dep_ == "pobj" else None
                if found is not None and not found[1]:
                    return found[0]
    for head in (noun, leader):
        for clause in head.children:
            if clause.dep_ == "relcl" and clause.lemma_.lower() in ("include", "comprise", "have", "bring") and any(
                    c.dep_ == "nsubj" and c.lower_ in ("which", "that") for c in clause.children):
                for obj in clause.children:
                    found = _counted(obj) if obj.dep_ == "dobj" else None
                    if found is not None:
                        return found[0] + 1 if found[1] else found[0]
    return None


@implements("parties.led-coalitions")
def led_coalitions(ctx: DocContext, rule: Rule) -> None:
    """'The coalition led by X, which includes 10 other parties': a coalition X is a member of, with its size."""
    for sentence in ctx.sentences:
        if sentence.tokens is None:
            continue
        for noun in sentence.tokens:
            if noun.lemma_.lower() not in _COALITION_NOUNS or not noun.text.islower() or noun.pos_ != "NOUN":
                continue
            counted = [p for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children
                       if p.dep_ == "pobj" and _counted(p) is not None]  # 'a coalition of six parties led by X'
            verbs = [v for n in (noun, *counted) for v in n.children if v.dep_ == "acl"
                     and v.lemma_.lower() in ("lead", "head") and v.tag_ == "VBN"]
            leaders = [p for v in verbs for a in v.children if a.dep_ == "agent" for p in a.children if p.dep_ == "pobj"]
            if len(leaders) != 1:
                continue
            leader = leaders[0]
            party_mentions(ctx, sentence)
            lo, hi = leader.left_edge.idx, leader.idx + len(leader.text)  # 'the Nepali Congress party'
            named = [m.entity for m in sentence.mentions if lo <= m.start and m.end <= hi]
            party = named[-1] if named else contestant(ctx, sentence, leader, PARTY)
            if party is None or not ctx.is_a(party, "PoliticalParty"):
                continue  # a person leads it, or a name known as something else
            label = ctx.extraction.entities[party].label if party in ctx.extraction.entities else party
            coalition = ctx.new_entity("coalition", "Organization", f"{noun.lower_} led by {label}", scope=ctx.scope())
            ctx.add_mention(sentence, noun.idx - sentence.start, noun.idx + len(noun.text) - sentence.start, coalition)
            ctx.claim(sentence, party, "gg:memberOf", coalition, rule.name, 0.8)
            size = _size(noun, leader)
            if size is not None:
                ctx.claim(sentence, coalition, "gg:memberCount", Value(str(size), "integer"), rule.name, 0.75)
        _led_names(ctx, sentence, rule)


_LED_NAME = re.compile(r"\b(?P<leader>[A-Z][\w’'.]*)-(?:led|dominated)\s+(?:the\s+)?")


def _led_names(ctx: DocContext, sentence: Sentence, rule: Rule) -> None:
    """'the BJP-led National Democratic Alliance': the named coalition the leading party is a member of."""
    for match in _LED_NAME.finditer(sentence.text):
        coalition = next((m.entity for m in sentence.mentions if m.start - sentence.start == match.end()
                          and ctx.is_a(m.entity, "PoliticalParty", "Organization")), None)
        leader_token = next((t for t in sentence.tokens or () if t.idx - sentence.start == match.start("leader")), None)
        if coalition is None or leader_token is None:
            continue
        named = [m.entity for m in party_mentions(ctx, sentence) if m.start - sentence.start == match.start("leader")]
        party = named[0] if named else contestant(ctx, sentence, leader_token, PARTY)
        if party is not None and party != coalition and ctx.is_a(party, "PoliticalParty"):
            ctx.claim(sentence, party, "gg:memberOf", coalition, rule.name, 0.8)


_PARTNER = re.compile(r",?\s+(?:(?:is|was|remains|became)\s+)?(?:the|a)\s+(?P<rank>senior|junior|main|smaller|minor|"
                      r"largest|biggest|leading)\s+(?:coalition\s+)?partners?\s+(?:in|of)\s+(?:the\s+)?"
                      r"(?P<kind>(?:governing|ruling)\s+)?(?P<noun>coalition|alliance)\b")


def _article_coalition(ctx: DocContext, sentence: Sentence) -> str | None:
    """The one coalition the article named up to this sentence (a coalition rule's node), if it named one."""
    found = {m.entity for m in ctx.extraction.mentions if m.entity.startswith("coalition/") and m.start < sentence.end
             and ctx.is_a(m.entity, "Organization") and not ctx.is_a(m.entity, "PoliticalParty")}
    return found.pop() if len(found) == 1 else None


@implements("parties.coalition-partners")
def coalition_partners(ctx: DocContext, rule: Rule) -> None:
    """'X, the senior partner in the coalition': X is a member of the article's coalition, described so."""
    for sentence in ctx.sentences:
        if "partner" not in sentence.text:
            continue
        for party in party_mentions(ctx, sentence):
            found = _PARTNER.match(sentence.text, party.end - sentence.start)
            if found is None:
                continue
            coalition = _article_coalition(ctx, sentence)
            if coalition is None and found.group("kind"):
                label = f"{found.group('kind').strip()} {found.group('noun')}"
                coalition = ctx.new_entity("coalition", "Organization", label, scope=slug(ctx.doc.doc_id))
                ctx.add_mention(sentence, found.start("kind"), found.end("noun"), coalition)
            if coalition is not None:
                ctx.claim(sentence, party.entity, "gg:memberOf", coalition, rule.name, 0.75)
            description = f"{found.group('rank')} partner in the {found.group('noun')}"
            ctx.claim(sentence, party.entity, "gg:description", Value(description, "string"), rule.name, 0.75)
