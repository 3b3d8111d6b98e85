"""Parties and candidates as the sentence treats them: contestants of a vote, for any country.

A name becomes a gg:PoliticalParty of the article's country when the parse puts it in a contestant's role: it
is named by a party noun ("the ruling party Morena", "the opposition Pheu Thai party"), it has a candidate
("Morena's candidate", "the candidate of Morena"), it leads or forms a coalition ("a coalition led by X",
"the coalition formed by X, Y and Z"), or it won votes, a share or seats, or came first or second. A person in
the last role is a candidate (gg:Person). Names the reference data or other rules already type as something
else (countries, courts, commissions, news outlets) and names headed by an institution word are never parties.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from govgraph.build.context import DocContext, Sentence
from govgraph.build.lexicon import lexicon
from govgraph.build.rules.base import Rule, implements
from govgraph.ontology.terms import is_subclass

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

PARTY_NOUNS = frozenset({"party", "coalition", "alliance", "bloc", "movement", "front"})
MARKERS = PARTY_NOUNS | {"opposition"}  # a lowercase word before a name that makes it a party's
GROUPINGS = frozenset({"coalition", "alliance", "bloc"})
CANDIDATES = frozenset({"candidate", "nominee"})
FORMING = frozenset({"form", "comprise", "include", "make"})  # its members are parties
LEADING = frozenset({"lead", "head"})  # a party or a person
CONTEST = frozenset({"vote", "seat", "percent", "%", "share", "majority", "plurality", "support", "ballot"})
WINNING = frozenset({"win", "receive", "obtain", "get", "take", "secure", "garner", "poll", "gain", "capture"})
PLACES = frozenset({"first", "second", "third", "fourth", "fifth", "last"})
CANDIDATE_RACES = frozenset({"presidential", "runoff", "run-off", "presidency"})  # a race between persons
NOT_NAMES = frozenset({"GPE", "LOC", "DATE", "TIME", "MONEY", "PERCENT", "CARDINAL", "ORDINAL", "QUANTITY",
                       "FAC", "LAW", "EVENT", "WORK_OF_ART", "LANGUAGE", "PRODUCT"})


def name_tokens(token: Token) -> list[Token]:
    """The proper name a token heads: its flat compounds and itself ('Pheu Thai', 'European Solidarity')."""
    left = token
    while True:
        before = [c for c in left.children if c.i == left.i - 1 and c.dep_ in ("compound", "amod")
                  and (c.pos_ == "PROPN" or c.text[:1].isupper())]
        if not before:
            break
        left = before[0]
    return list(token.doc[left.i : token.i + 1])


def _following_name(token: Token) -> Token | None:
    """The last word of a proper name right after a token ('party Fuerza Nueva' -> 'Nueva')."""
    doc = token.doc
    j = token.i + 1
    while j < len(doc) and j < token.sent.end and doc[j].pos_ == "PROPN" and doc[j].text[:1].isupper():
        j += 1
    return doc[j - 1] if j > token.i + 1 else None


CONNECTORS = frozenset({"for", "of", "de", "del", "por", "para"})


def _of_tail(token: Token) -> list[Token]:
    """'Unity for Chile', 'Alliance for Change': a connector right after the name and the capitalized name it
    introduces, which the parse hangs on the first word."""
    doc = token.doc
    j = token.i + 1
    if j + 1 >= len(doc) or doc[j].lower_ not in CONNECTORS or doc[j].head != token:
        return []
    k = j + 1
    while k < len(doc) and k < token.sent.end and doc[k].pos_ == "PROPN" and doc[k].text[:1].isupper():
        k += 1
    return list(doc[j:k]) if k > j + 1 else []


def _is_name(tokens: list[Token]) -> bool:
    return bool(tokens) and all(t.text[:1].isupper() or t.text[:1].isdigit() for t in tokens) and any(
        t.pos_ == "PROPN" for t in tokens) and len(tokens) <= 6


def _institution(words: list[str]) -> bool:
    """A name headed by an institution word of the lexicon that is not a party's ('Electoral Commission')."""
    heads = lexicon().heads
    return any(w.lower() in heads and not is_subclass(heads[w.lower()], "PoliticalParty") for w in words)


def _acronym(token: Token) -> str | None:
    """'Justice and Development Party (AKP)': the acronym in parentheses right after the name."""
    doc = token.doc
    if token.i + 3 < len(doc) and doc[token.i + 1].text == "(" and doc[token.i + 3].text == ")":
        text = doc[token.i + 2].text
        if re.fullmatch(r"[A-Z][A-Za-z0-9]{1,7}", text) and sum(c.isupper() for c in text) >= 2:
            return text
    return None


NAMED = "named"  # a party noun names it: a party whatever the tagger says ('the ruling party Fuerza Nueva')
PARTY = "party"  # a party's role that a person may also hold ("X's candidate", 'led by X'): persons are skipped
EITHER = "either"  # a contestant's role: a person there is a candidate ('X won 40 percent', 'X came second')

