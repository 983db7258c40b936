"""Share images: one 1200x630 PNG per article and one for the site, drawn only when what they
show changes, and named in og:image with a large Twitter card."""

from __future__ import annotations

import io
import runpy
from pathlib import Path
from urllib.parse import urlsplit

from PIL import Image, ImageColor

from fieldnotes.outputs import cardworker
from fieldnotes.outputs.cardimage import INK, MUTED, SIZE, draw_card
from tests.building import build, soup, touch_later
from tests.siteconf import REPO

BASE = "https://fieldnotes.example.org/"


def _image_of(out: Path, page: str) -> Path:
    meta = soup(out, page).select_one('meta[property="og:image"]')
    assert meta["content"].startswith(BASE), page
    return out / urlsplit(meta["content"]).path.lstrip("/")


def test_every_page_names_a_1200x630_card_that_exists(built):
    pages = ["index.html", "categories/gpu-compute.html", "tags/gpu.html",
             *(p.relative_to(built).as_posix() for p in (built / "articles").glob("*.html"))]
    for page in pages:
        image = _image_of(built, page)
        with Image.open(image) as png:
            assert (png.format, png.size) == ("PNG", (1200, 630)), page
        head = soup(built, page)
        assert head.select_one('meta[name="twitter:card"]')["content"] == "summary_large_image"
        assert head.select_one('meta[property="og:image:alt"]')["content"], page
    articles = {_image_of(built, f"articles/{p.stem}.html") for p in (built / "articles").glob("*.html")}
    assert len(articles) == 4 and _image_of(built, "index.html") not in articles
    assert sorted(p.name for p in (built / "_share").iterdir()) == sorted(
        p.name for p in articles | {_image_of(built, "index.html")})


def test_an_unrelated_edit_leaves_cards_alone_and_a_title_edit_redraws_one(built_site):
    src, out = built_site, built_site / "_build" / "html"  # built once, without a warning
    before = {p.name: (p.stat().st_mtime_ns, p.read_bytes()) for p in (out / "_share").iterdir()}
    gpu = _image_of(out, "articles/03-gpu-sizing.html")
    body = src / "articles/02-model-choice.md"
    body.write_text(body.read_text() + "\nOne more sentence of body text.\n")
    touch_later(body)
    out, warnings = build(src)
    assert warnings == ""
    after = {p.name: (p.stat().st_mtime_ns, p.read_bytes()) for p in (out / "_share").iterdir()}
    assert after == before
    title = src / "articles/03-gpu-sizing.md"
    title.write_text(title.read_text().replace("title: Sizing a GPU", "title: Sizing a GPU Fleet"))
    touch_later(title)
    out, warnings = build(src)
    assert warnings == ""
    renamed = _image_of(out, "articles/03-gpu-sizing.html")
    assert renamed != gpu and not gpu.exists() and renamed.read_bytes() != before[gpu.name][1]
    unchanged = {p.name: (p.stat().st_mtime_ns, p.read_bytes()) for p in (out / "_share").iterdir()
                 if p != renamed}
    assert unchanged == {k: v for k, v in before.items() if k != gpu.name}


def test_category_colours_are_one_per_category_and_take_white_text():
    conf = runpy.run_path(str(REPO / "conf.py"))
    colours = conf["fieldnotes_category_colours"]
    assert set(colours) == set(conf["fieldnotes_categories"])

    def luminance(hex_colour: str) -> float:
        channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    for slug, colour in colours.items():
        assert 1.05 / (luminance(colour) + 0.05) >= 4.5, slug


def test_a_category_without_a_colour_is_a_warning(site):
    out, warnings = build(site(), fieldnotes_category_colours={"open-source": "#1d7044"})
    assert "category 'gpu-compute' has no colour in fieldnotes_category_colours" in warnings


def _cards(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in (out / "_share").glob("*.png")}


