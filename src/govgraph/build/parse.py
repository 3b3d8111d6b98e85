"""Small readings of the dependency parse shared by the rules: token spans relative to a sentence."""

from __future__ import annotations

from typing import TYPE_CHECKING

from govgraph.build.dates import MONTHS

OPENING_QUOTES = frozenset({'"', "'", "“", "‘", "«", "„"})
CLOSING_QUOTES = frozenset({'"', "'", "”", "’", "»", "“"})

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from govgraph.build.context import Sentence


def token_span(sentence: Sentence, token: Token) -> tuple[int, int]:
    """The sentence-relative (start, end) of one token."""
    start = token.idx - sentence.start
    return start, start + len(token.text)


def proper_name_span(sentence: Sentence, ent: Span) -> tuple[int, int] | None:
    """The sentence-relative (start, end) of a recognised name without a leading 'the', when every word of it is
    capitalized ('the Gambia' -> 'Gambia'; 'northern Velgrad' is no name)."""
    words = [t for t in ent if t.lower_ != "the"]
    if not words or not all(t.text[:1].isupper() for t in words):
        return None
    return words[0].idx - sentence.start, words[-1].idx + len(words[-1]) - sentence.start


def phrase_span(sentence: Sentence, token: Token) -> tuple[int, int]:
    """The noun phrase a token heads, up to the token itself: 'the civil unrest' for 'unrest'."""
    return token.left_edge.idx - sentence.start, token_span(sentence, token)[1]


def subtree_span(sentence: Sentence, token: Token) -> tuple[int, int]:
    """The whole subtree of a token: 'the unitary type of administration' for 'type'."""
    right = token.right_edge
    return token.left_edge.idx - sentence.start, right.idx - sentence.start + len(right.text)


_FULL_MONTHS = frozenset(name for name in MONTHS if len(name) > 3)


def is_month(token: Token) -> bool:
    """A capitalized month name ('May' only where the tagger reads a proper noun or a date)."""
    lower = token.text.lower()
    return token.text[:1].isupper() and (lower in _FULL_MONTHS or (lower == "may" and (token.pos_ == "PROPN" or
                                                                                      token.ent_type_ == "DATE")))


def lemma_in(token: Token, words: frozenset[str]) -> bool:
    """Whether the token's lemma, its lower-case text or that text without a plural 's' is one of `words`
    (the lemmatizer leaves some plurals: 'MPs')."""
    lower = token.lower_
    return token.lemma_.lower() in words or lower in words or (lower.endswith("s") and lower[:-1] in words)


def noun_span(sentence: Sentence, token: Token) -> tuple[int, int]:
    """The noun phrase a token heads with its 'of' complements, without clauses, appositions or what follows a comma:
    'the Autonomous Region in Muslim Mindanao' but not ', which was created in 1989'."""
    cut = [t for child in token.children if child.dep_ in ("relcl", "acl", "appos", "punct", "cc", "conj", "advcl")
           and child.i > token.i for t in child.subtree]
    first_cut = min((t.i for t in cut), default=None)
    tokens = [t for t in token.subtree if first_cut is None or t.i < first_cut]
    while tokens and tokens[0].dep_ in ("det", "punct"):
        tokens.pop(0)
    if not tokens:
        return token_span(sentence, token)
    last = tokens[-1]
    return tokens[0].idx - sentence.start, last.idx - sentence.start + len(last.text)


def bounded(before: str) -> bool:
    """Whether the words right before a number make it a bound ('more than', 'at least', 'nearly'): then the number
    is not the value ('more than 200' is not 200)."""
    from govgraph.build.lexicon import lexicon

    words = before.lower().split()
    return any(" ".join(words[-len(b.split()):]) == b for b in lexicon().of("bound-words") if len(words) >= len(b.split()))


def subjects(verb: Token, dep: str) -> list[Token]:
    """The verb's subjects of kind `dep` ("nsubj", "nsubjpass") with their conjuncts, or its head's when it is the
    second verb of a coordination ('debated and approved'); a relative pronoun stands for the noun its clause
    describes."""
    own = [c for c in verb.children if c.dep_ == dep]
    between = verb.doc[verb.head.i + 1 : verb.i]
    if not own and verb.dep_ == "conj" and not any(t.is_punct for t in between):  # not 'X founded, and Y won'
        own = [c for c in verb.head.children if c.dep_ == dep]
    if verb.dep_ == "relcl" and verb.head.i < verb.i:  # 'X, who was declared the winner': X
        own = [verb.head if c.tag_ in {"WP", "WDT"} else c for c in own]
    return [t for s in own for t in (s, *s.conjuncts)]


