"""Relation extraction: the declared rules run over one parsed document (see `build.rules`)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from govgraph.build.context import DocContext
from govgraph.build.gazetteer import Gazetteer
from govgraph.build.keys import slug
from govgraph.build.records import Extraction

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from govgraph.build.rules.base import Rule


def mention_surnames(ctx: DocContext) -> None:
    """Mentions of known people by surname alone ('Tokayev said'). A title before a surname two people of the
    article share ('Khalifa Sall', 'Macky Sall') makes it the one the article gives that title before the full
    name ('President Sall' after 'President Macky Sall'), or no one."""
    if not ctx.surnames:
        return
    sharing = _people_by_surname(ctx)
    pattern = re.compile(r"(?<![\w-])(" + "|".join(re.escape(s) for s in sorted(ctx.surnames, key=len, reverse=True))
                         + r")(?![\w-])")
    for sentence in ctx.sentences:
        taken = [(m.start - sentence.start, m.end - sentence.start) for m in sentence.mentions]
        for match in pattern.finditer(sentence.text):
            if any(s <= match.start() < e for s, e in taken):
                continue
            people = sharing.get(match.group(1), [])
            title = _title_before(ctx, sentence.text[: match.start()])
            person = ctx.surnames[match.group(1)] if len(people) < 2 or not title else _titled_one(ctx, title, people)
            if person is not None:  # 'Minister of Economy Sergio Massa' the recogniser left out: the full name
                label = ctx.extraction.entities[person].label
                given = label[: -len(match.group(1))] if label.endswith(" " + match.group(1)) else ""
                full = bool(given) and sentence.text[: match.start()].endswith(given)
                ctx.add_mention(sentence, match.start() - len(given) if full else match.start(), match.end(), person)


def _people_by_surname(ctx: DocContext) -> dict[str, list[str]]:
    """The article's people (named in full) by their last name."""
    found: dict[str, list[str]] = {}
    for key, entity in ctx.extraction.entities.items():
        if entity.cls == "Person" and len(entity.label.split()) > 1:
            found.setdefault(entity.label.split()[-1], []).append(key)
    return found


def _title_before(ctx: DocContext, text: str) -> list[str]:
    """The words of office titles that end `text` ('... President')."""
    from govgraph.build.people import office_vocabulary

    _, vocabulary = office_vocabulary(ctx.gazetteer)
    title: list[str] = []
    while (last := re.search(r"([A-Za-z-]+)\s*$", text)) is not None and last.group(1).lower() in vocabulary:
        title.insert(0, last.group(1))
        text = text[: last.start()]
    return title


def _titled_one(ctx: DocContext, title: list[str], people: list[str]) -> str | None:
    """Of the people sharing a surname, the one the article gives this title right before the full name ('President
    Sall' after 'President Macky Sall'); None when not exactly one."""
    written = r"\s+".join(re.escape(w) for w in title)
    titled = [key for key in people if re.search(rf"(?<![\w-])(?i:{written})\s+{re.escape(ctx.extraction.entities[key].label)}"
                                                 r"(?![\w-])", ctx.doc.text)]
    return titled[0] if len(titled) == 1 else None


_DEFINITE = re.compile(r"\b(?:[Tt]he|(?P<owner>[A-Z][\w-]*(?:\s+[A-Z][\w-]*)?)[’']s|(?<=by |in |to )(?=parliament\b))"
                       r"\s*(?:(?:new|restored|current|outgoing|upper|lower|(?P<size>\d+-(?:seat|member)))\s+)?"
                       r"(?P<noun>chamber|parliament|legislature|court|assembly|senate|commission|council|government|"
                       r"cabinet|ministry|party|agency)\b")
DEFINITE_CLASSES = {
    "chamber": ("Chamber", "Parliament"), "parliament": ("Parliament",), "legislature": ("Parliament", "Chamber"),
    "assembly": ("Parliament",), "senate": ("UpperChamber", "Chamber"), "court": ("Court",),
    "commission": ("ElectoralCommission", "StateBody"), "council": ("StateBody", "AdvisoryBody"),
    "government": ("Government",), "cabinet": ("Government",), "ministry": ("Ministry",),
    "party": ("PoliticalParty",), "agency": ("Agency",),
}


def national_parliament(ctx: DocContext) -> str | None:
    """The parliament of the country the article clearly names ('Parliament of Moldova'), keyed as `bodies.names`
    keys it; None when the article names no country clearly."""
    from govgraph.build.people import article_country

    country = article_country(ctx)
    if country is None:
        return None
    label = f"Parliament of {ctx.gazetteer.entries[country].label}"
    key = ctx.gazetteer.lookup(label, country) or ctx.gazetteer.lookup("Parliament", country)
    if key is None or ctx.gazetteer.entries[key].generic:
        key = ctx.add_entity(f"org/{country.split('/', 1)[0]}/{slug(label)}", "Parliament", label)
    return key


