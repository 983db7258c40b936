"""Mermaid diagrams from ```mermaid fences, drawn in the browser by a self-hosted mermaid.

Only a page with a diagram loads mermaid (from npm's ``mermaid`` package, copied into the site)
and only that page gets a Content-Security-Policy that allows inline styles, which mermaid
writes into each SVG it draws. Every other page is exactly as without this module.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from docutils.utils import get_source_line
from sphinx.util import logging

from fieldnotes.building.wholefiles import copy_whole, report_write_errors, write_whole
from fieldnotes.outputs import csp
from fieldnotes.state import site_state

if TYPE_CHECKING:
    from sphinx.application import Sphinx

logger = logging.getLogger(__name__)

SCRIPTS = ["mermaid/mermaid.min.js", "fieldnotes-mermaid.js"]
# Mermaid styles each SVG with a <style> element and style attributes it writes at run time.
DIAGRAM_STYLE_SRC = "'self' 'unsafe-inline'"
# What in a diagram's source could make the reader's browser load something from another
# host (Read the Docs serves no Content-Security-Policy): an HTML tag in a label
# (<img src=...>), CSS (style, classDef and linkStyle statements, url(), @import, image-set()),
# settings that change how mermaid draws (%%{init}%% or a --- block), shape data
# (A@{ img: ... }) and any web address. A diagram that holds one is refused at build time.
FETCHING = re.compile(r"<\s*/?\s*[a-zA-Z!?]|url\s*\(|@import|image-set|//|@\{|%%\s*\{"
                      r"|^[ \t]*(?:style|classDef|linkStyle)\b|\A\s*---",
                      re.IGNORECASE | re.MULTILINE)


class mermaid_diagram(nodes.General, nodes.Element):  # noqa: N801 - docutils names nodes so
    """A diagram's source, drawn by mermaid in the browser."""


def _visit_html(translator, node: mermaid_diagram) -> None:
    # Escaped source text: mermaid reads the element's text, so no markup passes through.
    # Out of the search index, as code is (translator.py): its source is no prose to show.
    translator.body.append('<pre class="fn-diagram" data-pagefind-ignore="all">'
                           + translator.encode(node["code"]) + "</pre>\n")
    raise nodes.SkipNode


def _refusal(code: str) -> tuple[int, str] | None:
    """The diagram's line (from 1) that could fetch, and why it is refused; None if none."""
    found = FETCHING.search(code)
    if not found:
        return None
    start = found.start() + len(found.group()) - len(found.group().lstrip())
    return (code.count("\n", 0, start) + 1,
            f"a mermaid diagram may not hold '{found.group().strip()}': HTML tags, CSS (style, "
            "classDef, linkStyle, url(), @import), drawing settings (%%{init}%%, a --- block), "
            "shape data (@{...}) and web addresses can make the reader's browser load things "
            "from other hosts, so the diagram is left out. Write labels as plain text (for '<' "
            "or '>' in a label, write #lt; or #gt;)")


def _find_diagrams(app: Sphinx, doctree: nodes.document) -> None:
    """Turn each ```mermaid block into a diagram node (Pygments has no mermaid lexer)."""
    blocks = []
    sources = [b for b in doctree.findall(nodes.literal_block) if b.get("language") == "mermaid"]
    for block in sources:
        refused = _refusal(block.astext())
        if refused:
            source, fence = get_source_line(block)
            logger.warning(refused[1], location=f"{source}:{(fence or 0) + refused[0]}",
                           type="fieldnotes", subtype="diagram")
            block.parent.remove(block)
        else:
            blocks.append(block)
            block.replace_self(mermaid_diagram(code=block.astext()))
    if blocks:
        site_state(app.env).diagrams[app.env.docname] = True


def _add_scripts(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree) -> None:
    if pagename in site_state(app.env).diagrams:
        for script in SCRIPTS:
            # Called here, Sphinx adds the file to this page only.
            app.add_js_file(script, defer="defer")


@report_write_errors("output")
def _copy_mermaid(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html" or not site_state(app.env).diagrams:
        return
    source = Path(app.confdir, app.config.fieldnotes_mermaid_js)
    if not source.is_file():
        # The setting is named: when it is wrong (empty, a folder), the path alone misleads.
        logger.warning(f"{len(site_state(app.env).diagrams)} pages have a mermaid diagram but "
                       f"fieldnotes_mermaid_js in conf.py names {str(source)!r}, which is not "
                       "a file: run `make html`, which installs it (or `npm ci --omit=dev "
                       "--ignore-scripts`), or set it to the path of mermaid.min.js",
                       type="fieldnotes", subtype="diagram")
        return
    target = Path(app.outdir, "_static", SCRIPTS[0])
    target.parent.mkdir(parents=True, exist_ok=True)
    if not target.is_file() or target.stat().st_size != source.stat().st_size:
        copy_whole(source, target)


@report_write_errors("output")
def _diagram_page_headers(app: Sphinx, exception: Exception | None) -> None:
    """After csp.write_headers: each diagram page gets the site's policy with inline styles."""
    headers = Path(app.outdir, csp.HEADERS_FILE)
    if exception is not None or app.builder.name != "html" or not headers.is_file():
        return
    policy = next(line.split(":", 1)[1].strip() for line in headers.read_text().splitlines()
                  if line.strip().startswith("Content-Security-Policy:"))
    loosened = "; ".join(f"style-src {DIAGRAM_STYLE_SRC}" if d.startswith("style-src ") else d
                         for d in policy.split("; "))
    rules = [f"/{app.builder.get_target_uri(doc)}\n  Content-Security-Policy: {loosened}\n"
             for doc in sorted(site_state(app.env).diagrams)]
    if rules:
        # A later rule's header replaces an earlier one's for the paths it matches (Netlify).
        write_whole(headers, headers.read_text(encoding="utf-8") + "".join(rules))


def setup_diagrams(app: Sphinx) -> None:
    # Under "html" only: the e-book builder (format html) then takes these, as it takes every
    # other extension's; a handler under "epub" would hide all of those from it.
    app.add_node(mermaid_diagram, html=(_visit_html, None))
