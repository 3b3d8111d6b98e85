"""What bodies and people did to acts and votes: approvals of acts, and the declared or stated winners of votes.

`actions.approvals`: "the Senate approved the judicial reform", "Parliament adopted the constitutional amendment",
"the bill was passed by the National Assembly", "the amendment passed the Senate": the act is `gg:approvedBy`
the body; "the Senate rejected the Electoral Law": the act is `gg:rejectedBy` it (a court's: `courts.rulings`).
Approving "amendments to the constitution" approves the amendments (their reform), not the constitution.
A future, planned, conditional or denied approval ("will approve", "failed to pass", "did not adopt") states
nothing, nor an approval whose subject is no body ("voters approved": a referendum, see results).
`actions.winners`: "the Electoral Commission declared X the winner of the presidential election", "X was declared
president-elect", "X won the presidential election", "X emerged as the winner of the election", "Y conceded defeat
to X": the election has X as its `gg:winner`, and the declaring commission, court or official as `gg:declaredBy`.
Winning a part of a vote ("won the first round") is not winning the vote: it is winning that round, when the text
names the round (rule events.rounds); in a sentence that tells of a later round ("X won the election and will face
Y in a runoff") only such a win of a round is stated.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from govgraph.build.context import DocContext, Sentence
from govgraph.build.event_kinds import round_parent
from govgraph.build.lexicon import lexicon
from govgraph.build.parse import agents, noun_span, subjects, token_span, undergoer_and_actor
from govgraph.build.rules.base import Rule, implements
from govgraph.build.rules.courts import NOT_YET
from govgraph.build.rules.registry import regex, word_list
from govgraph.build.rules.results import ORGANIZATION_NOUNS, side_of, stated_round, the_vote

if TYPE_CHECKING:
    from spacy.tokens import Token

ACTS = ("Document", "Reform", "Change")
CHANGES = ("Reform", "Change")
BODIES = ("StateBody",)
DECLARERS = ("Person", "Office", "ElectoralCommission", "Court", "StateBody")
CONDITIONS = frozenset({"if", "unless", "whether", "once"})


def _not_done(verb: Token) -> bool:
    """'will approve', 'did not pass', 'failed to adopt', 'to approve the reform': no approval (yet)."""
    if any(c.dep_ == "neg" or (c.dep_ == "aux" and c.lower_ in NOT_YET | {"to"}) for c in verb.children):
        return True
    if any(c.dep_ == "mark" and c.lower_ in CONDITIONS for c in verb.children):
        return True  # 'if X wins the election'
    subjects = [c.i for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
    if subjects and any(c.dep_ == "aux" and c.i < min(subjects) for c in verb.children):
        return True  # 'had X won the election', 'should the Senate approve it'
    if verb.dep_ in {"xcomp", "advcl", "acl", "relcl", "pcomp"} and any(c.lower_ == "to" for c in verb.children):
        return True
    return verb.tag_ in {"VB", "VBG"} and verb.dep_ not in {"conj"}


def _named(ctx: DocContext, sentence: Sentence, token: Token, classes: tuple[str, ...],
           never: tuple[str, ...] = (), head_only: bool = False) -> str | None:
    """The entity of the mention that names the phrase a token heads (the longest mention covering the head, else,
    unless `head_only`, the first of `classes` inside the phrase without its clauses and appositions)."""
    start, end = token_span(sentence, token)
    covering = sorted((m for m in sentence.mentions if m.start - sentence.start <= start and end <= m.end - sentence.start),
                      key=lambda m: m.start - m.end)
    inside = [] if head_only else ctx.mentions_in(sentence, *noun_span(sentence, token))
    for mention in [*covering, *inside]:
        if ctx.is_a(mention.entity, *classes) and not (never and ctx.is_a(mention.entity, *never)):
            return mention.entity
    return None


def _act(ctx: DocContext, sentence: Sentence, token: Token) -> str | None:
    """The act a phrase names. A change ('amendments to the constitution', 'a revision of the Electoral Code', lexicon
    scheme change-nouns) is an act of its own: the change or reform the phrase names, never the document it changes."""
    if token.pos_ == "NOUN" and token.lemma_.lower() in lexicon().of("change-nouns"):
        return _named(ctx, sentence, token, ACTS, ("Court",), head_only=True) or _named(
            ctx, sentence, token, CHANGES, ("Court",))
    return _named(ctx, sentence, token, ACTS, ("Court",))


@implements("actions.approvals")
def approvals(ctx: DocContext, rule: Rule) -> None:
    verbs = dict.fromkeys(rule.patterns["approving_verbs"]["words"], "gg:approvedBy")
    verbs.update(dict.fromkeys(rule.patterns["rejecting_verbs"]["words"], "gg:rejectedBy"))
    for sentence in ctx.sentences:
        if sentence.tokens is None:
            continue
        for verb in sentence.tokens:
            predicate = verbs.get(verb.lemma_.lower())
            if verb.pos_ != "VERB" or predicate is None or _not_done(verb):
                continue
            things, bodies = undergoer_and_actor(verb)
            pairs = [(t, b) for t in things for b in bodies]
            if verb.lemma_.lower() == "pass" and not subjects(verb, "nsubjpass"):  # 'the amendment passed the Senate'
                pairs += [(t, b) for t in bodies for b in things]
            for thing_token, body_token in pairs:
                thing = _act(ctx, sentence, thing_token)
                body = _named(ctx, sentence, body_token, BODIES, ("Court",))
                if thing is not None and body is not None and thing != body:
                    ctx.claim(sentence, thing, predicate, body, rule.name, 0.75)


# ---------------------------------------------------------------- winners


def _of_election(ctx: DocContext, sentence: Sentence, noun: Token) -> tuple[bool, str | None]:
    """Whether the noun's 'of' phrase names a part of a vote ('winner of the first round'), and the election it
    names, if any."""
    for prep in (c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"):
        for obj in (g for g in prep.children if g.dep_ == "pobj"):
            election = _named(ctx, sentence, obj, ("Election",))
            if election is not None and round_parent(election) is not None:
                return False, election  # 'the winner of the runoff': the round (rule events.rounds) is a vote of its own
            if obj.lemma_.lower() in {"round", "stage", "phase", "leg", "part", "primary", "primaries"}:
                return True, None
            if election is not None:
                return False, election
    return False, None


def _declared(verb: Token, titles: frozenset[str]) -> tuple[Token | None, list[Token]]:
    """The title a verb of declaring gives ('the winner', 'president-elect') and whom it gives it to: 'declared X
    the winner', 'declared X as the winner', 'X was declared (as) the winner', 'declare X to be president-elect'."""
    passive = subjects(verb, "nsubjpass")
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    for child in verb.children:
        if child.dep_ in {"ccomp", "oprd", "xcomp", "attr", "dobj"} and child.lemma_.lower() in titles:
            return child, passive or [o for o in objects if o is not child]
    for title in _as_titles(verb, titles):  # 'declared X as the winner', 'X was declared as the winner'
        return title, passive or objects
    for obj in objects:
        modifier = [t for t in obj.children if t.dep_ in {"amod", "compound"} and t.lemma_.lower() in titles]
        if modifier:  # the parser's 'declared [X] [the winner presidential elections]'
            return modifier[0], passive or [o for o in objects if o is not obj]
        apposed = [t for t in obj.children if t.dep_ == "appos" and t.lemma_.lower() in titles] + _as_titles(obj, titles)
        if apposed:  # 'declared [X [the winner]]', 'declared [X [as the winner]]'
            return apposed[0], passive or [obj]
    for be in (t for t in verb.subtree if t.lemma_ == "be" and any(c.lower_ == "to" for c in t.children)):
        attributes = [c for c in be.children if c.dep_ == "attr" and c.lemma_.lower() in titles]
        if attributes:  # 'declare X to be president-elect'
            return attributes[0], [c for c in be.children if c.dep_ == "nsubj"]
    return None, []


