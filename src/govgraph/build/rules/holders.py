"""People named by the recogniser, and the offices the parse places them in.

`persons.names`: PERSON spans (and all-caps surnames the recogniser takes for organizations) become
Person entities once they pass as names. `persons.offices`: the office a sentence gives a person,
from a title before the name, an apposition on either side, or "was elected/appointed/sworn in as".
Offices are titles of the reference data (generic titles such as "president" or national offices);
national titles go to the country the sentence or the article names, never to a guessed one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from govgraph.build.context import DETERMINERS, NP_STOP, DocContext, Sentence
from govgraph.build.gazetteer import longest_matches
from govgraph.build.lexicon import INSTITUTION_HEADS as HEAD_CLASSES
from govgraph.build.lexicon import ROLE_HEADS, lexicon
from govgraph.build.organizations import is_head
from govgraph.build.parse import undergoer_and_actor
from govgraph.build.people import (
    _NOT_NAME_WORDS,
    HONORIFICS,
    NATIONAL_TITLES,
    OFFICE_CLASSES,
    PORTFOLIO_ROLES,
    People,
    clean_name,
    is_country_word,
    name_words_ok,
    office_vocabulary,
    tenure_key,
    title_word,
)
from govgraph.build.rules.base import Rule, implements

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as TokenSpan

FORMER = frozenset({"former", "ex", "then", "late", "ousted", "erstwhile", "previous", "deposed", "onetime"})
CURRENT = frozenset({"acting", "interim", "incumbent", "outgoing", "newly", "elected", "re-elected", "new", "current",
                     "sitting", "caretaker", "serving", "appointed", "designate"})
TITLE_PREFIXES = frozenset({"deputy", "vice"})
MEMBER_WORDS = lexicon().of("member-words")  # a seat in a chamber: 'senator', 'mp', 'deputy'
POSSESSIVES = frozenset({"its", "their"})
# Titles whose "of X" names a portfolio or a place rather than a body.
PORTFOLIO_TITLES = frozenset({"minister", "secretary", "deputy minister", "secretary of state", "governor", "mayor"})
MINISTERIAL = frozenset({"minister", "deputy minister", "secretary"})  # 'of' a portfolio, even in lower case
# Titles that name an office without a body: national offices and posts of a country.
BARE_TITLES = NATIONAL_TITLES | frozenset({
    "senator", "governor", "mayor", "minister", "deputy minister", "member of parliament", "deputy president",
    "vice president", "judge", "ambassador", "prosecutor general", "attorney general", "secretary general",
    "deputy prime minister", "first deputy prime minister"})
ELECT_VERBS = frozenset({"elect", "appoint", "name", "swear", "nominate", "re-elect", "reelect", "install", "choose",
                         "select", "become", "confirm", "designate", "inaugurate"})
NOT_CERTAIN = frozenset({"could", "might", "would", "may", "should", "can", "not", "n't", "never"})
_AND_TITLE = re.compile(r"\s*(?:\([A-Z][A-Za-z]{1,9}\)\s*)?\s+and\s+(?:the\s+)?[A-Z]")
_FROM_PARTY = re.compile(r"\s+from\s+(?:the\s+)?(?=[A-Z])")
_OF_TAIL = re.compile(r"\s+(?:of|for|at)\s+(?:the\s+)?(?=\S)")
_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
# A time phrase after a title ('president of Malawi since 2014', 'speaker from 2019 to 2023'): when the tenure was,
# not a word of the office.
_TIME_TAIL = re.compile(rf"\s*,?\s+(?:since|until|till|(?:from|in|between|during)\s+(?:the\s+)?"
                        rf"(?:\d|(?:early|late|mid)\b|mid-|(?:{_MONTHS})\b))")
_BODY_CLASSES = ("PoliticalParty", "Parliament", "Chamber", "Court", "Government", "Ministry", "Agency", "StateBody",
                 "ElectoralCommission", "Commission", "Organization", "Body", "Council")


def _is_body(ctx: DocContext, key: str) -> bool:
    """A party or a state body, not an office ('HeadOfGovernment' is no 'Government')."""
    return ctx.is_a(key, *_BODY_CLASSES) and not ctx.is_a(key, *OFFICE_CLASSES)


# ---------------------------------------------------------------- names


def is_headline(sentence: Sentence) -> bool:
    """A title-case line without final punctuation: a headline, caption or site header (not a list the parser cut
    off a sentence: 'Party General Secretary X, Prime Minister Y, NA Chairman Z, Vice President | W presented')."""
    words = [w for w in re.findall(r"[^\W\d_][\w’'-]*", sentence.text) if len(w) > 3]
    if len(words) < 3 or sentence.text.rstrip().endswith((".", "!", "?", "\"", "”")):
        return False
    if sentence.text.count(",") >= 2:
        return False  # a list of titles and names the parser cut off, not a headline
    return sum(w[0].isupper() for w in words) >= 0.8 * len(words)


def _caps_surname(tokens: list[Token]) -> bool:
    """'Kasym-Zhomart TOKAYEV': given names in title case and a surname in capitals."""
    words = [t for t in tokens if t.text != "-"]
    return (2 <= len(words) <= 4 and words[-1].is_upper and len(words[-1]) >= 3 and words[-1].is_alpha
            and all(t.is_title for t in words[:-1]))


def _trim(ctx: DocContext, tokens: list[Token]) -> list[Token]:
    """Leading titles, honorifics, determiners and demonyms off a recognised span; a possessive off its end."""
    _, vocabulary = office_vocabulary(ctx.gazetteer)
    while tokens and (tokens[0].lower_ in DETERMINERS or tokens[0].lower_ in vocabulary | FORMER | CURRENT
                      or tokens[0].lower_.rstrip(".") in HONORIFICS or title_word(tokens[0].text)
                      or is_country_word(ctx, tokens[0].text) or tokens[0].text in ("-", "’s", "'s")
                      or _function_word(tokens[0])):
        tokens = tokens[1:]
    cut = next((i for i, t in enumerate(tokens) if t.tag_ == "POS" or t.text[:1] in "‘’'\"“”"), None)
    tokens = tokens[:cut] if cut is not None else tokens
    cut = next((i for i, t in enumerate(tokens) if re.search(r"[’‘']s$", t.text)), None)
    tokens = tokens[: cut + 1] if cut is not None else tokens  # 'Pyotr Poroshenko‘s European Solidarity'

    while tokens and tokens[-1].is_punct:
        tokens = tokens[:-1]
    return tokens


def _function_word(token: Token) -> bool:
    """A preposition, conjunction or adverb the recogniser took into a name at a sentence's start ('Behind Petro
    and ...', 'Unlike Ana Costa'): a stop word the tagger does not read as part of a proper name."""
    return token.is_stop and token.pos_ in {"ADP", "SCONJ", "CCONJ", "ADV", "PRON", "AUX", "PART"}


