"""Create a new article file: the next free number, a slug, valid front matter."""

from __future__ import annotations

import datetime as dt
import fcntl
import os
import re
from contextlib import contextmanager
from typing import TYPE_CHECKING

import yaml

from fieldnotes.model.catalog import build_catalog
from fieldnotes.model.errors import unknown_category
from fieldnotes.model.fields import TITLE_MAX_CHARS, refused_character
from fieldnotes.model.filenames import label_for, slugify
from fieldnotes.model.placeholders import SKELETON, SUMMARY
from fieldnotes.model.reserved import SPHINX_LABELS

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path


class ScaffoldError(Exception):
    """A request the scaffold refuses, with the fix in the message."""


#: Longest slug: file names stay far below the 255 bytes a file system allows.
SLUG_MAX_CHARS = 60


def capped_slug(title: str) -> str:
    """The title's slug, cut at a word boundary to SLUG_MAX_CHARS."""
    words = slugify(title).split("-")
    while len(words) > 1 and len("-".join(words)) > SLUG_MAX_CHARS:
        words.pop()
    return "-".join(words)[:SLUG_MAX_CHARS]


def new_article(articles_dir: Path, title: str, category: str, categories: dict[str, str],
                tags: dict[str, str] | None = None, today: dt.date | None = None,
                labels: dict[str, str] | None = None) -> Path:
    """Write ``articles_dir/NN-slug.md`` as a draft and return its path.

    ``labels`` are the project's other labels (see ``labels.defined_labels``), each with where
    it is defined; the new article's label must not be one of them.
    """
    title = _checked_title(title)
    category = resolve_category(category, categories)
    slug = capped_slug(title) or "article"
    with _locked(articles_dir):
        paths = sorted(p for p in articles_dir.glob("*.md") if p.name != "README.md")
        sources = {f"articles/{p.stem}": p for p in paths}
        catalog = build_catalog(sources, categories, tags)
        for article in catalog.articles.values():
            if article.title.casefold() == title.casefold():
                raise ScaffoldError(f"an article titled '{title}' already exists: "
                                    f"{sources[article.docname]}; choose another title")
        taken = SPHINX_LABELS | {label_for(p.stem): str(p) for p in paths} | (labels or {})
        if slug in taken:
            raise ScaffoldError(f"the title makes the label '{slug}', which {taken[slug]} already "
                                f"defines; choose another title")
        numbers = [a.number for a in catalog.articles.values()]
        numbers += [int(m[1]) for p in paths if (m := re.match(r"(\d+)-", p.name))]
        number = max(numbers, default=0) + 1
        path = articles_dir / f"{number:02d}-{slug}.md"
        front = yaml.safe_dump(
            {"title": title, "number": number, "category": category,
             "date": (today or dt.date.today()), "summary": SUMMARY, "tags": [], "draft": True},
            sort_keys=False, allow_unicode=True, width=1000,
        )
        try:
            with path.open("x", encoding="utf-8") as file:  # "x": never over another's file
                file.write(f"---\n{front}---\n\n{SKELETON}")
        except FileExistsError:
            raise ScaffoldError(f"{path} already exists; choose another title or move that file") from None
    return path


def resolve_category(value: str, categories: dict[str, str]) -> str:
    """The slug of a category given by its slug or its display name, in any case."""
    wanted = " ".join(value.split()).casefold()
    for slug, name in categories.items():
        if wanted in (slug.casefold(), " ".join(name.split()).casefold()):
            return slug
    raise ScaffoldError(f"{unknown_category(value, categories)}; give either form")


def _checked_title(title: str) -> str:
    """The title with its white space collapsed, or the reason it cannot be one."""
    title = " ".join(title.split())
    if not title:
        raise ScaffoldError('the title is empty: give one, as in TITLE="How We Sized Our GPUs"')
    if len(title) > TITLE_MAX_CHARS:
        raise ScaffoldError(f"the title is {len(title)} characters long; keep it to "
                            f"{TITLE_MAX_CHARS}, and say the rest in the summary")
    control = refused_character(title)
    if control is not None:
        raise ScaffoldError(f"the title holds the control character {control!r}; remove it")
    return title


@contextmanager
def _locked(folder: Path) -> Iterator[None]:
    """Hold an exclusive lock on the folder from choosing the number until the file is written,
    so two scaffolds running at once never take the same number."""
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except OSError as exc:
        raise ScaffoldError(f"cannot open the articles folder {folder}: {exc.strerror}") from None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock
