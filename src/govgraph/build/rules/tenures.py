"""When a tenure began and ended, and the days the sources show its holder in office.

`tenures.dates` reads, for each tenure a sentence states, the clause its holder belongs to: the verb the
person is the subject of (or the clause a 'since' or 'until' attaches to the name) and the dates of that
verb's prepositions. A verb of taking office dates the start ('was elected President in June 2021', 'took
office on 11 January 2022'), a verb of leaving it the end ('resigned in 2019', 'was dismissed on Monday'),
'serve', 'hold' and 'be' give both ('was president from 2014 to 2019', 'has been speaker since 2019'), and
any other dated act of a current holder shows them in office that day ('President X opened the session on
29 March'). A re-election with a date begins a new term, a tenure of its own. A dateless present-tense or
reporting clause ('President X said') shows the holder in office on the article's date. Partial dates stay
partial: a day and month get a year only from the article's date (see `dates.anchor`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from govgraph.build.context import DocContext, Sentence
from govgraph.build.dates import PartialDate, anchor, find_dates, weekday_date
from govgraph.build.keys import slug
from govgraph.build.records import Value
from govgraph.build.rules.base import Rule, implements
from govgraph.build.structure import YEARS, is_term

if TYPE_CHECKING:
    from spacy.tokens import Token

START_VERBS = frozenset({"elect", "appoint", "name", "swear", "install", "inaugurate", "become", "assume", "take",
                         "re-elect", "reelect", "reappoint", "re-appoint", "succeed"})
END_VERBS = frozenset({"resign", "step", "dismiss", "remove", "oust", "depose", "sack", "fire", "leave", "quit",
                       "retire", "topple", "overthrow", "replace", "unseat", "die"})
# The event a verb of taking or leaving office is, by the verb's lemma: its class and the word its key and label use.
CHANGE_KINDS = {**dict.fromkeys(("elect", "re-elect", "reelect"), ("Appointment", "election")),
                **dict.fromkeys(("appoint", "reappoint", "re-appoint", "name", "install"), ("Appointment", "appointment")),
                **dict.fromkeys(("swear", "inaugurate"), ("Appointment", "inauguration")),
                **dict.fromkeys(("take", "assume", "become", "succeed"), ("Appointment", "taking office")),
                **dict.fromkeys(("resign", "step", "leave", "quit", "retire"), ("Resignation", "resignation")),
                **dict.fromkeys(("dismiss", "remove", "oust", "depose", "sack", "fire", "topple", "overthrow", "replace",
                                 "unseat"), ("Dismissal", "dismissal")),
                "die": ("TenureChange", "death")}  # a holder's death ends the tenure
SPAN_VERBS = frozenset({"serve", "be", "hold", "remain", "rule", "govern", "lead"})
# Verbs whose subject puts someone else in office or out of it: the one it happens to is their object.
DONE_TO = frozenset({"elect", "re-elect", "reelect", "appoint", "reappoint", "re-appoint", "name", "install", "swear",
                     "inaugurate", "dismiss", "remove", "oust", "depose", "sack", "fire", "topple", "overthrow",
                     "replace", "unseat"})
ELECTION_VERBS = frozenset({"elect", "re-elect", "reelect"})
NEW_TERM_VERBS = frozenset({"re-elect", "reelect", "reappoint", "re-appoint"})
REPORTING_VERBS = frozenset({"say", "tell", "note", "add", "stress", "announce", "state", "declare", "urge", "warn",
                             "emphasize", "emphasise", "address", "sign", "open", "call", "write", "propose"})
# 'took office', 'stepped down', 'left office', 'assumed power': these verbs date a tenure only with such a word.
_VERB_NEEDS = {"take": {"office", "power", "oath", "helm", "reins"}, "step": {"down", "aside"},
               "leave": {"office", "post", "power"}, "assume": {"office", "power", "post", "presidency"}}
_UNCERTAIN = frozenset({"could", "might", "would", "may", "should", "can", "will", "shall", "'ll", "not", "n't",
                        "never", "expected", "likely", "if"})
_BEGINS = frozenset({"since", "from"})
_ENDS = frozenset({"until", "till", "to", "through"})
_AT = frozenset({"in", "on", "at", "during"})


@dataclass(frozen=True, slots=True)
class Held:
    """A tenure a sentence states: its key, holder, office and whether the sentence calls it past."""

    tenure: str
    person: str
    office: str
    former: bool


@implements("tenures.dates")
def tenure_dates(ctx: DocContext, rule: Rule) -> None:
    """Start, end and days in office of the tenures each sentence states, from the holder's clauses."""
    if ctx.parsed is None:
        return
    for sentence in ctx.sentences:
        if sentence.tokens is None:
            continue
        held = tenures_in(ctx, sentence)
        pronoun_verbs = _pronoun_verbs(sentence) if len({h.person for h in held}) == 1 else []
        for tenure in held:
            person = person_token(ctx, sentence, tenure.person)
            if person is not None:
                date_tenure(ctx, rule, sentence, tenure, person, pronoun_verbs)
        if not held:
            in_office_since(ctx, rule, sentence)


