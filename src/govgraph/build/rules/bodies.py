"""The structure of state bodies on the parse: one-word bodies of a country, sizes and chambers.

`bodies.names`: "the Senate", "Parliament", "the Knesset" (one capitalized institution word, typed by
the ontology class of that word) become the body of the country the article clearly names.
`structure.sizes`: "the 150-member Senate", "the House has 275 members", "a body of 600 members", "the 249
members of the Senate" give the size of the body the parse attaches the count to (never a bound, never
seats won). `bodies.chambers`: "the Parliament consists of the Senate and the Chamber of Deputies", "the
unicameral Parliament". `parties.names`: names the text marks as parties ("the ruling party Morena").
`parties.countries`: the country of the parties an article about one country names. `mentions.places`:
countries the recogniser finds under a name the gazetteer does not match as written ("the US").
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from govgraph.build.context import DocContext, Sentence
from govgraph.build.keys import slug
from govgraph.build.lexicon import INSTITUTION_HEADS as HEAD_CLASSES
from govgraph.build.lexicon import lexicon
from govgraph.build.organizations import head_class
from govgraph.build.people import OFFICE_CLASSES, article_country, is_country_word, office_vocabulary
from govgraph.build.records import Value
from govgraph.build.rules.base import Rule, implements
from govgraph.build.structure import number_value

if TYPE_CHECKING:
    from spacy.tokens import Token

LOCAL_WORDS = frozenset({"local", "state", "provincial", "regional", "municipal", "city", "county", "district",
                         "departmental", "prefectural", "cantonal"})
BODY_CLASSES = ("Parliament", "Chamber", "Court", "Government", "StateBody", "ElectoralCommission", "Commission",
                "Council", "Body", "Agency", "RightsInstitution", "AdvisoryBody", "LocalRepresentativeBody")
COUNT_NOUNS = frozenset({"member", "seat", "deputy", "senator", "mp", "lawmaker", "legislator", "judge", "justice",
                         "councillor", "councilor", "representative", "commissioner", "councilmember", "parliamentarian"})
HAVE_VERBS = frozenset({"have", "comprise", "number", "consist", "compose", "make", "count"})
RESULT_VERBS = frozenset({"win", "secure", "gain", "get", "lose", "obtain", "take", "receive", "hold", "control",
                          "capture", "need", "require", "reserve", "allocate", "add", "cut", "reduce", "increase"})
BOUNDS = frozenset({"more", "less", "fewer", "over", "under", "least", "most", "than", "up", "beyond", "above",
                    "below", "exceed"})
PARTS = frozenset({"quarter", "third", "half", "majority", "most", "some", "many", "none", "each", "one", "two"})
NOT_TOTAL = frozenset({"remaining", "other", "additional", "extra", "new", "further", "last", "first", "next"})
CONSIST_VERBS = frozenset({"consist", "compose", "comprise", "include", "divide", "make", "have", "split"})
# Institution words that name a country's body on their own ("the Senate", "Parliament"); not "House".
ONE_WORD_BODIES = frozenset(w for w, cls in HEAD_CLASSES.items()
                            if cls in {"Parliament", "Chamber", "Government"} and w not in {"house", "chamber"})


def is_body(ctx: DocContext, key: str) -> bool:
    """A state body, not an office ('HeadOfGovernment' is no 'Government')."""
    return ctx.is_a(key, *BODY_CLASSES) and not ctx.is_a(key, *OFFICE_CLASSES)


def _mention_entity(ctx: DocContext, sentence: Sentence, token: Token, *classes: str) -> str | None:
    """The entity of a mention covering the token or its noun phrase's left part, of one of `classes`."""
    lo, hi = token.left_edge.idx - sentence.start, token.idx + len(token) - sentence.start
    for mention in sentence.mentions:
        start, end = mention.start - sentence.start, mention.end - sentence.start
        if start < hi and lo < end and (ctx.is_a(mention.entity, *classes) or (_body_of(ctx, mention.entity)
                                        != mention.entity and ctx.is_a(_body_of(ctx, mention.entity), *classes))):
            return _body_of(ctx, mention.entity)
    return None


def _body_of(ctx: DocContext, key: str) -> str:
    """A body itself, or the body an office of the reference data belongs to ('Mazhilis deputy' -> the Mazhilis)."""
    entry = ctx.gazetteer.entries.get(key)
    if entry is not None and entry.cls.endswith("Office"):
        return next((target for predicate, target in entry.properties if predicate == "gg:officeIn"), key)
    return key


# ---------------------------------------------------------------- names


