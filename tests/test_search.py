"""Search: what the Pagefind index holds, and what a reader finds on the search page in Chromium."""

from __future__ import annotations

import gzip
import json
import re
from contextlib import ExitStack
from pathlib import Path
from urllib.parse import quote, urljoin

import pytest

from fieldnotes.outputs import search
from fieldnotes.outputs.csp import HEADERS_FILE, WASM_SOURCE
from fieldnotes.outputs.search import INDEX_DIR, WORDS_FILE, fragments
from tests.browser import (
    PageLog,
    logged_turn,
    search_results,
    violation_recording_context,
)
from tests.building import build, read_only_soup, soup, touch_later
from tests.seed import shown
from tests.siteconf import fieldnotes_categories
from tests.sitepages import (
    code_words,
    other_forms,
    published_articles,
    punctuated_word,
    topic_words,
)

# One worker builds the module's fixture once (a module-scoped fixture is per worker).
pytestmark = pytest.mark.xdist_group("search")


def _indexed_urls(outdir: Path) -> set[str]:
    return {fragment["url"] for fragment in fragments(outdir / INDEX_DIR)}


def _make_draft(src: Path, doc: str = "articles/04-queue-design.md") -> None:
    path = src / doc
    path.write_text(path.read_text().replace("tags: [kafka]", "tags: [kafka]\ndraft: true"))
    touch_later(path)


# -- The index, without a browser --------------------------------------------------------------

def test_index_holds_published_articles_only(site, tmp_path, monkeypatch):
    src = site()
    _make_draft(src)
    monkeypatch.chdir(tmp_path)  # where Pagefind would write an index it was not told where to put
    out, warnings = build(src)
    assert warnings == ""
    published = {"/articles/01-overview.html", "/articles/02-model-choice.html",
                 "/articles/03-gpu-sizing.html"}
    # The listing pages, the tag pages and the draft are built, and none of them is indexed.
    built = {"/" + p.relative_to(out).as_posix() for p in out.rglob("*.html")}
    assert {"/index.html", "/tags/index.html", "/categories/infrastructure.html",
            "/articles/04-queue-design.html"} <= built
    assert _indexed_urls(out) == published
    assert "offsets" not in (out / INDEX_DIR / WORDS_FILE).read_text()  # a word of the draft only
    assert not (tmp_path / INDEX_DIR).exists()
    assert f"script-src 'self' {WASM_SOURCE} " in (out / HEADERS_FILE).read_text()


def test_an_article_turned_draft_leaves_the_index(built_site):
    src, out = built_site, built_site / "_build/html"
    assert "/articles/04-queue-design.html" in _indexed_urls(out)
    _make_draft(src)
    out, warnings = build(src)
    assert warnings == ""
    assert "/articles/04-queue-design.html" not in _indexed_urls(out)


def test_a_rebuild_reads_only_the_changed_pages_words_again(built_site, monkeypatch):
    """The typo fallback's vocabulary takes each unchanged page's words from the last build:
    a body edit reads one fragment again, and the words are those a clean build finds."""
    read: list[bytes] = []
    page_words = search._page_words
    monkeypatch.setattr(search, "_page_words", lambda data: read.append(data) or page_words(data))
    article = built_site / "articles/03-gpu-sizing.md"
    article.write_text(article.read_text().replace("Start from the memory", "Start from the "
                                                   "overcommitted memory"))
    touch_later(article)
    out, warnings = build(built_site)
    assert warnings == "" and len(read) == 1
    words = json.loads((out / INDEX_DIR / WORDS_FILE).read_text())
    assert "overcommitted" in words and words == search.vocabulary(out / INDEX_DIR)


def test_pagefind_runs_again_only_when_an_indexed_page_was_written_again(built_site, monkeypatch):
    runs: list[int] = []
    run = search._run_pagefind
    monkeypatch.setattr(search, "_run_pagefind", lambda *args: runs.append(1) or run(*args))
    index = built_site / "_build/html" / INDEX_DIR
    before = {p.name: p.read_bytes() for p in index.rglob("*") if p.is_file()}
    out, warnings = build(built_site)
    assert warnings == "" and runs == []
    assert {p.name: p.read_bytes() for p in index.rglob("*") if p.is_file()} == before
    _make_draft(built_site)
    out, warnings = build(built_site)
    assert warnings == "" and runs == [1]
    assert "/articles/04-queue-design.html" not in _indexed_urls(out)


