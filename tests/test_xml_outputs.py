"""Every XML file the build writes (feeds, sitemap) is well-formed for a strict XML parser, and
every feed reads without complaint in feedparser. The e-book's parts: tests/test_ebook.py."""

from __future__ import annotations

from pathlib import Path
from xml.etree import ElementTree as ET

import feedparser


def xml_problems(path: Path, *, feed: bool) -> list[str]:
    """What a strict XML parser, and for a feed feedparser, say is wrong with ``path``."""
    data = path.read_bytes()
    problems = []
    try:
        ET.fromstring(data)  # expat: any well-formedness error raises
    except ET.ParseError as error:
        problems.append(f"{path.name}: not well-formed: {error}")
    if feed:
        parsed = feedparser.parse(data)
        if parsed.bozo:
            problems.append(f"{path.name}: feedparser: {parsed.bozo_exception}")
    return problems


def test_every_xml_output_is_well_formed_and_every_feed_parses(real_site):
    files = sorted(real_site.rglob("*.xml"))
    feeds = {path for path in files if path.relative_to(real_site).parts[0] == "feeds"}
    assert (real_site / "sitemap.xml") in files and any(path.parent.name == "tag" for path in feeds)
    problems = [p for path in files for p in xml_problems(path, feed=path in feeds)]
    assert problems == []


def test_the_judges_report_a_control_character(tmp_path):
    feed = tmp_path / "atom.xml"
    feed.write_text('<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
                    "<title>bad \x1b title</title></feed>", encoding="utf-8")
    problems = xml_problems(feed, feed=True)
    assert [p.split(":")[1].strip() for p in problems] == ["not well-formed", "feedparser"]