@implements("bodies.names")
def body_names(ctx: DocContext, rule: Rule) -> None:
    """'the Senate', 'Parliament': the body of that kind of the country the article clearly names."""
    country = article_country(ctx)
    if country is None or ctx.parsed is None:
        return
    code = country.split("/", 1)[0]
    country_label = ctx.gazetteer.entries[country].label
    for sentence in ctx.sentences:
        if sentence.tokens is None:
            continue
        taken = [(m.start - sentence.start, m.end - sentence.start) for m in sentence.mentions]
        for token in sentence.tokens:
            word = token.lower_
            if word not in ONE_WORD_BODIES or not token.is_title or token.i == sentence.tokens.start:
                continue
            start = token.idx - sentence.start
            end = start + len(token)
            following = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
            if any(s < end and start < e for s, e in taken) or (following is not None and following.lower_ == "of"):
                continue  # named already, or 'Assembly of Experts'
            if token.nbor(-1).is_title and token.nbor(-1).pos_ == "PROPN":
                continue  # part of a longer name the other rules read ('National Assembly')
            if token.nbor(-1).lower_ in LOCAL_WORDS:
                continue  # 'the local Congress', 'the state Senate': a body of a part of the country
            label = f"{token.text} of {country_label}"
            key = ctx.gazetteer.lookup(label, country) or ctx.gazetteer.lookup(token.text, country)
            if key is None or ctx.gazetteer.entries[key].generic:
                cls = head_class(word, label) if word in HEAD_CLASSES else "Parliament"
                key = ctx.add_entity(f"org/{code}/{slug(label)}", cls, label, token.text)
            ctx.add_mention(sentence, start, end, key)
            taken.append((start, end))


# ---------------------------------------------------------------- sizes


def _number(token: Token) -> int | None:
    """The count a number token gives, unless it is a bound ('more than 200') or out of range."""
    if any(c.lower_ in BOUNDS for c in token.children) or (token.i > 0 and token.nbor(-1).lower_ in BOUNDS):
        return None
    if token.i > 1 and token.nbor(-1).lower_ == "than":
        return None
    value = number_value(token.text)
    return value if value is not None and 2 <= value <= 5000 else None


def _count_of(token: Token) -> int | None:
    number = next((c for c in token.children if c.dep_ == "nummod" and c.like_num), None)
    return _number(number) if number is not None else None


def _result_context(token: Token) -> bool:
    head = token
    for _ in range(4):
        if head.lemma_.lower() in RESULT_VERBS:
            return True
        if head.head is head:
            break
        head = head.head
    return False


def size_claims(ctx: DocContext, sentence: Sentence) -> list[tuple[str, int]]:
    """(body, count) pairs a sentence states."""
    span = sentence.tokens
    if span is None:
        return []
    found: list[tuple[str, int]] = []
    for token in span:
        lemma = token.lemma_.lower()
        if lemma not in COUNT_NOUNS:
            continue
        hyphen = token.i >= 2 and token.nbor(-1).text == "-" and token.nbor(-2).like_num
        if hyphen and lemma in {"member", "seat"} and token.dep_ in {"compound", "nmod", "amod"}:
            value = _number(token.nbor(-2))  # 'the 150-member Senate' names the size whatever the verb
            body = _mention_entity(ctx, sentence, token.head, *BODY_CLASSES) if _definite(token.head) else None
            if value is not None and body is not None:
                found.append((body, value))
            continue
        value = _count_of(token)
        head = token.head
        everyone = _all_of(token)  # 'all 151 deputies', 'almost all 250 senators'
        partitive = everyone or (token.dep_ == "pobj" and head.lower_ == "of" and (
            head.head.lower_ == "out" or head.head.like_num or head.head.lemma_.lower() in PARTS))  # '22 of the 51'
        definite = any(c.lower_ == "the" for c in token.children)
        total = (partitive or definite) and not any(c.lower_ in NOT_TOTAL for c in token.children)
        if value is None or (_result_context(token) and not total):
            continue  # 'won 30 seats', but 'won 30 of the 450 seats' gives the total
        body = None
        owner = next((c for c in token.children if c.dep_ == "poss"), None)  # "the Supreme Court's 15 justices"
        if owner is not None and all(c.dep_ in {"poss", "nummod"} for c in token.children):
            body = _mention_entity(ctx, sentence, owner, *BODY_CLASSES)
        if body is None and token.dep_ == "dobj" and head.lemma_.lower() in HAVE_VERBS:
            body = _subject_body(ctx, sentence, head)
        elif token.dep_ == "pobj" and head.lower_ == "of":
            owner = head.head
            if owner.lemma_.lower() in CONSIST_VERBS and owner.pos_ in {"VERB", "AUX"}:
                body = _subject_body(ctx, sentence, owner)
            elif owner.pos_ in {"NOUN", "PROPN"}:
                body = _mention_entity(ctx, sentence, owner, *BODY_CLASSES)
                if body is None and owner.dep_ == "appos":
                    body = _mention_entity(ctx, sentence, owner.head, *BODY_CLASSES)
        if body is None and total:
            place = next((c for c in token.children if c.dep_ == "prep" and c.lower_ in {"of", "in"}), None)
            target = next((c for c in place.children if c.dep_ == "pobj"), None) if place is not None else None
            if target is not None:
                body = _mention_entity(ctx, sentence, target, *BODY_CLASSES)
            elif any(c.lower_ in {"parliament", "parliamentary"} and c.dep_ in {"compound", "amod"}
                     for c in token.children):  # 'the 450 parliamentary seats': the article's parliament
                body = _the_parliament(ctx)
            elif partitive or (definite and _whole_membership(token)):
                # '22 of the 51 councilors', '10 out of 11 board members', 'to pick all 250 senators', 'appoint the
                # 250 senators': the council, the board, the senate
                body = _body_of_kind(ctx, sentence, token)
                if body is None and token.lemma_.lower() in MEMBERS_OF_PARLIAMENT:  # 'all 151 deputies'
                    body = _the_parliament(ctx)
                if body is None and token.lemma_.lower() == "senator":  # 'all 250 senators': the country's Senate
                    body = _national_body(ctx, "Senate")
        if body is not None:
            found.append((body, value))
    return found