def _extend_left(ctx: DocContext, sentence: Sentence, tokens: list[Token]) -> list[Token]:
    """A span with the capitalized given name the recogniser left out ('Given Lubinda', 'Kiran Kumar Sah')."""
    if not tokens or tokens[0].i == 0 or len(tokens) > 2:
        return tokens
    _, vocabulary = office_vocabulary(ctx.gazetteer)
    before = tokens[0].doc[tokens[0].i - 1]
    span = sentence.tokens
    if (span is not None and before.i > span.start and before.is_title and before.is_alpha
            and (len(tokens) == 1 or before.pos_ == "PROPN")
            and (not before.ent_type_ or (before.ent_iob_ == "B" and (before.i + 1 == len(before.doc)
                                                                       or before.nbor().ent_iob_ != "I")))
            and before.text not in _NOT_NAME_WORDS and before.lower_ not in vocabulary | NP_STOP | DETERMINERS
            and not title_word(before.text) and not is_head(before.text) and not is_country_word(ctx, before.text)):
        return [before, *tokens]
    return tokens


@dataclass(frozen=True, slots=True)
class NameSpan:
    start: int  # sentence-relative character offsets
    end: int
    name: str
    needs_title: bool = False  # cut out of an organization span: only a person with a title before it


def name_spans(ctx: DocContext, sentence: Sentence, ents: tuple = ()) -> list[NameSpan]:
    """The spans of a sentence that name people, from the recogniser's entities (`ents`: the document's,
    read once per document, else the sentence's own)."""
    if sentence.tokens is None:
        return []
    span = sentence.tokens
    found = []
    mine = [e for e in ents if span.start <= e.start and e.end <= span.end] if ents else list(span.ents)
    for ent in _merged(tuple(mine)):
        tokens = list(ent)
        needs_title = False
        if ent.label_ != "PERSON":
            if _caps_surname(_trim(ctx, tokens)):
                tokens = _trim(ctx, tokens)
            elif ent.label_ == "ORG":  # a name the recogniser took for an organization: only with a title
                cut = next((k for k in range(0, len(tokens) - 1)
                            if (k == 0 or tokens[k - 1].is_upper or is_head(tokens[k - 1].text) or tokens[k - 1].text == ",")
                            and all((t.is_title and t.is_alpha) or (t.text == "-" and 0 < i < len(tokens) - 1)
                                    for i, t in enumerate(tokens[k:], k))), None)
                if cut is None or not 2 <= len(tokens) - cut <= 4:
                    continue
                tokens, needs_title = tokens[cut:], True
            else:
                continue
        tokens = _extend_left(ctx, sentence, _trim(ctx, tokens))
        if not tokens:
            continue
        start, end = tokens[0].idx - sentence.start, tokens[-1].idx + len(tokens[-1]) - sentence.start
        suffix = re.search(r"[’‘']s?$", sentence.text[start:end])
        end -= len(suffix.group(0)) if suffix else 0
        text = sentence.text[start:end]
        words = text.replace(" - ", "-").split()
        if _caps_surname(tokens):
            words = [*words[:-1], words[-1].capitalize()]
        name = clean_name(" ".join(words))
        if name and name_words_ok(ctx, name.split()) and not _named_thing(tokens[0]):
            found.append(NameSpan(start, end, name, needs_title))
    return found + _untagged_after_title(ctx, sentence, found)


def _untagged_after_title(ctx: DocContext, sentence: Sentence, found: list[NameSpan]) -> list[NameSpan]:
    """Proper names the recogniser left out right after a capitalized title ('President Umaro Sissoco Embalo,'):
    people only where a title is read for them (needs_title)."""
    span = sentence.tokens
    assert span is not None
    _, vocabulary = office_vocabulary(ctx.gazetteer)
    out = []
    i = span.start + 1
    while i < span.end:
        before = span.doc[i - 1]
        j = i
        while j < span.end and span.doc[j].pos_ == "PROPN" and span.doc[j].is_title and span.doc[j].is_alpha \
                and not span.doc[j].ent_type_ and span.doc[j].lower_ not in vocabulary:
            j += 1
        if 2 <= j - i <= 4 and before.is_title and before.lower_ in vocabulary \
                and (j == span.end or not span.doc[j].is_title):
            start, end = span.doc[i].idx - sentence.start, span.doc[j - 1].idx + len(span.doc[j - 1]) - sentence.start
            name = sentence.text[start:end]
            if not any(f.start < end and start < f.end for f in found) and name_words_ok(ctx, name.split()):
                out.append(NameSpan(start, end, name, needs_title=True))
        i = max(j, i + 1)
    return out


NON_PERSON_NOUNS = frozenset({
    "outlet", "newspaper", "paper", "daily", "weekly", "magazine", "journal", "gazette", "channel", "broadcaster",
    "website", "station", "network", "palace", "building", "city", "town", "village", "region", "province",
    "district", "company", "firm", "bank", "brand", "ship", "operation", "programme", "program", "plan"})


def _named_thing(first: Token) -> bool:
    """A name that names a thing, not a person: 'the Official Gazette', 'outlet La Tercera', 'the commission
    of Palazzo Madama' (a determiner, a kind of thing or an institution's 'of' right before it)."""
    if first.i == 0:
        return False
    before = first.doc[first.i - 1]
    if before.lower_ in {"the", "a", "an"}:
        return True
    if before.lower_ in NON_PERSON_NOUNS or before.lemma_.lower() in NON_PERSON_NOUNS or (
            before.pos_ == "NOUN" and before.lower_ in HEAD_CLASSES):
        return True
    return before.lower_ == "of" and first.i >= 2 and first.doc[first.i - 2].lower_ in HEAD_CLASSES


