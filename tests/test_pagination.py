"""Listings paginate: at most fieldnotes_page_size cards a page, in number order, numbered
links in an accessible nav, every article two clicks from home, and incremental == clean."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

import pytest

from fieldnotes.listings.generated import remove_generated_pages
from tests.building import build, card_titles, configure, soup, strict_cli_build, touch_later
from tests.test_html_valid import vnu_errors
from tests.test_incremental import EDITS, NEW_ARTICLE, assert_edit_builds_as_clean

# The module's tests share its paged test roots (`built_once`): one worker builds them,
# rather than every worker that runs one of its tests.
pytestmark = pytest.mark.xdist_group("pagination")

# The minisite's articles by number; 01 is featured, so the home grid leaves it out.
TITLES = {1: "Overview of the Mini Site", 2: "Choosing a Model", 3: "Sizing a GPU",
          4: "Designing the Queue"}


def _page_size(src: Path, size: int) -> Path:
    configure(src, f"fieldnotes_page_size = {size}")
    return src


def _paged_site(site, size: int) -> Path:
    """A fresh copy of the minisite at ``size`` cards a page, not built yet."""
    return _page_size(site(), size)


def _one_card_a_page(built_once) -> Path:
    """The minisite at one card a page, as its first build left it."""
    return built_once("paged-1", lambda src: _page_size(src, 1))


def _page_links(out: Path, page: str) -> tuple[str | None, list[tuple[str, str | None]]]:
    """The nav's accessible name, and each number with the page it links (None: current)."""
    nav = soup(out, page).select_one("nav.fn-pagination")
    if nav is None:
        return None, []
    folder = posixpath.dirname(page)
    links = []
    for item in nav.select("li"):
        link, current = item.select_one("a[href]"), item.select_one('[aria-current="page"]')
        assert (link is None) != (current is None), item
        target = posixpath.normpath(posixpath.join(folder, link["href"])) if link else None
        links.append((item.get_text(strip=True), target))
    return nav.get("aria-label"), links


def _listing_pages(out: Path, first: str) -> list[str]:
    """Every page of the listing, by following the first page's numbered links."""
    _, links = _page_links(out, first)
    return [target or first for _, target in links] or [first]


def test_listings_show_one_page_of_cards_with_numbered_links(built_once):
    out = _one_card_a_page(built_once) / "_build/html"  # built without a warning
    home = _listing_pages(out, "index.html")
    assert home == ["index.html", "page/2.html", "page/3.html"]
    # One card a page, in number order across the pages, the featured article left out.
    assert [card_titles(out, page) for page in home] == [[TITLES[2]], [TITLES[3]], [TITLES[4]]]
    for number, page in enumerate(home, start=1):
        label, links = _page_links(out, page)
        assert label == "Pages of all articles"
        assert [text for text, _ in links] == ["1", "2", "3"]
        # The page's own number is the current one, the others link their pages.
        assert [target or page for _, target in links] == home
        assert [target for _, target in links].count(None) == 1
        assert links[number - 1][1] is None
    # A tag with one article has one page and no nav.
    assert _page_links(out, "tags/kafka.html") == (None, [])


def test_category_and_tag_pages_paginate(site, tmp_path):
    src = _paged_site(site, 1)
    (src / "articles/05-drift.md").write_text(
        (src / "articles/04-queue-design.md").read_text()
        .replace("number: 4", "number: 5").replace("Designing the Queue", "Draining the Queue"))
    out, warnings = build(src)
    assert warnings == ""
    category = _listing_pages(out, "categories/infrastructure.html")
    assert category == ["categories/infrastructure.html", "categories/infrastructure/page/2.html"]
    assert [card_titles(out, page) for page in category] == [[TITLES[4]], ["Draining the Queue"]]
    tag = _listing_pages(out, "tags/kafka.html")
    assert tag == ["tags/kafka.html", "tags/kafka/page/2.html"]
    assert _page_links(out, tag[1])[0] == "Pages of Kafka"
    # The later pages are generated sources carrying the marker, named by routes.
    assert (src / "categories/infrastructure/page/2.md").read_text().startswith("---\n# Written by")


def _links(out: Path, page: str) -> set[str]:
    folder = posixpath.dirname(page)
    found = set()
    for link in soup(out, page).select("article a[href]"):
        href = link["href"].split("#", 1)[0]
        if href and "://" not in href:
            found.add(posixpath.normpath(posixpath.join(folder, href)))
    return found


def test_every_article_is_two_clicks_from_home(built_once):
    out = _one_card_a_page(built_once) / "_build/html"
    one_click = _links(out, "index.html")
    two_clicks = one_click.union(*(_links(out, page) for page in one_click if (out / page).is_file()))
    articles = {f"articles/{p.stem}.html" for p in (out.parent.parent / "articles").glob("*.md")}
    assert len(articles) == 4
    assert articles <= two_clicks


def test_one_page_listings_have_no_nav_and_no_later_pages(site):
    src = site()
    out, warnings = build(src)
    assert warnings == ""
    assert not (src / "page").exists()
    assert _page_links(out, "index.html") == (None, [])
    assert card_titles(out, "index.html") == [TITLES[2], TITLES[3], TITLES[4]]


