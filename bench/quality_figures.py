"""Measure extraction quality and rewrite the README's "quality" figures block from the measurement.

    python bench/quality_figures.py [--realworld TEXTS_DIR] [--validation TEXTS_DIR] [--validation2 TEXTS_DIR]
        [--validation3 TEXTS_DIR] [--validation4 TEXTS_DIR] [--validation5 TEXTS_DIR]

Builds the sample corpus (dev facts with the shared scorer, ../shared/eval), the two held-out sets
(`eval_extraction.measure`) and, given the folder of the real-article texts (kept outside the repository,
see bench/realworld/README.md), the real-article development set and, given theirs, the validation sets
(bench/realworld/validation/, validation2/, validation3/ and validation4/, used since to find errors, and
bench/realworld/validation5/, graded blind); then
rewrites the block between ``<!-- figures:quality -->`` and ``<!-- /figures:quality -->`` in README.md. Slow (a
few minutes): the quick figures of the sample build are `readme_figures.py`'s.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import subprocess
import sys
import tempfile
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
SCORER = ROOT.parent / "shared" / "eval" / "score.py"


def _module(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def score(graph: Path, gold: Path) -> dict:
    done = subprocess.run([sys.executable, str(SCORER), str(graph), "--gold", str(gold), "--json"],
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def real_set_row(name: str, folder: Path, measured: dict) -> str:
    """One row for a set of real articles: how many, from how many countries (the file names' second part)."""
    files = {fact["source"] for fact in json.loads((folder / "facts.json").read_text(encoding="utf-8"))}
    countries = {f.split("_")[1] for f in files if f.count("_") >= 2}
    return (f"| `{folder.relative_to(ROOT)}` ({name}, {len(files)} real articles, {len(countries)} countries) | {len(files)} | "
            f"{measured['found']}/{measured['facts']} = {100 * measured['recall']:.1f}% | judged by hand, see below |")


def block(sample: dict, sets: dict[str, dict], real: list[str]) -> str:
    lines = [
        f"On the bundled corpus, the development scorer (`score.py`, kept beside the repository in `shared/eval`) "
        f"finds **{sample['found']}/{sample['facts']} dev facts, "
        f"{sample['provenance']['found_with_right_source']}/{sample['facts']} with the right source article**.",
        "",
        "| set | articles | recall of labelled facts (lenient scorer) | precision (holds, size, event date, vote share) |",
        "| --- | --- | --- | --- |",
    ]
    for name, measured in sets.items():
        recall = measured["recall"]
        extracted = sum(v[0] for v in measured["precision"].values())
        correct = sum(v[1] for v in measured["precision"].values())
        lines.append(f"| `{name}` | {measured['articles']} | {recall['found']}/{recall['facts']} = "
                     f"{100 * recall['recall']:.1f}% | {correct}/{extracted} = {100 * correct / max(extracted, 1):.1f}% |")
    return "\n".join(lines + real) + "\n"


def build_real(texts_dir: Path, folder: Path, scratch: Path) -> dict:
    """Build a folder of real-article texts (with the set's manifest.json) and score it against the set's facts."""
    from govgraph.workflow import build_graph

    texts = scratch / f"{folder.name}-texts"
    texts.mkdir()
    for path in texts_dir.glob("*.txt"):
        (texts / path.name).write_bytes(path.read_bytes())
    (texts / "manifest.json").write_bytes((folder / "manifest.json").read_bytes())
    build_graph([texts], scratch / f"{folder.name}-out", html=False, incremental=False)
    return score(scratch / f"{folder.name}-out" / "graph.ttl", folder / "facts.json")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--realworld", type=Path, help="the folder of the development set's real-article texts")
    parser.add_argument("--validation", type=Path, help="the folder of the first validation set's real-article texts")
    parser.add_argument("--validation2", type=Path, help="the folder of the second validation set's real-article texts")
    parser.add_argument("--validation3", type=Path, help="the folder of the third validation set's real-article texts")
    parser.add_argument("--validation4", type=Path, help="the folder of the fourth validation set's real-article texts")
    parser.add_argument("--validation5", type=Path, help="the folder of the fifth validation set's real-article texts")
    args = parser.parse_args()
    from govgraph.workflow import build_graph

    evaluation = _module("eval_extraction", BENCH / "eval_extraction.py")
    figures = _module("readme_figures", BENCH / "readme_figures.py")
    with tempfile.TemporaryDirectory(prefix="govgraph-quality-") as scratch:
        build_graph(None, Path(scratch) / "sample", html=False, incremental=False)
        sample = score(Path(scratch) / "sample" / "graph.ttl", ROOT.parent / "shared" / "eval" / "dev_facts.json")
        sets = {f"{d.relative_to(ROOT)}/": evaluation.measure(d) for d in (ROOT / "tests" / "heldout", BENCH / "heldout2")}
        real = [real_set_row(name, folder, build_real(texts, folder, Path(scratch)))
                for name, folder, texts in (("development", BENCH / "realworld", args.realworld),
                                            ("first validation set, labelled before any build, used since to find errors",
                                             BENCH / "realworld" / "validation", args.validation),
                                            ("second validation set, labelled before any build, used since to find errors",
                                             BENCH / "realworld" / "validation2", args.validation2),
                                            ("third validation set, labelled before any build, used since to find errors",
                                             BENCH / "realworld" / "validation3", args.validation3),
                                            ("fourth validation set, labelled before any build, graded blind, then "
                                             "used to find errors",
                                             BENCH / "realworld" / "validation4", args.validation4),
                                            ("fifth validation set, labelled before any build, graded blind, then "
                                             "used to find errors",
                                             BENCH / "realworld" / "validation5", args.validation5))
                if texts]
    text = figures.README.read_text(encoding="utf-8")
    made = block(sample, sets, real)
    updated = figures._BLOCK.sub(lambda m: m.group(1) + made + m.group(4) if m.group(2) == "quality" else m.group(0), text)
    if "<!-- figures:quality -->" not in text:
        sys.exit("README.md has no <!-- figures:quality --> block")
    figures.README.write_text(updated, encoding="utf-8")
    print(made)


if __name__ == "__main__":
    main()
