"""The real site in Debian's Chromium: offline, accessible, responsive, and working."""

from __future__ import annotations

import io
from urllib.parse import urljoin, urlsplit

import pytest
from PIL import Image, ImageChops, ImageStat

from tests.browser import (
    PageLog,
    axe_violations,
    css_contrast,
    logged_turn,
    require,
    search_for,
    search_results,
    serve,
)
from tests.building import read_only_soup
from tests.sitepages import PAGE_TYPES, body_only_word, page_paths, published_articles

DESKTOP = {"width": 1280, "height": 900}
MOBILE = {"width": 375, "height": 812}
COLUMNS_AT_WIDTH = {375: 1, 768: 2, 1280: 3}
VIEWPORT_AT_WIDTH = {375: MOBILE, 768: {"width": 768, "height": 900}, 1280: DESKTOP}
# One worker runs this module (`make test` runs `--dist loadgroup`): one Chromium, and the
# tests that only look at a page share its tab (the `tab` fixture), loaded once a run.
pytestmark = pytest.mark.xdist_group("browser")



@pytest.fixture(scope="module")
def paths(real_site) -> dict[str, str]:
    return page_paths(real_site)


@pytest.fixture
def open_context(chromium, site_server):
    """A fresh browser context whose pages are logged; closed after the test."""
    opened = []

    def open_(*, viewport=DESKTOP, color_scheme="light", site=site_server, **options):
        context = chromium.new_context(viewport=viewport, color_scheme=color_scheme, **options)
        log = PageLog(site)
        log.attach(context)
        opened.append(context)
        return context, log

    yield open_
    for context in opened:
        context.close()


@pytest.fixture(scope="module")
def shared_page(chromium):
    """One page for the tests that load pages and follow links, each in its turn (see
    `logged_shared_page`): a new page costs a renderer process. They change nothing a browser
    keeps, and check no focus and no styles; tests that do get a fresh context."""
    with chromium.new_context(viewport=DESKTOP, color_scheme="light") as context:
        yield context.new_page()


@pytest.fixture
def logged_shared_page(shared_page, site_server):
    """The shared page, and the log of what it does in this test's turn."""
    with logged_turn(shared_page, site_server) as log:
        yield shared_page, log


@pytest.fixture(scope="module")
def tab(loaded_tab, paths):
    """A page of a kind, loaded once a run (see `loaded_tab`), in the scheme asked for."""
    def tab_(kind: str, viewport=DESKTOP, scheme: str = "light"):
        page = loaded_tab(paths[kind], viewport, scheme)
        if kind == "search":
            search_results(page)  # the results are drawn after the page has loaded
        return page

    return tab_


def _goto(context, url):
    page = context.new_page()
    page.goto(url)
    return page


@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_page_is_offline_and_error_free(logged_shared_page, site_url, paths, kind, real_site):
    page, log = logged_shared_page
    url = urljoin(site_url, paths[kind])
    if kind == "404":
        log.expected_statuses[urlsplit(url).path] = 404
    page.goto(url, wait_until="networkidle")  # late requests count too
    if kind == "404":
        # Served as a 404, it must be the site's own 404 page (its heading, as built), in the
        # site's frame (its brand and theme toggle), not any page of the theme.
        built = read_only_soup(real_site, "404.html")
        heading = built.select_one("article h1").get_text(" ", strip=True).rstrip("¶ ")
        assert heading and page.locator("article h1").first.inner_text().strip() == heading
        brand = built.select_one(".sidebar-brand-text").get_text(strip=True)
        assert page.locator(".sidebar-brand-text").first.inner_text().strip() == brand
        assert page.locator(".theme-toggle").count() > 0
    if kind == "search":
        assert search_results(page)
    assert log.problems() == {}


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", COLUMNS_AT_WIDTH)
def test_axe_finds_no_violations(tab, width, scheme):
    """Every page type at a phone's, a tablet's and a desktop's width, in each colour scheme."""
    found = {}
    for kind in PAGE_TYPES:
        page = tab(kind, VIEWPORT_AT_WIDTH[width], scheme)
        # The page follows the reader's colour scheme: the dark run really is dark.
        dark_background = page.evaluate(
            "() => { const [r, g, b] = getComputedStyle(document.body).backgroundColor"
            ".match(/\\d+/g).map(Number); return (r + g + b) / 3 < 128; }")
        assert dark_background == (scheme == "dark"), kind
        if violations := axe_violations(page):
            found[kind] = violations
    assert found == {}