@pytest.mark.parametrize("name", ["title", "summary", "add", "delete", "number", "draft",
                                  "category", "tags"])
def test_paged_incremental_build_equals_clean_build(built_once, clean_pages, name):
    # One card a page: an edit adds, removes or moves later pages of several listings.
    assert_edit_builds_as_clean(_one_card_a_page(built_once), clean_pages, name)


def _gpu_article(src: Path, number: int) -> Path:
    path = src / f"articles/{number:02d}-more-{number}.md"
    path.write_text(NEW_ARTICLE.replace("number: 5", f"number: {number}")
                    .replace("Watching for Drift", f"Watching for Drift, Part {number}")
                    .replace("category: production", "category: gpu-compute")
                    .replace("tags: [monitoring]", "tags: [gpu]"), encoding="utf-8")
    return path


def _gpu_listing(src: Path) -> None:
    """GPU & Compute and the gpu tag list 03 and 06 to 12: at three cards a page, pages of
    three, three and two cards, so that one article more or less keeps three pages."""
    for number in range(6, 13):
        _gpu_article(src, number)


def _retitle(src: Path) -> None:
    path = src / "articles/12-more-12.md"
    path.write_text(path.read_text(encoding="utf-8").replace("Part 12", "Part Twelve"), encoding="utf-8")
    touch_later(path)


LAST_PAGE_EDITS = {"add": lambda src: _gpu_article(src, 13),
                   "delete": lambda src: (src / "articles/12-more-12.md").unlink(),
                   "title": _retitle}


@pytest.mark.parametrize("edit", LAST_PAGE_EDITS)
def test_an_edit_on_the_last_page_of_a_listing_rewrites_its_other_pages(built_once, clean_pages,
                                                                        edit):
    """Page 2 of three keeps its cards when an article joins, leaves or changes on page 3, but
    its count of articles and its sidebar (the category's newest articles) change."""
    src = built_once("paged-3-gpu", lambda src: _gpu_listing(_page_size(src, 3)))
    out = assert_edit_builds_as_clean(src, clean_pages, edit, LAST_PAGE_EDITS[edit])
    for listing in ("categories/gpu-compute", "tags/gpu"):
        assert (out / f"{listing}/page/3.html").is_file() and not (out / f"{listing}/page/4.html").exists()


def test_removed_later_page_leaves_source_and_output(built_once):
    src = _one_card_a_page(built_once)
    out = src / "_build/html"
    assert (out / "page/3.html").is_file()
    EDITS["delete"](src)
    out, _ = build(src)
    assert not (src / "page/3.md").exists()
    assert not (out / "page/3.html").exists()
    assert _listing_pages(out, "index.html") == ["index.html", "page/2.html"]


def test_an_authors_file_where_a_later_page_belongs_is_left_alone(site):
    src = _paged_site(site, 1)
    (src / "page").mkdir()
    (src / "page/2.md").write_text("# My own page\n\nKept.\n")
    _, warnings = build(src)
    assert (src / "page/2.md").read_text() == "# My own page\n\nKept.\n"
    assert re.search(r"page/2\.md:1: WARNING: this file was not written by the build.*page 2 of a "
                     r"listing", warnings)


def test_page_size_must_be_at_least_one(site):
    out, warnings = build(_paged_site(site, 0))
    assert re.search(r"conf\.py:\d+: WARNING: fieldnotes_page_size must be a whole number of at "
                     r"least 1, not 0: the number of cards", warnings)
    assert card_titles(out, "index.html") == [TITLES[2], TITLES[3], TITLES[4]]


def test_clean_removes_later_pages_and_keeps_authors_files(built_once):
    src = _one_card_a_page(built_once)
    (src / "categories/infrastructure").mkdir(exist_ok=True)
    (src / "categories/infrastructure/notes.md").write_text("mine\n")
    later = sorted(src.glob("page/*.md")) + sorted(src.glob("*/*/page/*.md"))
    assert later
    removed = remove_generated_pages(src)
    assert set(later) <= set(removed)
    assert not (src / "page").exists()
    assert (src / "categories/infrastructure/notes.md").read_text() == "mine\n"


def test_paged_listings_are_valid_html(built_once):
    """The Nu HTML Checker on a first and a later page, with their navs."""
    out = _one_card_a_page(built_once) / "_build/html"
    assert vnu_errors([out / "index.html", out / "page/2.html"]) == []


def test_title_edit_reads_only_the_later_page_that_shows_it(site):
    src = _paged_site(site, 1)
    # Child processes, as `make html` runs (see test_navigation).
    assert strict_cli_build(src).returncode == 0
    out = src / "_build/html"
    before = {page: (out / page).stat().st_mtime_ns for page in ("page/2.html", "page/3.html")}
    EDITS["title"](src)
    assert strict_cli_build(src).returncode == 0
    # Article 03 is the home listing's second card: its page is written again, the third not.
    assert (out / "page/2.html").stat().st_mtime_ns != before["page/2.html"]
    assert (out / "page/3.html").stat().st_mtime_ns == before["page/3.html"]
    assert card_titles(out, "page/2.html") == ["Sizing a GPU Fleet"]
