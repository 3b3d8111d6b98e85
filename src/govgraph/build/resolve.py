"""Cross-document resolution: one key per person and event across the corpus, and conflicting values.

Runs after every document is extracted, on records only. A merged key stays resolvable: the
surviving entity keeps it in `same_as` (written as owl:sameAs).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import replace

from govgraph.build.event_kinds import broader_mapping, result_mapping, round_mapping
from govgraph.build.keys import follow
from govgraph.build.people import compatible_names, tenure_key
from govgraph.build.records import Claim, Entity, Extraction, Value
from govgraph.ontology.terms import functional_properties
from govgraph.records import Conflict

# Predicates whose subject has one true value at a time: different values from different sources conflict.
SINGLE_VALUED = functional_properties()  # declared owl:FunctionalProperty in govgraph.ttl
LEAD_SENTENCES = 3  # an undated article's own event is named in its first sentences
_DATE_SUFFIX = re.compile(r"-(\d{4})(?:-(\d{2}))?$")


def person_mapping(entities: dict[str, Entity]) -> dict[str, str]:
    """Retired person key -> surviving key, for names that denote one person across articles."""
    by_surname: dict[str, list[Entity]] = defaultdict(list)
    for entity in entities.values():
        if entity.cls == "Person":
            by_surname[entity.label.split()[-1].lower()].append(entity)
    mapping: dict[str, str] = {}
    for group in by_surname.values():
        full = sorted((e for e in group if len(e.label.split()) > 1), key=lambda e: (-len(e.label), e.key))
        for entity in group:
            if len(entity.label.split()) == 1:
                targets = {canonical(full, e).key for e in full}
                if len(targets) == 1:
                    mapping[entity.key] = targets.pop()
                continue
            target = canonical(full, entity)
            if target.key != entity.key:
                mapping[entity.key] = target.key
    return mapping


def canonical(full: list[Entity], entity: Entity) -> Entity:
    """The longest name compatible with this one (the list is sorted longest first)."""
    return next((e for e in full if compatible_names(e.label, entity.label)), entity)


def event_mapping(entities: dict[str, Entity], undated: bool = True) -> dict[str, str]:
    """An event key with less of a date -> the one key of the same kind and country that refines it: a year to
    its month ('referendum-2022' -> 'referendum-2022-06') and, with `undated`, a key with no date to the one
    dated key ('referendum' -> 'referendum-2022-06')."""
    refinements: dict[str, list[str]] = defaultdict(list)
    for key in entities:
        match = _DATE_SUFFIX.search(key)
        if key.startswith("event/") and match:
            if undated:
                refinements[key[: match.start()]].append(key)
            if match.group(2):
                refinements[key[: match.start(2) - 1]].append(key)
    mapping = {}
    for key in entities:
        candidates = [k for k in refinements.get(key, ()) if k != key]
        if key.startswith("event/") and len(set(candidates)) == 1:
            mapping[key] = candidates[0]
    return mapping


def document_event_mapping(extraction: Extraction) -> dict[str, str]:
    """Within one article, an undated event is the one dated event of its kind that the article names, and a
    generic vote ('the referendum') the one vote of a narrower kind ('constitutional referendum').

    The dated event must be the article's own: of the article's year or the year before, or, when the article
    is undated, named in its lead. 'The 2011 general election' named later in an article about the 2015 vote
    is a comparison, not the article's 'general election'. A narrower vote the article names without a date is
    its own. Across articles an undated mention is never merged into another article's dated event.
    """
    year = extraction.document.year
    lead = {m.entity for m in extraction.mentions if m.sentence < LEAD_SENTENCES}

    def own(key: str, target: str) -> bool:
        found = _DATE_SUFFIX.search(target)
        if _DATE_SUFFIX.search(key) is not None:  # a year refined to its month, a dated vote to its kind: the same
            return True
        if found is None:
            return True
        return (year is not None and int(found.group(1)) in (year, year - 1)) or (year is None and target in lead)

    mapping = {k: t for k, t in event_mapping(extraction.entities, undated=True).items() if own(k, t)}
    survivors = [k for k in extraction.entities if k not in mapping]
    return mapping | broader_mapping(extraction.entities, survivors, own, undated=True)


def apply_mapping(extractions: list[Extraction], mapping: dict[str, str], known: dict[str, Entity] | None = None) -> None:
    """Rewrite claims, mentions and entity tables of every document to surviving keys (a survivor an article
    did not name takes its label and class from `known`, the entities of the whole corpus)."""
    if not mapping:
        return

    def target(key: str) -> str:
        return follow(mapping, key)

    def moved(claim: Claim) -> Claim:  # a claim no key of which moves is kept as it is (most claims: no copy)
        subject = target(claim.subject)
        obj = target(claim.obj) if isinstance(claim.obj, str) else claim.obj
        return claim if subject == claim.subject and obj == claim.obj else replace(claim, subject=subject, obj=obj)

    for extraction in extractions:
        extraction.claims = [moved(c) for c in extraction.claims]
        extraction.mentions = [m if target(m.entity) == m.entity else replace(m, entity=target(m.entity))
                               for m in extraction.mentions]
        entities: dict[str, Entity] = {}
        kept_first = sorted(extraction.entities.items(), key=lambda item: target(item[0]) != item[0])
        for key, entity in kept_first:  # a surviving entity keeps its own label and class
            new = target(key)
            if new == key:
                entities.setdefault(key, entity)
                continue
            model = (known or {}).get(new, entity)
            survivor = entities.setdefault(new, Entity(new, model.cls, model.label))
            survivor.aliases |= {entity.label, *entity.aliases}
            survivor.same_as |= {key, *entity.same_as}
        extraction.entities = entities
    longest: dict[str, str] = {}  # every copy of a person gets the longest name any article gives
    for extraction in extractions:
        for key, entity in extraction.entities.items():
            if entity.cls == "Person" and len(entity.label) > len(longest.get(key, "")):
                longest[key] = entity.label
    for extraction in extractions:
        for key, entity in extraction.entities.items():
            if entity.cls == "Person" and longest[key] != entity.label:
                entity.aliases.add(entity.label)
                entity.label = longest[key]


def move_results(extractions: list[Extraction], entities: dict[str, Entity], events: dict[str, str]) -> None:
    """The results of merged events go to the surviving event's results, named after it."""
    moved = result_mapping(entities, events)
    apply_mapping(extractions, {key: new for key, (new, _) in moved.items()})
    labels = dict(moved.values())
    for extraction in extractions:
        for key, entity in extraction.entities.items():
            if key in labels:
                entity.label = labels[key]