def _merged(ents: tuple) -> list:
    """Entity spans with adjacent PERSON spans joined ('Miguel Ángel' + 'Yunes Márquez')."""
    out: list = []
    for ent in ents:
        if out and ent.label_ == "PERSON" and out[-1].label_ == "PERSON" and out[-1].end == ent.start:
            out[-1] = ent.doc[out[-1].start : ent.end]
            out[-1].label_ = "PERSON"
            continue
        out.append(ent)
    return out


@implements("persons.names")
def person_names(ctx: DocContext, rule: Rule) -> None:
    """Person entities from the recogniser's PERSON spans; names in headlines only when the text names them too."""
    people = People(ctx, allow_new=True)
    ents = tuple(ctx.parsed.ents) if ctx.parsed is not None else ()
    headlines = []
    for sentence in ctx.sentences:
        if is_headline(sentence):
            headlines.append(sentence)
            continue
        _register(ctx, people, sentence, ents, allow_new=True)
    for sentence in headlines:
        _register(ctx, people, sentence, ents, allow_new=False)


PERSON_NOUNS = ROLE_HEADS | MEMBER_WORDS | {"nominee", "politician", "contender", "challenger", "incumbent"}


_ROLE_BEFORE = re.compile(r"(?:^|[,;:(])\s*(?:the|a|an|its|their|his|her)\s+(?:[a-z-]+\s+){0,2}?(?P<noun>[a-z-]+)"
                          r"(?:\s+(?:of|for|from)\s+[^,;()]{2,60})?,\s*$")


def _apposed_to_role(ctx: DocContext, sentence: Sentence, span: NameSpan) -> bool:
    """A name the recogniser took for an organization, in apposition to a noun for a person ('the candidate for
    the Historical Pact, Ana Costa,'): a person's name."""
    if ctx.parsed is None:
        return False
    tokens = ctx.parsed.char_span(sentence.start + span.start, sentence.start + span.end, alignment_mode="expand")
    if tokens is None or not len(tokens):
        return False
    before = _ROLE_BEFORE.search(sentence.text[: span.start])
    if before is not None and before.group("noun").lower() in PERSON_NOUNS:
        return True
    root = tokens.root
    nouns = [root.head] if root.dep_ == "appos" else []
    nouns += [c for c in root.children if c.dep_ == "appos"]
    return any(n.pos_ == "NOUN" and n.text.islower() and n.lemma_ in PERSON_NOUNS for n in nouns)


_LISTED_SHARE = re.compile(r"\s*[–—:-]\s*\d+(?:[.,]\d+)?\s*(?:%|percent\b)")


def _register(ctx: DocContext, people: People, sentence: Sentence, ents: tuple, allow_new: bool) -> None:
    taken = [(m.start - sentence.start, m.end - sentence.start, m.entity) for m in sentence.mentions]
    for span in name_spans(ctx, sentence, ents):
        if (span.needs_title and not _apposed_to_role(ctx, sentence, span)) or any(
                s < span.end and span.start < e and not ctx.is_a(k, "Person") for s, e, k in taken):
            continue
        if _LISTED_SHARE.match(sentence.text, span.end):  # "Jauna Vienotiba – 18.9%": a list of parties' shares
            continue
        people.allow_new = allow_new
        person = people.person(span.name)
        if person is None or any(s <= span.start and span.end <= e for s, e, _ in taken):
            continue
        ctx.add_mention(sentence, span.start, span.end, person)
        taken.append((span.start, span.end, person))
        people.nickname(sentence, span.end, person)


# ---------------------------------------------------------------- offices


@dataclass(frozen=True, slots=True)
class Title:
    office: str
    former: bool
    chooser: tuple[str, str] | None = None  # (gg:appointedBy or the like, who) for 'appointed as ... by X'


