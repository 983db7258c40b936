"""``fieldnotes check``: what a built site must hold, read from its files alone.

Every XML file (feeds, sitemap) parses, and every link and asset a page points at inside the
site exists, fragment included. Sphinx-free, so a site checks its output with nothing but the
engine installed.
"""

from __future__ import annotations

import posixpath
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

#: Attributes whose value is a URL the browser follows or fetches.
URL_ATTRIBUTES = {"href", "src", "poster", "data"}


class _PageLinks(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name in ("id", "name") and (name == "id" or tag == "a"):
                self.ids.add(value)
            elif name in URL_ATTRIBUTES and tag != "link" or (tag == "link" and name == "href"):
                self.links.append(value)


def _read(page: Path) -> _PageLinks:
    parser = _PageLinks()
    parser.feed(page.read_text(encoding="utf-8", errors="replace"))
    parser.close()
    return parser


def check_site(outdir: Path) -> list[str]:
    """Every problem found in the built site at ``outdir``, one line each, naming the file."""
    if not (outdir / "index.html").is_file():
        return [f"{outdir}: no index.html; build the site first (make html)"]
    problems = []
    for path in sorted(outdir.rglob("*.xml")):
        try:
            ET.parse(path)
        except ET.ParseError as exc:
            problems.append(f"{path}: does not parse as XML: {exc}")
    pages = {path: None for path in sorted(outdir.rglob("*.html")) if "_static" not in path.parts}
    ids: dict[Path, set[str]] = {}
    for page in pages:
        links = _read(page)
        ids[page] = links.ids
        pages[page] = links.links
    for page, links in pages.items():
        for link in links:
            target, fragment = _resolve(outdir, page, link)
            if target is None:
                continue
            if not target.exists():
                problems.append(f"{page}: links to {link}, which is not in the site")
            elif fragment and target.suffix == ".html" and target in ids and fragment not in ids[target]:
                problems.append(f"{page}: links to {link}, whose page has no id {fragment!r}")
    return problems


def _resolve(outdir: Path, page: Path, link: str) -> tuple[Path | None, str]:
    """The file a link inside the site points at, and its fragment; None for other sites."""
    parts = urlsplit(link)
    if parts.scheme or parts.netloc:  # another site, or mailto:, data: and the like
        return None, ""
    path = unquote(parts.path)
    if not path:
        return page, unquote(parts.fragment)
    if path.startswith("/"):
        target = outdir / posixpath.normpath(path.lstrip("/"))
    else:
        target = page.parent / posixpath.normpath(path)
    if target.is_dir():
        target = target / "index.html"
    return target, unquote(parts.fragment)
