"""`govgraph query` and `govgraph queries` end to end."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pyoxigraph as ox

from conftest import run_cli
from govgraph.namespaces import ID
from govgraph.queries import named_queries


def test_queries_lists_every_named_query_with_its_parameters():
    result = run_cli("queries")
    assert result.returncode == 0, result.stderr
    for query in named_queries().values():
        assert f"{query.name} — {query.title}" in result.stdout
    assert "--param office=…  the office, by name" in result.stdout


def test_table_shows_labels_aligned(sample_build: Path):
    result = run_cli("query", "parliament", "--out", str(sample_build))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["parliament", "chamber", "rank", "members", "selection", "electedBy", "appointedBy"]
    assert set(lines[1].replace(" ", "")) == {"-"}
    assert any(line.startswith("Parliament of Kazakhstan") and "Mazhilis" in line for line in lines[2:])
    assert lines[-1].endswith("rows")
    assert "https://" not in result.stdout


def test_json_is_w3c_query_results_json(sample_build: Path):
    result = run_cli("query", "branches", "--out", str(sample_build), "--format", "json")
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["head"]["vars"] == ["branch", "body", "type", "partOf"]
    mazhilis = {"type": "uri", "value": f"{ID}kz/mazhilis"}
    assert any(b["body"] == mazhilis for b in document["results"]["bindings"])
    parsed = ox.parse_query_results(result.stdout, ox.QueryResultsFormat.JSON)
    assert len(list(parsed)) == len(document["results"]["bindings"])


def test_csv_and_tsv(sample_build: Path):
    as_csv = run_cli("query", "sources", "--out", str(sample_build), "-f", "csv")
    assert as_csv.returncode == 0, as_csv.stderr
    table = list(csv.reader(io.StringIO(as_csv.stdout)))
    assert table[0] == ["document", "date", "publisher", "author", "entities", "claims"]
    assert len(table) == 6 and all(row[0].startswith(f"{ID}doc/") for row in table[1:])
    as_tsv = run_cli("query", "sources", "--out", str(sample_build), "-f", "tsv")
    assert as_tsv.stdout.splitlines()[0] == "?document\t?date\t?publisher\t?author\t?entities\t?claims"
    assert len(list(ox.parse_query_results(as_tsv.stdout, ox.QueryResultsFormat.TSV))) == 5


def test_inline_sparql_and_rq_file_with_a_bound_parameter(sample_build: Path, tmp_path: Path):
    sparql = "SELECT ?label WHERE { ?x skos:prefLabel ?label } ORDER BY ?label"
    inline = run_cli("query", sparql, "--out", str(sample_build), "--param", "x=ggid:kz/senate", "-f", "csv")
    assert inline.returncode == 0, inline.stderr
    assert inline.stdout.split() == ["label", "Senate", "of", "Kazakhstan"]
    query_file = tmp_path / "labels.rq"
    query_file.write_text("# title: Labels\n# param: x — the thing (iri)\n" + sparql + "\n", encoding="utf-8")
    from_file = run_cli("query", str(query_file), "--out", str(sample_build), "-p", "x=ggid:kz/senate", "-f", "csv")
    assert from_file.stdout == inline.stdout
    refused = run_cli("query", str(query_file), "--out", str(sample_build), "-p", "x=Senate")
    assert refused.returncode == 2 and "not an IRI" in refused.stderr


def test_a_parameter_value_cannot_change_the_query(sample_build: Path):
    hostile = 'Mazhilis" } } SELECT * WHERE { ?s ?p ?o } #'
    result = run_cli("query", "entity", "--out", str(sample_build), "-p", f"entity={hostile}", "-f", "csv")
    assert result.returncode == 2 and result.stdout == ""  # looked up as a name: nothing is called that
    assert "nothing in the graph is named" in result.stderr and result.stderr.count("\n") == 1
    inline = run_cli("query", "SELECT ?x WHERE { ?x rdfs:label ?entity }", "--out", str(sample_build),
                     "-p", f"entity={hostile}", "-f", "csv")
    assert inline.returncode == 0 and inline.stdout.strip() == "x"


def test_long_one_line_query_is_not_taken_for_a_file(sample_build: Path):
    long_query = "SELECT ?x WHERE { ?x a gg:HeadOfState . " + "FILTER(true) " * 40 + "}"
    result = run_cli("query", long_query, "--out", str(sample_build), "-f", "csv")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["x", f"{ID}kz/president"]


def test_construct_gives_turtle(sample_build: Path):
    result = run_cli("query", "describe", "-p", "entity=Mazhilis", "--out", str(sample_build))
    assert result.returncode == 0, result.stderr
    triples = list(ox.parse(result.stdout.encode("utf-8"), ox.RdfFormat.TURTLE))
    assert triples and {t.subject.value for t in triples} == {f"{ID}kz/mazhilis"}


def test_ask_answers_yes_or_no(sample_build: Path):
    result = run_cli("query", "ASK { ggid:kz\\/mazhilis gg:chamberOf ggid:kz\\/parliament }", "--out", str(sample_build))
    assert result.stdout == "yes\n"
    as_csv = run_cli("query", "ASK { ?s gg:chamberOf ?p }", "--out", str(sample_build), "-f", "csv")
    assert as_csv.stdout == "true\n"


def test_malformed_sparql_is_one_line_with_the_position_and_exit_2(sample_build: Path):
    result = run_cli("query", "SELECT ?x WHERE {\n  ?x a gg:Office FILTER( }", "--out", str(sample_build))
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1
    assert "malformed SPARQL at line 2, column" in lines[0]
    assert "Traceback" not in result.stderr


def test_malformed_sparql_position_is_that_of_the_text_written_even_with_parameters(sample_build: Path):
    result = run_cli("query", "SELECT ?x WHERE { ?x a ?type . FILTER( }", "-p", "type=gg:Office",
                     "--out", str(sample_build))
    assert result.returncode == 2
    assert "line 1, column 41" in result.stderr  # the VALUES block added for the parameter shifts nothing


def test_usage_errors_are_one_line(sample_build: Path, tmp_path: Path):
    binary = tmp_path / "binary.rq"
    binary.write_bytes(b"SELECT \xff")
    cases = [
        (["query", "parliment", "--out", str(sample_build)], "did you mean parliament"),
        (["query", "office-holder-on-date", "--out", str(sample_build)], "needs --param office"),
        (["query", "branches", "-p", "colour=red", "--out", str(sample_build)], "has no parameter colour"),
        (["query", "branches", "-p", "colour", "--out", str(sample_build)], "write name=value"),
        (["query", "branches", "-f", "yaml", "--out", str(sample_build)], "unknown --format"),
        (["query", str(tmp_path / "missing.rq"), "--out", str(sample_build)], "cannot read the query file"),
        (["query", str(binary), "--out", str(sample_build)], "not UTF-8"),
    ]
    for args, message in cases:
        result = run_cli(*args)
        assert result.returncode == 2, (args, result.stderr)
        assert message in result.stderr and len(result.stderr.splitlines()) == 1, result.stderr
    missing = run_cli("query", "branches", "--out", str(tmp_path / "nothing"))
    assert missing.returncode == 1 and "run `govgraph build` first" in missing.stderr
