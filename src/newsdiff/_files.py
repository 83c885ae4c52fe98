"""Files at the edges: bounded reads, command-line inputs, and outputs that
never destroy anything.

Outputs follow three rules, whatever is at the path:

* a regular file (or a new one) is replaced atomically: the content goes to
  a temporary file in the same directory, is flushed to disk, and is renamed
  over the target, keeping the target's mode; readers see the old file or
  the complete new one;
* a FIFO or a character device is written into, never replaced (replacing
  ``/dev/null`` with a regular file breaks the machine);
* a symlink is followed: its target is written as above, the link stays.

Several outputs of one run land together: every file is staged first, then
all are renamed with SIGINT, SIGTERM and SIGHUP held back, and an earlier rename is
undone if a later one fails.  Messages name the path as the user typed it,
never the temporary file.
"""

from __future__ import annotations

import contextlib
import os
import signal
import stat
import sys
import tempfile
from collections.abc import Iterator, Sequence
from typing import BinaryIO

from newsdiff.errors import InputError, SizeLimitError

__all__ = [
    "STDIO",
    "UsageError",
    "check_outputs",
    "directory_texts",
    "expand_inputs",
    "read_bounded",
    "read_stream",
    "write_outputs",
]

STDIO = "-"  # standard input as an input, standard output as an output


class UsageError(InputError):
    """The command line names the wrong kind of thing (a directory where a
    file is expected): exit code 2, like argparse's usage errors."""


def read_stream(stream: BinaryIO, limit: int, name: str) -> bytes:
    """At most ``limit`` bytes of ``stream``; SizeLimitError naming ``name``
    if there are more.  Reads one byte past the limit rather than asking
    for the size: devices and pipes have none (``/dev/zero`` never ends)."""
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise SizeLimitError(name, limit)
    return data


def read_bounded(path: str | os.PathLike[str], limit: int) -> bytes:
    """The bytes of the file at ``path``, at most ``limit`` of them.  A file
    that cannot be read raises InputError naming it (the library raises
    NewsdiffError subclasses only; the OSError is its ``__cause__``)."""
    name = os.fspath(path)
    try:
        with open(path, "rb") as handle:
            return read_stream(handle, limit, name)
    except OSError as error:
        reason = error.strerror or str(error)
        if isinstance(error, FileNotFoundError):
            reason = "no such file or directory"
        raise InputError(f"{name}: cannot read ({reason})") from error


def directory_texts(directory: str) -> list[str]:
    """The ``*.txt`` files of a directory, sorted: what a directory argument
    stands for; InputError when it holds none."""
    found = sorted(
        name
        for name in os.listdir(directory)
        if name.endswith(".txt") and not os.path.isdir(os.path.join(directory, name))
    )
    if not found:
        raise InputError(f"{directory}: directory holds no *.txt files")
    return [os.path.join(directory, name) for name in found]


def expand_inputs(arguments: Sequence[str], directories: bool = True) -> list[str]:
    """Turn command-line paths into files, spelled as the user spelled them:
    a directory stands for its ``*.txt`` files in sorted order (or is a
    usage error without ``directories``); ``-`` is standard input, once.
    A missing path raises InputError."""
    files: list[str] = []
    for argument in arguments:
        if argument == STDIO:
            if STDIO in files:
                raise UsageError("standard input (-) can be read only once")
            files.append(argument)
        elif os.path.isdir(argument):
            if not directories:
                raise UsageError(f"{argument}: is a directory; a file is expected here")
            files.extend(directory_texts(argument))
        elif os.path.exists(argument):
            files.append(argument)
        else:
            raise InputError(f"{argument}: no such file or directory")
    return files


def _identity(path: str) -> tuple[int, int] | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return (info.st_dev, info.st_ino)


def check_outputs(outputs: Sequence[str], inputs: Sequence[str]) -> None:
    """Refuse, before any work is done, outputs that would destroy an input
    or each other, and outputs that are not files, FIFOs or terminals."""
    read = {_identity(path): path for path in inputs if path != STDIO}
    read.pop(None, None)
    seen: dict[tuple[int, int] | str, str] = {}
    for shown in outputs:
        if shown == STDIO:
            key: tuple[int, int] | str = STDIO
        else:
            if _kind(shown) == "file":  # _kind refuses directories, block devices, sockets
                _writable_file(shown)
            identity = _identity(shown)
            if identity in read:
                raise InputError(
                    f"{shown}: is the input {read[identity]}; writing it would destroy the input"
                )
            key = identity or os.path.realpath(shown)
        if key in seen:
            raise UsageError(f"{shown}: named for two outputs ({seen[key]} and {shown})")
        seen[key] = shown


def _kind(shown: str) -> str:
    """``"file"`` (regular or new) or ``"stream"`` (FIFO, character device)."""
    try:
        mode = os.stat(shown).st_mode
    except FileNotFoundError:
        return "file"
    except OSError as error:
        raise InputError(f"{shown}: cannot write ({error.strerror})") from None
    if stat.S_ISREG(mode):
        return "file"
    if stat.S_ISFIFO(mode) or stat.S_ISCHR(mode):
        return "stream"
    if stat.S_ISDIR(mode):
        raise UsageError(f"{shown}: is a directory; give a file name for the output")
    raise InputError(f"{shown}: neither a file, a FIFO nor a terminal; newsdiff will not write it")


