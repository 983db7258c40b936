"""The e-book: the home page, then each category and its articles, in reading order.

Tag pages, the tags index, drafts and the general index are website navigation: they stay out
of the book, and links to them become plain text, so the book holds no link to a missing page.
Feed links and JSON-LD describe the website, not the book, and stay out of its pages.
A page with MathML (formulas) or inline SVG is declared so in the book's manifest, as
EPUB 3 requires (Sphinx declares no such property).
"""

from __future__ import annotations

import posixpath
from pathlib import Path
from typing import TYPE_CHECKING, Any
from xml.etree import ElementTree as ET

from docutils import nodes
from sphinx.util import logging

from fieldnotes.building.run import build_run
from fieldnotes.integrations import sphinx
from fieldnotes.routes import category_docname

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment

logger = logging.getLogger(__name__)


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


OPF = "http://www.idpf.org/2007/opf"
DUBLIN_CORE = "http://purl.org/dc/elements/1.1/"
XHTML_TYPE = "application/xhtml+xml"
# A manifest property EPUB 3 requires of a content document, by the namespace of the
# elements that call for it.
CONTENT_PROPERTIES = {"http://www.w3.org/1998/Math/MathML": "mathml",
                      "http://www.w3.org/2000/svg": "svg"}


def content_properties(page: Path) -> list[str]:
    """The manifest properties a content document needs, in a stable order."""
    found = {element.tag[1:].partition("}")[0] for element in ET.parse(page).iter()
             if isinstance(element.tag, str) and element.tag.startswith("{")}
    return [name for namespace, name in CONTENT_PROPERTIES.items() if namespace in found]


def declare_content_properties(opf: Path) -> None:
    """Give each page of the book's manifest the properties its content calls for."""
    ET.register_namespace("", OPF)
    ET.register_namespace("dc", DUBLIN_CORE)
    tree = ET.parse(opf)
    changed = False
    for item in tree.iter(f"{{{OPF}}}item"):
        if item.get("media-type") != XHTML_TYPE or item.get("properties"):
            continue
        needed = content_properties(opf.parent / item.get("href"))
        if needed:
            item.set("properties", " ".join(needed))
            changed = True
    if changed:
        tree.write(opf, encoding="UTF-8", xml_declaration=True)


def _declare_properties_when_packed(app: Sphinx) -> None:
    if is_ebook(app.builder):
        sphinx.after_content_opf(app.builder, declare_content_properties)


def _leave_out_the_rest(app: Sphinx, builder: Builder) -> None:
    """Every page that is not in the book is left out of its manifest and spine."""
    if not is_ebook(builder):
        return
    kept = set(book_docnames(app.env))
    left_out = {builder.get_target_uri(doc) for doc in app.env.found_docs - kept}
    build_run(app).left_out = left_out
    # Sphinx reads this list once every page is written, when it writes the manifest.
    sphinx.leave_out_of_book(app.config, left_out)


def _unlink_pages_left_out(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """A link to a page the book leaves out keeps its text and loses its target."""
    if not is_ebook(app.builder):
        return
    left_out = build_run(app).left_out
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
