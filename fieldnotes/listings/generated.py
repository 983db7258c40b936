"""Source pages the extension writes: one per category, tag, series and author, the tags
index, the archive, and the later pages of a listing too long for one page (see
``pagination``).

Each starts with a marker, and the build only ever overwrites or deletes a file that carries
it: a file an author put in ``categories/`` or ``tags/`` is left alone. Each page is
rewritten only when its text changes, so a rebuild never touches the sources it watches
(sphinx-autobuild would otherwise loop).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.util import logging

from fieldnotes import sources
from fieldnotes.building.wholefiles import remove_abandoned, write_whole
from fieldnotes.listings import render
from fieldnotes.listings.directives import template_dirs
from fieldnotes.listings.groups import group_pages
from fieldnotes.listings.pagination import later_pages
from fieldnotes.routes import (
    ARCHIVE,
    AUTHORS,
    CATEGORIES,
    GENERATED_FOLDERS,
    PAGES,
    SERIES,
    TAGS_INDEX,
    category_docname,
    tag_docname,
)

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from fieldnotes.model.catalog import Catalog

logger = logging.getLogger(__name__)

# The first lines of every generated page: a YAML comment in its front matter.
MARKER = ("---\n# Written by the Field Notes build from _templates/fieldnotes/ and rewritten by "
          "each build: edit the template, not this file.\n")


def marked(text: str) -> str:
    """The page with the marker at the top of its front matter (a new one if it has none)."""
    if text.startswith("---\n"):
        return MARKER + text.removeprefix("---\n")
    return MARKER + "---\n" + text


def is_generated(path: Path) -> bool:
    if not path.is_file():
        return False
    with path.open("rb") as file:
        return file.read(len(MARKER.encode())) == MARKER.encode()


def generated_pages(srcdir: Path, config, template_dirs: list[Path],
                    catalog: Catalog | None = None) -> dict[Path, str]:
    """Each page's path and its text as the templates write it (without the marker); given
    the ``catalog``, the later pages of long listings and the pages of series, authors and the
    archive too."""
    jinja = render.make_environment(template_dirs)
    pages = {}
    for slug, name in config.fieldnotes_categories.items():
        pages[srcdir / f"{category_docname(slug)}.md"] = render.render(
            jinja, "fieldnotes/category-page.md.jinja", slug=slug, name=name)
    for slug, name in config.fieldnotes_tags.items():
        pages[srcdir / f"{tag_docname(slug)}.md"] = render.render(
            jinja, "fieldnotes/tag-page.md.jinja", slug=slug, name=name)
    pages[srcdir / f"{TAGS_INDEX}.md"] = render.render(jinja, "fieldnotes/tags-index-page.md.jinja")
    for docname, text in group_pages(jinja, config, catalog) if catalog else ():
        pages[srcdir / f"{docname}.md"] = text
    for page in later_pages(catalog, config) if catalog else ():
        pages[srcdir / f"{page['docname']}.md"] = render.render(
            jinja, "fieldnotes/listing-page.md.jinja", **page)
    return pages


def _ours(path: Path, text: str) -> bool:
    """Whether the build may overwrite the file: it is missing, carries the marker, or holds
    exactly the unmarked page that builds before the marker wrote."""
    return not path.exists() or is_generated(path) or path.read_bytes() == text.encode()


def write_generated_pages(srcdir: Path, config, template_dirs: list[Path],
                          catalog: Catalog | None = None) -> list[Path]:
    """Write the pages, and delete generated pages no longer wanted; return the authors'
    files that stand where a page belongs (they are left alone)."""
    wanted = generated_pages(srcdir, config, template_dirs, catalog)
    in_the_way = []
    for path, text in wanted.items():
        if not _ours(path, text):
            in_the_way.append(path)
        elif not path.exists() or path.read_text(encoding="utf-8") != marked(text):
            path.parent.mkdir(parents=True, exist_ok=True)
            write_whole(path, marked(text))
    for folder in GENERATED_FOLDERS:
        for stale in (srcdir / folder).rglob("*.md"):
            if stale not in wanted and is_generated(stale):
                stale.unlink()
        if (srcdir / folder).is_dir():
            remove_abandoned(srcdir / folder)
        _remove_empty_folders(srcdir / folder, keep_top=folder != PAGES)
    return in_the_way


def remove_generated_pages(srcdir: Path) -> list[Path]:
    """Delete every page the build wrote, and its folder once empty; nothing else."""
    removed = []
    for folder in (srcdir / name for name in GENERATED_FOLDERS):
        for path in sorted(folder.rglob("*.md")):
            if is_generated(path):
                path.unlink()
                removed.append(path)
        if folder.is_dir():
            remove_abandoned(folder)
        _remove_empty_folders(folder, keep_top=False)
    return removed


def _remove_empty_folders(folder: Path, *, keep_top: bool) -> None:
    """Remove the empty folders under ``folder``, deepest first, and ``folder`` itself
    unless ``keep_top``; a folder holding anything else stays."""
    if not folder.is_dir():
        return
    for path in sorted(folder.rglob("*"), key=lambda p: len(p.parts), reverse=True):
        if path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    if not keep_top and not any(folder.iterdir()):
        folder.rmdir()


def _page_kind(path: Path) -> str:
    if path.parent.name == PAGES:
        return f"page {path.stem} of a listing"
    if path.parent.name == CATEGORIES:
        return f"the page of category '{path.stem}'"
    if path.parent.name == SERIES:
        return f"the page of series '{path.stem}'"
    if path.parent.name == AUTHORS:
        return f"the page of author '{path.stem}'"
    if path.parent.name == ARCHIVE:
        return "the archive"
    return "the tags index" if path.stem == "index" else f"the page of tag '{path.stem}'"


def _write_pages(app: Sphinx) -> None:
    srcdir = Path(app.srcdir)
    catalog = sources.catalog_before_reading(app)
    for path in write_generated_pages(srcdir, app.config, template_dirs(srcdir, app.config), catalog):
        logger.warning(f"this file was not written by the build, which leaves it alone; but the "
                       f"build writes {_page_kind(path)} here. Move your file to another folder, "
                       "or delete it to get the generated page back",
                       location=f"{path}:1", type="fieldnotes", subtype="generated")
