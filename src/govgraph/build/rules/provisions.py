"""Articles of a constitution and what rests on them or changes them.

Rule `laws.provisions`: "Article 76 (2) of the constitution", "articles 59, 88, 92 and 94 of the Constitution",
"constitutional articles 212, 213" name provisions (one node per article) of the constitution the sentence names
there; then

* "appointed X as prime minister as per Article 76(2)", "elected as President under the provisions of Article 138":
  the tenure of the person appointed or elected (the verb's object, not its subject) rests on the article;
* "the reform, which modifies articles 59, 88 ...", "amending articles 212, 213": the reform revises the articles;
* "articles 212, 213 concerning the National Press and Media Association": the articles regulate that body.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from govgraph.build.context import DocContext, Sentence
from govgraph.build.keys import slug
from govgraph.build.people import tenure_key
from govgraph.build.rules.base import Rule, implements
from govgraph.build.rules.registry import regex

if TYPE_CHECKING:
    from spacy.tokens import Token

_NUMBER = re.compile(r"\d+[a-z]?(?:\s*\(\w{1,4}\))*")


def _article_numbers(text: str) -> list[str]:
    """'59, 88, 92 and 94' -> ['59', '88', '92', '94']; '76 (2)' -> ['76(2)']."""
    return [re.sub(r"\s+", "", n) for n in _NUMBER.findall(text)]


def _constitution(ctx: DocContext, sentence: Sentence, start: int, end: int) -> str | None:
    return ctx.mention_at(sentence, start, end, "Constitution")


def _covering(ctx: DocContext, sentence: Sentence, token: Token) -> list[str]:
    start, end = token.left_edge.idx - sentence.start, token.right_edge.idx + len(token.right_edge) - sentence.start
    return [m.entity for m in ctx.mentions_in(sentence, start, end)]


def _appointee_tenure(ctx: DocContext, sentence: Sentence, verb: Token) -> str | None:
    """The tenure of the person a verb of appointing or electing puts in office: its object (active) or its subject
    (passive), in the office its 'as' phrase names ('as the prime minister')."""
    passive = any(c.dep_ == "auxpass" for c in verb.children)
    people = [e for c in verb.children if c.dep_ == ("nsubjpass" if passive else "dobj") for e in _covering(ctx, sentence, c)
              if ctx.is_a(e, "Person")]
    roles = [g for c in verb.children if c.dep_ == "prep" and c.lower_ == "as" for g in c.children if g.dep_ == "pobj"]
    for person in people:
        for role in roles:
            words = " ".join(t.lower_ for t in role.doc[role.left_edge.i : role.i + 1] if t.dep_ != "det")
            tenures = [key for key, entity in ctx.extraction.entities.items()
                       if key.startswith(tenure_key(person, "x")[:-1]) and f" as {words}" in entity.label.lower()]
            if len(tenures) == 1:
                return tenures[0]
    return None


@implements("laws.provisions")
def provisions(ctx: DocContext, rule: Rule) -> None:
    pattern, basis = regex(rule, "articles"), regex(rule, "basis")
    for sentence in ctx.sentences:
        text = sentence.text
        for match in pattern.finditer(text):
            owner = _constitution(ctx, sentence, match.start("of"), match.end("of")) if match.group("of") else None
            if owner is None and match.group("adj"):
                owner = next((m.entity for m in ctx.extraction.mentions if ctx.is_a(m.entity, "Constitution")), None)
            if owner is None:
                continue
            title = ctx.extraction.entities[owner].label if owner in ctx.extraction.entities else \
                ctx.gazetteer.entries[owner].label
            articles = []
            for number in _article_numbers(match.group("nums")):
                label = f"Article {number} of the {title}"
                key = ctx.add_entity(f"law/{ctx.scope()}/{slug(label)}", "Provision", label)
                ctx.claim(sentence, key, "gg:provisionOf", owner, rule.name, 0.85)
                articles.append(key)
            ctx.add_mention(sentence, match.start(), match.end(), articles[0])
            _links(ctx, rule, sentence, match, articles, basis.search(text[: match.start()]) is not None)


def _links(ctx: DocContext, rule: Rule, sentence: Sentence, match: re.Match[str], articles: list[str],
           as_basis: bool) -> None:
    if sentence.tokens is None:
        return
    first = next((t for t in sentence.tokens if t.idx - sentence.start >= match.start()), None)
    if first is None:
        return
    verb = first
    while verb.pos_ not in {"VERB", "AUX"} and verb.head.i != verb.i:
        verb = verb.head
    lemma = verb.lemma_.lower()
    if as_basis and lemma in rule.patterns["appointing_verbs"]["words"]:
        tenure = _appointee_tenure(ctx, sentence, verb)
        for article in articles:
            if tenure is not None:
                ctx.claim(sentence, tenure, "gg:legalBasis", article, rule.name, 0.8)
    refused = any(c.dep_ == "neg" for c in verb.children) or verb.head.lemma_.lower() in rule.patterns[
        "refusing_verbs"]["words"]  # 'excluded amending articles 212, 213'
    if lemma in rule.patterns["amending_verbs"]["words"] and not refused:
        reform = next((m.entity for m in sentence.mentions if ctx.is_a(m.entity, "Reform")
                       and m.start - sentence.start < match.start()), None)
        for article in articles:
            if reform is not None:
                ctx.claim(sentence, reform, "gg:revises", article, rule.name, 0.75)
    about = re.match(r"\s*,?\s*(?:concerning|regarding)\s+(?:the\s+)?", sentence.text[match.end():])
    following = ctx.mentions_in(sentence, match.end() + about.end(), len(sentence.text)) if about else []
    if about and following and following[0].start - sentence.start == match.end() + about.end():
        for article in articles:
            ctx.claim(sentence, article, "gg:regulates", following[0].entity, rule.name, 0.75)