def _as_titles(token: Token, titles: frozenset[str]) -> list[Token]:
    """The titles of the token's 'as' phrase ('as the winner')."""
    return [g for c in token.children if c.dep_ == "prep" and c.lower_ == "as" for g in c.children
            if g.dep_ == "pobj" and g.lemma_.lower() in titles]


def _victory(noun: Token, victories: frozenset[str]) -> Token | None:
    """Whose win a noun of victory names: 'X's victory', 'the re-election of X', 'the victory of X'."""
    if noun.lemma_.lower() not in victories or noun.pos_ != "NOUN":
        return None
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    if owner is None:
        owner = next((g for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children
                      if g.dep_ == "pobj"), None)
    return owner


def _victory_election(ctx: DocContext, sentence: Sentence, noun: Token) -> str | None:
    """The election a noun of victory names in its 'in' or 'of' phrase ('victory in the presidential election')."""
    for prep in (c for c in noun.children if c.dep_ == "prep" and c.lower_ in {"in", "at", "of"}):
        for obj in (g for g in prep.children if g.dep_ == "pobj"):
            named = _named(ctx, sentence, obj, ("Election",), head_only=True)
            if named is not None:
                return named
    return None


def _winner(ctx: DocContext, sentence: Sentence, token: Token) -> str | None:
    """The candidate or party a name names (a mention the article has, none created here): not a description
    ('the pro-government party')."""
    classes: tuple[str, ...] = ("Person", "PoliticalParty", "Organization")
    if token.pos_ != "PROPN":  # 'the center-right party, the Democratic Alliance, won': the name in apposition
        if token.lemma_.lower() in ORGANIZATION_NOUNS:  # 'the party, [its founder] X, won' names no person winner
            classes = ("PoliticalParty", "Organization")
        token = next((c for c in token.children if c.dep_ == "appos" and c.pos_ == "PROPN" and (
            token.doc[token.i + 1].is_punct  # set off by a comma: not 'the party X founded'
            or (c.left_edge.i == token.i + 1 and "Person" in classes))), token)  # 'the economist X won'
        if token.pos_ != "PROPN":
            return None
    side = side_of(ctx, sentence, token, create=False)
    return side if side is not None and ctx.is_a(side, *classes) else None


