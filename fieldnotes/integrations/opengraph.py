"""sphinxext-opengraph: the og: fields a page hands it, and its import without a note.

Its documented per-page overrides are ``og:`` fields in a page's file-wide metadata. The site
sets them while the page is written instead (an article's title and summary, a listing's
description, the share image): ``og_fields`` writes them into the page context's ``meta``,
which the package's ``html-page-context`` handler (at the default priority, after the
pipeline's step at 450) reads as the page's fields and copies into its tags. It escapes only
double quotes in what it is given, so the text is escaped here first (``&``, ``<``, ``>``).

The package prints that note to standard output when it is imported without matplotlib, which
it needs only for the card images it draws itself; the site draws its own share images
(``outputs/sharecards.py``) and turns the package's off (``ogp_social_cards``). Importing it
first, with standard output held, leaves Sphinx the imported module and the build's output
free of the note.
"""

from __future__ import annotations

import contextlib
import html
import importlib
import inspect
import io
import sys
from typing import Any

from fieldnotes.integrations import require

MODULE = "sphinxext.opengraph"


def import_quietly() -> None:
    if MODULE not in sys.modules:
        with contextlib.redirect_stdout(io.StringIO()):
            importlib.import_module(MODULE)


def og_fields(context: dict[str, Any], fields: dict[str, str]) -> bool:
    """Have the package write these ``og:`` fields (text, escaped here) for the page; False
    when the page has no metadata to carry them (a page Sphinx writes with no document)."""
    meta = context.get("meta")
    if meta is None:
        return False
    for name, text in fields.items():
        meta[name] = html.escape(text, quote=False)
    return True


def contract() -> None:
    import_quietly()
    package = sys.modules[MODULE]
    get_tags = inspect.getsource(package.get_tags)
    require("fields = context['meta']" in get_tags
            and "tags.update({k: v for k, v in fields.items() if k.startswith('og:')})" in get_tags
            and "if 'og:image' in fields:" in get_tags and "fields.get('og:image:alt')" in get_tags,
            "sphinxext-opengraph", "its html-page-context handler no longer takes a page's og: "
            "fields (og:image and og:image:alt among them) from the context's meta, so the "
            "articles' titles, summaries and share images are not in their og: tags")
    tag = package.make_tag("og:title", 'a & <b> "c"')
    require(tag == '<meta property="og:title" content="a & <b> &quot;c&quot;" />',
            "sphinxext-opengraph", f"it now escapes a field's text as {tag!r}: og_fields "
            "escapes &, < and > itself, which would now be escaped twice")
    require(list(inspect.signature(package.html_page_context).parameters)
            == ["app", "pagename", "templatename", "context", "doctree"]
            and "app.connect('html-page-context', html_page_context)" in inspect.getsource(
                package.setup), "sphinxext-opengraph", "its tags are no longer written by an "
            "html-page-context handler at the default priority, after the step that sets og: "
            "fields")
    source = inspect.getsource(package)
    require("print('matplotlib is not installed" in source or "matplotlib" not in source,
            "sphinxext-opengraph", "the note about matplotlib is no longer printed at import")
