"""File helpers for the command line: input expansion and atomic output."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from newsdiff.errors import InputError

__all__ = ["expand_inputs", "write_atomic"]


def expand_inputs(arguments: list[str]) -> list[Path]:
    """Turn command-line paths into files: a directory stands for its
    ``*.txt`` files in sorted order.  A missing path raises InputError."""
    files: list[Path] = []
    for argument in arguments:
        path = Path(argument)
        if path.is_dir():
            found = sorted(path.glob("*.txt"))
            if not found:
                raise InputError(f"{argument}: directory holds no *.txt files")
            files.extend(found)
        elif path.exists():
            files.append(path)
        else:
            raise InputError(f"{argument}: no such file or directory")
    return files


def write_atomic(path: str | os.PathLike[str], content: str) -> None:
    """Write ``content`` to ``path`` so that readers see either the old file
    or the complete new one, never a partial write: write a temporary file in
    the same directory, flush it to disk, then rename it over ``path``."""
    target = Path(path)
    directory = target.parent if str(target.parent) else Path(".")
    descriptor, temporary = tempfile.mkstemp(
        prefix=f".{target.name}.", suffix=".tmp", dir=directory
    )
    try:
        # mkstemp makes the file private (0600); give it the mode any new
        # file gets (0666 less the umask), as a plain open() would.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
