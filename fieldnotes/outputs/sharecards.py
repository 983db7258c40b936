"""Share images: a 1200x630 PNG per article and one for the site, drawn with Pillow.

A card's file name carries a digest of everything drawn on it, so a build draws only the cards
whose inputs changed (an existing file is left alone, byte for byte), and a changed card gets a
new URL that link previews cannot serve stale from their cache. The missing cards are drawn in
a child process (``cardworker``) from the moment the catalog is read to the end of the build.
Drawn cards are kept by name in the build cache (``building/cache.py``), so a build into a new output
folder copies a card it drew before.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import shutil
from pathlib import Path
from typing import TYPE_CHECKING, Any

import PIL
from sphinx.util import logging

from fieldnotes.building.cache import build_cache, cannot_use
from fieldnotes.building.run import build_run
from fieldnotes.building.wholefiles import explain
from fieldnotes.integrations import opengraph
from fieldnotes.outputs import cardworker
from fieldnotes.outputs.cardimage import SIZE
from fieldnotes.state import site_state

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.environment import BuildEnvironment

    from fieldnotes.model.catalog import Catalog
    from fieldnotes.model.frontmatter import Article

logger = logging.getLogger(__name__)

FOLDER = "_share"
SITE_CARD = "site"
# Bump when the drawing changes, so every card is drawn again once.
DESIGN = "4"
SITE_COLOUR = "#1f2937"
_HEX = re.compile(r"^#[0-9a-fA-F]{6}$")


def card_file(label: str, lines: tuple[str, ...]) -> str:
    """The card's file name: its label and a digest of what it shows and how it is drawn."""
    digest = hashlib.sha256("\n".join((DESIGN, PIL.__version__, *lines)).encode()).hexdigest()
    return f"{label}-{digest[:12]}.png"


def article_card(article: Article, config: Config) -> tuple[str, tuple[str, ...]]:
    """(file name, (kicker, title, footer, colour)) of an article's card."""
    category = config.fieldnotes_categories[article.category]
    colour = config.fieldnotes_category_colours.get(article.category, SITE_COLOUR)
    lines = (f"No. {article.number:02d} · {category}", article.title,
             f"{config.fieldnotes_author['name']} · {config.project}", colour)
    return card_file(article.label, lines), lines


def site_card(config: Config) -> tuple[str, tuple[str, ...]]:
    lines = (config.fieldnotes_author["role"] or "Articles", config.project,
             config.fieldnotes_author["name"], SITE_COLOUR)
    return card_file(SITE_CARD, lines), lines


def wanted_cards(catalog: Catalog, config: Config) -> dict[str, tuple[str, ...]]:
    """Every card the site shows, by file name: the site's and each listed article's."""
    cards = dict([site_card(config)])
    for article in catalog.published(config.fieldnotes_show_drafts):
        name, lines = article_card(article, config)
        cards[name] = lines
    return cards


def _draws_cards(app: Sphinx) -> bool:
    return app.builder.format == "html" and app.builder.name != "epub"


def _start_cards(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Remove the cards no page shows any more; start drawing the missing ones."""
    if not _draws_cards(app):
        return []
    folder = Path(app.outdir, FOLDER)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        cards = wanted_cards(site_state(env).catalog, app.config)
        for stale in [*folder.glob("*.png"), *folder.glob(f"*{cardworker.PARTIAL}")]:
            if stale.name not in cards:
                stale.unlink()
    except OSError as error:
        logger.warning(explain(error, "the share images"), type="fieldnotes", subtype="sharecards")
        return []
    missing = {name: lines for name, lines in cards.items() if not (folder / name).is_file()}
    cache = build_cache(app, "share-cards")
    for name in [name for name in missing if (cache / name).is_file()]:
        if _copy_whole(cache / name, folder / name, app):
            del missing[name]
    build_run(app).drawing = (cardworker.start(folder, missing), folder, cache, list(missing))
    return []


def _copy_whole(source: Path, target: Path, app: Sphinx) -> bool:
    """Copy a card under a temporary name and rename it: whoever reads ``target`` (another
    build sharing the cache, too) sees a whole card or none."""
    partial = target.with_name(f"{target.name}.{os.getpid()}{cardworker.PARTIAL}")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, partial)
        partial.replace(target)
    except OSError as error:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
        if target.parent == build_cache(app, "share-cards"):
            cannot_use(app)
        else:
            logger.warning(explain(error, "a share image"), type="fieldnotes",
                           subtype="sharecards", once=True)
        return False
    return True


def _write_cards(app: Sphinx, exception: Exception | None) -> None:
    """Wait for the cards to be drawn (or stop drawing them when the build failed), then keep
    them in the cache."""
    run = build_run(app)
    process, folder, cache, drawn = run.drawing or (None, None, None, [])
    run.drawing = None
    if process is None:
        return
    failure = cardworker.finish(process, stop=exception is not None)
    if failure:
        logger.warning(f"the share images could not be drawn: {failure.strip()}; if the disk is "
                       "full or the output folder read-only, free some space or make it "
                       "writable, then build again", type="fieldnotes", subtype="sharecards")
    elif exception is None:
        for name in drawn:
            if not _copy_whole(folder / name, cache / name, app):
                break


def _share_meta(app: Sphinx, pagename: str, templatename: str,
                context: dict[str, Any], doctree) -> None:
    """og:image and its alt text for sphinxext-opengraph, and a large Twitter card."""
    if app.builder.name not in ("html", "dirhtml") or context.get("meta") is None:
        return
    article = site_state(app.env).catalog.articles.get(pagename)
    shown = article is not None and (not article.draft or app.config.fieldnotes_show_drafts)
    name, lines = article_card(article, app.config) if shown else site_card(app.config)
    base = app.config.html_baseurl.rstrip("/") + "/"
    opengraph.og_fields(context, {"og:image": f"{base}{FOLDER}/{name}",
                                  "og:image:alt": ": ".join(lines[:2]),
                                  "og:image:width": str(SIZE[0]), "og:image:height": str(SIZE[1])})
    context["metatags"] += '\n<meta name="twitter:card" content="summary_large_image" />'


def _check_colours(app: Sphinx, config: Config) -> None:
    colours = config.fieldnotes_category_colours
    for slug in config.fieldnotes_categories:
        if not _HEX.match(str(colours.get(slug, ""))):
            logger.warning(f"category '{slug}' has no colour in fieldnotes_category_colours "
                           "(conf.py): give it one as \"#rrggbb\"", type="fieldnotes",
                           subtype="config")
