"""A Content-Security-Policy for the built site, allowing exactly the inline code its pages carry."""

from __future__ import annotations

import base64
import hashlib
import html
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.util import logging

from fieldnotes.building.wholefiles import report_write_errors, write_whole
from fieldnotes.html.services import service_origins
from fieldnotes.integrations import furo
from fieldnotes.outputs.search import INDEX_DIR

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
# The page template wraps what a page's source wrote in these; nothing between them is hashed.
BODY_START, BODY_END = "<!-- fieldnotes:body -->", "<!-- /fieldnotes:body -->"
# Search runs Pagefind's WebAssembly, which only this source allows: it permits compiling
# WebAssembly and nothing else, not eval() or new Function().
WASM_SOURCE = "'wasm-unsafe-eval'"
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
    # (page, what) for code no hash may allow: event handlers, javascript: URLs, page bodies.
    blocked: list[tuple[str, str]] = field(default_factory=list)

    def update(self, other: InlineCode) -> None:
        self.scripts |= other.scripts
        self.styles |= other.styles
        self.style_attributes |= other.style_attributes
        self.blocked += other.blocked


# Compiled patterns do the scanning, not a Python loop over every tag: html.parser cost more
# than a second per 300 pages. Each match consumes everything that cannot carry inline code
# (text, comments, end tags, tags without style, on... or javascript: attributes) and then one
# token that can, or the end of the page. Attribute values may be quoted and hold ">"; script
# and style bodies are raw text up to their end tag, as browsers parse them.
_NAME = r"[^\s/>]*+"
_ATTRIBUTES = r"""(?:[^>"']++|"[^"]*+"|'[^']*+')*+"""
_MAY_RUN_NAME = r"(?:style|on[^\s=>/]+)(?=[\s=>/])"
_HARMLESS_ATTRIBUTES = (r"""(?:[^>"'\sj]++|j(?!avascript:)"""
                        rf"""|\s++(?!{_MAY_RUN_NAME})"""
                        r"""|"(?!\s*javascript:)[^"]*+"|'(?!\s*javascript:)[^']*+')*+""")
_HARMLESS = (r"(?:[^<]++|<!--.*?-->|</[^>]*+>|<[!?][^>]*+>|<(?![a-zA-Z!/?])"
             rf"|<(?!(?:script|style)(?=[\s/>]))[a-zA-Z]{_NAME}{_HARMLESS_ATTRIBUTES}>)*+")
_TOKEN = re.compile(
    _HARMLESS
    + rf"(?:<(?P<raw>script|style)(?=[\s/>])(?P<raw_attrs>{_ATTRIBUTES})>(?P<text>.*?)</(?P=raw)\s*>"
    + rf"|<(?P<tag>[a-zA-Z]{_NAME})(?P<attrs>{_ATTRIBUTES})>|\Z)",
    re.S | re.I)
_ATTRIBUTE = re.compile(r"""([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?""")


def _attributes(text: str) -> dict[str, str | None]:
    """A tag's attributes, names lower-cased and values unescaped (None when it has none),
    the first of each name."""
    found: dict[str, str | None] = {}
    for match in _ATTRIBUTE.finditer(text):
        value = next((v for v in match.group(2, 3, 4) if v is not None), None)
        found.setdefault(match.group(1).lower(), None if value is None else html.unescape(value))
    return found


def _check_attributes(tag: str, attrs: dict[str, str | None], page: str, found: InlineCode) -> None:
    if attrs.get("style") is not None:
        found.style_attributes.add(attrs["style"])
    for name, value in attrs.items():
        if name.startswith("on") and len(name) > 2:
            found.blocked.append((page, f"<{tag} {name}=...>"))
        elif name in ("href", "src", "action") and (value or "").strip().lower().startswith(
                "javascript:"):
            found.blocked.append((page, f"<{tag} {name}=\"javascript:...\">"))


def inline_code(markup: str, page: str = "") -> InlineCode:
    """What a policy must allow for this page to work as written."""
    # Browsers hash the text as parsed, and HTML parsing turns every CR LF and CR into LF.
    markup = markup.replace("\r\n", "\n").replace("\r", "\n")
    found = InlineCode()
    for token in _TOKEN.finditer(markup):
        if token.lastgroup == "attrs":  # a tag that may carry inline code
            _check_attributes(token["tag"].lower(), _attributes(token["attrs"]), page, found)
        elif token.lastgroup == "text":  # a script or style element
            tag, attrs = token["raw"].lower(), _attributes(token["raw_attrs"])
            _check_attributes(tag, attrs, page, found)
            if tag == "style":
                found.styles.add(token["text"])
            elif "src" not in attrs and (attrs.get("type") or "").strip().lower() in RUNNABLE_SCRIPT_TYPES:
                found.scripts.add(token["text"])
    return found


