"""A new site with nothing to list builds with the strict command, and says so to the reader."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.building import soup, strict_cli_build


def _no_articles(src: Path) -> None:
    for path in (src / "articles").glob("*.md"):
        path.unlink()


def _all_drafts(src: Path) -> None:
    for path in (src / "articles").glob("*.md"):
        path.write_text(path.read_text().replace("\nsummary:", "\ndraft: true\nsummary:"))


def _none_tagged(src: Path) -> None:
    # A published article must have tags, so an untagged site is one of untagged drafts.
    _all_drafts(src)
    for path in (src / "articles").glob("*.md"):
        path.write_text(re.sub(r"\ntags: \[.*\]", "\ntags: []", path.read_text()))


def _text(out: Path, page: str) -> str:
    return soup(out, page).select_one("article").get_text(" ", strip=True)


@pytest.mark.parametrize("empty", [_no_articles, _all_drafts, _none_tagged],
                         ids=["no articles", "all drafts", "no tagged article"])
def test_site_with_nothing_to_list_builds_and_says_so(site, empty):
    src = site()
    empty(src)
    result = strict_cli_build(src)
    assert result.returncode == 0, result.stderr
    out = src / "_build/html"
    assert "No tags yet" in _text(out, "tags/index.html")
    # A tag no published article carries gets no page at all.
    assert not (out / "tags/gpu.html").exists()
    assert "No published articles" in _text(out, "index.html")
    assert "0 Articles" in _text(out, "index.html")
    assert "No published articles" in _text(out, "categories/gpu-compute.html")
