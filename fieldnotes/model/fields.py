"""The rule for each front matter value: its type, its form, and what to write instead."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import TYPE_CHECKING, Any

from fieldnotes.model.errors import did_you_mean, shown, unknown_category
from fieldnotes.model.reserved import reserved_slug

if TYPE_CHECKING:
    from collections.abc import Callable

    from fieldnotes.model.yamlsafe import Entry

    Report = Callable[[str, str], None]  # (key, message): the problem is put on that key's line

SUMMARY_MAX_CHARS = 400
TITLE_MAX_CHARS = 160
# A MyST role ({name}`text`) or substitution ({{ name }}): front matter titles are plain text.
_MARKUP = re.compile(r"\{[^\s{}`]+\}`|\{\{")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# Characters that break a page or a feed, or fold a line: controls (tab and newlines are
# whitespace and collapse into spaces), lone surrogates, line separators, XML's non-characters.
_REFUSED_CATEGORIES = ("Cc", "Cs", "Zl", "Zp")
_HARMLESS = "\t\n\r"


def refused_character(text: str) -> str | None:
    """The first character a text value may not contain, if any."""
    for char in text:
        if char in "\ufffe\uffff" or (
            char not in _HARMLESS and unicodedata.category(char) in _REFUSED_CATEGORIES
        ):
            return char
    return None


def _clean(key: str, value: str, report: Report) -> bool:
    char = refused_character(value)
    if char is not None:
        report(key, f"{key!r} contains the control character U+{ord(char):04X}, which breaks "
               "pages and feeds; remove it (YAML escapes like \\x1b or \\0 write one)")
    return char is None


def text(entries: dict[str, Entry], key: str, report: Report) -> str:
    """A title or a summary: one line of plain text, not too long."""
    if key not in entries:
        return ""
    value = entries[key].value
    if not isinstance(value, str):
        report(key, f"'{key}' must be text, got {kind(value)}; quote it")
        return ""
    if not _clean(key, value, report):
        return ""
    value = " ".join(value.split())
    limit = TITLE_MAX_CHARS if key == "title" else SUMMARY_MAX_CHARS
    if not value:
        report(key, f"'{key}' is empty: " + ("write a title" if key == "title"
                                              else "write one or two sentences"))
    elif len(value) > limit:
        report(key, f"'{key}' is {len(value)} characters long; keep it under {limit} so it "
               "fits on a card")
    elif key == "title" and _MARKUP.search(value):
        report(key, "'title' is plain text, so MyST roles like {eval-rst}`...` and {{ }} "
               "substitutions are not read there; write the words themselves")
    return value


def number(entries: dict[str, Entry], report: Report) -> int:
    if "number" not in entries:
        return 0
    entry = entries["number"]
    value, raw = entry.value, (entry.raw or "").strip()
    if isinstance(value, bool) or not isinstance(value, int) or entry.quoted:
        report("number", f"'number' must be a whole number like 7, got {kind(value)}")
        return 0
    if not re.fullmatch(r"[-+]?[0-9]+", raw):
        report("number", f"'number' is written as {shown(raw)}: write it in plain digits, "
               "like 7")
        return 0
    digits = int(raw, 10)
    if raw.lstrip("-+").startswith("0") and digits != 0:
        # YAML reads 010 as the octal 8; the author meant ten.
        report("number", f"'number' is written as {raw}: write it without a leading zero, as "
               f"{digits}; the site pads it to two digits itself")
    elif digits < 1:
        report("number", f"'number' must be 1 or more, got {digits}")
    return digits


def _one_slug(entries: dict[str, Entry], key: str, example: str, report: Report) -> str | None:
    """The key's value when it is text, else None (reported when it is something else)."""
    if key not in entries:
        return None
    value = entries[key].value
    if not isinstance(value, str):
        report(key, f"'{key}' must be one slug like {example}, got {kind(value)}; write a single "
               "slug without brackets")
        return None
    return value


def category(entries: dict[str, Entry], categories: dict[str, str], report: Report) -> str:
    value = _one_slug(entries, "category", "gpu-compute", report)
    if value is None:
        return ""
    if _clean("category", value, report) and value not in categories:
        report("category", unknown_category(value, categories))
    elif reserved_slug(value):
        report("category", f"the category {shown(value)} takes the name of "
               f"{reserved_slug(value)}; rename the category in fieldnotes_categories in conf.py")
    return value


