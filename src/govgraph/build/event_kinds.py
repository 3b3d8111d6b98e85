"""Kinds of votes for identity: 'the referendum' is the article's constitutional referendum.

An event key is `event/<scope>/<kind>[-YYYY[-MM]]` (see `events.event_node`). A kind ending in a generic
word ('constitutional-referendum', 'mazhilis-election', 'by-election') narrows that generic kind
('referendum', 'election'); a generic mention joins the one narrower event it can denote.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from govgraph.build.keys import follow
from govgraph.build.records import Entity

GENERIC_KINDS = ("election", "referendum")
ROUND = "/round-"  # a round of a vote held in rounds is keyed `<the vote's key>/round-<n>` (see rules/rounds.py)
VOTE_CLASSES = ("Election", "Referendum")
_DATE_SUFFIX = re.compile(r"-(\d{4})(?:-(\d{2}))?$")


def kind_and_date(key: str) -> tuple[str, str]:
    """'event/kz/referendum-2022-06' -> ('event/kz/referendum', '2022-06'); the date is '' when the key has none."""
    match = _DATE_SUFFIX.search(key)
    return (key[: match.start()], key[match.start() + 1 :]) if match else (key, "")


def generic_of(kind: str) -> str | None:
    """The generic kind a kind narrows ('event/kz/mazhilis-election' -> 'event/kz/election'), else None."""
    scope, _, name = kind.rpartition("/")
    return next((f"{scope}/{word}" for word in GENERIC_KINDS if name.endswith(f"-{word}")), None)


def round_key(vote: str, number: int) -> str:
    """The key of round `number` of a vote ('event/co/presidential-election/round-2' for its runoff)."""
    return f"{vote}{ROUND}{number}"


def round_parent(key: str) -> str | None:
    """The vote a round's key is a round of, else None."""
    head, found, number = key.rpartition(ROUND)
    return head if found and number.isdigit() else None


def dates_agree(first: str, second: str) -> bool:
    """Dates agree at the precision both give: '2022' and '2022-06' do, '2022-06' and '2022-11' do not."""
    return first.startswith(second) or second.startswith(first)


def broader_mapping(entities: dict[str, Entity], keys: Iterable[str], joins: Callable[[str, str], bool],
                    undated: bool) -> dict[str, str]:
    """A generic vote -> the one vote of a narrower kind, country and agreeing date among `keys`, when `joins`.

    An undated generic vote has the dated votes of its own kind as rivals too: 'the election' in an article
    naming the 2011 election and the Mazhilis election is neither. Without `undated` (across articles) both
    keys must be dated.
    """
    votes = [k for k in keys if k.startswith("event/") and k in entities and entities[k].cls in VOTE_CLASSES]
    parts = {k: kind_and_date(k) for k in votes}
    mapping = {}
    for key in votes:
        kind, date = parts[key]
        if kind.rpartition("/")[2] not in GENERIC_KINDS or not (date or undated):
            continue
        narrower = [k for k in votes if generic_of(parts[k][0]) == kind and dates_agree(date, parts[k][1])
                    and (parts[k][1] if date else undated or parts[k][1])]  # 'the 2018 election' is no undated vote
        rivals = [k for k in votes if not date and parts[k][0] == kind and parts[k][1]]
        if len(narrower) == 1 and not rivals and joins(key, narrower[0]):
            mapping[key] = narrower[0]
    return mapping


def result_mapping(entities: dict[str, Entity], events: dict[str, str]) -> dict[str, tuple[str, str]]:
    """The results of a merged event move with it: result key -> (new key, new label)."""
    moved = {}
    for key, entity in entities.items():
        if entity.cls != "ElectionResult" or not key.startswith("result/"):
            continue
        head, _, side = key.rpartition("/")
        event = "event/" + head.removeprefix("result/")
        target = follow(events, event)
        if target != event and event in entities and target in entities:
            label = entity.label.removesuffix(f" in {entities[event].label}") + f" in {entities[target].label}"
            moved[key] = (f"result/{target.split('/', 1)[1]}/{side}", label)
    return moved


def round_mapping(entities: Iterable[str], events: dict[str, str]) -> dict[str, str]:
    """The rounds of a merged vote move with it: round key -> the same round of the surviving vote."""
    moved = {}
    for key in entities:
        parent = round_parent(key)
        target = follow(events, parent) if parent is not None else None
        if parent is not None and target is not None and target != parent:
            moved[key] = round_key(target, int(key.rpartition(ROUND)[2]))
    return moved
