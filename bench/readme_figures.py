"""Rewrite the figures of README.md that come from the sample build, so that they cannot drift.

    python bench/readme_figures.py            # build the sample corpus aside, rewrite the marked blocks
    python bench/readme_figures.py --check    # exit 1 if README.md is out of date (what the tests check)
    python bench/readme_figures.py --out DIR  # use an existing build of the sample corpus instead

A block is the text between ``<!-- figures:NAME -->`` and ``<!-- /figures:NAME -->``; `BLOCKS` makes each one.
"""

from __future__ import annotations

import argparse
import io
import re
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

README = Path(__file__).resolve().parents[1] / "README.md"
_BLOCK = re.compile(r"(<!-- figures:([\w-]+) -->\n)(.*?)(<!-- /figures:\2 -->)", re.DOTALL)


def sample_figures(out: Path) -> dict[str, int]:
    """Counts of a build of the sample corpus: from its store, and from its GraphML entity network."""
    import networkx as nx

    from govgraph import graph_stats
    from govgraph.graph.exports import export_graph
    from govgraph.namespaces import GG

    stats = graph_stats(out)
    network = nx.read_graphml(io.BytesIO(export_graph("graphml", out)))
    return {"triples": stats.triples, "graphs": stats.graphs, "articles": stats.articles, "claims": stats.claims,
            "quotes": stats.by_class.get("http://www.w3.org/ns/oa#SpecificResource", 0), "conflicts": stats.conflicts,
            "nodes": network.number_of_nodes(), "edges": network.number_of_edges(),
            "claim_triples": stats.claim_triples, "records": stats.by_class.get(str(GG.EvidenceRecord), 0),
            "methods": stats.by_class.get(str(GG.ExtractionMethod), 0)}


def quickstart(figures: dict[str, int]) -> str:
    return (f"The sample graph holds {figures['triples']:,} triples in {figures['graphs']} named graphs: "
            f"{figures['claims']:,} claims from {figures['articles']} articles, each linked to one of "
            f"{figures['quotes']} quoted sentences, and {figures['conflicts']} conflicts between sources. "
            f"Its entity network (`govgraph export -f graphml`) has {figures['nodes']:,} nodes and "
            f"{figures['edges']:,} edges.\n")


def provenance(figures: dict[str, int]) -> str:
    return (f"On the sample corpus a claim costs **{figures['claim_triples'] / figures['claims']:.2f} triples** "
            f"(`govgraph stats`: {figures['claim_triples']:,} triples for {figures['claims']:,} claims, the facts "
            f"they state, {figures['records']} evidence records and {figures['methods']} extraction methods).\n")


BLOCKS: dict[str, Callable[[dict[str, int]], str]] = {"quickstart": quickstart, "provenance": provenance}


def rewrite(text: str, figures: dict[str, int]) -> str:
    """The README text with every known block made again from `figures`.

    Raises:
        SystemExit: a block of `BLOCKS` is missing from the text.
    """
    missing = set(BLOCKS) - {match.group(2) for match in _BLOCK.finditer(text)}
    if missing:
        raise SystemExit(f"README.md has no <!-- figures:{sorted(missing)[0]} --> block")

    def fill(match: re.Match[str]) -> str:
        make = BLOCKS.get(match.group(2))
        return match.group(0) if make is None else match.group(1) + make(figures) + match.group(4)

    return _BLOCK.sub(fill, text)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, help="an existing build of the sample corpus (default: build one aside)")
    parser.add_argument("--check", action="store_true", help="only check; exit 1 if README.md is out of date")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="govgraph-figures-") as scratch:
        out = args.out
        if out is None:
            from govgraph import build_graph

            out = Path(scratch) / "sample"
            build_graph(out_dir=out, html=False)
        text = README.read_text(encoding="utf-8")
        updated = rewrite(text, sample_figures(out))
    if args.check:
        if updated != text:
            sys.exit("README.md figures are out of date: run `python bench/readme_figures.py`")
        return
    if updated != text:
        README.write_text(updated, encoding="utf-8")
    print("README.md figures " + ("rewritten" if updated != text else "already up to date"))


if __name__ == "__main__":
    main()
