"""Renaming an article leaves a redirect at its old address; a bad redirect fails the build."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.browser import logged_tab, serve
from tests.building import build, soup
from tests.conftest import ROOTS
from tests.test_html_valid import vnu_errors

# The renamed site is built once for these tests: they run on one worker (`--dist loadgroup`).
pytestmark = pytest.mark.xdist_group("redirects")

BASE = "https://fieldnotes.example.org/"


def _rename_queue_article(src: Path) -> None:
    """Renumber 04 to 07 (its label, and so its references, stay) and declare its old page."""
    old = src / "articles/04-queue-design.md"
    text = old.read_text(encoding="utf-8")
    (src / "articles/07-queue-design.md").write_text(
        text.replace("number: 4", "number: 7").replace(
            "tags: [kafka]", "tags: [kafka]\nredirect_from: [articles/04-queue-design]"),
        encoding="utf-8")
    old.unlink()


@pytest.fixture(scope="module")
def renamed(tmp_path_factory) -> Path:
    """The minisite built, its queue article renamed, and built again into the same folder."""
    src = tmp_path_factory.mktemp("renamed") / "src"
    shutil.copytree(ROOTS / "test-minisite", src)
    out, warnings = build(src)
    assert warnings == ""
    _rename_queue_article(src)
    out, warnings = build(src)
    assert warnings == ""
    return out


def test_a_renamed_article_redirects_from_its_old_address(renamed):
    out = renamed
    page = soup(out, "articles/04-queue-design.html")
    assert page.select_one('meta[http-equiv="refresh"]')["content"] == "0; url=07-queue-design.html"
    assert page.select_one("body a")["href"] == "07-queue-design.html"
    assert page.select_one('link[rel="canonical"]')["href"] == BASE + "articles/07-queue-design.html"
    assert page.select_one('link[rel="icon"]')["href"] == "../_static/favicon.svg"
    assert page.select_one("body a").get_text() == "Designing the Queue"
    assert not page.select("script") and not page.select("[style]")
    assert vnu_errors([out / "articles/04-queue-design.html"]) == []
    sitemap = (out / "sitemap.xml").read_text()
    assert "04-queue-design" not in sitemap and "07-queue-design" in sitemap


def test_a_redirect_to_a_missing_page_fails_the_build_every_time(site):
    src = site()
    redirects = {"notes/old-page": "articles/99-gone"}
    for _ in range(2):  # the second, a no-op build, must still report it
        out, warnings = build(src, fieldnotes_redirects=redirects)
        assert (f"{src / 'conf.py'}:1: WARNING: redirect from 'notes/old-page' to "
                "'articles/99-gone', which is no page of the site") in warnings
        assert not (out / "notes/old-page.html").exists()


def test_a_redirect_over_an_existing_page_or_outside_the_site_is_reported_at_its_line(site):
    src = site()
    path = src / "articles/02-model-choice.md"
    path.write_text(path.read_text().replace(
        "tags: [open-source-llms]", "tags: [open-source-llms]\nredirect_from: [articles/01-overview]"))
    out, warnings = build(src)
    assert f"{path}:8: WARNING: redirect from 'articles/01-overview', a page the build writes" in warnings
    assert "Overview of the Mini Site" in (out / "articles/01-overview.html").read_text()
    path.write_text(path.read_text().replace("[articles/01-overview]", "[../../outside]"))
    out, warnings = build(src)
    assert f"{path}:8: WARNING: 'redirect_from' must list the article's old pages" in warnings
    assert not (src / "outside.html").exists() and not (out.parent / "outside.html").exists()


# Last in the module: no build may fork worker processes while Playwright runs.
def test_chromium_follows_the_redirect_under_the_policy(renamed, chromium):
    with serve(renamed, send_headers_file=True) as served, logged_tab(chromium, served) as (tab, log):
        tab.goto(served.url + "articles/04-queue-design.html")
        tab.wait_for_url("**/articles/07-queue-design.html")
        assert tab.locator("h1").first.inner_text().startswith("Designing the Queue")
    assert log.problems() == {}
