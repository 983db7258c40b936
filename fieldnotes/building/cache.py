"""The build cache: a folder in which a build keeps what a later build, into any output
folder, can reuse as it is: share images, named by a digest of what they show, and compiled
Jinja templates, which Jinja checks against their source before it uses them.

``fieldnotes_build_cache`` in conf.py names it (relative to conf.py); by default it is
``fieldnotes-cache`` in the doctree folder. Only conf.py sets it: the build copies share
images from it into the output, and Jinja runs the templates it holds.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.util import logging

if TYPE_CHECKING:
    from sphinx.application import Sphinx

logger = logging.getLogger(__name__)


def build_cache(app: Sphinx, part: str) -> Path:
    """The cache's folder for ``part`` ("share-cards", "templates")."""
    chosen = app.config.fieldnotes_build_cache
    root = Path(app.confdir, chosen) if chosen else Path(app.doctreedir, "fieldnotes-cache")
    return root / part


def cannot_use(app: Sphinx) -> None:
    """Once a build, whichever part failed: the build goes on without the cache."""
    logger.warning(f"the build cache {build_cache(app, '')} cannot be written: point "
                   "fieldnotes_build_cache (conf.py) at a folder the build may write",
                   type="fieldnotes", subtype="buildcache", once=True)
