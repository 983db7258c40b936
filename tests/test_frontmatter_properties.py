"""Properties of the front matter and file name rules over hostile input, with Hypothesis:
never an exception, always either a valid article or problems that name the file and a line
within it."""

from __future__ import annotations

import re
import shutil
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from fieldnotes.model.catalog import build_catalog
from fieldnotes.model.fields import refused_character
from fieldnotes.model.filenames import slug_of
from fieldnotes.model.frontmatter import ALLOWED_KEYS, parse_article
from tests.building import build
from tests.test_frontmatter import CATEGORIES, TAGS, VALID

PATH = "articles/03-gpu.md"
FAST = settings(max_examples=150, deadline=None, database=None)

# Text with everything YAML and the site find hard: controls, surrogates, separators, accents.
hostile_text = st.text(st.characters(codec=None, exclude_categories=()), max_size=40)
scalars = (st.none() | st.booleans() | st.integers() | st.floats() | hostile_text
           | st.dates() | st.sampled_from(["gpu", "cost", "gpu-compute", "2026-01-31", "010", "~"]))
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4)
                      | st.dictionaries(hostile_text | st.sampled_from(ALLOWED_KEYS), inner, max_size=4),
                      max_leaves=12)
front_matter = st.dictionaries(st.sampled_from(ALLOWED_KEYS) | hostile_text, values, max_size=10)


def _assert_article_or_located_problems(parsed_problems, article, text: str, path: str) -> None:
    last_line = max(1, len(text.splitlines()))
    for problem in parsed_problems:
        assert problem.path == path
        assert 1 <= problem.line <= last_line, (problem, last_line)
        assert refused_character(problem.message) is None and len(problem.message) < 1500
    assert (article is None) == bool(parsed_problems)


@FAST
@given(front_matter, hostile_text)
def test_any_yaml_mapping_gives_an_article_or_located_problems(data, body):
    text = "---\n" + yaml.safe_dump(data, allow_unicode=True) + "---\n" + body
    parsed = parse_article("articles/03-gpu", PATH, text, CATEGORIES, TAGS)
    _assert_article_or_located_problems(parsed.problems, parsed.article, text, PATH)


@FAST
@given(hostile_text, st.sampled_from(ALLOWED_KEYS))
@example(raw="\ud800", key="title")  # a lone surrogate once reached libyaml's UTF-8 encoder
def test_any_text_in_any_key_gives_an_article_or_located_problems(raw, key):
    # Written as the author would type it, unquoted, and as a YAML double-quoted escape.
    for written in (raw, '"' + raw.encode("unicode_escape").decode("ascii").replace('"', '\\"') + '"'):
        text = re.sub(rf"(?m)^{key}:.*$", lambda _, w=written: f"{key}: {w}", VALID) \
            if f"\n{key}:" in VALID else VALID.replace("---\n\n", f"{key}: {written}\n---\n\n")
        parsed = parse_article("articles/03-gpu", PATH, text, CATEGORIES, TAGS)
        _assert_article_or_located_problems(parsed.problems, parsed.article, text, PATH)
        if parsed.article:
            for value in (parsed.article.title, parsed.article.summary, *parsed.article.tags):
                assert refused_character(value) is None


@FAST
@given(st.text(max_size=300))
def test_any_front_matter_text_gives_located_problems(raw):
    text = f"---\n{raw}\n---\n\nBody.\n"
    parsed = parse_article("articles/03-gpu", PATH, text, CATEGORIES, TAGS)
    _assert_article_or_located_problems(parsed.problems, parsed.article, text, PATH)


file_names = st.text(st.characters(codec=None, exclude_characters="/"), min_size=1, max_size=30)


@FAST
@given(st.lists(file_names, min_size=1, max_size=5, unique=True))
def test_any_file_names_give_unique_slug_articles_or_located_problems(names):
    with tempfile.TemporaryDirectory() as folder:
        sources = {}
        for i, name in enumerate(names):
            path = Path(folder) / f"{i}.md"
            path.write_text(VALID.replace("number: 3", f"number: {i + 1}")
                            .replace("Sizing a GPU", f"Sizing GPU {i}"), encoding="utf-8")
            sources[f"articles/{name}"] = path
        catalog = build_catalog(sources, CATEGORIES, TAGS)
    for docname in sources:
        problems = [p for p in catalog.problems if p.path == str(sources[docname])]
        assert all(p.line == 1 for p in problems)
        assert (docname in catalog.articles) != bool(problems)
    valid = list(catalog.articles)
    assert all(re.fullmatch(r"articles/[0-9]{2,}-[a-z0-9]+(-[a-z0-9]+)*", d) for d in valid)
    assert len({slug_of(d) for d in valid}) == len(valid)


ROOT = Path(__file__).parent / "roots/test-minisite"
TARGET = "articles/04-queue-design.md"


@settings(max_examples=4, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(["title", "summary", "category", "tags", "date"]),
       st.one_of(hostile_text, values), st.text(st.characters(codec=None), max_size=30))
def test_a_build_never_gives_a_traceback_and_every_warning_names_file_and_line(key, value, body):
    with tempfile.TemporaryDirectory() as folder:
        src = Path(shutil.copytree(ROOT, Path(folder) / "src"))
        path = src / TARGET
        text = path.read_text(encoding="utf-8")
        line = yaml.safe_dump({key: value}, allow_unicode=True, width=1000).strip()
        text = re.sub(rf"(?m)^{key}:.*$", lambda _: line, text)
        # Lone surrogates cannot be saved as UTF-8; an editor would write a replacement.
        path.write_text(text + "\n" + body + "\n", encoding="utf-8", errors="replace")
        out, warnings = build(src)
        plain = re.sub(r"\x1b\[[0-9;]*m", "", warnings)
        assert "Traceback" not in plain and "Exception occurred" not in plain
        for warning in (w for w in plain.splitlines() if "WARNING" in w or "ERROR" in w):
            assert re.match(rf"{re.escape(str(src))}/\S+:\d+: (WARNING|ERROR)", warning), warning
        assert (out / "index.html").is_file()
