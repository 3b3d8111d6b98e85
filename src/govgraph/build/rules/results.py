"""Results of elections, referendums and parliamentary votes, read from the dependency parse.

A number is read as a quantity (its value, whether it is a percentage, its unit noun such as "votes" or
"seats", and a bound written before it such as "more than"); what it is a result of comes from the words
that govern it: the subject of "won"/"received" (a party or candidate), a verb of approval or rejection
("backed", "voted against"), "turnout", or "threshold". Results attach to the vote the sentence names,
else to the one the article is about (the event node `build.events` creates), as gg:ElectionResult nodes
for a party, a candidate or a choice (yes, no, abstain). Bounds become the claim's gg:qualifier.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from govgraph.build.context import DocContext, Sentence
from govgraph.build.dates import PartialDate, find_dates
from govgraph.build.event_kinds import round_parent
from govgraph.build.events import Events, event_node, is_earlier, result_node
from govgraph.build.keys import slug
from govgraph.build.lexicon import lexicon
from govgraph.build.numbers import words_to_number
from govgraph.build.parse import CLOSING_QUOTES, OPENING_QUOTES, agents, clause_tense
from govgraph.build.records import Value
from govgraph.build.rules.base import Rule, implements
from govgraph.build.rules.parties import EITHER, candidate_in_race, name_tokens
from govgraph.build.rules.registry import matcher, regex, word_list
from govgraph.ontology.terms import is_subclass

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

VOTES = ("Election", "Referendum", "ParliamentaryVote")
PARTY_HEADS = frozenset({"party", "coalition", "alliance", "bloc", "union", "front", "movement", "congress", "league"})
ORGANIZATION_NOUNS = PARTY_HEADS | {"group", "formation", "list", "ticket"}
TALLIES = frozenset({"tally", "haul"})
PERCENT = frozenset({"%", "percent", "pct", "cent"})
SCALES = {"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
# How sources bound a number, by the normalized qualifier of gg:qualifier.
QUALIFIERS = {
    "more than": "more than", "over": "more than", "above": "more than", "in excess of": "more than",
    "upwards of": "more than", "exceeding": "more than", "at least": "at least", "a minimum of": "at least",
    "no fewer than": "at least", "no less than": "at least", "less than": "less than", "fewer than": "less than",
    "under": "less than", "below": "less than", "at most": "at most", "up to": "at most", "no more than": "at most",
    "a maximum of": "at most", "nearly": "nearly", "almost": "nearly", "close to": "nearly", "just under": "nearly",
    "just shy of": "nearly", "about": "about", "around": "about", "approximately": "about", "roughly": "about",
    "some": "about", "an estimated": "about", "circa": "about", "approx.": "about",
}
_BOUND = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(k).replace(r"\ ", r"\s+")
                                                for k in sorted(QUALIFIERS, key=len, reverse=True)) + r")\s+$", re.I)
WIN_VERBS = frozenset({"win", "receive", "obtain", "get", "take", "secure", "garner", "poll", "gain", "capture",
                       "collect", "score", "grab", "claim", "earn", "attract", "amass", "pick"})
YES_VERBS = frozenset({"back", "approve", "support", "endorse", "accept", "favor", "favour", "ratify"})
NO_VERBS = frozenset({"reject", "oppose"})
UNREAL_AUXILIARIES = frozenset({"to", "will", "would", "could", "might", "may", "should", "must", "can", "shall"})
SUPPORT = frozenset({"support", "back", "endorse", "choose", "elect", "favor", "favour"})
PASS_VERBS = frozenset({"pass", "approve", "adopt", "carry", "back", "endorse", "ratify", "clear", "elect"})
FAIL_VERBS = frozenset({"reject", "defeat", "fail", "vote down"})
VOTERS = frozenset({"voter", "elector", "electorate", "citizen", "people", "resident", "participant", "vote", "ballot"})
LEGISLATORS = frozenset({"lawmaker", "legislator", "deputy", "senator", "mp", "parliamentarian", "congressman",
                         "congresswoman", "representative", "delegate", "councillor", "councilor"})
LEGISLATURES = frozenset({"parliament", "senate", "house", "chamber", "assembly", "congress", "legislature"})
PLACES = frozenset({"box", "station", "precinct", "district", "constituency", "polling", "unit", "center", "centre"})
POLLS = frozenset({"survey", "respondent", "pollster"})
VOTE_KINDS = frozenset({"presidential", "parliamentary", "general", "legislative", "municipal", "local", "mayoral",
                        "regional", "snap", "runoff", "run-off"})
TO_THE_POLLS = frozenset({"go", "head", "flock", "return", "skip", "boycott", "miss", "shun"})


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number as a sentence states it."""

    start: int  # token indices in the parsed document: [start, end)
    end: int
    value: str  # lexical form: '52.3', '2810757'
    percent: bool
    qualifier: str  # normalized bound ('more than', 'nearly') or ''
    anchor: Token  # the token that carries the number in the parse: '%'/'percent', the unit noun, or the number
    unit: str  # 'percent', or the lemma of the unit noun ('vote', 'seat'), or the number itself

    def literal(self) -> Value:
        return Value(self.value, "decimal" if self.percent else "integer")


def _number(texts: list[str], percent: bool) -> str | None:
    """'2.8' 'million' -> '2800000'; '40,82' (a percentage) -> '40.82'; '2,810,757' -> '2810757'."""
    scale = 1
    digits = []
    for text in texts:
        if text.lower() in SCALES:
            scale *= SCALES[text.lower()]
        else:
            digits.append(text)
    if len(digits) != 1:
        return None
    raw = digits[0]
    if percent and re.fullmatch(r"\d+,\d{1,2}", raw):  # a decimal comma: '40,82%'
        raw = raw.replace(",", ".")
    elif re.fullmatch(r"\d{1,3}(?:,\d{3})+", raw):
        raw = raw.replace(",", "")
    if not re.fullmatch(r"\d+(?:\.\d+)?", raw):
        return None
    number = float(raw) * scale
    if percent and number > 100:
        return None
    if scale > 1:
        return str(round(number))
    return raw.lstrip("0") or "0" if "." not in raw else raw


def words_value(group: list[Token]) -> str | None:
    value = words_to_number(" ".join(t.text for t in group))
    return None if value is None else str(value)


def quantities(sentence: Sentence) -> list[Quantity]:
    """The numbers of a sentence other than dates, times, ordinals and money, with their units and bounds."""
    span = sentence.tokens
    if span is None:
        return []
    out: list[Quantity] = []
    tokens = list(span)
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if not (token.like_num or token.pos_ == "NUM") or token.ent_type_ in ("DATE", "TIME", "ORDINAL"):
            i += 1
            continue
        j = i + 1
        while j < len(tokens) and tokens[j].lower_ in SCALES:
            j += 1
        group = tokens[i:j]
        after = tokens[j] if j < len(tokens) else None
        per_cent = after is not None and after.lower_ == "per" and j + 1 < len(tokens) and tokens[j + 1].lower_ == "cent"
        percent = after is not None and (after.text == "%" or after.lower_ in ("percent", "pct") or per_cent)
        counted = after is not None and after.pos_ == "NOUN" and after.lemma_.lower() in {"seat", "vote", "ballot", *MEMBERS}
        if token.ent_type_ == "MONEY" and not (percent or counted):  # the tagger reads '61.42 per cent' as money
            i = j
            continue
        words = group[0].text.isalpha()
        value = words_value(group) if words else _number([t.text for t in group], percent)
        i = j
        previous = [t.lower_ for t in span.doc[max(span.start, group[0].i - 2) : group[0].i]]
        ranged = percent and len(previous) == 2 and previous[1] in ("-", "to") and span.doc[group[0].i - 2].like_num
        window = [t.lower_ for t in span.doc[max(span.start, group[0].i - 5) : group[0].i]]
        ranged = ranged or (percent and bool(window) and (window[-1] == "between" or (  # 'between 58.3% and 60.7%'
            window[-1] == "and" and "between" in window)))
        if value is None or ranged or previous == ["out", "of"]:  # 'Ten out of 11'
            continue
        anchor = (tokens[j + 1] if per_cent else after) if percent and after is not None else group[-1]
        if not percent:
            last = group[-1]
            if last.dep_ == "conj" and last.head.like_num and last.head.dep_ == "nummod":  # '31,987 and 61,969 votes'
                last = last.head
            if last.dep_ in ("nummod", "compound") and last.head.pos_ in ("NOUN", "PROPN"):
                anchor = last.head
            elif counted and after is not None and after.head == last.head:
                anchor = after  # '24,99% and 132 MPs' parsed as two conjuncts of the share: the noun is the unit
        unit = "percent" if percent else anchor.lemma_.lower()
        if anchor.dep_ == "pobj" and anchor.head.lower_ == "of" and anchor.head.head.lemma_.lower() in TALLIES:
            unit = "vote"  # 'Lungu's tally of 1,814,201'
        elif anchor.like_num:  # '31,987 and 61,969 votes': the first number shares the noun of the second
            unit = next((c.lemma_.lower() for c in anchor.children if c.dep_ == "conj" and c.pos_ == "NOUN"), unit)
            unit = next((p.lemma_.lower() for c in anchor.children if c.dep_ == "prep" and c.lower_ == "of"
                         for p in c.children if p.dep_ == "pobj" and p.lemma_.lower() in ("seat", "vote")), unit)
        if words and len(group) == 1 and not percent and unit not in ("seat", "vote"):
            continue  # 'one of the parties', but 'eleven seats', 'eight million Malians'
        before = sentence.text[: group[0].idx - sentence.start]
        qualifier = _BOUND.search(before)
        out.append(Quantity(group[0].i, span.start + j + (2 if per_cent else 1 if percent else 0), value, percent,
                            QUALIFIERS.get(" ".join(qualifier.group(0).lower().split()), "") if qualifier else "",
                            anchor, unit))
    return out


# ------------------------------------------------------------------ the parse


def clause_verb(token: Token) -> Token | None:
    """The verb (or auxiliary) heading the clause a token stands in."""
    seen = 0
    while token.pos_ not in ("VERB", "AUX") and token.head != token and seen < 8:
        token = token.head
        seen += 1
    return token if token.pos_ in ("VERB", "AUX") else None


def subject_of(verb: Token) -> Token | None:
    """The subject of a verb; a conjoined verb without one shares its head verb's ('won 40% and took 12 seats')."""
    for _ in range(3):
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subjects:  # the nearest: a mis-tokenized possessive ("Zelensky‘s 'Servant of People' party") is not it
            subject = max(subjects, key=lambda c: (c.i < verb.i, c.i if c.i < verb.i else -c.i))
            if subject.tag_ in ("WP", "WDT") and verb.dep_ == "relcl" and verb.head.pos_ in ("NOUN", "PROPN"):
                return antecedent(subject, verb.head)
            return subject
        if verb.dep_ == "pcomp" and verb.tag_ == "VBG" and verb.head.lower_ in ("after", "by") and (
                verb.head.head.pos_ in ("VERB", "AUX")):  # 'X wins the election after capturing 2.8 million votes'
            verb = verb.head.head
            continue
        if not (verb.dep_ in ("conj", "xcomp") or (verb.dep_ == "advcl" and verb.tag_ == "VBG")) or verb.head == verb:
            return None
        between = verb.doc[verb.head.i + 1 : verb.i]
        link = max((t.i for t in between if t.dep_ == "cc" or t.lower_ in ("and", "while")), default=None)
        if verb.dep_ == "conj" and link is not None and any(  # '..., and the I Have Honor alliance took 5.22 percent'
                t.pos_ in ("NOUN", "PROPN") for t in verb.doc[link + 1 : verb.i]):
            return None
        verb = verb.head
    return None


