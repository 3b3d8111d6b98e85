"""The build benchmark: throughput, memory, stage times, query latency, parallel speed-up (prints figures).

    python bench/run_bench.py --sizes 100,1000,10000     # the full run (see README, Performance)
    python bench/run_bench.py --sizes 100,1000 --dask    # also extraction on a local dask cluster
    python bench/run_bench.py --quick                    # a smoke run for CI: 10 articles, one run of each

For each size it writes a synthetic corpus (bench/synth_corpus.py) and measures, each in a fresh
Python process so that one measurement's memory cannot leak into another's:

  build     `build_graph` from scratch (its extraction cache emptied first, then filled as a default
            build fills it): wall and CPU seconds, words/s, articles/s, triples/s, peak resident memory
            (ru_maxrss) and the seconds of every stage;
  extract   single-process extraction alone (wall and CPU words/s), split into sentences, gazetteer
            mentions and the relation rules; spaCy's tokenizer alone over the same texts (the floor of
            this design); extraction with --jobs 2 (process pool) and, with --dask, on a local cluster;
  queries   every named query on the built store: one warm-up, then --repeat runs, median ms;
  incremental  the same build again, from the cache the build left: with nothing changed, then with one article changed.

It also times `govgraph --help` and a whole-process build of the bundled sample corpus, prints
the targets of issues 7 and 16 with MEETS or MISSES, with --json writes everything to a file and with
--readme rewrites README.md's performance block from the figures.
The machine's load average is printed with the figures: on a busy machine, CPU seconds are the
steadier measure of single-process work, and speed-ups need an idle one.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

# Parameters for the named queries that take them: names the synthetic corpus uses.
PARAMS = {
    "before-after": {"entity": "Mazhilis"},
    "describe": {"entity": "Mazhilis"},
    "entity": {"entity": "Mazhilis"},
    "fact-sources": {"entity": "Mazhilis"},
    "office-holder-on-date": {"office": "President", "date": "2022-06-01"},
    "state-on-date": {"date": "2022-06-01"},
}
TARGETS = {"sample_build_s": 3.0, "extract_words_per_s": 50_000, "query_ms": 100.0, "help_s": 0.5}


def peak_mb() -> float:
    """Peak resident memory of this process, MB (Linux reports KB, macOS bytes)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 2**20 if sys.platform == "darwin" else peak / 1024


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def corpus_words(corpus: Path) -> tuple[int, list[str]]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(corpus.glob("*.txt"))]
    return sum(len(t.split()) for t in texts), texts


# ------------------------------------------------------------------ children (one measurement each)


def child_build(args: argparse.Namespace) -> dict:
    """Build from scratch and report counts, stage seconds, CPU seconds and peak memory."""
    from govgraph import build_graph

    base_mb = peak_mb()
    shutil.rmtree(args.out / ".cache", ignore_errors=True)  # from scratch, leaving the cache a default build leaves
    started, cpu = time.perf_counter(), cpu_seconds()
    summary = build_graph([args.corpus], args.out, incremental=True, jobs=args.jobs)
    wall, cpu = time.perf_counter() - started, cpu_seconds() - cpu
    return {"articles": summary.articles, "sentences": summary.sentences, "entities": summary.entities,
            "claims": summary.claims, "triples": summary.triples, "wall_s": wall, "cpu_s": cpu,
            "stages": summary.stage_seconds, "peak_mb": peak_mb(), "import_mb": base_mb}


def _fresh_records(corpus: Path) -> list:
    from govgraph.build.pipeline import read_documents

    return read_documents([corpus], False, lambda _: None)


def _burn(loops: int) -> float:
    started = time.perf_counter()
    total = 0
    for i in range(loops):
        total += i * i
    return time.perf_counter() - started


def two_process_capacity(loops: int = 10_000_000) -> float:
    """How much faster two processes do twice the pure-Python work than one does it once, right now (2.0 = two free cores)."""
    import multiprocessing

    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    one = _burn(loops)
    with context.Pool(2) as pool:
        started = time.perf_counter()
        pool.map(_burn, [loops, loops])
        two = time.perf_counter() - started
    return 2 * one / two


