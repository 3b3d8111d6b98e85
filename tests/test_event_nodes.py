"""One node per real event: names of councils are not votes, and undated mentions join only their article's event."""

from __future__ import annotations

from govgraph.build.records import Claim, Document, Entity, Extraction, Mention, Value
from govgraph.build.resolve import resolve
from govgraph.build.rules.examples import extract_text


def election_mentions(text: str) -> list[str]:
    extraction = extract_text(text)
    return [m.text for m in extraction.mentions
            if extraction.entities.get(m.entity) and extraction.entities[m.entity].cls in ("Election", "Referendum")]


def test_an_election_council_is_not_an_election():
    assert election_mentions("Supreme Election Council officials counted the ballots of the presidential election.") \
        == ["presidential election"]


def test_an_adjective_of_judgement_is_not_a_kind_of_election():
    extraction = extract_text("Ruritania held a crucial election and a mayoral election on 5 May 2024.")
    labels = {e.label for e in extraction.entities.values() if e.cls == "Election"}
    assert not any("crucial" in label for label in labels)
    assert any("mayoral election" in label for label in labels)


def _article(doc_id: str, date: str | None, events: list[tuple[str, int]]) -> Extraction:
    """An article naming event keys in the given sentences, each with a date claim made in its sentence."""
    extraction = Extraction(Document(doc_id=doc_id, path=f"{doc_id}.txt", text="", title="", date=date))
    for key, sentence in events:
        extraction.entities[key] = Entity(key, "Election", key.rsplit("/", 1)[1])
        extraction.mentions.append(Mention(doc_id, sentence, 0, 1, "x", key))
        extraction.claims.append(Claim(key, "gg:ordinal", Value("1", "integer"), doc_id, sentence, 0, 1, "t", 0.8))
    return extraction


def subjects(extraction: Extraction) -> set[str]:
    return {c.subject for c in extraction.claims}


def test_undated_election_joins_the_dated_one_its_article_leads_with():
    article = _article("a", None, [("event/tr/general-election-2015-06", 0), ("event/tr/general-election", 5)])
    resolve([article])
    assert subjects(article) == {"event/tr/general-election-2015-06"}


def test_undated_election_does_not_join_a_past_election_named_later():
    article = _article("a", None, [("event/tr/general-election", 0), ("event/tr/general-election-2011", 6)])
    resolve([article])
    assert subjects(article) == {"event/tr/general-election", "event/tr/general-election-2011"}
    dated = _article("b", "2015-06-10", [("event/tr/general-election", 0), ("event/tr/general-election-2011", 1)])
    resolve([dated])
    assert subjects(dated) == {"event/tr/general-election", "event/tr/general-election-2011"}


def test_undated_election_does_not_join_another_articles_dated_one():
    first = _article("a", None, [("event/tr/general-election", 0)])
    second = _article("b", None, [("event/tr/general-election-2011", 0)])
    resolve([first, second])
    assert subjects(first) == {"event/tr/general-election"}


def test_a_year_joins_its_month_across_articles():
    first = _article("a", None, [("event/tr/referendum-2017", 0)])
    second = _article("b", None, [("event/tr/referendum-2017-04", 0)])
    resolve([first, second])
    assert subjects(first) == {"event/tr/referendum-2017-04"}


def test_an_election_commission_is_not_an_election():
    assert election_mentions("The election commission said on Tuesday that the referendum law was passed.") == []
    assert election_mentions("The commission said on Tuesday that the referendum was valid.") == ["the referendum"]


def test_a_generic_vote_joins_the_articles_one_vote_of_a_narrower_kind():
    undated = _article("a", None, [("event/cl/election", 0), ("event/cl/constitutional-council-election", 4)])
    dated = _article("b", "2022-07-01", [("event/kz/referendum", 2), ("event/kz/constitutional-referendum-2022-06", 9)])
    resolve([undated, dated])
    assert subjects(undated) == {"event/cl/constitutional-council-election"}
    assert subjects(dated) == {"event/kz/constitutional-referendum-2022-06"}


def test_a_generic_vote_with_two_narrower_candidates_stays():
    article = _article("a", None, [("event/kz/election", 0), ("event/kz/senate-election", 1),
                                   ("event/kz/mazhilis-election", 2)])
    resolve([article])
    assert subjects(article) == {"event/kz/election", "event/kz/senate-election", "event/kz/mazhilis-election"}
    rival = _article("b", None, [("event/kz/election-2019", 0), ("event/kz/election", 1), ("event/kz/senate-election", 2),
                                 ("event/kz/election-2011", 3)])
    resolve([rival])
    assert "event/kz/election" in subjects(rival)


