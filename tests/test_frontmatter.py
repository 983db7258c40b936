"""Front matter rules, tested without Sphinx."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from fieldnotes.catalog import build_catalog
from fieldnotes.frontmatter import parse_article

CATEGORIES = {"open-source": "Open Source", "gpu-compute": "GPU & Compute"}
TAGS = {"gpu": "GPU", "cost": "Cost"}
VALID = """\
---
title: Sizing a GPU
number: 3
category: gpu-compute
date: 2026-11-25
summary: Memory first, then throughput.
tags: [gpu, cost]
---

Body text.
"""


def parse(text: str):
    return parse_article("articles/03-gpu", "articles/03-gpu.md", text, CATEGORIES, TAGS)


def with_line(old: str, new: str) -> str:
    assert old in VALID
    return VALID.replace(old, new)


def test_valid_front_matter_becomes_a_record():
    parsed = parse(VALID)
    assert parsed.problems == []
    article = parsed.article
    assert (article.title, article.number, article.category) == ("Sizing a GPU", 3, "gpu-compute")
    assert article.date == dt.date(2026, 11, 25)
    assert article.tags == ("gpu", "cost")
    assert article.label == "gpu"
    assert not article.draft and not article.featured


@pytest.mark.parametrize(
    ("text", "line", "expected"),
    [
        (with_line("title: Sizing a GPU", "title: [unclosed"), 2, "not valid YAML"),
        ("---\n- just\n- a list\n---\n", 2, "must be a mapping"),
        ("No front matter here.\n", 1, "no front matter"),
        (with_line("tags: [gpu, cost]", "tags: [gpu, cost]\nsumary: typo"), 8, "did you mean 'summary'"),
        (with_line("title: Sizing a GPU", "title: 42"), 2, "'title' must be text"),
        (with_line("number: 3", "number: 07"), 3, "without a leading zero"),
        (with_line("number: 3", "number: '3'"), 3, "must be a whole number"),
        (with_line("number: 3", "number: 0"), 3, "must be 1 or more"),
        (with_line("number: 3", "number: -4"), 3, "must be 1 or more"),
        (with_line("date: 2026-11-25", "date: 25/11/2026"), 5, "ISO date like 2026-01-31"),
        (with_line("date: 2026-11-25", "date: 2026-13-45"), 5, "not a real date"),
        (with_line("title: Sizing a GPU", "title: !!python/object:os.system x"), 2, "not valid YAML"),
        (with_line("category: gpu-compute", "category: gpus"), 4, "use one of: open-source (Open Source)"),
        (with_line("summary: Memory first, then throughput.", "summary: ''"), 6, "'summary' is empty"),
        (with_line("summary: Memory first, then throughput.", "summary: " + "x" * 401), 6, "keep it under 400"),
        (with_line("tags: [gpu, cost]", "tags: gpu"), 7, "'tags' must be a list"),
        (with_line("tags: [gpu, cost]", "tags: [gpus]"), 7, "did you mean 'gpu'"),
        (with_line("title: Sizing a GPU\n", ""), 2, "missing front matter key 'title'"),
        (with_line("Body text.", "# A second title\n\nBody text."), 10, "make this a '## ' section"),
        (VALID + "featured: yes please\n", 2, None),
    ],
)
def test_bad_front_matter_names_line_and_fix(text, line, expected):
    parsed = parse(text)
    if expected is None:  # text after the closing '---' is body, not metadata
        assert parsed.problems == []
        return
    assert parsed.article is None
    messages = [p for p in parsed.problems if expected in p.message]
    assert messages, [str(p) for p in parsed.problems]
    assert messages[0].line == line
    assert str(messages[0]).startswith(f"articles/03-gpu.md:{line}: ")


def test_code_fence_hash_lines_are_not_titles():
    text = VALID.replace("Body text.", "```python\n# a comment\n```")
    assert parse(text).problems == []


def test_duplicates_across_files_name_both(tmp_path: Path):
    first = tmp_path / "01-a.md"
    second = tmp_path / "02-b.md"
    first.write_text(VALID, encoding="utf-8")
    second.write_text(VALID.replace("Sizing a GPU", "Another"), encoding="utf-8")
    catalog = build_catalog({"articles/01-a": first, "articles/02-b": second}, CATEGORIES, TAGS)
    [problem] = catalog.problems
    assert problem.path == str(second) and problem.line == 3
    assert str(first) in problem.message and "next free number" in problem.message
    assert set(catalog.articles) == {"articles/01-a", "articles/02-b"}


def test_duplicate_titles_are_caught(tmp_path: Path):
    first, second = tmp_path / "01-a.md", tmp_path / "02-b.md"
    first.write_text(VALID, encoding="utf-8")
    second.write_text(VALID.replace("number: 3", "number: 4").replace("GPU", "gpu", 1), encoding="utf-8")
    catalog = build_catalog({"articles/01-a": first, "articles/02-b": second}, CATEGORIES, TAGS)
    assert ["duplicate title" in p.message for p in catalog.problems] == [True]


def test_non_utf8_file_is_a_problem_not_a_crash(tmp_path: Path):
    path = tmp_path / "03-gpu.md"
    path.write_bytes(VALID.encode("utf-8") + b"\n\xff\xfe broken\n")
    catalog = build_catalog({"articles/03-gpu": path}, CATEGORIES, TAGS)
    [problem] = catalog.problems
    assert problem.line == 12 and "not UTF-8" in problem.message and "re-save" in problem.message
