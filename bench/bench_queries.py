"""Median latency of each named query on a build (not a test: prints figures).

    python bench/bench_queries.py                 # builds the bundled sample corpus in a temporary folder
    python bench/bench_queries.py --out kz-graph  # an existing build
    python bench/bench_queries.py --repeat 21 --labels

Each query runs once to warm up, then `--repeat` times through `govgraph.run_query` on an open
embedded store (opening the store is not counted); the table gives the median, the fastest and
the slowest run, and the number of rows (or triples).
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from govgraph import build_graph, open_store, run_query
from govgraph.queries import named_queries

# Parameters for the named queries that take them: things the sample corpus mentions.
PARAMS = {
    "before-after": {"entity": "Mazhilis"},
    "describe": {"entity": "Mazhilis"},
    "entity": {"entity": "Mazhilis"},
    "fact-sources": {"entity": "Mazhilis"},
    "office-holder-on-date": {"office": "President", "date": "2022-06-01"},
}


def measure(store_dir: Path, repeat: int, labels: bool) -> list[tuple[str, int, float, float, float]]:
    """(name, rows, median ms, min ms, max ms) for every named query."""
    store = open_store(store_dir)
    figures = []
    try:
        for name in named_queries():
            params = PARAMS.get(name)
            rows = len(run_query(name, params, store=store, labels=labels))
            times = []
            for _ in range(repeat):
                started = time.perf_counter()
                run_query(name, params, store=store, labels=labels)
                times.append((time.perf_counter() - started) * 1000)
            figures.append((name, rows, statistics.median(times), min(times), max(times)))
    finally:
        store.close()
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, help="a build folder (default: build the sample corpus in a temporary one)")
    parser.add_argument("--repeat", type=int, default=11, help="timed runs per query (default 11)")
    parser.add_argument("--labels", action="store_true", help="include the label lookup the table output does")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        out = args.out
        if out is None:
            out = Path(scratch) / "out"
            summary = build_graph(None, out, html=False)
            print(f"sample build: {summary.articles} articles, {summary.triples} triples")
        figures = measure(out / "store", args.repeat, args.labels)
    width = max(len(name) for name, *_ in figures)
    print(f"{'query'.ljust(width)}  {'rows':>5}  {'median ms':>9}  {'min ms':>7}  {'max ms':>7}")
    for name, rows, median, fastest, slowest in figures:
        print(f"{name.ljust(width)}  {rows:>5}  {median:>9.2f}  {fastest:>7.2f}  {slowest:>7.2f}")
    total = sum(median for _, _, median, _, _ in figures)
    print(f"{len(figures)} queries, {args.repeat} runs each; sum of medians {total:.1f} ms")


if __name__ == "__main__":
    main()
