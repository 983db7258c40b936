"""Turn an article's YAML front matter into a validated :class:`Article` record.

This is the only place article metadata is parsed and checked. It knows nothing
of Sphinx, so the rules are tested with plain pytest.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from fieldnotes.errors import Problem, closest, did_you_mean, unknown_category

#: Keys an article may set, with the type each value must have.
REQUIRED_KEYS = ("title", "number", "category", "date", "summary")
OPTIONAL_KEYS = ("tags", "featured", "draft", "redirect_from")
ALLOWED_KEYS = REQUIRED_KEYS + OPTIONAL_KEYS
SUMMARY_MAX_CHARS = 400
TITLE_MAX_CHARS = 160

# libyaml's parser when PyYAML was built with it: the catalog parses every article each build.
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
OLD_PAGE = re.compile(r"^\w[\w-]*(/\w[\w.-]*)*$")  # no '..', no leading '/'
_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
_EXAMPLE = """\
---
title: How We Sized Our GPU Fleet
number: 19
category: gpu-compute
date: 2026-01-31
summary: One or two sentences that appear on the card.
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

    @property
    def label(self) -> str:
        return label_for(self.docname)


def label_for(docname: str) -> str:
    """The stable cross-reference label: the file name without its number."""
    return re.sub(r"^\d+-", "", docname.rsplit("/", 1)[-1])


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


def body_headings(body: str, first_line: int) -> list[int]:
    """Lines of level-one ATX headings in the body, ignoring fenced code."""
    found, fence = [], None
    for offset, line in enumerate(body.splitlines()):
        match = _FENCE.match(line)
        if match and fence is None:
            fence = match.group(1)[0] * len(match.group(1))
        elif fence is not None and line.strip().startswith(fence):
            fence = None
        elif fence is None and re.match(r"^\s{0,3}#(\s|$)", line):
            found.append(first_line + offset)
    return found


def _yaml_lines(yaml_text: str, first_line: int) -> dict[str, int]:
    """Map each top-level key to the line it is written on."""
    try:
        node = yaml.compose(yaml_text, Loader=_SAFE_LOADER)
    except yaml.YAMLError:
        return {}
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {
        str(key.value): first_line + key.start_mark.line
        for key, _ in node.value
        if isinstance(key, yaml.ScalarNode)
    }


def parse_article(
    docname: str,
    path: str,
    text: str,
    categories: dict[str, str],
    tag_vocabulary: dict[str, str] | None = None,
) -> Parsed:
    """Parse and validate one article's source text."""
    problems: list[Problem] = []

    def problem(line: int, message: str) -> None:
        problems.append(Problem(path, line, message))

    parts = split_front_matter(text)
    if parts is None:
        problem(1, "no front matter: start the file with a '---' block like\n" + _EXAMPLE)
        return Parsed(None, problems)
    yaml_text, yaml_line, body, body_line = parts
    try:
        data = yaml.load(yaml_text, Loader=_SAFE_LOADER)  # noqa: S506 (a safe loader)
    except yaml.YAMLError as exc:
        # The context mark is where the broken construct starts, when YAML knows it.
        mark = getattr(exc, "context_mark", None) or getattr(exc, "problem_mark", None)
        line = yaml_line + mark.line if mark else yaml_line
        reason = getattr(exc, "problem", None) or str(exc)
        problem(line, f"front matter is not valid YAML ({reason}); check quoting and "
                "indentation, and quote values that contain ': ' or start with a symbol")
        return Parsed(None, problems)
    except ValueError as exc:
        # YAML reads 2026-13-45 as a date and fails building it, outside its own errors.
        problem(_yaml_lines(yaml_text, yaml_line).get("date", yaml_line),
                f"'date' is not a real date ({exc}); write an ISO date like 2026-01-31")
        return Parsed(None, problems)
    if not isinstance(data, dict):
        problem(yaml_line, "front matter must be a mapping of 'key: value' lines, got "
                f"{type(data).__name__}; write it like\n" + _EXAMPLE)
        return Parsed(None, problems)

    lines = _yaml_lines(yaml_text, yaml_line)
    line_of = lambda key: lines.get(key, yaml_line)  # noqa: E731

    for key in data:
        if str(key) not in ALLOWED_KEYS:
            near = closest(str(key), ALLOWED_KEYS)
            hint = f"did you mean '{near}'?" if near else "allowed keys: " + ", ".join(ALLOWED_KEYS)
            problem(line_of(str(key)), f"unknown front matter key '{key}': {hint}")
    for key in REQUIRED_KEYS:
        if key not in data:
            problem(yaml_line, f"missing front matter key '{key}': add a '{key}:' line "
                    "(see the authoring guide, articles/README.md)")

    title = _text(data, "title", line_of, problem, TITLE_MAX_CHARS)
    summary = _text(data, "summary", line_of, problem, SUMMARY_MAX_CHARS)
    number = _number(data, line_of, problem, yaml_text, yaml_line)
    category = _category(data, categories, line_of, problem)
    date = _date(data, line_of, problem)
    tags = _tags(data, tag_vocabulary, line_of, problem)
    featured = _flag(data, "featured", line_of, problem)
    draft = _flag(data, "draft", line_of, problem)
    redirect_from = _old_paths(data, line_of, problem)

    for line in body_headings(body, body_line):
        problem(line, "a second title: the title comes from the front matter 'title' key, so "
                "the body must not have a level-one '# ' heading; make this a '## ' section")

    if problems:
        return Parsed(None, problems)
    return Parsed(
        Article(docname, title, number, category, date, summary, tags, featured, draft,
                redirect_from, lines),
        problems,
    )