def antecedent(pronoun: Token, head: Token) -> Token:
    """What a relative pronoun stands for: the noun its clause hangs on, but for 'who' the person whose apposition
    holds that noun ('Hernández, leader of the League of Governors, who obtains 28.17%' is Hernández's share)."""
    if pronoun.lower_ != "who":
        return head
    climb = head
    for _ in range(8):
        if climb.ent_type_ == "PERSON":
            return climb
        if climb.dep_ not in ("pobj", "prep", "appos", "compound") or climb.head == climb:
            break
        climb = climb.head
    return head


def choice_of(verb: Token) -> str | None:
    """'yes' or 'no' from a verb of voting: 'voted in favour', 'backed', 'voted against', 'said no'."""
    lemma = verb.lemma_.lower()
    if lemma in YES_VERBS:
        return "yes"
    if lemma in NO_VERBS:
        return "no"
    if lemma not in ("vote", "say", "cast"):
        return None
    for child in verb.subtree:
        if child.i <= verb.i or child.i - verb.i > 4:
            continue
        low = child.lower_
        if low == "for":  # 'voted for the changes', but 'voted for the Labour Party' is a party's share
            target = next((p for p in child.children if p.dep_ == "pobj"), None)
            if target is None or target.pos_ == "PROPN" or target.ent_type_ in ("PERSON", "ORG", "NORP"):
                return None
            return "yes"
        if low in ("favor", "favour", "yes", "support", "approval"):
            return "yes"
        if low in ("against", "no", "rejection"):
            return "no"
    return None


def named_choice(q: Quantity, verb: Token) -> str | None:
    """'105 yes votes'; 'the "yes" campaign won with 51.41 percent', 'the "no" vote stood at 48.59 percent', 'the number
    of "yes" voters was 25,157,463';
    'passed with 485 votes' (yes), 'was rejected with 200 votes' (no), 'was approved with 61.9% of the vote' (yes)."""
    doc = q.anchor.doc
    marked = {t.lower_ for t in doc[q.start : q.anchor.i + 1]} & {"yes", "no"}
    if q.unit == "vote" and len(marked) == 1:
        return marked.pop()
    holder = q.anchor
    direct = holder.dep_ in ("dobj", "attr") and holder.head == verb and verb.lemma_.lower() in (
        WIN_VERBS | {"total", "be", "reach", "number", "stand", "amount"})  # 'the "no" votes totaled 88,214'
    if direct or (holder.dep_ == "pobj" and holder.head.lower_ in ("with", "at") and holder.head.head == verb):
        subject = subject_of(verb) or next((c for c in verb.children if c.dep_ == "intj"), None)
        words = {t.lower_ for t in subject.subtree} & {"yes", "no"} if subject is not None else set()
        if subject is not None and subject.lower_ in ("yes", "no"):  # '"No" won 61.3% of the vote'
            return subject.lower_
        if len(words) == 1 and subject is not None and (subject.lemma_.lower() in ("campaign", "vote", "side", "camp") or (
                subject.lemma_.lower() in ("number", "total") and any(t.lemma_.lower() in VOTERS for t in subject.subtree))):
            return words.pop()  # 'the "yes" campaign won with 51 percent', 'the number of "no" voters was 23,779,141'
        share = q.percent and verb.lemma_.lower() != "elect" and all(  # 'was approved with 61.9% of the vote'
            g.lemma_.lower() in ("vote", "ballot") for c in holder.children if c.dep_ == "prep" and c.lower_ == "of"
            for g in c.children if g.dep_ == "pobj")
        if (q.unit == "vote" or share) and holder.head.lower_ == "with" and reported(verb):
            lemma = verb.lemma_.lower()
            return "yes" if lemma in PASS_VERBS else "no" if lemma in FAIL_VERBS else None
    if q.percent and reported(verb):  # 'passed with 67% support', 'was rejected with 58% opposition'
        nouns = [holder.head] if holder.head.pos_ == "NOUN" else []
        nouns += [c for c in holder.children if c.dep_ in ("compound", "amod", "npadvmod")]
        for noun in nouns:
            if noun.lemma_.lower() in ("support", "approval", "backing"):
                return "yes"
            if noun.lemma_.lower() in ("opposition", "rejection"):
                return "no"
    return None


def names_a_side(ctx: DocContext, sentence: Sentence, verb: Token) -> bool:
    """'backed Sisi', 'supported the Labour Party': a verb whose object is a candidate or party."""
    objects = [c for c in verb.children if c.dep_ in ("dobj", "pobj")]
    objects += [p for c in verb.children if c.dep_ == "prep" and c.lower_ == "for" for p in c.children if p.dep_ == "pobj"]
    if not objects:
        return False
    head = min(objects, key=lambda c: c.i)  # the object's own phrase, not what is said of it further on
    phrase = head.doc[head.left_edge.i : head.i + 1]
    first, last = phrase.start_char, phrase.end_char
    return any(t.ent_type_ == "PERSON" or t.lemma_.lower() in ("party", "candidate", "bloc", "alliance")
               for t in phrase) or any(first <= m.start < last and ctx.is_a(m.entity, "PoliticalParty", "Person")
                                       for m in sentence.mentions)


def is_progress(q: Quantity, rule: Rule) -> bool:
    """'90 percent of ballot boxes counted', 'with 155 of 156 constituencies reporting', 'with 100 percent of the votes
    from all polling places across 15 counties counted' (the parser hangs the participle on the last noun): the
    progress of a count (its verbs are the rule's pattern `counting`); not '50.49 percent of the total votes tallied',
    a share of the whole count."""
    counting = word_list(rule, "counting")
    anchor = q.anchor
    if anchor.head.lemma_.lower() in counting:
        return True
    for prep in (c for c in anchor.children if c.dep_ == "prep" and c.lower_ == "of"):
        for noun in (p for p in prep.children if p.dep_ == "pobj"):
            whole = any(c.lower_ in ("total", "valid") for c in noun.children)
            if noun.lemma_.lower() in PLACES or (not whole and any(
                    t.lemma_.lower() in counting and (t.head == noun or _in_phrases(t, anchor)) for t in anchor.subtree)):
                return True
    return False


def _in_phrases(participle: Token, anchor: Token) -> bool:
    """Whether a participle modifies a noun of the anchor's prepositional phrases ('100 percent of the votes from all
    polling places across the counties counted'), not a clause of its own."""
    if participle.dep_ != "acl":
        return False
    head = participle.head
    while head != anchor:
        if head.dep_ not in ("pobj", "prep"):
            return False
        head = head.head
    return True


def in_poll(ctx: DocContext, sentence: Sentence) -> bool:
    """A sentence about an opinion poll or survey (or right after one, in its paragraph): its shares are not results."""
    around = [sentence]
    if sentence.index > 0 and ctx.same_paragraph(sentence.index - 1, sentence.index):
        around.append(ctx.sentences[sentence.index - 1])
    return any(s.tokens is not None and any(survey(t) for t in s.tokens) for s in around)


def survey(token: Token) -> bool:
    """'a survey', 'respondents', 'an opinion poll', 'exit polls', 'a poll found'; not 'went to the polls' or
    'skipped the poll' (voting) nor 'the party polled 30 percent'."""
    lemma = token.lemma_.lower()
    if lemma in POLLS:
        return True
    if lemma != "poll" or token.pos_ != "NOUN":
        return False
    verb = token.head.head if token.head.pos_ == "ADP" else token.head
    if verb.lemma_.lower() in TO_THE_POLLS:  # 'skipping the poll', 'went to the poll': the vote itself
        return False
    if verb.lemma_.lower() in ("winner", "result", "outcome", "loser") or any(
            c.lower_ in VOTE_KINDS for c in token.children):  # 'the winner of the presidential poll': the vote
        return False
    return token.tag_ == "NN" or any(c.lower_ in ("opinion", "exit", "recent", "latest", "new") for c in token.children)


def reported(verb: Token) -> bool:
    """A vote is reported as done ('approved', 'have backed', 'voted'), an opinion in the present ('support')."""
    return verb.tag_ in ("VBD", "VBN") or any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children)


def unrealised(verb: Token) -> bool:
    """A win not (yet) had: negated, infinitive ('failed to win', 'expected to take') or modal ('would win')."""
    return any(c.dep_ == "neg" or (c.dep_ == "aux" and c.lower_ in UNREAL_AUXILIARIES) for c in verb.children)


def of_voters(q: Quantity) -> bool:
    """'37.1 percent of (eligible) voters': a share of the electorate."""
    return any(c.dep_ == "prep" and c.lower_ == "of" and any(p.lemma_.lower() in VOTERS for p in c.children)
               for c in q.anchor.children)


def legislative(ctx: DocContext, sentence: Sentence) -> bool:
    """A vote of lawmakers rather than of the electorate."""
    span = sentence.tokens
    if span is None or any(t.lemma_.lower() in ("referendum", "plebiscite", "voter", "electorate") for t in span):
        return False
    if any(ctx.is_a(m.entity, "Parliament", "Chamber") for m in sentence.mentions):
        return True
    return any(t.lemma_.lower() in LEGISLATORS | LEGISLATURES | {"bill", "motion"} for t in span)


# ------------------------------------------------------------------ events


def article_votes(ctx: DocContext, classes: tuple[str, ...]) -> list[str]:
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    for sentence in ctx.sentences:
        for mention in sentence.mentions:
            if ctx.is_a(mention.entity, *classes) and round_parent(mention.entity) is None and not is_earlier(
                    mention.entity) and mention.entity not in ctx.sibling_votes:
                # a round is a part of its vote; an earlier vote is not the article's, nor one of votes told apart
                counts[mention.entity] += 1
                first.setdefault(mention.entity, mention.start)
    return sorted(counts, key=lambda k: (-counts[k], first[k]))


def vote_event(ctx: DocContext, sentence: Sentence, classes: tuple[str, ...], before: int | None = None) -> str | None:
    """The vote a sentence's result belongs to: one it names (the last before `before`, else the first after it in
    the figure's own clause), else the one the article names most; a round is a part of its vote, never the vote. A
    vote named after the figure in another clause is another figure's ('received 41.8%, down from the 57.5% it
    secured in the 2019 election'), and an earlier vote named after it is what it is compared with ('turnout was 41%,
    lower than the previous referendum')."""
    named = [m for m in sorted(sentence.mentions, key=lambda m: m.start)
             if ctx.is_a(m.entity, *classes) and round_parent(m.entity) is None]
    earlier = [m for m in named if before is None or m.start < before]
    if earlier:
        return earlier[-1].entity
    later = [m for m in named if before is None or (_same_clause(ctx, m.start, before) and not is_earlier(m.entity))]
    if later:
        return later[0].entity
    sibling = told_sibling(ctx, sentence)
    if sibling is not None and ctx.is_a(sibling, *classes):
        return sibling
    article = article_votes(ctx, classes)
    return article[0] if article else None


def told_sibling(ctx: DocContext, sentence: Sentence) -> str | None:
    """Of the votes of one kind an article tells apart ('the family referendum ... the care referendum'), the one a
    figure that names none is of: the one its sentence names, else the one the nearest sentence before names ('In the
    family referendum, 67.69% voted no. The results showed 487,564 votes in favour ...'); None when the nearest
    names several. A vote named as still to come ('A second plebiscite is scheduled on February 6') has no figures yet."""
    if not ctx.sibling_votes:
        return None
    for index in range(sentence.index, -1, -1):
        told = ctx.sentences[index]
        named = {m.entity for m in told.mentions if m.entity in ctx.sibling_votes and not _to_come(ctx, told, m.start)}
        if named:
            return named.pop() if len(named) == 1 else None
    return None


