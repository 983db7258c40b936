"""Turn an article's YAML front matter into a validated :class:`Article` record.

This is the only place article metadata is parsed and checked (the rule for each value is in
``fields.py``, the body's in ``body.py``). It knows nothing of Sphinx, so the rules are tested
with plain pytest.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import yaml

from fieldnotes.model import fields, placeholders
from fieldnotes.model.body import body_headings, unfinished
from fieldnotes.model.errors import Problem, closest, shown
from fieldnotes.model.filenames import label_for
from fieldnotes.model.yamlsafe import Loaded, YamlRefused, load_front_matter

__all__ = ["Article", "Parsed", "label_for", "parse_article", "split_front_matter"]

#: Keys an article may set.
REQUIRED_KEYS = ("title", "number", "category", "date", "summary")
OPTIONAL_KEYS = ("tags", "featured", "draft", "redirect_from", "series", "authors")
ALLOWED_KEYS = REQUIRED_KEYS + OPTIONAL_KEYS
_EXAMPLE = """\
---
title: How We Sized Our GPU Fleet
number: 19
category: gpu-compute
date: 2026-01-31
summary: Why memory, not speed, decided between A10s and A100s.
tags: [gpu, cost]
---"""


@dataclass(frozen=True)
class Article:
    """Everything the site knows about one article, all from its front matter."""

    docname: str
    title: str
    number: int
    category: str
    date: dt.date
    summary: str
    tags: tuple[str, ...] = ()
    featured: bool = False
    draft: bool = False
    redirect_from: tuple[str, ...] = ()
    lines: dict[str, int] = field(default_factory=dict, compare=False, hash=False)
    #: Dated after the build's day: left out like a draft until a build on or after its date.
    scheduled: bool = False
    #: The slug of the series it is a part of ("" for none), and its authors' slugs (none: the
    #: site's author).
    series: str = ""
    authors: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        return label_for(self.docname)


@dataclass
class Parsed:
    """The result of parsing one file: a record, or the problems that stopped it."""

    article: Article | None
    problems: list[Problem]


def split_front_matter(text: str) -> tuple[str, int, str, int] | None:
    """Return (yaml text, its first line, body, body's first line), all 1-based.

    ``None`` means the file does not open with a ``---`` block.
    """
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].rstrip() != "---":
        return None
    for i in range(1, len(lines)):
        if lines[i].rstrip() in ("---", "..."):
            return "".join(lines[1:i]), 2, "".join(lines[i + 1 :]), i + 2
    return None


def parse_article(
    docname: str,
    path: str,
    text: str,
    categories: dict[str, str],
    tag_vocabulary: dict[str, str] | None = None,
    series: dict[str, dict] | None = None,
    authors: dict[str, dict] | None = None,
) -> Parsed:
    """Parse and validate one article's source text. A vocabulary that is None (tags, series,
    authors) is not checked: a tool that only needs numbers and titles reads every article."""
    problems: list[Problem] = []

    def problem(line: int, message: str) -> None:
        problems.append(Problem(path, line, message))

    parts = split_front_matter(text)
    if parts is None:
        problem(1, "no front matter: start the file with a '---' block like\n" + _EXAMPLE)
        return Parsed(None, problems)
    yaml_text, yaml_line, body, body_line = parts
    loaded = _load(yaml_text, yaml_line, problem)
    if loaded is None:
        return Parsed(None, problems)
    entries = loaded.entries

    def report(key: str, message: str) -> None:
        problem(entries[key].line if key in entries else yaml_line, message)

    _check_keys(entries, report)
    title = fields.text(entries, "title", report)
    summary = fields.text(entries, "summary", report)
    number = fields.number(entries, report)
    category = fields.category(entries, categories, report)
    date = fields.date(entries, report)
    tags = fields.tags(entries, tag_vocabulary, report)
    featured = fields.flag(entries, "featured", report)
    draft = fields.flag(entries, "draft", report)
    redirect_from = fields.old_pages(entries, report)
    in_series = fields.series(entries, series, report)
    written_by = fields.authors(entries, authors, report)
    for line in body_headings(body, body_line):
        problem(line, "a second title: the title comes from the front matter 'title' key, so "
                "the body must not have a level-one '# ' heading; make this a '## ' section")
    if not problems and not draft:
        _check_finished(summary, tags, body, body_line, report, problem)
    if problems:
        return Parsed(None, problems)
    lines = {key: entry.line for key, entry in entries.items()}
    return Parsed(
        Article(docname, title, number, category, date, summary, tags, featured, draft,
                redirect_from, lines, series=in_series, authors=written_by),
        problems,
    )


def _load(yaml_text: str, yaml_line: int, problem) -> Loaded | None:
    """The front matter's entries, or ``None`` once the reason it cannot be read is reported."""
    try:
        loaded = load_front_matter(yaml_text, yaml_line)
    except YamlRefused as exc:
        problem(exc.line, exc.message)
        return None
    except yaml.YAMLError as exc:
        # The context mark is where the broken construct starts, when YAML knows it.
        mark = getattr(exc, "context_mark", None) or getattr(exc, "problem_mark", None)
        line = yaml_line + mark.line if mark else yaml_line
        reason = getattr(exc, "problem", None) or str(exc)
        problem(line, f"front matter is not valid YAML ({shown(reason)[1:-1]}); check quoting "
                "and indentation, and quote values that contain ': ' or start with a symbol")
        return None
    if not loaded.is_mapping:
        problem(yaml_line, "front matter must be a mapping of 'key: value' lines, got "
                f"{type(loaded.other).__name__}; write it like\n" + _EXAMPLE)
        return None
    return loaded


def _check_keys(entries, report) -> None:
    for key in entries:
        if key not in ALLOWED_KEYS:
            near = closest(key, ALLOWED_KEYS)
            hint = f"did you mean '{near}'?" if near else "allowed keys: " + ", ".join(ALLOWED_KEYS)
            report(key, f"unknown front matter key {shown(key)}: {hint}")
    for key in REQUIRED_KEYS:
        if key not in entries:
            report(key, f"missing front matter key '{key}': add a '{key}:' line "
                   "(see the authoring guide, articles/README.md)")


def _check_finished(summary, tags, body, body_line, report, problem) -> None:
    """A published article carries none of the scaffold's placeholders, and some tags."""
    if summary == placeholders.SUMMARY:
        report("summary", "'summary' is still the scaffold's placeholder: write one or two "
               "sentences for the card, or keep 'draft: true'")
    if not tags:
        report("tags", "a published article needs at least one tag: list them as "
               "tags: [gpu, cost] from fieldnotes_tags in conf.py, or keep 'draft: true'")
    for line, message in unfinished(body, body_line):
        problem(line, message)
