"""The country's constitution as the article names it without its country: "the constitution", "the 2014
Constitution", "its constitution", "adopted a new constitution".

Rule `laws.constitutions`: in an article about one country (`people.article_country`), such a phrase is the
Constitution of that country (one node per country, as the reference data keeps it), which belongs to the country;
a year before the word dates it ("the 2014 Constitution"). A draft, proposed, interim or former constitution is
another document and stays unnamed; so does "a new constitution" that is only being written: an indefinite "new
constitution" counts only as the object of a past verb of adoption ("Nepal adopted a new constitution"), and "the
new constitution" only in an article that says so.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from govgraph.build.context import DocContext, Sentence
from govgraph.build.keys import slug
from govgraph.build.people import article_country
from govgraph.build.records import Value
from govgraph.build.rules.base import Rule, implements

if TYPE_CHECKING:
    from spacy.tokens import Token

# Modifiers that keep the phrase the country's constitution in force; any other ('draft', 'interim') names another.
SAME_DOCUMENT = frozenset({"current", "existing", "present", "national", "amended"})
OWNERS = frozenset({"its", "their", "our", "your", "country", "nation", "state"})
ADOPTION_VERBS = frozenset({"adopt", "promulgate", "enact", "ratify", "approve", "introduce"})
_YEAR = re.compile(r"(?:1[89]|20)\d\d")


def _adopted(token: Token) -> bool:
    """'adopted a new constitution', 'a new constitution was promulgated': the object of a past verb of adoption."""
    verb = token.head
    return (token.dep_ in {"dobj", "nsubjpass"} and verb.lemma_.lower() in ADOPTION_VERBS
            and verb.tag_ in {"VBD", "VBN"})


def _left_words(token: Token) -> list[Token]:
    """The words right before the noun, back to its determiner or possessive ('draft' in 'the draft Constitution',
    whatever the parse attaches it to)."""
    words = []
    i = token.i - 1
    while i >= token.sent.start and token.doc[i].pos_ in {"ADJ", "NOUN", "PROPN", "NUM", "VERB"} \
            and token.doc[i].dep_ not in {"poss"}:
        words.append(token.doc[i])
        i -= 1
    return words


def _reading(token: Token, country_words: set[str]) -> tuple[str, str | None] | None:
    """('plain' | 'new' | 'adopted-new', year) for a phrase naming the country's constitution, else None."""
    year = None
    new = indefinite = False
    if any(w.lower_ not in SAME_DOCUMENT | {"new"} and not _YEAR.fullmatch(w.text) for w in _left_words(token)):
        return None
    for child in token.children:
        word = child.lower_
        if child.dep_ == "det":
            if word in {"a", "an"}:
                indefinite = True
            elif word not in {"the", "this"}:
                return None
        elif child.dep_ == "poss":
            if word not in OWNERS and child.text.removesuffix("’s").removesuffix("'s") not in country_words \
                    and not any(w in OWNERS for w in (g.lower_ for g in child.subtree)):
                return None
        elif child.dep_ in {"amod", "compound", "nummod", "nmod"}:
            if _YEAR.fullmatch(child.text):
                year = child.text
            elif word == "new":
                new = True
            elif word not in SAME_DOCUMENT:
                return None
        elif child.dep_ == "case":
            continue
    if indefinite:
        return ("adopted-new", year) if new and _adopted(token) else None
    return ("new" if new else "plain"), year


@implements("laws.constitutions")
def constitutions(ctx: DocContext, rule: Rule) -> None:
    country = article_country(ctx)
    if country is None or ctx.parsed is None:
        return
    entry = ctx.gazetteer.entries[country]
    country_words = {entry.label, *entry.aliases}
    label = f"Constitution of {entry.label}"
    found: list[tuple[Sentence, int, int, str, str | None]] = []
    for sentence in ctx.sentences:
        if sentence.tokens is None:
            continue
        taken = [(m.start - sentence.start, m.end - sentence.start) for m in sentence.mentions
                 if ctx.is_a(m.entity, "Document")]  # a reform's span ('amend the constitution') may cover it
        for token in sentence.tokens:
            if token.lower_ != "constitution" or token.dep_ == "compound":
                continue
            following = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
            if following is not None and following.lower_ == "of":
                continue  # 'the Constitution of Zambia' has its own name; 'constitution of the union' is another
            start = token.idx - sentence.start
            if any(s < start + len(token) and start < e for s, e in taken):
                continue
            reading = _reading(token, country_words)
            if reading is not None:
                found.append((sentence, start, start + len(token), *reading))
    if not any(kind == "adopted-new" for _, _, _, kind, _ in found):
        found = [f for f in found if f[3] == "plain"]
    if not found:
        return
    key = ctx.gazetteer.lookup(label, country) or ctx.add_entity(
        f"law/{country.split('/', 1)[0]}/{slug(label)}", "Constitution", label)
    for n, (sentence, start, end, _, year) in enumerate(found):
        ctx.add_mention(sentence, start, end, key)
        if n == 0:
            ctx.claim(sentence, key, "gg:country", country, rule.name, 0.8)
        if year is not None:
            ctx.claim(sentence, key, "gg:date", Value(year, "gYear"), rule.name, 0.8)
