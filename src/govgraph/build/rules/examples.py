"""Running a rule's examples: each example text goes through the whole extraction, and the claims
the rule itself made are compared with what the example says it must and must not yield."""

from __future__ import annotations

from govgraph.build.gazetteer import default_gazetteer
from govgraph.build.records import Claim, Document, Extraction, Value
from govgraph.build.rules.base import Example, Expect, Rule


def extract_text(text: str, title: str = "", date: str | None = None) -> Extraction:
    """The extraction of one text, as a build makes it (every rule, default pipeline)."""
    from govgraph.build.pipeline import extract_document

    document = Document(doc_id="example", path="example.txt", text=text, title=title or text.split("\n", 1)[0][:80],
                        date=date)
    return extract_document(Extraction(document), default_gazetteer())


def _names(extraction: Extraction, key: str) -> set[str]:
    entity = extraction.entities.get(key)
    if entity is None:
        entry = default_gazetteer().entries.get(key)
        if entry is None:
            return {key}
        return {entry.label, *entry.aliases}
    return {entity.label, *entity.aliases}


def claim_matches(extraction: Extraction, claim: Claim, expect: Expect) -> bool:
    """Whether a claim is the one an expectation describes (labels compared case-insensitively)."""
    if claim.predicate != expect.predicate:
        return False
    if expect.subject and not any(expect.subject.lower() in n.lower() for n in _names(extraction, claim.subject)):
        return False
    if not expect.obj:
        return True
    values = {claim.obj.lexical} if isinstance(claim.obj, Value) else _names(extraction, claim.obj)
    return expect.obj.lower() in {v.lower() for v in values}


def describe(extraction: Extraction, claim: Claim) -> str:
    obj = claim.obj.lexical if isinstance(claim.obj, Value) else sorted(_names(extraction, claim.obj))[0]
    return f"[{sorted(_names(extraction, claim.subject))[0]!r}, {claim.predicate}, {obj!r}]"


def check_example(rule: Rule, example: Example) -> list[str]:
    """What is wrong with the rule on this example (empty when it behaves as declared)."""
    extraction = extract_text(example.text, example.title, example.date)
    own = [c for c in extraction.claims if c.extractor == rule.name]
    problems = []
    for expect in example.yields:
        if not any(claim_matches(extraction, c, expect) for c in own):
            made = "; ".join(describe(extraction, c) for c in own) or "nothing"
            problems.append(f"{rule.name}: {example.text[:70]!r} should yield {expect}, made {made}")
    for expect in example.never:
        wrong = [c for c in own if claim_matches(extraction, c, expect)]
        if wrong:
            problems.append(f"{rule.name}: {example.text[:70]!r} must not yield {describe(extraction, wrong[0])}")
    return problems
