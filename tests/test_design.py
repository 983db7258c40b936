"""How the real site looks and what it loads: hero, cards, listings, article title block,
related cards, subscribe links, tags without articles, and the weight of an article page."""

from __future__ import annotations

import gzip
import re
from urllib.parse import urlsplit

import pytest

from fieldnotes.html import colours
from tests import siteconf
from tests.articletext import split
from tests.building import read_only_soup
from tests.seed import shown
from tests.sitepages import published_articles

# The browser tests here share loaded pages (`loaded_tab`): the module runs on one worker.
pytestmark = pytest.mark.xdist_group("design")

WIDTHS = (375, 768, 1280)
LISTINGS = ["index.html", "categories/gpu-compute.html", "tags/gpu.html", "tags/index.html"]


def _text(element) -> str:
    return element.get_text(" ", strip=True).rstrip("¶").strip()


# -- Built HTML ------------------------------------------------------------------------------

@pytest.mark.parametrize("page", LISTINGS)
def test_listings_have_no_previous_or_next(real_site, page):
    html = read_only_soup(real_site, page)
    assert html.select("a.prev-page, a.next-page, link[rel=prev], link[rel=next]") == []


def test_article_title_block_has_standfirst_and_byline(real_site):
    for article in published_articles():
        html = read_only_soup(real_site, f"{article.docname}.html")
        [h1] = html.select("article h1")
        assert _text(h1) == shown(article.title)
        standfirst = h1.find_next_sibling()
        assert "fn-standfirst" in standfirst["class"] and _text(standfirst) == shown(article.summary)
        byline = html.select_one(".fn-byline")
        assert _text(byline.select_one(".fn-byline-author")) == f"By {siteconf.fieldnotes_author['name']}"
        assert byline.select_one("time")["datetime"] == article.date.isoformat()
        assert re.fullmatch(r"\d+ min read", _text(byline.select_one(".fn-article-header-reading")))


def test_subscribe_links_match_the_pages_feeds(real_site):
    for page, feed in [("index.html", "feeds/atom.xml"),
                       ("categories/gpu-compute.html", "feeds/category/gpu-compute.xml")]:
        html = read_only_soup(real_site, page)
        [link] = html.select("article a.fn-subscribe")
        alternates = [a["href"] for a in html.select('link[rel=alternate][type="application/atom+xml"]')]
        assert link["href"] in alternates and link["href"].endswith(feed)
        assert (real_site / urlsplit(link["href"]).path.lstrip("/")).is_file()


def test_category_page_says_what_it_holds(real_site):
    descriptions = getattr(siteconf, "fieldnotes_category_descriptions", {})
    for slug, name in siteconf.fieldnotes_categories.items():
        html = read_only_soup(real_site, f"categories/{slug}.html")
        count = sum(a.category == slug for a in published_articles())
        # Its own description when conf.py gives one, else only the count: no boilerplate.
        intro = html.select_one(".fn-listing-intro")
        assert (_text(intro) if intro else None) == (shown(descriptions[slug]) if slug in descriptions else None)
        assert _text(html.select_one(".fn-listing-count")) == f"{count} article{'s' if count != 1 else ''}"
        cards = html.select(".fn-grid .fn-card")
        assert len(cards) == count
        # Each card keeps its number; none repeats the category the whole page is about.
        assert html.select(".fn-grid .fn-card-category") == []
        assert all(card.select_one(".fn-card-number") for card in cards)


def test_articles_end_with_more_of_their_category(real_site):
    articles = published_articles()
    shown_somewhere = False
    for article in articles:
        others = {f"{a.docname.rsplit('/', 1)[-1]}.html" for a in articles
                  if a.category == article.category and a.docname != article.docname}
        page = read_only_soup(real_site, f"{article.docname}.html")
        more = page.select_one("nav.fn-more")
        if not others:
            assert more is None, article.docname
            continue
        related = {a["href"] for a in page.select(".fn-related a[href]")}
        name = siteconf.fieldnotes_categories[article.category]
        assert _text(more.select_one("h2")) == f"More in {name}"
        links = [a["href"] for a in more.select("ul a")]
        # Its category's, never the article itself nor one its related cards show already.
        assert len(links) == len(set(links)) == min(5, len(others - related)), article.docname
        assert set(links) <= others - related, article.docname
        shown_somewhere = shown_somewhere or bool(links)
        assert more.select_one(".fn-more-all a")["href"] == f"../categories/{article.category}.html"
    assert shown_somewhere


