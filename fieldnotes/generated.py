"""Source pages the extension writes: one per category, one per tag, and the tags index.

Each is rewritten only when its text changes, so a rebuild never touches the sources it
watches (sphinx-autobuild would otherwise loop).
"""

from __future__ import annotations

from pathlib import Path

from fieldnotes import render

GENERATED_FOLDERS = ("categories", "tags")


def generated_pages(srcdir: Path, config, template_dirs: list[Path]) -> dict[Path, str]:
    jinja = render.make_environment(template_dirs)
    pages = {}
    for slug, name in config.fieldnotes_categories.items():
        pages[srcdir / "categories" / f"{slug}.md"] = render.render(
            jinja, "fieldnotes/category-page.md.jinja", slug=slug, name=name)
    for slug, name in config.fieldnotes_tags.items():
        pages[srcdir / "tags" / f"{slug}.md"] = render.render(
            jinja, "fieldnotes/tag-page.md.jinja", slug=slug, name=name)
    pages[srcdir / "tags" / "index.md"] = render.render(jinja, "fieldnotes/tags-index-page.md.jinja")
    return pages


def write_generated_pages(srcdir: Path, config, template_dirs: list[Path]) -> None:
    wanted = generated_pages(srcdir, config, template_dirs)
    for folder in GENERATED_FOLDERS:
        (srcdir / folder).mkdir(exist_ok=True)
    for path, text in wanted.items():
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
    for folder in GENERATED_FOLDERS:
        for stale in (srcdir / folder).glob("*.md"):
            if stale not in wanted:
                stale.unlink()
