"""What the command line shows besides its results: a progress bar on stderr, and tables drawn with rich."""

from __future__ import annotations

import io
import sys
import threading
from collections.abc import Iterable, Sequence
from types import TracebackType
from typing import TYPE_CHECKING

from rich import box
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

if TYPE_CHECKING:
    from govgraph.graph.stats import GraphStats

# a dash under the header and two spaces between columns: plain text that diff, grep and a pager read well
PLAIN = box.Box("    \n    \n -  \n    \n    \n    \n    \n    \n", ascii=True)
WIDE = 10_000  # tables written to a pipe are never wrapped to a terminal's width


class StageProgress:
    """A transient progress bar on stderr, shown only on a terminal and only once a task takes over `delay` s.

    Use as a context manager; `stage(description)` starts the next stage (with `total=None`, it only
    changes the text of a bar that pulses), and `echo(line)` prints a line above the bar.
    """

    def __init__(self, description: str, total: int | None = None, *, delay: float = 1.0,
                 console: Console | None = None) -> None:
        self.console = console or Console(stderr=True)
        self.enabled = self.console.is_terminal
        self._progress = Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
                                  *([MofNCompleteColumn()] if total else []), TimeElapsedColumn(),
                                  console=self.console, transient=True, disable=not self.enabled)
        self._task = self._progress.add_task(description, total=total)
        self._delay = delay
        self._lock = threading.Lock()
        self._timer: threading.Timer | None = None
        self._shown = self._closed = self._begun = False

    def __enter__(self) -> StageProgress:
        if self.enabled:
            self._timer = threading.Timer(self._delay, self._show)
            self._timer.daemon = True
            self._timer.start()
        return self

    def _show(self) -> None:
        with self._lock:
            if not self._closed:
                self._progress.start()
                self._shown = True

    def stage(self, description: str) -> None:
        """Count the stage under way as done (if any) and show the next one's name."""
        advance = 1 if self._progress.tasks[0].total and self._begun else 0
        self._begun = True
        self._progress.update(self._task, description=description, advance=advance)

    def echo(self, line: str) -> None:
        """Print a line on stderr, above the bar while it is shown (warnings during a build)."""
        with self._lock:
            if self._shown and not self._closed:
                self.console.print(line, markup=False, highlight=False, emoji=False, soft_wrap=True)
                return
        sys.stderr.write(line + "\n")
        sys.stderr.flush()

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None, tb: TracebackType | None) -> None:
        with self._lock:
            self._closed = True
            if self._timer is not None:
                self._timer.cancel()
            if self._shown:
                self._progress.stop()


def plain_table(header: Sequence[str] | None, rows: Iterable[Sequence[str]], *, right: Sequence[int] = ()) -> str:
    """Rows as an aligned text table (header, a line of dashes, rows), laid out by rich; no trailing spaces."""
    rows = [list(row) for row in rows]
    names = list(header) if header is not None else [""] * max((len(row) for row in rows), default=0)
    table = Table(box=PLAIN, show_edge=False, pad_edge=False, padding=(0, 1, 0, 0), header_style="",
                  show_header=header is not None)
    for index, name in enumerate(names):
        table.add_column(Text(name), justify="right" if index in right else "left", overflow="fold", no_wrap=True)
    for row in rows:
        table.add_row(*(Text(cell) for cell in row))
    buffer = io.StringIO()
    Console(file=buffer, width=WIDE, color_system=None, legacy_windows=False, emoji=False, highlight=False).print(table)
    return "\n".join(line.rstrip() for line in buffer.getvalue().splitlines()) + "\n"


def stats_text(stats: GraphStats) -> str:
    """`govgraph stats` as text: the counts, then instances by class and triples by property as tables."""
    from govgraph.graph.stats import curie

    summary = [("store", stats.store), ("graphs", str(stats.graphs)),
               ("triples", f"{stats.triples} ({stats.quads} quads across graphs)"), ("articles", str(stats.articles)),
               ("claims", stats.claims_line()), ("conflicts", str(stats.conflicts))]
    blocks = [plain_table(None, summary)]
    for title, key, column, counts in (("instances by class", "class", "instances", stats.by_class),
                                       ("triples by property", "property", "triples", stats.by_property)):
        table = plain_table([key, column], [(curie(iri), str(n)) for iri, n in counts.items()], right=[1])
        blocks.append(f"{title} (schema graph left out):\n" + "".join(f"  {line}\n" for line in table.splitlines()))
    return "\n".join(blocks)
