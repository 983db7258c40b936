"""Front matter rules, tested without Sphinx."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from fieldnotes.model import placeholders
from fieldnotes.model.catalog import build_catalog
from fieldnotes.model.fields import refused_character
from fieldnotes.model.frontmatter import parse_article
from fieldnotes.scaffold import new_article

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
    first = tmp_path / "03-a.md"
    second = tmp_path / "03-b.md"
    first.write_text(VALID, encoding="utf-8")
    second.write_text(VALID.replace("Sizing a GPU", "Another"), encoding="utf-8")
    catalog = build_catalog({"articles/03-a": first, "articles/03-b": second}, CATEGORIES, TAGS)
    [problem] = catalog.problems
    assert problem.path == str(second) and problem.line == 3
    assert str(first) in problem.message and "next free number" in problem.message
    assert set(catalog.articles) == {"articles/03-a", "articles/03-b"}


def test_duplicate_titles_are_caught(tmp_path: Path):
    first, second = tmp_path / "03-a.md", tmp_path / "04-b.md"
    first.write_text(VALID, encoding="utf-8")
    second.write_text(VALID.replace("number: 3", "number: 4").replace("GPU", "gpu", 1), encoding="utf-8")
    catalog = build_catalog({"articles/03-a": first, "articles/04-b": second}, CATEGORIES, TAGS)
    assert ["duplicate title" in p.message for p in catalog.problems] == [True]


def test_non_utf8_file_is_a_problem_not_a_crash(tmp_path: Path):
    path = tmp_path / "03-gpu.md"
    path.write_bytes(VALID.encode("utf-8") + b"\n\xff\xfe broken\n")
    catalog = build_catalog({"articles/03-gpu": path}, CATEGORIES, TAGS)
    [problem] = catalog.problems
    assert problem.line == 12 and "not UTF-8" in problem.message and "re-save" in problem.message


BOMB = "".join(f"{n}: &{n} [{', '.join(['*' + p if p else 'lol'] * 9)}]\n"
               for p, n in zip(["", "a", "b", "c", "d", "e", "f", "g", "h"], "abcdefghi"))


# Each case: the front matter (or whole file) as written, the line the problem must name, and
# words of its fix.
HOSTILE = {
    "alias-bomb-in-title": (with_line("title: Sizing a GPU", BOMB + "title: *i"), 2, "anchor or alias"),
    "alias-in-tags": (with_line("tags: [gpu, cost]", "tags: &t [gpu]\nfeatured: *t"), 7, "anchor or alias"),
    "deep-nesting": (with_line("tags: [gpu, cost]", "tags: " + "[" * 40 + "]" * 40), 7, "more than 10 deep"),
    "duplicate-key": (with_line("summary: Memory", "title: Other\nsummary: Memory"), 6, "written twice (first on line 2)"),
    "nested-duplicate-key": (with_line("tags: [gpu, cost]", "tags: [{a: 1, a: 2}]"), 7, "written twice"),
    "category-list": (with_line("category: gpu-compute", "category: [gpu-compute]"), 4, "without brackets"),
    "category-mapping": (with_line("category: gpu-compute", "category: {a: 1}"), 4, "without brackets"),
    "escape-in-title": (with_line("title: Sizing a GPU", r'title: "Sizing \x1b[31m a GPU"'), 2, "U+001B"),
    "nul-in-summary": (with_line("summary: Memory first, then throughput.", r'summary: "Memory\0 first"'), 6, "U+0000"),
    "escape-in-tag": (with_line("tags: [gpu, cost]", r'tags: ["gpu\e"]'), 7, "U+001B"),
    "escape-in-category": (with_line("category: gpu-compute", r'category: "gpu\x7f"'), 4, "U+007F"),
    "line-separator-in-title": (with_line("title: Sizing a GPU", r'title: "Sizing\u2028a GPU"'), 2, "U+2028"),
    "number-010": (with_line("number: 3", "number: 010"), 3, "as 10;"),
    "number-hex": (with_line("number: 3", "number: 0x10"), 3, "plain digits"),
    "number-sexagesimal": (with_line("number: 3", "number: 1:20"), 3, "plain digits"),
    "number-huge": (with_line("number: 3", "number: 1" + "0" * 5000), 3, "YAML cannot read"),
    "quoted-date": (with_line("date: 2026-11-25", 'date: "2026-11-25"'), 5, "drop the quotes and write date: 2026-11-25"),
    "blank-title": (with_line("title: Sizing a GPU", 'title: "   "'), 2, "'title' is empty: write a title"),
    "role-in-title": (with_line("title: Sizing a GPU", 'title: "Sizing {eval-rst}`:code:`x`` GPUs"'), 2, "plain text"),
    "key-not-a-word": (with_line("tags: [gpu, cost]", "tags: [gpu]\n? [a, b]\n: c"), 8, "plain word"),
    "placeholder-summary": (with_line("summary: Memory first, then throughput.",
                                      "summary: " + placeholders.SUMMARY), 6, "scaffold's placeholder"),
    "empty-tags": (with_line("tags: [gpu, cost]", "tags: []"), 7, "at least one tag"),
    "missing-tags": (with_line("tags: [gpu, cost]\n", ""), 2, "at least one tag"),
    "placeholder-opening": (with_line("Body text.", placeholders.OPENING + "\n\nBody text."), 10, "opening placeholder"),
    "empty-section": (with_line("Body text.", "Body text.\n\n## Context\n\n## Results\n\nText."), 12,
                      "'## Context' is empty"),
    "empty-last-section": (with_line("Body text.", "Body text.\n\n## Results\n\nText.\n\n### Later\n"), 16,
                           "'### Later' is empty"),
}


@pytest.mark.parametrize("case", HOSTILE)
def test_hostile_or_unfinished_front_matter_is_refused_with_line_and_fix(case):
    text, line, expected = HOSTILE[case]
    parsed = parse(text)
    assert parsed.article is None
    messages = [p for p in parsed.problems if expected in p.message]
    assert messages, [str(p) for p in parsed.problems]
    assert messages[0].line == line
    # Messages quote values shortened, and never a raw control character.
    assert all(len(p.message) < 600 and refused_character(p.message) is None for p in parsed.problems)


def test_a_section_with_only_subsections_is_not_empty():
    text = with_line("Body text.", "Body text.\n\n## Results\n\n### First\n\nText.\n\n```\n## not a heading\n```")
    assert parse(text).problems == []


def test_drafts_may_keep_the_scaffolds_placeholders(tmp_path: Path):
    path = new_article(tmp_path, "Sizing a GPU", "gpu-compute", CATEGORIES, TAGS)
    draft = path.read_text(encoding="utf-8")
    assert parse(draft).problems == []
    published = [p.message for p in parse(draft.replace("draft: true\n", "")).problems]
    assert ["placeholder" in m for m in published[:3]] == [True, False, True]
    assert "at least one tag" in published[1]
    assert len([m for m in published if "is empty" in m]) == len(placeholders.SECTIONS)


def _catalog(tmp_path: Path, names: dict[str, str], **kwargs):
    """Write each docname's text under tmp_path and build the catalog of them."""
    sources = {}
    for docname, text in names.items():
        path = tmp_path / f"{docname}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        sources[docname] = path
    return build_catalog(sources, CATEGORIES, TAGS, **kwargs), sources


