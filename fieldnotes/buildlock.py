"""Two builds into the same folders take turns.

Two `make html` at once would write the same environment, pages and search index over each
other: one failed half way, and the site left behind mixed both. Each build holds an exclusive
lock on its doctree folder and its output folder from before Sphinx loads the environment
until the build is over; a second build waits, says so, and then builds on what the first left.
The operating system drops a lock when its process ends, however it ends, so a stopped build
never blocks the next one.
"""

from __future__ import annotations

import fcntl
from pathlib import Path
from typing import IO, TYPE_CHECKING

from sphinx.errors import SphinxError
from sphinx.util import logging

from fieldnotes.wholefiles import explain

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

logger = logging.getLogger(__name__)

LOCK_NAME = "fieldnotes-build.lock"

#: Lock file path -> its open file, for the locks this process holds.
_HELD: dict[Path, IO] = {}


class BuildFolderError(SphinxError):
    category = "Build folder error"


def lock_files(app: Sphinx) -> list[Path]:
    """The doctree folder's lock, and the output folder's (beside it, not among the pages it
    publishes), in one order for every build, so two builds never wait for each other."""
    outdir = Path(app.outdir).resolve()
    files = {Path(app.doctreedir).resolve() / LOCK_NAME, outdir.parent / f".{outdir.name}.{LOCK_NAME}"}
    return sorted(files)


def _acquire(path: Path) -> None:
    # A build of this process that never reached its end (an embedding program, a test)
    # still holds it: the builds of one process run one after the other.
    _release(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        held = path.open("a")
    except OSError as error:
        raise BuildFolderError(explain(error, "the build folder's lock")) from None
    try:
        fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        logger.info(f"another build is using {path.parent}; waiting for it to finish")
        fcntl.flock(held, fcntl.LOCK_EX)
    _HELD[path] = held


def _release(path: Path) -> None:
    held = _HELD.pop(path, None)
    if held is not None:
        held.close()


def _lock(app: Sphinx, config: Config) -> None:
    for path in lock_files(app):
        _acquire(path)


def _unlock(app: Sphinx, exception: Exception | None) -> None:
    for path in lock_files(app):
        _release(path)


def setup_build_lock(app: Sphinx) -> None:
    # Once the folders are known and before the environment is loaded.
    app.connect("config-inited", _lock, priority=0)
    # After everything else the build writes at its end.
    app.connect("build-finished", _unlock, priority=1001)
