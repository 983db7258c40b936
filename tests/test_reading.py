"""Reading an article on a phone and a desktop: one test page that holds every construct an
article can use (tables, code, program output, a diagram, math, admonitions, footnotes),
checked by axe at a phone's and a desktop's width in both schemes, and for the layout rules
axe does not know: headings that shrink in order, tables whose words never break, inline code
that does not break at its hyphens, output that wraps, and nothing that scrolls sideways."""

from __future__ import annotations

import io
import shutil
from collections import Counter
from pathlib import Path

import pytest
from PIL import Image, ImageStat

from tests.browser import axe_violations, css_contrast, serve
from tests.building import read_only_soup
from tests.conftest import AFTER_TWO_FRAMES
from tests.test_html_valid import vnu_errors

# The page's tests share one loaded tab: the module runs on one worker.
pytestmark = pytest.mark.xdist_group("reading")

SHOWCASE = Path(__file__).parent / "data" / "every-construct.md"
PAGE = "articles/05-every-construct.html"
WIDTHS = (375, 768, 1280)


def _add_showcase(src: Path) -> None:
    shutil.copy(SHOWCASE, src / "articles" / "05-every-construct.md")


@pytest.fixture(scope="module")
def showcase(_built_trees) -> Path:
    """The minisite with the every-construct article, built without a warning once a run."""
    return _built_trees("every-construct", _add_showcase)[1] / "_build" / "html"


@pytest.fixture(scope="module")
def page_at(chromium, showcase):
    """The every-construct page, loaded once, resized and recoloured as each test asks."""
    with serve(showcase) as site:
        context = chromium.new_context()
        page = context.new_page()
        page.set_viewport_size({"width": 1280, "height": 900})
        page.goto(site.url + PAGE)

        def at(width: int, scheme: str = "light"):
            page.set_viewport_size({"width": width, "height": 900})
            page.emulate_media(color_scheme=scheme)
            page.evaluate(AFTER_TWO_FRAMES)
            return page

        yield at
        context.close()


# -- Built HTML ------------------------------------------------------------------------------

def _text(element) -> str:
    return element.get_text(" ", strip=True).rstrip("¶").strip()


def test_every_table_and_formula_scrolls_in_a_focusable_region_of_its_own_name(showcase):
    html = read_only_soup(showcase, PAGE)
    boxes = html.select("article div.table-wrapper, article div.math-wrapper")
    assert len(html.select("article div.table-wrapper")) == len(html.select("article table")) >= 3
    assert html.select("article div.math-wrapper")
    names, seen = [], Counter()
    for box in boxes:
        caption = box.select_one("caption")
        kind = "Table" if box.select_one("table") else "Formula"
        name = _text(caption) if caption else f"{kind}: {_text(box.find_previous(['h2', 'h3']))}"
        seen[name] += 1
        names.append(name if seen[name] == 1 else f"{name} ({seen[name]})")
        assert (box.get("tabindex"), box.get("role")) == ("0", "region")
    assert [box.get("aria-label") for box in boxes] == names
    assert len(set(names)) == len(names) and any(n.endswith("(2)") for n in names)


def test_the_page_is_valid_html(showcase):
    assert vnu_errors([showcase / PAGE]) == []


def test_no_header_cell_is_empty(showcase):
    html = read_only_soup(showcase, PAGE)
    assert html.select("article thead td")  # the corner over the row names is a plain cell
    assert all(th.get_text(strip=True) for th in html.select("article th"))


def test_only_long_inline_code_tokens_may_wrap(showcase):
    html = read_only_soup(showcase, PAGE)
    tokens = html.select("article code.literal span.pre")
    long_ones = [t.get_text() for t in tokens if "fn-long-token" in t["class"]]
    assert long_ones and all(len(t) > 30 for t in long_ones)
    assert all(len(t.get_text()) <= 30 for t in tokens if "fn-long-token" not in t["class"])


# -- In Chromium -----------------------------------------------------------------------------

@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", (375, 1280))
def test_axe_finds_nothing_on_any_construct(page_at, width, scheme):
    page = page_at(width, scheme)
    assert page.locator("article svg, article math").count() >= 2  # the diagram and the math
    assert axe_violations(page) == []


_HEADINGS = """() => Object.fromEntries(['h1', 'h2', 'h3'].map(tag => [tag,
  [...document.querySelectorAll(`article[role=main] ${tag}`)]
    .filter(h => !h.closest('.fn-related, .fn-more'))  // panels under the body
    .map(h => parseFloat(getComputedStyle(h).fontSize))]))"""


@pytest.mark.parametrize("width", WIDTHS)
def test_headings_shrink_from_h1_to_h3(page_at, width):
    sizes = page_at(width).evaluate(_HEADINGS)
    assert len(sizes["h1"]) == 1 and sizes["h2"] and sizes["h3"], sizes
    assert sizes["h1"][0] > max(sizes["h2"]) and min(sizes["h2"]) > max(sizes["h3"]), sizes


# Each word of every table cell, and whether the browser drew it in one piece.
_TABLE_WORDS = """() => [...document.querySelectorAll('article table')].flatMap(table =>
  [...table.querySelectorAll('th, td')].flatMap(cell => {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT), found = [];
    for (let text = walker.nextNode(); text; text = walker.nextNode()) {
      for (const match of text.data.matchAll(/\\S+/g)) {
        const range = document.createRange();
        range.setStart(text, match.index); range.setEnd(text, match.index + match[0].length);
        const tops = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
        found.push({word: match[0], lines: tops.size});
      }
    }
    return found;
  }))"""


def test_table_words_never_break_on_a_phone(page_at):
    words = page_at(375).evaluate(_TABLE_WORDS)
    assert words and [w for w in words if w["lines"] != 1] == []