# Verbs whose subject or object counts some members only: those who voted, backed, opposed, walked out.
PART_VERBS = frozenset({"vote", "back", "support", "oppose", "approve", "reject", "abstain", "sign", "boycott", "leave",
                        "join", "defect", "quit", "resign", "walk", "attend", "endorse", "elect", "win"})


def _all_of(token: Token) -> bool:
    """'all 151 deputies', 'almost all 250 senators' ('all' on the noun or on its number)."""
    number = next((c for c in token.children if c.dep_ == "nummod" and c.like_num), None)
    return any(c.lower_ == "all" for c in token.children) or (
        number is not None and any(c.lower_ == "all" for c in number.children))


def _whole_membership(token: Token) -> bool:
    """'the 250 senators' as the whole membership of a body: the object of a verb that is neither one of
    winning nor of voting, with nothing narrowing the group ('the 86 senators who voted', 'the 20 opposition
    senators', 'the 41 senators from PAN' are parts)."""
    if token.dep_ not in {"dobj", "pobj"} or _result_context(token):
        return False
    if any(c.dep_ not in {"det", "nummod"} for c in token.children):
        return False
    head = token
    for _ in range(4):
        if head.lemma_.lower() in PART_VERBS:
            return False
        if head.head is head:
            break
        head = head.head
    return True


MEMBERS_OF_PARLIAMENT = frozenset({"deputy", "mp", "lawmaker", "legislator", "parliamentarian"})
MEMBER_KINDS = {"councilor": "council", "councillor": "council", "senator": "senate", "judge": "court",
                "commissioner": "commission"}


def _body_of_kind(ctx: DocContext, sentence: Sentence, token: Token) -> str | None:
    """The body whose members a count noun names ('councilors' of a council, 'board members' of a board):
    the last one of that kind the article named up to this sentence."""
    kind = MEMBER_KINDS.get(token.lemma_.lower())
    compound = next((c for c in token.children if c.dep_ == "compound" and c.lower_ in HEAD_CLASSES), None)
    kind = compound.lower_ if compound is not None else kind
    if kind is None:
        return None
    named = [m.entity for m in ctx.extraction.mentions if m.start < sentence.end and is_body(ctx, m.entity)
             and m.entity in ctx.extraction.entities
             and kind in ctx.extraction.entities[m.entity].label.lower().split()]
    return named[-1] if named else None


def _national_body(ctx: DocContext, word: str) -> str | None:
    """The body a one-word name gives in the country the article clearly names ('Senate' -> the Senate of
    Thailand), as `bodies.names` keys it; None when the article names no country clearly."""
    country = article_country(ctx)
    if country is None:
        return None
    label = f"{word} of {ctx.gazetteer.entries[country].label}"
    key = ctx.gazetteer.lookup(label, country) or ctx.gazetteer.lookup(word, country)
    if key is None or ctx.gazetteer.entries[key].generic:
        key = ctx.add_entity(f"org/{country.split('/', 1)[0]}/{slug(label)}", head_class(word.lower(), label), label,
                             word)
    return key