_IN_OFFICE_SINCE = re.compile(r",\s+(?:who\s+has\s+been\s+)?in\s+(?:office|power)\s+since\s+(?P<when>[^,;.]{4,30})")


def in_office_since(ctx: DocContext, rule: Rule, sentence: Sentence) -> None:
    """'Mr X, in office since 2017, ...': the start of the one current tenure the article gives X (a sentence that
    names no office; one that does is read by date_tenure)."""
    for mention in sentence.mentions:
        if not ctx.is_a(mention.entity, "Person"):
            continue
        match = _IN_OFFICE_SINCE.match(sentence.text, mention.end - sentence.start)
        dates = list(find_dates(match.group("when"))) if match else []
        if not dates or not dates[0].date.year:
            continue
        ended = {c.subject for c in ctx.extraction.claims if c.predicate == "gg:tenureStatus"}
        current = {c.obj for c in ctx.extraction.claims if c.subject == mention.entity and c.predicate == "gg:tenure"
                   and isinstance(c.obj, str) and c.obj not in ended}
        if len(current) == 1:
            ctx.claim(sentence, current.pop(), "gg:startDate", Value(dates[0].date.iso, dates[0].date.datatype),
                      rule.name, 0.75)


def tenures_in(ctx: DocContext, sentence: Sentence) -> list[Held]:
    claims = [c for c in ctx.extraction.claims if c.sentence == sentence.index]
    former = {c.subject for c in claims if c.predicate == "gg:tenureStatus" and isinstance(c.obj, Value)
              and c.obj.lexical == "former"}
    posts = {c.subject: c.obj for c in claims if c.predicate == "gg:post" and isinstance(c.obj, str)}
    found = {}
    for claim in claims:
        if claim.predicate == "org:member" and isinstance(claim.obj, str) and claim.subject in posts:
            found[claim.subject] = Held(claim.subject, claim.obj, posts[claim.subject], claim.subject in former)
    return list(found.values())


def person_token(ctx: DocContext, sentence: Sentence, person: str) -> Token | None:
    """The syntactic head of the person's first mention in the sentence."""
    assert ctx.parsed is not None
    for mention in sentence.mentions:
        if mention.entity == person:
            span = ctx.parsed.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is not None and len(span):
                return span.root
    return None


