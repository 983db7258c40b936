"""A problem found once is found on every later build until it is fixed.

Sphinx reports a document's warnings only when it reads or writes that document, so a
second build with nothing changed would pass with the problem still in the output. A
handler on Sphinx's logger notes, in the site state, each document a warning names; the next
build reads those documents again, and their warnings come again or, once fixed, not.

The handler lives in the main process: under ``-j``, Sphinx sends each worker's log records
back to it and handles them there, so they are noted too. Sphinx saves the environment after
reading and before writing, so documents that warn later (a broken reference is found while
pages are resolved) are also saved next to it when the build finishes.
"""

from __future__ import annotations

import json
import logging as std_logging
import re
from pathlib import Path
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.util import logging

from fieldnotes.building.run import build_run
from fieldnotes.building.wholefiles import write_whole
from fieldnotes.integrations import sphinx_logging
from fieldnotes.state import site_state

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

logger = logging.getLogger(__name__)

WARNED_FILE = "fieldnotes-warned.json"
_LINE_SUFFIX = re.compile(r":\d*$")


def documents_named(env: BuildEnvironment, location: object) -> set[str]:
    """The documents a warning's location points at: the document itself, or those that
    depend on the file it names (an included file, a template)."""
    if isinstance(location, tuple):
        location = location[0]
    elif isinstance(location, nodes.Node):
        location = sphinx_logging.node_location(location)
    if not isinstance(location, str) or not location:
        return set()
    if location in env.found_docs:
        return {location}
    path = Path(_LINE_SUFFIX.sub("", location))
    docname = env.path2doc(path)
    if docname in env.found_docs:
        return {docname}
    path = env.srcdir / path
    return {doc for doc, files in env.dependencies.items() if path in files}


class _WarningRecorder(std_logging.Handler):
    """Notes which documents each warning names; it writes nothing."""

    def __init__(self, app: Sphinx) -> None:
        super().__init__(level=std_logging.WARNING)
        self.app = app

    def emit(self, record: std_logging.LogRecord) -> None:
        kind, subkind, location = sphinx_logging.record_fields(record)
        if sphinx_logging.is_suppressed(kind, subkind, self.app.config.suppress_warnings):
            return
        state = site_state(self.app.env)
        for docname in documents_named(self.app.env, location):
            state.note_warning(docname)


def _warned_file(app: Sphinx) -> Path:
    return Path(app.doctreedir) / WARNED_FILE


def _read_again(app: Sphinx, env: BuildEnvironment, added, changed, removed) -> list[str]:
    """Documents that warned in an earlier build, so that their warnings come again."""
    try:
        saved = set(json.loads(_warned_file(app).read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError):
        saved = set()
    return sorted((saved | site_state(env).warned.keys()) & env.found_docs)


def start_recording(app: Sphinx) -> None:
    recorder = build_run(app).recorder = _WarningRecorder(app)
    sphinx_logging.watch(recorder)


def stop_recording(app: Sphinx, exception: Exception | None) -> None:
    """Stop noting, and save the documents that warned, including those noted after
    Sphinx saved the environment."""
    run = build_run(app)
    if run.recorder is not None:
        sphinx_logging.unwatch(run.recorder)
        run.recorder = None
    warned = sorted(site_state(app.env).warned)
    path = _warned_file(app)
    if warned:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_whole(path, json.dumps(warned, indent=0))
    else:
        path.unlink(missing_ok=True)
