"""Readers' features on built sites: feeds, tags, related, meta, sitemap, 404, search, e-book."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from xml.etree import ElementTree as ET

import feedparser
from bs4 import BeautifulSoup
from protego import Protego
from sphinx.search.en import SearchEnglish

from fieldnotes.outputs.search import INDEX_DIR, fragments
from tests.atom import A, atom_problems
from tests.building import (
    build,
    card_titles,
    read_only_feed,
    read_only_soup,
    soup,
    strict_cli_build,
)
from tests.seed import shown
from tests.siteconf import (
    REPO,
    fieldnotes_author,
    fieldnotes_categories,
    fieldnotes_feed_length,
    fieldnotes_tags,
)
from tests.sitepages import draft_pages, published_articles

BASE = "https://fieldnotes.example.org/"
# What a reader sees: neither drafts nor articles scheduled for a later day.
ARTICLES = published_articles()


def feed_files(out: Path) -> list[Path]:
    return sorted((out / "feeds").rglob("*.xml"))


def test_every_feed_is_valid_atom_and_parses(real_site):
    files = feed_files(real_site)
    used_tags = {tag for article in ARTICLES for tag in article.tags}
    assert len(files) == 1 + len(fieldnotes_categories) + len(used_tags)
    for path in files:
        url = BASE + path.relative_to(real_site).as_posix()
        xml = path.read_bytes()
        assert atom_problems(xml, url) == [], path
        parsed = read_only_feed(path)
        assert not parsed.bozo, (path, parsed.get("bozo_exception"))


def test_main_feed_holds_the_newest_articles_with_full_text(real_site):
    parsed = read_only_feed(real_site / "feeds/atom.xml")
    assert len(parsed.entries) == min(len(ARTICLES), fieldnotes_feed_length)
    by_link = {BASE + f"{a.docname}.html": a for a in ARTICLES}
    assert [e.title for e in parsed.entries] == [by_link[e.link].title for e in parsed.entries]
    dates = [by_link[e.link].date for e in parsed.entries]
    assert dates == sorted(dates, reverse=True)
    # What the cap leaves out is never newer than what it keeps.
    in_feed = {e.link for e in parsed.entries}
    assert all(a.date <= dates[-1] for link, a in by_link.items() if link not in in_feed)
    entry = parsed.entries[-1]
    article = by_link[entry.link]
    assert entry.id == f"tag:fieldnotes.example.org,{article.date.isoformat()}:{article.label}"
    # The whole article body as its page shows it, and nothing of the page around it. A page of
    # its own: the titles are taken out of it.
    body = soup(real_site, f"{article.docname}.html").select_one("article[role=main] > section")
    for title in body.select("h1, .headerlink"):
        title.decompose()
    content = BeautifulSoup(entry.content[0].value, "html.parser")
    assert _words(content) == _words(body)


def _words(html) -> str:
    return " ".join(html.get_text(" ").split())


def test_category_and_tag_feeds_hold_exactly_their_articles(real_site):
    assert ARTICLES
    feeds = {f"feeds/category/{slug}.xml": [a for a in ARTICLES if a.category == slug]
             for slug in fieldnotes_categories}
    feeds.update({f"feeds/tag/{tag}.xml": [a for a in ARTICLES if tag in a.tags]
                  for tag in {tag for a in ARTICLES for tag in a.tags}})
    for feed, articles in feeds.items():
        newest = sorted(articles, key=lambda a: a.date, reverse=True)[:fieldnotes_feed_length]
        got = [e.title for e in read_only_feed(real_site / feed).entries]
        assert len(got) == len(newest), feed
        assert {a.title for a in articles if a.date > newest[-1].date} <= set(got) <= {
            a.title for a in articles}, feed


def test_every_page_links_the_feed_in_its_head(real_site):
    built_pages = sorted(real_site.rglob("*.html"))
    assert len(built_pages) > len(ARTICLES)
    for page in built_pages:
        links = read_only_soup(real_site, page.relative_to(real_site).as_posix()).select(
            'head link[rel="alternate"][type="application/atom+xml"]')
        assert BASE + "feeds/atom.xml" in [link["href"] for link in links], page


def test_drafts_never_reach_a_feed_and_summary_mode_omits_content(site):
    src = site()
    path = src / "articles/04-queue-design.md"
    path.write_text(path.read_text().replace("tags: [kafka]", "tags: [kafka]\ndraft: true"))
    out, warnings = build(src, fieldnotes_feed_content="summary", fieldnotes_show_drafts=True)
    assert warnings == ""
    for feed in feed_files(out):
        root = ET.parse(feed).getroot()
        assert "Designing the Queue" not in [t.text for t in root.iter(f"{A}title")], feed
        assert root.find(f"{A}entry/{A}content") is None
    assert "Designing the Queue" not in (out / "sitemap.xml").read_text()


def test_each_tag_page_lists_its_articles_and_the_index_counts_them(real_site):
    tagged: dict[str, list[str]] = {}
    for article in ARTICLES:
        for tag in article.tags:
            tagged.setdefault(tag, []).append(article.title)
    index = read_only_soup(real_site, "tags/index.html")
    counts = {pill.select_one("a").get_text(strip=True): pill.select_one(".fn-tag-count").get_text(strip=True)
              for pill in index.select(".fn-tag-cloud > li")}
    assert counts == {fieldnotes_tags[t]: str(len(v)) for t, v in tagged.items()}
    for tag, titles in tagged.items():
        cards = card_titles(real_site, f"tags/{tag}.html")
        assert cards == [shown(a.title) for a in ARTICLES if tag in a.tags]
        assert len(titles) == len(cards)


def test_article_header_links_its_tags(real_site):
    article = max(ARTICLES, key=lambda a: len(a.tags))
    assert article.tags
    page = read_only_soup(real_site, f"{article.docname}.html")
    header = page.select_one(".fn-article-header")
    links = {a.get_text(): a["href"] for a in header.select(".fn-article-header-tags a")}
    assert links == {fieldnotes_tags[tag]: f"../tags/{tag}.html" for tag in article.tags}


def test_related_articles_share_tags_or_category_and_never_self(real_site):
    by_title = {shown(a.title): a for a in ARTICLES}
    for article in ARTICLES:
        page = read_only_soup(real_site, f"{article.docname}.html")
        items = page.select(".fn-related li a")
        kin = [a for a in ARTICLES if a != article
               and (set(a.tags) & set(article.tags) or a.category == article.category)]
        assert len(items) == min(len(kin), 3), article.docname
        related = [by_title[a.select_one(".fn-related-title").get_text()] for a in items]
        assert article not in related and set(related) <= set(kin)
        shared = [len(set(article.tags) & set(r.tags)) for r in related]
        assert shared == sorted(shared, reverse=True), article.docname
        for item, other in zip(items, related):
            assert (real_site / "articles" / item["href"]).is_file()


def test_meta_and_json_ld_escape_hostile_values(site):
    src = site()
    title = 'Queue </script><script>alert(1)</script> "quoted" & <b>'
    summary = 'Ends a tag: "/><script>alert(2)</script>'
    path = src / "articles/04-queue-design.md"
    text = path.read_text().replace("title: Designing the Queue", f"title: '{title}'")
    path.write_text(text.replace("summary: Consumers that commit after work.", f"summary: '{summary}'"))
    out, warnings = build(src)
    assert warnings == ""
    raw = (out / "articles/04-queue-design.html").read_text()
    assert "<script>alert" not in raw
    page = soup(out, "articles/04-queue-design.html")
    [ld] = page.select('script[type="application/ld+json"]')
    data = json.loads(ld.string)
    assert data["@type"] == "BlogPosting" and data["headline"] == title
    assert data["description"] == summary and data["author"]["name"] == fieldnotes_author["name"]
    assert data["datePublished"] == "2026-11-25" and data["dateModified"] >= "2026-11-25"
    assert page.select_one('meta[property="og:description"]')["content"] == summary
    assert page.select_one('meta[property="og:title"]')["content"] == title
    assert page.select_one('meta[name="description"]')["content"] == summary
    assert page.select_one('meta[property="og:type"]')["content"] == "article"
    assert page.select_one('meta[name="twitter:card"]')["content"] == "summary_large_image"
    assert page.select_one('meta[property="og:image:alt"]')["content"].endswith(title)
    person = json.loads(soup(out, "index.html").select_one('script[type="application/ld+json"]').string)
    assert person["@type"] == "Person" and person["jobTitle"] == "VP of Engineering"


def test_sitemap_lists_every_page_once_with_the_base_url(real_site):
    root = ET.parse(real_site / "sitemap.xml").getroot()
    locs = [loc.text for loc in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert len(locs) == len(set(locs)) and locs == sorted(locs)
    pages = {p.relative_to(real_site).as_posix() for p in real_site.rglob("*.html")}
    pages -= {"search.html", "genindex.html", "404.html", *draft_pages()}
    assert set(locs) == {BASE + p for p in pages}


def test_404_links_work_from_any_depth(real_site):
    page = read_only_soup(real_site, "404.html")
    links = [a["href"] for a in page.select("a[href]") if not a["href"].startswith(("#", "https:"))]
    assets = [t.get("href") or t.get("src") for t in page.select("link[href], script[src]")]
    assert links and assets
    assert [url for url in links if not url.startswith("/")] == []
    for url in links + [a for a in assets if a.startswith("/")]:
        target = real_site / url.split("?")[0].split("#")[0].lstrip("/")
        assert target.exists() or (target / "index.html").exists(), url


def _stems(text: str) -> set[str]:
    stem = SearchEnglish({}).stem
    # Each word once: the articles repeat their words, and stemming is the slow part.
    return {stem(w) for w in set(re.findall(r"[a-z]+", text.lower()))}


def _source(article) -> str:
    return (REPO / f"{article.docname}.md").read_text(encoding="utf-8")


def _body_only_word(article) -> str | None:
    """A word in this article's prose whose stem no other article, title or summary has."""
    others = _stems(" ".join(_source(a) for a in ARTICLES if a != article))
    others |= _stems(article.title + " " + article.summary)
    body = _source(article).split("---\n", 2)[2]
    # Code blocks are not indexed: a word found only in one is not searchable.
    body = re.sub(r"^(`{3,}|~{3,}).*?^\1", "", body, flags=re.S | re.M)
    stem = SearchEnglish({}).stem
    for word in sorted(set(re.findall(r"\b[a-z]{7,}\b", body.lower()))):
        if stem(word) not in others:
            return word
    return None


