"""The benchmark scripts keep working: the corpus generator and each measurement of the bench (figures are not checked)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent.parent / "bench"


def test_synthetic_corpus_is_deterministic_and_news_like(tmp_path: Path) -> None:
    for name in ("a", "b"):
        done = subprocess.run([sys.executable, str(BENCH / "synth_corpus.py"), str(tmp_path / name), "--articles", "5",
                               "--seed", "11"], capture_output=True, text=True, check=False, timeout=120)
        assert done.returncode == 0, done.stderr
        assert done.stdout.startswith("5 articles, ")
    files = sorted(p.name for p in (tmp_path / "a").iterdir())
    assert files == ["00000.txt", "00001.txt", "00002.txt", "00003.txt", "00004.txt", "manifest.json"]
    for name in files:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    manifest = json.loads((tmp_path / "a" / "manifest.json").read_text(encoding="utf-8"))
    assert [m["file"] for m in manifest] == files[:5]
    assert all(m["title"] and m["publisher"] and m["date"] for m in manifest)
    text = " ".join((tmp_path / "a" / f).read_text(encoding="utf-8") for f in files[:5])
    assert len(text.split()) > 1000
    assert "Kazakhstan" in text and " percent" in text and " from " in text


def test_each_measurement_runs_and_the_report_prints_every_section(tmp_path: Path) -> None:
    """Every child measurement of run_bench.py (build, queries, extraction) on 3 articles, then its report.

    What `--quick` orchestrates, with the smallest inputs that reach every code path: the figures are not
    checked, only that each measurement runs and each section of the report is printed.
    """
    sys.path.insert(0, str(BENCH))
    import run_bench
    from synth_corpus import write_corpus

    corpus, out = tmp_path / "corpus", tmp_path / "out"
    write_corpus(corpus, 3, 11)
    command = [sys.executable, "-m", "govgraph"]
    size = {"load": 0.0, "build": run_bench.run_child("build", corpus, out),
            "queries": run_bench.run_child("queries", corpus, out, "--repeat", "1", "--query-timeout", "60"),
            "extract": run_bench.run_child("extract", corpus, out),
            "incremental": run_bench.run_child("incremental", corpus, out)}
    results = {"machine": run_bench.machine(), "sizes": {"3": size},
               "help_runs": run_bench.wall_of([*command, "--help"], 1),
               "sample_runs": [size["build"]["wall_s"]], "sample_extract": size["extract"]}
    results["help_s"], results["sample_s"] = results["help_runs"][0], results["sample_runs"][0]
    (tmp_path / "r.json").write_text(json.dumps(results), encoding="utf-8")
    done = subprocess.run([sys.executable, str(BENCH / "run_bench.py"), "--report", str(tmp_path / "r.json")],
                          capture_output=True, text=True, check=False, timeout=120)
    assert done.returncode == 0, done.stderr[-3000:]
    for heading in ("Whole build", "Seconds per stage", "Extraction alone", "Named queries", "govgraph --help",
                    "sample corpus build", "Targets (issue 7)", "Targets (issue 16, scale)", "incremental rebuild"):
        assert heading in done.stdout
    readme = tmp_path / "README.md"
    stale = "# x\n<!-- figures:performance -->\nstale figures\n<!-- /figures:performance -->\nafter\n"
    readme.write_text(stale, encoding="utf-8")
    run_bench.write_readme(results, readme)
    block = readme.read_text(encoding="utf-8")
    assert "stale figures" not in block and block.endswith("<!-- /figures:performance -->\nafter\n")
    assert "| triples per fact |" in block and "| describe |" in block
    assert size["build"]["articles"] == 3 and size["build"]["triples"] > 0
    assert {"extract", "rdf", "store", "turtle", "html"} <= set(size["build"]["stages"])
    assert size["extract"]["words"] > 0 and size["extract"]["jobs2_wall_s"] > 0
    from govgraph.queries import named_queries

    assert set(size["queries"]) == set(named_queries())
