"""Files the engine writes are whole or absent, and a failed write is a clear warning.

A build stopped half way (Ctrl-C in `make livehtml`, a full disk) must not leave half a feed
or index behind that a later build takes for finished: each file is written under a temporary
name beside its target and renamed over it, which replaces it in one step. When the disk is
full or the folder cannot be written, the build says which file and what to do, instead of
ending in a traceback.
"""

from __future__ import annotations

import errno
import functools
import hashlib
import os
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.util import logging

if TYPE_CHECKING:
    from collections.abc import Callable

    from sphinx.application import Sphinx

logger = logging.getLogger(__name__)

PARTIAL = ".partial"

_FIXES = {
    errno.ENOSPC: "free some disk space and build again",
    errno.EDQUOT: "free some disk space (the disk quota is used up) and build again",
    errno.EFBIG: "a file is larger than this system lets the build write (see `ulimit -f`)",
    errno.EROFS: "the disk is read-only: build into a folder on a writable disk",
    errno.EACCES: "make the folder writable by the build (or build into another one)",
    errno.EPERM: "make the folder writable by the build (or build into another one)",
}


def _partial(path: Path) -> Path:
    return path.with_name(f".{path.name}.{os.getpid()}{PARTIAL}")


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def write_whole(path: Path | str, data: bytes | str) -> None:
    """Write ``data`` (text as UTF-8) to ``path`` in one step; on failure nothing changes."""
    path = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    partial = _partial(path)
    try:
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        try:
            _write_all(fd, payload)
        finally:
            os.close(fd)
        os.replace(partial, path)
    except BaseException as error:
        partial.unlink(missing_ok=True)
        _name_target(error, path)
        raise


def _name_target(error: BaseException, target: Path) -> None:
    """A failed write names no file (os.write) or the temporary one: name the target."""
    if isinstance(error, OSError):
        error.filename = str(target)


def copy_whole(source: Path | str, target: Path | str) -> None:
    """Copy ``source`` to ``target`` in one step; on failure nothing changes."""
    target = Path(target)
    partial = _partial(target)
    try:
        shutil.copyfile(source, partial)
        os.replace(partial, target)
    except BaseException as error:
        partial.unlink(missing_ok=True)
        _name_target(error, target)
        raise


def remove_abandoned(folder: Path) -> None:
    """Delete the temporary files under ``folder`` that a stopped build left behind; those
    of a build still running (its process id is in the name) are left to it."""
    for partial in folder.rglob(f".*{PARTIAL}"):
        if not _running(partial.suffixes[-2].lstrip(".") if len(partial.suffixes) > 1 else ""):
            partial.unlink(missing_ok=True)


def _running(pid: str) -> bool:
    if not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process
        return True
    return True


def how_to_fix(error: OSError) -> str:
    return _FIXES.get(error.errno, "check that the folder exists and may be written, and build again")


def explain(error: OSError, what: str = "a file of the site", where: str = "") -> str:
    """One line: which file could not be written (or in which folders, when the error does
    not say), why, and what to do."""
    name = error.filename or (f"somewhere in {where}" if where else "its name is unknown")
    reason = error.strerror or str(error)
    return f"{what} could not be written ({name}): {reason}; {how_to_fix(error)}"


def report_write_errors(subtype: str) -> Callable:
    """For a build-finished handler: a file it cannot write is a warning that names it,
    never a traceback; the rest of the build's end still runs."""

    def wrap(handler: Callable[[Sphinx, Exception | None], None]) -> Callable:
        @functools.wraps(handler)
        def guarded(app: Sphinx, exception: Exception | None) -> None:
            try:
                handler(app, exception)
            except OSError as error:
                logger.warning(explain(error), type="fieldnotes", subtype=subtype)
        return guarded

    return wrap


def digest_of(path: Path | str) -> str | None:
    """A digest of a file's bytes, or ``None`` when it cannot be read: what a build keeps to
    know whether a page it wrote before changed. Not its modification time, which a copy or a
    rewrite of the same bytes changes."""
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return None
