"""The real site, built with the documented strict command: its pages show whatever articles
it has, as their front matter and conf.py say. (The seed page is drawn from the seed's own
content in tests/test_seed_site.py.)"""

from __future__ import annotations

import re

from fieldnotes.listings.render import initials
from tests.building import card_titles, read_only_soup
from tests.seed import shown
from tests.siteconf import REPO, fieldnotes_author, fieldnotes_categories
from tests.sitepages import draft_pages, published_articles


def test_home_grid_shows_every_article_but_the_featured_in_number_order(real_site):
    cards = read_only_soup(real_site, "index.html").select(".fn-grid .fn-card")
    expected = [a for a in published_articles() if not a.featured]
    assert len(cards) == len(expected) > 0
    for card, want in zip(cards, expected):
        assert card.select_one(".fn-card-category").get_text() == fieldnotes_categories[want.category]
        assert card.select_one(".fn-card-number").get_text() == f"{want.number:02d}"
        assert card.select_one(".sd-card-title").get_text(" ", strip=True) == shown(want.title)
        assert card.select_one(".fn-card-body .sd-card-text").get_text(" ", strip=True) == shown(want.summary)
        assert card.select_one("a.sd-stretched-link")["href"] == f"{want.docname}.html"


def test_featured_card_and_banner(real_site):
    home = read_only_soup(real_site, "index.html")
    articles = published_articles()
    numbers = [card.select_one(".fn-card-number").get_text() for card in home.select(".fn-card-featured")]
    assert numbers == [f"{a.number:02d}" for a in articles if a.featured]
    assert home.select_one(".fn-banner-avatar").get_text() == initials(fieldnotes_author["name"])
    assert home.select_one(".fn-banner-who").get_text() == (
        f"{fieldnotes_author['name']} · {fieldnotes_author['role']}")
    assert home.select_one(".fn-banner-count").get_text() == f"{len(articles)} Articles"
    # The hero's one heading is the tagline from index.md; the site's name is the sidebar
    # brand, not repeated.
    tagline = re.search(r"(?m)^\{\.fn-hero-title\}\n# (.+)$", (REPO / "index.md").read_text())[1]
    [heading] = home.select("h1")
    assert heading.get_text(" ", strip=True).rstrip("¶ ") == shown(tagline)


def test_each_category_page_lists_exactly_its_articles(real_site):
    articles = published_articles()
    for slug in fieldnotes_categories:
        expected = [shown(a.title) for a in articles if a.category == slug]
        assert card_titles(real_site, f"categories/{slug}.html") == expected, slug


def test_previous_and_next_follow_article_numbers(real_site):
    pages = [f"{a.docname.removeprefix('articles/')}.html" for a in published_articles()]
    built = {p.relative_to(real_site).as_posix() for p in (real_site / "articles").glob("*.html")}
    assert built - draft_pages() == {f"articles/{page}" for page in pages}
    assert len(pages) > 1
    for i, page in enumerate(pages):
        html = read_only_soup(real_site, f"articles/{page}")
        prev, nxt = html.select_one("a.prev-page"), html.select_one("a.next-page")
        assert (prev["href"] if prev else None) == (pages[i - 1] if i else None)
        assert (nxt["href"] if nxt else None) == (pages[i + 1] if i + 1 < len(pages) else None)