def _the_parliament(ctx: DocContext) -> str | None:
    """The one parliament (not a chamber) the article names, if it names exactly one."""
    found = {m.entity for m in ctx.extraction.mentions if ctx.is_a(m.entity, "Parliament")
             and not ctx.is_a(m.entity, "Chamber") and not (ctx.gazetteer.entries.get(m.entity)
                                                            and ctx.gazetteer.entries[m.entity].generic)}
    return found.pop() if len(found) == 1 else None


def _subject_body(ctx: DocContext, sentence: Sentence, verb: Token) -> str | None:
    """The body that is the subject of a verb; for 'which'/'that', the body named last before it."""
    subject = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if subject is None and verb.dep_ in {"acl", "relcl"}:
        return _mention_entity(ctx, sentence, verb.head, *BODY_CLASSES)
    if subject is None:
        return None
    if subject.lower_ in {"which", "that", "it"}:
        before = [m for m in ctx.mentions_in(sentence, 0, subject.idx - sentence.start)
                  if is_body(ctx, m.entity)]
        return _body_of(ctx, before[-1].entity) if before else None
    found = _mention_entity(ctx, sentence, subject, *BODY_CLASSES)
    for appos in (c for c in subject.children if c.dep_ == "appos"):  # 'That body, the Constitutional Convention,'
        found = found or _mention_entity(ctx, sentence, appos, *BODY_CLASSES)
    return found


@implements("structure.sizes")
def body_sizes(ctx: DocContext, rule: Rule) -> None:
    for sentence in ctx.sentences:
        for body, value in size_claims(ctx, sentence):
            ctx.claim(sentence, body, "gg:memberCount", Value(str(value), "integer"), rule.name, 0.85)


# ---------------------------------------------------------------- chambers


@implements("bodies.chambers")
def body_chambers(ctx: DocContext, rule: Rule) -> None:
    """'The Parliament consists of the Senate and the Chamber of Deputies': each chamber is a chamber of it."""
    for sentence in ctx.sentences:
        span = sentence.tokens
        if span is None:
            continue
        _chamber_counts(ctx, rule, sentence)
        for verb in span:
            if verb.lemma_.lower() not in CONSIST_VERBS or verb.pos_ not in {"VERB", "AUX"}:
                continue
            parliament = _subject_body(ctx, sentence, verb)
            if parliament is None or not ctx.is_a(parliament, "Parliament"):
                continue
            objects = [c for c in verb.children if c.dep_ in {"dobj", "attr"}]
            objects += [g for c in verb.children if c.dep_ == "prep" and c.lower_ in {"of", "into"}
                        for g in c.children if g.dep_ == "pobj"]
            for obj in objects:
                for part in (obj, *obj.conjuncts):
                    chamber = _mention_entity(ctx, sentence, part, "Chamber")
                    if chamber is not None and chamber != parliament:
                        ctx.claim(sentence, chamber, "gg:chamberOf", parliament, rule.name, 0.85)


def _chamber_counts(ctx: DocContext, rule: Rule, sentence: Sentence) -> None:
    """'the 101-seat unicameral Parliament', 'Thailand's bicameral parliament': how many chambers it has."""
    for token in sentence.tokens or ():
        if token.lower_ not in {"unicameral", "bicameral"} or token.dep_ != "amod":
            continue
        body = _mention_entity(ctx, sentence, token.head, "Parliament")
        if body is None and token.head.lemma_.lower() in {"parliament", "legislature", "congress", "assembly"}:
            body = _the_parliament(ctx)
        if body is not None and not ctx.is_a(body, "Chamber") and _definite(token.head):
            ctx.claim(sentence, body, "gg:description", Value(token.lower_, "string"), rule.name, 0.85)


def _definite(noun: Token) -> bool:
    """'the/Thailand's unicameral Parliament', an apposition, or a body's own name ('a 50-member Constitutional
    Council'); not 'a unicameral Parliament', 'a 300-member parliament' (a kind, as in a proposal)."""
    det = next((c for c in noun.children if c.dep_ == "det"), None)
    named = any(c.dep_ == "compound" and c.text[:1].isupper() for c in noun.children)
    return noun.dep_ == "appos" or named or det is None or det.lower_ not in {"a", "an", "any", "no"}


# ---------------------------------------------------------------- parties


@implements("parties.countries")
def party_countries(ctx: DocContext, rule: Rule) -> None:
    """A party the article names belongs to the country the article is about, stated in the first sentence
    that names it and no other country."""
    country = article_country(ctx)
    if country is None:
        return
    done: set[str] = set()
    for sentence in ctx.sentences:
        others = {m.entity for m in sentence.mentions if ctx.is_a(m.entity, "Country") and m.entity != country}
        for mention in sentence.mentions:
            key = mention.entity
            if key in done or not ctx.is_a(key, "PoliticalParty") or key in ctx.gazetteer.entries:
                continue
            if not _party_name(ctx.extraction.entities[key].label, ctx.extraction.entities[key].aliases):
                continue
            if others:
                continue
            done.add(key)
            ctx.claim(sentence, key, "gg:country", country, rule.name, 0.8)