def resolve(extractions: list[Extraction]) -> None:
    """Merge people and events that several articles name differently (in place)."""
    for extraction in extractions:
        events = document_event_mapping(extraction)
        events |= round_mapping(extraction.entities, events)
        move_results([extraction], extraction.entities, events)
        apply_mapping([extraction], events)
    merged: dict[str, Entity] = {}
    for extraction in extractions:
        for key, entity in extraction.entities.items():
            if key not in merged or len(entity.label) > len(merged[key].label):
                merged[key] = entity
    events = event_mapping(merged, undated=False)
    events |= broader_mapping(merged, [k for k in merged if k not in events], lambda key, target: True, undated=False)
    events |= round_mapping(merged, events)
    move_results(extractions, merged, events)
    apply_mapping(extractions, person_mapping(merged) | events, merged)
    apply_mapping(extractions, tenure_mapping(extractions))


def tenure_mapping(extractions: list[Extraction]) -> dict[str, str]:
    """One tenure per person, office and term: tenures whose holders were merged above become one.

    A tenure's key is made of its holder's and office's keys when a sentence states it; once two names of a
    person are one key, their tenures of one office are too. A new term keeps its start ('.../2023-03-29')."""
    mapping = {}
    for extraction in extractions:
        members = {c.subject: c.obj for c in extraction.claims if c.predicate == "org:member" and isinstance(c.obj, str)}
        posts = {c.subject: c.obj for c in extraction.claims if c.predicate == "gg:post" and isinstance(c.obj, str)}
        for tenure, person in members.items():
            if tenure not in posts or not tenure.startswith("tenure/"):
                continue
            term = tenure.split("/")[3:]
            target = "/".join([tenure_key(person, posts[tenure]), *term])
            if target != tenure:
                mapping[tenure] = target
    return mapping


def superseded_values(extractions: list[Extraction]) -> set[tuple[str, str]]:
    """(thing, value) pairs a reform changed from: 'reduced the Senate's appointed members from 15 to 10' makes
    15 the Senate's old value. A statement of an old value is history, not a conflict with the new one."""
    things: dict[str, set[str]] = defaultdict(set)
    old: dict[str, set[str]] = defaultdict(set)
    for claim in (c for e in extractions for c in e.claims):
        if claim.predicate == "gg:changedThing" and isinstance(claim.obj, str):
            things[claim.subject].add(claim.obj)
        elif claim.predicate == "gg:fromValue" and isinstance(claim.obj, Value):
            old[claim.subject].add(" ".join(claim.obj.lexical.casefold().split()))
    return {(thing, value) for change, values in old.items() for thing in things[change] for value in values}


