"""Results given as a list of lines: `results.lists`, "VVD 33 (41)", "PVV 20 (15)", "CDA 19 (13)", ... or "Liberty Party
40.2%", one party and its figure a line, three lines or more in a row (blank lines between them allowed). Each line
is a result of the article's election: seats (gg:seatCount) when the article speaks of seats and the figures are
whole numbers, a share (gg:voteShare) when they are percentages. A figure in parentheses after the first is another
count (the seats before, a change) and states nothing here; a line that holds anything else ends the list. A name
the article has not named yet becomes a party of the article's country."""

from __future__ import annotations

import re

from govgraph.build.context import DocContext, Sentence
from govgraph.build.rules.base import Rule, implements
from govgraph.build.rules.registry import regex
from govgraph.build.rules.results import Quantity, fitting_vote, known_party, record, the_vote

MOST_LINES_APART = 2  # a blank line between two lines of the list is one more sentence boundary, nothing else


def _listed(sentence: Sentence, line: re.Pattern[str]) -> re.Match[str] | None:
    """The line's name and figure when the sentence is one line of the list's shape, and nothing else."""
    if "\n" in sentence.text.strip():
        return None
    return line.fullmatch(sentence.text.strip())


def _runs(ctx: DocContext, line: re.Pattern[str]) -> list[list[tuple[Sentence, re.Match[str]]]]:
    """The runs of three or more consecutive sentences of the list's shape."""
    runs: list[list[tuple[Sentence, re.Match[str]]]] = []
    current: list[tuple[Sentence, re.Match[str]]] = []
    for sentence in ctx.sentences:
        found = _listed(sentence, line)
        if found is not None and (not current or sentence.index - current[-1][0].index < MOST_LINES_APART):
            current.append((sentence, found))
            continue
        if len(current) >= 3:
            runs.append(current)
        current = [(sentence, found)] if found is not None else []
    if len(current) >= 3:
        runs.append(current)
    return runs


def _side(ctx: DocContext, sentence: Sentence, name_end: int) -> str | None:
    """The party the line names: one a rule knows (a mention, or a name the article gave a party before), else a new
    party of the article's country; never a person, a place or a body."""
    tokens = [t for t in sentence.tokens or () if t.idx - sentence.start < name_end]
    if not tokens:
        return None
    named = [m for m in sentence.mentions if m.start - sentence.start == 0 and m.end - sentence.start == name_end]
    if named:
        return named[0].entity if ctx.is_a(named[0].entity, "PoliticalParty") else None
    if any(t.ent_type_ in ("PERSON", "GPE", "LOC", "DATE") for t in tokens):
        return None
    known = known_party(ctx, sentence, tokens[-1])
    if known is not None:
        return known
    name = sentence.text[:name_end]
    key = ctx.new_entity("party", "PoliticalParty", name, scope=ctx.scope())
    ctx.add_mention(sentence, 0, name_end, key)
    return key


@implements("results.lists")
def result_lists(ctx: DocContext, rule: Rule) -> None:
    line = regex(rule, "line")
    seats = regex(rule, "seat_words").search(ctx.doc.text) is not None
    for run in _runs(ctx, line):
        percent = all(m.group("percent") for _, m in run)
        if not percent and (not seats or any(m.group("percent") or "." in m.group("figure") for _, m in run)):
            continue  # counts of what the article does not say, or a list of mixed figures
        for sentence, found in run:
            figure = _figure(sentence, found, percent)
            side = _side(ctx, sentence, found.end("name"))
            event = the_vote(ctx, sentence, None, "election")
            if figure is None or side is None or event is None:
                continue
            event = fitting_vote(ctx, sentence, event, side, not percent)
            record(ctx, sentence, event, side, "gg:voteShare" if percent else "gg:seatCount", figure, 0.75)


def _figure(sentence: Sentence, found: re.Match[str], percent: bool) -> Quantity | None:
    """The line's first figure as a quantity (the tagger may read '9 (5)' as anything)."""
    token = next((t for t in sentence.tokens or () if t.idx - sentence.start == found.start("figure")), None)
    if token is None:
        return None
    value = found.group("figure").replace(",", ".")
    return Quantity(token.i, token.i + 1, value, percent, "", token, "percent" if percent else "seat")
