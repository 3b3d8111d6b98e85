"""The `govgraph` command: each command parses its options, calls one API function and renders."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, TypeVar

import typer

from govgraph.errors import GovgraphError

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
        except KeyboardInterrupt:
            fail("interrupted; outputs of the previous build are unchanged", 130)
        return None

    return wrapper  # type: ignore[return-value]


@app.command()
@user_errors
def build(
    inputs: Annotated[
        list[Path] | None, typer.Argument(help="Files or folders (.txt .md .html); default: the bundled corpus.")
    ] = None,
    out: OutDir = DEFAULT_OUT,
    strict: Annotated[bool, typer.Option(help="Stop at the first unreadable file.")] = False,
) -> None:
    """Build the graph: writes graph.ttl, graph.trig, graph.html and store/ in --out.

    Example: govgraph build articles/ --out kz-graph
    """
    from govgraph.workflow import build_graph

    summary = build_graph(inputs, out, strict=strict, warn=lambda line: typer.echo(line, err=True))
    typer.echo(
        f"{summary.articles} articles, {summary.sentences} sentences, {summary.entities} entities, "
        f"{summary.claims} claims, {summary.triples} triples in {summary.seconds:.2f} s -> {summary.out_dir}/"
    )


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


def main() -> None:
    """Console-script entry point."""
    sys.exit(app())


if __name__ == "__main__":
    main()