def test_search_index_holds_a_body_only_word_in_its_article_alone(real_site):
    texts = {f["url"]: f["content"].lower() for f in fragments(real_site / INDEX_DIR)}
    # The first two articles that have such a word (stemming every article is slow).
    checked = 0
    for article in ARTICLES:
        word = _body_only_word(article)
        if word is None:
            continue
        having = [url for url, text in texts.items() if re.search(rf"\b{word}\b", text)]
        assert having == [f"/{article.docname}.html"], word
        checked += 1
        if checked == 2:
            break
    assert checked == 2


def test_copy_button_and_last_updated(real_site):
    with_code = next(a for a in ARTICLES if re.search(r"(?m)^```", _source(a)))
    page = (real_site / f"{with_code.docname}.html").read_text()
    assert "copybutton.js" in page
    assert "Last updated on" in page  # the real site is a git checkout


def test_read_the_docs_build_uses_the_canonical_url(site):
    """The engine on Read the Docs: its variables, not conf.py, give every absolute address."""
    canonical = "https://example.org/en/latest/"
    src = site()
    result = strict_cli_build(src, READTHEDOCS="True", READTHEDOCS_CANONICAL_URL=canonical)
    assert result.returncode == 0, result.stderr
    out = src / "_build" / "html"
    articles = sorted((src / "articles").glob("[0-9]*.md"))
    page_name = f"articles/{articles[0].stem}.html"
    page = soup(out, page_name)
    assert page.select_one('link[rel="canonical"]')["href"] == canonical + page_name
    assert page.select_one('meta[property="og:url"]')["content"] == canonical + page_name
    assert json.loads(page.select_one('script[type="application/ld+json"]').string)["url"].startswith(canonical)
    assert "fieldnotes-rtd-search.js" in str(page)
    root = ET.parse(out / "sitemap.xml").getroot()
    locations = [loc.text for loc in root.findall(".//{*}loc")]
    assert len(locations) > len(articles)
    assert [loc for loc in locations if not loc.startswith(canonical)] == []
    feed = feedparser.parse((out / "feeds/atom.xml").read_bytes())
    assert feed.feed.links[0].href == canonical + "feeds/atom.xml"
    assert soup(out, "404.html").select_one("a[href^='/en/latest/']") is not None
    robots = Protego.parse((out / "robots.txt").read_text(encoding="utf-8"))
    assert robots.can_fetch(canonical + page_name, "Googlebot")
    assert robots.can_fetch(canonical + "search.html", "Googlebot")
    assert not robots.can_fetch(canonical + "search.html?q=gpu", "Googlebot")
    assert list(robots.sitemaps) == [canonical + "sitemap.xml"]
    scripts = page.select("script[src]")
    assert scripts
    for script in scripts:
        assert not script["src"].startswith(("http:", "https:", "//")), script["src"]


def test_offline_build_loads_nothing_from_other_hosts(real_site):
    for path in real_site.rglob("*.html"):
        html = read_only_soup(real_site, path.relative_to(real_site).as_posix())
        for tag in html.select("script[src], link[rel=stylesheet], img[src]"):
            url = tag.get("src") or tag.get("href")
            assert not url.startswith(("http:", "https:", "//")), (path, url)
        assert "fieldnotes-rtd-search.js" not in str(html)


def test_category_and_tag_pages_describe_what_they_list(real_site):
    """Their own description, not sphinxext-opengraph's cut of the page text (which can split
    a character reference in two)."""
    counts = Counter(f"categories/{a.category}.html" for a in ARTICLES)
    counts.update(f"tags/{tag}.html" for a in ARTICLES for tag in a.tags)
    assert len(counts) > len({a.category for a in ARTICLES})  # tag pages are checked too
    for page, count in sorted(counts.items()):
        html = read_only_soup(real_site, page)
        description = html.select_one('meta[name="description"]')["content"]
        assert re.match(rf"{count} articles? ", description), (page, description)
        assert html.select_one('meta[property="og:description"]')["content"] == description
