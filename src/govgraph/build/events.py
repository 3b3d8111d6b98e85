"""Events: elections, referendums, parliamentary sessions, addresses, unrest, and their dates and country.

An event is identified by country, kind and, where the text gives one, its year and month, so that
two articles about the same election make one node. Results (shares, seats, turnout) are stated by
the results rules (rules/results.py) on these nodes.
"""

from __future__ import annotations

import re
from functools import cached_property

from govgraph.build.context import DETERMINERS, NP_STOP, DocContext, Sentence, clean_phrase
from govgraph.build.dates import MONTHS, PartialDate, anchor, find_dates, weekday_date
from govgraph.build.keys import slug
from govgraph.build.lexicon import lexicon
from govgraph.build.numbers import ORDINALS, find_numbers
from govgraph.build.parse import bounded, clause_tense, conditional, is_month, lemma_in, phrase_span, subtree_span, token_span
from govgraph.build.records import Value
from govgraph.build.relations import apposed_to

_MONTH_NAMES = "January|February|March|April|May|June|July|August|September|October|November|December"
_ELECTION = re.compile(
    r"\b(?P<adj>(?:presidential|parliamentary|legislative|local|municipal|general|snap|early|regional|constitutional|"
    r"popular|public|national|nationwide|by-?)\s+|(?P<bodyadj>[A-Z][\w-]+)\s+)?(?P<kind>elections?|referendums?|referenda|"
    r"plebiscites?)\b(?P<to>\s+(?:(?:were|was|will\s+be|are|is)\s+held\s+)?(?:to|for)\s+(?:the\s+)?)?", re.I)
_SESSION = re.compile(
    r"\b(?P<ord>first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|final|last|opening|joint|"
    r"\d+(?:st|nd|rd|th))\s+session\s+of\s+(?:the\s+)?(?P<body>[^,.;]{3,80}?)\s+of\s+the\s+(?P<conv>\w+)\s+"
    r"convocation", re.I)
_ADDRESS = re.compile(
    r"\b(?P<kind>(?:(?:national|annual|state[- ]of[- ]the[- ]nation|State\s+of\s+the\s+Nation|New\s+Year’?s?|televised|"
    r"inaugural|keynote)\s+)?(?:address|speech)(?:\s+(?:of|by)\s+the\s+(?:head\s+of\s+(?:the\s+)?state|President))?)"
    r"(?![\w-])", re.I)
_WHEN = re.compile(r"\s+when\s+(?P<clause>[^.;]{10,200})")
_ORDINAL_TIME = re.compile(r"\bfor\s+the\s+(?P<ord>\w+)\s+time\b", re.I)
_WEEKDAY = re.compile(r"\s*,?\s*(?:held\s+|which\s+took\s+place\s+|took\s+place\s+)?on\s+(?:last\s+)?"
                      r"(?P<day>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")
# 'the general elections in May', 'originally scheduled for March': a month alone after in/for (capitalised: 'may' is a verb)
_PLANNED = r"(?:(?:is|are|was|were)\s+)?(?:scheduled|slated|set|planned|due)"
_BARE_MONTH = re.compile(rf"\s*(?:,\s*)?(?:(?:held|{_PLANNED})\s+)?(?:in|for)\s+(?P<month>{_MONTH_NAMES})\b(?![\s,]*\d)")
_FUTURE = re.compile(r"\b(?:will|shall|scheduled|is\s+to\s+be|are\s+to\s+be|upcoming|next)\b", re.I)
_MONTH_RELATIVE = re.compile(rf"\s*(?:,\s*)?in\s+(?P<month>{_MONTH_NAMES})\s+(?P<which>last|this|next)\s+year\b", re.I)
_NEW_PARTY = re.compile(r"\b(?:an?|the)\s+(?P<np>(?:opposition|ruling|pro-government|pro-presidential|centrist|liberal|"
                        r"nationalist|green|social[- ]democratic|new)\s+party)\b", re.I)
_SCORED = re.compile(
    r"(?:^|(?<=[,;]\s)|(?<=\band\s)|(?<=\bthe\s))(?P<name>(?:[A-Z][\w’'-]+\s+){0,4}[A-Z][\w’'-]+)\s+(?:\([A-Z]+\)\s+)?"
    r"(?:received|won|took|secured|garnered|polled|obtained|got|gained|came\s+\w+\s+with)\s+"
    r"(?:just\s+|only\s+|about\s+|nearly\s+|almost\s+|some\s+)?\d+(?:\.\d+)?\s*(?:%|percent|per\s+cent)")
_DATED_VERB = re.compile(
    r"\b(?P<verb>established|created|founded|set\s+up|formed|abolished|dissolved|liquidated|disbanded|scrapped|adopted|"
    r"approved|passed|signed|ratified|published|promulgated|entered\s+into\s+force|came\s+into\s+force|(?:re-)?elected|"
    r"appointed|named|sworn\s+in|took\s+office|became|resigned|stepped\s+down|dismissed)"
    r"(?:\s+(?:as\s+)?(?:the\s+)?(?:[A-Z][\w’'-]+\s+){1,5}?)?(?P<by>\s+by\s+(?:[A-Z][\w’'-]+\s+){1,4}?[A-Z][\w’'-]+)?"
    r"\s+(?:in|on|since)\s+")


_COORDINATED = re.compile(r"\b(?P<adj>presidential|parliamentary|legislative|local|municipal|regional|provincial|"
                          r"gubernatorial|senatorial)\s*(?:,\s*|\s+and\s+|\s*&\s*)$", re.I)
_PLURAL = "several"
_ORDINAL_WORDS = frozenset({"first", "second", "third", "fourth", "fifth"})
_NO_TOPIC = frozenset({"amendment", "change", "proposal", "question", "draft", "text", "reform", "vote"})
EARLIER = "earlier-"  # the key of a vote an article recalls as before its own: event/<document>/earlier-<kind>


def is_earlier(event: str) -> bool:
    """Whether an event key is of a vote an article recalls as before its own (`Events.earlier_event`)."""
    return event.rsplit("/", 1)[-1].startswith(EARLIER)


def _election_kinds() -> frozenset[str]:
    return lexicon().of("election-kinds")


