"""Math rendered to MathML when the page is read: no script and no request to another host."""

from __future__ import annotations

import html
import re
from typing import TYPE_CHECKING

from docutils import nodes
from latex2mathml.converter import convert_to_element
from sphinx.locale import _
from sphinx.util import logging

from fieldnotes.integrations.sphinx import equation_number

if TYPE_CHECKING:
    from xml.etree.ElementTree import Element

    from sphinx.application import Sphinx
    from sphinx.writers.html5 import HTML5Translator

logger = logging.getLogger(__name__)

RENDERER = "fieldnotes-mathml"
MATHML_KEY = "fieldnotes_mathml"
# Presentation attributes latex2mathml writes. Anything else (href, style, class from \href,
# \style, \class) would let a formula carry a link or styling into the page, so it is refused.
MATHML_ATTRIBUTES = frozenset({
    "xmlns", "display", "mathvariant", "displaystyle", "scriptlevel", "mathcolor",
    "mathbackground", "mathsize", "columnalign", "columnspacing", "columnlines", "rowalign",
    "rowspacing", "rowlines", "frame", "framespacing", "notation", "width", "height", "depth",
    "voffset", "linebreak", "linethickness", "stretchy", "fence", "separator", "form", "lspace",
    "rspace", "accent", "accentunder", "minsize", "maxsize", "symmetric", "movablelimits",
    "largeop", "columnspan", "rowspan", "equalrows", "equalcolumns"})
MATHML_TAG = re.compile(r"m[a-z]+|none")


def _text(text: str | None) -> str:
    # latex2mathml writes symbols as character references in its text ('&#x0003D;') and
    # leaves author text as it is: decode both, then escape once.
    return html.escape(html.unescape(text or ""), quote=False)


def _serialize(element: Element, out: list[str]) -> None:
    if not MATHML_TAG.fullmatch(element.tag):
        raise ValueError(f"<{element.tag}> is not MathML")
    refused = sorted(set(element.attrib) - MATHML_ATTRIBUTES)
    if refused:
        raise ValueError(f"a formula may not carry {', '.join(refused)} (\\href, \\style and "
                         "\\class are not allowed)")
    attributes = "".join(f' {name}="{html.escape(html.unescape(value))}"'
                         for name, value in element.attrib.items())
    out.append(f"<{element.tag}{attributes}>{_text(element.text)}")
    for child in element:
        _serialize(child, out)
        out.append(_text(child.tail))
    out.append(f"</{element.tag}>")


def _problem(error: Exception) -> str:
    """latex2mathml names each problem by its exception class, mostly without a message."""
    words = re.sub(r"(?<!^)(?=[A-Z])", " ", type(error).__name__.removesuffix("Error")).lower()
    return f"{words}: {error}" if str(error) else words


def to_mathml(latex: str, display: str = "inline") -> str:
    """The MathML for one LaTeX formula; ValueError, saying what is wrong, when there is none."""
    try:
        element = convert_to_element(latex, display=display)
    except Exception as error:  # each LaTeX mistake is its own exception class, or an IndexError
        raise ValueError(_problem(error)) from error
    unknown = next((e.text for e in element.iter()
                    if e.tag in ("mi", "mo") and (e.text or "").startswith("\\")), None)
    if unknown:
        raise ValueError(f"unknown LaTeX command {unknown}")
    out: list[str] = []
    _serialize(element, out)
    return "".join(out)


def formula_parts(latex: str) -> list[str]:
    """Display math as Sphinx reads it: formulas apart by blank lines; '\\\\' breaks lines."""
    parts = [part.strip() for part in latex.split("\n\n") if part.strip()]
    return [rf"\begin{{split}}{p}\end{{split}}" if r"\\" in p and r"\begin" not in p else p
            for p in parts]


def _render_math(app: Sphinx, doctree: nodes.document) -> None:
    """Convert every formula once, when the page is read, so a mistake names its line."""
    for node in doctree.findall(lambda n: isinstance(n, (nodes.math, nodes.math_block))):
        block = isinstance(node, nodes.math_block)
        parts = formula_parts(node.astext()) if block else [node.astext()]
        try:
            node[MATHML_KEY] = [to_mathml(p, "block" if block else "inline") for p in parts]
        except ValueError as error:
            logger.warning(f"math does not convert ({error}): fix the LaTeX, or show it as "
                           "code with backticks if it is not meant as a formula",
                           location=node, type="fieldnotes", subtype="math")


def _visit_math(self: HTML5Translator, node: nodes.math) -> None:
    self.body.append(self.starttag(node, "span", "", CLASS="math"))
    self.body += node.get(MATHML_KEY) or [self.encode(node.astext())]
    self.body.append("</span>")
    raise nodes.SkipNode


def _visit_math_block(self: HTML5Translator, node: nodes.math_block) -> None:
    # MyST wraps a labelled formula in a container with the same id: write that id once.
    wrapped = node.parent is not None and node.parent.get("ids") == node["ids"]
    tag = nodes.Element(ids=[] if wrapped else node["ids"], classes=node["classes"])
    self.body.append(self.starttag(tag, "div", CLASS="math"))
    if node["number"]:
        number = equation_number(self, node)
        self.body.append(f'<span class="eqno">({number})')
        self.add_permalink_ref(node, _("Link to this equation"))
        self.body.append("</span>")
    self.body += node.get(MATHML_KEY) or [f"<pre>{self.encode(node.astext())}</pre>"]
    self.body.append("</div>\n")
    raise nodes.SkipNode


def setup_mathml(app: Sphinx) -> None:
    app.add_html_math_renderer(RENDERER, inline_renderers=(_visit_math, None),
                               block_renderers=(_visit_math_block, None))