PARTY_HEADS = frozenset({"party", "movement", "bloc", "front", "alliance"})


def _party_name(label: str, aliases: set[str]) -> bool:
    """A party's proper name ('Party of Action and Solidarity', 'Pheu Thai Party'), not a description
    ('Zelensky's party', 'pro-EU party', 'European Union'): a capitalized party word, no possessive."""
    words = label.split()
    return (len(words) >= 2 and not any(c in label for c in "’'") and words[0][:1].isupper()
            and any(w in {h.capitalize() for h in PARTY_HEADS} for w in words))


# ---------------------------------------------------------------- party names

PARTY_NOUNS = frozenset({"party", "coalition", "alliance", "bloc", "movement"})
_QUOTES = "‘’'\"“”"
_OPENING = {"“": "”", "\"": "\"", "«": "»", "„": "“”", "‘": "’", "'": "'"}  # an opening quote -> its closings
# Words that end a sentence or a clause: never inside a quoted name.
_CLAUSE_PUNCT = frozenset(".,;:!?()")


def _name_tokens(tokens: list[Token]) -> bool:
    """Capitalized words of a name ('Nepali Congress', 'CPN-UML', 'Servant of People')."""
    words = [t for t in tokens if t.text != "-"]
    return bool(words) and words[0].text[:1].isupper() and all(
        t.text[:1].isupper() or t.lower_ in {"of", "the", "for", "and"} for t in words) and not any(
        t.is_digit or (t.is_punct and t.text != "-") for t in tokens)


def _quoted_after(token: Token) -> tuple[int, int] | None:
    """The document span of a quoted name right after a token ('party “Hope – Civic Union”', 'movement «Dawn»'):
    the words inside the quotes, opening with a capital, no clause punctuation, at most eight words."""
    doc, end = token.doc, token.sent.end
    if token.i + 2 >= end or doc[token.i + 1].text not in _OPENING:
        return None
    closings = _OPENING[doc[token.i + 1].text]
    close = next((j for j in range(token.i + 2, min(end, token.i + 12)) if doc[j].text in closings), None)
    if close is None or close == token.i + 2:
        return None
    inside = doc[token.i + 2 : close]
    words = [t for t in inside if not t.is_punct]
    if not inside[0].text[:1].isupper() or not 1 <= len(words) <= 8 or any(t.text in _CLAUSE_PUNCT for t in inside):
        return None
    return inside[0].idx, inside[-1].idx + len(inside[-1])


def party_spans(sentence: Sentence) -> list[tuple[int, int, bool]]:
    """Sentence-relative spans of party names the text marks as parties: 'the ruling party Morena',
    'the largest party Nepali Congress', 'the Azimio coalition', 'the ‘Servant of People‘ party', 'the opposition
    party “Hope – Civic Union”' (the quoted words name it; the description before them is no name); each with
    whether quotes after its noun mark it."""
    span = sentence.tokens
    if span is None:
        return []
    doc = span.doc
    found = []
    for token in span:
        quoted = _quoted_after(token) if token.text in PARTY_NOUNS | {"opposition"} else None
        if quoted is not None:
            found.append((*quoted, True))
            continue
        if token.text not in PARTY_NOUNS:  # lower case: 'the party X', 'the X party'
            continue
        after: list[Token] = []
        for nxt in doc[token.i + 1 : min(span.end, token.i + 5)]:
            if not (nxt.text[:1].isupper() or (nxt.text == "-" and after)):
                break
            after.append(nxt)
        if after and after[0].pos_ == "PROPN" and _name_tokens(after):
            found.append((after[0].idx, after[-1].idx + len(after[-1]), False))
            continue
        end = token.i
        if end - 1 >= span.start and doc[end - 1].text in _QUOTES:
            opening = next((j for j in range(end - 2, max(span.start - 1, end - 8), -1) if doc[j].text in _QUOTES), None)
            if opening is not None and _name_tokens(list(doc[opening + 1 : end - 1])):
                found.append((doc[opening + 1].idx, doc[end - 2].idx + len(doc[end - 2]), False))
            continue
        before: list[Token] = []
        for prev in reversed(doc[max(span.start, end - 4) : end]):
            if not (prev.text[:1].isupper() and prev.pos_ == "PROPN"):
                break
            before.insert(0, prev)
        if before and before[0].i > span.start and doc[before[0].i - 1].lower_ in {"the", "a", "his", "her", "their"}:
            found.append((before[0].idx, before[-1].idx + len(before[-1]), False))
    return [(s - sentence.start, e - sentence.start, quoted) for s, e, quoted in found]


