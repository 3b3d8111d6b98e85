"""Party names without a party noun: a name its acronym spells, and a name given with its translation.

`parties.acronym-names`: "the Independent Patriots for Change (IPC)" — capitalized words whose initials the
acronym in parentheses spells are an organization's name. The organization is a party when the sentence treats
it as one: a party noun follows it ("(Swapo) party"), a person is "of" it in a sentence about a vote, it wins
votes or seats, or it has a candidate. Names headed by an institution word of the lexicon (courts, commissions,
ministries) and names the reference data or other rules know as something else are never read here.

`parties.alternative-names`: "Pakatan Harapan, or Alliance of Hope, won": a party's name, then "or" and a
capitalized name set off by commas, is one party with the second name as an alternative label.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from govgraph.build.context import DocContext, Sentence
from govgraph.build.lexicon import lexicon
from govgraph.build.records import Mention, Value
from govgraph.build.rules.base import Rule, implements
from govgraph.build.rules.parties import _institution
from govgraph.build.rules.registry import regex

if TYPE_CHECKING:
    from spacy.tokens import Span

_WORD = re.compile(r"[^\W\d_][\w’'-]*")
_PLACES = ("Country", "Region", "City")
_NOT_NAMES = frozenset({"PERSON", "GPE", "LOC", "FAC", "DATE", "TIME", "MONEY", "PERCENT", "CARDINAL", "ORDINAL",
                        "QUANTITY", "LAW", "EVENT", "WORK_OF_ART", "LANGUAGE", "PRODUCT"})
_PLACE_LABELS = frozenset({"GPE", "LOC", "NORP"})  # a place may open a party's name ('South Africa Workers Party')
MAX_WORDS = 8


def spelled_name(text: str, end: int, acronym: str, connectors: frozenset[str]) -> tuple[int, str] | None:
    """The shortest run of words ending at `end` whose capitalized words' initials are the acronym's letters
    ('Independent Patriots for Change' for 'IPC'), with its start; lowercase words inside must be connectors."""
    letters = acronym.upper()
    words = list(_WORD.finditer(text[:end]))
    if not words or text[words[-1].end() : end].strip():
        return None
    for first in range(len(words) - 1, max(len(words) - 1 - MAX_WORDS, -1), -1):
        if first < len(words) - 1 and text[words[first].end() : words[first + 1].start()].strip():
            return None  # punctuation between words: the name ends there
        word = words[first].group(0)
        if not word[:1].isupper() and word.lower() not in connectors:
            return None
        if word.lower() in connectors:
            continue
        capitals = [w.group(0) for w in words[first:] if w.group(0)[:1].isupper()]
        initials = "".join(w[0] for w in capitals).upper()
        if len(capitals) >= 2 and initials == letters:
            return words[first].start(), text[words[first].start() : end]
        if len(initials) > len(letters):
            return None
    return None


def _span(ctx: DocContext, sentence: Sentence, start: int, end: int) -> Span | None:
    if ctx.parsed is None:
        return None
    return ctx.parsed.char_span(sentence.start + start, sentence.start + end, alignment_mode="expand")


def _words_of(rule: Rule, key: str) -> frozenset[str]:
    return frozenset(rule.patterns[key]["words"])


def _party_context(ctx: DocContext, sentence: Sentence, rule: Rule, start: int, close: int) -> bool:
    """Whether the sentence treats the name at [start, ...) whose acronym closes at `close` as a party's."""
    text = sentence.text
    if regex(rule, "party_noun_after").match(text, close) or regex(rule, "wins_after").match(text, close):
        return True
    before = text[:start]
    if regex(rule, "candidate_before").search(before):
        return True
    person_of = regex(rule, "of_before").search(before)
    person = next((m for m in sentence.mentions if person_of is not None and ctx.is_a(m.entity, "Person")
                   and m.end - sentence.start == person_of.start()), None)
    if person is None or sentence.tokens is None:
        return False
    verb = next((t for t in sentence.tokens if t.idx - sentence.start >= close and t.pos_ == "VERB"), None)
    if verb is not None and verb.lemma_.lower() in _words_of(rule, "speech_verbs"):
        return False  # 'NAME of the X (ACR) said the candidates were calm': a witness, not a contestant
    vote_words = _words_of(rule, "vote_words")
    return any(t.lower_ in vote_words for t in sentence.tokens)


