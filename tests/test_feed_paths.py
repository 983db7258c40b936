"""Feeds read each article from the file the builder wrote, whatever characters its name has."""

from __future__ import annotations

from io import StringIO

import pytest
from sphinx.testing.util import SphinxTestApp

from fieldnotes.outputs.atomfeeds import _article_body
from tests.building import build

ODD_NAMES = ["with space", "café"]
PAGE = "---\norphan: true\n---\n\n# A page named oddly\n\nThe body of {name}.\n"


@pytest.mark.parametrize("name", ODD_NAMES)
def test_an_article_with_an_odd_file_name_still_gets_feeds_and_headers(site, name):
    """A file name that is not its URL (spaces, accents) never stops the feeds being written."""
    src = site()
    (src / "articles/04-queue-design.md").rename(src / f"articles/04-{name}.md")
    out, _ = build(src)  # raised FileNotFoundError when the feeds took the URL for a path
    assert (out / "feeds/atom.xml").is_file()
    assert (out / "_headers").is_file()


def test_article_body_is_read_from_the_written_file(site):
    src = site()
    for name in ODD_NAMES:
        (src / "notes").mkdir(exist_ok=True)
        (src / f"notes/{name}.md").write_text(PAGE.format(name=name), encoding="utf-8")
    app = SphinxTestApp("html", srcdir=src, status=StringIO(), warning=StringIO())
    try:
        app.build()
        for name in ODD_NAMES:
            assert f"The body of {name}." in _article_body(app, f"notes/{name}")
    finally:
        app.cleanup()