@implements("parties.names")
def party_names(ctx: DocContext, rule: Rule) -> None:
    """Parties the text marks as parties, typed PoliticalParty in the article's country, and their later mentions."""

    _, vocabulary = office_vocabulary(ctx.gazetteer)
    country = article_country(ctx)
    scope = country.split("/", 1)[0] if country else slug(ctx.doc.doc_id)
    names: dict[str, str] = {}
    for sentence in ctx.sentences:
        for start, end, quoted in party_spans(sentence):
            name = sentence.text[start:end]
            words = name.replace("-", " ").split()
            overlapping = [m for m in sentence.mentions if m.start - sentence.start < end and start < m.end - sentence.start]
            if quoted:  # quotes make the words one name: a place in it ('“Slovak Social Democracy”') is part of it
                overlapping = [m for m in overlapping if not (start <= m.start - sentence.start and m.end - sentence.start
                                                              <= end and ctx.is_a(m.entity, *PLACE_CLASSES))]
            if overlapping or (not quoted and any(w.lower() in vocabulary or is_country_word(ctx, w)
                                                  or w in ctx.surnames for w in words)):
                continue  # named already, a title, a country, or a person's name
            key = ctx.gazetteer.lookup(name, country) or ctx.add_entity(
                f"party/{scope}/{slug(name)}", "PoliticalParty", name)
            ctx.add_mention(sentence, start, end, key)
            names.setdefault(name, key)
    for name, key in names.items():
        pattern = re.compile(rf"(?<![\w’'-]){re.escape(name)}(?![\w-])")
        for sentence in ctx.sentences:
            for match in pattern.finditer(sentence.text):
                if not any(m.start - sentence.start < match.end() and match.start() < m.end - sentence.start
                           for m in sentence.mentions):
                    ctx.add_mention(sentence, match.start(), match.end(), key)


# ---------------------------------------------------------------- places


@implements("mentions.places")
def place_names(ctx: DocContext, rule: Rule) -> None:
    """Countries the recogniser finds (GPE) under a name the gazetteer does not match as written:
    'the US' (written 'U.S.' in the reference data)."""
    if ctx.parsed is None:
        return
    places = [ent for ent in ctx.parsed.ents if ent.label_ == "GPE"]
    for sentence in ctx.sentences:
        if sentence.tokens is None:
            continue
        for ent in (e for e in places if sentence.tokens.start <= e.start and e.end <= sentence.tokens.end):
            tokens = [t for t in ent if t.lower_ != "the"]
            if not tokens:
                continue
            start, end = tokens[0].idx - sentence.start, tokens[-1].idx + len(tokens[-1]) - sentence.start
            if any(m.start - sentence.start < end and start < m.end - sentence.start for m in sentence.mentions):
                continue
            text = sentence.text[start:end]
            key = ctx.gazetteer.lookup(text)
            if key is None and text.isupper() and text.isalpha() and 2 <= len(text) <= 3:
                key = ctx.gazetteer.lookup(".".join(text) + ".")  # 'US' -> 'U.S.'
            if key is not None and ctx.is_a(key, "Country"):
                ctx.add_mention(sentence, start, end, key)


# ---------------------------------------------------------------- composition

COMPOSITION_VERBS = frozenset({"form", "compose", "make", "consist", "comprise"})


def _part_count(token: Token) -> int | None:
    """The count of one part: 'women' of '79 women', or 'one' of 'and one from the indigenous peoples'."""
    if token.like_num:
        number: Token | None = token
    else:
        number = next((c for c in token.children if c.dep_ == "nummod" and c.like_num), None)
    if number is None or any(c.lower_ in BOUNDS for c in number.children) or (
            number.i > 0 and number.nbor(-1).lower_ in BOUNDS):
        return None
    value = number_value(number.text)
    return value if value is not None and 1 <= value <= 5000 else None


def _part_phrase(token: Token, elided: Token | None) -> str:
    """The words naming a part, without its number and its conjuncts: 'representatives of the political parties';
    for a number standing alone ('one from the indigenous peoples') or 'ones', the noun it stands for."""
    skip = {t.i for c in token.children if c.dep_ in {"nummod", "cc", "conj", "punct", "appos"} for t in c.subtree}
    skip |= {t.i for c in token.subtree if c.dep_ in {"relcl", "acl", "advcl"} for t in c.subtree}  # 'who will ...'
    close = next((t.i for t in token.doc[token.i : token.right_edge.i + 1] if t.text == ")"), token.right_edge.i + 1)
    words = [t for t in token.subtree if t.i not in skip and not t.is_punct and t.i < close]
    while words and words[0].dep_ == "det":
        words.pop(0)
    if (token.like_num or token.lemma_.lower() == "one") and elided is not None:
        words = [elided if t.i == token.i else t for t in words]
    text = " ".join(t.text for t in words)
    return re.sub(r"\s+([’'],?)", r"\1", text)