def test_real_site_index_holds_every_published_article_and_nothing_else(real_site):
    assert _indexed_urls(real_site) == {f"/{a.docname}.html" for a in published_articles()}
    # Sphinx's own index is not written beside it.
    assert not (real_site / "searchindex.js").exists()


def test_every_index_file_is_whole(real_site):
    """Pagefind's files are gzip streams (and one JSON entry file): a cut-off file fails here."""
    index = real_site / INDEX_DIR
    entry = json.loads((index / "pagefind-entry.json").read_text())
    assert entry["languages"]["en"]["page_count"] == len(published_articles())
    compressed = [p for p in index.rglob("*") if p.suffix in (".pf_fragment", ".pf_index", ".pf_meta", ".pagefind")]
    assert len(compressed) > len(published_articles())
    for path in compressed:
        assert gzip.decompress(path.read_bytes()), path


def test_a_site_with_no_published_article_has_no_index_and_no_search_warning(site):
    src = site()
    for path in (src / "articles").glob("*.md"):
        path.write_text(path.read_text().replace("\n---\n", "\ndraft: true\n---\n", 1))
    out, warnings = build(src)
    assert "[fieldnotes.search]" not in warnings
    assert (out / "search.html").is_file() and not (out / INDEX_DIR).exists()
    # Without an index the policy does not allow WebAssembly.
    assert "wasm" not in (out / HEADERS_FILE).read_text()


def _header_text(real_site: Path, docname: str) -> str:
    header = read_only_soup(real_site, f"{docname}.html").select_one(".fn-article-header")
    return header.get_text(" ", strip=True)


def test_indexed_text_starts_at_the_title_and_leaves_out_the_header(real_site):
    by_url = {f["url"]: f for f in fragments(real_site / INDEX_DIR)}
    for article in published_articles():
        fragment = by_url[f"/{article.docname}.html"]
        assert fragment["meta"]["title"] == shown(article.title)
        assert fragment["content"].startswith(shown(article.title))
        header = _header_text(real_site, article.docname)
        assert header.split()[0] == fieldnotes_categories[article.category].split()[0]
        assert header not in fragment["content"]
        assert f"No. {article.number:02d}" not in fragment["content"]


def _normalised(text: str) -> str:
    return " ".join(text.split())


def test_code_and_diagrams_stay_out_of_the_index(real_site):
    """Excerpts come from the indexed text: code (and a diagram's source) is left out of it."""
    by_url = {f["url"]: _normalised(f["content"]) for f in fragments(real_site / INDEX_DIR)}
    checked = 0
    for article in published_articles():
        html = soup(real_site, f"{article.docname}.html")  # a copy of its own: code is cut out
        content = by_url[f"/{article.docname}.html"]
        blocks = html.select("div.highlight pre, pre.literal-block, pre.fn-diagram")
        code = [line for block in blocks for line in block.get_text().splitlines()]
        for block in blocks:
            block.decompose()
        prose = _normalised(html.select_one("article[role=main]").get_text(" "))
        for line in code:
            # A line the prose quotes too is in the index for the prose's sake.
            if len(line.split()) >= 3 and _normalised(line) not in prose:
                    checked += 1
                    assert _normalised(line) not in content, (article.docname, line)
    assert checked, "no code line of three words or more: this test checks nothing"


def test_the_index_holds_what_a_result_card_shows(real_site):
    by_url = {f["url"]: f["meta"] for f in fragments(real_site / INDEX_DIR)}
    for article in published_articles():
        meta = by_url[f"/{article.docname}.html"]
        assert meta == {"title": shown(article.title), "number": f"{article.number:02d}",
                        "category": fieldnotes_categories[article.category],
                        "category_slug": article.category, "summary": shown(article.summary)}, meta


def test_no_index_is_a_warning_that_says_what_to_install(site, tmp_path, monkeypatch):
    monkeypatch.setattr("pagefind_bin.get_executable", lambda: tmp_path / "no-such-binary")
    out, warnings = build(site())
    assert "the search index could not be built" in warnings
    assert "install the pinned requirements (pagefind-bin)" in warnings
    assert "[fieldnotes.search]" in warnings and "Traceback" not in warnings
    assert not (out / INDEX_DIR).exists()


# -- The search page in Chromium ---------------------------------------------------------------

