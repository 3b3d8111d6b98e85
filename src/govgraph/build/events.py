"""Events: elections, referendums, parliamentary sessions, addresses, unrest, and their dates and results.

An event is identified by country, kind and, where the sentence gives one, its year, so that
two articles about the same election make one node.
"""

from __future__ import annotations

import re

from govgraph.build.context import DocContext, Sentence, clean_phrase
from govgraph.build.dates import MONTHS, PartialDate, anchor, find_dates
from govgraph.build.keys import slug
from govgraph.build.numbers import ORDINALS, find_numbers
from govgraph.build.records import Value

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
_UNREST = re.compile(
    rf"\b(?:[Tt]ragic\s+(?P<m1>{_MONTH_NAMES})|(?P<m2>{_MONTH_NAMES})\s+(?:tragedy|events|unrest|protests|riots|crisis|"
    rf"uprising)|[Tt]ragic\s+events\s+of\s+(?P<m3>{_MONTH_NAMES})|(?:civil|mass|massive|violent)\s+(?:unrest|riots|protests)"
    rf"(?:\s+known\s+as\s+(?:the\s+)?[Tt]ragic\s+(?P<m4>{_MONTH_NAMES}))?)")
_WHEN = re.compile(r"\s+when\s+(?P<clause>[^.;]{10,200})")
_ORDINAL_TIME = re.compile(r"\bfor\s+the\s+(?P<ord>\w+)\s+time\b", re.I)
_RESULT = re.compile(
    r"(?P<share>\d+(?:\.\d+)?)\s*(?:%|percent|per\s+cent)(?:\s+of\s+the\s+(?:vote|votes|ballots))?", re.I)
_SEATS = re.compile(r"\b(?P<n>\d+|[a-z]+)\s+(?:of\s+the\s+\d+\s+)?seats\b", re.I)
_ARTICLE_IN = re.compile(
    r"\bin\s+an?\s+(?:article|op-ed|opinion\s+piece|column|interview)\s+(?:released|published|written|posted)?\s*"
    r"(?:on|in|by|for|with)\s+(?:the\s+)?(?P<outlet>[A-Z][\w’' ]{2,60}?)(?:[’']s?\s+(?:website|site|pages))?"
    r"(?=\s+on\s+|\s+in\s+|[,.;]|$)")
_FUTURE = re.compile(r"\b(?:will|shall|scheduled|is\s+to\s+be|are\s+to\s+be|upcoming|next)\b", re.I)
_MONTH_RELATIVE = re.compile(rf"\s*(?:,\s*)?in\s+(?P<month>{_MONTH_NAMES})\s+(?P<which>last|this|next)\s+year\b", re.I)
_FRONTED_WITH = re.compile(r"^With\s+(?:the\s+)?", re.I)
_WAS_LAUNCHED = re.compile(r"\b(?:was|were|has\s+been|had\s+been)\s+(?:launched|started|initiated|set\s+in\s+motion)\b", re.I)
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
_SEAT_COUNT = re.compile(r"\b(?:holds|won|took|secured|gained|has|got|obtained|with)?\s*(?:just\s+)?(?P<n>\d+|[a-z]+(?:-[a-z]+)?)"
                         r"\s+seats\b", re.I)
_TURNOUT = re.compile(r"\bturnout\b[^.;%]{0,40}?(?P<n>\d+(?:\.\d+)?)\s*(?:%|percent|per\s+cent)", re.I)
_TERM_YEARS = re.compile(r"\b(?:during|for|over|in)\s+the\s+(?:next|upcoming|coming)\s+(?P<n>[\w-]+)\s+years\b", re.I)
_APPOINTMENT = re.compile(
    r"(?P<name>[A-Z][\w-]+(?:\s+[A-Z][\w-]+){0,2})[’']s\s+(?P<noun>re-?appointment|appointment|dismissal|resignation|"
    r"re-?election|election|nomination|inauguration)")
_PROPOSE = re.compile(r"\b(?:proposed|suggested|called\s+for|initiated|put\s+forward|recommended)\b", re.I)
_LAUNCHED = re.compile(r"\b(?:launched|began|started|initiated|kicked\s+off)\s+(?:with|by|on|in)\b", re.I)


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