_LAYOUT = """() => {
  const cards = [...document.querySelectorAll('.fn-grid .fn-card')].map(c => c.getBoundingClientRect());
  const line = document.querySelector('.fn-banner-body > p');
  const [avatar, who, count] = ['avatar', 'who', 'count'].map(
    name => document.querySelector(`.fn-banner-${name}`));
  const text = document.querySelector('.fn-banner-text');
  // Where the browser put each line of the name and the count.
  const lineMiddles = [who, count].flatMap(element => {
    const range = document.createRange(); range.selectNodeContents(element);
    return [...range.getClientRects()].map(r => Math.round(r.top + r.height / 2));
  });
  // How wide the banner would be on one line: each part unwrapped, plus the gaps between them.
  const unwrapped = [who, count].map(element => {
    const old = element.style.whiteSpace; element.style.whiteSpace = 'nowrap';
    const width = element.getBoundingClientRect().width; element.style.whiteSpace = old; return width;
  });
  const gap = element => parseFloat(getComputedStyle(element).columnGap) || 0;
  return {
    lefts: cards.map(c => Math.round(c.left)), tops: cards.map(c => Math.round(c.top)),
    heights: cards.map(c => Math.round(c.height)), rights: cards.map(c => c.right),
    viewport: window.innerWidth, scrollWidth: document.documentElement.scrollWidth,
    bannerLines: lineMiddles.sort((a, b) => a - b)
      .filter((middle, i, all) => i === 0 || middle - all[i - 1] > 4).length,
    bannerOneLineWidth: avatar.getBoundingClientRect().width + gap(line) + unwrapped[0] + gap(text) + unwrapped[1],
    bannerRoom: line.getBoundingClientRect().width,
  };
}"""


@pytest.mark.parametrize("width", COLUMNS_AT_WIDTH)
def test_grid_columns_and_no_horizontal_overflow(tab, width):
    layout = tab("home", VIEWPORT_AT_WIDTH[width]).evaluate(_LAYOUT)
    rows_at = sorted(set(layout["tops"]))
    first_row = [left for left, top in zip(layout["lefts"], layout["tops"]) if top == rows_at[0]]
    assert len(first_row) == COLUMNS_AT_WIDTH[width]
    # The cards of a short last row share its width: the grid ends without a hole.
    last_row = [right for right, top in zip(layout["rights"], layout["tops"]) if top == rows_at[-1]]
    assert abs(max(last_row) - max(layout["rights"])) <= 1, (last_row, layout["rights"])
    assert layout["scrollWidth"] <= layout["viewport"]
    assert max(layout["rights"]) <= layout["viewport"]
    # Cards that share a row are the same height.
    rows: dict[int, set[int]] = {}
    for top, height in zip(layout["tops"], layout["heights"]):
        rows.setdefault(top, set()).add(height)
    assert all(len(heights) == 1 for heights in rows.values()), rows


@pytest.mark.parametrize("width", COLUMNS_AT_WIDTH)
def test_author_banner_is_one_line_where_it_fits(tab, width):
    layout = tab("home", VIEWPORT_AT_WIDTH[width]).evaluate(_LAYOUT)
    if layout["bannerOneLineWidth"] <= layout["bannerRoom"]:
        assert layout["bannerLines"] == 1, layout
    assert layout["scrollWidth"] <= layout["viewport"]


# Each separator dot of the author banner: the line it is drawn on, that of the next word,
# whether it shows (the browser finds it at its place: a clipped dot is not), and whether the
# role wrapped under the name.
_BANNER_SEPARATORS = """() => {
  const banner = document.querySelector('.fn-banner-text');
  const [name, role] = ['name', 'role'].map(
    part => document.querySelector(`.fn-banner-${part}`).getBoundingClientRect());
  const walker = document.createTreeWalker(banner, NodeFilter.SHOW_TEXT);
  const characters = [];
  for (let text = walker.nextNode(); text; text = walker.nextNode()) {
    for (let i = 0; i < text.data.length; i++) characters.push([text, i]);
  }
  const box = ([text, i]) => {
    const range = document.createRange(); range.setStart(text, i); range.setEnd(text, i + 1);
    return range.getBoundingClientRect();
  };
  return characters.flatMap(([text, i], k) => {
    if (text.data[i] !== '\u00b7') return [];
    const next = characters.slice(k + 1).find(([t, j]) => t.data[j].trim());
    const dot = box([text, i]);
    return [{separator: Math.round(dot.top), next: next ? Math.round(box(next).top) : null,
             shown: text.parentElement.contains(document.elementFromPoint(
               (dot.left + dot.right) / 2, (dot.top + dot.bottom) / 2)),
             wrapped: Math.round(role.top) > Math.round(name.top)}];
  });
}"""