@pytest.fixture(scope="module")
def search_tab(chromium):
    """The page the module's searches take turns in: after the first, a search reuses the
    renderer, its compiled WebAssembly and the index chunks. A search changes nothing a
    browser keeps."""
    with violation_recording_context(chromium) as context:
        yield context.new_page()


@pytest.fixture
def search_page(search_tab, site_server):
    """Open the search page for a query; the test's page log is checked after the test."""
    logs: list[PageLog] = []
    with ExitStack() as turn:

        def open_(query: str, server=site_server):
            logs.append(turn.enter_context(logged_turn(search_tab, server)))
            search_tab.goto(urljoin(server.url, f"search.html?q={quote(query)}"))
            return search_tab

        yield open_
    assert [log.problems() for log in logs] == [{}] * len(logs)


def _excerpts(page) -> list[str]:
    return page.eval_on_selector_all("#search-results .search li .fn-search-excerpt",
                                     "ps => ps.map(p => p.textContent)")


def _found_with_excerpts(search_page, query: str) -> list[tuple[str, object, str]]:
    """Each result's page, its article and its excerpt: every result shows one."""
    page = search_page(query)
    found = search_results(page)
    excerpts = _excerpts(page)
    assert len(excerpts) == len(found)
    by_path = {f"{a.docname}.html": a for a in published_articles()}
    return [(path, by_path[path], excerpt) for path, excerpt in zip(found, excerpts)]


def _topic(real_site: Path, digits: bool = False) -> tuple[str, str]:
    """A word that names one article, and that article (see `topic_words`); with `digits`,
    one with a digit in it (a model number, say) if any title has one."""
    words = topic_words(real_site)
    with_digits = [(word, page) for word, page in words if re.search(r"\d", word)]
    return (with_digits or words)[0] if digits else words[0]


@pytest.mark.parametrize("digits", [False, True], ids=["word", "word-with-digits"])
def test_the_article_about_it_comes_first(search_page, real_site, digits):
    query, article = _topic(real_site, digits)
    page = search_page(query)
    found = search_results(page)
    assert found[0] == article, (query, found)
    # Only articles: no home, category, tag or tags index page.
    published = {f"{a.docname}.html" for a in published_articles()}
    assert set(found) <= published and len(found) > 1
    assert page.locator("h1").count() == 1 and page.locator("h2").count() == 0


def test_excerpts_come_from_the_body_not_the_header(search_page, real_site):
    query, _ = _topic(real_site)
    results = _found_with_excerpts(search_page, query)
    assert len(results) > 1
    for _path, article, excerpt in results:
        assert query in excerpt.lower(), excerpt
        assert not excerpt.startswith(fieldnotes_categories[article.category]), excerpt
        assert f"No. {article.number:02d}" not in excerpt and " min read" not in excerpt, excerpt


def _pagefind_alone_finds(page, words: list[str]) -> list[list[str]]:
    """What Pagefind's own search, without the site's script around it, finds for each word."""
    return page.evaluate("""async (words) => {
        const pagefind = await import(new URL("pagefind/pagefind.js", document.baseURI).href);
        const found = [];
        for (const word of words) {
            const { results } = await pagefind.search(word);
            found.push(await Promise.all(results.map(async (r) => (await r.data()).url)));
        }
        return found;
    }""", words)


def test_a_word_finds_the_article_that_uses_another_form_of_it(search_page, real_site):
    # The first form Pagefind's stemming alone does not lead to its article: the site's
    # script has to look for the word's other forms.
    candidates = other_forms(real_site)
    page = search_page("")
    missed = [(form, word, article) for (form, word, article), urls in
              zip(candidates, _pagefind_alone_finds(page, [c[0] for c in candidates]))
              if f"/{article}" not in urls]
    assert missed, "every article's own word is found in any form by Pagefind alone"
    form, word, article = missed[0]
    assert article in search_results(search_page(form)), (form, word)


def _typos(word: str) -> dict[str, str]:
    middle = len(word) // 2
    return {"dropped": word[:middle] + word[middle + 1:],
            "swapped": word[:middle] + word[middle + 1] + word[middle] + word[middle + 2:],
            "changed": word[:middle] + ("x" if word[middle] != "x" else "z") + word[middle + 1:],
            "added": word[:middle] + "q" + word[middle:]}