@implements("parties.acronym-names")
def acronym_names(ctx: DocContext, rule: Rule) -> None:
    """Organizations and parties named by words whose initials the acronym after them spells."""
    connectors = _words_of(rule, "connectors")
    for sentence in ctx.sentences:
        for match in regex(rule, "acronym").finditer(sentence.text):
            acronym = match.group("acr")
            found = spelled_name(sentence.text, match.start(), acronym, connectors)
            if found is None:
                continue
            start, name = found
            end = start + len(name)
            if _institution(_WORD.findall(name)) or ctx.gazetteer.lookup(name, None):
                continue
            if any(m.start - sentence.start < end and start < m.end - sentence.start
                   and not (start <= m.start - sentence.start and ctx.is_a(m.entity, *_PLACES))
                   for m in sentence.mentions):
                continue  # another rule or the gazetteer named it (a place that opens it is part of the name)
            span = _span(ctx, sentence, start, end)
            if span is None or span[-1].ent_type_ in _NOT_NAMES:
                continue
            labels = {t.ent_type_ for t in span}
            if not labels & _NOT_NAMES - _PLACE_LABELS and _party_context(ctx, sentence, rule, start, match.end()):
                key = ctx.new_entity("party", "PoliticalParty", name, acronym, scope=ctx.scope())
                if ctx.country_key and ctx.is_a(ctx.country_key, "Country"):
                    ctx.claim(sentence, key, "gg:country", ctx.country_key, rule.name, 0.7)
            elif labels == {"ORG"}:
                key = ctx.new_entity("org", "Organization", name, acronym, scope=ctx.scope())
            else:
                continue
            ctx.add_mention(sentence, start, end, key)


def _name_before(text: str, end: int, connectors: frozenset[str]) -> int | None:
    """Where the capitalized name that ends at `end` begins ('Anwar’s Pakatan Harapan' -> 'Pakatan')."""
    words = list(_WORD.finditer(text[:end]))
    if not words or words[-1].end() != end:
        return None
    start = None
    for index in range(len(words) - 1, max(len(words) - 1 - MAX_WORDS, -1), -1):
        word = words[index].group(0)
        if index < len(words) - 1 and text[words[index].end() : words[index + 1].start()].strip():
            break
        if re.search(r"[’']s$", word) or not (word[:1].isupper() or word.lower() in connectors):
            break
        if word[:1].isupper():
            start = words[index].start()
    return start


def _party_at(ctx: DocContext, sentence: Sentence, start: int, end: int) -> tuple[str | None, list[Mention]]:
    """The party a mention at exactly [start, end) names, and the mentions of other kinds that overlap it (a
    place that begins a name is part of it)."""
    overlapping = [m for m in sentence.mentions if m.start - sentence.start < end and start < m.end - sentence.start]
    exact = [m for m in overlapping if (m.start - sentence.start, m.end - sentence.start) == (start, end)
             and ctx.is_a(m.entity, "PoliticalParty")]
    if exact:
        return exact[0].entity, []
    return None, [m for m in overlapping if not (start <= m.start - sentence.start and ctx.is_a(m.entity, *_PLACES))]


def _taken_for_person(ctx: DocContext, sentence: Sentence, mentions: list[Mention], start: int, end: int) -> bool:
    """Whether the only name there is a person's the recogniser guessed from a foreign name ('Gerakan Maju'): one
    mention of exactly those words, of a person no claim and no other mention of the document names."""
    if len(mentions) != 1 or (mentions[0].start - sentence.start, mentions[0].end - sentence.start) != (start, end):
        return False
    key = mentions[0].entity
    return (ctx.is_a(key, "Person") and sum(m.entity == key for m in ctx.extraction.mentions) == 1
            and not any(key in (c.subject, c.obj) for c in ctx.extraction.claims))


def _forget(ctx: DocContext, sentence: Sentence, mention: Mention) -> None:
    sentence.mentions.remove(mention)
    ctx.extraction.mentions.remove(mention)
    ctx.extraction.entities.pop(mention.entity, None)


