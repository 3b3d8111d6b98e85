"""The `govgraph` command: each command parses its options, calls one API function and renders."""

from __future__ import annotations

import functools
import json
import logging
import sys
from collections.abc import Callable, Collection
from pathlib import Path
from typing import Annotated, TypeVar

import typer

from govgraph.errors import GovgraphError

try:  # typer 0.20+ carries its own copy of click
    from typer._click.exceptions import ClickException
except ImportError:
    from click.exceptions import ClickException  # type: ignore[assignment]
from govgraph.files import Terminated, terminate_as_interrupt

app = typer.Typer(
    help="Build, query, browse and export knowledge graphs of political systems from articles.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

F = TypeVar("F", bound=Callable[..., object])
OutDir = Annotated[Path, typer.Option("--out", help="Output folder of a build.", show_default=True)]
StoreOpt = Annotated[
    str | None,
    typer.Option("--store", help="Store to use instead of DIR/store: a folder, or a SPARQL endpoint URL."),
]
DEFAULT_OUT = Path("govgraph-out")
QUERY_FORMATS = ("table", "csv", "tsv", "json", "xml")


def show_version(value: bool) -> None:
    if value:
        from govgraph import __version__

        typer.echo(f"govgraph {__version__}")
        raise typer.Exit()


@app.callback()
def options(
    version: Annotated[bool, typer.Option("--version", callback=show_version, is_eager=True,
                                          help="Print the version and exit.")] = False,
) -> None:
    """Build, query, browse and export knowledge graphs of political systems from articles."""


def choice(value: str, allowed: Collection[str], option: str) -> str:
    """An option's value from a fixed list, in any case; a usage error (exit 2) otherwise."""
    lowered = value.lower()
    if lowered not in allowed:
        fail(f"unknown {option} {value!r}; use one of: {', '.join(allowed)}", 2)
    return lowered


def fail(message: str, code: int = 1) -> None:
    """Print one line to stderr and exit."""
    typer.echo(f"govgraph: {message}", err=True)
    raise typer.Exit(code)


def user_errors(command: F) -> F:
    """Turn GovgraphError (and Ctrl-C) into one line on stderr with a non-zero exit."""

    @functools.wraps(command)
    def wrapper(*args: object, **kwargs: object) -> object:
        try:
            return command(*args, **kwargs)
        except GovgraphError as exc:
            fail(str(exc), exc.exit_code)
        except OSError as exc:  # a folder given as a file, a read-only or full disk, a path too deep
            where = f"{exc.filename}: " if exc.filename else ""
            fail(f"{where}{exc.strerror or exc}; check the path, its permissions and the free space")
        except RecursionError:  # folders nested about a thousand deep, walked recursively by os.walk
            fail("the input is nested too deeply to read (over ~900 levels of folders); flatten it")
        except KeyboardInterrupt as exc:  # Ctrl-C, or SIGTERM (see files.terminate_as_interrupt)
            fail("interrupted; outputs of the previous build are unchanged", 143 if isinstance(exc, Terminated) else 130)
        return None

    return wrapper  # type: ignore[return-value]


@app.command()
@user_errors
def build(
    inputs: Annotated[
        list[Path] | None, typer.Argument(help="Files or folders (.txt .md .html .pdf .docx); default: the bundled corpus.")
    ] = None,
    out: OutDir = DEFAULT_OUT,
    strict: Annotated[bool, typer.Option(help="Stop at the first unreadable file.")] = False,
    store: Annotated[str | None, typer.Option(
        "--store", help="Also write every named graph to this SPARQL 1.1 server (Graph Store Protocol PUT).")] = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, help="Worker processes extracting articles.")] = 1,
    executor: Annotated[str | None, typer.Option(help="serial, process or dask; default: process when --jobs > 1.")] = None,
    scheduler: Annotated[str | None, typer.Option(
        help="A running dask scheduler (tcp://host:8786) for --executor dask; default $GOVGRAPH_DASK_SCHEDULER, "
             "else a local cluster of --jobs workers.")] = None,
    fresh: Annotated[bool, typer.Option(help="Extract every article again instead of reusing unchanged ones.")] = False,
    nlp: Annotated[str, typer.Option(
        "--nlp", help="The installed spaCy pipeline that analyses the articles (en_core_web_md, _lg, _trf, a path).")
    ] = "en_core_web_sm",
    force: Annotated[bool, typer.Option(help="Write into a non-empty --out that holds no govgraph build "
                                             "(only the outputs' own names are replaced).")] = False,
) -> None:
    """Build the graph: writes graph.ttl, graph.trig, graph.html and store/ in --out.

    Example: govgraph build articles/ --out kz-graph --jobs 2 --store http://127.0.0.1:7878
    """
    from govgraph.build.executors import executor_spec
    from govgraph.console import StageProgress
    from govgraph.errors import InputError
    from govgraph.workflow import BUILD_STAGES, build_graph

    executor = executor and executor.lower()
    try:
        executor_spec(executor, jobs, scheduler)
    except InputError as exc:  # options that do not go together: a usage error
        fail(str(exc), 2)
    with StageProgress("starting", total=len(BUILD_STAGES) - (0 if store else 1)) as bar:
        summary = build_graph(inputs, out, strict=strict, warn=bar.echo, store=store, jobs=jobs, executor=executor,
                              scheduler=scheduler, incremental=not fresh, nlp=nlp, progress=bar.stage, force=force)
    reused = f" ({summary.reused} unchanged, not extracted again)" if summary.reused else ""
    typer.echo(
        f"{summary.articles} articles{reused}, {summary.sentences} sentences, {summary.entities} entities, "
        f"{summary.claims} claims, {summary.triples} triples in {summary.seconds:.2f} s -> {summary.out_dir}/"
    )
    if store:
        typer.echo(f"named graphs -> {store} in {summary.stage_seconds.get('remote', 0.0):.2f} s")