def child_extract(args: argparse.Namespace) -> dict:
    """Single-process extraction (wall and CPU), its parts, spaCy tokenization alone, --jobs 2 and dask."""
    from govgraph.build.executors import executor_spec, extract_all, using
    from govgraph.build.gazetteer import default_gazetteer
    from govgraph.build.mentions import find_mentions
    from govgraph.build.text import sentence_spans

    words, texts = corpus_words(args.corpus)
    started = time.perf_counter()
    gazetteer = default_gazetteer()
    result: dict = {"words": words, "gazetteer_s": time.perf_counter() - started}

    records = _fresh_records(args.corpus)
    started, cpu = time.perf_counter(), time.process_time()
    extract_all(records, gazetteer)
    result["serial_wall_s"], result["serial_cpu_s"] = time.perf_counter() - started, time.process_time() - cpu

    # The parts, timed on their own over the same documents (CPU seconds): what extract_document does first.
    records = _fresh_records(args.corpus)
    cpu = time.process_time()
    for record in records:
        record.document.sentences = sentence_spans(record.document.text)
    result["sentences_cpu_s"] = time.process_time() - cpu
    cpu = time.process_time()
    for record in records:
        find_mentions(record.document, gazetteer)
    result["mentions_cpu_s"] = time.process_time() - cpu
    result["rules_cpu_s"] = max(0.0, result["serial_cpu_s"] - result["sentences_cpu_s"] - result["mentions_cpu_s"])

    import spacy

    nlp = spacy.blank("en")
    started, cpu = time.perf_counter(), time.process_time()
    tokens = sum(len(doc) for doc in nlp.pipe(texts))
    result["spacy_wall_s"], result["spacy_cpu_s"], result["spacy_tokens"] = (
        time.perf_counter() - started, time.process_time() - cpu, tokens)

    result["capacity"] = two_process_capacity()
    runs = [("jobs2", executor_spec(jobs=2))] + ([("dask2", executor_spec("dask", jobs=2))] if args.dask else [])
    for name, spec in runs:
        records = _fresh_records(args.corpus)
        stages: dict[str, float] = {}
        started = time.perf_counter()
        with using(spec):
            extract_all(records, gazetteer, stages)
        result[f"{name}_wall_s"] = time.perf_counter() - started
        result[f"{name}_startup_s"] = stages.get("extract.startup", 0.0)
        result[f"{name}_worker_cpu_s"] = stages.get("extract.worker_cpu", 0.0)
    result["peak_mb"] = peak_mb()
    return result


def _time_query(store_dir: str, name: str, repeat: int, sink) -> None:
    """In a forked process: one warm-up and the timed runs of one named query; sends the figures to `sink`."""
    from govgraph import open_store, run_query

    store = open_store(store_dir)
    params = PARAMS.get(name)
    started = time.perf_counter()
    rows = len(run_query(name, params, store=store, labels=False))
    warm_up = time.perf_counter() - started
    # a query that takes seconds is timed fewer times, so that one slow query cannot hold up the run
    repeat = repeat if warm_up < 1 else min(repeat, 3) if warm_up < 10 else 1
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run_query(name, params, store=store, labels=False)
        times.append((time.perf_counter() - started) * 1000)
    store.close()
    sink.send({"rows": rows, "median_ms": statistics.median(times), "max_ms": max(times), "runs": repeat})


def child_queries(args: argparse.Namespace) -> dict:
    """Median ms of every named query on the built store (labels not looked up); past --query-timeout, stopped.

    pyoxigraph cannot interrupt a query, so each query runs in a forked process that is killed when it
    takes longer than the limit; its figure is then the limit, marked as a timeout.
    """
    import multiprocessing

    from govgraph.queries import named_queries

    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    figures = {}
    for name in named_queries():
        receive, send = context.Pipe(duplex=False)
        process = context.Process(target=_time_query, args=(str(args.out / "store"), name, args.repeat, send))
        process.start()
        if receive.poll(args.query_timeout):
            figures[name] = receive.recv()
        else:
            figures[name] = {"rows": None, "median_ms": args.query_timeout * 1000, "max_ms": None, "runs": 0,
                             "timeout": True}
            process.kill()
        process.join()
    return figures


