"""The build's folders: builds into the same ones take turns, and one that cannot be written
ends the build with a message that says why, not a traceback.

Two `make html` at once would write the same environment, pages and search index over each
other: one failed half way, and the site left behind mixed both. Each build holds an exclusive
lock on its doctree folder (one a build command, as its output folder is) from before Sphinx
loads the environment until the build is over; a second build waits, says so, and then builds
on what the first left. The operating system drops a lock when its process ends, however it ends, so a stopped build
never blocks the next one.

When the disk fills up or a folder is read-only while Sphinx itself writes (a page, the
inventory), its error would end the build with Sphinx's crash report; the engine's own writes
give a warning instead (wholefiles.py).
"""

from __future__ import annotations

import errno
import fcntl
import weakref
from pathlib import Path
from typing import IO, TYPE_CHECKING

from sphinx.util import logging

from fieldnotes.building.wholefiles import explain

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

logger = logging.getLogger(__name__)

LOCK_NAME = "fieldnotes-build.lock"
#: Errors that say the disk or folder cannot take the site, rather than that the build is wrong.
FULL_OR_READ_ONLY = (errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EROFS, errno.EACCES, errno.EPERM)

#: Lock file path -> its open file, for the locks this process holds.
_HELD: dict[Path, IO] = {}


def lock_file(app: Sphinx) -> Path:
    """In the doctree folder, which holds the environment: `make html` and `make livehtml`
    each have their own, and each its own output folder."""
    return Path(app.doctreedir) / LOCK_NAME


def _acquire(app: Sphinx, path: Path) -> None:
    # A build of this process that never reached its end (an embedding program, a test)
    # still holds it: the builds of one process run one after the other.
    _release(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        held = path.open("a")
    except OSError as error:
        _stop(explain(error, "the doctree folder's lock"))
    # A POSIX lock, owned by this process alone: the parallel readers and writers Sphinx
    # forks do not hold it (with flock they would, and one orphaned by a killed build would
    # hold it for ever).
    try:
        fcntl.lockf(held, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as error:
        if error.errno not in (errno.EACCES, errno.EAGAIN):
            _stop(explain(error, "the doctree folder's lock"))
        logger.info(f"another build is using {path.parent}; waiting for it to finish")
        fcntl.lockf(held, fcntl.LOCK_EX)
    _HELD[path] = held
    # An application that never builds lets go of it once it is gone.
    weakref.finalize(app, held.close)


def _release(path: Path) -> None:
    held = _HELD.pop(path, None)
    if held is not None:
        held.close()


def _lock(app: Sphinx, config: Config) -> None:
    _acquire(app, lock_file(app))


def _unlock(app: Sphinx, exception: Exception | None) -> None:
    _release(lock_file(app))


def _stop(message: str) -> None:
    """End the build with ``message`` alone: Sphinx's crash report would bury it."""
    logger.error(message, type="fieldnotes", subtype="output")
    raise SystemExit(2)


def _write_failure(exception: BaseException | None) -> OSError | None:
    """The full disk or unwritable folder behind a failed build, if that is what ended it."""
    seen = set()
    while exception is not None and id(exception) not in seen:
        seen.add(id(exception))
        if isinstance(exception, OSError) and exception.errno in FULL_OR_READ_ONLY:
            return exception
        exception = getattr(exception, "orig_exc", None) or exception.__cause__ or exception.__context__
    return None


def _end_on_write_failure(app: Sphinx, exception: Exception | None) -> None:
    error = _write_failure(exception)
    if error is not None:
        _stop(explain(error, "the site", where=f"{app.outdir} or {app.doctreedir}"))