@pytest.mark.parametrize("width", COLUMNS_AT_WIDTH)
def test_author_banner_never_ends_a_line_with_its_separator(tab, width):
    separators = tab("home", VIEWPORT_AT_WIDTH[width]).evaluate(_BANNER_SEPARATORS)
    assert separators and all(s["separator"] == s["next"] for s in separators), separators
    # Where the role wraps under the name, its dot does not start the line: it is not shown.
    assert all(s["shown"] != s["wrapped"] for s in separators), separators


def test_author_banner_wraps_its_role_without_the_dot_on_a_phone(tab):
    [separator] = tab("home", VIEWPORT_AT_WIDTH[min(VIEWPORT_AT_WIDTH)]).evaluate(_BANNER_SEPARATORS)
    assert separator["wrapped"] and not separator["shown"], separator


def test_one_line_banner_is_checked_at_desktop_width(tab):
    """The one-line rule above only bites where the banner fits: make sure it does on a desktop."""
    layout = tab("home", DESKTOP).evaluate(_LAYOUT)
    assert layout["bannerOneLineWidth"] <= layout["bannerRoom"]
    assert layout["bannerLines"] == 1


def test_clicking_a_card_opens_its_article(logged_shared_page, site_url):
    page, log = logged_shared_page
    page.goto(site_url)
    card = page.locator(".fn-grid .fn-card").nth(1)
    title = card.locator(".sd-card-title").inner_text().strip()
    href = card.locator("a.sd-stretched-link").get_attribute("href")
    summary = card.locator(".fn-card-body .sd-card-text")
    summary.scroll_into_view_if_needed()
    box = summary.bounding_box()
    with page.expect_navigation():
        # A reader clicks the summary text, not the (invisible) link: the card must still go.
        page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    assert page.url == urljoin(site_url, href)
    assert page.locator("h1").inner_text().strip().rstrip("#").strip() == title
    assert log.problems() == {}


