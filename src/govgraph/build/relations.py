"""Relation extraction: people first, then the structural, reform, event and document rules."""

from __future__ import annotations

import re

from govgraph.build.context import DocContext
from govgraph.build.events import scan_events
from govgraph.build.gazetteer import Gazetteer
from govgraph.build.laws import scan_laws
from govgraph.build.organizations import scan_organizations
from govgraph.build.people import People
from govgraph.build.records import Extraction
from govgraph.build.reforms import scan_reforms
from govgraph.build.structure import RULES as STRUCTURE_RULES


def mention_surnames(ctx: DocContext) -> None:
    """Mentions of known people by surname alone ('Tokayev said')."""
    if not ctx.surnames:
        return
    pattern = re.compile(r"(?<![\w-])(" + "|".join(re.escape(s) for s in sorted(ctx.surnames, key=len, reverse=True))
                         + r")(?![\w-])")
    for sentence in ctx.sentences:
        taken = [(m.start - sentence.start, m.end - sentence.start) for m in sentence.mentions]
        for match in pattern.finditer(sentence.text):
            if any(s <= match.start() < e for s, e in taken):
                continue
            ctx.add_mention(sentence, match.start(), match.end(), ctx.surnames[match.group(1)])


def extract_relations(extraction: Extraction, gazetteer: Gazetteer) -> DocContext:
    """Run every rule over one document; claims and entities are added to the extraction."""
    ctx = DocContext(extraction, gazetteer)
    scan_organizations(ctx)
    People(ctx).scan()
    mention_surnames(ctx)
    for sentence in ctx.sentences:
        for rule in STRUCTURE_RULES:
            rule(ctx, sentence)
    scan_reforms(ctx)
    scan_laws(ctx)
    scan_events(ctx)
    return ctx