def holder_verbs(person: Token) -> list[tuple[Token, bool]]:
    """The verbs of the person's clauses, each with whether the person is its doer rather than the one who takes or
    leaves office: 'X was elected', 'X resigned', 'President X said', 'Y appointed X' (X for 'appointed', Y as its
    doer), 'X, who has been speaker since 2019'."""
    token = person
    while token.dep_ in {"appos", "compound", "conj"} and token.head is not token:
        token = token.head
    verbs: list[tuple[Token, bool]] = []
    if token.dep_ in {"nsubj", "nsubjpass", "dobj"}:
        head = token.head.head if token.head.dep_ in {"aux", "auxpass"} else token.head  # a subject hung on 'was'
        verbs.append((head, token.dep_ == "nsubj" and not _passive(head)))
    for clause in (c for t in {person, token} for c in t.children if c.dep_ == "relcl" and c.pos_ in {"VERB", "AUX"}):
        verbs.append((clause, not _passive(clause)))
    return [(v, doer) for v, doer in verbs if token.dep_ != "dobj" or _verb_and_lemma(v)[1] in DONE_TO]


def _passive(verb: Token) -> bool:
    return any(c.dep_ in {"auxpass", "nsubjpass"} for c in verb.children)


def _prepositions(verb: Token) -> list[Token]:
    """The verb's prepositions, then those of a clause saying when it happened ('took office as the country
    faced unrest at the start of 2022', 'when ... in 2019'): the first date found there dates the verb too."""
    own = [c for c in verb.children if c.dep_ == "prep"]
    for clause in (c for c in verb.children if c.dep_ == "advcl"):
        if any(m.dep_ == "mark" and m.lower_ in {"as", "when", "while"} for m in clause.children):
            own += [t for t in clause.subtree if t.dep_ == "prep" and t.lower_ in _AT]
    return own


def _verb_and_lemma(verb: Token) -> tuple[Token, str]:
    """The verb and its lemma, joining a prefix the tokenizer split off: 're - elected' -> 're-elect'."""
    doc = verb.doc
    if verb.lower_ == "re" and verb.i + 2 < len(doc) and doc[verb.i + 1].text == "-":
        return doc[verb.i + 2], "re-" + doc[verb.i + 2].lemma_.lower()
    return verb, verb.lemma_.lower()


def _pronoun_verbs(sentence: Sentence) -> list[Token]:
    """Verbs of taking or leaving office whose subject is 'he' or 'she': '..., since he took office in 2022'."""
    assert sentence.tokens is not None
    return [t.head for t in sentence.tokens if t.lower_ in {"he", "she"} and t.dep_ in {"nsubj", "nsubjpass"}
            and t.head.lemma_.lower() in START_VERBS | END_VERBS]


def _years_after(ctx: DocContext, rule: Rule, sentence: Sentence, held: Held, person: Token) -> bool:
    """'the then president Alberto Fujimori (1990-2000)': the years in parentheses after the name of a holder the
    sentence titles are the tenure's first and last (a span short enough for a term; a longer one is a life)."""
    years = YEARS.match(sentence.text, person.idx + len(person) - sentence.start)
    if years is None or not is_term(years):
        return False
    ctx.claim(sentence, held.tenure, "gg:startDate", Value(years.group("a"), "gYear"), rule.name, 0.8)
    ctx.claim(sentence, held.tenure, "gg:endDate", Value(years.group("b"), "gYear"), rule.name, 0.8)
    return True