def child_incremental(args: argparse.Namespace) -> dict:
    """Rebuild an existing build incrementally: with nothing changed, then with one article changed."""
    from govgraph import build_graph

    figures = {}
    for case in ("unchanged", "one_changed"):
        if case == "one_changed":
            article = sorted(args.corpus.glob("*.txt"))[0]
            article.write_text(article.read_text(encoding="utf-8") + "\nThe Senate met on Monday.\n", encoding="utf-8")
        started, cpu = time.perf_counter(), cpu_seconds()
        build_graph([args.corpus], args.out, incremental=True)
        figures[case] = {"wall_s": time.perf_counter() - started, "cpu_s": cpu_seconds() - cpu}
    return figures


CHILDREN = {"build": child_build, "extract": child_extract, "queries": child_queries, "incremental": child_incremental}


def run_child(kind: str, corpus: Path, out: Path, *extra: str) -> dict:
    """Run one measurement in a fresh interpreter; its last stdout line is JSON."""
    command = [sys.executable, str(Path(__file__).resolve()), "--child", kind, "--corpus", str(corpus), "--out", str(out),
               *extra]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{kind} measurement failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


# ------------------------------------------------------------------ whole-process figures


def govgraph_command() -> list[str]:
    script = shutil.which("govgraph")
    return [script] if script else [sys.executable, "-m", "govgraph"]


def wall_of(command: list[str], runs: int, cwd: Path | None = None) -> list[float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, capture_output=True, check=True, cwd=cwd)
        times.append(time.perf_counter() - started)
    return times


# ------------------------------------------------------------------ report


def table(headers: list[str], rows: list[list[object]]) -> str:
    cells = [[f"{c:,.2f}" if isinstance(c, float) else f"{c:,}" if isinstance(c, int) else str(c) for c in row]
             for row in rows]
    widths = [max(len(h), *(len(r[i]) for r in cells)) for i, h in enumerate(headers)]
    lines = ["  ".join(h.ljust(w) if i == 0 else h.rjust(w) for i, (h, w) in enumerate(zip(headers, widths, strict=True)))]
    lines += ["  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths, strict=True)))
              for row in cells]
    return "\n".join(lines)


def query_cell(figure: dict) -> str:
    if figure.get("timeout"):
        return f"> {figure['median_ms'] / 1000:.0f} s (stopped)"
    return f"{figure['median_ms']:.2f} ({figure['rows']})"


def verdict(ok: bool) -> str:
    return "MEETS" if ok else "MISSES"


def build_section(sizes: dict) -> list[str]:
    rows = []
    for n, r in sizes.items():
        b, words = r["build"], r["extract"]["words"]
        rows.append([n, words, b["triples"], b["wall_s"], b["cpu_s"], words / b["wall_s"], b["articles"] / b["wall_s"],
                     b["triples"] / b["wall_s"], b["peak_mb"], r["load"]])
    stage_names = sorted({k for r in sizes.values() for k in r["build"]["stages"]},
                         key=lambda k: STAGE_ORDER.index(k) if k in STAGE_ORDER else 99)
    return ["Whole build (build_graph from scratch, one process)",
            table(["articles", "words", "triples", "wall s", "CPU s", "words/s", "articles/s", "triples/s", "peak MB",
                   "load"], rows), "",
            "Seconds per stage (wall)",
            table(["stage", *map(str, sizes)], [[s, *(r["build"]["stages"].get(s, 0.0) for r in sizes.values())]
                                                 for s in stage_names]), ""]


