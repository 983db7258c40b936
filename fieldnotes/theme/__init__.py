"""The engine's own templates, stylesheets and scripts, shipped inside the package.

A site's ``_templates/`` and ``_static/`` come first: a file of the same name there overrides
the package's default, which is how a site owns its cards and banner (``fieldnotes init`` copies
those templates into a new site for that reason).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

TEMPLATES = Path(__file__).parent / "templates"
STATIC = Path(__file__).parent / "static"

#: The templates a new site gets a copy of: what a card, a listing and the banner show.
SITE_TEMPLATES = ("fieldnotes/card.md.jinja", "fieldnotes/cards.md.jinja",
                  "fieldnotes/featured.md.jinja", "fieldnotes/banner.md.jinja")


def _add_theme_folders(app: Sphinx, config: Config) -> None:
    # Templates: the first folder holding a name wins, so the package's come last.
    # Static files: a later folder's file replaces an earlier one's, so the package's come first.
    if str(TEMPLATES) not in config.templates_path:
        config.templates_path.append(str(TEMPLATES))
    if str(STATIC) not in config.html_static_path:
        config.html_static_path.insert(0, str(STATIC))
    # 800, the priority Sphinx gives a site's html_css_files: after every extension's
    # stylesheet (sphinx-design's above all), which fieldnotes.css restyles.
    app.add_css_file("fieldnotes.css", priority=800)
    app.add_js_file("fieldnotes.js", priority=800, defer="defer")
    if os.environ.get("READTHEDOCS") == "True":
        # Hands the search box to Read the Docs' search, once its add-ons say they are there.
        app.add_js_file("fieldnotes-rtd-search.js")