@app.command()
@user_errors
def validate(out: OutDir = DEFAULT_OUT) -> None:
    """Check the built graph: SHACL shapes and OWL consistency (HermiT); non-zero exit on violations.

    Example: govgraph validate --out kz-graph
    """
    from govgraph.ontology.validation import validate_build

    report = validate_build(out)
    for line in report.lines():
        typer.echo(line)
    if not report.ok:
        raise typer.Exit(1)


@app.command()
@user_errors
def docs(
    output: Annotated[Path, typer.Option("-o", "--output", help="HTML file to write.")] = Path("govgraph-ontology.html"),
) -> None:
    """Write browsable HTML documentation of the ontology.

    Example: govgraph docs -o ontology.html
    """
    from govgraph.ontology.docs import write_ontology_docs

    write_ontology_docs(output)
    typer.echo(f"ontology documentation -> {output}")


@app.command()
@user_errors
def export(
    fmt: Annotated[str, typer.Option("--format", "-f", help="turtle, ntriples, trig, nquads, jsonld or graphml.")],
    output: Annotated[Path | None, typer.Option("-o", "--output", help="File to write; stdout without it.")] = None,
    out: OutDir = DEFAULT_OUT,
    store: StoreOpt = None,
    with_provenance: Annotated[bool, typer.Option("--with-provenance", help="GraphML: also the claims, quoted "
                                                  "sentences and articles as nodes, not only as attributes.")] = False,
) -> None:
    """Export the graph for other tools (TriG, N-Quads and JSON-LD keep one named graph per article).

    Example: govgraph export --format graphml -o kz.graphml
    """
    from govgraph.console import StageProgress
    from govgraph.graph.exports import FORMATS, export_graph, export_network

    fmt = choice(fmt, FORMATS, "--format")
    if with_provenance and fmt != "graphml":
        fail("--with-provenance is for --format graphml; the RDF formats always hold the provenance", 2)
    with StageProgress(f"exporting {fmt}"):
        data = export_network(out, store, output, provenance=True) if with_provenance else export_graph(fmt, out, store, output)
    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    else:
        typer.echo(f"{fmt} ({len(data)} bytes) -> {output}", err=True)


@app.command()
@user_errors
def stats(
    out: OutDir = DEFAULT_OUT,
    store: StoreOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the counts as JSON.")] = False,
) -> None:
    """Count what the graph holds: graphs, triples, articles, claims, conflicts, by class and by property.

    Example: govgraph stats --out kz-graph
    """
    from govgraph.console import stats_text
    from govgraph.graph.stats import stats_for

    report = stats_for(out, store)
    typer.echo(json.dumps(report.as_dict(), indent=2) if as_json else stats_text(report), nl=as_json)