def test_home_page_lists_the_categories_under_the_hero(real_site):
    html = read_only_soup(real_site, "index.html")
    strip = html.select_one(".fn-category-strip")
    links = {a["href"]: _text(a) for a in strip.select("a.fn-category-link")}
    used = {a.category for a in published_articles()}
    assert links == {f"categories/{slug}.html": name
                     for slug, name in siteconf.fieldnotes_categories.items() if slug in used}
    # before the featured card and the grid, right under the hero's intro
    assert strip.find_previous(class_="fn-hero") is not None
    assert strip.find_next(class_="fn-grid") is not None


def test_unused_tags_get_no_page_and_no_sitemap_entry(built):
    # The small site: it uses a few tags of the real site's vocabulary.
    used = {t for path in (built.parents[1] / "articles").glob("*.md") for t in split(path)[0]["tags"]}
    unused = set(siteconf.fieldnotes_tags) - used
    assert used and unused, "every tag or none is used: this test checks nothing"
    sitemap = (built / "sitemap.xml").read_text()
    for tag in unused:
        assert not (built / "tags" / f"{tag}.html").exists()
        assert f"tags/{tag}.html" not in sitemap
    for tag in used:
        assert (built / "tags" / f"{tag}.html").is_file() and f"tags/{tag}.html" in sitemap


def _assets(html) -> list[str]:
    return [t.get("href") or t.get("src") for t in html.select('link[rel=stylesheet], script[src]')]


def test_sphinx_design_assets_only_where_used(real_site):
    article = _assets(read_only_soup(real_site, f"{published_articles()[0].docname}.html"))
    home = _assets(read_only_soup(real_site, "index.html"))
    assert not any("sphinx-design" in a or "design-tabs" in a for a in article)
    assert any("sphinx-design" in a for a in home)
    assert not any("design-tabs" in a for a in home)  # no tabs anywhere on this site


CODE_ASSETS = ("pygments.css", "copybutton.css", "clipboard.min.js", "copybutton.js")


@pytest.mark.parametrize("page", [*LISTINGS, "search.html", "genindex.html", "ARTICLES"])
def test_code_assets_only_on_pages_with_code(real_site, page):
    pages = [f"{a.docname}.html" for a in published_articles()] if page == "ARTICLES" else [page]
    for path in pages:
        html = read_only_soup(real_site, path)
        loaded = {urlsplit(a).path.rsplit("/", 1)[-1] for a in _assets(html)}
        has_code = bool(html.select("div.highlight pre, pre.literal-block, pre.doctest-block"))
        assert (set(CODE_ASSETS) <= loaded) if has_code else not (set(CODE_ASSETS) & loaded), path


def test_an_article_with_its_css_and_js_is_at_most_100_kb_gzipped(real_site):
    for article in published_articles():
        page = real_site / f"{article.docname}.html"
        assets = _assets(read_only_soup(real_site, f"{article.docname}.html"))
        files = [page] + [(page.parent / a.split("?")[0]).resolve() for a in assets]
        total = sum(len(gzip.compress(f.read_bytes())) for f in files)
        assert total <= 100_000, (article.docname, total)


@pytest.mark.parametrize("colour", [c for c in siteconf.fieldnotes_category_colours.values()] + ["#ffff00", "#000000", "#777"])
def test_category_colours_are_made_readable_in_both_themes(colour):
    for backgrounds in (colours.LIGHT_BACKGROUNDS, colours.DARK_BACKGROUNDS):
        readable = colours.readable_on(colour, backgrounds)
        assert all(colours.contrast(readable, bg) >= colours.MINIMUM_CONTRAST for bg in backgrounds)
        # and the ink on a badge of that colour is the theme's own background
        assert colours.contrast(readable, backgrounds[0]) >= colours.MINIMUM_CONTRAST


def test_every_category_has_a_colour_in_the_generated_stylesheet(real_site):
    css = (real_site / "_static" / "fieldnotes-categories.css").read_text()
    for slug in siteconf.fieldnotes_categories:
        assert css.count(f".fn-card-{slug}") == 3  # light, dark, and the dark system preference


# -- In Chromium -----------------------------------------------------------------------------