def _election_in(ctx: DocContext, sentence: Sentence, verb: Token) -> str | None:
    """The election the verb's own 'in' or 'at' phrase names ('elected president in the presidential election')."""
    return next((k for c in verb.children if c.dep_ == "prep" and c.lower_ in {"in", "at"}
                 for g in c.children if g.dep_ == "pobj"
                 for k in (_named(ctx, sentence, g, ("Election",), head_only=True),) if k), None)


def _election(ctx: DocContext, sentence: Sentence, named: str | None) -> str | None:
    return named if named is not None else the_vote(ctx, sentence, None, "election", create=False)


def _state(ctx: DocContext, sentence: Sentence, rule: Rule, election: str | None, winner: str | None,
           declarer: str | None = None, later: bool = False) -> None:
    if election is None or winner is None or winner == election or (later and round_parent(election) is None):
        return
    ctx.claim(sentence, election, "gg:winner", winner, rule.name, 0.75)
    if declarer is not None and declarer != winner:
        ctx.claim(sentence, election, "gg:declaredBy", declarer, rule.name, 0.75)


@dataclass(frozen=True)
class _WinnerWords:
    """The words of the rule's patterns (actions.yaml)."""

    titles: frozenset[str]
    declaring: frozenset[str]
    winning: frozenset[str]
    conceding: frozenset[str]
    defeating: frozenset[str]
    confirming: frozenset[str]
    victories: frozenset[str]
    electing: frozenset[str]


def _declaration(ctx: DocContext, sentence: Sentence, rule: Rule, verb: Token, words: _WinnerWords,
                 later: bool) -> bool:
    """'declared X the winner of E', 'X was declared president-elect', 'declare X to be president-elect': whether
    the verb gives a winner's title."""
    title, people = _declared(verb, words.titles)
    if title is None:
        return False
    part, named = _of_election(ctx, sentence, title)
    if named is None and title.dep_ in {"amod", "compound"}:  # 'declared X the winner presidential elections'
        named = _named(ctx, sentence, title.head, ("Election",), head_only=True)
    passive = subjects(verb, "nsubjpass")
    by = agents(verb) if passive else subjects(verb, "nsubj")
    by = [x for t in by for x in (t, *(c for c in t.children if c.dep_ == "appos"))]
    # the official who spoke for the body, when the subject names both ('the commission chair, X')
    declarer = next((k for classes in (("Person",), DECLARERS)
                     for k in (_named(ctx, sentence, t, classes) for t in by) if k), None)
    if not part and people:
        _state(ctx, sentence, rule, _election(ctx, sentence, named), _winner(ctx, sentence, people[0]), declarer,
               later=later)
    return True


