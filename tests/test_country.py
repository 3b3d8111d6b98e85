"""The article's country: where and how the text names it, not how often a country is named in passing."""

from __future__ import annotations

from govgraph.build.context import DocContext
from govgraph.build.gazetteer import default_gazetteer
from govgraph.build.mentions import find_mentions
from govgraph.build.nlp import parse, sentence_spans
from govgraph.build.people import article_country
from govgraph.build.records import Document, Extraction


def context_of(text: str, title: str = "", dateline_place: str | None = None) -> DocContext:
    doc = Document(doc_id="t", path="t.txt", text=text, title=title, dateline_place=dateline_place)
    parsed = next(parse([text]))
    doc.sentences = sentence_spans(parsed)
    gazetteer = default_gazetteer()
    extraction = Extraction(doc)
    extraction.mentions = find_mentions(doc, gazetteer)
    return DocContext(extraction, gazetteer, parsed)


def country_of(text: str, title: str = "", dateline_place: str | None = None) -> str | None:
    return context_of(text, title, dateline_place).country_key


def test_lead_and_demonym_beat_a_partner_named_more_often_later():
    text = ("Filipino lawmakers approved the draft charter on Tuesday.\n\n"
            "The draft follows models from the United States.\n\n"
            "Critics said the United States system does not fit.\n\n"
            "Officials from the United States declined to comment.")
    assert country_of(text) == "ph/country"


def test_title_names_the_country():
    text = ("The assembly voted on Monday.\n\nA delegation from France observed the vote, "
            "and France praised it.")
    assert country_of(text, title="Kenya's parliament passes reform bill") == "ke/country"
    assert country_of(text, title="Parliament passes reform bill") == "fr/country"


def test_dateline_place_names_the_country():
    text = "The president signed the amendment.\n\nThe move was welcomed in Germany and in Germany's press."
    assert country_of(text, dateline_place="Kyiv, Ukraine") == "ua/country"
    assert country_of(text) == "de/country"


def test_no_country_named():
    assert country_of("The committee met on Monday.") is None


def test_institutions_outweigh_a_country_named_often_in_passing():
    text = ("The vote was held on Sunday.\n\n"
            "Observers from Russia, Russia's allies and Russia's critics watched. Russia said little.\n\n"
            "The Jogorku Kenesh passed the bill, and Ata-Meken voted against it.")
    assert country_of(text) == "kg/kyrgyzstan"


def test_a_capital_in_the_lead_places_the_article():
    text = ("Manila: A panel tasked by the president submitted the draft charter to the House.\n\n"
            "The draft borrows from the United States and from Germany.\n\nIts models were the United States.")
    assert country_of(text) == "ph/country"
    assert country_of("Officials in Nairobi said the count was over.") == "ke/country"
    assert country_of("Santiago Abascal spoke in the debate.") is None  # a given name, not Chile's capital


def test_a_dateline_alone_places_national_titles():
    """The country the offices go to weighs the dateline and title too, not only the body's mentions."""
    text = "The reform makes the election of the prime minister direct, for a mandate of five years."
    assert article_country(context_of(text, dateline_place="Rome")) == "it/country"
    assert article_country(context_of(text, title="Italy's senators debate the reform")) == "it/country"
    assert article_country(context_of(text)) is None


def test_a_country_named_once_in_passing_or_in_a_tie_is_not_clear():
    passing = "The committee met on Monday.\n\nThe talks went on.\n\nA delegation from France observed the vote."
    assert article_country(context_of(passing)) is None
    twice = passing + "\n\nFrance said it was satisfied."
    assert article_country(context_of(twice)) == "fr/country"
    tie = "The committee met on Monday.\n\nThe talks went on.\n\nDelegations from France and Spain observed the vote."
    assert article_country(context_of(tie)) is None


def test_a_body_named_by_a_generic_title_belongs_to_one_country():
    from govgraph.build.rules.examples import extract_text

    extraction = extract_text("Romania's Constitutional Court annulled the vote, and Moldova's Constitutional Court "
                              "upheld the law. The Supreme Court did not rule.")
    courts = {m.entity for m in extraction.mentions if "court" in m.entity}
    assert courts == {"org/ro/constitutional-court", "org/md/constitutional-court", "org/ro/supreme-court"}
    assert not any(key.startswith("common/") for key in extraction.entities)


def test_a_country_name_in_capitals_before_a_party_noun_is_no_mention_of_the_country():
    ctx = context_of("In Peru, the opposition PERU bloc won 12 seats, and the ruling party of Peru lost.")
    written = [ctx.extraction.document.text[m.start : m.end] for m in ctx.extraction.mentions]
    assert written.count("Peru") == 2
    assert "PERU" not in written
