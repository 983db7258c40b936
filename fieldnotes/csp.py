"""A Content-Security-Policy for the built site, allowing exactly the inline code its pages carry."""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.util import logging

if TYPE_CHECKING:
    from sphinx.application import Sphinx

logger = logging.getLogger(__name__)

HEADERS_FILE = "_headers"

# Everything but scripts and styles comes from the site itself. Furo draws its icons with
# data: SVGs in CSS masks, hence img-src data:.
FIXED_DIRECTIVES = {
    "default-src": "'self'",
    "img-src": "'self' data:",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}
# Script types a browser runs, so script-src governs them; any other type (JSON-LD, for one)
# is a data block that never runs and needs no hash.
RUNNABLE_SCRIPT_TYPES = {"", "module", "importmap", "text/javascript", "application/javascript",
                         "application/ecmascript", "text/ecmascript"}
OTHER_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}


@dataclass
class InlineCode:
    """The inline scripts, style elements and style attributes found in pages."""

    scripts: set[str] = field(default_factory=set)
    styles: set[str] = field(default_factory=set)
    style_attributes: set[str] = field(default_factory=set)
    # (page, what) for code no hash can allow: event handler attributes, javascript: URLs.
    blocked: list[tuple[str, str]] = field(default_factory=list)

    def update(self, other: InlineCode) -> None:
        self.scripts |= other.scripts
        self.styles |= other.styles
        self.style_attributes |= other.style_attributes
        self.blocked += other.blocked


class _InlineCodeParser(HTMLParser):
    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.page = page
        self.found = InlineCode()
        self._open: str | None = None  # "script" or "style" while inside one that is inline
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "style" or (tag == "script" and "src" not in values and
                              (values.get("type") or "").strip().lower() in RUNNABLE_SCRIPT_TYPES):
            self._open, self._text = tag, []
        if values.get("style") is not None:
            self.found.style_attributes.add(values["style"])
        for name, value in attrs:
            if name.startswith("on") and len(name) > 2:
                self.found.blocked.append((self.page, f"<{tag} {name}=...>"))
            elif name in ("href", "src", "action") and (value or "").strip().lower().startswith(
                    "javascript:"):
                self.found.blocked.append((self.page, f"<{tag} {name}=\"javascript:...\">"))

    def handle_data(self, data: str) -> None:
        if self._open:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == self._open:
            text = "".join(self._text)
            (self.found.scripts if tag == "script" else self.found.styles).add(text)
            self._open = None


def inline_code(html: str, page: str = "") -> InlineCode:
    """What a policy must allow for this page to work as written."""
    # Browsers hash the text as parsed, and HTML parsing turns every CR LF and CR into LF.
    parser = _InlineCodeParser(page)
    parser.feed(html.replace("\r\n", "\n").replace("\r", "\n"))
    parser.close()
    return parser.found


def source_hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def policy(code: InlineCode) -> str:
    """The Content-Security-Policy value: 'self' plus a hash for each inline snippet."""
    scripts = " ".join(["'self'", *sorted(source_hash(s) for s in code.scripts)])
    styles = ["'self'", *sorted(source_hash(s) for s in code.styles)]
    if code.style_attributes:
        # Attribute hashes only count next to 'unsafe-hashes'; it allows these exact values only.
        styles += ["'unsafe-hashes'", *sorted(source_hash(s) for s in code.style_attributes)]
    directives = {**FIXED_DIRECTIVES, "script-src": scripts, "style-src": " ".join(styles)}
    order = ["default-src", "script-src", "style-src", *FIXED_DIRECTIVES]
    return "; ".join(f"{name} {directives[name]}" for name in dict.fromkeys(order))


def headers_file(csp: str) -> str:
    """The headers for every path, in the `_headers` format of Netlify and Cloudflare Pages."""
    lines = ["/*", f"  Content-Security-Policy: {csp}"]
    lines += [f"  {name}: {value}" for name, value in OTHER_HEADERS.items()]
    return "\n".join(lines) + "\n"


def site_inline_code(outdir: Path) -> InlineCode:
    found = InlineCode()
    for path in sorted(outdir.rglob("*.html")):
        page = path.relative_to(outdir).as_posix()
        found.update(inline_code(path.read_text(encoding="utf-8"), page))
    return found


def write_headers(app: Sphinx, exception: Exception | None) -> None:
    """Hash the inline code of every written page into the site's `_headers` file."""
    if exception is not None or not isinstance(app.builder, StandaloneHTMLBuilder):
        return
    outdir = Path(app.outdir)
    found = site_inline_code(outdir)
    for page, what in found.blocked:
        logger.warning(f"{what} runs inline code that the Content-Security-Policy blocks; "
                       "move it into a script file under _static/", location=page,
                       type="fieldnotes", subtype="csp")
    (outdir / HEADERS_FILE).write_text(headers_file(policy(found)), encoding="utf-8")
