"""Rounds of a vote held in rounds: the first round, and the second round or runoff, of an election.

`events.rounds`: "the runoff", "a run-off between X and Y", "the second round on June 19", "the first round of the
presidential election", "the presidential runoff" name an election of its own that is gg:roundOf the election it is
part of (the one its 'of' phrase names, else the one its sentence names, else the article's), with its number as
gg:ordinal (a runoff is the second round) and the date written next to it as gg:date. Its contestants ("X will face
Y in a runoff", "a runoff between X and Y", "X and Y advance to the second round") are the candidates (or parties)
of its results. A round is stated only where the text speaks of one that happens: named with 'the', dated, with
its contestants, or as where something happened ("was elected in a runoff"); "a runoff would be held between the
two leading candidates" is how a system works, not a vote. "The first round of talks" is no vote.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from govgraph.build.context import DocContext, Sentence
from govgraph.build.event_kinds import round_key, round_parent
from govgraph.build.events import Events, event_node, result_node
from govgraph.build.parse import noun_span, token_span
from govgraph.build.records import Value
from govgraph.build.rules.base import Rule, implements
from govgraph.build.rules.registry import regex, word_list
from govgraph.build.rules.results import article_votes, side_of, the_vote

_DATE_SUFFIX = re.compile(r" [(][^()]*[)]$")

if TYPE_CHECKING:
    from spacy.tokens import Token

NUMBERS = {"first": 1, "one": 1, "second": 2, "two": 2, "third": 3, "three": 3}
ELECTORAL = frozenset({"election", "elections", "vote", "voting", "poll", "polls", "ballot", "balloting", "race",
                       "contest", "presidential", "referendum"})
UNREAL = frozenset({"would", "could", "might", "may", "should", "can"})
KINDS = frozenset({"presidential", "parliamentary", "legislative", "mayoral", "gubernatorial", "municipal", "local"})
CONDITIONS = frozenset({"if", "unless", "whether", "should"})


def _unreal(verb: Token) -> bool:
    """'would face', 'did not advance', 'if X and Y go to a runoff': no contest (yet) that the text asserts."""
    return any((c.dep_ == "aux" and c.lower_ in UNREAL) or c.dep_ == "neg"
               or (c.dep_ == "mark" and c.lower_ in CONDITIONS) for c in verb.children)


def _with_conjuncts(tokens: list[Token]) -> list[Token]:
    return [t for s in tokens for t in (s, *s.conjuncts)]


def _subjects(verb: Token) -> list[Token]:
    """The verb's subjects, or its head's when it is the second verb of a coordination ('X won and will face Y')."""
    own = [c for c in verb.children if c.dep_ == "nsubj"]
    if not own and verb.dep_ == "conj":
        own = [c for c in verb.head.children if c.dep_ == "nsubj"]
    return _with_conjuncts(own)


def contestants(noun: Token, rule: Rule) -> list[Token]:
    """Who contests the round a noun names: 'between X and Y'; 'X will face Y in the runoff'; 'X and Y advance to
    the second round'; 'X and Y will contest the runoff'."""
    facing = word_list(rule, "facing_verbs")
    advancing = word_list(rule, "advancing_verbs")
    found = _with_conjuncts([g for p in noun.children if p.dep_ == "prep" and p.lower_ == "between"
                             for g in p.children if g.dep_ == "pobj"])
    head = noun.head
    if noun.dep_ == "pobj" and head.head.pos_ in ("VERB", "NOUN") and not _unreal(head.head):  # 'advance' as NOUN
        verb, preposition = head.head, head.lower_
        if verb.lemma_.lower() in facing and preposition in ("in", "at"):
            found += _subjects(verb) + _with_conjuncts([c for c in verb.children if c.dep_ == "dobj"])
            found += _with_conjuncts([g for p in verb.children if p.dep_ == "prep" and p.lower_ in ("against", "with")
                                      for g in p.children if g.dep_ == "pobj"])
        elif verb.lemma_.lower() in advancing and preposition in ("to", "into", "for"):
            found += _subjects(verb)
    elif noun.dep_ == "dobj" and head.pos_ == "VERB" and head.lemma_.lower() in facing | {"reach", "enter"} and (
            not _unreal(head)):
        found += _subjects(head)
        found += _with_conjuncts([g for p in head.children if p.dep_ == "prep" and p.lower_ in ("against", "with")
                                  for g in p.children if g.dep_ == "pobj"])
    return found


def _of_phrase(noun: Token) -> list[Token]:
    return [g for p in noun.children if p.dep_ == "prep" and p.lower_ == "of" for g in p.children if g.dep_ == "pobj"]


