"""Small readings of the dependency parse shared by the rules: token spans relative to a sentence."""

from __future__ import annotations

from typing import TYPE_CHECKING

from govgraph.build.dates import MONTHS

if TYPE_CHECKING:
    from spacy.tokens import Token

    from govgraph.build.context import Sentence


def token_span(sentence: Sentence, token: Token) -> tuple[int, int]:
    """The sentence-relative (start, end) of one token."""
    start = token.idx - sentence.start
    return start, start + len(token.text)


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
