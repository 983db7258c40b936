"""The sidebar drawn from the catalog: contents on every page, links, markup, and which pages
an edit rewrites."""

from __future__ import annotations

import posixpath
import shutil
from pathlib import Path

import pytest

from tests.building import build, pages, sidebar_titles, soup, touch_later

CATEGORIES = ["Open Source", "GPU & Compute", "AI & LLMs", "Production", "Infrastructure"]
BROWSE = ["Tags"]
PRODUCTION_ARTICLE = """\
---
title: {title}
number: {number}
category: production
date: 2026-11-25
summary: What we watch in production.
tags: [monitoring]
---

We watch the queue, see {{ref}}`queue-design`.
"""


def with_articles_after(categories: list[str], slug_name: str, articles: list[str]) -> list[str]:
    at = categories.index(slug_name) + 1
    return categories[:at] + articles + categories[at:] + BROWSE


def html_pages(outdir: Path) -> list[str]:
    return [page for page in pages(outdir) if page.endswith(".html")]


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        ("index.html", CATEGORIES + BROWSE),
        ("genindex.html", CATEGORIES + BROWSE),
        ("search.html", CATEGORIES + BROWSE),
        ("tags/index.html", CATEGORIES + BROWSE),
        ("tags/gpu.html", CATEGORIES + BROWSE),
        ("articles/02-model-choice.html", with_articles_after(CATEGORIES, "Open Source", ["Choosing a Model"])),
        ("articles/01-overview.html",
         with_articles_after(CATEGORIES, "AI & LLMs", ["Overview of the Mini Site"])),
        ("categories/infrastructure.html",
         with_articles_after(CATEGORIES, "Infrastructure", ["Designing the Queue"])),
        ("categories/production.html", CATEGORIES + BROWSE),
    ],
)
def test_sidebar_shows_categories_and_the_current_categorys_articles(built, page, expected):
    assert sidebar_titles(built, page) == expected


def test_every_sidebar_link_resolves(built):
    for page in html_pages(built):
        folder = posixpath.dirname(page)
        for link in soup(built, page).select(".sidebar-tree a.reference"):
            href = link["href"]
            if href != "#":
                # The 404 page's links are absolute from the site root (here "/").
                target = built / href.lstrip("/") if href.startswith("/") else built / folder / href
                assert target.resolve().is_file(), (page, href)


def test_current_article_is_marked_and_its_category_open(built):
    tree = soup(built, "articles/03-gpu-sizing.html").select_one(".sidebar-tree")
    current = tree.select("li.current-page")
    assert len(current) == 1
    link = current[0].a
    assert link.get_text() == "Sizing a GPU"
    assert link["href"] == "#" and link["aria-current"] == "page"
    category = current[0].find_parent("li")
    assert "current" in category["class"] and "has-children" in category["class"]
    toggle = category.select_one("input.toctree-checkbox")
    assert toggle.has_attr("checked")
    assert toggle["aria-label"] == "Toggle navigation of GPU & Compute"
    assert category.select_one(f"label[for='{toggle['id']}']") is not None
    assert len(tree.select("[aria-current]")) == 1


def test_category_page_is_marked_as_current(built):
    tree = soup(built, "categories/gpu-compute.html").select_one(".sidebar-tree")
    (current,) = tree.select("li.current-page")
    assert current.a.get_text() == "GPU & Compute" and current.a["href"] == "#"
    assert soup(built, "index.html").select(".sidebar-tree .current") == []


def test_search_box_and_theme_toggle_are_on_every_page(built):
    for page in html_pages(built):
        html = soup(built, page)
        search = html.select_one("form.sidebar-search-container")
        assert search is not None and search.select_one("input[name=q]") is not None, page
        assert search["action"].endswith("search.html") or page == "search.html", page
        assert html.select_one("button.theme-toggle") is not None, page


def test_hostile_title_is_escaped_in_the_sidebar(site):
    src = site()
    path = src / "articles/04-queue-design.md"
    hostile = 'Queue <script>alert(1)</script> & "quotes"'
    path.write_text(path.read_text().replace("title: Designing the Queue", f"title: '{hostile}'"))
    out, warnings = build(src)
    assert warnings == ""
    for page in ("articles/04-queue-design.html", "categories/infrastructure.html"):
        assert hostile in sidebar_titles(out, page)
        assert "<script>alert" not in (out / page).read_text()


def _mtimes(outdir: Path) -> dict[str, int]:
    return {page: (outdir / page).stat().st_mtime_ns for page in html_pages(outdir)}


def _rewritten(outdir: Path, before: dict[str, int]) -> set[str]:
    return {page for page, mtime in _mtimes(outdir).items() if before.get(page) != mtime}


@pytest.fixture
def larger_site(site):
    """The mini site with two production articles that show nothing of 'Sizing a GPU'."""
    src = site()
    for number, title in ((5, "Watching the Queue"), (6, "Paging on Lag")):
        (src / f"articles/0{number}-production-{number}.md").write_text(
            PRODUCTION_ARTICLE.format(title=title, number=number))
    out, warnings = build(src)
    assert warnings == ""
    return src, out


def _edit_and_rebuild(src, out, old: str, new: str) -> set[str]:
    """Edit article 03, rebuild incrementally, and return the output pages written again."""
    before = _mtimes(out)
    path = src / "articles/03-gpu-sizing.md"
    path.write_text(path.read_text().replace(old, new))
    touch_later(path)
    build(src)
    return _rewritten(out, before)


def test_title_edit_rewrites_only_the_pages_that_show_the_title(larger_site, tmp_path):
    src, out = larger_site
    rewritten = _edit_and_rebuild(src, out, "title: Sizing a GPU", "title: Sizing a GPU Fleet")
    # Its own page, the listings, its category's sidebar, its neighbours and its referrer.
    assert {"articles/03-gpu-sizing.html", "index.html", "categories/gpu-compute.html",
            "articles/02-model-choice.html", "articles/04-queue-design.html",
            "articles/01-overview.html"} <= rewritten
    assert "articles/05-production-5.html" not in rewritten
    assert "articles/06-production-6.html" not in rewritten
    clean_src = tmp_path / "clean"
    shutil.copytree(src, clean_src, ignore=shutil.ignore_patterns("_build"))
    clean, _ = build(clean_src)
    assert pages(out) == pages(clean)


def test_body_edit_rewrites_only_its_page(larger_site):
    src, out = larger_site
    rewritten = _edit_and_rebuild(src, out, "Start from the memory", "Begin with the memory")
    # genindex, search and 404 are written on every build, and Sphinx writes the toctree parent of every
    # page it writes (here the category page).
    assert rewritten - {"genindex.html", "search.html", "404.html"} == {
        "articles/03-gpu-sizing.html", "categories/gpu-compute.html"}


def test_stock_furo_navigation_is_the_baseline(site, tmp_path):
    src = site()
    out, warnings = build(src, fieldnotes_sidebar="furo")
    assert warnings == ""
    everything = sidebar_titles(out, "articles/03-gpu-sizing.html")
    assert "Overview of the Mini Site" in everything and "Choosing a Model" in everything
    path = src / "articles/03-gpu-sizing.md"
    path.write_text(path.read_text().replace("title: Sizing a GPU", "title: Sizing a GPU Fleet"))
    touch_later(path)
    build(src, fieldnotes_sidebar="furo")
    for page in html_pages(out):
        if page not in ("genindex.html", "search.html", "404.html") and not page.startswith("tags/"):
            assert "Sizing a GPU Fleet" in sidebar_titles(out, page), page