def test_a_generic_vote_does_not_join_a_past_vote_of_a_narrower_kind():
    article = _article("a", "2015-06-10", [("event/tr/election", 0), ("event/tr/presidential-election-2011", 1)])
    resolve([article])
    assert subjects(article) == {"event/tr/election", "event/tr/presidential-election-2011"}


def test_a_dated_generic_vote_joins_a_narrower_one_of_the_same_date_across_articles():
    generic = _article("a", None, [("event/kz/referendum-2022-06", 0)])
    narrower = _article("b", None, [("event/kz/constitutional-referendum-2022", 0)])
    other = _article("c", None, [("event/kz/referendum-2019-04", 0), ("event/kz/election", 1)])
    later = _article("d", None, [("event/kz/constitutional-referendum-2023-06", 0), ("event/kz/presidential-election", 1)])
    resolve([generic, narrower, other, later])
    assert subjects(generic) == {"event/kz/constitutional-referendum-2022"}
    assert subjects(other) == {"event/kz/referendum-2019-04", "event/kz/election"}  # another date; never undated
    assert subjects(later) == {"event/kz/constitutional-referendum-2023-06", "event/kz/presidential-election"}


def test_results_of_a_generic_vote_move_to_the_merged_vote():
    article = _article("a", None, [("event/cl/election", 0), ("event/cl/constitutional-council-election", 4)])
    article.entities["event/cl/election"].label = "Chile election"
    article.entities["event/cl/constitutional-council-election"].label = "Chile Constitutional Council election"
    result = "result/cl/election/party-cl-republicans"
    article.entities[result] = Entity(result, "ElectionResult", "Republicans in Chile election")
    article.claims.append(Claim("event/cl/election", "gg:result", result, "a", 0, 0, 1, "t", 0.8))
    article.claims.append(Claim(result, "gg:share", Value("35", "decimal"), "a", 0, 0, 1, "t", 0.8))
    resolve([article])
    moved = "result/cl/constitutional-council-election/party-cl-republicans"
    assert ("event/cl/constitutional-council-election", "gg:result", moved) in {
        (c.subject, c.predicate, c.obj) for c in article.claims}
    assert moved in subjects(article)
    assert article.entities[moved].label == "Republicans in Chile Constitutional Council election"
    assert article.entities["event/cl/constitutional-council-election"].label == "Chile Constitutional Council election"


def test_a_merged_event_keeps_the_label_of_the_surviving_key():
    article = _article("a", None, [("event/kz/referendum", 0), ("event/kz/referendum-2022-06", 1)])
    article.entities["event/kz/referendum-2022-06"].label = "Kazakhstan referendum (2022-06)"
    resolve([article])
    assert article.entities["event/kz/referendum-2022-06"].label == "Kazakhstan referendum (2022-06)"


def test_an_article_that_names_only_a_merged_key_gets_the_survivors_label():
    first = _article("a", "2022-07-01", [("event/kz/referendum-2022-06", 0)])
    second = _article("b", "2022-07-01", [("event/kz/referendum-2022", 0)])
    resolve([first, second])
    assert second.entities["event/kz/referendum-2022-06"].label == "referendum-2022-06"


def test_a_dated_generic_vote_does_not_join_an_undated_narrower_one():
    """'since the 2018 election' in an article about this Sunday's regional elections: two votes."""
    article = _article("a", None, [("event/it/regional-election", 0), ("event/it/election-2018", 0)])
    resolve([article])
    assert subjects(article) == {"event/it/regional-election", "event/it/election-2018"}


def test_the_rounds_of_a_merged_vote_move_with_it():
    article = _article("a", None, [("event/ro/presidential-election-2024-11", 0), ("event/ro/presidential-election", 5)])
    undated_round = "event/ro/presidential-election/round-1"
    dated_round = "event/ro/presidential-election-2024-11/round-1"
    for key, parent in ((undated_round, "event/ro/presidential-election"),
                        (dated_round, "event/ro/presidential-election-2024-11")):
        article.entities[key] = Entity(key, "Election", "first round of the Romania presidential election")
        article.claims.append(Claim(key, "gg:roundOf", parent, "a", 0, 0, 1, "t", 0.8))
    resolve([article])
    assert undated_round not in article.entities
    assert ("event/ro/presidential-election-2024-11/round-1", "gg:roundOf", "event/ro/presidential-election-2024-11") in {
        (c.subject, c.predicate, c.obj) for c in article.claims}
