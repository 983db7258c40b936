"""The Sphinx side of Field Notes: its settings, and the wiring of each feature's setup.

A Markdown file's way through the build: ``sources`` reads every article's front matter into
the catalog (``model``), kept in the site state (``state``); ``listings`` draw the catalog into
pages; ``pages`` add what each page shows; ``outputs`` write the files besides the pages;
``safety`` keeps author content confined; ``checks`` hold articles to their series fact sheet; ``integrations`` hold every reach into a
third-party package's inside.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fieldnotes.buildfolders import setup_build_folders
from fieldnotes.buildspeed import setup_build_speed
from fieldnotes.checks.factsheet import setup_fact_sheet_check
from fieldnotes.configure import setup_configuration
from fieldnotes.checks.editorial import setup_editorial
from fieldnotes.checks.gitdates import setup_git_dates
from fieldnotes.integrations.myst import quiet_config_report
from fieldnotes.interrupted import setup_interrupted
from fieldnotes.listings.directives import setup_directives
from fieldnotes.listings.generated import setup_generated
from fieldnotes.listings.pagination import setup_pagination
from fieldnotes.outputs.csp import setup_csp
from fieldnotes.outputs.ebook import setup_ebook
from fieldnotes.outputs.llmstxt import setup_llms_txt
from fieldnotes.outputs.atomfeeds import setup_atom_feeds
from fieldnotes.outputs.search import setup_search
from fieldnotes.outputs.sharecards import setup_share_cards
from fieldnotes.outputs.sitemap import setup_sitemap
from fieldnotes.outputs.stale import setup_stale
from fieldnotes.pages.article import setup_article
from fieldnotes.pages.bylines import setup_bylines
from fieldnotes.pages.codeassets import setup_code_assets
from fieldnotes.pages.codecheck import setup_code_check
from fieldnotes.pages.design import setup_design
from fieldnotes.pages.diagrams import setup_diagrams
from fieldnotes.pages.editlink import setup_edit_link
from fieldnotes.pages.incremental import setup_incremental
from fieldnotes.pages.meta import setup_meta
from fieldnotes.pages.navigation import setup_navigation
from fieldnotes.pages.notfound import setup_notfound
from fieldnotes.pages.recurring import setup_recurring
from fieldnotes.pages.redirects import setup_redirects
from fieldnotes.pages.references import setup_references
from fieldnotes.pages.series import setup_series
from fieldnotes.pages.services import setup_services
from fieldnotes.pages.translator import setup_translator
from fieldnotes.pages.uniquelabels import setup_unique_labels
from fieldnotes.safety.confine import setup_confine
from fieldnotes.safety.boundedparse import setup_bounded_parse
from fieldnotes.safety.safesource import setup_safe_source
from fieldnotes.sources import setup_sources
from fieldnotes.state import setup_state
from fieldnotes.theme import setup_theme

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def setup(app: Sphinx) -> dict[str, Any]:
    # Every fieldnotes_* setting, and the site's address, checked in one place (config.py).
    setup_configuration(app)
    setup_theme(app)
    quiet_config_report()
    # Before anything reads the series and authors: broken entries are reported and dropped.
    setup_series(app)
    setup_bylines(app)
    setup_services(app)
    setup_state(app)
    # Builds into the same folders take turns; a stopped build is finished by the next one.
    setup_build_folders(app)
    setup_interrupted(app)
    setup_build_speed(app)
    setup_confine(app)
    setup_directives(app)
    setup_pagination(app)
    setup_meta(app)
    setup_atom_feeds(app)
    setup_search(app)
    setup_translator(app)
    setup_recurring(app)
    setup_generated(app)
    setup_ebook(app)
    setup_safe_source(app)
    setup_bounded_parse(app)
    setup_design(app)
    setup_code_assets(app)
    setup_edit_link(app)
    setup_share_cards(app)
    setup_redirects(app)
    setup_llms_txt(app)
    setup_diagrams(app)
    setup_sources(app)
    setup_editorial(app)
    setup_git_dates(app)
    setup_article(app)
    setup_code_check(app)
    setup_fact_sheet_check(app)
    setup_references(app)
    setup_unique_labels(app)
    setup_sitemap(app)
    setup_stale(app)
    setup_csp(app)
    # Pages that show a changed article's title or place are rewritten, and only those.
    setup_incremental(app)
    # The sidebar and prev/next links are drawn from the catalog, once a build.
    setup_navigation(app)
    # The 404 page's ways back in, from the catalog.
    setup_notfound(app)
    return {"version": "1.0", "env_version": 4,
            "parallel_read_safe": True, "parallel_write_safe": True}
