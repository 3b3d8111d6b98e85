"""Laws, strategies and other documents sentences name, what they regulate, and who proposes them."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from govgraph.build.context import DocContext, Sentence, clean_phrase
from govgraph.build.dates import find_dates
from govgraph.build.keys import slug
from govgraph.build.lexicon import institution_class, lexicon
from govgraph.build.parse import noun_span, subtree_span
from govgraph.build.records import Value
from govgraph.build.rules.base import Rule, implements
from govgraph.build.rules.registry import matcher
from govgraph.ontology.terms import is_subclass

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

_LAWS_ON = re.compile(
    r"\b(?P<kind>[Cc]onstitutional\s+laws?|[Ll]aws?|[Dd]ecrees?|[Cc]odes?|[Bb]ills?)\s+(?:on|about|regulating)\s+"
    r"(?P<list>(?:the\s+)?[A-Z][^,.;]{2,120}?)(?=\s+(?:was|were|is|are|will|has|have|had)\b|[,.;]|$)")
_LAW_TITLED = re.compile(
    r"\b(?P<kind>(?:[Cc]onstitutional\s+)?[Ll]aw|[Cc]ode|[Dd]ecree)\s+[“\"](?P<title>On\s+[^”\"]{2,80})[”\"]")
MAKING_VERBS = frozenset({"adopt", "pass", "draft", "develop", "introduce", "enact", "write", "prepare"})
NEED_MODALS = frozenset({"should", "must", "ought", "needs", "need", "has", "have"})
PROPOSING_VERBS = frozenset({"propose", "suggest", "call", "initiate", "decide", "order", "instruct", "urge"})
# verbs of revising a document -> the noun of the act; the nouns themselves
REVISIONS = {"revise": "revision", "amend": "amendment", "update": "update", "review": "review", "replace": "replacement",
             "repeal": "repeal", "adopt": "adoption", "draft": "drafting", "rewrite": "rewriting"}
REVISION_NOUNS = frozenset({*REVISIONS.values(), "overhaul"})
_SPEAKER_AFTER_QUOTE = re.compile(r"[”\"]\s*,?\s*(?P<who>he|she)\s+(?:said|noted|stressed|added|stated|emphasized)", re.I)

def singular(word: str) -> str:
    word = word.lower()
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


class Laws:
    """Documents of one article."""

    def __init__(self, ctx: DocContext) -> None:
        self.ctx = ctx
        self.people_by_sentence: list[str | None] = []
        last = None
        for sentence in ctx.sentences:
            people = [m for m in sorted(sentence.mentions, key=lambda m: m.start) if ctx.is_a(m.entity, "Person")]
            if people:
                last = people[-1].entity
            self.people_by_sentence.append(last)

    def law(self, kind: str, label: str, scope: str) -> str:
        """A document of a kind ('constitutional law', 'decree'), its class from the lexicon."""
        words = singular(kind).split()
        cls = institution_class(words[-1], kind) if document_class(words[-1]) else None
        return self.ctx.new_entity("law", cls or "LegalDocument", label, scope=scope)

    def scan(self, sentence: Sentence) -> None:
        self.laws_on(sentence)
        self.titled(sentence)
        self.should_adopt(sentence)
        self.revisions(sentence)

    def laws_on(self, sentence: Sentence) -> None:
        """'Constitutional laws on the Constitutional Court and the Commissioner for Human Rights were adopted'."""
        ctx = self.ctx
        for match in _LAWS_ON.finditer(sentence.text):
            kind = singular(match.group("kind"))
            offset = match.start("list")
            listed = match.group("list")
            verbs = [t.idx - sentence.start for t in sentence.tokens or () if t.pos_ in ("VERB", "AUX")
                     and match.start("list") < t.idx - sentence.start < match.end("list")]
            if verbs:  # 'the Law on the Constitutional Court passed by 101 votes': the list ends before its verb
                listed = sentence.text[match.start("list") : verbs[0]].rstrip(" ,")
            for piece in re.split(r",\s+|\s+and\s+", listed):
                start = sentence.text.find(piece, offset)
                offset = start + len(piece)
                regulated = ctx.mention_at(sentence, start, start + len(piece))
                if regulated is None:
                    continue
                label = f"{kind} on the {clean_phrase(piece)}" if piece.lower().startswith("the ") else f"{kind} on {piece}"
                law = self.law(kind, label, ctx.scope())
                ctx.add_mention(sentence, start, start + len(piece), law)
                ctx.claim(sentence, law, "gg:regulates", regulated, "law:on", 0.85)

    def titled(self, sentence: Sentence) -> None:
        """'the updated constitutional law "On Elections"'."""
        ctx = self.ctx
        for match in _LAW_TITLED.finditer(sentence.text):
            kind = singular(match.group("kind"))
            law = self.law(kind, f"{kind} \u201c{match.group('title')}\u201d", ctx.scope())
            ctx.add_mention(sentence, match.start(), match.end(), law)
            for mention in sentence.mentions:
                if ctx.is_a(mention.entity, "Change", "Reform") and mention.start >= sentence.start + match.end():
                    ctx.claim(sentence, mention.entity, "gg:adoptedThrough", law, "law:titled", 0.7)

    def speaker(self, sentence: Sentence) -> str | None:
        """Who says a quoted sentence: 'he said' after the quote, or a named speaker."""
        ctx = self.ctx
        if _SPEAKER_AFTER_QUOTE.search(sentence.text):
            return self.people_by_sentence[sentence.index - 1] if sentence.index else None
        people = [m.entity for m in sentence.mentions if ctx.is_a(m.entity, "Person")]
        return people[0] if people else None

    def should_adopt(self, sentence: Sentence) -> None:
        """'a special law should be adopted,” he said', 'a new electoral code must be drafted': a document not yet made
        (an indefinite subject of a passive verb of making, with a modal of need) and who calls for it."""
        ctx = self.ctx
        if sentence.tokens is None:
            return
        for verb in sentence.tokens:
            if verb.lemma_.lower() not in MAKING_VERBS or not any(c.dep_ == "auxpass" for c in verb.children):
                continue
            if not any(c.dep_ == "aux" and c.lower_ in NEED_MODALS for c in verb.children):
                continue
            subject = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
            if subject is None or document_class(singular(subject.lower_)) is None or not any(
                    c.dep_ == "det" and c.lower_ in ("a", "an") for c in subject.children):
                continue
            start, end = noun_span(sentence, subject)
            np = clean_phrase(sentence.text[start:end])
            law = self.law(singular(subject.lower_), np, slug(ctx.doc.doc_id))
            ctx.add_mention(sentence, start, end, law)
            proposer = self.speaker(sentence)
            if proposer:
                ctx.claim(sentence, law, "gg:proposedBy", proposer, "law:should-adopt", 0.75)

    def revisions(self, sentence: Sentence) -> None:
        """'Tokayev proposed to revise the Kazakhstan 2050 Strategy', 'the president called for the revision of the Electoral
        Code', 'Sandu ordered the government to amend the code': a proposed revision of a document and who proposed it."""
        ctx = self.ctx
        if sentence.tokens is None:
            return
        for verb in sentence.tokens:
            if verb.lemma_.lower() not in PROPOSING_VERBS or verb.pos_ != "VERB":
                continue
            actions = [c for c in verb.children if c.dep_ == "xcomp" and c.lemma_.lower() in REVISIONS] + [
                g for c in verb.children if c.dep_ == "prep" and c.lower_ == "for" for g in c.children
                if g.dep_ == "pobj" and g.lemma_.lower() in REVISION_NOUNS]
            for action in actions:
                objects = [c for c in action.children if c.dep_ == "dobj"] + [
                    g for c in action.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
                target = next((m for o in objects for m in ctx.mentions_in(sentence, *subtree_span(sentence, o))
                               if ctx.is_a(m.entity, "Document")), None)
                if target is None:
                    continue
                subjects = [c for c in verb.children if c.dep_ == "nsubj"]
                agent = ctx.person_named(sentence, *subtree_span(sentence, subjects[0])) if subjects else None
                noun = REVISIONS.get(action.lemma_.lower(), action.lemma_.lower())
                label = f"{noun} of the {ctx.extraction.entities[target.entity].label}"
                proposal = ctx.new_entity("change", "Change", label, scope=ctx.scope())
                ctx.add_mention(sentence, action.idx - sentence.start, target.end - sentence.start, proposal)
                ctx.claim(sentence, proposal, "gg:revises", target.entity, "law:revision", 0.8)
                if agent:
                    ctx.claim(sentence, proposal, "gg:proposedBy", agent, "law:revision", 0.8)


def scan_laws(ctx: DocContext) -> None:
    laws = Laws(ctx)
    for sentence in ctx.sentences:
        laws.scan(sentence)


# ------------------------------------------------------------------ legal acts by number, their signers and proposers

SIGN_VERBS = frozenset({"sign", "enact", "promulgate"})
DATING_VERBS = SIGN_VERBS | {"adopt"}
PROPOSE_VERBS = frozenset({"propose", "introduce", "table", "submit", "sponsor", "initiate"})
_OF_DATE = re.compile(r"\s*,?\s*(?:of|dated|from)\s+")


def document_class(word: str) -> str | None:
    """The class of a document a word names ('decree' -> Decree, 'strategy' -> Strategy), else None."""
    cls = lexicon().heads.get(word.lower())
    return cls if cls and is_subclass(cls, "Document") else None


def legal_document_class(head: str) -> str:
    cls = document_class(head)
    return cls if cls and is_subclass(cls, "LegalDocument") else "LegalDocument"


def _name_start(tokens: Span, first: int) -> int:
    """Extend a document's name to the left over its capitalized words: 'the Constitution of Zambia (Amendment) Bill'."""
    doc = tokens.doc
    start = first
    while start - 1 >= tokens.start and first - start < 8:
        token = doc[start - 1]
        if not (token.is_title or (token.is_upper and len(token) > 1) or token.text in ("(", ")") or token.lower_ == "of"):
            break
        start -= 1
    while start < first and (doc[start].lower_ in ("of", "the") or doc[start].text in ("(", ")")):
        start += 1
    return start


def numbered_acts(ctx: DocContext, rule: Rule, sentence: Sentence) -> None:
    """'Decree No. 888 of May 5, 2022', 'Republic Act 11054', 'the 22nd Amendment': one node per kind and number."""
    if sentence.tokens is None or ctx.parsed is None:
        return
    text = sentence.text
    found = [(key, s, e) for key in ("numbered", "ordinal_amendment")
             for _, s, e in matcher(rule, key, ctx.parsed.vocab)(sentence.tokens)]
    taken: list[tuple[int, int]] = []
    for key, s, e in sorted(found, key=lambda f: (f[1], -f[2])):
        span = sentence.tokens[s:e]
        head, number = span[0], span[-1]
        if key == "ordinal_amendment":
            ordinal = re.match(r"\d+", head.text)
            assert ordinal is not None
            label, ident, cls = f"{head.text} Amendment", f"amendment-{ordinal.group(0)}", "LegalDocument"
            first = span[0].i
        else:
            digits = re.sub(r"^[Nn]o\.", "", number.text)
            first = _name_start(sentence.tokens, head.i)
            ident, cls = f"{head.lower_}-{digits}", legal_document_class(head.text)
            label = clean_phrase(ctx.parsed[first : span[-1].i + 1].text)
        start, end = ctx.parsed[first].idx - sentence.start, number.idx - sentence.start + len(number.text)
        if any(start < b and a < end for a, b in taken):
            continue
        taken.append((start, end))
        short = f"{head.text} {number.text}" if key == "numbered" else label
        document = ctx.add_entity(f"law/{ctx.scope()}/{slug(ident)}", cls, label, short)
        ctx.add_mention(sentence, start, end, document)
        dated = _OF_DATE.match(text[end:])
        if dated:
            dates = [d for d in find_dates(text[end + dated.end() :]) if d.start == 0]
            if dates:
                ctx.claim(sentence, document, "gg:date", Value(dates[0].date.iso, dates[0].date.datatype), "law:act", 0.8)


def _documents_in(ctx: DocContext, sentence: Sentence, token: Token) -> list[str]:
    out: list[tuple[bool, int, str]] = []
    start, end = subtree_span(sentence, token)
    for mention in sentence.mentions:  # overlapping: a parse may split 'Decree No. 888' into several objects
        if not (mention.start - sentence.start < end and start < mention.end - sentence.start):
            continue
        entry = ctx.gazetteer.entries.get(mention.entity)
        if ctx.is_a(mention.entity, "Document") and not (entry is not None and entry.generic) \
                and not ctx.is_a(mention.entity, "SourceDocument"):
            out.append((not (mention.start <= token.idx < mention.end), mention.start - mention.end, mention.entity))
    return [min(out)[2]] if out else []  # the document the phrase's head names, else the longest


def _person(ctx: DocContext, sentence: Sentence, token: Token) -> str | None:
    """The person a phrase names, also a name right after a title the parser cut off ('Minister | Given Lubinda')."""
    start, end = subtree_span(sentence, token)
    for mention in sentence.mentions:
        if ctx.is_a(mention.entity, "Person") and start <= mention.start - sentence.start <= end + 1:
            return mention.entity
    for mention in ctx.mentions_in(sentence, *subtree_span(sentence, token)):
        if mention.entity in ctx.holders:
            return ctx.holders[mention.entity]
    return None


def acts_on_documents(ctx: DocContext, sentence: Sentence) -> None:
    """'President X signed Decree No. 888 on 5 May', 'the agreement was signed in 2014 by X', 'the bill was introduced
    by minister Y': who signed or proposed a document (its object, or its passive subject), and when it was signed."""
    if sentence.tokens is None:
        return
    for verb in sentence.tokens:
        lemma = verb.lemma_.lower()
        if verb.pos_ != "VERB" or lemma not in DATING_VERBS | PROPOSE_VERBS:
            continue
        passive = any(c.dep_ == "auxpass" for c in verb.children)
        objects = [c for c in verb.children if c.dep_ == ("nsubjpass" if passive else "dobj")]
        if not objects and passive and verb.dep_ == "conj":
            objects = [c for c in verb.head.children if c.dep_ == "nsubjpass"]
        documents = [d for o in objects for d in _documents_in(ctx, sentence, o)]
        if not documents:
            continue
        agents = ([g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"] if passive
                  else [c for c in verb.children if c.dep_ == "nsubj"])
        agent = _person(ctx, sentence, agents[0]) if agents else None
        when = None
        for child in verb.children:
            if child.dep_ == "prep" and child.lower_ in ("on", "in"):
                start, end = subtree_span(sentence, child)
                dates = [d for d in find_dates(sentence.text[start:end]) if d.start <= 4]
                when = dates[0].date if dates else when
        for document in documents:
            if agent and lemma in SIGN_VERBS:
                ctx.claim(sentence, document, "gg:signedBy", agent, "law:signed", 0.8)
            if agent and lemma in PROPOSE_VERBS:
                ctx.claim(sentence, document, "gg:proposedBy", agent, "law:proposed", 0.75)
            if when is not None and lemma in DATING_VERBS:
                ctx.claim(sentence, document, "gg:date", Value(when.iso, when.datatype), "law:dated", 0.75)


@implements("laws.acts")
def legal_acts(ctx: DocContext, rule: Rule) -> None:
    for sentence in ctx.sentences:
        numbered_acts(ctx, rule, sentence)
        acts_on_documents(ctx, sentence)
