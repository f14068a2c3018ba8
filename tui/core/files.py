"""Writing files next to the user's own, without ever losing one of theirs.

- :func:`write_atomic` puts a whole file in place (a temporary file in the same directory, then a rename):
  it replaces only a *regular file* (never a symlink, a device such as ``/dev/stdout`` or ``/dev/full``, a
  FIFO or a directory), only with ``force``, and keeps the mode (and, as root, the owner) of the file it
  replaces.
- :func:`write_directory` puts a whole directory of files in place (a data package): with ``force`` it
  replaces only what :func:`recognise` says is a previous package (its descriptor and the files that
  descriptor lists, all of them names the package writer uses); anything else in the directory is never
  deleted. Writers of the same parent directory take turns (an exclusive ``flock`` on it, released by
  the kernel whatever happens), so two concurrent exports never replace each other silently.
- The commit (the rename and what must follow it) runs with SIGINT, SIGTERM and SIGHUP held back, and
  marks :class:`Commit` done before they are let through: a caller's handler can then tell "interrupted,
  nothing changed" from "done, and a signal came after" and report what is on disk.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import stat
import tempfile
import threading
from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

_HELD = {signal.SIGINT, signal.SIGTERM, signal.SIGHUP}
MAX_DESCRIPTOR_BYTES = 1024 * 1024  # a package descriptor budget-tui writes has about 30 KB


@dataclass
class Commit:
    """Set to done the moment the new file or directory is in place (before held signals arrive)."""

    done: bool = False


class NotRegularFileError(OSError):
    """The target exists and is not a regular file (``kind`` says what it is): never replaced."""

    def __init__(self, path: Path, kind: str) -> None:
        super().__init__(17, f"is {kind}", str(path))
        self.kind = kind


class ForeignContentError(OSError):
    """The target directory holds something that is not a previous package (``names``): never replaced."""

    def __init__(self, path: Path, names: list[str], reason: str) -> None:
        super().__init__(17, reason, str(path))
        self.names = names
        self.reason = reason


class BusyError(OSError):
    """Another writer changed the target while this one was writing."""


def kind_of(mode: int) -> str:
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISDIR(mode):
        return "a directory"
    return "not a regular file"


def absolute(path: Path | str) -> Path:
    """``path`` made absolute; a deleted working directory is an OSError that says so."""
    path = Path(path)
    if path.is_absolute():
        return path
    try:
        cwd = os.getcwd()
    except FileNotFoundError:
        raise FileNotFoundError(2, "the working directory no longer exists", str(path)) from None
    return Path(cwd) / path


def current_umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def fsync_directory(directory: Path) -> None:
    """Make the rename itself durable (best effort: not every platform opens directories)."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)


@contextlib.contextmanager
def signals_held() -> Iterator[None]:
    """SIGINT, SIGTERM and SIGHUP wait until the block ends (main thread, where Python handles them)."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "pthread_sigmask"):
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, _HELD)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _lstat(path: Path) -> os.stat_result | None:
    try:
        return os.lstat(path)
    except FileNotFoundError:
        return None


# ---- one file ---------------------------------------------------------------------------------------


def write_atomic(path: Path | str, data: str | bytes, force: bool = False, commit: Commit | None = None) -> None:
    """Write ``data`` (text as UTF-8) to ``path`` all at once: readers see the old file or the new one.

    Raises ``IsADirectoryError`` for a directory, :class:`NotRegularFileError` for anything else that is
    not a regular file (with or without ``force``), ``FileExistsError`` for an existing file unless
    ``force``, ``OSError`` when the directory cannot be written; the temporary file never remains.
    """
    path = absolute(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    info = _lstat(path)
    if info is not None:
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError(21, "is a directory", str(path))
        if not stat.S_ISREG(info.st_mode):
            raise NotRegularFileError(path, kind_of(info.st_mode))
        if not force:
            raise FileExistsError(17, "already exists", str(path))
    directory = path.parent
    fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    temp = Path(temp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            if info is not None:  # replacing: the file keeps its mode and, where we may, its owner
                os.fchmod(handle.fileno(), stat.S_IMODE(info.st_mode))
                if os.geteuid() == 0:
                    with contextlib.suppress(OSError):
                        os.fchown(handle.fileno(), info.st_uid, info.st_gid)
            else:
                os.fchmod(handle.fileno(), 0o666 & ~current_umask())
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        with signals_held():
            if info is not None:
                os.replace(temp, path)
            else:
                _link_no_clobber(temp, path, force)
            if commit is not None:
                commit.done = True
            fsync_directory(directory)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()
        raise


def _link_no_clobber(temp: Path, path: Path, force: bool) -> None:
    """Put ``temp`` at ``path`` unless something appeared there meanwhile (then FileExistsError)."""
    try:
        os.link(temp, path)  # fails if path exists: no race with a file created since the check
    except FileExistsError:
        if force and (info := _lstat(path)) is not None and stat.S_ISREG(info.st_mode):
            os.replace(temp, path)
            return
        raise FileExistsError(17, "already exists", str(path)) from None
    except OSError:  # no hard links on this file system: the check above has to do
        if _lstat(path) is not None:
            raise FileExistsError(17, "already exists", str(path)) from None
        os.replace(temp, path)
        return
    temp.unlink()


# ---- a directory of files ---------------------------------------------------------------------------


def recognise(directory: Path, descriptor: str, own_names: Collection[str]) -> list[str]:
    """The entries of ``directory`` if it is a previous package: ``descriptor`` (JSON with ``resources``
    whose ``path``s are among ``own_names``) and only files it lists, all regular files. Otherwise
    :class:`ForeignContentError`, naming what is not a package's."""
    entries = sorted(os.listdir(directory))
    listed: set[str] = set()
    descriptor_path = directory / descriptor
    info = _lstat(descriptor_path)
    if info is not None and stat.S_ISREG(info.st_mode) and info.st_size <= MAX_DESCRIPTOR_BYTES:
        try:
            document = json.loads(descriptor_path.read_bytes())
        except (OSError, ValueError):
            document = None
        resources = document.get("resources") if isinstance(document, dict) else None
        if isinstance(resources, list):
            listed = {str(r["path"]) for r in resources if isinstance(r, dict) and isinstance(r.get("path"), str)}
    if not listed or not listed <= set(own_names):
        foreign = [name for name in entries if name != descriptor] or entries
        raise ForeignContentError(directory, foreign, "is not a data package budget-tui wrote")
    foreign = []
    for name in entries:
        entry = _lstat(directory / name)
        if (name != descriptor and name not in listed) or entry is None or not stat.S_ISREG(entry.st_mode):
            foreign.append(name)
    if foreign:
        raise ForeignContentError(directory, foreign, "holds files that are not part of its data package")
    return entries


