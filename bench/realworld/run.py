"""Build a folder of the real-article set's texts and measure extraction on it.

Usage:
    python bench/realworld/run.py TEXTS_DIR [--out DIR] [--nlp NAME] [--sample N] [--seed S]

1. the build of `govgraph build TEXTS_DIR --fresh`, without the HTML view (the folder holds the texts and
   `manifest.json`; when it has none, a temporary copy gets this folder's manifest.json);
2. recall: the shared scorer (`../shared/eval/score.py`) over `facts.json`, in all and per country;
3. with --sample N: a reproducible random sample (seeded) of the stated facts other than mentions, each shown
   with its sentence, for judging precision by hand.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

import pyoxigraph as ox

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
SCORER = ROOT.parent / "shared" / "eval" / "score.py"

CLAIMS = """
PREFIX gg: <https://w3id.org/govgraph#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX oa: <http://www.w3.org/ns/oa#>
SELECT DISTINCT ?claim ?s ?p ?o ?sentence ?extractor ?doc WHERE {
  ?claim a gg:Claim ; rdf:subject ?subject ; rdf:predicate ?p ; rdf:object ?object ;
         gg:hasEvidence ?record ; gg:extractedBy/gg:extractor ?extractor .
  ?record gg:evidence ?ev ; gg:statedIn ?doc .
  FILTER(?p != gg:mentions)
  ?ev oa:hasSelector ?sel . ?sel oa:exact ?sentence .
  OPTIONAL { ?subject rdfs:label ?sl }
  OPTIONAL { ?object rdfs:label ?ol }
  BIND(COALESCE(?sl, STR(?subject)) AS ?s)
  BIND(COALESCE(?ol, STR(?object)) AS ?o)
}
"""


def country_of(file_name: str) -> str:
    parts = file_name.split("_")
    return parts[1] if len(parts) > 2 else "?"


def build(texts: Path, out: Path, nlp: str) -> None:
    from govgraph.workflow import build_graph

    summary = build_graph([texts], out, html=False, incremental=False, nlp=nlp)
    print(f"{summary.articles} articles, {summary.claims} claims, {summary.seconds:.1f} s")


def score(out: Path, gold: Path) -> dict:
    result = subprocess.run([sys.executable, str(SCORER), str(out / "graph.ttl"), "--gold", str(gold), "--json"],
                            check=True, capture_output=True, text=True)
    return json.loads(result.stdout)


def report_recall(report: dict, facts: list[dict]) -> None:
    found = {r["id"] for r in report["results"] if r["found"]}
    by_country: Counter[str] = Counter()
    hit: Counter[str] = Counter()
    for fact in facts:
        country = country_of(fact["source"])
        by_country[country] += 1
        hit[country] += fact["id"] in found
    total = sum(by_country.values())
    print(f"recall (shared scorer): {len(found)}/{total} = {100 * len(found) / total:.1f}%")
    for country in sorted(by_country):
        print(f"  {country:12} {hit[country]:3}/{by_country[country]:3}")


def sample_claims(out: Path, size: int, seed: int) -> None:
    store = ox.Store.read_only(str(out / "store"))
    rows = [
        tuple(row[name].value for name in ("s", "p", "o", "sentence", "extractor", "doc"))
        for row in store.query(CLAIMS, use_default_graph_as_union=True)
    ]
    rows.sort()
    random.Random(seed).shuffle(rows)
    print(f"\nsample of {min(size, len(rows))} of {len(rows)} stated facts other than mentions (seed {seed}):")
    for n, (s, p, o, sentence, extractor, doc) in enumerate(rows[:size], 1):
        name = p.rsplit("#", 1)[-1]
        print(f"{n:3}. [{s}] {name} [{o}]   ({extractor}, {doc.rsplit('/', 1)[-1]})\n     > {' '.join(sentence.split())}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("texts", type=Path)
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--nlp", default="en_core_web_sm")
    parser.add_argument("--sample", type=int, default=0)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--gold", type=Path, default=HERE / "facts.json",
                        help="the labelled facts (default: the development set's facts.json)")
    args = parser.parse_args()
    facts = json.loads(args.gold.read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        texts = args.texts
        if not (texts / "manifest.json").exists():
            texts = Path(tmp) / "texts"
            shutil.copytree(args.texts, texts)
            shutil.copy(HERE / "manifest.json", texts / "manifest.json")
        out = args.out or Path(tmp) / "out"
        build(texts, out, args.nlp)
        report_recall(score(out, args.gold), facts)
        if args.sample:
            sample_claims(out, args.sample, args.seed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
