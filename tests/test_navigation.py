"""The sidebar drawn from the catalog: contents on every page, links, markup, and which pages
an edit rewrites."""

from __future__ import annotations

import posixpath
import shutil
from pathlib import Path

import pytest

from fieldnotes.model.window import NEAREST, NEWEST, sidebar_window
from tests.building import build, pages, sidebar_titles, soup, strict_cli_build, touch_later
from tests.seed import shown
from tests.test_html_valid import vnu_errors

# The module's tests share its built test roots (`built_once`): one worker builds them,
# rather than every worker that runs one of its tests.
pytestmark = pytest.mark.xdist_group("navigation")

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
        assert shown(hostile) in sidebar_titles(out, page)  # with the quotes prose gets
        assert "<script>alert" not in (out / page).read_text()


def _mtimes(outdir: Path) -> dict[str, int]:
    return {page: (outdir / page).stat().st_mtime_ns for page in html_pages(outdir)}


def _rewritten(outdir: Path, before: dict[str, int]) -> set[str]:
    return {page for page, mtime in _mtimes(outdir).items() if before.get(page) != mtime}


def _add_two_production_articles(src: Path) -> None:
    for number, title in ((5, "Watching the Queue"), (6, "Paging on Lag")):
        (src / f"articles/0{number}-production-{number}.md").write_text(
            PRODUCTION_ARTICLE.format(title=title, number=number))


@pytest.fixture
def larger_site(built_once):
    """The mini site with two production articles that show nothing of 'Sizing a GPU', as its
    first build left it, without a warning: put back with its files' times, so that the tests
    see which pages their build writes again."""
    src = built_once("two-production-articles", _add_two_production_articles)
    return src, src / "_build/html"


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


def test_stock_furo_navigation_is_the_baseline(furo_sidebar_site):
    src, out = furo_sidebar_site, furo_sidebar_site / "_build/html"  # built without a warning
    everything = sidebar_titles(out, "articles/03-gpu-sizing.html")
    assert "Overview of the Mini Site" in everything and "Choosing a Model" in everything
    path = src / "articles/03-gpu-sizing.md"
    path.write_text(path.read_text().replace("title: Sizing a GPU", "title: Sizing a GPU Fleet"))
    touch_later(path)
    build(src)  # its conf.py picks furo's tree
    for page in html_pages(out):
        if page not in ("genindex.html", "search.html", "404.html") and not page.startswith("tags/"):
            assert "Sizing a GPU Fleet" in sidebar_titles(out, page), page


def _window_links(count: int) -> list[tuple[str, int, str]]:
    return [(f"articles/{n:02d}-a", n, f"Article {n}") for n in range(1, count + 1)]


@pytest.mark.parametrize("count", [1, 5, 6, 8, 9, 40])
def test_sidebar_window_is_nearest_and_newest_and_bounded(count):
    links = _window_links(count)
    for current in [None, *(link[0] for link in links)]:
        window, skipped = sidebar_window(links, current)
        shown = [links.index(link) for link in window if link is not None]
        assert shown == sorted(set(shown)), "in number order, each once"
        assert len(shown) <= 2 * NEAREST + 1 + NEWEST
        assert set(range(max(0, count - NEWEST), count)) <= set(shown), "the newest"
        at = count - 1 if current is None else [link[0] for link in links].index(current)
        near = set(range(max(0, at - NEAREST), min(count, at + NEAREST + 1)))
        assert near <= set(shown), "the nearest on each side"
        if count <= 2 * NEAREST + 1:
            assert shown == list(range(count)), "a short category is shown whole"
        # A gap wherever articles are skipped, and only there.
        gaps = [i for i, link in enumerate(window) if link is None]
        expected = [i + shown_before for shown_before, i in enumerate(
            [k for k, (a, b) in enumerate(zip([-1, *shown], shown)) if b != a + 1])]
        assert gaps == expected
        assert skipped == (len(shown) < count)