_FOCUSED = """() => {
  const a = document.activeElement;
  const card = a && a.closest('.fn-card');
  if (!card || !a.matches('a.sd-stretched-link')) return null;
  const s = getComputedStyle(card);
  return {href: a.getAttribute('href'), style: s.outlineStyle, width: parseFloat(s.outlineWidth),
          color: s.outlineColor, background: getComputedStyle(document.body).backgroundColor};
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_tab_reaches_every_card_with_a_visible_focus_ring(open_context, site_url, scheme):
    context, _ = open_context(color_scheme=scheme)
    page = _goto(context, site_url)
    cards = page.eval_on_selector_all(".fn-card a.sd-stretched-link",
                                      "as => as.map(a => a.getAttribute('href'))")
    focusable = page.eval_on_selector_all("a[href], button, input, [tabindex]", "e => e.length")
    reached = {}
    for _ in range(focusable + 1):
        page.keyboard.press("Tab")
        focused = page.evaluate(_FOCUSED)
        if focused:
            reached[focused["href"]] = focused
    assert sorted(reached) == sorted(cards)
    for href, ring in reached.items():
        assert ring["style"] != "none" and ring["width"] >= 2, (href, ring)
        # WCAG 1.4.11: a focus indicator needs 3:1 against what surrounds it.
        assert css_contrast(ring["color"], ring["background"]) >= 3, (href, ring)


def test_focus_ring_changes_pixels(open_context, site_url):
    context, _ = open_context()
    page = _goto(context, site_url)
    card = page.locator(".fn-grid .fn-card").first
    box = card.bounding_box()
    clip = {"x": box["x"] - 8, "y": box["y"] - 8, "width": box["width"] + 16,
            "height": box["height"] + 16}
    page.mouse.move(0, 0)
    before = page.screenshot(clip=clip)
    card.locator("a.sd-stretched-link").focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")  # keyboard focus, so :focus-visible rules apply too
    assert page.evaluate("() => document.activeElement.closest('.fn-card') !== null")
    after = page.screenshot(clip=clip)
    # A ring goes round the card: pixels change beside each of its four edges, not only in
    # one place (a hover tint, a caret, a shadow on one side).
    changed = ImageChops.difference(Image.open(io.BytesIO(before)).convert("RGB"),
                                    Image.open(io.BytesIO(after)).convert("RGB")).convert("L")
    width, height = changed.size
    margin = 10  # the clip's 8 px around the card, and the card's own border
    sides = {"left": (0, margin, margin, height - margin),
             "right": (width - margin, margin, width, height - margin),
             "top": (margin, 0, width - margin, margin),
             "bottom": (margin, height - margin, width - margin, height)}
    unchanged = [side for side, box in sides.items() if changed.crop(box).getbbox() is None]
    assert unchanged == [], f"no ring beside the card's {unchanged} edge"


_CODE_FOCUS = """() => {
  const pre = document.activeElement;
  const s = getComputedStyle(pre);
  return {tag: pre.tagName, scrolls: pre.scrollWidth > pre.clientWidth, style: s.outlineStyle,
          width: parseFloat(s.outlineWidth), color: s.outlineColor,
          background: getComputedStyle(pre.parentElement).backgroundColor};
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_code_that_scrolls_on_a_phone_takes_focus_with_a_visible_ring(open_context, site_url,
                                                                      paths, scheme):
    context, _ = open_context(viewport=MOBILE, color_scheme=scheme)
    page = _goto(context, urljoin(site_url, paths["article"]))
    code = page.locator("article pre").first
    code.focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")  # keyboard focus, so :focus-visible rules apply
    ring = page.evaluate(_CODE_FOCUS)
    assert ring["tag"] == "PRE" and ring["scrolls"], ring
    assert ring["style"] != "none" and ring["width"] >= 2, ring
    assert css_contrast(ring["color"], ring["background"]) >= 3, ring


_THEME_STATE = """() => ({theme: document.body.dataset.theme, stored: localStorage.getItem('theme'),
                          background: getComputedStyle(document.body).backgroundColor})"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_theme_toggle_cycles_light_dark_auto(open_context, site_url, scheme):
    context, log = open_context(color_scheme=scheme)
    page = _goto(context, site_url)
    first = page.evaluate(_THEME_STATE)
    assert first["theme"] == "auto"
    states = []
    for _ in range(3):
        page.locator(".theme-toggle:visible").first.click()
        states.append(page.evaluate(_THEME_STATE))
    assert sorted(s["theme"] for s in states) == ["auto", "dark", "light"]
    assert states[-1]["theme"] == "auto"
    assert all(s["stored"] == s["theme"] for s in states)
    background = {s["theme"]: s["background"] for s in states}
    assert background["light"] != background["dark"]
    assert background["auto"] == background[scheme]
    # The choice survives a reload.
    page.locator(".theme-toggle:visible").first.click()
    chosen = page.evaluate(_THEME_STATE)["theme"]
    page.reload()
    assert page.evaluate(_THEME_STATE)["theme"] == chosen != "auto"
    assert log.problems() == {}


def test_search_for_a_body_only_word_lists_its_article(logged_shared_page, site_url, real_site):
    word, article = body_only_word(real_site)
    page, log = logged_shared_page
    page.goto(site_url)
    search_for(page, word)
    assert article in search_results(page)
    assert log.problems() == {}


NESTED_MISSING = "no/such/section/page.html"


def test_404_page_leads_home_and_to_search_from_a_nested_url(logged_shared_page, site_url,
                                                              real_site):
    page, log = logged_shared_page
    missing = urljoin(site_url, NESTED_MISSING)
    log.expected_statuses[urlsplit(missing).path] = 404
    assert page.goto(missing).status == 404
    with page.expect_navigation():
        page.locator("a.fn-notfound-home").click()
    assert urlsplit(page.url).path in ("/", "/index.html")
    assert page.locator(".fn-grid .fn-card").count() > 0  # the home page, styled
    word, article = body_only_word(real_site)
    page.goto(missing)
    page.locator("form.fn-notfound-search input[name=q]").fill(word)
    with page.expect_navigation():
        page.locator("form.fn-notfound-search button").click()
    assert article in search_results(page)
    # Its categories and latest articles lead somewhere from a nested URL too.
    page.goto(missing)
    links = page.eval_on_selector_all(".fn-notfound ul a", "as => as.map(a => a.href)")
    assert links and all(page.request.get(link).status == 200 for link in links), links
    assert log.problems() == {}


def test_previous_and_next_walk_the_article_numbers(logged_shared_page, site_url):
    expected = [a.number for a in published_articles()]
    page, log = logged_shared_page
    page.goto(urljoin(site_url, f"{published_articles()[0].docname}.html"))

    def number() -> int:
        return int(page.locator(".fn-article-header-number").inner_text().removeprefix("No. "))

    def walk(link: str) -> list[int]:
        seen = [number()]
        while page.locator(f"a.{link}").count():
            with page.expect_navigation():
                page.locator(f"a.{link}").click()
            seen.append(number())
        return seen

    assert walk("next-page") == expected
    assert walk("prev-page") == expected[::-1]
    assert log.problems() == {}


SHOTS = [
    ("home-desktop-light", "home", DESKTOP, "light"),
    ("home-desktop-dark", "home", DESKTOP, "dark"),
    ("home-mobile-light", "home", MOBILE, "light"),
    ("home-mobile-dark", "home", MOBILE, "dark"),
    ("category-desktop-light", "category", DESKTOP, "light"),
    ("category-desktop-dark", "category", DESKTOP, "dark"),
    ("article-desktop-light", "article", DESKTOP, "light"),
    ("article-desktop-dark", "article", DESKTOP, "dark"),
    ("article-mobile-light", "article", MOBILE, "light"),
    ("article-mobile-dark", "article", MOBILE, "dark"),
    ("tag-desktop-light", "tag", DESKTOP, "light"),
    ("tags-index-desktop-light", "tags-index", DESKTOP, "light"),
    ("tags-index-mobile-dark", "tags-index", MOBILE, "dark"),
    ("404-desktop-dark", "404", DESKTOP, "dark"),
]


@pytest.mark.parametrize(("name", "kind", "viewport", "scheme"), SHOTS, ids=[s[0] for s in SHOTS])
def test_screenshot(tab, screenshot_path, name, kind, viewport, scheme):
    """Saved for a person to look at (the run's summary prints the folder), of a page that
    does not scroll sideways and whose hero heading and cards are laid out as designed."""
    page = tab(kind, viewport, scheme)
    layout = page.evaluate("""() => ({scrollWidth: document.documentElement.scrollWidth,
      scrollHeight: document.documentElement.scrollHeight,
      h1: document.querySelectorAll('article h1').length,
      cards: [...document.querySelectorAll('.fn-grid .fn-card')].map(c => c.getBoundingClientRect())
        .map(r => [Math.round(r.top), Math.round(r.height)])})""")
    path = screenshot_path(name)
    page.screenshot(path=str(path), full_page=True)
    assert layout["scrollWidth"] <= viewport["width"]
    assert layout["h1"] == 1
    rows: dict[int, set[int]] = {}
    for top, height in layout["cards"]:
        rows.setdefault(top, set()).add(height)
    assert all(len(heights) == 1 for heights in rows.values()), rows
    # The picture is the whole page at the viewport's width, mostly light or dark as asked.
    with Image.open(path) as image:
        assert image.size == (viewport["width"], layout["scrollHeight"])
        brightness = ImageStat.Stat(image.convert("L")).mean[0]
    assert (brightness > 128) == (scheme == "light"), brightness


def test_the_page_log_catches_what_these_tests_forbid(chromium, tmp_path):
    """A page that breaks every rule: the log must report each break."""
    # It names an icon, as the site's pages do: else the browser asks for /favicon.ico.
    (tmp_path / "index.html").write_text(
        '<!DOCTYPE html><html lang="en"><head><title>t</title><link rel="icon" href="data:,">'
        '<link rel="stylesheet" href="https://cdn.example.invalid/x.css"></head>'
        '<body><img src="missing.png" alt=""><script>console.error("boom")</script></body></html>')
    with serve(tmp_path) as site:
        context = chromium.new_context()
        log = PageLog(site)
        log.attach(context)
        context.new_page().goto(site.url, wait_until="networkidle")
        context.close()
    problems = log.problems()
    assert problems["requests to other hosts"] == ["https://cdn.example.invalid/x.css"]
    assert any("boom" in e for e in problems["console errors"])
    assert any("missing.png: HTTP 404" in f for f in problems["failed requests"])
    assert problems["errors the server answered"] == ["/missing.png: HTTP 404"]


def test_a_missing_tool_skips_on_a_laptop_and_fails_in_ci(monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="apt-get install"):
        require(False, "install it with `sudo apt-get install -y chromium`")
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI=true"):
        require(False, "install it with `sudo apt-get install -y chromium`")
    require(True, "never shown")
