"""Who leads a party, from a person's possessive before its name or a leader's word between the two.

`parties.leaders`: "José Antonio Kast's Republican Party" (a person's possessive right before a party's name: the
person leads it), "the Rastriya Prajatantra Party chief X" ("chief", "boss" between a party's name and a person's:
the party's leader), "X leads the PARTY", "PARTY leader X" (a capitalized name before 'leader', a new party if no
rule knows it: "Labour leader Keir Starmer") and "under the leadership of X, the PARTY ..." give the person a tenure
of the party's leader post ("Leader of Republican Party", gg:officeIn the party), as persons.offices states "X,
leader of the Democratic Party". Not a coalition, alliance, bloc or front (whose leader the possessive does not
make: "Boric's leftist coalition"); not a person the sentence gives a sitting holder's title right before the name
("President Vladimir Zelensky's party": a head of state's party, often led by someone else; but "former president
Petro Poroshenko's European Solidarity" is his); and not a word between the possessive and the party's name ("X's
former party").
"""

from __future__ import annotations

import re

from govgraph.build.context import DocContext, Sentence
from govgraph.build.people import is_country_word, office_vocabulary
from govgraph.build.records import Mention
from govgraph.build.rules.base import Rule, implements
from govgraph.build.rules.holders import FORMER, Offices, Title, _hold
from govgraph.build.rules.memberships import party_mentions
from govgraph.build.rules.parties import NAMED, contestant
from govgraph.build.rules.registry import word_list

GROUPINGS = frozenset({"coalition", "alliance", "bloc", "front"})
_POSSESSIVE = re.compile(r"^[’‘']s?\s+(?:the\s+)?$")  # 'X's PARTY', 'Wilders' PVV'
_CHIEF = re.compile(r"^\s+(?:chief|boss)\s+$")
_UNDER = re.compile(r"\bunder\s+(?:the\s+)?leadership\s+of\s+$", re.I)  # 'under the leadership of NAME, the PARTY'
_THEN_SUBJECT = re.compile(r"^,\s+(?:the\s+)?$")
_LEADS = re.compile(r"^\s+leads\s+(?:the\s+)?$")  # 'X leads the PARTY' ('X, who leads it': people.offices)


def _grouping(ctx: DocContext, party: str) -> bool:
    entity = ctx.extraction.entities.get(party)
    label = entity.label if entity is not None else party
    return label.split()[-1].lower() in GROUPINGS if label.split() else True


def _titled(ctx: DocContext, sentence: Sentence, start: int) -> bool:
    """A title of a sitting holder right before the name ('President Vladimir Zelensky'), not a former one's
    ('former prime minister Yulia Timoshenko')."""
    _, words = office_vocabulary(ctx.gazetteer)
    before = [w.lower() for w in re.findall(r"[\w-]+", sentence.text[:start])]
    if not before or before[-1] not in words:
        return False
    i = len(before) - 1
    while i >= 0 and before[i] in words:
        i -= 1
    return not (i >= 0 and (before[i] in FORMER or before[i].startswith("ex-")))


def _party_before_leader(ctx: DocContext, sentence: Sentence, person: Mention, words: frozenset[str]) -> str | None:
    """The party a capitalized name before 'leader' names right before a person's name ('Labour leader Keir
    Starmer', 'NZ First leader Winston Peters'): a party mention, or a new party; never a nationality, a place, a
    body or the opposition ('Kurdish leader X', 'House leader X', 'Opposition leader X')."""
    if ctx.parsed is None or sentence.tokens is None:
        return None
    span = ctx.parsed.char_span(person.start, person.end, alignment_mode="expand")
    if span is None or span.start < sentence.tokens.start + 2 or ctx.parsed[span.start - 1].lower_ not in words:
        return None
    doc = ctx.parsed
    first = span.start - 2
    while first - 1 >= sentence.tokens.start and doc[first - 1].pos_ == "PROPN" and doc[first - 1].text[:1].isupper() \
            and span.start - 1 - first < 4:
        first -= 1
    name = doc[first : span.start - 1]
    if not name or doc[span.start - 2].pos_ != "PROPN" or not name.text[:1].isupper():
        return None
    if any(t.ent_type_ in NOT_PARTY_ENTITIES or t.lower_ in NOT_PARTY_WORDS or is_country_word(ctx, t.text)
           for t in name):
        return None
    known = [m for m in sentence.mentions if m.start < name.end_char and name.start_char < m.end]
    if known:
        return known[0].entity if ctx.is_a(known[0].entity, "PoliticalParty") else None
    return contestant(ctx, sentence, name[-1], NAMED)


NOT_PARTY_ENTITIES = frozenset({"NORP", "GPE", "LOC", "PERSON", "DATE", "FAC", "EVENT"})
NOT_PARTY_WORDS = frozenset({"opposition", "majority", "minority", "world", "team", "group", "house", "senate"})


@implements("parties.leaders")
def leaders(ctx: DocContext, rule: Rule) -> None:
    """The leader's tenure of a party's post, from 'X's PARTY', 'X leads the PARTY' and 'PARTY chief X'."""
    offices: Offices | None = None
    leader_words = word_list(rule, "leader_words")
    for sentence in ctx.sentences:
        people = [m for m in sentence.mentions if ctx.is_a(m.entity, "Person")]
        if not people:
            continue
        spans = {(m.start, m.end): m for m in reversed(party_mentions(ctx, sentence)) if not _grouping(ctx, m.entity)}
        parties = list(reversed(spans.values()))  # one party per span: the first mention of it
        for person in people:
            named = _party_before_leader(ctx, sentence, person, leader_words)  # 'NZ First leader Winston Peters'
            led = [named] if named is not None and not _grouping(ctx, named) else []
            led += [party.entity for party in parties if _leads(ctx, sentence, person, party)]
            for party_key in dict.fromkeys(led):
                offices = offices or Offices(ctx)
                post = offices.post(sentence, "Leader", party_key, False)
                if post is not None:
                    _hold(offices, sentence, person.entity, Title(post.office, False), rule.name, 0.8)


def _leads(ctx: DocContext, sentence: Sentence, person: Mention, party: Mention) -> bool:
    """'X's PARTY', 'X leads the PARTY', 'under the leadership of X, the PARTY', 'PARTY chief X' (the party's chief
    is its leader: one post, however it is called)."""
    p_start, p_end = person.start - sentence.start, person.end - sentence.start
    q_start, q_end = party.start - sentence.start, party.end - sentence.start
    if q_end <= p_start:
        return bool(_CHIEF.match(sentence.text[q_end:p_start]))
    if p_end > q_start:
        return False
    between = sentence.text[p_end:q_start]
    return bool((_POSSESSIVE.match(between) and not _titled(ctx, sentence, p_start)) or _LEADS.match(between)
                or (_UNDER.search(sentence.text[:p_start]) and _THEN_SUBJECT.match(between)))