def extract_section(sizes: dict) -> list[str]:
    rows = []
    for n, r in sizes.items():
        e = r["extract"]
        cpu_rate = e["words"] / e["serial_cpu_s"]
        spacy_rate = e["words"] / e["spacy_cpu_s"]
        row = [n, e["words"] / e["serial_wall_s"], cpu_rate, e["sentences_cpu_s"], e["mentions_cpu_s"], e["rules_cpu_s"],
               spacy_rate, cpu_rate / spacy_rate, e["serial_wall_s"], e["jobs2_wall_s"],
               e["serial_wall_s"] / e["jobs2_wall_s"], e.get("capacity", 0.0),
               e.get("jobs2_worker_cpu_s", 0.0) / e["serial_cpu_s"], e["peak_mb"]]
        if "dask2_wall_s" in e:
            row += [e["dask2_wall_s"], e["dask2_startup_s"]]
        rows.append(row)
    headers = ["articles", "words/s wall", "words/s CPU", "sentences s", "mentions s", "rules s", "spaCy words/s",
               "ratio", "jobs1 s", "jobs2 s", "speed-up", "2-core capacity", "worker CPU", "peak MB"]
    if any("dask2_wall_s" in r["extract"] for r in sizes.values()):
        headers += ["dask2 s", "dask start s"]
    return ["Extraction alone (parts in CPU s; ratio = extraction words/s ÷ spaCy tokenizer words/s, both CPU;",
            "2-core capacity = speed-up of a pure-Python loop in 2 processes measured just before: 2.00 on an idle machine;",
            "worker CPU = CPU seconds of the 2 workers ÷ CPU seconds of the serial run: 1.00 = no parallel overhead)",
            table(headers, rows), ""]


def queries_section(sizes: dict) -> list[str]:
    names = sorted({q for r in sizes.values() for q in r["queries"]})
    return ["Named queries: median ms (rows)",
            table(["query", *map(str, sizes)], [[q, *(query_cell(r["queries"][q]) for r in sizes.values())]
                                                 for q in names]), ""]


def targets_section(results: dict, built: dict, extracted: dict, queried: dict) -> list[str]:
    lines = ["Targets (issue 7)",
             f"  sample build < 3 s whole process: {results['sample_s']:.2f} s  {verdict(results['sample_s'] < 3)}"]
    if extracted:
        size = max(extracted, key=int)
        e = extracted[size]["extract"]
        rate = e["words"] / e["serial_cpu_s"]
        lines += [f"  single-process extraction >= 50,000 words/s ({size} articles): {rate:,.0f} words/CPU-s, "
                  f"{e['words'] / e['serial_wall_s']:,.0f} words/wall-s  {verdict(rate >= TARGETS['extract_words_per_s'])}",
                  f"  --jobs 2 speed-up of extraction: {e['serial_wall_s'] / e['jobs2_wall_s']:.2f}x "
                  f"(near-linear = 1.8x or more; the machine offered {e.get('capacity', 0.0):.2f}x)  "
                  f"{verdict(e['serial_wall_s'] / e['jobs2_wall_s'] >= 1.8)}"]
    if built:
        mb = [(int(n), r["build"]["peak_mb"]) for n, r in built.items()]
        growth = (mb[-1][1] - mb[0][1]) / max(1, mb[-1][0] - mb[0][0]) * 1000 if len(mb) > 1 else 0.0
        lines.append(f"  memory: build peak {mb[-1][1]:,.0f} MB at {mb[-1][0]:,} articles; growth {growth:,.0f} MB per "
                     f"1,000 articles  {verdict(growth < 50) if len(mb) > 1 else 'needs two sizes'}")
    if queried:
        size = max(queried, key=int)
        name, figure = max(queried[size]["queries"].items(), key=lambda item: item[1]["median_ms"])
        lines.append(f"  slowest named query on the largest graph ({size} articles): {name} {query_cell(figure)} ms  "
                     f"{verdict(figure['median_ms'] < TARGETS['query_ms'])}")
    lines.append(f"  govgraph --help < 0.5 s: {results['help_s']:.3f} s  {verdict(results['help_s'] < TARGETS['help_s'])}")
    return lines


AFTER_EXTRACTION = ("resolve", "rdf", "store", "turtle", "html")