def _to_come(ctx: DocContext, sentence: Sentence, start: int) -> bool:
    """Whether the vote named at document offset `start` is told of as still to come."""
    token = next((t for t in sentence.tokens or () if t.idx >= start), None)
    return token is not None and clause_tense(token) == "future"


def sentence_date(ctx: DocContext, sentence: Sentence) -> PartialDate | None:
    """The one date a sentence gives ('During a February 7 session, ...'), its year from the article's date."""
    dates = list(find_dates(sentence.text))
    if len(dates) != 1:
        return None
    date = Events(ctx).with_year(dates[0].date, sentence.text[dates[0].end : dates[0].end + 12], sentence,
                                 dates[0].start)
    return date if date.year else None


def dated(ctx: DocContext, sentence: Sentence, event: str) -> str:
    """A vote this rule created gets the date its sentence gives."""
    date = sentence_date(ctx, sentence)
    if date is not None:
        ctx.claim(sentence, event, "gg:date", Value(date.iso, date.datatype), "results", 0.75)
    return event


def parliamentary_vote(ctx: DocContext, sentence: Sentence, before: int | None = None) -> str:
    """The vote of a parliament on what the sentence names (a bill, an amendment, a reform; the one nearest before
    the tally when it names several), keyed like events."""
    body = next((m.entity for m in sentence.mentions if ctx.is_a(m.entity, "Chamber", "Parliament")), None)
    things = [m for m in sorted(sentence.mentions, key=lambda m: m.start)
              if ctx.is_a(m.entity, "Law", "LegalDocument", "Document", "Reform", "Change", "Constitution")]
    earlier = [m for m in things if before is None or m.start < before]
    thing = (earlier[-1] if earlier else things[0]).entity if things else None
    body_label = ctx.extraction.entities[body].label if body in ctx.extraction.entities else "parliamentary"
    if ctx.country_key:  # 'Senate of Fiji', 'Fiji Senate': the country leads the event's label once
        country_label = ctx.gazetteer.entries[ctx.country_key].label
        body_label = body_label.removesuffix(f" of {country_label}").removeprefix(f"{country_label} ")
    if body is None and thing is None:  # nothing tells two votes of one article apart: this sentence's vote
        country = ctx.gazetteer.entries[ctx.country_key].label + " " if ctx.country_key else ""
        words = sentence.text.split()
        snippet = " ".join(words[:8]) + ("…" if len(words) > 8 else "")
        return dated(ctx, sentence, ctx.add_entity(f"event/{slug(ctx.doc.doc_id)}/vote-{sentence.index}",
                                                   "ParliamentaryVote", f"{country}parliamentary vote ({snippet})"))
    kind = f"{body_label} vote" + (f" on {ctx.extraction.entities[thing].label}" if thing in ctx.extraction.entities else "")
    event = event_node(ctx, "ParliamentaryVote", kind, sentence_date(ctx, sentence))
    if thing is not None:
        ctx.claim(sentence, event, "gg:votedOn", thing, "results", 0.75)
    if body is not None:
        ctx.claim(sentence, event, "gg:heldIn", body, "results", 0.75)
    return dated(ctx, sentence, event)


def the_vote(ctx: DocContext, sentence: Sentence, before: int | None, kind: str, create: bool = True) -> str | None:
    """The event of a result: `kind` 'election' (parties, candidates, seats), 'choice' (yes/no), 'any'; a new one
    when the article names none and `create` (a referendum for choices, else an election of the article's type)."""
    if kind == "legislative" or (kind == "choice" and legislative(ctx, sentence)):
        return parliamentary_vote(ctx, sentence, before)
    classes = {"election": ("Election",), "choice": ("Referendum", "ParliamentaryVote"), "any": VOTES}[kind]
    stated = stated_round(ctx, sentence, before) if before is not None and kind != "choice" else None
    if stated is not None:
        return stated
    event = vote_event(ctx, sentence, classes, before)
    year = sentence_year(ctx, sentence, before)
    named = any(ctx.is_a(m.entity, *classes) and round_parent(m.entity) is None for m in sentence.mentions)
    held = _year_of(event) if event is not None else None
    if event is not None and not named and year is not None and (held or ctx.doc.year) not in (None, year):
        if not create:  # 'In 2020 the party had won 45 percent': not the article's 2024 election
            return None
        return vote_in_year(ctx, event, year)
    if event is not None or not create:
        return event
    if kind == "choice" or (kind == "any" and any(t.lemma_.lower() in ("referendum", "plebiscite")
                                                  for t in sentence.tokens or ())):
        return dated(ctx, sentence, event_node(ctx, "Referendum", Events(ctx).referendum_type,
                                               sentence_date(ctx, sentence)))
    typed = Events(ctx).election_type or "election"
    other = year is not None and ctx.doc.year not in (None, year)  # 'compared to 2020, when the party won 57%'
    return event_node(ctx, "Election", typed, PartialDate(year) if other else None)


def vote_in_year(ctx: DocContext, event: str, year: int) -> str:
    """The vote of the same kind and country as `event` held in another year ('the 2019 election')."""
    cls = ctx.entity_class(event) or "Election"
    kind_label = ctx.extraction.entities[event].label.removeprefix(
        (ctx.gazetteer.entries[ctx.country_key].label + " ") if ctx.country_key else "").split(" (")[0]
    return event_node(ctx, cls, kind_label, PartialDate(year))


ROUND_PREPOSITIONS = frozenset({"in", "at", "during", "for", "of"})


def _round_at(ctx: DocContext, sentence: Sentence, token: Token) -> str | None:
    """The round of a vote (rules/rounds.py) a mention covering the token names."""
    return next((m.entity for m in sentence.mentions if m.start <= token.idx < m.end
                 and round_parent(m.entity) is not None), None)


def stated_round(ctx: DocContext, sentence: Sentence, offset: int) -> str | None:
    """The round a result or threshold at character `offset` is stated in, by the parse: 'X won 40% in the first
    round', 'in the runoff, X won 52%', 'X won the runoff with 52%', 'a candidate needs 50% to win in the first
    round', 'the winner of the second round needs a majority'; from the number up to its clause's verb (across a
    participle without a subject of its own: 'was elected in a runoff, obtaining 221 votes'), never into another
    clause ('despite winning 40%, X lost the runoff')."""
    token = next((t for t in sentence.tokens or () if t.idx == offset), None)
    while token is not None:
        found = _round_at(ctx, sentence, token)
        if found is not None:
            return found
        if token.pos_ in ("VERB", "AUX"):
            # 'elected president in a runoff': the parser hangs the place on the verb's complement; 'needs 50 percent
            # to win in the first round': on the purpose, wherever the parser hangs it in the clause
            clauses = [token, *(c for c in token.children if c.dep_ in ("xcomp", "oprd", "attr"))]
            clauses += [d for d in token.subtree if d.dep_ in ("advcl", "acl") and d.pos_ == "VERB" and any(
                c.dep_ == "aux" and c.lower_ == "to" for c in d.children) and clause_verb(d.head) == token]
            places = [g for v in clauses for p in v.children if p.dep_ == "prep" and p.lower_ in ROUND_PREPOSITIONS
                      for g in p.children if g.dep_ == "pobj"]
            nouns = [c for c in token.children if c.dep_ in ("dobj", "nsubj", "nsubjpass")]
            nouns += [g for n in nouns for p in n.children if p.dep_ == "prep" and p.lower_ == "of"
                      for g in p.children if g.dep_ == "pobj"]
            found = next((r for r in (_round_at(ctx, sentence, t) for t in [*places, *nouns]) if r), None)
            if found is not None or not (token.dep_ == "advcl" and token.tag_ == "VBG" and not any(
                    c.dep_ in ("nsubj", "nsubjpass") for c in token.children)):
                return found
        if token.head.i == token.i:
            return None
        token = token.head
    return None


def sentence_year(ctx: DocContext, sentence: Sentence, at: int | None = None) -> int | None:
    """The one year a sentence sets its statement in ('In 2020, the party had won ...', 'compared to 2020, when the
    party won ...'); not 'since 2014'. An 'in YEAR' that dates a noun other than a vote ('since the fall of the
    regime in 1989') sets nothing, nor one in another clause than the figure at `at` (a document offset): in
    'the party received 41.8%, down from the 57.5% it secured in 2019' the year is the 57.5%'s."""
    years = set()
    for found in find_dates(sentence.text):
        year = found.date.year
        if not year:
            continue
        when = re.match(r",?\s+when\b", sentence.text[found.end :])
        during = re.search(r"\b(?:in|during)\s+(?:the\s+)?$", sentence.text[: found.start], re.I)
        if when or (during and _dates_the_clause(ctx, sentence.start + found.start, at)):
            years.add(year)
    return years.pop() if len(years) == 1 else None


_VOTE_NOUNS = frozenset({"election", "vote", "poll", "ballot", "referendum", "plebiscite", "race", "contest", "runoff"})


def _same_clause(ctx: DocContext, start: int, at: int) -> bool:
    """Whether the words at document offsets `start` and `at` belong to one clause (without a parse: yes)."""
    if ctx.parsed is None:
        return True
    one = ctx.parsed.char_span(start, start + 1, alignment_mode="expand")
    other = ctx.parsed.char_span(at, at + 1, alignment_mode="expand")
    if one is None or other is None or not len(one) or not len(other):
        return True
    return clause_verb(one[0]) == clause_verb(other[0])


def _dates_the_clause(ctx: DocContext, start: int, at: int | None) -> bool:
    """Whether the 'in YEAR' whose year begins at document offset `start` dates a clause or a vote (not 'the fall
    of the regime in 1989'), and, with the figure's offset `at`, the figure's own clause."""
    if ctx.parsed is None:
        return True
    span = ctx.parsed.char_span(start, start + 1, alignment_mode="expand")
    if span is None or not len(span):
        return True
    preposition = span[0].head
    if preposition.lower_ not in {"in", "during"}:
        return True  # a parse that does not hang the year on its preposition: nothing to tell
    head = preposition.head
    if head.pos_ in {"NOUN", "PROPN"} and head.lemma_.lower() not in _VOTE_NOUNS:
        return False
    return at is None or _same_clause(ctx, preposition.idx, at)


def _year_of(event: str) -> int | None:
    match = re.search(r"-(\d{4})(?:-\d{2})?$", event)
    return int(match.group(1)) if match else None


def attach(ctx: DocContext, sentence: Sentence, event: str) -> None:
    """The event took place in the article's country."""
    if ctx.country_key and ctx.is_a(ctx.country_key, "Country"):
        ctx.claim(sentence, event, "gg:heldIn", ctx.country_key, "results", 0.7)


# ------------------------------------------------------------------ sides


def _span_of(token: Token) -> tuple[int, int]:
    """Document character span of a noun phrase head with its compounds and modifiers before it."""
    left = token.left_edge
    return left.idx, token.idx + len(token.text)


