"""Facts the browser tests look for, computed from the real site's sources and its build."""

from __future__ import annotations

import functools
import re
from collections import Counter
from pathlib import Path

from bs4 import BeautifulSoup

from fieldnotes.integrations.sphinx import excluded_by
from fieldnotes.model.catalog import build_catalog
from fieldnotes.outputs.search import INDEX_DIR, fragments
from tests import siteconf
from tests.siteconf import REPO

MISSING_PATH = "no-such-page/"
# Every page type of the site; the browser tests visit each.
PAGE_TYPES = ["home", "category", "article", "tag", "tags-index", "search", "404", "genindex"]


@functools.cache
def _catalog():
    excluded = excluded_by(siteconf.exclude_patterns)
    sources = {f"articles/{p.stem}": p for p in (REPO / "articles").glob("*.md")
               if not excluded(f"articles/{p.name}")}
    return build_catalog(sources, siteconf.fieldnotes_categories, siteconf.fieldnotes_tags)


# Read once a test run: tests never write the site's own articles.
@functools.cache
def published_articles() -> tuple:
    """The articles a reader sees, in number order, as the extension orders them: no drafts
    and none scheduled for a later day."""
    return tuple(_catalog().published(siteconf.fieldnotes_show_drafts))


@functools.cache
def draft_pages() -> frozenset[str]:
    """The pages of draft articles: built, so links to them work, but listed nowhere."""
    return frozenset(f"{a.docname}.html" for a in _catalog().articles.values() if a.draft)


def _main_text(page: Path) -> tuple[str, str]:
    """The page's title and the words of its main content, without code, title or header."""
    html = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    main = html.select_one("article[role=main]")
    title = html.select_one("h1")
    for noise in main.select("pre, h1, .fn-article-header, .headerlink"):
        noise.decompose()
    return (title.get_text(" ", strip=True) if title else ""), main.get_text(" ", strip=True)


# Worked out once a run for each built site (reading every page takes a second): the tests
# that ask only read the site.
@functools.cache
def _page_texts(outdir: Path) -> dict[str, tuple[str, str]]:
    """Each listed page's title and main text, by its path in the site."""
    texts = {}
    for page in sorted(outdir.rglob("*.html")):
        name = page.relative_to(outdir).as_posix()
        if name not in ("search.html", "genindex.html", "404.html"):
            texts[name] = _main_text(page)
    return texts


@functools.cache
def _indexed(outdir: Path) -> dict[str, tuple[str, str]]:
    """Each page's title and text as the search index holds them, by its path in the site."""
    return {f["url"].lstrip("/"): (f["meta"]["title"], f["content"])
            for f in fragments(outdir / INDEX_DIR)}


@functools.cache
def body_only_word(outdir: Path) -> tuple[str, str]:
    """A word that appears in exactly one page's body, an article's, and in no title at all."""
    texts = _page_texts(outdir)
    titles = set().union(*(re.findall(r"[a-z]+", title.lower()) for title, _ in texts.values()))
    words_by_page = {name: set(re.findall(r"\b[a-z]{9,}\b", text.lower()))
                     for name, (_, text) in texts.items()}
    for page, words in sorted(words_by_page.items()):
        if not page.startswith("articles/"):
            continue
        others = set().union(*(w for p, w in words_by_page.items() if p != page))
        unique = sorted(words - others - titles)
        if unique:
            return unique[0], page
    raise AssertionError("no article has a word of its own: the search test needs one")


def _words(text: str) -> list[str]:
    """Words as search splits them: runs of letters and digits, with a letter among them."""
    return [w for w in re.findall(r"[^\W_]+", text.lower()) if re.search(r"[^\W\d_]", w)]


@functools.cache
def topic_words(outdir: Path) -> list[tuple[str, str]]:
    """Words that name one article: each in that article's title alone, used in its body at
    least twice as often as in any other page's, and in the body of another article too (so a
    search for it finds more than one). Those in most articles first; each with its article."""
    texts = _indexed(outdir)
    counts = {name: Counter(_words(text)) for name, (_, text) in texts.items()}
    in_titles = Counter(w for title, _ in texts.values() for w in set(_words(title)))
    found = []
    for name, (title, _) in texts.items():
        for word in sorted(set(_words(title))):
            others = [c[word] for page, c in counts.items() if page != name]
            if (len(word) >= 3 and in_titles[word] == 1 and counts[name][word] >= 2 * max(others)
                    and any(others)):
                found.append((word, name))
    found.sort(key=lambda found_: (-sum(1 for c in counts.values() if c[found_[0]]), found_))
    assert found, "no article's title has a word that is its own: the search tests need one"
    return found


# Endings of words that take -ing in place of their e: rebalance, rotate, serialise.
VERB_ENDINGS = ("ance", "ence", "ate", "ise", "ize", "ure", "ute", "ide", "ode")


@functools.cache
def other_forms(outdir: Path) -> list[tuple[str, str, str]]:
    """Forms of its words an article does not use (rebalancing, where it says rebalance):
    (the form, the word it uses, the article), for each."""
    found = []
    for name, (_, text) in sorted(_indexed(outdir).items()):
        words = set(_words(text))
        found += [(word[:-1] + "ing", word, name) for word in sorted(words)
                  if len(word) >= 6 and word.endswith(VERB_ENDINGS) and word[:-1] + "ing" not in words]
    return found


@functools.cache
def punctuated_word(outdir: Path) -> str:
    """A word that some article uses once, straight before a full stop or comma, and that
    another article uses too: an excerpt of that article must show the word and its stop."""
    texts = _indexed(outdir)
    for word in sorted({w for _, text in texts.values() for w in _words(text) if len(w) >= 4 and w.isalpha()}):
        pattern = re.compile(rf"(?<![^\W_]){re.escape(word)}(?![^\W_])", re.I)
        having = [text for _, text in texts.values() if pattern.search(text)]
        if len(having) >= 2 and any(
                len(hits := list(pattern.finditer(text))) == 1 and text[hits[0].end():][:1] in ".,"
                for text in having):
            return word
    raise AssertionError("no article uses a word once before a full stop: a search test needs one")


@functools.cache
def code_words(outdir: Path) -> list[str]:
    """Words in the code of the most articles that some article's prose uses too: a search
    for one could take its excerpt from code."""
    prose = set().union(*(_words(text) for _, text in _indexed(outdir).values()))
    in_code = Counter()
    for page in sorted((outdir / "articles").glob("*.html")):
        html = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        code = " ".join(pre.get_text(" ") for pre in html.select("div.highlight pre"))
        in_code.update({w for w in _words(code) if len(w) >= 4} & prose)
    assert in_code, "no article has code whose words its prose uses: a search test needs one"
    return [word for word, _ in in_code.most_common()]


def page_paths(outdir: Path) -> dict[str, str]:
    """A URL path, relative to the site root, for each of PAGE_TYPES."""
    first_category = next(iter(siteconf.fieldnotes_categories))
    first_article = published_articles()[0]
    word, _ = body_only_word(outdir)
    paths = {"home": "index.html", "category": f"categories/{first_category}.html",
             "article": f"{first_article.docname}.html", "tag": f"tags/{first_article.tags[0]}.html",
             "tags-index": "tags/index.html", "search": f"search.html?q={word}",
             "404": MISSING_PATH, "genindex": "genindex.html"}
    assert list(paths) == PAGE_TYPES
    return paths
