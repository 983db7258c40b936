"""Every link of the real site resolves, as LinkChecker finds it on a local server: from every
built page, from the 404 page served three folders deep, and from the site's own absolute URLs
(feeds, sitemap, canonical and feed links), mapped back to the local copy."""

from __future__ import annotations

import csv
import re
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import feedparser

from tests import siteconf
from tests.browser import require, serve

LINKCHECKER = Path(sys.executable).parent / "linkchecker"
INSTALL_LINKCHECKER = "the link check needs LinkChecker: `pip install -r requirements-test.txt`"
BASE = siteconf.html_baseurl
# A missing URL three folders deep, where a static host serves the 404 page.
DEEP_MISSING = "/a/b/c/missing"
# LinkChecker waits between requests to one host unless the server allows more (the server
# below sends the "LinkChecker" header that it asks for).
CONFIG = "[checking]\nmaxrequestspersecond=1000\n"
OWN_URL = re.compile(re.escape(BASE) + r"""[^\s"'<>&]*""")


def own_urls(outdir: Path) -> set[str]:
    """Every URL of the site that the build writes as absolute, in pages, sitemap and feeds."""
    texts = [page.read_text(encoding="utf-8") for page in outdir.rglob("*.html")]
    texts.append((outdir / "sitemap.xml").read_text(encoding="utf-8"))
    for path in sorted((outdir / "feeds").rglob("*.xml")):
        feed = feedparser.parse(path.read_bytes())
        texts += [link.href for link in feed.feed.get("links", [])]
        for entry in feed.entries:
            texts += [link.href for link in entry.get("links", [])]
            texts += [content.value for content in entry.get("content", [])]
    return {url for text in texts for url in OWN_URL.findall(text)}


def broken_links(outdir: Path, config_dir: Path) -> list[str]:
    """What LinkChecker reports for the site in ``outdir``: one line per broken link."""
    require(LINKCHECKER.is_file(), INSTALL_LINKCHECKER)
    config_dir.mkdir(exist_ok=True)
    config = config_dir / "linkcheckerrc"
    config.write_text(CONFIG)
    config_dir.chmod(0o755)  # LinkChecker run as root reads it as 'nobody'
    # LinkChecker reads the links of pages that answer 200 only: the 404 page is served at the
    # deep URL as it is, with 200 (the test below checks the host's real answer there).
    with serve(outdir, headers={"LinkChecker": "allow"},
               aliases={DEEP_MISSING: "404.html"}) as site:
        local = site.url.rstrip("/")
        starts = [f"{local}/{page.relative_to(outdir).as_posix()}" for page in outdir.rglob("*.html")]
        starts += [local + DEEP_MISSING]
        starts += sorted(f"{local}/{url.removeprefix(BASE)}" for url in own_urls(outdir))
        result = subprocess.run(
            [str(LINKCHECKER), "--config", str(config), "--no-status", "--no-warnings",
             "--output", "csv", "--threads", "2", "--stdin"],
            input="\n".join(starts), capture_output=True, text=True, check=False)
    rows = csv.DictReader((line for line in result.stdout.splitlines() if not line.startswith("#")),
                          delimiter=";")
    broken = [f"{row['url']} (linked from {row['parentname'] or 'the start'}): {row['result']}"
              for row in rows if row["valid"] != "True"]
    assert broken or result.returncode == 0, result.stderr
    return broken


def test_the_missing_url_gets_the_404_page(real_site):
    with serve(real_site) as site:
        try:
            urllib.request.urlopen(site.url.rstrip("/") + DEEP_MISSING)
        except urllib.error.HTTPError as error:
            assert error.code == 404
            assert error.read() == (real_site / "404.html").read_bytes()
        else:
            raise AssertionError("a missing URL answered 200")


def test_every_link_resolves(real_site, tmp_path):
    assert broken_links(real_site, tmp_path) == []


def test_the_link_checker_reports_what_is_broken(tmp_path):
    """A known-bad site: a broken page link, a 404 page whose link is relative, and a feed
    entry that links to a page the site does not have."""
    site = tmp_path / "site"
    (site / "feeds").mkdir(parents=True)
    (site / "sections").mkdir()
    page = '<!DOCTYPE html><html lang="en"><head><title>t</title></head><body>{}</body></html>'
    (site / "index.html").write_text(page.format('<a href="missing.html">m</a>'))
    (site / "404.html").write_text(page.format('<a href="sections/one.html">one</a>'))
    (site / "sections/one.html").write_text(page.format(""))
    (site / "sitemap.xml").write_text('<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"/>')
    (site / "feeds/atom.xml").write_text(
        '<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><id>x</id><updated>2026-01-01T00:00:00Z</updated>'
        f'<entry><title>e</title><id>y</id><updated>2026-01-01T00:00:00Z</updated><link href="{BASE}gone.html"/></entry></feed>')
    broken = broken_links(site, tmp_path / "config")
    assert len(broken) == 3, broken
    for url in ("/missing.html", "/a/b/c/sections/one.html", "/gone.html"):
        assert any(url + " " in line for line in broken), (url, broken)
