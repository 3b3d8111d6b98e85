"""People: the offices of names in bylines and next to roles, and the checks every name passes.

People come from the recogniser (rule persons.names, rules/holders.py), which also reads titles before
names and appositions on the parse. The patterns here (a byline's "NAME, ROLE of ORG" / "NAME, ROLE, ORG",
"NAME, who chairs ORG", "NAME as TITLE", speech verbs, honorifics) link names to those
people, or create one only for a name that passes `name_words_ok`.
A bare surname ("Tokayev") refers to the person of this document with that surname.
"""

from __future__ import annotations

import re
from functools import cache

from govgraph.build.context import DETERMINERS, NP_STOP, DocContext, Sentence, clean_phrase
from govgraph.build.country import clear_country
from govgraph.build.dates import MONTHS, parse_date
from govgraph.build.gazetteer import Gazetteer
from govgraph.build.keys import make_key, slug
from govgraph.build.lexicon import ROLE_HEADS, ROLE_MODIFIERS, lexicon
from govgraph.build.organizations import is_head
from govgraph.build.records import Value

NATIONAL_TITLES = frozenset({
    "president", "vice president", "prime minister", "first deputy prime minister", "deputy prime minister",
    "foreign minister", "secretary of state", "speaker", "deputy speaker", "prosecutor general", "attorney general",
    "chief justice", "ombudsman", "head of state", "head of government", "chancellor", "premier", "king",
    "deputy president",
})
OFFICE_CLASSES = ("Office", "HeadOfState", "HeadOfGovernment")
# Titles whose 'of'/'for' phrase is a portfolio, not a body ('Minister for Seniors', 'the finance minister')
PORTFOLIO_ROLES = frozenset({"minister", "deputy minister", "associate minister"})
ORGANIZATION_CLASSES = ("Organization", "Party", "Body", "Parliament", "Chamber", "Court", "Government", "Agency",
                        "Ministry", "Commission", "Outlet", "Institute", "Institution")

HONORIFICS = {"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "prof", "prof.", "sir", "madam"}
SPEECH_VERBS = (
    "said|says|noted|notes|stressed|stresses|added|adds|emphasized|emphasised|emphasizes|told|tells|stated|"
    "states|explained|explains|insisted|insists|argued|argues|believes|believed|announced|announces|"
    "underlined|underlines|remarked|recalled|urged|warned|declared|asserted|pointed out"
)
_NAME_WORD = r"(?:[A-Z][a-zà-ÿ’']+(?:-[A-Z][a-zà-ÿ’']+)?)"
NAME = rf"{_NAME_WORD}(?:\s+{_NAME_WORD}){{1,3}}"
_NOT_NAME_WORDS = {m.capitalize() for m in MONTHS} | {
    "The", "A", "An", "This", "That", "These", "In", "On", "At", "By", "For", "Of", "And", "But", "Or", "As", "If",
    "He", "She", "It", "They", "We", "I", "His", "Her", "Their", "Our", "Its", "Monday", "Tuesday", "Wednesday",
    "Thursday", "Friday", "Saturday", "Sunday", "According", "After", "Before", "Since", "With", "From", "To",
    "Photo", "Source", "Share", "Read", "Get", "Also", "However", "Meanwhile", "Moreover", "Thus",
} | {verb.capitalize() for verb in SPEECH_VERBS.split("|")}
_NAME_RE = re.compile(NAME)
_HONORIFIC_RE = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|Prof)\.?\s+(" + NAME + r"|" + _NAME_WORD + r")")
_BYLINE_OR_START = re.compile(r"^(?:by:?\s+)?(?:(?:Mr|Mrs|Ms|Dr|Prof)\.?\s+)?(" + NAME + r")\s*,\s*", re.I)
_SAID_AFTER = re.compile(rf"\b(?:{SPEECH_VERBS})\s+(?:by\s+)?(" + NAME + r")")
_SAID_BEFORE = re.compile(r"(?<![\w’'])(" + NAME + rf")\s+(?:has\s+|had\s+|also\s+)?(?:{SPEECH_VERBS})\b")
_NAME_COMMA = re.compile(r"(?<![\w’'-])(" + NAME + r")\s*,\s+(?=(?:a\s+|the\s+)?(?:former\s+)?[A-Za-z])")
_NAME_WHO = re.compile(r"(?<![\w’'-])(" + NAME + r")\s*,\s+(?:who\s+)?(?P<v>(?:has|had)\s+been|is|was|serves\s+as|served\s+as|"
                       r"(?P<verb>heads|chairs|leads|directs|runs)|(?:re-?)?elected|appointed|named)\s+(?:also\s+)?(?:as\s+)?(?:the\s+)?"
                       r"(?:current\s+)?")
