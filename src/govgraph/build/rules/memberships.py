"""The party a person belongs to, from how a sentence joins a person's name to a party's.

`persons.parties`: "NAME's PARTY" ("Ana Costa's Unity Front"), "PARTY's NAME", "PARTY senator NAME"
(a member's title between them), "NAME of the PARTY", "NAME, from PARTY" and "NAME (PARTY)". An
acronym in capitals right before a member's title and a name ("ODM senator Jon Doe") is a party of the
article's country even when nothing else names it. Only membership is stated here: the office
the title names is persons.offices' to give, never a post in the party.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from govgraph.build.context import DocContext, Sentence
from govgraph.build.lexicon import lexicon
from govgraph.build.organizations import is_head
from govgraph.build.people import is_country_word, office_vocabulary
from govgraph.build.rules.base import Rule, implements
from govgraph.build.rules.holders import CURRENT, FORMER

if TYPE_CHECKING:
    from spacy.tokens import Token

    from govgraph.build.records import Mention

_APOSTROPHE = r"[’‘']"
# NAME's PARTY, NAME's leftist coalition, PARTY: the person's party, with one describing adjective at most
_PERSON_FIRST = re.compile(rf"^{_APOSTROPHE}s?\s+(?P<word>[a-z][a-z-]+\s+)?"
                           r"(?:(?:party|coalition|alliance|bloc|movement|front),?\s+)?$")
# NAME of the PARTY; NAME, 60, of the PARTY; NAME, from PARTY; NAME, of the leftist PARTY; NAME (PARTY
_OF_PARTY = re.compile(r"^(?:,\s*\d{1,3},)?\s+of\s+(?:the\s+)?$|^,\s+(?:from|of)\s+(?:the\s+)?(?P<word>[a-z-]+\s+)?$"
                       r"|^\s+\(\s*$")
# NAME, a (senior) member of the PARTY; NAME, who is a member of / belongs to / represents the PARTY
_MEMBER_OF = re.compile(r"^,\s+(?:(?:a|an)\s+(?:(?:leading|senior|prominent|veteran|founding|longtime|long-time|"
                        r"key)\s+)?member\s+of|who\s+(?:is\s+(?:a\s+)?member\s+of|belongs\s+to|represents))\s+"
                        r"(?:the\s+)?$")
_ARTICLE = re.compile(r"^,\s+(?:a|an)\s+$")
# NAME, the (presidential) candidate of the PARTY; the candidate for the PARTY, NAME: the party that fields the name
_CANDIDATE_OF = re.compile(r"^,\s+(?:the|a|an)\s+(?:[a-z-]+\s+)?(?:candidate|nominee)\s+(?:of|for)\s+(?:the\s+)?$")
_CANDIDATE_BEFORE = re.compile(r"(?<![\w-])(?:candidate|nominee)\s+(?:of|for)\s+(?:the\s+)?$", re.I)
# NAME, (former) speaker of the House from the PARTY; NAME, a lawmaker from the PARTY
_TITLED_FROM = re.compile(r"^,\s+(?:(?:a|an|the)\s+)?(?P<title>[^,;()]{2,80}?)\s+from\s+(?:the\s+)?$")
_MEMBER_AFTER = re.compile(r"\s+(?:lawmaker|legislator|mp|senator|deputy|member|politician|candidate|councillor|"
                           r"councilor|congressman|congresswoman|parliamentarian)\b", re.I)
_GLOSS = re.compile(r"\s*\([^()A-Za-z]{1,20}\)")  # a name in another script after a name
_PARTY_ACRONYM = re.compile(r"^\s*\([A-Z][A-Za-z-]{1,9}\)")
_ACRONYM = re.compile(r"(?<![\w-])([A-Z]{2,6})\s+$")
# words that may stand between a party and its member's name: titles and their modifiers
_TITLE_FILLERS = frozenset({"prime", "ministerial", "presidential", "candidate", "nominee", "chief", "member", "of",
                            "the", "party", "mp"})


_PLACES = frozenset({"GPE", "LOC", "NORP", "FAC"})


def _token(ctx: DocContext, offset: int) -> Token | None:
    if ctx.parsed is None:
        return None
    span = ctx.parsed.char_span(offset, offset + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def _pos(ctx: DocContext, offset: int) -> str:
    token = _token(ctx, offset)
    return token.pos_ if token is not None else ""


def _ent_type(ctx: DocContext, offset: int) -> str:
    token = _token(ctx, offset)
    return token.ent_type_ if token is not None else ""


def _member_titles() -> frozenset[str]:
    return lexicon().of("member-words") | {"mps", "senators", "lawmakers", "candidate", "nominee"}


def _gap_of_titles(gap: str, words: frozenset[str]) -> bool:
    """Whether the text between a party and a name is only titles ("senator", "Pheu Thai's prime ministerial
    candidate", "leader"), with no verb or other name in it."""
    tokens = re.findall(r"[\w-]+", gap.lower())
    return bool(tokens) and all(t in words or t in _TITLE_FILLERS or t in FORMER | CURRENT for t in tokens)


@implements("persons.parties")
def person_parties(ctx: DocContext, rule: Rule) -> None:
    """gg:memberOf between a person and the party a sentence joins to the name."""
    _, vocabulary = office_vocabulary(ctx.gazetteer)
    titles = vocabulary | _member_titles()
    for sentence in ctx.sentences:
        people = [m for m in sentence.mentions if ctx.is_a(m.entity, "Person")]
        if not people:
            continue
        parties = party_mentions(ctx, sentence) + _worded_parties(ctx, sentence, people)
        for person in people:
            for party in parties:
                if _joined(ctx, sentence, person, party, titles):
                    ctx.claim(sentence, person.entity, "gg:memberOf", party.entity, rule.name, 0.8)
            named = _adjective_party(ctx, sentence, person, titles)
            if named is not None:
                ctx.claim(sentence, person.entity, "gg:memberOf", named, rule.name, 0.75)
            party_key = _acronym_party(ctx, sentence, person)
            if party_key is not None:
                ctx.claim(sentence, person.entity, "gg:memberOf", party_key, rule.name, 0.75)


def party_mentions(ctx: DocContext, sentence: Sentence) -> list[Mention]:
    """The parties a sentence names: its mentions, and the names of the article's parties written again
    ('Fuerza Nueva senator X' after 'the ruling party Fuerza Nueva'), which become mentions too."""
    found = [m for m in sentence.mentions if ctx.is_a(m.entity, "PoliticalParty")]
    names = {name: key for key, entity in ctx.extraction.entities.items() if key.startswith("party/")
             and ctx.is_a(key, "PoliticalParty") for name in (entity.label, *entity.aliases)
             if name[:1].isalnum() and not name[:1].islower() and len(name) >= 2}
    for name in sorted(names, key=len, reverse=True):
        for hit in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", sentence.text):
            start, end = hit.span()
            if any(m.start - sentence.start < end and start < m.end - sentence.start and not (
                    start <= m.start - sentence.start and m.end - sentence.start <= end
                    and m.end - m.start < end - start and ctx.is_a(m.entity, "Country"))
                   for m in sentence.mentions):
                continue  # named as something else; but a country's word inside the party's name ('Pheu Thai')
            ctx.add_mention(sentence, start, end, names[name])
            found.append(next(m for m in reversed(sentence.mentions) if m.entity == names[name]))
    return found


_AFTER_NAME = re.compile(r"(?:,\s*\d{1,3},)?\s+of\s+(?:the\s+)?|,\s+(?:from|of)\s+(?:the\s+)?|\s+\(\s*")
_WORDED_NAME = re.compile(r"(?:[A-Z][\w’'-]+)(?:\s+(?:(?:de|del|la|las|los|di|du|des|y|e|et|por|para|pela|for|of|the)\s+)?"
                          r"[A-Z][\w’'-]+){1,5}")


_ORG_ACRONYM = re.compile(r"(?P<name>[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){0,3})(?=\s*\((?P<acr>[A-Z]{2,6})\))")


_CONTESTED = re.compile(r"\s*\([A-Z]{2,6}\)\s*,?\s*(?:with|won|got|received|obtained|took|came|finished|polled|"
                        r"garnered|secured)\b")


def _organization_named(ctx: DocContext, sentence: Sentence, match: re.Match[str]) -> bool:
    """A name the recogniser reads as an organization, with no institution word of the lexicon (a state body,
    an institute) and no place in it, right before a contestant's result: after a person's name, as in 'NAME of
    the X (ACR) with 33%', a party's."""
    if ctx.parsed is None:
        return False
    tokens = ctx.parsed.char_span(sentence.start + match.start(), sentence.start + match.end(), alignment_mode="expand")
    if tokens is None or not len(tokens) or any(t.ent_type_ != "ORG" for t in tokens):
        return False
    if not _CONTESTED.match(sentence.text, match.end()):
        return False  # only a contestant's: 'NAME of Google (GOOG) said' names no party
    return not any(is_head(w) or is_country_word(ctx, w) for w in match.group("name").split())


def _worded_parties(ctx: DocContext, sentence: Sentence, people: list[Mention]) -> list[Mention]:
    """'X, from Movimiento Ciudadano', 'X of the Partido Verde': a name right after a person, in a member's place,
    that ends in a party word of the lexicon ('Partei') or opens with one of a language that puts it first
    ('Movimiento'), is a party of the article's country when no rule has named it."""
    heads, leads = lexicon().heads, lexicon().of("party-lead-words")
    found: list[Mention] = []
    for person in people:
        end = person.end - sentence.start
        gloss = _GLOSS.match(sentence.text, end)  # 'NAME (侯友宜) of the X'
        gap = _AFTER_NAME.match(sentence.text, gloss.end() if gloss else end)
        name = _WORDED_NAME.match(sentence.text, gap.end()) if gap else None
        acronym = _ORG_ACRONYM.match(sentence.text, gap.end()) if gap else None
        if acronym is not None and _organization_named(ctx, sentence, acronym):
            name = acronym  # 'NAME of the Kuomintang (KMT)': an organization with an acronym, no institution word
        if name is None:
            continue
        words = name.group(0).split()
        if heads.get(words[-1].lower()) != "PoliticalParty" and words[0].lower() not in leads and name is not acronym:
            continue
        start, stop = name.span()
        opened = words[0].lower() in leads and len(words) >= 3  # 'Coalición Equipo por Colombia' names a country
        if any(m.start - sentence.start < stop and start < m.end - sentence.start
               and not (opened and ctx.is_a(m.entity, "Country")) for m in sentence.mentions) \
                or (not opened and any(is_country_word(ctx, w) for w in words)):
            continue
        aliases = [acronym.group("acr")] if name is acronym and acronym is not None else []
        key = ctx.new_entity("party", "PoliticalParty", name.group(0), *aliases, scope=ctx.scope())
        if ctx.country_key and ctx.is_a(ctx.country_key, "Country"):
            ctx.claim(sentence, key, "gg:country", ctx.country_key, "persons.parties", 0.7)
        ctx.add_mention(sentence, start, stop, key)
        found.append(next(m for m in reversed(sentence.mentions) if m.entity == key))
    return found


def _joined(ctx: DocContext, sentence: Sentence, person: Mention, party: Mention, titles: frozenset[str]) -> bool:
    text = sentence.text
    p_start, p_end = person.start - sentence.start, person.end - sentence.start
    q_start, q_end = party.start - sentence.start, party.end - sentence.start
    if p_end <= q_start:
        gloss = _GLOSS.match(text, p_end, q_start)  # 'NAME (賴清德) of the PARTY': the name as written there
        gap = text[gloss.end() if gloss else p_end : q_start]
        first = _PERSON_FIRST.match(gap)
        if first and re.match(_APOSTROPHE, gap):
            return first.group("word") is None or _pos(ctx, sentence.start + p_end + first.start("word")) == "ADJ"
        of_party = _OF_PARTY.match(gap)
        if of_party and of_party.group("word"):  # 'NAME, of the leftist PARTY': one describing adjective
            return _pos(ctx, sentence.start + p_end + of_party.start("word")) in ("ADJ", "VERB")  # leftist, ruling
        if of_party:
            return not gap.strip().startswith("(") or text[q_end : q_end + 1] == ")"
        if _MEMBER_OF.match(gap) or _CANDIDATE_OF.match(gap):  # 'X, a member of the PARTY', 'X, the candidate of'
            return True
        if _ARTICLE.match(gap):  # 'X, a PARTY lawmaker'
            return _MEMBER_AFTER.match(text, q_end) is not None
        titled = _TITLED_FROM.match(gap)
        if titled:  # 'X, former speaker of the House from the PARTY': a title, then the party it is from
            words = re.findall(r"[\w-]+", titled.group("title").lower())
            return bool(words) and (words[0] in titles or (words[0] in FORMER | CURRENT and len(words) > 1
                                                           and words[1] in titles))
        return False
    if q_end <= p_start:
        gap = text[q_end:p_start]
        owner = re.match(rf"{_APOSTROPHE}s(?=\s*\()", gap)  # "the PARTY's (ACR) NAME"
        gap = gap[owner.end() :] if owner else gap
        acronym = _PARTY_ACRONYM.match(gap)
        gap = gap[acronym.end() :] if acronym else gap
        if owner and acronym:
            gap = "'s" + gap
        if re.fullmatch(rf"{_APOSTROPHE}s\s+", gap):  # 'Azimio's Raila Odinga'
            return True
        if re.fullmatch(r",\s+", gap) and not acronym:  # 'the candidate for the PARTY, NAME'
            return _CANDIDATE_BEFORE.search(text[:q_start]) is not None
        possessive = re.match(rf"{_APOSTROPHE}s\s+", gap)
        rest = gap[possessive.end() :] if possessive else gap
        return rest[:1] in {" ", ""} | set("abcdefghijklmnopqrstuvwxyz") and _gap_of_titles(rest, titles) \
            and _member_title_last(rest, titles)
    return False


def _member_title_last(gap: str, titles: frozenset[str]) -> bool:
    """The word right before the name is a title ('PAS leader', 'PAN senator'), not a filler ('of the')."""
    words = re.findall(r"[\w-]+", gap.lower())
    return bool(words) and words[-1] in titles and words[-1] not in {"of", "the"}


_ADJECTIVE_TITLE = re.compile(r"(?<![\w’'-])(?P<adj>[A-Z][a-z]+)\s+(?P<title>(?:[A-Za-z-]+\s+){0,2}?[A-Za-z-]+)\s+$")
_PARTY_WORDS = frozenset({"party", "movement", "alliance", "front"})


def _adjective_party(ctx: DocContext, sentence: Sentence, person: Mention, titles: frozenset[str]) -> str | None:
    """'Socialist Prime Minister NAME', 'Republican senator NAME': the one party of the article named by that
    word and a party word ('Socialist Party'), when a title stands between the word and the name."""
    match = _ADJECTIVE_TITLE.search(sentence.text[: person.start - sentence.start])
    if match is None or is_country_word(ctx, match.group("adj")):
        return None
    if not all(w in titles or w in FORMER | CURRENT for w in match.group("title").lower().split()):
        return None
    adjective = match.group("adj").lower()
    found = {key for key, entity in ctx.extraction.entities.items() if ctx.is_a(key, "PoliticalParty")
             for name in (entity.label, *entity.aliases)
             if len(words := name.lower().split()) == 2 and words[0] == adjective and words[1] in _PARTY_WORDS}
    return found.pop() if len(found) == 1 else None


def _acronym_party(ctx: DocContext, sentence: Sentence, person: Mention) -> str | None:
    """'PAN senator NAME': an acronym in capitals that no rule named, right before a member's title."""
    members = lexicon().of("member-words") - {"member"}
    start = person.start - sentence.start
    before = sentence.text[:start]
    title = re.search(r"([A-Za-z-]+)\s+$", before)
    if title is None or title.group(1).lower() not in members:
        return None
    acronym = _ACRONYM.search(before[: title.start()])
    if acronym is None or is_country_word(ctx, acronym.group(1)):
        return None
    a_start, a_end = acronym.start(1), acronym.end(1)
    if any(m.start - sentence.start < a_end and a_start < m.end - sentence.start for m in sentence.mentions):
        return None  # a known name ('IEBC', 'EU'): a party there is found by the other patterns
    if ctx.gazetteer.lookup(acronym.group(1), None) or _ent_type(ctx, sentence.start + a_start) in _PLACES:
        return None  # 'US senator': a place, not a party
    key = ctx.new_entity("party", "PoliticalParty", acronym.group(1), scope=ctx.scope())
    ctx.add_mention(sentence, a_start, a_end, key)
    return key