@contextlib.contextmanager
def _turn(directory: Path) -> Iterator[None]:
    """An exclusive lock on ``directory`` (the target's parent) for one writer at a time; the kernel
    drops it when the process ends, so nothing is left behind. Without read access to the directory
    (rare: it would have to be write-only) writers go without it."""
    try:
        fd = os.open(directory, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        yield
        return
    try:
        try:
            import fcntl
        except ImportError:  # not POSIX: no flock
            pass
        else:
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # releases the lock


def write_directory(
    directory: Path | str,
    files: Mapping[str, bytes],
    descriptor: str,
    force: bool = False,
    commit: Commit | None = None,
) -> None:
    """Put ``files`` (name → content) in ``directory`` all at once.

    A missing or empty directory is filled. An existing one is replaced only with ``force`` and only if
    :func:`recognise` finds a previous package there (then exactly its files are removed); otherwise
    ``FileExistsError`` (no ``force``) or :class:`ForeignContentError`. A symbolic link or a non-directory
    is :class:`NotRegularFileError` / ``NotADirectoryError``. On any error nothing is left behind.
    """
    directory = absolute(directory)
    parent = directory.parent
    with _turn(parent):
        info = _lstat(directory)
        entries: list[str] = []
        if info is not None:
            if stat.S_ISLNK(info.st_mode):
                raise NotRegularFileError(directory, "a symbolic link")
            if not stat.S_ISDIR(info.st_mode):
                raise NotADirectoryError(20, "not a directory", str(directory))
            entries = sorted(os.listdir(directory))
            if entries:
                if not force:
                    raise FileExistsError(17, "already exists and is not empty", str(directory))
                entries = recognise(directory, descriptor, set(files) - {descriptor})
        temp = Path(tempfile.mkdtemp(prefix=f".{directory.name}.", suffix=".tmp", dir=parent))
        try:
            for name, data in files.items():
                with open(temp / name, "wb") as handle:
                    handle.write(data)
                    handle.flush()
                    os.fsync(handle.fileno())
            mode = stat.S_IMODE(info.st_mode) if info is not None else 0o777 & ~current_umask()
            os.chmod(temp, mode)  # mkdtemp makes it private; the package is an ordinary directory
            with signals_held():
                _swap_in(temp, directory, entries)
                if commit is not None:
                    commit.done = True
                fsync_directory(parent)
        except BaseException:
            shutil.rmtree(temp, ignore_errors=True)
            raise


def _swap_in(temp: Path, directory: Path, previous: list[str]) -> None:
    """Rename ``temp`` to ``directory``; a previous package is moved aside and exactly its files removed."""
    if not previous:
        try:
            os.rename(temp, directory)  # onto nothing, or onto an empty directory
        except OSError as exc:
            if exc.errno in (17, 39):  # EEXIST / ENOTEMPTY: something not budget-tui's wrote it meanwhile
                raise FileExistsError(17, "already exists and is not empty", str(directory)) from None
            raise
        return
    old = Path(tempfile.mkdtemp(prefix=f".{directory.name}.", suffix=".old", dir=directory.parent))
    try:
        os.rename(directory, old)  # onto the empty placeholder: POSIX rename replaces an empty directory
    except BaseException:
        os.rmdir(old)
        raise
    try:
        os.rename(temp, directory)
    except BaseException:
        os.rename(old, directory)
        raise
    for name in previous:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(old / name)
    with contextlib.suppress(OSError):  # not empty only if someone added a file meanwhile: keep it
        os.rmdir(old)
