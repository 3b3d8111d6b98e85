"""Organizations the reference data does not know: capitalized names ending in an institution word.

"the National Assembly", "Central Electoral Commission", "Yerevan Centre for Electoral Studies",
"the I Have Honor alliance", "Electoral Code". The head word gives the class; bodies of a state
are keyed within the article's country, so the same name in two articles about one country is
one node.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from govgraph.build.context import DETERMINERS, DocContext, Sentence, clean_phrase
from govgraph.build.dates import MONTHS, WEEKDAYS
from govgraph.build.keys import slug
from govgraph.build.lexicon import institution_class, lexicon
from govgraph.ontology.terms import is_subclass

_CAP = r"(?:(?:[A-Z]|\d{1,2}[A-Z][a-z])[\w’'-]*)"  # 'Electoral Code', '5Star Movement'
_CONNECT = r"(?:of|for|on|and|the|de|del|la|le|du|des|in)"
_NAME = re.compile(rf"(?<![\w’'-]){_CAP}(?:\s+(?:{_CONNECT}\s+)*{_CAP})*")
_LOWER_HEAD = re.compile(  # not inside a word: 'a pro-EU party' names no 'EU party'; 'the Law and Justice party' is
    # one name, not 'Justice'
    r"(?<![\w’'-])(?P<name>[A-Z][\w’'-]*\s+(?:(?:(?:and|&|of|for)\s+)?[A-Z][\w’'-]*\s+){0,3})"
    r"(?P<head>party|alliance|bloc|movement|coalition)\b")
TITLE_WORDS = {"President", "Prime", "Minister", "Speaker", "Chairman", "Chairwoman", "Director", "Mr", "Mrs", "Ms",
               "Dr", "Former", "Leader", "General"}
_STOP_START = {"The", "A", "An", "In", "On", "At", "By", "For", "Of", "And", "But", "Under", "After", "Before", "With",
               "From", "To", "As", "Its", "His", "Her", "Their", "This", "That", "These", "Those", "According",
               "Since", "While", "When", "If", "Both", "All", "Some", "Many", "New", "Former", "Meanwhile", "Without",
               "Within", "Through", "Against", "Among", "Despite", "During", "Unlike", "Like", "Until", "Over", "Into",
               "Upon", "Beyond", "Behind", "Towards", "Toward", "Amid"}


def head_word(word: str) -> str:
    lower = word.lower()
    return lower if lower in lexicon().heads else re.sub(r"(?:’s|'s|s)$", "", lower)


def is_head(word: str) -> bool:
    return word[:1].isupper() and head_word(word) in lexicon().heads


def group_possessive(word: str) -> bool:
    """'People's', 'Women's', 'Workers'': the possessive of a plural noun of people (lexicon scheme group-plurals),
    a word of the name it stands in ('People's National Congress'), never the owner of what follows it."""
    return re.sub(r"[’']s?$", "", word).lower() in lexicon().of("group-plurals")


def head_class(head: str, name: str) -> str:
    """The class of an institution named `name` whose head word is `head` (see `lexicon.institution_class`)."""
    return institution_class(head, name) or "Organization"


def _trim(name: str, inside: bool = False) -> str:
    """A name without the function words around it (`inside`: the name does not open its sentence)."""
    words = name.split()
    while words and (words[0] in _STOP_START or words[0].lower() in ("of", "for", "and", "the", "on", "in")):
        if _names_all(words, inside):
            break
        words.pop(0)
    while words and words[-1].lower() in ("of", "for", "and", "the", "on", "in", "de", "la"):
        words.pop()
    return " ".join(words)


def _names_all(words: list[str], inside: bool = False) -> bool:
    """'All Peoples' Congress', 'All Progressives Congress': "All" opens the name when a plural or possessive noun,
    not an institution word, follows it and the name goes on to its own head ('All Senate members' does not);
    "New" opens it inside a sentence ('the New Patriotic Party'), not at its start ('New Electoral Code adopted')."""
    if len(words) < 3 or not is_head(words[-1]) or is_head(words[1]):
        return False
    if words[0] == "New":
        return inside
    return words[0] == "All" and re.search(r"(?:s|s[’']|[’']s)$", words[1]) is not None


_LED = re.compile(r"[\w’'.]+-(?:led|dominated|backed)")
_NUMBERED = re.compile(r"\s+(?:[Nn]o\.?\s*|[Nn]umber\s+)?\d")
_SEGMENT_SPLIT = re.compile(r"\s+(?:in|on|at|with|and\s+the|and\s+its)\s+")
_HEAD_ON = re.compile(r"(?P<head>[A-Z][\w’'-]*)\s+on\s+(?P<next>[A-Z][\w’'-]*)")


def _segments(run: str) -> list[str]:
    """A run of capitalized words cut where a preposition joins two names ('Parliament in Astana'), but not an
    institution's 'on' before its domain ('the Commission on Elections', 'Committee on Human Rights')."""
    keep = {m.start() + len(m.group("head")) for m in _HEAD_ON.finditer(run)
            if is_head(m.group("head")) and m.group("next").lower() not in (*WEEKDAYS, *MONTHS)}
    out, start = [], 0
    for cut in _SEGMENT_SPLIT.finditer(run):
        if cut.start() in keep and cut.group(0).strip() == "on":
            continue
        out.append(run[start : cut.start()])
        start = cut.end()
    out.append(run[start:])
    return out


def organization_in(segment: str, owners: frozenset[str] = frozenset(), inside: bool = False) -> tuple[str, str] | None:
    """The institution name inside a run of capitalized words, and its class; `owners` are the words the tagger
    reads as names of people or places, whose possessive before a name is its owner, not part of it ("José
    Antonio Kast's Republican Party", but "the Convention People's Party"); a leading possessive is an owner's
    ("Armenia’s Electoral Code") unless a plural noun of people's ("People's National Congress")."""
    name = _trim(segment, inside)
    words = name.split()
    heads = [i for i, w in enumerate(words) if is_head(w)]
    if not heads:
        return None
    connectors = [i for i in range(heads[0]) if words[i].lower() in ("of", "for")]
    if connectors:  # 'Speaker of the National Assembly': a title, then the institution
        cut = connectors[-1] + 1
        while cut < len(words) and words[cut].lower() == "the":
            cut += 1
        words = words[cut:]
        heads = [i for i, w in enumerate(words) if is_head(w)]
        if not heads:
            return None
    last = heads[-1]
    tail = words[last + 1 :]
    if tail and tail[0].lower() not in ("of", "for", "on"):  # "Commission on Elections"
        words = words[: last + 1]
    else:  # the qualifier stops at a title ('National Unity Front of President X')
        for i in range(last + 2, len(words)):
            if words[i] in TITLE_WORDS:
                words = words[:i]
                break
    while words and ((words[0].endswith(("’s", "'s")) and not group_possessive(words[0]))  # "Armenia’s Electoral Code"
                     or _LED.fullmatch(words[0])):  # 'the BJP-led National Democratic Alliance': its leader's
        words = words[1:]
    owned = [i for i, w in enumerate(words) if w.endswith(("’s", "'s", "s’", "s'")) and re.sub(r"[’']s?$", "", w) in owners
             and not group_possessive(w)]
    if owned:  # "José Antonio Kast's Republican Party": the name after its owner
        words = words[owned[-1] + 1 :]
    words = _trim(" ".join(words), inside).split()
    if words and is_head(words[-1]) and re.search(r"[’']s$", words[-1]):
        words[-1] = words[-1][:-2]  # "the Democratic Progressive Party’s candidate": the party's name
    if len(words) < 2 or not any(is_head(w) for w in words):
        return None
    name = " ".join(words)
    return name, head_class(head_word(next(w for w in reversed(words) if is_head(w))), name)


def _person_words(ctx: DocContext) -> frozenset[str]:
    """The words of the names the recogniser reads as people anywhere in the article: 'Santos' Socialist Party' is
    owned by the 'Pedro Nuno Santos' of another sentence, whatever the tagger makes of it there."""
    if ctx.parsed is None:
        return frozenset()
    return frozenset(t.text for e in ctx.parsed.ents if e.label_ == "PERSON" and len(e) >= 2 for t in e
                     if t.text[:1].isupper() and not is_head(t.text))


def find_organizations(ctx: DocContext, sentence: Sentence, allowed: Callable[[str], bool] = lambda name: True) -> None:
    """Register capitalized institution names in a sentence as entities with mentions (those `allowed`)."""
    text = sentence.text
    taken = [(m.start - sentence.start, m.end - sentence.start) for m in sentence.mentions]
    owners = frozenset(t.text for t in sentence.tokens or () if t.ent_type_ in ("PERSON", "GPE")) | _person_words(ctx)
    for match in _NAME.finditer(text):
        offset = match.start()
        for segment in _segments(match.group(0)):
            position = text.find(segment, offset)
            offset = position + len(segment)
            found = organization_in(segment, owners, inside=bool(text[:position].strip(" \"“‘'(")))
            if found is None:
                continue
            name, cls = found
            start = text.find(name, position)
            end = start + len(name)
            if any(s <= start and end <= e for s, e in taken):
                continue  # the reference data already names it
            if is_subclass(cls, "Document") and _NUMBERED.match(text, end):
                continue  # 'Republic Act 11054': a numbered act (rule laws.acts)
            if allowed(name):
                register(ctx, sentence, start, end, name, cls)
    taken += [(m.start - sentence.start, m.end - sentence.start) for m in sentence.mentions  # a party named above
              if ctx.is_a(m.entity, "PoliticalParty")]
    for match in _LOWER_HEAD.finditer(text):
        name = _trim(match.group("name").strip())
        owner = re.search(r"^.*?(\w+)[’']s\s+", name)
        if owner and owner.group(1) in owners:  # "Keiko Fujimori's Popular Force party": the name after its owner
            name = name[owner.end() :]
        if not name or any(s <= match.start("name") < e for s, e in taken) or any(
                w.lower() in DETERMINERS for w in name.split()):
            continue
        start = match.start("name") + match.group("name").find(name)
        if allowed(name):
            register(ctx, sentence, start, start + len(name), f"{name} {match.group('head')}", "PoliticalParty", name)


# Institution words a demonym turns into the country's own body or charter ('Egyptian Parliament' is the Parliament of
# Egypt); not 'congress' or 'house', which also head party names ('Nepali Congress').
NATIONAL_HEADS = frozenset(w for w, cls in lexicon().heads.items() if cls in {"Parliament", "Chamber", "Government",
                                                                               "Constitution"}) - {"congress", "house"}


def national_name(ctx: DocContext, name: str) -> tuple[str, str] | None:
    """'Egyptian Parliament' -> ('Parliament of Egypt', the country's key); None for any other name."""
    words = name.split()
    if len(words) != 2 or words[1].lower() not in NATIONAL_HEADS:
        return None
    country = ctx.gazetteer.lookup(words[0])
    if country is None or not ctx.is_a(country, "Country") or words[0] == ctx.gazetteer.entries[country].label:
        return None
    return f"{words[1]} of {ctx.gazetteer.entries[country].label}", country


_QUALIFIER = re.compile(r"(?<![\w’'-])(?P<word>[A-Z][\w’'-]*?)(?:[’']s)?\s+(?:the\s+)?$")


def _qualifying_country(ctx: DocContext, before: str) -> str | None:
    """The country whose possessive or demonym stands right before a name ("Romania's ", "the Romanian ")."""
    found = _QUALIFIER.search(before)
    key = ctx.gazetteer.lookup(found.group("word")) if found is not None else None
    return key if key is not None and ctx.is_a(key, "Country") else None


def register(ctx: DocContext, sentence: Sentence, start: int, end: int, name: str, cls: str, *aliases: str) -> str:
    """An organization entity keyed by its name within the article's country, with its mention; a country's own body
    named by its demonym ('Egyptian Parliament') is keyed as 'Parliament of Egypt'. A name the reference data keeps
    only as a generic title ('Constitutional Court') is the body of the article's country (or of the article), so the
    courts of two countries never share one node."""
    national = national_name(ctx, name)
    if national is not None:
        label, country = national
        kind = "law" if is_subclass(cls, "Document") else "org"
        key = ctx.gazetteer.lookup(label, country) or f"{kind}/{country.split('/', 1)[0]}/{slug(label)}"
        ctx.add_mention(sentence, start, end, ctx.add_entity(key, cls, label, name, *aliases))
        return key
    known = ctx.gazetteer.lookup(name, ctx.country_key)
    generic = ctx.gazetteer.entries[known] if known is not None and ctx.gazetteer.entries[known].generic else None
    scope = ctx.scope()
    if generic is not None:  # 'Constitutional Court' named as a body is the court of a country, not the kind of body
        known = None
        cls = generic.cls if is_subclass(generic.cls, cls) else cls
        owner = _qualifying_country(ctx, sentence.text[:start])
        scope = owner.split("/", 1)[0] if owner is not None else scope
    if known is not None:
        key = known
        ctx.add_entity(key, cls, name)
    else:
        kind = "law" if is_subclass(cls, "Document") else "party" if cls == "PoliticalParty" else "org"
        key = ctx.add_entity(f"{kind}/{scope}/{slug(name)}", cls, clean_phrase(name), *aliases)
    ctx.add_mention(sentence, start, end, key)
    return key


_REGION = re.compile(r"(?<![\w’'-])(?:the\s+)?(?P<name>(?:[A-Z][\w’'-]+\s+){1,3})(?P<head>"
                     + "|".join(sorted(lexicon().of("region-heads"), key=lambda w: (-len(w), w))) + r")\b")


def find_regions(ctx: DocContext, sentence: Sentence) -> None:
    """'the Dravica region', 'Ilna Lakes region': regions the reference data does not know."""
    taken = [(m.start - sentence.start, m.end - sentence.start) for m in sentence.mentions]
    for match in _REGION.finditer(sentence.text):
        name = _trim(match.group("name").strip())
        if not name or any(s <= match.start("name") < e for s, e in taken) or name in TITLE_WORDS:
            continue
        start = sentence.text.find(name, match.start("name"))
        label = f"{name} {match.group('head').capitalize()}"
        key = ctx.gazetteer.lookup(label, ctx.country_key) or ctx.add_entity(
            f"region/{ctx.scope()}/{slug(label)}", "Region", label)
        ctx.add_mention(sentence, start, match.end("head"), key)


def scan_organizations(ctx: DocContext) -> None:
    """Organizations and regions of every sentence; in a headline, only names the text also gives elsewhere
    ('Center-Right Party Wins Elections By Thin Margin' names no party)."""
    from govgraph.build.rules.holders import is_headline  # (it imports this module)

    for sentence in ctx.sentences:
        if is_headline(sentence):
            find_organizations(ctx, sentence, lambda name: ctx.doc.text.count(name) > 1)
        else:
            find_organizations(ctx, sentence)
        find_regions(ctx, sentence)