@app.command()
@user_errors
def query(
    query: Annotated[str, typer.Argument(help="A named query (see `govgraph queries`), a .rq file, or SPARQL text.")],
    out: OutDir = DEFAULT_OUT,
    store: StoreOpt = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table, csv, tsv, json (SPARQL 1.1 Query Results JSON) "
                                     "or xml; CONSTRUCT and DESCRIBE answers are Turtle.")] = "table",
    param: Annotated[list[str] | None, typer.Option("--param", "-p", help="name=value, repeatable; bound as an IRI "
                                                    "or a literal, never pasted into the query.")] = None,
) -> None:
    """Run a named query, a .rq file or inline SPARQL against the built store.

    Example: govgraph query office-holder-on-date --param office=President --param date=2020-01-01
    """
    from govgraph.graph.store import store_for
    from govgraph.queries import parse_param_options, render, run_query

    fmt = choice(fmt, QUERY_FORMATS, "--format")
    answer = run_query(query, parse_param_options(param), store=store_for(out, store), labels=fmt == "table")
    typer.echo(render(answer, fmt), nl=False)


@app.command()
@user_errors
def queries() -> None:
    """List the named queries with their descriptions and parameters.

    Example: govgraph queries
    """
    from govgraph.queries import catalog_text, named_queries

    typer.echo(catalog_text(named_queries().values()), nl=False)


@app.command()
@user_errors
def serve(
    out: OutDir = DEFAULT_OUT,
    store: StoreOpt = None,
    host: Annotated[str, typer.Option(help="Address to listen on; 127.0.0.1 keeps it on this machine.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port.")] = 8000,
    timeout: Annotated[float, typer.Option(help="Seconds a query may run before it is stopped (HTTP 503).")] = 10.0,
    max_rows: Annotated[int, typer.Option("--max-rows", help="Most rows or triples in one answer.")] = 10000,
    workers: Annotated[int, typer.Option(help="Query worker processes.")] = 2,
    memory: Annotated[int, typer.Option(help="MB of memory one query may use before it is stopped (HTTP 503).")] = 1024,
) -> None:
    """Serve the SPARQL 1.1 Protocol endpoint at /sparql (read-only) and a query page at /.

    Example: govgraph serve --out kz-graph --port 8000
    """
    from govgraph.server import serve as serve_store

    serve_store(out, store, host=host, port=port, timeout=timeout, max_rows=max_rows, workers=workers,
                max_memory_mb=memory, announce=typer.echo)


@app.command()
@user_errors
def viz(
    output: Annotated[Path | None, typer.Option("-o", "--output", help="HTML file to write; default DIR/graph.html.")] = None,
    out: OutDir = DEFAULT_OUT,
    store: StoreOpt = None,
    as_of: Annotated[str | None, typer.Option("--as-of", help="Open at this date: YYYY, YYYY-MM or YYYY-MM-DD.")] = None,
    focus: Annotated[str | None, typer.Option("--focus", help="Only around this entity: IRI, key or label.")] = None,
    depth: Annotated[int | None, typer.Option("--depth", min=0, help="Links around --focus to keep; default 2.")] = None,
) -> None:
    """Write the interactive network view: one self-contained HTML file that works offline.

    Example: govgraph viz --focus Mazhilis --depth 2 --as-of 2023-03-19 -o mazhilis.html
    """
    from govgraph.errors import InputError
    from govgraph.graph.viz import write_store_visualization

    if depth is not None and focus is None:
        fail("--depth needs --focus ENTITY", 2)
    target = output or out / "graph.html"
    try:
        summary = write_store_visualization(out, store, target, as_of=as_of, focus=focus,
                                            depth=2 if depth is None else depth)
    except InputError as exc:  # a date or an entity that the options name wrongly: a usage error
        fail(str(exc), 2)
    details = f"; {summary.in_details:,} claims, sentences and articles in the details" if summary.in_details else ""
    typer.echo(f"{summary.nodes} nodes, {summary.edges} edges ({summary.shown_nodes} nodes and {summary.shown_edges} "
               f"edges shown at first{details}) in {summary.seconds:.2f} s -> {target}")


def main() -> None:
    """Console-script entry point: usage errors are one line with exit 2, like the commands' own."""
    terminate_as_interrupt()
    logging.disable(logging.INFO)  # libraries' INFO and DEBUG lines (pyLODE, asyncio) are not for the user
    try:
        code = app(prog_name="govgraph", standalone_mode=False)
    except ClickException as exc:
        message = " ".join(exc.format_message().split())
        if type(exc).__name__ == "NoArgsIsHelpError":  # `govgraph` alone: the help (rich has printed it already)
            if message:
                exc.show()
        else:
            context = getattr(exc, "ctx", None)
            where = context.command_path if context is not None else "govgraph"
            typer.echo(f"govgraph: {message} (see `{where} --help`)", err=True)
        code = exc.exit_code
    sys.exit(code if isinstance(code, int) else 0)


if __name__ == "__main__":
    main()
