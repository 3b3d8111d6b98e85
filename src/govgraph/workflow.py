"""The main job: extract a corpus and write every output of the command-line contract."""

from __future__ import annotations

import errno
import json
import shutil
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from govgraph import __version__
from govgraph.build.executors import executor_spec, using
from govgraph.build.nlp import DEFAULT_PIPELINE, load_pipeline
from govgraph.build.pipeline import extract_corpus
from govgraph.corpus import corpus_dir
from govgraph.errors import InputError
from govgraph.files import BUILD_MARKER, LOCK_NAME, OUTPUT_NAMES, STAGE_PREFIX, staged_outputs
from govgraph.graph.outputs import write_rdf
from govgraph.graph.rdf import conflict_quads, dataset_graphs, schema_quads
from govgraph.graph.spool import spool_dataset
from govgraph.graph.store import STORE_DIR, write_embedded_store

DEFAULT_OUT = Path("govgraph-out")
CACHE_DIR = ".cache/extractions"
SPOOL_DIR = ".spool"  # in the staging folder: the sorted quads every output is written from
# what `progress` is told, in order; the last only with a --store server, "writing graph.html" only with html
BUILD_STAGES = ("extracting articles", "making RDF", "writing the store", "writing graph.ttl and graph.trig",
                "writing graph.html", "sending named graphs")
OWN_NAMES = frozenset({*OUTPUT_NAMES, BUILD_MARKER, LOCK_NAME, ".cache"})  # what a build leaves in --out


def is_build_folder(folder: Path) -> bool:
    """Whether a folder holds a govgraph build: its marker, or only names a build writes (a build before markers)."""
    if (folder / BUILD_MARKER).is_file():
        return True
    names = {entry.name for entry in folder.iterdir()}
    return all(n in OWN_NAMES or n.startswith((STAGE_PREFIX, ".store.", ".govgraph-serve-")) for n in names)


def check_out_dir(out_dir: Path, force: bool = False) -> None:
    """Refuse an output folder a build would spoil: a file, or a non-empty folder that holds no govgraph build.

    Raises:
        InputError: one line saying what to do (another --out, or --force).
    """
    if out_dir.is_symlink() and not out_dir.exists():
        raise InputError(f"{out_dir}: a broken symbolic link; pass --out a folder")
    if out_dir.exists() and not out_dir.is_dir():
        raise InputError(f"{out_dir}: --out is a file, not a folder; pass --out a new or empty folder")
    try:
        foreign = out_dir.is_dir() and not is_build_folder(out_dir)
    except OSError as exc:
        raise InputError(f"{out_dir}: cannot list the output folder ({exc.strerror}); check its permissions") from exc
    if foreign and not force:
        raise InputError(f"{out_dir}: the folder holds files that are not a govgraph build; pass --out a new or empty "
                         "folder, or --force to write the outputs there (nothing else in it is touched)")


def without_outputs(inputs: Sequence[Path], out_dir: Path) -> list[Path]:
    """The inputs, with an input folder that is the output folder itself replaced by its entries minus the outputs.

    A build never reads its own graph.html (or anything else it wrote) back as an article; output folders
    inside an input folder are left out where the folder is walked (`documents.iter_source_files`).
    """
    try:
        out = out_dir.resolve()
    except OSError:
        return list(inputs)
    sources: list[Path] = []
    for source in inputs:
        if source.is_dir() and source.resolve() == out:
            sources.extend(sorted(p for p in source.iterdir() if p.name not in OWN_NAMES and not p.name.startswith(".")))
        else:
            sources.append(source)
    return sources


def _write_marker(stage: Path, written: list[str]) -> None:
    data = {"govgraph": __version__, "outputs": sorted(written)}
    (stage / BUILD_MARKER).write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")


@dataclass(slots=True)
class BuildSummary:
    """What a build produced, for the summary line and for tests."""

    out_dir: Path
    articles: int
    sentences: int
    entities: int
    claims: int
    triples: int
    seconds: float
    warnings: list[str] = field(default_factory=list)
    stage_seconds: dict[str, float] = field(default_factory=dict)
    reused: int = 0  # articles taken from the extraction cache