def _text(data, key, line_of, problem, limit) -> str:
    value = data.get(key)
    if key not in data:
        return ""
    if not isinstance(value, str):
        problem(line_of(key), f"'{key}' must be text, got {_kind(value)}; quote it")
        return ""
    value = " ".join(value.split())
    if not value:
        problem(line_of(key), f"'{key}' is empty: write one or two sentences")
    elif len(value) > limit:
        problem(line_of(key), f"'{key}' is {len(value)} characters long; keep it under "
                f"{limit} so it fits on a card")
    return value


def _number(data, line_of, problem, yaml_text, yaml_line) -> int:
    if "number" not in data:
        return 0
    value = data["number"]
    raw = yaml_text.splitlines()[line_of("number") - yaml_line].split(":", 1)[-1].strip()
    if isinstance(value, bool) or not isinstance(value, int):
        problem(line_of("number"), f"'number' must be a whole number like 7, got {_kind(value)}")
        return 0
    if raw.startswith("0") and raw != "0":
        problem(line_of("number"), f"'number' is written as {raw}: write it without a leading "
                f"zero, as {value}; the site pads it to two digits itself")
    if value < 1:
        problem(line_of("number"), f"'number' must be 1 or more, got {value}")
    return value


def _category(data, categories, line_of, problem) -> str:
    value = data.get("category")
    if "category" in data and value not in categories:
        problem(line_of("category"), unknown_category(value, categories))
    return value if isinstance(value, str) else ""


def _date(data, line_of, problem) -> dt.date:
    value = data.get("date")
    if "date" not in data:
        return dt.date.min
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    problem(line_of("date"), f"'date' must be an ISO date like 2026-01-31, got {value!r}")
    return dt.date.min


def _tags(data, vocabulary, line_of, problem) -> tuple[str, ...]:
    value = data.get("tags", [])
    if not isinstance(value, list) or not all(isinstance(t, str) for t in value):
        problem(line_of("tags"), f"'tags' must be a list of words like [gpu, cost], got {_kind(value)}")
        return ()
    for tag in value:
        if vocabulary is not None and tag not in vocabulary:
            problem(line_of("tags"), f"unknown tag '{tag}': {did_you_mean(tag, vocabulary)}use a tag from "
                    "fieldnotes_tags in conf.py, or add it there")
    if len(set(value)) != len(value):
        problem(line_of("tags"), "'tags' lists the same tag twice; list each once")
    return tuple(value)


def _old_paths(data, line_of, problem) -> tuple[str, ...]:
    """Where the article used to be, as pages without '.html': articles/03-old-name."""
    value = data.get("redirect_from", [])
    value = [value] if isinstance(value, str) else value
    if isinstance(value, list) and all(isinstance(p, str) and OLD_PAGE.match(p) for p in value):
        return tuple(p.removesuffix(".html") for p in value)
    problem(line_of("redirect_from"), "'redirect_from' must list the article's old pages "
            f"inside the site, like [articles/03-old-name], got {_kind(value)}")
    return ()


def _flag(data, key, line_of, problem) -> bool:
    value = data.get(key, False)
    if not isinstance(value, bool):
        problem(line_of(key), f"'{key}' must be true or false, got {_kind(value)}")
        return False
    return value


def _kind(value: Any) -> str:
    if value is None:
        return "nothing"
    return f"{type(value).__name__} {value!r}"