@pytest.mark.parametrize("kind", ["dropped", "swapped", "changed", "added"])
def test_a_one_letter_typo_still_finds_the_article(search_page, real_site, kind):
    # A word that names one article, none of whose typos begins an indexed word.
    indexed = " ".join(f["content"].lower() for f in fragments(real_site / INDEX_DIR))
    word, article = next((word, page) for word, page in topic_words(real_site)
                         if len(word) >= 6 and word.isalpha() and not any(
                             re.search(rf"\b{typo}", indexed) for typo in _typos(word).values()))
    typo = _typos(word)[kind]
    page = search_page(typo)
    assert search_results(page)[0] == article, (word, typo)
    assert f"“{word}”" in page.locator(".search-summary").inner_text()


def test_search_works_under_the_content_security_policy(search_page, csp_site_server, real_site):
    query, article = _topic(real_site)
    page = search_page(query, server=csp_site_server)
    assert search_results(page)[0] == article
    assert page.evaluate("window.__violations") == []


def test_results_are_cards_with_number_category_title_and_summary(search_page, real_site):
    page = search_page(_topic(real_site)[0])
    found = search_results(page)
    by_path = {f"{a.docname}.html": a for a in published_articles()}
    cards = page.eval_on_selector_all("#search-results .search li", """items => items.map(li => ({
        classes: [...li.classList],
        number: li.querySelector('.fn-card-number')?.textContent,
        category: li.querySelector('.fn-card-category')?.textContent,
        title: li.querySelector('.fn-search-card-title a')?.textContent,
        summary: li.querySelector('.fn-search-card-summary')?.textContent}))""")
    assert len(cards) == len(found) > 1
    for path, card in zip(found, cards):
        article = by_path[path]
        assert card == {"classes": ["fn-search-card", f"fn-category-{article.category}"],
                        "number": f"{article.number:02d}", "title": shown(article.title),
                        "category": fieldnotes_categories[article.category],
                        "summary": shown(article.summary)}


def _code_text(real_site: Path, path: str) -> str:
    html = read_only_soup(real_site, path)
    return _normalised(" ".join(b.get_text(" ") for b in html.select("div.highlight pre, pre.fn-diagram")))


@pytest.mark.parametrize("kind", ["topic", "code", "code-again"])
def test_excerpts_are_prose_and_do_not_repeat_the_title(search_page, real_site, kind):
    # A topic word, and the two words most articles' code uses that prose uses too.
    query = {"topic": _topic(real_site)[0], "code": code_words(real_site)[0],
             "code-again": code_words(real_site)[1]}[kind]
    results = _found_with_excerpts(search_page, query)
    assert results
    for path, article, excerpt in results:
        text = _normalised(excerpt.strip("… "))
        assert text and article.title not in text and article.summary not in text, excerpt
        code = _code_text(real_site, path)
        words = text.split()
        runs = [" ".join(words[i:i + 5]) for i in range(len(words) - 4)]
        assert not [run for run in runs if run in code], (path, excerpt)


def test_highlights_are_whole_words_without_their_punctuation(search_page, real_site):
    page = search_page(punctuated_word(real_site))
    search_results(page)
    marks = page.eval_on_selector_all("#search-results .fn-search-excerpt mark", """marks => marks.map(m => [
        m.previousSibling?.textContent.slice(-1) ?? '', m.textContent, m.nextSibling?.textContent[0] ?? ''])""")
    assert marks
    word_character = re.compile(r"\w")
    for before, marked, after in marks:
        assert re.fullmatch(r"\w(.*\w)?", marked), marks
        assert not word_character.match(before) and not word_character.match(after), marks
    # The case that used to go wrong is among them: a word followed by a full stop or comma.
    assert any(after in ".,;:" and after for _, _, after in marks), marks


def test_the_results_page_has_a_labelled_search_form_of_its_own(search_page, search_tab, real_site):
    (first, _), (second, article) = topic_words(real_site)[:2]
    search_tab.set_viewport_size({"width": 375, "height": 800})
    try:
        page = search_page(first)
        search_results(page)
        field = page.get_by_label("Search the articles")
        assert field.is_visible() and field.input_value() == first
        assert page.locator("article[role=main] form input[name=q]").count() == 1
        field.fill(second.upper())
        field.press("Enter")
        page.wait_for_url(re.compile(rf"[?&]q={second.upper()}(&|$)"))
        assert search_results(page)[0] == article
        assert page.get_by_label("Search the articles").input_value() == second.upper()
    finally:
        search_tab.set_viewport_size({"width": 1280, "height": 800})
