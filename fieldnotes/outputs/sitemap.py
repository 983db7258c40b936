"""``sitemap.xml``: every published page, sorted, with its last commit as ``<lastmod>``.

Written from the environment once every page is, so an incremental or parallel build lists
the same pages in the same order as a clean serial one. Drafts and pages marked ``nosearch``
are left out; pages outside the sources (search, index, 404) never were in it.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING
from xml.etree import ElementTree

from fieldnotes.building.wholefiles import report_write_errors, write_whole
from fieldnotes.integrations.sphinx_last_updated_by_git import commit_time
from fieldnotes.state import site_state

if TYPE_CHECKING:
    from sphinx.application import Sphinx

FILE = "sitemap.xml"
NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9"


def listed_docnames(app: Sphinx) -> set[str]:
    env = app.env
    hidden = {d for d in env.found_docs if env.metadata.get(d, {}).get("nosearch")}
    hidden |= {a.docname for a in site_state(env).catalog.articles.values() if a.draft}
    return env.found_docs - hidden


def lastmod(app: Sphinx, docname: str) -> str | None:
    stamp = commit_time(app, docname)
    if stamp is None:
        return None
    return dt.datetime.fromtimestamp(stamp, dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def sitemap(app: Sphinx) -> bytes:
    site = app.config.html_baseurl
    root = ElementTree.Element("urlset", xmlns=NAMESPACE)
    pages = {app.builder.get_target_uri(doc): doc for doc in listed_docnames(app)}
    for link in sorted(pages):
        url = ElementTree.SubElement(root, "url")
        ElementTree.SubElement(url, "loc").text = site + link
        modified = lastmod(app, pages[link])
        if modified:
            ElementTree.SubElement(url, "lastmod").text = modified
    return ElementTree.tostring(root, encoding="utf-8", xml_declaration=True)


@report_write_errors("output")
def _write_sitemap(app: Sphinx, exception: Exception | None) -> None:
    if exception is None and app.builder.name == "html":
        write_whole(Path(app.outdir, FILE), sitemap(app))