_OF_ORG_NAME = re.compile(r"\s+(?:of|for)\s+(?:the\s+)?(?P<org>(?:[A-Z][\w’'-]+\s+){1,4}?)(?P<name>" + NAME
                          + r")(?![\w-]|\s+[A-Z])")
_SINCE = re.compile(r"\s+since\s+(?P<year>1[89]\d\d|20\d\d)\b")
_NAME_AS = re.compile(r"(?<![\w’'-])(" + NAME + r")(?:\s*,[^,]{3,80},)?\s+as\s+(?:the\s+)?(?:new\s+)?(?=[A-Z])")
_QUOTED_NICKNAME = re.compile(r"\s*(?P<q>[‘“'\"])(?P<nick>[A-Z][a-z]+(?:[ -][A-Z][a-z]+)?)(?:[’”'\"])(?![\w’'])")
_ROLE = re.compile(r"(?:a\s+|an\s+|the\s+)?(?:former\s+)?(?P<role>(?:[A-Za-z]+\s+){0,3}?[A-Za-z]+)"
                   r"(?P<sep>\s+(?:of|at|in|for|with)\s+(?:the\s+)?|\s*,\s*|(?=[.;:)]|\s+(?:and|who|since|until)\b|$))")
_ACCORDING = re.compile(r"\baccording to\s+(" + NAME + r")")


TITLE_WORDS = frozenset(w for phrase in lexicon().of("person-titles") | lexicon().of("member-words")
                        for w in phrase.split()) | ROLE_HEADS | ROLE_MODIFIERS | {"ex"}


def title_word(word: str) -> bool:
    """Whether a word belongs to a title written before a person's name, never to the name: a role's words
    ('First', 'Vice', 'Deputy', 'Former'), an honorific, a courtesy, member or rank title of the lexicon ('Lady',
    'Congressman'), any of them after 'ex-' ('ex-Minister')."""
    lower = re.sub(r"^ex-", "", word.lower())
    return lower in HONORIFICS or lower.rstrip(".") in TITLE_WORDS


def clean_name(text: str) -> str | None:
    """A person name without leading non-name words, or None when too little is left."""
    words = re.sub(r"[’‘']s?$", "", text).split()
    if "By" in words:  # "Analysis By Jane Roe"
        words = words[words.index("By") + 1 :]
    while words and (words[0] in _NOT_NAME_WORDS or title_word(words[0])):
        words.pop(0)
    while words and words[-1] in _NOT_NAME_WORDS:
        words.pop()
    return " ".join(words) if words else None


PARTICLES = frozenset({"al", "el", "bin", "ibn", "van", "von", "der", "den", "de", "da", "di", "du", "dos", "das", "del",
                       "della", "la", "le", "y", "ben", "abu"})


@cache
def office_vocabulary(gazetteer: Gazetteer) -> tuple[frozenset[str], frozenset[str]]:
    """Keys of the reference offices and every word of their names (lower case)."""
    keys = frozenset(k for k, e in gazetteer.entries.items() if e.cls.endswith(OFFICE_CLASSES))
    words = frozenset(
        w for k in keys for name in (gazetteer.entries[k].label, *gazetteer.entries[k].aliases)
        for w in re.split(r"[\s-]+", name.lower()) if w.isalpha() and w not in {"of", "the", "and", "for", "in"}
    )
    return keys, words


@cache
def _entity_names(gazetteer: Gazetteer) -> frozenset[str]:
    """Lower-case names of the reference entities other than offices (a name that is one is not a person)."""
    return frozenset(name.lower() for entry in gazetteer.entries.values() if not entry.cls.endswith("Office")
                     for name in (entry.label, *entry.aliases))


def is_country_word(ctx: DocContext, word: str) -> str | None:
    """The country a word names ('Thailand', 'Thailand’s', 'Ukrainian'), if any."""
    key = ctx.gazetteer.lookup(re.sub(r"[’']s$", "", word))
    return key if key and ctx.is_a(key, "Country") else None