def _confirmation(ctx: DocContext, sentence: Sentence, rule: Rule, verb: Token, words: _WinnerWords,
                  later: bool) -> None:
    """'the court confirmed X's victory in E', 'the Council ratified the re-election of X'."""
    things, actors = undergoer_and_actor(verb)
    for thing in things:
        owner = _victory(thing, words.victories)
        if owner is not None:
            declarer = next((k for k in (_named(ctx, sentence, t, DECLARERS) for t in actors) if k), None)
            election = _victory_election(ctx, sentence, thing) or _election(ctx, sentence, None)
            _state(ctx, sentence, rule, election, _winner(ctx, sentence, owner), declarer, later=later)


def _victor(ctx: DocContext, sentence: Sentence, rule: Rule, verb: Token, words: _WinnerWords, later: bool) -> None:
    """'X won the presidential election', 'E was won by X'; 'X was re-elected president in the presidential election' (an election
    the verb's own phrase names); 'X defeated Y'; 'Y conceded defeat to X'."""
    lemma = verb.lemma_.lower()
    if lemma in words.winning:  # 'X won E', 'E was won by X'
        things, victors = undergoer_and_actor(verb)
        named = _named(ctx, sentence, things[0], ("Election",), head_only=True) if things else None
        for subject in victors if named is not None else ():
            _state(ctx, sentence, rule, named, _winner(ctx, sentence, subject), later=later)
    elif lemma in words.electing and verb.tag_ == "VBN":
        named = _election_in(ctx, sentence, verb)
        for subject in subjects(verb, "nsubjpass") if named is not None else ():
            _state(ctx, sentence, rule, named, _winner(ctx, sentence, subject), later=later)
    elif lemma in words.defeating:  # 'X defeated Y in E', 'Y was beaten by X': a named rival, not a bill
        things, victors = undergoer_and_actor(verb)
        if any(_winner(ctx, sentence, t) is not None for t in things):
            named = _election_in(ctx, sentence, verb)
            clause = verb.head if verb.dep_ == "conj" else verb  # 'In the runoff, X won 55% and defeated Y'
            election = named or stated_round(ctx, sentence, clause.idx) or _election(ctx, sentence, None)
            for subject in victors:
                _state(ctx, sentence, rule, election, _winner(ctx, sentence, subject), later=later)
    elif lemma in words.conceding:
        to = [g for c in (verb, *(c for c in verb.children if c.dep_ == "dobj")) for p in c.children
              if p.dep_ == "prep" and p.lower_ == "to" for g in p.children if g.dep_ == "pobj"]
        if to:
            _state(ctx, sentence, rule, _election(ctx, sentence, None), _winner(ctx, sentence, to[0]), later=later)


@implements("actions.winners")
def winners(ctx: DocContext, rule: Rule) -> None:
    words = _WinnerWords(*(word_list(rule, name) for name in (
        "winner_words", "declaring_verbs", "winning_verbs", "conceding_verbs", "defeating_verbs", "confirming_verbs",
        "victory_nouns", "electing_verbs")))
    rounds = regex(rule, "later_round")
    for sentence in ctx.sentences:
        if sentence.tokens is None:
            continue
        # 'X won the election and will face Y in a runoff': X won a round, not the election; only a win of a round
        # the text names ('X won the runoff') is stated in a sentence that tells of a later round
        later = bool(rounds.search(sentence.text))
        for verb in sentence.tokens:
            lemma = verb.lemma_.lower()
            if verb.pos_ != "VERB" or _not_done(verb):
                continue
            if lemma in words.declaring and _declaration(ctx, sentence, rule, verb, words, later):
                continue
            if lemma in words.declaring | words.confirming:
                _confirmation(ctx, sentence, rule, verb, words, later)
            else:
                _victor(ctx, sentence, rule, verb, words, later)
        for noun in sentence.tokens:  # 'X emerged as the clear winner of E', 'X was the winner of E'
            if noun.lemma_.lower() not in words.titles or noun.pos_ != "NOUN":
                continue
            part, named = _of_election(ctx, sentence, noun)
            if part or named is None:
                continue
            head = noun.head.head if noun.dep_ == "pobj" and noun.head.lower_ == "as" else noun.head
            if noun.dep_ not in {"attr", "pobj"} or head.pos_ not in {"VERB", "AUX"} or _not_done(head):
                continue
            if head.lemma_.lower() not in {"be", "emerge", "finish", "end"} | words.winning:
                continue
            for subject in subjects(head, "nsubj"):
                _state(ctx, sentence, rule, named, _winner(ctx, sentence, subject), later=later)