def date_tenure(ctx: DocContext, rule: Rule, sentence: Sentence, held: Held, person: Token,
                pronoun_verbs: list[Token]) -> None:
    stated = _years_after(ctx, rule, sentence, held, person)
    for preposition in (c for c in person.children if c.dep_ == "prep"):  # 'X (since 11 January 2022)'
        stated |= date_by_preposition(ctx, rule, sentence, held, preposition, "be")
    for preposition in (p for a in person.children if a.dep_ == "appos" for p in a.children
                        if p.dep_ == "prep" and p.lower_ in _BEGINS | _ENDS):  # 'X, president of Y since 2014,'
        stated |= date_by_preposition(ctx, rule, sentence, held, preposition, "be")
    verbs = [(v, doer) for v, doer in (*holder_verbs(person), *((p, False) for p in pronoun_verbs)) if not _uncertain(v)]
    for verb, doer in verbs:
        verb, lemma = _verb_and_lemma(verb)
        if lemma in _VERB_NEEDS and not any(c.lower_ in _VERB_NEEDS[lemma] for c in verb.children):
            lemma = "do"
        if doer and lemma in DONE_TO:
            lemma = "do"  # 'President Y appointed X on Monday': a dated act of Y's, not the start of Y's tenure
        for preposition in _prepositions(verb):
            stated |= date_by_preposition(ctx, rule, sentence, held, preposition, lemma)
        if not stated and _today(verb) and ctx.doc.date and len(ctx.doc.date) == 10:
            stated |= date_by_word(ctx, rule, sentence, held, Value(ctx.doc.date, "date"), "on", lemma)
    now = _speaks_now(verbs[0][0], verbs[0][0].lemma_.lower()) if verbs else _undated(sentence)
    if not stated and not held.former and now and ctx.doc.date and len(ctx.doc.date) == 10:
        ctx.claim(sentence, held.tenure, "gg:heldOn", Value(ctx.doc.date, "date"), rule.name, 0.7)


def date_by_preposition(ctx: DocContext, rule: Rule, sentence: Sentence, held: Held, preposition: Token,
                        lemma: str) -> bool:
    """Date the tenure by one preposition of the holder's verb; whether it did."""
    date = _date_of(ctx, sentence, preposition)
    if date is None:
        return False
    return date_by_word(ctx, rule, sentence, held, Value(date.iso, date.datatype), preposition.lower_, lemma,
                        preposition)


def date_by_word(ctx: DocContext, rule: Rule, sentence: Sentence, held: Held, value: Value, word: str, lemma: str,
                 preposition: Token | None = None) -> bool:
    """Date the tenure with a date the holder's verb takes through `word` ('in', 'since', 'until'...)."""
    if word in _BEGINS and lemma in SPAN_VERBS | START_VERBS:
        ctx.claim(sentence, held.tenure, "gg:startDate", value, rule.name, 0.8)
        around = (preposition, *preposition.children) if preposition is not None else ()
        for follow in (c for t in around for c in t.children if c.dep_ == "prep" and c.lower_ in _ENDS):  # '2014 to 2019'
            ended = _date_of(ctx, sentence, follow)
            if ended is not None:
                ctx.claim(sentence, held.tenure, "gg:endDate", Value(ended.iso, ended.datatype), rule.name, 0.8)
        return True
    if word in _ENDS and lemma in SPAN_VERBS:
        ctx.claim(sentence, held.tenure, "gg:endDate", value, rule.name, 0.8)
        return True
    if word not in _AT:
        return False
    if lemma in NEW_TERM_VERBS:
        tenure_change(ctx, rule, sentence, replace(held, tenure=new_term(ctx, rule, sentence, held, value)), lemma, value)
    elif lemma in START_VERBS:
        ctx.claim(sentence, held.tenure, "gg:startDate", value, rule.name, 0.8)
        tenure_change(ctx, rule, sentence, held, lemma, value)
    elif lemma in END_VERBS:
        ctx.claim(sentence, held.tenure, "gg:endDate", value, rule.name, 0.8)
        tenure_change(ctx, rule, sentence, held, lemma, value)
    elif not held.former or lemma in SPAN_VERBS:
        ctx.claim(sentence, held.tenure, "gg:heldOn", value, rule.name, 0.75)
    else:
        return False
    return True


def tenure_change(ctx: DocContext, rule: Rule, sentence: Sentence, held: Held, lemma: str, date: Value) -> None:
    """The dated appointment, election, resignation or dismissal that begins or ends the tenure: one node per
    person, office, kind and date, whichever sentence or article states it."""
    cls, word = CHANGE_KINDS[lemma]
    person = ctx.extraction.entities[held.person].label
    office = ctx.extraction.entities[held.office].label if held.office in ctx.extraction.entities else held.office
    key = ctx.add_entity(f"event/{slug(held.person.split('/', 1)[1])}/{slug(word)}-{slug(held.office)}-{date.lexical}",
                         cls, f"{word} of {person} as {office} ({date.lexical})")
    ctx.claim(sentence, key, "gg:beginsTenure" if cls == "Appointment" else "gg:endsTenure", held.tenure, rule.name, 0.8)
    ctx.claim(sentence, key, "gg:affects", held.person, rule.name, 0.8)
    ctx.claim(sentence, key, "gg:date", date, rule.name, 0.8)