def scale_figures(size: str, entry: dict) -> dict:
    """The figures issue 16 sets targets for, at one corpus size."""
    build, queries = entry["build"], entry.get("queries", {})
    stages, articles = build["stages"], build["articles"]
    after = sum(stages.get(stage, 0.0) for stage in AFTER_EXTRACTION)
    medians = [q["median_ms"] for q in queries.values()]
    incremental = entry.get("incremental", {})
    return {
        "articles": int(size), "peak_mb": build["peak_mb"], "triples_per_claim": build["triples"] / max(1, build["claims"]),
        "extract_s_per_article": stages.get("extract", 0.0) / articles, "after_s_per_article": after / articles,
        "stage_ms_per_article": {stage: 1000 * stages.get(stage, 0.0) / articles for stage in ("extract", *AFTER_EXTRACTION)},
        "html_s": stages.get("html", 0.0),
        "queries": len(medians), "under_100ms": sum(m < 100 for m in medians), "under_1s": sum(m < 1000 for m in medians),
        "stopped": sum(bool(q.get("timeout")) for q in queries.values()),
        "slowest": max(queries.items(), key=lambda item: item[1]["median_ms"], default=("", {"median_ms": 0.0})),
        "rebuild_one_ratio": incremental["one_changed"]["wall_s"] / build["wall_s"] if incremental else None,
        "rebuild_none_ratio": incremental["unchanged"]["wall_s"] / build["wall_s"] if incremental else None,
    }


def scale_targets_section(built: dict) -> list[str]:
    """Issue 16's targets, each with MEETS or MISSES (or what was not run)."""
    figures = [scale_figures(n, r) for n, r in sorted(built.items(), key=lambda item: int(item[0]))]
    if not figures:
        return []
    largest = figures[-1]
    at_1000 = next((f for f in figures if f["articles"] == 1000), None)
    at_10000 = next((f for f in figures if f["articles"] == 10000), None)
    lines = ["Targets (issue 16, scale)",
             f"  peak memory < 2 GB at 10,000 articles: {largest['peak_mb']:,.0f} MB at {largest['articles']:,}  "
             + (verdict(largest["peak_mb"] < 2048) if at_10000 else "not run at 10,000"),
             f"  stages after extraction take less time than extraction ({largest['articles']:,} articles, wall): "
             f"{1000 * largest['after_s_per_article']:.1f} vs {1000 * largest['extract_s_per_article']:.1f} ms per article  "
             + verdict(largest["after_s_per_article"] < largest["extract_s_per_article"]),
             f"  triples per fact: {largest['triples_per_claim']:.1f}"]
    for figure, limit, label in ((at_1000, 100, "100 ms at 1,000"), (at_10000, 1000, "1 s at 10,000")):
        if figure is None:
            lines.append(f"  every named query under {label} articles: not run")
            continue
        within = figure["under_100ms"] if limit == 100 else figure["under_1s"]
        name, slowest = figure["slowest"]
        lines.append(f"  every named query under {label} articles: {within} of {figure['queries']}; slowest {name} "
                     f"{slowest['median_ms']:,.0f} ms  {verdict(within == figure['queries'])}")
    lines.append(f"  network view written in seconds: {largest['html_s']:.1f} s at {largest['articles']:,} articles")
    if largest["rebuild_one_ratio"] is not None:
        lines.append(f"  incremental rebuild, one article changed: {largest['rebuild_one_ratio']:.2f}x a full build "
                     f"(nothing changed: {largest['rebuild_none_ratio']:.2f}x)")
    return lines


