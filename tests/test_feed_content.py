"""A full-text feed entry is its article's page body, rendered from the article's doctree:
no title, no permalinks, every link absolute, each warning given once, and only the articles
a full-text feed holds are rendered."""

from __future__ import annotations

from io import StringIO
from pathlib import Path
from urllib.parse import urljoin
from xml.etree import ElementTree as ET

from bs4 import BeautifulSoup
from sphinx.testing.util import SphinxTestApp

from fieldnotes.outputs import atomfeeds
from tests.atom import A
from tests.building import build, touch_later

BASE = "https://fieldnotes.example.org/"
ARTICLE = "articles/03-gpu-sizing"
BOX_SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"><rect width="8" height="8"/></svg>\n'
EXTRA = """
## Measured

![A black box](box.svg)

The numbers are in {download}`the sizing sheet <sizing.csv>`.

| GPU | Memory |
| --- | --- |
| A10 | 24 GB |
"""


def _contents(feed: Path) -> dict[str, str]:
    """Entry link -> its content's HTML, for the entries that carry content."""
    root = ET.parse(feed).getroot()
    return {entry.find(f"{A}link").get("href"): entry.find(f"{A}content").text
            for entry in root.iter(f"{A}entry") if entry.find(f"{A}content") is not None}


def _urls(fragment: BeautifulSoup, base: str) -> list[str]:
    return [urljoin(base, tag.get("href") or tag.get("src"))
            for tag in fragment.find_all(["a", "img"]) if tag.get("href") or tag.get("src")]


def _add_media(src: Path) -> None:
    (src / "articles/box.svg").write_text(BOX_SVG, encoding="utf-8")
    (src / "articles/sizing.csv").write_text("gpu,memory\nA10,24\n", encoding="utf-8")
    with (src / f"{ARTICLE}.md").open("a", encoding="utf-8") as article:
        article.write(EXTRA)
    # Written last, at the top: the page the builder rendered last is not in the article's folder.
    (src / "zz-last.md").write_text("---\norphan: true\n---\n\n# Last\n\nWritten last.\n",
                                    encoding="utf-8")


def test_an_entry_is_the_page_body_without_title_or_permalinks_and_with_absolute_links(site):
    src = site()
    _add_media(src)
    out, warnings = build(src)
    assert warnings == ""
    url = BASE + f"{ARTICLE}.html"
    entry = BeautifulSoup(_contents(out / "feeds/atom.xml")[url], "html.parser")
    page = BeautifulSoup((out / f"{ARTICLE}.html").read_text(encoding="utf-8"), "html.parser")
    body = page.select_one("article > section")  # the page's body: its title is in the header
    for permalink in body.select("a.headerlink"):
        permalink.decompose()
    assert entry.find("h1") is None and entry.select("a.headerlink") == []
    assert entry.get_text() == body.get_text()
    assert [t.name for t in entry.find_all(True)] == [t.name for t in [body, *body.find_all(True)]]
    # Every link and image is absolute, and points where the page's own does.
    entry_urls = [tag.get("href") or tag.get("src") for tag in entry.find_all(["a", "img"])]
    assert all(u.startswith(BASE) for u in entry_urls if not u.startswith("mailto:"))
    assert entry_urls == _urls(body, url)
    image, = entry.find_all("img")
    assert image["src"].startswith(BASE + "_images/")
    assert (out / image["src"].removeprefix(BASE)).is_file()
    download, = [a["href"] for a in entry.find_all("a") if "sizing.csv" in a["href"]]
    assert download.startswith(BASE + "_downloads/") and (out / download.removeprefix(BASE)).is_file()


def test_a_broken_reference_is_reported_once_not_again_for_the_feed(site):
    src = site()
    with (src / f"{ARTICLE}.md").open("a", encoding="utf-8") as article:
        article.write("\nSee {ref}`no-such-label`.\n")
    _, warnings = build(src)
    assert warnings.count("no-such-label") == 1, warnings


def test_only_the_articles_a_full_text_feed_holds_are_rendered(site, monkeypatch):
    src = site()
    moved = src / "articles/01-overview.md"  # now the older of two in its category
    moved.write_text(moved.read_text(encoding="utf-8").replace("category: ai-llms", "category: gpu-compute"),
                     encoding="utf-8")
    rendered: list[str] = []
    render = atomfeeds._article_body

    def counted(app, docname):
        rendered.append(docname)
        return render(app, docname)

    monkeypatch.setattr(atomfeeds, "_article_body", counted)
    out, _ = build(src, fieldnotes_feed_length=1)
    full_feeds = [out / "feeds/atom.xml", *sorted((out / "feeds/category").glob("*.xml"))]
    held = {url.removeprefix(BASE).removesuffix(".html") for feed in full_feeds for url in _contents(feed)}
    assert sorted(rendered) == sorted(held)  # each once, and none a feed leaves out
    assert "articles/01-overview" not in held and len(held) == 3


def test_an_article_with_an_odd_file_name_is_rendered(site):
    """The content is rendered from the doctree, so no URL is ever taken for a file path."""
    src = site()
    (src / "notes").mkdir()
    for name in ("with space", "café"):
        (src / f"notes/{name}.md").write_text(
            f"---\norphan: true\n---\n\n# A page named oddly\n\nThe body of {name}.\n", encoding="utf-8")
    app = SphinxTestApp("html", srcdir=src, status=StringIO(), warning=StringIO())
    try:
        app.build()
        for name in ("with space", "café"):
            body = atomfeeds._article_body(app, f"notes/{name}")
            assert f"The body of {name}." in body and "A page named oddly" not in body
    finally:
        app.cleanup()


def test_a_rebuild_renders_only_the_articles_whose_page_was_written_again(built_site, monkeypatch):
    """Each body is kept with a digest of its page: a body edit renders that one
    article again, and the feed shows the edit."""
    rendered: list[str] = []
    render = atomfeeds._article_body
    monkeypatch.setattr(atomfeeds, "_article_body",
                        lambda app, docname: rendered.append(docname) or render(app, docname))
    article = built_site / f"{ARTICLE}.md"
    article.write_text(article.read_text(encoding="utf-8").replace(
        "Start from the memory", "Begin with the memory"), encoding="utf-8")
    touch_later(article)
    out, warnings = build(built_site)
    assert warnings == "" and rendered == [ARTICLE]
    assert any("Begin with the memory" in body for body in _contents(out / "feeds/atom.xml").values())
