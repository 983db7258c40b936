"""The Sphinx side of Field Notes: its settings, and the wiring of each feature's setup.

A Markdown file's way through the build: ``sources`` reads every article's front matter into
the catalog (``model``), kept in the site state (``state``); ``listings`` draw the catalog into
pages; ``pages`` add what each page shows; ``outputs`` write the files besides the pages;
``safety`` keeps author content confined; ``checks`` hold articles to their series fact sheet; ``integrations`` hold every reach into a
third-party package's inside.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fieldnotes.checks.editorial import setup_editorial
from fieldnotes.checks.gitdates import setup_git_dates
from fieldnotes.configure import setup_configuration
from fieldnotes.html.bylines import setup_bylines
from fieldnotes.html.design import setup_design
from fieldnotes.html.diagrams import setup_diagrams
from fieldnotes.html.series import setup_series
from fieldnotes.html.services import setup_services
from fieldnotes.html.translator import setup_translator
from fieldnotes.integrations.myst import quiet_config_report
from fieldnotes.listings.directives import setup_directives
from fieldnotes.listings.pagination import setup_pagination
from fieldnotes.pipeline import connect_pipeline
from fieldnotes.safety.boundedparse import setup_bounded_parse
from fieldnotes.safety.confine import setup_confine
from fieldnotes.state import setup_state

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def setup(app: Sphinx) -> dict[str, Any]:
    # Every fieldnotes_* setting, and the site's address, checked in one place (config.py).
    setup_configuration(app)
    quiet_config_report()
    # Before anything reads the series and authors: broken entries are reported and dropped.
    setup_series(app)
    setup_bylines(app)
    setup_services(app)
    setup_state(app)
    setup_confine(app)
    setup_directives(app)
    setup_pagination(app)
    setup_translator(app)
    setup_bounded_parse(app)
    setup_design(app)
    setup_diagrams(app)
    setup_editorial(app)
    setup_git_dates(app)
    # Every event handler, in the order its steps run (pipeline.py).
    connect_pipeline(app)
    return {"version": "1.0", "env_version": 4,
            "parallel_read_safe": True, "parallel_write_safe": True}
