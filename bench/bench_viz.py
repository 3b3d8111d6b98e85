"""Benchmark of the network view: writing the page, and drawing it in headless Chromium.

Prints, as medians of --repeat runs:
  1. the sample corpus view: node and edge counts (all, and shown when the page opens);
  2. time to write the page for synthetic graphs of 1,000 to 10,000 nodes (and more with --sizes),
     split into projection, page data (with the layout) and HTML;
  3. pyvis's add_node/add_edge against handing vis-network the node and edge lists at once;
  4. time until the page's first 'afterDrawing' event (and until physics settles, when it runs) in
     headless Chromium, for the sample view and a 5,000-node graph.
With --store DIR (a build's output folder), only the page stage of that build: time to write DIR's page,
its size, and the peak memory of writing it (above the quads held in memory, as the build holds them).

Run:  python bench/bench_viz.py            (about a minute; --quick skips pyvis's slow path)
      python bench/bench_viz.py --store /tmp/out-1000 --repeat 1
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from govgraph.graph.viz import write_visualization
from synth_graph import synthetic_quads

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run"]


def bench_write(sizes: list[int], repeat: int, work: Path) -> dict[int, float]:
    print("\n== writing the page (synthetic graphs; median of", repeat, "runs) ==")
    print(f"{'nodes':>7} {'edges':>7} {'quads':>8} {'project s':>10} {'data+layout s':>14} {'html s':>7} {'total s':>8} "
          f"{'cpu s':>6} {'MB':>5} {'µs/node':>8}")
    totals = {}
    for size in sizes:
        quads = synthetic_quads(size)
        runs, cpu = [], []
        for _ in range(repeat):
            c0 = time.process_time()
            runs.append(write_visualization(quads, work / f"synth-{size}.html"))
            cpu.append(time.process_time() - c0)
        total = statistics.median(r.seconds for r in runs)
        stage = {k: statistics.median(r.stage_seconds[k] for r in runs) for k in ("project", "data", "html")}
        first = runs[0]
        megabytes = (work / f"synth-{size}.html").stat().st_size / 1e6
        print(f"{first.nodes:>7} {first.edges:>7} {len(quads):>8} {stage['project']:>10.3f} {stage['data']:>14.3f} "
              f"{stage['html']:>7.3f} {total:>8.3f} {statistics.median(cpu):>6.3f} {megabytes:>5.1f} "
              f"{total / first.nodes * 1e6:>8.1f}")
        totals[first.nodes] = total
    counts = sorted(totals)
    if len(counts) > 1:
        small, large = counts[0], counts[-1]
        print(f"ratio: {large / small:.1f}x the nodes took {totals[large] / totals[small]:.1f}x the time "
              f"({large:,} vs {small:,} nodes)")
    return totals


def bench_pyvis(size: int) -> None:
    from pyvis.network import Network

    print(f"\n== pyvis: add_node/add_edge vs filling net.nodes/net.edges ({size:,} nodes, {size * 2:,} edges) ==")
    nodes = [(i, f"node {i}") for i in range(size)]
    edges = [(i, (i * 7 + 1) % size) for i in range(size)] + [(i, (i * 13 + 5) % size) for i in range(size)]
    net = Network(directed=True, cdn_resources="in_line")
    t0 = time.perf_counter()
    for i, label in nodes:
        net.add_node(i, label=label)
    for s, o in edges:
        net.add_edge(s, o)
    slow = time.perf_counter() - t0
    net = Network(directed=True, cdn_resources="in_line")
    t0 = time.perf_counter()
    net.nodes = [{"id": i, "label": label, "shape": "dot"} for i, label in nodes]
    net.edges = [{"from": s, "to": o, "arrows": "to"} for s, o in edges]
    fast = time.perf_counter() - t0
    print(f"add_node/add_edge {slow:.2f} s; lists at once {fast:.4f} s; ratio {slow / fast:,.0f}x")


def bench_render(pages: dict[str, Path], repeat: int) -> None:
    from playwright.sync_api import sync_playwright

    print("\n== drawing in headless Chromium (ms from navigation start; median of", repeat, "loads) ==")
    print(f"{'page':<28} {'nodes':>6} {'shown':>6} {'first afterDrawing':>19} {'settled':>8} {'wall':>7}")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for name, path in pages.items():
            rows = []
            for _ in range(repeat):
                page = browser.new_page(viewport={"width": 1280, "height": 800})
                t0 = time.perf_counter()
                page.goto(path.as_uri())
                page.wait_for_selector("body[data-ready='1']", state="attached", timeout=120_000)
                wall = (time.perf_counter() - t0) * 1000
                timing = page.evaluate("govgraph.timing")
                shown = page.evaluate("govgraph.nodeView.length")
                total = page.evaluate("govgraph.nodes.length")
                rows.append((timing["firstDraw"], timing["ready"], wall, shown, total))
                page.close()
            first, ready, wall = (statistics.median(r[i] for r in rows) for i in range(3))
            print(f"{name:<28} {rows[0][4]:>6} {rows[0][3]:>6} {first:>19.0f} {ready:>8.0f} {wall:>7.0f}")
        browser.close()


def save_screenshot(page_file: Path, target: Path) -> None:
    """The README picture: the sample view's first screen, as it opens."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        page.goto(page_file.as_uri())
        page.wait_for_selector("body[data-ready='1']", state="attached", timeout=120_000)
        target.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(target))
        browser.close()
    print(f"screenshot -> {target} ({target.stat().st_size / 1000:.0f} KB)")


