"""Extraction throughput next to the spaCy pipeline alone, on the same texts, in one process.

Usage: python bench/bench_extraction_speed.py [FOLDER ...] [--repeat 3] [--nlp en_core_web_sm]
(default: the bundled sample corpus). Prints words/s of `nlp.pipe` alone (the floor any extractor on
this pipeline pays), of the whole per-article extraction (parse, gazetteer, rules), and their ratio
(issue 11 target: extraction at >= 50% of the pipeline's speed). The best of --repeat runs counts.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folders", nargs="*", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--nlp", default="en_core_web_sm")
    args = parser.parse_args()

    from govgraph.build.executors import executor_spec, extract_all, using
    from govgraph.build.gazetteer import default_gazetteer
    from govgraph.build.nlp import load_pipeline
    from govgraph.build.pipeline import read_documents
    from govgraph.corpus import corpus_dir

    folders = args.folders or [corpus_dir()]
    texts = [e.document.text for e in read_documents(folders, False, lambda _: None)]
    words = sum(len(t.split()) for t in texts)
    pipeline = load_pipeline(args.nlp)
    gazetteer = default_gazetteer()
    for _ in pipeline.pipe(texts[:1]):  # warm up
        pass

    def pipe_alone() -> float:
        started = time.process_time()
        for _ in pipeline.pipe(texts, batch_size=16):
            pass
        return time.process_time() - started

    def extraction() -> float:
        records = read_documents(folders, False, lambda _: None)
        started = time.process_time()
        with using(executor_spec(nlp=args.nlp)):
            extract_all(records, gazetteer)
        return time.process_time() - started

    pipe_s = min(pipe_alone() for _ in range(args.repeat))
    extract_s = min(extraction() for _ in range(args.repeat))
    print(f"{len(texts)} articles, {words:,} words (CPU seconds, best of {args.repeat})")
    print(f"spaCy {args.nlp} nlp.pipe alone: {pipe_s:6.2f} s  {words / pipe_s:9,.0f} words/s")
    print(f"whole extraction:              {extract_s:6.2f} s  {words / extract_s:9,.0f} words/s")
    print(f"extraction speed / pipeline speed: {pipe_s / extract_s:.0%} (target >= 50%)")


if __name__ == "__main__":
    main()
