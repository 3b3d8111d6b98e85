"""Structure of the state as sentences describe it: chambers, descriptions, aliases, sizes, lifetimes."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

from govgraph.build.context import DocContext, Sentence, clean_phrase
from govgraph.build.keys import slug
from govgraph.build.lexicon import INSTITUTION_HEADS, institution_class
from govgraph.build.numbers import find_numbers, words_to_number
from govgraph.build.organizations import is_head
from govgraph.build.records import Mention, Value

BODY_CLASSES = ("Parliament", "Chamber", "Body", "Court", "Government", "Council", "Commission", "Agency",
                "Ministry", "Administration", "Institution", "Organization", "Institute", "Party", "Outlet")
_RANK = re.compile(r"\b(?:the\s+)?(lower|upper)\s+(?:house|chamber)(?:\s+of\s+(?:the\s+)?(?:\w+\s+)?parliament)?", re.I)
YEARS = re.compile(r"\s*\(\s*(?P<a>1[89]\d\d|20\d\d)\s*[-–—]\s*(?P<b>1[89]\d\d|20\d\d)\s*\)")
LONGEST_TERM = 30  # years: a shorter span in parentheses after a person's name may be a term of office, not a life
_GLOSS = re.compile(r"\s*\((?P<g>[^()\d]{2,60})\)")
_KNOWN_AS = re.compile(r"\s+(?:known as|nicknamed)\s+(?:the\s+)?[“\"‘']?(?P<n>[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,5})")
_DESCRIPTION = re.compile(r"^,\s+(?:a|an)\s+")
_DASH_NAME = re.compile(r"\s+[–—-]\s+$")


def number_value(text: str) -> int | None:
    text = text.strip().lower().replace(",", "")
    if text.isdigit():
        return int(text)
    return words_to_number(text)


def chamber_rank(ctx: DocContext, sentence: Sentence) -> None:
    """'the Mazhilis, the lower chamber of the Kazakh Parliament' and 'the upper house of parliament, the Senate'."""
    text = sentence.text
    for match in _RANK.finditer(text):
        before = re.search(r",\s*$", text[: match.start()])
        after = re.match(r"\s*,\s*(?:the\s+)?", text[match.end() :], re.I)
        chamber = None
        if before:
            previous = [m for m in ctx.mentions_in(sentence, 0, before.start()) if m.end - sentence.start == before.start()]
            chamber = previous[-1].entity if previous else None
        if chamber is None and after:
            start = match.end() + after.end()
            following = [m for m in ctx.mentions_in(sentence, start, len(text)) if m.start - sentence.start == start]
            chamber = following[0].entity if following else None
        if chamber is None or not ctx.is_a(chamber, "Chamber"):
            continue
        rank = match.group(1).lower()
        ctx.claim(sentence, chamber, "gg:chamberRank", Value(rank, "string"), "structure:chamber-rank", 0.9)
        parliament = ctx.mention_at(sentence, match.start(), match.end(), "Parliament")
        if parliament is None:
            parliament = next((m.entity for m in sentence.mentions if ctx.is_a(m.entity, "Parliament")), None)
        if parliament is not None:
            ctx.claim(sentence, chamber, "gg:chamberOf", parliament, "structure:chamber-rank", 0.9)


def descriptions(ctx: DocContext, sentence: Sentence) -> None:
    """'X, a consultative body that ...' and 'a new national dialogue platform – X' give X a description."""
    text = sentence.text
    for mention in list(sentence.mentions):
        start, end = mention.start - sentence.start, mention.end - sentence.start
        if ctx.is_a(mention.entity, "Person", "Country"):
            continue
        following = _DESCRIPTION.match(text[end:])
        if following:
            desc_start = end + following.end()
            stop = re.search(r"[,;:()]|\.(?!\d)|\s[–—-]\s", text[desc_start:])  # '58.3%' is one number
            description = text[desc_start : desc_start + stop.start()] if stop else text[desc_start:]
            if 1 <= len(description.split()) <= 16 and not description[:1].isdigit():
                ctx.claim(sentence, mention.entity, "gg:description", ctx.text_value(description),
                          "structure:apposition", 0.8)
        dash = _DASH_NAME.search(text[:start])
        if dash:
            head = noun_phrase_before(text, dash.start())
            if head:
                ctx.claim(sentence, mention.entity, "gg:description", ctx.text_value(head), "structure:dash", 0.75)


def noun_phrase_before(text: str, end: int) -> str | None:
    """The 'a/an/the ...' phrase that ends at `end`, from its determiner."""
    match = re.search(r"\b(?:a|an|the)\s+([\w’'-]+(?:\s+[\w’'-]+){0,8})$", text[:end], re.I)
    return match.group(1) if match else None


def acronym_fits(name: str, acronym: str) -> bool:
    """Whether an acronym can stand for a name: its letters are initials of the name's words, in order
    ('UAE' for 'United Arab Emirates', 'PAS' for 'Party of Action and Solidarity'; not 'LAZ' for 'Zambia'), or in
    the order of the name in its own language ('MDM' for 'Democratic Movement of Malawi')."""
    letters = [c for c in acronym.upper() if c.isalpha()]
    initials = [w[0].upper() for w in re.findall(r"[^\W\d_][\w’'-]*", name)]
    if len(letters) >= 3 and not Counter(letters) - Counter(initials):
        return True
    position = 0
    for letter in letters:
        while position < len(initials) and initials[position] != letter:
            position += 1
        if position == len(initials):
            return False
        position += 1
    return bool(letters)


def _outermost(sentence: Sentence, end: int) -> list:
    """The mentions that end at `end` and are not inside a longer one ('Law Association of Zambia', not 'Zambia')."""
    ending = [m for m in sentence.mentions if m.end - sentence.start == end]
    return [m for m in ending if not any(o.start < m.start and o.end >= m.end for o in sentence.mentions)]


def _unnamed_lifetimes(ctx: DocContext, sentence: Sentence) -> None:
    """'the former military junta (2014-2019)', 'the transitional council (2019-2022)': a body the text describes
    without a name, by an institution word of the lexicon, existed in the years that follow it."""
    span = sentence.tokens
    if span is None:
        return
    for match in YEARS.finditer(sentence.text):
        if any(m.end - sentence.start == match.start() for m in sentence.mentions):
            continue  # a named body: read below
        head = next((t for t in reversed(span) if t.idx + len(t) - sentence.start <= match.start()), None)
        if head is None or head.pos_ != "NOUN" or head.lower_ not in INSTITUTION_HEADS or head.text != head.lower_:
            continue
        words = list(span.doc[head.left_edge.i : head.i + 1])
        while words and words[0].dep_ in {"det", "poss", "case"}:
            words.pop(0)
        if len(words) < 2 or any(t.text != t.lower_ or t.like_num or t.is_punct for t in words):
            continue  # 'the junta': too bare to name one body; capitals or numbers: a name the other rules read
        label = " ".join(t.text for t in words)
        cls = institution_class(head.lower_, label) or INSTITUTION_HEADS[head.lower_]
        key = ctx.add_entity(f"org/{ctx.scope()}/{slug(label)}", cls, label)
        ctx.add_mention(sentence, words[0].idx - sentence.start, head.idx + len(head) - sentence.start, key)
        ctx.claim(sentence, key, "gg:existedFrom", Value(match.group("a"), "gYear"), "structure:lifetime", 0.8)
        ctx.claim(sentence, key, "gg:existedUntil", Value(match.group("b"), "gYear"), "structure:lifetime", 0.8)


def is_term(years: re.Match[str]) -> bool:
    """Whether a span of years in parentheses is short enough to be a term of office."""
    return 0 <= int(years.group("b")) - int(years.group("a")) < LONGEST_TERM


def _names_place(ctx: DocContext, text: str) -> bool:
    key = ctx.gazetteer.lookup(text)
    return key is not None and ctx.is_a(key, "Country", "Region", "City")


_BODY_OF = re.compile(r"^(?:the\s+)?(?P<body>\S+(?:\s+\S+)?)\s+of\s+(?:the\s+)?(?P<place>.+)$")


def _ends_in_place(ctx: DocContext, sentence: Sentence, mention: Mention) -> bool:
    """A body named only by its kind and a place ('Congress of Mexico City', 'the State Assembly of Lagos'): an
    acronym after it that does not spell it may be the place's own."""
    named = _BODY_OF.match(mention.text)
    return named is not None and is_head(named.group("body").split()[-1]) and _names_place(ctx, named.group("place"))


