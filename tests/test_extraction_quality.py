"""Extraction quality does not fall: recall and precision on the sample corpus and the held-out sets.

The floors are the figures measured when the rules last changed, minus a small margin (see README
"Measured quality"); a deleted or broken rule drops a figure below its floor.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCORER = ROOT.parent / "shared" / "eval" / "score.py"
DEV_FACTS = ROOT.parent / "shared" / "eval" / "dev_facts.json"
# set -> (recall floor, precision floor of the four exhaustively labelled relations)
FLOORS = {"heldout": (0.57, 0.92), "heldout2": (0.43, 0.88)}

needs_scorer = pytest.mark.skipif(not SCORER.exists() and os.environ.get("CI") != "true",
                                  reason="the shared scorer (../shared/eval) is not beside this clone")


def _eval_module():
    spec = importlib.util.spec_from_file_location("eval_extraction", ROOT / "bench" / "eval_extraction.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@needs_scorer
def test_sample_corpus_keeps_the_dev_facts_with_their_sources(tmp_path: Path):
    from govgraph.workflow import build_graph

    build_graph(None, tmp_path / "out", html=False, incremental=False)
    done = subprocess.run([sys.executable, str(SCORER), str(tmp_path / "out" / "graph.ttl"), "--gold", str(DEV_FACTS),
                           "--json"], capture_output=True, text=True, check=True)
    report = json.loads(done.stdout)
    right_source = report["provenance"]["found_with_right_source"]
    assert right_source / report["facts"] >= 0.95, report["missed"]


@needs_scorer
@pytest.mark.parametrize("set_dir", [ROOT / "tests" / "heldout", ROOT / "bench" / "heldout2"], ids=lambda p: p.name)
def test_held_out_sets_keep_their_recall_and_precision(set_dir: Path):
    measured = _eval_module().measure(set_dir)
    recall_floor, precision_floor = FLOORS[set_dir.name]
    extracted = sum(v[0] for v in measured["precision"].values())
    correct = sum(v[1] for v in measured["precision"].values())
    assert measured["recall"]["recall"] >= recall_floor
    assert extracted and correct / extracted >= precision_floor, measured["precision"]