def side_of(ctx: DocContext, sentence: Sentence, token: Token, create: bool, named_group: bool = False) -> str | None:
    """The party or candidate a noun phrase names: a mention, or (with `create`) a new one from its entity type;
    `named_group` when the phrase names an organization ('the group, Chile Seguro')."""
    if token.lemma_.lower() in PARTY_HEADS and token.text.islower() and all(c.dep_ == "det" for c in token.children):
        return None  # 'the party' alone: which party the article named last is no evidence of whose result this is
    if token.pos_ == "PRON":  # 'declared X the winner after she polled 638,560 votes': the one person named before
        return person_before(ctx, sentence, token) if token.lower_ in PERSONAL_PRONOUNS else None
    start, end = _span_of(token)
    heads = [m for m in sentence.mentions if m.start < end and m.end > start and m.start <= token.idx < m.end]
    if not heads and token.lemma_.lower() in PARTY_HEADS:  # "Zelensky's party": the party named before its noun
        heads = [m for m in sentence.mentions if start <= m.start and m.end <= end and ctx.is_a(m.entity, "PoliticalParty")]
    if not heads and token.lemma_.lower() in PARTY_HEADS | {"opposition"}:  # 'the party “X” won': the quoted name
        heads = [m for m in sentence.mentions if ctx.is_a(m.entity, "PoliticalParty") and re.fullmatch(
            r"\s*[“\"«„‘']", sentence.text[end - sentence.start : m.start - sentence.start])]
    described = [t for t in token.doc[token.left_edge.i : token.i] if t.pos_ == "NOUN" and t.text.islower()]
    # 'the group Chile Seguro' names an organization, 'the Liberty Party candidate X' a person
    organization = named_group or bool(described and described[-1].lemma_.lower() in ORGANIZATION_NOUNS)
    if heads:  # the mention must name the phrase's head: "Zelensky's party" is not Zelensky
        return next((m.entity for m in sorted(heads, key=lambda m: m.start - m.end)
                     if ctx.is_a(m.entity, "PoliticalParty") or (ctx.is_a(m.entity, "Person") and not organization)),
                    None)  # 'the group Chile Seguro' is no person, whatever the tagger says
    appositions = [c for c in token.children if c.dep_ == "appos" and c.left_edge.i - token.i <= 3]
    grouping = token.lemma_.lower() in ORGANIZATION_NOUNS  # 'followed by the alliance “Third Way” with 14.4 percent'
    for appos in appositions if token.dep_ in ("nsubj", "nsubjpass") or grouping else ():  # 'the coalition, X, won'
        named = side_of(ctx, sentence, appos, create, token.lemma_.lower() in ORGANIZATION_NOUNS)
        if named is not None:
            return named
    named = known_party(ctx, sentence, token)
    if named is not None or not create:
        return named
    span = sentence.tokens
    if span is None:
        return None
    ent = next((e for e in span.ents if e.start <= token.i < e.end), None)
    quoted = _quoted_name(token) if (ent is None or ent.label_ == "WORK_OF_ART") and token.pos_ == "PROPN" else None
    if quoted is not None:  # a quoted name the tagger missed: an organization's, not a person's
        ent, organization = quoted, True
    elif ent is None or ent.label_ not in ("PERSON", "ORG", "NORP"):
        return None
    rel_end = ent.end_char - sentence.start
    name = re.sub(r"^(?:the|The)\s+", "", ent.text)
    owner = re.match(r"\S+(?:’s?|'s?)\s+(?=\S)", name)  # "Santos' Socialist Party": the party, not its owner's
    if owner and ent.label_ == "ORG" and name.split()[-1].lower() in PARTY_HEADS:
        name = name[owner.end() :]
    # the tagger's 'Civic Coalition', 'the conservative group Chile Seguro': an organization, not a person
    label = "ORG" if organization or name.split()[-1].lower() in PARTY_HEADS else ent.label_
    full = name_tokens(token)
    if label == "ORG" and len(full) > len(ent) and candidate_in_race(sentence, ent, full, EITHER):
        label, name = "PERSON", sentence.text[full[0].idx - sentence.start : rel_end]  # 'Ana Lopez won ...'
    if label == "PERSON":
        if len(name.split()) < 2:
            return ctx.surnames.get(name) or family_name_first(ctx, name)
        key = ctx.surnames.get(name.split()[-1]) or ctx.new_entity("person", "Person", name)
        ctx.surnames.setdefault(name.split()[-1], key)
    elif label == "ORG":
        if any(w.lower() in ("commission", "court", "council", "ministry", "government", "committee") for w in name.split()):
            return None
        key = ctx.new_entity(f"party/{ctx.scope()}", "PoliticalParty", name)
    else:
        return None
    ctx.add_mention(sentence, rel_end - len(name), rel_end, key)
    return key


PERSONAL_PRONOUNS = frozenset({"he", "she"})


def person_before(ctx: DocContext, sentence: Sentence, token: Token) -> str | None:
    """The one person the sentence names before a pronoun ('X ... after she polled'); None when it names none or
    several."""
    people = {m.entity for m in sentence.mentions if m.end <= token.idx and ctx.is_a(m.entity, "Person")}
    return people.pop() if len(people) == 1 else None


def family_name_first(ctx: DocContext, name: str) -> str | None:
    """'Lai' for 'Lai Ching-te': the one person of the article whose name opens with it and ends in a hyphenated
    given name, the order of Chinese and Korean names."""
    found = {k for k, e in ctx.extraction.entities.items() if ctx.is_a(k, "Person") and len(e.label.split()) == 2
             and e.label.split()[0] == name and re.fullmatch(r"[A-Z][a-z]+-[a-z]+", e.label.split()[1])}
    return found.pop() if len(found) == 1 else None


def known_party(ctx: DocContext, sentence: Sentence | None, token: Token) -> str | None:
    """A party an earlier sentence of the article named, by the same name ('... voted for Golos' after 'Golos –
    5.8%'), whatever the tagger makes of the name here; with a sentence, the name becomes a mention in it."""
    left = token
    while left.i > 0 and token.doc[left.i - 1].pos_ == "PROPN" and token.doc[left.i - 1].head.i >= left.i:
        left = token.doc[left.i - 1]
    if not left.text[:1].isupper() or (token.pos_ != "PROPN" and not _acronym(token)):
        return None  # an acronym the tagger reads as a common noun ('the PiS (“Law and Justice”) received') is a name
    name = token.doc[left.i : token.i + 1].text
    key = next((k for k, e in ctx.extraction.entities.items()
                if (e.label == name or name in e.aliases) and ctx.is_a(k, "PoliticalParty")), None)
    if key is not None and sentence is not None:
        ctx.add_mention(sentence, left.idx - sentence.start, token.idx + len(token.text) - sentence.start, key)
    return key


def _acronym(token: Token) -> bool:
    return sum(c.isupper() for c in token.text) >= 2 and token.text.isalpha()


def _quoted_name(token: Token) -> Span | None:
    """The name a token ends when it stands between quotation marks ('the “Confederation” achieved 7.16 percent')."""
    doc = token.doc
    start = token.i
    while start > 0 and doc[start - 1].pos_ == "PROPN":
        start -= 1
    if start > 0 and token.i + 1 < len(doc) and doc[start - 1].text in OPENING_QUOTES and (
            doc[token.i + 1].text in CLOSING_QUOTES):
        return doc[start : token.i + 1]
    return None


def record(ctx: DocContext, sentence: Sentence, event: str, side: str, predicate: str, q: Quantity,
           confidence: float = 0.85) -> None:
    """A result's value, with the result node linked to its event and its party, candidate or choice."""
    if side in ("yes", "no", "abstain"):
        result = result_node(ctx, event, side, side)
        ctx.claim(sentence, result, "gg:choice", Value(side, "string"), "results", confidence)
    else:
        result = result_node(ctx, event, side)
        ctx.claim(sentence, result, "gg:candidate" if ctx.is_a(side, "Person") else "gg:party", side, "results",
                  confidence)
        if ctx.is_a(side, "PoliticalParty") and ctx.country_key and ctx.is_a(ctx.country_key, "Country"):
            ctx.claim(sentence, side, "gg:country", ctx.country_key, "results", 0.7)  # a party of the vote's country
    ctx.claim(sentence, event, "gg:result", result, "results", confidence)
    ctx.claim(sentence, result, predicate, q.literal(), "results", confidence, qualifier=q.qualifier)
    attach(ctx, sentence, event)


def _char(ctx: DocContext, q: Quantity) -> int:
    return q.anchor.doc[q.start].idx


# ------------------------------------------------------------------ rules


def with_verb(preposition: Token) -> Token:
    """The verb a 'with' phrase tells of: 'came second with', 'became the first party with'."""
    head = preposition.head
    return head.head if head.dep_ in ("attr", "dobj") and head.pos_ == "NOUN" else head


def holder_of(q: Quantity) -> Token:
    """The phrase a quantity belongs to: '2,810,757 votes, or 50.3 percent' and '31,987 and 61,969 votes' are one
    object of their verb; 'X 13%, Y 8%' (a list of parties) is not."""
    holder = q.anchor
    if holder.dep_ == "pobj" and holder.head.lower_ == "of" and holder.head.head.lemma_.lower() == "share":
        holder = holder.head.head  # 'reached a share of 13%'
    if holder.dep_ in ("attr", "pobj", "dobj"):  # '7,176,141 votes which is 50.49 percent', '... which translates to'
        verb = clause_verb(holder)
        if verb is not None and verb.dep_ == "advcl" and verb.lemma_.lower() in ("represent", "amount", "equal") and (
                verb.head.lemma_.lower() in WIN_VERBS):  # 'polled 4,657,304, representing 41.61 per cent': the won object
            won = next((c for c in verb.head.children if c.dep_ == "dobj"), None)
            if won is not None and (won.like_num or won.lemma_.lower() in ("vote", "ballot")):
                return won
        if verb is not None and verb.dep_ in ("relcl", "acl") and (verb.head.lemma_.lower() in ("vote", "ballot")
                                                                    or verb.head.like_num) and (
                verb.lemma_.lower() in ("be", "translate", "represent", "amount", "equal", "correspond")):
            holder = verb.head
    while holder.dep_ in ("conj", "appos") and (holder.head.lemma_.lower() in ("vote", "ballot") or holder.head.like_num
                                                 or (holder.lemma_.lower() in {"vote", "seat", *MEMBERS}
                                                     and holder.head.lower_ in PERCENT)):
        holder = holder.head  # and '40% of the vote and about 1.2 million votes', '30.7 percent and 157 seats'
        if holder.lemma_.lower() == "vote" and holder.dep_ == "pobj" and holder.head.head.lower_ in PERCENT:
            holder = holder.head.head  # '30.7 percent of the vote and 157 seats': the seats go with the share
    return holder


def conjuncts(token: Token) -> list[Token]:
    out = []
    for child in token.children:
        if child.dep_ == "conj":
            out += [child, *conjuncts(child)]
    return out


def local(ctx: DocContext, holder: Token) -> bool:
    """A result in one place ('won 86 percent abroad', 'where the party won', 'won 60 percent in Bursa', 'the city's
    certificate of canvass reflected 36,682 yes votes'), not the whole vote's."""
    verb = clause_verb(holder)
    if verb is None:
        return False
    if verb.dep_ in ("relcl", "advcl") and any(c.lower_ == "where" for c in verb.children):
        return True
    country = ctx.gazetteer.entries[ctx.country_key] if ctx.country_key else None
    names = {n.lower() for n in ((country.label, *country.aliases) if country else ())}
    places: list[Token] = []
    for child in [*verb.children, *holder.children]:
        if child.lower_ in ("abroad", "overseas"):
            return True
        if child.dep_ in ("nsubj", "nsubjpass"):  # "the city's tally", "the number of 'no' voters in the city"
            places += [t for t in child.subtree if t.dep_ == "poss"]
            places += [p for c in child.subtree if c.dep_ == "prep" and c.lower_ in ("in", "for")
                       for p in c.children if p.dep_ == "pobj"]
        if child.dep_ == "prep" and child.lower_ in ("in", "for"):
            places += [p for p in child.children if p.dep_ == "pobj"]
    for place in places:
        if place.lemma_.lower() in ("city", "province", "region", "county", "district", "state", "municipality"):
            return True
        ent = next((e for e in place.sent.ents if e.start <= place.i < e.end), None)
        if ent is not None and ent.label_ in ("GPE", "LOC", "FAC") and ent.text.lower().removeprefix("the ") not in names and (
                known_party(ctx, None, place) is None):  # 'voted for Golos', a party the tagger takes for a place
            return True
    return False