def aliases_and_lifetimes(ctx: DocContext, sentence: Sentence) -> None:
    """'akims (governors)', 'the unrest known as Tragic January', 'Constitutional Court (1992-1995)'.

    A gloss in parentheses belongs to the whole name just before it; an acronym goes to a country or a
    place only when it spells the name's initials; a parenthesis that a capitalized word follows is part
    of a title ('the Constitution of Zambia (Amendment) Bill'), not a gloss.
    """
    text = sentence.text
    _unnamed_lifetimes(ctx, sentence)
    for mention in list(sentence.mentions):
        end = mention.end - sentence.start
        if mention not in _outermost(sentence, end):
            continue
        lifetime = YEARS.match(text[end:])
        if lifetime and ctx.is_a(mention.entity, "Person") and is_term(lifetime):
            continue  # 'the then president X (1990-2000)': a term of office as likely as a life (tenures.dates)
        if lifetime:
            ctx.claim(sentence, mention.entity, "gg:existedFrom", Value(lifetime.group("a"), "gYear"),
                      "structure:lifetime", 0.85)
            ctx.claim(sentence, mention.entity, "gg:existedUntil", Value(lifetime.group("b"), "gYear"),
                      "structure:lifetime", 0.85)
            continue
        gloss = _GLOSS.match(text[end:])
        alias = clean_phrase(gloss.group("g")) if gloss else ""
        acronym = bool(re.fullmatch(r"[A-Z][A-Za-z-]*[A-Z]s?", alias))
        if gloss and not ctx.is_a(mention.entity, "Person") and (acronym or not re.match(
                r"[ \t]*[A-Z]", ctx.doc.text[sentence.start + end + gloss.end() :])):
            if ctx.is_a(mention.entity, "Country", "Region", "City") and not (acronym and acronym_fits(mention.text, alias)):
                continue
            entry = ctx.gazetteer.entries.get(mention.entity)
            if entry is not None and entry.generic:
                continue  # 'central election commission (CEC)': a kind shared by every country, not this body
            if _names_place(ctx, alias) or (acronym and _ends_in_place(ctx, sentence, mention)
                                            and not acronym_fits(mention.text, alias)):
                continue  # 'the X Movement (Pakistan)', 'the Congress of Mexico City (CDMX)': the place's, not a name
            if alias and len(alias.split()) <= 6 and alias.lower() != mention.text.lower():
                ctx.claim(sentence, mention.entity, "skos:altLabel", Value(alias, "string"), "structure:gloss", 0.8)
                ctx.add_entity(mention.entity, "", "", alias)
        known = _KNOWN_AS.match(text[end:])
        if known:
            alias = clean_phrase(known.group("n"))
            ctx.claim(sentence, mention.entity, "skos:altLabel", Value(alias, "string"), "structure:known-as", 0.85)
            ctx.add_entity(mention.entity, "", "", alias)


