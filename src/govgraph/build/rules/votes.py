"""Popular votes that a sentence states without naming a referendum: 'Thailand on Sunday (Aug 7) voted to
accept a draft constitution', 'voters approved the amendments on 2 March 2014', 'Ruritanians voted against
the new charter'.

`events.popular-votes`: a verb of voting or approving whose subject is a country or its voters, and whose
object (or the object of the verb it leads to) is a constitution, charter, draft or amendment, is the
country's constitutional referendum, dated by the verb's own date. Parliaments, courts and parties voting on
a bill are parliamentary votes, not referendums: their subjects are bodies, never the country or its voters.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from govgraph.build.context import DocContext, Sentence
from govgraph.build.dates import PartialDate, anchor, find_dates, weekday_date
from govgraph.build.events import event_node
from govgraph.build.records import Value
from govgraph.build.rules.base import Rule, implements

if TYPE_CHECKING:
    from spacy.tokens import Token

VOTING = frozenset({"vote"})
DECIDING = frozenset({"accept", "approve", "adopt", "back", "endorse", "ratify", "reject", "support", "pass"})
VOTERS = frozenset({"voter", "citizen", "elector", "electorate", "people", "population", "public", "nation"})
CHARTERS = frozenset({"constitution", "charter", "draft", "amendment", "amendments", "referendum"})
_WEEKDAYS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"})


@implements("events.popular-votes")
def popular_votes(ctx: DocContext, rule: Rule) -> None:
    """A country or its voters voting on a constitution: the country's constitutional referendum."""
    if ctx.parsed is None or not ctx.country_key or not ctx.is_a(ctx.country_key, "Country"):
        return
    for sentence in ctx.sentences:
        if sentence.tokens is None:
            continue
        for verb in sentence.tokens:
            if verb.pos_ == "VERB" and _decides_charter(verb) and _by_the_people(ctx, sentence, verb):
                date = _date_of(ctx, sentence, verb)
                event = event_node(ctx, "Referendum", "constitutional referendum", date)
                ctx.add_mention(sentence, verb.idx - sentence.start, verb.idx + len(verb) - sentence.start, event)
                ctx.claim(sentence, event, "gg:heldIn", ctx.country_key, rule.name, 0.75)
                if date is not None:
                    ctx.claim(sentence, event, "gg:date", Value(date.iso, date.datatype), rule.name, 0.75)


def _decides_charter(verb: Token) -> bool:
    """'voted to accept a draft constitution', 'voted for the new charter', 'approved the amendments'."""
    lemma = verb.lemma_.lower()
    if lemma in VOTING:
        decided = [c for c in verb.children if c.dep_ in {"xcomp", "advcl"} and c.lemma_.lower() in DECIDING]
        objects = [o for d in decided for o in d.children if o.dep_ == "dobj"]
        objects += [o for p in verb.children if p.dep_ == "prep" and p.lower_ in {"for", "against", "on"}
                    for o in p.children if o.dep_ == "pobj"]
    elif lemma in DECIDING:
        objects = [o for o in verb.children if o.dep_ == "dobj"]
    else:
        return False
    return any(o.lemma_.lower() in CHARTERS or o.lower_ in CHARTERS for o in objects)


def _by_the_people(ctx: DocContext, sentence: Sentence, verb: Token) -> bool:
    """The verb's subject is the article's voters ('voters', 'citizens'), or the country itself when it voted
    ('Thailand voted to accept'; 'Nepal adopted a constitution' may be its assembly's act)."""
    voted = verb.lemma_.lower() in VOTING
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    if not subjects and verb.dep_ in {"xcomp", "conj"}:
        subjects = [c for c in verb.head.children if c.dep_ == "nsubj"]
    for subject in subjects:
        if subject.lemma_.lower() in VOTERS:
            return True
        start, end = subject.idx - sentence.start, subject.idx + len(subject) - sentence.start
        if voted and ctx.mention_at(sentence, start, end, "Country") == ctx.country_key:  # not "X's parliament"
            return True
    return False


def _date_of(ctx: DocContext, sentence: Sentence, verb: Token) -> PartialDate | None:
    """The date of the vote: a date in the verb's 'on'/'in' phrases ('on Sunday (Aug 7)', 'on 2 March 2014'),
    a written date before a weekday; a weekday alone from the article's date."""
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]  # 'Ruritania on Sunday voted': the parser's choice
    for preposition in (c for t in (verb, *subjects) for c in t.children if c.dep_ == "prep" and c.lower_ in {"on", "in"}):
        start = preposition.idx
        end = preposition.right_edge.idx + len(preposition.right_edge)
        after = ctx.doc.text[end : end + 20]  # 'on Sunday (Aug 7)': the parser may leave the brackets out
        closing = after.find(")")
        text = ctx.doc.text[start:end] + (after[: closing + 1] if after.lstrip().startswith("(") else "")
        dates = list(find_dates(text))
        if dates:
            return anchor(dates[0].date, ctx.doc.date, False)
        weekday = next((t.lower_ for t in preposition.subtree if t.lower_ in _WEEKDAYS), None)
        if weekday:
            return weekday_date(weekday, ctx.doc.date, False)
    return None
