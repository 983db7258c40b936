"""Navigation drawn from the catalog once a build: the sidebar and the previous/next links.

Furo resolves and re-parses the full toctree on every page, which costs O(pages x tree).
Here the sidebar shows the categories and the current category's articles; each category's
list is rendered once a build per output folder, and a page only swaps in its own entry.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from typing import TYPE_CHECKING, Any
from weakref import WeakKeyDictionary

from sphinx import addnodes
from sphinx.config import ENUM
from sphinx.util.osutil import relative_uri

from fieldnotes.listings import render
from fieldnotes.model.catalog import Catalog
from fieldnotes.listings.directives import template_dirs
from fieldnotes.integrations import furo
from fieldnotes.model.rewrites import Link, neighbours, sidebar_lists
from fieldnotes.routes import category_docname
from fieldnotes.state import site_state

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment

TEMPLATE = "fieldnotes/sidebar-navigation.html"
ITEM_TEMPLATE = "fieldnotes/sidebar-article.html"
#: fieldnotes_sidebar values: our navigation, or furo's stock tree (the benchmark's baseline).
MODES = ("catalog", "furo")

_NAVIGATIONS: WeakKeyDictionary[Builder, Navigation] = WeakKeyDictionary()


class Navigation:
    """Every page's sidebar and previous/next links for one build, from one catalog."""

    def __init__(self, catalog: Catalog, categories: dict[str, str], include_drafts: bool,
                 builder: Builder, sections: list[dict], template, item_template) -> None:
        self._catalog = catalog
        self._categories = categories
        self._target = builder.get_target_uri
        self._sections = sections
        self._top = {entry["docname"] for section in sections for entry in section["entries"]}
        self._template = template
        self._item = item_template.module.article_item
        # The same lists rewrites.py compares to know which sidebars an edit changed.
        self._lists = sidebar_lists(catalog, categories, include_drafts)
        self._rendered: dict[tuple[str | None, str], tuple[str, dict]] = {}
        self._neighbours = neighbours(catalog, include_drafts)

    def neighbours(self, pagename: str) -> tuple[Link | None, Link | None] | None:
        """The article's previous and next articles by number; None if it is not listed."""
        return self._neighbours.get(pagename)

    def current_category(self, pagename: str) -> str | None:
        article = self._catalog.articles.get(pagename)
        if article is not None:
            return article.category
        for slug in self._categories:
            if pagename == category_docname(slug):
                return slug
        return None

    def sidebar(self, pagename: str) -> str:
        slug = self.current_category(pagename)
        folder = posixpath.dirname(self._target(pagename))
        if pagename in self._top:
            # The page is itself in the sidebar's top level: rendered once, for itself.
            return self._render(slug, folder, current_page=pagename)[0]
        key = (slug, folder)
        if key not in self._rendered:
            self._rendered[key] = self._render(slug, folder, current_page=None)
        text, items = self._rendered[key]
        item = items.get(pagename)
        if item is None:
            return text
        # The list was rendered with no current entry; only this page's own entry differs.
        return text.replace(str(self._item(item, False)), str(self._item(item, True)), 1)

    def sidebar_with_links(self, pagename: str, href: Callable[[str], str]) -> str:
        """The sidebar with each link made by ``href`` (docname -> URL), rendered for this
        page alone: for a page served at any URL, such as the 404 page."""
        return self._render(self.current_category(pagename), "", current_page=pagename, href=href)[0]

    def _render(self, slug: str | None, folder: str, *, current_page: str | None,
                href: Callable[[str], str] | None = None) -> tuple[str, dict]:
        # A made-up file name in ``folder``: relative links then depend on the folder alone.
        base = posixpath.join(folder, "\0")

        def relative(docname: str) -> str:
            return relative_uri(base, self._target(docname))

        href = href or relative
        sections = [{"caption": section["caption"],
                     "entries": [{**entry, "href": href(entry["docname"])} for entry in section["entries"]]}
                    for section in self._sections]
        items = {docname: {"title": title, "href": href(docname)}
                 for docname, _, title in self._lists.get(slug, [])} if slug else {}
        text = self._template.render(sections=sections, current_page=current_page,
                                     expanded_page=category_docname(slug) if slug else None,
                                     articles=list(items.values()))
        return text, items


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


def navigation_for(builder: Builder) -> Navigation | None:
    return _NAVIGATIONS.get(builder)


def _prepare(app: Sphinx, builder: Builder) -> None:
    """Build this build's navigation once, before pages are written (and workers forked)."""
    if builder.format != "html":
        return
    jinja = render.make_environment(template_dirs(app.srcdir, app.config))
    _NAVIGATIONS[builder] = Navigation(site_state(app.env).catalog, app.config.fieldnotes_categories,
                                       app.config.fieldnotes_show_drafts, builder,
                                       site_state(app.env).data["sidebar_sections"]
                                       or sidebar_sections(app.env),
                                       jinja.get_template(TEMPLATE), jinja.get_template(ITEM_TEMPLATE))


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
    navigation = navigation_for(app.builder)
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


def setup_navigation(app: Sphinx) -> None:
    app.add_config_value("fieldnotes_sidebar", "catalog", "html", types=ENUM(*MODES))
    # Built from the catalog once all sources are read, before the first page is written.
    app.connect("write-started", _prepare)
    app.connect("html-page-context", _offer_sidebar)
    # Around furo's own handler, so that it does not render a tree nobody shows.
    app.connect("html-page-context", _lend_toctree_away, priority=furo.FURO_PRIORITY - 100)
    app.connect("html-page-context", _give_toctree_back, priority=furo.FURO_PRIORITY + 100)