# Groups of people counted in a body ("98 members", "15 senators") are sizes (rule structure.sizes), not kinds.
_PLURAL_HEADS = ("regions|cities|districts|provinces|oblasts|maslikhats|akims|governors|mayors|"
                 "ministries|parties|municipalities|councils|courts|constituencies|villages|towns")
_COUNTED_GROUP = re.compile(
    rf"\s+(?P<np>(?:[\w-]+\s+){{0,2}}?(?:{_PLURAL_HEADS})"
    rf"(?:\s+(?:of|in)\s+(?:[\w-]+\s+){{0,2}}?(?:status|significance|importance|level|districts|cities|regions))?)\b")


def counted_groups(ctx: DocContext, sentence: Sentence) -> None:
    """'three cities of national status', '17 regions': a kind of unit and the number the text gives."""
    text = sentence.text
    for number in find_numbers(text):
        match = _COUNTED_GROUP.match(text, number.end)
        value = int(number.value) if number.value == int(number.value) else None
        if match is None or value is None or value < 2 or number.percent or 1800 <= value <= 2100:
            continue
        if re.search(r"(?:\bfrom|\bto|\belect|\belects|\belected|\bof)\s*$", text[: number.start]):
            continue
        label = clean_phrase(match.group("np"))
        group = ctx.new_entity("group", "Category", label, scope=ctx.scope())
        ctx.claim(sentence, group, "gg:quantity", Value(str(value), "integer"), "structure:counted-group", 0.7)
        for mention in ctx.mentions_in(sentence, match.start("np"), match.end("np")):
            ctx.claim(sentence, group, "gg:kindOf", mention.entity, "structure:counted-group", 0.7)