def event_node(ctx: DocContext, cls: str, kind_label: str, date: PartialDate | None, *aliases: str) -> str:
    """The event of this kind, country and year-month (a node shared across articles and rules)."""
    country = ctx.gazetteer.entries[ctx.country_key].label if ctx.country_key else ""
    when = date.iso if date and date.year else ""
    label = " ".join(p for p in (country, kind_label, f"({when})" if when else "") if p)
    key = f"event/{ctx.scope()}/{slug(kind_label)}" + (f"-{date.iso[:7]}" if date and date.year else "")
    return ctx.add_entity(key, cls, label, *aliases)


def result_node(ctx: DocContext, event: str, side: str, side_label: str | None = None) -> str:
    """The result of one party, candidate or choice (`side`: an entity key, or a choice such as 'yes') in an event."""
    label = side_label or (ctx.extraction.entities[side].label if side in ctx.extraction.entities else side)
    return ctx.add_entity(f"result/{event.split('/', 1)[1]}/{slug(side)}", "ElectionResult",
                          f"{label} in {ctx.extraction.entities[event].label}")


def month_number(name: str) -> int:
    return MONTHS[name.lower()]


_ANNOUNCING = frozenset({"declare", "announce", "proclaim", "confirm", "certify", "ratify", "publish", "release",
                         "winner", "result", "victory", "say", "tell"})


def _announcement_date(sentence: Sentence, end: int) -> bool:
    """Whether the preposition right after offset `end` heads a date the parse hangs on a word of announcing."""
    after = next((t for t in sentence.tokens or () if t.idx - sentence.start >= end), None)
    return (after is not None and after.dep_ == "prep" and after.lower_ in ("on", "in")
            and after.head.lemma_.lower() in _ANNOUNCING
            and any(c.dep_ == "pobj" and (c.ent_type_ == "DATE" or is_month(c)) for c in after.children))