def _merge(ctx: DocContext, retired: str, kept: str) -> None:
    """Point every mention and claim of a party this document discovered at the party it is another name of."""
    entity = ctx.extraction.entities.get(retired)
    if entity is None or entity.reference:
        return
    ctx.add_entity(kept, "", "", entity.label, *entity.aliases)
    for sentence in ctx.sentences:
        sentence.mentions[:] = [replace(m, entity=kept) if m.entity == retired else m for m in sentence.mentions]
    mentions = ctx.extraction.mentions
    mentions[:] = [replace(m, entity=kept) if m.entity == retired else m for m in mentions]
    claims = ctx.extraction.claims
    claims[:] = [replace(c, subject=kept if c.subject == retired else c.subject,
                         obj=kept if c.obj == retired else c.obj) for c in claims]
    del ctx.extraction.entities[retired]


def _translation(ctx: DocContext, sentence: Sentence, rule: Rule, start: int, name: list[str],
                 alternative: list[str]) -> bool:
    """Whether 'NAME, or ALTERNATIVE,' gives one party two names rather than a choice between two: the first
    name has no word of the lexicon's institution or party heads (a name in its own language, 'Pakatan
    Harapan'), the second has a party's head ('Alliance of Hope'), and no list or choice leads up to them
    ('either X, or Y', 'X, Y, or Z' after a party X)."""
    heads = lexicon().heads
    if any(w.lower() in heads for w in name) or not any(heads.get(w.lower()) == "PoliticalParty" for w in alternative):
        return False
    before = sentence.text[:start]
    listed = re.search(r",\s*$", before)
    if listed and any(m.end - sentence.start == listed.start() and ctx.is_a(m.entity, "PoliticalParty")
                      for m in sentence.mentions):
        return False
    return regex(rule, "choice_before").search(before) is None


@implements("parties.alternative-names")
def alternative_names(ctx: DocContext, rule: Rule) -> None:
    """'NAME, or OTHER NAME,': one party with both names, when either is a party's."""
    connectors = _words_of(rule, "connectors")
    for sentence in ctx.sentences:
        text = sentence.text
        for match in regex(rule, "alternative").finditer(text):
            before = [m for m in sentence.mentions if m.end - sentence.start == match.start()
                      and ctx.is_a(m.entity, "PoliticalParty")]  # 'the Malay-centric X': the party's mention
            start = before[0].start - sentence.start if before else _name_before(text, match.start(), connectors)
            alt_start, alt_end = match.start("alt"), match.end("alt")
            if start is None or text[alt_end:alt_end + 1] != ",":
                continue  # a name set off by commas on both sides: an apposition, not a list of choices
            name, alternative = text[start : match.start()], match.group("alt")
            name_key, name_other = _party_at(ctx, sentence, start, match.start())
            alt_key, alt_other = _party_at(ctx, sentence, alt_start, alt_end)
            if alt_other or (name_key is None and alt_key is None) or name_key == alt_key:
                continue
            if not _translation(ctx, sentence, rule, start, _WORD.findall(name), _WORD.findall(alternative)):
                continue
            if name_other and not _taken_for_person(ctx, sentence, name_other, start, match.start()):
                continue
            if name_key is None:
                span = _span(ctx, sentence, start, match.start())
                if span is None or (not name_other and any(t.ent_type_ in _NOT_NAMES for t in span)):
                    continue
                for mention in name_other:
                    _forget(ctx, sentence, mention)
                name_key = ctx.new_entity("party", "PoliticalParty", name, scope=ctx.scope())
                ctx.add_mention(sentence, start, match.start(), name_key)
                if ctx.country_key and ctx.is_a(ctx.country_key, "Country"):
                    ctx.claim(sentence, name_key, "gg:country", ctx.country_key, rule.name, 0.7)
            if alt_key is not None and alt_key != name_key:  # a name written again: its party is already the one
                _merge(ctx, alt_key, name_key)
            elif alt_key is None:
                ctx.add_mention(sentence, alt_start, alt_end, name_key)
            ctx.add_entity(name_key, "", "", alternative)
            ctx.claim(sentence, name_key, "skos:altLabel", Value(alternative, "string"), rule.name, 0.8)
