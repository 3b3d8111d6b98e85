"""The named queries' files: headers, parameters, syntax; header parsing and prefix prologues."""

from __future__ import annotations

import re

import pytest

from govgraph.errors import QueryError
from govgraph.graph.store import check_syntax
from govgraph.namespaces import PREFIXES
from govgraph.queries import named_queries, named_query
from govgraph.queries.catalog import PARAM_TYPES, parse_header, prologue_for

# The questions of issue 4, each answered by one named query.
ISSUE_QUESTIONS = {
    "branches and their bodies": "branches",
    "composition of Parliament": "parliament",
    "offices and their holders": "offices",
    "who held an office on a date": "office-holder-on-date",
    "reforms by kind": "reforms",
    "state of a body or office before and after a reform": "before-after",
    "reforms that strengthen Parliament": "reforms-strengthening-parliament",
    "reforms that reduce the President's powers": "reforms-reducing-presidential-powers",
    "what each reform changed, from what to what": "reform-changes",
    "offices elected directly vs appointed": "selection-methods",
    "a timeline of events": "timeline",
    "the sources and quotes behind a fact": "fact-sources",
    "conflicting claims between sources": "conflicts",
    "the entities most sources mention": "most-mentioned",
    "people and their roles": "people",
    "parties and their results": "parties",
    "regions created": "regions-created",
    "documents to be adopted or revised": "documents",
    "rights institutions": "rights-institutions",
}


def test_at_least_twenty_named_queries_cover_the_issue_questions():
    queries = named_queries()
    assert len(queries) >= 20
    for question, name in ISSUE_QUESTIONS.items():
        assert name in queries, question


@pytest.mark.parametrize("name", sorted(named_queries()))
def test_each_named_query_has_a_header_and_parses(name: str):
    query = named_query(name)
    assert query.title and query.title != name
    assert len(query.description) > 40
    assert not query.body.lstrip().startswith("#")
    check_syntax(query.text)  # raises QueryError on malformed SPARQL
    for param in query.params:
        assert param.type in PARAM_TYPES
        assert re.search(rf"\?{param.name}\b", query.body), f"{name}: parameter {param.name} is never used"


def test_titles_are_distinct():
    titles = [q.title for q in named_queries().values()]
    assert len(titles) == len(set(titles))


def test_text_declares_every_prefix_it_uses_and_no_other():
    query = named_query("fact-sources")
    declared = set(re.findall(r"^PREFIX (\w+):", query.text, re.MULTILINE))
    assert {"gg", "rdf", "oa"} <= declared
    assert "foaf" not in declared and "schema" not in declared
    for prefix in declared:
        assert f"<{PREFIXES[prefix]}>" in query.text


def test_prologue_ignores_prefixes_inside_strings_iris_and_comments():
    sparql = 'PREFIX gg: <https://w3id.org/govgraph#>\n# foaf:name\nSELECT * WHERE { ?s gg:x "schema:y" ; <http://a/b:c> ?o }'
    assert prologue_for(sparql) == ""


def test_header_with_continuation_lines_and_optional_parameter():
    text = (
        "# title: Who held it\n"
        "# description: The people who held an office\n"
        "#   on a given day.\n"
        "# param: office — the office, by name (entity)\n"
        "# param: date — the day (date, optional)\n"
        "SELECT ?x WHERE { ?x ?p ?office }\n"
    )
    query = parse_header(text, "q")
    assert query.title == "Who held it"
    assert query.description == "The people who held an office on a given day."
    assert [(p.name, p.type, p.optional) for p in query.params] == [("office", "entity", False), ("date", "date", True)]
    assert query.body == "SELECT ?x WHERE { ?x ?p ?office }\n"


@pytest.mark.parametrize("line", ["# param: 1bad — meaning (entity)", "# param: x — meaning (colour)",
                                  "# param: no dash here"])
def test_malformed_parameter_lines_are_refused(line: str):
    with pytest.raises(QueryError, match="parameter"):
        parse_header(f"# title: t\n{line}\nSELECT * WHERE {{}}\n", "q")


def test_unknown_name_suggests_close_ones():
    with pytest.raises(QueryError, match="did you mean parliament"):
        named_query("parliment")