def agents(verb: Token) -> list[Token]:
    """The 'by' phrase of a passive verb with its conjuncts, also where the parser hangs it on the verb's
    complement."""
    heads = [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
    if not heads:
        heads = [g for t in verb.subtree if t.dep_ == "prep" and t.lower_ == "by" for g in t.children
                 if g.dep_ == "pobj"]
    return [t for h in heads[:1] for t in (h, *h.conjuncts)]


def undergoer_and_actor(verb: Token) -> tuple[list[Token], list[Token]]:
    """What a verb acts on and who acts, active or passive: 'the court upheld the vote' and 'the vote was upheld
    by the court' both give ([vote], [court]); each list with its conjuncts."""
    passive = subjects(verb, "nsubjpass")
    if passive:
        return passive, agents(verb)
    objects = [t for c in verb.children if c.dep_ == "dobj" for t in (c, *c.conjuncts)]
    return objects, subjects(verb, "nsubj")


_WILL = frozenset({"will", "shall", "'ll", "’ll", "wo"})
_PRESENT_AUX = frozenset({"is", "are", "am", "'s", "’s", "'re", "’re", "has", "have", "been"})
_PAST_AUX = frozenset({"had", "was", "were", "did", "has", "have"})


def clause_tense(token: Token) -> str | None:
    """Whether the clause a word (a date) belongs to tells of what is to come ('future') or of what happened ('past'),
    or None when the parse does not say: 'will hold elections on April 20', 'prepares to hold elections on April 20'
    (a present verb of intent before the infinitive, lexicon scheme intent-verbs), 'elections are scheduled for April
    20', 'elections to be held on April 20', 'the upcoming elections on April 20' (coming-words) are to come;
    'held elections on April 20', 'the elections held on April 20 were boycotted' happened."""
    from govgraph.build.lexicon import lexicon

    intents, coming = lexicon().of("intent-verbs"), lexicon().of("coming-words")
    node = token
    while True:
        if node.lower_ in coming or any(c.lower_ in coming for c in node.children if c.dep_ in ("amod", "advmod")):
            return "future"
        auxiliaries = [c for c in node.children if c.dep_ in ("aux", "auxpass")]
        if node.pos_ in ("VERB", "AUX") and not (node.dep_ == "acl" and not auxiliaries):
            break  # a participle without auxiliary ('the elections held on April 20') takes its noun's clause
        if node.head.i == node.i:
            return None
        node = node.head
    words = {a.lower_ for a in auxiliaries}
    if words & _WILL or (node.lemma_.lower() in intents and node.tag_ == "VBN" and words & _PRESENT_AUX):
        return "future"
    if node.lemma_.lower() in intents and node.tag_ == "VBN":
        return None  # 'was scheduled for April 20': planned then, held or not
    if "to" in words:
        if node.dep_ == "acl":
            return "future"  # 'elections to be held on April 20'
        governor = node.head
        governing = {c.lower_ for c in governor.children if c.dep_ in ("aux", "auxpass")}
        if node.dep_ in ("xcomp", "advcl") and governor.lemma_.lower() in intents and (
                governor.tag_ in ("VBZ", "VBP") or governing & _WILL or (governor.tag_ in ("VBN", "VBG", "JJ")
                                                                       and governing & _PRESENT_AUX - {"has", "have"})):
            return "future"
        return None
    if node.tag_ == "VBD" or words & _PAST_AUX:
        return "past"
    return None


CONDITIONS = frozenset({"if", "unless"})
MODALS = frozenset({"will", "would", "could", "might", "may", "must", "shall", "should", "can", "'ll", "’ll"})


def conditional(token: Token) -> bool:
    """Whether the clause of a word holds only under a condition: the word is inside an 'if' or 'unless' clause ('if
    an election is held'), or its clause is modal and has one ('an election must be held within 60 days if he is
    removed', 'Fiji will hold a snap election if the coalition collapses')."""
    node = token
    while node.pos_ not in ("VERB", "AUX") and node.head.i != node.i:
        node = node.head
    while True:
        if any(c.dep_ == "mark" and c.lower_ in CONDITIONS for c in node.children):
            return True
        if node.dep_ not in ("xcomp", "conj", "ccomp") or node.head.i == node.i:
            break
        node = node.head
    modal = any(c.dep_ in ("aux", "auxpass") and c.lower_ in MODALS for c in node.children)
    return modal and any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in CONDITIONS for m in c.children)
                         for c in node.children)