def total_votes(q: Quantity) -> bool:
    """'more than 23 million people voted', '4.1 million ballots were cast', 'turnout was 48 percent or 1.4 million
    people': how many voted in all (not for whom or for what)."""
    if q.percent or q.unit not in ("people", "voter", "citizen", "elector", "ballot", "vote"):
        return False
    anchor = q.anchor
    if anchor.dep_ in ("conj", "appos") and anchor.head.lemma_.lower() in ("percent", "%"):
        return any(t.lemma_.lower() in ("turnout", "participation") for t in anchor.sent)
    verb = anchor.head
    if anchor.lemma_.lower() in ("vote", "ballot") and any(c.lower_ == "total" for c in anchor.children) and not any(
            c.dep_ in ("poss", "prep") for c in anchor.children) and anchor.dep_ in ("attr", "nsubj", "nsubjpass"):
        return True  # 'there were 11,430,531 total votes cast'
    if anchor.dep_ not in ("nsubj", "nsubjpass") or verb.lemma_.lower() not in ("vote", "cast", "participate", "turn"):
        return False
    return choice_of(verb) is None and not any(
        c.dep_ in ("prep", "dobj") and c.lower_ in ("for", "against", "yes", "no") for c in verb.children)


def registered_count(ctx: DocContext, q: Quantity) -> bool:
    """'around 3 million registered voters', 'the registered voter population of 18,774,159', '9.2 million eligible
    voters': the whole electorate (not a place's: 'the nine constituencies have 947,116 registered voters')."""
    anchor = q.anchor
    if q.percent or float(q.value) < 1000:
        return False
    last = anchor.doc[q.end - 1]
    if anchor.lemma_.lower() in ("voter", "elector") and any(c.lower_ in ("registered", "eligible")
                                                             for c in anchor.children):
        if last.head != anchor or any(t.head != anchor or t.dep_ not in ("amod", "compound")
                                      for t in anchor.doc[q.end : anchor.i]):
            return False  # '8 million (people) and 3 million registered voters': only the number next to the noun
        noun = anchor
    elif _called_to_vote(anchor if not (anchor.dep_ == "pobj" and anchor.head.head.lemma_.lower() == "total")
                         else anchor.head.head):  # 'eight million Malians were invited to vote'
        noun = anchor
    elif anchor.dep_ == "pobj" and anchor.head.lower_ == "of" and anchor.head.head.lemma_.lower() in (
            "population", "roll", "register", "electorate"):
        noun = anchor.head.head  # 'the registered voter population of N'
        if noun.lemma_.lower() != "electorate" and not any(t.lower_ in ("registered", "eligible")
                                                            for t in noun.subtree if t.i < noun.i):
            return False
    else:
        return False
    if local(ctx, noun) or any(c.dep_ == "prep" and c.lower_ in ("in", "from", "abroad") for c in noun.children):
        return False
    verb = clause_verb(noun)
    subject = subject_of(verb) if verb is not None and noun.dep_ in ("dobj", "attr") else None
    if subject is not None and (subject.lemma_.lower() in PLACES | {"region", "province", "state", "city", "county"}
                                or subject.ent_type_ in ("GPE", "LOC")):
        return False  # 'the constituencies have 947,116 registered voters'
    return not (anchor.dep_ == "pobj" and anchor.head.lower_ == "of" and anchor.head.head.lower_ in PERCENT)


def _called_to_vote(noun: Token) -> bool:
    """'one million people were registered to vote', 'eight million Malians were invited to vote', '35.8 million
    Argentines were called to elect the new president': the subject of a passive verb that enrols voters."""
    verb = noun.head
    if noun.dep_ != "nsubjpass" or verb.lemma_.lower() not in ("register", "invite", "call", "summon"):
        return False
    voting = any(c.dep_ in ("xcomp", "advcl") and c.lemma_.lower() in ("vote", "elect", "cast") for c in verb.children)
    return voting or verb.lemma_.lower() == "register"


def counted_turnout(q: Quantity) -> bool:
    """'the turnout was more than 2.8 million', 'a turnout of 1.4 million voters': how many voted, told as turnout (a
    count in the thousands at least; not 'turnout rose by 5')."""
    anchor = q.anchor
    if q.percent or float(q.value) < 1000 or (q.unit not in ("people", "voter", "vote", "ballot", "citizen") and not (
            anchor.like_num)):
        return False
    if anchor.dep_ == "attr" and anchor.head.lemma_.lower() == "be":
        return any(c.dep_ == "nsubj" and c.lemma_.lower() in ("turnout", "participation") for c in anchor.head.children)
    return anchor.dep_ == "pobj" and anchor.head.lower_ == "of" and anchor.head.head.lemma_.lower() in (
        "turnout", "participation")


@implements("results.turnout")
def turnout(ctx: DocContext, rule: Rule) -> None:
    """'turnout was 44.33 percent', 'a turnout of 62%', '37.1 percent of eligible voters cast ballots', and the
    number who voted ('more than 23 million people voted')."""
    for sentence in ctx.sentences:
        if sentence.tokens is None or in_poll(ctx, sentence):
            continue
        cues = [t for t in sentence.tokens if t.lemma_.lower() in ("turnout", "participation")]
        for q in quantities(sentence):
            # how many voted ('more than 23 million people voted', 'the national turnout was more than 2.8 million')
            # or could ('around 3 million registered voters'): a count of the whole vote
            whole = ("gg:voteCount" if total_votes(q) else "gg:registeredVoters" if registered_count(ctx, q)
                     else "gg:voteCount" if counted_turnout(q) else None)
            if whole is not None:
                event = the_vote(ctx, sentence, _char(ctx, q), "any")
                if event is not None and whole == "gg:registeredVoters" and round_parent(event) is None and regex(
                        rule, "later_round").search(sentence.text):
                    continue  # 'called to elect the president in a runoff, after the general elections of ...'
                if event is not None:
                    ctx.claim(sentence, event, whole, q.literal(), "results", 0.8, qualifier=q.qualifier)
                    attach(ctx, sentence, event)
                continue
            if not q.percent or is_progress(q, rule) or q.anchor.dep_ == "conj":  # 'was 44 percent and 88 percent ... approved'
                continue
            if q.anchor.head.lemma_.lower() in ("threshold", "quorum", "minimum"):  # 'above the 30 percent threshold'
                continue
            verb = clause_verb(q.anchor)
            near_cue = any(q.anchor in c.subtree or c in q.anchor.subtree or (
                verb is not None and clause_verb(c) == verb and verb.lemma_.lower() not in WIN_VERBS | YES_VERBS | NO_VERBS)
                for c in cues)
            represents = (verb is not None and verb.lemma_.lower() in ("represent", "amount", "equal") and of_voters(q)
                          and any(clause_verb(c) == verb.head for c in cues))  # 'turnout was N, representing 83% of voters'
            near_cue = near_cue or represents
            voted = (verb is not None and q.anchor.dep_ == "nsubj" and of_voters(q) and choice_of(verb)
                     is None and verb.lemma_.lower() in ("vote", "cast", "turn", "go", "participate", "take", "show")
                     and not any(c.dep_ == "prep" and c.lower_ in ("for", "against") for c in verb.children))
            if (near_cue or voted) and q.anchor.head.lower_ not in ("by", "from"):  # 'rose by 5 percent': a change
                event = the_vote(ctx, sentence, _char(ctx, q), "any")
                if event is None:
                    continue
                ctx.claim(sentence, event, "gg:turnout", q.literal(), "results", 0.85 if q.qualifier else 0.8,
                          qualifier=q.qualifier)  # a bound outranks the same number read as exact elsewhere
                attach(ctx, sentence, event)


_OTHER_QUESTION = re.compile(r"\b(?:second|third|another|separate|additional|other)\s+(?:ballot\s+)?question\b", re.I)


def other_question(ctx: DocContext, sentence: Sentence) -> bool:
    """The sentence, or the one before it in its paragraph, tells of another question on the ballot ('A second
    question asked voters whether ...'): a yes or no there answers that question."""
    if _OTHER_QUESTION.search(sentence.text):
        return True
    if sentence.index == 0:
        return False
    before = ctx.sentences[sentence.index - 1]
    return ctx.same_paragraph(before.index, sentence.index) and bool(_OTHER_QUESTION.search(before.text))


@implements("results.choices")
def choices(ctx: DocContext, rule: Rule) -> None:
    """Shares and votes for and against: '90.21% voted in favor', '79.3 percent backed', 'approved by 88.83% of
    voters', '485 votes in favour', 'passed with 179 votes to 1', '16 against', '7 abstentions'."""
    for sentence in ctx.sentences:
        if sentence.tokens is None or in_poll(ctx, sentence):
            continue
        found: dict[int, str] = {}
        qs = quantities(sentence)
        by_start = {q.start: q for q in qs}
        for q in qs:
            counted = q.anchor.like_num or q.anchor.lemma_.lower() in LEGISLATORS | VOTERS or (  # '334 (lawmakers) voted'
                backed_proposal(q))
            if is_progress(q, rule) or not (q.percent or counted):
                continue
            verb = clause_verb(q.anchor)
            if verb is None or names_a_side(ctx, sentence, verb):
                continue
            side = None
            anchor = q.anchor
            if anchor.dep_ == "pobj" and anchor.head.lower_ == "of" and anchor.head.head.lemma_ in ("total", "number"):
                anchor = anchor.head.head  # 'a total of 1,540,017 voted yes'
            if anchor.dep_ == "nsubj" or (anchor.dep_ == "nsubjpass" and verb.lemma_ == "cast") or (
                    q.percent and anchor.dep_ == "pobj" and anchor.head.lower_ == "by" and anchor.head.head == verb):
                side = choice_of(verb) if reported(verb) else None  # 'approved by 88.83% of voters'
            if side is None:
                side = named_choice(q, verb)
            doc = anchor.doc
            after = doc[anchor.right_edge.i + 1] if anchor.right_edge.i + 1 < len(doc) else None
            if (side is None and anchor.dep_ in ("conj", "appos", "dep", "npadvmod", "ROOT") and after is not None
                    and after.pos_ == "VERB" and reported(after) and not any(c.dep_ == "conj" for c in anchor.children)
                    and not any(c.dep_ in ("nsubj", "nsubjpass") for c in after.children)):
                side = choice_of(after)  # the parse missed the subject: '88.83 percent ... approved'
            if side is None and backed_proposal(q):
                side = "yes"  # 'the bill got the support of 482 members'
            if side is not None:
                found[q.start] = side
        for _, start, end in matcher(rule, "counted", sentence.tokens.doc.vocab)(sentence.tokens):
            span = sentence.tokens[start:end]
            words = {t.lower_ for t in span}
            side = ("yes" if words & {"favor", "favour", "for"} else "no" if "against" in words else "abstain")
            number = by_start.get(span[0].i)
            if number is not None and not number.percent:
                found.setdefault(number.start, side)
        for _, start, end in matcher(rule, "to", sentence.tokens.doc.vocab)(sentence.tokens):
            span = sentence.tokens[start:end]
            first, second = by_start.get(span[0].i), by_start.get(span[-1].i)
            verb = clause_verb(span[0])
            before = span.doc[span.start - 1] if span.start > 0 else None
            after = span.doc[span.end] if span.end < len(span.doc) else None
            led = (before is not None and (before.lower_ in ("with", "by") or before.lemma_.lower() in PASS_VERBS
                                           | FAIL_VERBS | {"vote"})) or (
                after is not None and after.lemma_.lower() == "vote")  # 'approved the amendments in a 206-12 vote'
            if first is None or second is None or verb is None or first.percent or second.percent or not (
                    led or any(t.lemma_ == "vote" for t in span)):
                continue
            lemma = verb.lemma_.lower()
            if lemma == "vote":  # 'voted 204-85 to impeach X': for the motion, unless 'against' it
                lemma = "reject" if any(c.lower_ == "against" for c in verb.children) else "pass"
            if lemma in PASS_VERBS:
                found.setdefault(first.start, "yes")
                found.setdefault(second.start, "no")
            elif lemma in FAIL_VERBS:
                found.setdefault(first.start, "no")
                found.setdefault(second.start, "yes")
        recorded: set[tuple[str, str, bool]] = set()
        if found and other_question(ctx, sentence):
            continue  # a second question on the ballot: its yes is not the main question's
        for start, side in sorted(found.items()):
            q = by_start[start]
            if local(ctx, q.anchor):
                continue
            popular = q.percent or any(t.lemma_.lower() in ("referendum", "plebiscite") for t in sentence.tokens) or (
                q.anchor.lemma_.lower() in VOTERS - {"vote", "ballot"}) or of_voters(q) or (
                float(q.value) >= 10_000)  # more than any legislature has members; else lawmakers' votes
            event = the_vote(ctx, sentence, _char(ctx, q), "choice" if popular else "legislative")
            if event is None or (event, side, q.percent) in recorded:  # a second tally the sentence cannot tell apart
                continue
            recorded.add((event, side, q.percent))
            record(ctx, sentence, event, side, "gg:voteShare" if q.percent else "gg:voteCount", q)


