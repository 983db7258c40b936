"""``fieldnotes init``: write a new knowledge base that builds and passes its checks at once."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from string import Template

from fieldnotes.model.filenames import slugify
from fieldnotes.theme import SITE_TEMPLATES, TEMPLATES

FILES = Path(__file__).parent / "files"
#: Files whose name ends so are templates: ``$name`` is replaced, the suffix dropped.
TEMPLATE_SUFFIX = ".in"
#: Category colours a new site starts with, in turn: each gives white text at least 4.5:1.
PALETTE = ("#1d7044", "#b03a12", "#6b3bbf", "#0b62a8", "#805300")
#: Stored without the dot, so that packaging tools never take it for the package's own.
DOTFILES = {"gitignore": ".gitignore"}


class InitError(Exception):
    """A request ``fieldnotes init`` refuses, with the fix in the message."""


@dataclass(frozen=True)
class SiteAnswers:
    title: str = "Field Notes"
    tagline: str = "What we learned building things, written down so the next person starts ahead."
    author: str = "Your Name"
    role: str = "Engineer"
    categories: tuple[str, ...] = ("Notes",)
    site_url: str = "https://example.org/"
    today: dt.date = field(default_factory=dt.date.today)

    def checked(self) -> SiteAnswers:
        for name in ("title", "tagline", "author", "role", "site_url"):
            value = getattr(self, name)
            if not value.strip() or any(ord(c) < 32 or ord(c) == 127 for c in value):
                raise InitError(f"the {name} {value!r} is empty or holds a control character; "
                                f"give it as plain text")
        if not re.fullmatch(r"https?://[^\s\"'<>\\]+", self.site_url):
            raise InitError(f"the site URL {self.site_url!r} is not an http(s) address; give one "
                            f"such as https://notes.example.org/")
        slugs = [slugify(name) for name in self.categories]
        if not self.categories or not all(slugs) or len(set(slugs)) != len(slugs):
            raise InitError(f"the categories {list(self.categories)!r} must be one or more "
                            f"distinct names, each with a letter or digit in it")
        return self


def engine_version() -> str:
    try:
        return version("fieldnotes")
    except PackageNotFoundError:  # run from a checkout that was never installed
        return "1.0.0"


def init_site(dest: Path, answers: SiteAnswers) -> list[Path]:
    """Write the new site into ``dest`` (new or empty); return the files written."""
    answers = answers.checked()
    if dest.exists() and (not dest.is_dir() or any(dest.iterdir())):
        raise InitError(f"{dest} already exists and is not an empty folder; choose a new one")
    categories = {slugify(name): name for name in answers.categories}
    values = {
        # Python literals for conf.py: repr() keeps any quote or backslash a literal.
        "title": repr(answers.title),
        "author": repr(answers.author),
        "copyright": repr(f"{answers.today.year}, {answers.author}"),
        "site_url": repr(answers.site_url),
        "categories": repr(categories),
        "category_colours": repr({slug: PALETTE[i % len(PALETTE)] for i, slug in enumerate(categories)}),
        "author_record": repr({"name": answers.author, "role": answers.role}),
        # Text for Markdown and plain files.
        "title_text": answers.title,
        "title_md": _markdown_text(answers.title),
        "tagline_md": _markdown_text(answers.tagline),
        "first_category": next(iter(categories)),
        "today": answers.today.isoformat(),
        "version": engine_version(),
    }
    written = []
    for source in sorted(p for p in FILES.rglob("*") if p.is_file()):
        relative = source.relative_to(FILES)
        name = DOTFILES.get(relative.name, relative.name)
        target = dest / relative.parent / name.removesuffix(TEMPLATE_SUFFIX)
        target.parent.mkdir(parents=True, exist_ok=True)
        if name.endswith(TEMPLATE_SUFFIX):
            target.write_text(Template(source.read_text(encoding="utf-8")).substitute(values),
                              encoding="utf-8")
        else:
            shutil.copyfile(source, target)
        written.append(target)
    for template in SITE_TEMPLATES:  # the site's own look, to change as it likes
        target = dest / "_templates" / template
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(TEMPLATES / template, target)
        written.append(target)
    return written


def _markdown_text(text: str) -> str:
    """Plain text that Markdown shows as written: every punctuation mark that could start
    markup is escaped."""
    return re.sub(r"([\\`*_{}\[\]()<>#+\-.!|:$~&])", r"\\\1", " ".join(text.split()))
