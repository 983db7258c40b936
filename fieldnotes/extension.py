"""The Sphinx side of Field Notes: its settings, and the wiring of each feature's setup.

A Markdown file's way through the build: ``sources`` reads every article's front matter into
the catalog (``model``), kept in the site state (``state``); ``listings`` draw the catalog into
pages; ``pages`` add what each page shows; ``outputs`` write the files besides the pages;
``safety`` keeps author content confined; ``integrations`` hold every reach into a
third-party package's inside.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fieldnotes.buildfolders import setup_build_folders
from fieldnotes.buildspeed import setup_build_speed
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
from fieldnotes.pages.codecheck import setup_code_check
from fieldnotes.pages.design import setup_design
from fieldnotes.pages.diagrams import setup_diagrams
from fieldnotes.pages.editlink import setup_edit_link
from fieldnotes.pages.incremental import setup_incremental
from fieldnotes.pages.meta import setup_meta
from fieldnotes.pages.navigation import setup_navigation
from fieldnotes.pages.recurring import setup_recurring
from fieldnotes.pages.redirects import setup_redirects
from fieldnotes.pages.references import setup_references
from fieldnotes.pages.translator import setup_translator
from fieldnotes.safety.confine import setup_confine
from fieldnotes.safety.safesource import setup_safe_source
from fieldnotes.sources import setup_sources
from fieldnotes.state import setup_state

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("fieldnotes_articles_dir", "articles", "env", types=[str])
    app.add_config_value("fieldnotes_categories", {}, "env", types=[dict])
    # One colour per category: card labels and badges, category headers, share images.
    app.add_config_value("fieldnotes_category_colours", {}, "env", types=[dict])
    app.add_config_value("fieldnotes_tags", {}, "env", types=[dict])
    app.add_config_value("fieldnotes_author", {"name": "", "role": ""}, "env", types=[dict])
    app.add_config_value("fieldnotes_show_drafts", False, "env", types=[bool])
    # Where a build keeps what later builds reuse (buildcache.py; "": in the doctree folder).
    app.add_config_value("fieldnotes_build_cache", "", "", types=[str])
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
    setup_design(app)
    setup_edit_link(app)
    setup_share_cards(app)
    setup_redirects(app)
    setup_llms_txt(app)
    setup_diagrams(app)
    setup_sources(app)
    setup_article(app)
    setup_code_check(app)
    setup_references(app)
    setup_sitemap(app)
    setup_stale(app)
    setup_csp(app)
    # Pages that show a changed article's title or place are rewritten, and only those.
    setup_incremental(app)
    # The sidebar and prev/next links are drawn from the catalog, once a build.
    setup_navigation(app)
    return {"version": "1.0", "env_version": 3,
            "parallel_read_safe": True, "parallel_write_safe": True}