def source_hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def policy(code: InlineCode, *, wasm: bool = False, origins: dict[str, list[str]] | None = None) -> str:
    """The Content-Security-Policy value: 'self' plus a hash for each inline snippet, and the
    ``origins`` (directive -> origins) of the services conf.py turned on."""
    origins = origins or {}
    wasm_source = [WASM_SOURCE] if wasm else []
    scripts = " ".join(["'self'", *wasm_source, *origins.get("script-src", []),
                        *sorted(source_hash(s) for s in code.scripts)])
    styles = ["'self'", *sorted(source_hash(s) for s in code.styles)]
    if code.style_attributes:
        # Attribute hashes only count next to 'unsafe-hashes'; it allows these exact values only.
        styles += ["'unsafe-hashes'", *sorted(source_hash(s) for s in code.style_attributes)]
    directives = {**FIXED_DIRECTIVES, "script-src": scripts, "style-src": " ".join(styles)}
    for name, allowed in origins.items():
        if name != "script-src":
            directives[name] = " ".join([directives.get(name, "'self'"), *allowed])
    order = ["default-src", "script-src", "style-src", *FIXED_DIRECTIVES, *sorted(origins)]
    return "; ".join(f"{name} {directives[name]}" for name in dict.fromkeys(order))


def headers_file(csp: str) -> str:
    """The headers for every path, in the `_headers` format of Netlify and Cloudflare Pages."""
    lines = ["/*", f"  Content-Security-Policy: {csp}"]
    lines += [f"  {name}: {value}" for name, value in OTHER_HEADERS.items()]
    return "\n".join(lines) + "\n"


def page_parts(markup: str) -> tuple[str, str]:
    """(what the theme and the extension wrote, the page's body as its source wrote it)."""
    before, start, rest = markup.partition(BODY_START)
    if not start:
        return markup, ""
    body, end, after = rest.rpartition(BODY_END)
    return (before + after, body) if end else (before, rest)


def body_code(body: str, page: str) -> list[tuple[str, str]]:
    """(page, what) for each piece of inline code in a page's body: never hashed."""
    found = inline_code(body, page)
    pieces = ([f"<script>{s[:40]!r}..." for s in sorted(found.scripts)]
              + [f"<style>{s[:40]!r}..." for s in sorted(found.styles)]
              + [f'style="{s[:40]}"' for s in sorted(found.style_attributes)])
    return found.blocked + [(page, f"{piece} in the page's body") for piece in pieces]


def site_inline_code(outdir: Path, known_scripts: frozenset[str]) -> InlineCode:
    """The inline code of every page that the policy allows: styles outside page bodies, and
    only the ``known_scripts``, those the theme and the extension write themselves. Any other
    inline script, even outside a page body, came from a value the build did not write (a
    setting another extension puts in a page, say), and is never hashed."""
    found = InlineCode()
    for path in sorted(outdir.rglob("*.html")):
        page = path.relative_to(outdir).as_posix()
        theme, body = page_parts(path.read_text(encoding="utf-8"))
        outside_body = inline_code(theme, page)
        unknown = outside_body.scripts - known_scripts
        outside_body.scripts -= unknown
        found.update(outside_body)
        found.blocked += [(page, f"<script>{s[:40]!r}..., a script neither the theme nor the "
                           "extension writes,") for s in sorted(unknown)]
        found.blocked += body_code(body, page)
    return found


@report_write_errors("output")
def write_headers(app: Sphinx, exception: Exception | None) -> None:
    """Hash the inline code of every written page into the site's `_headers` file."""
    # Web hosts read _headers; an e-book (an HTML builder too) has no use for one.
    if exception is not None or app.builder.name not in ("html", "dirhtml"):
        return
    outdir = Path(app.outdir)
    found = site_inline_code(outdir, furo.theme_scripts())
    for page, what in found.blocked:
        logger.warning(f"{what} runs inline code that the Content-Security-Policy blocks; "
                       "move it into a script file under _static/", location=page,
                       type="fieldnotes", subtype="csp")
    csp = policy(found, wasm=(outdir / INDEX_DIR).is_dir(), origins=service_origins(app.config))
    write_whole(outdir / HEADERS_FILE, headers_file(csp))