def new_term(ctx: DocContext, rule: Rule, sentence: Sentence, held: Held, start: Value) -> str:
    """A re-election or reappointment on a date: a tenure of its own that begins then."""
    term = ctx.add_entity(f"{held.tenure}/{start.lexical}", "Tenure",
                          f"{ctx.extraction.entities[held.tenure].label} ({start.lexical})")
    ctx.claim(sentence, term, "org:member", held.person, rule.name, 0.8)
    ctx.claim(sentence, term, "gg:post", held.office, rule.name, 0.8)
    ctx.claim(sentence, held.person, "gg:tenure", term, rule.name, 0.8)
    ctx.claim(sentence, term, "gg:startDate", start, rule.name, 0.8)
    return term


def _date_of(ctx: DocContext, sentence: Sentence, preposition: Token) -> PartialDate | None:
    """The date a preposition's object names: 'in June 2021', 'on Monday', 'at the start of 2022'."""
    objects = [c for c in preposition.children if c.dep_ == "pobj"]
    if not objects:
        return None
    obj = objects[0]
    if obj.lower_ in {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}:
        return weekday_date(obj.lower_, ctx.doc.date, False)
    start, end = obj.left_edge.idx, obj.right_edge.idx + len(obj.right_edge)
    text = ctx.doc.text[start:end]
    dates = list(find_dates(text))
    if not dates or (dates[0].start > 0 and not _period_of(text[: dates[0].start])):
        return None
    return anchor(dates[0].date, ctx.doc.date, False)


def _period_of(words: str) -> bool:
    """'the start of ', 'early ', 'the end of ': words that place a date inside the period a date names."""
    return words.strip().lower() in {"the start of", "the beginning of", "the end of", "early", "late", "mid",
                                     "the middle of", "the autumn of", "the spring of", "the summer of",
                                     "the winter of"}


def _today(verb: Token) -> bool:
    """'appointed him this evening', 'was sworn in today': the day the article is dated."""
    return any(c.dep_ == "npadvmod" and (c.lower_ in {"today", "tonight"} or (
        c.lemma_.lower() in {"morning", "afternoon", "evening"} and any(d.lower_ == "this" for d in c.children)))
        for c in verb.children)


def _uncertain(verb: Token) -> bool:
    """A clause that does not state what happened: future, conditional, negated or an infinitive."""
    return verb.tag_ == "VB" or any(c.lower_ in _UNCERTAIN or c.dep_ == "neg" or (c.dep_ == "aux" and c.lower_ == "to")
                                    for c in verb.children)


def _undated(sentence: Sentence) -> bool:
    """A sentence that places nothing in another time: no date, no past perfect ('had been'), no future."""
    assert sentence.tokens is not None
    return not any(find_dates(sentence.text)) and not any(
        t.lower_ in {"had", "will", "would", "'d", "'ll"} and t.dep_ in {"aux", "auxpass"} for t in sentence.tokens)


def _speaks_now(verb: Token, lemma: str) -> bool:
    """A clause about the article's own day: present tense, present perfect, or a past reporting verb."""
    if verb.tag_ in {"VBZ", "VBP"}:
        return True
    if verb.tag_ == "VBN" and any(c.dep_ == "aux" and c.lower_ in {"has", "have"} for c in verb.children):
        return lemma not in ELECTION_VERBS  # 'has been elected President': a president-elect, not yet in office
    return verb.tag_ == "VBD" and lemma in REPORTING_VERBS