def _writable_file(shown: str) -> tuple[str, os.stat_result | None]:
    """The directory a file output lands in (through symlinks) and the
    status of the file there now, if any; InputError if it cannot be
    written.  Checked before the work too, so that a typo costs no run."""
    target = os.path.realpath(shown)
    directory = os.path.dirname(target)
    if not os.path.isdir(directory):
        raise InputError(f"{shown}: cannot write (no directory {directory})")
    try:
        existing: os.stat_result | None = os.stat(target)
    except FileNotFoundError:
        existing = None
    # A file nobody may write says "keep me", to root as well (for whom
    # os.access always says yes, and a rename would replace it).
    if existing is not None and not existing.st_mode & 0o222:
        raise InputError(f"{shown}: cannot write (the file is read-only)")
    if existing is not None and not os.access(target, os.W_OK):
        raise InputError(f"{shown}: cannot write (permission denied)")
    return directory, existing


class _Staged:
    """One regular-file output written to a temporary file beside its target."""

    def __init__(self, shown: str) -> None:
        self.shown = shown
        self.target = os.path.realpath(shown)  # through symlinks: the link stays
        self.temporary: str | None = None
        self.backup: str | None = None
        self.existed = False

    def stage(self, content: str) -> None:
        directory, existing = _writable_file(self.shown)
        self.existed = existing is not None
        descriptor, self.temporary = tempfile.mkstemp(
            prefix=f".{os.path.basename(self.target)}.", suffix=".tmp", dir=directory
        )
        with os.fdopen(descriptor, "wb") as handle:
            if existing is None:
                # mkstemp makes the file private (0600); give it the mode a
                # plain open() would (0666 less the umask).
                umask = os.umask(0)
                os.umask(umask)
                os.fchmod(handle.fileno(), 0o666 & ~umask)
            else:
                os.fchmod(handle.fileno(), stat.S_IMODE(existing.st_mode))
                if (existing.st_uid, existing.st_gid) != (os.getuid(), os.getgid()):
                    with contextlib.suppress(OSError):  # only root may give files away
                        os.fchown(handle.fileno(), existing.st_uid, existing.st_gid)
            handle.write(content.encode("utf-8"))
            handle.flush()
            os.fsync(handle.fileno())
        if existing is not None:
            # A second name for the old content, to undo this rename if a
            # later output of the same run fails.
            self.backup = self.temporary[: -len(".tmp")] + ".old"
            try:
                os.link(self.target, self.backup)
            except OSError:
                self.backup = None

    def commit(self) -> None:
        assert self.temporary is not None
        os.replace(self.temporary, self.target)
        self.temporary = None

    def undo(self) -> None:
        with contextlib.suppress(OSError):
            if self.backup is not None:
                os.replace(self.backup, self.target)
                self.backup = None
            elif not self.existed:
                os.unlink(self.target)

    def clean(self) -> None:
        for leftover in (self.temporary, self.backup):
            if leftover is not None:
                with contextlib.suppress(OSError):
                    os.unlink(leftover)
        self.temporary = self.backup = None


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """Hold SIGINT, SIGTERM and SIGHUP back for a few renames, so that a run
    is never stopped between two outputs that belong together."""
    held = {signal.SIGINT, signal.SIGTERM, *([signal.SIGHUP] if hasattr(signal, "SIGHUP") else [])}
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _stream(shown: str, content: str) -> None:
    if shown == STDIO:
        sys.stdout.write(content)
        sys.stdout.flush()
        return
    # O_WRONLY without O_CREAT or O_TRUNC: write into the FIFO or device.
    descriptor = os.open(shown, os.O_WRONLY)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(content.encode("utf-8"))


def write_outputs(outputs: Sequence[tuple[str, str]]) -> None:
    """Write each ``(path, content)`` as the module docstring says: all
    regular files land, or none does; then FIFOs, devices and ``-``."""
    staged = [_Staged(shown) for shown, _ in outputs if shown != STDIO and _kind(shown) == "file"]
    contents = dict(outputs)
    try:
        for output in staged:
            try:
                output.stage(contents[output.shown])
            except OSError as error:
                raise InputError(f"{output.shown}: cannot write ({error.strerror})") from None
        with _signals_held():
            done: list[_Staged] = []
            try:
                for output in staged:
                    output.commit()
                    done.append(output)
            except OSError as error:
                for output in reversed(done):
                    output.undo()
                raise InputError(
                    f"{output.shown}: cannot write ({error.strerror}); no output was changed"
                ) from None
    finally:
        for output in staged:
            output.clean()
    for shown, content in outputs:
        if shown == STDIO or _kind(shown) == "stream":
            try:
                _stream(shown, content)
            except OSError as error:
                if shown == STDIO:
                    raise
                raise InputError(f"{shown}: cannot write ({error.strerror})") from None
