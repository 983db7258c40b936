"""Links in an article go to web pages, mail addresses or the site itself, by every route.

Markdown drops a ``javascript:`` link, but reStructuredText (``{eval-rst}``) writes any target
it is given as the link's href, where a click runs it. Each link whose scheme is not one a
reader can follow safely is refused, its text kept without the link.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.util import logging

if TYPE_CHECKING:
    from sphinx.application import Sphinx

logger = logging.getLogger(__name__)

ALLOWED_SCHEMES = ("http", "https", "mailto")
# Browsers ignore control characters and spaces around a URL and tabs and newlines inside
# it, so 'java\tscript:' is still a script: they are dropped before the scheme is read.
_IGNORED_BY_BROWSERS = re.compile(r"[\x00-\x20\x7f]")
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")


def refused_scheme(uri: str) -> str | None:
    """The scheme of ``uri`` when a link may not use it; None for an allowed or relative one."""
    found = _SCHEME.match(_IGNORED_BY_BROWSERS.sub("", uri))
    if found and found.group(1).lower() not in ALLOWED_SCHEMES:
        return found.group(1)
    return None


def _refuse_links(app: Sphinx, doctree: nodes.document) -> None:
    for reference in list(doctree.findall(nodes.reference)):
        scheme = refused_scheme(reference.get("refuri", ""))
        if scheme:
            logger.warning(
                f"a link to '{scheme}:' is refused: a link may lead only to an http, https or "
                f"mailto address or to a page of the site; the link's text is kept without it",
                location=reference, type="fieldnotes", subtype="link")
            reference.replace_self(nodes.inline("", "", *reference.children))


def setup_links(app: Sphinx) -> None:
    # Before anything reads the page's links (the feeds, llms-full.txt, the search index).
    app.connect("doctree-read", _refuse_links, priority=400)