def national_titles(ctx: DocContext, titles: list[str]) -> None:
    """'the Prime Minister', 'the president', "the president's", 'the President of the Republic' in an article that
    clearly names its country: that country's office; 'the president of Mali', a country named right after 'of': that
    country's office (not 'the president of the commission', nor a title before a name)."""
    from govgraph.build.people import People, article_country

    if not titles:
        return
    country = article_country(ctx)
    alternatives = "|".join(re.escape(t).replace(r"\ ", r"\s+") for t in sorted(titles, key=len, reverse=True))
    pattern = re.compile(rf"(?<![\w-])[Tt]he\s+(?P<title>(?i:{alternatives}))(?P<republic>\s+of\s+the\s+Republic)?"
                         r"(?![\w-]|[’'](?!s\b)|\s+of\b|\s+[A-Z])")
    of_country = re.compile(rf"(?<![\w-])[Tt]he\s+(?P<title>(?i:{alternatives}))\s+of\s+(?:the\s+)?")
    people = People(ctx)
    for sentence in ctx.sentences:
        taken = [(m.start - sentence.start, m.end - sentence.start) for m in sentence.mentions]
        found: list[tuple[re.Match[str], int, str]] = []
        if country is not None:
            found += [(match, match.end(), country) for match in pattern.finditer(sentence.text)]
        for match in of_country.finditer(sentence.text):
            named = next((m for m in sentence.mentions if m.start - sentence.start == match.end()
                          and ctx.is_a(m.entity, "Country")), None)
            after = sentence.text[named.end - sentence.start :] if named is not None else ""
            if named is not None and not re.match(r"\s+[A-Z]", after):
                found.append((match, named.end - sentence.start, named.entity))
        for match, end, place in found:
            start, title_end = match.span("title")
            if any(s < title_end and start < e for s, e in taken) or _modifies_a_noun(ctx, sentence.start + title_end):
                continue
            title = " ".join(w.capitalize() for w in match.group("title").split())
            ctx.add_mention(sentence, start, end, people.national_office(title, place))


def _modifies_a_noun(ctx: DocContext, end: int) -> bool:
    """Whether the word ending at this offset modifies the noun after it ('the president advisor of the INE')."""
    if ctx.parsed is None:
        return False
    span = ctx.parsed.char_span(end - 1, end, alignment_mode="expand")
    return span is not None and len(span) > 0 and span[-1].dep_ in {"compound", "amod"} and span[-1].head.i > span[-1].i


def apposed_to(ctx: DocContext, start: int) -> int | None:
    """The document offset of the word a noun at `start` is in apposition to, by the parse ('uMkhonto weSizwe
    (MK), the new party'); None when it is not."""
    if ctx.parsed is None:
        return None
    span = ctx.parsed.char_span(start, start + 1, alignment_mode="expand")
    if span is None or not len(span) or span[0].dep_ != "appos" or span[0].head.i > span[0].i:
        return None
    return int(span[0].head.idx)


def resolve_definites(ctx: DocContext) -> None:
    """'the chamber', 'the court': the entity of that kind the article named last (only lower-case phrases); 'the
    parliament' (also "COUNTRY's parliament" of the article's country, a bare 'by/in/to parliament', and 'the
    329-seat assembly') before any is named: the parliament of the article's country. A phrase in apposition to a name
    ('uMkhonto weSizwe (MK), the new party') is that name's, or no one's; and 'the new party' is not the party
    named last."""
    last: dict[str, str] = {}
    for sentence in ctx.sentences:
        taken = [(m.start - sentence.start, m.end - sentence.start) for m in sentence.mentions]
        for match in _DEFINITE.finditer(sentence.text):
            noun_start = match.start("noun")
            if any(s <= noun_start < e for s, e in taken):
                continue
            noun = match.group("noun")
            owner = match.group("owner")
            if owner is not None and (ctx.country_key is None or ctx.gazetteer.lookup(owner) != ctx.country_key):
                continue  # "Malawi's parliament" is the article's country's; another owner's is not resolved here
            apposed = apposed_to(ctx, sentence.start + noun_start)
            if apposed is not None:
                named = [m for m in sentence.mentions if m.start <= apposed < m.end
                         and ctx.is_a(m.entity, *DEFINITE_CLASSES[noun])]
                if named:
                    ctx.add_mention(sentence, noun_start, match.end("noun"), named[0].entity)
                continue
            if noun == "party" and re.search(r"\bnew\s", match.group(0)):
                continue  # a party that is new is not the one the article named last
            target = last.get(noun)
            if target is None and (noun == "parliament" or (noun in ("assembly", "legislature") and match.group("size"))):
                target = national_parliament(ctx)  # 'the 329-seat assembly' of an article that names none
            if target:
                ctx.add_mention(sentence, noun_start, match.end("noun"), target)
        for mention in sorted(sentence.mentions, key=lambda m: m.start):
            for noun, classes in DEFINITE_CLASSES.items():
                if ctx.is_a(mention.entity, *classes) and not ctx.is_a(mention.entity, "Office"):
                    last[noun] = mention.entity


def extract_relations(extraction: Extraction, gazetteer: Gazetteer, parsed: Doc | None = None,
                      rules: Sequence[Rule] | None = None) -> DocContext:
    """Run the declared rules (default: all of them, in dependency order) over one parsed document.

    Claims and entities are added to the extraction.
    """
    from govgraph.build.rules.registry import default_rules

    ctx = DocContext(extraction, gazetteer, parsed)
    for rule in default_rules() if rules is None else rules:
        ctx.rule = rule
        try:
            rule.apply(ctx, rule)
        finally:
            ctx.rule = None
    return ctx