@implements("results.parties")
def parties(ctx: DocContext, rule: Rule) -> None:
    """Shares, votes and seats of parties and candidates: 'X won 254 seats', '22 seats won by X', 'X received
    2,810,757 votes, or 50.3 percent', 'X got 40,82% of the vote', '35 percent for X'."""
    for sentence in ctx.sentences:
        if sentence.tokens is None or in_poll(ctx, sentence):
            continue
        recorded: set[tuple[str, str, str]] = set()
        listed: dict[int, str] = {}  # the anchor of a listed share -> its party ('AKP: 40.8% and 258 MPs')
        counted: list[Quantity] = []  # the counts of seats and votes of the sentence so far
        prior: Quantity | None = None
        for q in quantities(sentence):
            if is_progress(q, rule):
                continue
            earlier = earlier_figure(ctx, sentence, q)
            if earlier is not None:  # 'won 159 seats, down from 230 in the previous election'
                record(ctx, sentence, *earlier, q)
                continue
            unit = "vote" if placed_count(q) or polled_count(q) else q.unit
            if unit in ("seat", "vote") and not q.percent:
                counted.append(q)
            bare = not q.percent and unit not in COUNTED_UNITS and q.anchor.doc[q.start].like_num and bool(counted)
            gap = gapped(ctx, sentence, q, prior) if prior is not None and (q.percent or bare) else None
            prior = q
            if gap is not None:  # 'X won 40 seats, Y 28 and Z 8': Y's 28 seats; 'X won 40 seats and Y 12 percent'
                event = the_vote(ctx, sentence, _char(ctx, q), "election")
                seats = not q.percent and counted[-1].unit == "seat"
                predicate = "gg:voteShare" if q.percent else "gg:seatCount" if seats else "gg:voteCount"
                event = fitting_vote(ctx, sentence, event, gap, seats) if event is not None else None
                if event is not None and (event, gap, predicate) not in recorded:
                    recorded.add((event, gap, predicate))
                    record(ctx, sentence, event, gap, predicate, q)
                continue
            backers = supporters(q)
            member_seats = unit in MEMBERS and q.anchor.dep_ == "conj" and q.anchor.head.i in listed
            if member_seats or (unit in MEMBERS and elected_members(q)):
                unit = "seat"
            if unit not in ("vote", "seat", "ballot") and counted_people(q):
                unit = "people"  # '35.49 million Mexicans'
            if not (q.percent or unit in ("vote", "seat", "ballot", "people", "voter") or backers is not None):
                continue
            if q.percent and any(c.dep_ == "prep" and c.lower_ == "of" and any(p.lemma_.lower() in ("seat", "voter",
                                 "electorate", "respondent") for p in c.children) for c in q.anchor.children):
                continue
            holder = holder_of(q)
            side: str | None = None
            if local(ctx, holder):
                continue
            if holder.dep_ == "pobj" and holder.head.lower_ == "of" and holder.head.head.lemma_.lower() in TALLIES:
                owner = next((c for c in holder.head.head.children if c.dep_ == "poss"), None)
                side = side_of(ctx, sentence, owner, create=True) if owner is not None else None
            supported = holder.head if holder.dep_ == "nsubj" and holder.head.lemma_.lower() in SUPPORT else None
            if supported is not None and reported(supported) and q.unit in ("percent", "people", "voter", "vote"):
                for child in supported.children:  # 'more than 6.3 million people supported X', '52% backed Y'
                    if child.dep_ == "dobj" and side is None:
                        side = side_of(ctx, sentence, child, create=True)
            elif holder.dep_ in ("dobj", "attr", "npadvmod") and unrealised(holder.head):
                continue  # 'failed to win 5 percent', 'is expected to take 30 seats', 'did not get 10 percent'
            elif holder.dep_ in ("dobj", "attr", "npadvmod") and (holder.head.lemma_.lower() in WIN_VERBS or (
                    holder.lemma_ == "share" and holder.head.lemma_.lower() in ("reach", "achieve", "record")) or (
                    q.percent and holder.head.lemma_.lower() == "achieve") or (
                    holder.head.lemma_.lower() in TOTALING and share_of_votes(q))):
                subject = subject_of(holder.head)
                lost = subject is None
                subject = subject or name_before_verb(holder.head)
                subjects = [subject, *conjuncts(subject)] if subject is not None else []
                if len(subjects) > 1:  # 'X and Y garnered 31,987 and 61,969 votes respectively'
                    same = [o for o in quantities(sentence) if holder_of(o) == holder]
                    subject = (subjects[same.index(q)] if "respectively" in sentence.text and len(same) == len(subjects)
                               else None)
                if subject is not None:  # a lost subject is a name some rule knows, or a person by the tagger
                    side = side_of(ctx, sentence, subject, create=not lost or subject.ent_type_ == "PERSON")
                if side is None and subject is not None and not lost and subject.lemma_.lower() in ROLES:
                    named = name_before_verb(holder.head, subject)  # 'the candidate for the X party, Pedro Salas, adds'
                    side = side_of(ctx, sentence, named, create=named.ent_type_ == "PERSON") if named else None
            elif holder.dep_ == "pobj" and holder.head.lower_ == "with" and with_verb(holder.head).lemma_ == "follow":
                side = listed_side(ctx, sentence, q)  # '..., followed by Y with 27.2 percent and Z with 5.7 percent'
                if side is not None:
                    listed[q.anchor.i] = side
                follower = next(iter(agents(with_verb(holder.head))), None)  # 'X was followed by Y with 14.4 percent'
                if side is None and follower is not None:
                    side = side_of(ctx, sentence, follower, create=True)
            elif holder.dep_ == "pobj" and holder.head.lower_ == "with" and with_verb(holder.head).lemma_.lower() in (
                    WIN_VERBS | {"come", "finish", "place", "lead", "end", "become", "emerge"}):
                side = listed_side(ctx, sentence, q)  # 'X won 48%, compared to Y (Z Party) with 45%': Y's share
                if side is not None:
                    listed[q.anchor.i] = side
                subject = subject_of(with_verb(holder.head)) if side is None else None
                if subject is not None:
                    side = side_of(ctx, sentence, subject, create=True)
            if side is None:  # '22 seats won by X', '37 seats were won by X', 'votes were cast for X', '35 percent for X'
                around = [*holder.children, *(c for v in holder.children if v.dep_ == "acl"  # not who announced it
                                              and v.lemma_.lower() not in REPORTING for c in v.children)]
                voters = holder.dep_ == "nsubj" and holder.head.lemma_.lower() == "vote" and unit in ("people", "voter")
                if (holder.dep_ in ("nsubj", "nsubjpass") and holder.head.lemma_.lower() in WIN_VERBS | {"cast"}) or voters:
                    around += list(holder.head.children)
                for child in around:
                    if child.dep_ in ("prep", "agent") and child.lower_ in ("for", "by") and side is None:
                        target = next((p for p in child.children if p.dep_ == "pobj"), None)
                        if target is not None:
                            side = side_of(ctx, sentence, target, create=True)
            if side is None and backers is not None:  # 'X got the support of 482 members'
                subject = subject_of(backers.head)
                side = side_of(ctx, sentence, subject, create=True) if subject is not None else None
            if side is None and holder.dep_ == "pobj" and holder.head.dep_ == "agent" and (
                    holder.head.head.lemma_.lower() in SUPPORT) and reported(holder.head.head):
                subject = next((c for c in holder.head.head.children if c.dep_ == "nsubjpass"), None)
                side = side_of(ctx, sentence, subject, create=True) if subject is not None else None  # 'X was backed by'
            if side is None and member_seats:
                side = listed[q.anchor.head.i]
            if side is None:
                side = listed_side(ctx, sentence, q)
                if side is not None:
                    listed[q.anchor.i] = side
            if side is None:
                continue
            if unit == "seat" and not ctx.is_a(side, "PoliticalParty"):
                continue
            event = the_vote(ctx, sentence, _char(ctx, q), "election")
            if event is not None:
                event = fitting_vote(ctx, sentence, event, side, unit == "seat")
            predicate = "gg:seatCount" if unit == "seat" else "gg:voteShare" if q.percent else "gg:voteCount"
            if event is None or (event, side, predicate) in recorded:  # one value per party and sentence
                continue
            recorded.add((event, side, predicate))
            record(ctx, sentence, event, side, predicate, q)
            count = listed_count(sentence, q) if q.anchor.i in listed else None
            if count is not None and (event, side, "gg:voteCount") not in recorded:  # 'Y with 4.6 million or 33.49%'
                recorded.add((event, side, "gg:voteCount"))
                record(ctx, sentence, event, side, "gg:voteCount", count)


_CHAMBER_VOTE = re.compile(r"\b(?:legislative|parliamentary|general|congressional|national assembly|senate|"
                           r"chamber|house)\b", re.I)


def earlier_figure(ctx: DocContext, sentence: Sentence, q: Quantity) -> tuple[str, str, str] | None:
    """The earlier vote, party and predicate of a figure a result is compared with: 'the ANC won 159 seats, down
    from 230 in the previous election', 'received 40.2 percent, up from 35 percent in 2019'. The earlier vote is
    the one its 'in' phrase names (a vote the article recalls, or a year's); without one the figure states nothing."""
    holder = q.anchor
    mover = holder.head.head if holder.dep_ == "pobj" and holder.head.lower_ == "from" else None
    if mover is None or mover.lower_ not in ("down", "up") or mover.head.pos_ not in ("VERB", "AUX"):
        return None
    verb = mover.head
    subject = subject_of(verb)
    side = side_of(ctx, sentence, subject, create=False) if subject is not None else None
    figures = [c for c in verb.children if c.dep_ == "dobj"]
    if side is None or not figures:
        return None
    unit = figures[0].lemma_.lower()
    predicate = "gg:voteShare" if q.percent else {"seat": "gg:seatCount", "vote": "gg:voteCount"}.get(
        q.unit if q.unit in ("seat", "vote") else unit)
    if predicate is None or (q.percent != (unit in ("percent", "%"))):
        return None
    places = [g for c in (*holder.children, *holder.head.children) if c.dep_ == "prep" and c.lower_ == "in"
              for g in c.children if g.dep_ == "pobj"]  # the parser hangs 'in 2019' on the figure or on 'from'
    for place in places:
        named = next((m.entity for m in sentence.mentions if m.start <= place.idx < m.end
                      and ctx.is_a(m.entity, "Election")), None)
        if named is not None and is_earlier(named):
            return named, side, predicate
        year = int(place.text) if re.fullmatch(r"(?:19|20)\d\d", place.text) else None
        event = the_vote(ctx, sentence, None, "election") if year is not None else None
        if event is not None and year is not None and _year_of(event) != year:
            return vote_in_year(ctx, event, year), side, predicate
    return None


