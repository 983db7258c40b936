"""A test extension that kills its own build, as `kill -9` would, at a chosen point.

FIELDNOTES_TEST_KILL_AT names the page whose writing the build dies at (its docname), or
"event:<name>" for the first emission of a Sphinx event (e.g. "event:build-finished").
"""

from __future__ import annotations

import os
import signal

VARIABLE = "FIELDNOTES_TEST_KILL_AT"


def _die() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def setup(app):
    point = os.environ.get(VARIABLE, "")
    if point.startswith("event:"):
        app.connect(point.removeprefix("event:"), lambda *args: _die(), priority=0)
    elif point:
        def at_page(app, pagename, *args):
            if pagename == point:
                _die()
        app.connect("html-page-context", at_page, priority=0)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
