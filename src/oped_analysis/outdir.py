"""A run's output folder, written safely: complete or clearly marked, never half-replaced.

:class:`OutputFolder` is what :func:`oped_analysis.pipeline.analyze` writes through:

* the tables go to a private temporary folder beside ``--out`` (``.NAME.partial-XXXX``,
  mode 0700, made fresh, so no symlink inside it can be followed), and replace ``--out``
  only when the run completes, in one ``rename`` (an atomic exchange on Linux);
* ``run.json`` in it says what the run was (inputs, options, version, counts) and its
  ``status``: ``running``, ``complete``, ``interrupted`` or ``failed``; only a complete run
  is ever moved to ``--out``, so an interrupted one (Ctrl-C, SIGTERM, a full disk, SIGKILL)
  leaves the previous output untouched and its own work in the marked temporary folder;
* ``--out`` may not be an input, inside one, or contain one; an existing folder that is
  not an earlier oped-analysis output is refused unless ``overwrite=True``; a lock file
  (``.NAME.lock``, ``flock``, released by the kernel even on SIGKILL) refuses a second run
  into the same folder.
"""

from __future__ import annotations

import ctypes
import datetime as dt
import errno
import json
import os
import shutil
import signal
import tempfile
from contextlib import contextmanager
from pathlib import Path

from .errors import OpedAnalysisError

MANIFEST = "run.json"
TOOL = "oped-analysis"
#: Names an earlier run writes; a folder holding only these (and run.json) may be replaced.
OUTPUT_NAMES = frozenset({MANIFEST, "problems.csv"} | {f"{t}.{ext}" for t in
                         ("articles", "sentences", "mentions", "scores", "comparison")
                         for ext in ("parquet", "csv")})
PARTIAL = ".partial-"
OLD = ".old-"


class OutputError(OpedAnalysisError):
    """``--out`` cannot be used (overlaps an input, is busy, is not ours, cannot be written)."""


def check_path(value, what: str) -> Path:
    """A user-given path as a Path; an empty one (an unset shell variable) is an error."""
    if isinstance(value, os.PathLike):
        value = os.fspath(value)
    if not isinstance(value, str):
        raise OutputError(f"{what} must be a path, not {type(value).__name__} {value!r}")
    if not value.strip():
        raise OutputError(f"{what} is an empty path ({value!r}); is a shell variable unset?")
    return Path(value)


def _real(path: Path) -> Path:
    return Path(os.path.realpath(path))


def _real_in(path: Path, folders: dict[Path, Path]) -> Path:
    """``_real(path)``, its folder's real path remembered in ``folders``: a path that is no
    symbolic link lies in its folder's real path, so a thousand files of a folder cost a
    thousand ``lstat`` calls, not one per folder of each path."""
    if path.name in ("", "..") or os.path.islink(path):
        return _real(path)
    real = folders.get(path.parent)
    if real is None:
        real = folders[path.parent] = _real(path.parent)
    return real / path.name


def _inside(child: Path, parent: Path) -> bool:
    """Whether ``child`` is ``parent`` or lies under it; both real paths (``_real``), compared as
    strings (``parent in child.parents`` built a path per level: most of the check's time)."""
    c, p = os.fspath(child), os.fspath(parent)
    return c == p or c.startswith(p if p.endswith(os.sep) else p + os.sep)


def check_overlap(out: Path, sources, files) -> None:
    """Refuse an ``out`` equal to, inside, or containing an input (folder, glob root or file)."""
    real_out = _real(out)
    named = [Path(os.fspath(s)) for s in sources]
    folders: dict[Path, Path] = {}
    for src in [*named, *files]:
        text = os.fspath(src)
        if any(c in text for c in "*?["):  # a glob: its fixed leading folders
            parts = []
            for part in Path(text).parts:
                if any(c in part for c in "*?["):
                    break
                parts.append(part)
            src = Path(*parts) if parts else Path(".")
        real = _real_in(Path(src), folders)
        if _inside(real_out, real) or _inside(real, real_out):
            how = ("is" if real_out == real else "is inside" if _inside(real_out, real) else "contains")
            raise OutputError(f"--out {out} {how} the input {src}; the run would overwrite or re-read "
                              "its own input. Give --out a separate folder")


