"""Writing files and folders atomically: a reader sees the old one or the new one, never half of one.

A build writes all its outputs into a staging folder inside the output folder and then moves
them into place in a handful of renames (`staged_outputs`): Ctrl-C and SIGTERM wait until
those renames are done, the store folder is swapped in one `renameat2(RENAME_EXCHANGE)` call
where Linux offers it, and a build lock (an advisory `flock`, released by the kernel even on
SIGKILL) keeps two builds from writing the same folder at once. What a killed build leaves
behind (its staging folder, temporary files) is removed by the next build, and only that: a
staging folder is removed only when it holds govgraph's owner file, and other leftovers only in a
folder that holds a build's marker file (``.govgraph-build.json``, written with the outputs).
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import os
import shutil
import signal
import stat
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from govgraph.errors import InputError

LOCK_NAME = ".govgraph.lock"
STAGE_PREFIX = ".govgraph-stage-"
STAGE_OWNER = ".govgraph-stage"  # inside a staging folder: proof that govgraph made it
BUILD_MARKER = ".govgraph-build.json"  # in an output folder: the outputs govgraph wrote there
PREVIOUS_PREFIX = ".previous-"  # inside a staging folder: an output moved aside during a commit without RENAME_EXCHANGE
ASIDE_OUTPUTS = ("store",)  # folders atomic_dir moves aside as .NAME.old while swapping
OUTPUT_NAMES = ("store", "graph.ttl", "graph.trig", "graph.html")  # what a build writes, besides its marker
STALE_TEMP_SECONDS = 3600.0  # a temporary file this old belongs to no running writer

try:
    import fcntl
except ImportError:  # Windows: builds are not locked against each other
    fcntl = None  # type: ignore[assignment]


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised where Ctrl-C would be so that the same cleanup runs (exit code 143)."""


def terminate_as_interrupt() -> None:
    """Handle SIGTERM like Ctrl-C in this process: raise `Terminated` in the main thread."""

    def handler(signum: int, frame: object) -> None:
        raise Terminated()

    with contextlib.suppress(ValueError):  # not the main thread
        signal.signal(signal.SIGTERM, handler)


def _default_mode(base: int) -> int:
    """What a plain open()/mkdir() would give under the current umask (mkstemp gives 0600)."""
    umask = os.umask(0)
    os.umask(umask)
    return base & ~umask & (stat.S_IRWXU | stat.S_IRWXG | stat.S_IRWXO)


@contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """Yield a temporary path beside target; on success it replaces target in one rename."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    tmp_path = Path(tmp)
    os.chmod(tmp_path, _default_mode(0o666))
    try:
        yield tmp_path
        os.replace(tmp_path, target)
    finally:
        if tmp_path.exists():
            tmp_path.unlink()


def write_atomic(target: Path, write: Callable[[Path], object]) -> None:
    """Write target through `write(tmp)` on a temporary path, then rename it into place."""
    with atomic_path(target) as tmp:
        write(tmp)


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def exchange(first: Path, second: Path) -> bool:
    """Swap two paths in one atomic rename (Linux renameat2 RENAME_EXCHANGE).

    Returns:
        False when the system or file system cannot do it (the caller renames in two steps).

    Raises:
        OSError: the exchange failed for another reason (a path is missing, permissions).
    """
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):
        return False
    if renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP, errno.ENOTSUP, errno.EPERM):
        return False
    raise OSError(code, os.strerror(code), str(first), None, str(second))


def replace_dir(new: Path, target: Path, aside: Path) -> None:
    """Put folder `new` in target's place; the old target ends up at `aside` (deleted by the caller).

    With RENAME_EXCHANGE there is no moment without a target; otherwise the old target is moved
    to `aside` first, and `recover_outputs` puts it back if the process dies in between.
    """
    if not target.exists():
        os.replace(new, target)
    elif exchange(new, target):
        os.replace(new, aside)  # `new` now holds the old folder
    else:
        os.replace(target, aside)
        os.replace(new, target)


@contextmanager
def atomic_dir(target: Path) -> Iterator[Path]:
    """Yield a fresh folder beside target; on success it takes target's place."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent))
    os.chmod(tmp, _default_mode(0o777))
    old = target.with_name(f".{target.name}.old")
    try:
        yield tmp
        if old.exists():
            shutil.rmtree(old)
        replace_dir(tmp, target, old)
        shutil.rmtree(old, ignore_errors=True)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)


