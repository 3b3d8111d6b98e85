"""External sort: the sorted, distinct lines of a stream too large to hold, in bounded memory.

Lines are collected in a set of at most `run_lines`; each full set is written, sorted, as a run file;
the runs are merged with `heapq.merge` (at most `fan_in` files open at once, merged in rounds when there
are more), and a line equal to the one before is dropped. Lines are bytes without a newline, compared
as bytes (for UTF-8 text, the order of Python's `sorted` on the decoded strings).
"""

from __future__ import annotations

import heapq
import itertools
from collections.abc import Iterable, Iterator
from contextlib import ExitStack
from pathlib import Path

RUN_LINES = 200_000  # about 40 MB of lines of ~100 bytes, plus the set's overhead
FAN_IN = 64  # run files open at once while merging


class ExternalSort:
    """Collects lines and gives them back sorted and deduplicated; memory bounded by `run_lines`.

    Example::

        sorter = ExternalSort(folder)
        sorter.extend([b"b", b"a", b"b"])
        list(sorter.merged())  # [b"a", b"b"]
    """

    def __init__(self, folder: Path, run_lines: int = RUN_LINES, fan_in: int = FAN_IN) -> None:
        if run_lines < 1 or fan_in < 2:
            raise ValueError("run_lines must be at least 1 and fan_in at least 2")
        self.folder = folder
        self.run_lines = run_lines
        self.fan_in = fan_in
        folder.mkdir(parents=True, exist_ok=True)
        self._buffer: set[bytes] = set()
        self._runs: list[Path] = []
        self._names = itertools.count()

    def add(self, line: bytes) -> None:
        """Add one line (bytes without b'\\n')."""
        self._buffer.add(line)
        if len(self._buffer) >= self.run_lines:
            self._write_run()

    def extend(self, lines: Iterable[bytes]) -> None:
        for line in lines:
            self.add(line)

    def _new_run(self) -> Path:
        path = self.folder / f"run-{next(self._names):06d}"
        self._runs.append(path)
        return path

    def _write_run(self) -> None:
        if not self._buffer:
            return
        lines = sorted(self._buffer)
        self._buffer.clear()
        with self._new_run().open("wb") as out:
            out.writelines(line + b"\n" for line in lines)
        del lines

    def _merge_round(self) -> None:
        """Merge the oldest `fan_in` runs into one, so that a final merge opens at most `fan_in` files."""
        group, self._runs = self._runs[: self.fan_in], self._runs[self.fan_in :]
        target = self._new_run()
        with target.open("wb") as out:
            out.writelines(line + b"\n" for line in _merged_files(group))
        for path in group:
            path.unlink()

    def merged(self) -> Iterator[bytes]:
        """Every distinct line added, in sorted order; the collected lines are consumed (call it once)."""
        if not self._runs:  # everything fit in memory: no file needed
            lines, self._buffer = sorted(self._buffer), set()
            yield from lines
            return
        self._write_run()
        while len(self._runs) > self.fan_in:
            self._merge_round()
        runs, self._runs = self._runs, []
        yield from _merged_files(runs)
        for path in runs:
            path.unlink()


def _read_lines(path: Path, stack: ExitStack) -> Iterator[bytes]:
    handle = stack.enter_context(path.open("rb", buffering=1 << 16))
    return (line[:-1] for line in handle)


def _merged_files(paths: list[Path]) -> Iterator[bytes]:
    """The distinct lines of sorted run files, merged."""
    with ExitStack() as stack:
        previous: bytes | None = None
        for line in heapq.merge(*(_read_lines(path, stack) for path in paths)):
            if line != previous:
                yield line
                previous = line