_PLACE_LIST = re.compile(r"\s+of\s+(?P<list>(?:[\w’'-]+(?:\s+[\w’'-]+)?,\s+)*[\w’'-]+(?:\s+[\w’'-]+)?\s+and\s+[\w’'-]+"
                         r"(?:\s+[\w’'-]+)?)(?:\s+(?P<head>cities|regions|districts|provinces|oblasts))?")


def bodies_of_places(ctx: DocContext, sentence: Sentence) -> None:
    """'the maslikhats of regions, Almaty, Shymkent and Astana cities': one local body per place named."""
    text = sentence.text
    for mention in list(sentence.mentions):
        if not ctx.is_a(mention.entity, "LocalRepresentativeBody", "LocalExecutiveBody"):
            continue
        end = mention.end - sentence.start
        head_word = mention.text.split()[0].lower()
        match = _PLACE_LIST.match(text, end) if " of " not in mention.text else re.match(
            r",\s+(?P<list>(?:[\w’'-]+,\s+)*[\w’'-]+\s+and\s+[\w’'-]+)(?:\s+(?P<head>cities|regions))?", text[end:])
        if match is None:
            continue
        offset = end + match.start("list")
        for place in ctx.mentions_in(sentence, offset, offset + len(match.group("list"))):
            if not ctx.is_a(place.entity, "Region", "City"):
                continue
            singular = head_word[:-1] if head_word.endswith("s") else head_word
            place_label = ctx.extraction.entities[place.entity].label if place.entity in ctx.extraction.entities else ""
            label = f"{singular} of {place_label or place.text}"
            cls = ctx.entity_class(mention.entity) or "LocalRepresentativeBody"
            body = ctx.new_entity("org", cls, label, scope=ctx.scope())
            ctx.add_mention(sentence, place.start - sentence.start, place.end - sentence.start, body)
            ctx.claim(sentence, body, "gg:locatedIn", place.entity, "structure:bodies-of-places", 0.75)


_TWO_CHAMBERS = re.compile(r"\b(?:has|have|consists\s+of|is\s+made\s+up\s+of|comprises|with)\s+(?:two|2)\s+(?:chambers|houses)"
                           r"\s*(?:[,:–—-]|\s+(?:—|-)\s+)?\s*", re.I)


def chambers_listed(ctx: DocContext, sentence: Sentence) -> None:
    """'the Oliy Majlis has two chambers, the Senate and the Legislative Chamber'."""
    for match in _TWO_CHAMBERS.finditer(sentence.text):
        parliament = next((m.entity for m in reversed(ctx.mentions_in(sentence, 0, match.start()))
                           if ctx.is_a(m.entity, "Parliament")), None)
        if parliament is None:
            continue
        for mention in ctx.mentions_in(sentence, match.end(), min(len(sentence.text), match.end() + 120)):
            if ctx.is_a(mention.entity, "Chamber", "Parliament") and mention.entity != parliament:
                ctx.claim(sentence, mention.entity, "gg:chamberOf", parliament, "structure:two-chambers", 0.8)


SentenceRule = Callable[[DocContext, Sentence], None]
RULES: tuple[SentenceRule, ...] = (chamber_rank, chambers_listed, bodies_of_places, descriptions, aliases_and_lifetimes,
                                   counted_groups)