def _happened(noun: Token) -> bool:
    """'was elected in a runoff', 'X won 52% in a second round': the round is where something took place."""
    verb = noun.head.head if noun.dep_ == "pobj" and noun.head.lower_ in ("in", "at") else None
    if verb is not None and verb.dep_ in ("oprd", "attr"):  # 'was elected president in a runoff'
        verb = verb.head
    return verb is not None and verb.tag_ in ("VBD", "VBN") and not _unreal(verb)


def _definite(noun: Token) -> bool:
    """'the runoff', 'this second round', 'the first-round results', 'the presidential runoff's winner'."""
    holders = [noun, noun.head] if noun.dep_ in ("compound", "amod", "nmod") else [noun]
    return any(c.dep_ in ("det", "poss") and c.lower_ not in ("a", "an", "any", "no", "another") for h in holders
               for c in h.children)


def _kind_vote(ctx: DocContext, sentence: Sentence, noun: Token) -> str | None:
    """'the presidential runoff': the article's presidential election (the most named), else a new one."""
    kind = next((c.lower_ for c in noun.children if c.dep_ in ("amod", "compound") and c.lower_ in KINDS), None)
    if kind is None:
        return None
    votes = [k for k in article_votes(ctx, ("Election",)) if f"/{kind}-election" in k]
    return votes[0] if votes else event_node(ctx, "Election", f"{kind} election", None)


@implements("events.rounds")
def rounds(ctx: DocContext, rule: Rule) -> None:
    phrase = regex(rule, "round")
    for sentence in ctx.sentences:
        if sentence.tokens is None:
            continue
        for match in phrase.finditer(sentence.text):
            words = match.group("ordinal") or match.group("number")
            number = NUMBERS.get(words.lower()) if words else 2  # a runoff, a second ballot: the second round
            end = sentence.start + match.end()
            noun = next((t for t in sentence.tokens if t.idx < end <= t.idx + len(t.text)), None)
            if number is None or noun is None:
                continue
            while noun.head.i != noun.i and noun.head.idx < end and noun.head.idx >= sentence.start + match.start():
                noun = noun.head  # 'run-off': the phrase's head
            if noun.dep_ in ("compound", "amod", "nmod") and noun.head.lemma_.lower() in ("election", "vote", "ballot"):
                noun = noun.head  # 'a runoff election', 'the second-round vote'
            of = _of_phrase(noun)
            if of and not any(t.lower_ in ELECTORAL for o in of for t in o.subtree):
                continue  # 'the first round of talks'
            named = [m.entity for o in of for m in ctx.mentions_in(sentence, *noun_span(sentence, o))
                     if ctx.is_a(m.entity, "Election") and round_parent(m.entity) is None]
            date, _ = Events(ctx).date_near(sentence, match.start(), match.end())
            sides = [s for s in (side_of(ctx, sentence, t, create=False) for t in contestants(noun, rule))
                     if s is not None and ctx.is_a(s, "Person", "PoliticalParty")]
            if not (_definite(noun) or date is not None or sides or named or _happened(noun)):
                continue  # 'a runoff would be held between the two leading candidates'
            if not (named or match.group("runoff") or any(
                    ctx.is_a(m.entity, "Election") for s in ctx.sentences for m in s.mentions)):
                continue  # 'the second round' in an article about no election
            vote = named[0] if named else _kind_vote(ctx, sentence, noun) or the_vote(ctx, sentence, None, "election")
            if vote is None or round_parent(vote) is not None:
                continue
            parent = _DATE_SUFFIX.sub("", ctx.extraction.entities[vote].label)  # the round's date is not the vote's
            ordinal = {1: "first", 2: "second", 3: "third"}[number]
            key = ctx.add_entity(round_key(vote, number), "Election", f"{ordinal} round of the {parent}",
                                 *(["runoff"] if number == 2 else []))
            first = noun_span(sentence, noun)[0] if named else match.start()
            last = noun_span(sentence, noun)[1] if named else max(match.end(), token_span(sentence, noun)[1])
            ctx.add_mention(sentence, min(first, match.start()), max(last, match.end()), key)
            ctx.claim(sentence, key, "gg:roundOf", vote, rule.name, 0.8)
            ctx.claim(sentence, key, "gg:ordinal", Value(str(number), "integer"), rule.name, 0.8)
            if date is not None:
                ctx.claim(sentence, key, "gg:date", Value(date.iso, date.datatype), rule.name, 0.8)
            if ctx.country_key and ctx.is_a(ctx.country_key, "Country"):
                ctx.claim(sentence, key, "gg:heldIn", ctx.country_key, rule.name, 0.7)
            for side in dict.fromkeys(sides):
                result = result_node(ctx, key, side)
                ctx.claim(sentence, key, "gg:result", result, rule.name, 0.75)
                predicate = "gg:candidate" if ctx.is_a(side, "Person") else "gg:party"
                ctx.claim(sentence, result, predicate, side, rule.name, 0.75)