def name_words_ok(ctx: DocContext, words: list[str]) -> bool:
    """Whether words can be a person's name: capitalized (name particles aside), no function, title,
    institution or country words, and not all in capitals (a site header)."""
    _, vocabulary = office_vocabulary(ctx.gazetteer)
    if not 2 <= len(words) <= 5 or not words[0][:1].isupper():
        return False
    for word in words:
        lower = word.lower()
        if lower in PARTICLES or re.match(r"(?:al|el|ad|ash|as|at|an|ar|az|bin|ibn)-[A-Z]", word):
            continue
        if not word[:1].isupper() or any(ch.isdigit() for ch in word) or not any(ch.isalpha() for ch in word):
            return False
        if word in _NOT_NAME_WORDS or lower in NP_STOP or lower in DETERMINERS or lower in vocabulary:
            return False
        if is_head(word) or is_country_word(ctx, word) or lower in lexicon().of("party-lead-words"):
            return False  # 'Movimiento Ciudadano' is a party's name, whatever the tagger says
    return any(any(ch.islower() for ch in w) for w in words if w.lower() not in PARTICLES)


def article_country(ctx: DocContext) -> str | None:
    """The country key an article is about, only when the text says so clearly (see `country.clear_country`)."""
    return clear_country(ctx.doc, ctx.extraction.mentions, ctx.gazetteer)


def tenure_key(person: str, office: str) -> str:
    """The key of a person's tenure of an office: one per person and office (a new term adds its start)."""
    return f"tenure/{slug(person.split('/', 1)[1])}/{slug(office)}"

