"""Every article is a full piece: length, cross-references, code, tags, a voice of its own."""

from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

import pytest
import yaml

from fieldnotes.checks.editorial import editorial_problems, rules_from
from fieldnotes.config import load_substitutions
from fieldnotes.model.frontmatter import parse_article
from tests.articletext import prose, runnables, split, words
from tests.building import read_only_soup
from tests.seed import seed_cards
from tests.siteconf import REPO
from tests.sitepages import published_articles

ARTICLES = sorted((REPO / "articles").glob("[0-9]*.md"))
PLACEHOLDERS = re.compile(r"\b(lorem|ipsum|todo|tbd|fixme|coming soon)\b", re.I)
FENCE = re.compile(r"^(`{3,}|~{3,}).*?^\1\s*$", re.M | re.S)


CONF = __import__("runpy").run_path(str(REPO / "conf.py"))
RULES = rules_from(CONF)
ARTICLE_DOCS = {f"articles/{p.stem}" for p in ARTICLES}


def _article(path: Path):
    text = path.read_text(encoding="utf-8")
    parsed = parse_article(f"articles/{path.stem}", str(path), text, CONF["fieldnotes_categories"],
                           CONF["fieldnotes_tags"])
    assert parsed.problems == []
    return parsed.article, text


def test_the_site_turns_the_editorial_rules_on():
    assert RULES.words and RULES.sections and RULES.references and RULES.tags and RULES.code
    assert RULES.bold_leads == BOLD_LEADS_PER_ARTICLE
    assert {word.lower() for word in RULES.placeholders} >= {"lorem", "todo", "tbd", "fixme"}


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.stem[:2])
def test_article_is_complete(path):
    article, text = _article(path)
    assert editorial_problems(article, str(path), text, ARTICLE_DOCS, RULES) == []
    assert not PLACEHOLDERS.search(text)


def test_tags_come_from_the_shared_vocabulary_and_are_reused():
    vocabulary = CONF["fieldnotes_tags"]
    used: dict[str, int] = {}
    for path in ARTICLES:
        tags = split(path)[0]["tags"]
        assert set(tags) <= set(vocabulary), path.name
        for tag in tags:
            used[tag] = used.get(tag, 0) + 1
    assert sum(count > 1 for count in used.values()) >= len(used) // 2


def _article_links(real_site: Path, path: Path) -> set[str]:
    page = read_only_soup(real_site, f"articles/{path.stem}.html")
    body = page.select_one("article[role=main]")
    hrefs = {a["href"].split("#")[0] for a in body.select("a.reference.internal")}
    return {h for h in hrefs if re.fullmatch(r"\d\d-[\w-]+\.html", h) and h != f"{path.stem}.html"}


# Drafts and articles scheduled for a later day have no page to read the links of.
@pytest.mark.parametrize("path", [REPO / f"{a.docname}.md" for a in published_articles()],
                         ids=lambda p: p.stem[:2])
def test_cross_references_resolve(real_site, path):
    links = _article_links(real_site, path)
    for link in links:
        assert (real_site / "articles" / link).is_file()
    assert len(links) >= RULES.references, links


# -- Runnable examples: a {.runnable} python block prints exactly its {.output} block. --

EXAMPLES = [example for path in ARTICLES for example in runnables(path)]
# The articles whose self-contained arithmetic and code must stay runnable.
MUST_RUN = {"02", "03", "04", "06", "12", "13", "14", "18"}


def test_articles_that_teach_by_arithmetic_keep_runnable_examples():
    # Those of them the site still has: an article may be retired.
    kept = MUST_RUN & {path.stem[:2] for path in ARTICLES}
    assert kept and {example.path.stem[:2] for example in EXAMPLES} >= kept


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda e: f"{e.path.stem[:2]}-line{e.line}")
def test_runnable_example_prints_what_the_article_says(example, tmp_path):
    result = subprocess.run([sys.executable, "-I", "-c", example.code], cwd=tmp_path,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    printed = [line.rstrip() for line in result.stdout.rstrip("\n").split("\n")]
    stated = [line.rstrip() for line in example.expected.rstrip("\n").split("\n")]
    assert printed == stated


# -- Shared figures come from the fact sheet and are never typed in by hand. --

SHEET = REPO / "articles" / "SERIES.md"
FACTS = yaml.safe_load(SHEET.read_text(encoding="utf-8").split("---\n")[1])["substitutions"]
# Figures short or common enough to appear in other senses; the rest must never be typed.
LITERAL_OK = {"airflow_age", "serving_age"}


def _body_outside_code(path: Path) -> str:
    body = split(path)[1]
    return "\n".join(line for line in re.sub(r"^(`{3,}).*?^\1\s*$", "", body, flags=re.M | re.S)
                     .split("\n") if not line.startswith("#"))


def test_the_build_uses_the_fact_sheet():
    conf = __import__("runpy").run_path(str(REPO / "conf.py"))
    assert REPO / conf["fieldnotes_substitutions_file"] == SHEET
    found, problems = load_substitutions(str(SHEET), SHEET.read_text(encoding="utf-8"))
    assert (found, problems) == ({name: str(value) for name, value in FACTS.items()}, [])


def test_every_shared_figure_is_used_by_two_articles_and_every_use_is_defined():
    used: dict[str, set[str]] = defaultdict(set)
    for path in ARTICLES:
        for name in re.findall(r"\{\{\s*(\w+)\s*\}\}", _body_outside_code(path)):
            used[name].add(path.stem[:2])
    assert set(used) <= set(FACTS), set(used) - set(FACTS)
    assert {name: sorted(used[name]) for name in FACTS if len(used[name]) < 2} == {}


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.stem[:2])
def test_no_article_types_a_shared_figure_by_hand(path):
    text = _body_outside_code(path).lower()
    typed = {name: value for name, value in FACTS.items()
             if name not in LITERAL_OK and str(value).lower() in text}
    assert typed == {}, "write {{ name }} instead of the figure"


