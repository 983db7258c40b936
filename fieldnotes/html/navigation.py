"""Navigation drawn from the catalog once a build: the sidebar and the previous/next links.

Furo resolves and re-parses the full toctree on every page, which costs O(pages x tree).
Here the sidebar shows the categories and, under the current one, a window of its articles
(``model/window.py``): the nearest by number, the newest, and a link to the category page, so
a page's size does not grow with its category.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from sphinx import addnodes

from fieldnotes.building.run import build_run
from fieldnotes.config import SIDEBAR_MODES
from fieldnotes.html.typography import curly
from fieldnotes.integrations import furo
from fieldnotes.integrations.sphinx import relative_uri
from fieldnotes.listings import render
from fieldnotes.listings.directives import template_dirs
from fieldnotes.model.catalog import Catalog
from fieldnotes.model.rewrites import Link, neighbours, sidebar_lists
from fieldnotes.model.window import sidebar_window
from fieldnotes.routes import category_docname, page_number
from fieldnotes.state import site_state

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment

TEMPLATE = "fieldnotes/sidebar-navigation.html"
#: fieldnotes_sidebar values: our navigation, or furo's stock tree (the benchmark's baseline).
MODES = SIDEBAR_MODES


class Navigation:
    """Every page's sidebar and previous/next links for one build, from one catalog."""

    def __init__(self, catalog: Catalog, categories: dict[str, str], include_drafts: bool,
                 builder: Builder, sections: list[dict], template) -> None:
        self._catalog = catalog
        self._categories = categories
        self._root = builder.config.root_doc
        self._target = builder.get_target_uri
        self._sections = sections
        self._template = template
        self._config = builder.config
        # The same lists rewrites.py compares to know which sidebars an edit changed.
        self._lists = sidebar_lists(catalog, categories, include_drafts)
        self._neighbours = neighbours(catalog, include_drafts)

    def neighbours(self, pagename: str) -> tuple[Link | None, Link | None] | None:
        """The article's previous and next articles by number; None if it is not listed."""
        return self._neighbours.get(pagename)

    def current_category(self, pagename: str) -> str | None:
        article = self._catalog.articles.get(pagename)
        if article is not None:
            return article.category
        first, _ = page_number(pagename, self._root)
        for slug in self._categories:
            if first == category_docname(slug):
                return slug
        return None

    def sidebar(self, pagename: str) -> str:
        # A made-up file name in the page's folder: relative links depend on the folder alone.
        base = posixpath.join(posixpath.dirname(self._target(pagename)), "\0")
        return self.sidebar_with_links(pagename, lambda docname: relative_uri(base, self._target(docname)))

    def sidebar_with_links(self, pagename: str, href: Callable[[str], str]) -> str:
        """The sidebar with each link made by ``href`` (docname -> URL); the 404 page, served
        at any URL, links from the site root."""
        slug = self.current_category(pagename)
        sections = [{"caption": section["caption"],
                     "entries": [{**entry, "href": href(entry["docname"])} for entry in section["entries"]]}
                    for section in self._sections]
        window, skipped = sidebar_window(self._lists.get(slug, []), pagename) if slug else ((), False)
        articles = [None if link is None else
                    {"title": curly(link[2], self._config), "href": href(link[0]), "current": link[0] == pagename}
                    for link in window]
        everything = ({"title": f"All {self._categories[slug]} articles",
                       "href": href(category_docname(slug))}
                      if skipped and pagename != category_docname(slug) else None)
        return self._template.render(sections=sections, current_page=pagename,
                                     expanded_page=category_docname(slug) if slug else None,
                                     articles=articles, everything=everything)


def sidebar_sections(env: BuildEnvironment) -> list[dict]:
    """The home page's toctrees: each caption and its entries' docnames and titles."""
    root = env.config.root_doc
    if root not in env.all_docs:
        return []
    sections = []
    for toctree in env.get_doctree(root).findall(addnodes.toctree):
        entries = [{"docname": ref, "title": title or (env.titles[ref].astext() if ref in env.titles else ref)}
                   for title, ref in toctree["entries"] if ref in env.all_docs]
        sections.append({"caption": toctree.get("caption"), "entries": entries})
    return sections


def navigation_for(app: Sphinx) -> Navigation | None:
    return build_run(app).navigation


def _prepare(app: Sphinx, builder: Builder) -> None:
    """Build this build's navigation once, before pages are written (and workers forked)."""
    if builder.format != "html":
        return
    jinja = render.make_environment(template_dirs(app.srcdir, app.config))
    build_run(app).navigation = Navigation(site_state(app.env).catalog, app.config.fieldnotes_categories,
                                       app.config.fieldnotes_show_drafts, builder,
                                       site_state(app.env).data["sidebar_sections"]
                                       or sidebar_sections(app.env),
                                       jinja.get_template(TEMPLATE))


def _lend_toctree_away(app: Sphinx, pagename: str, templatename: str,
                       context: dict[str, Any], doctree) -> None:
    if app.config.fieldnotes_sidebar == "catalog":
        furo.lend_toctree_away(context)


def _give_toctree_back(app: Sphinx, pagename: str, templatename: str,
                       context: dict[str, Any], doctree) -> None:
    furo.give_toctree_back(context)


def _offer_sidebar(app: Sphinx, pagename: str, templatename: str,
                   context: dict[str, Any], doctree) -> None:
    """Hand _templates/sidebar/navigation.html a function of the page's final ``pathto``."""
    navigation = navigation_for(app)
    if app.config.fieldnotes_sidebar != "catalog" or navigation is None:
        return
    root = app.config.root_doc

    def sidebar(pathto: Callable[[str], str]) -> str:
        target = app.builder.get_target_uri
        if pathto(root) == relative_uri(target(pagename), target(root)):
            return navigation.sidebar(pagename)
        # A page served at another URL than its own (the 404 page) links from the site root.
        return navigation.sidebar_with_links(pagename, pathto)

    context["fieldnotes_sidebar"] = sidebar