@contextmanager
def deferred_signals(signals: tuple[int, ...] = (signal.SIGINT, signal.SIGTERM)) -> Iterator[None]:
    """Hold these signals until the block is done, then deliver the first one that came."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    received: list[int] = []
    previous = {sig: signal.signal(sig, lambda signum, frame: received.append(signum)) for sig in signals}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler if handler is not None else signal.SIG_DFL)
        if received:
            signal.raise_signal(received[0])


def _holder(path: Path) -> str:
    try:
        return path.read_text(encoding="ascii").strip() or "?"
    except (OSError, UnicodeDecodeError):
        return "?"


@contextmanager
def build_lock(folder: Path, wait: Callable[[str], None] | None = None) -> Iterator[None]:
    """Hold the folder's build lock; another build waits until it is released (at the latest when this process dies).

    Args:
        folder: the output folder (created if needed); the lock is the file ``.govgraph.lock`` in it.
        wait: told once, in one line, when this build has to wait for another one.
    """
    folder.mkdir(parents=True, exist_ok=True)
    lock = folder / LOCK_NAME
    try:  # never through a symbolic link, never a file with other names: truncating it would change another file
        fd = os.open(lock, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), _default_mode(0o666))
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise InputError(f"{lock}: the build lock is a symbolic link; remove it (govgraph never follows it)") from exc
        raise
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode) or info.st_nlink != 1:
        os.close(fd)
        raise InputError(f"{lock}: the build lock is not a plain file of its own (it has other names); remove it")
    try:
        if fcntl is not None:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                if wait:
                    wait(f"waiting: another govgraph build (pid {_holder(lock)}) is writing to {folder}; "
                         "this one goes on when it is done")
                fcntl.flock(fd, fcntl.LOCK_EX)
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode("ascii"))
        yield
    finally:
        os.close(fd)


def recover_outputs(folder: Path) -> None:
    """Clean up after builds that were killed: restore an output moved aside, remove staging and temporary leftovers.

    Call it only while holding the build lock: then no staging folder belongs to a running build.
    Only what govgraph made is touched: a staging folder holding its owner file; the store's
    temporary and set-aside folders, and old temporary files of govgraph's outputs, only in a folder
    with a build marker. A symbolic link is never followed or removed.
    """
    now = time.time()
    built_here = (folder / BUILD_MARKER).is_file()
    for entry in sorted(folder.iterdir()):
        name = entry.name
        if entry.is_symlink():
            continue
        if name.startswith(STAGE_PREFIX) and entry.is_dir() and (entry / STAGE_OWNER).is_file():
            for aside in entry.glob(f"{PREVIOUS_PREFIX}*"):
                original = folder / aside.name[len(PREVIOUS_PREFIX) :]
                if not original.exists():
                    os.replace(aside, original)  # killed between the two renames of a commit
            shutil.rmtree(entry, ignore_errors=True)
        elif not built_here:
            continue
        elif name in {f".{output}.old" for output in ASIDE_OUTPUTS} and entry.is_dir():
            original = folder / name[1:-4]
            if not original.exists():
                os.replace(entry, original)  # killed inside atomic_dir's two renames
            else:
                shutil.rmtree(entry, ignore_errors=True)
        elif name.startswith(".store.") and name.endswith(".tmp"):
            shutil.rmtree(entry, ignore_errors=True)  # only builds, which hold the lock, write the store
        elif name.startswith(tuple(f".{output}." for output in OUTPUT_NAMES)) and name.endswith(".tmp"):
            with contextlib.suppress(OSError):
                if now - entry.lstat().st_mtime > STALE_TEMP_SECONDS:
                    shutil.rmtree(entry) if entry.is_dir() else entry.unlink()


def commit(stage: Path, folder: Path) -> None:
    """Move every entry of the staging folder into `folder` (folders first, as `replace_dir` does)."""
    entries = sorted(stage.iterdir(), key=lambda p: (not p.is_dir(), p.name))
    for entry in entries:
        if entry.name.startswith(PREVIOUS_PREFIX) or entry.name == STAGE_OWNER:
            continue
        target = folder / entry.name
        if entry.is_dir():
            replace_dir(entry, target, stage / f"{PREVIOUS_PREFIX}{entry.name}")
        else:
            os.replace(entry, target)


@contextmanager
def staged_outputs(folder: Path, wait: Callable[[str], None] | None = None) -> Iterator[Path]:
    """Yield a staging folder for a build's outputs; on success they replace the folder's all together.

    Until the block ends the previous outputs stay as they are; then each staged entry takes its
    place (a folder by exchange, a file by rename) while Ctrl-C and SIGTERM wait. If the block
    fails or is interrupted, nothing in `folder` changes. The build lock is held throughout.

    Args:
        folder: the output folder.
        wait: told in one line when another build holds the lock.
    """
    with build_lock(folder, wait):
        recover_outputs(folder)
        stage = Path(tempfile.mkdtemp(prefix=STAGE_PREFIX, dir=folder))
        try:
            os.chmod(stage, _default_mode(0o777))
            (stage / STAGE_OWNER).write_text(f"{os.getpid()}\n", encoding="ascii")
            yield stage
            with deferred_signals():
                commit(stage, folder)
        finally:
            shutil.rmtree(stage, ignore_errors=True)
