"""Feeds hold the newest fieldnotes_feed_length articles; tag feeds are summaries; unused tags
have none."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import feedparser
import yaml

from tests.atom import atom_problems
from tests.building import build

BASE = "https://fieldnotes.example.org/"


def _front(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])


def _redate(src: Path, name: str, date: str) -> None:
    path = src / "articles" / name
    text = path.read_text(encoding="utf-8")
    old = f"date: {_front(path)['date']}"
    path.write_text(text.replace(old, f"date: {date}"), encoding="utf-8")


def test_feeds_are_capped_newest_first_by_date_then_number(site):
    src = site()
    _redate(src, "01-overview.md", "2026-12-01")  # the lowest number is now the newest
    out, warnings = build(src, fieldnotes_feed_length=3)
    assert warnings == ""
    fronts = [_front(p) for p in sorted((src / "articles").glob("*.md"))]
    want = sorted(fronts, key=lambda f: (f["date"], f["number"]), reverse=True)[:3]
    parsed = feedparser.parse((out / "feeds/atom.xml").read_bytes())
    assert [e.title for e in parsed.entries] == [f["title"] for f in want]
    assert want[0]["number"] == 1 and want[1]["date"] == want[2]["date"]  # both rules exercised
    newest = dt.datetime.fromisoformat(parsed.feed.updated.replace("Z", "+00:00")).date()
    assert newest >= want[0]["date"]


def test_every_feed_is_valid_and_tag_feeds_are_summaries(built):
    feeds = sorted((built / "feeds").rglob("*.xml"))
    kinds = {path.relative_to(built / "feeds").parts[0] for path in feeds}
    assert kinds == {"atom.xml", "category", "tag"}, kinds
    for path in feeds:
        xml = path.read_bytes()
        assert atom_problems(xml, BASE + path.relative_to(built).as_posix()) == [], path
        parsed = feedparser.parse(xml)
        assert parsed.bozo == 0, (path, parsed.get("bozo_exception"))
        is_tag_feed = "/tag/" in path.relative_to(built).as_posix()
        assert parsed.entries or not is_tag_feed, path
        assert all(bool(e.get("content")) != is_tag_feed for e in parsed.entries), path


def test_only_tags_with_a_published_article_get_a_feed(draft_site):
    src, out = draft_site, draft_site / "_build/html"  # built without a warning
    draft = src / "articles/04-queue-design.md"
    used = {t for p in (src / "articles").glob("*.md") if not _front(p).get("draft")
            for t in _front(p).get("tags", [])}
    assert {p.stem for p in (out / "feeds/tag").glob("*.xml")} == used
    assert "kafka" not in used
    # Publishing it again brings its tag's feed back on an incremental build, and a later
    # draft removes the stale file.
    draft.write_text(draft.read_text().replace("draft: true", "draft: false"))
    out, _ = build(src)
    assert (out / "feeds/tag/kafka.xml").is_file()
    draft.write_text(draft.read_text().replace("draft: false", "draft: true"))
    out, _ = build(src)
    assert not (out / "feeds/tag/kafka.xml").exists()