STRENGTH = {NAMED: 2, PARTY: 1, EITHER: 0}


def contestant(ctx: DocContext, sentence: Sentence, token: Token, role: str) -> str | None:
    """The party (or in an EITHER role, the candidate) a token names, created when no rule knows it yet."""
    ent = next((e for e in sentence.tokens.ents if e.start <= token.i < e.end), None) if sentence.tokens else None
    if ent is not None and ent.label_ in NOT_NAMES and not (role == NAMED and ent.label_ == "LOC"):
        return None  # a party noun outweighs the tagger's 'LOC' ('formed by Morena'); a known place stays one
    if ent is not None and ent.label_ in ("ORG", "PERSON", "NORP") and token.i in (ent.end - 1, ent.root.i):
        tokens = [t for t in ent if t.lower_ != "the" and t.dep_ != "case"]  # "the", "'s"
        chain = name_tokens(token)
        if (role != EITHER or ent.label_ != "PERSON") and len(chain) > len(tokens) and chain[-1] == tokens[-1]:
            tokens = chain  # the tagger split a party's name: 'Comunidad' (GPE) 'Ciudadana' (PERSON), 'Christian' 'Democrats'
    else:
        tokens = name_tokens(token) + _of_tail(token)
    if not _is_name([t for t in tokens if t.lower_ not in CONNECTORS]) or _institution([t.text for t in tokens]):
        return None
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    tail = next((t.idx for t in tokens if t.lower_ in CONNECTORS), end)
    known = [m for m in sentence.mentions if m.start < end and m.end > start
             and not (tail < m.start and ctx.is_a(m.entity, "Country"))]  # 'Unity for Chile' names a country
    if known:
        entity = known[0].entity
        if ctx.is_a(entity, "PoliticalParty") or (role == EITHER and ctx.is_a(entity, "Person")):
            return entity
        return None  # typed as something else: a country, a court, a commission, a news outlet
    name = " ".join(t.text for t in tokens)
    untyped = ent is None or (ent.label_ == "ORG" and len(ent) == 1)  # a lone surname the tagger calls an organization
    full = _full_name(token) if untyped and len(tokens) == 1 and role != NAMED else None
    if full is not None:  # 'Ruto garnered 7,176,141 votes' after 'William Ruto': the person, never a party
        if role != EITHER:
            return None
        key = ctx.surnames.get(token.text) or ctx.new_entity("person", "Person", full)
        ctx.surnames.setdefault(token.text, key)
    elif candidate_in_race(sentence, ent, tokens, role):  # 'the ruling party Sergio Massa, who adds 44%'
        key = ctx.surnames.get(tokens[-1].text) or ctx.new_entity("person", "Person", name)
        ctx.surnames.setdefault(tokens[-1].text, key)
    elif role != NAMED and _a_person(ent, token) and tokens[-1].lower_ not in PARTY_NOUNS:
        if role != EITHER or len(tokens) < 2:
            return None
        key = ctx.surnames.get(tokens[-1].text) or ctx.new_entity("person", "Person", name)
        ctx.surnames.setdefault(tokens[-1].text, key)
    else:
        acronym = _acronym(tokens[-1])
        key = ctx.new_entity("party", "PoliticalParty", name, *([acronym] if acronym else []), scope=ctx.scope())
        if ctx.country_key and ctx.is_a(ctx.country_key, "Country"):
            ctx.claim(sentence, key, "gg:country", ctx.country_key, "parties", 0.7)
    ctx.add_mention(sentence, start - sentence.start, end - sentence.start, key)
    return key


def candidate_in_race(sentence: Sentence, ent: Span | None, tokens: list[Token], role: str) -> bool:
    """A name of two or three words in a sentence about a race between persons (a presidential election or a
    runoff) is a candidate's: one the tagger calls a person's even after a party noun, or one it left untyped
    (or took for an organization's) in a contestant's role ('Ana Lopez received 638,560 votes')."""
    if role == PARTY or not 2 <= len(tokens) <= 3 or tokens[-1].lower_ in PARTY_NOUNS or sentence.tokens is None:
        return False
    if not any(t.lower_ in CANDIDATE_RACES for t in sentence.tokens):
        return False
    if ent is not None and ent.label_ == "PERSON" and len(ent) >= 2:
        return True
    untyped = ent is None or ent.label_ == "ORG"  # no party noun in it: a party does not run for president
    return role == EITHER and untyped and all(t.text[:1].isupper() and t.text[1:].islower() for t in tokens)


def _a_person(ent: Span | None, token: Token) -> bool:
    """A name the tagger calls a person's, or an untyped one set off with an 'of' phrase ('NAME, of the Popular
    Front, came second': a party is not 'of' a party)."""
    if ent is not None:
        return ent.label_ == "PERSON"
    doc = token.doc
    return any(c.dep_ == "prep" and c.lower_ == "of" and c.i == token.i + 2 and doc[token.i + 1].text == ","
               for c in token.children)