def build_graph(
    inputs: Sequence[Path] | None = None,
    out_dir: Path = DEFAULT_OUT,
    *,
    strict: bool = False,
    warn: Callable[[str], None] | None = None,
    html: bool = True,
    store: str | None = None,
    jobs: int = 1,
    executor: str | None = None,
    scheduler: str | None = None,
    incremental: bool = True,
    nlp: str = DEFAULT_PIPELINE,
    force: bool = False,
    progress: Callable[[str], None] | None = None,
) -> BuildSummary:
    """Build the knowledge graph of the inputs and write graph.ttl, graph.trig, graph.html and store/.

    Args:
        inputs: source files and folders; the bundled sample corpus when empty.
        out_dir: output folder (created if needed).
        strict: stop at the first unreadable source instead of skipping it.
        warn: called with each warning line.
        html: also write the visualization.
        incremental: reuse the extraction of articles unchanged since the last build into out_dir.
        store: also write each named graph to this store (a SPARQL server URL, through the Graph Store Protocol).
        jobs: worker processes for per-article extraction.
        executor: "serial", "process" or "dask" (default: serial, or process when jobs > 1); see `build.executors`.
        scheduler: address of a running dask scheduler (tcp://host:8786) for the dask executor.
        nlp: the installed spaCy pipeline that analyses the articles (default en_core_web_sm).
        force: write into a non-empty folder that holds no govgraph build (only the outputs' names are replaced).
        progress: called with the name of each stage (see `BUILD_STAGES`) as it starts.

    Returns:
        Counts and timings of the build.

    Raises:
        InputError: no usable input, bad executor options, or an output folder that is a file, cannot be
            written, or holds other files (without `force`).
        StoreError: `store` cannot be reached or written (the local outputs are written all the same).
    """
    started = time.perf_counter()
    stage_started = progress or (lambda _stage: None)
    check_out_dir(out_dir, force)
    spec = executor_spec(executor, jobs, scheduler, nlp)
    load_pipeline(nlp)  # a missing pipeline is one line before anything else happens
    if store:
        from govgraph.graph.store import check_reachable, publish_store

        check_reachable(store)
    sources = without_outputs(inputs, out_dir) if inputs else [corpus_dir()]
    stage_started(BUILD_STAGES[0])
    with using(spec):
        result = extract_corpus(sources, strict=strict, warn=warn, cache_dir=out_dir / CACHE_DIR if incremental else None)
    stages = dict(result.stage_seconds)
    graphs = dataset_graphs(result.extractions, result.entities, result.reference_properties,
                            extra=conflict_quads(result.conflicts), version=__version__)
    # all outputs are written aside and replace the previous ones together (see files.staged_outputs)
    try:
        triples = _write_outputs(graphs, out_dir, stages, html, warn, stage_started)
    except OSError as exc:
        hint = "free some space" if exc.errno == errno.ENOSPC else "check that it is a folder you can write to"
        raise InputError(f"{out_dir}: cannot write the outputs ({exc.strerror or exc}); {hint}; the previous "
                         "outputs are unchanged") from exc
    if store:
        stage_started(BUILD_STAGES[5])
        t0 = time.perf_counter()
        publish_store(out_dir / STORE_DIR, store)
        stages["remote"] = time.perf_counter() - t0
    return BuildSummary(out_dir, len(result.extractions), result.sentences, len(result.entities), result.claims,
                        triples, time.perf_counter() - started, result.warnings, stages, result.reused)


def _write_outputs(graphs: Iterable[Iterable[ox.Quad]], out_dir: Path, stages: dict[str, float], html: bool,
                   warn: Callable[[str], None] | None, stage_started: Callable[[str], None]) -> int:
    """Write store/, graph.ttl, graph.trig, graph.html and the build marker into out_dir, all at once.

    The quads are sorted on disk in the staging folder (`spool.spool_dataset`) and every output is read from
    there, so that no step holds all of them. Returns the number of distinct triples of the union graph.
    """
    with staged_outputs(out_dir, wait=warn) as stage:
        spool_dir = stage / SPOOL_DIR
        try:
            stage_started(BUILD_STAGES[1])
            t0 = time.perf_counter()
            dataset = spool_dataset(schema_quads(), graphs, spool_dir)
            stages["rdf"] = time.perf_counter() - t0
            stage_started(BUILD_STAGES[2])
            t0 = time.perf_counter()
            write_embedded_store(dataset, stage / STORE_DIR)
            stages["store"] = time.perf_counter() - t0
            stage_started(BUILD_STAGES[3])
            t0 = time.perf_counter()
            write_rdf(dataset, stage / "graph.ttl", ox.RdfFormat.TURTLE)
            write_rdf(dataset, stage / "graph.trig", ox.RdfFormat.TRIG)
            stages["turtle"] = time.perf_counter() - t0
            written = [STORE_DIR, "graph.ttl", "graph.trig"]
            if html:
                from govgraph.graph.viz import GraphQuads, write_visualization

                stage_started(BUILD_STAGES[4])
                t0 = time.perf_counter()
                write_visualization(GraphQuads(dataset.schema, dataset.quads), stage / "graph.html")
                stages["html"] = time.perf_counter() - t0
                written.append("graph.html")
            _write_marker(stage, written)
        finally:
            shutil.rmtree(spool_dir, ignore_errors=True)  # never committed with the outputs
    return dataset.triple_count