def gapped(ctx: DocContext, sentence: Sentence, q: Quantity, before: Quantity) -> str | None:
    """The party or candidate of a share, or of a bare count whose unit an earlier count gives, in a list where the
    verb is not repeated ('X won 40 seats, Y 28 and Z 8', 'X won 40 seats and Y 12 percent', 'followed by Y with
    28'): the party or person the text names right before it, itself right after a comma, 'and' or 'by', after the
    quantity `before`."""
    doc = q.anchor.doc
    i = q.start - 1
    if i > before.end and doc[i].lower_ == "with":
        i -= 1
    if i <= before.end or (q.end < len(doc) and doc[q.end].pos_ == "NOUN" and doc[q.end] != q.anchor):
        return None
    end = doc[i].idx + len(doc[i].text)
    named = next((m for m in sentence.mentions if m.end == end and ctx.is_a(m.entity, "PoliticalParty", "Person")), None)
    if named is None:
        return None
    first = next((t for t in doc[before.end : i + 1] if t.idx >= named.start), None)
    lead = first.i - 1 if first is not None else -1
    while lead > before.end and doc[lead].lower_ == "the":
        lead -= 1
    return named.entity if lead >= before.end and doc[lead].lower_ in {",", "and", "by", ";"} else None


def fitting_vote(ctx: DocContext, sentence: Sentence, event: str, side: str, seats: bool) -> str:
    """The vote of the article's that fits a result the sentence gives without naming a vote: a candidate's votes go
    to its presidential election, a party's seats to its legislative, parliamentary or general election, when it
    names one beside the other ('Bawumia polled 4,657,304' after 'the general election' and 'the presidential
    election'; 'X won 43 seats' after 'the presidential election' and 'the parliamentary elections')."""
    if sentence_year(ctx, sentence) is not None or any(ctx.is_a(m.entity, "Election") for m in sentence.mentions):
        return event
    kind = _vote_kind(ctx, event)
    wanted = "chamber" if seats and kind == "presidential" else (
        "presidential" if not seats and kind != "presidential" and ctx.is_a(side, "Person") else None)
    if wanted is None:
        return event
    return next((k for k in article_votes(ctx, ("Election",)) if _year_of(k) in (None, _year_of(event))
                 and _vote_kind(ctx, k) == wanted), event)


def _vote_kind(ctx: DocContext, event: str) -> str:
    label = ctx.extraction.entities[event].label
    return "presidential" if "presidential" in label.lower() else "chamber" if _CHAMBER_VOTE.search(label) else ""


def listed_count(sentence: Sentence, share: Quantity) -> Quantity | None:
    """The count a listed share is given as another form of ('Hou with 4.6 million or 33.49%'): thousands at least."""
    if share.anchor.dep_ != "conj":
        return None
    return next((o for o in quantities(sentence) if not o.percent and o.anchor == share.anchor.head
                 and float(o.value) >= 1000), None)


TOTALING = frozenset({"add", "sum", "total", "accumulate", "tally"})


def share_of_votes(q: Quantity) -> bool:
    """'40.34% of the votes': a share of the votes (what 'adds', 'totals' a candidate's result; not 'added 12 seats',
    a gain)."""
    return q.percent and any(c.dep_ == "prep" and c.lower_ == "of" and any(
        p.lemma_.lower() in ("vote", "ballot") for p in c.children) for c in q.anchor.children)


ROLES = frozenset({"candidate", "contender", "rival", "challenger", "leader", "incumbent", "opponent", "nominee"})


def name_before_verb(verb: Token, role: Token | None = None) -> Token | None:
    """A subject the parser lost, or the name of a role noun it took for the subject (`role`): the name that ends
    right before the main verb, a comma between ('..., the candidate for the Historical Pact, Gustavo Petro, adds
    40.34% of the votes')."""
    if verb.dep_ != "ROOT" or any(c.dep_ in ("nsubj", "nsubjpass", "expl") and c != role for c in verb.children):
        return None
    i = verb.i - 1
    while i >= verb.sent.start and verb.doc[i].text == ",":
        i -= 1
    if i < verb.sent.start or i == verb.i - 1:
        return None
    token = verb.doc[i]
    return token if token.pos_ == "PROPN" and token.ent_type_ in ("PERSON", "ORG") else None


def counted_people(q: Quantity) -> bool:
    """'35.49 million Mexicans', '2 million Poles': a number of a nationality's people."""
    return not q.percent and q.anchor.ent_type_ == "NORP" and q.anchor.tag_ in ("NNS", "NNPS")


def placed_count(q: Quantity) -> bool:
    """'came second with 6,942,930': a bare count of votes after a place in the race."""
    anchor = q.anchor
    return (not q.percent and anchor.like_num and anchor.dep_ == "pobj" and anchor.head.lower_ == "with"
            and with_verb(anchor.head).lemma_.lower() in ("come", "finish", "place", "end") and float(q.value) >= 1000)


def polled_count(q: Quantity) -> bool:
    """'X polled 4,657,304 (4.65 million)', 'garnered 6,328,397': a bare count a candidate won is a count of votes
    (thousands at least: 'took 12' may be seats)."""
    anchor = q.anchor
    return (not q.percent and anchor.like_num and anchor.dep_ == "dobj" and float(q.value) >= 1000
            and anchor.head.lemma_.lower() in WIN_VERBS - {"take", "gain", "pick"})


def supporters(q: Quantity) -> Token | None:
    """'got the support of 482 members', 'secured support of more than 1.9 million people': the 'support' noun
    that a winning verb takes, whose backers are counted."""
    anchor = q.anchor
    if q.percent or anchor.dep_ != "pobj" or anchor.head.lower_ != "of":
        return None
    if anchor.lemma_.lower() not in {"people", "member", "voter", "vote", "citizen", *LEGISLATORS}:
        return None
    noun = anchor.head.head
    if noun.lemma_.lower() in ("support", "backing") and noun.dep_ == "dobj" and noun.head.lemma_.lower() in WIN_VERBS:
        return noun
    return None


MEMBERS = frozenset({"mp", "deputy", "member", "lawmaker", "legislator", "councilor", "councillor"})
REPORTING = frozenset({"announce", "report", "publish", "release", "declare", "give", "project", "estimate", "show",
                       "proclaim", "confirm", "certify", "count", "predict"})
COUNTED_UNITS = frozenset({"vote", "seat", "ballot", "people", "voter", *MEMBERS})


def elected_members(q: Quantity) -> bool:
    """'securing 326 members of parliament', 'obtained 28% of the votes and 17 councilors': members a party won, its
    seats (not 'the support of 482 members', nor 'won over 20 members of the opposition')."""
    anchor = q.anchor
    while anchor.dep_ == "conj" and (anchor.head.lower_ in PERCENT or anchor.head.lemma_.lower() in ("vote", "seat")):
        anchor = anchor.head
    of = [p.lemma_.lower() for c in q.anchor.children if c.dep_ == "prep" and c.lower_ == "of"
          for p in c.children if p.dep_ == "pobj"]
    return anchor.dep_ == "dobj" and anchor.head.lemma_.lower() in WIN_VERBS and all(
        w in LEGISLATURES | {"council", "convention"} for w in of)
PROPOSALS = frozenset({"bill", "motion", "proposal", "amendment", "law", "reform", "resolution", "nomination",
                       "constitution", "charter", "it"})


def backed_proposal(q: Quantity) -> bool:
    """'the bill got the support of 482 members', 'it won the backing of 301 lawmakers': lawmakers for a proposal."""
    noun = supporters(q)
    if noun is None or q.anchor.lemma_.lower() not in LEGISLATORS | {"member"}:
        return False
    subject = subject_of(noun.head)
    return subject is not None and subject.lemma_.lower() in PROPOSALS and reported(noun.head)


LIST_MARKS = frozenset({"–", "—", "-", ":"})
POSSESSIVE = re.compile(r"[’‘']s?$")


def listed_side(ctx: DocContext, sentence: Sentence, q: Quantity) -> str | None:
    """A party's share in a list: 'AKP: 40.8% and 258 MPs', "X – 8.18%, Y – 8.10%", 'X 43%, Y 27%', 'followed by X (XB)
    with 27.1 percent and Y with 5.7 percent'. The name stands right before the share (a dash, a colon or 'with'
    between); a list needs two such pairs, or the line opens with one. A name before 'with' must be one the tagger
    or another rule knows as a party or a person."""
    span = sentence.tokens
    if not q.percent or span is None:
        return None
    lo = span.start

    def name_before(index: int) -> tuple[int, int, bool] | None:
        doc = q.anchor.doc
        j = index - 1
        if j - 1 >= lo and doc[j].lower_ == "or" and doc[j - 1].like_num:  # 'with 4.6 million or 33.49%'
            j -= 1
            while j >= lo and doc[j].like_num:
                j -= 1
            if j < lo or doc[j].lower_ != "with":
                return None
        joined = j >= lo and (doc[j].lower_ == "with" or (doc[j].text == "," and j - 1 >= lo and doc[j - 1].text == ")"))
        if j >= lo and (doc[j].text in LIST_MARKS or joined):
            j -= 1
        if joined:  # 'Federico Gomez (Coalition for Peru) with 23.8%', 'X of the Green Party (GP) with'
            j = described(doc, j)
        end = j
        while j >= lo and not POSSESSIVE.search(doc[j].text) and (
                ((doc[j].pos_ == "PROPN" or doc[j].ent_type_ == "PERSON")
                 and (doc[j].text[:1].isupper() or (j > lo and doc[j - 1].text == "-")))
                or (doc[j].text == "-" and j < end)):  # 'Ko Wen-je'
            j -= 1
        owned = j >= lo and (POSSESSIVE.search(doc[j].text) is not None or doc[j].dep_ == "case")
        if end <= j or (doc[end].ent_type_ in ("GPE", "LOC") and not owned) or doc[end].ent_type_ == "DATE":
            return None  # 'Riga 40%' is a place; "Timoshenko's Batkivshchina – 8.18%" a party, whatever the tagger says
        return j + 1, end, joined

    doc = span.doc
    if lo < q.start and doc[q.start - 1].text == "(" and q.end < span.end and doc[q.end].text == ")":
        name = doc[q.start - 2] if q.start - 2 >= lo else None  # 'more than Hernandez (28.2%)': the name's own share
        if name is None or name.pos_ != "PROPN" or name.ent_type_ in ("GPE", "LOC", "DATE"):
            return None
        return side_of(ctx, sentence, name, create=True)
    found = name_before(q.start)
    if found is None:
        return None
    first, last, joined = found
    pairs = sum(1 for o in quantities(sentence) if o.percent and name_before(o.start) is not None)
    opens = first == span.start and span.doc[last + 1].text == ":"
    if pairs < 2 and not opens:
        return None
    if joined:
        return side_of(ctx, sentence, span.doc[last], create=True)
    ent = next((e for e in span.ents if e.start <= last < e.end), None)
    if ent is not None and (ent.start, ent.end) == (first, last + 1) and ent.label_ in ("ORG", "PERSON", "NORP"):
        return side_of(ctx, sentence, span.doc[last], create=True, named_group=True)
    return _list_party(ctx, sentence, span.doc[first : last + 1])


