"""Median latency of each named query on a build (not a test: prints figures).

    python bench/bench_queries.py                 # builds the bundled sample corpus in a temporary folder
    python bench/bench_queries.py --out kz-graph  # an existing build
    python bench/bench_queries.py --repeat 21 --labels
    python bench/bench_queries.py --out /tmp/q1k/out --repeat 3 --timeout 60 --only people,offices
    python bench/bench_queries.py --out kz-graph --param office-holder-on-date.office=Akim

Each query runs once to warm up, then `--repeat` times through `govgraph.run_query` on an open
embedded store (opening the store is not counted); the table gives the median, the fastest and
the slowest run, and the number of rows (or triples). With `--timeout`, each query runs in a
separate process that is killed after that many seconds (pyoxigraph cannot interrupt a query); its
row then says `timeout`. A query whose warm-up takes over a second is timed at most 3 times.
"""

from __future__ import annotations

import argparse
import multiprocessing
import statistics
import tempfile
import time
from multiprocessing.connection import Connection
from pathlib import Path

from govgraph.graph.store import open_store
from govgraph.queries import named_queries
from govgraph.queries.runner import run_query
from govgraph.workflow import build_graph

# Parameters for the named queries that take them: things the sample corpus (and the synthetic one) mention.
PARAMS = {
    "before-after": {"entity": "Mazhilis"},
    "describe": {"entity": "Mazhilis"},
    "entity": {"entity": "Mazhilis"},
    "fact-sources": {"entity": "Mazhilis"},
    "office-holder-on-date": {"office": "President", "date": "2022-06-01"},
    "state-on-date": {"date": "2022-06-01"},
}
LIMITS_MS = (100, 1_000, 60_000)

Figure = tuple[str, int | None, float | None, float | None, float | None]


def time_query(store_dir: Path, name: str, params: dict[str, str] | None, repeat: int, labels: bool) -> Figure:
    """(name, rows, median ms, min ms, max ms) of one named query: one warm-up, then the timed runs."""
    store = open_store(store_dir)
    try:
        started = time.perf_counter()
        rows = len(run_query(name, params, store=store, labels=labels))
        if time.perf_counter() - started > 1:
            repeat = min(repeat, 3)
        times = []
        for _ in range(repeat):
            started = time.perf_counter()
            run_query(name, params, store=store, labels=labels)
            times.append((time.perf_counter() - started) * 1000)
    finally:
        store.close()
    return name, rows, statistics.median(times), min(times), max(times)


def _child(sink: Connection, store_dir: Path, name: str, params: dict[str, str] | None, repeat: int,
           labels: bool) -> None:
    sink.send(time_query(store_dir, name, params, repeat, labels))


def time_query_within(store_dir: Path, name: str, params: dict[str, str] | None, repeat: int, labels: bool,
                      timeout: float) -> Figure:
    """`time_query` in a separate process, killed after `timeout` seconds (then rows and times are None)."""
    context = multiprocessing.get_context()
    receive, send = context.Pipe(duplex=False)
    process = context.Process(target=_child, args=(send, store_dir, name, params, repeat, labels))
    process.start()
    send.close()  # a child that fails closes the pipe: poll returns and recv raises EOFError
    try:
        if receive.poll(timeout):
            return receive.recv()
        process.kill()
        return name, None, None, None, None
    except EOFError:
        raise SystemExit(f"{name} failed (its traceback is above)") from None
    finally:
        process.join()


def parse_params(given: list[str]) -> dict[str, dict[str, str]]:
    """PARAMS with `QUERY.PARAM=VALUE` overrides."""
    params = {name: dict(values) for name, values in PARAMS.items()}
    for item in given:
        key, equals, value = item.partition("=")
        query, dot, param = key.partition(".")
        if not (equals and dot and query and param):
            raise SystemExit(f"--param {item!r}: expected QUERY.PARAM=VALUE")
        params.setdefault(query, {})[param] = value
    return params


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, help="a build folder (default: build the sample corpus in a temporary one)")
    parser.add_argument("--repeat", type=int, default=11, help="timed runs per query (default 11)")
    parser.add_argument("--labels", action="store_true", help="include the label lookup the table output does")
    parser.add_argument("--timeout", type=float, help="stop a query after this many seconds (each query in its own process)")
    parser.add_argument("--only", help="comma-separated names of the queries to time (default: all)")
    parser.add_argument("--param", action="append", default=[], metavar="QUERY.PARAM=VALUE",
                        help="a parameter for a query, e.g. office-holder-on-date.office=Akim (repeatable)")
    args = parser.parse_args()
    params = parse_params(args.param)
    names = list(named_queries())
    if args.only:
        wanted = [name.strip() for name in args.only.split(",") if name.strip()]
        unknown = sorted(set(wanted) - set(names))
        if unknown:
            raise SystemExit(f"--only: unknown queries {', '.join(unknown)}")
        names = wanted
    with tempfile.TemporaryDirectory() as scratch:
        out = args.out
        if out is None:
            out = Path(scratch) / "out"
            summary = build_graph(None, out, html=False)
            print(f"sample build: {summary.articles} articles, {summary.triples} triples")
        figures = []
        for name in names:
            if args.timeout:
                figure = time_query_within(out / "store", name, params.get(name), args.repeat, args.labels, args.timeout)
            else:
                figure = time_query(out / "store", name, params.get(name), args.repeat, args.labels)
            figures.append(figure)
            print_row(figure, max(len(n) for n in names), header=len(figures) == 1)
    timed = [median for _, _, median, _, _ in figures if median is not None]
    stopped = len(figures) - len(timed)
    note = f"; {stopped} stopped after {args.timeout:g} s" if stopped else ""
    print(f"{len(figures)} queries, {args.repeat} runs each; sum of medians {sum(timed):.1f} ms{note}")
    for limit in LIMITS_MS:
        over = [name for name, _, median, _, _ in figures if median is None or median > limit]
        print(f"over {limit:,} ms: {len(over)}{' (' + ', '.join(over) + ')' if over else ''}")


def print_row(figure: Figure, width: int, header: bool) -> None:
    if header:
        print(f"{'query'.ljust(width)}  {'rows':>6}  {'median ms':>9}  {'min ms':>8}  {'max ms':>8}")
    name, rows, median, fastest, slowest = figure
    if median is None or fastest is None or slowest is None:
        print(f"{name.ljust(width)}  {'':>6}  {'timeout':>9}", flush=True)
    else:
        print(f"{name.ljust(width)}  {rows:>6}  {median:>9.2f}  {fastest:>8.2f}  {slowest:>8.2f}", flush=True)


if __name__ == "__main__":
    main()