def test_a_build_into_a_new_folder_copies_the_cards_it_drew_before(site, tmp_path, monkeypatch):
    asked = []
    start = cardworker.start
    monkeypatch.setattr(cardworker, "start", lambda folder, cards: asked.append(set(cards)) or
                        start(folder, cards))
    cache = tmp_path / "cache"
    src = site()
    first, warnings = build(src, fieldnotes_build_cache=str(cache))
    assert warnings == "" and len(asked[0]) == 5  # the site's card and four articles'
    assert {p.name: p.read_bytes() for p in (cache / "share-cards").iterdir()} == _cards(first)
    # A cold build into another folder draws nothing and writes the same bytes.
    again, _ = build(src, tmp_path / "again", fieldnotes_build_cache=str(cache))
    assert asked[1] == set() and _cards(again) == _cards(first)
    # A card whose text changed is drawn; the others still come from the cache.
    title = src / "articles/03-gpu-sizing.md"
    title.write_text(title.read_text().replace("title: Sizing a GPU", "title: Sizing a GPU Fleet"))
    edited, _ = build(src, tmp_path / "edited", fieldnotes_build_cache=str(cache))
    [drawn] = asked[2]
    assert drawn.startswith("gpu-sizing-") and drawn not in _cards(first)
    assert set(_cards(edited)) - {drawn} <= set(_cards(first))


def test_the_cache_is_in_the_doctree_folder_unless_set(site, tmp_path):
    src = site()
    out, _ = build(src, fieldnotes_build_cache="")
    kept = src / "_build" / "doctrees" / "fieldnotes-cache" / "share-cards"
    assert {p.name for p in kept.iterdir()} == set(_cards(out))
    # A folder named in conf.py is relative to conf.py.
    out, _ = build(src, tmp_path / "relative", fieldnotes_build_cache="../kept")
    assert {p.name for p in (src.parent / "kept" / "share-cards").iterdir()} == set(_cards(out))


def test_a_cache_that_cannot_be_written_is_one_warning_that_says_what_to_set(site, tmp_path):
    (tmp_path / "cache").write_text("a file where the folder should be")
    out, warnings = build(site(), fieldnotes_build_cache=str(tmp_path / "cache"))
    assert warnings.count("WARNING") == 1
    assert (f"the build cache {tmp_path / 'cache'} cannot be written: point fieldnotes_build_cache "
            "(conf.py) at a folder the build may write") in warnings
    assert len(_cards(out)) == 5  # the cards themselves are drawn all the same


def test_each_part_of_a_card_is_drawn_in_its_own_ink_on_paper():
    """The kicker and the band in the category's colour, the title in ink, the footer muted,
    each antialiased towards the paper: every pixel of a part is a shade of that part's ink."""
    colour = "#b45309"
    card = Image.open(io.BytesIO(draw_card("No. 07 · GPU Compute", "Sizing a GPU Fleet",
                                           "Ana Example · Field Notes", colour)))
    assert card.mode == "P" and card.size == SIZE

    def shades_in(box: tuple[int, int, int, int]) -> set[tuple[int, int, int]]:
        return {rgb for _, rgb in card.crop(box).convert("RGB").getcolors(SIZE[0] * SIZE[1])}

    def on_the_way_to_paper(rgb: tuple[int, int, int], ink: str) -> bool:
        # ink + (paper - ink) * t, the same t for every channel
        full = ImageColor.getrgb(ink)
        weight = [(255 - c) / (255 - i) for c, i in zip(rgb, full) if i != 255]
        return max(weight) - min(weight) < 0.05

    for box, ink in (((0, 0, 28, SIZE[1]), colour), ((96, 60, SIZE[0], 150), colour),
                     ((96, 170, SIZE[0], 480), INK), ((96, 540, SIZE[0], SIZE[1]), MUTED)):
        shades = shades_in(box) - {(255, 255, 255)}
        assert shades and all(on_the_way_to_paper(rgb, ink) for rgb in shades), (box, ink)
        assert ImageColor.getrgb(ink) in shades, (box, ink)


def test_a_title_is_drawn_in_glyphs_the_font_has_and_never_runs_off_the_card():
    """Punctuation and accented letters are letters, not boxes; a word wider than a line is
    cut across lines rather than past the card's edge."""
    from PIL import Image

    from fieldnotes.outputs.cardimage import _font

    font = _font(72)
    # A glyph the font lacks is drawn as the same box as any other glyph it lacks.
    missing = bytes(font.getmask("\U000f0000"))
    for char in "—’“é":
        assert bytes(font.getmask(char)) != missing, char
    card = Image.open(io.BytesIO(draw_card("No. 1 · X", "W" * 200, "Site", "#1d7044"))).convert("L")
    # The right margin stays paper: nothing of the title reaches the last 48 px.
    margin = card.crop((card.width - 48, 160, card.width, 500))
    assert margin.getextrema()[0] > 200