def _parts(first: Token, whole: Token | None) -> list[tuple[str, int]]:
    """(phrase, count) of each counted part of a coordination; empty unless every part is counted. A number
    standing alone or 'ones' stands for the noun of the whole ('51 councilors (50 ... and one from X)': the
    councilors from X) or, without one, for the noun of the part before ('120 elected deputies and 30 appointed
    ones')."""
    found = []
    previous = whole
    for part in (first, *first.conjuncts):
        count = _part_count(part)
        if count is None:
            return []
        elided = part.like_num or part.lemma_.lower() == "one"
        if elided and (previous is None or not any(c.dep_ in {"prep", "amod"} for c in part.children)):
            return []  # '79 women and 76': nothing names the second part
        phrase = _part_phrase(part, previous)
        if not phrase:
            return []
        found.append((phrase, count))
        if whole is None and not elided:
            previous = part
    return found if len(found) >= 2 else []


def composition_claims(ctx: DocContext, sentence: Sentence) -> list[tuple[str, str, int]]:
    """(body, part phrase, count) of the parts a sentence composes a body of."""
    span = sentence.tokens
    if span is None:
        return []
    found: list[tuple[str, str, int]] = []
    for token in span:
        lemma = token.lemma_.lower()
        if token.pos_ in {"VERB", "AUX"} and lemma in COMPOSITION_VERBS:
            # 'the Convention will be formed by 79 women and 76 men', 'the assembly is made up of 120 ... and 30 ...'
            if lemma == "make" and not any(c.dep_ == "prt" and c.lower_ == "up" for c in token.children):
                continue
            holders = [g for c in token.children if c.dep_ in {"agent", "prep"} and c.lower_ in {"by", "of"}
                       for g in c.children if g.dep_ == "pobj"]
            holders += [g for c in token.children if c.dep_ == "prt" for p in c.children if p.lower_ == "of"
                        for g in p.children if g.dep_ == "pobj"]
            if lemma == "comprise":
                holders += [c for c in token.children if c.dep_ == "dobj"]
            body = _subject_body(ctx, sentence, token) if holders else None
            if body is None or not is_body(ctx, body):
                continue
            found += [(body, phrase, count) for phrase, count in _parts(holders[0], None)]
        elif lemma in COUNT_NOUNS and token.pos_ == "NOUN":
            # '51 councilors (50 representatives of the political parties and one from the indigenous peoples)'
            total = _count_of(token)
            inside = next((c for c in token.children if c.dep_ == "appos" and c.i > token.i
                           and token.doc[c.left_edge.i - 1].text == "("), None)
            if total is None or inside is None:
                continue
            parts = _parts(inside, token)
            if not parts or sum(count for _, count in parts) != total:
                continue  # the parts must add up to the whole
            sized = dict(size_claims(ctx, sentence))
            body = next((b for b, value in sized.items() if value == total), None)
            if body is not None:
                found += [(body, phrase, count) for phrase, count in parts]
    return found


@implements("structure.composition")
def body_composition(ctx: DocContext, rule: Rule) -> None:
    """Each counted part of a body's membership is a member group of the body with its own size."""
    for sentence in ctx.sentences:
        for body, phrase, count in composition_claims(ctx, sentence):
            name = ctx.extraction.entities[body].label if body in ctx.extraction.entities else (
                ctx.gazetteer.entries[body].label)
            key = ctx.add_entity(f"group/{slug(body.split('/', 1)[-1])}/{slug(phrase)}", "MemberGroup",
                                 f"{phrase} in the {name}")
            ctx.claim(sentence, key, "gg:partOf", body, rule.name, 0.8)
            ctx.claim(sentence, key, "gg:memberCount", Value(str(count), "integer"), rule.name, 0.8)


# ---------------------------------------------------------------- places in places


def _token_span(sentence: Sentence, token: Token) -> tuple[int, int]:
    return token.idx - sentence.start, token.idx + len(token) - sentence.start

PLACE_CLASSES = ("Country", "Region", "City", "District")


