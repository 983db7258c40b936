"""The engine draws the seed page from the seed's own content.

The seed (tests/data/seed-index.txt) is the index page the site started from. A site whose
articles are the seed's cards, written as an author writes them, built with the site's
conf.py, templates and home page, must show them as the seed does: the hero, the author
banner, and the numbered cards with their categories, titles and summaries, in order. The
real site's articles are the author's to change; this site's are the seed's alone.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest

from tests.building import card_titles, read_only_soup, strict_cli_build
from tests.seed import SEED, seed_cards, shown
from tests.siteconf import REPO, fieldnotes_categories, fieldnotes_tags

# One worker builds the module's fixture once (a module-scoped fixture is per worker).
pytestmark = pytest.mark.xdist_group("seed-site")

FEATURED_TITLE = "What the Seed Did Not Show"


def _seed_page() -> dict[str, str]:
    """The seed's hero and banner, as the captured page reads them."""
    lines = [line for line in SEED.read_text(encoding="utf-8").splitlines() if line.strip()]
    name, role = lines[5].split(" · ")
    return {"project": lines[0], "title": f"{lines[1]} {lines[2]}", "lede": lines[3],
            "initials": lines[4], "name": name, "role": role, "count": lines[6]}


def _front_matter(number: int, title: str, category: str, summary: str, featured: bool) -> str:
    date = dt.date(2026, 1, 1) + dt.timedelta(days=number)
    quoted = {key: "'" + value.replace("'", "''") + "'" for key, value in
              (("title", title), ("summary", summary))}
    return (f"---\ntitle: {quoted['title']}\nnumber: {number}\ncategory: {category}\n"
            f"date: {date.isoformat()}\nsummary: {quoted['summary']}\n"
            f"tags: [{next(iter(fieldnotes_tags))}]\n"
            + ("featured: true\n" if featured else "") + "---\n\n")


@pytest.fixture(scope="module")
def seed_site(tmp_path_factory) -> Path:
    """The site's engine and look, with the seed's articles, hero and author; built strictly."""
    site = tmp_path_factory.mktemp("seed") / "site"
    site.mkdir()
    for name in ("_templates", "_static"):
        shutil.copytree(REPO / name, site / name)
    (site / "articles").mkdir()
    shutil.copy2(REPO / "articles/SERIES.md", site / "articles/SERIES.md")  # conf.py's substitutions
    (site / "node_modules").symlink_to((REPO / "node_modules").resolve())
    seed = _seed_page()
    # The seed's site settings after the site's own; the articles are the seed's, not written
    # to the site's editorial rules (length, sections, references).
    settings = (f"\nproject = {seed['project']!r}\n"
                f"fieldnotes_author = {{'name': {seed['name']!r}, 'role': {seed['role']!r}}}\n"
                "fieldnotes_article_words, fieldnotes_article_tags = [], []\n"
                "fieldnotes_article_sections = fieldnotes_article_references = 0\n"
                "fieldnotes_article_code = False\nfieldnotes_article_bold_leads = 0\n")
    (site / "conf.py").write_text((REPO / "conf.py").read_text(encoding="utf-8") + settings,
                                  encoding="utf-8")
    index = (REPO / "index.md").read_text(encoding="utf-8")
    index, titles = re.subn(r"(?m)(^\{\.fn-hero-title\}\n# ).*$", lambda m: m[1] + seed["title"], index)
    index, ledes = re.subn(r"(?ms)(^:::\{container\} fn-hero\n).*?(?=^:::$)",
                           lambda m: m[1] + seed["lede"] + "\n", index)
    assert titles == ledes == 1, "index.md no longer has the hero this test fills in"
    (site / "index.md").write_text(index, encoding="utf-8")
    slugs = {name: slug for slug, name in fieldnotes_categories.items()}
    cards = seed_cards()
    articles = {1: (FEATURED_TITLE, cards[0].category, "The card the seed's featured slot holds.", True)}
    articles.update({card.number: (card.title, card.category, card.summary, False) for card in cards})
    for number, (title, category, summary, featured) in articles.items():
        body = f"The seed's article number {number}, in {category}.\n"
        (site / "articles" / f"{number:02d}-seed-{number:02d}.md").write_text(
            _front_matter(number, title, slugs[category], summary, featured) + body, encoding="utf-8")
    result = strict_cli_build(site)
    assert result.returncode == 0, result.stderr
    return site / "_build" / "html"


def test_seed_has_seventeen_cards():
    assert [c.number for c in seed_cards()] == list(range(2, 19))


def test_home_grid_is_the_seeds_in_number_order(seed_site):
    cards = read_only_soup(seed_site, "index.html").select(".fn-grid .fn-card")
    expected = seed_cards()
    assert len(cards) == len(expected)
    for card, want in zip(cards, expected):
        assert card.select_one(".fn-card-category").get_text() == want.category
        assert card.select_one(".fn-card-number").get_text() == f"{want.number:02d}"
        # As the seed wrote them, with the typographic quotes the site gives prose.
        assert card.select_one(".sd-card-title").get_text(" ", strip=True) == shown(want.title)
        assert card.select_one(".fn-card-body .sd-card-text").get_text(" ", strip=True) == shown(want.summary)
        link = card.select_one("a.sd-stretched-link")["href"]
        assert link == f"articles/{want.number:02d}-seed-{want.number:02d}.html"


def test_hero_and_banner_are_the_seeds(seed_site):
    home = read_only_soup(seed_site, "index.html")
    seed = _seed_page()
    [heading] = home.select("h1")
    assert heading.get_text(" ", strip=True).rstrip("¶ ") == seed["title"]
    assert home.select_one(".fn-hero").get_text(" ", strip=True) == shown(seed["lede"])
    assert home.select_one(".fn-banner-avatar").get_text() == seed["initials"]
    assert home.select_one(".fn-banner-who").get_text() == f"{seed['name']} · {seed['role']}"
    assert home.select_one(".fn-banner-count").get_text() == seed["count"]
    # The site's name is the sidebar brand, not repeated in the hero.
    assert home.select_one(".sidebar-brand-text").get_text(strip=True) == seed["project"]
    [featured] = home.select(".fn-card-featured")
    assert featured.select_one(".fn-card-number").get_text() == "01"


def test_each_category_page_lists_the_seeds_cards_of_it(seed_site):
    names = {card.category for card in seed_cards()}
    assert names <= set(fieldnotes_categories.values())
    for slug, name in fieldnotes_categories.items():
        want = [shown(c.title) for c in seed_cards() if c.category == name]
        if name == seed_cards()[0].category:
            want.insert(0, shown(FEATURED_TITLE))
        assert card_titles(seed_site, f"categories/{slug}.html") == want, slug
