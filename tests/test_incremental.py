"""After any edit, an incremental build writes what a clean build writes; -j matches serial."""

from __future__ import annotations

import re
from collections.abc import Callable
from io import StringIO
from pathlib import Path

import pytest

from tests.building import build, card_titles, pages, sidebar_titles, soup, touch_later

NEW_ARTICLE = """\
---
title: Watching for Drift
number: 5
category: production
date: 2026-11-25
summary: A loop that notices when the language moves.
tags: [monitoring]
---

We watch the distribution of predictions, see {ref}`queue-design`.
"""


def _replace(old: str, new: str, doc: str = "articles/03-gpu-sizing.md"):
    def edit(src: Path) -> None:
        path = src / doc
        text = path.read_text()
        assert old in text
        path.write_text(text.replace(old, new))
        touch_later(path)
    return edit


def _renumber(src: Path) -> None:
    """A new number, and the file name that gives it."""
    _replace("number: 3", "number: 9")(src)
    (src / "articles/03-gpu-sizing.md").rename(src / "articles/09-gpu-sizing.md")


def _add(src: Path) -> None:
    (src / "articles/05-drift.md").write_text(NEW_ARTICLE)


def _delete(src: Path) -> None:
    (src / "articles/04-queue-design.md").unlink()
    _replace("{ref}`queue-design`", "the queue", "articles/01-overview.md")(src)


EDITS = {
    "title": _replace("title: Sizing a GPU", "title: Sizing a GPU Fleet"),
    "summary": _replace("summary: Memory first, then throughput.", "summary: Throughput second."),
    "category": _replace("category: gpu-compute", "category: production"),
    "number": _renumber,
    "body": _replace("Start from the memory", "Begin with the memory"),
    "tags": _replace("tags: [gpu, cost]", "tags: [cost, kafka]"),
    "draft": _replace("tags: [gpu, cost]", "tags: [gpu, cost]\ndraft: true"),
    "add": _add,
    "delete": _delete,
}


@pytest.mark.parametrize("name", EDITS)
def test_incremental_build_equals_clean_build(built_site, clean_pages, name):
    src = built_site
    EDITS[name](src)
    incremental, warnings = build(src)
    assert warnings == ""
    assert_same_pages(pages(incremental), clean_pages(src), name)


def assert_edit_builds_as_clean(src: Path, clean_pages, name: str,
                                edit: Callable[[Path], object] | None = None) -> Path:
    """Make the edit (``EDITS[name]`` unless given) to a built site and build again: the same
    pages as a clean build of the edited site. Returns the incremental build's output folder."""
    (edit or EDITS[name])(src)
    incremental, warnings = build(src)
    assert warnings == ""
    assert_same_pages(pages(incremental), clean_pages(src), name)
    return incremental


def assert_same_pages(got: dict[str, str], want: dict[str, str], name: str) -> None:
    # A deleted or renamed source leaves no page behind (outputs/stale.py).
    assert sorted(got) == sorted(want)
    stale = [page for page in want if got.get(page) != want[page]]
    assert stale == [], f"pages differ from a clean build after a {name} edit: {stale}"


def test_title_edit_reaches_every_listing_and_sidebar(built_site):
    src = built_site
    EDITS["title"](src)
    out, _ = build(src)
    assert "Sizing a GPU Fleet" in card_titles(out, "index.html")
    assert card_titles(out, "categories/gpu-compute.html") == ["Sizing a GPU Fleet"]
    # The sidebar lists a category's articles on that category's pages, and only there.
    for page in [p for p in pages(out) if p.endswith(".html")]:
        listed = sidebar_titles(out, page)
        assert "Sizing a GPU" not in listed, page
        showing = page in ("articles/03-gpu-sizing.html", "categories/gpu-compute.html")
        assert ("Sizing a GPU Fleet" in listed) == showing, page


def test_added_article_shows_up_everywhere(built_site):
    src = built_site
    _add(src)
    out, _ = build(src)
    assert card_titles(out, "index.html")[-1] == "Watching for Drift"
    assert card_titles(out, "categories/production.html") == ["Watching for Drift"]
    assert "5 Articles" in (out / "index.html").read_text()
    assert "Watching for Drift" in sidebar_titles(out, "categories/production.html")
    assert "Watching for Drift" not in sidebar_titles(out, "articles/02-model-choice.html")
    assert 'href="05-drift.html"' in (out / "articles/04-queue-design.html").read_text()


def test_added_article_joins_more_in_its_category(built_site, clean_pages):
    """The category's other articles list the newcomer under "More in <category>"."""
    def add_to_gpu(src: Path) -> None:
        (src / "articles/05-drift.md").write_text(NEW_ARTICLE.replace("category: production",
                                                                      "category: gpu-compute"))
    out = assert_edit_builds_as_clean(built_site, clean_pages, "add to a category", add_to_gpu)
    page = soup(out, "articles/03-gpu-sizing.html")
    more = page.select_one("nav.fn-more")
    assert more.select_one("h2").get_text() == "More in GPU & Compute"
    assert more.select_one(".fn-more-all a").get_text().startswith("All 2 articles")
    # Offered once: in the related cards or in the list under them.
    offered = [a["href"] for a in page.select(".fn-related a[href], nav.fn-more ul a")]
    assert offered.count("05-drift.html") == 1


def test_parallel_build_equals_serial_build(site, built):
    serial = built  # the minisite built serially
    status = StringIO()
    parallel, warnings = build(site(to="parallel"), parallel=2, status=status)
    assert warnings == ""
    # Parallel reads report chunks of documents, "first .. last".
    assert re.search(r"reading sources.*\S+ \.\. \S+", status.getvalue())
    assert pages(parallel) == pages(serial)


def test_parallel_incremental_build_equals_clean(site, clean_pages):
    src = site()
    build(src, parallel=2)
    EDITS["category"](src)
    _add(src)
    incremental, _ = build(src, parallel=2)
    assert pages(incremental) == clean_pages(src)
