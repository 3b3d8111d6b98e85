"""List the election and referendum nodes a build makes, with the mentions, dates and results each gathers.

Usage:
    python bench/event_nodes.py INPUTS... [--cache DIR]

For judging by hand how many nodes a real event gets (one is right): each node is printed with every
article and sentence that names it and the dates and results stated of it.
"""

from __future__ import annotations

import argparse
from collections import defaultdict
from pathlib import Path

from govgraph.build.pipeline import extract_corpus
from govgraph.build.records import Value

VOTES = ("Election", "Referendum")
RESULTS = ("gg:result", "gg:turnout", "gg:voteCount", "gg:seats", "gg:threshold", "gg:votesRequired")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("inputs", nargs="+", type=Path)
    parser.add_argument("--cache", type=Path, default=None, help="extraction cache folder (reused across runs)")
    args = parser.parse_args()
    result = extract_corpus(args.inputs, cache_dir=args.cache)
    votes = {k: e for k, e in result.entities.items() if e.cls in VOTES}
    mentions: dict[str, list[str]] = defaultdict(list)
    facts: dict[str, set[str]] = defaultdict(set)
    for extraction in result.extractions:
        for mention in extraction.mentions:
            if mention.entity in votes:
                mentions[mention.entity].append(f"{extraction.document.doc_id}#{mention.sentence}: {mention.text}")
        for claim in extraction.claims:
            if claim.subject in votes and (claim.predicate == "gg:date" or claim.predicate in RESULTS):
                shown = claim.obj.lexical if isinstance(claim.obj, Value) else claim.obj.rsplit("/", 1)[-1]
                facts[claim.subject].add(f"{claim.predicate} {shown}")
    for key in sorted(votes):
        print(f"{votes[key].label}  [{key}]")
        for fact in sorted(facts[key]):
            print(f"    {fact}")
        for line in mentions[key]:
            print(f"    - {line}")
    print(f"{len(votes)} election and referendum nodes")


if __name__ == "__main__":
    main()
