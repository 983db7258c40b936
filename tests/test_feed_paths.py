"""Feeds are written whatever characters an article's file name has."""

from __future__ import annotations

import pytest

from tests.building import build

ODD_NAMES = ["with space", "café"]


@pytest.mark.parametrize("name", ODD_NAMES)
def test_an_article_with_an_odd_file_name_still_gets_feeds_and_headers(site, name):
    """A file name that is not its URL (spaces, accents) never stops the feeds being written."""
    src = site()
    (src / "articles/04-queue-design.md").rename(src / f"articles/04-{name}.md")
    out, _ = build(src)  # raised FileNotFoundError when the feeds took the URL for a path
    assert (out / "feeds/atom.xml").is_file()
    assert (out / "_headers").is_file()
