"""Two costs of a Sphinx build that have nothing to do with the site's content.

Garbage collection: a build allocates millions of docutils nodes linked to their parents, so
each finished doctree is cyclic garbage. With Python's default thresholds a 300-article build
runs about two thousand collections, ten of them full ones that traverse everything the build
holds. During the build the objects that exist once it is set up (modules, config, a loaded
environment), and again those that outlive reading (the environment and the doctrees kept for
writing), are moved out of the collector's sight with ``gc.freeze()``, and collections run less
often; the previous state comes back when the build ends, so a process that embeds Sphinx (a
test session, sphinx-autobuild) is left as it was.

Title rendering: for every page Sphinx renders the titles of its parents, of the previous and
next pages, and its own, each through a fresh docutils document and translator. The same
stored title nodes are rendered again on every page; a text-only title renders the same way
on any page, so each is rendered once a build.

Template compiling: every build (each `make html`, each rebuild of `make livehtml`) starts a
new Jinja environment that compiles furo's and our templates again, about 90 ms of a small
site's build. Compiled templates are kept in the build cache (``buildcache``); Jinja uses one
only while its template's source is unchanged.
"""

from __future__ import annotations

import gc
import tempfile
from typing import TYPE_CHECKING

import jinja2
from sphinx import __version__ as sphinx_version
from sphinx.builders.html import StandaloneHTMLBuilder

from fieldnotes.building.cache import build_cache, cannot_use
from fieldnotes.integrations import sphinx

if TYPE_CHECKING:
    from sphinx.application import Sphinx

# (first, second, third) collection thresholds while a build runs. The first is how many
# allocations minus deallocations start a collection: large enough that most doctrees are
# finished and freed in one young collection instead of being promoted.
BUILD_THRESHOLDS = (50_000, 20, 10)

_saved_thresholds: list[tuple[int, ...]] = []


def _collect_less(app: Sphinx, env, added, changed, removed) -> list[str]:
    _saved_thresholds.append(gc.get_threshold())
    gc.freeze()
    gc.set_threshold(*BUILD_THRESHOLDS)
    return []


def _freeze_what_reading_kept(app: Sphinx, env) -> None:
    if _saved_thresholds:
        gc.freeze()


def _collect_as_before(app: Sphinx, exception: Exception | None) -> None:
    if _saved_thresholds:
        gc.set_threshold(*_saved_thresholds.pop())
        gc.unfreeze()


def _render_titles_once(app: Sphinx) -> None:
    if isinstance(app.builder, StandaloneHTMLBuilder):
        sphinx.render_titles_once(app.builder)


def _keep_compiled_templates(app: Sphinx) -> None:
    if not isinstance(app.builder, StandaloneHTMLBuilder):
        return
    # Jinja checks a template's source and Python's version, not its own or Sphinx's: a new
    # Jinja or Sphinx (its environment's extensions) starts a folder of its own.
    folder = build_cache(app, "templates") / f"jinja-{jinja2.__version__}-sphinx-{sphinx_version}"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        # Jinja writes there while it renders, where an error would stop the build.
        tempfile.TemporaryFile(dir=folder).close()
    except OSError:
        cannot_use(app)
        return
    sphinx.keep_compiled_templates(app.builder, folder)
