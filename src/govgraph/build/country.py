"""The country an article is about, weighed from where and how the text names countries.

Counting every mention lets a country named often in passing (a foreign partner, "the United
States") win over the one the article is about. Here a mention counts more where an article
says what it is about (title, dateline, first paragraph) and by what it names: a national
institution, office or city of a country says more than the country's bare name.
"""

from __future__ import annotations

from collections import defaultdict

from govgraph.build.gazetteer import Gazetteer, fold, longest_matches
from govgraph.build.records import Document, Mention

TITLE_WEIGHT = 4.0  # the headline names what the article is about
DATELINE_WEIGHT = 4.0  # "MANILA, Philippines (AP) —": where the story was filed
LEAD_WEIGHT = 3.0  # the first paragraph (or, without paragraphs, the first two sentences)
BODY_WEIGHT = 1.0
INSTITUTION_FACTOR = 2.0  # an office, body, party or city of a country, not the country's name
CONTEXTUAL_FACTOR = 0.5  # a generic phrase ("lower house") only counts once its country is named
LEAD_SENTENCES = 2
CLEAR_MIN = 1.5  # two bare names in the body (1 + 1/2), or one institution, or any naming in title, dateline, lead


def _lead_end(doc: Document) -> int:
    """Offset where the lead ends: the first paragraph break after the first sentence, or two sentences."""
    if not doc.sentences:
        return 0
    first_end = doc.sentences[0].end
    by_sentences = doc.sentences[min(LEAD_SENTENCES, len(doc.sentences)) - 1].end
    paragraph = doc.text.find("\n\n", first_end)
    return by_sentences if paragraph < 0 else max(first_end, min(paragraph, by_sentences))


def _kind_factor(gazetteer: Gazetteer, key: str, contextual: bool = False) -> float:
    entry = gazetteer.entries[key]
    factor = 1.0 if entry.cls == "Country" else INSTITUTION_FACTOR
    return factor * (CONTEXTUAL_FACTOR if contextual else 1.0)


def _is_contextual(text: str, context_aliases: set[str]) -> bool:
    """Whether a mention's surface is one of the entity's generic phrases (singular or plural)."""
    folded = fold(text.strip())
    generic = {fold(a) for a in context_aliases}
    return folded in generic or folded.removesuffix("s") in generic


def _named_in(gazetteer: Gazetteer, text: str) -> list[tuple[str, float]]:
    """(country, kind factor) of each reference entity a short text (title, dateline place) names."""
    entries = gazetteer.entries
    found = []
    for match in longest_matches(gazetteer.match(text)):
        entry = entries[match.key]
        if entry.country and not entry.generic and not match.contextual:
            found.append((entry.country, _kind_factor(gazetteer, match.key)))
    return found


def country_scores(doc: Document, mentions: list[Mention], gazetteer: Gazetteer) -> dict[str, float]:
    """Weighted evidence per country key (higher: more likely the article's country)."""
    entries = gazetteer.entries
    scores: dict[str, float] = defaultdict(float)
    for country, factor in _named_in(gazetteer, doc.title or ""):
        scores[country] += TITLE_WEIGHT * factor
    for country, factor in _named_in(gazetteer, doc.dateline_place or ""):
        scores[country] += DATELINE_WEIGHT * factor
    lead_end = _lead_end(doc)
    passing: dict[str, int] = defaultdict(int)  # bare country names after the lead, so far
    for mention in sorted(mentions, key=lambda m: m.start):
        entry = entries.get(mention.entity)
        if entry is None or not entry.country or entry.generic:
            continue
        if mention.start < lead_end:
            weight = LEAD_WEIGHT
        elif entry.cls == "Country":  # the k-th bare name later on adds 1/k: repetition in passing adds little
            passing[entry.country] += 1
            weight = BODY_WEIGHT / passing[entry.country]
        else:
            weight = BODY_WEIGHT
        contextual = _is_contextual(mention.text, entry.context_aliases)
        scores[entry.country] += weight * _kind_factor(gazetteer, mention.entity, contextual)
    return dict(scores)


def article_country(doc: Document, mentions: list[Mention], gazetteer: Gazetteer) -> str | None:
    """The key of the country the article is about, or None when it names none.

    Ties go to the country named first, so an article is not assigned by the order of a dict.
    """
    scores = country_scores(doc, mentions, gazetteer)
    if not scores:
        return None
    first: dict[str, int] = {}
    for mention in sorted(mentions, key=lambda m: m.start):
        entry = gazetteer.entries.get(mention.entity)
        if entry is not None and entry.country:
            first.setdefault(entry.country, mention.start)
    return max(scores, key=lambda c: (scores[c], -first.get(c, -1)))


def clear_country(doc: Document, mentions: list[Mention], gazetteer: Gazetteer) -> str | None:
    """The article's country only when the text places it clearly, else None.

    The leader must weigh at least CLEAR_MIN and more than any other country: a story that names
    "the United States" once in passing has no clear country, so its generic titles ("the
    president") are not made offices of a country the text does not place them in; one filed from
    Rome, or titled after a country, has one even when its body never names the country again.
    """
    ranked = sorted(country_scores(doc, mentions, gazetteer).values(), reverse=True)
    if not ranked or ranked[0] < CLEAR_MIN or (len(ranked) > 1 and ranked[1] >= ranked[0]):
        return None
    return article_country(doc, mentions, gazetteer)