def _status_mib(key: str) -> int:
    with open("/proc/self/status", encoding="ascii") as status:
        return next(int(line.split()[1]) // 1024 for line in status if line.startswith(key))


def bench_store(out_dir: Path, target: Path) -> None:
    """The page stage of a build: its quads (loaded first, not counted) -> the page."""
    from govgraph.graph.store import open_store

    store = open_store(out_dir / "store")
    quads = list(store.quads())
    store.close()
    with open("/proc/self/clear_refs", "w", encoding="ascii") as clear:
        clear.write("5")  # the peak resident memory (VmHWM) starts again from here
    before = _status_mib("VmRSS")
    summary = write_visualization(quads, target)
    peak = _status_mib("VmHWM")
    stages = ", ".join(f"{k} {v:.1f} s" for k, v in summary.stage_seconds.items())
    details = f"; {summary.in_details:,} provenance nodes in the details" if summary.in_details else ""
    print(f"{out_dir}: {len(quads):,} quads -> {summary.nodes:,} nodes, {summary.edges:,} edges "
          f"({summary.shown_nodes:,} drawn first{details})")
    print(f"written in {summary.seconds:.1f} s ({stages}); {target.stat().st_size / 2**20:.1f} MiB; "
          f"peak memory {peak - before:,} MiB above the {before:,} MiB of the loaded quads")


def sample_view(work: Path) -> Path:
    from govgraph.workflow import build_graph

    out = work / "sample"
    build_graph(None, out, html=False)
    target = out / "graph.html"
    from govgraph.graph.viz import write_store_visualization

    summary = write_store_visualization(out, None, target)
    print("== sample corpus view (govgraph build; bundled corpus) ==")
    print(f"{summary.nodes} nodes and {summary.edges} edges in the page; {summary.shown_nodes} nodes and "
          f"{summary.shown_edges} edges shown when it opens (provenance hidden); written in {summary.seconds:.2f} s")
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 10000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--quick", action="store_true", help="skip pyvis's add_node/add_edge (seconds to minutes)")
    parser.add_argument("--no-browser", action="store_true")
    parser.add_argument("--screenshot", type=Path, help="also save the README picture of the sample view here")
    parser.add_argument("--store", type=Path, help="only time the page of this build's output folder (Linux)")
    args = parser.parse_args()
    if args.store:
        with tempfile.TemporaryDirectory(prefix="bench-viz-") as tmp:
            for _ in range(args.repeat):
                bench_store(args.store, Path(tmp) / "graph.html")
        return
    print("load average at start: {:.1f} {:.1f} {:.1f}".format(*os.getloadavg()), f"({os.cpu_count()} cores)")
    with tempfile.TemporaryDirectory(prefix="bench-viz-") as tmp:
        work = Path(tmp)
        sample = sample_view(work)
        if args.screenshot:
            save_screenshot(sample, args.screenshot)
        bench_write(args.sizes, args.repeat, work)
        if not args.quick:
            bench_pyvis(10_000)
        if not args.no_browser and Path(CHROMIUM).exists():
            big = work / "synth-5000-render.html"
            write_visualization(synthetic_quads(5000), big)
            bench_render({"sample view": sample, "synthetic 5,000 nodes": big}, args.repeat)
    print("load average at end: {:.1f} {:.1f} {:.1f}".format(*os.getloadavg()))


if __name__ == "__main__":
    main()