class Events:
    """Events of one document."""

    def __init__(self, ctx: DocContext) -> None:
        self.ctx = ctx
        self.last_election: str | None = None
        self.last_vote: str | None = None  # the last election or referendum named
        self.election_type: str | None = self.typed_election()
        self.referendum_type = self.typed_referendum()
        self.convocation: str | None = None  # the parliament of the convocation the article is about

    def event(self, cls: str, kind_label: str, date: PartialDate | None, *aliases: str) -> str:
        """The event of this kind, country and year (a node shared across articles)."""
        return event_node(self.ctx, cls, kind_label, date, *aliases)

    def date_near(self, sentence: Sentence, start: int, end: int, window: int = 40) -> tuple[PartialDate | None, str]:
        """The date written right after (or just before) a phrase: 'on March 29', 'in June 2022'."""
        after = sentence.text[end : end + window]
        relative = _MONTH_RELATIVE.match(after)
        if relative:
            year = self.ctx.doc.year
            offset = {"last": -1, "this": 0, "next": 1}[relative.group("which").lower()]
            month = month_number(relative.group("month"))
            return (PartialDate(year + offset, month) if year else PartialDate(None, month)), relative.group(0).strip()
        for mention in find_dates(after, None):
            lead = after[: mention.start]
            if re.fullmatch(r"\s*(?:,\s*)?(?:(?:held|which\s+took\s+place|took\s+place|scheduled)(?:\s+the\s+same\s+day)?"
                            r"\s*,?\s*)?(?:on|in|of|for)?\s*(?:the\s+)?", lead):
                return self.with_year(mention.date, after[mention.end : mention.end + 12], sentence), mention.text
        before = sentence.text[max(0, start - window) : start]
        dated = list(find_dates(before, None))
        if dated and re.fullmatch(r"\s*(?:’s|'s)?\s*", before[dated[-1].end :]):
            return self.with_year(dated[-1].date, "", sentence), dated[-1].text
        return None, ""

    def paragraph_year(self, sentence: Sentence) -> tuple[PartialDate | None, tuple[int, ...]]:
        """The one year the previous sentence of the paragraph states ('The year 2023 was ... Already in the first
        month, elections were held ...'), with that sentence as further evidence."""
        index = sentence.index - 1
        if index < 0 or not self.ctx.same_paragraph(index, sentence.index) or list(find_dates(sentence.text)):
            return None, ()
        years = {d.date.year for d in find_dates(self.ctx.sentences[index].text)}
        dates = list(find_dates(self.ctx.sentences[index].text))
        if len(years) == 1 and all(d.date.month is None for d in dates):
            return PartialDate(years.pop()), (index,)
        return None, ()

    def with_year(self, date: PartialDate, following: str, sentence: Sentence | None = None) -> PartialDate:
        """'March last year' gets the article's year minus one; a day and month get the year the article's date
        implies (see `anchor`); without an article date they stay partial."""
        if sentence is not None and date.year is None and not re.match(r"\s+(?:last|this|next)\s+year", following):
            return anchor(date, self.ctx.doc.date, bool(_FUTURE.search(sentence.text)))
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
        self.sessions(sentence)
        self.addresses(sentence)
        self.unrest(sentence)
        self.articles(sentence)
        self.results(sentence)
        self.appointments(sentence)
        self.terms(sentence)
        self.dated_verbs(sentence)
        self.turnout(sentence)

    def elections(self, sentence: Sentence) -> None:
        ctx = self.ctx
        text = sentence.text
        for match in _ELECTION.finditer(text):
            kind = match.group("kind").lower()
            is_referendum = kind.startswith(("referend", "plebiscite"))
            adjective = (match.group("adj") or "").strip().lower()
            body = None
            if match.group("to"):
                body = ctx.mention_at(sentence, match.end(), match.end() + 60, "Chamber", "Parliament", "Body", "Council")
                if body is not None and not any(m.start - sentence.start == match.end() for m in sentence.mentions
                                                if m.entity == body):
                    body = None
            if match.group("bodyadj") and match.group("bodyadj")[0].isupper() and match.start("bodyadj") > 0:
                body = body or ctx.mention_at(sentence, match.start("bodyadj"), match.end("bodyadj"), "Chamber",
                                              "Parliament", "Body")
                if body is None:
                    continue
            date, _ = self.date_near(sentence, match.start(), match.end())
            also: tuple[int, ...] = ()
            if date is None and (adjective or body or is_referendum):
                date, also = self.paragraph_year(sentence)
            if not (adjective or body or is_referendum or date):
                continue
            if adjective in ("popular", "public", "national", "nationwide") or is_referendum:
                type_label = self.referendum_type if is_referendum else "election"
            elif body is not None:
                body_label = ctx.extraction.entities[body].label if body in ctx.extraction.entities else body
                if ctx.country_key:
                    body_label = body_label.removesuffix(f" of {ctx.gazetteer.entries[ctx.country_key].label}")
                type_label = f"{body_label} election"
            elif adjective in ("snap", "early") or not adjective:
                type_label = self.election_type or f"{adjective} election".strip()
            else:
                type_label = f"{adjective} election".strip()
            if not is_referendum and adjective not in ("snap", "early", "") and body is None:
                self.election_type = self.election_type or type_label
            surface = clean_phrase(text[match.start() : match.end()].strip())
            event = self.event("Referendum" if is_referendum else "Election", type_label, date, surface)
            ctx.add_mention(sentence, match.start(), match.end(), event)
            if also and date is not None:
                ctx.claim(sentence, event, "gg:date", Value(date.iso, date.datatype), "event:paragraph-year", 0.6, also)
            else:
                self.claim_date(sentence, event, date, "event:election")
            if body is not None:
                ctx.claim(sentence, event, "gg:addresses", body, "event:election", 0.8)
            ordinal = _ORDINAL_TIME.search(text, match.end(), min(len(text), match.end() + 60))
            if ordinal and ordinal.group("ord").lower() in ORDINALS:
                ctx.claim(sentence, event, "gg:ordinal", Value(str(ORDINALS[ordinal.group("ord").lower()]), "integer"),
                          "event:ordinal", 0.8)
            amended = re.search(r"(?P<a>\d+)\s+amendments\s+to\s+(?P<b>\d+)\s+articles", text)
            if amended and is_referendum:
                ctx.claim(sentence, event, "gg:amendmentCount", Value(amended.group("a"), "integer"), "event:amendments", 0.8)
                ctx.claim(sentence, event, "gg:amendedArticleCount", Value(amended.group("b"), "integer"),
                          "event:amendments", 0.8)
            adopted = re.search(r"\b(?:adopted|approved|endorsed|supported)\s+(?:by|in|at|through)\s+(?:the\s+|a\s+)?"
                                r"(?:\w+\s+)?$", text[: match.start()])
            if adopted:
                for reform in {m.entity for m in ctx.mentions_in(sentence, 0, adopted.start()) if ctx.is_a(m.entity, "Reform")}:
                    ctx.claim(sentence, reform, "gg:adoptedThrough", event, "event:adopted-by", 0.8)
            if not is_referendum:
                self.last_election = event
            self.last_vote = event

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
            launched = _LAUNCHED.search(text[: match.start()])
            fronted = _FRONTED_WITH.match(text)
            was_launched = _WAS_LAUNCHED.search(text, match.end())
            launched_reforms: set[str] = set()
            if fronted and fronted.end() == match.start() and was_launched:
                before = [m.entity for m in ctx.mentions_in(sentence, match.end(), was_launched.start())
                          if ctx.is_a(m.entity, "Reform")]
                launched_reforms = set(before[-1:])
            elif launched and text[launched.end() : match.start()].strip() in ("", "the"):
                launched_reforms = {m.entity for m in ctx.mentions_in(sentence, 0, launched.start())
                                    if ctx.is_a(m.entity, "Reform")}
            if launched_reforms:
                for reform in sorted(launched_reforms):
                    ctx.claim(sentence, reform, "gg:launchedWith", key, "event:launched-with", 0.75)
                    if date:
                        ctx.claim(sentence, reform, "gg:startDate", Value(date.iso, date.datatype), "event:launched-with",
                                  0.7)

    def unrest(self, sentence: Sentence) -> None:
        ctx = self.ctx
        text = sentence.text
        for match in _UNREST.finditer(text):
            month = next((match.group(g) for g in ("m1", "m2", "m3", "m4") if match.group(g)), None)
            if month is None:
                known = re.match(r"\s+known\s+as\s+(?:the\s+)?[Tt]ragic\s+(\w+)", text[match.end() :])
                month = known.group(1) if known and known.group(1) in _MONTH_NAMES.split("|") else None
            if month is None:
                continue
            years = [d.date.year for d in find_dates(text) if d.date.year and d.date.month in (None, month_number(month))]
            date = PartialDate(years[0], month_number(month)) if years else None
            kind = f"{month} unrest"
            key = self.event("Unrest", kind, date, clean_phrase(match.group(0)))
            ctx.add_mention(sentence, match.start(), match.end(), key)
            self.claim_date(sentence, key, date, "event:unrest")
            when = _WHEN.match(text[match.end() :])
            if when:
                ctx.claim(sentence, key, "gg:description", ctx.text_value(when.group("clause")), "event:unrest", 0.75)

    def articles(self, sentence: Sentence) -> None:
        """'said Kassym-Jomart Tokayev in an article released on the National Interest’s website on April 4'."""
        ctx = self.ctx
        for match in _ARTICLE_IN.finditer(sentence.text):
            author = self.person_before(sentence, match.start())
            outlet_name = clean_phrase(match.group("outlet"))
            outlet = ctx.gazetteer.lookup(outlet_name, ctx.country_key) or ctx.gazetteer.lookup(f"The {outlet_name}")
            if outlet is None:
                outlet = ctx.new_entity("org", "MediaOutlet", f"The {outlet_name}" if not outlet_name.startswith("The ")
                                        else outlet_name, outlet_name)
            ctx.add_mention(sentence, match.start("outlet"), match.end("outlet"), outlet)
            date, _ = self.date_near(sentence, match.start(), match.end())
            author_label = ctx.extraction.entities[author].label if author else "unknown author"
            outlet_label = ctx.extraction.entities[outlet].label if outlet in ctx.extraction.entities else outlet_name
            article = ctx.add_entity(f"work/{slug(author_label)}/{slug(outlet_label)}" + (f"-{slug(date.iso)}" if date else ""),
                                     "Document", f"Article by {author_label} in {outlet_label}")
            ctx.claim(sentence, article, "gg:publishedBy", outlet, "event:article", 0.85)
            if author:
                ctx.claim(sentence, article, "gg:author", author, "event:article", 0.85)
            self.claim_date(sentence, article, date, "event:article")

    def results(self, sentence: Sentence) -> None:
        """'his Amanat party won the election, with 54% of the vote, giving it the right to nominate the Prime Minister'."""
        ctx = self.ctx
        text = sentence.text
        for match in _NEW_PARTY.finditer(text):
            party = ctx.new_entity("party", "PoliticalParty", match.group("np").lower(), scope=slug(ctx.doc.doc_id))
            ctx.add_mention(sentence, match.start("np"), match.end("np"), party)
        for match in _SCORED.finditer(text):  # 'Civil Contract received 53.91 percent': a party by what it won
            if ctx.mentions_in(sentence, match.start("name"), match.end("name")):
                continue
            from govgraph.build.organizations import register

            register(ctx, sentence, match.start("name"), match.end("name"), match.group("name"), "PoliticalParty")
        parties = [m for m in sentence.mentions if ctx.is_a(m.entity, "PoliticalParty")]
        if not parties:
            return
        election = next((m.entity for m in sentence.mentions if ctx.is_a(m.entity, "Election")), None) or self.last_election
        for match in _SEAT_COUNT.finditer(text):
            party = [m for m in parties if 0 <= match.start() - (m.end - sentence.start) <= 30]
            value = find_numbers(match.group("n"))
            numbers = list(value)
            if not party or election is None or not numbers:
                continue
            result = self.result(election, party[-1].entity)
            ctx.claim(sentence, election, "gg:result", result, "event:seats", 0.75)
            ctx.claim(sentence, result, "gg:party", party[-1].entity, "event:seats", 0.75)
            ctx.claim(sentence, result, "gg:seatCount", Value(numbers[0].lexical, "integer"), "event:seats", 0.75)
        for match in _RESULT.finditer(text):
            party = [m for m in parties if m.end - sentence.start <= match.start()]
            if not party or election is None:
                continue
            p = party[-1].entity
            result = self.result(election, p)
            ctx.claim(sentence, election, "gg:result", result, "event:result", 0.8)
            ctx.claim(sentence, result, "gg:party", p, "event:result", 0.8)
            ctx.claim(sentence, result, "gg:voteShare", Value(match.group("share"), "decimal"), "event:result", 0.8)
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
            match = re.search(r"\b(presidential|parliamentary|legislative|local|municipal|regional)\s+elections?\b",
                              sentence.text, re.I)
            if match:
                return f"{match.group(1).lower()} election"
        return None

    def result(self, election: str, party: str) -> str:
        return result_node(self.ctx, election, party)

    def turnout(self, sentence: Sentence) -> None:
        """'Turnout was 49.4 percent', 'turnout stood at 39.1 percent, according to the commission'."""
        match = _TURNOUT.search(sentence.text)
        if not match:
            return
        ctx = self.ctx
        event = next((m.entity for m in sentence.mentions if ctx.is_a(m.entity, "Election", "Referendum")), None)
        event = event or self.last_vote
        if event:
            ctx.claim(sentence, event, "gg:turnout", Value(match.group("n"), "decimal"), "event:turnout", 0.8)

    def appointments(self, sentence: Sentence) -> None:
        """'the President proposed Mr Smailov’s reappointment': an event about a person, with its proposer."""
        ctx = self.ctx
        text = sentence.text
        for match in _APPOINTMENT.finditer(text):
            person = ctx.mention_at(sentence, match.start("name"), match.start("noun"), "Person")
            if person is None:
                continue
            noun = match.group("noun").lower()
            label = f"{noun} of {ctx.extraction.entities[person].label}"
            key = ctx.add_entity(f"event/{slug(person.split('/', 1)[1])}/{slug(noun)}", "Event", label)
            ctx.add_mention(sentence, match.start(), match.end(), key)
            ctx.claim(sentence, key, "gg:affects", person, "event:appointment", 0.8)
            proposed = _PROPOSE.search(text[: match.start()])
            if proposed:
                agent = self.agent_before(sentence, proposed.start())
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
                                  sentence)
            value = Value(date.iso, date.datatype)
            verb = match.group("verb").lower()
            before = [m for m in ctx.mentions_in(sentence, max(0, match.start() - 120), match.start())
                      if not ctx.is_a(m.entity, "Country", "Region", "City", "Category")]
            if not before:
                continue
            subject = before[-1].entity
            if verb.startswith(("elected", "re-elected", "appointed", "named", "sworn", "took", "became")):
                person = next((m.entity for m in reversed(before) if ctx.is_a(m.entity, "Person")), None)
                tenures = [c.subject for c in ctx.extraction.claims
                           if c.predicate == "org:member" and c.obj == person and c.sentence == sentence.index]
                for tenure in tenures:
                    ctx.claim(sentence, tenure, "gg:startDate", value, "event:dated-verb", 0.75)
            elif verb.startswith(("resigned", "stepped", "dismissed", "removed", "left")):
                person = next((m.entity for m in reversed(before) if ctx.is_a(m.entity, "Person")), None)
                for office, holder in ctx.holders.items():
                    if holder == person:
                        tenure = f"tenure/{slug(person.split('/', 1)[1])}/{slug(office)}"
                        ctx.claim(sentence, tenure, "gg:endDate", value, "event:dated-verb", 0.7)
            elif verb.startswith(("established", "created", "founded", "set up", "formed")):
                if ctx.is_a(subject, "Organization", "Body", "Court", "Chamber", "Parliament", "Agency", "Party", "Region"):
                    ctx.claim(sentence, subject, "gg:existedFrom", value, "event:dated-verb", 0.75)
            elif verb.startswith(("abolished", "dissolved", "liquidated", "disbanded", "scrapped")):
                if ctx.is_a(subject, "Organization", "Body", "Court", "Chamber", "Parliament", "Agency", "Party", "Region"):
                    ctx.claim(sentence, subject, "gg:existedUntil", value, "event:dated-verb", 0.75)
            elif ctx.is_a(subject, "Document", "Law", "Constitution", "Change", "Reform", "Event", "Election",
                          "Referendum", "Strategy", "Decree"):
                ctx.claim(sentence, subject, "gg:date", value, "event:dated-verb", 0.7)
                signer = ctx.mention_at(sentence, match.start("by"), match.end("by"), "Person") if match.group("by") else None
                if signer and verb.startswith(("signed", "ratified", "promulgated")):
                    ctx.claim(sentence, subject, "gg:signedBy", signer, "event:dated-verb", 0.75)

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
        """'the newly-elected MPs will work ... during the upcoming five years': the term of an office or body."""
        ctx = self.ctx
        match = _TERM_YEARS.search(sentence.text)
        if not match:
            return
        numbers = list(find_numbers(match.group("n")))
        if not numbers:
            return
        if self.convocation and re.search(r"\bnewly[- ]elected\b", sentence.text, re.I):
            ctx.claim(sentence, self.convocation, "gg:termYears", Value(numbers[0].lexical, "integer"), "event:term", 0.6)
            return
        for mention in sentence.mentions:
            if ctx.is_a(mention.entity, "Office", "Parliament", "Chamber") and mention.start - sentence.start < match.start():
                ctx.claim(sentence, mention.entity, "gg:termYears", Value(numbers[0].lexical, "integer"), "event:term",
                          0.6)
                break


def scan_events(ctx: DocContext) -> None:
    events = Events(ctx)
    for sentence in ctx.sentences:
        events.scan(sentence)
