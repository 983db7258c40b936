"""Links in an article go to web pages, mail addresses or the site itself, by every route.

reStructuredText (``{eval-rst}``) writes any target it is given as the link's href, where a
click runs it. Each link whose scheme is not one a reader can follow safely is refused, its
text kept without the link. Markdown's parser already leaves such a link as plain text, but
says nothing: the author is told here too.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx import addnodes
from sphinx.util import logging

if TYPE_CHECKING:
    from sphinx.application import Sphinx

logger = logging.getLogger(__name__)

ALLOWED_SCHEMES = ("http", "https", "mailto")
# Browsers ignore control characters and spaces around a URL and tabs and newlines inside
# it, so 'java\tscript:' is still a script: they are dropped before the scheme is read.
_IGNORED_BY_BROWSERS = re.compile(r"[\x00-\x20\x7f]")
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")
# What is left of a Markdown link or autolink that the parser would not make a link.
_UNLINKED_MARKDOWN = re.compile(r"\]\(\s*<?\s*([a-zA-Z][a-zA-Z0-9+.\-]*:)"
                                r"|<([a-zA-Z][a-zA-Z0-9+.\-]*:)[^\s<>]*>")
REFUSED = ("is refused: a link may lead only to an http, https or mailto address or to a page "
           "of the site")


def refused_scheme(uri: str) -> str | None:
    """The scheme of ``uri`` when a link may not use it; None for an allowed or relative one."""
    found = _SCHEME.match(_IGNORED_BY_BROWSERS.sub("", uri))
    if found and found.group(1).lower() not in ALLOWED_SCHEMES:
        return found.group(1)
    return None


def _warn(scheme: str, fix: str, location: nodes.Node) -> None:
    logger.warning(f"a link to '{scheme}:' {REFUSED}; {fix}", location=location,
                   type="fieldnotes", subtype="link")


def _in_code(node: nodes.Node) -> bool:
    return any(isinstance(n, (nodes.literal, nodes.FixedTextElement, nodes.comment))
               for n in _ancestors(node))


def _in_link(node: nodes.Node) -> bool:
    """A link's own text (an article's title on a listing) is words, whatever it reads like:
    the link it stands in was checked above."""
    return any(isinstance(n, (nodes.reference, addnodes.pending_xref)) for n in _ancestors(node))


def _in_paragraph(node: nodes.Node) -> bool:
    return any(isinstance(n, nodes.paragraph) for n in _ancestors(node))


def _ancestors(node: nodes.Node):
    while node is not None:
        yield node
        node = node.parent


def _refuse_links(app: Sphinx, doctree: nodes.document) -> None:
    for reference in list(doctree.findall(nodes.reference)):
        scheme = refused_scheme(reference.get("refuri", ""))
        if scheme:
            _warn(scheme, "the link's text is kept without it", reference)
            reference.replace_self(nodes.inline("", "", *reference.children))
    # Paragraphs only: a title from the front matter is plain text that may read like a link.
    for text in list(doctree.findall(nodes.Text)):
        if not _in_paragraph(text.parent) or _in_code(text.parent) or _in_link(text.parent):
            continue
        for found in _UNLINKED_MARKDOWN.finditer(text.astext()):
            scheme = refused_scheme(found.group(1) or found.group(2))
            if scheme:
                _warn(scheme, "the page shows it as plain text: remove it", text.parent)