class Events:
    """Events of one document."""

    def __init__(self, ctx: DocContext) -> None:
        self.ctx = ctx
        self.election_type: str | None = self.typed_election()
        self.referendum_type = self.typed_referendum()
        self.convocation: str | None = None  # the parliament of the convocation the article is about
        self.last_sibling: str | None = None  # the sibling referendum the article named last (see `siblings`)
        self.dated: dict[tuple[str, str], set[str]] = {}  # the article's own dated events of each kind

    def event(self, cls: str, kind_label: str, date: PartialDate | None, *aliases: str) -> str:
        """The event of this kind, country and year (a node shared across articles); written without a date, the
        one event of that kind the article dated in its own time ('presidential elections on April 14 ... the
        presidential election')."""
        year = self.ctx.doc.year
        if date is not None and date.year is not None:
            key = event_node(self.ctx, cls, kind_label, date, *aliases)
            if year is not None and date.year in (year, year - 1):
                self.dated.setdefault((cls, kind_label), set()).add(key)
            return key
        dated = self.dated.get((cls, kind_label), set())
        if len(dated) == 1:
            key = next(iter(dated))
            self.ctx.add_entity(key, cls, self.ctx.extraction.entities[key].label, *aliases)
            return key
        return event_node(self.ctx, cls, kind_label, date, *aliases)

    def date_near(self, sentence: Sentence, start: int, end: int, window: int = 40) -> tuple[PartialDate | None, str]:
        """The date written right after (or just before) a phrase: 'on March 29', 'in June 2022'; not one the parse
        gives to an announcement ('declared X the winner of the election on Monday')."""
        if _announcement_date(sentence, end):
            return None, ""
        after = sentence.text[end : end + window]
        relative = _MONTH_RELATIVE.match(after)
        if relative:
            year = self.ctx.doc.year
            offset = {"last": -1, "this": 0, "next": 1}[relative.group("which").lower()]
            month = month_number(relative.group("month"))
            return (PartialDate(year + offset, month) if year else PartialDate(None, month)), relative.group(0).strip()
        weekday = _WEEKDAY.match(after)
        if weekday:
            date = weekday_date(weekday.group("day"), self.ctx.doc.date, self.future(sentence, end + weekday.start("day")))
            if date is not None:
                return date, weekday.group(0).strip(" ,")
        month_alone = _BARE_MONTH.match(after)
        if month_alone and self.ctx.doc.date and len(self.ctx.doc.date) == 10:  # a month alone, never without a year
            date = PartialDate(None, month_number(month_alone.group("month")))
            future = self.future(sentence, end + month_alone.start("month"))
            return anchor(date, self.ctx.doc.date, future), month_alone.group("month")
        for mention in find_dates(after, None):
            lead = after[: mention.start]
            if re.fullmatch(rf"\s*(?:,\s*)?(?:(?:held|which\s+took\s+place|took\s+place|{_PLANNED})"
                            r"(?:\s+the\s+same\s+day)?\s*,?\s*)?(?:on|in|of|for)?\s*(?:the\s+)?", lead):
                return self.with_year(mention.date, after[mention.end : mention.end + 12], sentence,
                                      end + mention.start), mention.text
        before = sentence.text[max(0, start - window) : start]
        dated = list(find_dates(before, None))
        if dated and re.fullmatch(r"\s*(?:’s|'s)?\s*", before[dated[-1].end :]):
            return self.with_year(dated[-1].date, "", sentence, max(0, start - window) + dated[-1].start), dated[-1].text
        return None, ""

    def future(self, sentence: Sentence, at: int | None) -> bool:
        """Whether the date at sentence offset `at` is of what is to come: as its clause tells (`clause_tense`), else
        as the sentence's words do ('will', 'scheduled', 'next')."""
        token = next((t for t in sentence.tokens or () if at is not None and t.idx - sentence.start >= at), None)
        tense = clause_tense(token) if token is not None else None
        return tense == "future" if tense is not None else bool(_FUTURE.search(sentence.text))

    def paragraph_year(self, sentence: Sentence) -> tuple[PartialDate | None, tuple[int, ...]]:
        """The one year the previous sentence of the paragraph states ('The year 2023 was ... Already in the first
        month, elections were held ...'), with that sentence as further evidence."""
        index = sentence.index - 1
        if index < 0 or not self.ctx.same_paragraph(index, sentence.index) or list(find_dates(sentence.text)):
            return None, ()
        previous = self.ctx.sentences[index].text
        years = {d.date.year for d in find_dates(previous)}
        dates = list(find_dates(previous))
        # the year the sentence is about ('The year 2023', 'in 2023'), not a bound ('until 2030', 'by 2030')
        about = all(re.search(r"(?:^|\b(?:in|year|during|of))\s*$", previous[: d.start], re.I) for d in dates)
        if len(years) == 1 and about and all(d.date.month is None for d in dates):
            return PartialDate(years.pop()), (index,)
        return None, ()

    def with_year(self, date: PartialDate, following: str, sentence: Sentence | None = None,
                  at: int | None = None) -> PartialDate:
        """'March last year' gets the article's year minus one; a day and month get the year the article's date
        implies (see `anchor`), as the clause of the date at sentence offset `at` tells of the future or the past;
        without an article date they stay partial."""
        if sentence is not None and date.year is None and not re.match(r"\s+(?:last|this|next)\s+year", following):
            return anchor(date, self.ctx.doc.date, self.future(sentence, at))
        year = self.ctx.doc.year
        if date.year is None and year is not None:
            if re.match(r"\s+last\s+year", following):
                return PartialDate(year - 1, date.month, date.day)
            if re.match(r"\s+(?:this\s+year|of\s+this\s+year)", following):
                return PartialDate(year, date.month, date.day)
        return date

    def claim_date(self, sentence: Sentence, event: str, date: PartialDate | None, extractor: str) -> None:
        if date is not None:
            self.ctx.claim(sentence, event, "gg:date", Value(date.iso, date.datatype), extractor, 0.85)

    # ------------------------------------------------------------ rules

    def scan(self, sentence: Sentence) -> None:
        self.elections(sentence)
        self.sibling_phrases(sentence)
        self.sessions(sentence)
        self.addresses(sentence)
        self.launches(sentence)
        self.unrest(sentence)
        self.articles(sentence)
        self.results(sentence)
        self.amendment_counts(sentence)
        self.appointments(sentence)
        self.terms(sentence)
        self.dated_verbs(sentence)

    def elections(self, sentence: Sentence) -> None:
        ctx = self.ctx
        text = sentence.text
        for match in _ELECTION.finditer(text):
            kind = match.group("kind").lower()
            is_referendum = kind.startswith(("referend", "plebiscite"))
            adjective = (match.group("adj") or "").strip().lower()
            definite = False
            word = match.group("bodyadj")
            if word and re.fullmatch(r"run-?off|(?:first|second|third)-round", word, re.I):
                continue  # 'a runoff election': a round of the election (rule events.rounds), not a kind of its own
            if (word and self.in_name(sentence, match.start("kind"), match.end("kind"))) or self.names_body(
                    sentence, match.start("kind")):
                continue  # 'the Higher Election Council', 'the election commission': a body, not a vote
            if word and (word.lower() in _election_kinds() and self.modifies(sentence, match.start("bodyadj"))):
                adjective = word.lower()  # 'mayoral', 'gubernatorial': a kind of election
                word = None
            elif word and (not word[0].isupper() or match.start("bodyadj") == 0):
                adjective = ""  # 'crucial election', 'the election', 'alongside elections': not a kind of election
                definite = word.lower() == "the"
                word = None
            body = None
            if match.group("to"):
                body = ctx.mention_at(sentence, match.end(), match.end() + 60, "Chamber", "Parliament", "Body", "Council")
                if body is not None and not any(m.start - sentence.start == match.end() for m in sentence.mentions
                                                if m.entity == body):
                    body = None
            if word:  # a capitalised word inside the sentence: the body elected ('Senate elections') or nothing
                body = body or ctx.mention_at(sentence, match.start("bodyadj"), match.end("bodyadj"), "Chamber",
                                              "Parliament", "Body")
                if body is None:
                    continue
            if self.conditional(sentence, match.start("kind")):
                continue  # 'an election must be held within 60 days if he is removed': no election (yet)
            date, _ = self.date_near(sentence, match.start(), match.end())
            earlier = (date is None or date.year is None) and self.earlier(sentence, match.start("kind"))
            also: tuple[int, ...] = ()
            if date is None and (adjective or body or is_referendum) and not earlier:
                date, also = self.paragraph_year(sentence)
            if not (adjective or body or is_referendum or date or definite or earlier):
                continue  # 'the election' is the article's election
            if adjective in ("popular", "public", "national", "nationwide") or is_referendum:
                type_label = self.referendum_type if is_referendum else "election"
            elif body is not None:
                body_label = ctx.extraction.entities[body].label if body in ctx.extraction.entities else body
                if ctx.country_key:
                    body_label = body_label.removesuffix(f" of {ctx.gazetteer.entries[ctx.country_key].label}")
                type_label = f"{body_label} election"
            elif adjective in ("snap", "early") or not adjective:
                # the article's kind of election for its own 'the election' or 'the August 12 elections', not for
                # 'the 2018 election' it recalls (a year that is not the article's)
                year = self.ctx.doc.year
                own = date is None or date.year is None or (year is not None and date.year in (year, year - 1))
                kind = self.election_type if own or adjective else None
                type_label = kind or f"{adjective} election".strip()
            else:
                type_label = f"{adjective} election".strip()
            if not is_referendum and adjective not in ("snap", "early", "") and body is None:
                self.election_type = self.election_type or type_label
            first = match.start("kind") if match.group("bodyadj") and not adjective and body is None else match.start()
            surface = clean_phrase(text[first : match.end()].strip())
            cls = "Referendum" if is_referendum else "Election"
            sibling: str | None = None
            if is_referendum and not earlier and self.siblings:
                qualifier = self.qualifier(sentence, match.start("kind"))
                if qualifier is None or qualifier == _PLURAL:
                    if qualifier == _PLURAL or self.last_sibling is None:
                        continue  # 'both referendums', or 'the referendum' before any is told apart: not one of them
                    sibling = self.last_sibling  # 'the referendum' right after 'the family referendum': that one
                else:
                    sibling = self.sibling(qualifier, type_label)
            event = (self.earlier_event(cls, type_label, surface) if earlier else sibling
                     or self.event(cls, type_label, date, surface))
            ctx.add_mention(sentence, match.start(), match.end(), event)
            if also and date is not None:
                ctx.claim(sentence, event, "gg:date", Value(date.iso, date.datatype), "event:paragraph-year", 0.6, also)
            else:
                self.claim_date(sentence, event, date, "event:election")
            if body is not None:
                ctx.claim(sentence, event, "gg:addresses", body, "event:election", 0.8)
            self.held_in(sentence, event)
            if adjective and not earlier and not is_referendum:
                self.coordinated(sentence, match.start(), date)
            ordinal = _ORDINAL_TIME.search(text, match.end(), min(len(text), match.end() + 60))
            if ordinal and ordinal.group("ord").lower() in ORDINALS:
                ctx.claim(sentence, event, "gg:ordinal", Value(str(ORDINALS[ordinal.group("ord").lower()]), "integer"),
                          "event:ordinal", 0.8)
            adopted = re.search(r"\b(?:adopted|approved|endorsed|supported)\s+(?:by|in|at|through)\s+(?:the\s+|a\s+)?"
                                r"(?:\w+\s+)?$", text[: match.start()])
            if adopted:
                for reform in {m.entity for m in ctx.mentions_in(sentence, 0, adopted.start()) if ctx.is_a(m.entity, "Reform")}:
                    ctx.claim(sentence, reform, "gg:adoptedThrough", event, "event:adopted-by", 0.8)

    @staticmethod
    def conditional(sentence: Sentence, offset: int) -> bool:
        """Whether the word at sentence offset `offset` is told of under a condition (`parse.conditional`)."""
        token = next((t for t in sentence.tokens or () if t.idx - sentence.start >= offset), None)
        return token is not None and conditional(token)

    def coordinated(self, sentence: Sentence, start: int, date: PartialDate | None) -> None:
        """'presidential and legislative elections on April 14': each kind before the one matched is an election of
        its own, on the same date."""
        text = sentence.text[:start]
        while (match := _COORDINATED.search(text)) is not None:
            adjective = match.group("adj").lower()
            event = self.event("Election", f"{adjective} election", date, f"{match.group('adj')} elections")
            self.ctx.add_mention(sentence, match.start("adj"), match.end("adj"), event)
            self.claim_date(sentence, event, date, "event:election")
            self.held_in(sentence, event)
            text = text[: match.start()]

    @cached_property
    def siblings(self) -> dict[str, str]:
        """The referendums an article tells apart, by what they are on or their order ('the family referendum ... the
        care referendum', 'the referendum on family', 'the first referendum ... the second'): qualifier -> its kind
        label, when the article names two or more of one sort (else none: the article's referendum is one node). A
        kind label never ends in the generic word, so no 'the referendum' joins one of them (event_kinds)."""
        topics: set[str] = set()
        ordinals: set[str] = set()
        for sentence in self.ctx.sentences:
            for match in re.finditer(r"\b(?:referend|plebiscite)", sentence.text, re.I):
                qualifier = self.qualifier(sentence, match.start())
                if qualifier in _ORDINAL_WORDS:
                    ordinals.add(qualifier)
                elif qualifier is not None and qualifier != _PLURAL:
                    topics.add(qualifier)
        kind = self.referendum_type
        found = {t: f"{kind} on {t}" for t in topics} if len(topics) > 1 else {}
        if len(ordinals) > 1:
            found.update({o: f"{kind} ({o})" for o in ordinals})  # not '<o> referendum': no narrower kind of vote
        return found

    @staticmethod
    def qualifier(sentence: Sentence, offset: int) -> str | None:
        """What tells the referendum word at `offset` apart from another: the noun before it ('the family referendum')
        or after 'on' ('the referendum on family'; not a date nor a legal document, lexicon institution heads), its
        ordinal ('the second referendum'); _PLURAL for 'referendums' (several); None when nothing does."""
        token = next((t for t in sentence.tokens or () if t.idx - sentence.start == offset), None)
        if token is None:
            return None
        if token.tag_ in ("NNS", "NNPS") or token.lower_ in ("referenda", "referendums", "plebiscites"):
            return _PLURAL
        nouns = [c for c in token.children if c.dep_ == "compound" and c.pos_ == "NOUN" and c.i < token.i]
        nouns += [g for c in token.children if c.dep_ == "prep" and c.lower_ in ("on", "about", "over")
                  for g in c.children if g.dep_ == "pobj" and g.pos_ == "NOUN" and not g.ent_type_]
        topics = [n.lemma_.lower() for n in nouns if n.lemma_.lower() not in lexicon().heads.keys() | _NO_TOPIC]
        if topics:
            return topics[0]
        return next((c.lower_ for c in token.children if c.dep_ == "amod" and c.lower_ in _ORDINAL_WORDS), None)

    def sibling(self, qualifier: str, type_label: str) -> str | None:
        """The referendum of this qualifier, when the article tells its referendums apart (`siblings`); keyed without
        its date, which the phrases that name it do not all give."""
        kind = self.siblings.get(qualifier) if type_label == self.referendum_type else None
        if kind is None:
            return None
        event = self.event("Referendum", kind, None)
        self.ctx.sibling_votes.add(event)
        self.last_sibling = event
        return event

    def sibling_phrases(self, sentence: Sentence) -> None:
        """'the care amendment', 'proposals on care': a phrase of what one of the article's sibling referendums is on
        names that referendum."""
        if not self.siblings or sentence.tokens is None:
            return
        for token in sentence.tokens:
            topic = token.lemma_.lower()
            if topic not in self.siblings or topic in _ORDINAL_WORDS or token.pos_ != "NOUN" or not (
                    token.dep_ == "compound" or (token.dep_ == "pobj" and token.head.lower_ in ("on", "about", "around"))):
                continue
            start, end = token.idx - sentence.start, token.idx - sentence.start + len(token.text)
            if token.dep_ == "compound":
                end = token.head.idx - sentence.start + len(token.head.text)
            if self.ctx.mentions_in(sentence, start, end):
                continue
            event = self.sibling(topic, self.referendum_type)
            if event is not None:
                self.ctx.add_mention(sentence, start, end, event)

    @staticmethod
    def earlier(sentence: Sentence, offset: int) -> bool:
        """Whether the vote word at `offset` names a vote before the article's own: 'the previous election', 'the most
        recent standalone referendum' (a modifier of the lexicon scheme earlier-words, by the parse); not 'any previous
        election', no one vote."""
        token = next((t for t in sentence.tokens or () if t.idx - sentence.start == offset), None)
        if token is None or any(c.dep_ == "det" and c.lower_ in ("any", "every", "each", "all", "no") for c in token.children):
            return False
        words = lexicon().of("earlier-words")
        return any(c.dep_ in ("amod", "advmod") and " ".join(t.lower_ for t in c.subtree) in words
                   for c in token.children if c.i < token.i)

    def earlier_event(self, cls: str, kind_label: str, surface: str) -> str:
        """A vote the article recalls as before its own, without a date: a node of this article only (which vote it
        is, no other article can tell), so that its figures are not the article's vote's."""
        ctx = self.ctx
        country = ctx.gazetteer.entries[ctx.country_key].label + " " if ctx.country_key else ""
        return ctx.add_entity(f"event/{slug(ctx.doc.doc_id)}/{EARLIER}{slug(kind_label)}", cls,
                              f"{country}earlier {kind_label} (named in {ctx.doc.doc_id})", surface)

    def in_name(self, sentence: Sentence, start: int, end: int) -> bool:
        """Whether the capitalised election word at [start, end) is inside a proper name that goes on after it
        ('Supreme Election Council'): a capitalised word follows."""
        if not sentence.text[start:end][:1].isupper():
            return False
        following = sentence.text[end:].lstrip(" ")
        return following[:1].isupper() and not following.startswith(("In ", "On ", "The ", "A "))

    def held_in(self, sentence: Sentence, event: str) -> None:
        """The vote took place in the article's country, unless the sentence names another country (then which
        country's vote it is is left unsaid)."""
        ctx = self.ctx
        if not ctx.country_key or not ctx.is_a(ctx.country_key, "Country"):
            return
        named = {ctx.gazetteer.entries[m.entity].country for m in sentence.mentions if m.entity in ctx.gazetteer.entries
                 and ctx.gazetteer.entries[m.entity].country}
        if named <= {ctx.country_key}:
            ctx.claim(sentence, event, "gg:heldIn", ctx.country_key, "event:election", 0.7)

    @staticmethod
    def names_body(sentence: Sentence, offset: int) -> bool:
        """Whether the election word at `offset` modifies an institution word of the lexicon ('the election
        commission said', 'referendum law'): it names a body or a document, not a vote (by the parse)."""
        token = next((t for t in sentence.tokens or () if t.idx - sentence.start == offset), None)
        return token is not None and token.dep_ == "compound" and token.head.lemma_.lower() in lexicon().heads

    def modifies(self, sentence: Sentence, offset: int) -> bool:
        """Whether the word at `offset` is an adjective or noun modifying what follows ('gubernatorial elections'), by
        the tagger (without a parse: whether it is not a function word)."""
        token = next((t for t in sentence.tokens or () if t.idx - sentence.start == offset), None)
        if token is None:
            return sentence.text[offset:].split(" ", 1)[0].lower() not in NP_STOP | DETERMINERS
        return token.pos_ in ("ADJ", "NOUN", "PROPN") and token.dep_ in ("amod", "compound", "nmod")

    def sessions(self, sentence: Sentence) -> None:
        ctx = self.ctx
        for match in _SESSION.finditer(sentence.text):
            body = ctx.mention_at(sentence, match.start("body"), match.end("body"), "Parliament", "Chamber", "Body")
            body_label = clean_phrase(match.group("body"))
            label = f"{match.group('ord').lower()} session of the {body_label} of the {match.group('conv').lower()} convocation"
            date, _ = self.date_near(sentence, match.start(), match.end())
            convocation_label = f"{body_label} of the {match.group('conv').lower()} convocation"
            self.convocation = ctx.add_entity(f"convocation/{ctx.scope()}/{slug(convocation_label)}", "Parliament",
                                              convocation_label)
            if body:
                ctx.claim(sentence, self.convocation, "gg:partOf", body, "event:session", 0.8)
            key = ctx.add_entity(f"event/{ctx.scope()}/{slug(label)}", "ParliamentarySession", label)
            ctx.add_mention(sentence, match.start(), match.end(), key)
            self.claim_date(sentence, key, date, "event:session")
            ctx.claim(sentence, key, "gg:addresses", self.convocation, "event:session", 0.8)
            opening = re.search(r"(?:at|during|in)\s+(?:the\s+)?(?:opening\s+of\s+)?(?:the\s+)?$", sentence.text[: match.start()])
            if opening:
                speaker = self.person_before(sentence, opening.start())
                if speaker:
                    ctx.claim(sentence, key, "gg:speaker", speaker, "event:session", 0.8)

    def person_before(self, sentence: Sentence, offset: int) -> str | None:
        people = [m for m in self.ctx.mentions_in(sentence, 0, offset) if self.ctx.is_a(m.entity, "Person")]
        return people[-1].entity if people else None

    def speaker_of(self, sentence: Sentence, start: int) -> str | None:
        """Who gives an address named at `start`: 'his address' -> the sentence's person, 'of the head of state' -> holder."""
        ctx = self.ctx
        people = [m.entity for m in sentence.mentions if ctx.is_a(m.entity, "Person")]
        if people and re.search(r"\b(?:his|her)\s+$", sentence.text[max(0, start - 5) : start]):
            return people[0]
        if re.search(r"head\s+of\s+(?:the\s+)?state|President", sentence.text[start : start + 80]):
            return next((p for o, p in ctx.holders.items() if ctx.is_a(o, "HeadOfState")), None)
        return None

    def addresses(self, sentence: Sentence) -> None:
        ctx = self.ctx
        text = sentence.text
        for match in _ADDRESS.finditer(text):
            if not re.search(r"national|annual|nation|head of|President|Address", match.group(0)) and not re.search(
                    r"\b(?:his|her)\s+$", text[max(0, match.start() - 5) : match.start()]):
                continue
            date, _ = self.date_near(sentence, match.start(), match.end())
            speaker = self.speaker_of(sentence, match.start())
            if date is None and speaker is None:
                continue
            surface = clean_phrase(match.group("kind"))
            when = f" ({date.iso})" if date else ""
            label = f"{surface[0].upper() + surface[1:]}{when}"
            key = ctx.add_entity(f"event/{ctx.scope()}/{slug(surface)}-{slug(date.iso) if date else 'undated'}",
                                 "Address", label)
            ctx.add_mention(sentence, match.start(), match.end(), key)
            self.claim_date(sentence, key, date, "event:address")
            if speaker:
                ctx.claim(sentence, key, "gg:speaker", speaker, "event:address", 0.8)
            venue = re.match(r"[^.;]{0,40}?\bat\s+(?:the\s+)?", text[match.end() :])
            if venue:
                place = ctx.mention_at(sentence, match.end() + venue.end(), match.end() + venue.end() + 60)
                if place and not ctx.is_a(place, "Person"):
                    ctx.claim(sentence, key, "gg:addresses", place, "event:address", 0.8)

    def launches(self, sentence: Sentence) -> None:
        """'With the Address of the head of state ..., a political modernization was launched', 'the reform began with the
        address', 'the address launched the reform': a reform started by an event, dated by it."""
        ctx = self.ctx
        if sentence.tokens is None:
            return
        verbs = lexicon().of("start-verbs")
        for verb in sentence.tokens:
            if verb.pos_ != "VERB" or not lemma_in(verb, verbs):
                continue
            reforms: list[str] = []
            events: list[str] = []
            for child in verb.children:
                span = subtree_span(sentence, child)
                found = [m.entity for m in ctx.mentions_in(sentence, *span)]
                if child.dep_ in ("nsubjpass", "dobj") or (child.dep_ == "nsubj" and verb.lemma_ == "begin"):
                    reforms += [k for k in found if ctx.is_a(k, "Reform")][:1]
                elif child.dep_ == "nsubj" or (child.dep_ in ("prep", "agent") and child.lower_ in ("with", "by")):
                    events += [k for k in found if ctx.is_a(k, "Event")][:1]
            for reform in reforms:
                for event in events:
                    ctx.claim(sentence, reform, "gg:launchedWith", event, "event:launched-with", 0.75)
                    date = next((c.obj for c in ctx.extraction.claims if c.subject == event and c.predicate == "gg:date"), None)
                    if isinstance(date, Value):
                        ctx.claim(sentence, reform, "gg:startDate", date, "event:launched-with", 0.7)

    def unrest(self, sentence: Sentence) -> None:
        """'the January tragedy', 'the civil unrest known as Tragic January', 'tragic events of January': unrest named
        by a word of the lexicon with a month in its phrase (a word without a month names no one event)."""
        ctx = self.ctx
        if sentence.tokens is None:
            return
        text = sentence.text
        words = lexicon().of("event-words", "Unrest")
        for token in sentence.tokens:
            if token.pos_ != "NOUN" or not lemma_in(token, words):
                continue
            named = [t for t in token.subtree if t.i > token.i and t.dep_ == "pobj" and t.head.lower_ == "as"
                     and t.head.head.lower_ in ("known", "called", "dubbed")]
            months = [t for t in token.subtree if is_month(t) and (t.i < token.i or t.head.head == token or named)]
            if not months:
                continue
            month = months[0].text.capitalize()
            years = [d.date.year for d in find_dates(text) if d.date.year and d.date.month in (None, month_number(month))]
            date = PartialDate(years[0], month_number(month)) if years else None
            start, end = phrase_span(sentence, token)
            if months[0].i > token.i:
                end = subtree_span(sentence, months[0])[1] if not named else token_span(sentence, named[0])[1]
            aliases = [clean_phrase(text[start:end])]
            if named:
                aliases.append(clean_phrase(text[slice(*subtree_span(sentence, named[0]))]))
            key = self.event("Unrest", f"{month} unrest", date, *aliases)
            ctx.add_mention(sentence, start, end, key)
            self.claim_date(sentence, key, date, "event:unrest")
            when = _WHEN.match(text[end:])
            if when:
                ctx.claim(sentence, key, "gg:description", ctx.text_value(when.group("clause")), "event:unrest", 0.75)

    def articles(self, sentence: Sentence) -> None:
        """'said X in an article released on the National Interest's website on April 4', 'in an op-ed published by The
        Guardian': a written work (a word of the lexicon) placed in an outlet the tagger reads as an organization."""
        ctx = self.ctx
        if sentence.tokens is None:
            return
        text = sentence.text
        works = lexicon().of("work-words")
        for token in sentence.tokens:
            start, end = phrase_span(sentence, token)
            if token.pos_ not in ("NOUN", "PROPN") or text[start:end].lower().split()[-1] not in works:
                continue
            outlets = [t for t in token.subtree if t.i > token.i and t.ent_type_ == "ORG"
                       and not any(a.lower_ == "of" for a in t.ancestors if a.i > token.i)]  # not 'Article 5 of X'
            if not outlets:
                continue
            entity = next(e for e in sentence.tokens.ents if e.start <= outlets[0].i < e.end)
            o_start, o_end = entity.start_char - sentence.start, entity.end_char - sentence.start
            outlet_name = clean_phrase(re.sub(r"[’']s?$", "", text[o_start:o_end]))
            if not outlet_name:
                continue
            author = self.person_before(sentence, start) or next(
                (m.entity for m in sentence.mentions if ctx.is_a(m.entity, "Person")), None)
            outlet = ctx.gazetteer.lookup(outlet_name, ctx.country_key) or ctx.gazetteer.lookup(f"The {outlet_name}")
            if outlet is None:
                outlet = ctx.new_entity("org", "MediaOutlet", f"The {outlet_name}" if not outlet_name.startswith("The ")
                                        else outlet_name, outlet_name)
            ctx.add_mention(sentence, o_start, o_start + len(outlet_name), outlet)
            dates = list(find_dates(text[slice(*subtree_span(sentence, token))], None))
            date = self.with_year(dates[0].date, "", sentence) if dates else None
            author_label = ctx.extraction.entities[author].label if author else "unknown author"
            outlet_label = ctx.extraction.entities[outlet].label if outlet in ctx.extraction.entities else outlet_name
            article = ctx.add_entity(f"work/{slug(author_label)}/{slug(outlet_label)}" + (f"-{slug(date.iso)}" if date else ""),
                                     "Document", f"Article by {author_label} in {outlet_label}")
            ctx.claim(sentence, article, "gg:publishedBy", outlet, "event:article", 0.85)
            if author:
                ctx.claim(sentence, article, "gg:author", author, "event:article", 0.85)
            self.claim_date(sentence, article, date, "event:article")

    def results(self, sentence: Sentence) -> None:
        """Parties a sentence names by what they won, who nominates an office ('giving it the right to nominate the
        Prime Minister') and where a party entered; shares, seats and turnout are the results rules' (rules/results.py)."""
        ctx = self.ctx
        text = sentence.text
        for match in _NEW_PARTY.finditer(text):
            if re.match(r"\s+(?:\(|[“\"«„‘']?[A-Z0-9])", text[match.end() :]):
                continue  # 'the ruling party Morena', 'the party “X”': the name that follows is the party (parties.names)
            if apposed_to(ctx, sentence.start + match.start("np")) is not None:
                continue  # 'uMkhonto weSizwe (MK), the new party': the name before it is the party
            named = self._described_party(match.group("np"))
            party = named or ctx.new_entity("party", "PoliticalParty", match.group("np").lower(),
                                            scope=slug(ctx.doc.doc_id))
            ctx.add_mention(sentence, match.start("np"), match.end("np"), party)
        for match in _SCORED.finditer(text):  # 'Civil Contract received 53.91 percent': a party by what it won
            if ctx.mentions_in(sentence, match.start("name"), match.end("name")):
                continue
            from govgraph.build.organizations import register

            register(ctx, sentence, match.start("name"), match.end("name"), match.group("name"), "PoliticalParty")
        parties = [m for m in sentence.mentions if ctx.is_a(m.entity, "PoliticalParty")]
        if not parties:
            return
        right = re.search(r"\bthe\s+right\s+to\s+(?:nominate|propose|appoint)\s+(?:the\s+)?(?:new\s+)?", text)
        if right:
            office = ctx.mention_at(sentence, right.end(), right.end() + 40, "Office", "HeadOfGovernment", "HeadOfState")
            if office:
                ctx.claim(sentence, office, "gg:nominatedBy", parties[0].entity, "event:nominate", 0.8)
        entered = re.search(r"\b(?:entered|returned\s+to|won\s+seats\s+in)\s+(?:the\s+)?", text)
        if entered:
            body = ctx.mention_at(sentence, entered.end(), entered.end() + 40, "Parliament", "Chamber")
            if body:
                ctx.claim(sentence, parties[0].entity, "gg:representedIn", body, "event:entered", 0.75)

    def _described_party(self, phrase: str) -> str | None:
        """The party the article names with this phrase ('the ruling party Morena' for a later 'the ruling party'),
        when it names exactly one so and a rule knows the name as a party."""
        ctx = self.ctx
        words = r"\s+".join(re.escape(w) for w in phrase.split())
        names = {m.group(1) for m in re.finditer(rf"\b{words}\s+((?:[A-Z][\w’'-]+)(?:\s+[A-Z][\w’'-]+){{0,4}})",
                                                 ctx.doc.text, re.I)}
        if len(names) != 1:
            return None
        name = names.pop()
        return next((key for key, entity in ctx.extraction.entities.items() if ctx.is_a(key, "PoliticalParty")
                     and name in (entity.label, *entity.aliases)), None)

    def typed_referendum(self) -> str:
        """'constitutional referendum' when a sentence naming the article's referendum speaks of the constitution or
        amendments, else 'referendum': one kind, so one node, for the article's referendum."""
        for sentence in self.ctx.sentences:
            if re.search(r"\b(?:referend|plebiscite)", sentence.text, re.I) and re.search(
                    r"constitution|amendment", sentence.text, re.I):
                return "constitutional referendum"
        return "referendum"

    def typed_election(self) -> str | None:
        """The kind of election an article is about ('parliamentary election'), from its first typed mention."""
        for sentence in self.ctx.sentences:
            match = re.search(r"\b(presidential|parliamentary|legislative|general|local|municipal|regional)\s+elections?\b",
                              sentence.text, re.I)
            if match:
                return f"{match.group(1).lower()} election"
        return None

    def amendment_counts(self, sentence: Sentence) -> None:
        """'56 amendments to 33 articles of the Constitution', 'the 12 amendments put to the vote': counts the parse
        attaches to 'amendment' and 'article' (a number before the noun, not 'Article 257'), stated of the vote
        or the reform the sentence names."""
        ctx = self.ctx
        if sentence.tokens is None:
            return
        subject = next((m.entity for m in sentence.mentions if ctx.is_a(m.entity, "Referendum")), None) or next(
            (m.entity for m in sentence.mentions if ctx.is_a(m.entity, "ConstitutionalReform")), None)
        if subject is None:
            return
        counts: dict[str, str] = {}
        for token in sentence.tokens:
            if token.dep_ != "nummod" or token.i > token.head.i or token.head.lemma_.lower() not in ("amendment", "article"):
                continue
            numbers = list(find_numbers(token.text))
            if bounded(sentence.text[: token.idx - sentence.start]):
                continue  # 'more than 50 amendments' is a bound, not a count
            if numbers and token.head.lemma_.lower() not in counts:
                counts[token.head.lemma_.lower()] = numbers[0].lexical
        if "amendment" in counts:
            ctx.claim(sentence, subject, "gg:amendmentCount", Value(counts["amendment"], "integer"), "event:amendments", 0.8)
            if "article" in counts:  # articles counted in a sentence that counts amendments: the articles amended
                ctx.claim(sentence, subject, "gg:amendedArticleCount", Value(counts["article"], "integer"),
                          "event:amendments", 0.8)

    def appointments(self, sentence: Sentence) -> None:
        """'the President proposed Mr Smailov's reappointment', 'the resignation of Prime Minister X': an event about a
        person (a noun of the lexicon whose possessor or 'of' object is the person), and who proposed it."""
        ctx = self.ctx
        if sentence.tokens is None:
            return
        nouns = lexicon().of("event-words", "Event")
        for token in sentence.tokens:
            if token.pos_ != "NOUN" or not lemma_in(token, nouns):
                continue
            owners = [c for c in token.children if c.dep_ == "poss"] + [
                g for c in token.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
            person = next((p for p in (ctx.mention_at(sentence, *subtree_span(sentence, o), "Person") for o in owners) if p),
                          None)
            if person is None:
                continue
            noun = token.lower_
            label = f"{noun} of {ctx.extraction.entities[person].label}"
            key = ctx.add_entity(f"event/{slug(person.split('/', 1)[1])}/{slug(noun)}", "Event", label)
            ctx.add_mention(sentence, *phrase_span(sentence, token), key)
            ctx.claim(sentence, key, "gg:affects", person, "event:appointment", 0.8)
            if token.dep_ == "dobj" and token.head.lemma_.lower() in ("propose", "suggest", "recommend", "initiate"):
                agents = [c for c in token.head.children if c.dep_ == "nsubj"]
                agent = ctx.person_named(sentence, *subtree_span(sentence, agents[0])) if agents else None
                if agent:
                    ctx.claim(sentence, key, "gg:proposedBy", agent, "event:appointment", 0.75)

    def dated_verbs(self, sentence: Sentence) -> None:
        """'the court, created in 2004, will be abolished on 1 January 2025', 'elected President in June 2021',
        'the amendments were adopted on 14 November 2019': the date of what happened to the thing named before."""
        ctx = self.ctx
        text = sentence.text
        for match in _DATED_VERB.finditer(text):
            dates = [d for d in find_dates(text[match.end() :]) if d.start == 0]
            if not dates:
                continue
            date = self.with_year(dates[0].date, text[match.end() + dates[0].end : match.end() + dates[0].end + 12],
                                  sentence, match.end())
            value = Value(date.iso, date.datatype)
            verb = match.group("verb").lower()
            before = [m for m in ctx.mentions_in(sentence, max(0, match.start() - 120), match.start())
                      if not ctx.is_a(m.entity, "Country", "Region", "City", "Category")]
            if not before:
                continue
            subject = before[-1].entity
            if verb.startswith(("elected", "re-elected", "appointed", "named", "sworn", "took", "became", "resigned",
                                "stepped", "dismissed", "removed", "left")):
                continue  # the dates of tenures are the tenures.dates rule's
            if verb.startswith(("established", "created", "founded", "set up", "formed")):
                if ctx.is_a(subject, "Organization", "Body", "Court", "Chamber", "Parliament", "Agency", "Party", "Region"):
                    ctx.claim(sentence, subject, "gg:existedFrom", value, "event:dated-verb", 0.75)
            elif verb.startswith("dissolved") and ctx.is_a(subject, "Parliament", "Chamber", "LocalRepresentativeBody"):
                self.dissolution(sentence, subject, value, match)  # a legislature's term ends; the institution stays
            elif verb.startswith(("abolished", "dissolved", "liquidated", "disbanded", "scrapped")):
                if ctx.is_a(subject, "Organization", "Body", "Court", "Chamber", "Parliament", "Agency", "Party", "Region"):
                    ctx.claim(sentence, subject, "gg:existedUntil", value, "event:dated-verb", 0.75)
            elif ctx.is_a(subject, "Document", "Law", "Constitution", "Change", "Reform", "Event", "Election",
                          "Referendum", "Strategy", "Decree"):
                ctx.claim(sentence, subject, "gg:date", value, "event:dated-verb", 0.7)
                signer = ctx.mention_at(sentence, match.start("by"), match.end("by"), "Person") if match.group("by") else None
                if signer and verb.startswith(("signed", "ratified", "promulgated")):
                    ctx.claim(sentence, subject, "gg:signedBy", signer, "event:dated-verb", 0.75)

    def dissolution(self, sentence: Sentence, body: str, value: Value, match: re.Match[str]) -> None:
        """'The previous Parliament was dissolved by President Sandu on April 28': the early end of a legislature's
        term, an event of that date which affects the body (and was the act of the person named by 'by'); the
        institution itself goes on existing."""
        ctx = self.ctx
        label = f"dissolution of {ctx.extraction.entities[body].label}" if body in ctx.extraction.entities else None
        if label is None:
            label = f"dissolution of {ctx.gazetteer.entries[body].label}"
        key = ctx.add_entity(f"event/{slug(body.split('/', 1)[-1])}/dissolution-{slug(value.lexical)}", "Event", label)
        ctx.add_mention(sentence, match.start("verb"), match.end("verb"), key)
        ctx.claim(sentence, key, "gg:date", value, "event:dissolution", 0.75)
        ctx.claim(sentence, key, "gg:affects", body, "event:dissolution", 0.75)
        actor = ctx.mention_at(sentence, match.start("by"), match.end("by"), "Person") if match.group("by") else None
        if actor is not None:
            ctx.claim(sentence, key, "prov:wasAssociatedWith", actor, "event:dissolution", 0.7)

    def agent_before(self, sentence: Sentence, offset: int) -> str | None:
        """The person acting before `offset`: a named person, or the holder of an office named there."""
        ctx = self.ctx
        candidates = ctx.mentions_in(sentence, 0, offset)
        for mention in reversed(candidates):
            if ctx.is_a(mention.entity, "Person"):
                return mention.entity
            if mention.entity in ctx.holders:
                return ctx.holders[mention.entity]
        return None

    def terms(self, sentence: Sentence) -> None:
        """'the newly elected MPs will work ... during the upcoming five years', 'elected senators serve for the next six
        years': a coming period of the members' work is the term of their body (named in the sentence, else the
        convocation or the last chamber or parliament the article named)."""
        ctx = self.ctx
        if sentence.tokens is None:
            return
        members = lexicon().of("member-words")
        for token in sentence.tokens:
            if token.lemma_.lower() != "year" or token.dep_ != "pobj" or token.head.lower_ not in ("during", "for", "over"):
                continue
            if not any(c.lower_ in ("next", "upcoming", "coming") for c in token.children):
                continue
            count = next((c for c in token.children if c.dep_ == "nummod"), None)
            numbers = list(find_numbers(count.text)) if count is not None else []
            verb = token.head.head
            while not [c for c in verb.children if c.dep_ == "nsubj"] and verb.dep_ in ("conj", "advcl", "xcomp") \
                    and verb.head != verb:
                verb = verb.head
            subjects = [c for c in verb.children if c.dep_ == "nsubj" and lemma_in(c, members)
                        and any("elect" in w.lower_ for w in c.subtree)]
            if not subjects or not numbers:
                continue
            body = self.body_of_members(sentence)
            if body:
                ctx.claim(sentence, body, "gg:termYears", Value(numbers[0].lexical, "integer"), "event:term", 0.6)

    def body_of_members(self, sentence: Sentence) -> str | None:
        ctx = self.ctx
        named = [m.entity for m in sentence.mentions if ctx.is_a(m.entity, "Parliament", "Chamber")]
        if named:
            return named[0]
        if self.convocation:
            return self.convocation
        earlier = [m.entity for m in ctx.extraction.mentions
                   if m.sentence < sentence.index and ctx.is_a(m.entity, "Parliament", "Chamber")]
        return earlier[-1] if earlier else None


def scan_events(ctx: DocContext) -> None:
    events = Events(ctx)
    for sentence in ctx.sentences:
        events.scan(sentence)
