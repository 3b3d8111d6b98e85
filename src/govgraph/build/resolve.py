"""Cross-document resolution: one key per person and event across the corpus, and conflicting values.

Runs after every document is extracted, on records only. A merged key stays resolvable: the
surviving entity keeps it in `same_as` (written as owl:sameAs).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import replace

from govgraph.build.people import compatible_names
from govgraph.build.records import Claim, Entity, Extraction, Value
from govgraph.ontology.terms import functional_properties
from govgraph.records import Conflict

# Predicates whose subject has one true value at a time: different values from different sources conflict.
SINGLE_VALUED = functional_properties()  # declared owl:FunctionalProperty in govgraph.ttl
COUNTED_BY_KIND = frozenset({"gg:electedCount"})
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
    """Within one article, an undated event is the one dated event of its kind that the article names.

    The dated event must be the article's own: of the article's year or the year before, or, when the article
    is undated, named in its lead. 'The 2011 general election' named later in an article about the 2015 vote
    is a comparison, not the article's 'general election'. Across articles an undated mention is never merged
    into another article's dated event.
    """
    year = extraction.document.year
    lead = {m.entity for m in extraction.mentions if m.sentence < LEAD_SENTENCES}
    mapping = {}
    for key, target in event_mapping(extraction.entities, undated=True).items():
        found = _DATE_SUFFIX.search(target)
        refined = _DATE_SUFFIX.search(key) is not None  # a year refined to its month: always the same event
        recent = found is not None and year is not None and int(found.group(1)) in (year, year - 1)
        if refined or recent or (year is None and target in lead):
            mapping[key] = target
    return mapping


def apply_mapping(extractions: list[Extraction], mapping: dict[str, str]) -> None:
    """Rewrite claims, mentions and entity tables of every document to surviving keys."""
    if not mapping:
        return

    def target(key: str) -> str:
        seen = set()
        while key in mapping and key not in seen:
            seen.add(key)
            key = mapping[key]
        return key

    for extraction in extractions:
        extraction.claims = [
            replace(c, subject=target(c.subject), obj=target(c.obj) if isinstance(c.obj, str) else c.obj)
            for c in extraction.claims
        ]
        extraction.mentions = [replace(m, entity=target(m.entity)) for m in extraction.mentions]
        entities: dict[str, Entity] = {}
        for key, entity in extraction.entities.items():
            new = target(key)
            if new == key:
                entities.setdefault(key, entity)
                continue
            survivor = entities.setdefault(new, Entity(new, entity.cls, entity.label))
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


def resolve(extractions: list[Extraction]) -> None:
    """Merge people and events that several articles name differently (in place)."""
    for extraction in extractions:
        apply_mapping([extraction], document_event_mapping(extraction))
    merged: dict[str, Entity] = {}
    for extraction in extractions:
        for key, entity in extraction.entities.items():
            if key not in merged or len(entity.label) > len(merged[key].label):
                merged[key] = entity
    mapping = person_mapping(merged) | event_mapping(merged, undated=False)
    apply_mapping(extractions, mapping)


def compatible_values(a: Value, b: Value) -> bool:
    """Equal values, or dates where one refines the other ('2022' and '2022-06-05')."""
    if a.lexical == b.lexical:
        return True
    if a.datatype.startswith(("date", "gYear")) and b.datatype.startswith(("date", "gYear")):
        return a.lexical.startswith(b.lexical) or b.lexical.startswith(a.lexical)
    try:
        return float(a.lexical) == float(b.lexical)
    except ValueError:
        return False


def find_conflicts(extractions: list[Extraction]) -> list[Conflict]:
    """Single-valued statements on which sources disagree; both sides are kept and flagged.

    Two sentences (of one article or of two) that give one subject different values conflict. Counts of
    elected offices are compared across articles by the kind of office ('akim', 'regional akim', 'akims
    of regional cities' are all akims), since articles count the same elections in different ways.
    """
    labels = {key: entity.label for e in extractions for key, entity in e.entities.items()}
    groups: dict[tuple[str, str], list[Claim]] = defaultdict(list)
    for extraction in extractions:
        for claim in extraction.claims:
            if claim.qualifier:  # a bound ('more than 200') does not contradict an exact value
                continue
            if claim.predicate in SINGLE_VALUED and isinstance(claim.obj, Value):
                groups[(claim.subject, claim.predicate)].append(claim)
            elif claim.predicate in COUNTED_BY_KIND and isinstance(claim.obj, Value):
                kind = labels.get(claim.subject, claim.subject).lower().rstrip("s").split()[-1]
                groups[(f"kind:{kind}", claim.predicate)].append(claim)
    conflicts = []
    for (subject, predicate), claims in sorted(groups.items()):
        if len({(c.doc_id, c.sentence) for c in claims}) < 2:
            continue
        by_kind = subject.startswith("kind:")
        disagreeing = [c for c in claims if any((o.doc_id, o.sentence) != (c.doc_id, c.sentence)
                                                 and (not by_kind or o.doc_id != c.doc_id)
                                                 and not compatible_values(o.obj, c.obj) for o in claims)]
        if by_kind and disagreeing:
            subject = disagreeing[0].subject
        if disagreeing:
            conflicts.append(Conflict(subject, predicate, tuple(sorted(disagreeing, key=lambda c: (c.doc_id, c.sentence)))))
    return conflicts
