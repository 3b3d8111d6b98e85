"""A sheet for grading recall strictly by hand: a seeded sample of the labelled facts, each with what the graph
states from the sentence that holds the fact.

Usage:
    python bench/realworld/grade.py OUT_DIR QUOTES.json [QUOTES.json ...] [--size 100] [--seed 7] [--only-quoted]
        [--gold FACTS.json]

OUT_DIR is a build of the real-article texts (`run.py TEXTS --out OUT_DIR`); the quotes files map a fact's id
to the words of its article that state it (kept outside the repository with the texts). For each sampled
fact the sheet prints the fact, the lenient scorer's verdict, and every claim (other than mentions) whose
sentence contains the quote or lies inside it; the grader marks the fact found only when one of those claims
states it with the right subject, relation and value.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox

HERE = Path(__file__).resolve().parent
SCORER = HERE.parents[1].parent / "shared" / "eval" / "score.py"
CLAIMS = """
PREFIX gg: <https://w3id.org/govgraph#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX oa: <http://www.w3.org/ns/oa#>
SELECT DISTINCT ?s ?p ?o ?q ?sentence ?doc WHERE {
  ?claim a gg:Claim ; rdf:subject ?subject ; rdf:predicate ?p ; rdf:object ?object ; gg:hasEvidence ?record .
  ?record gg:evidence ?ev ; gg:statedIn ?doc .
  FILTER(?p != gg:mentions)
  ?ev oa:hasSelector ?sel . ?sel oa:exact ?sentence .
  OPTIONAL { ?claim gg:qualifier ?q }
  OPTIONAL { ?subject rdfs:label ?sl }
  OPTIONAL { ?object rdfs:label ?ol }
  BIND(COALESCE(?sl, STR(?subject)) AS ?s)
  BIND(COALESCE(?ol, STR(?object)) AS ?o)
}
"""


def squash(text: str) -> str:
    return " ".join(text.split())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("quotes", type=Path, nargs="+")
    parser.add_argument("--size", type=int, default=100)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--gold", type=Path, default=HERE / "facts.json", help="the labelled facts (default: facts.json)")
    parser.add_argument("--only-quoted", action="store_true",
                        help="sample only the facts the quotes files hold (to grade an earlier sample again)")
    args = parser.parse_args()
    facts = json.loads(args.gold.read_text(encoding="utf-8"))
    quotes: dict[str, str] = {}
    for path in args.quotes:
        quotes.update(json.loads(path.read_text(encoding="utf-8")))
    if args.only_quoted:
        facts = [fact for fact in facts if fact["id"] in quotes]
    report = json.loads(subprocess.run(
        [sys.executable, str(SCORER), str(args.out / "graph.ttl"), "--gold", str(args.gold), "--json"],
        check=True, capture_output=True, text=True).stdout)
    verdict = {r["id"]: r for r in report["results"]}
    store = ox.Store.read_only(str(args.out / "store"))
    claims = [tuple((row[n].value if row[n] is not None else "") for n in ("s", "p", "o", "q", "sentence", "doc"))
              for row in store.query(CLAIMS, use_default_graph_as_union=True)]
    sample = sorted(facts, key=lambda f: f["id"])
    random.Random(args.seed).shuffle(sample)
    for n, fact in enumerate(sample[: args.size], 1):
        quote = squash(quotes.get(fact["id"], ""))
        stem = Path(fact["source"]).stem
        near = sorted({c for c in claims if c[5].endswith(stem) and quote
                       and (quote in squash(c[4]) or squash(c[4]) in quote)})
        found = verdict.get(fact["id"], {})
        print(f"## {n}. {fact['id']} [{fact['subject']}] {fact['relation']} [{fact['object']}] ({fact['object_kind']})")
        print(f"lenient scorer: {'found' if found.get('found') else 'missed'} {found.get('path') or found.get('reason') or ''}")
        print(f"quote: {quote}")
        for s, p, o, q, _, _ in near:
            print(f"  - [{s}] {p.rsplit('#', 1)[-1]} {q + ' ' if q else ''}[{o}]")
        print("verdict: \n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