class Offices:
    """The office a phrase names, resolved against the reference titles and the article's bodies."""

    def __init__(self, ctx: DocContext) -> None:
        self.ctx = ctx
        self.people = People(ctx)
        self.keys, self.words = office_vocabulary(ctx.gazetteer)
        self._bodies: list | None = None

    def _matches(self, sentence: Sentence, start: int, end: int) -> list:
        """Office titles in sentence[start:end] that do not reach into the name of a body ('Pheu Thai Party leader')."""
        entries = self.ctx.gazetteer.entries
        bodies = [(m.start - sentence.start - start, m.end - sentence.start - start)
                  for m in self.ctx.mentions_in(sentence, start, end) if _is_body(self.ctx, m.entity)]
        return longest_matches([m for m in self.ctx.gazetteer.match(sentence.text[start:end]) if m.key in self.keys
                                and (not m.contextual or entries[m.key].country == self.people.country)
                                and not any(m.start < e and s < m.end for s, e in bodies)])

    def resolve(self, sentence: Sentence, start: int, end: int, before_name: bool, precedes: bool = False) -> Title | None:
        """The office named by sentence[start:end]: a title right before a name (`before_name`), or an apposition
        (`precedes` when it stands before the name: 'son of the former governor of Veracruz, X' is the governor)."""
        tail = _TIME_TAIL.search(sentence.text, start, end)
        end = tail.start() if tail else end
        text = sentence.text[start:end]
        if not any(w in self.words for w in re.findall(r"[a-z]+", text.lower())):
            return None  # no word of any title: no need to match
        matches = self._matches(sentence, start, end)
        if not matches:
            return None
        match = None
        for candidate in matches if before_name else matches[:1]:
            rest = text[candidate.end :]
            if not rest.strip() or _OF_TAIL.match(rest) or _FROM_PARTY.match(rest):  # '... from the X Party'
                match = candidate
        if match is None:
            return None
        left_tokens = self._tokens(sentence, start, start + match.start)
        bodies = [m for m in sentence.mentions if _is_body(self.ctx, m.entity)]
        in_body = {t.i for t in left_tokens if any(m.start <= t.idx < m.end for m in bodies)}  # 'Commission of Namibia'
        if before_name or precedes:  # 'the Mongolian People's Party (MPP) of Prime Minister X': the title only
            left_tokens = left_tokens[max((i + 1 for i, t in enumerate(left_tokens) if t.lower_ == "of"
                                           and t.i not in in_body), default=0) :]
        left = [t.text for t in left_tokens if not t.is_punct or t.text in {"’s", "'s"}]
        lowered = [w.lower() for w in left]
        former = any(w in FORMER or w.startswith("ex-") for w in lowered)
        country = next((c for w in left if (c := is_country_word(self.ctx, w))), None)
        if country is None and any(w in {"country", "nation"} for w in lowered):
            country = self.people.country  # 'the country's chief justice'
        prefix = left[-1:] if lowered[-1:] and lowered[-1] in TITLE_PREFIXES else []  # 'Deputy President'
        if lowered[-1:] == ["first"] and text[match.start : match.end].lower().startswith(("deputy", "vice")):
            prefix = left[-1:]  # 'First Deputy Speaker'
        places = [m for m in self.ctx.mentions_in(sentence, start, start + match.start)
                  if self.ctx.is_a(m.entity, "Country")]  # 'Sierra Leone's President': a country of two words
        if places:  # the whole name the article names ('Guinea-Bissau'), not a word of it ('Guinea')
            country = places[-1].entity
        in_place = {t.i for t in left_tokens for m in places if m.start <= t.idx < m.end}
        qualifiers = [t.text for t in left_tokens if (t.text[:1].isupper() or t.lower_ in HEAD_CLASSES)
                      and t.lower_ not in FORMER | CURRENT | TITLE_PREFIXES | DETERMINERS
                      and not is_country_word(self.ctx, t.text) and t.i not in in_place]
        entry = self.ctx.gazetteer.entries[match.key]
        portfolio = [t.text for t in left_tokens if t.dep_ == "compound" and t.pos_ == "NOUN" and t.is_lower
                     and t.is_alpha] if entry.label.lower() in PORTFOLIO_ROLES and not qualifiers else []
        for token in left_tokens:  # before a title: determiners, adjectives, names of bodies and places
            if not (token.is_punct or token.lower_ in FORMER | CURRENT | TITLE_PREFIXES | DETERMINERS | POSSESSIVES
                    or token.text in qualifiers or token.text in portfolio or token.i in in_place | in_body
                    or token.pos_ in {"ADJ", "DET", "NUM", "PART"}
                    or token.dep_ in {"amod", "det", "poss", "case", "nummod", "advmod"}
                    or token.lower_ in {"country", "nation", "’s", "'s", "s"} or is_country_word(self.ctx, token.text)):
                return None
        written = re.sub(r"^([Vv]ice)-", r"\1 ", text[match.start : match.end])  # 'Vice-President'
        heads = [w for w in written.title().split() if is_head(w)]
        if entry.generic and heads and written.lower().startswith(heads[0].lower()):
            written = f"{entry.label} of {heads[0]}"  # 'parliament speaker': the Speaker of Parliament
        title = " ".join([*prefix, written])
        title = " ".join(w if w in {"of", "the", "and", "for"} or not w.islower() else w.capitalize()
                         for w in title.split())
        tail = _OF_TAIL.match(text[match.end :])
        if tail:
            org_start = start + match.end + tail.end()
            return self._post_in(sentence, title, org_start, end, former)
        if not entry.generic and not prefix:
            return Title(match.key, former)
        if lowered and lowered[-1] in POSSESSIVES:
            org = self._antecedent(sentence, start)
            return self.post(sentence, title, org, former) if org else None
        if portfolio:  # 'the finance minister', 'appointed interior minister': the portfolio in lower case
            return Title(self.generic(f"{title} of {' '.join(w.capitalize() for w in portfolio)}", country), former)
        if qualifiers:
            return self._qualified(sentence, (start, start + match.start), title, qualifiers, country, former)
        national = entry.generic and entry.label.lower() in NATIONAL_TITLES and len(written.split()) > 1
        if title.lower() not in BARE_TITLES and not (entry.generic and heads) and not national:
            # 'former minister of foreign affairs': another name of a national title (the foreign minister)
            return None  # 'leader', 'chairman', 'director' of nothing named; but 'Speaker of Parliament'
        return Title(self.generic(title, country), former)

    def _generic_bodies(self) -> list:
        """Generic bodies the article names in lower case ('the election commission'), in text order."""
        if self._bodies is None:
            entries = self.ctx.gazetteer.entries
            self._bodies = sorted((m for m in self.ctx.gazetteer.match(self.ctx.doc.text)
                                   if entries[m.key].generic and not entries[m.key].cls.endswith(OFFICE_CLASSES)),
                                  key=lambda m: m.start)
        return self._bodies

    def _tokens(self, sentence: Sentence, start: int, end: int) -> list[Token]:
        if start >= end or self.ctx.parsed is None:
            return []
        span = self.ctx.parsed.char_span(sentence.start + start, sentence.start + end, alignment_mode="contract")
        return list(span) if span is not None else []

    def generic(self, title: str, country: str | None) -> str:
        """The office of a title without a body: a national office of the country, else a post scoped to it."""
        country = country or self.people.country
        if title.lower() in NATIONAL_TITLES | {"deputy president"} and country:
            return self.people.national_office(title, country)
        scope = country.split("/", 1)[0] if country else self.people.scope()
        return self.ctx.new_entity("office", "Office", title, scope=scope)

    def post(self, sentence: Sentence, title: str, org: str, former: bool, written: str = "") -> Title | None:
        """The post `title` in the body `org` ('Leader of Democratic Party'), keyed within the body's country."""
        entry = self.ctx.gazetteer.entries.get(org)
        if entry is not None and entry.generic:  # 'the supreme court' as a kind: of this country, or nothing
            country = self.people.country
            if country is None:
                return None
            kind = (written or entry.label).title()
            label = f"{title} of {kind} of {self.ctx.gazetteer.entries[country].label}"
            return Title(self.ctx.new_entity("office", "Office", label, scope=country.split("/", 1)[0]), former)
        label = self.ctx.extraction.entities[org].label if org in self.ctx.extraction.entities else org
        post = self.ctx.new_entity("office", "Office", f"{title} of {label}", scope=self.people.scope_of(org))
        self.ctx.claim(sentence, post, "gg:officeIn", org, "persons:office-in", 0.85)
        return Title(post, former)

    def _post_in(self, sentence: Sentence, title: str, org_start: int, org_end: int, former: bool) -> Title | None:
        lead = re.match(r"(?:(?:governing|ruling|main|opposition|new|former|then)\s+)+", sentence.text[org_start:org_end])
        org_start += lead.end() if lead else 0  # 'the leader of the governing Ostravian Democratic Alliance'
        member = _FROM_PARTY.search(sentence.text, org_start, org_end)
        org_end = member.start() if member else org_end  # 'speaker of the House from the X Party': X is his party
        org_text = sentence.text[org_start:org_end].strip()
        if re.fullmatch(r"[a-z]+(?:\s+(?:and\s+)?[a-z]+){0,2}", org_text) and title.lower() in MINISTERIAL \
                and not set(org_text.split()) & (DETERMINERS | NP_STOP):  # 'former minister of foreign affairs'
            return Title(self.generic(f"{title} of {org_text.title().replace(' And ', ' and ')}", None), former)
        if not org_text[:1].isupper():
            return None
        first = next((m for m in self.ctx.mentions_in(sentence, org_start, org_end)
                      if m.start - sentence.start == org_start and _is_body(self.ctx, m.entity)), None)
        if first is not None and _AND_TITLE.match(sentence.text, first.end - sentence.start, org_end):
            return self.post(sentence, title, first.entity, former, first.text)  # "Chair of the Commission (EC) and ..."
        known = self.ctx.mention_at(sentence, org_start, org_end)
        if known is None and " " not in org_text and is_head(org_text):
            named = self._named_before(sentence, org_text)  # 'speaker of the House': the House the article named
            if named is not None:
                return self.post(sentence, title, named, former)
        if known is None and title.lower() in PORTFOLIO_TITLES:  # 'Minister of Justice', 'Governor of Veracruz'
            return Title(self.generic(f"{title} of {org_text}", None), former)
        if known is not None and self.ctx.is_a(known, "Person"):
            return None
        return Title(self.people.role_in(sentence, title, "of", (org_start, org_end)), former)

    def _named_before(self, sentence: Sentence, word: str) -> str | None:
        """The body the article named before, in full, whose name begins with a bare institution word ('the House'
        after 'the House of Representatives'); None when there is none or more than one."""
        lower = word.lower()
        found = {m.entity for m in self.ctx.extraction.mentions if m.start < sentence.start + len(sentence.text)
                 and _is_body(self.ctx, m.entity) and m.entity in self.ctx.extraction.entities
                 and self.ctx.extraction.entities[m.entity].label.lower().startswith(lower + " ")
                 and not self.ctx.is_a(m.entity, "PoliticalParty")}
        return found.pop() if len(found) == 1 else None

    def _qualified(self, sentence: Sentence, where: tuple[int, int], title: str, qualifiers: list[str],
                   country: str | None, former: bool) -> Title | None:
        """'Socialist Party (PSRM) leader', 'IEBC Vice Chair': the post in the body named before the title;
        'House Speaker': in the body of the article whose name begins so; 'Justice Minister': a portfolio."""
        lo, hi = sentence.start + where[0], sentence.start + where[1]
        named = [m.entity for m in sorted(sentence.mentions, key=lambda m: m.start)
                 if m.start < hi and lo < m.end and _is_body(self.ctx, m.entity)]
        if named and self._party_member(title, named[-1]):
            return Title(self.generic(title, country), former)  # 'PAN senator': a senator who is of PAN
        if named:
            return self.post(sentence, title, named[-1], former)
        phrase = " ".join(qualifiers).lower()
        if qualifiers[-1].islower():  # 'commission chairman': of the commission the article named last
            kind = qualifiers[-1]
            earlier = [m.entity for m in self.ctx.extraction.mentions if m.start < sentence.start + where[1]
                       and _is_body(self.ctx, m.entity) and m.entity in self.ctx.extraction.entities
                       and kind in self.ctx.extraction.entities[m.entity].label.lower().split()]
            if not earlier:  # 'the election commission ... commission chairman X': the kind the article named
                end = sentence.start + where[1]
                kinds = [m for m in self._generic_bodies() if m.end <= end
                         and kind in self.ctx.gazetteer.entries[m.key].label.lower().split()]
                if kinds:
                    written = self.ctx.doc.text[kinds[-1].start : kinds[-1].end]
                    return self.post(sentence, title, kinds[-1].key, former, written)
            return self.post(sentence, title, earlier[-1], former) if earlier else None
        for mention in self.ctx.extraction.mentions:
            entity = self.ctx.extraction.entities.get(mention.entity)
            if entity is None or not _is_body(self.ctx, mention.entity):
                continue
            names = [entity.label.lower(), *(a.lower() for a in entity.aliases)]
            if self._party_member(title, mention.entity):
                continue
            if phrase in names or (entity.label.lower().startswith(phrase + " ")
                                   and not self.ctx.is_a(mention.entity, "PoliticalParty")):
                # 'House Speaker': the House of Representatives; but 'Socialist Prime Minister' is a member of a
                # party, not the head of one
                return self.post(sentence, title, mention.entity, former)
        if title.lower() in PORTFOLIO_TITLES:
            return Title(self.generic(f"{title} of {' '.join(qualifiers)}", country), former)
        if title.lower() in BARE_TITLES:  # 'PAN senator': a senator, whatever PAN is
            return Title(self.generic(title, country), former)
        return None

    def _party_member(self, title: str, org: str) -> bool:
        """A member's title before a party's name ('PAN senator'): a seat the person holds, not a post of the party."""
        return title.lower().split()[-1] in MEMBER_WORDS and self.ctx.is_a(org, "PoliticalParty")

    def _antecedent(self, sentence: Sentence, start: int) -> str | None:
        """The party or body 'its' refers to: the last one named before, in this sentence or the one before."""
        candidates = [m for m in self.ctx.mentions_in(sentence, 0, start) if _is_body(self.ctx, m.entity)]
        if not candidates and sentence.index > 0 and self.ctx.same_paragraph(sentence.index - 1, sentence.index):
            previous = self.ctx.sentences[sentence.index - 1]
            candidates = [m for m in previous.mentions if _is_body(self.ctx, m.entity)]
        return candidates[-1].entity if candidates else None