def date(entries: dict[str, Entry], report: Report) -> dt.date:
    if "date" not in entries:
        return dt.date.min
    value = entries["date"].value
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and entries["date"].quoted and _ISO_DATE.fullmatch(value):
        report("date", f"'date' is quoted, so YAML reads it as text: drop the quotes and "
               f"write date: {value}")
    else:
        report("date", f"'date' must be an ISO date like 2026-01-31, got {shown(value)}")
    return dt.date.min


def tags(entries: dict[str, Entry], vocabulary: dict[str, str] | None,
         report: Report) -> tuple[str, ...]:
    value = entries["tags"].value if "tags" in entries else []
    if not isinstance(value, list) or not all(isinstance(t, str) for t in value):
        report("tags", f"'tags' must be a list of words like [gpu, cost], got {kind(value)}")
        return ()
    if not all(_clean("tags", tag, report) for tag in value):
        return ()
    for tag in value:
        if vocabulary is not None and tag not in vocabulary:
            report("tags", f"unknown tag {shown(tag)}: {did_you_mean(tag, vocabulary)}use a "
                   "tag from fieldnotes_tags in conf.py, or add it there")
    for tag in filter(reserved_slug, value):
        report("tags", f"the tag {shown(tag)} takes the name of {reserved_slug(tag)}, so it "
               "could have no page of its own: choose another tag")
    if len(set(value)) != len(value):
        report("tags", "'tags' lists the same tag twice; list each once")
    return tuple(value)


def series(entries: dict[str, Entry], known: dict[str, dict] | None, report: Report) -> str:
    """The one series the article is a part of, by its slug in fieldnotes_series (any slug
    when ``known`` is None)."""
    value = _one_slug(entries, "series", "gpu-fleet", report)
    if value is None:
        return ""
    if _clean("series", value, report) and known is not None and value not in known:
        choices = ", ".join(known) or "none yet"
        report("series", f"unknown series {shown(value)}: {did_you_mean(value, known)}use a "
               f"series from fieldnotes_series in conf.py ({choices}), or add it there")
    return value


def authors(entries: dict[str, Entry], known: dict[str, dict] | None,
            report: Report) -> tuple[str, ...]:
    """Who wrote the article, by their slugs in fieldnotes_authors: one or a list (any slugs
    when ``known`` is None)."""
    if "authors" not in entries:
        return ()
    value = entries["authors"].value
    value = [value] if isinstance(value, str) else value
    if not isinstance(value, list) or not value or not all(isinstance(a, str) for a in value):
        report("authors", "'authors' must be one slug or a list of slugs like [jagadesh], got "
               f"{kind(entries['authors'].value)}")
        return ()
    if not all(_clean("authors", slug, report) for slug in value):
        return ()
    if known is None:
        return tuple(value)
    if not known:
        report("authors", "'authors' names people from fieldnotes_authors in conf.py, which "
               "is not set: add them there, or remove this line")
        return ()
    for slug in value:
        if slug not in known:
            report("authors", f"unknown author {shown(slug)}: {did_you_mean(slug, known)}use "
                   f"an author from fieldnotes_authors in conf.py ({', '.join(known)}), or add "
                   "them there")
    if len(set(value)) != len(value):
        report("authors", "'authors' lists the same author twice; list each once")
    return tuple(value)


def flag(entries: dict[str, Entry], key: str, report: Report) -> bool:
    value = entries[key].value if key in entries else False
    if not isinstance(value, bool):
        report(key, f"'{key}' must be true or false, got {kind(value)}")
        return False
    return value


#: An old page inside the site, as written in redirect_from: no '..', no leading '/'.
OLD_PAGE = re.compile(r"^\w[\w-]*(/\w[\w.-]*)*$")


def old_pages(entries: dict[str, Entry], report: Report) -> tuple[str, ...]:
    """Where the article used to be, as pages without '.html': articles/03-old-name."""
    value = entries["redirect_from"].value if "redirect_from" in entries else []
    value = [value] if isinstance(value, str) else value
    if isinstance(value, list) and all(isinstance(p, str) and OLD_PAGE.match(p) for p in value):
        return tuple(p.removesuffix(".html") for p in value)
    report("redirect_from", "'redirect_from' must list the article's old pages inside the site, "
           f"like [articles/03-old-name], got {kind(value)}")
    return ()


def kind(value: Any) -> str:
    """A value as messages describe it: its type and a bounded repr."""
    if value is None:
        return "nothing"
    return f"{type(value).__name__} {shown(value)}"
