"""The 404 page is a way back in, not a dead end: a link home, a search field, the categories
and the latest articles, under sphinx-notfound-page's heading and line. The page is served at
any URL, so every link is absolute from the site root: made by the ``pathto`` that
sphinx-notfound-page puts in the page's context (from ``notfound_urls_prefix``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fieldnotes.html.typography import curly
from fieldnotes.routes import category_docname
from fieldnotes.state import site_state

if TYPE_CHECKING:
    from sphinx.application import Sphinx

LATEST = 5  # articles the page lists, newest first
# sphinx-notfound-page's own default name for the page, when its setting is not there.
DEFAULT_PAGENAME = "404"


def _page_context(app: Sphinx, pagename: str, templatename: str,
                  context: dict[str, Any], doctree) -> None:
    if app.builder.format != "html" or pagename != getattr(app.config, "notfound_pagename",
                                                           DEFAULT_PAGENAME):
        return
    pathto = context["pathto"]
    catalog = site_state(app.env).catalog
    published = catalog.published(app.config.fieldnotes_show_drafts)
    newest = sorted(published, key=lambda a: (a.date, a.number), reverse=True)[:LATEST]
    used = {article.category for article in published}
    context["fieldnotes_notfound"] = {
        "home": pathto(app.config.root_doc),
        "search": pathto("search"),
        "categories": [(name, pathto(category_docname(slug)))
                       for slug, name in app.config.fieldnotes_categories.items() if slug in used],
        "latest": [(article.number, curly(article.title, app.config), pathto(article.docname)) for article in newest],
    }