def _title_before(ctx: DocContext, sentence: Sentence, first: Token, words: frozenset[str],
                  keys: frozenset[str]) -> tuple[int, int] | None:
    """Sentence-relative span of the title phrase right before a name ('former Chief Justice', 'chairman of the IEBC')."""
    span = sentence.tokens
    assert span is not None
    i = first.i - 1
    start = None
    while i >= span.start and first.i - i <= 10:
        token = span.doc[i]
        lower = token.lower_
        if lower in POSSESSIVES:
            start = i
            break
        if not (lower in words or lower in FORMER | CURRENT | TITLE_PREFIXES | HEAD_CLASSES.keys()
                or lower in {"of", "the", "for", "-", "(", ")"}
                or token.text in ("’s", "'s") or ((token.is_title or token.is_upper) and token.is_alpha
                and token.text not in _NOT_NAME_WORDS and lower not in NP_STOP | DETERMINERS)):
            break
        start = i
        i -= 1
    if start is None:
        return None
    last = first.i - 1  # 'chairman Justice Esau Chulu': a judge's honorific between title and name
    pair = span.doc[last - 1 : last + 1].text if last > start else ""
    if pair and span.doc[last].lower_ in {"justice", "judge", "dr", "prof", "professor"} and span.doc[last - 1].lower_ in words \
            and not any(
            m.key in keys and m.start == 0 and m.end == len(pair) for m in ctx.gazetteer.match(pair)):
        first = span.doc[last]  # but 'Chief Justice' is a title
    while start < first.i and span.doc[start].lower_ in {"of", "the", "for", "-", "’s", "'s"}:
        start += 1
    if start >= first.i:
        return None
    return span.doc[start].idx - sentence.start, span.doc[first.i - 1].idx + len(span.doc[first.i - 1]) - sentence.start


