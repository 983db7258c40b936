"""Listings in pages of ``fieldnotes_page_size`` cards, in number order, with numbered links.

A listing's first page is the home page, a category page or a tag page; its later pages are
generated pages (see ``generated``, named by ``routes``). Every page links every other page
of its listing, so any article is two clicks from the home page: a page number, then its card.
The home page's grid leaves out featured articles, which have the wide card above it.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx import addnodes

from fieldnotes import routes

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

    from sphinx.application import Sphinx
    from sphinx.writers.html5 import HTML5Translator

    from fieldnotes.model.catalog import Catalog
    from fieldnotes.model.frontmatter import Article



class pagination(nodes.General, nodes.Element):  # noqa: N801 (docutils names nodes so)
    """The numbered links to a listing's pages: a ``nav`` with an accessible name."""


class current_page(nodes.Inline, nodes.TextElement):  # noqa: N801
    """The number of the page being read, marked ``aria-current``."""


def page_count(articles: int, size: int) -> int:
    """How many pages a listing of ``articles`` cards takes (one, even when it is empty)."""
    return max(1, math.ceil(articles / size))


def page_slice(articles: Sequence[Article], page: int, size: int) -> Sequence[Article]:
    return articles[(page - 1) * size : page * size]


def listing_articles(catalog: Catalog, category: str | None, tag: str | None, *,
                     include_drafts: bool, exclude_featured: bool) -> list[Article]:
    """What a listing shows, across all its pages, in number order."""
    chosen = catalog.listed(routes.listing_keys(category, tag), include_drafts)
    return [a for a in chosen if not a.featured] if exclude_featured else chosen


def later_pages(catalog: Catalog, config) -> Iterator[dict]:
    """Each generated later page of each listing: its docname and what it lists."""
    size, drafts, root = config.fieldnotes_page_size, config.fieldnotes_show_drafts, config.root_doc
    listings = [(None, None, config.project)]
    listings += [(slug, None, name) for slug, name in config.fieldnotes_categories.items()]
    listings += [(None, tag, f"Tag: {name}") for tag, name in config.fieldnotes_tags.items()]
    for category, tag, title in listings:
        home = category is None and tag is None
        shown = listing_articles(catalog, category, tag, include_drafts=drafts, exclude_featured=home)
        first = routes.listing_docname(category, tag, root)
        for page in range(2, page_count(len(shown), size) + 1):
            yield {"docname": routes.paged_docname(first, page, root), "category": category,
                   "tag": tag, "title": title, "page": page, "exclude_featured": home}


def later_page_changed(docname: str, previous: Catalog, catalog: Catalog, config) -> bool:
    """Whether a later page of a listing shows other cards or other page links than it did:
    it shows nothing else. False for a page that is not a later page (not this rule's)."""
    first, page = routes.page_number(docname, config.root_doc)
    listing = routes.listing_page(first) if first != config.root_doc else (None, None)
    if page == 1 or listing is None:
        return False
    kind, slug = listing
    category, tag = (slug, None) if kind == routes.CATEGORIES else (None, slug) if kind else (None, None)
    size, drafts, home = config.fieldnotes_page_size, config.fieldnotes_show_drafts, kind is None
    old, new = (listing_articles(c, category, tag, include_drafts=drafts, exclude_featured=home)
                for c in (previous, catalog))
    return (page_count(len(old), size) != page_count(len(new), size)
            or page_slice(old, page, size) != page_slice(new, page, size))


def page_links(docname: str, first: str, pages: int, root_doc: str, label: str) -> pagination:
    """The nav of a listing's ``pages`` numbered links, as seen from ``docname``."""
    items = nodes.bullet_list()
    for page in range(1, pages + 1):
        target = routes.paged_docname(first, page, root_doc)
        text = nodes.inline("", str(page))
        if target == docname:
            link: nodes.Node = current_page("", str(page))
        else:
            link = addnodes.pending_xref("", text, refdomain="std", reftype="doc",
                                         reftarget=f"/{target}", refexplicit=True, refwarn=True,
                                         refdoc=docname)
        items += nodes.list_item("", nodes.paragraph("", "", link))
    return pagination("", items, label=label, classes=["fn-pagination"])


def _visit_pagination(translator: HTML5Translator, node: pagination) -> None:
    translator.body.append(translator.starttag(node, "nav", "", **{"aria-label": node["label"]}))


def _depart_pagination(translator: HTML5Translator, node: pagination) -> None:
    translator.body.append("</nav>\n")


def _visit_current(translator: HTML5Translator, node: current_page) -> None:
    translator.body.append(translator.starttag(node, "span", "", CLASS="fn-page-current",
                                               **{"aria-current": "page"}))


def _depart_current(translator: HTML5Translator, node: current_page) -> None:
    translator.body.append("</span>")


def _pass(translator, node) -> None:
    """Other writers show the links' text as it is."""


def setup_pagination(app: Sphinx) -> None:
    plain = (_pass, _pass)
    app.add_node(pagination, html=(_visit_pagination, _depart_pagination),
                 text=plain, latex=plain, man=plain, texinfo=plain)
    app.add_node(current_page, html=(_visit_current, _depart_current),
                 text=plain, latex=plain, man=plain, texinfo=plain)
