"""Seats named for a group: "independent lawmakers A, B and C", "Ten MPs voted no, including A; B and C".

`persons.seats`: each person of a list of names right after a plural member's title ("senators", "MPs",
"lawmakers" of the lexicon's member words), or after "including" / "such as" / ":" later in the clause
when no other kind of people is named in between, holds the seat that title names.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from govgraph.build.context import DocContext, Sentence
from govgraph.build.lexicon import lexicon
from govgraph.build.rules.base import Rule, implements
from govgraph.build.rules.holders import Offices

if TYPE_CHECKING:
    from govgraph.build.records import Mention

_INTRO = re.compile(r"(?:,?\s+(?:including|such as|among them|namely)|:)\s+$")
_LIST_GAP = re.compile(r"^\s*(?:[,;]\s*(?:and\s+)?|and\s+)$")
_STOP = frozenset({".", ";", "who", "which", "while", "but", "whereas"})


def _seat_titles(ctx: DocContext) -> dict[str, str]:
    """Plural member words ('mps', 'senators') -> the title of the seat ('Member of Parliament', 'Senator')."""
    out = {}
    for word in lexicon().of("member-words") - {"member"}:
        key = ctx.gazetteer.lookup(word)
        entry = ctx.gazetteer.entries.get(key) if key else None
        if entry is not None and entry.generic:
            out[word + "s"] = " ".join(w if w in {"of", "the"} else w.capitalize() for w in entry.label.split())
    return out


@implements("persons.seats")
def person_seats(ctx: DocContext, rule: Rule) -> None:
    """gg:holds for each person listed as one of a group of members."""
    if ctx.parsed is None:
        return
    titles = _seat_titles(ctx)
    others = lexicon().of("people-words")
    offices = Offices(ctx)
    for sentence in ctx.sentences:
        people = sorted((m for m in sentence.mentions if ctx.is_a(m.entity, "Person")), key=lambda m: m.start)
        if not people or sentence.tokens is None:
            continue
        for token in sentence.tokens:
            title = titles.get(token.lower_)
            if title is None or token.tag_ not in {"NNS", "NNPS"}:
                continue
            listed = _listed(sentence, token.idx + len(token) - sentence.start, people, others)
            for person in listed:
                office = offices.generic(title, None)
                offices.people.holds(sentence, person.entity, office, rule.name, 0.8)


def _listed(sentence: Sentence, after: int, people: list[Mention], others: frozenset[str]) -> list[Mention]:
    """The people named in a list that starts right after `after`, or after 'including' later in the clause."""
    following = [m for m in people if m.start - sentence.start >= after]
    if not following:
        return []
    first = following[0]
    gap = sentence.text[after : first.start - sentence.start]
    words = re.findall(r"[\w'-]+|[.;]", gap.lower())
    direct = not gap.strip()
    introduced = bool(_INTRO.search(gap)) and not any(w in _STOP or w in others for w in words)
    if not (direct or introduced):
        return []
    listed = [first]
    for person in following[1:]:
        between = sentence.text[listed[-1].end - sentence.start : person.start - sentence.start]
        if not _LIST_GAP.match(between):
            break
        listed.append(person)
    return listed if len(listed) >= 2 or direct else []