def _appositions(sentence: Sentence, first: Token, last: Token) -> list[tuple[int, int] | None]:
    """'NAME, the Minister of Justice,' and 'the Minister of Justice, NAME': the phrases across the comma
    after and before the name (None where there is none)."""
    span = sentence.tokens
    assert span is not None
    doc = span.doc
    out: list[tuple[int, int] | None] = [None, None]
    after_age = last.i + 2 if last.i + 3 < span.end and doc[last.i + 2].like_num and doc[last.i + 3].text == "," \
        else last.i  # 'NAME, 59, the leader of ...': the age between the name and the apposition
    if after_age + 2 < span.end and doc[last.i + 1].text == "," and doc[after_age + 1].text == ",":
        j = after_age + 2
        k = j
        while k < span.end and doc[k].text not in {",", ";", ".", "(", ")", "—", "–", ":"} \
                and (doc[k].pos_ != "VERB" or doc[k].dep_ in {"amod", "compound"}) \
                and doc[k].lower_ not in {"who", "which", "and", "said", "says"}:
            k += 1
        conj = k if k < span.end and doc[k].lower_ in {"and", "or"} else (
            k + 1 if k + 1 < span.end and doc[k].text == "," and doc[k + 1].lower_ in {"and", "or"} else None)
        listed = conj is not None and conj + 1 < span.end and (doc[conj + 1].lower_ in {"the", "this", "its"}
                                                                or doc[conj + 1].text[:1].isupper())
        named = k > j and (doc[k - 1].ent_type_ == "PERSON" or (k < len(doc) and doc[k].ent_type_ == "PERSON"))
        # 'X, the Attorney General and the Assembly' is a list; 'X, Vice President Y,' is Y's title, not X's
        if k > j and not listed and not named:
            out[0] = (doc[j].idx - sentence.start, doc[k - 1].idx + len(doc[k - 1]) - sentence.start)
    if first.i - 2 >= span.start and doc[first.i - 1].text == ",":
        k = first.i - 1
        j = k
        while j > span.start and (doc[j - 1].text not in {",", ";", ":", "(", ")", "—", "–", "“", "\""}
                                  or _acronym_close(doc, j - 1, span.start)):
            j -= 1 if doc[j - 1].text != ")" else 3  # over '(EC)': 'The Chairperson of the Commission (EC), NAME
        after = doc[last.i + 1] if last.i + 1 < span.end else None
        if k > j and (after is None or after.lower_ not in {"and", "or"}):
            out[1] = (doc[j].idx - sentence.start, doc[k - 1].idx + len(doc[k - 1]) - sentence.start)
    return out


def _acronym_close(doc: Doc, i: int, start: int) -> bool:
    """A ')' that closes an acronym in parentheses ('the Electoral Commission (EC)')."""
    return (doc[i].text == ")" and i - 2 > start and doc[i - 2].text == "(" and doc[i - 1].is_upper
            and doc[i - 1].is_alpha)


_TITLE_ENDS = frozenset({"on", "in", "after", "by", "with", "since", "for", "who", "which", "that",
                         "as", "per", "under"})  # 'as the prime minister as per Article 76 (2)': the title ends


def _name_phrase(root: Token) -> Token:
    """The head of the phrase a name stands in, over titles and appositions ('chairman Pushpa Kamal Dahal has been
    appointed': the word the verb governs)."""
    subject = root
    while subject.dep_ in {"appos", "compound"} and subject.head is not subject:
        subject = subject.head
    return subject


def _title_span(sentence: Sentence, target: Token) -> tuple[int, int] | None:
    """Sentence-relative span of the title a word heads, up to punctuation or a word that ends a title."""
    tokens = [t for t in target.subtree if t.i >= target.left_edge.i]
    stop = next((t.i for t in tokens if t.text in {",", ";", "("} or t.lower_ in _TITLE_ENDS), None)
    last = target.doc[(stop if stop is not None else tokens[-1].i + 1) - 1]
    if last.i < tokens[0].i:
        return None
    return tokens[0].idx - sentence.start, last.idx + len(last) - sentence.start