def _refuse_dangerous(out: Path) -> None:
    real = _real(out)
    home = _real(Path.home())
    cwd = _real(Path.cwd())
    if real == Path(real.anchor) or real == home or _inside(cwd, real):
        raise OutputError(f"--out {out} is the root, your home or the current folder (or one holding it); "
                          "give a dedicated output folder")


def _manifest(folder: Path) -> dict | None:
    try:
        with open(folder / MANIFEST, encoding="utf-8") as f:
            data = json.load(f)
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and data.get("tool") == TOOL else None


def previous_output(out: Path) -> bool:
    """True if ``out`` holds an earlier complete oped-analysis output and nothing else."""
    data = _manifest(out)
    if data is None or data.get("status") != "complete":
        return False
    return all(entry.name in OUTPUT_NAMES for entry in os.scandir(out))


_RENAME_EXCHANGE = 2


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one step (Linux ``renameat2(RENAME_EXCHANGE)``); False if unsupported."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        fn = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd = -100
    rc = fn(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), _RENAME_EXCHANGE)
    if rc == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP):
        return False
    raise OSError(err, os.strerror(err), str(b))


@contextmanager
def _signals_deferred():
    """Hold SIGINT/SIGTERM while the output is being swapped in (it takes microseconds)."""
    sigs = {signal.SIGINT, signal.SIGTERM}
    try:
        old = signal.pthread_sigmask(signal.SIG_BLOCK, sigs)
    except (AttributeError, ValueError, OSError):
        old = None
    try:
        yield
    finally:
        if old is not None:
            signal.pthread_sigmask(signal.SIG_SETMASK, old)


def _mark_replaced(folder: Path) -> None:
    """Say in a replaced output's run.json that it is no longer the output (it is deleted
    next; should the process die first, it must not read as a complete output)."""
    data = _manifest(folder)
    if data is not None:
        data["status"] = "replaced"
        part = folder / f".{MANIFEST}.tmp"
        part.write_text(json.dumps(data, indent=1, ensure_ascii=False, default=str) + "\n", encoding="utf-8")
        os.replace(part, folder / MANIFEST)


#: Lock files this process holds. A forked worker closes its copies: a flock belongs to the
#: open file, so a worker outliving a killed run would otherwise keep ``--out`` locked.
_HELD_LOCKS: set[int] = set()


def _close_inherited_locks() -> None:
    for fd in list(_HELD_LOCKS):
        try:
            os.close(fd)  # closes this process's copy only; the parent keeps the lock
        except OSError:
            pass
    _HELD_LOCKS.clear()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_close_inherited_locks)


def describe_os_error(exc: OSError, where: Path) -> str:
    """One line for a failed write: a read-only or full disk, missing permission."""
    reason = {errno.ENOSPC: "the disk is full", errno.EROFS: "the file system is read-only",
              errno.EACCES: "permission denied", errno.EPERM: "permission denied",
              errno.EDQUOT: "the disk quota is exceeded"}.get(exc.errno, exc.strerror or str(exc))
    return f"{where}: cannot write the output ({reason})"