@pytest.mark.parametrize(
    ("docname", "fix"),
    [
        ("articles/19-GPU-Notes", "rename it to 19-gpu-notes.md"),
        ("articles/19-café", "rename it to 19-cafe.md"),
        ("articles/19-with space", "rename it to 19-with-space.md"),
        ("articles/gpu_notes", "rename it to NN-gpu-notes.md"),
        ("articles/7-gpu", "rename it to 07-gpu.md"),
        ("articles/drafts/19-gpu-notes", "move this file to articles/19-gpu-notes.md"),
    ],
)
def test_file_names_are_lower_case_slugs_directly_in_articles(tmp_path: Path, docname, fix):
    catalog, sources = _catalog(tmp_path, {docname: VALID.replace("Sizing a GPU", "Not a slug")})
    [problem] = catalog.problems
    assert (problem.path, problem.line) == (str(sources[docname]), 1)
    assert fix in problem.message
    assert catalog.articles == {}


def test_front_matter_in_a_subfolder_is_checked_too(tmp_path: Path):
    catalog, _ = _catalog(tmp_path, {"articles/old/19-gpu": with_line("category: gpu-compute", "category: gpus")})
    assert ["move this file" in p.message or "unknown category" in p.message
            for p in catalog.problems] == [True, True]


def test_labels_are_unique_after_slugging_and_the_first_file_owns_it(tmp_path: Path):
    catalog, sources = _catalog(tmp_path, {
        "articles/37-foo-bar": VALID.replace("number: 3", "number: 37"),
        "articles/38-Foo-Bar": VALID.replace("number: 3", "number: 38").replace("Sizing", "Other"),
        "articles/39-foo-bar": VALID.replace("number: 3", "number: 39").replace("Sizing", "Third"),
    })
    clashes = [p for p in catalog.problems if "already used by" in p.message]
    assert [p.path for p in clashes] == [str(sources["articles/38-Foo-Bar"]), str(sources["articles/39-foo-bar"])]
    assert all(str(sources["articles/37-foo-bar"]) in p.message for p in clashes)
    assert set(catalog.articles) == {"articles/37-foo-bar"}
    assert catalog.label_owners == {"foo-bar": "articles/37-foo-bar"}


def test_a_link_out_of_the_project_is_never_read(tmp_path: Path):
    secret = tmp_path / "outside.md"
    secret.write_text(VALID.replace("Sizing a GPU", "SECRET-TITLE").replace("cost]", "SECRET-TAG]"))
    root = tmp_path / "site"
    (root / "articles").mkdir(parents=True)
    link = root / "articles/03-gpu.md"
    link.symlink_to(secret)
    inside = root / "articles/04-inside.md"
    inside.symlink_to(root / "kept.md")
    (root / "kept.md").write_text(VALID.replace("number: 3", "number: 4").replace("Sizing", "Kept"))
    catalog = build_catalog({"articles/03-gpu": link, "articles/04-inside": inside}, CATEGORIES, TAGS,
                            root=root)
    [problem] = catalog.problems
    assert (problem.path, problem.line) == (str(link), 1) and "outside the project" in problem.message
    assert "SECRET" not in problem.message
    assert catalog.unreadable == {"articles/03-gpu"} and set(catalog.articles) == {"articles/04-inside"}