def _elected_as(sentence: Sentence, root: Token) -> tuple[tuple[int, int], bool] | None:
    """'X was elected/appointed/sworn in as prime minister', 'X became president', 'X is the speaker':
    the title's span, and whether the sentence puts the tenure in the past ('X was the president')."""
    subject = _name_phrase(root)
    verb = subject.head
    lemma = verb.lemma_.lower()
    if subject.dep_ not in {"nsubj", "nsubjpass", "dobj"} or lemma not in ELECT_VERBS | {"be", "serve"}:
        return None
    if subject.dep_ == "nsubj" and any(c.dep_ == "dobj" for c in verb.children):
        return None  # 'X appointed Y as prime minister': the office is Y's, X chose
    if lemma == "be" and subject.dep_ != "nsubj":
        return None
    if any(c.lower_ in NOT_CERTAIN | {"will", "'ll", "shall"} for c in verb.children):
        return None
    past = lemma in {"be", "serve"} and verb.tag_ == "VBD"
    heads = [verb, *[c for c in verb.children if c.dep_ == "prt"]]
    if subject.dep_ == "dobj":
        heads.append(root)  # 'appointed Jon Doe as prime minister', the 'as' on the name
    for head in heads:
        for child in head.children:
            target = None
            if child.dep_ == "prep" and child.lower_ == "as" and lemma != "be":
                target = next((c for c in child.children if c.dep_ == "pobj"), None)
            elif child.dep_ in {"oprd", "attr"} and child.pos_ in {"NOUN", "PROPN"}:
                target = child
            elif child.dep_ == "dobj" and subject.dep_ == "dobj" and child.i > subject.i and child.pos_ == "NOUN":
                target = child  # 'appointed Srettha Thavisin prime minister': the second object
            span = _title_span(sentence, target) if target is not None else None
            if span is not None:
                return span, past
    return None


def _chooser(ctx: DocContext, sentence: Sentence, root: Token, verbs: dict[str, str]) -> tuple[str, str] | None:
    """Who chose the person the name is: the subject of 'X appointed NAME as ...', the agent of 'NAME was
    appointed ... by X' (a person, office or body the sentence names), with the verb's predicate."""
    subject = _name_phrase(root)
    verb = subject.head
    predicate = verbs.get(verb.lemma_.lower())
    if predicate is None:
        return None
    chosen, choosers = undergoer_and_actor(verb)
    if subject not in chosen:
        return None
    for agent in choosers:
        for mention in sentence.mentions:
            if mention.start <= agent.idx < mention.end and (
                    ctx.is_a(mention.entity, "Person", *OFFICE_CLASSES) or _is_body(ctx, mention.entity)):
                return predicate, mention.entity
    return None


def _deputy_of(ctx: DocContext, offices: Offices, root: Token, deputy_of: list[str]) -> Title | None:
    """'Kenyatta's (estranged) deputy William Ruto': the deputy of the national office the possessor holds in the
    article (President of Kenya -> Deputy President of Kenya), while the article does not say it is over."""
    if not any(c.dep_ == "compound" and c.lower_ == "deputy" for c in root.children):
        return None
    owner = next((c for c in root.children if c.dep_ == "poss"), None)
    country = offices.people.country
    if owner is None or country is None:
        return None
    person = next((m.entity for m in ctx.extraction.mentions
                   if m.start <= owner.idx < m.end and ctx.is_a(m.entity, "Person")), None)
    held = {c.obj for c in ctx.extraction.claims if c.subject == person and c.predicate == "gg:holds"
            and isinstance(c.obj, str)}
    ended = {c.subject for c in ctx.extraction.claims if c.predicate == "gg:tenureStatus"}
    country_label = ctx.gazetteer.entries[country].label
    for office in sorted(held):
        label = offices.people.office_label(office)
        title = label.removesuffix(f" of {country_label}")
        if title.lower() in deputy_of and label != title and tenure_key(person or "", office) not in ended:
            return Title(offices.generic(f"Deputy {title}", country), False)
    return None


def _led_by(ctx: DocContext, sentence: Sentence, root: Token) -> tuple[str, str, bool] | None:
    """'the Supreme Court, headed by X', 'the PAS, founded and led by X until her victory': the body the
    participle describes, the post ('Leader', 'Head', 'Chair') and whether the sentence ends the tenure."""
    if root.dep_ != "pobj" or root.head.dep_ != "agent":
        return None
    verb = root.head.head
    title = {"lead": "Leader", "head": "Head", "chair": "Chair"}.get(verb.lemma_.lower())
    anchor = verb.head if verb.dep_ == "conj" else verb
    if title is None or anchor.dep_ not in {"acl", "relcl"}:
        return None
    former = any(c.dep_ == "prep" and c.lower_ == "until" for c in (*verb.children, *anchor.children))
    noun = anchor.head
    from govgraph.build.rules.memberships import party_mentions  # (it imports this module)

    party_mentions(ctx, sentence)  # 'the PAS, led by X': a party the article named in full before
    if noun.dep_ == "appos":  # 'uMkhonto weSizwe (MK), the new party led by X': the body the noun is apposed to
        head = noun.head
        named = [m for m in sentence.mentions if m.start <= head.idx < m.end and _is_body(ctx, m.entity)]
        return (named[0].entity, title, former) if named else None
    for mention in sentence.mentions:
        start, end = mention.start - sentence.start, mention.end - sentence.start
        if start <= noun.idx - sentence.start < end and _is_body(ctx, mention.entity):
            return mention.entity, title, former
    before = sentence.text[: anchor.idx - sentence.start].rstrip(" ,")
    adjacent = [m for m in sentence.mentions if m.end - sentence.start == len(before)
                and _is_body(ctx, m.entity)]  # 'a bench at the Supreme Court headed by X'
    return (adjacent[0].entity, title, former) if adjacent else None


def _apposed_title(sentence: Sentence, root: Token, words: frozenset[str]) -> tuple[int, int] | None:
    """'the country's current president, Gabriel Boric': the title the name is in apposition to (by the parse)."""
    head = root.head
    if root.dep_ != "appos" or head.lower_ not in words or head.i > root.i:
        return None
    first = head.left_edge
    last = head
    for child in head.rights:
        if child.dep_ == "prep" and child.lower_ in {"of", "for"} and child.right_edge.i < root.i:
            last = child.right_edge
    return first.idx - sentence.start, last.idx + len(last) - sentence.start