def _full_name(token: Token) -> str | None:
    """The full name of a person the document names whose last word this token is ('Ruto' -> 'William Ruto')."""
    names = {e.text for e in token.doc.ents if e.label_ == "PERSON" and len(e) >= 2 and e[-1].text == token.text
             and all(t.text[:1].isupper() for t in e)}
    return min(names, key=len) if names else None


def _with_conjuncts(token: Token) -> list[Token]:
    out = [token]
    for child in token.children:
        if child.dep_ == "conj":
            out += _with_conjuncts(child)
    return out


def roles(token: Token) -> list[tuple[Token, str]]:
    """The names a token puts in a contestant's role, each with the role (NAMED, PARTY or EITHER)."""
    lemma = token.lemma_.lower()
    out: list[tuple[Token, str]] = []
    if lemma in PARTY_NOUNS and token.pos_ == "NOUN" and token.text.islower():
        # 'the ruling party Morena', 'the opposition Pheu Thai party'
        out += [(c, NAMED) for c in token.children if c.dep_ == "appos" and c.i - token.i <= 2 and c.pos_ == "PROPN"]
        out += [(c, NAMED) for c in token.children if c.dep_ == "compound" and c.i == token.i - 1 and c.pos_ == "PROPN"]
        following = _following_name(token)
        if following is not None and token.dep_ == following.dep_:  # the parser's two subjects: 'party Fuerza Nueva'
            out.append((following, NAMED))
    if token.pos_ == "PROPN" and any(c.dep_ in ("compound", "amod") and c.i < token.i and c.text.islower()
                                     and c.lemma_.lower() in MARKERS for c in token.children):
        out.append((token, NAMED))  # 'the ruling party Frente Amplio', 'the opposition Pheu Thai'
    if lemma == "opposition" and token.text.islower():
        following = _following_name(token)
        if following is not None and token.dep_ == following.dep_:  # 'the opposition Comunidad Ciudadana came'
            out.append((following, NAMED))
    if lemma in CANDIDATES:  # "Morena's candidate", 'the candidate of Morena'
        out += [(c, PARTY) for c in token.children if c.dep_ == "poss"]
        out += [(p, PARTY) for c in token.children if c.dep_ == "prep" and c.lower_ == "of"
                for p in c.children if p.dep_ == "pobj"]
    if lemma in GROUPINGS:  # 'a coalition led by X', 'the coalition formed by X, Y and Z'
        for verb in token.children:
            if verb.dep_ == "acl" and verb.lemma_.lower() in FORMING | LEADING:
                role = NAMED if verb.lemma_.lower() in FORMING else PARTY
                out += [(p, role) for c in verb.children if c.dep_ == "agent"
                        for pobj in c.children if pobj.dep_ == "pobj" for p in _with_conjuncts(pobj)]
    if token.pos_ == "VERB" and lemma in WINNING | {"lead"}:  # 'X won 40 percent', 'X leads a coalition'
        objects = [c for c in token.children if c.dep_ == "dobj"]
        wins = any(o.lemma_.lower() in CONTEST or any(t.lemma_.lower() in CONTEST for t in o.subtree)
                   for o in objects) if lemma != "lead" else any(o.lemma_.lower() in GROUPINGS for o in objects)
        subjects = [c for c in token.children if c.dep_ == "nsubj"]
        if wins and len(subjects) == 1:  # two subjects: a parse gone wrong
            out += [(s, EITHER if lemma != "lead" else PARTY) for s in _with_conjuncts(subjects[0])]
    if token.pos_ == "VERB" and lemma in ("come", "finish", "place") and any(  # 'X came second'
            c.lower_ in PLACES and c.dep_ in ("advmod", "npadvmod", "acomp", "oprd", "attr") for c in token.children):
        subjects = [c for c in token.children if c.dep_ == "nsubj"]
        out += [(c, EITHER) for c in subjects if len(subjects) == 1]
    return out


@implements("parties.contestants")
def contestants(ctx: DocContext, rule: Rule) -> None:
    """Register the parties and candidates the sentences treat as contestants."""
    for sentence in ctx.sentences:
        if sentence.tokens is None:
            continue
        found: dict[int, tuple[Token, str]] = {}
        for token in sentence.tokens:
            for named, role in roles(token):
                if named.pos_ in ("PROPN", "NOUN") and named.text[:1].isupper() and (
                        named.i not in found or STRENGTH[role] > STRENGTH[found[named.i][1]]):
                    found[named.i] = (named, role)  # a party noun outweighs 'X won': 'the party Frente Amplio won'
        for named, role in sorted(found.values(), key=lambda pair: pair[0].i):
            contestant(ctx, sentence, named, role)
