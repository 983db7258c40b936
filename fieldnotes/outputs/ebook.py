"""The e-book: the home page, then each category and its articles, in reading order.

Tag pages, the tags index, drafts and the general index are website navigation: they stay out
of the book, and links to them become plain text, so the book holds no link to a missing page.
Feed links and JSON-LD describe the website, not the book, and stay out of its pages.
"""

from __future__ import annotations

import posixpath
from typing import TYPE_CHECKING, Any
from weakref import WeakKeyDictionary

from docutils import nodes
from sphinx.util import logging

from fieldnotes.routes import category_docname

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment

logger = logging.getLogger(__name__)

# The target URIs each e-book build leaves out, while that builder lives.
_LEFT_OUT: WeakKeyDictionary[Builder, set[str]] = WeakKeyDictionary()


def is_ebook(builder: Builder) -> bool:
    return builder.name.startswith("epub")


def book_docnames(env: BuildEnvironment) -> list[str]:
    """The pages the book holds, in reading order: home, then each category and its articles."""
    config = env.config
    order = [config.root_doc]
    for slug in config.fieldnotes_categories:
        category = category_docname(slug)
        if category in env.found_docs:
            order.append(category)
            order += env.toctree_includes.get(category, [])
    return order


def _leave_out_the_rest(app: Sphinx, builder: Builder) -> None:
    """Every page that is not in the book is left out of its manifest and spine."""
    if not is_ebook(builder):
        return
    kept = set(book_docnames(app.env))
    left_out = {builder.get_target_uri(doc) for doc in app.env.found_docs - kept}
    _LEFT_OUT[builder] = left_out
    # Sphinx reads this list once every page is written, when it writes the manifest.
    app.config.epub_exclude_files = sorted({*app.config.epub_exclude_files, *left_out})


def _unlink_pages_left_out(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """A link to a page the book leaves out keeps its text and loses its target."""
    if not is_ebook(app.builder):
        return
    left_out = _LEFT_OUT.get(app.builder, set())
    folder = posixpath.dirname(app.builder.get_target_uri(docname))
    for reference in list(doctree.findall(nodes.reference)):
        uri = reference.get("refuri", "")
        if not uri or "://" in uri or uri.startswith(("#", "mailto:")):
            continue
        target = posixpath.normpath(posixpath.join(folder, uri.split("#", 1)[0]))
        if target in left_out:
            reference.replace_self(nodes.inline("", "", *reference.children))


def _book_page_context(app: Sphinx, pagename: str, templatename: str,
                       context: dict[str, Any], doctree) -> None:
    """No feeds, JSON-LD or tag links in the book's pages."""
    if not is_ebook(app.builder):
        return
    context.pop("fieldnotes_feeds", None)
    context.pop("fieldnotes_jsonld", None)
    if "fieldnotes_tag_links" in context:
        context["fieldnotes_tag_links"] = [(name, None) for name, _ in context["fieldnotes_tag_links"]]


def setup_ebook(app: Sphinx) -> None:
    # Once every source is read, the toctrees say which pages the book holds.
    app.connect("write-started", _leave_out_the_rest)
    app.connect("doctree-resolved", _unlink_pages_left_out)
    # After pages/meta.py (priority 400) fills the context, before the page is rendered.
    app.connect("html-page-context", _book_page_context, priority=450)