def _add_production_notes(src: Path, numbers: range) -> None:
    for number in numbers:
        (src / f"articles/{number:02d}-production-{number}.md").write_text(
            PRODUCTION_ARTICLE.format(title=f"Production Note {number}", number=number))


@pytest.fixture
def long_category(built_once):
    """The mini site with twelve more production articles, numbers 5 to 16, as its first build
    left it, without a warning."""
    src = built_once("long-production-category", lambda src: _add_production_notes(src, range(5, 17)))
    return src, src / "_build/html"


def _production_items(out: Path, page: str) -> list[str]:
    """What the sidebar shows under Production: titles, "…" for a gap, then the link to all."""
    tree = soup(out, page).select_one(".sidebar-tree")
    production = next(li for li in tree.select("li.toctree-l1") if li.a.get_text() == "Production")
    return [li.get_text(strip=True) for li in production.select("li.toctree-l2")]


def test_sidebar_shows_a_window_of_a_long_category(long_category):
    src, out = long_category
    notes = [f"Production Note {n}" for n in range(5, 17)]
    all_link = "All Production articles"
    assert _production_items(out, "articles/10-production-10.html") == [
        "…", *notes[3:8], "…", *notes[-3:], all_link]
    assert _production_items(out, "articles/05-production-5.html") == [*notes[:5], "…", *notes[-3:], all_link]
    assert _production_items(out, "articles/16-production-16.html") == ["…", *notes[-5:], all_link]
    # The category page shows its newest, and no link to itself.
    assert _production_items(out, "categories/production.html") == ["…", *notes[-5:]]
    page = soup(out, "articles/10-production-10.html")
    (current,) = page.select(".sidebar-tree li.current-page")
    assert current.a.get_text() == "Production Note 10" and current.a["aria-current"] == "page"
    gaps = page.select(".sidebar-tree li.fn-sidebar-gap")
    assert len(gaps) == 2 and all(gap["aria-hidden"] == "true" for gap in gaps)
    link = page.select_one(".sidebar-tree li.fn-sidebar-all a")
    assert link["href"] == "../categories/production.html"
    assert vnu_errors([out / "articles/10-production-10.html"]) == []


def test_sidebar_does_not_grow_with_its_category(long_category):
    src, out = long_category
    before = len(_production_items(out, "articles/10-production-10.html"))
    _add_production_notes(src, range(17, 40))
    out, warnings = build(src)
    assert warnings == ""
    assert len(_production_items(out, "articles/10-production-10.html")) == before


def test_title_edit_rewrites_only_the_sidebars_that_show_it(long_category, tmp_path):
    src, out = long_category
    # Child processes, as `make html` runs: builds in one process share the test roots'
    # configuration lists, which the build extends, and would then rewrite every page.
    assert strict_cli_build(src).returncode == 0
    before = _mtimes(out)
    # Neither among the newest nor among the three every production article shows as related.
    path = src / "articles/10-production-10.md"
    path.write_text(path.read_text().replace("Production Note 10", "Production Note Ten"))
    touch_later(path)
    assert strict_cli_build(src).returncode == 0
    rewritten = _rewritten(out, before)
    # Numbers 8 to 12 show it among their nearest; 14 and 16 show 12 to 16 in the sidebar and
    # 11 to 16 under "More in Production" (6 lists 10 there: 5, 7, 8, 9, 10 are its nearest).
    assert {f"articles/{n:02d}-production-{n}.html" for n in (6, *range(8, 13))} <= rewritten
    for far in (14, 16):
        assert f"articles/{far:02d}-production-{far}.html" not in rewritten
    clean_src = tmp_path / "clean"
    shutil.copytree(src, clean_src, ignore=shutil.ignore_patterns("_build"))
    assert strict_cli_build(clean_src).returncode == 0
    assert pages(out) == pages(clean_src / "_build/html")
