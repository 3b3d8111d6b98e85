"""How a sentence describes a party by the words right before its name.

`parties.descriptions`: "the leftist Patriotic Party", "main opposition Republican People's Party", "the
pro-European PAS", "the largest party Nepali Congress", "the conservative group Chile Seguro" give the party a
gg:description ("leftist", "main opposition", "pro-European", "largest party", "conservative group"). The
words are the lowercase adjectives and noun modifiers that run up to the name, optionally closed by a party
noun; a determiner, a preposition, a verb (other than 'ruling') or punctuation ends them, but not the opening
quote of a quoted name ('the opposition party “X”'). Words that only point at a party ('own', 'other', 'new',
'former') describe nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from govgraph.build.context import DocContext, Sentence
from govgraph.build.lexicon import lexicon
from govgraph.build.parse import OPENING_QUOTES
from govgraph.build.records import Value
from govgraph.build.rules.base import Rule, implements

if TYPE_CHECKING:
    from spacy.tokens import Token

    from govgraph.build.records import Mention

PARTY_NOUNS = frozenset({"party", "coalition", "alliance", "bloc", "movement", "front", "group"})
MODIFIER_DEPS = frozenset({"amod", "compound", "nmod", "npadvmod"})


def _words(tokens: list[Token]) -> list[list[Token]]:
    """Tokens grouped into written words: 'center', '-', 'left' is one word."""
    words: list[list[Token]] = []
    for token in tokens:
        joined = words and (token.text == "-" or words[-1][-1].text == "-") and words[-1][-1].whitespace_ == ""
        if joined:
            words[-1].append(token)
        else:
            words.append([token])
    return words


LEADING_PARTICIPLES = frozenset({"led", "dominated", "backed"})


def _describing(word: list[Token], verbs: frozenset[str]) -> bool:
    """Whether a written word before a party's name may belong to its description."""
    first, last = word[0], word[-1]
    if not first.text[:1].islower():
        return False
    if len(word) > 1:  # 'center-left', 'pro-European', 'non-parliamentary'; not 'party-led' (who leads it)
        return last.text != "-" and last.lower_ not in LEADING_PARTICIPLES and all(
            t.is_alpha or t.text == "-" for t in word)
    if first.pos_ == "VERB":
        return first.lower_ in verbs
    return first.pos_ == "ADJ" or first.ent_type_ == "ORDINAL" or (first.pos_ == "NOUN" and first.dep_ in MODIFIER_DEPS)


def description_before(tokens: list[Token]) -> str | None:
    """The description the words right before a name give it ('the leftist' -> 'leftist'); None for none."""
    lex = lexicon()
    verbs, stops = lex.of("party-description-words"), lex.of("party-description-stops")
    run: list[list[Token]] = []
    for word in reversed(_words(tokens)):
        noun = not run and len(word) == 1 and word[0].text in PARTY_NOUNS  # 'the largest party Morena'
        if not noun and not _describing(word, verbs):
            break
        run.insert(0, word)
    texts = ["".join(t.text for t in word) for word in run]
    lowered = [text.lower() for text in texts]
    if not any(text not in PARTY_NOUNS for text in lowered) or any(text in stops for text in lowered):
        return None
    if any(text in PARTY_NOUNS for text in lowered[:-1]):
        return None  # 'party leader': a title, not a description
    return " ".join(texts)


def _tokens_before(sentence: Sentence, mention: Mention) -> list[Token]:
    """The tokens before a name, without the opening quote of a quoted name ('the opposition party “X”')."""
    if sentence.tokens is None:
        return []
    tokens = [t for t in sentence.tokens if t.idx + len(t.text) <= mention.start]
    return tokens[:-1] if tokens and tokens[-1].text in OPENING_QUOTES else tokens


@implements("parties.descriptions")
def party_descriptions(ctx: DocContext, rule: Rule) -> None:
    """gg:description of a party from the words right before its name."""
    for sentence in ctx.sentences:
        for mention in sentence.mentions:
            if not ctx.is_a(mention.entity, "PoliticalParty"):
                continue
            description = description_before(_tokens_before(sentence, mention)[-5:])
            if description is not None:
                ctx.claim(sentence, mention.entity, "gg:description", Value(description, "string"), rule.name, 0.75)
