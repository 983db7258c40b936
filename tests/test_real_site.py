"""The real site, built with the documented strict command, checked against the seed page."""

from __future__ import annotations

import pytest

from tests.articletext import split
from tests.building import card_titles, read_only_soup
from tests.seed import seed_cards, shown
from tests.siteconf import REPO


def published() -> list[dict]:
    """Front matter of the site's published articles, whatever they are, in number order."""
    metas = [split(path)[0] for path in (REPO / "articles").glob("[0-9]*.md")]
    return sorted((m for m in metas if not m.get("draft")), key=lambda m: m["number"])


def test_seed_has_seventeen_cards():
    assert [c.number for c in seed_cards()] == list(range(2, 19))


def test_home_grid_matches_the_seed_in_number_order(real_site):
    home = read_only_soup(real_site, "index.html")
    cards = home.select(".fn-grid .fn-card")
    numbers = [int(card.select_one(".fn-card-number").get_text()) for card in cards]
    assert numbers == [m["number"] for m in published() if not m.get("featured")]
    by_number = dict(zip(numbers, cards))
    expected = seed_cards()
    assert expected
    for want in expected:
        card = by_number[want.number]
        assert card.select_one(".fn-card-category").get_text() == want.category
        assert card.select_one(".fn-card-number").get_text() == f"{want.number:02d}"
        # As the seed wrote them, with the typographic quotes the site gives prose.
        assert card.select_one(".sd-card-title").get_text(" ", strip=True) == shown(want.title)
        assert card.select_one(".fn-card-body .sd-card-text").get_text(" ", strip=True) == shown(want.summary)
        link = card.select_one("a.sd-stretched-link")["href"]
        assert (real_site / link).is_file()
        assert link.startswith(f"articles/{want.number:02d}-")


def test_featured_card_and_banner(real_site):
    home = read_only_soup(real_site, "index.html")
    featured = home.select(".fn-card-featured")
    assert len(featured) == 1
    assert featured[0].select_one(".fn-card-number").get_text() == "01"
    assert home.select_one(".fn-banner-avatar").get_text() == "JR"
    assert home.select_one(".fn-banner-who").get_text() == "Jagadesh Rajendran · VP of Engineering"
    assert home.select_one(".fn-banner-count").get_text() == f"{len(published())} Articles"
    # The hero's one heading is the tagline; the site's name is the sidebar brand, not repeated.
    [heading] = home.select("h1")
    assert heading.get_text(strip=True).rstrip("¶") == "Thoughts from the Engineering Trenches"
    assert home.select_one(".sidebar-brand-text").get_text(strip=True) == "Field Notes & Perspectives"
    assert "Real findings from building AI systems" in home.select_one(".fn-hero").get_text()


@pytest.mark.parametrize(
    ("slug", "name"),
    [("open-source", "Open Source"), ("gpu-compute", "GPU & Compute"), ("ai-llms", "AI & LLMs"),
     ("production", "Production"), ("infrastructure", "Infrastructure")],
)
def test_each_category_page_lists_exactly_its_articles(real_site, slug, name):
    expected = [m["title"] for m in published() if m["category"] == slug]
    seeds = [c.title for c in seed_cards() if c.category == name]
    assert seeds and set(seeds) <= set(expected)
    assert card_titles(real_site, f"categories/{slug}.html") == [shown(t) for t in expected]


def test_previous_and_next_follow_article_numbers(real_site):
    pages = sorted((real_site / "articles").glob("*.html"))
    assert len(pages) == len(published()) > 1
    for i, page in enumerate(pages):
        html = read_only_soup(real_site, f"articles/{page.name}")
        prev, nxt = html.select_one("a.prev-page"), html.select_one("a.next-page")
        assert (prev["href"] if prev else None) == (pages[i - 1].name if i else None)
        assert (nxt["href"] if nxt else None) == (pages[i + 1].name if i + 1 < len(pages) else None)