def commit() -> str | None:
    """The short commit of the code measured, when it is a git checkout."""
    found = subprocess.run(["git", "-C", str(HERE), "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
    return found.stdout.strip() or None if found.returncode == 0 else None


def readme_block(results: dict) -> str:
    """The README's performance figures as Markdown, made from a run's figures (so that they cannot drift)."""
    built = {n: r for n, r in sorted(results["sizes"].items(), key=lambda item: int(item[0])) if "build" in r}
    figures = {n: scale_figures(n, r) for n, r in built.items()}
    head = "| | " + " | ".join(f"{int(n):,} articles" for n in built) + " |"
    rule = "| --- |" + " ---: |" * len(built)

    def row(label: str, cell) -> str:
        return f"| {label} | " + " | ".join(cell(n) for n in built) + " |"

    options = results.get("options", {})
    chosen = "".join(f" --{name.replace('_', '-')} {value:g}" for name, value in options.items()
                     if value != {"repeat": 11, "query_timeout": 60}.get(name))
    at = f" at commit {results['commit']}" if results.get("commit") else ""
    lines = [f"Measured{at} with `python bench/run_bench.py --sizes {','.join(built)}{chosen} --json FIGURES --readme` "
             f"({results['machine']}):", "", head, rule,
             row("words / triples / facts", lambda n: f"{built[n]['extract']['words']:,} / {built[n]['build']['triples']:,} / "
                 f"{built[n]['build']['claims']:,}"),
             row("triples per fact", lambda n: f"{figures[n]['triples_per_claim']:.1f}"),
             row("whole build, wall (CPU)",
                 lambda n: f"{built[n]['build']['wall_s']:,.1f} s ({built[n]['build']['cpu_s']:,.1f} s)"),
             row("peak memory of the build", lambda n: f"{built[n]['build']['peak_mb']:,.0f} MB"),
             *(row(f"{stage}, ms per article", lambda n, stage=stage: f"{figures[n]['stage_ms_per_article'][stage]:.1f}")
               for stage in ("extract", *AFTER_EXTRACTION)),
             row("network view written", lambda n: f"{figures[n]['html_s']:.1f} s"),
             row("incremental rebuild: one article changed / nothing changed, vs a full build",
                 lambda n: "" if figures[n]["rebuild_one_ratio"] is None
                 else f"{figures[n]['rebuild_one_ratio']:.2f}× / {figures[n]['rebuild_none_ratio']:.2f}×"),
             row("named queries under 100 ms / under 1 s / stopped (of all)",
                 lambda n: f"{figures[n]['under_100ms']} / {figures[n]['under_1s']} / {figures[n]['stopped']} "
                           f"(of {figures[n]['queries']})"),
             "", "Median latency of each named query, ms (rows), each in its own process after one warm-up:", "",
             "| query | " + " | ".join(f"{int(n):,} articles" for n in built) + " |", rule]
    names = sorted({q for r in built.values() for q in r.get("queries", {})})
    lines += [f"| {name} | " + " | ".join(query_cell(r["queries"][name]) if name in r.get("queries", {}) else ""
                                          for r in built.values()) + " |" for name in names]
    return "\n".join([*lines, "", "```", *scale_targets_section(built), "```"]) + "\n"


def write_readme(results: dict, readme: Path) -> None:
    """Rewrite the block between `<!-- figures:performance -->` and `<!-- /figures:performance -->`."""
    text = readme.read_text(encoding="utf-8")
    start, end = "<!-- figures:performance -->\n", "<!-- /figures:performance -->"
    if start not in text or end not in text:
        raise SystemExit(f"{readme} has no {start.strip()} block")
    before, rest = text.split(start, 1)
    readme.write_text(before + start + readme_block(results) + end + rest.split(end, 1)[1], encoding="utf-8")


def report(results: dict) -> str:
    """Every figure as plain-text tables, then the targets with MEETS or MISSES."""
    sizes = results["sizes"]
    built = {n: r for n, r in sizes.items() if "build" in r}
    queried = {n: r for n, r in sizes.items() if "queries" in r}
    extracted = {n: r for n, r in sizes.items() if "extract" in r}
    out = [f"machine: {results['machine']}", ""]
    if built:
        out += build_section(built)
    if extracted:
        sample = {"sample": {"extract": results["sample_extract"]}} if "sample_extract" in results else {}
        out += extract_section({**sample, **extracted})
    if queried:
        out += queries_section(queried)
    out += [f"govgraph --help: median {results['help_s']:.3f} s of {len(results['help_runs'])} runs",
            f"sample corpus build, whole process: median {results['sample_s']:.2f} s of {len(results['sample_runs'])} runs",
            ""]
    return "\n".join(out + targets_section(results, built, extracted, queried) + ["", *scale_targets_section(built)])


STAGE_ORDER = ["read", "gazetteer", "extract", "extract.startup", "extract.work", "extract.worker", "extract.merge",
               "resolve", "rdf", "store", "turtle", "html"]


def machine() -> str:
    load = " ".join(f"{x:.1f}" for x in os.getloadavg())
    return f"{platform.machine()} {os.cpu_count()} cores, Python {platform.python_version()}, load average {load}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000", help="corpus sizes in articles, comma-separated (default 100,1000)")
    parser.add_argument("--quick", action="store_true", help="smoke run: 10 articles, one run of each measurement")
    parser.add_argument("--repeat", type=int, default=11, help="timed runs per named query (default 11)")
    parser.add_argument("--dask", action="store_true", help="also time extraction on a local dask cluster of 2 workers")
    parser.add_argument("--query-timeout", type=float, default=60, help="stop a named query after this many seconds "
                        "(default 60; reported as a timeout)")
    parser.add_argument("--only-extract", default="", metavar="SIZES",
                        help="sizes (comma-separated) to measure by extraction alone, no build or queries: for corpora "
                             "whose whole build does not fit the machine")
    parser.add_argument("--seed", type=int, default=7, help="corpus seed (default 7)")
    parser.add_argument("--workdir", type=Path, help="keep corpora and builds here (default: a temporary folder)")
    parser.add_argument("--json", type=Path, help="also write every figure to this JSON file")
    parser.add_argument("--report", type=Path, metavar="JSON", help="print the report of an earlier --json file and stop")
    parser.add_argument("--readme", action="store_true",
                        help="also rewrite the performance figures of README.md (with --report: from that file)")
    parser.add_argument("--child", choices=sorted(CHILDREN), help=argparse.SUPPRESS)
    parser.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--jobs", type=int, default=1, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(CHILDREN[args.child](args)))
        return
    if args.report:
        results = json.loads(args.report.read_text(encoding="utf-8"))
        print(report(results))
        if args.readme:
            write_readme(results, HERE.parent / "README.md")
        return
    from synth_corpus import write_corpus

    sizes = [10] if args.quick else [int(s) for s in args.sizes.split(",") if s]
    extract_only = {int(s) for s in args.only_extract.split(",") if s}
    sizes = sorted(set(sizes) | extract_only)
    repeat, runs = (1, 1) if args.quick else (args.repeat, 5)
    with tempfile.TemporaryDirectory(prefix="govgraph-bench-") as scratch:
        work = args.workdir or Path(scratch)
        work.mkdir(parents=True, exist_ok=True)
        results: dict = {"machine": machine(), "sizes": {}, "commit": commit(),
                         "options": {"repeat": args.repeat, "query_timeout": args.query_timeout}}
        results["help_runs"] = wall_of([*govgraph_command(), "--help"], runs)
        results["help_s"] = statistics.median(results["help_runs"])
        results["sample_runs"] = wall_of([*govgraph_command(), "build", "--fresh", "--out", str(work / "sample")],
                                         1 if args.quick else 3)
        results["sample_s"] = statistics.median(results["sample_runs"])
        from govgraph.corpus import corpus_dir

        results["sample_extract"] = run_child("extract", corpus_dir(), work / "sample-extract")
        for size in sizes:
            corpus, out = work / f"corpus-{size}", work / f"build-{size}"
            if corpus.exists():
                shutil.rmtree(corpus)
            write_corpus(corpus, size, args.seed)
            entry: dict = {"load": os.getloadavg()[0]}
            if size not in extract_only:
                entry["build"] = run_child("build", corpus, out)
                print(f"{size} articles: built in {entry['build']['wall_s']:.1f} s", file=sys.stderr)
                entry["queries"] = run_child("queries", corpus, out, "--repeat", str(repeat), "--query-timeout",
                                             str(args.query_timeout))
                print(f"{size} articles: queries measured", file=sys.stderr)
                entry["incremental"] = run_child("incremental", corpus, out)
                print(f"{size} articles: incremental rebuilds measured", file=sys.stderr)
            entry["extract"] = run_child("extract", corpus, out, *(["--dask"] if args.dask else []))
            print(f"{size} articles: extraction measured", file=sys.stderr)
            results["sizes"][str(size)] = entry
            if not args.workdir:
                shutil.rmtree(out, ignore_errors=True)
    if args.json:
        args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")
    print(report(results))
    if args.readme:
        write_readme(results, HERE.parent / "README.md")


if __name__ == "__main__":
    main()