def described(doc: Doc, j: int) -> int:
    """The last token of the name a description after it follows: from the end of 'Federico Gomez (Coalition for
    Peru)' or 'Hou Yu-ih (侯友宜) of the Kuomintang (KMT)', the index of 'Gomez' or 'ih' (j itself when none)."""
    start = doc[j].sent.start
    for _ in range(3):
        if doc[j].text == ")":
            opening = next((k for k in range(j - 1, max(start, j - 10) - 1, -1) if doc[k].text in "()"), None)
            if opening is None or doc[opening].text != "(":
                return j
            j = opening - 1
            continue
        k = j
        while k >= start and (doc[k].pos_ == "PROPN" or (k < j and doc[k].tag_ in ("POS", "HYPH"))):
            k -= 1  # "of the Taiwan People's Party"
        if k < j and k - 1 >= start and doc[k].lower_ == "the" and doc[k - 1].lower_ == "of":
            k -= 1
        if k < j and k - 1 >= start and doc[k].lower_ == "of" and (doc[k - 1].pos_ in ("PROPN", "PUNCT")
                                                                   or doc[k - 1].ent_type_ == "PERSON"):
            j = k - 1  # 'of the Kuomintang': the party of the name before it
            continue
        return j
    return j


def _list_party(ctx: DocContext, sentence: Sentence, name: Span) -> str | None:
    """A party named in a result list that no rule knows yet (never a place, court or commission)."""
    if any(m.start < name.end_char and m.end > name.start_char for m in sentence.mentions):
        return None  # named as something else
    words = [t.text for t in name]
    heads = lexicon().heads
    if any(w.lower() in heads and not is_subclass(heads[w.lower()], "PoliticalParty") for w in words):
        return None
    key = ctx.new_entity(f"party/{ctx.scope()}", "PoliticalParty", name.text)
    ctx.add_mention(sentence, name.start_char - sentence.start, name.end_char - sentence.start, key)
    return key


def turnout_quorum(cue: Token) -> bool:
    """'turnout stood at 39.1 percent, above the 30 percent threshold needed for the result to be valid': a
    threshold of turnout, not of the vote."""
    verb = clause_verb(cue)
    return verb is not None and any(t.lemma_.lower() in ("turnout", "participation") for t in verb.subtree)


@implements("results.thresholds")
def thresholds(ctx: DocContext, rule: Rule) -> None:
    """'a 5 percent threshold', 'the threshold for blocs was 7 percent', 'a two-thirds majority is required'."""
    fractions = regex(rule, "fraction")
    for sentence in ctx.sentences:
        if sentence.tokens is None:
            continue
        cues = [t for t in sentence.tokens if t.lemma_.lower() in ("threshold", "barrier", "hurdle")]
        for q in quantities(sentence):
            if not q.percent or q.anchor.head.lower_ in ("from", "to", "by"):  # 'lowered from 7 to 5 percent': a change
                continue
            verb = clause_verb(q.anchor)
            stated = verb is not None and verb.lemma_.lower() in ("be", "stand", "remain", "set", "fix")
            near = [c for c in cues if c in q.anchor.subtree or q.anchor in c.subtree or (
                stated and clause_verb(c) == verb and c.dep_ in ("nsubj", "nsubjpass"))]  # 'the threshold was 7 percent'
            if any(turnout_quorum(c) for c in near):
                continue
            if near:
                event = antecedent_round(ctx, sentence, q.anchor) or the_vote(ctx, sentence, _char(ctx, q), "any",
                                                                               create=False)
                if event is None:
                    continue
                ctx.claim(sentence, event, "gg:threshold", q.literal(), "results", 0.75, qualifier=q.qualifier)
                attach(ctx, sentence, event)
        for q in quantities(sentence):
            if required_count(q):
                event = the_vote(ctx, sentence, _char(ctx, q), "legislative")
                if event is not None:
                    ctx.claim(sentence, event, "gg:votesRequired", q.literal(), "results", 0.75, qualifier=q.qualifier)
                    attach(ctx, sentence, event)
        for q in quantities(sentence):
            if q.percent and required_share(q.anchor) is not None:
                plus_one = re.match(r"\s*plus\s+one\b", sentence.text[q.anchor.idx + len(q.anchor.text) - sentence.start :])
                needed(ctx, sentence, q.anchor, q.literal(), q.qualifier or ("more than" if plus_one else ""))
        for majority in (t for t in sentence.tokens if t.lemma_.lower() == "majority" and required_share(t) is not None):
            if any(c.lower_ in MAJORITIES for c in majority.children):  # 'a simple majority': more than half the votes
                needed(ctx, sentence, majority, Value("50", "decimal"), "more than")
        for match in fractions.finditer(sentence.text):
            if not re.search(r"\b(?:required|requires|require|needed|needs|need|necessary)\b", sentence.text):
                continue
            share = {"two-thirds": "66.67", "three-fifths": "60", "three-quarters": "75", "two-fifths": "40",
                     "three-fourths": "75"}.get(slug(match.group("fraction")))
            if share is None:
                continue
            lawmakers = legislative(ctx, sentence) and any(t.lemma_.lower() in ("vote", "pass", "approve", "adopt", "ballot")
                                                           for t in sentence.tokens)
            named = [m.entity for m in sentence.mentions if ctx.is_a(m.entity, "Referendum", "ParliamentaryVote")]
            event = named[0] if named else the_vote(ctx, sentence, sentence.start + match.start(), "legislative") if (
                lawmakers) else None  # 'the two-thirds majority needed to amend the constitution' is no vote's
            if event is None:
                continue
            ctx.claim(sentence, event, "gg:threshold", Value(share, "decimal"), "results", 0.7)


def antecedent_round(ctx: DocContext, sentence: Sentence, token: Token) -> str | None:
    """The round a relative clause holding a token is said of: 'the first round of the election, in which the
    winner must score over 50 percent' (the parser hangs the clause on the round or on its election)."""
    verb = clause_verb(token)
    if verb is None or verb.dep_ != "relcl":
        return None
    nouns = [verb.head]
    if verb.head.dep_ == "pobj" and verb.head.head.lower_ == "of":  # 'the first round of the election in which'
        nouns.append(verb.head.head.head)
    return next((r for r in (_round_at(ctx, sentence, n) for n in nouns) if r is not None), None)


def needed(ctx: DocContext, sentence: Sentence, token: Token, share: Value, qualifier: str) -> None:
    """The share a contender needs, as the threshold of the round it is stated for (or whose relative clause
    states it), else of the article's vote."""
    event = antecedent_round(ctx, sentence, token) or the_vote(ctx, sentence, token.idx, "any", create=False)
    if event is not None:
        ctx.claim(sentence, event, "gg:threshold", share, "results", 0.7, qualifier=qualifier)


NEEDING = frozenset({"require", "need"})
CONTENDERS = frozenset({"candidate", "party", "winner", "list", "bloc", "coalition", "alliance", "contender", "nominee"})
SCORING = frozenset({"score", "win", "get", "obtain", "receive", "secure", "gain", "garner", "poll", "reach", "take"})
GENERIC_DETERMINERS = frozenset({"a", "an", "any", "each", "every"})
MAJORITIES = frozenset({"simple", "absolute"})


def _generic_contender(verb: Token) -> bool:
    """Whether a verb's subject is any contender, not a named one: 'a candidate', 'parties', 'the winner', 'the
    winner of the second round' (not 'the party', which may be one the article named, nor 'PiS')."""
    subject = subject_of(verb)
    if subject is None or subject.lemma_.lower() not in CONTENDERS or subject.pos_ != "NOUN":
        return False
    dets = [c.lower_ for c in subject.children if c.dep_ in ("det", "poss")]
    return subject.lemma_.lower() == "winner" or (dets and dets[0] in GENERIC_DETERMINERS) or (
        not dets and subject.tag_ == "NNS")


def required_share(token: Token) -> Token | None:
    """The verb that makes a share one a contender needs: 'a candidate needs 50 percent plus one vote to win', 'the
    winner must score over 50 percent of the vote', 'a party needs 5% to enter parliament', 'the winner of the
    second round only needs a simple majority'; not a shortfall ('needs 5 more percent'), nor a named party's."""
    if any(c.lower_ in ("more", "additional", "extra", "further") for c in token.children):
        return None
    verb = token.head if token.dep_ == "dobj" else None
    if verb is None or any(c.dep_ == "neg" for c in verb.children):
        return None
    lemma = verb.lemma_.lower()
    must = any(c.dep_ == "aux" and c.lower_ == "must" for c in verb.children)
    needed = verb.dep_ == "xcomp" and verb.head.lemma_.lower() in NEEDING | {"have"}  # 'needs to win 50%'
    if lemma in NEEDING or (lemma in SCORING and (must or needed)):
        return verb if _generic_contender(verb) else None
    return None


def required_count(q: Quantity) -> bool:
    """'the bill required 111 votes to pass', '86 votes were needed', '86 votes, the minimum required': how many
    votes a proposal needs (not 'needed 5 more votes', a shortfall)."""
    anchor = q.anchor
    if q.percent or q.unit != "vote" or any(c.lower_ in ("more", "additional", "extra", "further")
                                            for c in anchor.children):
        return False
    if anchor.dep_ == "dobj" and anchor.head.lemma_.lower() in NEEDING:
        return True
    if anchor.dep_ == "nsubjpass" and anchor.head.lemma_.lower() in NEEDING:
        return True
    return any(c.dep_ == "appos" and c.lemma_.lower() in ("minimum", "majority") and any(
        v.lemma_.lower() in NEEDING for v in c.children) for c in anchor.children)


HOLDING = frozenset({"hold", "take", "schedule", "set", "go", "vote", "cast"})


@implements("results.dates")
def dates(ctx: DocContext, rule: Rule) -> None:
    """The date of a vote from the verb that tells it happened: 'the referendum was held on 12 May 2019', 'took
    place on', 'voters went to the polls on 7 June 2015'."""
    for sentence in ctx.sentences:
        span = sentence.tokens
        if span is None:
            continue
        for verb in (t for t in span if t.pos_ == "VERB" and t.lemma_.lower() in HOLDING):
            if verb.lemma_.lower() == "take" and not any(c.lower_ == "place" for c in verb.children):
                continue
            if verb.lemma_.lower() == "go" and not any(t.lemma_.lower() == "poll" for t in verb.subtree):
                continue
            when = [t for c in verb.children if c.dep_ == "prep" and c.lower_ in ("on", "in", "for")
                    for t in c.subtree if t.ent_type_ == "DATE"]
            if not when:
                continue
            start, end = min(t.idx for t in when), max(t.idx + len(t.text) for t in when)
            found = list(find_dates(sentence.text[start - sentence.start : end - sentence.start]))
            if len(found) != 1:
                continue
            subject = subject_of(verb)
            event = None
            if subject is not None and any(c.lower_ in ("second", "another", "next", "third", "new", "further")
                                           for c in subject.children):
                continue  # 'a second plebiscite is scheduled on February 6': not the vote the article is about
            if subject is not None:
                first, last = subject.left_edge.idx, subject.idx + len(subject.text)
                event = next((m.entity for m in sentence.mentions
                              if first <= m.start and m.end <= last and ctx.is_a(m.entity, *VOTES)), None)
            people = subject is not None and (  # 'voters went to the polls', 'Slovaks went to the polls'
                subject.lemma_.lower() in ("voter", "people", "citizen", "electorate") or subject.ent_type_ == "NORP"
                or any(m.start <= subject.idx < m.end and ctx.is_a(m.entity, "Country") for m in sentence.mentions))
            if event is None and people:
                event = vote_event(ctx, sentence, ("Election", "Referendum"), None)
            if event is None:
                continue
            date = Events(ctx).with_year(found[0].date, sentence.text[end - sentence.start : end - sentence.start + 12],
                                         sentence, start - sentence.start + found[0].start)
            ctx.claim(sentence, event, "gg:date", Value(date.iso, date.datatype), "results", 0.85)