_CARDS = """() => [...document.querySelectorAll('.fn-grid .fn-card')].map(card => {
  const text = card.querySelector('.fn-card-body .sd-card-text'), s = getComputedStyle(text);
  const badge = getComputedStyle(card.querySelector('.fn-card-number'));
  const chip = card.querySelector('.fn-card-category'), label = getComputedStyle(chip);
  const box = chip.getBoundingClientRect();
  chip.scrollIntoView({block: 'center', behavior: 'instant'});
  const at = chip.getBoundingClientRect();
  const hit = document.elementFromPoint(at.left + at.width / 2, at.top + at.height / 2);
  return {category: [...card.classList].find(c => /^fn-card-(?!featured|draft)/.test(c)),
          chipHref: chip.getAttribute('href'), chipOnTop: hit === chip || chip.contains(hit),
          chipHeight: box.height,
          summary: text.textContent.trim(), clientHeight: text.clientHeight,
          scrollHeight: text.scrollHeight, lineHeight: parseFloat(s.lineHeight),
          labelColour: label.color, topBorder: getComputedStyle(card).borderTopColor,
          badgeBackground: badge.backgroundColor, badgeColour: badge.color,
          badgeRadius: parseFloat(badge.borderTopLeftRadius),
          height: card.getBoundingClientRect().height, top: Math.round(card.getBoundingClientRect().top + scrollY)};
})"""

_HERO = """() => { const h = document.querySelector('h1'), r = h.getBoundingClientRect();
  return {text: h.textContent.replace('¶', '').trim(), visible: r.width > 0 && r.top >= 0,
          headings: document.querySelectorAll('article h1').length,
          size: parseFloat(getComputedStyle(h).fontSize),
          scrollWidth: document.documentElement.scrollWidth, viewport: innerWidth}; }"""


@pytest.fixture
def page_at(loaded_tab):
    def open_(path, width, scheme="light"):
        return loaded_tab(path, {"width": width, "height": 900}, scheme)

    return open_


@pytest.mark.parametrize("width", WIDTHS)
def test_hero_is_one_large_heading_without_overflow(page_at, width):
    hero = page_at("index.html", width).evaluate(_HERO)
    assert hero["headings"] == 1 and hero["visible"]
    assert hero["text"] != siteconf.project  # the brand is the sidebar's (or top bar's)
    assert hero["size"] >= 32
    assert hero["scrollWidth"] <= hero["viewport"]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", WIDTHS)
def test_cards_show_whole_summaries_linked_categories_colour_and_badge(page_at, width, scheme):
    cards = page_at("index.html", width, scheme).evaluate(_CARDS)
    expected = {shown(a.summary) for a in published_articles() if not a.featured}
    assert {" ".join(c["summary"].split()) for c in cards} == expected  # whole summary in markup
    for card in cards:
        assert card["scrollHeight"] <= card["clientHeight"] + 1, card  # and all of it shows
        # The category is a link to its page, clickable above the card's own link.
        assert card["chipHref"] == f"categories/{card['category'].removeprefix('fn-card-')}.html", card
        assert card["chipOnTop"] and card["chipHeight"] >= 24, card
        assert card["badgeRadius"] > 0 and card["badgeBackground"] not in ("rgba(0, 0, 0, 0)", card["badgeColour"])
        assert card["topBorder"] == card["labelColour"] == card["badgeBackground"]
    by_category: dict[str, set[str]] = {}
    for card in cards:
        by_category.setdefault(card["category"], set()).add(card["labelColour"])
    assert all(len(colours_) == 1 for colours_ in by_category.values())
    assert len({next(iter(c)) for c in by_category.values()}) == len(by_category)  # each its own
    rows: dict[int, set[float]] = {}
    for card in cards:
        rows.setdefault(card["top"], set()).add(round(card["height"]))
    assert all(len(h) == 1 for h in rows.values())


