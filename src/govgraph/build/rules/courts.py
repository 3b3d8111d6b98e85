"""Courts and the bodies that decide on what others bring to them: who petitioned whom.

`courts.petitions`: "X has petitioned the Constitutional Court", "X petitioned in the Supreme Court", "X filed an
appeal with the High Court", "X asked the Constitutional Court to rule", "the court's decision was made in response
to an inquiry from X": X (a person, party, organization or body) brought a petition, appeal or inquiry to the court
(`gg:petitioned`). A future, planned, conditional or denied petition states nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from govgraph.build.context import DocContext, Sentence
from govgraph.build.parse import subtree_span
from govgraph.build.rules.base import Rule, implements

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
    verbs = frozenset(rule.patterns["petition_verbs"]["words"])
    nouns = frozenset(rule.patterns["petition_nouns"]["words"])
    bring = frozenset(rule.patterns["bringing_verbs"]["words"])
    for sentence in ctx.sentences:
        if sentence.tokens is None:
            continue
        for token in sentence.tokens:
            lemma = token.lemma_.lower()
            subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
            agent = next((g for c in token.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)
            court = petitioner = None
            if token.pos_ == "VERB" and lemma in verbs and subject is not None and not _not_yet(token):
                # 'X petitioned the court', 'X petitioned in the court', 'X asked the court to rule'
                targets = [c for c in token.children if c.dep_ == "dobj"] + _preposition_objects(token)
                court = next((k for k in (_court(ctx, sentence, t) for t in targets) if k), None)
                petitioner = _petitioner(ctx, sentence, subject)
            elif token.pos_ == "VERB" and lemma in bring and not _not_yet(token):
                # 'X filed an appeal with the court', 'a petition was lodged by X in the court'
                things = [c for c in token.children if c.dep_ in {"dobj", "nsubjpass"} and c.lemma_.lower() in nouns]
                who = agent if agent is not None else subject
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
