"""The build: source files in, graph files and a store out."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from govgraph.build.cache import ExtractionCache
from govgraph.build.claims import mention_claims
from govgraph.build.documents import Problems, find_manifests, iter_source_files, read_document
from govgraph.build.gazetteer import Gazetteer, default_gazetteer
from govgraph.build.keys import make_key
from govgraph.build.mentions import find_mentions
from govgraph.build.misread_names import relabel_misread_persons
from govgraph.build.nlp import DEFAULT_PIPELINE, parse, sentence_spans
from govgraph.build.records import Claim, Entity, Extraction
from govgraph.build.relations import extract_relations
from govgraph.build.resolve import Conflict, find_conflicts, resolve
from govgraph.errors import InputError

if TYPE_CHECKING:
    from spacy.tokens import Doc

Warn = Callable[[str], None]


@dataclass(slots=True)
class ExtractionResult:
    """Everything extracted from a corpus, before it becomes RDF."""

    extractions: list[Extraction]
    entities: dict[str, Entity]
    reference_properties: dict[str, list[tuple[str, str]]]
    conflicts: list[Conflict] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    stage_seconds: dict[str, float] = field(default_factory=dict)
    reused: int = 0  # articles whose extraction came from the cache

    @property
    def sentences(self) -> int:
        return sum(len(e.document.sentences) for e in self.extractions)

    @property
    def claims(self) -> int:
        return sum(len(e.claims) for e in self.extractions)


def extract_documents(extractions: Iterable[Extraction], gazetteer: Gazetteer,
                      nlp: str = DEFAULT_PIPELINE) -> Iterator[Extraction]:
    """Extract documents in order, parsed in batches by the spaCy pipeline `nlp`."""
    batch = list(extractions)
    for extraction, parsed in zip(batch, parse((e.document.text for e in batch), nlp), strict=True):
        yield extract_document(extraction, gazetteer, parsed)


def extract_document(extraction: Extraction, gazetteer: Gazetteer, parsed: Doc | None = None) -> Extraction:
    """Sentences, mentions, entities and claims of one document (fills the record in place)."""
    doc = extraction.document
    if parsed is None:
        parsed = next(parse([doc.text]))
    relabel_misread_persons(parsed, gazetteer)
    doc.sentences = sentence_spans(parsed)
    mentions = find_mentions(doc, gazetteer)
    extraction.mentions = mentions
    extraction.entities = {m.entity: gazetteer.entries[m.entity].entity() for m in mentions}
    extraction.claims = []
    extract_relations(extraction, gazetteer, parsed)
    extraction.claims += mention_claims(doc, extraction.mentions)
    extraction.claims = strongest_claims(extraction.claims)
    if doc.publisher:
        key = gazetteer.lookup(doc.publisher) or make_key("org", doc.publisher)
        entry = gazetteer.entries.get(key)
        extraction.entities.setdefault(key, entry.entity() if entry else Entity(key, "MediaOutlet", doc.publisher))
        extraction.publisher = key
    if doc.author:
        key = make_key("person", doc.author)
        extraction.entities.setdefault(key, Entity(key, "Person", doc.author))
        extraction.author = key
    return extraction


def strongest_claims(claims: list[Claim]) -> list[Claim]:
    """One claim per statement and sentence: the most confident of the extractors that made it."""
    best: dict[tuple, Claim] = {}
    for claim in claims:
        key = (claim.sentence, claim.subject, claim.predicate, claim.obj)
        if key not in best or claim.confidence > best[key].confidence:
            best[key] = claim
    return list(best.values())


def read_documents(inputs: Sequence[Path], strict: bool, warn: Warn) -> list[Extraction]:
    """Read every source; unreadable files are skipped with a warning (or stop the build if strict).

    Raises:
        InputError: an input is missing, strict mode meets a bad file, or nothing can be read.
    """
    problems = Problems(warn, strict)
    manifest = find_manifests(inputs, problems)
    extractions: list[Extraction] = []
    seen_ids: set[str] = set()
    for path in iter_source_files(inputs, problems):
        try:
            doc = read_document(path, manifest.get(path.name))
        except InputError as exc:
            problems.problem(str(exc), path=path)
            continue
        base, n = doc.doc_id, 1
        while doc.doc_id in seen_ids:
            n += 1
            doc.doc_id = f"{base}-{n}"
        seen_ids.add(doc.doc_id)
        extractions.append(Extraction(doc))
    problems.finish()
    if not extractions:
        raise InputError("no readable source documents in the input; give .txt, .md, .html, .pdf or .docx files")
    return extractions


def release_merged(extractions: Iterable[Extraction], entities: dict[str, Entity]) -> None:
    """After the merge, each article keeps the merged entity of each key it names (one object per key for the
    whole corpus, not one per article that names it) and drops its mentions, which only resolution reads: most of
    what a large corpus held in memory before its graph was written (about 60% of the records at 500 articles)."""
    for extraction in extractions:
        extraction.entities = {key: entities[key] for key in extraction.entities}
        extraction.mentions = []


def merge_entities(extractions: Iterable[Extraction], gazetteer: Gazetteer) -> tuple[dict[str, Entity], dict]:
    """One entity per key across documents, plus the reference entities they point to."""
    entities: dict[str, Entity] = {}
    for extraction in extractions:
        for key, entity in extraction.entities.items():
            if key in entities:
                entities[key].aliases |= entity.aliases
                entities[key].same_as |= entity.same_as
            else:
                entities[key] = Entity(entity.key, entity.cls, entity.label, set(entity.aliases),
                                       reference=entity.reference, same_as=set(entity.same_as),
                                       hidden_labels=set(entity.hidden_labels))
    properties: dict[str, list[tuple[str, str]]] = {}
    pending = [k for k, e in entities.items() if e.reference]
    while pending:
        key = pending.pop()
        entry = gazetteer.entries.get(key)
        if entry is None:
            continue
        properties[key] = entry.properties
        for _, target in entry.properties:
            if target in gazetteer.entries and target not in entities:
                entities[target] = gazetteer.entries[target].entity()
                pending.append(target)
    return entities, properties


def extract_corpus(
    inputs: Sequence[Path], strict: bool = False, warn: Warn | None = None, cache_dir: Path | None = None
) -> ExtractionResult:
    """Read and extract every source document.

    Args:
        inputs: files and folders.
        strict: stop at the first unreadable file instead of skipping it.
        warn: called with each warning line.
        cache_dir: folder of the extraction cache; articles found there are not extracted again.

    Raises:
        InputError: see `read_documents`.
    """
    warnings: list[str] = []

    def record(message: str) -> None:
        warnings.append(message)
        if warn:
            warn(message)

    stages: dict[str, float] = {}
    t0 = time.perf_counter()
    extractions = read_documents(inputs, strict, record)
    stages["read"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    gazetteer = default_gazetteer()
    stages["gazetteer"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    from govgraph.build.executors import current, extract_all
    from govgraph.build.nlp import pipeline_id

    cache = ExtractionCache(cache_dir, pipeline_id(current().nlp)) if cache_dir else None
    cached = [cache.load(e) for e in extractions] if cache else [None] * len(extractions)
    todo = [e for e, hit in zip(extractions, cached, strict=True) if hit is None]
    extract_all(todo, gazetteer, stages)
    if cache:
        for extraction in todo:
            cache.save(extraction)
        cache.prune()
    extractions = [hit or e for e, hit in zip(extractions, cached, strict=True)]
    stages["extract"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    resolve(extractions)
    conflicts = find_conflicts(extractions)
    entities, properties = merge_entities(extractions, gazetteer)
    release_merged(extractions, entities)
    stages["resolve"] = time.perf_counter() - t0
    return ExtractionResult(extractions, entities, properties, conflicts, warnings, stages,
                            reused=len(extractions) - len(todo))
