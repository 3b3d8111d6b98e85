"""Recall and precision of the extractor on hand-labelled article sets.

Recall: the shared scorer (../shared/eval/score.py) over the set's gold facts.
Precision: for four relation types whose every instance the labeller listed (exhaustive.json),
each extracted statement is matched against that list:
  holds       a person holds an office      (gg:holds)
  size        a body has N members          (gg:memberCount)
  event_date  an event happened on a date   (gg:date on a gg:Event)
  vote_share  a party won N percent         (gg:voteShare of a gg:ElectionResult)
An extracted statement that matches no listed one is a false positive.

Usage: python bench/eval_extraction.py [SET_DIR ...]   (default: tests/heldout bench/heldout2)
A set folder holds articles/ (with manifest.json), gold.json and exhaustive.json.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import rdflib

ROOT = Path(__file__).resolve().parents[1]
SCORER = ROOT.parent / "shared" / "eval" / "score.py"
GG = rdflib.Namespace("https://w3id.org/govgraph#")
STOP = {"the", "of", "a", "an", "and", "in", "for", "on", "at", "to", "s", "mr", "ms", "former", "new"}

QUERIES = {
    "holds": "SELECT ?a ?b WHERE { ?p gg:holds ?o . ?p rdfs:label ?a . ?o rdfs:label ?b }",
    "size": "SELECT ?a ?b WHERE { ?s gg:memberCount ?b . ?s rdfs:label ?a }",
    "event_date": "SELECT ?a ?b WHERE { ?e gg:date ?b . ?e rdfs:label ?a . ?e a ?c . "
                  "FILTER(?c IN (gg:Election, gg:Referendum, gg:ParliamentarySession, gg:Address, gg:Unrest, gg:Event)) }",
    "vote_share": "SELECT ?a ?b WHERE { ?r gg:voteShare ?b ; gg:party ?p . ?p rdfs:label ?a }",
}


def tokens(text: str) -> set[str]:
    words = re.findall(r"[a-z0-9]+", text.lower().replace("’", "'"))
    return {w[:-1] if len(w) > 3 and w.endswith("s") else w for w in words if w not in STOP}


def same_number(a: str, b: object) -> bool:
    try:
        return abs(float(str(a)) - float(str(b))) < 1e-6
    except ValueError:
        return False


def same_date(extracted: str, gold: str) -> bool:
    """Equal, or one refines the other down to at least the month."""
    return extracted == gold or extracted.startswith(gold) or (gold.startswith(extracted) and len(extracted) >= 7)


def matches(kind: str, extracted: tuple[str, str], gold: list) -> bool:
    a, b = extracted
    ga, gb = str(gold[0]), gold[1]
    if kind == "holds":
        person_ok = tokens(a) & tokens(ga) and a.split()[-1].lower() == ga.split()[-1].lower()
        office_a, office_g = tokens(b), tokens(gb)
        return bool(person_ok) and bool(office_a) and (office_g <= office_a or office_a <= office_g)
    if kind == "event_date":  # the labeller's event descriptions are free text: the date decides
        return same_date(str(b), str(gb))
    return same_number(b, gb) and bool(tokens(a) & tokens(ga))


def precision(graph: rdflib.Graph, exhaustive: dict) -> dict[str, tuple[int, int, int, int]]:
    """kind -> (extracted, correct, gold, gold found)."""
    gold_by_kind: dict[str, list] = {k: [] for k in QUERIES}
    for per_article in exhaustive.values():
        for kind in QUERIES:
            gold_by_kind[kind].extend(per_article.get(kind, []))
    result = {}
    for kind, query in QUERIES.items():
        rows = {(str(r.a), str(r.b)) for r in graph.query("PREFIX gg: <https://w3id.org/govgraph#>\n" + query)}
        gold = gold_by_kind[kind]
        correct = sum(any(matches(kind, row, g) for g in gold) for row in rows)
        found = sum(any(matches(kind, row, g) for row in rows) for g in gold)
        result[kind] = (len(rows), correct, len(gold), found)
    return result


def measure(set_dir: Path) -> dict:
    """Build a set's articles (no HTML view) and measure: the scorer's report and, per relation type,
    (extracted, correct, gold, gold found)."""
    from govgraph.workflow import build_graph

    articles = set_dir / "articles"
    manifest = json.loads((articles / "manifest.json").read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out"
        sources = Path(tmp) / "sources.json"
        sources.write_text(json.dumps({d["file"]: d["title"] for d in manifest}), encoding="utf-8")
        build_graph([articles], out, html=False, incremental=False)
        report = subprocess.run([sys.executable, str(SCORER), str(out / "graph.ttl"), "--gold", str(set_dir / "gold.json"),
                                 "--sources", str(sources), "--json"], check=True, capture_output=True, text=True)
        graph = rdflib.Graph().parse(out / "graph.ttl", format="turtle")
    exhaustive = json.loads((set_dir / "exhaustive.json").read_text(encoding="utf-8"))
    return {"articles": len(manifest), "recall": json.loads(report.stdout), "precision": precision(graph, exhaustive)}


def evaluate(set_dir: Path) -> None:
    measured = measure(set_dir)
    recall = measured["recall"]
    print(f"\n== {set_dir.relative_to(ROOT)}: {measured['articles']} articles, {recall['facts']} gold facts")
    prov = recall["provenance"]
    print(f"recall {recall['found']}/{recall['facts']} = {100 * recall['recall']:.1f}%   "
          f"with the right source {prov['found_with_right_source']}/{recall['facts']} = "
          f"{100 * prov['found_and_right_source_over_all_facts']:.1f}%")
    print(f"{'relation':<12} {'extracted':>9} {'correct':>8} {'precision':>9} {'gold':>5} {'recall':>7}")
    totals = [0, 0, 0, 0]
    for kind, (extracted, correct, gold, found) in measured["precision"].items():
        totals = [t + v for t, v in zip(totals, (extracted, correct, gold, found), strict=True)]
        p = f"{100 * correct / extracted:.1f}%" if extracted else "-"
        r = f"{100 * found / gold:.1f}%" if gold else "-"
        print(f"{kind:<12} {extracted:>9} {correct:>8} {p:>9} {gold:>5} {r:>7}")
    e, c, g, f = totals
    print(f"{'all four':<12} {e:>9} {c:>8} {100 * c / max(e, 1):>8.1f}% {g:>5} {100 * f / max(g, 1):>6.1f}%")


def main(argv: list[str]) -> None:
    sets = [Path(a) for a in argv] or [ROOT / "tests" / "heldout", ROOT / "bench" / "heldout2"]
    for set_dir in sets:
        evaluate(set_dir.resolve())


if __name__ == "__main__":
    main(sys.argv[1:])