class OutputFolder:
    """The output of one run: lock, temporary folder, manifest and the final swap.

    Use as a context manager; write files into :attr:`tmp`; call :meth:`commit` when every
    file is written. Leaving the block without a commit marks the run ``interrupted`` (on
    KeyboardInterrupt/SystemExit) or ``failed`` and keeps ``--out`` as it was.
    """

    def __init__(self, out, *, sources=(), files=(), overwrite: bool = False, info: dict | None = None):
        self.out = check_path(out, "--out")
        if self.out.is_symlink() and not self.out.is_dir():
            raise OutputError(f"--out {self.out} is a symlink to a file, not a folder")
        if self.out.exists() and not self.out.is_dir():
            raise OutputError(f"--out {self.out}: exists and is not a folder; give --out a folder")
        _refuse_dangerous(self.out)
        check_overlap(self.out, sources, files)
        self.overwrite = overwrite
        self.info = dict(info or {})
        self.parent = self.out.absolute().parent
        self.name = self.out.absolute().name
        self.tmp: Path | None = None
        self._lock_fd: int | None = None
        self.committed = False

    # -- lock ---------------------------------------------------------------------------
    def _lock(self) -> None:
        import fcntl

        try:
            self.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputError(describe_os_error(exc, self.parent)) from None
        lock = self.parent / f".{self.name}.lock"
        try:
            fd = os.open(lock, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600)
        except OSError as exc:
            raise OutputError(describe_os_error(exc, lock)) from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            raise OutputError(f"--out {self.out} is in use by another oped-analysis run (lock {lock}); "
                              "wait for it to finish or choose another folder") from None
        self._lock_fd, self._lock_path = fd, lock
        _HELD_LOCKS.add(fd)

    def _unlock(self) -> None:
        if self._lock_fd is not None:
            try:
                os.unlink(self._lock_path)
            except OSError:
                pass
            _HELD_LOCKS.discard(self._lock_fd)
            os.close(self._lock_fd)
            self._lock_fd = None

    # -- life cycle ---------------------------------------------------------------------
    def __enter__(self) -> OutputFolder:  # noqa: PYI034 - a plain class, not subclassed
        self._lock()
        try:
            if self.out.is_dir() and any(os.scandir(self.out)) and not previous_output(self.out) \
                    and not self.overwrite:
                raise OutputError(f"--out {self.out} already holds files that are not an earlier complete "
                                  "oped-analysis output; choose an empty folder or pass --overwrite "
                                  "to replace the folder")
            self._remove_stale_partials()
            try:
                self.tmp = Path(tempfile.mkdtemp(prefix=f".{self.name}{PARTIAL}", dir=self.parent))
            except OSError as exc:
                raise OutputError(describe_os_error(exc, self.parent)) from None
            self.started = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
            self.write_manifest("running")
        except BaseException:
            self._unlock()
            raise
        return self

    def _remove_stale_partials(self) -> None:
        """Partial and replaced folders of earlier runs into this ``--out`` (we hold the lock,
        so none is live): removed when they are ours (their run.json says so) or empty."""
        for pattern in (f".{self.name}{PARTIAL}*", f".{self.name}{OLD}*"):
            for entry in self.parent.glob(pattern):
                if entry.is_dir() and not entry.is_symlink() and (
                        _manifest(entry) is not None or _manifest(entry / "out") is not None
                        or not any(os.scandir(entry))):
                    shutil.rmtree(entry, ignore_errors=True)

    def write_manifest(self, status: str, counts: dict | None = None) -> None:
        """Write ``run.json`` (atomically, via a temporary file) into the temporary folder."""
        from . import __version__

        data = {"tool": TOOL, "version": __version__, "status": status, "started": self.started,
                "finished": (dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
                             if status != "running" else None),
                **self.info, "counts": counts or {}}
        if status != "complete":
            data["note"] = ("INCOMPLETE: this folder is the partial work of a run that did not finish; "
                            "its tables are not the whole corpus" if status != "running"
                            else "this run is still running (or was killed)")
        path = self.tmp / MANIFEST
        part = self.tmp / f".{MANIFEST}.tmp"
        with open(part, "w", encoding="utf-8") as f:
            json.dump(data, f, indent=1, ensure_ascii=False, default=str)
            f.write("\n")
        os.replace(part, path)

    def commit(self, counts: dict) -> None:
        """Mark the run complete and move it to ``--out`` (replacing the previous output)."""
        for entry in os.scandir(self.tmp):
            if entry.is_file(follow_symlinks=False):
                with open(entry.path, "rb") as f:
                    os.fsync(f.fileno())
        self.write_manifest("complete", counts)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(self.tmp, 0o777 & ~umask)  # private while partial, an ordinary folder once complete
        with _signals_deferred():
            if self.out.is_dir() and not self.out.is_symlink() and _exchange(self.tmp, self.out):
                old = self.tmp  # now holds the previous output
                self.tmp = None
                _mark_replaced(old)
            else:
                old = None
                if self.out.exists() or self.out.is_symlink():
                    old = Path(tempfile.mkdtemp(prefix=f".{self.name}{OLD}", dir=self.parent))
                    os.rename(self.out, old / "out")
                os.rename(self.tmp, self.out)
            self.committed = True
            self.tmp = self.out
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)

    def __exit__(self, kind, exc, tb) -> None:
        try:
            if not self.committed and self.tmp is not None:
                if kind is not None and issubclass(kind, OSError):
                    # a full or read-only disk: the partial files are of no use and take space
                    shutil.rmtree(self.tmp, ignore_errors=True)
                else:
                    status = "interrupted" if kind is None or not issubclass(kind, Exception) else "failed"
                    try:
                        self.write_manifest(status, getattr(self, "counts", None))
                    except OSError:
                        pass
        finally:
            self._unlock()
