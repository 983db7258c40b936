"""Check a feed against the Atom rules (RFC 4287) that matter to readers."""

from __future__ import annotations

import re
from urllib.parse import urlsplit
from xml.etree import ElementTree as ET

from bs4 import BeautifulSoup

A = "{http://www.w3.org/2005/Atom}"
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")


def _absolute(iri: str) -> bool:
    parts = urlsplit(iri)
    return bool(parts.scheme) and (parts.scheme == "tag" or bool(parts.netloc))


def atom_problems(xml: bytes, url: str) -> list[str]:
    """Every rule the feed breaks; an empty list means it is valid."""
    problems = []
    root = ET.fromstring(xml)  # raises on XML that is not well-formed
    if root.tag != f"{A}feed":
        return [f"root element is {root.tag}, not atom:feed"]

    def once(parent, name, where):
        found = parent.findall(f"{A}{name}")
        if len(found) != 1:
            problems.append(f"{where} has {len(found)} atom:{name}, needs exactly one")
        return found[0] if found else None

    for name in ("id", "title", "updated"):
        once(root, name, "feed")
    selfs = [link for link in root.findall(f"{A}link") if link.get("rel") == "self"]
    if [link.get("href") for link in selfs] != [url]:
        problems.append(f"feed needs one rel=self link to {url}, has {[s.get('href') for s in selfs]}")
    feed_author = root.find(f"{A}author/{A}name") is not None
    for element in root.iter():
        if element.tag in (f"{A}updated", f"{A}published") and not RFC3339.match(element.text or ""):
            problems.append(f"{element.tag} {element.text!r} is not an RFC 3339 date")
        if element.tag == f"{A}id" and not _absolute(element.text or ""):
            problems.append(f"id {element.text!r} is not an absolute IRI")
        if element.tag == f"{A}link" and not _absolute(element.get("href", "")):
            problems.append(f"link {element.get('href')!r} is not an absolute IRI")
    for i, entry in enumerate(root.findall(f"{A}entry")):
        where = f"entry {i}"
        for name in ("id", "title", "updated"):
            once(entry, name, where)
        if not [l for l in entry.findall(f"{A}link") if l.get("rel", "alternate") == "alternate"]:
            problems.append(f"{where} has no alternate link")
        if entry.find(f"{A}summary") is None and entry.find(f"{A}content") is None:
            problems.append(f"{where} has neither summary nor content")
        if not feed_author and entry.find(f"{A}author") is None:
            problems.append(f"{where} has no author and the feed has none")
        content = entry.find(f"{A}content")
        if content is not None:
            html = BeautifulSoup(content.text or "", "html.parser")
            for tag in html.find_all(href=True) + html.find_all(src=True):
                value = tag.get("href") or tag.get("src")
                if not _absolute(value):
                    problems.append(f"{where} content has a relative URL {value!r}")
    return problems
