"""Laws, strategies and other documents sentences name, what they regulate, and who proposes them."""

from __future__ import annotations

import re

from govgraph.build.context import DocContext, Sentence, clean_phrase
from govgraph.build.keys import slug

_LAWS_ON = re.compile(
    r"\b(?P<kind>[Cc]onstitutional\s+laws?|[Ll]aws?|[Dd]ecrees?|[Cc]odes?|[Bb]ills?)\s+(?:on|about|regulating)\s+"
    r"(?P<list>(?:the\s+)?[A-Z][^,.;]{2,120}?)(?=\s+(?:was|were|is|are|will|has|have|had)\b|[,.;]|$)")
_LAW_TITLED = re.compile(
    r"\b(?P<kind>(?:[Cc]onstitutional\s+)?[Ll]aw|[Cc]ode|[Dd]ecree)\s+[“\"](?P<title>On\s+[^”\"]{2,80})[”\"]")
_SHOULD_ADOPT = re.compile(
    r"\b(?:a|an)\s+(?P<np>(?:special|new|separate|dedicated|comprehensive)?\s*(?:constitutional\s+)?(?:law|code|bill|"
    r"strategy|programme|program|concept)(?:\s+on\s+[\w\s-]{3,60}?)?)\s+(?:should|must|will|would|needs\s+to|has\s+to)\s+"
    r"be\s+(?:adopted|passed|drafted|developed|introduced)", re.I)
_REVISE = re.compile(
    r"\b(?P<verb>proposed|suggested|called\s+for|initiated|decided|ordered|instructed)\s+(?:to\s+)?(?:the\s+)?"
    r"(?P<action>revis\w*|amend\w*|updat\w*|review\w*|replac\w*|repeal\w*|adopt\w*|draft\w*)\s+(?:of\s+)?(?:the\s+)?",
    re.I)
_SPEAKER_AFTER_QUOTE = re.compile(r"[”\"]\s*,?\s*(?P<who>he|she)\s+(?:said|noted|stressed|added|stated|emphasized)", re.I)
KIND_CLASSES = {"constitutional law": "ConstitutionalLaw", "law": "Law", "decree": "Decree", "code": "Law", "bill": "Law",
                "strategy": "Strategy", "programme": "Strategy", "program": "Strategy", "concept": "Strategy"}


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
        cls = KIND_CLASSES.get(singular(kind).split()[-1] if " " not in singular(kind) else singular(kind), "LegalDocument")
        if singular(kind).startswith("constitutional"):
            cls = "ConstitutionalLaw"
        return self.ctx.new_entity("law", cls, label, scope=scope)

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
            for piece in re.split(r",\s+|\s+and\s+", match.group("list")):
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
        """'a special law should be adopted,” he said': a proposed document and its proposer."""
        ctx = self.ctx
        for match in _SHOULD_ADOPT.finditer(sentence.text):
            np = clean_phrase(match.group("np"))
            kind = next((k for k in KIND_CLASSES if re.search(rf"\b{k}\b", np, re.I)), "law")
            law = self.law(kind, np, slug(ctx.doc.doc_id))
            ctx.add_mention(sentence, match.start("np"), match.end("np"), law)
            proposer = self.speaker(sentence)
            if proposer:
                ctx.claim(sentence, law, "gg:proposedBy", proposer, "law:should-adopt", 0.75)

    def revisions(self, sentence: Sentence) -> None:
        """'Tokayev proposed to revise the Kazakhstan 2050 Strategy': a proposed revision of a document."""
        ctx = self.ctx
        for match in _REVISE.finditer(sentence.text):
            target = next((m for m in ctx.mentions_in(sentence, match.end(), match.end() + 80)
                           if ctx.is_a(m.entity, "Strategy", "Law", "LegalDocument", "Constitution", "Document")), None)
            if target is None:
                continue
            agent = None
            for mention in reversed(ctx.mentions_in(sentence, 0, match.start())):
                if ctx.is_a(mention.entity, "Person"):
                    agent = mention.entity
                    break
                if mention.entity in ctx.holders:
                    agent = ctx.holders[mention.entity]
                    break
            action = re.sub(r"(?:e|ing|ed|s)$", "", match.group("action").lower())
            noun = {"revis": "revision", "amend": "amendment", "updat": "update", "review": "review", "replac": "replacement",
                    "repeal": "repeal", "adopt": "adoption", "draft": "drafting"}.get(action, "revision")
            label = f"{noun} of the {ctx.extraction.entities[target.entity].label}"
            proposal = ctx.new_entity("change", "Change", label, scope=ctx.scope())
            ctx.add_mention(sentence, match.start(), target.end - sentence.start, proposal)
            ctx.claim(sentence, proposal, "gg:revises", target.entity, "law:revision", 0.8)
            if agent:
                ctx.claim(sentence, proposal, "gg:proposedBy", agent, "law:revision", 0.8)


def scan_laws(ctx: DocContext) -> None:
    laws = Laws(ctx)
    for sentence in ctx.sentences:
        laws.scan(sentence)