class People:
    """Finds people in one document and records who holds which office.

    With a parsed document, people come from the named-entity recogniser (rule `persons.names`,
    which sets `allow_new`); the patterns here then only link names to people already found.
    """

    def __init__(self, ctx: DocContext, allow_new: bool = False) -> None:
        self.ctx = ctx
        self.allow_new = allow_new or ctx.parsed is None
        self.country = article_country(ctx)

    # ------------------------------------------------------------ persons

    def person(self, name: str, create: bool = False) -> str | None:
        """Key of the person with this name in the document, created when new.

        With a parsed document a new person comes from the recogniser (`allow_new`), or with `create` from a
        name that passes `name_words_ok` next to a role ("Sadi Güven, President of ...").
        """
        cleaned = clean_name(name.strip())
        if not cleaned or self._covered_by_entity(cleaned) or any(is_head(word) for word in cleaned.split()):
            return None
        name = cleaned
        parts = name.split()
        if len(parts) == 1:
            return self.ctx.surnames.get(parts[0])
        known = self.ctx.surnames.get(parts[-1])
        if known is not None:
            label = self.ctx.extraction.entities[known].label
            if compatible_names(label, name):
                if len(name) > len(label) and self.allow_new:
                    return self._rename(known, name)
                self.ctx.add_entity(known, "Person", label, name)
                return known
        reordered = self._reordered(parts)
        if reordered is not None:
            self.ctx.add_entity(reordered, "Person", self.ctx.extraction.entities[reordered].label, name)
            return reordered
        if not self.allow_new and not (create and name_words_ok(self.ctx, parts)):
            return None
        folded = name.lower()
        if any(self.ctx.is_a(key, *ORGANIZATION_CLASSES)
               and any(n.lower() == folded or n.lower().startswith(folded + " ") for n in (entity.label, *entity.aliases))
               for key, entity in self.ctx.extraction.entities.items()):
            return None  # 'Pheu Thai' of the Pheu Thai Party; a party named again
        key = self.ctx.new_entity("person", "Person", name)
        self.ctx.surnames.setdefault(parts[-1], key)
        return key

    def nickname(self, sentence: Sentence, end: int, person: str) -> None:
        """A quoted name right after a person's name ("Pushpa Kamal Dahal ‘Prachanda’") is that person's alias, so
        that the name alone later ("appointed Prachanda") is the same person."""
        match = _QUOTED_NICKNAME.match(sentence.text, end)
        _, vocabulary = office_vocabulary(self.ctx.gazetteer)
        if match is None or any(w in _NOT_NAME_WORDS or w.lower() in NP_STOP | DETERMINERS | vocabulary or is_head(w)
                                or is_country_word(self.ctx, w) for w in match.group("nick").split()):
            return
        nick = match.group("nick")
        ctx = self.ctx
        ctx.add_entity(person, "Person", ctx.extraction.entities[person].label, nick)
        if ctx.surnames.setdefault(nick, person) != person:
            return  # the name is another person's surname
        alone = re.compile(rf"(?<![\w’'-]){re.escape(nick)}(?![\w-])")
        for other in ctx.sentences:
            taken = [(m.start - other.start, m.end - other.start) for m in other.mentions]
            for found in alone.finditer(other.text):
                if not any(s <= found.start() < e for s, e in taken):
                    ctx.add_mention(other, found.start(), found.end(), person)

    def _rename(self, old: str, name: str) -> str:
        """A fuller name for a person first seen by a shorter one: re-key, keep the old key as an alias."""
        entity = self.ctx.extraction.entities.pop(old)
        key = make_key("person", name)
        self.ctx.add_entity(key, "Person", name, entity.label, *entity.aliases)
        self.ctx.extraction.entities[key].same_as.add(old)
        for surname, target in list(self.ctx.surnames.items()):
            if target == old:
                self.ctx.surnames[surname] = key
        rewrite_keys(self.ctx, {old: key})
        return key

    def _reordered(self, parts: list[str]) -> str | None:
        """The person already named by these words in another order: an official's 'Ruto William Samoei' (surname
        first, as on a ballot or a declaration) is the article's 'William Samoei Ruto'."""
        words = sorted(p.lower() for p in parts)
        return next((key for key in dict.fromkeys(self.ctx.surnames.values())
                     if (person := self.ctx.extraction.entities.get(key)) is not None
                     and sorted(p.lower() for p in person.label.split()) == words), None)

    def _covered_by_entity(self, name: str) -> bool:
        return name.lower() in _entity_names(self.ctx.gazetteer)

    # ------------------------------------------------------------ offices

    def holds(self, sentence: Sentence, person: str, office: str, extractor: str, confidence: float,
              former: bool = False) -> str:
        """The person's tenure of the office, claimed from this sentence (its key)."""
        ctx = self.ctx
        ctx.claim(sentence, office, "gg:holder", person, extractor, confidence)
        ctx.claim(sentence, person, "gg:holds", office, extractor, confidence)
        tenure = ctx.add_entity(tenure_key(person, office), "Tenure",
                                f"{ctx.extraction.entities[person].label} as {self.office_label(office)}")
        ctx.claim(sentence, tenure, "org:member", person, extractor, confidence)
        ctx.claim(sentence, tenure, "gg:post", office, extractor, confidence)
        ctx.claim(sentence, person, "gg:tenure", tenure, extractor, confidence)
        if former:
            ctx.claim(sentence, tenure, "gg:tenureStatus", Value("former", "string"), extractor, confidence)
        ctx.holders.setdefault(office, person)
        return tenure

    def office_label(self, office: str) -> str:
        entity = self.ctx.extraction.entities.get(office)
        if entity is not None:
            return entity.label
        entry = self.ctx.gazetteer.entries.get(office)
        return entry.label if entry else office

    def office_for_title(self, title: str, mention_key: str | None) -> str | None:
        """The office a title names: a national office of the article's country, else a generic post."""
        if mention_key and not self.ctx.gazetteer.entries[mention_key].generic:
            return mention_key
        title = clean_phrase(title)
        if not title:
            return None
        title = title[0].upper() + title[1:]
        if title.lower() in NATIONAL_TITLES and self.country:
            return self.national_office(title, self.country)
        return self.ctx.new_entity("office", "Office", title, scope=self.scope())

    def scope_of(self, org: str) -> str:
        """Where a post in a body belongs: the body's country ('org/ke/...', a reference body of Kenya), else
        the article's, so that two countries' 'Leader of Democratic Party' stay apart."""
        entry = self.ctx.gazetteer.entries.get(org)
        if entry is not None and entry.country:
            return entry.country.split("/", 1)[0]
        parts = org.split("/")
        return parts[1] if len(parts) >= 3 else self.scope()

    def scope(self) -> str:
        """Where a generic post belongs: the article's country when clear, else the article."""
        return self.country.split("/", 1)[0] if self.country else slug(self.ctx.doc.doc_id)

    def national_office(self, title: str, country: str) -> str:
        """'Prime Minister' in an article about Armenia: the Prime Minister of Armenia (reference data first)."""
        ctx = self.ctx
        country_label = ctx.gazetteer.entries[country].label if country in ctx.gazetteer.entries else country
        label = f"{title} of {country_label}"
        known = ctx.gazetteer.lookup(label, ctx.gazetteer.entries[country].country if country in ctx.gazetteer.entries
                                     else None)
        if known:
            return ctx.add_entity(known, "Office", label)
        cls = {"president": "HeadOfState", "prime minister": "HeadOfGovernment"}.get(title.lower(), "Office")
        office = ctx.add_entity(f"office/{country.split('/')[0]}/{slug(title)}", cls, label)
        return office

    def role_in(self, sentence: Sentence, role: str, preposition: str, org_span: tuple[int, int] | None) -> str:
        """The post 'ROLE of ORG' as written (its own entity, placed in ORG) or a bare role."""
        ctx = self.ctx
        role = clean_phrase(role)
        if org_span is None:
            return self.office_for_title(role, None) or ""
        if role.lower() in PORTFOLIO_ROLES and not any(
                ctx.is_a(m.entity, "Organization") for m in ctx.mentions_in(sentence, *org_span)):
            portfolio = clean_phrase(sentence.text[org_span[0] : org_span[1]])  # 'Minister for Seniors': no body
            return ctx.new_entity("office", "Office", f"{role[0].upper() + role[1:]} of {portfolio}", scope=ctx.scope())
        org = self.organization(sentence, *org_span)
        if self.ctx.is_a(org, "Country") and role.lower() in NATIONAL_TITLES:
            return self.national_office(role[0].upper() + role[1:], org)
        org_text = re.sub(r"\s*\([A-Z][A-Za-z]{1,9}\)\s*$", "", clean_phrase(sentence.text[org_span[0] : org_span[1]]))
        post = ctx.new_entity("office", "Office", f"{role[0].upper() + role[1:]} {preposition} {org_text}",
                              scope=self.scope_of(org))
        ctx.claim(sentence, post, "gg:officeIn", org, "people:role", 0.85)
        return post

    def organization(self, sentence: Sentence, start: int, end: int) -> str:
        """The organization named by sentence[start:end]: a known one, or a new one placed in known ones."""
        ctx = self.ctx
        text = sentence.text[start:end].strip()
        acronym = re.search(r"\(([A-Z][A-Za-z]{1,9})\)\s*$", text)
        if acronym:
            text = text[: acronym.start()].strip()
        inside = ctx.mentions_in(sentence, start, end)
        owner = re.match(r"(?:the\s+)?(?P<owner>.+?)[’']s\s+", text)  # "Benin’s Constitutional Court": Benin's own
        owned = text[owner.end() :] if owner and ctx.gazetteer.lookup(owner.group("owner")) is not None else None
        for mention in inside:
            if clean_phrase(mention.text).lower() in (clean_phrase(text).lower(), (owned or "").lower()):
                return mention.entity
        lead = len(sentence.text[start:end]) - len(re.sub(r"^\s*(?:the\s+)?", "", sentence.text[start:end]))
        first = next((m for m in inside if m.start - sentence.start == start + lead), None)
        qualifier = re.fullmatch(r"\s+in\s+(?:the\s+)?(?P<place>.+)", sentence.text[first.end - sentence.start : end]) \
            if first else None
        if first is not None and qualifier and not ctx.is_a(first.entity, "Person", "Country", "Region", "City"):
            place = ctx.mention_at(sentence, first.end - sentence.start, end, "Region", "City", "Country")
            if place:
                ctx.claim(sentence, first.entity, "gg:locatedIn", place, "people:organization", 0.75)
            return first.entity
        org = ctx.new_entity("org", "Organization", text, *([acronym.group(1)] if acronym else []))
        ctx.add_mention(sentence, start, start + len(text), org)
        for mention in inside:
            if ctx.is_a(mention.entity, "Region", "City", "Country"):
                ctx.claim(sentence, org, "gg:locatedIn", mention.entity, "people:organization", 0.8)
            elif ctx.is_a(mention.entity, "Organization", "Institute", "Body", "Chamber", "Parliament",
                          "Government", "Court", "Agency", "Ministry", "Administration", "Commission",
                          "Institution", "Party"):
                ctx.claim(sentence, org, "gg:partOf", mention.entity, "people:organization", 0.8)
        return org

    # ------------------------------------------------------------ patterns

    def scan(self) -> None:
        for sentence in self.ctx.sentences:
            self.name_role(sentence)
            self.speech(sentence)

    def name_role(self, sentence: Sentence) -> None:
        """A byline's NAME, ROLE of ORG / NAME, ROLE, ORG; NAME as TITLE, NAME, who is TITLE.

        Appositions elsewhere in the text are read on the parse (rule persons.offices)."""
        text = sentence.text
        start = _BYLINE_OR_START.match(text)
        if start:  # a byline ('By: Jane Roe, Director of X', 'Jane Roe, researcher at X:'), else a sentence
            byline = text.lower().startswith("by") or text.rstrip().endswith(":")
            self.role_after(sentence, start.group(1), start.start(1), start.end(1), start.end(), "people:name-role",
                            needs_org=not byline)
        for match in _NAME_COMMA.finditer(text):  # 'Jane Roe, a constitutional lawyer at ...' (titles: on the parse)
            if not (start and match.start(1) == start.start(1)):
                self.role_after(sentence, match.group(1), match.start(1), match.end(1), match.end(), "people:name-role",
                                professions_only=True)
        for match in _NAME_WHO.finditer(text):
            verb = (match.group("verb") or "").lower()
            lead = {"heads": "Head", "chairs": "Chair", "leads": "Leader", "directs": "Director", "runs": "Head"}.get(verb)
            if lead:
                org_span = self._org_span(sentence, match.end())
                if org_span is None or not sentence.text[org_span[0] : org_span[1]].strip()[:1].isupper():
                    continue  # 'X, leads with 31% of the votes': no organization
                person = self.person(match.group(1), create=True)
                if person is None:
                    continue
                post = self.role_in(sentence, lead, "of", org_span)
                self.holds(sentence, person, post, "people:who-heads", 0.85)
                self.ctx.add_mention(sentence, match.start(1) + _lead(match.group(1)), match.end(1), person)
            else:
                self.role_after(sentence, match.group(1), match.start(1), match.end(1), match.end(), "people:who-is",
                                since=True)
        for match in _NAME_AS.finditer(text):
            self.role_after(sentence, match.group(1), match.start(1), match.end(1), match.end(), "people:name-as",
                            titles_only=True)

    def role_after(self, sentence: Sentence, name: str, name_start: int, name_end: int, rest_start: int,
                   extractor: str, titles_only: bool = False, since: bool = False,
                   professions_only: bool = False, needs_org: bool = False) -> None:
        """The role written after a name, and the organization it is in, if any (with `professions_only`, only
        a role that is no office title of the reference data: those are read on the parse)."""
        text = sentence.text
        role_match = _ROLE.match(text, rest_start)
        if not role_match:
            return
        role = role_match.group("role")
        words = role.lower().split()
        if words[-1] not in ROLE_HEADS or any(w not in ROLE_HEADS | ROLE_MODIFIERS for w in words):
            return
        if professions_only and words[-1] in office_vocabulary(self.ctx.gazetteer)[1]:
            return
        if titles_only and not role[0].isupper():
            return
        former = bool(re.match(r"(?:a\s+|the\s+)?former\s", text[rest_start:], re.I))
        person = self.person(name, create=True)
        if person is None:
            return
        separator = role_match.group("sep").strip()
        org_span = self._org_span(sentence, role_match.end()) if separator else None
        if (professions_only or needs_org) and (org_span is None or separator == ","
                                                or not text[org_span[0] : org_span[1]].strip()[:1].isupper()):
            return  # 'a lawyer and PAS deputy': a profession is a post only where it is held ('at X', a name)
        if org_span and parse_date(text[org_span[0] : org_span[1]].strip()):
            org_span = None  # 'elected President in June 2021': a date, not an organization
        second = self._second_title(text, org_span) if org_span else None
        if second is not None and org_span is not None:  # 'Minister for Customs and Minister for Seniors': two posts
            org_span = (org_span[0], second[0])
        role = re.sub(r"^(?:newly\s+)?(?:re-?elected|elected)\s+", "", role, flags=re.I)
        preposition = re.sub(r"\s+the$", "", separator).strip(",")
        post = self.role_in(sentence, role, preposition if preposition not in ("for", "with", "") else "of", org_span)
        if post:
            self.holds(sentence, person, post, extractor, 0.85, former=former)
            started = _SINCE.match(text, role_match.end() if not org_span else org_span[1])
            if since and started:
                tenure = tenure_key(person, post)
                self.ctx.claim(sentence, tenure, "gg:startDate", Value(started.group("year"), "gYear"), extractor, 0.8)
        self.ctx.add_mention(sentence, name_start + _lead(name), name_end, person)
        self.ctx.last_person = person
        if second is not None:
            self.role_after(sentence, name, name_start, name_end, second[1], extractor, titles_only=titles_only)

    @staticmethod
    def _second_title(text: str, org_span: tuple[int, int]) -> tuple[int, int] | None:
        """Where an organization's span ends and a second capitalized title of the same person begins ('Customs and
        Minister for Seniors'), as (end of the first, start of the second)."""
        found = re.search(r"\s+and\s+(?=(?P<role>[A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,2})\s+(?:of|for)\s)",
                          text[org_span[0] : org_span[1]])
        if found is None or found.group("role").split()[-1].lower() not in ROLE_HEADS:
            return None
        return org_span[0] + found.start(), org_span[0] + found.end()

    @staticmethod
    def _org_span(sentence: Sentence, start: int) -> tuple[int, int] | None:
        """The organization after a role: up to punctuation, a relative pronoun, a time phrase ('since 2014') or
        (with a parse) a verb."""
        text = sentence.text
        tail = text[start:]
        stop = re.search(r"\n|[,:;.\"“”](?:\s|$)|[:;\"“”]|\s+(?:who|which|where|when|from|since|until|till|"
                         r"and\s+(?:is|was|has))\s|\s+(?:in|between|during)\s+(?:the\s+)?\d|$", tail)
        end = start + (stop.start() if stop else len(tail))
        if sentence.tokens is not None:
            verb = next((t.idx - sentence.start for t in sentence.tokens if start <= t.idx - sentence.start < end
                         and t.pos_ in {"VERB", "AUX"}), None)
            end = len(text[:verb].rstrip()) if verb is not None else end
        acronym = re.match(r"\s*\([A-Z][A-Za-z]{1,9}\)", text[end:])
        if acronym:
            end += acronym.end()
        if end - start < 2:
            return None
        return start, end

    def speech(self, sentence: Sentence) -> None:
        """Names next to speech verbs and honorifics ("Mr Smailov")."""
        text = sentence.text
        for rx in (_SAID_AFTER, _SAID_BEFORE, _ACCORDING, _HONORIFIC_RE):
            for match in rx.finditer(text):
                create = rx is not _HONORIFIC_RE and not re.search(r"\b(?:the|a|an)\s+$", text[: match.start(1)], re.I)
                person = self.person(match.group(1), create=create)  # 'the Official Gazette said': no person
                if person:
                    self.ctx.add_mention(sentence, match.start(1) + _lead(match.group(1)), match.end(1), person)
                    self.ctx.last_person = person