def _place(ctx: DocContext, sentence: Sentence, token: Token, create: bool) -> str | None:
    """The place a token names: a place of the reference data or of the text, or a place the recogniser marks
    (GPE, LOC) that no other mention covers (created as a city when its name ends in 'City', else a region)."""
    ent = next((e for e in token.doc.ents if e.start <= token.i < e.end), None)
    lo, hi = token.idx - sentence.start, token.idx + len(token) - sentence.start
    covering = [m for m in sentence.mentions if m.start - sentence.start < hi and lo < m.end - sentence.start]
    if covering:
        key = covering[0].entity
        if ctx.is_a(key, *PLACE_CLASSES) and (ent is None or ent.label_ in {"GPE", "LOC"}):
            return key
        return None
    if ent is None or ent.label_ not in {"GPE", "LOC"} or ent.root.i != token.i or not create:
        return None
    words = [t for t in ent if t.lower_ != "the"]
    if not words or not all(t.text[:1].isupper() for t in words):
        return None
    start, end = words[0].idx - sentence.start, words[-1].idx + len(words[-1]) - sentence.start
    name = sentence.text[start:end]
    country = article_country(ctx)
    known = ctx.gazetteer.lookup(name, country) if country else ctx.gazetteer.lookup(name)
    if known is not None and not ctx.is_a(known, *PLACE_CLASSES):
        return None
    cls = "City" if words[-1].lower_ in {"city", "town"} else "Region"
    key = known or ctx.add_entity(f"place/{ctx.scope()}/{slug(name)}", cls, name)
    ctx.add_mention(sentence, start, end, key)
    return key


def _owned_place(ctx: DocContext, sentence: Sentence, token: Token) -> str | None:
    """The place a country's possessive qualifies: "Ukraine's Crimean Peninsula" (a place of the recogniser or the
    reference data), "Ethiopia's Tigray region" (a capitalized name before a region word of the lexicon)."""
    place = _place(ctx, sentence, token, create=token.ent_type_ in {"GPE", "LOC"})
    if place is not None:
        return place
    names = [c for c in token.children if c.dep_ == "compound" and c.i < token.i]
    if token.lower_ not in lexicon().of("region-heads") or not names or not all(
            t.text[:1].isupper() and t.pos_ == "PROPN" for t in names) or any(
            m.start - sentence.start < token.idx + len(token) - sentence.start
            and names[0].idx - sentence.start < m.end - sentence.start for m in sentence.mentions):
        return None
    start, end = names[0].idx - sentence.start, token.idx + len(token) - sentence.start
    name = sentence.text[start:end]
    key = ctx.add_entity(f"place/{ctx.scope()}/{slug(name)}", "Region", name)
    ctx.add_mention(sentence, start, end, key)
    return key


@implements("places.containment")
def places_in_places(ctx: DocContext, rule: Rule) -> None:
    """'Isabela City in Basilan', 'Lyon in France': a place the recogniser or the reference data names, with 'in' and
    another such place hanging on it in the parse, lies in that place. Never a country in a place ('the role of
    Russia in Ukraine'), never inside a name ('the Autonomous Region in Muslim Mindanao'). A country's possessive
    places what it qualifies in the country ("Ukraine's Crimean Peninsula", "Ethiopia's Tigray region"; not
    "Turkey's Erdogan")."""
    if ctx.parsed is None:
        return
    for sentence in ctx.sentences:
        if sentence.tokens is None:
            continue
        for token in sentence.tokens:
            if token.dep_ == "poss" and token.head.pos_ in {"PROPN", "NOUN"}:
                country = ctx.mention_at(sentence, *_token_span(sentence, token), "Country")
                place = _owned_place(ctx, sentence, token.head) if country is not None else None
                if country is not None and place is not None and place != country and not ctx.is_a(place, "Country"):
                    ctx.claim(sentence, place, "gg:locatedIn", country, rule.name, 0.75)
                continue
            if token.dep_ != "prep" or token.lower_ != "in" or token.head.pos_ != "PROPN":
                continue
            target = next((c for c in token.children if c.dep_ == "pobj" and c.pos_ == "PROPN"), None)
            inner = token.head
            if target is None or any(m.start <= token.idx < m.end for m in sentence.mentions):
                continue  # 'in' inside a name the gazetteer or the text knows
            outer_place = _place(ctx, sentence, target, create=False) or (
                _place(ctx, sentence, target, create=True) if target.ent_type_ in {"GPE", "LOC"} else None)
            if outer_place is None:
                continue
            inner_place = _place(ctx, sentence, inner, create=inner.ent_type_ in {"GPE", "LOC"})
            if inner_place is None or inner_place == outer_place or ctx.is_a(inner_place, "Country"):
                continue
            ctx.claim(sentence, inner_place, "gg:locatedIn", outer_place, rule.name, 0.75)
