"""The rule families that predate the declared rules, each bound to its declaration in specs/."""

from __future__ import annotations

from govgraph.build import structure
from govgraph.build.context import DocContext
from govgraph.build.events import scan_events
from govgraph.build.laws import scan_laws
from govgraph.build.organizations import scan_organizations
from govgraph.build.people import People
from govgraph.build.reforms import scan_reforms
from govgraph.build.relations import mention_surnames, national_titles, resolve_definites
from govgraph.build.rules.base import Rule, implements
from govgraph.build.rules.registry import word_list


@implements("organizations.names")
def organization_names(ctx: DocContext, rule: Rule) -> None:
    scan_organizations(ctx)


@implements("people.offices")
def people_and_offices(ctx: DocContext, rule: Rule) -> None:
    People(ctx).scan()


@implements("people.surnames")
def surnames(ctx: DocContext, rule: Rule) -> None:
    mention_surnames(ctx)


@implements("mentions.definites")
def definites(ctx: DocContext, rule: Rule) -> None:
    resolve_definites(ctx)
    national_titles(ctx, rule.patterns["national_titles"]["words"])


def _per_sentence(function: structure.SentenceRule) -> None:
    name = "structure." + function.__name__.replace("_", "-")

    @implements(name)
    def run(ctx: DocContext, rule: Rule) -> None:
        for sentence in ctx.sentences:
            function(ctx, sentence)


for _function in structure.RULES:
    _per_sentence(_function)


@implements("reforms.changes")
def reform_changes(ctx: DocContext, rule: Rule) -> None:
    scan_reforms(ctx, word_list(rule, "transfer_verbs"), word_list(rule, "power_nouns"))


@implements("laws.documents")
def law_documents(ctx: DocContext, rule: Rule) -> None:
    scan_laws(ctx)


@implements("events.happenings")
def happenings(ctx: DocContext, rule: Rule) -> None:
    scan_events(ctx)