# -- A voice, not a template. --

PHRASE = 8


def _phrases(text: str) -> set[tuple[str, ...]]:
    tokens = words(text)
    return {tuple(tokens[i:i + PHRASE]) for i in range(len(tokens) - PHRASE + 1)}


def test_no_eight_word_phrase_appears_in_more_than_two_articles():
    seed_words = set()
    for card in seed_cards():
        seed_words |= _phrases(f"{card.title} {card.summary}")
    counts: Counter[tuple[str, ...]] = Counter()
    for path in ARTICLES:
        counts.update(_phrases(prose(split(path)[1])) - seed_words)
    repeated = sorted(" ".join(phrase) for phrase, count in counts.items() if count > 2)
    assert repeated == []


def test_no_closing_heading_ends_more_than_three_articles():
    endings = Counter(re.findall(r"^## (.+)$", split(path)[1], re.M)[-1].strip().lower()
                      for path in ARTICLES)
    assert [heading for heading, count in endings.items() if count > 3] == []


# A bold phrase at the head of a list item is for reference lists a reader scans, not a habit.
BOLD_LEAD = re.compile(r"^[ \t]*(?:[-*+]|\d+[.)])[ \t]+\*\*", re.M)
BOLD_LEADS_PER_ARTICLE = 6


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.stem[:2])
def test_bold_lead_bullets_stay_rare(path):
    body = FENCE.sub("", split(path)[1])
    assert len(BOLD_LEAD.findall(body)) <= BOLD_LEADS_PER_ARTICLE


# -- An article's shape follows its kind, as the fact sheet assigns it. --

KINDS = yaml.safe_load(SHEET.read_text(encoding="utf-8").split("---\n")[1])["kinds"]
TABLE_RULE = re.compile(r"^\|(?:\s*:?-{3,}:?\s*\|)+\s*$", re.M)


def _shape_problems(kind: str, body: str) -> list[str]:
    headings = [h.lower() for h in re.findall(r"^## (.+)$", FENCE.sub("", body), re.M)]
    if kind == "post-mortem":
        return [part for part in ("timeline", "impact", "action items")
                if not any(part in heading for heading in headings)]
    if kind == "comparison":
        return [] if TABLE_RULE.search(FENCE.sub("", body)) else ["no decision table"]
    if kind == "opinion":
        found = any(re.search(r"\bcase (against|for)\b", heading) for heading in headings)
        return [] if found else ["no section for the strongest case against"]
    if kind == "how-to":
        before_second = re.split(r"^## ", body, maxsplit=2, flags=re.M)[:2]
        return [] if FENCE.search("## ".join(before_second)) else ["configuration not first"]
    return []


# A kind is optional: an article the fact sheet does not list has no shape rule, so adding an
# article never needs an edit of the fact sheet.
def test_each_kind_is_known_and_names_an_article():
    assert set(KINDS) <= {split(p)[0]["number"] for p in ARTICLES}
    assert set(KINDS.values()) <= {"post-mortem", "comparison", "opinion", "how-to", "map"}


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.stem[:2])
def test_structure_follows_the_kind(path):
    meta, body = split(path)
    if meta["number"] in KINDS:
        assert _shape_problems(KINDS[meta["number"]], body) == []


# -- The rules above, for one article: a new article is held to all of them. --

def article_rule_problems(path: Path, article_docs: set[str]) -> list[str]:
    """What the site's per-article rules find wrong with ``path`` ([] when none)."""
    article, text = _article(path)
    found = [p.message for p in editorial_problems(article, str(path), text, article_docs, RULES)]
    if PLACEHOLDERS.search(text):
        found.append("placeholder text")
    figures = _body_outside_code(path)
    found += [f"typed {name}" for name, value in FACTS.items()
              if name not in LITERAL_OK and str(value).lower() in figures.lower()]
    found += [f"unknown figure {name}" for name in re.findall(r"\{\{\s*(\w+)\s*\}\}", figures)
              if name not in FACTS]
    if len(BOLD_LEAD.findall(FENCE.sub("", split(path)[1]))) > BOLD_LEADS_PER_ARTICLE:
        found.append("too many bold-lead list items")
    return found
