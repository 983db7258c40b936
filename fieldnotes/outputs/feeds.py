"""Write Atom feeds (RFC 4287) from article records. No Sphinx here."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlsplit
from xml.etree import ElementTree as ET

if TYPE_CHECKING:
    from fieldnotes.model.frontmatter import Article

ATOM = "http://www.w3.org/2005/Atom"
ET.register_namespace("", ATOM)

@dataclass(frozen=True)
class Entry:
    id: str
    title: str
    url: str
    published: dt.datetime
    updated: dt.datetime
    summary: str
    categories: tuple[str, ...]
    content_html: str | None = None
    #: Its authors' names, when the site names authors per article (fieldnotes_authors).
    authors: tuple[str, ...] = ()


def rfc3339(moment: dt.datetime) -> str:
    return moment.astimezone(dt.timezone.utc).isoformat().replace("+00:00", "Z")


def tag_uri(site_url: str, date: dt.date, specific: str) -> str:
    """A stable entry id (RFC 4151) that survives moving the article or renumbering it."""
    return f"tag:{urlsplit(site_url).hostname},{date.isoformat()}:{specific}"


def newest_first(articles: list[Article], limit: int) -> list[Article]:
    """The ``limit`` newest articles, by date and then number, as a feed lists them."""
    return sorted(articles, key=lambda a: (a.date, a.number), reverse=True)[:max(limit, 0)]


def atom_feed(*, title: str, feed_url: str, site_url: str, author: str,
              entries: list[Entry], subtitle: str = "") -> bytes:
    """A complete Atom document; entries in the order given (see newest_first)."""
    feed = ET.Element(f"{{{ATOM}}}feed")
    ET.SubElement(feed, f"{{{ATOM}}}id").text = feed_url
    ET.SubElement(feed, f"{{{ATOM}}}title").text = title
    if subtitle:
        ET.SubElement(feed, f"{{{ATOM}}}subtitle").text = subtitle
    newest = max((e.updated for e in entries), default=dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc))
    ET.SubElement(feed, f"{{{ATOM}}}updated").text = rfc3339(newest)
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="self", type="application/atom+xml", href=feed_url)
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="alternate", type="text/html", href=site_url)
    ET.SubElement(ET.SubElement(feed, f"{{{ATOM}}}author"), f"{{{ATOM}}}name").text = author
    ET.SubElement(feed, f"{{{ATOM}}}generator").text = "Field Notes"
    for entry in entries:
        item = ET.SubElement(feed, f"{{{ATOM}}}entry")
        ET.SubElement(item, f"{{{ATOM}}}id").text = entry.id
        ET.SubElement(item, f"{{{ATOM}}}title").text = entry.title
        ET.SubElement(item, f"{{{ATOM}}}link", rel="alternate", type="text/html", href=entry.url)
        ET.SubElement(item, f"{{{ATOM}}}published").text = rfc3339(entry.published)
        ET.SubElement(item, f"{{{ATOM}}}updated").text = rfc3339(entry.updated)
        for name in entry.authors:
            ET.SubElement(ET.SubElement(item, f"{{{ATOM}}}author"), f"{{{ATOM}}}name").text = name
        for term in entry.categories:
            ET.SubElement(item, f"{{{ATOM}}}category", term=term)
        ET.SubElement(item, f"{{{ATOM}}}summary").text = entry.summary
        if entry.content_html is not None:
            ET.SubElement(item, f"{{{ATOM}}}content", type="html").text = entry.content_html
    ET.indent(feed)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n"