def test_table_headers_align_with_their_cells(page_at):
    # Each column's header and its first cell, in every table: left by default, and as a
    # Markdown table's :---: or ---: asks.
    columns = page_at(1280).evaluate("""() => [...document.querySelectorAll('article table')].flatMap(
      t => [...t.querySelectorAll('thead th')].map((th, i) => [getComputedStyle(th).textAlign,
            getComputedStyle(t.querySelector(`tbody tr > :nth-child(${i + 1})`)).textAlign]))""")
    side = {"start": "left", "end": "right"}
    assert columns and all(side.get(th, th) == side.get(td, td) for th, td in columns), columns
    assert {"left", "center", "right"} <= {side.get(td, td) for _, td in columns}


def test_prose_gets_curly_quotes_and_code_keeps_straight_ones(page_at):
    source = SHOWCASE.read_text(encoding="utf-8")
    assert '"ship it"' in source and "'mostly right'" in source  # typed straight
    shown = page_at(1280).evaluate("""() => ({
      prose: document.getElementById('quoted-prose').textContent,
      inline: document.querySelector('#quoted-prose code').textContent,
      block: [...document.querySelectorAll('div.highlight-python pre')].map(p => p.textContent).join('')})""")
    assert "“ship it”" in shown["prose"] and "model’s" in shown["prose"] and "‘mostly right’" in shown["prose"]
    assert shown["inline"] == 'label == "ship"'
    assert '# "GiB", the card\'s own unit' in shown["block"]


def _edge_brightness(page, wrapper, side: str) -> float:
    """The mean brightness of a strip at one side of a table's scroll box, in its bottom
    padding, where no table is drawn: only the box's own background shows there."""
    box = wrapper.bounding_box()
    x = box["x"] + 1 if side == "left" else box["x"] + box["width"] - 7
    png = page.screenshot(clip={"x": x, "y": box["y"] + box["height"] - 8, "width": 6, "height": 5})
    with Image.open(io.BytesIO(png)) as strip:
        return ImageStat.Stat(strip.convert("L")).mean[0]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_table_that_scrolls_shows_a_shadow_where_more_lies_beyond(page_at, scheme):
    page = page_at(375, scheme)
    wrapper = page.locator("article div.table-wrapper").first
    assert wrapper.evaluate("w => w.scrollWidth > w.clientWidth")  # it does scroll here
    wrapper.scroll_into_view_if_needed()
    at_start = {side: _edge_brightness(page, wrapper, side) for side in ("left", "right")}
    wrapper.evaluate("w => { w.scrollLeft = w.scrollWidth; }")
    page.evaluate(AFTER_TWO_FRAMES)
    at_end = {side: _edge_brightness(page, wrapper, side) for side in ("left", "right")}
    wrapper.evaluate("w => { w.scrollLeft = 0; }")
    # A shadow shows on the side with more table: the right at the start, the left at the end.
    assert abs(at_start["right"] - at_end["right"]) > 10, (at_start, at_end)
    assert abs(at_start["left"] - at_end["left"]) > 10, (at_start, at_end)


_INLINE_CODE = """() => [...document.querySelectorAll('article code.literal span.pre')]
  .filter(s => s.textContent.includes('-') && !s.classList.contains('fn-long-token'))
  .map(s => ({text: s.textContent, lines: s.getClientRects().length}))"""


@pytest.mark.parametrize("width", (375, 1280))
def test_inline_code_does_not_break_at_hyphens(page_at, width):
    tokens = page_at(width).evaluate(_INLINE_CODE)
    assert tokens and [t for t in tokens if t["lines"] != 1] == []


# How far the page, and anything in the article's text outside a box that scrolls, reaches
# past the right edge of the window.
_OVERFLOW = """() => {
  const right = document.documentElement.clientWidth;
  const text = [...document.querySelectorAll('article[role=main] :is(p, li, h1, h2, h3) *')]
    .filter(e => !e.closest('.table-wrapper, .math-wrapper, .highlight'))
    .map(e => ({tag: e.tagName, text: e.textContent.slice(0, 40), over: e.getBoundingClientRect().right - right}))
    .filter(e => e.over > 0.5);
  return {page: document.documentElement.scrollWidth - right, text};
}"""


def test_nothing_reaches_past_a_narrow_phone_s_edge(page_at):
    overflow = page_at(320).evaluate(_OVERFLOW)
    assert overflow == {"page": 0, "text": []}, overflow


_OUTPUT = """() => {
  const output = [...document.querySelectorAll('article div.output pre, article div.highlight-output pre')];
  const code = document.querySelector('article div.highlight-python div.highlight');
  return {wraps: output.map(pre => pre.scrollWidth <= pre.clientWidth),
          looks: output.map(pre => { const box = getComputedStyle(pre.closest('div.highlight'));
            return [box.borderLeftWidth, box.backgroundColor].join(' '); }),
          code: [getComputedStyle(code).borderLeftWidth, getComputedStyle(code).backgroundColor].join(' ')};
}"""


@pytest.mark.parametrize("width", (375, 1280))
def test_program_output_wraps_and_looks_unlike_code(page_at, width):
    output = page_at(width).evaluate(_OUTPUT)
    assert len(output["wraps"]) == 2 and all(output["wraps"]), output
    assert all(look != output["code"] for look in output["looks"]), output


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_console_output_looks_unlike_its_commands(page_at, scheme):
    colours = page_at(1280, scheme).evaluate("""() => {
      const block = document.querySelector('article div.highlight-console pre');
      const output = block.querySelector('.go');
      return [getComputedStyle(block).color, output && getComputedStyle(output).color];
    }""")
    assert colours[1] is not None and css_contrast(*colours) >= 1.5, colours


