"""The 404 page is a way back in, not a dead end: a link home, a search field, the categories
and the latest articles, under sphinx-notfound-page's heading and line. The page is served at
any URL, so every link is absolute from the site root: made by the ``pathto`` that
sphinx-notfound-page puts in the page's context (from ``notfound_urls_prefix``; see
``integrations/sphinx_notfound_page.py``)."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

from fieldnotes.html.typography import curly
from fieldnotes.integrations import sphinx_notfound_page
from fieldnotes.routes import category_docname
from fieldnotes.state import site_state

if TYPE_CHECKING:
    from sphinx.application import Sphinx

LATEST = 5  # articles the page lists, newest first


def _page_context(app: Sphinx, pagename: str, templatename: str,
                  context: dict[str, Any], doctree) -> None:
    if app.builder.format != "html" or pagename != sphinx_notfound_page.page_name(app.config):
        return
    pathto = sphinx_notfound_page.absolute_pathto(context)
    catalog = site_state(app.env).catalog
    published = catalog.published(app.config.fieldnotes_show_drafts)
    newest = sorted(published, key=lambda a: (a.date, a.number), reverse=True)[:LATEST]
    used = {article.category for article in published}
    context["fieldnotes_notfound"] = {
        "home": pathto(app.config.root_doc),
        "search": pathto("search"),
        "categories": [(name, pathto(category_docname(slug)))
                       for slug, name in app.config.fieldnotes_categories.items() if slug in used],
        "latest": [(article.number, curly(article.title, app.config), pathto(article.docname))
                   for article in newest],
    }
    # Search engines show it if they list the page at all: what the page offers instead.
    description = (f"Not found on {app.config.project}: the home page, search, the categories "
                   "and the latest articles are a click away.")
    context["metatags"] = (context.get("metatags", "")
                           + f'\n<meta name="description" content="{html.escape(description)}" />')