@implements("persons.offices")
def person_offices(ctx: DocContext, rule: Rule) -> None:
    """Who holds which office, from titles before names, appositions, 'elected as' and 'succeeded Y as'."""
    if ctx.parsed is None:
        return
    offices = Offices(ctx)
    ents = tuple(ctx.parsed.ents)
    for sentence in ctx.sentences:
        if sentence.tokens is None:
            continue
        for mention in list(sentence.mentions):
            if not ctx.is_a(mention.entity, "Person"):
                continue
            tokens = ctx.parsed.char_span(mention.start, mention.end, alignment_mode="expand")
            if tokens is not None and len(tokens):
                for title in _ended(tokens.root, _current_wins(_titles(ctx, offices, sentence, tokens, rule.patterns))):
                    _hold(offices, sentence, mention.entity, title, rule.name, 0.9)
        taken = [(m.start - sentence.start, m.end - sentence.start) for m in sentence.mentions]
        for span in name_spans(ctx, sentence, ents):
            if not span.needs_title or any(s < span.end and span.start < e for s, e in taken):
                continue
            tokens = ctx.parsed.char_span(sentence.start + span.start, sentence.start + span.end,
                                          alignment_mode="expand")
            titles = _current_wins(_titles(ctx, offices, sentence, tokens, rule.patterns)) \
                if tokens is not None and len(tokens) else []
            offices.people.allow_new = True
            person = offices.people.person(span.name) if titles else None
            offices.people.allow_new = False
            if person is None:
                continue
            ctx.add_mention(sentence, span.start, span.end, person)
            offices.people.nickname(sentence, span.end, person)
            for title in titles:
                _hold(offices, sentence, person, title, rule.name, 0.85)


ENDING_PASSIVE = frozenset({"oust", "depose", "topple", "overthrow", "remove", "impeach", "dismiss", "sack",
                            "unseat", "push"})  # 'X was ousted', 'X was pushed out'
ENDING_ACTIVE = frozenset({"resign", "quit", "die"})  # 'X resigned last November', 'President X died in 2024'


def _ended(root: Token, titles: list[Title]) -> list[Title]:
    """The titles of a name whose sentence ends the tenure ('President X was pushed out', 'Prime Minister X
    resigned'): former, unless the title was given as current by an election ('X was elected ...')."""
    verb = root.head
    lemma = verb.lemma_.lower()
    ended = verb.tag_ in {"VBD", "VBN"} and not any(c.dep_ == "neg" or c.lower_ in NOT_CERTAIN for c in verb.children) \
        and ((root.dep_ == "nsubjpass" and lemma in ENDING_PASSIVE)
             or (root.dep_ == "nsubj" and lemma in ENDING_ACTIVE and verb.tag_ == "VBD"))
    if lemma == "push" and not any(c.lower_ == "out" for c in verb.children):
        ended = False
    return [Title(t.office, True, t.chooser) if ended and t.chooser is None else t for t in titles]


def _current_wins(titles: list[Title]) -> list[Title]:
    """'X, former speaker of the House, was reelected speaker of the House': one sentence that gives a person an
    office both as former and as held again states a current tenure."""
    current = {t.office for t in titles if not t.former}
    return [Title(t.office, False, t.chooser) if t.former and t.office in current else t for t in titles]


def _hold(offices: Offices, sentence: Sentence, person: str, title: Title, extractor: str, confidence: float) -> None:
    """The person holds the title's office; whoever chose them (if the sentence says) chose that tenure."""
    tenure = offices.people.holds(sentence, person, title.office, extractor, confidence, former=title.former)
    if title.chooser is not None:
        offices.ctx.claim(sentence, tenure, title.chooser[0], title.chooser[1], extractor, 0.8)


def _titles(ctx: DocContext, offices: Offices, sentence: Sentence, tokens: TokenSpan,
            patterns: dict[str, Any]) -> list[Title]:
    first, last = tokens[0], tokens[-1]
    found: list[Title] = []
    before = _title_before(ctx, sentence, first, offices.words, offices.keys)
    if before is not None and (title := offices.resolve(sentence, *before, before_name=True)):
        found.append(title)
    after, before = _appositions(sentence, first, last)
    for span, precedes in ((after, False), (None if found else before, True)):  # after the name even with a title
        if span is not None and (title := offices.resolve(sentence, *span, before_name=False, precedes=precedes)):
            found.append(title)
            break
    if not found:
        apposed = _apposed_title(sentence, tokens.root, offices.words)
        if apposed is not None and (title := offices.resolve(sentence, *apposed, before_name=False)):
            found.append(title)
    deputy = None if found else _deputy_of(ctx, offices, tokens.root, patterns["deputy_of"]["words"])
    if deputy is not None:
        found.append(deputy)
    led = _led_by(ctx, sentence, tokens.root)
    if led is not None and (title := offices.post(sentence, led[1], led[0], led[2])):
        found.append(title)
    elected = _elected_as(sentence, tokens.root)
    if elected is not None and (title := offices.resolve(sentence, *elected[0], before_name=False)):
        chooser = _chooser(ctx, sentence, tokens.root, patterns["choosing_verbs"])
        if chooser is not None and chooser[1] == title.office:
            chooser = None
        found.append(Title(title.office, title.former or elected[1], chooser))
    succession = _succession(sentence, tokens.root, patterns["succeeding_verbs"]["words"])
    if succession is not None and (title := offices.resolve(sentence, *succession[0], before_name=False)):
        found.append(Title(title.office, succession[1]))
    return found


def _succession(sentence: Sentence, root: Token, verbs: list[str]) -> tuple[tuple[int, int], bool] | None:
    """'X succeeded Y as prime minister', 'Y was replaced by X as speaker': the title's span, and whether the name
    is the one succeeded (a former holder). A future, negated or uncertain succession states nothing."""
    subject = _name_phrase(root)
    verb = subject.head.head if subject.dep_ == "pobj" and subject.head.dep_ == "agent" else subject.head  # 'by X'
    if verb.lemma_.lower() not in verbs or verb.pos_ != "VERB" or verb.tag_ not in {"VBD", "VBN", "VBZ", "VBP"}:
        return None
    if any(c.dep_ == "neg" or c.lower_ in NOT_CERTAIN | {"will", "'ll", "shall", "to"} for c in verb.children):
        return None
    succeeded, successors = undergoer_and_actor(verb)
    if subject not in succeeded and subject not in successors:
        return None
    for child in verb.children:
        target = next((c for c in child.children if c.dep_ == "pobj"), None) if (
            child.dep_ == "prep" and child.lower_ == "as") else None
        span = _title_span(sentence, target) if target is not None else None
        if span is not None:
            return span, subject in succeeded
    return None