@pytest.mark.parametrize("width", (375, 1280))
def test_related_articles_are_cards_apart_from_the_body(page_at, width):
    page = page_at(f"{published_articles()[7].docname}.html", width, "dark")
    related = page.evaluate("""() => {
      const panel = document.querySelector('.fn-related');
      const cards = [...panel.querySelectorAll('.fn-related-card a')];
      return {panel: getComputedStyle(panel).backgroundColor,
              body: getComputedStyle(document.body).backgroundColor,
              cards: cards.map(a => ({border: getComputedStyle(a).borderTopWidth,
                                      width: a.getBoundingClientRect().width})),
              headingSize: parseFloat(getComputedStyle(panel.querySelector('h2')).fontSize),
              bodyHeadingSize: parseFloat(getComputedStyle(document.querySelector('section h2')).fontSize),
              scrollWidth: document.documentElement.scrollWidth, viewport: innerWidth};
    }""")
    assert related["panel"] != related["body"]
    assert 1 <= len(related["cards"]) <= 3 and all(float(c["border"][:-2]) >= 2 for c in related["cards"])
    assert related["headingSize"] < related["bodyHeadingSize"]
    assert related["scrollWidth"] <= related["viewport"]


def test_dark_code_never_underlines_names(page_at):
    page = page_at(f"{published_articles()[7].docname}.html", 1280, "dark")
    underlined = page.evaluate("""() => [...document.querySelectorAll('.highlight span')]
        .filter(s => getComputedStyle(s).textDecorationLine.includes('underline')).length""")
    assert page.locator(".highlight .nn").count() > 0 and underlined == 0


# Characters on the first line of each long paragraph of the article's own sections: where the
# browser put the first line break, found by the top of each character's box.
_FIRST_LINES = """() => [...document.querySelectorAll('article[role=main] > section p')]
  .filter(p => p.textContent.length > 300 && !p.closest('table, .admonition, .fn-related, .fn-more'))
  .map(p => {
    const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT), range = document.createRange();
    let top = null, count = 0;
    for (let text = walker.nextNode(); text; text = walker.nextNode()) {
      for (let i = 0; i < text.data.length; i++) {
        range.setStart(text, i); range.setEnd(text, i + 1);
        const box = range.getClientRects()[0];
        if (!box) continue;
        if (top === null) top = box.top;
        if (box.top > top + box.height / 2) return count;
        count++;
      }
    }
    return null;
  }).filter(n => n !== null)"""


def test_article_prose_keeps_a_readable_measure_at_desktop_width(page_at):
    page = page_at(f"{published_articles()[7].docname}.html", 1280)
    lines = sorted(page.evaluate(_FIRST_LINES))
    assert len(lines) >= 3, lines
    median = lines[len(lines) // 2]
    assert 60 <= median <= 75 and lines[-1] <= 80, lines
    # while code blocks keep the column's full width
    widths = page.evaluate("""() => ({code: document.querySelector('article div.highlight')?.getBoundingClientRect().width,
                                      prose: document.querySelector('article[role=main] > section p').getBoundingClientRect().width})""")
    assert widths["code"] is None or widths["code"] > widths["prose"], widths


@pytest.mark.parametrize("width", (375, 1280))
def test_featured_note_is_quieter_than_the_category_chips(page_at, width):
    found = page_at("index.html", width).evaluate("""() => {
      const card = document.querySelector('.fn-card-featured'), note = card.querySelector('.fn-badge-featured');
      const chip = card.querySelector('.fn-card-category'), s = getComputedStyle(note), c = getComputedStyle(chip);
      const summary = card.querySelector('.fn-card-body .sd-card-text');
      return {noteBackground: s.backgroundColor, noteColour: s.color, chipColour: c.color,
              noteWeight: parseInt(s.fontWeight), noteCase: s.textTransform, chipCase: c.textTransform,
              summaryHidden: summary.scrollHeight > summary.clientHeight + 1,
              scrollWidth: document.documentElement.scrollWidth, viewport: innerWidth};
    }""")
    assert found["noteBackground"] == "rgba(0, 0, 0, 0)" and found["noteWeight"] < 700, found  # no filled pill
    assert found["noteColour"] != found["chipColour"] and found["noteCase"] != found["chipCase"], found
    assert not found["summaryHidden"] and found["scrollWidth"] <= found["viewport"], found


def test_listings_give_the_grid_the_table_of_contents_column(page_at):
    """At 1280 px a listing has no empty right column: the grid reaches the page's right
    part, where an article keeps furo's width."""
    listing = page_at("index.html", 1280).evaluate(
        "() => ({grid: document.querySelector('.fn-grid').getBoundingClientRect().width, viewport: innerWidth})")
    article = page_at(f"{published_articles()[7].docname}.html", 1280).evaluate(
        "() => document.querySelector('article[role=main]').getBoundingClientRect().width")
    assert listing["grid"] > article + 64, (listing, article)
