"""Courts: who petitioned them, and what they ruled against.

`courts.petitions`: "X has petitioned the Constitutional Court", "X petitioned in the Supreme Court", "X filed an
appeal with the High Court", "X asked the Constitutional Court to rule", "the court's decision was made in response
to an inquiry from X": X (a person, party, organization or body) brought a petition, appeal or inquiry to the court
(`gg:petitioned`). A future, planned, conditional or denied petition states nothing.
`courts.rulings`: "the Supreme Court annulled the presidential election", "the Bill was struck down by the High Court
and the Court of Appeal", "the Constitutional Court declared the Electoral Code unconstitutional": the act, document or
vote is `gg:rejectedBy` each court.
`courts.upholdings`: "the Supreme Court upheld the presidential election", "the Constitutional Court dismissed the
petitions against the referendum": the act or vote is `gg:upheldBy` the court.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from govgraph.build.context import DocContext, Sentence
from govgraph.build.parse import subjects, subtree_span, undergoer_and_actor
from govgraph.build.rules.base import Rule, implements
from govgraph.build.rules.registry import word_list

if TYPE_CHECKING:
    from spacy.tokens import Token

PETITIONERS = ("Person", "PoliticalParty", "Organization", "Office")
NOT_YET = frozenset({"will", "would", "could", "may", "might", "shall", "should", "can", "must", "'ll"})
COURT_PREPOSITIONS = frozenset({"in", "to", "with", "at", "before"})


def _court(ctx: DocContext, sentence: Sentence, token: Token | None) -> str | None:
    if token is None:
        return None
    for mention in ctx.mentions_in(sentence, *subtree_span(sentence, token)):
        if ctx.is_a(mention.entity, "Court"):
            return mention.entity
    return None


def _petitioner(ctx: DocContext, sentence: Sentence, token: Token) -> str | None:
    """The person or organization a subject names; 'which'/'who' stand for the noun their clause hangs on."""
    if token.lower_ in {"which", "who", "that"} and token.head.dep_ == "relcl":
        token = token.head.head
    own = [c for c in token.children if c.dep_ in {"relcl", "acl", "appos"}]
    end = min([subtree_span(sentence, token)[1], *[c.left_edge.idx - sentence.start for c in own]])
    start = token.left_edge.idx - sentence.start
    for mention in ctx.mentions_in(sentence, start, end):
        if ctx.is_a(mention.entity, *PETITIONERS) and not ctx.is_a(mention.entity, "Court", "Country"):
            return mention.entity
    return None


def _not_yet(verb: Token) -> bool:
    """'will petition', 'plans to petition', 'did not petition': no petition was made."""
    if any(c.dep_ in {"aux", "neg"} and (c.lower_ in NOT_YET or c.dep_ == "neg") for c in verb.children):
        return True
    return verb.dep_ == "xcomp"


def _preposition_objects(token: Token) -> list[Token]:
    return [g for c in token.children if c.dep_ == "prep" and c.lower_ in COURT_PREPOSITIONS
            for g in c.children if g.dep_ == "pobj"]


@implements("courts.petitions")
def petitions(ctx: DocContext, rule: Rule) -> None:
    verbs = word_list(rule, "petition_verbs")
    nouns = word_list(rule, "petition_nouns")
    bring = word_list(rule, "bringing_verbs")
    for sentence in ctx.sentences:
        if sentence.tokens is None:
            continue
        for token in sentence.tokens:
            lemma = token.lemma_.lower()
            subject = next(iter(subjects(token, "nsubj")), None)
            court = petitioner = None
            if token.pos_ == "VERB" and lemma in verbs and subject is not None and not _not_yet(token):
                # 'X petitioned the court', 'X petitioned in the court', 'X asked the court to rule'
                targets = [c for c in token.children if c.dep_ == "dobj"] + _preposition_objects(token)
                court = next((k for k in (_court(ctx, sentence, t) for t in targets) if k), None)
                petitioner = _petitioner(ctx, sentence, subject)
            elif token.pos_ == "VERB" and lemma in bring and not _not_yet(token):
                # 'X filed an appeal with the court', 'a petition was lodged by X in the court'
                undergoers, actors = undergoer_and_actor(token)
                things = [t for t in undergoers if t.lemma_.lower() in nouns]
                who = next(iter(actors), None)
                if things and who is not None:
                    targets = _preposition_objects(token) + _preposition_objects(things[0])
                    court = next((k for k in (_court(ctx, sentence, t) for t in targets) if k), None)
                    petitioner = _petitioner(ctx, sentence, who)
            elif token.pos_ == "NOUN" and lemma in nouns:
                # 'the court's decision was made in response to an inquiry from X': the one court of the sentence
                origin = next((g for c in token.children if c.dep_ == "prep" and c.lower_ == "from"
                               for g in c.children if g.dep_ == "pobj"), None)
                courts = {m.entity for m in sentence.mentions if ctx.is_a(m.entity, "Court")}
                if origin is not None and len(courts) == 1:
                    court, petitioner = courts.pop(), _petitioner(ctx, sentence, origin)
            if court is not None and petitioner is not None:
                ctx.claim(sentence, petitioner, "gg:petitioned", court, rule.name, 0.75)


# ---------------------------------------------------------------- rulings against

RULED = ("Document", "Law", "Constitution", "Provision", "Reform", "Change", "Event", "Election", "Referendum",
         "Decree", "Strategy")


def _covering(ctx: DocContext, sentence: Sentence, token: Token, *classes: str) -> str | None:
    """The entity of the longest mention that covers the token (the head of its phrase), of one of `classes`."""
    covering = sorted((m for m in sentence.mentions if m.start <= token.idx < m.end), key=lambda m: m.start - m.end)
    return next((m.entity for m in covering if ctx.is_a(m.entity, *classes)), None)


def _ruled_thing(ctx: DocContext, sentence: Sentence, token: Token, parts: frozenset[str] = frozenset()) -> str | None:
    """The act, document or vote the head of a phrase names (not 'the Constitution of X' inside the name of an
    amendment bill, not a person, a court or a country); a part of a vote ('the first round of the election', 'the
    results of the referendum') stands for the vote."""
    thing = _covering(ctx, sentence, token, *RULED)
    if thing is None and token.lemma_.lower() in parts:
        whole = next((g for c in token.children if c.dep_ == "prep" and c.lower_ == "of"
                      for g in c.children if g.dep_ == "pobj"), None)
        thing = _covering(ctx, sentence, whole, "Event") if whole is not None else None
    return thing if thing is not None and not ctx.is_a(thing, "Court", "Country", "Person") else None


@implements("courts.rulings")
def rulings(ctx: DocContext, rule: Rule) -> None:
    verbs = word_list(rule, "rejecting_verbs")
    verdicts = word_list(rule, "verdict_words")
    parts = word_list(rule, "vote_parts")
    for sentence in ctx.sentences:
        if sentence.tokens is None:
            continue
        for verb in sentence.tokens:
            lemma = verb.lemma_.lower()
            if verb.pos_ != "VERB" or _not_yet(verb):
                continue
            declared = lemma == "declare" and any(t.lower_ in verdicts for t in verb.subtree if t.i > verb.i)
            if lemma not in verbs and not declared:
                continue
            if lemma == "strike" and not any(c.dep_ == "prt" and c.lower_ == "down" for c in verb.children):
                continue  # 'struck a deal'
            things, courts = undergoer_and_actor(verb)
            if not things or not courts:
                continue
            thing = _ruled_thing(ctx, sentence, things[0], parts)
            if thing is None and declared:  # 'declared the 2016 Electoral Code unconstitutional', as the parser joins it
                thing = next((k for k in (_ruled_thing(ctx, sentence, t) for t in things[0].subtree
                                          if t.lower_ not in verdicts) if k), None)
            if thing is None:
                continue
            for token in courts:
                court = _covering(ctx, sentence, token, "Court")
                if court is not None:
                    ctx.claim(sentence, thing, "gg:rejectedBy", court, rule.name, 0.75)


# ---------------------------------------------------------------- rulings for


@implements("courts.upholdings")
def upholdings(ctx: DocContext, rule: Rule) -> None:
    upholding = word_list(rule, "upholding_verbs")
    dismissing = word_list(rule, "dismissing_verbs")
    challenges = word_list(rule, "challenge_nouns")
    parts = word_list(rule, "vote_parts")
    for sentence in ctx.sentences:
        if sentence.tokens is None:
            continue
        for verb in sentence.tokens:
            lemma = verb.lemma_.lower()
            if verb.pos_ != "VERB" or lemma not in upholding | dismissing or _not_yet(verb):
                continue
            objects, courts = undergoer_and_actor(verb)
            if not objects or not courts:
                continue
            if lemma in upholding:  # 'upheld the election', 'validated the results of the referendum'
                thing = _ruled_thing(ctx, sentence, objects[0], parts)
            elif objects[0].lemma_.lower() in challenges:  # 'dismissed the petition against the election'
                thing = next((k for k in (_ruled_thing(ctx, sentence, t) for t in objects[0].subtree
                                          if t is not objects[0]) if k), None)
            else:
                continue
            if thing is None:
                continue
            for token in courts:
                court = _covering(ctx, sentence, token, "Court")
                if court is not None:
                    ctx.claim(sentence, thing, "gg:upheldBy", court, rule.name, 0.75)
