"""A build that was stopped half way is finished by the next one, whatever it had done.

Sphinx saves the environment (with this build's titles and catalog) before it writes any page,
and an incremental build rewrites pages it did not read again only because that build saw the
change (building/incremental.py). Stopped after the save (Ctrl-C in `make livehtml`, a kill, a
crash), the next build would find nothing changed and keep the old pages for good.

So each build leaves a marker in the doctree folder from its start, before anything is saved,
and removes it only once it has finished. A build that finds the marker reads and writes every
page again, as a clean build would, and the end-of-build outputs follow from those pages. The
marker also holds the documents whose sources were removed, which outputs/stale.py deletes
only at the end of a build: the saved environment has forgotten them.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.util import logging

from fieldnotes.building.run import build_run
from fieldnotes.building.wholefiles import explain, remove_abandoned, write_whole
from fieldnotes.state import site_state

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

logger = logging.getLogger(__name__)

MARKER = "fieldnotes-unfinished-build.json"

def marker(app: Sphinx) -> Path:
    return Path(app.doctreedir, MARKER)


def _removed_in(path: Path) -> list[str]:
    """The removed documents a marker holds; none when it was cut short."""
    try:
        removed = json.loads(path.read_text(encoding="utf-8"))["removed"]
    except (ValueError, KeyError, TypeError):
        return []
    return [doc for doc in removed if isinstance(doc, str)] if isinstance(removed, list) else []


def _mark(app: Sphinx, removed: list[str]) -> None:
    try:
        marker(app).parent.mkdir(parents=True, exist_ok=True)
        write_whole(marker(app), json.dumps({"removed": removed}))
    except OSError as error:
        logger.warning(explain(error, "the build's progress marker"), type="fieldnotes",
                       subtype="output")


def _start(app: Sphinx) -> None:
    path = marker(app)
    if path.exists():
        build_run(app).finishing = _removed_in(path)
        logger.info(f"the last build into {app.outdir} did not finish: every page is built again")
    _mark(app, build_run(app).finishing or [])


def _read_everything_again(app: Sphinx, env: BuildEnvironment, added: set[str],
                           changed: set[str], removed: set[str]) -> list[str]:
    """After an unfinished build, every page; and the removed documents are kept in the
    marker until the pages they left are deleted."""
    state = site_state(env)
    finishing = build_run(app).finishing
    pending = sorted(set(state.data["removed"]) | set(finishing or []))
    state.data["removed"] = pending
    _mark(app, pending)
    if finishing is None:
        return []
    # The doctree folder holds what builds keep for the next (building/kept.py) and the
    # category stylesheet, also written whole.
    for folder in (app.outdir, app.doctreedir):
        remove_abandoned(Path(folder))
    return sorted(env.found_docs)


def _finish(app: Sphinx, exception: Exception | None) -> None:
    build_run(app).finishing = None
    if exception is None:
        marker(app).unlink(missing_ok=True)
