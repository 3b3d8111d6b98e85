"""Laws named by their subject in lower case: `laws.subjects`, "the new elections law", "the draft electoral law",
"the political parties bill", "the law on political parties". Articles name most laws so, not by their titles; the
law is the country's (one node per subject and country), and a body's passing it (actions.approvals) then has an
act to approve. Only a subject of the rule's list makes a law: "the rule of law", "martial law", "law enforcement"
and "an election law expert" name none."""

from __future__ import annotations

from typing import TYPE_CHECKING

from govgraph.build.context import DocContext, Sentence
from govgraph.build.laws import legal_document_class
from govgraph.build.rules.base import Rule, implements
from govgraph.build.rules.registry import word_list

if TYPE_CHECKING:
    from spacy.tokens import Token


def _subject_before(noun: Token, subjects: frozenset[str]) -> list[Token]:
    """The subject words right before the noun ('political parties' of 'the political parties law')."""
    doc = noun.doc
    i = noun.i
    while i > noun.sent.start and doc[i - 1].is_lower and doc[i - 1].is_alpha and doc[i - 1].lower_ in subjects \
            and doc[i - 1].head.i > doc[i - 1].i:
        i -= 1
    return list(doc[i : noun.i])


def _subject_after(noun: Token, subjects: frozenset[str]) -> list[Token]:
    """The subject of 'the law on political parties': every word of the 'on' phrase a subject word or 'the' (the
    parser may hang the phrase on the verb: it is the one right after the noun)."""
    doc = noun.doc
    following = [doc[noun.i + 1]] if noun.i + 1 < len(doc) else []
    for child in [*noun.children, *following]:
        if child.dep_ == "prep" and child.lower_ == "on" and child.i == noun.i + 1:
            phrase = [t for t in child.subtree if t is not child]
            words = [t for t in phrase if t.lower_ != "the"]
            if words and all(t.is_lower and t.lower_ in subjects for t in words) and words[-1].i == phrase[-1].i:
                return phrase
    return []


def _covered(sentence: Sentence, token: Token) -> bool:
    return any(m.start <= token.idx < m.end for m in sentence.mentions)


@implements("laws.subjects")
def subject_laws(ctx: DocContext, rule: Rule) -> None:
    """A law (bill, code) of the article's country for each subject named in lower case before or after its noun."""
    nouns = word_list(rule, "law_nouns")
    subjects = word_list(rule, "subject_words")
    for sentence in ctx.sentences:
        for noun in sentence.tokens or ():
            if noun.lemma_.lower() not in nouns or noun.pos_ != "NOUN" or not noun.is_lower or _covered(sentence, noun):
                continue
            if noun.dep_ == "compound":
                continue  # 'an election law expert
            before, after = _subject_before(noun, subjects), _subject_after(noun, subjects)
            if before and before[-1].lower_ in subjects:
                first, last = before[0], noun
                label = " ".join(t.text.capitalize() for t in (*before, noun))
            elif after:
                first, last = noun, after[-1]
                label = f"{noun.text.capitalize()} on " + " ".join(
                    t.text if t.lower_ == "the" else t.text.capitalize() for t in after)
            else:
                continue
            key = ctx.new_entity("law", legal_document_class(noun.lemma_), label, scope=ctx.scope())
            ctx.add_mention(sentence, first.idx - sentence.start, last.idx + len(last.text) - sentence.start, key)
