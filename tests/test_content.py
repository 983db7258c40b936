"""Every article is a full piece: length, cross-references, code, tags, seed fidelity."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from tests.building import soup
from tests.seed import seed_cards
from tests.siteconf import REPO

ARTICLES = sorted((REPO / "articles").glob("[0-9]*.md"))
PLACEHOLDERS = re.compile(r"\b(lorem|ipsum|todo|tbd|fixme|coming soon)\b", re.I)
FENCE = re.compile(r"^(`{3,}|~{3,}).*?^\1\s*$", re.M | re.S)


def split(path: Path) -> tuple[dict, str]:
    _, meta, body = path.read_text(encoding="utf-8").split("---\n", 2)
    return yaml.safe_load(meta), body


def prose_words(body: str) -> int:
    return len(re.findall(r"[\w'’-]+", FENCE.sub("", body)))


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.stem[:2])
def test_article_is_complete(path):
    meta, body = split(path)
    assert 1500 <= prose_words(body) <= 3000, prose_words(body)
    assert FENCE.search(body), "no code block"
    assert not PLACEHOLDERS.search(path.read_text(encoding="utf-8"))
    headings = re.findall(r"^## (.+)$", body, re.M)
    assert len(headings) >= 3
    assert re.search(r"what i.d do differently|takeaways", headings[-1], re.I), headings[-1]


def test_titles_summaries_and_categories_are_the_seeds_word_for_word():
    seeds = {card.number: card for card in seed_cards()}
    names = __import__("runpy").run_path(str(REPO / "conf.py"))["fieldnotes_categories"]
    assert [split(p)[0]["number"] for p in ARTICLES] == list(range(1, 19))
    for path in ARTICLES[1:]:
        meta, _ = split(path)
        seed = seeds[meta["number"]]
        assert (meta["title"], meta["summary"], names[meta["category"]]) == (
            seed.title, seed.summary, seed.category)


def test_tags_come_from_the_shared_vocabulary_and_are_reused():
    vocabulary = __import__("runpy").run_path(str(REPO / "conf.py"))["fieldnotes_tags"]
    used: dict[str, int] = {}
    for path in ARTICLES:
        tags = split(path)[0]["tags"]
        assert 3 <= len(tags) <= 6 and set(tags) <= set(vocabulary), path.name
        for tag in tags:
            used[tag] = used.get(tag, 0) + 1
    assert sum(count > 1 for count in used.values()) >= len(used) // 2


def _article_links(real_site: Path, path: Path) -> set[str]:
    page = soup(real_site, f"articles/{path.stem}.html")
    body = page.select_one("article[role=main]")
    hrefs = {a["href"].split("#")[0] for a in body.select("a.reference.internal")}
    return {h for h in hrefs if re.fullmatch(r"\d\d-[\w-]+\.html", h) and h != f"{path.stem}.html"}


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.stem[:2])
def test_cross_references_resolve(real_site, path):
    links = _article_links(real_site, path)
    for link in links:
        assert (real_site / "articles" / link).is_file()
    if path == ARTICLES[0]:
        assert links == {f"{p.stem}.html" for p in ARTICLES[1:]}
    else:
        assert len(links) >= 3, links