def _lead(written: str) -> int:
    """Where the name begins in what a pattern matched ('President Ana Costa': after the title the name is
    cleaned of), so that the mention covers the name and the title stays before it."""
    cleaned = clean_name(written)
    return max(written.find(cleaned.split()[0]), 0) if cleaned else 0


def compatible_names(a: str, b: str) -> bool:
    """Same surname and first names that agree where both are given ('Kassym Tokayev' ~ 'Kassym-Jomart Tokayev')."""
    pa, pb = a.split(), b.split()
    if pa[-1].lower() != pb[-1].lower():
        return False
    firsts_a = [p.lower() for p in pa[:-1]]
    firsts_b = [p.lower() for p in pb[:-1]]
    if not firsts_a or not firsts_b:
        return True
    return firsts_a[0].split("-")[0] == firsts_b[0].split("-")[0]


def rewrite_keys(ctx: DocContext, mapping: dict[str, str]) -> None:
    """Point claims and mentions at new entity keys."""
    from dataclasses import replace

    extraction = ctx.extraction
    extraction.claims = [
        replace(c, subject=mapping.get(c.subject, c.subject),
                obj=mapping.get(c.obj, c.obj) if isinstance(c.obj, str) else c.obj)
        for c in extraction.claims
    ]
    extraction.mentions = [replace(m, entity=mapping.get(m.entity, m.entity)) for m in extraction.mentions]
    for sentence in ctx.sentences:
        sentence.mentions = [replace(m, entity=mapping.get(m.entity, m.entity)) for m in sentence.mentions]
    ctx.holders = {mapping.get(k, k): mapping.get(v, v) for k, v in ctx.holders.items()}
    if ctx.last_person in mapping:
        ctx.last_person = mapping[ctx.last_person]