def statement_time(claim: Claim, superseded: set[tuple[str, str]]) -> str | None:
    """The time a claim's value holds at: "before a reform" for a value a reform changed from, else None (now)."""
    if isinstance(claim.obj, Value) and (claim.subject, " ".join(claim.obj.lexical.casefold().split())) in superseded:
        return "before a reform"
    return None


def _decimals(lexical: str) -> int:
    return len(lexical.partition(".")[2]) if "." in lexical else 0


def _interval(value: Value, truncated: bool = False) -> tuple[object, object, str] | None:
    """The range a stated value stands for, and its kind: a number within its rounding, a date within its precision.

    With `truncated`, a whole number may also be a figure cut short: beside 40.82 percent, "40%" is the same
    share, so it stands for 39.5 up to 41."""
    if value.datatype.startswith(("date", "gYear", "gMonth")):
        return value.lexical, value.lexical + "~", "date"  # '2022' covers '2022-06-05': '~' sorts after digits and '-'
    try:
        number = float(value.lexical)
    except ValueError:
        return None
    if number != number or number in (float("inf"), float("-inf")):
        return None
    decimals = _decimals(value.lexical.strip())
    half = 0.5 * 10 ** -decimals  # '54' stands for 53.5-54.5, '53.9' for 53.85-53.95
    return number - half, number + (1.0 if truncated and decimals == 0 else half), "number"


def disagree(statements: list[list[Value]]) -> bool:
    """Whether some two statements (each one or more values, as a range "from five to seven") cannot both hold.

    Numbers and dates are intervals (a number within its rounding, a date within its precision); intervals
    agree pairwise exactly when the largest start is not past the smallest end, so this is linear. Texts
    agree when one value is stated by every statement.
    """
    intervals = []
    texts: dict[str, int] = defaultdict(int)
    fractional = any("." in v.lexical for values in statements for v in values)  # whole numbers may be cut short
    for values in statements:
        spans = [_interval(v, truncated=fractional) for v in values]
        if all(span is not None for span in spans) and len({span[2] for span in spans}) == 1:  # type: ignore[index]
            intervals.append((min(s[0] for s in spans), max(s[1] for s in spans)))  # type: ignore[index,type-var]
        for lexical in {" ".join(v.lexical.casefold().split()) for v in values}:
            texts[lexical] += 1
    if len(intervals) == len(statements):
        try:
            return max(lo for lo, _ in intervals) >= min(hi for _, hi in intervals)  # type: ignore[type-var,operator]
        except TypeError:  # numbers against dates: compare them as texts
            pass
    return max(texts.values()) < len(statements)


def find_conflicts(extractions: list[Extraction]) -> list[Conflict]:
    """Single-valued statements on which sources disagree; every side is kept and flagged in one conflict.

    Claims are grouped by subject, property and the time they hold at (`statement_time`); a group is a
    conflict when two different statements (sentences) in it give values that cannot both be right, with
    a tolerance for rounding (53.9 and 54 agree) and for precision (2022 and 2022-06-05 agree). Values
    from one sentence never conflict with each other ("from five to seven years"). Linear in the claims.
    """
    groups: dict[tuple[str, str, str | None], dict[tuple[str, int], list[Claim]]] = defaultdict(lambda: defaultdict(list))
    superseded = superseded_values(extractions)
    for extraction in extractions:
        for claim in extraction.claims:
            if claim.qualifier:  # a bound ('more than 200') does not contradict an exact value
                continue
            if claim.predicate in SINGLE_VALUED and isinstance(claim.obj, Value):
                key = (claim.subject, claim.predicate, statement_time(claim, superseded))
                groups[key][(claim.doc_id, claim.sentence)].append(claim)
    conflicts = []
    for (subject, predicate, when), statements in sorted(groups.items(), key=lambda item: (item[0][:2], item[0][2] or "")):
        if len(statements) < 2:
            continue
        if not disagree([[c.obj for c in claims if isinstance(c.obj, Value)] for claims in statements.values()]):
            continue
        claims = tuple(sorted((c for group in statements.values() for c in group),
                              key=lambda c: (c.doc_id, c.sentence, c.start, str(c.obj))))
        values = tuple(sorted({c.obj.lexical for c in claims if isinstance(c.obj, Value)}))
        conflicts.append(Conflict(subject, predicate, claims, values, when))
    return conflicts
